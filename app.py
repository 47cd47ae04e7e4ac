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
]

page = st.navigation(PAGES)
view = ui.sidebar(page.url_path)
st.session_state["view"] = view
page.run()
ui.show_share_link(view)
