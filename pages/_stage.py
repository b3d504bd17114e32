"""What the five stage pages share: drafts, small editable lists, messages beside fields, the Save button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core import content, crisis
from core.models import Setback, StageModel
from core.progress import stage_done
from core.storage import StorageError
from pages import _shell as shell


class Problems(Exception):
    """Input a model can't take, as {"dotted.path": message}; raised by a page's build function."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


class Worksheet:
    """One stage page for the current setback: its title, drafts, list rows, errors and Save button.

    Widgets keep their values in draft keys (they survive moving between pages). Save runs as a
    button callback, before the page draws, so the page, the "Saved at" note and the sidebar progress
    all show the saved state on the same run.
    """

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.setback: Setback = shell.require_setback()
        self.saved: StageModel | None = self.setback.stage(stage)
        self._claimed: set[str] = set()

    # -- header -----------------------------------------------------------------------------

    def header(self, intro: str) -> None:
        st.title(content.NAV[self.stage])
        st.caption(f"For {shell.escape(self.setback.title())}")
        st.write(intro)

    # -- drafts -----------------------------------------------------------------------------

    def key(self, field: str) -> str:
        """The widget key of a field's draft."""
        return shell.draft_key(self.setback, self.stage, field)

    def value(self, field: str, default: Any = None) -> Any:
        """A field's current draft value."""
        value = st.session_state.get(self.key(field))
        return default if value is None else value

    def seed(self, values: dict[str, Any]) -> None:
        """Start each field at its saved value, unless a draft is already there."""
        shell.seed_drafts(self.setback, self.stage, values)

    # -- small editable lists ---------------------------------------------------------------

    def seed_rows(self, field: str, rows: list[dict[str, Any]], minimum: int = 1) -> None:
        """Seed a list's rows (`{part: value}` each) and its length, at least `minimum` rows."""
        values: dict[str, Any] = {f"{field}.count": max(len(rows), minimum)}
        for index, row in enumerate(rows):
            values |= {f"{field}.{index}.{part}": value for part, value in row.items()}
        self.seed(values)

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
        """Callback: take a row out of a list, moving the rows below it up."""
        count = self.row_count(field)
        for below in range(index, count - 1):
            self._set_row(
                field, below, {part: self.value(f"{field}.{below + 1}.{part}", parts[part]) for part in parts}
            )
        # Blanked rather than deleted, so no kept draft can bring the old words back into a new row.
        self._set_row(field, count - 1, parts)
        st.session_state[self.key(f"{field}.count")] = max(count - 1, 0)

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
        st.markdown(f"##### {title}")
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
        """A small button that removes one row."""
        st.button(
            "",
            key=f"remove.{self.stage}.{field}.{index}",
            icon=":material/close:",
            help=content.STAGE_REMOVE_ROW,
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
        try:
            model = build()
            updated = shell.store().save_stage(shell.username(), self.setback.id, self.stage, model)
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
        was_done = stage_done(self.setback, self.stage)
        # The fragment's rerun draws with this object, so it must show the saved state.
        self.setback, self.saved = updated, updated.stage(self.stage)
        self._start = self.saved
        cleaned = _changed(build, self.saved)  # e.g. blank rows left out of what was saved
        if (
            whole_page
            or had_errors
            or after is not None
            or cleaned
            or stage_done(updated, self.stage) != was_done
        ):
            st.session_state[self._whole_page_key] = True
            # The saved values are the new start; cleaned lists (blank rows gone) show as saved.
            shell.drop_drafts(self.setback, self.stage)
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


def crisis_card(text: str) -> None:
    """A calm card with places to turn to, shown when the text holds self-harm or suicide language."""
    if not crisis.signals_crisis(text):
        return
    place = crisis.region(shell.settings().crisis_region)
    with st.container(border=True, key="crisis_card"):
        st.markdown(f"**{content.CRISIS_TITLE}**")
        st.write(content.CRISIS_BODY)
        lines = [f"- **{line.name}** — {line.contact}" for line in place.lines]
        lines.append(
            f"- **{crisis.DIRECTORY.name}** — [{crisis.DIRECTORY.contact}](https://{crisis.DIRECTORY.contact})"
        )
        st.markdown("\n".join(lines))
        st.markdown(content.CRISIS_EMERGENCY.format(number=place.emergency))
