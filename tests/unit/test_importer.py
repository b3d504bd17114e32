"""Reading an export back: every hostile zip is refused whole, broken entries are skipped with a
reason, older schemas are upgraded and newer ones refused, and the merge rules never overwrite unasked."""

from __future__ import annotations

import io
import json
import stat
import struct
import zipfile
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import content, data_zip, importer
from core.importer import ChoicesMissing, ImportRefused, decide, plan_import, read_export
from core.models import SCHEMA_VERSION, Intake, Setback, Vent
from core.storage.store import Draft
from core.version import NAME
from tests.factories import full_setback

WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
ACCOUNT = {"username": "sam", "first_name": "Sam", "last_name": "Rivera", "email": "sam@example.org"}
ROOT = data_zip.FOLDER


def setback(company: str = "Acme", **fields) -> Setback:
    return Setback(intake=Intake(company=company, heard_on=date(2025, 3, 1)), **fields)


def draft(setback_id: str, stage: str = "vent", **values) -> Draft:
    return Draft(
        setback_id=setback_id, stage=stage, values=values or {"text": "half a thought"}, updated_at=WHEN
    )


def a_zip(members: dict[str, bytes | str], **kinds) -> bytes:
    """A zip with exactly these members (names as given, nothing added)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def refused(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_export(data)
    return caught.value


def setback_member(s: Setback) -> tuple[str, bytes]:
    return f"{ROOT}/setbacks/{s.id}.json", data_zip.setback_json(s)


# -- a real export reads back ------------------------------------------------------------------


def test_an_export_reads_back_every_setback_and_draft_exactly_with_who_made_it():
    first, second = full_setback(archived=True), setback("Beta")
    drafts = [draft(first.id), draft(second.id, "intake", company="Beta Ltd")]
    contents = read_export(data_zip.build_zip([first, second], ACCOUNT, WHEN, drafts))
    assert contents.setbacks == (first, second)
    assert contents.drafts == tuple(drafts)
    assert contents.skipped == ()
    assert (contents.made_by, contents.export_version, contents.username) == (
        NAME,
        data_zip.EXPORT_VERSION,
        "sam",
    )


def test_a_zip_of_the_unpacked_folder_without_its_top_folder_reads_the_same():
    s = setback()
    data = a_zip({f"setbacks/{s.id}.json": data_zip.setback_json(s), "account.json": json.dumps(ACCOUNT)})
    assert read_export(data).setbacks == (s,)


def test_folder_entries_and_macos_leftovers_are_ignored_silently():
    s = setback()
    name, raw = setback_member(s)
    data = a_zip({f"{ROOT}/": b"", name: raw, f"__MACOSX/{ROOT}/._x": b"\x00", f"{ROOT}/.DS_Store": b"x"})
    contents = read_export(data)
    assert contents.setbacks == (s,) and contents.skipped == ()


# -- hostile zips: refused whole, with a message ------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"hello, I am not a zip", b"PK\x03\x04 broken", json.dumps({"a": 1}).encode()]
)
def test_a_file_that_is_not_a_zip_is_refused(data):
    error = refused(data)
    assert error.key == "not_zip"
    assert str(error) == content.IMPORT_NOT_ZIP


def test_a_zip_that_is_not_a_rebound_export_is_refused():
    assert refused(a_zip({"holiday.jpg": b"\xff\xd8", "notes/todo.txt": "milk"})).key == "not_export"


def test_a_zip_bomb_by_size_is_refused_from_the_central_directory_before_anything_is_unpacked(monkeypatch):
    s = setback()
    name, raw = setback_member(s)
    # 101 MB of zeros compress to about 100 kB: the declared size gives it away.
    data = a_zip({name: raw, f"{ROOT}/README.txt": b"\0" * (importer.MAX_TOTAL_BYTES + 1)})
    assert len(data) < 1_000_000
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: opened.append(a) or pytest.fail("unpacked"))
    error = refused(data)
    assert error.key == "too_big" and not opened
    assert "100 MB" in str(error)


def test_a_zip_bomb_by_file_count_is_refused_with_the_limit():
    members = {f"{ROOT}/notes/{n}.txt": b"" for n in range(importer.MAX_ENTRIES + 1)}
    error = refused(a_zip(members))
    assert error.key == "too_many_files"
    assert f"{importer.MAX_ENTRIES:,}" in str(error)


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_opened():
    error = refused(b"PK" + b"\0" * importer.MAX_ZIP_BYTES)
    assert error.key == "zip_too_big" and "50 MB" in str(error)


def lying_zip(name: str, raw: bytes, declared: int) -> bytes:
    """A zip whose headers (local and central) say a member is `declared` bytes when it holds more."""
    data = bytearray(a_zip({name: raw}))
    real = struct.pack("<I", len(raw))
    fake = struct.pack("<I", declared)
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    data[local + 22 : local + 26] = fake  # local header: uncompressed size
    data[central + 24 : central + 28] = fake  # central directory: uncompressed size
    assert data[local + 22 : local + 26] != real
    return bytes(data)


def test_a_header_that_says_less_than_the_member_holds_is_caught_by_the_bounded_read():
    s = setback(vent=Vent(text="x" * 5000))
    name, raw = setback_member(s)
    error = refused(lying_zip(name, raw, declared=100))
    # zipfile never hands out more than the declared size (the read is bounded by it as well), so the
    # lie shows as a checksum that does not match: refused as damaged, having unpacked 101 bytes.
    assert error.key == "damaged"
    assert "setbacks/" in str(error)


@pytest.mark.parametrize(
    "name",
    [
        f"{ROOT}/../../etc/cron.d/evil",
        "../setbacks/0123456789abcdef0123456789abcdef.json",
        "/etc/passwd",
        "C:/Windows/evil.json",
        "setbacks\\..\\..\\evil.json",
    ],
)
def test_a_path_that_climbs_out_or_is_absolute_is_refused(name):
    s = setback()
    good_name, raw = setback_member(s)
    error = refused(a_zip({good_name: raw, name: b"{}"}))
    assert error.key == "unsafe_path"
    assert "outside its folder" in str(error)


def test_a_symlink_entry_is_refused():
    s = setback()
    name, raw = setback_member(s)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, raw)
        link = zipfile.ZipInfo(f"{ROOT}/setbacks/{'a' * 32}.json")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/home/someone/.ssh/id_rsa")
    error = refused(buffer.getvalue())
    assert error.key == "link"


def test_two_entries_with_one_name_are_refused():
    s = setback()
    name, raw = setback_member(s)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning):
        archive.writestr(name, raw)
        archive.writestr(name, data_zip.setback_json(s.model_copy(update={"archived": True})))
    assert refused(buffer.getvalue()).key == "duplicate_name"


def test_ten_thousand_setbacks_are_refused_naming_the_limit():
    s = setback()
    raw = data_zip.setback_json(s)
    members = {f"{ROOT}/setbacks/{n:032x}.json": raw for n in range(10_000)}
    error = refused(a_zip(members))
    assert error.key == "too_many_setbacks"
    assert "10,000" in str(error) and f"{importer.MAX_SETBACKS:,}" in str(error)


def test_the_most_setbacks_allowed_all_come_in():
    members = {}
    for n in range(importer.MAX_SETBACKS):
        s = setback(id=f"{n:032x}")
        members[f"{ROOT}/setbacks/{s.id}.json"] = data_zip.setback_json(s)
    assert len(read_export(a_zip(members)).setbacks) == importer.MAX_SETBACKS


# -- broken entries: skipped with their reason, the rest read ----------------------------------


def test_broken_entries_are_skipped_each_with_its_reason_and_the_rest_comes_in():
    good = setback("Good")
    other = setback("Other")
    long_company = json.loads(data_zip.setback_json(setback("Long")))
    long_company["intake"]["company"] = "x" * 201
    long_vent = json.loads(data_zip.setback_json(setback("Vent")))
    long_vent["vent"] = {"text": "y" * 20_001}
    data = a_zip(
        {
            f"{ROOT}/setbacks/{good.id}.json": data_zip.setback_json(good),
            f"{ROOT}/setbacks/{'1' * 32}.json": b"{not json",
            f"{ROOT}/setbacks/{'2' * 32}.json": json.dumps(
                {"intake": {"company": "No date"}, "id": "2" * 32}
            ),
            f"{ROOT}/setbacks/{'3' * 32}.json": data_zip.setback_json(other),  # another id inside
            f"{ROOT}/setbacks/{long_company['id']}.json": json.dumps(long_company),
            f"{ROOT}/setbacks/{long_vent['id']}.json": json.dumps(long_vent),
            f"{ROOT}/setbacks/{'4' * 32}.json": b"\xff\xfe not utf-8",
            f"{ROOT}/photo.png": b"\x89PNG",
            f"{ROOT}/drafts/{'5' * 32}.vent.json": draft("5" * 32).model_dump_json(),
        }
    )
    contents = read_export(data)
    assert contents.setbacks == (good,)
    reasons = {s.name: (s.reason, s.detail) for s in contents.skipped}
    assert reasons == {
        f"setbacks/{'1' * 32}.json": ("not_json", ""),
        f"setbacks/{'2' * 32}.json": ("not_setback", "intake.heard_on"),
        f"setbacks/{'3' * 32}.json": ("id_mismatch", ""),
        f"setbacks/{long_company['id']}.json": ("too_long", "intake.company (200)"),
        f"setbacks/{long_vent['id']}.json": ("too_long", "vent.text (20000)"),
        f"setbacks/{'4' * 32}.json": ("not_json", ""),
        "photo.png": ("unknown", ""),
        f"drafts/{'5' * 32}.vent.json": ("draft_orphan", ""),
    }
    for skipped in contents.skipped:  # every reason has words
        assert content.IMPORT_SKIPPED[skipped.reason]


def test_a_draft_with_an_over_long_text_or_the_wrong_name_is_skipped():
    s = setback()
    name, raw = setback_member(s)
    too_long = draft(s.id, text="z" * (importer.MAX_FIELD_CHARS + 1))
    nested: dict = {"v": "deep"}
    for _ in range(importer.MAX_DEPTH + 2):
        nested = {"v": nested}
    deep = Draft(setback_id=s.id, stage="reflect", values=nested, updated_at=WHEN)
    data = a_zip(
        {
            name: raw,
            f"{ROOT}/drafts/{s.id}.vent.json": too_long.model_dump_json(),
            f"{ROOT}/drafts/{s.id}.reflect.json": deep.model_dump_json(),
            f"{ROOT}/drafts/{s.id}.gratitude.json": draft(s.id, "went_well").model_dump_json(),  # name lies
            f"{ROOT}/drafts/{s.id}.secrets.json": draft(s.id).model_dump_json(),
        }
    )
    contents = read_export(data)
    assert contents.setbacks == (s,) and contents.drafts == ()
    assert sorted(k.reason for k in contents.skipped) == ["not_draft", "not_draft", "too_long", "too_long"]


def test_deeply_nested_json_is_skipped_not_a_crash():
    s = setback()
    data = a_zip({f"{ROOT}/setbacks/{s.id}.json": b"[" * 100_000 + b"]" * 100_000})
    assert [k.reason for k in read_export(data).skipped] == ["not_json"]


# -- schema versions ---------------------------------------------------------------------------


def test_an_older_export_without_manifest_and_a_version_1_setback_is_upgraded_on_the_way_in():
    old = {
        "schema_version": 1,
        "id": "ab" * 16,
        "created_at": "2024-05-01T10:00:00Z",
        "updated_at": "2024-05-02T10:00:00Z",
        "company": "Prototype Co",
        "role": "Engineer",
        "heard_on": "2024-04-30",
        "vent": {"text": "old words", "private": True},
    }
    data = a_zip(
        {f"{ROOT}/setbacks/{old['id']}.json": json.dumps(old), f"{ROOT}/account.json": json.dumps(ACCOUNT)}
    )
    contents = read_export(data)
    (upgraded,) = contents.setbacks
    assert upgraded.schema_version == SCHEMA_VERSION
    assert (upgraded.intake.company, upgraded.intake.role, upgraded.vent.text) == (
        "Prototype Co",
        "Engineer",
        "old words",
    )
    assert (contents.upgraded, contents.export_version, contents.made_by) == (1, 1, "")


def test_a_newer_setback_schema_is_refused_naming_the_rebound_that_made_it():
    s = json.loads(data_zip.setback_json(setback()))
    s["schema_version"] = SCHEMA_VERSION + 1
    manifest = {"format": ROOT, "export_version": 2, "made_by": "Rebound 2031.4", "setback_schema": 3}
    data = a_zip(
        {f"{ROOT}/manifest.json": json.dumps(manifest), f"{ROOT}/setbacks/{s['id']}.json": json.dumps(s)}
    )
    error = refused(data)
    assert error.key == "newer"
    assert "Rebound 2031.4" in str(error) and NAME in str(error)


def test_a_newer_export_layout_is_refused_naming_the_rebound_that_made_it():
    manifest = {"format": ROOT, "export_version": data_zip.EXPORT_VERSION + 1, "made_by": "Rebound 2030.1"}
    error = refused(a_zip({f"{ROOT}/manifest.json": json.dumps(manifest)}))
    assert error.key == "newer" and "Rebound 2030.1" in str(error)


def test_a_newer_setback_without_a_manifest_is_refused_with_its_version():
    s = json.loads(data_zip.setback_json(setback()))
    s["schema_version"] = 7
    error = refused(a_zip({f"{ROOT}/setbacks/{s['id']}.json": json.dumps(s)}))
    assert error.key == "newer" and "version 7" in str(error)


# -- merge rules -------------------------------------------------------------------------------


def test_the_plan_tells_new_identical_and_different_apart():
    new, same, changed = setback("New"), setback("Same"), setback("Changed")
    here = {same.id: same, changed.id: changed.model_copy(update={"archived": True})}
    plan = plan_import(importer.Contents(setbacks=(new, same, changed)), here)
    assert [(i.setback.intake.company, i.status) for i in plan.incoming] == [
        ("New", "new"),
        ("Same", "identical"),
        ("Changed", "different"),
    ]
    assert [i.setback.id for i in plan.different] == [changed.id]


def plan_with_one_of_each() -> tuple[importer.ImportPlan, Setback, Setback, Setback]:
    new, same, changed = setback("New"), setback("Same"), setback("Changed", vent=Vent(text="imported"))
    mine = changed.model_copy(update={"vent": Vent(text="mine")})
    drafts = (draft(new.id), draft(same.id), draft(same.id, "reflect"), draft(changed.id))
    contents = importer.Contents(setbacks=(new, same, changed), drafts=drafts)
    return plan_import(contents, {same.id: same, changed.id: mine}, {(same.id, "vent")}), new, same, changed


def test_a_different_setback_without_a_choice_is_never_written():
    plan, *_, changed = plan_with_one_of_each()
    with pytest.raises(ChoicesMissing) as caught:
        decide(plan, {})
    assert caught.value.setback_ids == (changed.id,)


def test_keep_mine_leaves_the_setback_and_its_drafts_here_and_imports_the_new_one():
    plan, new, same, changed = plan_with_one_of_each()
    decision = decide(plan, {changed.id: "keep"})
    assert [(w.kind, w.setback.id) for w in decision.writes] == [("create", new.id), ("drafts", same.id)]
    assert (decision.identical, decision.kept) == (1, 1)
    # the identical setback brings only the draft of a stage with no draft here
    assert [d.stage for d in decision.writes[1].drafts] == ["reflect"]


def test_take_imported_replaces_only_what_the_person_saw():
    plan, _, _, changed = plan_with_one_of_each()
    (replace,) = [w for w in decide(plan, {changed.id: "take"}).writes if w.kind == "replace"]
    assert replace.setback == changed
    assert replace.expected.vent.text == "mine"
    assert [d.setback_id for d in replace.drafts] == [changed.id]


def test_keep_both_adds_the_imported_one_under_a_new_id_with_its_drafts():
    plan, new, _, changed = plan_with_one_of_each()
    writes = decide(plan, {}, default="both").writes
    (copy,) = [w for w in writes if w.copy_of]
    assert copy.kind == "create" and copy.copy_of == changed.id
    assert copy.setback.id not in (changed.id, new.id)
    assert copy.setback.model_copy(update={"id": changed.id}) == changed
    assert [d.setback_id for d in copy.drafts] == [copy.setback.id]


# -- the round trip ----------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
companies = texts.map(str.strip).filter(bool)
setbacks = st.builds(
    lambda company, role, text, note, archived, heard: full_setback(
        id=importer.new_setback_id(),
        intake=Intake(company=company, role=role.strip(), heard_on=heard),
        vent=Vent(text=text),
        archived=archived,
    ).model_copy(update={"summary": full_setback().summary.model_copy(update={"future_note": note})}),
    companies,
    texts,
    texts,
    texts,
    st.booleans(),
    st.dates(date(2000, 1, 1), date(2025, 1, 1)),
)


def members(data: bytes) -> dict[str, bytes]:
    """A zip's files by name, order normalised; the README is left out (it says when it was made)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in sorted(archive.namelist()) if not n.endswith("/README.txt")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(setbacks, max_size=4, unique_by=lambda s: s.id), st.data())
def test_export_read_export_again_is_the_same_byte_for_byte(items, data):
    drafts = [draft(s.id, text=data.draw(texts)) for s in items if data.draw(st.booleans())]
    first = data_zip.build_zip(items, ACCOUNT, WHEN, drafts)
    contents = read_export(first)
    again = data_zip.build_zip(reversed(contents.setbacks), ACCOUNT, WHEN, reversed(contents.drafts))
    assert members(again) == members(first)
