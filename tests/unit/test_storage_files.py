"""core.storage.files: what the files backend does on disk — layout, privacy, set-aside, cache, sweeps.

What every backend must do is in tests/contract/; this file holds what only files can show.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.models import Intake, Reflect, Setback, Vent, WentWell
from core.storage import (
    AccountUnreadable,
    NameHeld,
    Person,
    SetbackNotFound,
    SetbackUnreadable,
    Store,
    user_id,
)
from core.storage import files as files_module
from core.storage.files import TEMP_PREFIX
from tests.factories import add_person, files_store

TODAY = date.today()
SAM = Person("sam")


def intake(company: str = "Acme", days_ago: int = 0, **values) -> Intake:
    return Intake(company=company, heard_on=TODAY - timedelta(days=days_ago), **values)


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(root) -> Store:
    made = files_store(root)
    add_person(made, "sam")
    return made


def setback_file(root: Path, username: str, setback_id: str) -> Path:
    return root / "users" / user_id(username) / "setbacks" / f"{setback_id}.json"


def _age(path: Path, seconds: float) -> None:
    """Make a file look as if it was last written `seconds` ago."""
    then = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(then, then))


# -- layout and privacy -----------------------------------------------------------------------


def test_a_setback_is_one_readable_json_file_in_the_persons_folder(store, root):
    created = store.create(SAM, intake(role="Designer"))
    store.save_stage(SAM, created.id, "vent", Vent(text="raw\nwords"))
    data = json.loads(setback_file(root, "sam", created.id).read_text("utf-8"))
    assert data["intake"]["company"] == "Acme"
    assert data["vent"]["text"] == "raw\nwords"
    assert Setback.model_validate(data).id == created.id


def test_every_file_and_folder_is_private_to_the_owner(store, root):
    created = store.create(SAM, intake())
    store.save_draft(SAM, created.id, "vent", {"text": "half"})
    folder = root / "users" / user_id("sam")
    for path in (
        folder / "account.json",
        folder / "account.last-good.json",
        setback_file(root, "sam", created.id),
    ):
        assert path.stat().st_mode & 0o777 == 0o600, path
    for path in (root, root / "users", folder, folder / "setbacks", folder / "drafts"):
        assert path.stat().st_mode & 0o777 == 0o700, path


def test_an_email_index_entry_names_the_account_and_no_lock_is_shared_by_all_accounts(store, root):
    add_person(store, "kim")
    assert sorted(p.name for p in (root / "emails").iterdir()) == sorted(
        [files_module.email_id("sam@example.org"), files_module.email_id("kim@example.org")]
    )
    store.create(SAM, intake())
    locks = {p.name for p in (root / "locks").iterdir()}
    assert f"{user_id('sam')}.lock" in locks
    assert not any(name.startswith(("credentials", "accounts", "users", "global")) for name in locks)


HOSTILE_USERNAMES = ["../x", "../../etc", "a/b", "a\\b", "..", ".", "CON", "NUL", "aux.txt", "x" * 199]
HOSTILE_USERNAMES += ["🙂", "sam\x00evil", "credentials.yaml", "../emails", "locks", "users"]


@pytest.mark.parametrize("username", HOSTILE_USERNAMES)
def test_a_hostile_username_gets_a_plain_folder_inside_the_users_folder(store, root, username):
    person = add_person(store, username)
    created = store.create(person, intake())
    [path] = [p for p in (root / "users").glob("u*/setbacks/*.json") if p.stem == created.id]
    assert path.parents[1].parent == root / "users"
    assert re.fullmatch(r"u[0-9a-f]{40}", path.parents[1].name)
    assert store.load(person, created.id) == created


def test_distinct_usernames_never_share_a_folder():
    names = set(HOSTILE_USERNAMES) | {"alice", "bob", "x" * 198}
    assert len({user_id(name) for name in names}) == len(names)
    assert len({user_id(name) for name in ("Alice", "alice", "ALICE", " alice ")}) == 1


def test_a_username_that_looks_like_a_user_id_does_not_reach_that_persons_folder(store):
    mine = store.create(SAM, intake("Sam's company"))
    impostor = add_person(store, user_id("sam"))
    assert store.list(impostor).setbacks == []
    with pytest.raises(SetbackNotFound):
        store.load(impostor, mine.id)


def test_reading_for_someone_with_no_account_creates_no_folder(store, root):
    ghost = Person("nobody-yet")
    assert store.list(ghost).setbacks == []
    with pytest.raises(SetbackNotFound):
        store.load(ghost, "0" * 32)
    assert store.load_draft(ghost, "0" * 32, "vent") is None
    assert not (root / "users" / user_id("nobody-yet")).exists()


# -- broken files are set aside, never deleted -------------------------------------------------


def test_a_cut_file_is_renamed_aside_with_its_bytes_and_named_by_its_company(store, root):
    broken = store.create(SAM, intake("Initech"))
    path = setback_file(root, "sam", broken.id)
    cut = path.read_bytes()[:-40]
    path.write_bytes(cut)
    [problem] = files_store(root).list(SAM).problems
    assert "the setback for Initech" in problem.message
    [aside] = path.parent.glob(f"{broken.id}.json.corrupt-*")
    assert re.fullmatch(rf"{broken.id}\.json\.corrupt-\d{{8}}-\d{{6}}-\d{{6}}", aside.name)
    assert aside.read_bytes() == cut
    assert not path.exists()
    assert aside.name not in problem.message  # no file names reach the person


def test_a_file_without_a_readable_company_is_called_one_of_your_setbacks(store, root):
    broken = store.create(SAM, intake())
    setback_file(root, "sam", broken.id).write_bytes(b"\x00\xff not json")
    [problem] = store.list(SAM).problems
    assert "one of your setbacks" in problem.message


def test_saving_a_stage_of_a_damaged_setback_never_overwrites_what_is_left_of_it(store, root):
    broken = store.create(SAM, intake("Initech"))
    path = setback_file(root, "sam", broken.id)
    path.write_text('{"schema_version": 2, "intake": ')
    with pytest.raises(SetbackUnreadable):
        store.save_stage(SAM, broken.id, "vent", Vent(text="new"))
    [aside] = path.parent.glob(f"{broken.id}.json.corrupt-*")
    assert aside.read_text() == '{"schema_version": 2, "intake": '


def test_a_broken_companys_name_cannot_smuggle_markdown_into_the_warning(store, root):
    broken = store.create(SAM, intake())
    path = setback_file(root, "sam", broken.id)
    data = json.loads(path.read_text())
    data["intake"]["company"] = "[click me](https://evil.example) ![x](https://evil.example/x.png) :red[hi]"
    data["surprise"] = True  # now it no longer matches the schema
    path.write_text(json.dumps(data))
    [problem] = store.list(SAM).problems
    assert "click me" in problem.message
    assert not set("[]()!:<>") & set(problem.message.split(":", 1)[0])


def test_a_valid_setback_under_another_id_is_set_aside_as_copied_in(store, root):
    mine = store.create(SAM, intake("Mine"))
    stranger = Setback(intake=intake("Copied in"))
    (setback_file(root, "sam", mine.id).parent / f"{'f' * 32}.json").write_text(stranger.model_dump_json())
    listing = store.list(SAM)
    assert [s.id for s in listing.setbacks] == [mine.id]
    [problem] = listing.problems
    assert "different setback" in problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_that_cannot_be_opened_is_set_aside(store, root):
    broken = store.create(SAM, intake("Locked"))
    setback_file(root, "sam", broken.id).chmod(0)
    [problem] = files_store(root).list(SAM).problems
    assert "permissions" in problem.message


def test_a_symlink_planted_where_a_setback_should_be_is_not_followed(store, root, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text(Setback(intake=intake("Elsewhere")).model_dump_json())
    mine = store.create(SAM, intake())
    path = setback_file(root, "sam", mine.id)
    path.unlink()
    path.symlink_to(secret)
    listing = files_store(root).list(SAM)
    assert listing.setbacks == []
    assert "link" in listing.problems[0].message
    assert secret.exists()


def test_a_damaged_account_record_is_read_from_its_last_good_copy_and_not_written_over(store, root):
    (root / "users" / user_id("sam") / "account.json").write_text('{"username": "sa')
    fresh = files_store(root)
    assert fresh.account("sam").first_name == "Sam"
    with pytest.raises(AccountUnreadable) as refused:
        fresh.update_account("sam", first_name="Changed")
    assert "account.json" in refused.value.operator
    assert (root / "users" / user_id("sam") / "account.json").read_text() == '{"username": "sa'


def test_setbacks_left_without_an_account_hold_the_name_for_the_operator(store, root, caplog):
    """A lost account record is damage, not a free name: a newcomer would inherit those setbacks."""
    old = store.create(SAM, intake("From before"))
    (root / "users" / user_id("sam") / "account.json").unlink()
    (root / "users" / user_id("sam") / "account.last-good.json").unlink()
    fresh = files_store(root)
    with pytest.raises(NameHeld) as held:
        add_person(fresh, "sam", email="newcomer@example.org")
    assert str(root / "users" / user_id("sam")) in held.value.operator
    assert (root / "users" / user_id("sam") / "setbacks" / f"{old.id}.json").exists()
    assert fresh.account("sam") is None and fresh.account_by_email("newcomer@example.org") is None
    assert any(str(root / "users" / user_id("sam")) in r.getMessage() for r in caplog.records)


def test_leftovers_without_setbacks_are_set_aside_not_shown_to_a_newcomer(store, root):
    folder = root / "users" / user_id("sam")
    store.save_draft(SAM, store.create(SAM, intake("From before")).id, "vent", {"text": "half"})
    for path in (folder / "setbacks").iterdir():
        path.unlink()
    for name in ("account.json", "account.last-good.json"):
        (folder / name).unlink()
    fresh = files_store(root)
    add_person(fresh, "sam", email="newcomer@example.org")
    assert fresh.list(SAM).setbacks == [] and fresh.drafts(SAM) == []
    [aside] = (root / "users").glob(f".orphaned-{user_id('sam')}-*")
    assert list((aside / "drafts").iterdir())


# -- the parse cache ---------------------------------------------------------------------------


@pytest.fixture
def counted_reads(monkeypatch):
    reads = []
    real = files_module.read_bytes

    def counting(path):
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(files_module, "read_bytes", counting)
    return reads


def test_a_settled_unchanged_file_is_listed_without_reading_it(store, root, counted_reads):
    setback = store.create(SAM, intake())
    _age(setback_file(root, "sam", setback.id), 10)
    store.list(SAM)  # reads it once and sees it has settled
    counted_reads.clear()
    assert [s.id for s in store.list(SAM).setbacks] == [setback.id]
    assert [name for name in counted_reads if name.endswith(f"{setback.id}.json")] == []


def test_a_freshly_written_file_is_read_again_every_time(store, counted_reads):
    setback = store.create(SAM, intake())
    store.list(SAM)
    counted_reads.clear()
    store.list(SAM)
    store.list(SAM)
    assert [name for name in counted_reads if name == f"{setback.id}.json"] == [f"{setback.id}.json"] * 2


def test_a_file_replaced_within_one_clock_tick_at_the_same_size_is_not_read_stale(store, root):
    """File times can repeat within a tick; the cache must not hand back the older contents."""
    other = files_store(root)
    created = store.create(SAM, intake())
    store.save_stage(SAM, created.id, "vent", Vent(text="aaaa"))
    path = setback_file(root, "sam", created.id)
    assert store.load(SAM, created.id).vent.text == "aaaa"
    before = path.stat()
    other.save_stage(SAM, created.id, "vent", Vent(text="bbbb"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert store.load(SAM, created.id).vent.text == "bbbb"
    store.save_stage(SAM, created.id, "reflect", Reflect(learned="x"))
    assert files_store(root).load(SAM, created.id).vent.text == "bbbb"


def test_a_change_to_a_settled_file_by_another_process_is_seen(store, root):
    other = files_store(root)
    setback = store.create(SAM, intake())
    _age(setback_file(root, "sam", setback.id), 10)
    store.list(SAM)
    other.save_stage(SAM, setback.id, "went_well", WentWell(wins=["Reached the final round"]))
    assert store.load(SAM, setback.id).went_well.wins == ["Reached the final round"]
    assert store.list(SAM).setbacks[0].went_well.wins == ["Reached the final round"]


# -- crashes -----------------------------------------------------------------------------------


def test_temp_files_a_crash_left_are_cleared_on_the_next_start(store, root):
    created = store.create(SAM, intake())
    folder = setback_file(root, "sam", created.id).parent
    (folder / f"{TEMP_PREFIX}half-written").write_bytes(b'{"schema_version": 2, "int')
    (root / f"{TEMP_PREFIX}root-leftover").write_bytes(b"x")
    next_start = files_store(root)
    assert next_start.list(SAM).setbacks == [created]
    assert list(folder.glob(f"{TEMP_PREFIX}*")) == []
    assert list(root.glob(f"{TEMP_PREFIX}*")) == []


def test_a_deleted_account_vanishes_in_one_rename_and_leaves_no_folder(store, root):
    store.create(SAM, intake())
    store.remove_account("sam")
    assert not (root / "users" / user_id("sam")).exists()
    assert list((root / "users").glob(".deleting-*")) == []


# -- documents (the prep sheet) ----------------------------------------------------------------


def prep_file(root: Path, username: str = "sam") -> Path:
    return root / "users" / user_id(username) / "documents" / "prep.json"


def test_the_prep_sheet_is_one_private_json_file_in_the_persons_documents_folder(store, root):
    from core.models import PrepSheet

    store.save_prep_sheet(SAM, PrepSheet(company="Globex"))
    path = prep_file(root)
    assert json.loads(path.read_text("utf-8"))["company"] == "Globex"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_prep_sheet_that_does_not_parse_is_renamed_aside_with_its_bytes(store, root):
    from core.storage import DocumentUnreadable

    path = prep_file(root)
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(b'{"company": "Glob')
    with pytest.raises(DocumentUnreadable):
        store.load_prep_sheet(SAM)
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("prep.json.corrupt-")]
    assert aside.read_bytes() == b'{"company": "Glob'
    assert not path.exists()


@pytest.mark.parametrize("planted", ["folder", "symlink"])
def test_a_folder_or_link_where_the_prep_sheet_should_be_is_set_aside_and_never_followed(
    store, root, tmp_path, planted
):
    from core.storage import DocumentUnreadable

    path = prep_file(root)
    path.parent.mkdir(parents=True, mode=0o700)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"company": "Not yours"}')
    if planted == "folder":
        path.mkdir()
    else:
        path.symlink_to(elsewhere)
    with pytest.raises(DocumentUnreadable):
        store.load_prep_sheet(SAM)
    assert not path.exists() and not path.is_symlink()
    assert [p for p in path.parent.iterdir() if p.name.startswith("prep.json.corrupt-")]
    assert elsewhere.read_text() == '{"company": "Not yours"}'
    assert store.load_prep_sheet(SAM).company == ""


def test_a_settled_unchanged_folder_is_listed_without_a_stat_per_file_and_every_change_still_shows(
    store, monkeypatch
):
    sam = Person.named("sam")
    first, second = store.create(sam, intake("Acme")), store.create(sam, intake("Globex", 1))
    monkeypatch.setattr(files_module, "SETTLED_NS", -(10**12))  # everything counts as settled at once
    store.list(sam)  # read, and the folder's stamp kept
    calls = []
    real_lstat = files_module.os.lstat
    monkeypatch.setattr(
        files_module.os, "lstat", lambda path, *a, **k: calls.append(path) or real_lstat(path, *a, **k)
    )
    assert [s.id for s in store.list(sam).setbacks] == [first.id, second.id]
    assert calls == []  # nothing changed: no file looked at
    # A save, a new setback and a deletion each move the folder's stamp: all of them show.
    store.save_stage(sam, second.id, "vent", Vent(text="still annoyed"))
    assert {s.id: s.vent and s.vent.text for s in store.list(sam).setbacks}[second.id] == "still annoyed"
    third = store.create(sam, intake("Initech", 2))
    assert [s.id for s in store.list(sam).setbacks] == [first.id, second.id, third.id]
    store.delete_setback(sam, first.id)
    assert [s.id for s in store.list(sam).setbacks] == [second.id, third.id]
