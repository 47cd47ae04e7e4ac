"""The split-transform-merge animation plays in a real browser."""

import pytest

from tests.e2e.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.e2e


def _title(page) -> str:
    return page.locator("[data-testid='stPlotlyChart'] .gtitle").first.text_content() or ""


def test_play_moves_the_animation(server, page):
    open_app(page, f"{server}/split?block=resnext&groups=8")
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stPlotlyChart'] .gtitle\") !== null", timeout=30_000
    )
    first = _title(page)
    assert first.startswith("1/7")

    chart.locator(".updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_function(
        "t => { const e = document.querySelector(\"[data-testid='stPlotlyChart'] .gtitle\");"
        " return e && e.textContent !== t; }",
        arg=first,
        timeout=15_000,
    )
    assert _title(page) != first
    page.wait_for_timeout(1_000)
    settle(page)
    screenshot(page, "split")
