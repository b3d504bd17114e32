"""Account → Import through the router: the preview, a choice per setback that differs, consent to
leave broken entries out, and the result; refusals say why and write nothing."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from core import content, data_zip
from core.models import Intake, Vent
from core.storage import Person, user_id
from pages import _import as importing
from pages import _shell as shell
from tests.app.conftest import APP, signed_in_app
from tests.factories import add_encrypted_person, add_person, files_store, full_setback

SAM = Person("sam")
WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def account_page(at: AppTest | None = None) -> AppTest:
    at = signed_in_app("sam") if at is None else at
    at.run()
    at.switch_page("pages/account.py")
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, data: bytes, name: str = "rebound-export-2025-03-14.zip") -> AppTest:
    at.file_uploader(key=f"{importing.FILE_KEY}.0").set_value((name, data, "application/zip"))
    at.run()
    assert not at.exception
    return at


def click_import(at: AppTest) -> AppTest:
    at.button(key=f"{importing.PREFIX}.go").click().run()
    assert not at.exception
    return at


def choices(at: AppTest) -> list:
    return [r for r in at.radio if (r.key or "").startswith(f"{importing.PREFIX}.choice.")]


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


@pytest.fixture
def three_kinds(data_dir):
    """Sam has a setback as exported and one changed since; the export also holds one new here."""
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    same = store.create(sam, Intake(company="Same Co", heard_on=date(2025, 2, 1)))
    changed = store.create(sam, Intake(company="Changed Co", heard_on=date(2025, 2, 2)))
    new = full_setback()
    data = data_zip.build_zip(
        [same, changed, new],
        {"username": "sam"},
        WHEN,
        [store.save_draft(sam, same.id, "vent", {"text": "a kept draft"})],
    )
    store.clear_draft(sam, same.id, "vent")
    mine = store.save_stage(sam, changed.id, "vent", Vent(text="written here after the export"))
    return store, data, new, changed, mine


def test_the_preview_shows_counts_companies_dates_and_what_is_here_and_writes_nothing(three_kinds):
    store, data, new, changed, _ = three_kinds
    at = upload(account_page(), data)
    assert content.IMPORT_COUNTS.format(total=3, new=1, identical=1, different=1, drafts=1) in texts(at)
    assert content.IMPORT_FROM.format(username="sam", made_by=data_zip.version.NAME) in texts(at)
    (frame,) = at.dataframe
    table = frame.value
    rows = table.to_dict("records")
    assert [
        (
            r[content.IMPORT_TABLE_COMPANY],
            str(r[content.IMPORT_TABLE_HEARD])[:10],
            r[content.IMPORT_TABLE_STATUS],
        )
        for r in rows
    ] == [
        ("Same Co", "2025-02-01", content.IMPORT_STATUS["identical"]),
        ("Changed Co", "2025-02-02", content.IMPORT_STATUS["different"]),
        ("Acme Rockets", new.intake.heard_on.isoformat(), content.IMPORT_STATUS["new"]),
    ]
    (choice,) = choices(at)
    assert choice.key == importing.choice_key(changed.id) and choice.value is None
    assert len(store.list(SAM).setbacks) == 2 and store.drafts(SAM) == []


def test_import_without_a_choice_for_a_different_setback_asks_for_one_and_writes_nothing(three_kinds):
    store, data, _, changed, mine = three_kinds
    at = click_import(upload(account_page(), data))
    assert content.IMPORT_CHOICES_MISSING in [w.value for w in at.warning]
    assert len(store.list(SAM).setbacks) == 2
    assert store.load(SAM, changed.id) == mine


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("keep", "mine"), ("take", "theirs"), ("both", "both")],
)
def test_each_choice_does_what_it_says_and_the_result_says_what_happened(three_kinds, choice, expected):
    store, data, new, changed, mine = three_kinds
    at = upload(account_page(), data)
    at.radio(key=importing.choice_key(changed.id)).set_value(choice).run()
    at = click_import(at)
    counts = {"added": 1, "replaced": 0, "copies": 0, "identical": 1, "kept": 0, "drafts": 1}
    counts |= {"keep": {"kept": 1}, "take": {"replaced": 1}, "both": {"copies": 1}}[choice]
    assert [s.value for s in at.success] == [content.IMPORT_DONE.format(**counts)]
    listing = {s.id: s for s in store.list(SAM).setbacks}
    assert new.id in listing
    if expected == "mine":
        assert listing[changed.id] == mine
    elif expected == "theirs":
        assert listing[changed.id] == changed
    else:
        assert listing[changed.id] == mine and len(listing) == 4
    assert [d.values for d in store.drafts(SAM)] == [{"text": "a kept draft"}]
    # the uploader starts afresh: no preview left over
    assert not choices(at) and content.IMPORT_PREVIEW_TITLE not in [h.value for h in at.subheader]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", content.IMPORT_NOT_ZIP),
        (b"", content.IMPORT_NOT_ZIP),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_what_to_do(data_dir, data, message):
    add_person(files_store(data_dir), "sam")
    at = upload(account_page(), data)
    assert [e.value for e in at.error] == [message]
    assert not [b for b in at.button if b.key == f"{importing.PREFIX}.go"]


def test_a_path_climbing_out_is_refused_and_nothing_is_written(data_dir):
    store = files_store(data_dir)
    add_person(store, "sam")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("rebound-export/../../../etc/evil", "x")
        archive.writestr(
            f"rebound-export/setbacks/{full_setback().id}.json", data_zip.setback_json(full_setback())
        )
    at = upload(account_page(), buffer.getvalue())
    (error,) = at.error
    assert error.value.startswith(content.IMPORT_UNSAFE_PATH.split("(")[0])
    assert store.list(SAM).setbacks == []


def test_broken_entries_are_listed_and_the_rest_comes_in_only_with_consent(data_dir):
    store = files_store(data_dir)
    add_person(store, "sam")
    good = full_setback()
    buffer = io.BytesIO(data_zip.build_zip([good], {"username": "sam"}, WHEN))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(f"rebound-export/setbacks/{'9' * 32}.json", "{broken")
    at = upload(account_page(), buffer.getvalue())
    line = content.IMPORT_SKIPPED_LINE.format(
        name=f"setbacks/{'9' * 32}.json", reason=content.IMPORT_SKIPPED["not_json"]
    )
    assert line in texts(at)
    at = click_import(at)
    assert content.IMPORT_CONSENT_MISSING in [w.value for w in at.warning]
    assert store.list(SAM).setbacks == []
    at.checkbox(key=importing.CONSENT).check().run()
    at = click_import(at)
    (success,) = at.success
    assert content.IMPORT_DONE_SKIPPED.format(skipped=1) in success.value
    assert store.list(SAM).setbacks == [good]


def test_an_export_already_all_here_says_there_is_nothing_to_import(data_dir):
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    store.create(sam, Intake(company="Same Co", heard_on=date(2025, 2, 1)))
    data = data_zip.build_zip(store.list(sam).setbacks, {"username": "sam"}, WHEN)
    at = upload(account_page(), data)
    assert [i.value for i in at.info] == [content.IMPORT_NOTHING]
    assert not [b for b in at.button if b.key == f"{importing.PREFIX}.go"]


def test_an_encrypted_person_imports_sealed_with_their_key(data_dir):
    store = files_store(data_dir)
    person, _ = add_encrypted_person(store, "sam")
    model = full_setback()
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "sam"
    at.session_state["name"] = "Sam"
    at.session_state["auth.signed_in_at"] = time.time()
    at.session_state[shell.DATA_KEY] = person.key
    at = upload(account_page(at), data_zip.build_zip([model], {"username": "sam"}, WHEN))
    at = click_import(at)
    assert at.success
    on_disk = (data_dir / "users" / user_id("sam") / "setbacks" / f"{model.id}.json").read_bytes()
    assert b"Acme Rockets" not in on_disk and b"Quokkavent" not in on_disk
    assert files_store(data_dir).load(person, model.id) == model


def test_an_export_with_no_setbacks_says_so_and_offers_no_import(data_dir):
    add_person(files_store(data_dir), "sam")
    at = upload(account_page(), data_zip.build_zip([], {"username": "sam"}, WHEN))
    assert [i.value for i in at.info] == [content.IMPORT_EMPTY]
    assert not [b for b in at.button if b.key == f"{importing.PREFIX}.go"]
