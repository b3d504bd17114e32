"""The Summary page in AppTest: closing check-in and chart, the note, section choices, Save, downloads.

AppTest has no Streamlit runtime, so a download button's callable would never even be registered.
`files` stands in for the runtime's media file manager: it records each deferred download (its
callable, MIME type and file name) exactly as the real one would, without running it. Calling the
recorded callable is what a click in the browser does.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import pyarrow as pa
import pytest
from icalendar import Calendar
from pypdf import PdfReader
from streamlit.elements.widgets import button as st_button
from streamlit.testing.v1 import AppTest

import core.pdf
from core import content
from core.emotions import describe_change, emotion_change
from core.models import MEDIUM_TEXT, STAGES, CheckIn, Feeling, Intake, Setback, Summary, Vent
from core.storage import Person, Store
from tests.app.conftest import assert_valid_vega_lite, signed_in_app
from tests.factories import HEARD_ON, VENT_MARKER, full_setback, people_store

USER = "sam"
PDF, ICS, CSV = content.SUMMARY_DOWNLOAD_PDF, content.SUMMARY_DOWNLOAD_ICS, content.SUMMARY_DOWNLOAD_CSV


@dataclass
class Deferred:
    data: Any
    mimetype: str | None
    file_name: str | None


@dataclass
class FakeFiles:
    """The media file manager's deferred-download half: remembers callables, never runs them."""

    deferred: dict[str, Deferred] = field(default_factory=dict)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        self.deferred[file_name or coordinates] = Deferred(data_callable, mimetype, file_name)
        return f"deferred-{len(self.deferred)}"

    def remove_deferred(self, coordinates, element_id=""):
        pass

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        return "/media/static"

    def by_extension(self, ext: str) -> Deferred:
        (found,) = [d for name, d in self.deferred.items() if name.endswith("." + ext)]
        return found


@pytest.fixture
def files(monkeypatch) -> FakeFiles:
    fake = FakeFiles()
    instance = SimpleNamespace(media_file_mgr=fake)
    monkeypatch.setattr(
        st_button, "runtime", SimpleNamespace(exists=lambda: True, get_instance=lambda: instance)
    )
    return fake


@pytest.fixture
def renders(monkeypatch) -> list[int]:
    """Counts every PDF render; the real renderer still runs."""
    calls: list[int] = []
    real = core.pdf.render_pdf

    def counting(doc):
        calls.append(1)
        return real(doc)

    monkeypatch.setattr(core.pdf, "render_pdf", counting)
    return calls


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


def put(store: Store, setback: Setback) -> Setback:
    """Write a ready-made setback for the signed-in user, stage by stage, as the pages would."""
    created = store.create(Person(USER), setback.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        if (model := getattr(setback, stage)) is not None:
            store.save_stage(Person(USER), created.id, stage, model)
    return store.load(Person(USER), created.id)


def open_summary(setback: Setback | None) -> AppTest:
    at = signed_in_app(USER)
    if setback is not None:
        at.session_state["setback_id"] = setback.id
    at.run()
    at.switch_page("pages/summary.py")
    at.run()
    assert not at.exception
    return at


def key(setback: Setback, field: str) -> str:
    return f"draft.{setback.id}.summary.{field}"


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def chart_rows(at: AppTest) -> dict[tuple[str, str], int]:
    """(feeling, moment) -> value, read from the chart element's own data."""
    (chart,) = at.get("vega_lite_chart")
    (dataset,) = chart.proto.datasets
    frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    return {(row.feeling, row.moment): row.value for row in frame.itertuples()}


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def save(at: AppTest) -> None:
    at.button(key="save.summary").click().run()
    assert not at.exception


BEFORE, AFTER = content.ARC_MOMENTS["before"], content.ARC_MOMENTS["after"]


# -- showing -----------------------------------------------------------------------------------


def test_without_a_setback_the_summary_page_points_to_start_here():
    at = open_summary(None)
    assert "no setback to work on yet" in texts(at.info)[0]
    assert not at.download_button
    assert not at.exception


def test_a_filled_setback_shows_both_check_ins_in_the_chart_a_reading_and_all_three_downloads(store, files):
    setback = put(store, full_setback())
    at = open_summary(setback)
    rows = chart_rows(at)
    assert rows[("Disappointment", BEFORE)] == 80 and rows[("Disappointment", AFTER)] == 55
    assert rows[("Shame", BEFORE)] == 20 and rows[("Shame", AFTER)] == 10
    # "Worry" was named on Vent; the closing check-in offers the same feeling, starting at its first rating.
    assert rows[("Worry", BEFORE)] == 70 and rows[("Worry", AFTER)] == 70
    assert at.slider(key=key(setback, "own.worry")).label == "Worry"
    after = setback.summary.check_in.model_copy(update={"own": [Feeling(name="Worry", score=70)]})
    reading = describe_change(emotion_change(setback.vent.check_in, after))
    assert reading.startswith("Disappointment eased from 80 to 55")
    assert any(m.value.replace("\\", "") == reading for m in at.markdown)
    assert [(b.label, b.proto.disabled) for b in at.download_button] == [
        (PDF, False),
        (ICS, False),
        (CSV, False),
    ]
    name = "rebound-acme-rockets-2025-11-03"
    assert {
        ext: (d.file_name, d.mimetype) for ext in ("pdf", "ics", "csv") for d in [files.by_extension(ext)]
    } == {
        "pdf": (f"{name}.pdf", "application/pdf"),
        "ics": (f"{name}.ics", "text/calendar"),
        "csv": (f"{name}.csv", "text/csv"),
    }
    assert not at.exception


def test_the_chart_drawn_is_a_valid_vega_lite_spec_and_a_broken_one_would_be_caught(store):
    import json

    from jsonschema import ValidationError

    at = open_summary(put(store, full_setback()))
    (chart,) = at.get("vega_lite_chart")
    assert_valid_vega_lite(chart.proto.spec)
    broken = json.loads(chart.proto.spec) | {"mark": {"type": "no such mark"}}
    with pytest.raises(ValidationError):
        assert_valid_vega_lite(json.dumps(broken))
    assert not at.exception


def test_moving_a_slider_updates_the_chart_and_the_reading_before_anything_is_saved(store):
    setback = put(store, full_setback())
    at = open_summary(setback)
    at.slider(key=key(setback, "anger")).set_value(5).run()
    assert chart_rows(at)[("Anger", AFTER)] == 5
    assert any("anger eased from 45 to 5" in m.value for m in at.markdown)
    assert content.STAGE_UNSAVED in texts(at.caption)
    assert content.SUMMARY_DOWNLOAD_SAVES in texts(at.caption)
    assert store.load(Person(USER), setback.id).summary.check_in.anger == 42
    assert not at.exception


def test_without_a_vent_check_in_the_page_says_there_is_nothing_to_compare_with(store):
    setback = put(store, full_setback(vent=None))
    at = open_summary(setback)
    assert content.SUMMARY_NO_VENT in texts(at.info)
    assert (("Disappointment", BEFORE)) not in chart_rows(at)
    assert chart_rows(at)[("Disappointment", AFTER)] == 55
    assert not at.exception


# -- saving ------------------------------------------------------------------------------------


def test_save_keeps_the_check_in_the_note_and_the_sections_and_a_new_session_shows_them(store):
    setback = put(store, full_setback(summary=None))
    at = open_summary(setback)
    assert content.STAGE_UNSAVED not in texts(at.caption)  # opening is not a change
    at.slider(key=key(setback, "sadness")).set_value(25)
    at.slider(key=key(setback, "own.worry")).set_value(40)
    at.text_area(key=key(setback, "future_note")).input("Breathe. One small step.")
    at.checkbox(key=key(setback, "section.gratitude")).uncheck()
    save(at)
    saved = store.load(Person(USER), setback.id).summary
    assert saved.check_in.sadness == 25
    assert saved.check_in.disappointment == 80  # untouched sliders start at the Vent ratings
    assert saved.check_in.own == [Feeling(name="Worry", score=40)]
    assert saved.future_note == "Breathe. One small step."
    assert saved.sections == ["reflect", "went_well", "next_targets"]
    assert saved.include_vent is False
    assert any(t.startswith("Saved at ") for t in texts(at.caption))

    again = open_summary(setback)
    assert again.slider(key=key(setback, "sadness")).value == 25
    assert again.slider(key=key(setback, "own.worry")).value == 40
    assert again.text_area(key=key(setback, "future_note")).value == "Breathe. One small step."
    assert again.checkbox(key=key(setback, "section.gratitude")).value is False
    assert content.STAGE_UNSAVED not in texts(again.caption)
    assert not again.exception


def test_drafts_on_the_summary_page_survive_a_visit_to_another_page(store):
    setback = put(store, full_setback())
    at = open_summary(setback)
    at.text_area(key=key(setback, "future_note")).input("Half a thought").run()
    at.switch_page("pages/vent.py").run()
    at.switch_page("pages/summary.py").run()
    assert at.text_area(key=key(setback, "future_note")).value == "Half a thought"
    assert store.load(Person(USER), setback.id).summary.future_note == full_setback().summary.future_note
    assert not at.exception


def test_an_over_long_note_is_named_with_its_limit_and_nothing_saved_is_lost(store, files):
    setback = put(store, full_setback())
    at = open_summary(setback)
    too_long = "n" * (MEDIUM_TEXT + 1)
    at.text_area(key=key(setback, "future_note")).input(too_long).run()
    message = content.too_long(content.STAGE_FIELDS["future_note"], MEDIUM_TEXT)
    assert "5,000 characters" in message
    assert message in texts(at.warning)  # said before Save is even tried
    save(at)
    assert message in texts(at.error)
    assert at.text_area(key=key(setback, "future_note")).value == too_long
    assert store.load(Person(USER), setback.id).summary == setback.summary
    # The PDF can't show a note that can't be saved: it keeps the saved page, and says so.
    assert content.SUMMARY_DOWNLOAD_OLD in texts(at.caption)
    assert full_setback().summary.future_note in pdf_text(files.by_extension("pdf").data())
    assert not at.exception


# -- the vent writing --------------------------------------------------------------------------


def test_the_vent_tick_is_disabled_and_explained_while_the_vent_is_private(store, files):
    setback = put(store, full_setback())
    at = open_summary(setback)
    tick = at.checkbox(key=key(setback, "include_vent"))
    assert tick.disabled and tick.value is False
    assert content.SUMMARY_VENT_PRIVATE in texts(at.caption)
    assert VENT_MARKER not in pdf_text(files.by_extension("pdf").data())
    assert not at.exception


def test_shared_vent_writing_goes_into_the_pdf_only_when_ticked(store, files):
    shared = full_setback().vent.model_copy(update={"private": False})
    setback = put(store, full_setback(vent=shared))
    at = open_summary(setback)
    tick = at.checkbox(key=key(setback, "include_vent"))
    assert not tick.disabled and tick.value is False
    assert VENT_MARKER not in pdf_text(files.by_extension("pdf").data())
    tick.check().run()
    assert VENT_MARKER in pdf_text(files.by_extension("pdf").data())
    assert not at.exception


def test_a_tick_saved_while_shared_does_not_stand_once_the_vent_is_private_again(store, files):
    shared = full_setback().vent.model_copy(update={"private": False})
    setback = put(store, full_setback(vent=shared))
    store.save_stage(
        Person(USER), setback.id, "summary", setback.summary.model_copy(update={"include_vent": True})
    )
    store.save_stage(Person(USER), setback.id, "vent", shared.model_copy(update={"private": True}))
    at = open_summary(setback)
    tick = at.checkbox(key=key(setback, "include_vent"))
    assert tick.disabled and tick.value is False
    assert content.STAGE_UNSAVED not in texts(at.caption)
    assert VENT_MARKER not in pdf_text(files.by_extension("pdf").data())
    assert not at.exception


# -- downloads ---------------------------------------------------------------------------------


def test_the_pdf_is_rendered_only_when_its_button_is_clicked_never_on_a_rerun(store, files, renders):
    setback = put(store, full_setback())
    at = open_summary(setback)
    at.slider(key=key(setback, "anxiety")).set_value(15).run()
    at.text_area(key=key(setback, "future_note")).input("Rest, then one step.").run()
    at.checkbox(key=key(setback, "section.reflect")).uncheck().run()
    at.run()
    assert renders == []
    assert callable(files.by_extension("pdf").data)

    text = pdf_text(files.by_extension("pdf").data())  # what a click does
    assert renders == [1]
    # The PDF shows the page as it is on screen, with the stages as saved.
    assert "Rest, then one step." in text
    assert "anxiety eased from 50 to 15" in text
    assert "Reflecting on what happened" not in text
    assert "Being chosen to interview at all" in text
    assert VENT_MARKER not in text
    assert not at.exception


def test_clicking_download_pdf_saves_what_the_pdf_shows(store, files):
    setback = put(store, full_setback())
    at = open_summary(setback)
    at.text_area(key=key(setback, "future_note")).input("Kept with the PDF").run()
    at.download_button(key="summary.download.pdf").click().run()
    assert store.load(Person(USER), setback.id).summary.future_note == "Kept with the PDF"
    assert any(t.startswith("Saved at ") for t in texts(at.caption))
    assert content.SUMMARY_DOWNLOAD_SAVES not in texts(at.caption)
    assert not at.exception


def test_the_calendar_and_the_targets_files_come_from_the_saved_next_targets(store, files, renders):
    setback = put(store, full_setback())
    open_summary(setback)
    calendar = Calendar.from_ical(files.by_extension("ics").data())
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    nt = setback.next_targets
    assert len(starts) == len(nt.stay_in_touch.reconnect_on) + len(nt.targets) + 1  # one dated action
    assert starts[0] == min(nt.stay_in_touch.reconnect_on + [t.due for t in nt.targets])
    data = files.by_extension("csv").data()
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark: spreadsheet apps read accents right
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["Company"] for row in rows] == [t.company for t in nt.targets]
    assert renders == []


def test_the_pdfs_targets_table_has_the_next_targets_pages_columns_in_the_same_order(store, files):
    setback = put(store, full_setback())
    at = open_summary(setback)  # the PDF button is ready; its file is made below, as a click would
    at.switch_page("pages/next_targets.py").run()
    (editor,) = at.data_editor
    shown = [content.TARGETS_COLUMNS[column] for column in editor.proto.column_order]
    assert shown[0] == "Company" and shown[-1] == "Contact"  # what a person sees on screen
    text = pdf_text(files.by_extension("pdf").data())
    assert " ".join(shown) in text  # the PDF's header row, left to right
    assert "Initech Initech builds tools" in text and "Interviewing Alex Kim" in text
    assert not at.exception


def test_with_only_an_intake_the_page_works_and_the_pdf_has_what_there_is(store, files):
    setback = store.create(Person(USER), Intake(company="Tiny Co", heard_on=date(2025, 6, 1)))
    at = open_summary(setback)
    assert [(b.label, b.proto.disabled) for b in at.download_button] == [
        (PDF, False),
        (ICS, True),
        (CSV, True),
    ]
    assert content.SUMMARY_NO_DATES in texts(at.caption) and content.SUMMARY_NO_TARGETS in texts(at.caption)
    assert content.SUMMARY_SECTION_EMPTY.format(stage=content.NAV["reflect"]) in [
        c.label for c in at.checkbox
    ]
    text = pdf_text(files.by_extension("pdf").data())
    assert "Tiny Co" in text and "1 June 2025" in text
    save(at)
    assert store.load(Person(USER), setback.id).summary == Summary(
        check_in=CheckIn(),
        sections=[],  # nothing in any stage yet, so none was ticked for the PDF
        saved_at=store.load(Person(USER), setback.id).summary.saved_at,
    )
    assert not at.exception


def test_file_names_hold_only_safe_characters_with_the_company_and_the_day_heard(store, files):
    intake = full_setback().intake.model_copy(update={"company": "Ça & Co/../"})
    setback = put(store, full_setback(intake=intake))
    open_summary(setback)
    assert files.by_extension("pdf").file_name == f"rebound-ca-co-{HEARD_ON.isoformat()}.pdf"


def test_a_feeling_named_twice_on_vent_gets_one_slider_and_a_fixed_name_stays_apart(store):
    own = [Feeling(name="Worry", score=70), Feeling(name=" worry", score=20), Feeling(name="Anger", score=30)]
    vent = Vent(check_in=CheckIn(anger=45, own=own))
    setback = put(store, full_setback(vent=vent, summary=None))
    at = open_summary(setback)
    labels = sorted(s.label for s in at.slider)
    assert labels == ["Anger", "Anger (own)", "Anxiety", "Disappointment", "Sadness", "Shame", "Worry"]
    assert at.slider(key=key(setback, "own.worry")).value == 70
    rows = chart_rows(at)
    assert rows[("Anger", BEFORE)] == 45 and rows[("Anger (own)", BEFORE)] == 30
    assert not at.exception


# -- a first visit (issue 17) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "vent", [None, Vent(text="Words only, no ratings.")], ids=["no vent", "vent without ratings"]
)
def test_with_no_vent_check_in_there_is_no_chart_of_zeros_and_no_promise_about_where_sliders_start(
    store, vent
):
    setback = put(store, full_setback(vent=vent, summary=None))
    at = open_summary(setback)
    assert at.get("vega_lite_chart") == []
    assert content.SUMMARY_CHART_EMPTY in texts(at.caption)
    assert content.SUMMARY_CHECK_IN_HELP not in texts(
        at.caption
    )  # "each slider starts where you put it then"
    assert content.SUMMARY_CHECK_IN_HELP_FRESH in texts(at.caption)
    assert content.SUMMARY_NO_VENT in texts(at.info)
    at.slider(key=key(setback, "sadness")).set_value(30).run()
    assert chart_rows(at) == {("Sadness", AFTER): 30} | {
        (label, AFTER): 0 for name, label in content.EMOTIONS.items() if name != "sadness"
    }
    assert not at.exception


def test_stages_with_nothing_in_them_are_not_ticked_for_the_pdf_until_the_person_chooses(store):
    setback = put(store, full_setback(went_well=None, next_targets=None, summary=None))
    at = open_summary(setback)
    ticked = {stage: at.checkbox(key=key(setback, f"section.{stage}")).value for stage in STAGES[1:]}
    assert ticked == {"reflect": True, "went_well": False, "gratitude": True, "next_targets": False}
    at.checkbox(key=key(setback, "section.went_well")).check()
    save(at)
    assert store.load(Person(USER), setback.id).summary.sections == ["reflect", "went_well", "gratitude"]
    assert not at.exception


def test_their_message_goes_into_the_pdf_only_when_ticked(store, files):
    setback = put(store, full_setback())
    message = setback.intake.message
    at = open_summary(setback)
    tick = at.checkbox(key=key(setback, "include_message"))
    assert not tick.disabled and tick.value is False  # off by default, like the vent
    assert message not in pdf_text(files.by_extension("pdf").data())
    tick.check().run()
    text = pdf_text(files.by_extension("pdf").data())
    assert "Their message" in text and message in text
    save(at)
    assert store.load(Person(USER), setback.id).summary.include_message is True
    assert not at.exception


def test_without_a_pasted_message_the_message_tick_is_off_and_says_why(store):
    setback = put(store, full_setback(intake=full_setback().intake.model_copy(update={"message": ""})))
    at = open_summary(setback)
    tick = at.checkbox(key=key(setback, "include_message"))
    assert tick.disabled and tick.value is False
    assert content.SUMMARY_MESSAGE_NOTHING in texts(at.caption)
    assert not at.exception
