"""render_prep_sheet: the prep sheet is always one page, says what it left out, draws text as text."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from pypdf import PdfReader

from core import content, prep
from core.models import Feedback, Intake, OwnPrepItem, PrepSheet, Reflect, Setback, Stumble, WentWell
from core.prep_pdf import prep_data, render_prep_sheet
from tests.factories import full_setback
from tests.unit.test_pdf import LEFT, RIGHT, SCRIPTS, poppler_text, words

TODAY = date(2026, 11, 20)
INTERVIEW = date(2027, 3, 12)


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader(data).pages).split())


def setback(company: str, days_ago: int, **stages) -> Setback:
    intake = Intake(company=company, role="Designer", heard_on=TODAY - timedelta(days=days_ago))
    return Setback(intake=intake, **stages)


def heavy_setbacks(count: int = 40) -> list[Setback]:
    """Setbacks with long answers in many scripts in every section: far more than a page holds."""
    samples = list(SCRIPTS.values())
    made = []
    for index in range(count):
        words_ = f"{samples[index % len(samples)]} {index} " * 12
        reflect = Reflect(
            if_then=f"If case {index} comes up, then {words_}"[:1000],
            learned=f"Lesson {index}: {words_}"[:5000],
            stumbles=[
                Stumble(question=f"Question {index}? {words_}"[:1000], better_answer=(words_ * 8)[:5000])
            ],
            feedback=Feedback(received="yes", said=f"They wanted more experience with topic {index}."),
        )
        made.append(
            setback(f"Company {index}", index + 1, reflect=reflect, went_well=WentWell(wins=[words_[:1000]]))
        )
    return made


def everything_ticked(gathered: prep.Gathered, **fields) -> PrepSheet:
    return PrepSheet(picks={item.key: True for item in gathered.items()}, **fields)


def test_a_short_sheet_is_one_page_titled_by_the_interview_with_every_ticked_item_and_where_it_came_from():
    gathered = prep.gather([full_setback()])
    sheet = PrepSheet(company="Globex", role="Designer", interview_on=INTERVIEW)
    data = render_prep_sheet(prep.sheet_doc(gathered, sheet))
    pdf = reader(data)
    assert len(pdf.pages) == 1
    assert pdf.metadata.title == "Prep sheet — Globex, 12 March"
    text = text_of(data)
    assert "Prep sheet — Globex, 12 March" in text
    assert "Role: Designer · Interview: 12 March 2027" in text
    for section in ("plans", "questions", "stories", "strengths", "ask", "lessons"):
        assert content.PREP_SECTION_TITLES[section] in text
    assert "Tell us about a time you disagreed with an engineer." in text
    assert "Prepare a story about design systems" in text
    assert content.PREP_OFFER_QUESTION in text
    assert "From Acme Rockets — Senior Product Designer, 3 Nov 2025" in text
    assert "didn't fit on one page" not in text
    assert content.PREP_PDF_SHORTENED not in text


def test_with_everything_ticked_from_forty_long_setbacks_the_sheet_is_still_one_page_and_counts_what_it_left_out():
    gathered = prep.gather(heavy_setbacks())
    doc = prep.sheet_doc(
        gathered, everything_ticked(gathered, company="Ω" * 200, role="R" * 200, interview_on=INTERVIEW)
    )
    data = render_prep_sheet(doc)
    assert len(reader(data).pages) == 1
    text = text_of(data)
    found = re.search(r"(\d+) more items you ticked didn't fit on one page", text)
    assert found, text[-400:]
    brought = sum(len(items) for items in prep.brought(gathered, everything_ticked(gathered)).values())
    drawn = text.count("•")
    assert drawn >= 6  # something of every section made it
    assert drawn + int(found.group(1)) == brought
    assert content.PREP_PDF_SHORTENED in text


def test_every_section_gets_its_first_entry_before_any_gets_a_second():
    gathered = prep.gather(heavy_setbacks(20))
    data = render_prep_sheet(prep.sheet_doc(gathered, everything_ticked(gathered)))
    text = text_of(data)
    for section in ("plans", "questions", "stories", "strengths", "ask", "lessons"):
        assert content.PREP_SECTION_TITLES[section] in text


def test_nothing_on_the_sheet_runs_past_the_text_area(tmp_path):
    gathered = prep.gather(heavy_setbacks(12))
    doc = prep.sheet_doc(gathered, everything_ticked(gathered, company="Ω" * 200, interview_on=INTERVIEW))
    (page,) = words(render_prep_sheet(doc), tmp_path)
    assert page
    outside = [w for w in page if w[0] < LEFT - 1 or w[2] > RIGHT + 1]
    assert outside == []


def test_what_the_person_typed_is_drawn_as_text_never_read_as_markup(tmp_path):
    hostile = "#set page(width: 1cm) *bold* _it_ $x^2$ ] [ <b>html</b> \\ // not a comment @label `raw`"
    sheet = PrepSheet(company="#pagebreak()", own=[OwnPrepItem(section="plans", text=hostile)])
    data = render_prep_sheet(prep.sheet_doc(prep.gather([]), sheet))
    assert len(reader(data).pages) == 1
    text = " ".join(poppler_text(data, tmp_path).split())
    assert hostile in text
    assert "Prep sheet — #pagebreak()" in text


def test_a_sheet_with_nothing_ticked_says_where_to_tick():
    gathered = prep.gather([setback("Globex", 3)])
    sheet = PrepSheet(picks={prep.OFFER_KEY: False})
    data = render_prep_sheet(prep.sheet_doc(gathered, sheet))
    assert content.PREP_PDF_NOTHING in text_of(data)


def test_practised_questions_are_marked_on_the_sheet():
    gathered = prep.gather([full_setback()])
    (_first, second) = gathered.sections["questions"]
    data = render_prep_sheet(prep.sheet_doc(gathered, PrepSheet(practised=[second.key])))
    text = text_of(data)
    assert text.count(f"✓ {content.PREP_PDF_PRACTISED}") == 1
    assert text.index(second.text) < text.index(f"✓ {content.PREP_PDF_PRACTISED}")


def test_the_templates_data_carries_the_persons_text_only_as_plain_lines():
    sheet = PrepSheet(own=[OwnPrepItem(section="ask", text="What's next? *really*")])
    data = prep_data(prep.sheet_doc(prep.gather([]), sheet))
    (section,) = data["sections"]
    (entry,) = section["entries"]
    assert [line["t"] for line in entry["text"]] == ["What's next? *really*"]
    assert data["words"]["title"] == "Prep sheet"


def test_the_left_out_note_takes_its_plural_form_from_the_catalogue_for_every_count_the_page_may_need():
    from core import i18n

    gathered = prep.gather(heavy_setbacks(6))
    doc = prep.sheet_doc(gathered, everything_ticked(gathered))
    notes = prep_data(doc)["words"]["left_out"]
    # The template counts while it lays out, so every count up to all the entries must be ready.
    assert len(notes) == doc.left_out + sum(len(section.entries) for section in doc.sections) + 1
    assert notes[1].startswith("1 more item you ticked didn't fit on one page; it is")
    assert notes[3].startswith("3 more items you ticked didn't fit on one page; they are")
    with i18n.using("es"):
        notes = prep_data(doc)["words"]["left_out"]
    assert notes[1].startswith("1 punto más que marcaste no cabía")
    assert notes[3].startswith("3 puntos más que marcaste no cabían")


def test_a_spanish_sheet_says_in_spanish_how_many_entries_it_left_out():
    from core import i18n

    gathered = prep.gather(heavy_setbacks(20))
    with i18n.using("es"):
        data = render_prep_sheet(prep.sheet_doc(gathered, everything_ticked(gathered, company="Globex")))
    text = text_of(data)
    assert len(reader(data).pages) == 1
    assert "Hoja de preparación — Globex" in text
    assert re.search(r"\d+ puntos más que marcaste no cabían en una página", text), text[-400:]
    assert "didn't fit" not in text
