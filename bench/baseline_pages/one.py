"""Page one of the bare multipage app: bench/baseline_app.py's text area and button."""

import os
import tempfile
from pathlib import Path

import streamlit as st

OUT = Path(os.environ.get("REBOUND_BASELINE_FILE") or Path(tempfile.gettempdir()) / "rebound-baseline.txt")

st.title("One")
text = st.text_area("Text", key="one")
if st.button("Save", key="save_one"):
    with OUT.open("a", encoding="utf-8") as handle:
        handle.write(text.replace("\n", " ") + "\n")
    st.write("Saved")
