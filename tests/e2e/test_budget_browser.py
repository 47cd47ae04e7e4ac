"""The Budget page in a real browser: its three charts (SVG written by the server, explorer/figures/svg.py) and the
equal-cost table render, legible at 1,400 and 390 px, and follow a change of g with no run."""

import re

import pytest
from playwright.sync_api import expect

from harness.browser import SLIDER
from tests.e2e.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.e2e


def test_budget_page_draws_bars_and_equal_cost_table(server, page):
    open_app(page, f"{server}/budget?block=bottleneck")
    settle(page)
    layers = page.locator(".st-key-budget_layers_chart figure svg:visible")
    layers.wait_for()
    # One segment per layer in each of the three stacked bars (params, MACs, activation memory), each with its
    # amounts in its tooltip.
    assert layers.locator("rect.held-mark").count() == 3 * 10  # 256 → 256: an identity shortcut, no 1×1 + BN
    assert layers.locator("rect.held-mark > title").count() == 3 * 10
    assert "70,400 params" in layers.inner_html()  # ResNet-50's repeated conv2 block, 256 → 256

    table = page.locator("table").filter(has_text="Solved setting")
    table.wait_for()
    text = table.inner_text()
    for kind in ("basic", "bottleneck", "resnext C=2", "resnext C=4", "resnext C=8", "resnext C=32"):
        assert kind in text
    assert table.locator("a", has_text="graph").count() >= 6
    page.locator(".st-key-budget_network_chart figure svg:visible").wait_for()
    screenshot(page, "budget")

    # The budget selector is part of the address.
    page.locator(".st-key-metric label", has_text="macs").click()
    settle(page)
    page.wait_for_url(re.compile(r"metric=macs"))
    assert "nearest 218,365,952 MACs per image" in page.locator("[data-testid='stMain']").inner_text()


def test_budget_charts_read_in_turkish(server, page):
    open_app(page, f"{server}/budget?block=bottleneck&lang=tr")
    settle(page)
    layers = page.locator(".st-key-budget_layers_chart figure svg:visible")
    layers.wait_for()
    svg = layers.inner_html()
    # The Turkish titles, the bars' totals with Turkish numbers and the percentage sign first.
    assert "toplamdaki pay" in svg and "70.400 parametre" in svg and ">%40<" in svg and ">40%<" not in svg
    sweep = page.locator(".st-key-budget_sweep_chart .held-chart")
    sweep.locator("figure svg:visible").wait_for()
    html = sweep.inner_html()
    assert "grup sayısı g, sabit genişlikte" in html and ">%3,125<" in html and "3×3 parametresi" in html
    network = page.locator(".st-key-budget_network_chart figure svg:visible")
    network.wait_for()
    assert "ağdaki pay" in network.inner_html()
    assert "görüntü başına" in page.locator("[data-testid='stMain']").inner_text()
    screenshot(page, "budget-tr")


def test_a_groups_change_leaves_nothing_stale(server, page):
    """hold=width, 32×4d → 64×2d with the sidebar's slider, answered in the browser with no run: the page reads
    exactly as a fresh load at 64×2d, its words and its three charts (the sweep's ring on g = 64), not as it read
    at 32×4d."""
    charts = [f".st-key-budget_{name}_chart figure svg:visible" for name in ("layers", "sweep", "network")]

    def shown(pg) -> tuple[str, list[list]]:
        """The page's text outside the charts, and each chart as drawn: its texts and visible marks where they are
        (the sweep's ring is drawn at every g, visible at one)."""
        for selector in charts:
            pg.locator(selector).wait_for()
        settle(pg)
        text = pg.evaluate("""() => {
            const hidden = [...document.querySelectorAll("[data-testid='stMain'] .held-chart")];
            hidden.forEach((e) => { e.style.display = "none"; });
            const text = document.querySelector("[data-testid='stMain']").innerText;
            hidden.forEach((e) => { e.style.display = ""; });
            return text;
        }""")
        drawn = [pg.locator(s).evaluate("""(svg) => {
            const at = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y),
                                                                             Math.round(r.width), Math.round(r.height)]; };
            const seen = (e) => e.checkVisibility({ visibilityProperty: true });
            const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent).map((t) => [t.textContent, ...at(t)]);
            const marks = [...svg.querySelectorAll("rect, circle, line, polyline")].filter(seen)
                .map((m) => [m.tagName, m.getAttribute("fill") || "", m.textContent, ...at(m)]);
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


# Each chart's visible layout: its smallest text in pixels as drawn (its font size in the SVG's units, scaled to the
# width it is drawn at), and whether it fits the page.
CHART_TEXT = """() => [...document.querySelectorAll("[data-testid='stMain'] .held-chart figure svg")]
  .filter((svg) => svg.checkVisibility()).map((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize));
    return {key: svg.closest("[class*='st-key-budget_']").className.match(/st-key-(budget_\\w+)/)[1],
            text: Math.min(...sizes) * scale, right: svg.getBoundingClientRect().right};
  })"""


@pytest.mark.parametrize("width", [1400, 390])
def test_charts_keep_legible_text_at_every_width(server, browser, width):
    """Each chart shows one layout (the narrow one on a phone), scaled to its place: its smallest text is 9 px or
    more on a phone (the network's last stage name, fitted to its bar) and 10 px or more at 1,400 px, and no chart
    leaves the page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/budget?block=resnext&lang=tr")  # the sidebar starts closed on a phone
        page.wait_for_selector("[data-testid='stMain'] h1")
        for name in ("layers", "sweep", "network"):
            page.locator(f".st-key-budget_{name}_chart figure svg:visible").wait_for()
        drawn = page.evaluate(CHART_TEXT)
        assert [d["key"] for d in drawn] == ["budget_layers_chart", "budget_sweep_chart", "budget_network_chart"]
        for d in drawn:
            assert d["text"] >= (9 if width < 500 else 10), d
            assert d["right"] <= width, d
        layouts = page.evaluate("""() => [...document.querySelectorAll(".held-chart figure")]
            .filter((f) => f.checkVisibility()).map((f) => f.className)""")
        kind = "held-plot-narrow" if width < 500 else "held-plot-wide"
        assert layouts == ["held-plot", f"held-plot {kind}", f"held-plot {kind}"], layouts
        screenshot(page, f"budget-charts-{width}")
    finally:
        context.close()
