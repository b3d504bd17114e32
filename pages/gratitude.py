"""Gratitude: at least three things to be thankful for, and a thank-you note for anyone named."""

import streamlit as st

from core import content, suggestions
from core.models import LIST_MAX, Gratitude, blank_row
from core.progress import MIN_GRATITUDE
from pages import _shell as shell
from pages._stage import Worksheet

shell.through_router()

ENTRY = {"text": "", "person": ""}

sheet = Worksheet("gratitude")
start = sheet.saved or Gratitude()
sheet.seed_rows("entries", [entry.model_dump() for entry in start.entries], ENTRY, minimum=MIN_GRATITUDE)


def build() -> Gratitude:
    """The page's values as Gratitude; empty rows are left out once everything is valid."""
    return Gratitude.from_page({"entries": sheet.rows("entries", ENTRY)}, {"entries": blank_row})


sheet.header(content.GRATITUDE_INTRO)
rows = sheet.rows("entries", ENTRY)
st.caption(content.gratitude_count(sum(1 for row in rows if row["text"].strip()), MIN_GRATITUDE))

sender = str(st.session_state.get("name") or "")
for index in sheet.each_row("entries"):
    row = rows[index]
    with st.container(border=True):
        text, person, remove = st.columns([7, 4, 1], vertical_alignment="bottom")
        with text:
            st.text_input(content.GRATITUDE_LABEL, key=sheet.row_key("entries", index, "text"))
        with person:
            st.text_input(
                content.GRATITUDE_PERSON,
                key=sheet.row_key("entries", index, "person"),
                help=content.GRATITUDE_PERSON_HELP,
            )
        with remove:
            sheet.remove_button("entries", index, ENTRY)
        sheet.field_error(f"entries.{index}")
        sheet.crisis_card(f"entries.{index}.text", f"entries.{index}.person")
        if row["person"].strip():
            with st.expander(content.GRATITUDE_NOTE_TITLE.format(person=shell.escape(row["person"].strip()))):
                st.code(
                    suggestions.thank_you_note(row["person"], sheet.setback.intake, sender),
                    language=None,
                    wrap_lines=True,
                )
sheet.add_button("entries", LIST_MAX, ENTRY)
sheet.field_error("entries")

ideas = suggestions.gratitude_suggestions(sheet.setback.intake, already=[row["text"] for row in rows])
sheet.idea_buttons(content.GRATITUDE_IDEAS, ideas, "entries", LIST_MAX, ENTRY)

sheet.save_button(build, start)
sheet.next_link()
