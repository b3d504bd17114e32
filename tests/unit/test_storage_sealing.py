"""core.storage.store with a key: every part sealed in place, bound to it, drafts too, and the upgrade."""

from __future__ import annotations

import json

import pytest

from core import content, crypto
from core.models import STAGE_MODELS, Intake, OwnPrepItem, PrepSheet, Vent, WentWell
from core.storage import (
    DocumentUnreadable,
    Person,
    SetbackLocked,
    SetbackNotFound,
    SetbackUnreadable,
    user_id,
)
from core.storage.store import SEALED_PARTS
from tests.factories import HEARD_ON, add_encrypted_person, add_person, files_store, full_setback

CLEAR = {"schema_version", "id", "created_at", "updated_at", "archived"}


@pytest.fixture
def store(data_dir):
    return files_store(data_dir)


def _file(data_dir, username, setback_id):
    return data_dir / "users" / user_id(username) / "setbacks" / f"{setback_id}.json"


def _saved_full(store, person):
    """A setback with every stage saved through the store, and the model it should read back as."""
    model = full_setback()
    setback = store.create(person, model.intake)
    for stage in STAGE_MODELS:
        store.save_stage(person, setback.id, stage, model.stage(stage))
    return store.load(person, setback.id), model


def _words(model) -> list[str]:
    """Every piece of text in a setback's parts, to look for on disk."""
    found = []

    def walk(value):
        # Stage names (the PDF's sections) are also the document's keys; dates are no writing.
        if (
            isinstance(value, str)
            and len(value) >= 6
            and not value[:4].isdigit()
            and value not in SEALED_PARTS
        ):
            found.append(value[:40])
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    dumped = json.loads(model.model_dump_json())
    for part in SEALED_PARTS:
        walk(dumped[part])
    return found


def test_with_a_key_every_part_is_sealed_and_only_the_bookkeeping_stays_clear(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback, model = _saved_full(store, person)
    raw = _file(data_dir, "sam", setback.id).read_bytes()
    document = json.loads(raw)
    assert {k for k, v in document.items() if not crypto.is_sealed(v)} == CLEAR
    assert set(document) == CLEAR | set(SEALED_PARTS)
    words = _words(model)
    assert len(words) > 40
    leaked = [word for word in words if word.encode() in raw or json.dumps(word)[1:-1].encode() in raw]
    assert leaked == []
    reread = files_store(data_dir).load(person, setback.id)  # a fresh process: nothing cached
    for part in SEALED_PARTS:
        got, want = getattr(reread, part), getattr(model, part)
        if hasattr(want, "saved_at"):
            got, want = got.model_copy(update={"saved_at": None}), want
        assert got == want


def test_without_a_key_plaintext_is_written_as_before(store, data_dir):
    person = add_person(store, "sam")
    setback = store.create(person, Intake(company="Plainly Inc", heard_on=HEARD_ON))
    store.save_stage(person, setback.id, "vent", Vent(text="kept as it always was"))
    document = json.loads(_file(data_dir, "sam", setback.id).read_bytes())
    assert (
        document["intake"]["company"] == "Plainly Inc" and document["vent"]["text"] == "kept as it always was"
    )


def test_stages_swapped_inside_a_setback_both_refuse_and_are_set_aside(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback, _ = _saved_full(store, person)
    path = _file(data_dir, "sam", setback.id)
    document = json.loads(path.read_bytes())
    document["vent"], document["reflect"] = document["reflect"], document["vent"]
    path.write_text(json.dumps(document))
    fresh = files_store(data_dir)
    with pytest.raises(SetbackUnreadable) as refused:
        fresh.load(person, setback.id)
    assert refused.value.problem.key == "tampered"
    assert "Acme Rockets" in str(refused.value)  # the intake still opens, so the company is named
    assert content.UNREADABLE_REASONS["tampered"] in str(refused.value)
    assert list(path.parent.glob(f"{setback.id}.json.corrupt-*"))


def test_a_stage_moved_between_two_setbacks_refuses_in_both_and_the_rest_open(store, data_dir):
    person, _ = add_encrypted_person(store)
    one = store.create(person, Intake(company="One", heard_on=HEARD_ON))
    two = store.create(person, Intake(company="Two", heard_on=HEARD_ON))
    three = store.create(person, Intake(company="Three", heard_on=HEARD_ON))
    for setback in (one, two, three):
        store.save_stage(person, setback.id, "vent", Vent(text=f"vent of {setback.intake.company}"))
    paths = [_file(data_dir, "sam", s.id) for s in (one, two)]
    documents = [json.loads(p.read_bytes()) for p in paths]
    documents[0]["vent"], documents[1]["vent"] = documents[1]["vent"], documents[0]["vent"]
    for path, document in zip(paths, documents, strict=True):
        path.write_text(json.dumps(document))
    listing = files_store(data_dir).list(person)
    assert [s.intake.company for s in listing.setbacks] == ["Three"]
    assert sorted(p.setback_id for p in listing.problems) == sorted([one.id, two.id])
    assert {p.key for p in listing.problems} == {"tampered"}


def test_a_whole_file_moved_to_another_setback_id_refuses(store, data_dir):
    person, _ = add_encrypted_person(store)
    one = store.create(person, Intake(company="One", heard_on=HEARD_ON))
    two = store.create(person, Intake(company="Two", heard_on=HEARD_ON))
    document = json.loads(_file(data_dir, "sam", one.id).read_bytes())
    document["id"] = two.id  # even with its clear id changed to match its new place
    _file(data_dir, "sam", two.id).write_text(json.dumps(document))
    with pytest.raises(SetbackUnreadable) as refused:
        files_store(data_dir).load(person, two.id)
    assert refused.value.problem.key == "tampered"


def test_a_setback_copied_into_another_persons_folder_refuses_there(store, data_dir):
    sam, _ = add_encrypted_person(store, "sam")
    robin, _ = add_encrypted_person(store, "robin")
    theirs = store.create(sam, Intake(company="Sam's", heard_on=HEARD_ON))
    mine = store.create(robin, Intake(company="Robin's", heard_on=HEARD_ON))
    target = _file(data_dir, "robin", theirs.id)
    target.write_bytes(_file(data_dir, "sam", theirs.id).read_bytes())
    listing = files_store(data_dir).list(robin)
    assert [s.intake.company for s in listing.setbacks] == ["Robin's"] and mine.id != theirs.id
    assert [(p.setback_id, p.key) for p in listing.problems] == [(theirs.id, "tampered")]


def test_a_session_without_the_key_is_locked_out_and_nothing_is_set_aside(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    store.load(person, setback.id)  # now parsed and cached under the key
    locked = Person.named("sam")
    with pytest.raises(SetbackLocked):
        store.load(locked, setback.id)  # the cached plaintext is the key's, not this session's
    with pytest.raises(SetbackLocked):
        store.list(locked)
    with pytest.raises(SetbackLocked):
        store.save_stage(locked, setback.id, "vent", Vent(text="would be plaintext"))
    with pytest.raises(SetbackLocked):
        store.load(Person.named("sam", crypto.new_key()).__class__.named("sam"), setback.id)
    assert _file(data_dir, "sam", setback.id).exists()
    assert store.load(person, setback.id).intake.company == "Acme"


def test_another_key_than_the_persons_opens_nothing(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    with pytest.raises(SetbackUnreadable):
        files_store(data_dir).load(Person.named("sam", crypto.new_key()), setback.id)


def test_drafts_are_sealed_and_bound_to_their_setback_and_stage(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    other = store.create(person, Intake(company="Other", heard_on=HEARD_ON))
    store.save_draft(person, setback.id, "vent", {"text": "Half a thought, Quokkadraft"})
    folder = data_dir / "users" / user_id("sam") / "drafts"
    raw = (folder / f"{setback.id}.vent.json").read_bytes()
    assert raw.startswith(b"rb1:") and b"Quokkadraft" not in raw
    assert store.load_draft(person, setback.id, "vent").values == {"text": "Half a thought, Quokkadraft"}
    assert [d.setback_id for d in store.drafts(person)] == [setback.id]
    (folder / f"{setback.id}.reflect.json").write_bytes(raw)  # moved to another stage
    (folder / f"{other.id}.vent.json").write_bytes(raw)  # or another setback
    assert store.load_draft(person, setback.id, "reflect") is None
    assert store.load_draft(person, other.id, "vent") is None
    assert store.load_draft(Person.named("sam"), setback.id, "vent") is None


def test_a_save_into_an_old_plaintext_setback_seals_it_whole_first(store, data_dir):
    plain = add_person(store, "sam")
    setback = store.create(plain, Intake(company="Plainly Inc", heard_on=HEARD_ON))
    store.save_stage(plain, setback.id, "went_well", WentWell(wins=["an old win, Quokkawin"]))
    key = crypto.new_key()  # as if the first sign-in since encryption had just made it
    person = Person.named("sam", key)
    store.save_stage(person, setback.id, "vent", Vent(text="new words"))
    document = json.loads(_file(data_dir, "sam", setback.id).read_bytes())
    assert all(crypto.is_sealed(document[part]) for part in SEALED_PARTS)
    reread = files_store(data_dir).load(person, setback.id)
    assert (reread.intake.company, reread.went_well.wins, reread.vent.text) == (
        "Plainly Inc",
        ["an old win, Quokkawin"],
        "new words",
    )


def test_sealing_everything_upgrades_setbacks_and_drafts_keeping_every_word_and_date(store, data_dir):
    plain = add_person(store, "sam")
    ids = []
    for index in range(5):
        setback = store.create(plain, Intake(company=f"Company {index}", heard_on=HEARD_ON))
        store.save_stage(plain, setback.id, "vent", Vent(text=f"vent number {index}"))
        ids.append(setback.id)
    store.save_draft(plain, ids[0], "reflect", {"learned": "a plaintext draft"})
    before = {sid: store.load(plain, sid) for sid in ids}
    person = Person.named("sam", crypto.new_key())
    sweep = store.seal_everything(person)
    assert (sweep.setbacks, sweep.drafts, sweep.complete) == (5, 1, True)
    fresh = files_store(data_dir)
    for sid in ids:
        raw = _file(data_dir, "sam", sid).read_bytes()
        assert b"vent number" not in raw and b"Company " not in raw
        assert fresh.load(person, sid) == before[sid]  # updated_at included: sealing is no edit
    draft = data_dir / "users" / user_id("sam") / "drafts" / f"{ids[0]}.reflect.json"
    assert draft.read_bytes().startswith(b"rb1:")
    assert fresh.load_draft(person, ids[0], "reflect").values == {"learned": "a plaintext draft"}
    assert fresh.seal_everything(person) == type(sweep)(0, 0, True, ())


def test_a_prototype_setback_is_sealed_without_its_old_top_level_fields(store, data_dir):
    plain = add_person(store, "sam")
    setback = store.create(plain, Intake(company="Placeholder", heard_on=HEARD_ON))
    version_1 = {
        "schema_version": 1,
        "id": setback.id,
        "created_at": "2025-11-03T10:00:00Z",
        "updated_at": "2025-11-03T10:00:00Z",
        "company": "Prototype Co",
        "role": "Designer",
        "heard_on": "2025-11-03",
    }
    _file(data_dir, "sam", setback.id).write_text(json.dumps(version_1))
    person = Person.named("sam", crypto.new_key())
    assert files_store(data_dir).seal_everything(person).setbacks == 1
    raw = _file(data_dir, "sam", setback.id).read_bytes()
    assert b"Prototype" not in raw and b"Designer" not in raw
    assert files_store(data_dir).load(person, setback.id).intake.company == "Prototype Co"


def test_the_upgrade_never_undoes_a_save_that_lands_while_it_seals(store, data_dir, monkeypatch):
    plain = add_person(store, "sam")
    setback = store.create(plain, Intake(company="Acme", heard_on=HEARD_ON))
    person = Person.named("sam", crypto.new_key())
    replace = store.backend.replace_setback
    landed = []

    def save_in_between(username, setback_id, raw, expected_version):
        if not landed:  # another server (without the key yet) saves just before the swap
            landed.append(store.save_stage(plain, setback_id, "vent", Vent(text="saved in between")))
        return replace(username, setback_id, raw, expected_version)

    monkeypatch.setattr(store.backend, "replace_setback", save_in_between)
    assert store.seal_everything(person).setbacks == 1
    reread = files_store(data_dir).load(person, setback.id)
    assert reread.vent.text == "saved in between"
    assert crypto.is_sealed(json.loads(_file(data_dir, "sam", setback.id).read_bytes())["vent"])


def test_a_deleted_setback_is_simply_gone_for_the_upgrade(store):
    person, _ = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    store.delete_setback(person, setback.id)
    with pytest.raises(SetbackNotFound):
        store.load(person, setback.id)
    assert store.seal_everything(person).setbacks == 0


def test_after_a_save_only_the_changed_stage_is_opened_again(store, monkeypatch):
    person, _ = add_encrypted_person(store)
    setback, _ = _saved_full(store, person)
    opened = []
    real = crypto.open_sealed
    monkeypatch.setattr(crypto, "open_sealed", lambda *args: opened.append(args[2]) or real(*args))
    saved = store.save_stage(person, setback.id, "vent", Vent(text="only this changed"))
    assert opened == [crypto.stage_aad(person.user, setback.id, "vent")]
    assert saved.vent.text == "only this changed" and saved.reflect == store.load(person, setback.id).reflect


def test_a_part_changed_on_disk_is_opened_again_not_taken_from_the_cache(store, data_dir):
    person, _ = add_encrypted_person(store)
    setback, _ = _saved_full(store, person)
    store.load(person, setback.id)  # cached, with every part's digest
    path = _file(data_dir, "sam", setback.id)
    document = json.loads(path.read_bytes())
    document["reflect"] = document["gratitude"]  # moved within the same file, same store
    path.write_text(json.dumps(document))
    with pytest.raises(SetbackUnreadable) as refused:
        store.load(person, setback.id)
    assert refused.value.problem.key == "tampered"


def _prep_file(data_dir, username):
    return data_dir / "users" / user_id(username) / "documents" / "prep.json"


def test_the_prep_sheet_is_sealed_bound_to_its_person_and_opens_with_the_key(store, data_dir):
    person, _ = add_encrypted_person(store)
    sheet = PrepSheet(company="Globex Prep", own=[OwnPrepItem(text="my secret story about scaling")])
    store.save_prep_sheet(person, sheet)
    raw = _prep_file(data_dir, "sam").read_bytes()
    assert raw.startswith(b"rb1:") and b"secret story" not in raw and b"Globex Prep" not in raw
    again = files_store(data_dir).load_prep_sheet(person)
    assert (again.company, [item.text for item in again.own]) == (
        "Globex Prep",
        ["my secret story about scaling"],
    )
    with pytest.raises(SetbackLocked):
        files_store(data_dir).load_prep_sheet(Person("sam"))
    other, _ = add_encrypted_person(store, "alex")
    _prep_file(data_dir, "alex").parent.mkdir(parents=True, exist_ok=True)
    _prep_file(data_dir, "alex").write_bytes(raw)  # moved to another person: it does not open there
    with pytest.raises(DocumentUnreadable):
        files_store(data_dir).load_prep_sheet(other)


def test_sealing_everything_seals_a_plaintext_prep_sheet_too(store, data_dir):
    plain = add_person(store, "sam")
    store.save_prep_sheet(plain, PrepSheet(company="Initech", own=[OwnPrepItem(text="plain words here")]))
    assert b"plain words here" in _prep_file(data_dir, "sam").read_bytes()
    person = Person.named("sam", crypto.new_key())
    assert store.seal_everything(person).complete
    raw = _prep_file(data_dir, "sam").read_bytes()
    assert raw.startswith(b"rb1:") and b"plain words here" not in raw
    assert [item.text for item in files_store(data_dir).load_prep_sheet(person).own] == ["plain words here"]
