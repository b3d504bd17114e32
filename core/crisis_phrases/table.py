"""What one language's phrase table is made of: phrases (pattern, tier, topic, guards) and negation words."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Tier(IntEnum):
    """How clearly a text speaks of suicide or self-harm; the higher tier wins."""

    NONE = 0
    INDIRECT = 1  # passive ideation and hopelessness: the gentle card
    EXPLICIT = 2  # suicide, self-harm, a method or a plan: the crisis card


@dataclass(frozen=True)
class Phrase:
    """One row of a language's table.

    `pattern` is a regular expression over normalised text (see `core.crisis.normalise`) that
    starts at a word boundary (`\b`): the check tries it only where a word starts with one of the
    pattern's possible first letters, which keeps a long vent fast. `negatable` phrases are
    cancelled by a negation just before them ("not suicidal"); the others carry their own negation
    ("don't want to wake up") and never are.
    `not_after` is a pattern for the words right before a match that make it an idiom ("career
    suicide"); idioms that follow a phrase are written into `pattern` as a lookahead.
    `with_all` makes a phrase a co-occurrence: besides its own match, every one of these patterns
    must be found somewhere in the same sentence ("the bridge" counts only beside "jump" or "the
    edge"; the broader layer's "dead" only beside a word for oneself and a hopelessness cue).
    `with_before` is the same, but each pattern must be found in the clause before the match ("I"
    and "don't" before "alive" in "I don't want to be alive": a life word needs its aversion first).
    `not_with` is the opposite: found anywhere in the sentence, it makes the match an idiom.
    `broad` marks the broader layer: such a phrase counts only in a clause where no precise phrase
    matched, whether that phrase stood or was cancelled by a negation or an idiom guard ("I don't
    wish I was dead" is judged by the precise wish, not by the broad "dead" beside "wish").
    """

    tier: Tier
    topic: str
    pattern: str
    negatable: bool = False
    not_after: str = ""
    with_all: tuple[str, ...] = ()
    not_with: str = ""
    broad: bool = False
    with_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class Language:
    """A language's phrases, and the words its negation check reads."""

    code: str
    phrases: tuple[Phrase, ...]
    negators: frozenset[str] = field(default_factory=frozenset)
    # Words that may stand between a negator and a phrase without breaking it ("not *really* suicidal").
    fillers: frozenset[str] = field(default_factory=frozenset)
    # Words that start a new thought between a negator and a phrase ("they say no, *I* want to…").
    subjects: frozenset[str] = field(default_factory=frozenset)
    # Negators that cancel a broad phrase from anywhere earlier in its clause: "not", "never", "don't",
    # but not "can't" ("I can't stop thinking about dying") nor "no" ("no job, no money, I want…").
    clause_negators: frozenset[str] = field(default_factory=frozenset)
    # Words that make a clause negator no denial when they follow it ("wouldn't *mind* being dead").
    no_denial_after: frozenset[str] = field(default_factory=frozenset)
    # A question answered no cancels a negatable phrase: `question` ends the clause before it
    # ("asked if I'd thought of…"), `answered_no` starts the words after it ("…, honestly, no").
    question: str = ""
    answered_no: str = ""
    # Words right after a negatable phrase that deny it ("hurting myself *is not something I would do*",
    # "ending it *has never crossed my mind*"); any other later negation does not count.
    denied_after: str = ""
