"""The shape of everything Rebound keeps: a setback, its intake, and one model per stage."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SCHEMA_VERSION = 2

# Text limits, one place: a page shows them next to the field and the models enforce them.
LONG_TEXT = 20_000
MEDIUM_TEXT = 5_000
SHORT_TEXT = 1_000
NAME_TEXT = 300
LIST_MAX = 50

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NAME_TEXT)]
Short = Annotated[str, StringConstraints(max_length=SHORT_TEXT)]
Medium = Annotated[str, StringConstraints(max_length=MEDIUM_TEXT)]
Long = Annotated[str, StringConstraints(max_length=LONG_TEXT)]
Score = Annotated[int, Field(ge=0, le=100)]

StageReached = Literal["applied", "screen", "interview", "final_round", "offer_talks"]
STAGES_REACHED: tuple[str, ...] = get_args(StageReached)  # how far a process went, in order
HowHeard = Literal["email", "call", "automated", "no_reply"]
StageName = Literal["vent", "reflect", "went_well", "gratitude", "next_targets", "summary"]
STAGES: tuple[str, ...] = ("vent", "reflect", "went_well", "gratitude", "next_targets")
EMOTIONS: tuple[str, ...] = ("disappointment", "sadness", "anger", "anxiety", "shame")


def utcnow() -> datetime:
    """Now, timezone-aware, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class Model(BaseModel):
    """Base for every stored model: unknown keys are refused; values never change in place."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StageModel(Model):
    """A stage of the journey; storage stamps `saved_at` when it is written."""

    saved_at: datetime | None = None

    @classmethod
    def from_page(cls, values: dict[str, Any], blank: dict[str, Callable[[Any], bool]]) -> Self:
        """A stage from a page's values, the rows left blank on screen dropped.

        Validated first with every row, in screen order, so a message names the row the person
        sees; then without the blank rows (`blank` maps a list field to its "is this row blank?").
        """
        cls.model_validate(values)
        kept = {
            field: [row for row in values[field] if not is_blank(row)] for field, is_blank in blank.items()
        }
        return cls.model_validate(values | kept)


def blank_text(text: str) -> bool:
    """A row of one text field, left empty (or only spaces)."""
    return not text.strip()


def blank_row(row: dict[str, Any]) -> bool:
    """A row of several text fields, every one left empty."""
    return not any(str(value).strip() for value in row.values())


class Intake(Model):
    """What happened: the "I just heard back" form."""

    company: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    role: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    stage_reached: StageReached = "interview"
    heard_on: date
    how_heard: HowHeard = "email"
    message: Long = ""

    @field_validator("heard_on")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("the date can't be in the future")
        return value


class Feeling(Model):
    """One feeling the person named themselves, with how strong it is."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    score: Score = 50


class CheckIn(Model):
    """How strong each feeling is, 0 to 100: the points of the emotion arc."""

    disappointment: Score = 0
    sadness: Score = 0
    anger: Score = 0
    anxiety: Score = 0
    shame: Score = 0
    own: list[Feeling] = Field(default_factory=list, max_length=3)

    def scores(self) -> dict[str, int]:
        """Every rated feeling by name, the fixed five first."""
        fixed = {name: getattr(self, name) for name in EMOTIONS}
        return fixed | {feeling.name: feeling.score for feeling in self.own}


class Vent(StageModel):
    """The first check-in and the free writing; private unless the person says otherwise."""

    check_in: CheckIn = Field(default_factory=CheckIn)
    text: Long = ""
    private: bool = True


class ReasonMark(Model):
    """The person's view of one possible reason the offer went elsewhere."""

    reason_id: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]
    applies: Literal["yes", "maybe", "no"] = "no"
    control: Literal["mine", "theirs", "unknown"] = "unknown"
    basis: Literal["feedback", "guess"] = "guess"


FeedbackKind = Literal["reason", "strengths", "stay_in_touch", "vague"]


class Feedback(Model):
    """What the company said, if anything, and what kind of feedback it was."""

    received: Literal["yes", "no", "asked"] = "no"
    said: Medium = ""
    kinds: list[FeedbackKind] = Field(default_factory=list, max_length=4)


class Stumble(Model):
    """An interview question that went badly, and a better answer written now."""

    question: Short = ""
    better_answer: Medium = ""


class Reflect(StageModel):
    """Possible reasons, feedback, lessons, how much the job was wanted, an if-then plan."""

    reasons: list[ReasonMark] = Field(default_factory=list, max_length=40)
    feedback: Feedback = Field(default_factory=Feedback)
    learned: Medium = ""
    practice: Medium = ""
    differently: Medium = ""
    stumbles: list[Stumble] = Field(default_factory=list, max_length=LIST_MAX)
    wanted: Annotated[int, Field(ge=0, le=10)] | None = None
    if_then: Short = ""
    # What the person would say to a friend who got the same news (the self-compassion prompt).
    to_a_friend: Medium = ""


class WentWell(StageModel):
    """Wins from this process, however small."""

    wins: list[Short] = Field(default_factory=list, max_length=LIST_MAX)


class Thanks(Model):
    """One thing to be grateful for, optionally tied to a person."""

    text: Short
    person: Name = ""


class Gratitude(StageModel):
    """At least three things to be grateful for."""

    entries: list[Thanks] = Field(default_factory=list, max_length=LIST_MAX)


TargetStatus = Literal["idea", "researching", "applied", "interviewing", "closed"]
ActionKind = Literal["training", "volunteering", "recommendation", "accomplishment"]


class Target(Model):
    """One company to aim at next."""

    company: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    why: Short = ""
    role: Annotated[str, StringConstraints(max_length=200)] = ""
    contact: Name = ""
    next_step: Short = ""
    due: date | None = None
    status: TargetStatus = "idea"


class StayInTouch(Model):
    """The company that said no, kept warm: who to write to and when."""

    contact: Name = ""
    note: Short = ""
    reconnect_on: list[date] = Field(default_factory=list, max_length=6)


class ProfileAction(Model):
    """Something that makes the next application stronger."""

    kind: ActionKind = "training"
    what: Short
    due: date | None = None


class NextTargets(StageModel):
    """What drew the person to the job, where to aim next, and how to grow meanwhile."""

    attractions: list[Short] = Field(default_factory=list, max_length=LIST_MAX)
    targets: list[Target] = Field(default_factory=list, max_length=100)
    stay_in_touch: StayInTouch = Field(default_factory=StayInTouch)
    actions: list[ProfileAction] = Field(default_factory=list, max_length=LIST_MAX)


class Summary(StageModel):
    """The closing check-in, a note to one's future self, and what goes into the PDF."""

    check_in: CheckIn = Field(default_factory=CheckIn)
    future_note: Medium = ""
    sections: list[StageName] = Field(default_factory=lambda: list(STAGES[1:]))
    include_vent: bool = False
    include_message: bool = False  # the message they sent, as pasted on Start here


STAGE_MODELS: dict[str, type[StageModel]] = {
    "vent": Vent,
    "reflect": Reflect,
    "went_well": WentWell,
    "gratitude": Gratitude,
    "next_targets": NextTargets,
    "summary": Summary,
}


def new_setback_id() -> str:
    """A fresh, unguessable, file-name-safe id."""
    return uuid.uuid4().hex


class Setback(Model):
    """One "we went with another candidate", and everything written about it."""

    schema_version: int = SCHEMA_VERSION
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] = Field(default_factory=new_setback_id)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    archived: bool = False
    intake: Intake
    vent: Vent | None = None
    reflect: Reflect | None = None
    went_well: WentWell | None = None
    gratitude: Gratitude | None = None
    next_targets: NextTargets | None = None
    summary: Summary | None = None

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Bring an older file up to the current schema; refuse one from a newer app."""
        if not isinstance(data, dict):
            return data
        version = data.get("schema_version", SCHEMA_VERSION)
        # `type(...) is int`: JSON `true` is a bool, and a bool must not pass for version 1.
        if type(version) is not int or version < 1:
            raise ValueError(f"schema_version {version!r} is not a version Rebound has ever written")
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {version!r} is newer than this app understands ({SCHEMA_VERSION})"
            )
        if version == 1:
            # Version 1 (the prototype) kept the intake fields at the top level.
            data = dict(data)
            intake_keys = ("company", "role", "stage_reached", "heard_on", "how_heard", "message")
            data["intake"] = {key: data.pop(key) for key in intake_keys if key in data}
            data["schema_version"] = SCHEMA_VERSION
        return data

    def stage(self, name: str) -> StageModel | None:
        """The saved model of a stage, or None when it has not been saved yet."""
        if name not in STAGE_MODELS:
            raise KeyError(name)
        return getattr(self, name)

    def title(self) -> str:
        """The setback's name as people say it: company and role."""
        role = self.intake.role
        return f"{self.intake.company} — {role}" if role else self.intake.company


# -- the prep sheet for the next interview (issue 19) ----------------------------------------

PrepSection = Literal["plans", "questions", "stories", "strengths", "ask", "lessons"]
# The order of the sheet's sections, on the page and in the PDF.
PREP_SECTIONS: tuple[str, ...] = ("plans", "questions", "stories", "strengths", "ask", "lessons")
PREP_SHEET_VERSION = 1
# A gathered item's key: its section and a digest of its words (see core.prep.item_key).
PREP_KEY_PATTERN = r"^[a-z]{1,12}-[0-9a-f]{16}$"
PrepKey = Annotated[str, StringConstraints(pattern=PREP_KEY_PATTERN)]
PREP_KEYS_MAX = 5_000


def new_prep_item_id() -> str:
    """A fresh id for an item the person added themselves."""
    return uuid.uuid4().hex[:16]


class OwnPrepItem(Model):
    """Something the person added to the sheet themselves, in one of its sections."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] = Field(default_factory=new_prep_item_id)
    section: PrepSection = "plans"
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT)]


class PrepSheet(Model):
    """The sheet for the next interview: which interview, what to bring, what is practised.

    Gathered items are named by key; `picks` keeps only the person's own choices (brought or not)
    where they differ from the default, so items from newer setbacks still follow the default.
    """

    schema_version: int = PREP_SHEET_VERSION
    company: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    role: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    interview_on: date | None = None
    include_archived: bool = False
    picks: dict[PrepKey, bool] = Field(default_factory=dict, max_length=PREP_KEYS_MAX)
    practised: list[PrepKey] = Field(default_factory=list, max_length=PREP_KEYS_MAX)
    own: list[OwnPrepItem] = Field(default_factory=list, max_length=LIST_MAX)
    updated_at: datetime | None = None

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if type(value) is not int or not 1 <= value <= PREP_SHEET_VERSION:
            raise ValueError(f"prep sheet version {value!r} is not one this app understands")
        return value
