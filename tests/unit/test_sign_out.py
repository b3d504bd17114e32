"""A sign-out cuts off every sign-in cookie issued before it, even one the browser kept."""

from __future__ import annotations

import time

import jwt
import pytest

from core import auth

KEY = "k" * 64
DAYS = 30.0


def _cookie(username: str, issued: float, key: str = KEY) -> str:
    return jwt.encode({"username": username, "exp_date": issued + DAYS * 86_400}, key, algorithm="HS256")


@pytest.fixture
def root(data_dir):
    auth.ensure_setup(data_dir)
    auth.add_user(data_dir, "sam", {"email": "sam@example.org", "password": "$2b$12$hash"})
    return data_dir


def test_a_cookie_is_accepted_before_any_sign_out(root):
    credentials = auth.load_credentials(root)
    assert auth.cookie_issued_after_sign_out(credentials, _cookie("sam", time.time()), KEY, DAYS)


def test_a_cookie_issued_before_the_sign_out_is_refused(root):
    cookie = _cookie("sam", time.time() - 60)
    auth.mark_signed_out(root, "sam", time.time())
    assert not auth.cookie_issued_after_sign_out(auth.load_credentials(root), cookie, KEY, DAYS)


def test_a_cookie_from_a_later_sign_in_is_accepted(root):
    auth.mark_signed_out(root, "sam", time.time() - 60)
    assert auth.cookie_issued_after_sign_out(
        auth.load_credentials(root), _cookie("sam", time.time()), KEY, DAYS
    )


@pytest.mark.parametrize(
    "cookie",
    [
        _cookie("sam", time.time(), key="forged-" + "x" * 60),
        _cookie("nobody", time.time()),
        "not-a-token",
        jwt.encode({"username": "sam"}, KEY, algorithm="HS256"),
    ],
    ids=["wrong-key", "unknown-user", "garbage", "no-expiry"],
)
def test_a_forged_or_malformed_cookie_is_refused(root, cookie):
    assert not auth.cookie_issued_after_sign_out(auth.load_credentials(root), cookie, KEY, DAYS)


def test_signing_out_one_person_leaves_others_alone(root):
    auth.add_user(root, "robin", {"email": "robin@example.org", "password": "$2b$12$hash"})
    robin_cookie = _cookie("robin", time.time() + 1)  # signed in after registering
    robin_before = auth.load_credentials(root)["usernames"]["robin"]
    auth.mark_signed_out(root, "sam", time.time() + 2)
    credentials = auth.load_credentials(root)
    assert auth.cookie_issued_after_sign_out(credentials, robin_cookie, KEY, DAYS)
    assert credentials["usernames"]["robin"] == robin_before


def test_a_cookie_from_an_earlier_account_of_the_same_name_does_not_open_a_new_one(data_dir):
    auth.ensure_setup(data_dir)
    old_cookie = _cookie("sam", time.time() - 60)  # left in a browser by a since-deleted "sam"
    auth.add_user(data_dir, "sam", {"email": "new-sam@example.org", "password": "$2b$12$hash"})
    assert not auth.cookie_issued_after_sign_out(auth.load_credentials(data_dir), old_cookie, KEY, DAYS)
