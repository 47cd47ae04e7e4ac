"""A part of a page drawn at every g the groups control reaches, holding the width: a Streamlit component
(st.components.v2, mounted in the page, no iframe) that is sent every view at once and shows the one the address
names (held.js). A change of g is then answered in the browser, in the frame the address changes: no rerun
redraws the part, and the server's run for the change (controls.groups_changed) leaves it out.

The views are HTML written here from the app's own texts and numbers, every text escaped (``inline``): never a
value from the address as it came.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import streamlit as st

from explorer import links
from explorer.components.share_link import compact

HERE = Path(__file__).resolve().parent
ADDRESS_GROUPS = links.widget_defaults()["groups"]  # g where the address has no groups

_component = st.components.v2.component(
    "held_view",
    html='<div class="held"></div>',
    css=compact((HERE / "held.css").read_text(encoding="utf-8")),
    js=compact((HERE / "held.js").read_text(encoding="utf-8")),
    isolate_styles=False,  # its text is the page's own (found by the browser's search, read with the page); the
)                          # CSS names only .held

# The Markdown the app's texts use inside a line, in the order it is undone: code first (nothing inside it is
# Markdown), then links, bold and italics.
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline(text: str) -> str:
    """One line of the app's Markdown (``code``, [links](./page?…), **bold**, *italics*) as HTML, everything else
    escaped. A link goes only to a page of the app (``./``) or to http(s); any other target stays text."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(f"<code>{html.escape(match[1], quote=False)}</code>")
        return f"\0{len(codes) - 1}\0"

    out = html.escape(_CODE.sub(keep, text), quote=False)

    def link(match: re.Match) -> str:
        target = html.unescape(match[2])
        if not target.startswith(("./", "https://", "http://")):
            return match[0]
        return f'<a href="{html.escape(target, quote=True)}" target="_self">{match[1]}</a>'

    out = _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", _LINK.sub(link, out)))
    return re.sub("\0(\\d+)\0", lambda m: codes[int(m[1])], out)


def captions(lines: Iterable[str]) -> str:
    """Lines as st.caption draws them, one paragraph each."""
    return "".join(f'<p class="held-caption">{inline(line)}</p>' for line in lines)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    """A table of lines of the app's Markdown, in its own box that scrolls sideways on a phone; the ``numeric``
    columns (by index) are set right."""
    right = set(numeric)

    def cells(tag: str, line: Sequence[str]) -> str:
        return "".join(f'<{tag} class="num">{inline(c)}</{tag}>' if i in right else f"<{tag}>{inline(c)}</{tag}>"
                       for i, c in enumerate(line))

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f'<div class="held-table"><table><thead><tr>{cells("th", header)}</tr></thead><tbody>{body}</tbody></table></div>'


def paragraphs(lines: Iterable[str]) -> str:
    """Lines as st.markdown draws them, one paragraph each."""
    return "".join(f"<p>{inline(line)}</p>" for line in lines)


_CELL = re.compile(r"(?<!\\)\|")


def markdown_table(text: str) -> str:
    """A table written in Markdown (explorer/tables.markdown: a header, the alignment row, one line per row, "|"
    escaped in the cells) as ``table`` draws it: the columns aligned right there are set right."""
    def cells(line: str) -> list[str]:
        return [c.strip().replace("\\|", "|") for c in _CELL.split(line.strip().strip("|"))]

    header, rule, *rows = text.strip().split("\n")
    numeric = [i for i, c in enumerate(cells(rule)) if c.endswith(":") and not c.startswith(":")]
    return table(cells(header), [cells(row) for row in rows], numeric=numeric)


def held_view(key: str, views: Mapping[int, str], g: int, *, part: bool = True) -> None:
    """Mount the component with the HTML of every g in ``views``; ``g`` is the one this run is at.

    ``part``: the view is part of the page (links.held_drawn), as a groups part is; the sidebar's summary is not.
    """
    if g not in views:
        raise ValueError(f"the views of {key!r} have no g = {g}: they have {sorted(views)}")
    _component(key=key, data={"variants": {str(k): v for k, v in views.items()}, "g": g,
                              "address_groups": ADDRESS_GROUPS})
    links.held_drawn(key, views, part=part)

