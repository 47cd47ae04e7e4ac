"""The browser's Back button: the page before, not the same page's earlier addresses (issue 13)."""

from tests.e2e.conftest import open_app, settle


def test_back_returns_to_the_page_before_not_to_an_earlier_address(server, page):
    open_app(page, f"{server}/?lang=tr")
    page.locator("[data-testid='stSidebarNav'] a[href$='/split']").click()
    page.wait_for_url("**/split**")
    settle(page)
    before = page.evaluate("history.length")
    # Three addresses of the same page: the step (written by the server), then the language, twice.
    page.get_by_role("button", name="Sonraki adım").first.click()
    settle(page)
    page.wait_for_function("location.search.includes('step=')")
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.wait_for_function("!location.search.includes('lang=tr')")
    settle(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Türkçe", exact=True).click()
    page.wait_for_function("location.search.includes('lang=tr')")
    settle(page)
    assert page.evaluate("history.length") == before  # replaced, not pushed
    page.go_back()
    page.wait_for_function("!location.pathname.endsWith('/split')")
    assert not page.url.split("?")[0].endswith("/split")
