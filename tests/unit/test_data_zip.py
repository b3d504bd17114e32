"""The "Export all my data" zip: what is inside, and that it reads back into the same models."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import data_zip
from core.models import (
    SCHEMA_VERSION,
    CheckIn,
    Gratitude,
    Intake,
    ReasonMark,
    Reflect,
    Setback,
    Summary,
    Thanks,
    Vent,
)
from tests.factories import add_person, files_store

WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
ACCOUNT = {"username": "sam", "first_name": "Sam", "last_name": "Rivera", "email": "sam@example.org"}


def full_setback() -> Setback:
    return Setback(
        intake=Intake(
            company="Acme", role="Designer", stage_reached="final_round", heard_on=date(2025, 3, 1)
        ),
        vent=Vent(
            check_in=CheckIn(sadness=70, own=[{"name": "Tired", "score": 40}]), text="Ugh. *so* <b>tired</b>"
        ),
        reflect=Reflect(
            reasons=[ReasonMark(reason_id="chemistry", applies="yes", control="theirs")], wanted=7
        ),
        gratitude=Gratitude(entries=[Thanks(text="Met Jo", person="Jo")]),
        summary=Summary(check_in=CheckIn(sadness=30), future_note="You did this before."),
        archived=True,
    )


def names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_the_zip_holds_a_readme_the_manifest_the_account_and_one_json_file_per_setback():
    setbacks = [full_setback(), Setback(intake=Intake(company="Beta", heard_on=date(2025, 2, 1)))]
    data = data_zip.build_zip(setbacks, ACCOUNT, WHEN)
    assert sorted(names(data)) == sorted(
        [
            "rebound-export/README.txt",
            "rebound-export/manifest.json",
            "rebound-export/account.json",
            *(f"rebound-export/setbacks/{s.id}.json" for s in setbacks),
        ]
    )


def test_each_setback_file_is_the_saved_setback_as_versioned_json_whatever_the_backend(tmp_path):
    store = files_store(tmp_path)
    person = add_person(store, "sam")
    saved = store.create(person, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    saved = store.save_stage(person, saved.id, "vent", Vent(text="hard day"))
    data = data_zip.build_zip(store.list(person).setbacks, ACCOUNT, WHEN)
    member = zipfile.ZipFile(io.BytesIO(data)).read(f"rebound-export/setbacks/{saved.id}.json")
    assert json.loads(member)["schema_version"] == SCHEMA_VERSION
    assert json.loads(member)["vent"]["text"] == "hard day"
    assert Setback.model_validate_json(member) == saved


def test_the_export_round_trips_into_equal_models():
    setbacks = [full_setback(), Setback(intake=Intake(company="Beta", heard_on=date(2025, 2, 1)))]
    assert data_zip.read_zip(data_zip.build_zip(setbacks, ACCOUNT, WHEN)) == setbacks


def test_the_readme_explains_the_files_and_the_account_leaves_the_password_out():
    data = data_zip.build_zip([full_setback()], ACCOUNT | {"password": "$2b$12$hash"}, WHEN)
    archive = zipfile.ZipFile(io.BytesIO(data))
    readme = archive.read("rebound-export/README.txt").decode("utf-8")
    for word in ("account.json", "setbacks/<id>.json", "schema_version", "intake", "vent", "summary"):
        assert word in readme
    assert "2025-03-14 09:30 UTC" in readme
    assert json.loads(archive.read("rebound-export/account.json")) == ACCOUNT
    assert b"$2b$" not in data


def test_an_empty_account_exports_a_readme_and_no_setbacks():
    data = data_zip.build_zip([], {"username": "sam"}, WHEN)
    assert data_zip.read_zip(data) == []
    assert data_zip.read_account(data) == {"username": "sam", "first_name": "", "last_name": "", "email": ""}


def test_the_file_name_carries_the_date():
    assert data_zip.file_name(WHEN) == "rebound-export-2025-03-14.zip"


@pytest.mark.parametrize(
    ("member", "content", "problem"),
    [
        ("setbacks/" + "a" * 32 + ".json", b"{not json", "is not a setback Rebound can read"),
        ("setbacks/" + "a" * 32 + ".json", full_setback().model_dump_json().encode(), "different id"),
    ],
)
def test_a_damaged_export_is_refused_with_a_message(member, content, problem):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"rebound-export/{member}", content)
    with pytest.raises(data_zip.ExportError, match=problem):
        data_zip.read_zip(buffer.getvalue())


def test_a_file_that_is_not_a_zip_is_refused():
    with pytest.raises(data_zip.ExportError, match="isn't a zip"):
        data_zip.read_zip(b"PK but not really")


@settings(max_examples=40)
@given(text=st.text(max_size=500), company=st.text(min_size=1, max_size=200).filter(str.strip))
def test_any_text_survives_the_round_trip(text, company):
    setback = Setback(
        intake=Intake(company=company, heard_on=date(2025, 1, 1), message=text), vent=Vent(text=text)
    )
    [back] = data_zip.read_zip(data_zip.build_zip([setback], ACCOUNT, WHEN))
    assert back == setback


def test_the_prep_sheet_goes_into_the_export_when_there_is_one_and_reads_back():
    from core.models import OwnPrepItem, PrepSheet

    sheet = PrepSheet(
        company="Globex",
        interview_on=date(2027, 3, 12),
        practised=["questions-0123456789abcdef"],
        own=[OwnPrepItem(section="ask", text="How is success measured?")],
    )
    data = data_zip.build_zip([full_setback()], ACCOUNT, WHEN, prep_sheet=sheet)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert PrepSheet.model_validate_json(archive.read("rebound-export/prep-sheet.json")) == sheet
    assert "prep-sheet.json" in archive.read("rebound-export/README.txt").decode("utf-8")
    assert [s.intake.company for s in data_zip.read_zip(data)] == ["Acme"]  # the import reads setbacks only
    untouched = data_zip.build_zip([], ACCOUNT, WHEN, prep_sheet=PrepSheet())
    assert "rebound-export/prep-sheet.json" not in names(untouched)


def test_the_manifest_names_the_rebound_and_layouts_that_made_it_and_no_time():
    data = data_zip.build_zip([full_setback()], ACCOUNT, WHEN)
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("rebound-export/manifest.json"))
    from core.version import NAME

    assert manifest == {
        "format": "rebound-export",
        "export_version": data_zip.EXPORT_VERSION,
        "setback_schema": SCHEMA_VERSION,
        "made_by": NAME,
    }


def test_drafts_go_into_their_own_folder_as_the_store_keeps_them():
    from core.storage.store import Draft

    setback = full_setback()
    draft = Draft(setback_id=setback.id, stage="vent", values={"text": "not saved yet"}, updated_at=WHEN)
    data = data_zip.build_zip([setback], ACCOUNT, WHEN, drafts=[draft])
    member = zipfile.ZipFile(io.BytesIO(data)).read(f"rebound-export/drafts/{setback.id}.vent.json")
    assert Draft.model_validate_json(member) == draft
