"""The formulas of the app's texts (explorer/texts.py writes them in LaTeX, $…$ in a line and $$…$$ on their own) set
as MathML, which the browser draws itself: a page that shows them fetches no KaTeX (Streamlit's Markdown loads its
code, stylesheet and fonts, about 0.3 MB, the first time it meets a "$", near the end of a cold load).

Every formula keeps its LaTeX as the ``alttext`` that a screen reader reads and a copy takes. Chromium draws MathML
Core, which has no ``mathvariant``: latex2mathml writes \\mathcal{L} as the letter ℒ itself, which it draws.
"""

from __future__ import annotations

import html
import re
from functools import cache

from latex2mathml.converter import convert

_DISPLAY = re.compile(r"\$\$(.+?)\$\$", flags=re.S)
# A formula in a line, and what follows it up to the next space (the Turkish "$F(x)$'in", a comma): the line
# never breaks between the two, which a browser does beside a <math> as beside an image.
_INLINE = re.compile(r"\$([^$\n]+?)\$([^\s$]*)")


def mathml(tex: str, display: bool = False) -> str:
    """One formula as a MathML element on one line, its LaTeX as its ``alttext``; ``display``: set on its own
    line, centred (as $$…$$), else in the line of text."""
    tex = " ".join(tex.split())
    if not tex:
        raise ValueError("a formula needs some LaTeX between its dollar signs")
    element = convert(tex, display="block" if display else "inline")
    if "\\" in re.sub(r'"[^"]*"', "", element):
        raise ValueError(f"the formula {tex!r} uses a command latex2mathml does not know: {element}")
    return element.replace("<math ", f'<math alttext="{html.escape(tex)}" ', 1)


@cache
def markdown(text: str) -> str:
    """Markdown with every $…$ and $$…$$ formula set as MathML (st.markdown draws it with unsafe_allow_html: the
    texts are the app's own, never a reader's). A $$ formula keeps its own paragraph."""
    text = _DISPLAY.sub(lambda m: mathml(m[1], display=True), text)
    def inline(match: re.Match) -> str:
        formula = mathml(match[1])
        return f'<span style="white-space: nowrap">{formula}{match[2]}</span>' if match[2] else formula

    return _INLINE.sub(inline, text)
