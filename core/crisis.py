"""The crisis check: does a text speak of suicide or self-harm, how clearly, and where to find help.

How it decides (documented here because it is safety code; the labelled table in
`tests/unit/test_crisis.py` holds it to account and prints its recall at the end of the run):

1. **Normalise.** Unicode compatibility forms folded (full-width letters become plain ones),
   lower case, curly quotes straightened and apostrophes dropped ("don't" and "dont" read the
   same), dashes read as spaces ("self-harm" is "self harm"), other signs set apart as words
   ("done." is "done ."), zero-width characters removed, a letter written three or more times
   squeezed to one ("soooo" is "so"), whitespace collapsed to single spaces.
2. **Match phrases.** Each language has a table of phrases (`core/crisis_phrases/<code>.py`),
   every one a regular expression with a *tier* and a *topic*:
   - **explicit** — suicide or killing oneself named (misspellings and shorthand such as "kms",
     "unalive" and "sewerslide" included), self-harm, a method (pills, jumping, hanging, …) or a
     plan (a goodbye note, giving things away, "won't be around much longer"): the crisis card;
   - **indirect** — passive ideation and hopelessness, the first things screening questions such
     as the Columbia Suicide Severity Rating Scale ask about: wishing to be dead or not to wake
     up, wanting to disappear or for it all to stop, being a burden, no way out, no future, being
     tired of existing, "can't do this anymore": the gentler card, which names the topic.
   Every language's table runs on every text; nobody has to say what language they wrote in.
3. **Set idioms aside.** Job-hunt talk that looks alike ("this search is killing me", "I could
   die of embarrassment", "career suicide", "killing myself trying to finish the take-home") is
   written into each phrase as a guard on the words after it or before it.
4. **Negation.** A phrase marked negatable is cancelled when the nearest word before it in the
   same clause, skipping small words ("really", "going to", "ever"), is a negator: "I'm not
   suicidal", "I would never hurt myself", "I don't want to die". Phrases that carry their own
   negation ("I don't want to wake up", "I wouldn't mind dying") are never cancelled. A negation
   later in the sentence does not count ("suicide isn't something I'd…" still shows the card).
5. **Someone else's words count.** Quoted or reported speech ("my friend said she wanted to
   die") is matched like the writer's own: when in doubt, show the card. A calm card shown
   without need costs little; missing someone who is struggling costs far more.
6. **The highest tier wins.** The result names every phrase found (`signals`), so a page can
   remember that a person closed the card for these words and show it again only for new ones.

What it cannot do: it reads phrases, not meaning. Words that only signal with what came before
("I've decided. Tonight I'm going to do it.") and new ways of saying things slip past. Besides the
listed phrases, general constructions (a wish or welcome beside an end from outside, sleep made
permanent, wanting not to be, the world fine without me) read a frame rather than a phrase. On
rows written before the patterns were tuned and never used to tune them
(`tests/unit/crisis_held_out*.py`) it gives a card to between three in five and nine in ten
signals, depending on how unusual their phrasing is. The card never blocks anything, so the
always-visible not-therapy line stays the safety net.

Speed: every pattern is compiled once, together with the list of what its matches can begin
with (worked out from the pattern itself); a pattern is tried only where a word starts that way,
so a 20,000-character vent is checked in a millisecond or two instead of tens of them. (The
beginnings are read from the pattern with `re._parser`, the standard library's own parser; a
pattern it cannot read raises at the first check, and a unit test builds every table.)

Where to turn: `REGIONS` lists each region's crisis lines and emergency number, each with its
source and the date it was checked; `region_for` picks the region from the operator's
`crisis_region` setting or, when that is left at its default, from the browser's language and
time zone, falling back to the worldwide list.
"""

from __future__ import annotations

import hashlib
import re
import re._constants as _c
import re._parser
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from core import i18n
from core.crisis_phrases import LANGUAGES, Language, Phrase
from core.crisis_phrases.table import Tier

__all__ = [
    "DIRECTORY",
    "REGIONS",
    "TOPICS",
    "Finding",
    "Helpline",
    "Region",
    "Signal",
    "Tier",
    "check",
    "normalise",
    "region",
    "region_for",
    "signals_crisis",
]

# The topics a phrase table may name; the gentle card says them in words (core/content.py).
TOPICS = (
    "suicide",
    "self_harm",
    "method",
    "plan",
    "wish_dead",
    "not_wake",
    "disappear",
    "stop",
    "burden",
    "no_way_out",
    "no_future",
    "tired",
    "cant_go_on",
    "death",  # the broader layer: a death word beside oneself and a cue of hopelessness or longing
)

# -- normalising -----------------------------------------------------------------------------

# Curly quotes, backticks and apostrophes go ("don't" is "dont"), so do invisible characters;
# dashes and underscores become spaces; every other sign stands apart as a word of its own ("done."
# is "done ."), so that every word starts after a space: the matcher relies on that. Plain
# str.replace calls, each only when its character is there, are the quickest way through 20,000
# characters (a translate table or a regex pass costs a millisecond or more).
_ASCII_SIGNS = '!"#$%&()*+,./:;<=>?@[\\]^{|}~'
_REPLACE = (
    tuple((char, "") for char in "'`’‘ʼ´\u200b\u200c\u200d\u2060\ufeff\u00ad")
    + tuple((char, " ") for char in "-_‐‑‒–—")
    + tuple((char, '"') for char in "“”„«»")
    + tuple((char, f" {char} ") for char in _ASCII_SIGNS)
)
_OTHER_SIGNS = re.compile(r"[^\w\s]")  # signs outside ASCII ("¿", "•", emoji), set apart the same way
_TRIPLE = re.compile(r"([a-z])\1{2,}")


def normalise(text: str) -> str:
    """The text as the phrase tables read it (see the module docstring, step 1)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    for char, replacement in _REPLACE:
        if char in text:
            text = text.replace(char, replacement)
    if not text.isascii():
        text = _OTHER_SIGNS.sub(r" \g<0> ", text)
    words = text.split()
    # "soooo" is "so": looked for among the distinct words first, a fraction of a long text.
    if _TRIPLE.search(" ".join(set(words))):
        return _TRIPLE.sub(r"\1", " ".join(words))
    return " ".join(words)


# -- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One phrase found: its tier, its topic and the words that matched (normalised)."""

    tier: Tier
    topic: str
    words: str

    @property
    def digest(self) -> str:
        """A short fingerprint of the words, so a page can remember them without keeping them."""
        return hashlib.sha256(f"{self.tier.value}:{self.words}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Finding:
    """What the check found in a text: the highest tier, and every phrase behind it."""

    tier: Tier
    signals: tuple[Signal, ...] = ()

    def __bool__(self) -> bool:
        return self.tier > Tier.NONE

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics of the phrases at the highest tier, in the order they were written."""
        seen: dict[str, None] = {}
        for signal in self.signals:
            if signal.tier == self.tier:
                seen.setdefault(signal.topic, None)
        return tuple(seen)

    @property
    def digests(self) -> frozenset[str]:
        return frozenset(signal.digest for signal in self.signals)


NOTHING = Finding(Tier.NONE)
_CLAUSE_END = re.compile(r"[.!?;:,\n()\"]|\bbut\b|\bthough\b|\bbecause\b")
_WORD = re.compile(r"[a-z0-9]+")
_LOOK_BACK = 80  # characters before a phrase that the negation and idiom checks read
_SENTENCE_END = re.compile(r" [.!?](?: |$)")
_SENTENCE_REACH = 200  # how far a co-occurrence looks either side of its match for the sentence's other words
# A question's clause runs on past commas ("asked if, after all that, I had…"), to a sentence's end.
_QUESTION_CLAUSE_END = re.compile(r"[.!?;\n]")
_PREFIX = 8  # how much of each pattern's possible beginnings is worked out, spaces included


class _NoHeads(ValueError):
    """A pattern whose possible beginnings can't be listed (it would have to run everywhere)."""


def _beginnings(items: list, n: int, bounded: bool, depth: int = 0) -> set[str]:
    """Every string of up to `n` characters that a parsed pattern can begin with.

    Zero-width parts (\\b, lookarounds) are skipped, so the set may be wider than the pattern,
    never narrower; `bounded` says a word boundary came before the first letter.
    """
    if n == 0 or not items:
        return {""}
    if depth > 300:
        raise _NoHeads("pattern too deep")
    op, av = items[0]
    rest = items[1:]
    if op is _c.AT:
        return _beginnings(rest, n, bounded or av is _c.AT_BOUNDARY, depth + 1)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _beginnings(rest, n, bounded, depth + 1)
    if op in (_c.LITERAL, _c.IN):
        if not bounded:
            raise _NoHeads("pattern does not start at a word boundary")
        if op is _c.IN and n < _PREFIX and _wide(av):
            return {""}  # a wide set of characters ("\\d", "[a-z]") past the first: the beginning ends here
        chars = {chr(av)} if op is _c.LITERAL else _chars(av)
        tails = _beginnings(rest, n - 1, True, depth + 1)
        return {char + tail for char in chars for tail in tails}
    if op is _c.BRANCH:
        return set().union(*(_beginnings(list(alt.data) + rest, n, bounded, depth + 1) for alt in av[1]))
    if op is _c.SUBPATTERN:
        return _beginnings(list(av[3].data) + rest, n, bounded, depth + 1)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, inner = av
        found = _beginnings(rest, n, bounded, depth + 1) if low == 0 else set()
        if high != 0:
            again = (
                []
                if high == 1
                else [(op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, inner))]
            )
            found |= _beginnings(list(inner.data) + again + rest, n, bounded, depth + 1)
        if len(found) > 20_000:
            raise _NoHeads("too many beginnings")
        return found
    raise _NoHeads(f"unsupported pattern part {op}")


def _wide(items: list) -> bool:
    """Whether a character set allows more than a handful of characters."""
    return any(
        op is _c.CATEGORY or op is _c.NEGATE or (op is _c.RANGE and av[1] - av[0] > 4) for op, av in items
    )


def _chars(items: list) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 64:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            raise _NoHeads(f"unsupported character set part {op}")
    return chars


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per phrase per process
class _Compiled:
    phrase: Phrase
    pattern: re.Pattern[str]
    not_after: re.Pattern[str] | None
    beginnings: frozenset[str]  # what a match can start with: its first _PREFIX characters, or all of it
    with_all: tuple[re.Pattern[str], ...] = ()
    not_with: re.Pattern[str] | None = None
    with_before: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class _Index:
    """A language's phrases by what their matches can begin with, for the quick way through a text."""

    # Finds every word that starts as some match can; its group is the shortest such beginning.
    starts: re.Pattern[str]
    by_beginning: dict[str, tuple[_Compiled, ...]]  # keyed by those shortest beginnings


@cache
def _compiled(language: Language) -> tuple[_Compiled, ...]:
    """A language's phrases, compiled once per process, with what each one's matches can begin with."""
    compiled = []
    for phrase in language.phrases:
        beginnings = _beginnings(list(re._parser.parse(phrase.pattern).data), _PREFIX, False)
        if not all(beginning[:1].isalnum() for beginning in beginnings):
            raise _NoHeads(f"a match of {phrase.pattern[:40]!r} could start with a sign")
        # Guards are whole words: "(?<![a-z])" lets the search skip every place inside a word.
        not_after = re.compile(f"(?<![a-z])(?:{phrase.not_after})$") if phrase.not_after else None
        compiled.append(
            _Compiled(
                phrase,
                re.compile(phrase.pattern),
                not_after,
                frozenset(beginnings),
                tuple(re.compile(f"(?<![a-z])(?:{cue})") for cue in phrase.with_all),
                re.compile(f"(?<![a-z])(?:{phrase.not_with})") if phrase.not_with else None,
                tuple(re.compile(f"(?<![a-z])(?:{cue})") for cue in phrase.with_before),
            )
        )
    return tuple(compiled)


_QUESTIONS: dict[int, tuple[Language, tuple[re.Pattern[str], re.Pattern[str]] | None]] = {}


def _questions(language: Language) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A language's "asked if … — no" patterns, compiled once (None when it has none).

    Kept by the language's identity: hashing a whole phrase table on every negatable match would
    cost more than the match itself.
    """
    known = _QUESTIONS.get(id(language))
    if known is None or known[0] is not language:
        compiled = None
        if language.question and language.answered_no:
            compiled = re.compile(f"(?:{language.question})$"), re.compile(language.answered_no)
        known = _QUESTIONS[id(language)] = (language, compiled)
    return known[1]


_DENIALS: dict[int, tuple[Language, re.Pattern[str] | None]] = {}


def _denied_after(plain: str, end: int, language: Language) -> bool:
    """Whether the words right after a phrase deny it (see `Language.denied_after`)."""
    known = _DENIALS.get(id(language))
    if known is None or known[0] is not language:
        known = _DENIALS[id(language)] = (
            language,
            re.compile(language.denied_after) if language.denied_after else None,
        )
    return known[1] is not None and known[1].match(plain, end, end + _LOOK_BACK) is not None


@cache
def _index(language: Language) -> _Index:
    beginnings = sorted({beginning for compiled in _compiled(language) for beginning in compiled.beginnings})
    # One pass of one regex finds the places worth trying: a space, then any beginning, written as
    # a trie so the engine reads each letter once, inside a lookahead so that "i want to die" is
    # tried at "i" and at "want" alike. The trie stops at the shortest beginning on each path, so
    # every phrase is filed under the shortest beginning that starts one of its own.
    starts = re.compile(f" (?=({_trie(beginnings)}))")
    shortest = set(beginnings)
    by_beginning: dict[str, list[_Compiled]] = {}
    for compiled in _compiled(language):
        for beginning in compiled.beginnings:
            key = next(beginning[:end] for end in range(1, len(beginning) + 1) if beginning[:end] in shortest)
            phrases = by_beginning.setdefault(key, [])
            if compiled not in phrases:
                phrases.append(compiled)
    return _Index(starts, {key: tuple(phrases) for key, phrases in by_beginning.items()})


def _trie(strings: list[str]) -> str:
    """A regex matching any of `strings` (or a longer text starting with one), built as a trie."""
    root: dict[str, dict] = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        if "" in node:  # a string ends here: whatever follows is optional
            return ""
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)


def _negated(before: str, language: Language) -> bool:
    """Whether the nearest word before a phrase, in its clause and past small words, is a negator.

    A subject ("I", "she") between a negator and the phrase starts a new thought ("every time they
    say no I want to…"), unless "that" or "like" ties it to the negation ("not that I'd…", "it's not
    like I want to…").
    """
    words = _WORD.findall(_CLAUSE_END.split(before)[-1])[-8:]
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word in language.subjects and not (index and words[index - 1] in ("that", "like")):
            return False
        if word not in language.fillers:
            return word in language.negators
    return False


def _negated_in_clause(before: str, language: Language) -> bool:
    """Whether a negator stands anywhere before a broad phrase in its clause, with no new subject after it.

    The broader layer's words sit further from their verb ("I'm not going to take all my pills"),
    so the nearest word is not enough; a subject after the negator still starts a new thought.
    """
    words = _WORD.findall(_CLAUSE_END.split(before)[-1])
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word in language.subjects and not (index and words[index - 1] in ("that", "like")):
            return False
        if word in language.clause_negators and not language.no_denial_after.intersection(
            words[index + 1 : index + 2]
        ):
            return True
    return False


def _sentence(plain: str, start: int, end: int) -> str:
    """The sentence around a match: back to the last ".", "!" or "?", on to the next (within reach)."""
    head = plain[max(0, start - _SENTENCE_REACH) : start]
    head = head[max(head.rfind(" . "), head.rfind(" ! "), head.rfind(" ? ")) + 1 :]
    tail = plain[end : end + _SENTENCE_REACH]
    stop = _SENTENCE_END.search(tail)
    return head + plain[start:end] + (tail[: stop.start()] if stop else tail)


def _answered_no(plain: str, before: str, end: int, language: Language) -> bool:
    """Whether the phrase sits in a question answered no ("asked if I'd thought of …, honestly, no")."""
    questions = _questions(language)
    if questions is None:
        return False
    question, answered_no = questions
    clause = _QUESTION_CLAUSE_END.split(before)[-1]
    return bool(question.search(clause)) and bool(answered_no.match(plain, end, end + _LOOK_BACK))


class _Judged:
    """A phrase that matched and was then read as an idiom or as negated: the words were judged."""


_JUDGED = _Judged()


def _signal(
    plain: str, compiled: _Compiled, match: re.Match[str], language: Language
) -> Signal | _Judged | None:
    """The match as a signal; `_JUDGED` when an idiom guard or a negation cancels it; None when a
    co-occurrence misses one of its companions (then the phrase has said nothing about the words).

    Companions are looked for first: most broad matches lack one, and that is the cheapest way out.
    """
    before = plain[max(0, match.start() - _LOOK_BACK) : match.start()]
    if compiled.with_before:
        clause = _CLAUSE_END.split(before)[-1]
        if not all(cue.search(clause) for cue in compiled.with_before):
            return None
    sentence = ""
    if compiled.with_all:
        sentence = _sentence(plain, match.start(), match.end())
        if not all(cue.search(sentence) for cue in compiled.with_all):
            return None
    if compiled.not_after is not None and compiled.not_after.search(before):
        return _JUDGED
    if compiled.phrase.negatable and (
        (_negated_in_clause if compiled.phrase.broad else _negated)(before, language)
        or _answered_no(plain, before, match.end(), language)
        or _denied_after(plain, match.end(), language)
    ):
        return _JUDGED
    if compiled.not_with is not None and compiled.not_with.search(
        sentence or _sentence(plain, match.start(), match.end())
    ):
        return _JUDGED
    return Signal(compiled.phrase.tier, compiled.phrase.topic, match.group(0).strip())


_Hit = tuple[int, int, _Compiled, "Signal | _Judged"]  # start, end, phrase, what it came to


def _clause(plain: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around a match begins and ends (punctuation, "but", "because", …)."""
    head = plain[max(0, start - _LOOK_BACK) : start]
    cuts = [cut.end() for cut in _CLAUSE_END.finditer(head)]
    tail = _CLAUSE_END.search(plain, end, end + _LOOK_BACK)
    return (start - len(head) + cuts[-1] if cuts else start - len(head)), (
        tail.start() if tail else end + _LOOK_BACK
    )


def _settled(plain: str, hits: list[_Hit]) -> list[tuple[int, Signal]]:
    """The signals that stand: a broad phrase only where no precise phrase spoke in its clause.

    A precise phrase speaks when it was read as an idiom or as negated, or when it stands at the
    broad phrase's tier or higher ("I took the pills and hoped I wouldn't wake up" keeps the
    broad crisis card beside the precise gentle one).
    """
    precise = [
        (start, outcome.tier if isinstance(outcome, Signal) else Tier.EXPLICIT)
        for start, _, compiled, outcome in hits
        if not compiled.phrase.broad
    ]
    found = []
    for start, end, compiled, outcome in hits:
        if not isinstance(outcome, Signal):
            continue
        if compiled.phrase.broad:
            low, high = _clause(plain, start, end)
            if any(low <= other < high and tier >= outcome.tier for other, tier in precise):
                continue
        found.append((start, outcome))
    return found


def _matches_everywhere(plain: str, language: Language) -> list[tuple[int, Signal]]:
    """Every pattern run over the whole text: slow, and the reference the fast path is tested against."""
    hits: list[_Hit] = []
    for compiled in _compiled(language):
        for match in compiled.pattern.finditer(plain):
            outcome = _signal(plain, compiled, match, language)
            if outcome is not None:
                hits.append((match.start(), match.end(), compiled, outcome))
    return _settled(plain, hits)


def _matches_at_words(plain: str, language: Language) -> list[tuple[int, Signal]]:
    """Each pattern tried only where a word starts as one of its matches can (same result, fast)."""
    index = _index(language)
    hits: list[_Hit] = []
    resume: dict[_Compiled, int] = {}  # like finditer: no match overlaps an earlier one of its phrase
    # The space in front lets the text's first word be found like every other ("x" at 0 is at 1).
    for candidate in index.starts.finditer(" " + plain):
        start = candidate.start()
        for compiled in index.by_beginning[candidate.group(1)]:
            if start < resume.get(compiled, 0):
                continue
            match = compiled.pattern.match(plain, start)
            if match is None:
                continue
            resume[compiled] = match.end()
            outcome = _signal(plain, compiled, match, language)
            if outcome is not None:
                hits.append((start, match.end(), compiled, outcome))
    return _settled(plain, hits)


def check(text: str, languages: tuple[Language, ...] = LANGUAGES, *, everywhere: bool = False) -> Finding:
    """What `text` says of suicide or self-harm (see the module docstring).

    `everywhere=True` runs every pattern over the whole text instead of only where a word starts
    as its matches can; the tests use it to prove the quick way misses nothing.
    """
    if not text or not text.strip():
        return NOTHING
    plain = normalise(text)
    run = _matches_everywhere if everywhere else _matches_at_words
    found = sorted(
        (item for language in languages for item in run(plain, language)), key=lambda item: item[0]
    )
    if not found:
        return NOTHING
    unique = tuple(dict.fromkeys(signal for _, signal in found))
    return Finding(max(signal.tier for signal in unique), unique)


def signals_crisis(text: str) -> bool:
    """Whether `text` holds language of suicide or self-harm at either tier."""
    return bool(check(text))


# -- where to turn ---------------------------------------------------------------------------

CHECKED = date(2026, 12, 1)  # every number below was last compared with its source on this day


@dataclass(frozen=True)
class Helpline:
    """One place to turn to: who, how to reach them, where that comes from and when it was checked."""

    name: str
    contact: str
    source: str
    checked: date = CHECKED


@dataclass(frozen=True)
class Region:
    """The help shown for one region: local lines first, then the emergency number and its source."""

    name: str
    lines: tuple[Helpline, ...]
    emergency: str
    emergency_source: str
    checked: date = CHECKED


# Where each number comes from. Every entry names the organisation's own site and the published
# page it was compared with on CHECKED (a copy of each page was read; the numbers are the
# well-known national ones). No number is made up: a region without a well-known national line
# lists only its emergency number and the directory.
_988_US = Helpline(
    "988 Suicide & Crisis Lifeline",
    "call or text 988, or chat at 988lifeline.org",
    "988lifeline.org; compared with health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/"
    "988-suicide-crisis-lifeline (call or text 988, 24/7; live across the US since 16 July 2022)",
)
_988_CA = Helpline(
    "9-8-8 Suicide Crisis Helpline",
    "call or text 988",
    "988.ca (run by CAMH); compared with dailyhive.com/canada/988-suicide-crisis-helpline-launch "
    "(call or text 988, 24/7, English and French; launched across Canada on 30 November 2023)",
)
_SAMARITANS = Helpline(
    "Samaritans",
    "call 116 123, free, any time",
    "samaritans.org/how-we-can-help/contact-samaritan/ (116 123 is free from landlines and mobiles; free "
    "across the UK and Ireland since 2015, per newstalk.com)",
)
_LIFELINE_AU = Helpline(
    "Lifeline",
    "call 13 11 14, any time",
    "lifeline.org.au; compared with lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/ "
    "(24-hour crisis support on 13 11 14; in immediate danger call 000)",
)
_1737_NZ = Helpline(
    "Need to talk? 1737",
    "call or text 1737, free, any time",
    "1737.org.nz; compared with the Minister of Health's launch release of 29 June 2017 "
    "(scoop.co.nz/stories/PA1706/S00527: free to call or text from any phone, 24/7)",
)

_024_ES = Helpline(
    "024, line for suicidal thoughts (Ministry of Health)",
    "call 024, free, any time",
    "sanidad.gob.es (Línea 024 de atención a la conducta suicida); compared with rtve.es/noticias/20220509/"
    "sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml (free, anonymous, confidential, 24 hours "
    "a day, every day; run by the Red Cross; in service since 10 May 2022)",
)
_ESPERANZA_ES = Helpline(
    "Teléfono de la Esperanza",
    "call 717 003 717, any time",
    "telefonodelaesperanza.org (its national number 717 003 717, 24 hours); theobjective.com/espana/"
    "2022-05-10/024-telefono-gratuito-prevenir-suicidio names it among the lines that came before 024",
)
_VIDA_MX = Helpline(
    "Línea de la Vida",
    "call 800 911 2000, free, any time",
    "gob.mx/salud/conasama (Comisión Nacional de Salud Mental y Adicciones); compared with eluniversal.com.mx/"
    "nacion/promueven-la-linea-de-la-vida-tras-presentar-encuesta-sobre-consumo-de-drogas-asi-puedes-pedir-ayuda/ "
    "(800-911-2000, free, 24 hours a day, 365 days a year; suicidal thoughts among what it helps with; December 2025)",
)

DIRECTORY = Helpline(
    "Find A Helpline — free, confidential lines in many countries",
    "findahelpline.com",
    "findahelpline.com (ThroughLine's directory of verified helplines in over 130 countries; "
    "lifeline-international.com, April 2024)",
)

REGIONS: dict[str, Region] = {
    "international": Region(
        "Worldwide",
        (
            Helpline("US and Canada: Suicide & Crisis Lifeline", "call or text 988", _988_US.source),
            Helpline("UK and Ireland: Samaritans", "call 116 123", _SAMARITANS.source),
        ),
        "your local emergency number — 112 in Europe and many other countries, 911 in North America, 999 in the UK",
        "112: the single EU emergency number, free in every member state (European Commission, as quoted at "
        "news.lt, 'Need help? Dial 112'); 911 and 999: see the US, Canada and UK entries",
    ),
    "us": Region(
        "United States",
        (_988_US,),
        "911",
        "health.wyo.gov 988 page: 'if you or someone you know is in immediate danger … please call 911'",
    ),
    "ca": Region(
        "Canada", (_988_CA,), "911", "brampton.ca/EN/residents/Emergency-Management/Pages/About-911.aspx"
    ),
    "uk": Region(
        "United Kingdom",
        (_SAMARITANS,),
        "999 or 112",
        "devon-cornwall.police.uk/youth/8-10/phoning-999/ (999; 112 works the same)",
    ),
    "ie": Region(
        "Ireland",
        (_SAMARITANS,),
        "112 or 999",
        "www2.hse.ie/emergencies/when-to-call-112-or-999/ (both free, from any phone)",
    ),
    "au": Region(
        "Australia",
        (_LIFELINE_AU,),
        "000",
        "lifelineh2h.org.au FAQ: 'If you are in immediate danger call 000'",
    ),
    "nz": Region(
        "New Zealand",
        (_1737_NZ,),
        "111",
        "voxy.co.nz/national/5/361737 (Civil Defence list: 1737 to talk, 111 in an emergency)",
    ),
    "eu": Region(
        "Europe", (), "112", "European Commission via news.lt, 'Need help? Dial 112' (all EU member states)"
    ),
    "es": Region(
        "Spain",
        (_024_ES, _ESPERANZA_ES),
        "112",
        "European Commission via news.lt, 'Need help? Dial 112'; elnacional.cat on 024: the gravest calls "
        "are passed to 112",
    ),
    "mx": Region(
        "Mexico",
        (_VIDA_MX,),
        "911",
        "gob.mx/911 (911 is Mexico's single emergency number, since 9 January 2017)",
    ),
}
ALIASES = {
    "gb": "uk",
    "england": "uk",
    "scotland": "uk",
    "wales": "uk",
    "northern ireland": "uk",
    "usa": "us",
    "spain": "es",
    "españa": "es",
    "mexico": "mx",
    "méxico": "mx",
    "worldwide": "international",
}


def region(code: str | None) -> Region:
    """The help for a region code from the settings ("us", "uk", …); unknown codes get the worldwide list."""
    key = (code or "").strip().lower()
    return REGIONS.get(ALIASES.get(key, key), REGIONS["international"])


def region_code(code: str | None) -> str | None:
    """The region a settings value names ("GB" is "uk"), or None when Rebound has no such region."""
    key = (code or "").strip().lower()
    key = ALIASES.get(key, key)
    return key if key in REGIONS else None


# Time zones by region, from the IANA time zone database's zone.tab (version 2025b), with the
# older names browsers may still report (US/*, Canada/*, Australia/*, GB, Eire, NZ). A zone says
# where a person is; a language mostly says what their computer was set up with ("en-US" is the
# default in many countries), so the zone decides whenever it names a place.
_ZONES_BY_REGION = {
    "us": (
        "America/New_York America/Detroit America/Kentucky/Louisville America/Kentucky/Monticello "
        "America/Indiana/Indianapolis America/Indiana/Vincennes America/Indiana/Winamac America/Indiana/Marengo "
        "America/Indiana/Petersburg America/Indiana/Vevay America/Chicago America/Indiana/Tell_City "
        "America/Indiana/Knox America/Menominee America/North_Dakota/Center America/North_Dakota/New_Salem "
        "America/North_Dakota/Beulah America/Denver America/Boise America/Phoenix America/Los_Angeles "
        "America/Anchorage America/Juneau America/Sitka America/Metlakatla America/Yakutat America/Nome "
        "America/Adak Pacific/Honolulu America/Indianapolis America/Fort_Wayne America/Louisville "
        "America/Knox_IN America/Shiprock Navajo"
    ),
    "ca": (
        "America/St_Johns America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay "
        "America/Blanc-Sablon America/Toronto America/Iqaluit America/Atikokan America/Winnipeg America/Resolute "
        "America/Rankin_Inlet America/Regina America/Swift_Current America/Edmonton America/Cambridge_Bay "
        "America/Inuvik America/Creston America/Dawson_Creek America/Fort_Nelson America/Whitehorse America/Dawson "
        "America/Vancouver America/Montreal America/Thunder_Bay America/Nipigon America/Rainy_River "
        "America/Yellowknife America/Pangnirtung America/Coral_Harbour"
    ),
    "uk": "Europe/London Europe/Belfast GB GB-Eire",
    "ie": "Europe/Dublin Eire",
    "au": (
        "Australia/Lord_Howe Antarctica/Macquarie Australia/Hobart Australia/Melbourne Australia/Sydney "
        "Australia/Broken_Hill Australia/Brisbane Australia/Lindeman Australia/Adelaide Australia/Darwin "
        "Australia/Perth Australia/Eucla"
    ),
    "nz": "Pacific/Auckland Pacific/Chatham NZ NZ-CHAT",
    "es": "Europe/Madrid Africa/Ceuta Atlantic/Canary",
    "mx": (
        "America/Mexico_City America/Cancun America/Merida America/Monterrey America/Matamoros "
        "America/Chihuahua America/Ciudad_Juarez America/Ojinaga America/Mazatlan America/Bahia_Banderas "
        "America/Hermosillo America/Tijuana America/Ensenada America/Santa_Isabel Mexico/General "
        "Mexico/BajaNorte Mexico/BajaSur"
    ),
    # The EU, the EEA and Switzerland: 112 reaches emergency services in all of them.
    "eu": (
        "Europe/Vienna Europe/Brussels Europe/Sofia Europe/Zagreb Asia/Nicosia Asia/Famagusta Europe/Nicosia "
        "Europe/Prague Europe/Copenhagen Europe/Tallinn Europe/Helsinki Europe/Mariehamn Europe/Paris Europe/Berlin "
        "Europe/Busingen Europe/Athens Europe/Budapest Europe/Rome Europe/Riga Europe/Vilnius Europe/Luxembourg "
        "Europe/Malta Europe/Amsterdam Europe/Warsaw Europe/Lisbon Atlantic/Madeira Atlantic/Azores Europe/Bucharest "
        "Europe/Bratislava Europe/Ljubljana Europe/Stockholm "
        "Atlantic/Reykjavik Iceland Europe/Vaduz Europe/Oslo Europe/Zurich Poland Portugal"
    ),
}
_ZONE_PREFIXES = {"US/": "us", "Canada/": "ca", "Australia/": "au"}
_ZONES = {zone: code for code, zones in _ZONES_BY_REGION.items() for zone in zones.split()}
# Zones that say nothing about where a person is (privacy settings often report UTC).
_PLACELESS_ZONE = re.compile(r"^(?:UTC|UCT|GMT|Zulu|Universal|Greenwich|Etc/.*|Factory)$")

# Country codes (ISO 3166-1, as in a browser language such as "en-GB") by region.
_EU_EEA_CH = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI SE IS LI NO CH"
_COUNTRIES = (
    {"US": "us", "CA": "ca", "GB": "uk", "UK": "uk", "IE": "ie", "AU": "au", "NZ": "nz"}
    | {country: "eu" for country in _EU_EEA_CH.split()}
    | {"ES": "es", "MX": "mx"}
)
_LOCALE_PARTS = re.compile(r"[-_.@]")


def _zone_region(timezone: str | None) -> str | None:
    """The region a time zone lies in, "" for a zone elsewhere, None when the zone says nothing."""
    zone = (timezone or "").strip()
    if not zone or _PLACELESS_ZONE.match(zone):
        return None
    if zone in _ZONES:
        return _ZONES[zone]
    for prefix, code in _ZONE_PREFIXES.items():
        if zone.startswith(prefix):
            return code
    return ""


def _locale_region(locale: str | None) -> str | None:
    """The region of a browser language's country part ("en-GB" is "uk"); None without one."""
    for part in _LOCALE_PARTS.split((locale or "").strip())[1:]:
        if len(part) == 2 and part.isalpha():
            return _COUNTRIES.get(part.upper())
    return None


def region_for(configured: str | None, locale: str | None = None, timezone: str | None = None) -> Region:
    """The crisis lines to show.

    `configured` is the operator's `crisis_region` when they set one; None when it is left at its
    default. Then the browser's time zone decides when it names a place ("Europe/London" is the
    UK, "Asia/Tokyo" is elsewhere), else its language's country ("en-AU" is Australia); anything
    else gets the worldwide list.
    """
    if configured is not None:
        return region(configured)
    by_zone = _zone_region(timezone)
    code = by_zone if by_zone is not None else _locale_region(locale)
    return REGIONS.get(code or "", REGIONS["international"])


# -- the lines in the language of the run ------------------------------------------------------
# Names, contacts and emergency numbers are shown in the person's language; their keys in the
# catalogue are CRISIS_REGIONS.<region>.… and CRISIS_DIRECTORY.… (python -m core.catalogue).


def messages() -> list[tuple[str, str]]:
    """(key, English) for every word of the crisis lines that a card shows."""
    found = [("CRISIS_DIRECTORY.name", DIRECTORY.name), ("CRISIS_DIRECTORY.contact", DIRECTORY.contact)]
    for code, place in REGIONS.items():
        found += [
            (f"CRISIS_REGIONS.{code}.name", place.name),
            (f"CRISIS_REGIONS.{code}.emergency", place.emergency),
        ]
        for index, line in enumerate(place.lines):
            found += [
                (f"CRISIS_REGIONS.{code}.lines.{index}.name", line.name),
                (f"CRISIS_REGIONS.{code}.lines.{index}.contact", line.contact),
            ]
    return found


def shown(place: Region) -> Region:
    """`place` with its names and contacts in the language of the run (sources stay as written)."""
    from dataclasses import replace

    code = next((key for key, value in REGIONS.items() if value is place), None)
    if code is None:
        return place
    key = f"CRISIS_REGIONS.{code}"
    lines = tuple(
        replace(
            line,
            name=i18n.text(f"{key}.lines.{index}.name", line.name),
            contact=i18n.text(f"{key}.lines.{index}.contact", line.contact),
        )
        for index, line in enumerate(place.lines)
    )
    return replace(
        place,
        name=i18n.text(f"{key}.name", place.name),
        lines=lines,
        emergency=i18n.text(f"{key}.emergency", place.emergency),
    )


def directory() -> Helpline:
    """Find A Helpline, in the language of the run."""
    from dataclasses import replace

    return replace(
        DIRECTORY,
        name=i18n.text("CRISIS_DIRECTORY.name", DIRECTORY.name),
        contact=i18n.text("CRISIS_DIRECTORY.contact", DIRECTORY.contact),
    )
