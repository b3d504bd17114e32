"""The bare Streamlit app Rebound is measured against: one text area, one button that writes a line."""

import os
import tempfile
from pathlib import Path

import streamlit as st

# The benchmark points this at its temp folder; run by hand, the line goes to the system temp folder.
OUT = Path(os.environ.get("REBOUND_BASELINE_FILE") or Path(tempfile.gettempdir()) / "rebound-baseline.txt")

st.title("Baseline")
text = st.text_area("Text")
if st.button("Save"):
    with OUT.open("a", encoding="utf-8") as handle:
        handle.write(text.replace("\n", " ") + "\n")
    st.write("Saved")
