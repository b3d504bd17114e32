"""What goes into the PDF summary, as plain data: a cover, the emotion arc, one section per chosen stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from core import content
from core.emotions import EmotionDelta, describe_change, emotion_change
from core.models import STAGES, Reflect, Setback

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Section headings and small labels used only in the summary (content.py has no such words yet).
HEADINGS = {
    "vent": "Letting it out",
    "reflect": "Reflecting on what happened",
    "went_well": "What went well",
    "gratitude": "Gratitude",
    "next_targets": "Next targets",
}
FUTURE_NOTE_HEADING = "A note to my future self"
VENT_KEPT_PRIVATE = (
    "What you wrote here is private, so it stays out of this summary. It is still saved for you."
)
VENT_LEFT_OUT = "What you wrote here is left out of this summary. It is still saved for you."
ARC_HEADING = content.ARC_TITLE  # the same words as the arc on the History and Summary pages
TARGET_COLUMNS = ("Company", "Role", "Why it fits", "Next step", "Due", "Status")


def long_date(day: date) -> str:
    """21 November 2026 — the same in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """21 Nov 2026, for narrow table columns."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


@dataclass(frozen=True)
class Paragraph:
    """Free text; `label` is an optional small heading above it."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Pairs:
    """Short facts as label: value lines."""

    pairs: tuple[tuple[str, str], ...]
    label: str = ""


@dataclass(frozen=True)
class Table:
    """Rows under column headings; `widths` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    label: str = ""


Block = Paragraph | Bullets | Pairs | Table


@dataclass(frozen=True)
class Section:
    """One stage of the journey as it appears in the summary."""

    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Cover:
    """The first page: which setback this is."""

    title: str
    company: str
    role: str
    heard_on: date
    stage_reached: str
    how_heard: str

    def facts(self) -> tuple[tuple[str, str], ...]:
        """The cover's label: value lines (company and role are the cover's title and subtitle)."""
        facts = (
            ("Heard back on", long_date(self.heard_on)),
            ("Stage reached", self.stage_reached),
            ("How the news came", self.how_heard),
        )
        return tuple((label, value) for label, value in facts if value)


@dataclass(frozen=True)
class EmotionArc:
    """Feelings at the first check-in and the closing one: label -> (before, after), None if not rated."""

    points: dict[str, tuple[int | None, int | None]]
    reading: str
    deltas: tuple[EmotionDelta, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class SummaryDoc:
    """Everything the PDF shows, in order; nothing in here is private unless the person chose it."""

    cover: Cover
    arc: EmotionArc | None
    sections: tuple[Section, ...]
    future_note: str


def _clean(items: Iterable[str]) -> tuple[str, ...]:
    """Entries with something in them."""
    return tuple(item for item in items if item.strip())


def _vent_section(setback: Setback, include_vent: bool) -> Section | None:
    vent = setback.vent
    if vent is None or not vent.text.strip():
        return None
    if vent.private:
        return Section("vent", HEADINGS["vent"], (Paragraph(VENT_KEPT_PRIVATE),))
    if not include_vent:
        return Section("vent", HEADINGS["vent"], (Paragraph(VENT_LEFT_OUT),))
    return Section("vent", HEADINGS["vent"], (Paragraph(vent.text),))


def _reason_label(reason_id: str) -> str:
    reason = content.REASONS_BY_ID.get(reason_id)
    return reason.label if reason else reason_id.replace("_", " ").capitalize()


def _reflect_blocks(reflect: Reflect) -> list[Block]:
    blocks: list[Block] = []
    marked = [mark for mark in reflect.reasons if mark.applies != "no"]
    if marked:
        rows = tuple(
            (
                _reason_label(mark.reason_id),
                content.APPLIES[mark.applies],
                content.CONTROL[mark.control],
                content.BASIS[mark.basis],
            )
            for mark in marked
        )
        columns = ("Possible reason", "Applies?", "Whose control", "Based on")
        blocks.append(Table(columns, rows, (3.2, 1, 1.3, 1.4), label="Possible reasons"))
    feedback = reflect.feedback
    facts = [("Feedback received", content.FEEDBACK_RECEIVED[feedback.received])]
    if feedback.kinds:
        facts.append(("What kind", "; ".join(content.FEEDBACK_KINDS[kind] for kind in feedback.kinds)))
    blocks.append(Pairs(tuple(facts), label="Their feedback"))
    if feedback.said.strip():
        blocks.append(Paragraph(feedback.said, label="What they said"))
    for label, text in (
        ("What I can learn", reflect.learned),
        ("What I could have practised more", reflect.practice),
        ("What I would do differently", reflect.differently),
    ):
        if text.strip():
            blocks.append(Paragraph(text, label=label))
    stumbles = tuple(
        (stumble.question, stumble.better_answer)
        for stumble in reflect.stumbles
        if stumble.question.strip() or stumble.better_answer.strip()
    )
    if stumbles:
        columns = ("A question I stumbled on", "A better answer now")
        blocks.append(Table(columns, stumbles, (1, 1.6), label="Questions to prepare for"))
    if reflect.wanted is not None:
        blocks.append(Paragraph(f"{reflect.wanted} out of 10", label="How much I wanted this job"))
    if reflect.if_then.strip():
        blocks.append(Paragraph(reflect.if_then, label="My if-then plan for next time"))
    return blocks


def _next_targets_blocks(setback: Setback) -> list[Block]:
    stage = setback.next_targets
    assert stage is not None
    blocks: list[Block] = []
    if attractions := _clean(stage.attractions):
        blocks.append(Bullets(attractions, label="What drew me to this job"))
    if stage.targets:
        rows = tuple(
            (
                target.company + (f"\nContact: {target.contact}" if target.contact.strip() else ""),
                target.role,
                target.why,
                target.next_step,
                short_date(target.due) if target.due else "",
                content.TARGET_STATUS[target.status],
            )
            for target in stage.targets
        )
        blocks.append(
            Table(TARGET_COLUMNS, rows, (1.45, 1.2, 2.2, 2.2, 1.35, 1.4), label="Where I'll aim next")
        )
    keep = stage.stay_in_touch
    if keep.contact.strip() or keep.note.strip() or keep.reconnect_on:
        facts = [("Company", setback.intake.company)]
        if keep.contact.strip():
            facts.append(("Contact", keep.contact))
        if keep.reconnect_on:
            facts.append(("Reconnect on", ", ".join(long_date(day) for day in sorted(keep.reconnect_on))))
        if keep.note.strip():
            facts.append(("Note", keep.note))
        blocks.append(Pairs(tuple(facts), label="Staying in touch"))
    actions = tuple(
        f"{content.ACTION_KINDS[action.kind]}: {action.what}"
        + (f" (by {long_date(action.due)})" if action.due else "")
        for action in stage.actions
        if action.what.strip()
    )
    if actions:
        blocks.append(Bullets(actions, label="Building my profile"))
    return blocks


def _section(setback: Setback, name: str) -> Section | None:
    """The section for one stage, or None when there is nothing in it to show."""
    blocks: list[Block] = []
    if name == "reflect" and setback.reflect is not None:
        blocks = _reflect_blocks(setback.reflect)
    elif name == "went_well" and setback.went_well is not None:
        if wins := _clean(setback.went_well.wins):
            blocks = [Bullets(wins)]
    elif name == "gratitude" and setback.gratitude is not None:
        entries = tuple(
            entry.text + (f" — {entry.person}" if entry.person.strip() else "")
            for entry in setback.gratitude.entries
            if entry.text.strip()
        )
        if entries:
            blocks = [Bullets(entries)]
    elif name == "next_targets" and setback.next_targets is not None:
        blocks = _next_targets_blocks(setback)
    return Section(name, HEADINGS[name], tuple(blocks)) if blocks else None


def _arc(setback: Setback) -> EmotionArc | None:
    before = setback.vent.check_in if setback.vent else None
    after = setback.summary.check_in if setback.summary else None
    if before is None and after is None:
        return None
    deltas = tuple(emotion_change(before, after))
    points: dict[str, tuple[int | None, int | None]] = {}
    for delta in deltas:
        # An own feeling may share a name with one of the fixed five; keep both on the chart.
        taken = {label.casefold() for label in points}
        label = delta.label if delta.label.casefold() not in taken else f"{delta.label} (own)"
        points.setdefault(label, (delta.before, delta.after))
    return EmotionArc(points=points, reading=describe_change(list(deltas)), deltas=deltas)


def build_summary(
    setback: Setback, sections: Iterable[str] | None = None, include_vent: bool = False
) -> SummaryDoc:
    """The summary of a setback: chosen stages in journey order, the vent text only if it is shared.

    `sections` defaults to what the person picked on the Summary page (or every stage after Vent).
    The vent writing appears only when `include_vent` is True *and* the vent stage is not private;
    the vent check-in numbers always feed the emotion arc. Asking for the vent text adds the Vent
    section even when "vent" is not among `sections`. The arc and the note to the future self are
    always included, so a "summary" entry in `sections` changes nothing; unknown names are ignored.
    """
    if sections is None:
        sections = setback.summary.sections if setback.summary else STAGES[1:]
    chosen = set(sections)
    if include_vent:
        chosen.add("vent")
    built: list[Section] = []
    for name in STAGES:
        if name not in chosen:
            continue
        section = _vent_section(setback, include_vent) if name == "vent" else _section(setback, name)
        if section is not None:
            built.append(section)
    intake = setback.intake
    cover = Cover(
        title=setback.title(),
        company=intake.company,
        role=intake.role,
        heard_on=intake.heard_on,
        stage_reached=content.STAGE_REACHED[intake.stage_reached],
        how_heard=content.HOW_HEARD[intake.how_heard],
    )
    note = setback.summary.future_note if setback.summary else ""
    return SummaryDoc(cover=cover, arc=_arc(setback), sections=tuple(built), future_note=note)
