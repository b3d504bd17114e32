"""core.storage: round trips, per-stage merges, broken files set aside, usernames kept in their folders."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.models import Gratitude, Intake, Reflect, Setback, Summary, Thanks, Vent, WentWell
from core.storage import (
    TEMP_PREFIX,
    SetbackNotFound,
    SetbackUnreadable,
    Store,
    user_id,
)

TODAY = date.today()


def intake(company: str = "Acme", days_ago: int = 0, **values) -> Intake:
    return Intake(company=company, heard_on=TODAY - timedelta(days=days_ago), **values)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


def setback_file(store: Store, username: str, setback_id: str) -> Path:
    return store.root / "users" / user_id(username) / "setbacks" / f"{setback_id}.json"


# -- round trips ----------------------------------------------------------------------------


def test_a_created_setback_reads_back_equal(store):
    created = store.create("sam", intake(role="Designer", message="Thanks, but no."))
    assert store.load("sam", created.id) == created
    assert Store(store.root).load("sam", created.id) == created  # from disk, not from a cache
    assert store.list("sam").setbacks == [created]


def test_every_stage_saved_reads_back_with_its_save_time(store):
    created = store.create("sam", intake())
    stages = {
        "vent": Vent(text="raw\nwords"),
        "reflect": Reflect(learned="lead with outcomes"),
        "went_well": WentWell(wins=["final round"]),
        "gratitude": Gratitude(entries=[Thanks(text="the recruiter", person="Ana")]),
        "summary": Summary(future_note="you got through it"),
    }
    for stage, model in stages.items():
        store.save_stage("sam", created.id, stage, model)
    loaded = Store(store.root).load("sam", created.id)
    for stage, model in stages.items():
        saved = loaded.stage(stage)
        assert saved is not None and saved.saved_at is not None
        assert saved.model_copy(update={"saved_at": None}) == model
    assert loaded.intake == created.intake


def test_the_intake_can_be_corrected_without_touching_the_stages(store):
    created = store.create("sam", intake())
    store.save_stage("sam", created.id, "vent", Vent(text="kept"))
    store.save_stage("sam", created.id, "intake", intake(company="Acme Rockets"))
    loaded = store.load("sam", created.id)
    assert (loaded.intake.company, loaded.vent.text) == ("Acme Rockets", "kept")


def test_a_stage_must_be_saved_with_its_own_model(store):
    created = store.create("sam", intake())
    with pytest.raises(TypeError):
        store.save_stage("sam", created.id, "vent", Reflect())
    with pytest.raises(TypeError):
        store.save_stage("sam", created.id, "archived", Vent())


def test_files_are_private_to_the_owner(store):
    created = store.create("sam", intake())
    path = setback_file(store, "sam", created.id)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.parent.parent.stat().st_mode & 0o777 == 0o700


def test_the_list_is_newest_news_first_and_can_leave_out_archived_ones(store):
    old = store.create("sam", intake("Old", days_ago=30))
    new = store.create("sam", intake("New", days_ago=1))
    middle = store.create("sam", intake("Middle", days_ago=10))
    assert [s.id for s in store.list("sam").setbacks] == [new.id, middle.id, old.id]
    store.set_archived("sam", middle.id, True)
    assert [s.id for s in store.list("sam", include_archived=False).setbacks] == [new.id, old.id]
    assert store.load("sam", middle.id).archived is True


# -- two tabs -------------------------------------------------------------------------------


def test_two_tabs_saving_different_stages_from_stale_copies_both_survive(store):
    created = store.create("sam", intake())
    tab_one = store.load("sam", created.id)
    tab_two = store.load("sam", created.id)
    store.save_stage("sam", tab_one.id, "vent", Vent(text="from tab one"))
    store.save_stage("sam", tab_two.id, "reflect", Reflect(learned="from tab two"))
    loaded = store.load("sam", created.id)
    assert loaded.vent.text == "from tab one"
    assert loaded.reflect.learned == "from tab two"


def test_two_processes_saving_different_stages_both_survive(store):
    # Two Store objects stand for two server processes, each with its own cache.
    other = Store(store.root)
    created = store.create("sam", intake())
    assert other.load("sam", created.id) == created
    store.save_stage("sam", created.id, "vent", Vent(text="process one"))
    other.save_stage("sam", created.id, "reflect", Reflect(learned="process two"))
    for reader in (store, other, Store(store.root)):
        loaded = reader.load("sam", created.id)
        assert (loaded.vent.text, loaded.reflect.learned) == ("process one", "process two")


def test_a_file_replaced_within_one_clock_tick_at_the_same_size_is_not_read_stale(store):
    """File times can repeat within a tick; the cache must not hand back the older contents."""
    other = Store(store.root)
    created = store.create("sam", intake())
    store.save_stage("sam", created.id, "vent", Vent(text="aaaa"))
    path = setback_file(store, "sam", created.id)
    assert store.load("sam", created.id).vent.text == "aaaa"
    before = path.stat()
    other.save_stage("sam", created.id, "vent", Vent(text="bbbb"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert path.stat().st_size == before.st_size
    assert store.load("sam", created.id).vent.text == "bbbb"
    # ...and a save through the stale-looking store keeps the other process's stage.
    store.save_stage("sam", created.id, "reflect", Reflect(learned="x"))
    assert Store(store.root).load("sam", created.id).vent.text == "bbbb"


# -- broken files ---------------------------------------------------------------------------


def test_a_corrupt_file_is_set_aside_and_reported_while_the_rest_still_loads(store):
    good = store.create("sam", intake("Globex"))
    broken = store.create("sam", intake("Initech"))
    path = setback_file(store, "sam", broken.id)
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])

    listing = Store(store.root).list("sam")

    assert [s.id for s in listing.setbacks] == [good.id]
    [problem] = listing.problems
    assert problem.setback_id == broken.id
    assert "the setback for Initech" in problem.message
    assert "set aside" in problem.message and "nothing was deleted" in problem.message
    assert re.fullmatch(rf"{broken.id}\.json\.corrupt-\d{{8}}-\d{{6}}-\d{{6}}", problem.set_aside_as)
    assert not path.exists()
    assert (path.parent / problem.set_aside_as).read_bytes() == original[: len(original) // 2]


def test_a_corrupt_file_without_a_readable_company_is_named_by_its_id(store):
    broken = store.create("sam", intake())
    setback_file(store, "sam", broken.id).write_bytes(b"\x00\xff not json")
    [problem] = store.list("sam").problems
    assert f"a setback saved as {broken.id}.json" in problem.message


def test_loading_a_corrupt_setback_directly_sets_it_aside_and_says_which(store):
    broken = store.create("sam", intake("Initech"))
    path = setback_file(store, "sam", broken.id)
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(SetbackUnreadable) as unreadable:
        store.load("sam", broken.id)
    assert "Initech" in str(unreadable.value)
    assert unreadable.value.problem.set_aside_as
    with pytest.raises(SetbackNotFound):
        store.load("sam", broken.id)


def test_saving_a_stage_of_a_corrupt_setback_never_overwrites_what_is_left_of_it(store):
    broken = store.create("sam", intake("Initech"))
    path = setback_file(store, "sam", broken.id)
    path.write_text('{"schema_version": 2, "intake": ')
    with pytest.raises(SetbackUnreadable) as unreadable:
        store.save_stage("sam", broken.id, "vent", Vent(text="new"))
    aside = path.parent / unreadable.value.problem.set_aside_as
    assert aside.read_text() == '{"schema_version": 2, "intake": '
    assert not path.exists()


def test_a_broken_companys_name_cannot_smuggle_markdown_into_the_warning(store):
    broken = store.create("sam", intake())
    path = setback_file(store, "sam", broken.id)
    data = json.loads(path.read_text())
    data["intake"]["company"] = "[click me](https://evil.example) ![x](https://evil.example/x.png) :red[hi]"
    data["surprise"] = True  # now it no longer matches the schema
    path.write_text(json.dumps(data))
    [problem] = store.list("sam").problems
    assert "click me" in problem.message
    assert not set("[]()!:<>") & set(problem.message.split(":", 1)[0])


# -- usernames and ids ----------------------------------------------------------------------

HOSTILE_USERNAMES = [
    "../x",
    "../../etc",
    "a/b",
    "a\\b",
    "..",
    ".",
    "",
    " ",
    "CON",
    "con",
    "NUL",
    "aux.txt",
    "x" * 300,
    "🙂",
    "🙂🙃",
    "\x00",
    "sam\x00evil",
    "credentials.yaml",
    "../credentials.yaml",
    "users",
]


@pytest.mark.parametrize("username", HOSTILE_USERNAMES)
def test_a_hostile_username_gets_a_plain_folder_inside_the_users_folder(store, username):
    folder = store.user_dir(username)
    assert folder.resolve().parent == (store.root / "users").resolve()
    assert re.fullmatch(r"u[0-9a-f]{40}", folder.name)
    created = store.create(username, intake())
    assert store.load(username, created.id) == created


def test_distinct_usernames_never_share_a_folder(store):
    names = set(HOSTILE_USERNAMES) - {" "} | {"alice", "bob", "x" * 299, "🙃🙂"}
    folders = {store.user_dir(name) for name in names}
    assert len(folders) == len({name.strip().casefold() for name in names})


def test_case_variants_of_one_username_are_one_account_and_one_folder(store):
    # The authenticator keys accounts by the lower-case username, so these are the same person.
    assert len({user_id(name) for name in ("Alice", "alice", "ALICE", " alice ")}) == 1


def test_a_username_that_looks_like_a_user_id_does_not_reach_that_persons_folder(store):
    alice = store.create("alice", intake("Alice's company"))
    impostor = user_id("alice")
    assert store.user_dir(impostor) != store.user_dir("alice")
    assert store.list(impostor).setbacks == []
    with pytest.raises(SetbackNotFound):
        store.load(impostor, alice.id)


def test_another_persons_setback_id_is_simply_not_found(store):
    alice = store.create("alice", intake("Alice's company"))
    with pytest.raises(SetbackNotFound):
        store.load("bob", alice.id)
    with pytest.raises(SetbackNotFound):
        store.save_stage("bob", alice.id, "vent", Vent(text="bob writes"))
    assert store.load("alice", alice.id).vent is None
    assert store.list("bob").setbacks == []


@pytest.mark.parametrize(
    "setback_id",
    [
        "",
        "../" * 5 + "credentials.yaml",
        "0" * 31,
        "0" * 33,
        "G" * 32,
        "ABCDEF0123456789ABCDEF0123456789",
        "a/b",
        None,
    ],
)
def test_a_malformed_setback_id_is_not_found(store, setback_id):
    store.create("sam", intake())
    with pytest.raises(SetbackNotFound):
        store.load("sam", setback_id)  # type: ignore[arg-type]
    with pytest.raises(SetbackNotFound):
        store.save_stage("sam", setback_id, "vent", Vent())  # type: ignore[arg-type]


# -- crashes and deletion -------------------------------------------------------------------


def test_temp_files_left_by_a_crash_are_cleared_on_the_next_start(store):
    created = store.create("sam", intake())
    folder = setback_file(store, "sam", created.id).parent
    (folder / f"{TEMP_PREFIX}half-written").write_bytes(b'{"schema_version": 2, "int')
    next_start = Store(store.root)
    assert next_start.list("sam").setbacks == [created]
    assert list(folder.glob(f"{TEMP_PREFIX}*")) == []


def test_deleting_a_person_removes_their_folder_and_nobody_elses(store):
    store.create("alice", intake())
    bob = store.create("bob", intake())
    store.delete_user("alice")
    assert not (store.root / "users" / user_id("alice")).exists()
    assert store.list("alice").setbacks == []
    assert store.list("bob").setbacks == [bob]


def test_a_valid_setback_under_someone_elses_file_name_is_set_aside(store):
    mine = store.create("sam", intake("Mine"))
    stranger = Setback(intake=intake("Copied in"))
    (setback_file(store, "sam", mine.id).parent / f"{'f' * 32}.json").write_text(stranger.model_dump_json())
    listing = store.list("sam")
    assert [s.id for s in listing.setbacks] == [mine.id]
    [problem] = listing.problems
    assert "different setback" in problem.message
