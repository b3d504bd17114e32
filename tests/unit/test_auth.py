"""core.auth: passwords, registration rules, signing in with a pause, sign-in cookies, the authenticator's view."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from core import auth
from core.storage import AccountUnreadable, SaveFailed, Store
from tests.factories import PASSWORD, add_person, files_store

KEY = "k" * 64
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
COOL_DOWN = timedelta(minutes=15)


@pytest.fixture
def store(tmp_path) -> Store:
    made = files_store(tmp_path / "data")
    add_person(made, "sam")
    return made


def sign_in(store: Store, password: str, username: str = "sam", now: datetime = NOW):
    return auth.check_sign_in(store, username, password, max_attempts=5, cool_down=COOL_DOWN, now=now)


# -- passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Calm-Harbor-42",
        "correct horse battery staple " * 2 + "staple",
        "ünïcödé-пароль-密码-🙂🙂",
        "x" * 73,
        "é" * 40,
    ],
    ids=["plain", "long-passphrase", "any-unicode", "73-bytes", "80-bytes-of-accents"],
)
def test_any_password_hashes_and_verifies_and_nothing_else_does(password):
    hashed = auth.hash_password(password)
    assert hashed.startswith("$2b$12$")
    assert auth.verify_password(password, hashed)
    assert not auth.verify_password(password + "!", hashed)
    assert not auth.verify_password(password[:-1], hashed)


@pytest.mark.parametrize(
    "typed", ["a quiet harbour at dawn ", "  a quiet harbour at dawn", "a quiet harbour at dawn"]
)
def test_spaces_at_either_end_of_a_password_do_not_count_as_the_sign_in_form_trims_them(typed):
    # The authenticator's sign-in form strips the password; registering must mean the same.
    hashed = auth.hash_password(typed)
    assert auth.verify_password(typed.strip(), hashed)
    assert auth.verify_password(typed, hashed)
    assert not auth.verify_password("a quiet harbour at dusk", hashed)
    assert auth.password_problem("  short  ") == "password_short"


def test_every_character_of_a_long_passphrase_counts():
    # bcrypt alone looks at 72 bytes only; a passphrase that differs after that must not match.
    base = "a" * 72
    assert not auth.verify_password(base + "tail-two", auth.hash_password(base + "tail-one"))


def test_a_hash_made_before_long_passphrases_still_verifies():
    import bcrypt

    old = bcrypt.hashpw(b"Calm-Harbor-42", bcrypt.gensalt(4)).decode()
    assert auth.verify_password("Calm-Harbor-42", old)


@pytest.mark.parametrize("stored", ["", "not-a-hash", "$2b$12$short", "$2b$12$" + "x" * 53])
def test_a_malformed_hash_never_matches_and_never_crashes(stored):
    assert not auth.verify_password(PASSWORD, stored)


# -- registration ------------------------------------------------------------------------------


def form(**changes) -> auth.Registration:
    values = {
        "first_name": "Li",
        "last_name": "",
        "email": "li.wei@example.org",
        "username": "li.wei",
        "password": "Quiet-River-77",
        "repeat": "Quiet-River-77",
    }
    return auth.Registration(**(values | changes))


@pytest.mark.parametrize("username", ["li.wei", "ana-maría", "José_1", "sam", "li.wei@example.org", "Zoë"])
def test_usernames_with_dots_hyphens_accents_or_an_email_are_accepted(username):
    assert auth.registration_problems(form(username=username)) == {}


@pytest.mark.parametrize("username", ["", " ", "a b", "../x", "x" * 61, "sam;drop", "<b>", "a/b"])
def test_usernames_that_could_confuse_are_refused(username):
    assert auth.registration_problems(form(username=username)) == {"username": "username"}


def test_the_last_name_is_optional_and_the_first_name_is_not():
    assert auth.registration_problems(form(last_name="")) == {}
    assert auth.registration_problems(form(first_name="  ")) == {"first_name": "first_name"}


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1!", "password_short"),
        ("password", "password_common"),
        ("PASSWORD123", "password_common"),
        ("li.wei", "password_short"),
        ("li.wei@example.org", "password_common"),
        ("x" * 1001, "password_long"),
        ("a long passphrase with spaces and no digits", None),
        ("#hash-is-fine#", None),
        ("ünïcödé🙂🙂", None),
        ("x" * 64, None),
    ],
)
def test_only_short_long_or_common_passwords_are_refused(password, problem):
    result = auth.registration_problems(form(password=password, repeat=password)).get("password")
    assert result == problem


def test_two_different_passwords_are_caught():
    assert auth.registration_problems(form(repeat="Quiet-River-78")) == {"repeat": "repeat"}


def test_every_problem_key_has_words():
    from core import content

    keys = {"first_name", "last_name", "email", "username", "password_short", "password_long"}
    assert keys | {"password_common", "repeat", "captcha"} <= set(content.REGISTER_PROBLEMS)


def test_a_new_account_keeps_the_hash_only_and_voids_older_cookies_of_that_name():
    account = auth.new_account(form(username="  Li.Wei "), now=NOW)
    assert account.username == "li.wei"
    assert account.password_hash != "Quiet-River-77"
    assert auth.verify_password("Quiet-River-77", account.password_hash)
    assert account.sessions_after == NOW.timestamp()


# -- signing in --------------------------------------------------------------------------------


def test_the_right_password_signs_in_and_clears_failed_attempts(store):
    assert sign_in(store, "wrong") is None
    assert store.account("sam").failed_sign_ins == 1
    assert sign_in(store, PASSWORD).username == "sam"
    assert store.account("sam").failed_sign_ins == 0
    assert sign_in(store, PASSWORD, username=" SAM ").username == "sam"


def test_five_failures_pause_the_account_even_for_the_right_password_until_the_cool_down(store):
    for attempt in range(4):
        assert sign_in(store, f"wrong-{attempt}", now=NOW + timedelta(seconds=attempt)) is None
    with pytest.raises(auth.SignInPaused):
        sign_in(store, "wrong-4", now=NOW + timedelta(seconds=4))
    with pytest.raises(auth.SignInPaused):
        sign_in(store, PASSWORD, now=NOW + timedelta(minutes=10))
    assert sign_in(store, PASSWORD, now=NOW + timedelta(minutes=16)).username == "sam"


def test_a_failed_attempt_that_cannot_be_counted_grants_no_guess(store, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise SaveFailed(why="No space left on device")

    monkeypatch.setattr(store.backend, "record_failed_sign_in", full_disk)
    with pytest.raises(auth.SignInPaused):
        sign_in(store, "wrong")


def test_a_damaged_account_cannot_sign_in_and_says_so(store, monkeypatch):
    def damaged(_username):
        raise AccountUnreadable("account.json is damaged")

    monkeypatch.setattr(store.backend, "get_account", damaged)
    with pytest.raises(auth.SignInUnavailable):
        sign_in(store, PASSWORD)


def test_an_unknown_username_costs_a_full_password_check(store, monkeypatch):
    checked = []
    real = auth.verify_password
    monkeypatch.setattr(
        auth, "verify_password", lambda password, hashed: checked.append(hashed) or real(password, hashed)
    )
    assert sign_in(store, PASSWORD, username="nobody") is None
    assert checked == [auth._dummy_hash()]
    assert store.account("nobody") is None


# -- sign-in cookies ---------------------------------------------------------------------------


def cookie(
    username: str = "sam", issued: float | None = None, days: float = 30, key: str = KEY, **claims
) -> str:
    issued = time.time() if issued is None else issued
    payload = auth.new_claims(username, days, now=issued) | claims
    return jwt.encode(payload, key, algorithm="HS256")


def test_a_fresh_cookie_reads_back_with_when_it_was_issued():
    issued = time.time() - 5
    token = auth.read_token(cookie(issued=issued), KEY)
    assert (token.username, token.issued_at) == ("sam", pytest.approx(issued))
    assert token.token_id


@pytest.mark.parametrize(
    "bad",
    [
        cookie(key="forged-" + "x" * 60),
        "not-a-token",
        jwt.encode({"username": "sam"}, KEY, algorithm="HS256"),
        cookie(exp_date="tomorrow"),
        cookie(exp_date=None),
        cookie(exp_date=[1]),
        cookie(exp_date=float("nan")),
        cookie(exp_date=time.time() + 10 * 365 * 86_400),
        cookie(exp_date=time.time() - 1),
        cookie(iat="yesterday"),
        cookie(iat=time.time() + 3600),
        cookie(username=""),
        jwt.encode({"username": "sam", "exp_date": time.time() + 60}, KEY, algorithm="HS512"),
    ],
    ids=[
        "wrong-key",
        "garbage",
        "no-expiry",
        "expiry-text",
        "expiry-null",
        "expiry-list",
        "expiry-nan",
        "expiry-absurd",
        "expired",
        "issued-text",
        "issued-in-future",
        "no-username",
        "other-algorithm",
    ],
)
def test_a_forged_malformed_or_expired_cookie_is_refused_without_an_error(bad):
    assert auth.read_token(bad, KEY) is None


def test_a_cookie_issued_before_a_sign_out_no_longer_opens_the_account_and_a_later_one_does(store):
    before = auth.read_token(cookie(issued=time.time() - 60), KEY)
    store.update_account("sam", sessions_after=time.time() - 30)
    after = auth.read_token(cookie(issued=time.time()), KEY)
    account = store.account("sam")
    assert not auth.session_valid(account, before.issued_at)
    assert auth.session_valid(account, after.issued_at)
    assert not auth.session_valid(None, after.issued_at)


def test_shortening_the_cookie_expiry_never_revives_a_cookie_issued_before_a_sign_out(store):
    """The exact case: issued with 30 days, signed out, then the operator sets 1 day."""
    issued = time.time() - 3 * 86_400
    old = cookie(issued=issued, days=30)
    store.update_account("sam", sessions_after=issued + 60)  # signed out a minute later
    token = auth.read_token(old, KEY)
    # Working the issue time back from the expiry with today's 1-day setting would give
    # "issued 29 days from then": after the sign-out. The cookie says when it was issued.
    assert token.issued_at == pytest.approx(issued)
    assert not auth.session_valid(store.account("sam"), token.issued_at)


def test_a_cookie_from_before_issue_times_were_recorded_counts_as_old_as_it_could_be(store):
    legacy = jwt.encode({"username": "sam", "exp_date": time.time() + 86_400}, KEY, algorithm="HS256")
    token = auth.read_token(legacy, KEY)
    assert token.issued_at <= time.time() + 86_400 - auth.MAX_COOKIE_DAYS * 86_400
    store.update_account("sam", sessions_after=time.time() - 3600)
    assert not auth.session_valid(store.account("sam"), token.issued_at)


# -- the authenticator's view and the cookie key -----------------------------------------------


def test_the_authenticator_sees_one_account_at_a_time_and_never_the_hash(store):
    view = auth.AuthenticatorAccounts(store)
    assert "sam" in view and "SAM" in view and "nobody" not in view and 42 not in view
    record = view["sam"]
    assert record == {"email": "sam@example.org", "first_name": "Sam", "last_name": "Rivera", "roles": None}
    record["logged_in"] = True
    record["failed_login_attempts"] = 99
    assert "logged_in" not in view["sam"]
    assert store.account("sam").failed_sign_ins == 0
    with pytest.raises(KeyError):
        view["nobody"]
    with pytest.raises(NotImplementedError):
        list(view)
    with pytest.raises(NotImplementedError):
        len(view)


def test_the_cookie_key_is_random_long_kept_and_shared_by_stores_on_one_folder(tmp_path):
    one, two = files_store(tmp_path / "a"), files_store(tmp_path / "b")
    key = auth.cookie_key(one)
    assert len(key) >= auth.MIN_COOKIE_KEY_CHARS and key not in auth.KNOWN_DEFAULT_KEYS
    assert auth.cookie_key(files_store(tmp_path / "a")) == key
    assert auth.cookie_key(two) != key
    assert (tmp_path / "a" / "cookie.key").stat().st_mode & 0o777 == 0o600
    assert auth.cookie_key(one, configured="c" * 64) == "c" * 64


@pytest.mark.parametrize("weak", ["some_signature_key", "abcdef", "short-but-not-32-bytes"])
def test_a_weak_or_placeholder_cookie_key_is_replaced(tmp_path, weak):
    files_store(tmp_path)
    (tmp_path / "cookie.key").write_text(weak)
    key = auth.cookie_key(files_store(tmp_path))
    assert key != weak and len(key) >= auth.MIN_COOKIE_KEY_CHARS
    assert (tmp_path / "cookie.key").read_text() == key


def test_loosened_permissions_on_the_cookie_key_are_made_private_again(tmp_path):
    auth.cookie_key(files_store(tmp_path))
    (tmp_path / "cookie.key").chmod(0o666)
    auth.cookie_key(files_store(tmp_path))
    assert (tmp_path / "cookie.key").stat().st_mode & 0o777 == 0o600


def test_the_rules_shown_before_the_first_attempt_state_the_limits_that_are_enforced():
    from core import content

    assert f"{auth.MIN_PASSWORD} characters" in content.PASSWORD_RULES
    assert f"{auth.USERNAME_MAX} characters" in content.USERNAME_RULES
    assert "accents" in content.USERNAME_RULES and "email" in content.USERNAME_RULES
    assert "(optional)" in content.REGISTER_FIELDS["Last name"]
    # What the words promise is what the rules let through, and one character more is refused.
    for username in ("li.wei", "ana-maría", "José_1", "x" * auth.USERNAME_MAX, "li.wei@example.org"):
        assert "username" not in auth.registration_problems(form(username=username)), username
    assert auth.registration_problems(form(username="x" * (auth.USERNAME_MAX + 1))) == {
        "username": "username"
    }
    short = "q#" * (auth.MIN_PASSWORD // 2)  # any characters, '#' included
    assert auth.registration_problems(form(password=short, repeat=short)) == {}
    assert auth.registration_problems(form(password=short[:-1], repeat=short[:-1])) == {
        "password": "password_short"
    }


# -- where a request comes from, device cookies, held sign-outs ----------------------------------


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        (None, "", (), "127.0.0.1"),  # Streamlit reports this machine as None
        ("203.0.113.7", "", (), "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),  # not a trusted proxy: its header is ignored
        (None, "198.51.100.1", ("127.0.0.1",), "198.51.100.1"),
        (None, "6.6.6.6, 198.51.100.1", ("127.0.0.1",), "198.51.100.1"),  # the left part is the client's word
        ("10.0.0.5", "198.51.100.1, 10.0.0.9", ("10.0.0.0/8",), "198.51.100.1"),  # two proxies
        (None, "not-an-address", ("127.0.0.1",), "127.0.0.1"),
        ("2001:db8:1:2:3:4:5:6", "", (), "2001:db8:1:2::/64"),  # IPv6 counts by its /64
        ("::ffff:203.0.113.7", "", (), "203.0.113.7"),
    ],
)
def test_the_client_address_believes_x_forwarded_for_only_from_trusted_proxies(
    peer, forwarded, trusted, client
):
    assert auth.client_address(peer, forwarded, trusted) == client


def test_a_device_cookie_names_the_account_by_id_and_is_never_a_sign_in_cookie():
    token = jwt.encode(auth.new_device_claims("Sam"), KEY, algorithm="HS256")
    device = auth.read_device(token, KEY)
    assert device is not None and "sam" not in jwt.decode(token, KEY, algorithms=["HS256"])["device"]
    assert auth.read_token(token, KEY) is None  # no "username": it opens nothing by itself
    assert auth.read_device(cookie(), KEY) is None  # and a sign-in cookie is not a device cookie
    assert auth.read_device(token, "other-" + "k" * 60) is None
    expired = jwt.encode(
        auth.new_device_claims("sam", now=time.time() - 400 * 86_400), KEY, algorithm="HS256"
    )
    assert auth.read_device(expired, KEY) is None


def test_a_sign_out_storage_refuses_is_held_in_memory_and_written_later(store, monkeypatch):
    issued = time.time() - 60
    real = store.backend.update_account

    def full_disk(*_args, **_kwargs):
        raise SaveFailed(why="No space left on device")

    monkeypatch.setattr(store.backend, "update_account", full_disk)
    held = auth.PendingSignOuts()
    monkeypatch.setattr(auth, "SIGN_OUTS", held)
    assert held.record(store, "sam", time.time()) is False
    assert not auth.session_valid(store.account("sam"), issued)  # refused although not written
    assert held.retry(store) is False
    monkeypatch.setattr(store.backend, "update_account", real)
    assert held.retry(store) is True and not held
    assert store.account("sam").sessions_after > issued
    assert not auth.session_valid(store.account("sam"), issued)
