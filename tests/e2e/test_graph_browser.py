"""The Graph page in a real browser, in Turkish and English: the drawn graph's own words and numbers in the reader's
language, and the totals' values (with their units) whole, not cut off, at 1,400 and 390 px."""

import math
import re
import struct
from pathlib import Path

import pytest

from harness.browser import GRAPH_SHOWS, SLIDER

from .conftest import graph_svgs, open_app, screenshot, settle

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


def saved(page, button) -> tuple[str, bytes]:
    """The file a download button or link saves: its name and its bytes."""
    with page.expect_download() as got:
        button.click()
    return got.value.suggested_filename, Path(got.value.path()).read_bytes()


def test_the_exports_save_the_drawing_shown_at_the_g_shown(server, page):
    """DOT, SVG and PNG of the graph on the page, also after a change of g that the browser answered with no run:
    the SVG at Graphviz's own size (the page shows it at 0.85 of it), the PNG drawn from it at 96 px per inch."""
    open_app(page, f"{server}/graph?block=resnext")
    graph_svgs(page)
    drawing = page.locator(".st-key-graph_drawing")
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # 64, holding the width: answered in the browser
    page.wait_for_url(re.compile(r"base_width=2"))
    page.wait_for_function(GRAPH_SHOWS, arg="3×3 conv, g=64, 128→128")

    name, dot = saved(page, drawing.locator("a.held-download", has_text="DOT"))
    assert name == "resnext_64x2d.dot" and dot.decode().startswith("digraph") and "g=64, 128→128" in dot.decode()
    w, h = map(float, drawing.locator("figure[data-pt]").get_attribute("data-pt").split())
    name, svg = saved(page, drawing.locator("button[data-export='svg']"))
    text = svg.decode()
    assert name == "resnext_64x2d.svg" and text.startswith('<?xml version="1.0"')
    size = re.search(r'<svg[^>]*? width="([\d.]+)pt" height="([\d.]+)pt"', text)
    assert (float(size[1]), float(size[2])) == (w, h)
    assert "3×3 conv, g=64, 128→128" in text and 'xmlns="http://www.w3.org/2000/svg"' in text
    name, png = saved(page, drawing.locator("button[data-export='png']"))
    assert name == "resnext_64x2d.png" and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (math.ceil(w * 96 / 72), math.ceil(h * 96 / 72))
