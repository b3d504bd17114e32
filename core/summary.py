"""What goes into the PDF summary, as plain data: a cover, the emotion arc, one section per chosen stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from core import content, i18n
from core.emotions import EmotionDelta, closing_start, describe_change, emotion_change, labels
from core.models import STAGES, Reflect, Setback, Summary, Target
from core.progress import stage_done
from core.targets import SHOWN_ORDER

# The summary's words are content.PDF_* (in the language of the run); the arc's heading is
# content.ARC_TITLE, the same words as the arc on the History and Summary pages.
TARGET_WIDTHS = {"company": 1.3, "why": 2.1, "role": 1.15, "next_step": 2.05, "due": 1.5, "status": 1.45}


def long_date(day: date) -> str:
    """21 November 2026, 21 de noviembre de 2026: in the language of the run."""
    return i18n.long_date(day)


def short_date(day: date) -> str:
    """21 Nov 2026, 21 nov 2026: for narrow table columns."""
    return i18n.short_date(day)


def target_columns() -> tuple[str, ...]:
    """The targets table's columns, with the app's words and in the app's order (core.targets.SHOWN_ORDER)."""
    names = content.TARGETS_COLUMNS
    return tuple(names[column] for column in SHOWN_ORDER)


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
        labels = content.PDF_COVER_FACTS
        facts = (
            (labels["heard_on"], long_date(self.heard_on)),
            (labels["stage_reached"], self.stage_reached),
            (labels["how_heard"], self.how_heard),
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
    heading = content.PDF_HEADINGS["vent"]
    if vent.private:
        return Section("vent", heading, (Paragraph(content.PDF_VENT_KEPT_PRIVATE),))
    if not include_vent:
        return Section("vent", heading, (Paragraph(content.PDF_VENT_LEFT_OUT),))
    return Section("vent", heading, (Paragraph(vent.text),))


def _reason_label(reason_id: str) -> str:
    reason = content.REASONS_BY_ID.get(reason_id)  # an id from a newer version: shown as it is
    return reason.label if reason else reason_id.replace("_", " ").capitalize()


def _reflect_blocks(reflect: Reflect) -> list[Block]:
    blocks: list[Block] = []
    marked = [mark for mark in reflect.reasons if mark.applies != "no"]
    if marked:
        applies, control, basis = content.APPLIES, content.CONTROL, content.BASIS
        rows = tuple(
            (
                _reason_label(mark.reason_id),
                applies[mark.applies],
                control[mark.control],
                basis[mark.basis],
            )
            for mark in marked
        )
        blocks.append(
            Table(content.PDF_REASON_COLUMNS, rows, (3.2, 1, 1.3, 1.4), label=content.PDF_REASONS_LABEL)
        )
    feedback = reflect.feedback
    facts = [(content.PDF_FEEDBACK_RECEIVED, content.FEEDBACK_RECEIVED[feedback.received])]
    if feedback.kinds:
        kinds = content.FEEDBACK_KINDS
        facts.append((content.PDF_FEEDBACK_KIND, "; ".join(kinds[kind] for kind in feedback.kinds)))
    blocks.append(Pairs(tuple(facts), label=content.PDF_FEEDBACK_LABEL))
    if feedback.said.strip():
        blocks.append(Paragraph(feedback.said, label=content.PDF_FEEDBACK_SAID))
    learning = content.PDF_LEARNING
    for label, text in (
        (learning["learned"], reflect.learned),
        (learning["practice"], reflect.practice),
        (learning["differently"], reflect.differently),
    ):
        if text.strip():
            blocks.append(Paragraph(text, label=label))
    stumbles = tuple(
        (stumble.question, stumble.better_answer)
        for stumble in reflect.stumbles
        if stumble.question.strip() or stumble.better_answer.strip()
    )
    if stumbles:
        columns = content.PDF_STUMBLE_COLUMNS
        blocks.append(Table(columns, stumbles, (1, 1.6), label=content.PDF_STUMBLES_LABEL))
    if reflect.wanted is not None:
        wanted = content.PDF_WANTED.format(wanted=reflect.wanted)
        blocks.append(Paragraph(wanted, label=content.PDF_WANTED_LABEL))
    if reflect.if_then.strip():
        blocks.append(Paragraph(reflect.if_then, label=content.PDF_IF_THEN_LABEL))
    if reflect.to_a_friend.strip():
        blocks.append(Paragraph(reflect.to_a_friend, label=content.PDF_TO_A_FRIEND_LABEL))
    return blocks


def _target_cell(target: Target, column: str) -> str:
    if column == "due":
        return short_date(target.due) if target.due else ""
    if column == "status":
        return content.TARGET_STATUS[target.status]
    return getattr(target, column)


def _next_targets_blocks(setback: Setback) -> list[Block]:
    stage = setback.next_targets
    assert stage is not None
    blocks: list[Block] = []
    if attractions := _clean(stage.attractions):
        blocks.append(Bullets(attractions, label=content.PDF_ATTRACTIONS_LABEL))
    if stage.targets:
        rows = tuple(
            tuple(_target_cell(target, column) for column in SHOWN_ORDER) for target in stage.targets
        )
        widths = tuple(TARGET_WIDTHS.get(column, 1.3) for column in SHOWN_ORDER)
        blocks.append(Table(target_columns(), rows, widths, label=content.PDF_TARGETS_LABEL))
    keep = stage.stay_in_touch
    if keep.contact.strip() or keep.note.strip() or keep.reconnect_on:
        labels = content.PDF_STAY_FACTS
        facts = [(labels["company"], setback.intake.company)]
        if keep.contact.strip():
            facts.append((labels["contact"], keep.contact))
        if keep.reconnect_on:
            facts.append(
                (labels["reconnect_on"], i18n.join([long_date(day) for day in sorted(keep.reconnect_on)]))
            )
        if keep.note.strip():
            facts.append((labels["note"], keep.note))
        blocks.append(Pairs(tuple(facts), label=content.PDF_STAY_LABEL))
    kinds, plain, dated = content.ACTION_KINDS, content.PDF_ACTION, content.PDF_ACTION_BY
    actions = tuple(
        dated.format(kind=kinds[action.kind], what=action.what, due=long_date(action.due))
        if action.due
        else plain.format(kind=kinds[action.kind], what=action.what)
        for action in stage.actions
        if action.what.strip()
    )
    if actions:
        blocks.append(Bullets(actions, label=content.PDF_ACTIONS_LABEL))
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
    return Section(name, content.PDF_HEADINGS[name], tuple(blocks)) if blocks else None


def _arc(setback: Setback) -> EmotionArc | None:
    before = setback.vent.check_in if setback.vent else None
    after = setback.summary.check_in if setback.summary else None
    if before is None and after is None:
        return None
    deltas = tuple(emotion_change(before, after))
    points: dict[str, tuple[int | None, int | None]] = {}
    for label, delta in zip(labels(list(deltas)), deltas, strict=True):
        points.setdefault(label, (delta.before, delta.after))
    return EmotionArc(points=points, reading=describe_change(list(deltas)), deltas=deltas)


def build_summary(
    setback: Setback,
    sections: Iterable[str] | None = None,
    include_vent: bool = False,
    include_message: bool = False,
) -> SummaryDoc:
    """The summary of a setback: chosen stages in journey order, the vent text only if it is shared.

    Their message (pasted on Start here) comes first, and only when `include_message` is True.

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
    if include_message and setback.intake.message.strip():
        built.append(Section("message", content.PDF_MESSAGE_HEADING, (Paragraph(setback.intake.message),)))
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


# The stages the PDF can hold, each with its own tick (the vent writing has its own, stricter switch).
PDF_STAGES = STAGES[1:]


def vent_shareable(setback: Setback) -> bool:
    """Whether the vent writing may go into the PDF at all: written, and not marked private."""
    vent = setback.vent
    return vent is not None and not vent.private and bool(vent.text.strip())


def message_given(setback: Setback) -> bool:
    """Whether the intake holds their message (it goes into the PDF only when ticked)."""
    return bool(setback.intake.message.strip())


def starting_summary(setback: Setback, saved: Summary | None) -> Summary:
    """What the Summary page starts from: the saved choices, else a stage ticked only if it is done.

    A tick for the vent or the message stands only while there is something to include.
    """
    before = setback.vent.check_in if setback.vent else None
    return Summary(
        check_in=closing_start(before, saved.check_in if saved else None),
        future_note=saved.future_note if saved else "",
        sections=[s for s in PDF_STAGES if (s in saved.sections if saved else stage_done(setback, s))],
        include_vent=bool(saved and saved.include_vent and vent_shareable(setback)),
        include_message=bool(saved and saved.include_message and message_given(setback)),
    )


def same_summary(one: Summary | None, other: Summary | None) -> bool:
    """Whether two Summary stages hold the same choices and words (when each was saved aside)."""
    if one is None or other is None:
        return one is other
    return one.model_dump(exclude={"saved_at"}) == other.model_dump(exclude={"saved_at"})
