"""Text for the PDF: made safe to draw, and split into lines that each know their direction and script.

Nothing a person typed disappears: a character none of the PDF's fonts has becomes □ (visible, and
extracted as □), control characters too; invisible format characters (join controls, direction
marks, variation selectors) are kept, since shaping and the bidi algorithm use them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypedDict

from core.pdf_fonts import coverage, first_faces_pattern

PLACEHOLDER = "□"
LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
KEEP_SPACES = {"\u00a0", "\u202f"}  # no-break spaces keep words together
MANY_BLANK_LINES = re.compile(r"\n{3,}")
PLAIN = re.compile(r"[ -~\n]*")  # printable ASCII and newlines: every line of it is left to right, Latin
STRONG_RTL = {"R", "AL"}
ISOLATES = {"\u2066", "\u2067", "\u2068"}  # LRI, RLI, FSI; closed by PDI (U+2069)
KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
FIRST_FACES = re.compile(first_faces_pattern())  # Hebrew, Lao: their own faces come before DejaVu Sans
WIDE = 1600  # thousandths of an em: wider than any letter outside Latin the fonts draw, near enough
# Where a line may break: spaces, and around every CJK character (ideographs, kana and hangul break
# anywhere), so a CJK sentence is not one long word.
BREAKS = re.compile(
    "[ \u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)
HAN = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


class Line(TypedDict):
    """Lines of a person's text as the PDF templates take them (see core/typst/rebound.typ)."""

    t: str  # the text, sanitised: one line, or lines alike in all of the below joined with "\n"
    rtl: bool  # its first strong letter is Arabic or Hebrew (the Unicode bidi algorithm's rule)
    lang: str  # "ja", "ko" or "zh" when it holds CJK text, else ""
    f: str  # which font list draws it (core.pdf_fonts.font_lists): its lang, + for Hebrew or Lao
    w: float  # its widest word, in em (at most: Latin measured, other letters counted wide)


def _replacement(char: str, style: str) -> str:
    """What to draw for one character: itself, a space, or the placeholder."""
    if char in ("\n", " "):
        return char
    if char == "\t":
        return "    "
    category = unicodedata.category(char)
    if category == "Zs" and char not in KEEP_SPACES:
        return " "
    if category in ("Cc", "Cs", "Co", "Cn"):
        return PLACEHOLDER
    if category == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF:
        return char  # format characters and variation selectors steer shaping; they draw nothing
    return char if coverage().has(char, style) else PLACEHOLDER


class _Replacements(dict):
    """str.translate table for one style that decides each character once, the first time it is seen."""

    def __init__(self, style: str) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, code: int) -> str:
        value = self[code] = _replacement(chr(code), self.style)
        return value


_replacements = {"": _Replacements("regular"), "B": _Replacements("bold")}


def sanitize(text: str, style: str = "") -> str:
    """Text every character of which the PDF can draw in `style` ("" or "B" for bold); the rest is □."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(LINE_BREAKS))
    if not PLAIN.fullmatch(text):
        text = text.translate(_replacements[style])
    # A wall of empty lines would only spread the text over blank pages.
    return MANY_BLANK_LINES.sub("\n\n", text)


def is_rtl(line: str) -> bool:
    """Whether a line reads right to left: its first strong letter, outside isolates, is RTL."""
    depth = 0
    for char in line:
        if char in ISOLATES:
            depth += 1
        elif char == "\u2069":
            depth = max(depth - 1, 0)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return False
            if kind in STRONG_RTL:
                return True
    return False


def cjk_lang(line: str) -> str:
    """The CJK language a line's glyph shapes should follow: kana is Japanese, hangul Korean."""
    if KANA.search(line):
        return "ja"
    if HANGUL.search(line):
        return "ko"
    if HAN.search(line):
        return "zh"
    return ""


_word_widths: dict[tuple[str, str], int] = {}  # words recur: each is summed once per process


def _word_width(word: str, style: str) -> int:
    key = (word, style)
    width = _word_widths.get(key)
    if width is None:
        if len(_word_widths) > 100_000:
            _word_widths.clear()
        widths = coverage().widths["bold" if style == "B" else "regular"]
        width = _word_widths[key] = sum(widths.get(char, WIDE) for char in word)
    return width


def _widest_word(line: str, style: str) -> float:
    """The widest stretch of a line that cannot break, in em, rounded up."""
    widest = max((_word_width(word, style) for word in set(BREAKS.split(line))), default=0)
    return -(-widest // 10) / 100


def lines(text: str, style: str = "") -> list[Line]:
    """A person's text as sanitised lines, each with its own direction (one bidi paragraph a line).

    Consecutive lines alike in direction, script and fonts are joined (with "\n") into one entry,
    which Typst sets as one paragraph with line breaks. An empty line stays an entry of its own.
    """
    out: list[Line] = []
    for line in sanitize(text, style).split("\n"):
        widest = _widest_word(line, style)
        if PLAIN.fullmatch(line):
            entry: Line = {"t": line, "rtl": False, "lang": "", "f": "", "w": widest}
        else:
            lang = cjk_lang(line)
            fonts = lang + ("+" if FIRST_FACES.search(line) else "")
            entry = {"t": line, "rtl": is_rtl(line), "lang": lang, "f": fonts, "w": widest}
        last = out[-1] if out else None
        if (
            last is not None
            and line
            and last["t"]
            and (last["rtl"], last["lang"], last["f"]) == (entry["rtl"], entry["lang"], entry["f"])
        ):
            last["t"] += "\n" + line
            last["w"] = max(last["w"], widest)
        else:
            out.append(entry)
    return out
