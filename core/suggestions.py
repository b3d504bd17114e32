"""Kind suggestions drawn from what the person told Rebound: wins, gratitude, messages to copy."""

from __future__ import annotations

from collections.abc import Iterable

from core import content
from core.models import STAGES_REACHED, Intake, ReasonMark


def _reached(intake: Intake, stage: str) -> bool:
    return STAGES_REACHED.index(intake.stage_reached) >= STAGES_REACHED.index(stage)


def win_suggestions(intake: Intake, already: Iterable[str] = ()) -> list[str]:
    """Wins this setback probably holds, from the stage reached and the intake; minus ones already listed."""
    keys = [intake.stage_reached]
    if _reached(intake, "interview"):
        keys += ["showed_up", "rapport"]
    if _reached(intake, "final_round"):
        keys += ["references", "pay"]
    if intake.how_heard == "call":
        keys.append("called")
    message = intake.message.casefold()
    if any(word in message for word in content.WINS_FUTURE_WORDS):
        keys.append("future")
    return _fresh((content.WINS_SUGGESTIONS[key] for key in keys), already)


def gratitude_suggestions(intake: Intake, already: Iterable[str] = ()) -> list[str]:
    """Things to be grateful for after a process like this one; minus ones already listed."""
    texts = (text.format(company=intake.company) for text in content.GRATITUDE_SUGGESTIONS)
    return _fresh(texts, already)


def _fresh(texts: Iterable[str], already: Iterable[str]) -> list[str]:
    taken = {_plain(text) for text in already}
    return [text for text in dict.fromkeys(texts) if _plain(text) not in taken]


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _signature(sender: str) -> str:
    return sender.strip() or content.SIGNATURE_MISSING


def feedback_request(intake: Intake, sender: str) -> str:
    """A short, ready-to-send message asking for a few minutes of feedback."""
    the_role = content.THE_ROLE.format(role=intake.role) if intake.role else content.THE_ROLE_UNNAMED
    return content.REFLECT_ASK_TEMPLATE.format(
        the_role=the_role, company=intake.company, sender=_signature(sender)
    )


def thank_you_note(person: str, intake: Intake, sender: str) -> str:
    """A short thank-you note to someone met during the process."""
    the_process = content.THE_PROCESS.format(role=intake.role) if intake.role else content.THE_PROCESS_UNNAMED
    return content.GRATITUDE_NOTE_TEMPLATE.format(
        person=person.strip(), the_process=the_process, company=intake.company, sender=_signature(sender)
    )


def guess_heavy(marks: Iterable[ReasonMark]) -> bool:
    """Whether most reasons marked as applying rest on guesses (two or more marked, over half guessed).

    One marked reason is too few to call a pattern, so the gentle note waits for a second one.
    """
    marked = [mark for mark in marks if mark.applies != "no"]
    guesses = sum(1 for mark in marked if mark.basis == "guess")
    return len(marked) >= 2 and guesses * 2 > len(marked)


def wanted_is_low(wanted: int | None) -> bool:
    """Whether the "did I really want this job?" answer is low enough for a gentle nudge."""
    return wanted is not None and wanted <= content.REFLECT_WANTED_LOW


def look_up_note(days: int) -> str:
    """The gentle word on looking up who got the role: it can wait a couple of weeks, and never tells all."""
    return (
        content.REFLECT_LOOK_UP_SOON if days < content.REFLECT_LOOK_UP_DAYS else content.REFLECT_LOOK_UP_LATER
    )
