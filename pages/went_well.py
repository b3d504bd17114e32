"""What went well: the wins from this process, with ideas drawn from how far it went."""

import streamlit as st

from core import content, suggestions
from core.models import LIST_MAX, WentWell, blank_text
from pages import _shell as shell
from pages._stage import Worksheet

shell.through_router()

WIN = {"text": ""}

sheet = Worksheet("went_well")
start = sheet.saved or WentWell()
sheet.seed_rows("wins", [{"text": win} for win in start.wins], WIN, minimum=3)


def build() -> WentWell:
    """The page's values as WentWell; empty rows are left out once everything is valid."""
    wins = [row["text"] for row in sheet.rows("wins", WIN)]
    return WentWell.from_page({"wins": wins}, {"wins": blank_text})


sheet.header(content.WINS_INTRO)

for index in sheet.each_row("wins"):
    text, remove = st.columns([12, 1], vertical_alignment="bottom")
    with text:
        st.text_input(
            content.WINS_LABEL.format(n=index + 1),
            key=sheet.row_key("wins", index, "text"),
            placeholder=content.WINS_PLACEHOLDER,
        )
    with remove:
        sheet.remove_button("wins", index, WIN)
    sheet.field_error(f"wins.{index}")
    sheet.crisis_card(f"wins.{index}.text")
sheet.add_button("wins", LIST_MAX, WIN)
sheet.field_error("wins")

ideas = suggestions.win_suggestions(
    sheet.setback.intake, already=[row["text"] for row in sheet.rows("wins", WIN)]
)
sheet.idea_buttons(content.WINS_IDEAS, ideas, "wins", LIST_MAX, WIN)

sheet.save_button(build, start)
sheet.next_link()
