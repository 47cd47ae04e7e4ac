"""The Budget page in a real browser: the per-layer stacked bars and the equal-cost table render."""

import re

import pytest
from playwright.sync_api import expect

from harness.browser import SLIDER
from tests.e2e.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.e2e


def test_budget_page_draws_bars_and_equal_cost_table(server, page):
    open_app(page, f"{server}/budget?block=bottleneck")
    settle(page)
    layers = page.locator(".st-key-layers")
    layers.locator("svg.marks").wait_for()  # Vega draws SVG
    # One segment per layer in each of the three stacked bars (params, MACs, activation memory).
    assert layers.locator("g.mark-rect path").count() == 3 * 10  # 256 → 256: an identity shortcut, no 1×1 + BN
    assert "70,400 params" in layers.locator("svg.marks").inner_html()  # ResNet-50's repeated conv2 block, 256 → 256

    table = page.locator("table").filter(has_text="Solved setting")
    table.wait_for()
    text = table.inner_text()
    for kind in ("basic", "bottleneck", "resnext C=2", "resnext C=4", "resnext C=8", "resnext C=32"):
        assert kind in text
    assert table.locator("a", has_text="graph").count() >= 6
    page.locator(".st-key-stages svg.marks").wait_for()
    screenshot(page, "budget")

    # The budget selector is part of the address.
    page.locator(".st-key-metric label", has_text="macs").click()
    settle(page)
    page.wait_for_url(re.compile(r"metric=macs"))
    assert "nearest 218,365,952 MACs per image" in page.locator("[data-testid='stMain']").inner_text()


def test_budget_charts_read_in_turkish(server, page):
    open_app(page, f"{server}/budget?block=bottleneck&lang=tr")
    settle(page)
    layers = page.locator(".st-key-layers svg.marks")
    layers.wait_for()
    svg = layers.inner_html()
    # Vega draws the Turkish titles, the bars' totals with Turkish numbers and the percentage sign first.
    assert "toplamdaki pay" in svg and "70.400 parametre" in svg and ">%50<" in svg and ">50%<" not in svg
    sweep = page.locator(".st-key-sweep svg.marks")
    sweep.wait_for()
    svg = sweep.inner_html()
    assert "grup sayısı g, sabit genişlikte" in svg and ">%3,125<" in svg and "3×3 parametresi" in svg
    page.locator(".st-key-stages svg.marks").wait_for()
    assert "ağdaki pay" in page.locator(".st-key-stages svg.marks").inner_html()
    assert "görüntü başına" in page.locator("[data-testid='stMain']").inner_text()
    screenshot(page, "budget-tr")


def test_a_groups_change_leaves_nothing_stale(server, page):
    """hold=width, 32×4d → 64×2d with the sidebar's slider, answered in the browser with no run: the page reads
    exactly as a fresh load at 64×2d, its words and its three charts (the sweep's ring on g = 64), not as it read
    at 32×4d."""
    charts = (".st-key-layers svg.marks", ".st-key-sweep svg.marks", ".st-key-stages svg.marks")

    def shown(pg) -> tuple[str, list[list]]:
        """The page's text outside the charts, and each chart as drawn: its texts and marks where they are (a chart
        that follows g in the browser keeps its marks in another order in the document, not on the screen)."""
        for selector in charts:
            pg.locator(selector).wait_for()
        settle(pg)
        pg.wait_for_timeout(300)  # Vega's transitions of the charts that followed g
        text = pg.evaluate("""() => {
            const hidden = [...document.querySelectorAll("[data-testid='stVegaLiteChart']")];
            hidden.forEach((e) => { e.style.display = "none"; });
            const text = document.querySelector("[data-testid='stMain']").innerText;
            hidden.forEach((e) => { e.style.display = ""; });
            return text;
        }""")
        drawn = [pg.locator(s).evaluate("""(svg) => {
            const at = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y),
                                                                             Math.round(r.width), Math.round(r.height)]; };
            const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent).map((t) => [t.textContent, ...at(t)]);
            const marks = [...svg.querySelectorAll("path")].map((p) => [p.getAttribute("fill") || "", ...at(p)]);
            return [...texts, ...marks].map((x) => JSON.stringify(x)).sort();
        }""") for s in charts]
        return text, drawn

    open_app(page, f"{server}/budget?block=resnext")
    before = shown(page)
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # holding the width, the next g the width 128 takes: 64
    page.wait_for_url(re.compile(r"groups=64"))
    page.locator(".st-key-budget_totals", has_text="68,864 params").wait_for()
    after = shown(page)
    fresh = page.context.new_page()
    open_app(fresh, f"{server}/budget?block=resnext&groups=64&base_width=2")
    expected = shown(fresh)
    assert after[0] == expected[0] != before[0]
    assert after[1] == expected[1]
    assert [a != b for a, b in zip(after[1], before[1], strict=True)] == [True, True, True]


def test_one_click_copies_torchinfo_s_printout(server, browser):
    """torchinfo's printout, a held view at every g, has the code boxes' Copy button: the text of the g shown."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, f"{server}/budget?block=resnext&lang=tr")
        box = page.locator(".st-key-budget_torchinfo")
        slider = page.locator(SLIDER)
        slider.focus()
        slider.press("ArrowRight")  # 64, answered in the browser
        box.filter(has_text="68.864 parametre").wait_for()
        box.locator("summary").click()  # the fold opens
        printout = box.locator("pre.held-pre")
        expect(printout).to_contain_text("Conv2d")
        box.locator("button[data-copy]", has_text="Kopyala").click()
        expect(box.locator(".held-copy-done")).to_have_text("Kopyalandı")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == printout.text_content() and "68,864" in copied  # torchinfo prints its own numbers
        screenshot(page, "budget-torchinfo-copied-tr")
    finally:
        context.close()
