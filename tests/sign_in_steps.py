"""AppTest steps on the sign-in page: fill Create account, fill Sign in (shared by app and reliability tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def text_input(at: AppTest, label: str, form: str):
    return next(w for w in at.text_input if w.label == label and w.form_id == form)


def register(
    at: AppTest, username: str, password: str, email: str | None = None, last_name: str = "Rivera"
) -> None:
    """Fill Create account and submit; on success the session is signed in."""
    form = "Register user"
    text_input(at, "First name", form).input("Sam")
    text_input(at, "Last name (optional)", form).input(last_name)
    text_input(at, "Email", form).input(email or f"{username}@example.org")
    text_input(at, "Username", form).input(username)
    text_input(at, "Password", form).input(password)
    text_input(at, "Repeat password", form).input(password)
    solve_captcha(at)
    next(b for b in at.button if b.label == "Create account").click().run()


def solve_captcha(at: AppTest, wrong: bool = False) -> None:
    """Type the captcha's digits, as a person reading the picture would (the captcha is on by default).

    AppTest can't read a picture: the digits come from the session, decrypted with the key the
    page encrypts them with (the cookie key). Nothing happens when the form shows no captcha.
    """
    box = [w for w in at.text_input if w.key == "register.captcha"]
    if not box:
        return
    import os

    from streamlit_authenticator.utilities import Encryptor

    from core import auth
    from tests.factories import files_store

    key = auth.cookie_key(
        files_store(os.environ["REBOUND_DATA_DIR"]), os.environ.get("REBOUND_COOKIE_KEY", "")
    )
    digits = Encryptor(key).decrypt(at.session_state["register.captcha_code"])
    box[0].input("0000" if wrong and digits != "0000" else digits if not wrong else "1111")


def login(at: AppTest, username: str, password: str) -> None:
    text_input(at, "Username", "Login").input(username)
    text_input(at, "Password", "Login").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
