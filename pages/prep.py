"""Before my next interview: a prep sheet gathered from every setback, picked and added to for one interview.

What is gathered and how it is ranked lives in core.prep; this page draws it, and every tick, field
and addition is saved as the person makes it (the prep sheet, through the store), so nothing needs
a Save button and a new session finds it all as it was left. The downloads render only when clicked,
on Streamlit's download thread, from the sheet as it is saved at that moment.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from core import content, exports, pdf, prep
from core.models import LIST_MAX, PREP_SECTIONS, SHORT_TEXT, PrepSheet
from core.storage import DocumentUnreadable, Listing, StorageError
from pages import _shell as shell
from pages._stage import CrisisCards

shell.through_router()

RECENT = 16  # people whose gathered items are kept in memory, the latest first
FLASH_KEY = "prep.flash"
OWN_TEXT = "prep.own.text"
OWN_SECTION = "prep.own.section"
FIRST_SHOWN = 4  # items per section shown at first (as many as are ticked at most); "Show more" adds STEP
STEP = 10


@st.cache_resource(show_spinner=False)
def _warm_fonts() -> threading.Thread:
    """Start the PDF typesetter once per process in the background, so the first download isn't slower."""
    thread = threading.Thread(target=pdf.warm_up, name="rebound-prep-pdf-fonts", daemon=True)
    thread.start()
    return thread


# -- the sheet: loaded each run, every change saved at once -----------------------------------


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH_KEY] = (kind, text)


def _load() -> PrepSheet:
    try:
        return shell.store().load_prep_sheet(shell.person())
    except DocumentUnreadable as error:
        _flash("warning", str(error))
        return shell.store().load_prep_sheet(shell.person())


def _change(change: Callable[[PrepSheet], PrepSheet]) -> bool:
    """Apply one change to the sheet as saved right now (another tab may have changed it) and save."""
    try:
        shell.store().save_prep_sheet(shell.person(), change(_load()))
    except StorageError as error:
        _flash("error", content.PREP_SAVE_FAILED.format(problem=error))
        return False
    except ValueError as error:  # the model refused the change (too long, too many)
        problem = " ".join(content.field_errors(error).values()) or str(error)
        _flash("error", content.PREP_SAVE_FAILED.format(problem=problem))
        return False
    return True


def _on_field(field: str) -> None:
    value = st.session_state[f"prep.{field}"]
    _change(lambda sheet: PrepSheet.model_validate(sheet.model_dump() | {field: value}))


def _on_pick(key: str) -> None:
    bring = bool(st.session_state[f"prep.pick.{key}"])
    _change(lambda sheet: prep.pick(sheet, key, bring))


def _on_practised(key: str) -> None:
    done = bool(st.session_state[f"prep.practised.{key}"])
    _change(lambda sheet: prep.mark_practised(sheet, key, done))


def _on_add() -> None:
    text = str(st.session_state.get(OWN_TEXT) or "").strip()
    section = st.session_state.get(OWN_SECTION) or PREP_SECTIONS[0]
    if not text:
        st.session_state["prep.own.problem"] = content.PREP_OWN_EMPTY
        return
    if len(_load().own) >= LIST_MAX:
        st.session_state["prep.own.problem"] = content.PREP_OWN_FULL.format(limit=LIST_MAX)
        return
    if _change(lambda sheet: prep.add_own(sheet, section, text)):
        st.session_state[OWN_TEXT] = ""  # only once it is saved: what was typed is never lost
        st.session_state.pop("prep.own.problem", None)
        st.toast(content.PREP_OWN_ADDED.format(section=content.PREP_SECTION_TITLES[section]))


def _on_remove(item_id: str) -> None:
    _change(lambda sheet: prep.remove_own(sheet, item_id))


def _show_more(section: str, shown: int) -> None:
    st.session_state[f"prep.shown.{section}"] = shown + STEP


def _seed(key: str, value: object) -> None:
    """A widget's starting value, from the saved sheet, unless the widget already holds one."""
    if key not in st.session_state:
        st.session_state[key] = value


# -- what is gathered, kept while the setbacks are unchanged ----------------------------------


@st.cache_resource(show_spinner=False)
def _recent() -> tuple[OrderedDict[tuple[str, str], prep.Gathered], threading.Lock]:
    """What was gathered lately, shared by the sessions of this process (a second tab, a reload)."""
    return OrderedDict(), threading.Lock()


def _gathered(listing: Listing, include_archived: bool) -> prep.Gathered:
    """The gathered items for these setbacks, built once while they are unchanged.

    Kept per person and version of their listing (it changes on every write), for the few people
    who used the page last: with a thousand setbacks, gathering costs more than the rest of the
    page's run together.
    """
    key = (shell.username(), listing.version, include_archived)
    recent, lock = _recent()
    with lock:
        found = recent.get(key)
        if found is not None:
            recent.move_to_end(key)
            return found
    found = prep.gather(listing.setbacks, include_archived)
    with lock:
        recent[key] = found
        while len(recent) > RECENT:
            recent.popitem(last=False)
    return found


# -- drawing ----------------------------------------------------------------------------------


def _text(value: str) -> str:
    return shell.escape(value).replace("\n", "  \n")


# The person's words are drawn as markdown, escaped; widget labels are Rebound's own words (a
# label's raw text is also its accessible name, so escaped user text there would be read out with
# its backslashes).


def _practised_box(item: prep.Item, label: str, sheet: PrepSheet) -> None:
    key = f"prep.practised.{item.key}"
    _seed(key, item.key in sheet.practised)
    st.checkbox(label, key=key, on_change=_on_practised, args=(item.key,))


def _item(item: prep.Item, rank: int, sheet: PrepSheet) -> None:
    """One gathered item: its words (a question with its better answer), where it came from, its ticks.

    Few elements per item (a page may show thirty of them): the words in one markdown block, the
    detail and the origin in one caption.
    """
    if item.section == "questions":
        answer = (
            content.PREP_BETTER_ANSWER.format(answer=item.detail) if item.detail else content.PREP_NO_ANSWER
        )
        st.markdown(f"**{_text(item.text)}**  \n{_text(answer)}")
    else:
        st.markdown(_text(item.text))
    lines = [item.detail] if item.detail and item.section != "questions" else []
    st.caption("  \n".join(_text(line) for line in [*lines, prep.origin_line(item)]))
    key = f"prep.pick.{item.key}"
    _seed(key, prep.is_brought(sheet, item, rank))
    st.checkbox(
        content.PREP_BRING[item.section].format(n=rank + 1), key=key, on_change=_on_pick, args=(item.key,)
    )
    if item.section == "questions":
        _practised_box(item, content.PREP_PRACTISED.format(n=rank + 1), sheet)


def _own(item: prep.Item, number: int, sheet: PrepSheet, cards: CrisisCards) -> None:
    item_id = item.key.removeprefix("own-")
    st.markdown(_text(item.text))
    cards.beside(f"prep.own.{item_id}", item.text)
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.caption(content.PREP_ADDED_BY_YOU)
        if item.section == "questions":
            _practised_box(item, content.PREP_OWN_PRACTISED.format(n=number), sheet)
        st.button(
            content.PREP_OWN_REMOVE.format(n=number),
            key=f"remove-prep-{item_id}",
            icon=":material/close:",
            type="tertiary",
            on_click=_on_remove,
            args=(item_id,),
        )


def _section(section: str, items: Sequence[prep.Item], sheet: PrepSheet, cards: CrisisCards, numbers) -> None:
    own = prep.own_items(sheet, section)
    if not items and not own:
        return  # empty sections are not shown
    st.header(content.PREP_SECTION_TITLES[section], anchor=False)
    st.caption(content.PREP_SECTION_INTROS[section])
    for item in own:
        with st.container(border=True):
            _own(item, next(numbers), sheet, cards)
    shown = st.session_state.get(f"prep.shown.{section}", FIRST_SHOWN)
    for rank, item in enumerate(items[:shown]):
        with st.container(border=True):
            _item(item, rank, sheet)
    if len(items) > shown:
        st.button(
            content.PREP_SHOW_MORE.format(count=min(STEP, len(items) - shown)),
            key=f"prep.more.{section}",
            on_click=_show_more,
            args=(section, shown),
        )


def _interview(sheet: PrepSheet) -> None:
    st.header(content.PREP_INTERVIEW_TITLE, anchor=False)
    st.caption(content.PREP_INTERVIEW_HELP)
    _seed("prep.company", sheet.company)
    _seed("prep.role", sheet.role)
    _seed("prep.interview_on", sheet.interview_on)
    company, role = st.columns(2)
    with company:
        st.text_input(
            content.PREP_COMPANY, key="prep.company", max_chars=200, on_change=_on_field, args=("company",)
        )
    with role:
        st.text_input(content.PREP_ROLE, key="prep.role", max_chars=200, on_change=_on_field, args=("role",))
    st.date_input(
        content.PREP_DATE,
        value=None,
        key="prep.interview_on",
        format="DD/MM/YYYY",
        on_change=_on_field,
        args=("interview_on",),
        width=260,
    )


def _add_own(cards: CrisisCards) -> None:
    st.header(content.PREP_OWN_TITLE, anchor=False)
    with st.form("prep.own", enter_to_submit=False):
        st.text_area(
            content.PREP_OWN_TEXT,
            key=OWN_TEXT,
            max_chars=SHORT_TEXT,
            placeholder=content.PREP_OWN_PLACEHOLDER,
            height=90,
        )
        st.selectbox(
            content.PREP_OWN_SECTION,
            options=PREP_SECTIONS,
            format_func=content.PREP_SECTION_TITLES.__getitem__,  # the words of this run's language
            key=OWN_SECTION,
        )
        st.form_submit_button(content.PREP_OWN_ADD, on_click=_on_add, icon=":material/add:")
    if problem := st.session_state.get("prep.own.problem"):
        st.warning(problem, icon=":material/edit:")
    cards.beside(OWN_TEXT, str(st.session_state.get(OWN_TEXT) or ""))


def _downloads(gathered: prep.Gathered, sheet: PrepSheet) -> None:
    store, person = shell.store(), shell.person()

    def latest() -> PrepSheet:
        """The sheet as saved right now (the download thread runs after this page was drawn)."""
        try:
            return store.load_prep_sheet(person)
        except StorageError:
            return sheet

    def pdf_bytes() -> bytes:
        from core.prep_pdf import render_prep_sheet  # Typst loads only when a PDF is asked for

        return render_prep_sheet(prep.sheet_doc(gathered, latest()))

    def ics_bytes() -> bytes:
        current = latest()
        if current.interview_on is None:
            current = sheet
        return exports.prep_reminder_ics(current, prep.sheet_doc(gathered, current))

    st.header(content.PREP_DOWNLOADS, anchor=False)
    day = sheet.interview_on or date.today()
    name = f"prep {sheet.company}".strip()
    pdf_column, ics_column = st.columns(2)
    with pdf_column:
        st.download_button(
            content.PREP_DOWNLOAD_PDF,
            data=pdf_bytes,
            file_name=exports.safe_filename(name, day, "pdf"),
            mime="application/pdf",
            key="prep.download.pdf",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )
        st.caption(content.PREP_PDF_HELP)
    with ics_column:
        st.download_button(
            content.PREP_DOWNLOAD_ICS,
            data=ics_bytes,
            file_name=exports.safe_filename(name, day, "ics"),
            mime="text/calendar",
            key="prep.download.ics",
            on_click="ignore",
            icon=":material/event:",
            width="stretch",
            disabled=sheet.interview_on is None,
        )
        if sheet.interview_on is None:
            st.caption(content.PREP_ICS_NEEDS_DATE)
        else:
            st.caption(content.PREP_ICS_HELP.format(day=prep.day_month(sheet.interview_on)))


# -- the page --------------------------------------------------------------------------------

if not shell.signed_in():
    st.stop()  # only reachable through the router's sign-in gate

st.title(content.NAV["prep"], anchor=False)
st.write(content.PREP_INTRO)

listing = shell.store().list(shell.person(), include_archived=True)
for problem in listing.problems:
    st.warning(problem.message, icon=":material/folder_open:")
if not listing.setbacks:
    st.info(content.PREP_EMPTY)
    st.page_link(shell.PAGES["start"], label=content.NAV["start"], icon=":material/arrow_forward:")
    st.stop()

sheet = _load()
if flash := st.session_state.pop(FLASH_KEY, None):
    (st.error if flash[0] == "error" else st.warning)(flash[1])

_interview(sheet)
if any(s.archived for s in listing.setbacks):
    _seed("prep.include_archived", sheet.include_archived)
    st.toggle(
        content.PREP_INCLUDE_ARCHIVED,
        key="prep.include_archived",
        help=content.PREP_INCLUDE_ARCHIVED_HELP,
        on_change=_on_field,
        args=("include_archived",),
    )
gathered = _gathered(listing, sheet.include_archived)

if gathered.from_setbacks():
    st.caption(content.PREP_PICK_HELP)
else:
    st.info(content.PREP_NOTHING_YET)
cards = CrisisCards()
numbers = iter(range(1, LIST_MAX + 1))
for section in PREP_SECTIONS:
    _section(section, gathered.sections.get(section, ()), sheet, cards, numbers)

_add_own(cards)
_downloads(gathered, sheet)
_warm_fonts()
