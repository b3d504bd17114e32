"""Patterns across setbacks: what keeps coming up, gathered from the person's own marks and words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from core.models import STAGES_REACHED, CheckIn, Setback

# Two setbacks are a coincidence; from three on, looking across them starts to mean something.
MIN_SETBACKS = 3
# A reason marked once is not a pattern.
MIN_TIMES = 2
CONTROLS: tuple[str, ...] = ("mine", "theirs", "unknown")
FEEDBACK_ORDER: tuple[str, ...] = ("reason", "strengths", "stay_in_touch", "vague")
LESSON_FIELDS: tuple[str, ...] = ("learned", "differently", "practice")
STRONGEST = "strongest"
# More than this many before-and-after pairs blur into a block; the latest ones tell the story.
ARC_LATEST = 40

Moment = Literal["before", "after"]


def enough_for_patterns(setbacks: Sequence[Setback]) -> bool:
    """Whether there are enough setbacks for patterns to say anything (three or more)."""
    return len(setbacks) >= MIN_SETBACKS


# -- reasons ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonPattern:
    """One reason marked as applying in several setbacks, and whose control it was each time."""

    reason_id: str
    mine: int = 0
    theirs: int = 0
    unknown: int = 0

    @property
    def times(self) -> int:
        """In how many setbacks this reason was marked as applying."""
        return self.mine + self.theirs + self.unknown


def _marks(setbacks: Iterable[Setback]) -> Iterable[tuple[str, str]]:
    """(reason_id, control) for every reason marked yes or maybe, once per setback."""
    for setback in setbacks:
        if setback.reflect is None:
            continue
        seen: set[str] = set()
        for mark in setback.reflect.reasons:
            if mark.applies == "no" or mark.reason_id in seen:
                continue
            seen.add(mark.reason_id)
            yield mark.reason_id, mark.control


def recurring_reasons(setbacks: Iterable[Setback], min_times: int = MIN_TIMES) -> list[ReasonPattern]:
    """Reasons marked (yes or maybe) in at least `min_times` setbacks, most often first."""
    counts: dict[str, Counter[str]] = {}
    for reason_id, control in _marks(setbacks):
        counts.setdefault(reason_id, Counter())[control] += 1
    patterns = [
        ReasonPattern(reason_id, **{control: counter[control] for control in CONTROLS})
        for reason_id, counter in counts.items()
    ]
    patterns = [p for p in patterns if p.times >= min_times]
    return sorted(patterns, key=lambda p: (-p.times, p.reason_id))


def control_split(setbacks: Iterable[Setback]) -> dict[str, int]:
    """All reasons marked as applying, counted by whose control they were: mine, theirs, can't know."""
    split = dict.fromkeys(CONTROLS, 0)
    for _, control in _marks(setbacks):
        split[control] += 1
    return split


# -- lessons, plans, feedback, stage ---------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A piece of the person's own writing, with the setback it came from."""

    setback_id: str
    title: str
    heard_on: date
    kind: str
    text: str


def lessons(setbacks: Iterable[Setback]) -> list[Note]:
    """What was learned, what to practise, what to do differently: in the order given, skipping blanks."""
    notes = []
    for setback in setbacks:
        if setback.reflect is None:
            continue
        for kind in LESSON_FIELDS:
            text = getattr(setback.reflect, kind).strip()
            if text:
                notes.append(Note(setback.id, setback.title(), setback.intake.heard_on, kind, text))
    return notes


def plans(setbacks: Iterable[Setback]) -> list[Note]:
    """The if-then plans written so far, in the order given."""
    return [
        Note(s.id, s.title(), s.intake.heard_on, "if_then", s.reflect.if_then.strip())
        for s in setbacks
        if s.reflect is not None and s.reflect.if_then.strip()
    ]


@dataclass(frozen=True)
class Plan:
    """One if-then plan as written, how many setbacks had it, and the latest of them."""

    text: str
    times: int
    latest: Note


def distinct_plans(setbacks: Iterable[Setback]) -> list[Plan]:
    """Each different if-then plan once (case and spacing ignored), in the order first met.

    The same plan kept from one setback to the next (or Rebound's suggestion left as it was) is
    one plan, counted: "the same plan in three setbacks" is itself worth knowing.
    """
    found: dict[str, list[Note]] = {}
    for note in plans(setbacks):
        found.setdefault(" ".join(note.text.casefold().split()), []).append(note)
    return [Plan(notes[0].text, len(notes), notes[0]) for notes in found.values()]


def feedback_kinds(setbacks: Iterable[Setback]) -> dict[str, int]:
    """How often each kind of feedback came back, in a fixed order, leaving out kinds never seen."""
    counts: Counter[str] = Counter()
    for setback in setbacks:
        if setback.reflect is not None:
            counts.update(set(setback.reflect.feedback.kinds))
    return {kind: counts[kind] for kind in FEEDBACK_ORDER if counts[kind]}


def usual_stage(setbacks: Iterable[Setback]) -> str | None:
    """The stage most often reached; a tie goes to the furthest of the tied stages."""
    counts = Counter(setback.intake.stage_reached for setback in setbacks)
    if not counts:
        return None
    return max(counts, key=lambda stage: (counts[stage], STAGES_REACHED.index(stage)))


# -- the emotion arc -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArcPoint:
    """One check-in on the arc: a setback, before (Vent) or after (Summary), and a value 0 to 100."""

    setback_id: str
    title: str
    heard_on: date
    moment: Moment
    value: int


def _rated(check_in: CheckIn | None) -> bool:
    return check_in is not None and any(check_in.scores().values())


def check_in_value(check_in: CheckIn, emotion: str = STRONGEST) -> int:
    """One number for a check-in: its strongest feeling, or the rating of one named feeling."""
    scores = check_in.scores()
    if emotion == STRONGEST:
        return max(scores.values())
    return scores.get(emotion, 0)


def emotion_arc(
    setbacks: Iterable[Setback], emotion: str = STRONGEST, latest: int | None = None
) -> list[ArcPoint]:
    """Before and after points for every setback with a check-in (or the `latest` few), oldest first.

    A check-in of all zeros usually means the sliders were never moved, so it is left out;
    a closing check-in of all zeros does count when the first one was rated (it lifted).
    """
    per_setback: list[list[ArcPoint]] = []
    ordered = sorted(setbacks, key=lambda s: (s.intake.heard_on, s.created_at))
    for setback in ordered:
        before = setback.vent.check_in if setback.vent else None
        after = setback.summary.check_in if setback.summary else None
        moments: list[tuple[Moment, CheckIn]] = []
        if before is not None and _rated(before):
            moments.append(("before", before))
        if after is not None and (_rated(after) or moments):
            moments.append(("after", after))
        if moments:
            per_setback.append(
                [
                    ArcPoint(
                        setback.id,
                        setback.title(),
                        setback.intake.heard_on,
                        moment,
                        check_in_value(check_in, emotion),
                    )
                    for moment, check_in in moments
                ]
            )
    if latest is not None:
        per_setback = per_setback[-latest:] if latest > 0 else []
    return [point for points in per_setback for point in points]


@dataclass(frozen=True)
class ArcRow:
    """One setback's line in the arc as a table: its first and closing check-in (None: not rated then)."""

    setback_id: str
    title: str
    heard_on: date
    before: int | None
    after: int | None


def arc_rows(points: Iterable[ArcPoint]) -> list[ArcRow]:
    """The arc's points as one row per setback, in the chart's order (the chart's text equivalent)."""
    rows: dict[str, ArcRow] = {}
    for point in points:
        row = rows.get(point.setback_id) or ArcRow(point.setback_id, point.title, point.heard_on, None, None)
        rows[point.setback_id] = (
            ArcRow(row.setback_id, row.title, row.heard_on, point.value, row.after)
            if point.moment == "before"
            else ArcRow(row.setback_id, row.title, row.heard_on, row.before, point.value)
        )
    return list(rows.values())


def arc_setbacks(points: Iterable[ArcPoint]) -> int:
    """How many setbacks the points of an arc come from."""
    return len({point.setback_id for point in points})


# -- the note to one's future self -----------------------------------------------------------


def latest_future_note(setbacks: Iterable[Setback], exclude_id: str | None = None) -> Note | None:
    """The note to the future self from the most recent other setback that has one."""
    candidates = sorted(
        (s for s in setbacks if s.id != exclude_id and s.summary and s.summary.future_note.strip()),
        key=lambda s: (s.intake.heard_on, s.created_at),
        reverse=True,
    )
    if not candidates:
        return None
    setback = candidates[0]
    return Note(
        setback.id,
        setback.title(),
        setback.intake.heard_on,
        "future_note",
        setback.summary.future_note.strip(),
    )
