"""Every page starts by leaving Streamlit's `pages/` folder mode (tests/e2e/test_gate.py shows why)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "pages").glob("[a-z]*.py"))


def _first_statement_after_imports(path: Path) -> str:
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        return ast.unparse(node)
    return ""


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_first_thing_a_page_does_is_go_through_the_router(script):
    assert _first_statement_after_imports(script) == "shell.through_router()"


def test_a_page_is_known_to_run_on_its_own_unless_app_py_runs_it():
    from pages import _shell

    assert _shell._run_by_router() is False  # here, nothing on the stack is app.py
    namespace = {"shell": _shell, "seen": []}
    exec(compile("seen.append(shell._run_by_router())", str(_shell.ROUTER), "exec"), namespace)
    assert namespace["seen"] == [True]  # as if in app.py
