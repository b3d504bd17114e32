"""Account → Import an export: upload, preview, a choice per setback that differs, consent, result.

Thin: the zip is checked by core.importer (nothing written until all of it passes), compared by
Store.plan_import and written by Store.apply_import; this module only draws and collects choices.
"""

from __future__ import annotations

import streamlit as st

from core import content, importer
from core.storage import StorageError
from pages import _shell as shell

PREFIX = "account.import"
FILE_KEY = f"{PREFIX}.file"  # + the upload round, so a finished import empties the uploader
ROUND = f"{PREFIX}.round"
PLAN = f"{PREFIX}.plan"  # (file id, ImportPlan | None, refusal message)
CONSENT = f"{PREFIX}.consent"
RESULT = f"{PREFIX}.result"
SKIPPED_SHOWN = 50


def choice_key(setback_id: str) -> str:
    return f"{PREFIX}.choice.{setback_id}"


def _plan(uploaded) -> tuple[importer.ImportPlan | None, str]:
    """The plan for this upload (checked once per file), or why it can't be imported."""
    held = st.session_state.get(PLAN)
    if held and held[0] == uploaded.file_id:
        return held[1], held[2]
    plan, problem = None, ""
    try:
        with st.spinner(content.IMPORT_READING):
            contents = importer.read_export(uploaded.getvalue())
            plan = shell.store().plan_import(shell.person(), contents)
    except importer.ImportRefused as error:
        problem = str(error)
    except StorageError as error:
        problem = str(error)
    st.session_state[PLAN] = (uploaded.file_id, plan, problem)
    return plan, problem


def _preview(plan: importer.ImportPlan) -> None:
    st.subheader(content.IMPORT_PREVIEW_TITLE, anchor=False)
    made_by = plan.made_by or content.IMPORT_OLDER_REBOUND
    if plan.username:
        st.text(content.IMPORT_FROM.format(username=plan.username, made_by=made_by))
    else:
        st.text(content.IMPORT_FROM_UNNAMED.format(made_by=made_by))
    st.text(
        content.IMPORT_COUNTS.format(
            total=len(plan.incoming),
            new=plan.count("new"),
            identical=plan.count("identical"),
            different=plan.count("different"),
            drafts=plan.drafts,
        )
    )
    if plan.upgraded:
        st.text(content.IMPORT_UPGRADED.format(count=plan.upgraded))
    if plan.incoming:
        rows = [
            {
                content.IMPORT_TABLE_COMPANY: item.setback.intake.company,
                content.IMPORT_TABLE_ROLE: item.setback.intake.role,
                content.IMPORT_TABLE_HEARD: item.setback.intake.heard_on,
                content.IMPORT_TABLE_STATUS: content.IMPORT_STATUS[item.status],
            }
            for item in plan.incoming
        ]
        st.dataframe(rows, hide_index=True, width="stretch", key=f"{PREFIX}.table")


def _choices(plan: importer.ImportPlan) -> dict[str, importer.Choice]:
    if not plan.different:
        return {}
    st.subheader(content.IMPORT_CHOICES_TITLE, anchor=False)
    st.caption(content.IMPORT_CHOICES_HELP)
    chosen = {}
    for item in plan.different:
        theirs, mine = item.setback, item.here
        label = content.IMPORT_CHOICE_LABEL.format(
            company=shell.escape(theirs.intake.company),
            heard_on=theirs.intake.heard_on.isoformat(),
            here_changed=mine.updated_at.strftime("%Y-%m-%d %H:%M") if mine else "—",
            there_changed=theirs.updated_at.strftime("%Y-%m-%d %H:%M"),
        )
        picked = st.radio(
            label,
            importer.CHOICES,
            index=None,
            format_func=content.IMPORT_CHOICE.get,
            key=choice_key(theirs.id),
        )
        if picked is not None:
            chosen[theirs.id] = picked
    return chosen


def _skipped(plan: importer.ImportPlan) -> bool:
    """List what would be left out and ask whether that is all right; whether the person agreed."""
    if not plan.skipped:
        return True
    st.subheader(content.IMPORT_SKIPPED_TITLE, anchor=False)
    st.write(content.IMPORT_SKIPPED_HELP)
    for skipped in plan.skipped[:SKIPPED_SHOWN]:
        reason = content.IMPORT_SKIPPED[skipped.reason].format(detail=skipped.detail)
        st.text(content.IMPORT_SKIPPED_LINE.format(name=skipped.name, reason=reason))
    if len(plan.skipped) > SKIPPED_SHOWN:
        st.text(content.IMPORT_SKIPPED_MORE.format(count=len(plan.skipped) - SKIPPED_SHOWN))
    return st.checkbox(content.IMPORT_CONSENT, key=CONSENT)


def _run(plan: importer.ImportPlan, chosen: dict[str, importer.Choice]) -> None:
    """Write the import with a progress bar, then start the uploader afresh and show the result."""
    decision = importer.decide(plan, chosen)
    total = len(decision.writes)
    bar = st.progress(0.0, text=content.IMPORT_WRITING.format(done=0, total=total))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=content.IMPORT_WRITING.format(done=done, total=total))

    try:
        result = shell.store().apply_import(shell.person(), decision, progress)
    except StorageError as error:
        st.session_state[RESULT] = ("error", content.IMPORT_FAILED.format(problem=str(error)))
    else:
        messages = [
            content.IMPORT_DONE.format(
                added=result.added,
                replaced=result.replaced,
                copies=result.copies,
                identical=result.identical,
                kept=result.kept,
                drafts=result.drafts,
            )
        ]
        if result.prep_sheet:
            messages.append(content.IMPORT_DONE_PREP)
        if plan.skipped:
            messages.append(content.IMPORT_DONE_SKIPPED.format(skipped=len(plan.skipped)))
        if result.not_written:
            messages.append(content.IMPORT_NOT_WRITTEN.format(count=len(result.not_written)))
        if result.stopped is not None:
            messages.append(content.IMPORT_FAILED.format(problem=str(result.stopped)))
        st.session_state[RESULT] = ("warning" if result.stopped else "success", " ".join(messages))
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{PREFIX}.choice.")]:
        del st.session_state[key]
    st.session_state.pop(PLAN, None)
    st.session_state.pop(CONSENT, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.rerun()


def section() -> None:
    st.header(content.IMPORT_TITLE, anchor=False)
    st.write(content.IMPORT_HELP)
    if result := st.session_state.pop(RESULT, None):
        kind, message = result
        if kind == "success":
            st.success(message, icon=":material/check:")
        elif kind == "warning":
            st.warning(message)
        else:
            st.error(message)
    uploaded = st.file_uploader(
        content.IMPORT_UPLOADER,
        type=["zip"],
        key=f"{FILE_KEY}.{st.session_state.get(ROUND, 0)}",
        help=content.IMPORT_UPLOADER_HELP,
        max_upload_size=importer.MAX_ZIP_BYTES // 1_000_000,
    )
    if uploaded is None:
        st.session_state.pop(PLAN, None)
        return
    plan, problem = _plan(uploaded)
    if plan is None:
        st.error(problem)
        return
    _preview(plan)
    if not plan.incoming and plan.prep_sheet is None:
        st.info(content.IMPORT_EMPTY)
        return
    chosen = _choices(plan)
    agreed = _skipped(plan)
    try:
        nothing = not importer.decide(plan, {item.setback.id: "keep" for item in plan.different}).writes
    except importer.ChoicesMissing:
        nothing = False
    if nothing and not plan.different and plan.prep_sheet is None:
        st.info(content.IMPORT_NOTHING)
        return
    if st.button(content.IMPORT_BUTTON, key=f"{PREFIX}.go", type="primary", icon=":material/upload:"):
        if len(chosen) < len(plan.different):
            st.warning(content.IMPORT_CHOICES_MISSING)
        elif not agreed:
            st.warning(content.IMPORT_CONSENT_MISSING)
        else:
            _run(plan, chosen)
