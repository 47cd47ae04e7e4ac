"""ResBlock Explorer: see, change and run the residual blocks of modern CNNs.

Entry point: `streamlit run app.py`. The shared controls live in the sidebar and are bound to the
address, so a copied link reproduces the exact view.
"""

import streamlit as st

import ui

st.set_page_config(page_title="ResBlock Explorer", page_icon=":material/stacks:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/graph.py", title="Graph", icon=":material/account_tree:", url_path="graph"),
    st.Page("pages/split.py", title="Split-transform-merge", icon=":material/call_split:", url_path="split"),
    st.Page("pages/budget.py", title="Budget", icon=":material/balance:", url_path="budget"),
    st.Page("pages/run.py", title="Run & time", icon=":material/timer:", url_path="run"),
]

page = st.navigation(PAGES)
view = ui.sidebar(page.url_path)
st.session_state["view"] = view
try:
    page.run()
finally:  # also after st.stop(): the notes on the link and the share link are always drawn
    ui.finish(view)
