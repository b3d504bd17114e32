"""pdf_text: text made safe to draw (nothing vanishes) and lines that know their direction and script."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.pdf_fonts import coverage
from core.pdf_text import PLACEHOLDER, cjk_lang, is_rtl, lines, sanitize


def test_characters_no_font_has_become_the_placeholder_never_nothing():
    # Tibetan, Ethiopic, private use, a control character, a lone surrogate, an unassigned code point.
    assert sanitize("aཀbሀc\ue000d\x00e\ud800f\U000e0fffg") == "a□b□c□d□e□f□g"


def test_a_character_only_the_regular_face_has_becomes_the_placeholder_in_bold_only():
    math_sans = "\U0001d5a0"  # in DejaVu Sans, not in DejaVu Sans Bold nor any other face
    assert sanitize(math_sans) == math_sans
    assert sanitize(math_sans, "B") == PLACEHOLDER


@pytest.mark.parametrize(
    "text",
    [
        "Café déjà vu, Ærøskøbing, Łódź",
        "مرحبا بالعالم",
        "שָׁלוֹם עולם",  # with vowel points
        "नमस्ते क्‍ष",  # with a zero-width joiner
        "你好世界 こんにちは 안녕하세요",
        "👍 ❤️ 👨‍👩‍👧 🇫🇷",  # variation selector, joiners, regional indicators
        "ภาษาไทย ພາສາລາວ বাংলা தமிழ் తెలుగు ខ្មែរ မြန်မာ",
    ],
)
def test_text_in_every_script_the_fonts_cover_passes_through_unchanged(text):
    assert sanitize(text) == unicodedata.normalize("NFC", text)


def test_invisible_format_characters_stay_for_shaping_and_direction():
    marks = "a\u200bb\u200cc\u200dd\u200ee\u200ff\u2067g\u2069h\ufe0fi"
    assert sanitize(marks) == marks


def test_line_breaks_tabs_and_odd_spaces_are_tidied():
    assert sanitize("a\r\nb\rc\u2028d\u2029e\tf\u2003g\u00a0h") == "a\nb\nc\nd\ne    f g\u00a0h"
    assert sanitize("one" + "\n" * 40 + "two") == "one\n\ntwo"


@given(st.text(max_size=300))
def test_whatever_is_typed_every_character_left_is_drawable_or_invisible_by_design(text):
    for char in sanitize(text):
        category = unicodedata.category(char)
        assert (
            char in "\n □"
            or coverage().has(char)
            or category == "Cf"
            or 0xFE00 <= ord(char) <= 0xFE0F
            or 0xE0100 <= ord(char) <= 0xE01EF
        ), hex(ord(char))


@pytest.mark.parametrize(
    ("line", "rtl"),
    [
        ("שלום world", True),
        ("hello שלום", False),
        ("123, مرحبا", True),  # digits and punctuation are weak: the first letter decides
        ("\u2067abc\u2069 שלום", True),  # an isolate does not decide for the line around it
        ("", False),
        ("日本語", False),
    ],
)
def test_a_line_reads_right_to_left_when_its_first_strong_letter_does(line, rtl):
    assert is_rtl(line) is rtl


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("日本語のテキスト", "ja"),
        ("漢字だけ", "ja"),
        ("한국어 漢字", "ko"),
        ("中文文本", "zh"),
        ("Latin", ""),
    ],
)
def test_cjk_lines_are_told_apart_by_kana_and_hangul(line, lang):
    assert cjk_lang(line) == lang


def test_lines_alike_share_an_entry_and_each_entry_knows_its_direction_script_and_fonts():
    assert lines("Hello there\nAnd more\nשלום עולם\n\n日本語です\nxxxx") == [
        {"t": "Hello there\nAnd more", "rtl": False, "lang": "", "f": "", "w": 2.68},
        {"t": "שלום עולם", "rtl": True, "lang": "", "f": "+", "w": 6.4},  # Hebrew: its own face first
        {"t": "", "rtl": False, "lang": "", "f": "", "w": 0.0},
        {"t": "日本語です", "rtl": False, "lang": "ja", "f": "ja", "w": 0.0},  # breaks at every character
        {"t": "xxxx", "rtl": False, "lang": "", "f": "", "w": 2.37},
    ]
    assert lines("") == [{"t": "", "rtl": False, "lang": "", "f": "", "w": 0.0}]


def test_the_widest_word_is_measured_with_the_fonts_latin_widths():
    (narrow,) = lines("iiiiiiiiii")
    (wide,) = lines("WWWWWWWWWW")
    assert wide["w"] > 3 * narrow["w"]
    (bold,) = lines("WWWWWWWWWW", "B")
    assert bold["w"] > wide["w"]
