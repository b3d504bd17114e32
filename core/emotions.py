"""How feelings moved between the first check-in and the closing one, in numbers and in words."""

from __future__ import annotations

from dataclasses import dataclass

from core.content import EMOTIONS
from core.models import CheckIn

# Ratings are rough by nature: a move this small reads as "about the same", not as a change.
STEADY_WITHIN = 5


@dataclass(frozen=True)
class EmotionDelta:
    """One feeling's rating at the first check-in and at the closing one (None: not rated then)."""

    key: str
    label: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        """After minus before, or None when either rating is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _ratings(check_in: CheckIn | None) -> dict[str, tuple[str, int]]:
    """Key -> (label, score): the fixed five first, then the person's own feelings by name."""
    if check_in is None:
        return {}
    ratings = {name: (EMOTIONS[name], getattr(check_in, name)) for name in EMOTIONS}
    for feeling in check_in.own:
        # Own feelings are matched across check-ins by name, ignoring case and spacing.
        key = "own:" + " ".join(feeling.name.casefold().split())
        ratings.setdefault(key, (feeling.name, feeling.score))
    return ratings


def emotion_change(before: CheckIn | None, after: CheckIn | None) -> list[EmotionDelta]:
    """Every feeling rated in either check-in, in the order first seen, with both ratings."""
    first, last = _ratings(before), _ratings(after)
    deltas = []
    for key in dict.fromkeys([*first, *last]):
        label = (first.get(key) or last[key])[0]
        deltas.append(
            EmotionDelta(
                key=key,
                label=label,
                before=first[key][1] if key in first else None,
                after=last[key][1] if key in last else None,
            )
        )
    return deltas


def _name(delta: EmotionDelta) -> str:
    """The feeling's name as it reads mid-sentence."""
    return delta.label.lower() if delta.key in EMOTIONS else delta.label


def _join(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe_change(deltas: list[EmotionDelta]) -> str:
    """One calm line about how the feelings moved, without calling any change good or bad."""
    if not deltas:
        return "No check-ins yet. Rating your feelings at the start and at the end shows how they moved."
    if all(delta.after is None for delta in deltas):
        return "Only the first check-in is here so far; a closing check-in will show how your feelings moved."
    if all(delta.before is None for delta in deltas):
        return "Only the closing check-in is here; there is no first check-in to compare it with."
    parts: list[str] = []
    steady: list[str] = []
    for delta in deltas:
        if delta.before == 0 and delta.after == 0:
            continue  # not felt at either point: nothing to say about it
        if delta.before is None:
            parts.append(f"{_name(delta)} was rated {delta.after} at the end")
        elif delta.after is None:
            parts.append(f"{_name(delta)} was rated {delta.before} at the start")
        elif abs(delta.after - delta.before) <= STEADY_WITHIN:
            steady.append(_name(delta))
        elif delta.after < delta.before:
            parts.append(f"{_name(delta)} eased from {delta.before} to {delta.after}")
        else:
            parts.append(f"{_name(delta)} rose from {delta.before} to {delta.after}")
    if steady:
        verb = "stayed" if len(steady) == 1 else "all stayed" if len(steady) > 2 else "both stayed"
        parts.append(f"{_join(steady)} {verb} about the same")
    if not parts:
        return "None of the feelings were rated above zero at either check-in."
    line = "; ".join(parts) + "."
    return line[0].upper() + line[1:]
