"""Text for the PDF: bundled fonts parsed once per process, glyph coverage, safe text and fast wrapping."""

from __future__ import annotations

import copy
import re
import threading
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.bidi import BidiParagraph, auto_detect_base_direction
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIR = Path(__file__).with_name("fonts")
PLACEHOLDER = "□"  # drawn instead of any character no bundled font has: visible, never silently lost
SANS = "rebound-sans"  # DejaVu Sans cut down to Latin and punctuation: what most summaries need
SANS_MORE = "rebound-sans-more"  # all of DejaVu Sans: Greek, Cyrillic, Hebrew, Arabic, symbols
EMOJI = "rebound-emoji"  # Symbola's emoji and symbol blocks
LATIN = (
    "U+0000-017F,U+0218-021B,U+02C6-02DD,U+0300-036F,U+2000-206F,U+20A0-20CF,"
    "U+2100-2122,U+2190-2199,U+2212,U+25A0-25FF,U+2713-2717"
)
# fpdf2 family, style, file, the characters to keep (None: all).
FACES = (
    (SANS, "", "DejaVuSans.ttf", LATIN),
    (SANS, "B", "DejaVuSans-Bold.ttf", LATIN),
    (SANS_MORE, "", "DejaVuSans.ttf", None),
    (SANS_MORE, "B", "DejaVuSans-Bold.ttf", None),
    (EMOJI, "", "SymbolaEmoji.ttf", None),
)
# A character is drawn by the first face of its style's chain that has it. A PDF embeds (and so
# subsets, the slow part of writing it) only the faces a document uses, so the small Latin face
# keeps the common case fast and the bigger ones are added only for the text that needs them.
STYLE_FACES = {
    "": (SANS, SANS_MORE, EMOJI),
    "B": (SANS + "B", SANS_MORE + "B", SANS, SANS_MORE, EMOJI),
}
# Tables fpdf2 drops from every embedded subset anyway; removing them up front saves parsing them per render.
UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "FFTM", "hdmx", "meta", "kern")
LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
KEEP_SPACES = {"\u00a0", "\u202f"}  # no-break spaces keep words together; the wrapper splits on " " only
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
MANY_BLANK_LINES = re.compile(r"\n{3,}")
PT_TO_MM = 25.4 / 72


@dataclass
class Face:
    """One font face: fpdf2's parsed font (shared, read-only) and the bytes each document embeds from."""

    fontkey: str
    family: str
    style: str
    proto: TTFFont
    lean: bytes


class FontBank:
    """The bundled fonts, parsed once, with per-style character widths and fallbacks."""

    def __init__(self) -> None:
        scratch = FPDF()
        self.faces: dict[str, Face] = {}
        for family, style, filename, unicodes in FACES:
            fontkey = family.lower() + style
            lean = _lean_bytes(filename, unicodes)
            proto = TTFFont(scratch, BytesIO(lean), fontkey, style)  # type: ignore[arg-type]
            if family != SANS:
                # Two cuts of one font in a PDF need different names, or some viewers mix them up.
                proto.name += "-" + family.rsplit("-", 1)[-1].capitalize()
            self.faces[fontkey] = Face(fontkey, family, style, proto, lean)
        self.covered = frozenset(chr(code) for face in self.faces.values() for code in face.proto.cmap)
        # Per style: width in thousandths of an em for every drawable character, and which face draws
        # the characters the style's main face lacks.
        self.widths: dict[str, dict[str, int]] = {}
        self.fallback: dict[str, dict[str, str]] = {}
        for style, chain in STYLE_FACES.items():
            widths: dict[str, int] = {}
            fallback: dict[str, str] = {}
            for fontkey in reversed(chain):
                proto = self.faces[fontkey].proto
                for code in proto.cmap:
                    widths[chr(code)] = int(proto.cw[code])
                    fallback[chr(code)] = fontkey
            self.widths[style] = widths
            self.fallback[style] = {char: key for char, key in fallback.items() if key != chain[0]}

    def attach(self, pdf: FPDF, fontkey: str) -> None:
        """Make a face usable in `pdf`, sharing the parsed font instead of parsing the file again."""
        if fontkey in pdf.fonts:
            return
        face = self.faces[fontkey]
        font = copy.copy(face.proto)
        font.i = len(pdf.fonts) + 1
        # fpdf2 subsets the font's TTFont in place when it writes the PDF, so each document gets a
        # fresh, lazily parsed copy; everything else about the font is read-only and shared.
        # recalcBBoxes=False: bounding boxes are already right, and recomputing them means expanding
        # every glyph kept in the subset (half the cost of writing the font).
        font.ttfont = TTFont(BytesIO(face.lean), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        font.subset = SubsetMap(font)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        pdf.fonts[fontkey] = font

    def width(self, text: str, size_pt: float, style: str = "") -> float:
        """Width of sanitised text in millimetres."""
        widths = self.widths[style]
        return sum(widths.get(char, 600) for char in text) * size_pt * PT_TO_MM / 1000

    def runs(self, line: str, style: str) -> list[tuple[str, str]]:
        """A line split by the face that draws it: (fontkey, text) pairs."""
        fallback, main = self.fallback[style], STYLE_FACES[style][0]
        if not any(map(fallback.__contains__, line)):
            return [(main, line)]  # the common case: the main face has every character
        runs: list[tuple[str, str]] = []
        start, current = 0, main
        for index, char in enumerate(line):
            fontkey = fallback.get(char, main)
            if fontkey != current:
                if index > start:
                    runs.append((current, line[start:index]))
                start, current = index, fontkey
        runs.append((current, line[start:]))
        return [run for run in runs if run[1]]


def _lean_bytes(filename: str, unicodes: str | None) -> bytes:
    """The font file without what fpdf2 never embeds, cut down to `unicodes` when given."""
    font = TTFont(FONT_DIR / filename, recalcTimestamp=False)
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    if unicodes is not None:
        options = subset.Options(
            notdef_outline=True, recommended_glyphs=True, glyph_names=True, hinting=False, layout_features=[]
        )
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
    # Windows Unicode subtables (BMP and full) are the ones fpdf2 reads; the rest is parsed for nothing.
    cmap = font["cmap"]
    windows = [table for table in cmap.tables if (table.platformID, table.platEncID) in ((3, 1), (3, 10))]
    cmap.tables = windows or cmap.tables
    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue()


_bank: FontBank | None = None
_bank_lock = threading.Lock()


def bank() -> FontBank:
    """The process-wide font bank, built on first use (Streamlit sessions share it across threads)."""
    global _bank
    if _bank is None:
        with _bank_lock:
            if _bank is None:
                _bank = FontBank()
    return _bank


def _replacement(char: str, covered: frozenset[str]) -> str:
    """What to draw for one character: itself, a space, nothing (invisible by design), or the placeholder."""
    if char in ("\n", " "):
        return char
    if char == "\t":
        return "    "
    category = unicodedata.category(char)
    if category == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF:
        return ""  # zero-width, direction marks, variation selectors: format controls with nothing to see
    if category == "Zs" and char not in KEEP_SPACES:
        return " "
    if category in ("Cc", "Cs", "Co", "Cn") or char not in covered:
        return PLACEHOLDER
    return char


class _Replacements(dict):
    """str.translate table that decides each character once, the first time it is seen."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _replacement(chr(code), bank().covered)
        return value


_replacements = _Replacements()
PLAIN = re.compile(r"[ -~\n]*")  # printable ASCII and newlines: every bundled font has all of it


def sanitize(text: str) -> str:
    """Text every character of which a bundled font can draw; anything else becomes the placeholder."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(LINE_BREAKS))
    if not PLAIN.fullmatch(text):
        text = text.translate(_replacements)
    # A wall of empty lines would only spread the text over blank pages.
    return MANY_BLANK_LINES.sub("\n\n", text)


def wrap(text: str, width_mm: float, size_pt: float, style: str = "") -> list[str]:
    """Sanitised text broken into lines no wider than `width_mm`; over-long words are cut."""
    widths = bank().widths[style]
    limit = width_mm * 1000 / (size_pt * PT_TO_MM)
    space = widths[" "]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        first = len(lines)
        words: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            width = sum(widths.get(char, 600) for char in word)
            if width > limit:
                # A word wider than the line (a pasted link, a key held down) is cut where it fills a line.
                if words:
                    lines.append(" ".join(words))
                chunk_start, chunk_width = 0, 0.0
                for index, char in enumerate(word):
                    char_width = widths.get(char, 600)
                    if chunk_width + char_width > limit and index > chunk_start:
                        lines.append(word[chunk_start:index])
                        chunk_start, chunk_width = index, 0.0
                    chunk_width += char_width
                words, used = [word[chunk_start:]], chunk_width
            elif words and used + space + width > limit:
                lines.append(" ".join(words))
                # Spaces where a line breaks are not carried to the start of the next line.
                words, used = ([word], width) if word else ([], 0.0)
            else:
                used += width + (space if words else 0)
                words.append(word)
        lines.append(" ".join(words))
        if RTL.search(paragraph):
            # Right-to-left runs (Hebrew, Arabic) put in the order they are read on paper; the
            # paragraph's first strong letter sets the direction for all of its lines.
            direction = auto_detect_base_direction(paragraph)
            for index in range(first, len(lines)):
                lines[index] = BidiParagraph(lines[index], base_direction=direction).get_reordered_string()
    return lines
