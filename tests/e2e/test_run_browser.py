"""The Run & time page in a real browser: press Run, see the measured latency with its unit."""

import re

import pytest

from harness.browser import SLIDER
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


def test_the_run_page_in_turkish_at_phone_width(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/run?block=basic&size=16&lang=tr")
        page.wait_for_selector("[data-testid='stSidebar']", state="attached")  # closed on a phone
        settle(page)
        main = page.locator("[data-testid='stMain']")
        assert "Çalıştır ve ölç" in main.inner_text()
        assert page.get_by_role("button", name="İptal").count() == 0  # Cancel only while a sweep runs
        assert "python -m" not in main.inner_text()  # the GPU section speaks to students
        page.get_by_role("button", name="Çalıştır", exact=True).click()
        settle(page)
        latency = main.locator("[data-testid='stMetric']", has_text="Süre (medyan)")
        latency.wait_for()
        value = latency.locator("[data-testid='stMetricValue']").inner_text().strip()
        assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)? ms", value), value  # 0,045 ms, 1.234 ms: the Turkish way
        assert "görüntü/s" in main.inner_text()
        screenshot(page, "run_tr_390")
    finally:
        context.close()


def test_cancel_appears_while_a_sweep_runs_and_stops_it(server, page):
    open_app(page, f"{server}/run?size=28&repeat=50")  # eight points of about a second each on this machine
    main = page.locator("[data-testid='stMain']")
    assert page.get_by_role("button", name="Cancel").count() == 0
    page.get_by_role("button", name="Run sweep", exact=True).click()
    cancel = page.get_by_role("button", name="Cancel")
    cancel.wait_for()
    page.wait_for_function("() => document.body.innerText.includes('points measured;')")  # one point done
    cancel.click()
    settle(page)
    assert page.get_by_role("button", name="Cancel").count() == 0
    assert "The sweep stopped after" in main.inner_text()


def test_a_groups_change_during_a_sweep_neither_stops_nor_loses_it(server, page):
    """The groups slider's change is answered in the browser, with no message to the server: the sweep under way
    measures every point, the page then says at the new g that the settings changed, and the sweep is shown again,
    whole, at its own g."""
    open_app(page, f"{server}/run?block=resnext&size=28&repeat=50")
    main = page.locator("[data-testid='stMain']")
    page.get_by_role("button", name="Run sweep", exact=True).click()
    page.get_by_role("button", name="Cancel").wait_for()
    page.wait_for_function("() => document.body.innerText.includes('points measured;')")  # one point done
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # g = 64 at the same width 128
    main.get_by_text("The settings changed since the last sweep").wait_for(timeout=300_000)
    assert page.get_by_role("button", name="Cancel").count() == 0
    assert "resnext 64×2d, 256→256" in page.locator(".st-key-run_memory").inner_text()
    assert "The sweep stopped after" not in main.inner_text()

    slider.focus()
    slider.press("ArrowLeft")  # back to g = 32: the sweep measured there is drawn again
    page.locator(".st-key-run_memory", has_text="resnext 32×4d, 256→256").wait_for()
    settle(page)
    page.locator(".st-key-sweep_chart").wait_for()
    assert "The sweep stopped after" not in main.inner_text()
    assert "The settings changed since the last sweep" not in main.inner_text()
