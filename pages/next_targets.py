"""Next targets: what drew you to the job, companies to aim for, staying in touch, and growing meanwhile."""

import streamlit as st

from core import content, targets
from core.followups import reconnect_dates
from core.models import LIST_MAX, NextTargets, StayInTouch, blank_text
from pages import _shell as shell
from pages._stage import Problems, Worksheet

shell.through_router()

ATTRACTION = {"text": ""}
ACTION = {"kind": "training", "what": "", "due": None}
EMPTY_ROWS = 3  # the table always shows empty rows to type into: three at first, then one
TABLE_MAX = 100  # NextTargets.targets holds up to this many

sheet = Worksheet("next_targets")
suggested_dates = reconnect_dates(sheet.setback.intake.heard_on)
start = sheet.saved or NextTargets(stay_in_touch=StayInTouch(reconnect_on=suggested_dates))
dates = list(start.stay_in_touch.reconnect_on)[: len(suggested_dates)]
dates += [None] * (len(suggested_dates) - len(dates))
sheet.seed(
    {"contact": start.stay_in_touch.contact, "note": start.stay_in_touch.note}
    | {f"reconnect.{index}": day for index, day in enumerate(dates)}
)
sheet.seed_rows("attractions", [{"text": text} for text in start.attractions], ATTRACTION)
sheet.seed_rows("actions", [action.model_dump() for action in start.actions], ACTION)

# The table: the editor's state is a set of edits on `base`. Leaving the page drops that state, so
# each run keeps the edited rows as a draft, and coming back starts the editor from the draft.
# BASE and DRAFT are plain values under draft keys (so forgetting a person's drafts forgets them,
# and the stored draft keeps both); the editor's own key must not be a draft key, as Streamlit
# refuses to have its state set. A browser rejoining a new session still holds its edits: they are
# edits on the base it was shown, which the draft kept, so that base stays.
BASE = sheet.key("table.base")
DRAFT = sheet.key("table.draft")
EDITOR = f"targets.editor.{sheet.setback.id}"
saved_rows = targets.to_rows(start.targets, minimum=max(EMPTY_ROWS, len(start.targets) + 1))
sheet.seed(
    {"table.draft": saved_rows, "table.base": saved_rows},
    aside=frozenset({"table.base"}),
    compare={"table.draft": targets.comparable},
)
sheet.on_replace(lambda: st.session_state.pop(EDITOR, None))
if EDITOR not in st.session_state and not sheet.browser_holds(EDITOR):
    st.session_state[BASE] = st.session_state[DRAFT]


def table_rows() -> list[dict]:
    return targets.apply_edits(st.session_state[BASE], st.session_state.get(EDITOR))


def build() -> NextTargets:
    """The page's values as NextTargets; blank rows are left out, problems stop the save."""
    cleaned = targets.clean(table_rows())
    if cleaned.problems:
        raise Problems(cleaned.problems)
    values = {
        "attractions": [row["text"] for row in sheet.rows("attractions", ATTRACTION)],
        "targets": cleaned.targets,
        "stay_in_touch": {
            "contact": sheet.value("contact", ""),
            "note": sheet.value("note", ""),
            "reconnect_on": sorted(
                day for index in range(len(suggested_dates)) if (day := sheet.value(f"reconnect.{index}"))
            ),
        },
        "actions": sheet.rows("actions", ACTION),
    }
    return NextTargets.from_page(
        values, {"attractions": blank_text, "actions": lambda action: blank_text(action["what"])}
    )


def add_target_row() -> None:
    """Callback of "Add a company": one more empty row at the end (the editor restarts from the rows)."""
    rows = table_rows()
    st.session_state[DRAFT] = st.session_state[BASE] = [*rows, targets.to_rows([], minimum=1)[0]]
    st.session_state.pop(EDITOR, None)


def put_back(gone: list[tuple[int, dict]]) -> None:
    """Undo: the removed rows back where they were, and the editor started afresh on the result."""
    st.session_state[DRAFT] = st.session_state[BASE] = targets.put_back(table_rows(), gone)
    st.session_state.pop(EDITOR, None)


def after_save() -> None:
    """Start the table afresh from what was saved (the draft went with the stage's other drafts)."""
    st.session_state.pop(EDITOR, None)


sheet.header(content.TARGETS_INTRO)

st.header(content.TARGETS_ATTRACTIONS, anchor=False)
st.caption(content.TARGETS_ATTRACTIONS_HELP)
for index in sheet.each_row("attractions"):
    text, remove = st.columns([12, 1], vertical_alignment="bottom")
    with text:
        st.text_input(
            content.TARGETS_ATTRACTION_LABEL.format(n=index + 1),
            key=sheet.row_key("attractions", index, "text"),
            label_visibility="collapsed",
            placeholder=content.TARGETS_ATTRACTION_PLACEHOLDER if index == 0 else None,
        )
    with remove:
        sheet.remove_button("attractions", index, ATTRACTION)
    sheet.field_error(f"attractions.{index}")
    sheet.crisis_card(f"attractions.{index}.text")
sheet.add_button("attractions", LIST_MAX, ATTRACTION)

st.header(content.TARGETS_TABLE, anchor=False)
st.caption(content.TARGETS_TABLE_HELP)
st.space(28)  # the table's toolbar shows above its top edge: keep it off the help text
columns = content.TARGETS_COLUMNS
st.data_editor(
    targets.to_frame(st.session_state[BASE]),
    key=EDITOR,
    num_rows="dynamic",
    hide_index=True,
    placeholder="",
    width="stretch",
    column_order=targets.SHOWN_ORDER,
    column_config={
        # Widths that add up to the page's column at 1280 px wide, Contact included (no sideways scroll).
        "company": st.column_config.TextColumn(columns["company"], width=100),
        "why": st.column_config.TextColumn(columns["why"], width=110),
        "role": st.column_config.TextColumn(columns["role"], width=78),
        "contact": st.column_config.TextColumn(columns["contact"], width=90),
        "next_step": st.column_config.TextColumn(columns["next_step"], width=108),
        "due": st.column_config.DateColumn(columns["due"], format="YYYY-MM-DD", width=88),
        "status": st.column_config.SelectboxColumn(
            columns["status"],
            options=list(content.TARGET_STATUS),
            format_func=content.TARGET_STATUS.get,
            default="idea",
            width=88,
        ),
    },
)
rows = table_rows()
gone = targets.removed(st.session_state[DRAFT], rows)
st.session_state[DRAFT] = rows
st.button(
    content.TARGETS_ADD_ROW,
    key="targets.add_row",
    icon=":material/add:",
    on_click=add_target_row,
    disabled=len(rows) >= TABLE_MAX,
)
if gone:
    sheet.removed_rows("targets", gone, put_back)
sheet.undo_line("targets")
cleaned = targets.clean(rows)
st.caption(content.targets_count(sum(1 for row in rows if not targets.is_blank(row))))
for company in cleaned.duplicates:
    st.warning(
        content.TARGETS_DUPLICATE.format(company=shell.escape(company)), icon=":material/content_copy:"
    )
sheet.field_error("targets")
sheet.crisis_card_for(EDITOR, *(str(row.get(part) or "") for row in rows for part in targets.TEXT_COLUMNS))

st.header(content.TARGETS_STAY.format(company=shell.escape(sheet.setback.intake.company)), anchor=False)
st.caption(content.TARGETS_STAY_HELP)
contact, note = st.columns(2)
with contact:
    st.text_input(content.TARGETS_STAY_CONTACT, key=sheet.key("contact"))
with note:
    st.text_input(
        content.TARGETS_STAY_NOTE, key=sheet.key("note"), placeholder=content.TARGETS_STAY_NOTE_PLACEHOLDER
    )
for index, day_column in enumerate(st.columns(len(suggested_dates))):
    with day_column:
        st.date_input(
            content.TARGETS_RECONNECT[index],
            key=sheet.key(f"reconnect.{index}"),
            value=None,
            format="YYYY-MM-DD",
        )
sheet.field_error("stay_in_touch")
sheet.crisis_card("contact", "note")

st.header(content.TARGETS_ACTIONS, anchor=False)
st.caption(content.TARGETS_ACTIONS_HELP)
for index in sheet.each_row("actions"):
    kind, what, due, remove = st.columns([3, 6, 3, 1], vertical_alignment="bottom")
    with kind:
        st.selectbox(
            content.TARGETS_ACTION_KIND,
            list(content.ACTION_KINDS),
            format_func=content.ACTION_KINDS.get,
            key=sheet.row_key("actions", index, "kind"),
        )
    with what:
        st.text_input(
            content.TARGETS_ACTION_WHAT.format(n=index + 1), key=sheet.row_key("actions", index, "what")
        )
    with due:
        st.date_input(
            content.TARGETS_ACTION_DUE,
            key=sheet.row_key("actions", index, "due"),
            value=None,
            format="YYYY-MM-DD",
        )
    with remove:
        sheet.remove_button("actions", index, ACTION)
    sheet.field_error(f"actions.{index}")
    sheet.crisis_card(f"actions.{index}.what")
sheet.add_button("actions", LIST_MAX, ACTION)

sheet.save_button(build, start, after=after_save)
sheet.next_link()
