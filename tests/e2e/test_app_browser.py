"""The app shell and graph page in a real browser: shared links, the address as state, navigation."""

import re

from harness.browser import start_server

from .conftest import GRAPH_IMAGES, graph_svgs, open_app, screenshot, settle, share_link


def slider_value(page, key: str) -> int:
    """The value a slider shows: a select slider's input holds the index of its option, its aria-valuetext the
    option (holding the width, the groups control is one: explorer/controls._held_choices)."""
    handle = page.locator(f".st-key-{key} input[type=range]")
    return int(handle.get_attribute("aria-valuetext") or handle.input_value())


def press_slider(page, key: str, keys: str, times: int = 1) -> None:
    handle = page.locator(f".st-key-{key} input[type=range]")
    handle.focus()
    for _ in range(times):
        handle.press(keys)
    settle(page)


def test_shared_link_opens_the_graph_with_one_eighth(server, page):
    open_app(page, f"{server}/graph?block=resnext&groups=8&hold=d")  # d held: each step of g adds a path of 4
    (svg,) = graph_svgs(page)
    assert "3×3 conv, g=8, 32→32" in svg
    drawn = page.locator(GRAPH_IMAGES)
    assert drawn.evaluate("svg => svg.getBoundingClientRect().width > 100")  # the browser drew it at its size
    assert drawn.locator("xpath=..").get_attribute("aria-label") == (
        "Computation graph of the resnext 8×4d, 256→256, stride 1 block")
    assert slider_value(page, "groups") == 8
    assert "1/8" in page.locator("[data-testid='stMain']").inner_text()
    screenshot(page, "graph")

    press_slider(page, "groups", "ArrowRight", 2)
    page.wait_for_url(re.compile(r"groups=10"))
    assert "1/10" in page.locator("[data-testid='stMain']").inner_text()
    assert "3×3 conv, g=10, 40→40" in graph_svgs(page)[0]


def test_seeded_value_survives_navigation(server, page):
    # A shared link lands on the default page; the reader then opens another page.
    open_app(page, f"{server}/?groups=8&planes=32")
    assert slider_value(page, "groups") == 8
    screenshot(page, "overview")
    page.locator("[data-testid='stSidebarNav'] a", has_text="Graph").click()
    page.wait_for_url(re.compile(r"/graph"))
    settle(page)
    assert slider_value(page, "groups") == 8
    assert "groups=8" in page.url and "planes=32" in page.url
    share = share_link(page, "/graph")
    assert "groups=8" in share and "planes=32" in share and "/graph" in share


def test_hostile_link_falls_back_with_a_note(server, page):
    open_app(page, f"{server}/graph?groups=abc&block=%3Cscript%3Ealert(1)%3C/script%3E&size=-3")
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert "Ignored groups='abc'" in sidebar and "Ignored size='-3'" in sidebar
    assert "Ignored block='<script>" in sidebar  # shown as text
    assert page.locator("script:text('alert(1)')").count() == 0
    assert len(graph_svgs(page)) == 1


def test_compare_mode_from_a_link(server, page):
    open_app(page, f"{server}/graph?block=basic&compare=preact")
    svgs = graph_svgs(page)
    assert len(svgs) == 2 and "ffc9c9" in svgs[1]  # the pre-activation block's moved BN/ReLU are marked
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "no ReLU after the addition" in text


def test_deep_link_is_the_first_request_of_a_fresh_server(page):
    # A fresh server's very first request is a deep link: st.navigation in app.py must find the page
    # and show the linked view (with a folder named pages/ Streamlit would run the page file alone).

    proc, url = start_server()
    try:
        open_app(page, f"{url}/split?block=resnext&groups=8")
        assert slider_value(page, "groups") == 8
        assert "Split-transform-merge" in page.locator("[data-testid='stSidebarNav']").inner_text()
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        proc.terminate()


def test_a_change_of_hold_keeps_g(server, page):
    """Holding the width the groups control is a select slider, holding d a plain one: the new control takes the
    g the address holds, 64, not the default."""
    open_app(page, f"{server}/split?block=resnext&groups=64&base_width=2")
    assert slider_value(page, "groups") == 64
    page.locator(".st-key-hold label").filter(has_text=re.compile(r"^d$")).click()
    page.wait_for_url(re.compile(r"hold=d"))
    settle(page)
    assert slider_value(page, "groups") == 64
    assert "width = g × d = 64 × 2 = 128" in page.locator("[data-testid='stSidebar']").inner_text()
    assert "groups=64" in page.url and "base_width=2" in page.url
