"""The bare multipage Streamlit app page switches are measured against: two st.Pages, each like baseline_app."""

import streamlit as st

navigation = st.navigation(
    [st.Page("one.py", title="One", default=True), st.Page("two.py", title="Two")], expanded=True
)
navigation.run()
