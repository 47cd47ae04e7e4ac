"""The Budget page in a real browser: the per-layer stacked bars and the equal-cost table render."""

import re

import pytest

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
