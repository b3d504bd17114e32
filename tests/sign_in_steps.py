"""AppTest steps on the sign-in page: fill Create account, fill Login (shared by app and reliability tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def text_input(at: AppTest, label: str, form: str):
    return next(w for w in at.text_input if w.label == label and w.form_id == form)


def register(at: AppTest, username: str, password: str, email: str | None = None) -> None:
    form = "Register user"
    text_input(at, "First name", form).input("Sam")
    text_input(at, "Last name", form).input("Rivera")
    text_input(at, "Email", form).input(email or f"{username}@example.org")
    text_input(at, "Username", form).input(username)
    text_input(at, "Password", form).input(password)
    text_input(at, "Repeat password", form).input(password)
    next(b for b in at.button if b.label == "Create account").click().run()


def login(at: AppTest, username: str, password: str) -> None:
    text_input(at, "Username", "Login").input(username)
    text_input(at, "Password", "Login").input(password)
    next(b for b in at.button if b.label == "Login").click().run()
