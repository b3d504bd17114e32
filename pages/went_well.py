"""What went well: the wins from this process, with ideas drawn from how far it went."""

import streamlit as st

from core import content, suggestions
from core.models import LIST_MAX, WentWell
from pages import _shell as shell
from pages._stage import Worksheet

WIN = {"text": ""}

sheet = Worksheet("went_well")
start = sheet.saved or WentWell()
sheet.seed_rows("wins", [{"text": win} for win in start.wins], minimum=3)


def build() -> WentWell:
    """The page's values as WentWell; empty rows are left out once everything is valid."""
    wins = [row["text"] for row in sheet.rows("wins", WIN)]
    WentWell(wins=wins)  # first in screen order, so a message points at the right row
    return WentWell(wins=[win for win in wins if win.strip()])


sheet.header(content.WINS_INTRO)

for index in range(sheet.row_count("wins")):
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
sheet.add_button("wins", LIST_MAX, WIN)
sheet.field_error("wins")

ideas = suggestions.win_suggestions(
    sheet.setback.intake, already=[row["text"] for row in sheet.rows("wins", WIN)]
)
if ideas:
    st.markdown(f"##### {content.WINS_IDEAS}")
    for index, idea in enumerate(ideas):
        st.button(
            shell.escape(idea),  # labels are markdown, and ideas may carry the company's name
            key=f"idea.went_well.{index}",
            icon=":material/add:",
            type="tertiary",
            on_click=sheet.add_row,
            args=("wins", LIST_MAX, WIN, {"text": idea}),
        )

sheet.save_button(build, start)
sheet.next_link()
