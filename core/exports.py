"""Exports: targets as CSV, follow-up dates and the prep sheet's reminder as .ics calendars, safe file names."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from core import content
from core.models import NextTargets, PrepSheet, Setback, Target
from core.prep import PrepDoc
from core.targets import COLUMNS

# A spreadsheet runs a cell starting with one of these as a formula (OWASP's list, tab and CR included).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What some spreadsheets read as one of those too: the minus sign, and (through NFKC) the
# full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫).
_FORMULA_CHARS = frozenset("=+-@\u2212")
# What shows as nothing before the first character that counts: spaces of every kind (NBSP too),
# line breaks and other control characters, zero-width characters and the byte-order mark.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
PRODID = "-//Rebound//Follow-up dates//EN"
UID_DOMAIN = "rebound.local"
SUMMARY_MAX = 120
# The prep sheet's reminder: the evening before the interview, half an hour to reread the sheet.
REMINDER_AT = time(19, 0)
REMINDER_LENGTH = timedelta(minutes=30)


def csv_columns() -> tuple[str, ...]:
    """The targets table's column headings in the run's language, in the order its model keeps them."""
    return tuple(content.TARGETS_COLUMNS[column] for column in COLUMNS)


def _csv_value(target: Target, column: str) -> str:
    """One cell of a target's row: dates as ISO, the status in the app's words."""
    if column == "due":
        return target.due.isoformat() if target.due else ""
    if column == "status":
        return content.TARGET_STATUS[target.status]
    return getattr(target, column)


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet might run this cell as a formula (OWASP's CSV injection rules, widened).

    OWASP names cells that start with = + - @, tab or CR. Spreadsheets also look past leading
    spaces, line feeds, NBSP, zero-width spaces and a BOM, and some take full-width ＝ for =, so
    the first character that shows is what counts, folded with NFKC.
    """
    if value.startswith(FORMULA_STARTS):
        return True
    for char in value:
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char.isspace():
            continue
        return unicodedata.normalize("NFKC", char)[:1] in _FORMULA_CHARS
    return False


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (a leading apostrophe)."""
    return "'" + value if looks_like_formula(value) else value


def targets_csv(next_targets: NextTargets | Iterable[Target] | None) -> str:
    """The targets table as CSV text with a header row; dates as YYYY-MM-DD, status as its label."""
    targets = next_targets.targets if isinstance(next_targets, NextTargets) else list(next_targets or [])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns())
    for target in targets:
        writer.writerow([_cell(_csv_value(target, column)) for column in COLUMNS])
    return buffer.getvalue()


def _calendar_char(char: str) -> str:
    if char == "\n":
        return char
    category = unicodedata.category(char)
    if category == "Cs":
        return "\ufffd"  # a lone surrogate can't be written as UTF-8 at all
    return " " if category == "Cc" or char in "\u2028\u2029" else char


def _plain(text: str, limit: int | None = None) -> str:
    """Calendar-safe text: control characters and lone surrogates replaced, one line if `limit` is set."""
    cleaned = "".join(map(_calendar_char, text))
    if limit is None:
        return cleaned.strip()
    line = " ".join(cleaned.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8", "replace")).hexdigest()[:12]


def _event(
    uid: str,
    day: date | datetime,
    summary: str,
    description: str,
    stamp: datetime,
    length: timedelta | None = None,
) -> Event:
    """An event: all day when `day` is a date, else from `day` (floating local time) for `length`."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)  # a date, not a datetime: an all-day event
    event.add("dtend", day + (length or timedelta(days=1)))
    event.add("summary", _plain(summary, SUMMARY_MAX))
    if description.strip():
        event.add("description", _plain(description))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it shouldn't show as busy
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def followups_ics(setback: Setback) -> bytes:
    """Every follow-up date of a setback as all-day calendar events.

    Reconnect dates with the company that said no, target due dates and profile-action due dates.
    UIDs depend on the setback and the item (not on the date), so importing an updated file
    moves an event instead of duplicating it. DTSTAMP is the setback's last update, so the same
    setback always gives the same bytes.
    """
    calendar = _calendar(content.ICS_CALENDAR_NAME)
    labels = content.ICS_DETAILS
    stage = setback.next_targets
    stamp = setback.updated_at
    company = setback.intake.company
    if stage is not None:
        keep = stage.stay_in_touch
        description = "\n".join(
            part
            for part in (labels["contact"].format(value=keep.contact) if keep.contact else "", keep.note)
            if part
        )
        for index, day in enumerate(keep.reconnect_on):
            uid = f"{setback.id}-reconnect-{index}"
            calendar.add_component(
                _event(uid, day, content.ICS_RECONNECT.format(company=company), description, stamp)
            )
        seen: dict[str, int] = {}

        def uid_for(kind: str, text: str) -> str:
            # Same text twice (two targets at one company) gets -1, -2: UIDs must be unique.
            key = f"{kind}-{_digest(text)}"
            seen[key] = seen.get(key, 0) + 1
            return f"{setback.id}-{key}-{seen[key]}"

        for target in stage.targets:
            if target.due is None:
                continue
            uid = uid_for("target", target.company)
            summary = (
                content.ICS_NEXT_STEP.format(company=target.company, step=target.next_step)
                if target.next_step.strip()
                else content.ICS_NEXT_STEP_FOR.format(company=target.company)
            )
            details = "\n".join(
                labels[field].format(value=getattr(target, field))
                for field in ("role", "contact", "why")
                if getattr(target, field)
            )
            calendar.add_component(_event(uid, target.due, summary, details, stamp))
        for action in stage.actions:
            if action.due is None:
                continue
            uid = uid_for("action", f"{action.kind} {action.what}")
            summary = content.ICS_ACTION.format(kind=content.ACTION_KINDS[action.kind], what=action.what)
            calendar.add_component(_event(uid, action.due, summary, action.what, stamp))
    return calendar.to_ical()


def prep_reminder_ics(sheet: PrepSheet, doc: PrepDoc) -> bytes:
    """A reminder at 7 pm the evening before the interview (floating time: the person's own clock),
    with an alert, and the sheet's items in its notes.

    The UID depends on the interview (company and date), so downloading it again after changing
    the sheet updates the reminder instead of adding a second one. Needs `sheet.interview_on`.
    """
    if sheet.interview_on is None:
        raise ValueError("a reminder needs the interview's date")
    evening = datetime.combine(sheet.interview_on - timedelta(days=1), REMINDER_AT)
    interview = (
        content.PREP_REMINDER_INTERVIEW_AT.format(company=" ".join(sheet.company.split()))
        if sheet.company.strip()
        else content.PREP_REMINDER_INTERVIEW
    )
    notes = [doc.title, *doc.facts]
    for section in doc.sections:
        notes += ["", section.heading, *(f"- {entry.text}" for entry in section.entries)]
    uid = f"prep-{_digest(sheet.company)}-{sheet.interview_on.isoformat()}"
    stamp = sheet.updated_at or datetime(2000, 1, 1, tzinfo=UTC)
    event = _event(
        uid,
        evening,
        content.PREP_REMINDER_SUMMARY.format(interview=interview),
        "\n".join(notes),
        stamp,
        REMINDER_LENGTH,
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", _plain(content.PREP_REMINDER_ALARM))
    event.add_component(alarm)
    calendar = _calendar(content.PREP_CALENDAR_NAME)
    calendar.add_component(event)
    return calendar.to_ical()


def safe_filename(company: str, day: date, ext: str) -> str:
    """rebound-acme-2026-11-21.pdf: ASCII letters, digits, - and _ only, whatever the company is called."""
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "setback"
    extension = re.sub(r"[^a-z0-9]", "", ext.lower())
    name = f"rebound-{slug}-{day.isoformat()}"
    return f"{name}.{extension}" if extension else name
