"""The key through the pages: codes after sign-up, Forgot password?, Unlock, Account's codes, new passwords."""

from __future__ import annotations

import json
import threading
import time
from datetime import date

from streamlit.testing.v1 import AppTest

from core import auth, content, crypto, keys
from core.models import Intake, Vent
from core.storage import Person, user_id
from pages import _drafts as drafts
from pages import _keys as keys_ui
from pages import _shell as shell
from tests.app.conftest import APP
from tests.factories import PASSWORD, add_encrypted_person, files_store
from tests.sign_in_steps import login, register, text_input

NEW_PASSWORD = "Quiet-Meadow-77"


def fresh_tab() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def signed_in_with_key(username: str = "sam", key: bytes | None = None) -> AppTest:
    """A signed-in session (as the cookie would restore it) holding `key`, or no key at all."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = "Sam Rivera"
    at.session_state[shell.SIGNED_IN_AT] = time.time()
    if key is not None:
        at.session_state[shell.DATA_KEY] = key
    return at


def forgot(at: AppTest, username: str, code: str, password: str, repeat: str | None = None) -> None:
    form = keys_ui.FORGOT
    if content.FORGOT_TITLE in [b.label for b in at.button]:  # the form opens when asked for
        button(at, content.FORGOT_TITLE).click().run()
    text_input(at, "Username", form).input(username)
    text_input(at, "Recovery code", form).input(code)
    text_input(at, "New password", form).input(password)
    text_input(at, "Repeat new password", form).input(password if repeat is None else repeat)
    button(at, "Set new password").click().run()


def shown_codes(at: AppTest) -> list[str]:
    return next(c.value for c in at.code).splitlines()


def test_after_sign_up_start_here_shows_eight_codes_that_open_the_key_and_a_text_file(data_dir):
    at = fresh_tab()
    register(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    at.run()  # the browser's next run, once the cookie is set: Start here
    assert at.title[0].value == content.START_TITLE
    codes = shown_codes(at)
    assert len(codes) == 8 and content.CODES_WHY in [m.value for m in at.markdown]
    account = files_store(data_dir).account("sam")
    key = at.session_state[shell.DATA_KEY]
    assert all(crypto.open_with_code(account.keyring.codes, code, user_id("sam"))[1] == key for code in codes)
    text = keys_ui.codes_file("sam", codes).decode()
    assert all(code in text for code in codes) and "Forgot password?" in text
    # Nothing on disk holds a code or the key.
    on_disk = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert not any(code.encode() in on_disk for code in codes) and key not in on_disk
    button(at, content.CODES_KEPT).click().run()
    assert files_store(data_dir).account("sam").keyring.codes_kept
    assert not at.code and not at.exception


def test_what_a_new_person_writes_is_sealed_on_disk(data_dir):
    at = fresh_tab()
    register(at, "sam", PASSWORD)
    at.run()
    next(t for t in at.text_input if t.label == "Company").input("Quokka Industries")
    button(at, "Save").click().run()
    assert not at.exception
    files = list((data_dir / "users" / user_id("sam") / "setbacks").glob("*.json"))
    assert len(files) == 1 and b"Quokka" not in files[0].read_bytes()
    assert crypto.is_sealed(json.loads(files[0].read_bytes())["intake"])


def test_remind_me_later_leaves_a_gentle_reminder_on_account_only(data_dir):
    at = fresh_tab()
    register(at, "sam", PASSWORD)
    at.run()
    button(at, content.CODES_LATER).click().run()
    assert not at.code
    assert content.CODES_REMINDER not in [i.value for i in at.info]  # no nagging on Start here
    at.switch_page("pages/account.py").run()
    assert content.CODES_REMINDER in [i.value for i in at.info]
    assert content.codes_left(8) in [m.value for m in at.markdown]
    button(at, content.CODES_KEPT).click().run()
    assert content.CODES_REMINDER not in [i.value for i in at.info]
    assert not at.exception


def test_a_new_set_on_account_replaces_the_old_codes(data_dir):
    store = files_store(data_dir)
    person, old = add_encrypted_person(store)
    at = signed_in_with_key(key=person.key)
    at.run()
    at.switch_page("pages/account.py").run()
    button(at, content.CODES_NEW).click().run()
    new = shown_codes(at)
    assert len(new) == 8 and not set(new) & set(old)
    ring = files_store(data_dir).account("sam").keyring
    assert crypto.open_with_code(ring.codes, old[0], user_id("sam")) is None
    assert crypto.open_with_code(ring.codes, new[0], user_id("sam"))[1] == person.key
    assert content.CODES_RENEWED in [m.value for m in at.markdown]
    assert not at.exception


def test_forgot_password_with_a_code_signs_in_with_everything_and_the_code_is_used_up(data_dir):
    store = files_store(data_dir)
    person, codes = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    store.save_stage(person, setback.id, "vent", Vent(text="still here after a new password"))
    at = fresh_tab()
    forgot(at, "Sam", codes[4], NEW_PASSWORD)
    assert at.session_state["authentication_status"] is True
    assert at.session_state[shell.DATA_KEY] == person.key
    assert content.forgot_done(7) in [t.value for t in at.toast]
    at.run()
    at.switch_page("pages/vent.py").run()
    assert "still here after a new password" in [t.value for t in at.text_area]
    assert auth.verify_password(NEW_PASSWORD, files_store(data_dir).account("sam").password_hash)
    # The new password signs in and unlocks; the used code is refused.
    again = fresh_tab()
    login(again, "sam", NEW_PASSWORD)
    assert again.session_state[shell.DATA_KEY] == person.key
    third = fresh_tab()
    forgot(third, "sam", codes[4], "Another-Meadow-78")
    assert content.FORGOT_REFUSED in [e.value for e in third.error]
    assert not third.session_state["authentication_status"]
    assert not at.exception and not third.exception


def test_forgot_password_checks_the_new_password_before_using_a_code(data_dir):
    store = files_store(data_dir)
    _, codes = add_encrypted_person(store)
    at = fresh_tab()
    forgot(at, "sam", codes[0], "short")
    assert content.REGISTER_PROBLEMS["password_short"] in [e.value for e in at.error]
    forgot(at, "sam", codes[0], NEW_PASSWORD, repeat=NEW_PASSWORD + "x")
    assert content.FORGOT_REPEAT in [e.value for e in at.error]
    assert keys.codes_left(files_store(data_dir).account("sam")) == 8
    assert not at.exception


def test_wrong_codes_pause_the_account_like_wrong_passwords(data_dir):
    store = files_store(data_dir)
    _, codes = add_encrypted_person(store)
    at = fresh_tab()
    for _ in range(5):
        forgot(at, "sam", crypto.new_code(), NEW_PASSWORD)
    assert content.login_paused(15) in [e.value for e in at.error]
    forgot(at, "sam", codes[0], NEW_PASSWORD)
    assert content.login_paused(15) in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    login(at, "sam", PASSWORD)  # the same pause holds for the password
    assert not at.session_state["authentication_status"]
    assert not at.exception


def test_the_sign_in_page_says_honestly_what_can_be_done_without_a_code(app_signed_out):
    at = app_signed_out
    assert "Recovery code" not in [t.label for t in at.text_input]  # one username field until asked
    button(at, content.FORGOT_TITLE).click().run()
    assert content.FORGOT_NO_CODE in [c.value for c in at.caption]
    assert "Recovery code" in [t.label for t in at.text_input]
    button(at, content.FORGOT_BACK).click().run()
    assert "Recovery code" not in [t.label for t in at.text_input]
    assert not at.exception


def test_a_signed_in_window_without_the_key_asks_for_the_password_only(data_dir):
    store = files_store(data_dir)
    person, _ = add_encrypted_person(store)
    store.create(person, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    at = signed_in_with_key()  # e.g. a cookie from before its sign-in was remembered
    at.run()
    assert at.title[0].value == content.UNLOCK_TITLE
    assert [t.label for t in at.text_input] == ["Password"]
    assert content.START_TITLE not in [t.value for t in at.title]
    text_input(at, "Password", "unlock").input("Wrong-Password-1")
    button(at, "Unlock").click().run()
    assert content.UNLOCK_WRONG in [e.value for e in at.error]
    assert files_store(data_dir).account("sam").failed_sign_ins == 1
    text_input(at, "Password", "unlock").input(PASSWORD)
    button(at, "Unlock").click().run()
    assert at.session_state[shell.DATA_KEY] == person.key
    assert at.title[0].value == content.START_TITLE
    assert not at.exception


def test_changing_the_password_on_account_keeps_everything_readable_with_the_new_one(data_dir):
    store = files_store(data_dir)
    person, _ = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    at = signed_in_with_key(key=person.key)
    at.run()
    at.switch_page("pages/account.py").run()
    text_input(at, "Current password", "account.password").input(PASSWORD)
    text_input(at, "New password", "account.password").input(NEW_PASSWORD)
    text_input(at, "Repeat new password", "account.password").input(NEW_PASSWORD)
    button(at, "Change password").click().run()
    assert content.PASSWORD_SAVED in [s.value for s in at.success]
    account = files_store(data_dir).account("sam")
    opened = crypto.open_with_password(account.keyring.password, NEW_PASSWORD, user_id("sam"))
    assert files_store(data_dir).load(Person.named("sam", opened), setback.id).intake.company == "Acme"
    assert not at.exception


def test_signing_out_drops_the_key_and_every_remembered_sign_in(data_dir):
    store = files_store(data_dir)
    person, _ = add_encrypted_person(store)
    keys.remember_sign_in(store, "sam", person.key, "jti-1", time.time(), time.time() + 600)
    at = signed_in_with_key(key=person.key)
    at.run()
    next(b for b in at.sidebar.button if b.label == content.SIGN_OUT).click().run()
    assert not at.session_state["authentication_status"]
    assert shell.DATA_KEY not in at.session_state
    assert files_store(data_dir).account("sam").keyring.sign_ins == ()
    assert not at.exception


def test_with_encryption_off_a_new_account_has_no_key_and_writes_plaintext(monkeypatch, data_dir):
    monkeypatch.setenv("REBOUND_ENCRYPTION", "off")
    at = fresh_tab()
    register(at, "sam", PASSWORD)
    assert files_store(data_dir).account("sam").keyring is None
    at.run()
    assert not at.code
    next(t for t in at.text_input if t.label == "Company").input("Plainly Inc")
    button(at, "Save").click().run()
    files = list((data_dir / "users" / user_id("sam") / "setbacks").glob("*.json"))
    assert b"Plainly Inc" in files[0].read_bytes()
    at.switch_page("pages/account.py").run()
    assert content.CODES_OFF in [c.value for c in at.caption]
    assert not at.exception


def test_the_first_sign_in_since_encryption_shows_codes_and_seals_older_writing_beside_it(
    data_dir, monkeypatch
):
    from core.storage import Store
    from tests.factories import add_person

    store = files_store(data_dir)
    plain = add_person(store, "sam")
    setback = store.create(plain, Intake(company="Plainly Inc", heard_on=date(2025, 3, 1)))
    store.save_stage(plain, setback.id, "vent", Vent(text="written before encryption"))
    path = data_dir / "users" / user_id("sam") / "setbacks" / f"{setback.id}.json"
    # The sweep is held at its start: the sign-in and the pages must not wait for it.
    release, started = threading.Event(), threading.Event()
    real = Store.seal_everything
    events = []

    def held(self, person):
        events.append("sweep")
        started.set()
        assert release.wait(60)
        return real(self, person)

    monkeypatch.setattr(Store, "seal_everything", held)
    page_drawn = drafts.run_finished
    monkeypatch.setattr(drafts, "run_finished", lambda: events.append("page drawn") or page_drawn())
    try:
        at = fresh_tab()
        login(at, "sam", PASSWORD)
        assert at.session_state["authentication_status"] is True
        assert started.wait(30)
        # It starts once the page the sign-in opened is drawn: reading every setback beside that
        # run would slow it.
        assert events[-2:] == ["page drawn", "sweep"]
        at.run()
        assert content.CODES_UPGRADED in [m.value for m in at.markdown]
        assert len(shown_codes(at)) == 8
        at.switch_page("pages/vent.py").run()
        assert "written before encryption" in [t.value for t in at.text_area]  # plaintext, readable
        assert b"written before" in path.read_bytes()  # the sweep has not run yet
    finally:
        release.set()
    deadline = time.monotonic() + 30
    while keys._sweeping and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not keys._sweeping
    assert b"Plainly" not in path.read_bytes() and b"written before" not in path.read_bytes()
    at.run()
    assert "written before encryption" in [t.value for t in at.text_area]  # sealed, and opens
    assert not at.exception


def test_the_export_of_encrypted_writing_is_the_persons_plaintext_and_its_readme_says_so(
    data_dir, monkeypatch
):
    import io
    import zipfile

    from streamlit.runtime.media_file_manager import MediaFileManager

    from core import data_zip

    store = files_store(data_dir)
    person, _ = add_encrypted_person(store, "sam")
    setback = store.create(person, Intake(company="Quokka Industries", heard_on=date(2025, 3, 1)))
    store.save_stage(person, setback.id, "vent", Vent(text="only mine, sealed at rest"))
    on_disk = (data_dir / "users" / user_id("sam") / "setbacks" / f"{setback.id}.json").read_bytes()
    assert b"Quokka" not in on_disk and b"only mine" not in on_disk
    made = []
    original = MediaFileManager.add_deferred

    def capture(self, data_callable, *args, **kwargs):
        made.append(data_callable)
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    at = signed_in_with_key("sam", person.key)
    at.run()
    at.switch_page("pages/account.py").run()
    [make_zip] = made
    archive = zipfile.ZipFile(io.BytesIO(make_zip()))
    member = archive.read(f"rebound-export/setbacks/{setback.id}.json")
    assert b'"company": "Quokka Industries"' in member and b"only mine, sealed at rest" in member
    assert crypto.ENVELOPE.encode() not in member
    [exported] = data_zip.read_zip(archive.fp.getvalue())
    assert exported == store.load(person, setback.id)
    readme = archive.read("rebound-export/README.txt").decode()
    assert "This export is not encrypted." in readme
    assert not at.exception
