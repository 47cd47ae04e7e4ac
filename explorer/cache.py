"""Cached calls into the library, shared by every session of the server."""

import streamlit as st

from resblocks import BlockConfig
from resblocks.analysis import Analysis, analyze


@st.cache_data(max_entries=256, show_spinner=False)
def analysis(cfg: BlockConfig) -> Analysis:
    return analyze(cfg)
