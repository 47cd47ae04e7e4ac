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
