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

from core import content, exports, pdf, pdf_text
from core.emotions import describe_change, emotion_change
from core.models import EMOTIONS, MEDIUM_TEXT, STAGES, CheckIn, Feeling, Setback, Summary
from core.progress import stage_done
from core.storage import StorageError
from core.summary import build_summary
from pages import _shell as shell
from pages._stage import Worksheet, crisis_card

PDF_STAGES = STAGES[1:]  # the vent writing has its own, stricter switch
BEFORE_COLOUR, AFTER_COLOUR = "#c8876a", "#4f8f8a"  # the same colours as the arc on History
NOTE_COUNT_FROM = int(MEDIUM_TEXT * 0.8)  # show a character count once the note gets near its limit
NOTE_FIELD = content.STAGE_FIELDS["future_note"]


@st.cache_resource(show_spinner=False)
def _warm_fonts() -> threading.Thread:
    """Parse the PDF fonts once per process in the background, so the first download isn't slower."""
    thread = threading.Thread(target=pdf_text.bank, name="rebound-pdf-fonts", daemon=True)
    thread.start()
    return thread


def _feeling_key(name: str) -> str:
    """An own feeling's draft field, by name (as the check-ins match them), not by position."""
    return "own." + " ".join(name.casefold().split())


def _starting_check_in(before: CheckIn | None, saved: Summary | None) -> CheckIn:
    """Where the sliders start: the saved closing check-in, else the first one, else zero.

    The own feelings are always the ones named on Vent (a name given twice counts once, as in the
    emotion arc), each at its saved closing score if it has one.
    """
    base = saved.check_in if saved else before or CheckIn()
    closing = {_feeling_key(f.name): f.score for f in saved.check_in.own} if saved else {}
    named: dict[str, Feeling] = {}
    for feeling in before.own if before else []:
        named.setdefault(_feeling_key(feeling.name), feeling)
    own = [Feeling(name=f.name, score=closing.get(key, f.score)) for key, f in named.items()]
    return base.model_copy(update={"own": own})


def _chart_spec(deltas: list[Any]) -> dict[str, Any]:
    """The before-and-after bars as a Vega-Lite spec, built with Altair."""
    import altair as alt
    import pandas as pd

    moments = content.ARC_MOMENTS
    axis = content.SUMMARY_CHART_AXIS
    rows, labels = [], []
    for delta in deltas:
        # An own feeling may share a name with one of the fixed five: keep both apart on the chart.
        taken = delta.label.casefold() in {label.casefold() for label in labels}
        label = f"{delta.label} (own)" if taken else delta.label
        labels.append(label)
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
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color(
            "moment:N",
            scale=alt.Scale(domain=order, range=[BEFORE_COLOUR, AFTER_COLOUR]),
            legend=alt.Legend(orient="top", title=None, labelFontSize=13),
        )
    )
    numbers = base.mark_text(align="left", dx=4, fontSize=11, color="#5f6368").encode(text="value:Q")
    chart = (bars + numbers).properties(height=max(160, 54 * len(labels)))
    return chart.configure_view(stroke=None).to_dict()


def _chart(deltas: list[Any]) -> None:
    """Draw the chart; the spec is rebuilt only when a rating changed (Altair takes ~25 ms a build)."""
    key = tuple((d.label, d.before, d.after) for d in deltas)
    cached = st.session_state.get("summary.chart")
    if not cached or cached[0] != key:
        cached = (key, _chart_spec(deltas))
        st.session_state["summary.chart"] = cached
    st.vega_lite_chart(spec=cached[1], width="stretch")


def _has_dates(setback: Setback) -> bool:
    stage = setback.next_targets
    if stage is None:
        return False
    return bool(
        stage.stay_in_touch.reconnect_on
        or any(t.due for t in stage.targets)
        or any(a.due for a in stage.actions)
    )


def _same(one: Summary | None, other: Summary | None) -> bool:
    if one is None or other is None:
        return one is other
    return one.model_dump(exclude={"saved_at"}) == other.model_dump(exclude={"saved_at"})


# -- the page --------------------------------------------------------------------------------

sheet = Worksheet("summary")
setback = sheet.setback
vent = setback.vent
before = vent.check_in if vent else None
shareable = vent is not None and not vent.private and bool(vent.text.strip())
saved: Summary | None = sheet.saved  # type: ignore[assignment]
start = Summary(
    check_in=_starting_check_in(before, saved),
    future_note=saved.future_note if saved else "",
    sections=[s for s in PDF_STAGES if s in saved.sections] if saved else list(PDF_STAGES),
    include_vent=bool(saved and saved.include_vent and shareable),
)
sheet.seed(
    {emotion: getattr(start.check_in, emotion) for emotion in EMOTIONS}
    | {_feeling_key(f.name): f.score for f in start.check_in.own}
    | {f"section.{s}": s in start.sections for s in PDF_STAGES}
    | {"future_note": start.future_note, "include_vent": start.include_vent}
)
if not shareable:
    # The vent became private (or empty) since this was ticked: the tick can't stand.
    st.session_state[sheet.key("include_vent")] = False


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
    )


sheet.header(content.SUMMARY_INTRO)

# The closing check-in and the before-and-after chart.
st.subheader(content.SUMMARY_CHECK_IN)
st.caption(content.SUMMARY_CHECK_IN_HELP)
if before is None:
    st.info(content.SUMMARY_NO_VENT, icon=":material/info:")
    st.page_link(shell.PAGES["vent"], label=content.NAV["vent"], icon=":material/arrow_forward:")
columns = st.columns(2, gap="large")
sliders = [(emotion, content.EMOTIONS[emotion]) for emotion in EMOTIONS]
fixed = {label.casefold() for label in content.EMOTIONS.values()}
sliders += [
    (_feeling_key(f.name), shell.escape(f.name) + (" (own)" if f.name.casefold() in fixed else ""))
    for f in start.check_in.own
]
for index, (field, label) in enumerate(sliders):
    with columns[index % 2]:
        st.slider(label, 0, 100, step=5, key=sheet.key(field))
sheet.field_error("check_in")

deltas = emotion_change(before, on_screen_check_in())
st.markdown(f"**{content.ARC_TITLE}**")
_chart(deltas)
st.markdown(shell.escape(describe_change(deltas)))
st.caption(content.SUMMARY_CHART_NOTE)

# The note to the future self.
st.subheader(content.SUMMARY_NOTE_TITLE)
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
    st.warning(content.too_long(NOTE_FIELD, MEDIUM_TEXT), icon=":material/edit:")
elif len(note) >= NOTE_COUNT_FROM:
    st.caption(content.SUMMARY_NOTE_COUNT.format(count=len(note), limit=MEDIUM_TEXT))
crisis_card(note)

# What goes into the PDF.
st.subheader(content.SUMMARY_SECTIONS)
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

sheet.save_button(build, start, whole_page=True)  # the downloads below follow what is saved

# -- downloads -------------------------------------------------------------------------------

try:
    rendered: Summary | None = build()
except ValidationError:
    rendered = None  # something needs a look: the PDF keeps what was last saved
user, store = shell.username(), shell.store()


def latest() -> Setback:
    """The setback as saved right now (other tabs may have saved stages since the page was drawn)."""
    try:
        return store.load(user, setback.id)
    except StorageError:
        return setback


def pdf_bytes() -> bytes:
    """Runs on the download thread when the PDF button is clicked, never on a rerun."""
    current = latest()
    if rendered is not None:
        current = current.model_copy(update={"summary": rendered})
    chosen = current.summary or Summary()
    return pdf.render_pdf(build_summary(current, chosen.sections, chosen.include_vent))


def save_rendered(summary: Summary | None) -> None:
    """Callback of the PDF button: keep what went into the PDF (drafts stay, in case of newer typing)."""
    st.session_state.pop("summary.download_problem", None)
    if summary is None:
        return
    try:
        if not _same(store.load(user, setback.id).summary, summary):
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


st.subheader(content.SUMMARY_DOWNLOADS)
pdf_column, ics_column, csv_column = st.columns(3)
with pdf_column:
    download(
        content.SUMMARY_DOWNLOAD_PDF,
        pdf_bytes,
        "pdf",
        "application/pdf",
        content.SUMMARY_PDF_HELP,
        on_click=save_rendered,
        args=(rendered,),
    )
with ics_column:
    dated = _has_dates(setback)
    download(
        content.SUMMARY_DOWNLOAD_ICS,
        lambda: exports.followups_ics(latest()),
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
        lambda: exports.targets_csv(latest().next_targets).encode("utf-8-sig"),
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
elif not _same(rendered, start):
    st.caption(content.SUMMARY_DOWNLOAD_SAVES)

_warm_fonts()
