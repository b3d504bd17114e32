"""Next targets: what drew you to the job, companies to aim for, staying in touch, and growing meanwhile."""

import streamlit as st

from core import content, targets
from core.followups import reconnect_dates
from core.models import LIST_MAX, NextTargets, StayInTouch
from pages import _shell as shell
from pages._stage import Problems, Worksheet

ATTRACTION = {"text": ""}
ACTION = {"kind": "training", "what": "", "due": None}
EMPTY_ROWS = 3  # the table always shows empty rows to type into: three at first, then one

sheet = Worksheet("next_targets")
suggested_dates = reconnect_dates(sheet.setback.intake.heard_on)
start = sheet.saved or NextTargets(stay_in_touch=StayInTouch(reconnect_on=suggested_dates))
dates = list(start.stay_in_touch.reconnect_on)[: len(suggested_dates)]
dates += [None] * (len(suggested_dates) - len(dates))
sheet.seed(
    {"contact": start.stay_in_touch.contact, "note": start.stay_in_touch.note}
    | {f"reconnect.{index}": day for index, day in enumerate(dates)}
)
sheet.seed_rows("attractions", [{"text": text} for text in start.attractions])
sheet.seed_rows("actions", [action.model_dump() for action in start.actions])

# The table: the editor's state is a set of edits on `base`. Leaving the page drops that state, so
# each run keeps the edited rows as a draft, and coming back starts the editor from the draft.
# BASE and DRAFT are plain values under draft keys (so forgetting a person's drafts forgets them);
# the editor's own key must not be a draft key, as Streamlit refuses to have its state set.
BASE = sheet.key("table.base")
DRAFT = sheet.key("table.draft")
EDITOR = f"targets.editor.{sheet.setback.id}"
if EDITOR not in st.session_state:
    st.session_state[BASE] = st.session_state.get(DRAFT) or targets.to_rows(
        start.targets, minimum=max(EMPTY_ROWS, len(start.targets) + 1)
    )


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
    NextTargets.model_validate(values)  # first in screen order, so a message points at the right row
    values["attractions"] = [text for text in values["attractions"] if text.strip()]
    values["actions"] = [action for action in values["actions"] if action["what"].strip()]
    return NextTargets.model_validate(values)


def after_save() -> None:
    """Start the table afresh from what was saved (the draft went with the stage's other drafts)."""
    st.session_state.pop(EDITOR, None)


sheet.header(content.TARGETS_INTRO)

st.subheader(content.TARGETS_ATTRACTIONS)
st.caption(content.TARGETS_ATTRACTIONS_HELP)
for index in range(sheet.row_count("attractions")):
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
sheet.add_button("attractions", LIST_MAX, ATTRACTION)

st.subheader(content.TARGETS_TABLE)
st.caption(content.TARGETS_TABLE_HELP)
columns = content.TARGETS_COLUMNS
st.data_editor(
    targets.to_frame(st.session_state[BASE]),
    key=EDITOR,
    num_rows="dynamic",
    hide_index=True,
    placeholder="",
    width="stretch",
    # The contact comes last so that the due date and status fit in the page's width.
    column_order=("company", "why", "role", "next_step", "due", "status", "contact"),
    column_config={
        "company": st.column_config.TextColumn(columns["company"], width=110),
        "why": st.column_config.TextColumn(columns["why"], width=135),
        "role": st.column_config.TextColumn(columns["role"], width=95),
        "contact": st.column_config.TextColumn(columns["contact"], width=110),
        "next_step": st.column_config.TextColumn(columns["next_step"], width=130),
        "due": st.column_config.DateColumn(columns["due"], format="YYYY-MM-DD", width=95),
        "status": st.column_config.SelectboxColumn(
            columns["status"],
            options=list(content.TARGET_STATUS),
            format_func=content.TARGET_STATUS.get,
            default="idea",
            width=100,
        ),
    },
)
rows = table_rows()
st.session_state[DRAFT] = rows
cleaned = targets.clean(rows)
st.caption(content.targets_count(sum(1 for row in rows if not targets.is_blank(row))))
for company in cleaned.duplicates:
    st.warning(
        content.TARGETS_DUPLICATE.format(company=shell.escape(company)), icon=":material/content_copy:"
    )
sheet.field_error("targets")

st.subheader(content.TARGETS_STAY.format(company=shell.escape(sheet.setback.intake.company)))
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

st.subheader(content.TARGETS_ACTIONS)
st.caption(content.TARGETS_ACTIONS_HELP)
for index in range(sheet.row_count("actions")):
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
sheet.add_button("actions", LIST_MAX, ACTION)

sheet.save_button(build, start, after=after_save)
sheet.next_link()
