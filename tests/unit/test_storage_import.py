"""Store.apply_import: an export comes back exactly, sealed with the importing person's key, and the
person's choices are the only way anything of theirs is replaced."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import data_zip
from core.importer import ChoicesMissing, decide, read_export
from core.models import STAGE_MODELS, Intake, Vent
from core.storage import Person, SetbackLocked, user_id
from tests.factories import add_encrypted_person, add_person, files_store, full_setback
from tests.unit.test_importer import draft, members, setbacks, texts

WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def account_of(store, person) -> dict[str, str]:
    account = store.account(person.username)
    return {field: str(getattr(account, field) or "") for field in data_zip.ACCOUNT_FIELDS}


def export_of(store, person) -> bytes:
    """What Account → Export all my data gives this person."""
    listing = store.list(person, include_archived=True)
    sheet = store.load_prep_sheet(person)
    return data_zip.build_zip(
        listing.setbacks, account_of(store, person), WHEN, store.drafts(person), prep_sheet=sheet
    )


def import_into(store, person, data: bytes, choices=None, default=None):
    plan = store.plan_import(person, read_export(data))
    return plan, store.apply_import(person, decide(plan, choices or {}, default))


def saved(store, person, model):
    """A setback saved through the store the way the pages do, every stage in it."""
    setback = store.create(person, model.intake)
    for stage in STAGE_MODELS:
        if model.stage(stage) is not None:
            setback = store.save_stage(person, setback.id, stage, model.stage(stage))
    return setback


@pytest.fixture
def store(data_dir):
    return files_store(data_dir)


def test_export_delete_import_export_gives_the_same_files_archived_and_drafts_included(store):
    sam = add_person(store, "sam")
    first = saved(store, sam, full_setback())
    second = saved(
        store, sam, full_setback(id="f" * 32, intake=Intake(company="Beta", heard_on=date(2025, 1, 2)))
    )
    store.set_archived(sam, second.id, True)
    store.save_draft(sam, first.id, "reflect", {"learned": "not saved yet"})
    before = export_of(store, sam)

    store.remove_account("sam")
    sam = add_person(store, "sam")
    plan, result = import_into(store, sam, before)
    assert (plan.count("new"), result.added, result.drafts) == (2, 2, 1)
    assert members(export_of(store, sam)) == members(before)
    assert store.load(sam, second.id).archived is True


settings_for_stores = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@settings_for_stores
@given(st.lists(setbacks, min_size=1, max_size=3, unique_by=lambda s: s.id), st.data())
def test_round_trip_through_a_store_with_generated_setbacks_sealed_or_not(tmp_path_factory, items, data):
    store = files_store(tmp_path_factory.mktemp("data"))
    drafts = [draft(s.id, text=data.draw(texts)) for s in items if data.draw(st.booleans())]
    first = data_zip.build_zip(items, {"username": "sam"}, WHEN, drafts)
    sam = add_encrypted_person(store, "sam")[0] if data.draw(st.booleans()) else add_person(store, "sam")
    import_into(store, sam, first)
    again = data_zip.build_zip(store.list(sam).setbacks, {"username": "sam"}, WHEN, store.drafts(sam))
    assert members(again) == members(first)


def test_imported_setbacks_are_sealed_with_the_importing_persons_key(store, data_dir):
    sam = add_person(store, "sam")
    model = full_setback()
    data = data_zip.build_zip([model], {"username": "sam"}, WHEN, [draft(model.id, text="Quokkadraft words")])
    robin, _ = add_encrypted_person(store, "robin")
    import_into(store, robin, data)
    folder = data_dir / "users" / user_id("robin")
    on_disk = b"".join(path.read_bytes() for path in folder.rglob("*.json"))
    assert b"Acme Rockets" not in on_disk and b"Quokkavent" not in on_disk and b"Quokkadraft" not in on_disk
    assert store.load(robin, model.id) == model  # opens with robin's key
    assert [d.values["text"] for d in store.drafts(robin)] == ["Quokkadraft words"]
    with pytest.raises(SetbackLocked):  # ... and only with it
        store.load(Person("robin"), model.id)
    del sam


def test_an_encrypted_account_without_its_key_imports_nothing(store, data_dir):
    add_encrypted_person(store, "robin")
    data = data_zip.build_zip([full_setback()], {"username": "robin"}, WHEN)
    with pytest.raises(SetbackLocked):
        import_into(store, Person("robin"), data)
    assert not list((data_dir / "users" / user_id("robin")).rglob("setbacks/*.json"))


def test_identical_setbacks_are_left_alone_and_a_second_import_changes_nothing(store, data_dir):
    sam = add_person(store, "sam")
    saved(store, sam, full_setback())
    data = export_of(store, sam)
    folder = data_dir / "users" / user_id("sam")
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.json")}
    plan, result = import_into(store, sam, data)
    assert (plan.count("identical"), result.added, result.identical) == (1, 0, 1)
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*.json")} == before


def changed_here(store):
    """Sam's setback as exported, then changed here: the export and this Rebound differ."""
    sam = add_person(store, "sam")
    mine = saved(store, sam, full_setback())
    data = export_of(store, sam)
    mine = store.save_stage(sam, mine.id, "vent", Vent(text="written after the export"))
    return sam, mine, data


def test_a_different_setback_needs_a_choice_and_nothing_is_written_without_one(store):
    sam, mine, data = changed_here(store)
    plan = store.plan_import(sam, read_export(data))
    with pytest.raises(ChoicesMissing):
        decide(plan, {})
    assert store.load(sam, mine.id) == mine


def test_keep_mine_keeps_mine(store):
    sam, mine, data = changed_here(store)
    _, result = import_into(store, sam, data, {mine.id: "keep"})
    assert result.kept == 1 and store.list(sam).setbacks == [mine]


def test_take_imported_replaces_mine_with_the_export(store):
    sam, mine, data = changed_here(store)
    (exported,) = read_export(data).setbacks
    _, result = import_into(store, sam, data, {mine.id: "take"})
    assert result.replaced == 1
    assert store.list(sam).setbacks == [exported]


def test_keep_both_keeps_mine_and_adds_the_export_under_a_new_id(store):
    sam, mine, data = changed_here(store)
    (exported,) = read_export(data).setbacks
    _, result = import_into(store, sam, data, {mine.id: "both"})
    assert result.copies == 1
    listing = store.list(sam).setbacks
    assert mine in listing and len(listing) == 2
    (copy,) = [s for s in listing if s.id != mine.id]
    assert copy.model_copy(update={"id": mine.id}) == exported


def test_take_imported_leaves_a_setback_that_changed_after_the_choice(store):
    sam, mine, data = changed_here(store)
    plan = store.plan_import(sam, read_export(data))
    decision = decide(plan, {mine.id: "take"})
    later = store.save_stage(sam, mine.id, "vent", Vent(text="another tab, just now"))
    result = store.apply_import(sam, decision)
    assert result.not_written == [mine.id] and result.replaced == 0
    assert store.load(sam, mine.id) == later


def test_a_setback_created_meanwhile_under_the_same_id_is_not_overwritten(store):
    sam = add_person(store, "sam")
    model = full_setback()
    data = data_zip.build_zip([model], {"username": "sam"}, WHEN)
    decision = decide(store.plan_import(sam, read_export(data)), {})
    meanwhile = saved(store, sam, model)  # a new id: put one under the export's id by hand
    store.backend.create_setback(
        "sam", model.id, data_zip.setback_json(model.model_copy(update={"archived": True}))
    )
    result = store.apply_import(sam, decision)
    assert result.not_written == [model.id] and result.added == 0
    assert store.load(sam, model.id).archived is True
    del meanwhile


def test_import_into_another_account_keeps_the_export_whole(store):
    sam = add_person(store, "sam")
    saved(store, sam, full_setback())
    data = export_of(store, sam)
    robin = add_person(store, "robin")
    import_into(store, robin, data)
    assert store.list(robin).setbacks == store.list(sam).setbacks
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "rebound-export/manifest.json" in archive.namelist()


def test_the_prep_sheet_comes_back_whole_into_an_unused_sheet_and_adds_only_what_is_new_to_a_used_one(
    store, data_dir
):
    from core.models import OwnPrepItem, PrepSheet

    person, _ = add_encrypted_person(store)
    sheet = PrepSheet(
        company="Globex",
        interview_on=date(2027, 3, 12),
        practised=["questions-0123456789abcdef"],
        own=[OwnPrepItem(section="ask", text="How is success measured?")],
    )
    store.save_prep_sheet(person, sheet)
    data = export_of(store, person)
    store.save_prep_sheet(person, PrepSheet())  # as good as never used
    plan, result = import_into(store, person, data)
    assert result.prep_sheet and plan.prep_sheet is not None
    back = store.load_prep_sheet(person)
    assert back.model_dump(exclude={"updated_at"}) == sheet.model_dump(exclude={"updated_at"})
    assert import_into(store, person, data)[0].prep_sheet is None  # a second import adds nothing
    mine = PrepSheet(company="Initech", own=[OwnPrepItem(section="plans", text="Mine")])
    store.save_prep_sheet(person, mine)
    import_into(store, person, data)
    merged = store.load_prep_sheet(person)
    assert merged.company == "Initech"  # the person's interview is never replaced
    assert [item.text for item in merged.own] == ["Mine", "How is success measured?"]
    assert merged.practised == ["questions-0123456789abcdef"]
