"""The "Export all my data" zip: what is inside, and that it reads back into the same models."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import export
from core.models import (
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
from core.storage import Store

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


def test_the_zip_holds_a_readme_the_account_and_one_json_file_per_setback():
    setbacks = [full_setback(), Setback(intake=Intake(company="Beta", heard_on=date(2025, 2, 1)))]
    data = export.build_zip(setbacks, ACCOUNT, WHEN)
    assert sorted(names(data)) == sorted(
        [
            "rebound-export/README.txt",
            "rebound-export/account.json",
            *(f"rebound-export/setbacks/{s.id}.json" for s in setbacks),
        ]
    )


def test_each_setback_file_is_exactly_what_storage_writes_to_disk(tmp_path):
    store = Store(tmp_path)
    saved = store.create("sam", Intake(company="Acme", heard_on=date(2025, 3, 1)))
    saved = store.save_stage("sam", saved.id, "vent", Vent(text="hard day"))
    on_disk = (store.user_dir("sam") / "setbacks" / f"{saved.id}.json").read_bytes()
    data = export.build_zip(store.list("sam").setbacks, ACCOUNT, WHEN)
    assert zipfile.ZipFile(io.BytesIO(data)).read(f"rebound-export/setbacks/{saved.id}.json") == on_disk


def test_the_export_round_trips_into_equal_models():
    setbacks = [full_setback(), Setback(intake=Intake(company="Beta", heard_on=date(2025, 2, 1)))]
    assert export.read_zip(export.build_zip(setbacks, ACCOUNT, WHEN)) == setbacks


def test_the_readme_explains_the_files_and_the_account_leaves_the_password_out():
    data = export.build_zip([full_setback()], ACCOUNT | {"password": "$2b$12$hash"}, WHEN)
    archive = zipfile.ZipFile(io.BytesIO(data))
    readme = archive.read("rebound-export/README.txt").decode("utf-8")
    for word in ("account.json", "setbacks/<id>.json", "schema_version", "intake", "vent", "summary"):
        assert word in readme
    assert "2025-03-14 09:30 UTC" in readme
    assert json.loads(archive.read("rebound-export/account.json")) == ACCOUNT
    assert b"$2b$" not in data


def test_an_empty_account_exports_a_readme_and_no_setbacks():
    data = export.build_zip([], {"username": "sam"}, WHEN)
    assert export.read_zip(data) == []
    assert export.read_account(data) == {"username": "sam", "first_name": "", "last_name": "", "email": ""}


def test_the_file_name_carries_the_date():
    assert export.file_name(WHEN) == "rebound-export-2025-03-14.zip"


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
    with pytest.raises(export.ExportError, match=problem):
        export.read_zip(buffer.getvalue())


def test_a_file_that_is_not_a_zip_is_refused():
    with pytest.raises(export.ExportError, match="isn't a zip"):
        export.read_zip(b"PK but not really")


@settings(max_examples=40)
@given(text=st.text(max_size=500), company=st.text(min_size=1, max_size=200).filter(str.strip))
def test_any_text_survives_the_round_trip(text, company):
    setback = Setback(
        intake=Intake(company=company, heard_on=date(2025, 1, 1), message=text), vent=Vent(text=text)
    )
    [back] = export.read_zip(export.build_zip([setback], ACCOUNT, WHEN))
    assert back == setback
