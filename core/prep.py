"""The prep sheet for the next interview: what every setback taught, gathered, merged and ranked.

From all of a person's setbacks (newest news first) it gathers six kinds of item: the if-then plans,
the questions they stumbled on with the better answers, stories to prepare (drawn from what
feedback said they wanted more of), the strengths that keep coming up in What went well, questions
to ask at the end (the "anything that might stand in the way of an offer?" one always first) and
the lessons from Reflect. The same words in several setbacks make one item that says where it came
from and how often. Which items go on this interview's sheet is the person's choice
(`models.PrepSheet`); `sheet_doc` turns that choice into what the PDF and the reminder show.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from core import content, i18n, patterns
from core.models import PREP_SECTIONS, OwnPrepItem, PrepSheet, Setback
from core.summary import long_date

# How many of each section are ticked until the person says otherwise: the newest few.
DEFAULT_BROUGHT = {"plans": 3, "questions": 4, "stories": 3, "strengths": 4, "ask": 3, "lessons": 3}
# What reaches the PDF at most: more than this per section never fits one page anyway, and an
# entry longer than this is shortened (with "…") so one long answer can't fill the page alone.
PDF_PER_SECTION = 8
PDF_TEXT_CHARS = 220
PDF_DETAIL_CHARS = 300
TITLE_COMPANY_CHARS = 80
QUOTE_CHARS = 240
STORY_WORDS = 8
# Where questions to ask are found in the person's writing (Reflect).
ASK_FIELDS = ("if_then", "differently", "practice", "learned")
OFFER_KEY = "ask-0ffe70ffe70ffe70"  # fixed, so the tick survives a change of the question's wording


# -- items -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A setback an item came from."""

    setback_id: str
    title: str
    heard_on: date


@dataclass(frozen=True)
class Item:
    """One thing to bring: its words, an optional detail (a better answer, what feedback said),
    and the setbacks it came from, newest first (none: Rebound's suggestion or the person's own)."""

    key: str
    section: str
    text: str
    detail: str = ""
    kind: str = ""  # lessons: learned / practice / differently; "own" for the person's additions
    sources: tuple[Source, ...] = ()

    @property
    def times(self) -> int:
        """In how many setbacks it came up."""
        return len(self.sources)

    def origin(self) -> str:
        """Where it came from, in words: "From Globex — Designer, 3 Nov 2025", "Added by you", ..."""
        if self.kind == "own":
            return content.PREP_ADDED_BY_YOU
        if len(self.sources) == 1:
            only = self.sources[0]
            return content.prep_origin([f"{only.title}, {_short(only.heard_on)}"], 1)
        return content.prep_origin([source.title for source in self.sources], self.times)


@dataclass(frozen=True)
class Gathered:
    """Every item from a person's setbacks, by section, ranked; and how many setbacks were read."""

    sections: dict[str, tuple[Item, ...]]
    setbacks: int = 0

    def items(self) -> Iterable[Item]:
        for section in PREP_SECTIONS:
            yield from self.sections.get(section, ())

    def keys(self) -> set[str]:
        return {item.key for item in self.items()}

    def from_setbacks(self) -> bool:
        """Whether anything at all came from the setbacks (Rebound's own suggestion does not count)."""
        return any(item.sources for item in self.items())


def _short(day: date) -> str:
    return i18n.short_date(day)


_NOT_WORD = re.compile(r"[^\w\s]|_")


def normal(text: str) -> str:
    """The words of a text as duplicates are found by: case, quotes, punctuation and spacing aside."""
    folded = (text if text.isascii() else unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _digest(section: str, words: str) -> str:
    return f"{section}-{hashlib.blake2b(words.encode('utf-8'), digest_size=8).hexdigest()}"


def item_key(section: str, text: str) -> str:
    """A stable key for an item: its section and a digest of its words (ticks are kept by it)."""
    return _digest(section, normal(text))


def own_key(item: OwnPrepItem) -> str:
    return f"own-{item.id}"


def newest_first(setbacks: Iterable[Setback]) -> list[Setback]:
    """Setbacks by when the news came, newest first (as the store lists them)."""
    return sorted(setbacks, key=lambda s: (s.intake.heard_on, s.created_at), reverse=True)


@functools.lru_cache(maxsize=4096)
def _source_of(setback_id: str, title: str, heard_on: date) -> Source:
    return Source(setback_id, title, heard_on)


def _source(setback: Setback) -> Source:
    return _source_of(setback.id, setback.title(), setback.intake.heard_on)


@dataclass
class _Found:
    text: str
    detail: str
    kind: str
    sources: list[Source]
    ids: set[str]


class _Merger:
    """Items in the order first met (newest setback first), the same words merged into one."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.found: dict[str, _Found] = {}

    def add(self, key_text: str, setback: Setback, text: str, detail: str = "", kind: str = "") -> None:
        words = normal(key_text)
        if not words:
            return
        key = _digest(self.section, words)
        entry = self.found.get(key)
        if entry is None:
            entry = self.found[key] = _Found(text, detail, kind, [], set())
        elif not entry.detail and detail:
            entry.detail = detail  # the newest better answer there is
        if setback.id not in entry.ids:
            entry.ids.add(setback.id)
            entry.sources.append(_source(setback))

    def items(self) -> list[Item]:
        return [
            Item(key, self.section, e.text, e.detail, e.kind, tuple(e.sources))
            for key, e in self.found.items()
        ]


# -- stories from feedback -------------------------------------------------------------------

_PREPOSITION = r"(?:(?:with|in|of|on|around|at|for|to|about)\s+)?"
_QUALITY = r"(?:(?:hands[- ]on|direct|relevant|practical|proven|recent|real|concrete|senior)\s+)?"
_EVIDENCE = r"(?:experience|exposure|background|depth|evidence|examples?|stories|track record|knowledge|expertise|focus|detail)"
# What feedback says when it wants more of something, most specific first. `t` is the topic.
STORY_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\bmore\s+{_QUALITY}{_EVIDENCE}\s+{_PREPOSITION}(?P<t>.+)",
        rf"\b(?:lacked|lacking|lack of|missing|without enough|not enough|too little|limited|little)\s+{_QUALITY}(?:{_EVIDENCE}\s+)?{_PREPOSITION}(?P<t>.+)",
        r"\bmore\s+(?:about|on|around|of)\s+(?P<t>.+)",
        r"\b(?:wanted|want|looking for|hoped for|hoping for|would have liked|would've liked|needed|expected|preferred|missed)\s+(?:to see\s+|to hear\s+|someone with\s+|a candidate with\s+|someone who had\s+)?(?:an?\s+)?(?:more|stronger|deeper|clearer|broader)\s+(?P<t>.+)",
        r"\b(?:could|should)\s+(?:have\s+)?(?:talked|talk|said|say|shown|show|spoken|speak|demonstrated|demonstrate)\s+(?:more\s+)?about\s+(?P<t>.+)",
        r"\b(?:work on|improve|strengthen|develop|brush up on)\s+(?P<t>.+)",
    )
)
# Where a topic ends: punctuation, or a word that starts another clause.
_TOPIC_END = re.compile(
    r"[.,;:!?()\[\]\"“”]|\s(?:but|which|who|so|because|than|although|though|while|whereas|compared|as well)\b"
    r"|\sand\s+(?:i|we|they|he|she|it|you|that|the team|overall)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:(?:the|a|an|your|my|his|her|their|some|any|more|of|with|in)\s+)+", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """A text cut into sentences (and lines), blanks left out."""
    return [part.strip() for part in _SENTENCES.split(text) if part.strip()]


def story_topic(sentence: str) -> str:
    """What a sentence of feedback says they wanted more of ("" if it says no such thing)."""
    for pattern in STORY_PATTERNS:
        found = pattern.search(sentence)
        if not found:
            continue
        topic = _TOPIC_END.split(found["t"], maxsplit=1)[0]
        topic = _LEADING.sub("", topic.strip()).strip(" -–—'’")
        words = topic.split()
        if len(words) > STORY_WORDS:
            words = words[:STORY_WORDS]
        topic = " ".join(words)
        if len(topic) >= 3 and any(ch.isalpha() for ch in topic):
            return topic
    return ""


def trusted_feedback(setback: Setback) -> str:
    """What the company said, unless the person marked it only as vague (not to build a plan on)."""
    if setback.reflect is None:
        return ""
    feedback = setback.reflect.feedback
    if "vague" in feedback.kinds and "reason" not in feedback.kinds:
        return ""
    return feedback.said.strip()


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def stories(setbacks: Sequence[Setback]) -> list[Item]:
    """ "Prepare a story about …" for each thing feedback said they wanted more of, newest first."""
    merger = _Merger("stories")
    for setback in setbacks:
        for sentence in sentences(trusted_feedback(setback)):
            topic = story_topic(sentence)
            if topic:
                quote = content.PREP_THEY_SAID.format(quote=_shorten(sentence, QUOTE_CHARS))
                merger.add(topic, setback, content.PREP_STORY.format(topic=topic), quote)
    return merger.items()


# -- questions to ask ------------------------------------------------------------------------

# The person's own words for the question about what might stand in the way of an offer.
OFFER_WORDS = re.compile(
    r"stand(?:s|ing)? in the way|get(?:s|ting)? in the way|reservations about (?:me|my)"
    r"|concerns? about (?:me|my)|(?:might|could|would) (?:stop|prevent) (?:me|an offer|you)",
    re.IGNORECASE,
)
# "ask" as the person's own verb (not "asked me", not "ask for feedback", not "ask myself").
_ASK = re.compile(r"\bask\b(?!\s+(?:for|myself|yourself|ourselves|around)\b)", re.IGNORECASE)
# Words before "ask" that make someone else the one asking ("if they ask about salary").
_OTHERS_ASK = re.compile(
    r"\b(?:they|he|she|you|it|interviewers?|panel|recruiters?|manager|someone|anyone|people|who)\s+$",
    re.IGNORECASE,
)
_QUOTED_QUESTION = re.compile(r"[“\"‘']([^“”\"‘’']{3,}?\?)\s*[”\"’']")
_ASK_REST = re.compile(
    r"\s*(?:(?:them|him|her|the (?:interviewers?|panel|recruiter|hiring manager|team))\s+)?[:,]?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_REST_END = re.compile(r"[;.!]|,?\s+then\b|,\s+(?:and|so|because)\b", re.IGNORECASE)


def _own_ask(sentence: str) -> re.Match[str] | None:
    """Where the person says they will ask something (the first such "ask"), if they do."""
    for found in _ASK.finditer(sentence):
        if not _OTHERS_ASK.search(sentence[: found.start()]):
            return found
    return None


def question_to_ask(sentence: str) -> str | None:
    """The question a sentence says to ask: "offer" for the one about an offer, None if none."""
    ask = _own_ask(sentence)
    if ask is None:
        return None
    after = sentence[ask.end() :]
    if OFFER_WORDS.search(after):
        return "offer"
    quoted = _QUOTED_QUESTION.search(after)
    if quoted:
        return quoted.group(1).strip()
    rest = _REST_END.split(_ASK_REST.match(after)["rest"], maxsplit=1)[0].strip().rstrip(" ,")
    if len(rest) < 3:
        return None
    return content.PREP_ASK.format(rest=rest)


def questions_to_ask(setbacks: Sequence[Setback]) -> list[Item]:
    """The offer question first (Rebound's suggestion, or from the plans that name it), then every
    other question the person wrote down to ask, newest first."""
    offer_sources: list[Source] = []
    merger = _Merger("ask")
    for setback in setbacks:
        if setback.reflect is None:
            continue
        for name in ASK_FIELDS:
            for sentence in sentences(getattr(setback.reflect, name)):
                question = question_to_ask(sentence)
                if question == "offer":
                    if all(s.setback_id != setback.id for s in offer_sources):
                        offer_sources.append(_source(setback))
                elif question:
                    merger.add(question, setback, question)
    offer = Item(OFFER_KEY, "ask", content.PREP_OFFER_QUESTION, sources=tuple(offer_sources))
    return [offer, *merger.items()]


# -- gathering ---------------------------------------------------------------------------------


def gather(setbacks: Iterable[Setback], include_archived: bool = False) -> Gathered:
    """Every item from the setbacks, merged and ranked (newest first; strengths most often first)."""
    chosen = newest_first(s for s in setbacks if include_archived or not s.archived)
    by_id = {s.id: s for s in chosen}

    plans = _Merger("plans")
    for note in patterns.plans(chosen):
        plans.add(note.text, by_id[note.setback_id], note.text)

    questions = _Merger("questions")
    strengths = _Merger("strengths")
    for setback in chosen:
        for stumble in setback.reflect.stumbles if setback.reflect else ():
            if stumble.question.strip():
                questions.add(
                    stumble.question, setback, stumble.question.strip(), stumble.better_answer.strip()
                )
        for win in setback.went_well.wins if setback.went_well else ():
            if win.strip():
                strengths.add(win, setback, win.strip())

    lessons = _Merger("lessons")
    for note in patterns.lessons(chosen):
        lessons.add(note.text, by_id[note.setback_id], note.text, kind=note.kind)

    ranked_strengths = sorted(strengths.items(), key=lambda item: -item.times)  # stable: newest next
    sections = {
        "plans": tuple(plans.items()),
        "questions": tuple(questions.items()),
        "stories": tuple(stories(chosen)),
        "strengths": tuple(ranked_strengths),
        "ask": tuple(questions_to_ask(chosen)) if chosen else (),
        "lessons": tuple(lessons.items()),
    }
    return Gathered({name: items for name, items in sections.items() if items}, len(chosen))


# -- this interview's choice -------------------------------------------------------------------


def own_items(sheet: PrepSheet, section: str) -> list[Item]:
    """The person's own additions to a section, as items."""
    return [Item(own_key(own), section, own.text, kind="own") for own in sheet.own if own.section == section]


def is_brought(sheet: PrepSheet, item: Item, rank: int) -> bool:
    """Whether an item goes to this interview: the person's tick, else the default (the newest few)."""
    if item.kind == "own":
        return True
    return sheet.picks.get(item.key, rank < DEFAULT_BROUGHT.get(item.section, 0))


def brought(gathered: Gathered, sheet: PrepSheet) -> dict[str, list[Item]]:
    """What goes on the sheet, by section in the sheet's order: the person's own first, then the
    gathered items ticked, in rank order. Sections with nothing in them are left out."""
    chosen: dict[str, list[Item]] = {}
    for section in PREP_SECTIONS:
        items = own_items(sheet, section) + [
            item
            for rank, item in enumerate(gathered.sections.get(section, ()))
            if is_brought(sheet, item, rank)
        ]
        if items:
            chosen[section] = items
    return chosen


def pick(sheet: PrepSheet, key: str, bring: bool) -> PrepSheet:
    """The sheet with one item ticked or unticked."""
    return sheet.model_copy(update={"picks": sheet.picks | {key: bring}})


def mark_practised(sheet: PrepSheet, key: str, practised: bool) -> PrepSheet:
    """The sheet with one question's "practised" tick set or cleared."""
    kept = [k for k in sheet.practised if k != key]
    return sheet.model_copy(update={"practised": [*kept, key] if practised else kept})


def add_own(sheet: PrepSheet, section: str, text: str) -> PrepSheet:
    """The sheet with an item of the person's own added (validated by the model)."""
    return PrepSheet.model_validate(
        sheet.model_dump() | {"own": [*sheet.model_dump()["own"], {"section": section, "text": text}]}
    )


def remove_own(sheet: PrepSheet, item_id: str) -> PrepSheet:
    """The sheet without one of the person's own items."""
    key = f"own-{item_id}"
    return sheet.model_copy(
        update={
            "own": [own for own in sheet.own if own.id != item_id],
            "practised": [k for k in sheet.practised if k != key],
        }
    )


def pruned(sheet: PrepSheet, known: set[str]) -> PrepSheet:
    """The sheet without ticks for items that no longer exist (a setback deleted or rewritten)."""
    own = {own_key(item) for item in sheet.own}
    return sheet.model_copy(
        update={
            "picks": {k: v for k, v in sheet.picks.items() if k in known},
            "practised": [k for k in sheet.practised if k in known or k in own],
        }
    )


# -- what the PDF and the reminder show ------------------------------------------------------


def day_month(day: date) -> str:
    """12 March — how the sheet's title names the day."""
    return i18n.day_month(day)


def sheet_title(sheet: PrepSheet) -> str:
    """ "Prep sheet — Globex, 12 March" (or whichever of the two is known)."""
    company = _shorten(sheet.company, TITLE_COMPANY_CHARS)
    return content.prep_title(company, day_month(sheet.interview_on) if sheet.interview_on else "")


@dataclass(frozen=True)
class Entry:
    """One item as the PDF draws it."""

    text: str
    detail: str = ""
    origin: str = ""
    practised: bool = False


@dataclass(frozen=True)
class DocSection:
    section: str
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PrepDoc:
    """The sheet as the PDF draws it: title, facts, sections; what was already left out or shortened."""

    title: str
    facts: tuple[str, ...]
    sections: tuple[DocSection, ...]
    left_out: int = 0
    shortened: bool = False
    brought: dict[str, list[Item]] = field(default_factory=dict)


def _detail(item: Item) -> str:
    if item.section == "questions":
        return content.PREP_BETTER_ANSWER.format(answer=item.detail) if item.detail else ""
    return item.detail


def origin_line(item: Item) -> str:
    """Where an item came from, with the kind of lesson in front for lessons."""
    if item.section == "lessons" and item.kind in content.PREP_LESSON_KINDS:
        return content.PREP_LESSON_ORIGIN.format(
            kind=content.PREP_LESSON_KINDS[item.kind], origin=item.origin()
        )
    return item.origin()


def sheet_doc(gathered: Gathered, sheet: PrepSheet) -> PrepDoc:
    """What goes in the PDF: the ticked items, at most PDF_PER_SECTION a section, long ones shortened."""
    chosen = brought(gathered, sheet)
    practised = set(sheet.practised)
    facts = []
    if sheet.role:
        facts.append(content.PREP_PDF_ROLE.format(role=_shorten(sheet.role, TITLE_COMPANY_CHARS)))
    if sheet.interview_on:
        facts.append(content.PREP_PDF_DATE.format(day=long_date(sheet.interview_on)))
    sections, left_out, shortened = [], 0, False
    for section, items in chosen.items():
        entries = []
        for item in items[:PDF_PER_SECTION]:
            whole = _detail(item)
            text, detail = _shorten(item.text, PDF_TEXT_CHARS), _shorten(whole, PDF_DETAIL_CHARS)
            shortened = shortened or text != " ".join(item.text.split()) or detail != " ".join(whole.split())
            entries.append(Entry(text, detail, origin_line(item), item.key in practised))
        left_out += max(0, len(items) - PDF_PER_SECTION)
        sections.append(DocSection(section, content.PREP_SECTION_TITLES[section], tuple(entries)))
    return PrepDoc(sheet_title(sheet), tuple(facts), tuple(sections), left_out, shortened, chosen)
