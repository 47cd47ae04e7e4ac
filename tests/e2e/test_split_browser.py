"""The split-transform-merge explorer draws, animates and links its views in a real browser."""

from __future__ import annotations

import re

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.browser import SLIDER
from tests.e2e.conftest import VEGA, artifact, cold_load, screenshot, settle
from tests.e2e.test_groups_parts import Frames

pytestmark = pytest.mark.e2e

EXPLORER = ".sx"


def _open(page, server: str, query: str) -> None:
    page.goto(f"{server}/split?{query}")
    page.locator(f"{EXPLORER} .sx-flow rect").first.wait_for()
    settle(page)
    page.locator(EXPLORER).scroll_into_view_if_needed()


def _state(page) -> dict:
    return page.locator(EXPLORER).evaluate("e => ({...e.dataset})")


def _scrub(page, selector: str, values: list[float], release: bool = True) -> None:
    """Drag a range input of the component over ``values``: an input event each, one change at the end."""
    page.locator(f"{EXPLORER} {selector}").evaluate(
        """(e, [values, release]) => {
            for (const v of values) { e.value = String(v); e.dispatchEvent(new Event('input', {bubbles: true})); }
            if (release) e.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        [values, release],
    )


def _frames_sent(page) -> list:
    """Every websocket frame the browser sends from now on (a rerun of the script is one)."""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def test_scrubbing_g_redraws_in_the_browser_and_writes_groups_once(server, page):
    sent = _frames_sent(page)
    _open(page, server, "step=transform")
    assert _state(page)["g"] == "32"
    before = page.locator(f"{EXPLORER} .sx-flow").inner_html()
    frames = len(sent)

    # Indices into the divisors of the width 128: 1, 2, 4, 8, 16, 32, 64, 128.
    _scrub(page, ".sx-g", [5, 4, 3, 2], release=False)
    assert _state(page)["g"] == "4"
    assert page.locator(f"{EXPLORER} .sx-flow").inner_html() != before
    assert page.locator(f"{EXPLORER} .sx-flow [data-path]").count() == 4
    page.wait_for_timeout(500)
    assert len(sent) == frames, "scrubbing g must not ask the server for anything"
    assert "groups=" not in page.url

    _scrub(page, ".sx-g", [3])  # release at g = 8
    page.wait_for_function("() => location.search.includes('groups=8')", timeout=30_000)
    settle(page)
    assert len(sent) == frames + 1, "releasing g asks for one rerun"
    assert re.search(r"[?&]base_width=16(&|$)", page.url)  # the width 128 held: d = 16
    assert _state(page)["g"] == "8"
    sidebar = page.locator("[data-testid='stSidebar']")
    assert "width = g × d = 8 × 16 = 128" in sidebar.inner_text()
    assert "The current block is 8×16d" in page.locator(".st-key-table_2").inner_text()  # the parts followed


def _explorer_sent(frames: Frames) -> bool:
    return "split_explorer" in frames.components


def test_the_explorer_follows_the_sidebars_g_before_the_server_answers(server, page):
    """The sidebar's slider writes ?groups= in the browser; the explorer redraws from the address in the same task,
    and the server sends it nothing."""
    frames = Frames(page)
    _open(page, server, "step=transform")
    # What the explorer shows at the moment each address is written (a wrapper around the explorer's own).
    page.evaluate("""() => {
        window.seen = [];
        for (const name of ["replaceState", "pushState"]) {
            const write = history[name];
            history[name] = function (...args) {
                const result = write.apply(this, args);
                const hosts = [...document.querySelectorAll("[data-testid='stBidiComponentIsolated']")];
                const sx = hosts.map((h) => h.shadowRoot && h.shadowRoot.querySelector('.sx')).find(Boolean);
                window.seen.push([name, location.search, sx ? sx.dataset.g : null, performance.now()]);
                return result;
            };
        }
    }""")
    frames.clear()
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # holding the width, one step of the control is the next divisor of 128: 64
    page.wait_for_url(re.compile(r"groups=64"))
    page.locator(".st-key-table_2", has_text="The current block is 64×2d").wait_for()
    settle(page)
    seen = page.evaluate("window.seen")
    # The browser's own write (no server answers: the page's views of g are held): the explorer already shows 64,
    # and base_width follows g in the same write (held.js).
    assert seen[0][1:3] == ["?groups=64&step=transform&base_width=2", "64"], seen
    assert _state(page)["g"] == "64"
    assert not frames.runs  # nothing ran
    assert not _explorer_sent(frames)
    slider.press("Home")  # g = 1: the address writes groups=1
    page.wait_for_url(re.compile(r"groups=1(&|$)"))
    settle(page)
    assert _state(page)["g"] == "1"
    assert "g = 1, the same dense 3×3" in page.locator(f"{EXPLORER} .sx-map-grouped-title").inner_text()


def test_the_explorer_moves_the_page_to_a_g_it_wrote_before(server, page):
    """The explorer writes g at 8, the sidebar moves it to 16, the explorer back to 8: the page follows each time
    (a state equal to the last one written would call no callback), and only the parts rerun."""
    frames = Frames(page)
    _open(page, server, "step=transform")
    table = page.locator(".st-key-table_2")
    _scrub(page, ".sx-g", [3])  # g = 8
    page.wait_for_url(re.compile(r"groups=8(&|$)"))
    table.filter(has_text="8×16d").wait_for()
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # 9 → 16
    page.wait_for_url(re.compile(r"groups=16(&|$)"))
    table.filter(has_text="16×8d").wait_for()
    assert _state(page)["g"] == "16"
    frames.clear()
    _scrub(page, ".sx-g", [3])  # g = 8 again
    page.wait_for_url(re.compile(r"groups=8(&|$)"))
    table.filter(has_text="8×16d").wait_for()
    settle(page)
    assert _state(page)["g"] == "8"
    assert "width = g × d = 8 × 16 = 128" in page.locator("[data-testid='stSidebar']").inner_text()
    assert ForwardMsg.FINISHED_SUCCESSFULLY not in frames.runs and not _explorer_sent(frames)


def test_another_block_keeps_its_g_when_the_explorer_is_released(server, page):
    """The bottleneck is shown as the resnext block with g = 1: scrubbing shows other g, and on release the figure
    goes back to g = 1 and asks the server for nothing (the page cannot move the bottleneck's g)."""
    sent = _frames_sent(page)
    _open(page, server, "block=bottleneck&step=transform")
    assert _state(page)["g"] == "1"
    frames = len(sent)
    _scrub(page, ".sx-g", [2, 3], release=False)
    assert _state(page)["g"] == "8"
    _scrub(page, ".sx-g", [3])
    assert _state(page)["g"] == "1"
    page.wait_for_timeout(500)
    assert len(sent) == frames


def test_hovering_a_path_highlights_it_in_the_weight_map(server, page):
    _open(page, server, "groups=8&base_width=16&step=merge")
    page.locator(f"{EXPLORER} .sx-flow [data-path='3'] .sx-hit").hover()
    highlighted = page.locator(f"{EXPLORER} .sx-map-grouped [data-path='3']")
    assert "sx-hl" in highlighted.get_attribute("class")
    assert "sx-dim" in page.locator(f"{EXPLORER} .sx-map-grouped [data-path='2']").get_attribute("class")
    assert "sx-hl" in page.locator(f"{EXPLORER} .sx-flow [data-path='3']").get_attribute("class")
    info = page.locator(f"{EXPLORER} .sx-info").inner_text()
    assert "Path 4 of 8: 16 channels" in info and "9 × 16 × 16 = 2,304 weights" in info
    page.get_by_role("heading", name="Watch the channels split and merge").evaluate("e => e.scrollIntoView()")
    screenshot(page, "split")


def test_a_link_with_step_merge_opens_at_merge(server, page):
    _open(page, server, "step=merge")
    assert _state(page)["step"] == "merge"
    assert page.locator(f"{EXPLORER} .sx-title").inner_text().startswith("5/7 · Merge")


def test_pausing_writes_the_step_to_the_address(server, page):
    _open(page, server, "groups=8&base_width=16")
    page.locator(f"{EXPLORER} .sx-next").click()
    page.wait_for_function("() => location.search.includes('step=reduce')", timeout=30_000)
    assert _state(page)["step"] == "reduce"


def test_holding_the_width_the_3x3_falls_as_one_over_g(server, page):
    _open(page, server, "groups=1&base_width=128&hold=width")
    title = page.locator(f"{EXPLORER} .sx-map-grouped-title")
    assert title.inner_text().startswith("g = 1, the same dense 3×3: ")  # g = 1 said plainly: a dense 3×3
    at_one = int(re.search(r": ([\d,]+) weights", title.inner_text()).group(1).replace(",", ""))
    _scrub(page, ".sx-g", [5], release=False)  # g = 32
    at_32 = int(re.search(r"g = 32: ([\d,]+) weights", title.inner_text()).group(1).replace(",", ""))
    assert at_one == 9 * 128 * 128 and at_32 * 32 == at_one


def test_no_sideways_scroll_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        _open(page, server, "step=transform")
        widths = page.evaluate(
            """() => [document.scrollingElement, document.querySelector("[data-testid='stMain']")]
                   .filter(Boolean).map(e => [e.scrollWidth, e.clientWidth])"""
        )
        for scroll, client in widths:
            assert scroll <= client, widths
        box = page.locator(f"{EXPLORER} .sx-controls").bounding_box()
        assert box["width"] <= 390
        screenshot(page, "split-phone")
        maps = page.locator(f"{EXPLORER} .sx-maps figure")
        assert maps.nth(1).bounding_box()["y"] > maps.nth(0).bounding_box()["y"]  # the two weight maps stack
    finally:
        context.close()


FORMS = ".st-key-split_forms figure svg"


@pytest.mark.parametrize("width", [1400, 390])
def test_the_three_forms_fit_the_page_in_turkish(browser, server, width):
    """Fig. 3 (a), (b), (c) drawn side by side (stacked on a phone), at one scale, none wider than the page,
    and the sum F(x) = Σ T_i(x) whole above them (MathML, set by the browser)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server}/split?lang=tr")
        page.get_by_role("heading", name="Üç biçim, tek fonksiyon").wait_for()
        settle(page)
        drawings = page.locator(FORMS)
        drawings.nth(2).wait_for()
        assert drawings.count() == 3
        drawings.first.scroll_into_view_if_needed()
        boxes = [drawings.nth(i).bounding_box() for i in range(3)]
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes)
        assert len({round(b["width"]) for b in boxes}) == 1  # one scale
        side_by_side = len({round(b["y"]) for b in boxes}) == 1
        assert side_by_side == (width > 640)
        formula = page.locator(".st-key-split_forms math").bounding_box()
        assert formula["x"] >= 0 and formula["x"] + formula["width"] <= width and formula["height"] > 30  # Σ set
        assert "70.144 conv ağırlığı" in drawings.first.inner_html()
        screenshot(page, f"split_forms_tr_{width}")
    finally:
        context.close()


SWEEP = ".st-key-split_sweep_chart"
# The 1/g chart's star as shown: in the layout the chart's width shows, the one ring held.js made visible.
STAR = f"{SWEEP} figure.held-plot svg:visible g.held-ring[visibility=visible]"


def _star(page) -> tuple[float, str]:
    """Where the 1/g chart's star is (its x on the page) and what its label says."""
    star = page.locator(f"{STAR} path").first.bounding_box()
    return star["x"] + star["width"] / 2, page.locator(f"{STAR} text").text_content()


def test_the_page_follows_a_groups_change_with_no_run(server, page):
    """Holding the width, a press of the sidebar's slider is answered in the browser: the forms, the check's button,
    Table 2 and the 1/g chart's star (a ring of the one drawing, which held.js shows at the g shown) are at the new g, and
    the server is sent nothing."""
    frames, sent = Frames(page), _frames_sent(page)
    _open(page, server, "step=transform")
    page.locator(f"{STAR} path").first.wait_for()
    x32, legend = _star(page)
    assert legend == "current g = 32"
    forms = page.locator(".st-key-split_forms")
    assert "the 32 paths' 3×3s in (b)" in forms.inner_text()
    page.wait_for_timeout(500)
    sent.clear()
    frames.clear()
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # 32 → 64
    page.wait_for_url(re.compile(r"base_width=2"))
    forms.filter(has_text="the 64 paths' 3×3s in (b)").wait_for()
    page.locator(STAR, has_text="current g = 64").wait_for()
    x64, _ = _star(page)
    assert x64 > x32  # one step right on the log-g axis
    assert page.locator(".st-key-split_check button").inner_text().startswith("Run the three forms (68,864 parameters")
    assert "<mn>64</mn>" in forms.locator("math").inner_html()
    assert _state(page)["g"] == "64"
    page.wait_for_timeout(1000)
    assert frames.runs == [] and sent == []
    slider.press("ArrowLeft")  # back to 32: the star goes back
    page.locator(STAR, has_text="current g = 32").wait_for()
    assert abs(_star(page)[0] - x32) < 1


def test_the_check_runs_at_the_g_shown_and_keeps_its_result(server, page):
    """The check's button asks for the g it is shown at, even one the browser answered with no run; its result stays
    at that g while another g shows its own button."""
    _open(page, server, "size=8")
    check = page.locator(".st-key-split_check")
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # 64, in the browser alone
    check.filter(has_text="68,864 parameters").wait_for()
    check.locator("button").click()
    check.filter(has_text="max |(a) − (c)|").wait_for()
    settle(page)
    assert "the 64 paths do one by one" in check.inner_text()
    assert "groups=64" in page.url and "base_width=2" in page.url
    assert "width = g × d = 64 × 2 = 128" in page.locator("[data-testid='stSidebar']").inner_text()
    slider.focus()
    slider.press("ArrowLeft")  # 32: not checked, its button
    check.locator("button", has_text="71,168 parameters").wait_for()
    slider.press("ArrowRight")  # 64 again: its result, with no run
    check.filter(has_text="the 64 paths do one by one").wait_for()
    assert check.locator("button").count() == 0
    screenshot(page, "split_check")


TOOLTIPS = {"en": ["part: whole block", "g: 32", "d: 4", "amount: 71,168 parameters", "÷ g = 1: 33.25%"],
            "tr": ["kısım: bloğun tamamı", "g: 32", "d: 4", "miktar: 71.168 parametre", "÷ g = 1: %33,25"]}


@pytest.mark.parametrize("lang,width", [("en", 1400), ("tr", 1400), ("en", 390), ("tr", 390)])
def test_a_cold_load_draws_the_1_over_g_chart_without_plotly(browser, server, lang, width):
    """A fresh browser (nothing cached) opening the Split page fetches no chart library: the page's one chart, the
    1/g curve, is SVG drawn on the server (the PlotlyChart chunk is about 4.7 MB of JavaScript, Vega's 0.8 MB)."""
    with cold_load(browser, f"{server}/split?lang={lang}", SWEEP, width) as (page, scripts):
        assert not [u for u in scripts if "PlotlyChart" in u or VEGA.search(u)], "the Split page must load no chart library"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The whole block's point at the g shown says its numbers (the browser's tooltip, and a screen reader's).
        point = page.locator(f"{SWEEP} figure.held-plot svg:visible circle[data-series='1'][data-g='32']")
        assert point.locator("title").text_content().split("\n") == TOOLTIPS[lang]
        assert point.evaluate("c => getComputedStyle(c).visibility") == "visible"
        sizes = page.locator(f"{SWEEP} figure.held-plot svg:visible text").evaluate_all(
            "ts => ts.map(t => t.getBoundingClientRect().height)")
        assert min(sizes) >= (9 if width < 500 else 10), sizes  # every word legible at the chart's drawn size
        page.locator(SWEEP).screenshot(path=str(artifact(f"split_sweep_{lang}_{width}")))
        screenshot(page, f"split_page_{lang}_{width}")
