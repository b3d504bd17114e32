"""core.storage.legacy: a data folder from before the storage seam is upgraded in place, losing nothing."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.auth import verify_password
from core.storage import Person, StoreMisconfigured, legacy, open_location
from core.storage.files import FileBackend

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "layout-v1"
PASSWORDS = {"sam": "Calm-Harbor-42", "li.wei": "Quiet-River-77", "noor": "Bright-Lantern-9"}


@pytest.fixture
def old_folder(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def test_every_account_password_and_setback_survives_the_upgrade(old_folder):
    store = open_location(f"files:{old_folder}")
    assert store.count_accounts() == 3
    for username, password in PASSWORDS.items():
        assert verify_password(password, store.account(username).password_hash), username
    sam = store.account("sam")
    assert (sam.first_name, sam.last_name, sam.email, sam.sessions_after) == (
        "Sam",
        "Rivera",
        "sam@example.org",
        1764000000.0,
    )
    noor = store.account("noor")
    assert (noor.failed_sign_ins, noor.failed_sign_in_at) == (2, datetime(2026, 11, 20, 10, tzinfo=UTC))
    assert store.account_by_email("noor@example.org").username == "noor"
    listing = store.list(Person("sam"))
    assert [s.intake.company for s in listing.setbacks] == ["Globex", "Initech"]
    assert listing.setbacks[0].vent.text == "Marker-vent-sam: so close."
    assert listing.setbacks[1].archived and listing.setbacks[1].reflect.learned == "Lead with outcomes"
    assert [s.intake.company for s in store.list(Person("li.wei")).setbacks] == ["Umbrella"]
    assert listing.problems == []


def test_the_old_file_is_kept_renamed_and_a_second_start_changes_nothing(old_folder):
    original = (old_folder / "credentials.yaml").read_bytes()
    open_location(f"files:{old_folder}")
    assert not (old_folder / "credentials.yaml").exists()
    [kept] = old_folder.glob("credentials.yaml.upgraded-*")
    assert kept.read_bytes() == original
    records = {p: p.read_bytes() for p in old_folder.glob("users/*/account.json")}
    assert len(records) == 3
    assert legacy.upgrade(FileBackend(old_folder)) == 0
    assert {p: p.read_bytes() for p in old_folder.glob("users/*/account.json")} == records


def test_a_crash_half_way_through_is_finished_by_the_next_start(old_folder, monkeypatch):
    backend = FileBackend(old_folder)
    real_add = FileBackend.add_account
    calls = []

    def crash_on_second(self, account, **options):
        calls.append(account.username)
        if len(calls) == 2:
            raise SystemExit("killed mid-upgrade")
        return real_add(self, account, **options)

    monkeypatch.setattr(FileBackend, "add_account", crash_on_second)
    with pytest.raises(SystemExit):
        legacy.upgrade(backend)
    monkeypatch.setattr(FileBackend, "add_account", real_add)
    assert (old_folder / "credentials.yaml").exists()  # not renamed: the upgrade is not finished
    store = open_location(f"files:{old_folder}")
    assert store.count_accounts() == 3
    for username, password in PASSWORDS.items():
        assert verify_password(password, store.account(username).password_hash)


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # emptied to 0 bytes
        b"usernames:\n  sam:\n    email: sam@example.org\n    password: $2b$04$hfLhBa0a",  # cut inside
        b"usernames: [not, a, mapping",
        b"usernames:\n  sam: {email: x}\n",  # no password hash
        b"\xff\xfe",
        b"- just a list\n",
    ],
)
def test_a_damaged_old_file_stops_the_start_and_is_left_alone(old_folder, damage):
    (old_folder / "credentials.yaml").write_bytes(damage)
    with pytest.raises(StoreMisconfigured) as stopped:
        open_location(f"files:{old_folder}")
    assert "credentials.yaml" in str(stopped.value) and "Nothing was changed" in str(stopped.value)
    assert (old_folder / "credentials.yaml").read_bytes() == damage
    assert list(old_folder.glob("users/*/account.json")) == []
    assert len(list(old_folder.glob("users/*/setbacks/*.json"))) == 3


def test_an_empty_old_file_with_no_peoples_folders_upgrades_to_no_accounts(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "credentials.yaml").write_text("usernames: {}\n")
    assert open_location(f"files:{folder}").count_accounts() == 0
