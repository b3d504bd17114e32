"""History: every setback, how the feelings moved, and what keeps coming up across them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from core import content, i18n, patterns
from core.models import STAGES, Setback
from core.progress import stages_done
from core.storage import Listing, StorageError
from pages import _setbacks as setbacks
from pages import _shell as shell
from pages import _style as style

shell.through_router()

TABLE_KEY = "history.table"
FLASH_KEY = "history.flash"
CACHE_KEY = "history.derived"
NOTES_STEP = 5
NO_SELECTION = {"selection": {"rows": [], "columns": []}}

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
        shell.store().set_archived(shell.person(), setback_id, archived)
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
# keyed by the listing's version (it changes on every write), the language and the archived toggle.


def _version(listing: Listing, show_archived: bool) -> str:
    # What is built holds words: one version per language.
    return f"{listing.version}:{i18n.language()}:{show_archived:d}"


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
            columns["heard_on"]: st.column_config.DateColumn(format=content.HISTORY_DATE_COLUMN),
            columns["done"]: st.column_config.ProgressColumn(
                min_value=0,
                max_value=len(STAGES),
                format=content.HISTORY_STAGES_DONE.format(total=len(STAGES)),
                width="small",
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
            setbacks.delete_button(setback, "history")
        if setback.archived:
            st.caption(content.ARCHIVED_NOTE)
        setbacks.confirmation(setback, "history")


# -- the emotion arc -------------------------------------------------------------------------


def _arc_spec(
    setbacks: Sequence[Setback], measure: str
) -> tuple[dict[str, Any], int, list[patterns.ArcRow]] | None:
    """The before-and-after chart as a Vega-Lite spec built with Altair, how many setbacks it shows
    (the latest patterns.ARC_LATEST at most) and its rows as a table; None with no check-ins yet."""
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
        axis=alt.Axis(
            format=content.HISTORY_CHART_MONTH,
            tickCount={"interval": "month", "step": 1},
            labelOverlap="greedy",
        ),
    )
    y = alt.Y("value:Q", title=axis["value"], scale=alt.Scale(domain=[0, 100]))
    # The line joining a setback's two dots only guides the eye (the dots and the table carry the
    # numbers); colours come from the theme's chart palette in .streamlit/config.toml.
    links = (
        alt.Chart(frame)
        .transform_calculate(link="'link'")
        .mark_rule(strokeWidth=2, opacity=0.6)
        .encode(
            x=x,
            y="min(value):Q",
            y2="max(value):Q",
            detail="id:N",
            # The palette's third colour, a quiet grey, on a scale of its own (no legend).
            color=alt.Color("link:N", scale=alt.Scale(domain=["before", "after", "link"]), legend=None),
        )
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
                scale=alt.Scale(domain=list(content.ARC_MOMENTS.values())),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("setback:N", title=content.HISTORY_COLUMNS["company"]),
                alt.Tooltip("heard_on:T", title=axis["heard_on"], format=content.HISTORY_CHART_DAY),
                alt.Tooltip("moment:N", title=axis["moment"]),
                alt.Tooltip("value:Q", title=axis["value"]),
            ],
        )
    )
    chart = (
        (links + dots)
        .resolve_scale(color="independent")
        .properties(height=280, description=content.ARC_INTRO, usermeta=style.CHART_USERMETA)
    )
    # Validated against the Vega-Lite schema by tests/app/test_history.py, not on every build (~0.1 s).
    return chart.to_dict(validate=False), patterns.arc_setbacks(points), patterns.arc_rows(points)


def _arc(setbacks: Sequence[Setback], version: str) -> None:
    st.header(content.ARC_TITLE, anchor=False)
    # The choices' words read once, in this run's language (AppTest may call format_func elsewhere).
    names = {patterns.STRONGEST: content.ARC_STRONGEST, **content.EMOTIONS}
    measure = st.selectbox(
        content.ARC_MEASURE,
        options=list(names),
        format_func=names.__getitem__,
        key="history.arc_measure",
        width=260,
    )
    arc = _derived(version, ("arc", measure), lambda: _arc_spec(setbacks, measure))
    if arc is None:
        st.caption(content.ARC_EMPTY)
        return
    spec, shown, rows = arc
    st.caption(
        content.ARC_INTRO
        + (" " + content.ARC_LATEST.format(count=shown) if shown == patterns.ARC_LATEST else "")
    )
    # Drawn from the cached spec: Altair would re-validate the whole chart on every run.
    st.vega_lite_chart(spec=spec, width="stretch")
    with st.expander(content.ARC_TABLE):
        columns = content.ARC_TABLE_COLUMNS
        st.table(
            {
                columns["setback"]: [shell.escape(row.title) for row in rows],
                columns["heard_on"]: [i18n.short_date(row.heard_on) for row in rows],
                content.ARC_MOMENTS["before"]: [_score(row.before) for row in rows],
                content.ARC_MOMENTS["after"]: [_score(row.after) for row in rows],
            },
            hide_index=True,
        )


def _score(value: int | None) -> str:
    return content.ARC_TABLE_MISSING if value is None else str(value)


# -- patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    stage: str | None
    split_line: str
    reasons: Any  # a DataFrame, or None when no reason came up twice
    lessons: list[patterns.Note]
    plans: list[patterns.Plan]
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
        plans=patterns.distinct_plans(setbacks),
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
        st.caption(
            f"{content.LESSON_KINDS[note.kind]} · {shell.escape(note.title)} · {i18n.short_date(note.heard_on)}"
        )
    _more_button(key, shown, len(notes))


def _plans(plans: Sequence[patterns.Plan], key: str) -> None:
    """Each different if-then plan once, with how many setbacks had it."""
    if not plans:
        st.caption(content.PLANS_NONE)
        return
    shown = st.session_state.get(key, NOTES_STEP)
    for plan in plans[:shown]:
        st.markdown(shell.escape(plan.text).replace("\n", "  \n"))
        st.caption(
            content.plan_from(
                plan.times, shell.escape(plan.latest.title), i18n.short_date(plan.latest.heard_on)
            )
        )
    _more_button(key, shown, len(plans))


def _more_button(key: str, shown: int, total: int) -> None:
    """ "Show 3 more" under a list that holds more than is shown."""
    if total > shown:
        st.button(
            content.show_more(min(total - shown, NOTES_STEP * 2)),
            key=f"{key}.more",
            on_click=_show_more,
            args=(key, shown),
        )


def _patterns(setbacks: Sequence[Setback], version: str) -> None:
    st.header(content.PATTERNS_TITLE, anchor=False)
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
        _plans(found.plans, "history.plans_shown")

    with st.container(border=True):
        st.markdown(f"**{content.FEEDBACK_TITLE}**")
        if found.kinds:
            st.markdown("\n".join(f"- {content.feedback_line(k, n)}" for k, n in found.kinds.items()))
        else:
            st.caption(content.FEEDBACK_NONE)


# -- the page --------------------------------------------------------------------------------

if not shell.signed_in():
    st.stop()  # only reachable through the router's sign-in gate

st.title(content.NAV["history"], anchor=False)
st.write(content.HISTORY_INTRO)

flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])
setbacks.notices()

listing = shell.store().list(shell.person(), include_archived=True)
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
version = _version(listing, show_archived)

if visible:
    st.caption(content.HISTORY_SELECT_HINT)
    chosen = _table(visible, version, with_archived=show_archived)
    if chosen is not None:
        _actions(chosen)
else:
    st.info(content.ALL_ARCHIVED)

_arc(visible, version)
_patterns(visible, version)
