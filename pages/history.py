"""History: every setback, how the feelings moved, and what keeps coming up across them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from core import content, patterns
from core.models import STAGES, Setback
from core.progress import stages_done
from core.storage import StorageError
from pages import _shell as shell

TABLE_KEY = "history.table"
FLASH_KEY = "history.flash"
CACHE_KEY = "history.derived"
NOTES_STEP = 5
NO_SELECTION = {"selection": {"rows": [], "columns": []}}
BEFORE_COLOUR, AFTER_COLOUR = "#c8876a", "#4f8f8a"

T = TypeVar("T")


# -- actions (callbacks run before the page draws, so the table already shows the change) ---


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH_KEY] = (kind, text)


def _clear_selection() -> None:
    st.session_state[TABLE_KEY] = NO_SELECTION


def _open(setback_id: str) -> None:
    shell.set_current(setback_id)
    _flash("success", content.OPENED)


def _archive(setback_id: str, archived: bool) -> None:
    try:
        shell.store().set_archived(shell.username(), setback_id, archived)
    except StorageError as error:
        _flash("error", str(error))
        return
    if archived and st.session_state.get("setback_id") == setback_id:
        # An archived setback is tucked away: the stage pages fall back to the newest other one.
        st.session_state.pop("setback_id", None)
    _clear_selection()
    _flash("success", content.ARCHIVED_DONE if archived else content.UNARCHIVED_DONE)


def _show_more(key: str, shown: int) -> None:
    st.session_state[key] = shown + NOTES_STEP * 2


# -- what is derived from the setbacks, kept while they are unchanged ------------------------
# With a thousand setbacks, building the table, the chart and the patterns costs more than the
# rest of the page together; they only change when a setback does, so this session keeps them
# keyed by every shown setback's id, last change and archived flag.


def _version(setbacks: Sequence[Setback]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for setback in setbacks:
        digest.update(f"{setback.id}{setback.updated_at.timestamp()}{setback.archived:d};".encode())
    return digest.hexdigest()


def _derived(version: str, name: Any, build: Callable[[], T]) -> T:
    """`build()`'s result for this version of the setbacks, built at most once per session."""
    cache = st.session_state.get(CACHE_KEY)
    if cache is None or cache.get("version") != version:
        cache = {"version": version}
        st.session_state[CACHE_KEY] = cache
    if name not in cache:
        cache[name] = build()
    return cache[name]


# -- the table -------------------------------------------------------------------------------


def _table_frame(setbacks: Sequence[Setback], with_archived: bool):
    import pandas as pd

    columns = content.HISTORY_COLUMNS
    rows = []
    for setback in setbacks:
        row = {
            columns["company"]: setback.intake.company,
            columns["role"]: setback.intake.role,
            columns["stage"]: content.STAGE_REACHED[setback.intake.stage_reached],
            columns["heard_on"]: setback.intake.heard_on,
            columns["done"]: sum(stages_done(setback).values()),
        }
        if with_archived:
            row[columns["archived"]] = setback.archived
        rows.append(row)
    return pd.DataFrame(rows)


def _table(setbacks: Sequence[Setback], version: str, with_archived: bool) -> Setback | None:
    """All setbacks as one table with row selection; returns the selected setback."""
    columns = content.HISTORY_COLUMNS
    frame = _derived(version, "table", lambda: _table_frame(setbacks, with_archived))
    event = st.dataframe(
        frame,
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        column_config={
            columns["heard_on"]: st.column_config.DateColumn(format="D MMM YYYY"),
            columns["done"]: st.column_config.ProgressColumn(
                min_value=0, max_value=len(STAGES), format=f"%d of {len(STAGES)}", width="small"
            ),
        },
    )
    selected = event.selection.rows if event is not None else []
    if selected and 0 <= selected[0] < len(setbacks):
        return setbacks[selected[0]]
    return None


def _actions(setback: Setback) -> None:
    """What can be done with the selected setback."""
    with st.container(border=True):
        st.markdown(f"**{shell.escape(setback.title())}**")
        is_current = st.session_state.get("setback_id") == setback.id
        with st.container(horizontal=True, vertical_alignment="center"):
            if is_current and not setback.archived:
                st.badge(content.CURRENT_BADGE, color="green")
            else:
                st.button(
                    content.CHOOSE_SETBACK,
                    key="history.open",
                    on_click=_open,
                    args=(setback.id,),
                    type="primary",
                    icon=":material/arrow_forward:",
                )
            st.button(
                content.UNARCHIVE if setback.archived else content.ARCHIVE,
                key="history.archive",
                on_click=_archive,
                args=(setback.id, not setback.archived),
                icon=":material/unarchive:" if setback.archived else ":material/archive:",
            )
        if setback.archived:
            st.caption(content.ARCHIVED_NOTE)


# -- the emotion arc -------------------------------------------------------------------------


def _arc_spec(setbacks: Sequence[Setback], measure: str) -> tuple[dict[str, Any], int] | None:
    """The before-and-after chart as a Vega-Lite spec built with Altair, and how many setbacks it
    shows (the latest patterns.ARC_LATEST at most); None when there are no check-ins yet."""
    points = patterns.emotion_arc(setbacks, measure, latest=patterns.ARC_LATEST)
    if not points:
        return None
    import altair as alt
    import pandas as pd

    axis = content.ARC_AXIS
    frame = pd.DataFrame(
        {
            "id": [p.setback_id for p in points],
            "setback": [p.title for p in points],
            "heard_on": [p.heard_on.isoformat() for p in points],
            "moment": [content.ARC_MOMENTS[p.moment] for p in points],
            "value": [p.value for p in points],
        }
    )
    x = alt.X(
        "heard_on:T",
        title=axis["heard_on"],
        scale=alt.Scale(padding=14),
        axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelOverlap="greedy"),
    )
    y = alt.Y("value:Q", title=axis["value"], scale=alt.Scale(domain=[0, 100]))
    links = (
        alt.Chart(frame)
        .mark_rule(color="#c9cfd6", strokeWidth=2)
        .encode(x=x, y="min(value):Q", y2="max(value):Q", detail="id:N")
    )
    dots = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "moment:N",
                title=axis["moment"],
                scale=alt.Scale(
                    domain=list(content.ARC_MOMENTS.values()), range=[BEFORE_COLOUR, AFTER_COLOUR]
                ),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("setback:N", title=content.HISTORY_COLUMNS["company"]),
                alt.Tooltip("heard_on:T", title=axis["heard_on"], format="%d %b %Y"),
                alt.Tooltip("moment:N", title=axis["moment"]),
                alt.Tooltip("value:Q", title=axis["value"]),
            ],
        )
    )
    return (links + dots).properties(height=280).to_dict(), patterns.arc_setbacks(points)


def _arc(setbacks: Sequence[Setback], version: str) -> None:
    st.subheader(content.ARC_TITLE)
    choices = [patterns.STRONGEST, *content.EMOTIONS]
    measure = st.selectbox(
        content.ARC_MEASURE,
        options=choices,
        format_func=lambda key: content.ARC_STRONGEST if key == patterns.STRONGEST else content.EMOTIONS[key],
        key="history.arc_measure",
        width=260,
    )
    arc = _derived(version, ("arc", measure), lambda: _arc_spec(setbacks, measure))
    if arc is None:
        st.caption(content.ARC_EMPTY)
        return
    spec, shown = arc
    st.caption(
        content.ARC_INTRO
        + (" " + content.ARC_LATEST.format(count=shown) if shown == patterns.ARC_LATEST else "")
    )
    # Drawn from the cached spec: Altair would re-validate the whole chart on every run.
    st.vega_lite_chart(spec=spec, width="stretch")


# -- patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    stage: str | None
    split_line: str
    reasons: Any  # a DataFrame, or None when no reason came up twice
    lessons: list[patterns.Note]
    plans: list[patterns.Note]
    kinds: dict[str, int]


def _gather(setbacks: Sequence[Setback]) -> _Patterns:
    recurring = patterns.recurring_reasons(setbacks)
    frame = None
    if recurring:
        import pandas as pd

        labels = content.REASON_COLUMNS
        frame = pd.DataFrame(
            [
                {
                    labels["reason"]: content.REASONS_BY_ID[r.reason_id].label
                    if r.reason_id in content.REASONS_BY_ID
                    else r.reason_id,
                    labels["times"]: r.times,
                    labels["mine"]: r.mine,
                    labels["theirs"]: r.theirs,
                    labels["unknown"]: r.unknown,
                }
                for r in recurring
            ]
        )
    return _Patterns(
        stage=patterns.usual_stage(setbacks),
        split_line=content.control_split_line(patterns.control_split(setbacks)),
        reasons=frame,
        lessons=patterns.lessons(setbacks),
        plans=patterns.plans(setbacks),
        kinds=patterns.feedback_kinds(setbacks),
    )


def _notes(notes: Sequence[patterns.Note], key: str, empty: str) -> None:
    """A few of the person's own notes, newest first, with a button for more."""
    if not notes:
        st.caption(empty)
        return
    shown = st.session_state.get(key, NOTES_STEP)
    for note in notes[:shown]:
        st.markdown(shell.escape(note.text).replace("\n", "  \n"))
        when = note.heard_on.strftime("%d %b %Y").lstrip("0")
        st.caption(f"{content.LESSON_KINDS[note.kind]} · {shell.escape(note.title)} · {when}")
    if len(notes) > shown:
        st.button(
            content.SHOW_MORE_NOTES.format(count=len(notes) - shown),
            key=f"{key}.more",
            on_click=_show_more,
            args=(key, shown),
        )


def _patterns(setbacks: Sequence[Setback], version: str) -> None:
    st.subheader(content.PATTERNS_TITLE)
    if not patterns.enough_for_patterns(setbacks):
        st.caption(content.PATTERNS_NOT_YET)
        return
    st.write(content.PATTERNS_INTRO)
    found = _derived(version, "patterns", lambda: _gather(setbacks))

    if found.stage is not None:
        with st.container(border=True):
            st.markdown(f"**{content.USUAL_STAGE_TITLE}: {content.STAGE_REACHED[found.stage]}**")
            st.write(content.USUAL_STAGE[found.stage])

    with st.container(border=True):
        st.markdown(f"**{content.REASONS_TITLE}**")
        if found.split_line:
            st.write(found.split_line)
        if found.reasons is not None:
            st.dataframe(found.reasons, hide_index=True, width="stretch")
        else:
            st.caption(content.REASONS_NONE)

    with st.container(border=True):
        st.markdown(f"**{content.LESSONS_TITLE}**")
        _notes(found.lessons, "history.lessons_shown", content.LESSONS_NONE)
    with st.container(border=True):
        st.markdown(f"**{content.PLANS_TITLE}**")
        _notes(found.plans, "history.plans_shown", content.PLANS_NONE)

    with st.container(border=True):
        st.markdown(f"**{content.FEEDBACK_TITLE}**")
        if found.kinds:
            st.markdown("\n".join(f"- {content.feedback_line(k, n)}" for k, n in found.kinds.items()))
        else:
            st.caption(content.FEEDBACK_NONE)


# -- the page --------------------------------------------------------------------------------

if not shell.signed_in():
    st.stop()  # only reachable through the router's sign-in gate

st.title(content.NAV["history"])
st.write(content.HISTORY_INTRO)

flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])

listing = shell.store().list(shell.username(), include_archived=True)
for problem in listing.problems:
    st.warning(problem.message, icon=":material/folder_open:")

if not listing.setbacks:
    st.info(content.HISTORY_EMPTY)
    st.page_link(shell.PAGES["start"], label=content.NAV["start"], icon=":material/arrow_forward:")
    st.stop()

show_archived = st.toggle(
    content.SHOW_ARCHIVED,
    key="history.show_archived",
    help=content.SHOW_ARCHIVED_HELP,
    on_change=_clear_selection,
)
visible = [s for s in listing.setbacks if show_archived or not s.archived]
version = _version(visible) + ("+archived" if show_archived else "")

if visible:
    st.caption(content.HISTORY_SELECT_HINT)
    chosen = _table(visible, version, with_archived=show_archived)
    if chosen is not None:
        _actions(chosen)
else:
    st.info(content.ALL_ARCHIVED)

_arc(visible, version)
_patterns(visible, version)
