"""The PDF's fonts: which face draws which script, where each is installed, and what they cover together.

DejaVu Sans (bundled in core/fonts) draws Latin, Greek, Cyrillic, Arabic and most symbols, as it
always has; Noto Sans faces from pinned PyPI packages draw Hebrew, the Indic and Southeast Asian
scripts, the Arabic letters DejaVu lacks, and Chinese, Japanese and Korean (one collection with a
face per region); Symbola (bundled) draws emoji. Typst picks, for each character, the first face in
a line's list that has it, so the order matters: the Hebrew and Lao faces come before DejaVu but
only for their own letters (DejaVu has some of each, and a mark drawn by another face than its
letter lands in the wrong place), and a Chinese, Japanese or Korean line uses its own region's face.

What the faces cover together is kept in core/fonts/coverage.txt, so sanitising text needs no font
parsing at run time (reading the CJK collection's character map alone takes ~250 ms). A unit test
recomputes it from the installed fonts; after changing a font or a pinned package, run
`python -m core.pdf_fonts` to write it again.
"""

from __future__ import annotations

import bisect
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BUNDLED = Path(__file__).with_name("fonts")
COVERAGE_FILE = BUNDLED / "coverage.txt"
# Join controls, direction marks and the dotted circle belong to the script run around them.
SCRIPT_EXTRAS = ((0x200C, 0x200F), (0x25CC, 0x25CC))
HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
LAO = ((0x0E80, 0x0EFF),)
CJK_REGIONS = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}


@dataclass(frozen=True)
class Face:
    """One font family: its files (in a package, or bundled when `package` is None), and the
    characters it is used for when it comes before DejaVu Sans (`covers`; None: all it has)."""

    family: str
    package: str | None
    files: tuple[str, ...]
    covers: tuple[tuple[int, int], ...] | None = None
    index: int = 0  # the face inside a font collection (.ttc)


def _face(family: str, package: str, folder: str, covers=None) -> Face:
    name = family.replace(" ", "")
    return Face(family, package, (f"fonts/ofl/{folder}/{name}[wdth,wght].ttf",), covers)


SANS = Face("DejaVu Sans", None, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
EMOJI = Face("Symbola", None, ("SymbolaEmoji.ttf",))
FIRST = (  # before DejaVu Sans, for their own letters only
    _face("Noto Sans Hebrew", "justmytype_intl_rtl", "notosanshebrew", HEBREW + SCRIPT_EXTRAS),
    _face("Noto Sans Lao", "justmytype_intl_sea", "notosanslao", LAO + SCRIPT_EXTRAS),
)
SCRIPTS = (  # after DejaVu Sans, which has none of these scripts or (Arabic) not all of it
    # DejaVu draws Arabic letters whole, so copied or extracted text comes back as typed; Noto Sans
    # Arabic draws dots apart from the letter's body, which extractors then read as doubled letters.
    _face("Noto Sans Arabic", "justmytype_intl_rtl", "notosansarabic"),
    _face("Noto Sans Devanagari", "justmytype_intl_south_asia", "notosansdevanagari"),
    _face("Noto Sans Bengali", "justmytype_intl_south_asia", "notosansbengali"),
    _face("Noto Sans Tamil", "justmytype_intl_south_asia", "notosanstamil"),
    _face("Noto Sans Telugu", "justmytype_intl_south_asia", "notosanstelugu"),
    _face("Noto Sans Thai", "justmytype_intl_sea", "notosansthai"),
    _face("Noto Sans Khmer", "justmytype_intl_sea", "notosanskhmer"),
    _face("Noto Sans Myanmar", "justmytype_intl_sea", "notosansmyanmar"),
)
CJK = tuple(
    Face(family, "manimgx_fonts_cjk", ("NotoSansCJK-VF.otf.ttc",), index=index)
    for index, family in enumerate(CJK_REGIONS.values())  # JP, KR, SC: the collection's first faces
)
ALL_FACES = (SANS, EMOJI, *FIRST, *SCRIPTS, *CJK)


def _package_dir(package: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The font package {package} is not installed: run pip install -r requirements.txt"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def face_paths(face: Face) -> list[Path]:
    """The font files of one face."""
    base = BUNDLED if face.package is None else _package_dir(face.package)
    return [base / name for name in face.files]


@cache
def font_dirs() -> tuple[str, ...]:
    """Every folder typst searches for fonts (it looks at no font installed on the machine)."""
    return tuple(sorted({str(path.parent) for face in ALL_FACES for path in face_paths(face)}))


def _entry(face: Face, restricted: bool) -> dict[str, str]:
    entry = {"name": face.family}
    if restricted and face.covers:
        entry["covers"] = "[" + "".join(f"\\u{{{a:X}}}-\\u{{{b:X}}}" for a, b in face.covers) + "]"
    return entry


@cache
def font_lists() -> dict[str, list[dict[str, str]]]:
    """For each kind of line, the faces typst tries in order: keyed by the line's CJK language
    ("" when it has none) and "+" when it has letters of a face that comes before DejaVu Sans.

    Only lines that need them try the restricted faces first (every face tried costs shaping time).
    The restricted faces appear once more at the end without their restriction, so in every list
    the faces together cover every character any of them has (what coverage.txt records).
    """
    lists: dict[str, list[dict[str, str]]] = {}
    for lang in ("", *CJK_REGIONS):
        # One CJK face is enough: the collection's faces share their characters, not their shapes.
        cjk = [face for face in CJK if face.family == CJK_REGIONS[lang or "zh"]]
        rest = [_entry(face, False) for face in (SANS, *SCRIPTS, *cjk, EMOJI, *FIRST)]
        lists[lang] = rest
        lists[lang + "+"] = [_entry(face, True) for face in FIRST] + rest
    return lists


def first_faces_pattern() -> str:
    """A regular expression character class of the letters the restricted faces come first for."""
    ranges = (span for face in FIRST for span in face.covers or () if span not in SCRIPT_EXTRAS)
    return "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


# -- coverage -----------------------------------------------------------------------------------


def _cmap(path: Path, index: int) -> set[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index if path.suffix == ".ttc" else -1, lazy=True)
    return set(font.getBestCmap())


def compute_coverage() -> dict[str, set[int]]:
    """What the faces draw between them, for regular and for bold text, read from the font files.

    Bold text uses DejaVu Sans Bold, the variable Noto faces at weight 700, and Symbola's one weight.
    """
    regular_sans, bold_sans = (_cmap(path, 0) for path in face_paths(SANS))
    others: set[int] = set()
    for face in ALL_FACES:
        if face is not SANS:
            for path in face_paths(face):
                others |= _cmap(path, face.index)
    return {"regular": regular_sans | others, "bold": bold_sans | others}


WIDTHS_FROM, WIDTHS_TO = 0x20, 0x24F  # Latin: the width of what most people type, exactly


def compute_widths() -> dict[str, list[int]]:
    """DejaVu Sans's advance widths (thousandths of an em, rounded up) from U+0020 to U+024F, per
    style; 0 where it has no glyph. They tell which words could be too wide for their column."""
    from fontTools.ttLib import TTFont

    widths: dict[str, list[int]] = {}
    for style, path in zip(("regular", "bold"), face_paths(SANS), strict=True):
        font = TTFont(path, lazy=True)
        cmap, metrics, units = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
        widths[style] = [
            -(-metrics[cmap[code]][0] * 1000 // units) if code in cmap else 0
            for code in range(WIDTHS_FROM, WIDTHS_TO + 1)
        ]
    return widths


def _ranges(codes: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def format_coverage(coverage: dict[str, set[int]], widths: dict[str, list[int]]) -> str:
    """coverage.txt's text: per style, a `[style]` line and one hexadecimal range a line, then a
    `[widths style]` line and the Latin widths, comma-separated, from U+0020 on."""
    out = ["# Characters the PDF's fonts draw, written by `python -m core.pdf_fonts`; do not edit."]
    for style in ("regular", "bold"):
        out.append(f"[{style}]")
        out += [f"{a:04X}-{b:04X}" if a != b else f"{a:04X}" for a, b in _ranges(coverage[style])]
    for style in ("regular", "bold"):
        out += [f"[widths {style}]", ",".join(map(str, widths[style]))]
    return "\n".join(out) + "\n"


class Coverage:
    """Fast membership tests over coverage.txt's ranges, and its Latin widths."""

    def __init__(self, text: str) -> None:
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        self.widths: dict[str, dict[str, int]] = {}
        style = ""
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                style = line.strip("[]")
                self.starts[style], self.ends[style] = [], []
                continue
            if style.startswith("widths "):
                numbers = map(int, line.split(","))
                self.widths[style[7:]] = {
                    chr(code): width for code, width in enumerate(numbers, start=WIDTHS_FROM) if width
                }
                continue
            first, _, last = line.partition("-")
            self.starts[style].append(int(first, 16))
            self.ends[style].append(int(last or first, 16))

    def has(self, char: str, style: str = "regular") -> bool:
        code = ord(char)
        starts = self.starts[style]
        index = bisect.bisect_right(starts, code) - 1
        return index >= 0 and code <= self.ends[style][index]


@cache
def coverage() -> Coverage:
    """The recorded coverage, read once per process."""
    return Coverage(COVERAGE_FILE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    COVERAGE_FILE.write_text(format_coverage(compute_coverage(), compute_widths()), encoding="utf-8")
    print(f"wrote {COVERAGE_FILE}")
