"""How feelings moved between the first check-in and the closing one, in numbers and in words."""

from __future__ import annotations

from dataclasses import dataclass

from core import content, i18n
from core.models import EMOTIONS, CheckIn, Feeling

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


def own_label(name: str) -> str:
    """An own feeling's label: marked "(own)" when it shares its name with one of the fixed five."""
    fixed = {label.casefold() for label in content.EMOTIONS.values()}  # in the run's language
    return content.EMOTION_OWN.format(name=name) if name.casefold() in fixed else name


def labels(deltas: list[EmotionDelta]) -> list[str]:
    """Each feeling's label as a chart or table shows it, so no two read the same."""
    return [delta.label if delta.key in EMOTIONS else own_label(delta.label) for delta in deltas]


def _ratings(check_in: CheckIn | None) -> dict[str, tuple[str, int]]:
    """Key -> (label, score): the fixed five first, then the person's own feelings by name."""
    if check_in is None:
        return {}
    names = content.EMOTIONS
    ratings = {name: (names[name], getattr(check_in, name)) for name in names}
    for feeling in check_in.own:
        # Own feelings are matched across check-ins by name, ignoring case and spacing.
        ratings.setdefault(own_feeling_key(feeling.name), (feeling.name, feeling.score))
    return ratings


def rated(check_in: CheckIn | None) -> bool:
    """Whether a check-in holds any rating: a feeling above zero, or a feeling of one's own named."""
    return check_in is not None and (any(getattr(check_in, name) for name in EMOTIONS) or bool(check_in.own))


def worth_charting(deltas: list[EmotionDelta]) -> bool:
    """Whether a before-and-after chart would show anything: some rating above zero at either point."""
    return any(value for delta in deltas for value in (delta.before, delta.after))


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
    """The feeling's name as it reads mid-sentence (the fixed five by the catalogue, own ones as typed)."""
    return content.EMOTIONS_IN_A_SENTENCE.get(delta.key, delta.label)


def describe_change(deltas: list[EmotionDelta]) -> str:
    """One calm line about how the feelings moved, without calling any change good or bad."""
    if not deltas:
        return content.MOVED_NO_CHECK_INS
    if all(delta.after is None for delta in deltas):
        return content.MOVED_ONLY_FIRST
    if all(delta.before is None for delta in deltas):
        return content.MOVED_ONLY_CLOSING
    parts: list[str] = []
    steady: list[str] = []
    for delta in deltas:
        if delta.before == 0 and delta.after == 0:
            continue  # not felt at either point: nothing to say about it
        values = {"name": _name(delta), "before": delta.before, "after": delta.after}
        if delta.before is None:
            parts.append(content.MOVED_RATED_AT_END.format(**values))
        elif delta.after is None:
            parts.append(content.MOVED_RATED_AT_START.format(**values))
        elif abs(delta.after - delta.before) <= STEADY_WITHIN:
            steady.append(_name(delta))
        elif delta.after < delta.before:
            parts.append(content.MOVED_EASED.format(**values))
        else:
            parts.append(content.MOVED_ROSE.format(**values))
    if steady:
        parts.append(content.MOVED_STEADY.format(len(steady), names=i18n.join(steady)))
    if not parts:
        return content.MOVED_NOTHING_FELT
    line = content.MOVED_SEPARATOR.join(parts) + content.MOVED_END
    return line[0].upper() + line[1:]


def own_feeling_key(name: str) -> str:
    """An own feeling's key: its name ignoring case and spacing (how check-ins are matched)."""
    return "own:" + " ".join(name.casefold().split())


def closing_start(before: CheckIn | None, saved: CheckIn | None) -> CheckIn:
    """Where the closing check-in starts: as saved, else as the first one, else all zero.

    The own feelings are always the ones named at the first check-in (a name given twice counts
    once, as in the emotion arc), each at its saved closing score if it has one.
    """
    base = saved or before or CheckIn()
    closing = {own_feeling_key(f.name): f.score for f in saved.own} if saved else {}
    named: dict[str, Feeling] = {}
    for feeling in before.own if before else []:
        named.setdefault(own_feeling_key(feeling.name), feeling)
    own = [Feeling(name=f.name, score=closing.get(key, f.score)) for key, f in named.items()]
    return base.model_copy(update={"own": own})
