"""The background warm-up: it loads what the pages need, and only once someone is signed in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pages import _warm
from tests.app.conftest import APP, signed_in_app

ROOT = Path(__file__).resolve().parents[2]


def test_the_warm_up_loads_the_heavy_modules_the_crisis_phrases_and_the_typesetter():
    # A fresh interpreter: this one may have loaded all of it already.
    check = """
import sys
from pages import _warm
assert "pandas" not in sys.modules and "typst" not in sys.modules
_warm.warm()
from core import crisis, pdf
assert {"pandas", "pyarrow", "altair", "typst", "core.summary"} <= set(sys.modules), "not all imported"
assert crisis._index.cache_info().currsize > 0, "crisis phrases not compiled"
assert pdf._typesetter is not None, "typesetter not started"
"""
    answer = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr


def test_the_sign_in_page_does_not_start_the_warm_up_and_a_signed_in_run_does(monkeypatch):
    started = []
    monkeypatch.setattr(_warm, "start", lambda: started.append(True))
    signed_out = AppTest.from_file(APP, default_timeout=30)
    signed_out.run()
    assert started == [] and not signed_out.exception
    signed_in = signed_in_app()
    signed_in.run()
    assert started == [True]
    assert not signed_in.exception
