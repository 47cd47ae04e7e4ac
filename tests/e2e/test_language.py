"""The language in a real browser: ?lang=tr opens Turkish, the switch ("English / Türkçe") writes lang=tr to the
address, a page switch keeps it, and the share link carries it; the share link breaks only between its parts."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from .conftest import SHARE_LINK, open_app, screenshot, settle, share_link

SIDEBAR = "[data-testid='stSidebar']"
SWITCH = ".st-key-lang"
# Each line of the share link's text as the browser lays it out (a rect per line of the text node).
SHARE_LINES = """(a) => {
  const lines = [];
  let top = null;
  for (const node of a.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const r = document.createRange();
    for (let i = 0; i < node.length; i++) {
      r.setStart(node, i); r.setEnd(node, i + 1);
      const y = r.getBoundingClientRect().top;
      if (top === null || y > top + 2) { lines.push(''); top = y; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""


def sidebar_text(page) -> str:
    return page.locator(SIDEBAR).inner_text()


def share(page, *parts: str) -> str:
    return share_link(page, *parts)


def test_a_turkish_link_opens_turkish(server, page):
    open_app(page, f"{server}/graph?lang=tr&groups=8")
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Genel bakış" in nav and "Çalıştır ve ölç" in nav and "Run & time" not in nav
    text = sidebar_text(page)
    assert "Blok" in text and "Bu görünümü paylaşın" in text
    assert page.locator(f"{SWITCH} label:has(input:checked)").inner_text().strip() == "Türkçe"
    assert "lang=tr" in page.url and "lang=tr" in share(page, "lang=tr")


def test_the_switch_writes_lang_tr_and_a_page_switch_keeps_it(server, page):
    open_app(page, f"{server}/?groups=8")
    switch = page.locator(SWITCH)
    switch.get_by_text("Türkçe").wait_for()  # under load the sidebar's widgets can follow the run's end
    assert "English" in switch.inner_text() and "Türkçe" in switch.inner_text()
    switch.get_by_text("Türkçe").click()
    page.wait_for_url(re.compile(r"lang=tr"))
    settle(page)
    assert "T%C3%BCrk" not in page.url  # the code, not the shown name
    assert "Blok" in sidebar_text(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Graf").click()
    page.wait_for_url(re.compile(r"/graph"))
    settle(page)
    assert "lang=tr" in page.url and "groups=8" in page.url
    assert "lang=tr" in share(page, "/graph") and "/graph" in share(page)
    assert "Bu görünümü paylaşın" in sidebar_text(page)
    page.locator(SWITCH).get_by_text("English").click()
    settle(page)
    page.wait_for_function("() => !location.search.includes('lang=')")
    expect(page.locator(SHARE_LINK).last).not_to_have_attribute("href", re.compile("lang="))
    assert "Share this view" in sidebar_text(page) and "lang=" not in share(page)


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_sidebar_and_its_share_link_at_two_widths(server, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 1000}, is_mobile=width < 500,
                                  has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        url = (f"{server}/graph?block=preact_bottleneck&in_channels=512&planes=128&stride=2&preact_shortcut=notes"
               f"&size=abc&lang={lang}")
        page.goto(url)
        page.wait_for_selector("[data-testid='stMain'] h1")
        settle(page)
        screenshot(page, f"page-{lang}-{width}")
        if width < 500:  # a phone: the notes on the link are on the page too, and the sidebar opens on request
            notes = page.locator("[data-testid='stMain'] [data-testid='stExpander']").first
            assert ("kullanılamayan değerler: 1" if lang == "tr" else "could not be used: 1") in notes.inner_text()
            page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button") \
                .first.click()
            page.wait_for_timeout(500)
            screenshot(page, f"sidebar-top-{lang}-{width}")
        link = share_link(page, "block=preact_bottleneck", *(["lang=tr"] if lang == "tr" else []))
        page.locator(SHARE_LINK).scroll_into_view_if_needed()
        lines = page.locator(SHARE_LINK).evaluate(SHARE_LINES)
        assert "".join(lines) == link
        assert len(lines) > (1 if width > 500 else 2), lines  # long enough to wrap
        for before, line in itertools.pairwise(lines):  # each break is after a / or ?, or before an &
            assert line.startswith("&") or before.endswith(("/", "?")), lines
        screenshot(page, f"sidebar-{lang}-{width}")
    finally:
        context.close()
