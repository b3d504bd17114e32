"""Summary: the closing check-in beside the first one, a note to one's future self, and the downloads.

The downloads render only when clicked (`st.download_button` with a callable), on Streamlit's
download thread, from the setback as it is on disk at that moment. The PDF shows this page as it is
on screen (when what is on screen can be saved), and clicking it saves those same values, so the PDF
in hand and what Rebound keeps always match.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core import content, emotions, exports, followups, i18n, pdf
from core import summary as summaries
from core.emotions import describe_change, emotion_change, rated, worth_charting
from core.models import EMOTIONS, MEDIUM_TEXT, CheckIn, Setback, Summary
from core.progress import stage_done
from core.storage import StorageError
from core.summary import build_summary
from pages import _shell as shell
from pages import _style as style
from pages._stage import Worksheet

shell.through_router()

PDF_STAGES = summaries.PDF_STAGES
NOTE_COUNT_FROM = int(MEDIUM_TEXT * 0.8)  # show a character count once the note gets near its limit


@st.cache_resource(show_spinner=False)
def _warm_fonts() -> threading.Thread:
    """Start the PDF typesetter once per process in the background, so the first download isn't slower."""
    thread = threading.Thread(target=pdf.warm_up, name="rebound-pdf-fonts", daemon=True)
    thread.start()
    return thread


def _feeling_key(name: str) -> str:
    """An own feeling's draft field, by name (as the check-ins match them), not by position."""
    return "own." + " ".join(name.casefold().split())


def _chart_spec(deltas: list[Any], description: str) -> dict[str, Any]:
    """The before-and-after bars as a Vega-Lite spec, built with Altair; `description` is read out."""
    import altair as alt
    import pandas as pd

    moments = content.ARC_MOMENTS
    axis = content.SUMMARY_CHART_AXIS
    rows, labels = [], emotions.labels(deltas)
    for label, delta in zip(labels, deltas, strict=True):
        for moment, value in (("before", delta.before), ("after", delta.after)):
            if value is not None:
                rows.append({"feeling": label, "moment": moments[moment], "value": value})
    frame = pd.DataFrame(rows, columns=["feeling", "moment", "value"])
    order = list(moments.values())
    base = alt.Chart(frame).encode(
        y=alt.Y("feeling:N", sort=labels, title=None, axis=alt.Axis(labelLimit=160, labelFontSize=13)),
        yOffset=alt.YOffset("moment:N", sort=order),
        x=alt.X(
            "value:Q",
            title=axis["value"],
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
        ),
        tooltip=[
            alt.Tooltip("feeling:N", title=axis["feeling"]),
            alt.Tooltip("moment:N", title=axis["moment"]),
            alt.Tooltip("value:Q", title=axis["value"]),
        ],
    )
    # Colours come from the theme's chart palette (.streamlit/config.toml: "before" first, then
    # "after"), chosen so bars and their numbers stand out on the light and the dark background.
    moment = alt.Color("moment:N", scale=alt.Scale(domain=order), legend=None)
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color(
            "moment:N",
            scale=alt.Scale(domain=order),
            legend=alt.Legend(orient="top", title=None, labelFontSize=13),
        )
    )
    numbers = base.mark_text(align="left", dx=4, fontSize=12).encode(text="value:Q", color=moment)
    chart = (bars + numbers).properties(
        height=max(160, 54 * len(labels)), description=description, usermeta=style.CHART_USERMETA
    )
    # Not validated against the Vega-Lite schema on every build (~0.1 s the first time in a process,
    # 20 ms after); tests/app/test_summary_page.py validates the spec drawn.
    return chart.configure_view(stroke=None).to_dict(validate=False)


def _chart(deltas: list[Any], description: str) -> None:
    """Draw the chart and, beside it, the same numbers as a table.

    The spec is rebuilt only when a rating changed (Altair takes ~25 ms a build).
    """
    key = (tuple((d.label, d.before, d.after) for d in deltas), description)
    cached = st.session_state.get("summary.chart")
    if not cached or cached[0] != key:
        cached = (key, _chart_spec(deltas, description))
        st.session_state["summary.chart"] = cached
    st.vega_lite_chart(spec=cached[1], width="stretch")
    with st.expander(content.ARC_TABLE):
        st.table(
            {
                content.SUMMARY_CHART_AXIS["feeling"]: [
                    shell.escape(label) for label in emotions.labels(deltas)
                ],
                content.ARC_MOMENTS["before"]: [_score(d.before) for d in deltas],
                content.ARC_MOMENTS["after"]: [_score(d.after) for d in deltas],
            },
            hide_index=True,
        )


def _score(value: int | None) -> str:
    return content.ARC_TABLE_MISSING if value is None else str(value)


# -- the page --------------------------------------------------------------------------------

sheet = Worksheet("summary")
setback = sheet.setback
vent = setback.vent
before = vent.check_in if vent else None
shareable = summaries.vent_shareable(setback)
has_message = summaries.message_given(setback)
saved: Summary | None = sheet.saved  # type: ignore[assignment]
start = summaries.starting_summary(setback, saved)
sheet.seed(
    {emotion: getattr(start.check_in, emotion) for emotion in EMOTIONS}
    | {_feeling_key(f.name): f.score for f in start.check_in.own}
    | {f"section.{s}": s in start.sections for s in PDF_STAGES}
    | {"future_note": start.future_note, "include_vent": start.include_vent}
    | {"include_message": start.include_message}
)
if not shareable:
    # The vent became private (or empty) since this was ticked: the tick can't stand.
    st.session_state[sheet.key("include_vent")] = False
if not has_message:
    st.session_state[sheet.key("include_message")] = False  # the message was taken out on Start here


def on_screen_check_in() -> CheckIn:
    """The closing check-in as the sliders show it."""
    own = [{"name": f.name, "score": sheet.value(_feeling_key(f.name), f.score)} for f in start.check_in.own]
    return CheckIn.model_validate({e: sheet.value(e, 0) for e in EMOTIONS} | {"own": own})


def build() -> Summary:
    """The page's values as a Summary."""
    return Summary(
        check_in=on_screen_check_in(),
        future_note=sheet.value("future_note", ""),
        sections=[s for s in PDF_STAGES if sheet.value(f"section.{s}", False)],
        include_vent=shareable and bool(sheet.value("include_vent", False)),
        include_message=has_message and bool(sheet.value("include_message", False)),
    )


sheet.header(content.SUMMARY_INTRO)

# The closing check-in and the before-and-after chart.
st.header(content.SUMMARY_CHECK_IN, anchor=False)
if rated(before):
    st.caption(content.SUMMARY_CHECK_IN_HELP)
else:
    # Nothing rated on Vent: no sliders "start where you put them", and nothing to compare with.
    st.caption(content.SUMMARY_CHECK_IN_HELP_FRESH)
    st.info(content.SUMMARY_NO_VENT, icon=":material/info:")
    st.page_link(shell.PAGES["vent"], label=content.NAV["vent"], icon=":material/arrow_forward:")
columns = st.columns(2, gap="large")
sliders = [(emotion, content.EMOTIONS[emotion]) for emotion in EMOTIONS]
sliders += [(_feeling_key(f.name), emotions.own_label(shell.escape(f.name))) for f in start.check_in.own]
for index, (field, label) in enumerate(sliders):
    with columns[index % 2]:
        st.slider(label, 0, 100, step=5, key=sheet.key(field))
sheet.field_error("check_in")

deltas = emotion_change(before if rated(before) else None, on_screen_check_in())
if worth_charting(deltas):
    change = describe_change(deltas)
    st.markdown(f"**{content.ARC_TITLE}**")
    st.markdown(shell.escape(change))
    _chart(deltas, change)
    st.caption(content.SUMMARY_CHART_NOTE)
else:
    st.caption(content.SUMMARY_CHART_EMPTY)  # a chart of zeros would say nothing

# The note to the future self.
st.header(content.SUMMARY_NOTE_TITLE, anchor=False)
st.caption(content.SUMMARY_NOTE_HELP)
st.text_area(
    content.SUMMARY_NOTE_LABEL,
    key=sheet.key("future_note"),
    height=180,
    placeholder=content.SUMMARY_NOTE_PLACEHOLDER,
    label_visibility="collapsed",
)
note = sheet.value("future_note", "")
sheet.field_error("future_note")
if len(note) > MEDIUM_TEXT and "future_note" not in sheet.errors():
    # Said as soon as the note is too long, not only when Save refuses it.
    st.warning(content.too_long(content.STAGE_FIELDS["future_note"], MEDIUM_TEXT), icon=":material/edit:")
elif len(note) >= NOTE_COUNT_FROM:
    st.caption(content.SUMMARY_NOTE_COUNT.format(count=len(note), limit=MEDIUM_TEXT))
sheet.crisis_card("future_note")

# What goes into the PDF.
st.header(content.SUMMARY_SECTIONS, anchor=False)
st.caption(content.SUMMARY_SECTIONS_HELP)
for stage in PDF_STAGES:
    label = content.NAV[stage]
    if not stage_done(setback, stage):
        label = content.SUMMARY_SECTION_EMPTY.format(stage=label)
    st.checkbox(label, key=sheet.key(f"section.{stage}"))
st.checkbox(content.SUMMARY_INCLUDE_VENT, key=sheet.key("include_vent"), disabled=not shareable)
if vent is None or not vent.text.strip():
    st.caption(content.SUMMARY_VENT_NOTHING)
elif vent.private:
    st.caption(content.SUMMARY_VENT_PRIVATE)
else:
    st.caption(content.SUMMARY_VENT_SHARED)
st.checkbox(content.SUMMARY_INCLUDE_MESSAGE, key=sheet.key("include_message"), disabled=not has_message)
st.caption(content.SUMMARY_MESSAGE_HELP if has_message else content.SUMMARY_MESSAGE_NOTHING)

sheet.save_button(build, start, whole_page=True)  # the downloads below follow what is saved

# -- downloads -------------------------------------------------------------------------------

try:
    rendered: Summary | None = build()
except ValidationError:
    rendered = None  # something needs a look: the PDF keeps what was last saved
user, store = shell.person(), shell.store()


def latest() -> Setback:
    """The setback as saved right now (other tabs may have saved stages since the page was drawn)."""
    try:
        return store.load(user, setback.id)
    except StorageError:
        return setback


def pdf_bytes() -> bytes:
    """Runs on the download thread when the PDF button is clicked, never on a rerun (see i18n.bound)."""
    current = latest()
    if rendered is not None:
        current = current.model_copy(update={"summary": rendered})
    chosen = current.summary or Summary()
    return pdf.render_pdf(
        build_summary(current, chosen.sections, chosen.include_vent, chosen.include_message)
    )


def save_rendered(summary: Summary | None) -> None:
    """Callback of the PDF button: keep what went into the PDF (drafts stay, in case of newer typing)."""
    st.session_state.pop("summary.download_problem", None)
    if summary is None:
        return
    try:
        if not summaries.same_summary(store.load(user, setback.id).summary, summary):
            store.save_stage(user, setback.id, "summary", summary)
    except StorageError as error:
        st.session_state["summary.download_problem"] = str(error)


def download(
    label: str, data: Callable[[], bytes], ext: str, mime: str, help_text: str, **options: Any
) -> None:
    st.download_button(
        label,
        data=data,
        file_name=exports.safe_filename(setback.intake.company, setback.intake.heard_on, ext),
        mime=mime,
        key=f"summary.download.{ext}",
        icon=":material/download:",
        width="stretch",
        **options,
    )
    st.caption(help_text)


st.header(content.SUMMARY_DOWNLOADS, anchor=False)
pdf_column, ics_column, csv_column = st.columns(3)
with pdf_column:
    download(
        content.SUMMARY_DOWNLOAD_PDF,
        i18n.bound(pdf_bytes),  # the download thread is not this run: it speaks this run's language
        "pdf",
        "application/pdf",
        content.SUMMARY_PDF_HELP,
        on_click=save_rendered,
        args=(rendered,),
    )
with ics_column:
    dated = followups.has_dates(setback.next_targets)
    download(
        content.SUMMARY_DOWNLOAD_ICS,
        i18n.bound(lambda: exports.followups_ics(latest())),
        "ics",
        "text/calendar",
        content.SUMMARY_ICS_HELP if dated else content.SUMMARY_NO_DATES,
        on_click="ignore",
        disabled=not dated,
    )
with csv_column:
    has_targets = bool(setback.next_targets and setback.next_targets.targets)
    download(
        content.SUMMARY_DOWNLOAD_CSV,
        # utf-8-sig: Excel reads accents right only with the byte-order mark.
        i18n.bound(lambda: exports.targets_csv(latest().next_targets).encode("utf-8-sig")),
        "csv",
        "text/csv",
        content.SUMMARY_CSV_HELP if has_targets else content.SUMMARY_NO_TARGETS,
        on_click="ignore",
        disabled=not has_targets,
    )
if problem := st.session_state.get("summary.download_problem"):
    st.error(content.SUMMARY_DOWNLOAD_FAILED.format(problem=problem), icon=":material/error:")
elif rendered is None:
    st.caption(content.SUMMARY_DOWNLOAD_OLD)
elif not summaries.same_summary(rendered, start):
    st.caption(content.SUMMARY_DOWNLOAD_SAVES)

_warm_fonts()
