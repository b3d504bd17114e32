"""Issue 6.5: no username reaches another person's folder or the credentials; no session sees another's setback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import bcrypt
import pytest
import yaml

from core import auth
from core.models import Intake, Vent
from core.storage import SetbackNotFound, Store, user_id
from pages import _shell as shell
from tests.reliability._apptest import app_as, everything_shown

pytestmark = pytest.mark.reliability

ALICE_SECRET = "Quokka-Alice-Secret"
HOSTILE = [
    "../alice",
    "alice/..",
    "./alice",
    "alice/../alice",
    "../../credentials.yaml",
    "../credentials.yaml",
    "credentials.yaml",
    "cookie.key",
    "users",
    "..",
    "con",
    "nul.txt",
    "a" * 300,
    "🙂alice",
    "alice\x00",
    "a\\..\\alice",
    user_id("alice"),
    f"../{user_id('alice')}",
    f"users/{user_id('alice')}",
]


def files_under(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


def hashed(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


@pytest.fixture
def alice(data_dir):
    auth.ensure_setup(data_dir)
    auth.add_user(data_dir, "alice", {"email": "alice@example.org", "password": hashed("Alice-Pass-1")})
    store = Store(data_dir)
    setback = store.create("alice", Intake(company=ALICE_SECRET, heard_on=date(2025, 1, 1)))
    store.save_stage("alice", setback.id, "vent", Vent(text=f"{ALICE_SECRET} vent"))
    return setback


def test_hostile_usernames_stay_in_their_own_folders_and_never_touch_alices_or_the_credentials(
    data_dir, alice
):
    alice_files_before = files_under(data_dir / "users" / user_id("alice"))
    credentials_before = (data_dir / "credentials.yaml").read_bytes()
    key_before = (data_dir / "cookie.key").read_bytes()
    store = Store(data_dir)
    folders = {}
    for name in HOSTILE:
        created = store.create(name, Intake(company=f"Hostile {len(folders)}", heard_on=date(2025, 1, 2)))
        store.save_stage(name, created.id, "vent", Vent(text="not alice"))
        folder = store.user_dir(name)
        assert folder.resolve().parent == (data_dir / "users").resolve(), name
        folders[name] = folder
        # Everything this name can see is its own; alice's setback can't be reached by id.
        assert [s.id for s in store.list(name).setbacks] == [created.id], name
        with pytest.raises(SetbackNotFound):
            store.load(name, alice.id)
        with pytest.raises(SetbackNotFound):
            store.save_stage(name, alice.id, "vent", Vent(text="overwritten"))
    assert len(set(folders.values())) == len(HOSTILE)  # no two share a folder
    assert store.user_dir("alice") not in folders.values()
    for name in HOSTILE:
        store.delete_user(name)
    assert files_under(data_dir / "users" / user_id("alice")) == alice_files_before
    assert (data_dir / "credentials.yaml").read_bytes() == credentials_before
    assert (data_dir / "cookie.key").read_bytes() == key_before
    assert [s.id for s in Store(data_dir).list("alice").setbacks] == [alice.id]


def test_case_and_space_variants_are_one_account_so_no_second_person_can_take_alices_name(data_dir, alice):
    # The authenticator signs "Alice" in as "alice" (lower-cased, trimmed), and storage agrees.
    for variant in ("Alice", "ALICE", " alice ", "alicE", "alice\n"):
        assert user_id(variant) == user_id("alice")
        with pytest.raises(auth.AccountError, match="already taken"):
            auth.add_user(
                data_dir, variant, {"email": f"{len(variant)}@example.org", "password": hashed("x")}
            )
    assert list(auth.load_credentials(data_dir)["usernames"]) == ["alice"]


def test_hostile_usernames_in_the_credentials_file_stay_separate_entries(data_dir, alice):
    for index, name in enumerate(n for n in HOSTILE if n.strip().lower() != "alice"):
        auth.add_user(data_dir, name, {"email": f"h{index}@example.org", "password": hashed("x")})
    users = yaml.safe_load((data_dir / "credentials.yaml").read_text())["usernames"]
    assert auth.password_matches({"usernames": users}, "alice", "Alice-Pass-1")
    assert users["alice"]["email"] == "alice@example.org"
    assert all(isinstance(name, str) for name in users)
    assert auth.file_mode(data_dir / "credentials.yaml") == 0o600


# -- a signed-in session never shows another person's setback ---------------------------------


@pytest.mark.parametrize("page", list(shell.PAGES.values()), ids=list(shell.PAGES))
def test_another_persons_setback_id_in_session_state_shows_nothing_of_theirs(data_dir, alice, page):
    mine = Store(data_dir).create("bob", Intake(company="Bob's own company", heard_on=date(2025, 2, 1)))
    at = app_as("bob")
    at.session_state["setback_id"] = alice.id
    at.query_params["setback_id"] = alice.id
    at.query_params["id"] = alice.id
    at.run()
    at.switch_page(page)
    at.session_state["setback_id"] = alice.id  # again, right before the page runs
    at.run()
    shown = everything_shown(at)
    assert ALICE_SECRET not in shown
    assert alice.id not in shown
    assert at.session_state["setback_id"] != alice.id
    if page.endswith("start.py"):
        assert "Bob's own company" in shown or "Bob\\'s own company" in shown
    assert Store(data_dir).load("bob", mine.id) == mine
    assert Store(data_dir).load("alice", alice.id).vent.text == f"{ALICE_SECRET} vent"
    assert not at.exception


def test_a_person_with_no_setbacks_given_someone_elses_id_is_pointed_to_start_here(data_dir, alice):
    at = app_as("carol")
    at.session_state["setback_id"] = alice.id
    at.run()
    at.switch_page("pages/vent.py")
    at.session_state["setback_id"] = alice.id
    at.run()
    assert ALICE_SECRET not in everything_shown(at)
    assert any("no setback" in i.value.lower() for i in at.info)
    assert not at.exception
