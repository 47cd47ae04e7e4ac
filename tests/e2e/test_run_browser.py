"""The Run & time page in a real browser: press Run, see the measured latency with its unit."""

import re

import pytest

from tests.e2e.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.e2e


def test_run_button_measures_the_block(server, page):
    open_app(page, f"{server}/run?block=basic&size=16")
    main = page.locator("[data-testid='stMain']")
    assert "Nothing runs until you press" in main.inner_text()
    assert main.locator("[data-testid='stMetricValue']").count() == 0

    page.get_by_role("button", name="Run", exact=True).click()
    settle(page)
    latency = main.locator("[data-testid='stMetric']", has_text="Latency (median)")
    latency.wait_for()
    assert re.fullmatch(r"[\d.,]+ ms", latency.locator("[data-testid='stMetricValue']").inner_text().strip())
    assert "images/s" in main.inner_text()
    assert "equals the analysis" in main.inner_text()
    screenshot(page, "run")
