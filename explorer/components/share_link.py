"""The sidebar's share link: a Streamlit component (st.components.v2, mounted in the page, no iframe) that shows
the whole address, broken only between its parts, with a button that copies it in one click.

It replaces st.code, whose copy button cost every page the frontend's syntax highlighter (1.5 MB of JavaScript
fetched on each cold load); this one is a few hundred lines' worth of HTML, CSS and JavaScript. Code to copy is a
held view's printout (held_view.preformatted).
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent
KEY = "share_link"



def compact(text: str) -> str:
    """The file without its comments and indentation: the component's code travels with every run that draws it
    (each change of a control), so it is kept short. Only whole-line ``//`` comments and ``/* */`` comments are
    written in these files."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


_component = st.components.v2.component(
    "share_link",
    html=compact((HERE / "share.html").read_text(encoding="utf-8")),
    css=compact((HERE / "share.css").read_text(encoding="utf-8")),
    js=compact((HERE / "share.js").read_text(encoding="utf-8")),
)


def share_link_box(data: dict) -> None:
    """Mount the component with ``data``: url, parts (links.share_parts) and the texts copy, copied, selected."""
    _component(key=KEY, data=data, on_reconnected_change=_whole_run)


def _whole_run() -> None:
    """The page reconnected to a server (share.js): this run of the whole app is all it needs."""
