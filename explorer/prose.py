"""The explanations (explorer/texts.py, Markdown) as the HTML a held view shows them in: paragraphs, lists, bold,
italics, code, links and formulas, the Markdown the texts are written in, and nothing else (a construct outside it
is refused, not shown as it was typed).

A page draws each explanation as a held view with one view (controls.explain) rather than as st.markdown: the
browser then has no Markdown to parse at all, and with formulas in it Streamlit's Markdown would fetch its HTML
parser (rehype-raw, 0.2 MB) for the MathML, or KaTeX (0.3 MB) for the LaTeX, late in a cold load.
"""

from __future__ import annotations

import re
from functools import cache

from explorer import mathml
from explorer.components.held_view import LINK, inline
from explorer.texts import text

_FORMULA = re.compile(r"\$([^$\n]+?)\$([^\s$]*)")  # a formula in a line, and what is written against it
_SLOT = "\x02{}\x03"  # where a formula goes back once the line's Markdown is HTML (inline escapes the rest)
_ITEM = re.compile(r"^- ", flags=re.M)
_LINK_SLOT = "\x04{}\x05"


def _line(markdown: str) -> str:
    """A paragraph's or a list item's Markdown (its lines joined) as HTML; each formula stays on one line with what is
    written against it (held-nowrap)."""
    formulas: list[str] = []

    def hold(match: re.Match) -> str:
        formulas.append(mathml.mathml(match[1]))
        return _SLOT.format(len(formulas) - 1) + match[2]

    held = _FORMULA.sub(hold, " ".join(markdown.split()))
    if "$" in held:
        raise ValueError(f"a formula without its closing dollar sign: {markdown[:80]!r}")
    # A link is made HTML on its own (held_view.inline), so that bold around it ("**Veit et al. 2016, ["…"](…).**")
    # reaches across it, as Markdown's does.
    links: list[str] = []

    def link(match: re.Match) -> str:
        links.append(inline(match[0]))
        return _LINK_SLOT.format(len(links) - 1)

    line = re.sub("\x04(\\d+)\x05", lambda m: links[int(m[1])], inline(LINK.sub(link, held)))

    def put(match: re.Match) -> str:
        formula = formulas[int(match[1])]
        return f'<span class="held-nowrap">{formula}{match[2]}</span>' if match[2] else formula

    # A suffix is what followed the formula up to a space, HTML now (a Turkish "'in" is &#x27;in).
    return re.sub("\x02(\\d+)\x03([^\\s\x02<]*)", put, line)


def to_html(markdown: str) -> str:
    """The texts' Markdown as HTML: a block of "- " lines a list (a line not starting so continues its item), a
    $$…$$ block a formula on its own line, any other block a paragraph (a list may follow a paragraph's lines)."""
    out = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        if block.startswith("$$"):
            if not block.endswith("$$") or len(block) < 5:
                raise ValueError(f"a $$ formula is a block of its own, closed by $$: {block[:80]!r}")
            out.append(f'<p class="held-display">{mathml.mathml(block[2:-2], display=True)}</p>')
            continue
        if re.search(r"^(#|>|\d+\. |[ \t]+[-*+] |```)", block, flags=re.M):
            raise ValueError(f"the explanations' Markdown has paragraphs, lists, emphasis, code, links and "
                             f"formulas, not this: {block[:80]!r}")
        first = _ITEM.search(block)
        lead, items = (block, "") if first is None else (block[:first.start()], block[first.start():])
        if lead.strip():
            out.append(f"<p>{_line(lead)}</p>")
        if items:
            out.append("<ul>" + "".join(f"<li>{_line(item)}</li>" for item in _ITEM.split(items) if item.strip())
                       + "</ul>")
    return "".join(out)


@cache
def html(key: str, lang: str) -> str:
    """The explanation ``key`` in ``lang`` as a page draws it."""
    return to_html(text(key, lang))
