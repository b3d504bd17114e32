"""What the stage pages share: drafts, small editable lists, messages and crisis cards beside fields, Save."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core import content, crisis
from core import drafts as rules
from core.models import Setback, StageModel
from core.progress import stage_done
from core.storage import StorageError
from pages import _drafts as drafts
from pages import _shell as shell


class Problems(Exception):
    """Input a model can't take, as {"dotted.path": message}; raised by a page's build function."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


class Worksheet:
    """One stage page for the current setback: its title, drafts, list rows, errors and Save button.

    Widgets keep their values in draft keys (they survive moving between pages, and pages/_drafts.py
    keeps them in storage until Save). Save runs as a button callback, before the page draws, so the
    page, the "Saved at" note and the sidebar progress all show the saved state on the same run.
    """

    def __init__(self, stage: str) -> None:
        self.stage = stage
        # The title comes first, so even the "no setback yet" pointer is under the page's heading.
        st.title(content.NAV[stage], anchor=False)
        self.setback: Setback = shell.require_setback()
        self.saved: StageModel | None = self.setback.stage(stage)
        self._claimed: set[str] = set()
        self._crisis = CrisisCards()
        self.drafts = drafts.PageDrafts(self.setback.id, stage)

    # -- header -----------------------------------------------------------------------------

    def header(self, intro: str) -> None:
        st.caption(content.STAGE_FOR.format(title=shell.escape(self.setback.title())))
        st.write(intro)
        self.drafts.status()  # "Restored what you wrote at 14:02, not saved yet" and Discard

    # -- drafts -----------------------------------------------------------------------------

    def key(self, field: str) -> str:
        """The widget key of a field's draft."""
        return drafts.draft_key(self.setback.id, self.stage, field)

    def value(self, field: str, default: Any = None) -> Any:
        """A field's current draft value."""
        value = st.session_state.get(self.key(field))
        return default if value is None else value

    def seed(
        self,
        values: dict[str, Any],
        aside: frozenset[str] = frozenset(),
        compare: dict[str, Callable[[Any], Any]] | None = None,
    ) -> None:
        """Start each field at its saved value, unless a draft (kept, or this session's) is there.

        `aside`: fields kept with the draft that are not changes by themselves; `compare`: for a
        field that needs it, what of its value counts when telling it from the saved one.
        """
        self.drafts.seed(rules.Shape(saved=values, aside=aside, compare=compare or {}))

    def browser_holds(self, key: str) -> bool:
        """Whether the browser sent a value for this widget key with this run (see pages/_drafts.py)."""
        return key in self.drafts.browser

    def on_replace(self, hook: Callable[[], None]) -> None:
        """Call `hook` when Discard or Undo replace the page's values."""
        self.drafts.on_replace(hook)

    # -- small editable lists ---------------------------------------------------------------

    def seed_rows(
        self,
        field: str,
        rows: list[dict[str, Any]],
        parts: dict[str, Any],
        minimum: int = 1,
        fixed: bool = False,
    ) -> None:
        """Seed a list's rows (`{part: value}` each, blank as in `parts`) and its length, at least `minimum`.

        A `fixed` list always shows `minimum` rows: removing one blanks the last instead.
        """
        self.drafts.seed(
            rules.Shape(
                saved=rules.list_values(field, rows + [dict(parts)] * (minimum - len(rows)), minimum),
                lists={field: parts},
                fixed=frozenset({field}) if fixed else frozenset(),
            )
        )

    def each_row(self, field: str) -> Iterator[int]:
        """The list's row numbers, with the "Removed “…” · Undo" line where a row was just removed."""
        count = self.row_count(field)
        for index in range(count):
            self.drafts.undo_line(field, index)
            yield index
        undo = self.drafts.book.undo
        if undo is not None and undo.where == field and undo.index >= count:
            self.drafts.undo_line(field)

    def row_count(self, field: str) -> int:
        return int(self.value(f"{field}.count", 0))

    def row_key(self, field: str, index: int, part: str) -> str:
        return self.key(f"{field}.{index}.{part}")

    def rows(self, field: str, parts: dict[str, Any]) -> list[dict[str, Any]]:
        """Every row of a list as on screen (blank ones too), each part defaulting as in `parts`."""
        return [
            {part: self.value(f"{field}.{index}.{part}", default) for part, default in parts.items()}
            for index in range(self.row_count(field))
        ]

    def add_row(
        self, field: str, limit: int, parts: dict[str, Any], values: dict[str, Any] | None = None
    ) -> None:
        """Callback: fill the first empty row with `values`, or add a row (up to `limit`)."""
        count = self.row_count(field)
        if values:
            for index in range(count):
                if not any(str(self.value(f"{field}.{index}.{part}", "")).strip() for part in values):
                    self._set_row(field, index, values)
                    return
        if count >= limit:
            return
        st.session_state[self.key(f"{field}.count")] = count + 1
        self._set_row(field, count, parts | (values or {}))

    def remove_row(self, field: str, index: int, parts: dict[str, Any]) -> None:
        """Callback: take a row out of a list, moving the rows below it up; Undo puts it back."""
        self.drafts.remove_row(field, index)

    def removed_rows(
        self, where: str, gone: list[tuple[int, dict[str, Any]]], put_back: Callable[[Any], None]
    ) -> None:
        """Offer Undo for rows a widget removed itself (the targets table): `put_back(gone)` restores them."""
        words = [
            next((str(v) for v in row.values() if isinstance(v, str) and v.strip()), "") for _, row in gone
        ]
        if len(gone) == 1:
            message = content.STAGE_REMOVED.format(what=rules.quoted(words[0] or str(gone[0][0] + 1)))
        else:
            message = content.STAGE_REMOVED_ROWS.format(len(gone))
        self.drafts.removed(where, gone[0][0], message, lambda: put_back(gone))

    def undo_line(self, where: str) -> None:
        """The "Removed “…” · Undo" line for a removal at `where`, if it was the last thing removed."""
        self.drafts.undo_line(where)

    def _set_row(self, field: str, index: int, values: dict[str, Any]) -> None:
        for part, value in values.items():
            st.session_state[self.row_key(field, index, part)] = value

    def add_button(self, field: str, limit: int, parts: dict[str, Any]) -> None:
        """The "Add another" button under a list."""
        st.button(
            content.STAGE_ADD_ROW,
            key=f"add.{self.stage}.{field}",
            icon=":material/add:",
            on_click=self.add_row,
            args=(field, limit, parts),
            disabled=self.row_count(field) >= limit,
        )

    def idea_buttons(
        self, title: str, ideas: list[str], field: str, limit: int, parts: dict[str, Any]
    ) -> None:
        """One-click ideas that fill a row of a list with their text."""
        if not ideas:
            return
        st.markdown(f"**{title}**")
        for index, idea in enumerate(ideas):
            st.button(
                shell.escape(idea),  # labels are markdown, and ideas can carry the company's name
                key=f"idea.{self.stage}.{index}",
                icon=":material/add:",
                type="tertiary",
                on_click=self.add_row,
                args=(field, limit, parts, {"text": idea}),
            )

    def remove_button(self, field: str, index: int, parts: dict[str, Any]) -> None:
        """A small x that removes one row, named for it ("Remove win 3"); _style shows the name on phones."""
        st.button(
            content.STAGE_REMOVE[f"{self.stage}.{field}"].format(n=index + 1),
            key=f"remove.{self.stage}.{field}.{index}",
            icon=":material/close:",
            type="tertiary",
            on_click=self.remove_row,
            args=(field, index, parts),
        )

    # -- errors -----------------------------------------------------------------------------

    @property
    def _errors_key(self) -> str:
        return f"errors.{self.setback.id}.{self.stage}"

    def errors(self) -> dict[str, str]:
        return st.session_state.get(self._errors_key, {})

    def field_error(self, path: str) -> None:
        """Show the messages for a field (and anything inside it) right where it is."""
        for where, message in self.errors().items():
            if where == path or where.startswith(path + "."):
                self._claimed.add(where)
                st.error(message, icon=":material/edit:")

    def crisis_card(self, field: str, *more: str) -> None:
        """The crisis card beside a field (and the fields `more` names with it), when their text calls for one."""
        self._crisis.beside(self.key(field), *(str(self.value(name, "") or "") for name in (field, *more)))

    def crisis_card_for(self, key: str, *texts: str) -> None:
        """The crisis card beside a field whose text the page has at hand (a table, say)."""
        self._crisis.beside(key, *texts)

    # -- saving -----------------------------------------------------------------------------

    @property
    def _whole_page_key(self) -> str:
        return f"whole_page.{self.setback.id}.{self.stage}"

    def _save(
        self, build: Callable[[], StageModel], after: Callable[[], None] | None, whole_page: bool
    ) -> None:
        """Save the stage; ask for a whole-page run only when something outside the Save area changes.

        Runs as the Save button's callback, before the Save fragment reruns. Most saves change only
        that area (the "Saved at" note), so the rest of the page is not drawn again; messages beside
        fields, a stage turning done in the sidebar, lists cleaned of blank rows and a page's own
        after-save step all need the whole page.
        """
        had_errors = self._errors_key in st.session_state
        had_notes = self.drafts.book.restored is not None or self.drafts.book.undo is not None
        try:
            model = build()
            updated = shell.store().save_stage(shell.person(), self.setback.id, self.stage, model)
        except ValidationError as error:
            self._fail(content.stage_errors(error))
            return
        except Problems as problems:
            self._fail(problems.problems)
            return
        except StorageError as error:
            self._fail({"": str(error)})
            return
        st.session_state.pop(self._errors_key, None)
        self.drafts.saved()  # the draft became the saved stage
        was_done = stage_done(self.setback, self.stage)
        # The fragment's rerun draws with this object, so it must show the saved state.
        self.setback, self.saved = updated, updated.stage(self.stage)
        self._start = self.saved
        cleaned = _changed(build, self.saved)  # e.g. blank rows left out of what was saved
        if (
            whole_page
            or had_errors
            or had_notes  # the restored line or an Undo go away
            or after is not None
            or cleaned
            or stage_done(updated, self.stage) != was_done
        ):
            st.session_state[self._whole_page_key] = True
            # The saved values are the new start; cleaned lists (blank rows gone) show as saved.
            drafts.drop_drafts(self.setback.id, self.stage)
        if after is not None:
            after()

    def _fail(self, problems: dict[str, str]) -> None:
        st.session_state[self._errors_key] = problems
        st.session_state[self._whole_page_key] = True  # the messages sit beside their fields

    def save_button(
        self,
        build: Callable[[], StageModel],
        start: StageModel,
        after: Callable[[], None] | None = None,
        whole_page: bool = False,
    ) -> None:
        """Save, then a quiet "Saved at" note, messages no field showed, and an unsaved-changes hint.

        `whole_page`: the page draws something after Save that depends on what is saved, so every
        save redraws the whole page.
        """
        self.drafts.keep()  # everything the page drew is on screen now: keep it as the draft
        st.divider()
        self._start = start  # what "unsaved changes" is measured against

        @st.fragment
        def save_area() -> None:
            st.button(
                content.SAVE,
                key=f"save.{self.stage}",
                type="primary",
                icon=":material/check:",
                on_click=self._save,
                args=(build, after, whole_page),
            )
            if st.session_state.pop(self._whole_page_key, False):
                st.rerun(scope="app")
            errors = self.errors()
            if errors:
                for where, message in errors.items():
                    if where not in self._claimed:
                        st.error(message, icon=":material/error:")
                if set(errors) & self._claimed:
                    st.warning(content.STAGE_CHECK, icon=":material/arrow_upward:")
            elif _changed(build, self._start):
                st.caption(content.STAGE_UNSAVED)
            else:
                shell.saved_note(self.saved)

        save_area()

    def next_link(self) -> None:
        shell.next_stage_link(self.stage)


def _changed(build: Callable[[], StageModel], start: StageModel) -> bool:
    """Whether what is on screen differs from what the page started with."""
    try:
        now = build()
    except (ValidationError, Problems):
        return True
    return now.model_dump(exclude={"saved_at"}) != start.model_dump(exclude={"saved_at"})


# -- crisis cards -----------------------------------------------------------------------------

CLOSED_CARDS = "crisis_closed"  # {person: {field key: fingerprints of the words whose card they closed}}


def crisis_region() -> crisis.Region:
    """The crisis lines for this person: the operator's choice, else their browser's language and zone."""
    return crisis.region_for(shell.settings().crisis_region_chosen, st.context.locale, st.context.timezone)


class CrisisCards:
    """The crisis cards of one page run: a calm card beside each field whose text calls for one.

    Checked on every run, so a card appears as soon as the words reach the server. The card never
    blocks anything. Closing it is remembered for the words that raised it (their fingerprints,
    not the words), so it stays closed on every later run; new words that call for a card bring it
    back. Words a card is already showing for on this run raise no second card for another field.
    """

    def __init__(self) -> None:
        self._shown: set[str] = set()

    def beside(self, field: str, *texts: str) -> None:
        """Draw the card for `field` (a widget key), if its text calls for one; call right after the field.

        The card has a slot of its own, drawn on every run: a card coming or going never moves the
        fields below it (Streamlit draws a moved field anew, emptying what is being typed into it).
        """
        # Keys become CSS classes (st-key-…): a fingerprint of the field keeps them plain.
        name = hashlib.sha256(field.encode()).hexdigest()[:12]
        with st.container(key=f"crisis_slot_{name}"):
            finding = crisis.check(
                " . ".join(text for text in texts if isinstance(text, str) and text.strip())
            )
            if not finding:
                return
            closed = _closed().get(field, frozenset())
            if not finding.digests - closed - self._shown:
                return
            self._shown |= finding.digests
            _card(finding, field, name)


def _closed() -> dict[str, frozenset[str]]:
    everyone = st.session_state.setdefault(CLOSED_CARDS, {})
    return everyone.setdefault(shell.username(), {})


def _close(field: str, digests: frozenset[str]) -> None:
    """Callback: remember that the card for these words beside this field was closed."""
    closed = _closed()
    closed[field] = closed.get(field, frozenset()) | digests


def _card(finding: crisis.Finding, field: str, fingerprint: str) -> None:
    place = crisis.shown(crisis_region())
    helpline = crisis.directory()
    gentle = finding.tier < crisis.Tier.EXPLICIT
    name = f"crisis_{'gentle' if gentle else 'explicit'}_{fingerprint}"
    with st.container(border=True, key=name):
        if gentle:
            st.markdown(f"**{content.CRISIS_GENTLE_TITLE}**")
            st.write(content.CRISIS_GENTLE_BODY.format(topics=content.crisis_topics(finding.topics)))
        else:
            st.markdown(f"**{content.CRISIS_TITLE}**")
            st.write(content.CRISIS_BODY)
        lines = [f"- **{line.name}** — {line.contact}" for line in place.lines]
        lines.append(f"- **{helpline.name}** — [{helpline.contact}](https://{crisis.DIRECTORY.contact})")
        st.caption(content.CRISIS_LINES_FOR.format(region=place.name))
        st.markdown("\n".join(lines))
        st.markdown(content.CRISIS_EMERGENCY.format(number=place.emergency))
        st.button(
            content.CRISIS_CLOSE,
            key=f"close_{name}",
            icon=":material/close:",
            type="tertiary",
            help=content.CRISIS_CLOSE_HELP,
            on_click=_close,
            args=(field, finding.digests),
        )
