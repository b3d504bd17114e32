"""How far a person has come with a setback: which stages are done, how long since the news."""

from __future__ import annotations

from datetime import date

from core.models import STAGES, Setback

MIN_GRATITUDE = 3


def stage_done(setback: Setback, stage: str) -> bool:
    """A stage counts as done once it has been saved with something the person chose or wrote in it.

    Values Rebound fills in itself don't count: the Reflect if-then plan starts as a suggestion and the
    stay-in-touch dates start as suggestions, so saving them untouched is not yet doing the stage.
    """
    model = setback.stage(stage)
    if model is None:
        return False
    if stage == "vent":
        return bool(model.text.strip()) or any(model.check_in.scores().values())
    if stage == "reflect":
        return (
            any(mark.applies != "no" for mark in model.reasons)
            or any(
                text.strip() for text in (model.learned, model.practice, model.differently, model.to_a_friend)
            )
            or any(stumble.question.strip() for stumble in model.stumbles)
            or bool(model.feedback.said.strip())
            or model.wanted is not None
        )
    if stage == "went_well":
        return any(win.strip() for win in model.wins)
    if stage == "gratitude":
        return sum(1 for entry in model.entries if entry.text.strip()) >= MIN_GRATITUDE
    if stage == "next_targets":
        return bool(model.targets) or any(text.strip() for text in model.attractions) or bool(model.actions)
    return True


def stages_done(setback: Setback) -> dict[str, bool]:
    """Each of the five stages, in order, with whether it is done."""
    return {stage: stage_done(setback, stage) for stage in STAGES}


def days_since(setback: Setback, today: date | None = None) -> int:
    """Whole days since the news came (0 on the day itself)."""
    return max(0, ((today or date.today()) - setback.intake.heard_on).days)


def next_stage(setback: Setback) -> str:
    """Where to go on with a setback: the first of the five stages not done yet, else the summary."""
    return next((stage for stage, done in stages_done(setback).items() if not done), "summary")
