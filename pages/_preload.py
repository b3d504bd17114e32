"""Streamlit's widget scripts, loaded into the tab in the background before a page needs them.

Streamlit's browser code fetches and compiles a widget's script the first time a page in the tab
shows that widget: opening Vent first loads the slider's, Next targets the table's. Measured on
the two-core dev machine, that made a page's first visit in a tab 20-90 ms slower than the next
(more under load; more on a phone). The script drawn here imports those scripts one at a time, in
the order of the walk, each once the tab has been left alone for QUIET_MS (no run going, no key,
click or scroll: a person reading or thinking), so the work keeps out of the way of what they do; the
browser keeps each module, so when a page asks for one later it is already there.

The names are Streamlit's own file names (`static/js/<Widget>.<hash>.js`), read from the
installed package; tests/unit/test_preload.py fails when an upgrade renames one.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import streamlit as st

# The widgets Rebound's pages draw whose scripts Streamlit loads on first use, in the walk's order:
# Start here (the intake form), Vent, Reflect, What went well, Next targets, Summary, Account.
LAZY_WIDGETS = (
    "TextInput",
    "DateInput",
    "Radio",
    "TextArea",
    "Slider",
    "Checkbox",
    "PageLink",
    "ButtonGroup",
    "Multiselect",
    "StreamlitSyntaxHighlighter",
    "DataFrame",
    "ArrowVegaLiteChart",
    "Table",
    "DownloadButton",
    "FileUploader",
)
SCRIPTS = Path(st.__file__).parent / "static" / "static" / "js"
DONE = "rebound_widgets_preloaded"
QUIET_MS = 1000  # how long the tab has been left alone before a script is loaded
# Off switch, for an operator whose people pay for every megabyte (the scripts and what they
# import: about 70 files, 4.5 MB before compression), or a load test that runs many tabs in one
# browser on one machine (where no person's browser would).
OFF = "REBOUND_NO_PRELOAD"

_SCRIPT = """
<script>
(() => {
  if (window.reboundPreload) return;  // once per tab: a reconnect's new session finds it begun
  window.reboundPreload = "waiting";  // "done" once every script is in (the bench and tests wait for it)
  // Streamlit's own scripts sit beside its main module, whatever the app's base address.
  const main = document.querySelector('script[type="module"][src*="/static/js/"]');
  if (!main) return;
  const queue = %s.map((name) => new URL(name, main.src).href);
  // Compiling a script holds the page for up to ~100 ms: only after a quiet second, so it seldom
  // lands on a key press, a click or a run's drawing.
  let last = Date.now();
  const busy = () => { last = Date.now(); };
  for (const kind of ["pointerdown", "keydown", "input", "wheel", "touchstart"]) {
    document.addEventListener(kind, busy, { capture: true, passive: true });
  }
  const step = () => {
    if (!document.querySelector('[data-test-script-state="notRunning"]')) busy();  // a run is going
    const wait = last + %d - Date.now();
    if (wait > 0) return setTimeout(step, Math.max(wait, 100));
    const url = queue.shift();
    if (!url) return void (window.reboundPreload = "done");
    window.reboundPreload = "loading";
    import(url).catch(() => {}).finally(() => setTimeout(step, 20));
  };
  setTimeout(step, 100);
})();
</script>
"""


@functools.cache
def widget_scripts() -> tuple[str, ...]:
    """The file name of each of LAZY_WIDGETS' scripts in the installed Streamlit (those found)."""
    names = []
    for widget in LAZY_WIDGETS:
        found = sorted(path.name for path in SCRIPTS.glob(f"{widget}.*.js"))
        if len(found) == 1:
            names.append(found[0])
    return tuple(names)


def preload() -> None:
    """Draw the preloading script once per session (call it inside style.scripts())."""
    if st.session_state.get(DONE) or os.environ.get(OFF) == "1" or not widget_scripts():
        return
    st.session_state[DONE] = True
    st.html(_SCRIPT % (json.dumps(list(widget_scripts())), QUIET_MS), unsafe_allow_javascript=True)
