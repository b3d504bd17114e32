"""Load what the pages need in the background once the server is answering, so no first visit waits.

The sign-in page needs none of it (bench/bench_cold_start.py checks that nothing heavy is loaded
before its first paint); the first page visits after a start otherwise paid for it, one by one
(bench/bench_pages.py): the data tables and charts (pandas, pyarrow, Altair and its schema), the
crisis check's compiled phrases (the first Vent), the PDF typesetter, and Streamlit compiling each
page script. app.py calls start() after every signed-in run; the work happens once per process.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
from pathlib import Path

import streamlit as st

log = logging.getLogger(__name__)

# Time for the run's page to reach the browser and be painted before any of this competes with it
# for the interpreter.
DELAY_S = 0.5
# Imported by the pages (or by Streamlit for them) on first use.
MODULES = (
    "pandas",
    "pyarrow",
    "altair",
    "core.suggestions",
    "core.patterns",
    "core.targets",
    "core.followups",
    "core.emotions",
    "core.data_zip",
    "core.exports",
    "core.summary",
    "core.pdf",
)
PAGES = Path(os.path.abspath(__file__)).parent  # as Streamlit names the pages (abspath, not resolve)
# Off switch for an operator who would rather keep memory low than first visits quick.
OFF = "REBOUND_NO_WARM_UP"


def start() -> threading.Thread | None:
    """Start the warm-up, the first time only; the thread (None when switched off)."""
    if os.environ.get(OFF) == "1":
        return None
    return _started()


@st.cache_resource(show_spinner=False)
def _started() -> threading.Thread:
    thread = threading.Thread(target=warm, args=(DELAY_S,), name="rebound-warm-up", daemon=True)
    thread.start()
    return thread


def warm(delay_s: float = 0.0) -> None:
    """Do what the pages would otherwise do on their first visit; a step that fails is only logged."""
    time.sleep(delay_s)
    for step in (_imports, _crisis_phrases, _chart_schema, _page_code, _typesetter):
        try:
            step()
        except Exception:  # the warm-up only saves time; the page still does it itself
            log.warning("warm-up step %s failed", step.__name__, exc_info=True)
        time.sleep(0)  # let a person's run have the interpreter between steps


def _imports() -> None:
    for name in MODULES:
        importlib.import_module(name)
        time.sleep(0)


def _crisis_phrases() -> None:
    from core import crisis

    crisis.check("warming up")  # compiles every language's phrases once (~0.4 s)


def _chart_schema() -> None:
    import altair as alt
    import pandas as pd

    # The first chart validates against the Vega-Lite schema, which loads it (a few hundred ms).
    alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q").to_dict()


def _page_code() -> None:
    """Compile every page into the script cache Streamlit keeps per process (as a first visit would)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    cache = getattr(Runtime.instance(), "_script_cache", None)
    if cache is None:
        return
    for path in sorted(PAGES.glob("[!_]*.py")):
        cache.get_bytecode(str(path))
        time.sleep(0)


def _typesetter() -> None:
    from core import pdf

    pdf.warm_up()
