"""Drafts on the page side: what a stage page holds is kept in storage as it changes, and comes back.

Widgets keep their values under draft keys (`draft.<setback>.<stage>.<field>`). Every signed-in run
starts with `keep_drafts()`: it remembers those values for the session (Streamlit forgets a widget's
value once a run doesn't draw it) and hands the values of the stage page drawn last to the store's
background writer, so a field left, an Enter or a click is kept before anything else happens on the
run (a sign-out on the same click included). The page keeps them again once it has drawn, for what
the page itself changed. The write happens on the writer's thread, never on the run.

Two Streamlit pitfalls shape the seeding:
- Writing a widget's key during a run makes Streamlit send that value to the browser, over whatever
  the person is typing. So keys are only ever written before their widget exists in the browser:
  when the page opens, or in a callback (Discard, Undo, removing a row).
- A new server session (a reload, or the browser rejoining after a restart or a long network drop)
  starts with nothing in session state, but a rejoining browser still shows the page and sends its
  widgets' values. Those values are the person's: a key the browser already holds is never seeded,
  neither with the saved value nor with a kept draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import streamlit as st

from core import content
from core import drafts as rules
from core.models import utcnow
from core.storage.draft_writer import DraftWriter
from pages import _shell as shell

PREFIX = shell.DRAFT_PREFIX
# Draft values kept while their page is closed (a plain key: deleting every "draft." key forgets it too).
KEPT = f"{PREFIX}kept"
BOOKS = f"{PREFIX}~books"  # {(setback id, stage): Book}
LAST_PAGE = f"{PREFIX}~last"  # (setback id, stage, Shape) of the stage page the last run drew
PREVIOUS = f"{PREFIX}~previous"  # (setback id, stage) of the stage page the run before this one drew
DREW = f"{PREFIX}~drew"  # whether this run drew a stage page (run_finished() reads it)
APP_RUN = f"{PREFIX}~app_run"  # set by keep_drafts() on a whole run, taken by the page's fragment
WRITER = f"{PREFIX}~writer"  # this run's writer (or None), looked up once by keep_drafts()


def draft_key(setback_id: str, stage: str, field: str) -> str:
    """The session key of a field's value, unique to the setback so switching setbacks starts fresh."""
    return f"{PREFIX}{setback_id}.{stage}.{field}"


def _is_field_key(key: Any) -> bool:
    return (
        isinstance(key, str)
        and key.startswith(PREFIX)
        and key not in (KEPT, BOOKS, LAST_PAGE, PREVIOUS, DREW, APP_RUN, WRITER)
    )


# -- the writer ------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _writer(where: str) -> DraftWriter:
    """One background writer per process and store, shared by every session."""
    return DraftWriter(shell.store())


def writer() -> DraftWriter | None:
    """The draft writer, or None when the operator keeps drafts in the session only.

    Looked up once per run (reading the settings parses the secrets file): keep_drafts() starts
    every signed-in run by looking it up afresh.
    """
    state = st.session_state
    if WRITER not in state:
        state[WRITER] = _find_writer()
    return state[WRITER]


def _find_writer() -> DraftWriter | None:
    options = shell.settings()
    return _writer(options.storage_location) if options.keep_drafts else None


# -- what a session knows about each page's draft ----------------------------------------------


@dataclass
class Undo:
    """What can be put back right after it went: where the line shows, what it says, how to undo."""

    where: str  # a list's name, or "page" for a discarded draft
    index: int
    message: str
    put_back: Callable[[], None]


@dataclass
class Book:
    """This session's record of one page's draft."""

    kept: dict[str, Any] | None = None  # the values last handed to the writer (or known saved)
    drafted: bool = False  # whether a draft of them is (being) kept
    changed_at: datetime | None = None  # when this session last kept a change
    restored: datetime | None = None  # the kept draft's time, when the page opened with one
    undo: Undo | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def book(setback_id: str, stage: str) -> Book:
    books = st.session_state.setdefault(BOOKS, {})
    return books.setdefault((setback_id, stage), Book())


def _values(prefix: str, *, kept_only: bool = False) -> dict[str, Any]:
    """A page's field values: the session's memory of them, overlaid with what the session holds now."""
    state = st.session_state
    values = {k[len(prefix) :]: v for k, v in state.get(KEPT, {}).items() if k.startswith(prefix)}
    if not kept_only:
        for key in list(state):
            if isinstance(key, str) and key.startswith(prefix):
                values[key[len(prefix) :]] = state[key]
    return values


def _keep(setback_id: str, stage: str, shape: rules.Shape, current: Mapping[str, Any]) -> None:
    """Hand the page's values to the writer when they changed and differ from what is saved.

    Values back at what is saved clear the draft this session kept.
    """
    record = book(setback_id, stage)
    values = rules.held(shape, current)
    plain = rules.plain(values)
    differs = rules.unsaved(shape, values)
    if differs and (plain != record.kept or not record.drafted):
        keeper = writer()
        record.changed_at = keeper.keep(shell.person(), setback_id, stage, plain) if keeper else utcnow()
        record.drafted = True
    elif not differs and record.drafted:
        if keeper := writer():
            keeper.clear(shell.person(), setback_id, stage)
        record.drafted, record.restored = False, None
    record.kept = plain


def keep_drafts(*, whole_run: bool = True) -> None:
    """Start of every signed-in run: remember every field value, and keep the last page's draft.

    This only reads the values: writing every draft key back on each run would make Streamlit send
    the old values to the browser too, overwriting whatever the person was typing during that run.
    The last page is only read here, never taken: a run that Streamlit cuts short (a newer field
    left while it runs) leaves it for the run that replaces it, which then knows its page was open
    already, and only a run that finishes without drawing a stage page forgets it (run_finished).
    """
    state = st.session_state
    state[WRITER] = _find_writer()
    kept = state.setdefault(KEPT, {})
    for key in [k for k in state if _is_field_key(k)]:
        kept[key] = state[key]
    last = state.get(LAST_PAGE)
    state[PREVIOUS] = last[:2] if last else None
    state[DREW] = False
    if whole_run:
        state[APP_RUN] = True  # taken by the page's fragment, drawn later in this run
    if last is not None:
        setback_id, stage, shape = last
        _keep(setback_id, stage, shape, _values(f"{PREFIX}{setback_id}.{stage}.", kept_only=True))


def own_fragment_run() -> bool:
    """In a worksheet page drawn as a fragment: whether this run is the fragment's own.

    A change to one of the page's fields reruns the page alone, without app.py around it; such a
    run calls keep_drafts(whole_run=False) itself.
    """
    return not st.session_state.pop(APP_RUN, False)


def run_finished() -> None:
    """End of a signed-in run that drew its page to the end: no stage page drawn, none is open now.

    A run cut short never gets here (Streamlit stops it when a newer request comes in, and for
    st.rerun or switch_page), so the page it was drawing still counts as open for the next run:
    otherwise that run would open the page afresh, bring in the draft it kept a moment ago as
    "restored", and the line drawn above the fields would shift them and lose what is being typed.
    """
    state = st.session_state
    if not state.pop(DREW, False):
        state.pop(LAST_PAGE, None)


def seed_session(setback_id: str, stage: str, saved: Mapping[str, Any]) -> None:
    """Give each field the value this session kept while other pages were open, else the saved one.

    For a form whose values live in the session only (Start here's edit form), not in storage.
    """
    state = st.session_state
    prefix = f"{PREFIX}{setback_id}.{stage}."
    for key, value in state.get(KEPT, {}).items():
        if key.startswith(prefix) and key not in state:
            state[key] = value
    for name, value in saved.items():
        state.setdefault(draft_key(setback_id, stage, name), value)


def drop_drafts(setback_id: str, stage: str) -> None:
    """Forget the session's values of a stage (after a save, the saved values are the new start)."""
    prefix = f"{PREFIX}{setback_id}.{stage}."
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]
    kept = st.session_state.get(KEPT, {})
    for key in [k for k in kept if k.startswith(prefix)]:
        del kept[key]


def _browser_keys() -> frozenset[str]:
    """The widget keys whose values the browser sent with this run (Streamlit has no public call).

    A widget's id ends with its key; the browser's values wait under their ids until the widget is
    drawn. Should Streamlit change this, nothing is found and seeding works as before.
    """
    try:
        from streamlit.runtime.state.common import user_key_from_element_id
        from streamlit.runtime.state.session_state_proxy import get_session_state

        ids = list(get_session_state()._state._new_widget_state.states)
    except Exception:  # noqa: BLE001 - an internal that moved: fall back to plain seeding
        return frozenset()
    return frozenset(key for key in map(user_key_from_element_id, ids) if key)


# -- one page's drafts -------------------------------------------------------------------------


class PageDrafts:
    """The draft side of one stage page's run: seeding, keeping, the restored line, Discard, Undo."""

    def __init__(self, setback_id: str, stage: str) -> None:
        self.setback_id, self.stage = setback_id, stage
        self.prefix = f"{PREFIX}{setback_id}.{stage}."
        self.shape = rules.Shape()
        self.book = book(setback_id, stage)
        self.browser = _browser_keys()
        self._stored: dict[str, Any] = {}
        self._on_replace: list[Callable[[], None]] = []
        if st.session_state.get(PREVIOUS) != (setback_id, stage):
            self._open()

    def _open(self) -> None:
        """The page opens: bring in the kept draft when it is newer than what this session holds."""
        self.book.undo = None
        keeper = writer()
        stored = keeper.load(shell.person(), self.setback_id, self.stage) if keeper else None
        if stored is None:
            return
        session = _values(self.prefix)
        same = rules.same_values({key: session.get(key) for key in stored.values}, stored.values)
        if rules.take_kept(
            session_has_values=bool(session),
            session_changed_at=self.book.changed_at,
            kept_at=stored.updated_at,
            same=same,
        ):
            self._stored = stored.values
            self.book.kept, self.book.drafted = rules.plain(stored.values), True
            self.book.changed_at = self.book.restored = stored.updated_at

    def key(self, field: str) -> str:
        return self.prefix + field

    def seed(self, part: rules.Shape) -> None:
        """Give each field of `part` its value: the kept draft's when the page opened with one, else
        what this session held, else the saved value — never over a value the browser holds."""
        self.shape = self.shape.merged(part)
        restored = rules.restore(part, self._stored) if self._stored else {}
        state = st.session_state
        kept = state.get(KEPT, {})
        fields = dict.fromkeys([*part.saved, *restored])
        fields |= dict.fromkeys(k[len(self.prefix) :] for k in kept if k.startswith(self.prefix))
        for name in fields:
            key = self.prefix + name
            if key in self.browser:
                continue
            if name in restored:
                state[key] = restored[name]
            elif key not in state:
                if kept.get(key) is not None:
                    state[key] = kept[key]
                elif name in part.saved:
                    state[key] = part.saved[name]

    def on_replace(self, hook: Callable[[], None]) -> None:
        """Call `hook` whenever Discard or Undo replace the page's values (e.g. to reset a table)."""
        self._on_replace.append(hook)

    def values(self) -> dict[str, Any]:
        return _values(self.prefix)

    def keep(self) -> None:
        """End of the page's run: keep what the page holds, and be the page the next run looks at."""
        _keep(self.setback_id, self.stage, self.shape, self.values())
        st.session_state[LAST_PAGE] = (self.setback_id, self.stage, self.shape)
        st.session_state[DREW] = True

    def saved(self) -> None:
        """After Save: what is on screen is saved, so there is no draft (kept or restored) any more."""
        values = rules.held(self.shape, self.values())
        self.shape = rules.Shape(
            saved=values,
            lists=self.shape.lists,
            fixed=self.shape.fixed,
            aside=self.shape.aside,
            compare=self.shape.compare,
        )
        st.session_state[LAST_PAGE] = (self.setback_id, self.stage, self.shape)
        if self.book.drafted and (keeper := writer()):
            keeper.clear(shell.person(), self.setback_id, self.stage)
        self.book.kept, self.book.drafted = rules.plain(values), False
        self.book.restored = self.book.undo = None

    # -- Discard and Undo -------------------------------------------------------------------

    def _apply(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            st.session_state[self.prefix + name] = value
        for hook in self._on_replace:
            hook()

    def discard(self) -> None:
        """Callback: back to what was saved; the draft is forgotten (and can be brought back once)."""
        before = rules.held(self.shape, self.values())
        saved = rules.held(self.shape, {})
        self._apply(saved)
        if keeper := writer():
            keeper.clear(shell.person(), self.setback_id, self.stage)
        self.book.kept, self.book.drafted, self.book.restored = rules.plain(saved), False, None
        self.book.undo = Undo("page", 0, content.DRAFT_DISCARDED, lambda: self._apply(before))

    def removed(self, where: str, index: int, message: str, put_back: Callable[[], None]) -> None:
        """Note a removal that Undo can put back, shown at `where` (a list), before row `index`."""
        self.book.undo = Undo(where, index, message, put_back)

    def remove_row(self, name: str, index: int) -> None:
        """Callback: take a row out of a list (the rows below move up), with an Undo for its words."""
        current = self.values()
        listed = rules.rows(self.shape, current, name)
        if not 0 <= index < len(listed):
            return
        row = listed[index]
        self._apply_rows(rules.without_row(self.shape, current, name, index))
        words = next((str(v) for v in row.values() if isinstance(v, str) and v.strip()), "")
        if words:  # a blank row leaves nothing to bring back
            self.removed(
                name,
                index,
                content.STAGE_REMOVED.format(what=rules.quoted(words)),
                lambda: self._apply_rows(rules.with_row(self.shape, self.values(), name, index, row)),
            )

    def _apply_rows(self, changes: Mapping[str, Any]) -> None:
        for name, value in changes.items():
            st.session_state[self.prefix + name] = value

    def undo(self) -> None:
        """Callback: put back what was removed or discarded last."""
        undo, self.book.undo = self.book.undo, None
        if undo is not None:
            undo.put_back()

    # -- what the page shows ----------------------------------------------------------------

    def status(self) -> None:
        """Under the page's intro: the restored draft (with Discard), a discarded one's Undo, a problem.

        Drawn in a slot of its own on every run, so a line coming or going never moves the fields
        below it: Streamlit draws a moved field anew, which empties whatever is being typed into it.
        """
        with st.container(key=f"draft_status_{self.stage}"):
            self._status_lines()

    def _status_lines(self) -> None:
        if self.book.restored is not None and self.book.drafted:
            with st.container(
                horizontal=True, vertical_alignment="center", key=f"draft_restored_{self.stage}"
            ):
                st.caption(content.DRAFT_RESTORED.format(time=shell.local_time(self.book.restored)))
                st.button(
                    content.DRAFT_DISCARD,
                    key=f"discard.{self.stage}",
                    type="tertiary",
                    icon=":material/undo:",
                    help=content.DRAFT_DISCARD_HELP,
                    on_click=self.discard,
                )
        self.undo_line("page")
        keeper = writer()
        if (
            keeper is not None
            and self.book.drafted
            and keeper.problem(shell.person(), self.setback_id, self.stage)
        ):
            st.caption(content.DRAFT_NOT_KEPT)

    def undo_line(self, where: str, index: int | None = None) -> None:
        """The "Removed “…” · Undo" line, when the last removal happened here."""
        undo = self.book.undo
        if undo is None or undo.where != where or (index is not None and undo.index != index):
            return
        with st.container(horizontal=True, vertical_alignment="center", key=f"undo_{self.stage}"):
            st.caption(undo.message)
            st.button(
                content.STAGE_UNDO,
                key=f"undo.{self.stage}",
                type="tertiary",
                icon=":material/undo:",
                help=content.STAGE_UNDO_HELP,
                on_click=self.undo,
            )


# -- the leave-page question -------------------------------------------------------------------

# Text typed into a field reaches the server only when the field is left (or Enter, or Ctrl+Enter in
# a text area; a form's fields when it is submitted). Until then it lives only in the page: a
# reload, closing the tab or leaving the site asks the browser's own "leave this page?" question
# then, and only then. Clicking anything in the app leaves the field first, which sends the text,
# so in-app clicks need no question. A page link waits for that run: a stage page's fields rerun
# the page alone (a fragment, see app.py), and a run of another page would otherwise come first
# and forget the fields before their words arrive.
_LEAVE_SCRIPT = """
<span data-rebound-leave-guard hidden></span>
<script>
(() => {
  if (window.reboundLeaveGuard) return;
  window.reboundLeaveGuard = true;
  const typing = new Set();
  const isText = (el) => el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && ["text", "search", "email", "url", "tel", ""].includes(el.type));
  const form = (el) => el.closest('[data-testid="stForm"]');
  document.addEventListener("input", (event) => {
    if (isText(event.target)) typing.add(event.target);
  }, true);
  const sent = (el) => typing.delete(el);
  document.addEventListener("focusout", (event) => {
    if (isText(event.target) && !form(event.target)) sent(event.target);
  }, true);
  document.addEventListener("keydown", (event) => {
    const el = event.target;
    if (!isText(el) || event.key !== "Enter") return;
    const committed = el instanceof HTMLInputElement || event.ctrlKey || event.metaKey;
    if (!committed) return;
    if (form(el)) form(el).querySelectorAll("input, textarea").forEach(sent);
    else sent(el);
  }, true);
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button");
    const inForm = button && form(button);
    if (inForm) inForm.querySelectorAll("input, textarea").forEach(sent);
  }, true);
  // A page link pressed while a field still holds words the server has not heard: the field is
  // left first, which sends them with a run of this page alone, and the link's click waits for
  // that run (the words reach their page's draft before the other page is drawn).
  const pageLinks = '[data-testid="stSidebarNav"] a, [data-testid="stPageLink"] a';
  let held = null;
  document.addEventListener("pointerdown", (event) => {
    const link = event.target.closest && event.target.closest(pageLinks);
    const el = document.activeElement;
    held = link && isText(el) && !form(el) && typing.has(el) ? link : null;
    if (held) el.blur();
  }, true);
  const afterRun = (then) => {
    const started = Date.now();
    let began = false;
    const look = () => {
      const running = document.querySelector('[data-test-script-state="running"]') !== null;
      began ||= running;
      const waited = Date.now() - started;
      if ((began && !running) || (!began && waited > 500) || waited > 5000) then();
      else setTimeout(look, 15);
    };
    look();
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(pageLinks);
    if (!link || link !== held) return;
    held = null;
    event.preventDefault();
    event.stopImmediatePropagation();
    afterRun(() => link.click());
  }, true);
  window.addEventListener("beforeunload", (event) => {
    for (const el of [...typing]) if (!el.isConnected) typing.delete(el);
    if (!typing.size || !document.querySelector("[data-rebound-leave-guard]")) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
</script>
"""


def leave_guard() -> None:
    """The small script behind the leave-page question (drawn once per signed-in run; runs once)."""
    st.html(_LEAVE_SCRIPT, unsafe_allow_javascript=True)
