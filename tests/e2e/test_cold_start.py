"""A server woken by several visitors at once: every page they open at the same moment draws without an error
(concurrent first imports of pandas and Plotly once crashed the Split page in 4 of 4 trials)."""

from harness.browser import start_server

from .conftest import settle

PAGES = {"split": "Split-transform-merge", "budget": "Budget", "graph": "Computation graph", "run": "Run",
         "": "ResBlock Explorer"}


def test_simultaneous_first_visits_on_a_cold_server(browser):
    proc, url = start_server()
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}) for _ in PAGES]
    try:
        pages = [c.new_page() for c in contexts]
        for page, path in zip(pages, PAGES, strict=True):  # all requests go out before any page has drawn
            page.set_default_timeout(120_000)
            page.goto(f"{url}/{path}", wait_until="commit")
        for page, title in zip(pages, PAGES.values(), strict=True):
            page.wait_for_selector("[data-testid='stMain'] h1")
            settle(page, timeout=120_000)
            assert page.locator("[data-testid='stException']").count() == 0, page.url
            assert title in page.locator("[data-testid='stMain']").inner_text(), page.url
    finally:
        for c in contexts:
            c.close()
        proc.terminate()
        proc.wait(20)
