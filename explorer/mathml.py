"""The formulas of the app's texts (explorer/texts.py writes them in LaTeX, $…$ in a line and $$…$$ on their own) set
as MathML, which the browser draws itself (explorer/prose.py puts them in the explanations' HTML): no page fetches
KaTeX, whose code, stylesheet and fonts (about 0.3 MB) Streamlit's Markdown loads the first time it meets a "$".

Every formula keeps its LaTeX as the ``alttext`` that a screen reader reads and a copy takes. Chromium draws MathML
Core, which has no ``mathvariant``: latex2mathml writes \\mathcal{L} as the letter ℒ itself, which it draws.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert


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
