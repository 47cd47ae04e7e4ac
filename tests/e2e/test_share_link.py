"""The sidebar's share link in a real browser: one click copies the exact address (the clipboard where the page is
a secure context, the selection and execCommand where it is not), a short confirmation in the reader's language;
and no page pays for it with the frontend's syntax highlighter (st.code's), 1.5 MB of JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import open_app, screenshot, settle, share_link

SIDEBAR = "[data-testid='stSidebar']"
# An http page on another host has no navigator.clipboard; the copy then goes through the selection. Recorded:
# what was selected when execCommand("copy") ran.
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
window.__copied = [];
const execCommand = Document.prototype.execCommand;
Document.prototype.execCommand = function (name, ...rest) {
  if (name === 'copy') window.__copied.push(String(window.getSelection()));
  return execCommand.call(this, name, ...rest);
};
"""


@pytest.fixture
def clipboard_page(server, browser):
    """A page at 1,400 px whose clipboard the test may read."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang,button,done", [("en", "Copy link", "Copied"), ("tr", "Bağlantıyı kopyala", "Kopyalandı")])
def test_one_click_copies_the_share_link(server, clipboard_page, lang, button, done):
    page = clipboard_page
    open_app(page, f"{server}/graph?groups=8&planes=32&lang={lang}")
    link = share_link(page, "groups=8", "planes=32", f"lang={lang}" if lang == "tr" else "/graph")
    page.locator(f"{SIDEBAR} button.share-copy", has_text=button).click()
    expect(page.locator(f"{SIDEBAR} .share-done")).to_have_text(done)
    screenshot(page, f"share-copied-{lang}")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    expect(page.locator(f"{SIDEBAR} .share-done")).to_have_text("", timeout=10_000)  # the confirmation goes


def test_without_the_clipboard_the_copy_goes_through_the_selection(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/?groups=8&lang=tr")  # a phone: the sidebar opens on request
        page.wait_for_selector("[data-testid='stMain'] h1")
        settle(page)
        assert page.evaluate("() => navigator.clipboard") is None
        page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button") \
            .first.click()
        link = share_link(page, "groups=8", "lang=tr")
        page.locator(f"{SIDEBAR} button.share-copy").click()
        expect(page.locator(f"{SIDEBAR} .share-done")).to_have_text(re.compile("Kopyalandı|Bağlantı seçildi"))
        assert page.evaluate("() => window.__copied") == [link]  # the exact address, no break in it
    finally:
        context.close()


def test_no_page_fetches_the_syntax_highlighter(server, browser):
    """No st.code anywhere: the share link and the code boxes (the Graph page's PyTorch code, the Budget page's
    torchinfo printout) are the same small component, and st.code's highlighter is 1.5 MB of JavaScript."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.url) if r.request.resource_type == "script" else None)
    try:
        open_app(page, f"{server}/?groups=8")
        share_link(page, "groups=8")  # the share link's component has been drawn
        for name, shown in (("Graph", "[data-testid='stMain'] pre.held-pre"),
                            ("Budget", "[data-testid='stMain'] .held-chart figure svg:visible")):
            page.locator("[data-testid='stSidebarNav'] a", has_text=name).click()
            page.wait_for_url(re.compile(f"/{name.lower()}"))
            page.locator(shown).first.wait_for()
            settle(page)
        page.wait_for_timeout(500)
        names = [url.rsplit("/", 1)[-1] for url in scripts]
        assert any(name.startswith("index.") for name in names), names  # the responses were seen
        assert not [name for name in names if name.startswith("StreamlitSyntaxHighlighter")], names
    finally:
        context.close()


def test_one_click_copies_the_pytorch_code(server, clipboard_page):
    page = clipboard_page
    open_app(page, f"{server}/graph?groups=8&lang=tr")
    box = page.locator("[data-testid='stMain'] .st-key-graph_export .held-copy")
    code = box.locator("pre.held-pre")
    expect(code).to_contain_text("nn.Conv2d")
    box.locator("button.held-button", has_text="Kopyala").click()
    expect(box.locator(".held-copy-done")).to_have_text("Kopyalandı")
    assert page.evaluate("() => navigator.clipboard.readText()") == code.text_content()
    assert "groups=8" in code.text_content()  # the block at the sidebar's g
    screenshot(page, "graph-code-copied-tr")
