"""Layout in a real browser: no page pans sideways on a phone, graphs are drawn at one legible scale, and a
page's own controls rerun only their part of the page."""

from __future__ import annotations

import re

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .conftest import graph_svgs, open_app, screenshot, settle, share_link

PHONE = {"width": 390, "height": 844}
PAGES = {
    "overview": "/?block=resnext",
    "overview-tr": "/?block=resnext&lang=tr",  # the explanations are the longest text, in either language
    "graph": "/graph?block=resnext",
    "graph-compare-lr": "/graph?block=resnext&layout=LR&compare=bottleneck&compare=basic",
    "budget": "/budget?block=resnext",
    "run": "/run?block=resnext",
}
# Elements of the page that reach past the window's right edge without a box of their own that scrolls or clips
# them: what makes a phone pan sideways.
STICKING_OUT = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const boxed = e => {
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const out = [...main.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !boxed(e));
  return {page: document.scrollingElement.scrollWidth, main: main.scrollWidth, window: innerWidth,
          out: out.slice(0, 5).map(e => e.tagName + ' ' + (e.getAttribute('data-testid') || e.className))};
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_page_pans_sideways_on_a_phone(server, phone, name):
    phone.goto(f"{server}{PAGES[name]}")  # the sidebar starts closed on a phone
    phone.wait_for_selector("[data-testid='stMain'] h1")
    settle(phone)
    if name.startswith("graph"):
        graph_svgs(phone)
    if name == "budget":
        phone.locator(".st-key-budget_network_chart figure svg:visible").wait_for()
    settle(phone)
    layout = phone.evaluate(STICKING_OUT)
    assert layout["out"] == [], layout
    assert layout["page"] <= PHONE["width"] and layout["main"] <= PHONE["width"], layout
    screenshot(phone, f"phone-{name}")


# The drawn size of every graph: pixels per SVG unit (Graphviz's points) and its node text in pixels.
GRAPH_SCALES = """() => [...document.querySelectorAll("[data-testid='stMain'] .held-graph figure > svg")].map(svg => {
  const box = svg.closest(".held-graph");
  const perUnit = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const nodeText = Math.min(...[...svg.querySelectorAll('g.node text')].map(t => parseFloat(t.getAttribute('font-size'))));
  return {perUnit, nodeText: nodeText * perUnit, scrolls: box.scrollWidth > box.clientWidth};
})"""
TOPS = """() => [...document.querySelectorAll("[data-testid='stMain'] .held-graph figure > svg")]
    .map(svg => svg.getBoundingClientRect().top)"""


def test_graphs_are_drawn_at_one_legible_scale_and_a_wide_one_scrolls(server, page):
    for url, wide in (("/graph?block=resnext&layout=LR&compare=bottleneck&compare=basic", True),
                      ("/graph?block=resnext&compare=bottleneck&compare=basic&compare=preact", False),
                      ("/graph?block=basic", False)):
        open_app(page, f"{server}{url}")
        graph_svgs(page)
        scales = page.evaluate(GRAPH_SCALES)
        assert len(scales) == url.count("compare=") + 1
        assert all(s["perUnit"] == pytest.approx(scales[0]["perUnit"], rel=1e-3) for s in scales), scales
        assert all(s["nodeText"] >= 10 for s in scales), scales  # 11 pt at 0.85 of 4/3 px per pt: 12.5 px
        assert all(s["scrolls"] for s in scales) == wide, scales  # a left-to-right graph is wider than the page
    # Top to bottom, the compared blocks stand in one row at one height: their inputs line up.
    tops = page.evaluate(TOPS)
    assert len(tops) == 1  # the last page: one block
    open_app(page, f"{server}/graph?block=resnext&compare=bottleneck&compare=basic")
    graph_svgs(page)
    tops = page.evaluate(TOPS)
    assert len(tops) == 3 and max(tops) - min(tops) < 1, tops
    screenshot(page, "graph-compare")


def finished_runs(page) -> list[str]:
    """How each of the server's runs for ``page`` finished, as they arrive (a full run or a fragment's)."""
    runs: list[str] = []

    def frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes) and len(payload) < 1024:
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                runs.append(ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished))

    page.on("websocket", lambda ws: ws.on("framereceived", frame) if ws.url.endswith("/_stcore/stream") else None)
    return runs


@pytest.mark.parametrize("url,key,label,param", [
    ("/graph?block=resnext", "layout", "LR", "layout=LR"),
    ("/budget?block=resnext", "metric", "macs", "metric=macs"),
])
def test_a_page_control_reruns_only_its_part_and_updates_the_share_link(server, page, url, key, label, param):
    runs = finished_runs(page)
    open_app(page, f"{server}{url}")
    assert runs and runs[-1] == "FINISHED_SUCCESSFULLY"
    seen = len(runs)
    page.locator(f".st-key-{key} label", has_text=label).click()
    page.wait_for_url(re.compile(param))
    for _ in range(200):
        if len(runs) > seen:
            break
        page.wait_for_timeout(50)
    settle(page)
    assert runs[seen:] == ["FINISHED_FRAGMENT_RUN_SUCCESSFULLY"]  # the part alone, not the page
    assert param in share_link(page, param)
