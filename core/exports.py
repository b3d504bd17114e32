"""Exports for the Next targets stage: targets as CSV, follow-up dates as an .ics calendar, safe file names."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from core import content
from core.models import NextTargets, Setback, Target

CSV_COLUMNS = ("Company", "Why", "Role", "Contact", "Next step", "Due", "Status")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP's list, tab and CR included).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRODID = "-//Rebound//Follow-up dates//EN"
UID_DOMAIN = "rebound.local"
SUMMARY_MAX = 120


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def targets_csv(next_targets: NextTargets | Iterable[Target] | None) -> str:
    """The targets table as CSV text with a header row; dates as YYYY-MM-DD, status as its label."""
    targets = next_targets.targets if isinstance(next_targets, NextTargets) else list(next_targets or [])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for target in targets:
        row = (
            target.company,
            target.why,
            target.role,
            target.contact,
            target.next_step,
            target.due.isoformat() if target.due else "",
            content.TARGET_STATUS[target.status],
        )
        writer.writerow([_cell(value) for value in row])
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


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)  # a date, not a datetime: an all-day event
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", _plain(summary, SUMMARY_MAX))
    if description.strip():
        event.add("description", _plain(description))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it shouldn't show as busy
    return event


def followups_ics(setback: Setback) -> bytes:
    """Every follow-up date of a setback as all-day calendar events.

    Reconnect dates with the company that said no, target due dates and profile-action due dates.
    UIDs depend on the setback and the item (not on the date), so importing an updated file
    moves an event instead of duplicating it. DTSTAMP is the setback's last update, so the same
    setback always gives the same bytes.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rebound follow-ups")
    stage = setback.next_targets
    stamp = setback.updated_at
    company = setback.intake.company
    if stage is not None:
        keep = stage.stay_in_touch
        description = "\n".join(
            part for part in (f"Contact: {keep.contact}" if keep.contact else "", keep.note) if part
        )
        for index, day in enumerate(keep.reconnect_on):
            uid = f"{setback.id}-reconnect-{index}"
            calendar.add_component(_event(uid, day, f"Reconnect with {company}", description, stamp))
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
                f"{target.company}: {target.next_step}"
                if target.next_step.strip()
                else f"Next step for {target.company}"
            )
            details = "\n".join(
                part
                for part in (
                    f"Role: {target.role}" if target.role else "",
                    f"Contact: {target.contact}" if target.contact else "",
                    f"Why it fits: {target.why}" if target.why else "",
                )
                if part
            )
            calendar.add_component(_event(uid, target.due, summary, details, stamp))
        for action in stage.actions:
            if action.due is None:
                continue
            uid = uid_for("action", f"{action.kind} {action.what}")
            summary = f"{content.ACTION_KINDS[action.kind]}: {action.what}"
            calendar.add_component(_event(uid, action.due, summary, action.what, stamp))
    return calendar.to_ical()


def safe_filename(company: str, day: date, ext: str) -> str:
    """rebound-acme-2026-11-21.pdf: ASCII letters, digits, - and _ only, whatever the company is called."""
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "setback"
    extension = re.sub(r"[^a-z0-9]", "", ext.lower())
    name = f"rebound-{slug}-{day.isoformat()}"
    return f"{name}.{extension}" if extension else name
