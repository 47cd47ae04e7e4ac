"""The explanations' formulas in a real browser: set as MathML by Chromium itself (explorer/mathml.py, in the
explanations' held views: explorer/prose.py), so that no page fetches KaTeX's code, stylesheet or fonts, nor the HTML
parser Streamlit's Markdown loads for raw HTML (rehype-raw), and a formula with a suffix written against it ("$F(x)$'i") is never
split from it at a phone's width."""

from __future__ import annotations

import pytest

from explorer.texts import text
from tests.test_prose import formulas

from .conftest import settle

MATH = ".held math"
# A page, the explanation on it that holds formulas, and one formula it shows.
PAGES = {"": "overview.residual", "graph": "graph.reading", "split": "split.cardinality",
         "budget": "budget.one_over_g", "why": "why.gradflow"}


@pytest.mark.parametrize("lang, width", [("en", 1400), ("tr", 390)])
@pytest.mark.parametrize("path", list(PAGES))
def test_the_formulas_are_mathml_and_no_page_fetches_katex(browser, server, path, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    try:
        page.goto(f"{server}/{path}?lang={lang}")
        page.locator(MATH).first.wait_for(state="attached")
        settle(page)
        alts = page.eval_on_selector_all(MATH, "ms => ms.map(m => m.getAttribute('alttext'))")
        assert set(formulas(text(PAGES[path], lang))) <= set(alts)  # each with its LaTeX, for a screen reader
        spaces = page.eval_on_selector_all(MATH, "ms => ms.map(m => m.namespaceURI)")
        assert set(spaces) == {"http://www.w3.org/1998/Math/MathML"}  # elements Chromium draws as maths, not text
        assert page.locator(MATH).first.bounding_box()["width"] > 0
        assert not [u for u in fetched if "katex" in u.lower()], "a page with formulas must not fetch KaTeX"
        assert not [u for u in fetched if "rehype-raw" in u], "no explanation is Markdown with HTML in it"
        # A formula with its suffix sits on one line: one box.
        lines = page.eval_on_selector_all(".held span.held-nowrap",
                                          "ss => ss.filter(s => s.offsetParent).map(s => s.getClientRects().length)")
        assert all(n == 1 for n in lines), lines
    finally:
        context.close()
