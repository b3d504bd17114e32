"""pdf_fonts: every face is installed and found, and coverage.txt says what they really draw."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from core import pdf_fonts
from core.pdf import render_pdf
from core.summary import Cover, Paragraph, Section, SummaryDoc

# One line for each face, in the script it is there for (Arabic: letters DejaVu Sans lacks).
FACE_SAMPLES = {
    "DejaVuSans": "Ωμέγα Привет",
    "NotoSansArabic": "؋ 100",  # the afghani sign
    "NotoSansHebrew": "שלום",
    "NotoSansLao": "ພາສາລາວ",
    "NotoSansDevanagari": "नमस्ते",
    "NotoSansBengali": "বাংলা",
    "NotoSansTamil": "தமிழ்",
    "NotoSansTelugu": "తెలుగు",
    "NotoSansThai": "ภาษาไทย",
    "NotoSansKhmer": "ខ្មែរ",
    "NotoSansMyanmar": "မြန်မာ",
    "NotoSansCJKjp": "日本語です",
    "NotoSansCJKkr": "한국어",
    "NotoSansCJKsc": "中文",
    "Symbola": "🚀",
}


def test_every_face_file_is_installed():
    for face in pdf_fonts.ALL_FACES:
        for path in pdf_fonts.face_paths(face):
            assert path.is_file(), (face.family, path)


def test_each_line_kind_tries_every_face_so_together_they_cover_what_coverage_says():
    for kind, faces in pdf_fonts.font_lists().items():
        names = {face["name"] for face in faces if "covers" not in face}
        assert names >= {face.family for face in pdf_fonts.ALL_FACES if face not in pdf_fonts.CJK}, kind
        assert names & {face.family for face in pdf_fonts.CJK}, kind


def test_coverage_file_matches_the_installed_fonts():
    # If this fails after a font or package change, run `python -m core.pdf_fonts` and commit the file.
    expected = pdf_fonts.format_coverage(pdf_fonts.compute_coverage(), pdf_fonts.compute_widths())
    assert pdf_fonts.COVERAGE_FILE.read_text("utf-8") == expected


def test_coverage_answers_like_the_ranges_it_was_written_from():
    widths = {"regular": [500, 0, 700], "bold": [600]}
    text = pdf_fonts.format_coverage({"regular": {0x41, 0x42, 0x44}, "bold": {0x41}}, widths)
    coverage = pdf_fonts.Coverage(text)
    assert [coverage.has(char) for char in "@ABCDE"] == [False, True, True, False, True, False]
    assert [coverage.has(char, "bold") for char in "AB"] == [True, False]
    assert coverage.widths == {"regular": {" ": 500, '"': 700}, "bold": {" ": 600}}


def test_typst_finds_every_face_and_draws_each_script_with_its_own():
    cover = Cover("Acme", "Acme", "", date(2025, 1, 2), "Interview", "Email")
    blocks = (Paragraph("\n".join(FACE_SAMPLES.values())),)
    data = render_pdf(SummaryDoc(cover, None, (Section("went_well", "What went well", blocks),), ""))
    used = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            used.add(re.split(r"[-+]", str(ref.get_object()["/BaseFont"]))[1])
    assert set(FACE_SAMPLES) <= used


@pytest.mark.parametrize("package", sorted({face.package for face in pdf_fonts.ALL_FACES if face.package}))
def test_each_font_package_ships_its_licence(package):
    folder = pdf_fonts._package_dir(package)
    licences = [path for path in folder.parent.glob(f"{package}*/**/*") if re.search("OFL|LICEN", path.name)]
    licences += [path for path in folder.rglob("*") if re.search("OFL|LICEN", path.name)]
    assert licences, package
