"""A gentle check for self-harm or suicide language, and where to find help by region.

How it decides (kept deliberately simple and documented, because it is about safety):

- It looks for explicit phrases ("suicidal", "kill myself", "end my life", "want to die",
  "don't want to live anymore", "better off without me", "hurt myself", "self-harm", …) in lower-cased
  text with curly apostrophes straightened. English only.
- Everyday exaggerations about the job hunt never match: "this job search is killing me", "I'm dying
  to hear back", "I could kill for a coffee", "dead tired", "a dead end" — and "killing myself over /
  trying / working …" (working far too hard) is treated as an idiom too.
- A negation *directly* in front of a phrase cancels it: "I'm not suicidal", "I would never hurt myself",
  "I don't want to die". Only the two words before the phrase, within the same clause, are looked at;
  phrases that carry their own negation ("I don't want to live anymore") are never cancelled.
- When in doubt it says yes. The card it leads to is calm, never blocks saving and costs little when
  shown without need; missing someone who is struggling costs far more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[a-z']+"
_NEGATORS = frozenset(
    {"not", "never", "no", "don't", "dont", "won't", "wont", "wouldn't", "wouldnt", "isn't", "aren't"}
    | {"can't", "cant", "cannot", "couldn't", "shouldn't", "didn't", "didnt", "nor"}
)
_FILLERS = frozenset({"really", "ever", "actually", "honestly", "truly", "seriously", "want", "to"})

# Phrases a preceding "not" / "never" turns around ("I'm not suicidal", "I'd never hurt myself").
_NEGATABLE = re.compile(
    r"\b(?:"
    r"suicid(?:e|al|ally)"
    r"|(?:kill|killed|killing|unalive|unaliving)\s+my\s?self(?!\s+(?:over|trying|working|for|with|on|at|to\s+get|to\s+finish))"
    r"|(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life"
    r"|end\s+it\s+all"
    r"|(?:want|wanted|wanting|going|plan|planning|ready)\s+to\s+die"
    r"|(?:hurt|hurting|harm|harming|cut|cutting)\s+my\s?self"
    r"|self[\s-]?harm(?:ing)?"
    r")\b"
)
# Phrases whose meaning already contains the negation: never cancelled.
_SELF_NEGATED = re.compile(
    r"\b(?:"
    r"(?:don't|dont|do\s+not|doesn't|no\s+longer|not\s+sure\s+(?:if\s+|that\s+)?i|never)\s+(?:really\s+)?"
    r"want\s+to\s+(?:live|be\s+alive|exist|go\s+on|wake\s+up)"
    r"(?=\s*(?:$|[.!?,;:]|any\s?more|like\s+this|without|now|tomorrow|again))"
    r"|want\s+to\s+(?:live|go\s+on|be\s+alive|exist)\s+any\s?more"
    r"|(?:don't|dont|do\s+not)\s+want\s+to\s+be\s+(?:here|alive)\s+any\s?more"
    r"|no\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on|being\s+alive)"
    r"|(?:can't|cant|cannot|can\s+not)\s+go\s+on\s+(?:living|any\s?more)"
    r"|(?:life\s+is\s+)?not\s+worth\s+living"
    r"|better\s+off\s+(?:dead|without\s+me)"
    r"|wish\s+i\s+(?:was|were|had\s+never\s+been|'d\s+never\s+been)\s+(?:dead|born)"
    r")\b"
)
_CLAUSE_END = re.compile(r"[.!?;:,\n]")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower())


def _negated(before: str) -> bool:
    """Whether the clause just before a phrase ends in a negation ("i'm not", "i would never")."""
    clause = _CLAUSE_END.split(before)[-1]
    words = re.findall(_WORD, clause)
    while words and words[-1] in _FILLERS:
        words.pop()
    return bool(words) and (words[-1] in _NEGATORS or (len(words) > 1 and words[-2] in _NEGATORS))


def signals_crisis(text: str) -> bool:
    """Whether `text` contains language of self-harm or suicide (see the module docstring)."""
    if not text:
        return False
    plain = _normalise(text)
    if _SELF_NEGATED.search(plain):
        return True
    return any(not _negated(plain[: match.start()]) for match in _NEGATABLE.finditer(plain))


@dataclass(frozen=True)
class Helpline:
    """One place to turn to: who, and how to reach them."""

    name: str
    contact: str


@dataclass(frozen=True)
class Region:
    """The help shown for one region: local lines first, then the emergency number."""

    name: str
    lines: tuple[Helpline, ...]
    emergency: str


DIRECTORY = Helpline("Find A Helpline — free, confidential lines in many countries", "findahelpline.com")

REGIONS: dict[str, Region] = {
    "international": Region(
        "Worldwide",
        (
            Helpline("US and Canada: Suicide & Crisis Lifeline", "call or text 988"),
            Helpline("UK and Ireland: Samaritans", "call 116 123"),
        ),
        "your local emergency number — 112 in Europe and many other countries, 911 in North America, 999 in the UK",
    ),
    "us": Region("United States", (Helpline("988 Suicide & Crisis Lifeline", "call or text 988"),), "911"),
    "ca": Region("Canada", (Helpline("9-8-8 Suicide Crisis Helpline", "call or text 988"),), "911"),
    "uk": Region("United Kingdom", (Helpline("Samaritans", "call 116 123, free, any time"),), "999 or 112"),
    "ie": Region("Ireland", (Helpline("Samaritans", "call 116 123, free, any time"),), "112 or 999"),
    "au": Region("Australia", (Helpline("Lifeline", "call 13 11 14"),), "000"),
    "nz": Region("New Zealand", (Helpline("Need to talk?", "call or text 1737"),), "111"),
    "eu": Region("Europe", (), "112"),
}
_ALIASES = {
    "gb": "uk",
    "england": "uk",
    "scotland": "uk",
    "wales": "uk",
    "usa": "us",
    "worldwide": "international",
}


def region(code: str | None) -> Region:
    """The help for a region code from the settings ("us", "uk", …); unknown codes get the worldwide list."""
    key = (code or "").strip().lower()
    return REGIONS.get(_ALIASES.get(key, key), REGIONS["international"])
