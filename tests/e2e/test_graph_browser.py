"""The Graph page in a real browser, in Turkish and English: the drawn graph's own words and numbers in the reader's
language, and the totals' values (with their units) whole, not cut off, at 1,400 and 390 px."""

import pytest

from .conftest import graph_svgs, screenshot, settle

# Each metric value's text against the room it has: a value cut off ("440 M FL…") is wider than its box.
CUT_OFF = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] [data-testid='stMetricValue'], [data-testid='stMain'] [data-testid='stMetricValue'] *")]
  .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.innerText)"""


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize(("lang", "words", "flops"), [
    ("tr", ("girdi", "4.608 parametre", "Kenarlardaki boyutlar N×C×H×W"), "440 M FLOPs"),
    ("en", ("input", "4,608 params", "The sizes on the edges are N×C×H×W"), "440 M FLOPs"),
])
def test_the_graph_page_in_each_language(server, browser, lang, words, flops, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/graph?lang={lang}")  # the sidebar starts closed on a phone
        page.wait_for_selector("[data-testid='stMain'] h1")
        settle(page)
        (svg,) = graph_svgs(page)
        main = page.locator("[data-testid='stMain']").inner_text()
        assert words[0] in svg and words[1] in svg and words[2] in main
        assert flops in main and page.evaluate(CUT_OFF) == []
        screenshot(page, f"graph-{lang}-{width}")
    finally:
        context.close()
