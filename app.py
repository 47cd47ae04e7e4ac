"""ResBlock Explorer: see, change and run the residual blocks of modern CNNs.

Entry point: `streamlit run app.py`. The shared controls live in the sidebar and are bound to the
address, so a copied link reproduces the exact view; ?lang=tr shows it in Turkish.
"""

from pathlib import Path

import streamlit as st

from explorer.preload import heavy_imports

heavy_imports()  # before any page: concurrent first imports of pandas/Plotly broke cold starts

from explorer import controls, links  # noqa: E402
from explorer.components import held_view  # noqa: E402

st.set_page_config(page_title="ResBlock Explorer", page_icon=":material/stacks:", layout="wide")

TITLES = controls.page_titles(controls.language())  # the page names in the reader's language
PAGES = [
    st.Page("views/overview.py", title=TITLES[""], icon=":material/home:", default=True),
    st.Page("views/graph.py", title=TITLES["graph"], icon=":material/account_tree:", url_path="graph"),
    st.Page("views/split.py", title=TITLES["split"], icon=":material/call_split:", url_path="split"),
    st.Page("views/budget.py", title=TITLES["budget"], icon=":material/balance:", url_path="budget"),
    st.Page("views/run.py", title=TITLES["run"], icon=":material/timer:", url_path="run"),
    st.Page("views/why.py", title=TITLES["why"], icon=":material/trending_down:", url_path="why"),
]

st.html(Path(__file__).parent / "assets" / "app.css")  # scroll boxes for wide graphs and tables (phones)
st.html(Path(__file__).parent / "assets" / "history.html", unsafe_allow_javascript=True)  # Back leaves the page
held_view.code()  # the held views' code and style, sent once
page = st.navigation(PAGES)
st.session_state["_pages"] = {p.url_path: p for p in PAGES}  # for st.page_link in a part's own rerun: links.page
view = controls.sidebar(page.url_path)
st.session_state["view"] = view
try:
    page.run()
finally:  # also after st.stop(): the notes on the link and the share link are always drawn
    links.finish(view)
