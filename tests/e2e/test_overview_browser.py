"""The Overview page in a real browser: a block's link opens its graph in the same tab and session, with the
settings in the address; the page in both languages at desktop and phone widths, the glossary open."""

from __future__ import annotations

import re

import pytest

from .conftest import graph_svgs, open_app, screenshot, settle


def test_a_block_link_keeps_the_tab_and_the_session(server, page):
    # groups=abc leaves a note that lives only in this session's state; planes=32 is a setting the link carries.
    open_app(page, f"{server}/?planes=32&groups=abc")
    assert "Ignored groups='abc'" in page.locator("[data-testid='stSidebar']").inner_text()
    page.evaluate("window.__before_the_click = true")  # gone if the link reloads the page
    link = page.locator(".st-key-graph_links [data-testid='stPageLink'] a", has_text="Basic block (ResNet-18/34)")
    assert link.get_attribute("target") in (None, "", "_self")
    link.click()
    page.wait_for_url(re.compile(r"/graph\?.*block=basic"))
    settle(page)
    assert "planes=32" in page.url
    assert page.evaluate("window.__before_the_click === true")  # the same page: no reload, so the same session
    assert len(page.context.pages) == 1  # no new tab
    assert "Ignored groups='abc'" in page.locator("[data-testid='stSidebar']").inner_text()
    assert any("3×3 conv, 64→32" in svg for svg in graph_svgs(page))  # the basic block at planes = 32


def test_a_link_keeps_the_language(server, page):
    open_app(page, f"{server}/?lang=tr&planes=32")
    page.locator(".st-key-graph_links a", has_text="Bottleneck (ResNet-50/101/152)").click()
    page.wait_for_url(re.compile(r"/graph\?.*block=bottleneck"))
    settle(page)
    assert "lang=tr" in page.url and "planes=32" in page.url
    assert any("32→128" in svg for svg in graph_svgs(page))  # the last 1×1 of the bottleneck at planes = 32


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("width", [1400, 390])
def test_the_page_with_its_glossary_open(server, browser, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/?lang={lang}")
        page.wait_for_selector("[data-testid='stMain'] h1")
        settle(page)
        title = "Sözlük (Türkçe ↔ İngilizce)" if lang == "tr" else "Glossary (Türkçe ↔ English)"
        page.locator("[data-testid='stExpander'] summary", has_text=title).click()
        page.locator("[data-testid='stExpander'] [data-testid='stTable']").wait_for()
        # The blocks' table and the explanations are held views, drawn by the browser once their code has come.
        page.locator(".st-key-blocks_table .held table").wait_for()
        page.locator(".st-key-text_overview_choice .held li").first.wait_for()
        text = page.locator("[data-testid='stMain']").inner_text()
        assert ("71.168" if lang == "tr" else "71,168") in text
        assert ("böl-dönüştür-birleştir" in text) and ("kardinalite" in text)
        main = page.locator("[data-testid='stMain']")
        assert main.evaluate("m => m.scrollWidth") <= width  # wide tables scroll in their own box
        screenshot(page, f"overview-{lang}-{width}")
    finally:
        context.close()
