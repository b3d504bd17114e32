"""Placeholder until this stage is built."""

import streamlit as st

from core import content

st.title(content.NAV["account"])
st.info(content.COMING_NEXT)
