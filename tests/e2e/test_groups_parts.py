"""A change of groups reruns only the parts of a page that depend on g (controls.groups_changed): in a real browser,
the server's run is a fragment run, the page's other elements (its title, its explanations) are not sent again,
and the parts, the sidebar's width note and summary, the share link and the address all follow the new g."""

from __future__ import annotations

import re
import signal
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.browser import GRAPH_SHOWS, SLIDER, start_server

from .conftest import NO_GRAPHVIZ, open_app, settle, share_link


@pytest.fixture
def stoppable(browser):
    """A server of the test's own, which it may stop (SIGSTOP) and go on (SIGCONT), with a page at 1,400 px: its
    process, its address and the page. Without Graphviz (conftest.NO_GRAPHVIZ), so that its Graph page answers a
    change of g with a run."""
    proc, url = start_server(extra_env=NO_GRAPHVIZ)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield proc, url, page
    context.close()
    proc.kill()
# page → (its address, a CSS selector of a part, a text the part shows at g = 64 with hold=width at the default
# width 128)
# The Graph page's drawings on a server without Graphviz (conftest.parts_server): a part that a change of g reruns.
GRAPH_PART = ".st-key-graph_drawing"
PAGES = {
    "graph": ("/graph", GRAPH_PART, "resnext 64×2d, 256→256"),
}
# The pages answered in the browser (controls.ANSWERED_IN_BROWSER): their held view of g, and what it shows at 64.
ANSWERED = {
    "overview": ("/", ".st-key-blocks_table", "68,864"),
    "why": ("/why", ".st-key-why_block_line", "resnext 64×2d, 256→256"),
    "split": ("/split", ".st-key-table_2", "The current block is 64×2d"),
    "budget": ("/budget", ".st-key-budget_totals", "68,864 params"),
    "graph": ("/graph", ".st-key-graph_one_over_g", "2,304"),
    "run": ("/run", ".st-key-run_memory", "resnext 64×2d, 256→256"),
}


class Frames:
    """The server's messages to the page: each run's kind and the element types its deltas carry."""

    def __init__(self, page) -> None:
        self.runs: list[int] = []  # script_finished statuses
        self.elements: list[str] = []  # the new elements' types, in order
        self.components: list[str] = []  # the names of the custom components sent
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def clear(self) -> None:
        self.runs.clear()
        self.elements.clear()
        self.components.clear()

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.runs.append(msg.script_finished)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            self.elements.append(element.WhichOneof("type"))
            if element.WhichOneof("type") == "bidi_component":
                self.components.append(element.bidi_component.component_name.rsplit(".", 1)[-1])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_groups_change_reruns_only_the_parts(parts_server, page, name):
    path, part, shown = PAGES[name]
    frames = Frames(page)
    open_app(page, f"{parts_server}{path}?block=resnext")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.filter(has_text="width = g × d = 32 × 4 = 128").wait_for()  # a held view: its script draws it
    page.locator(part).filter(has_text=re.compile(r"\d")).wait_for()
    before = page.locator(part).inner_text()
    frames.clear()

    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # holding the width, the next g the width 128 takes: 64
    page.wait_for_url(re.compile(r"groups=64"))
    page.locator(part, has_text=shown).wait_for()
    settle(page)

    assert ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY in frames.runs
    assert ForwardMsg.FINISHED_SUCCESSFULLY not in frames.runs  # no run of the whole app
    assert "heading" not in frames.elements  # the page's title and headings were not sent again
    # The held views (the sidebar's note and summary, the page's layers) neither: only the part's own was sent.
    assert frames.components == ["held_view"]
    assert page.locator("[data-testid='stMain'] h1").count() == 1  # and are still there
    assert page.locator(part).inner_text() != before
    assert "width = g × d = 64 × 2 = 128" in sidebar.inner_text()
    assert "resnext 64×2d" in sidebar.inner_text()
    assert "base_width=2" in page.url
    link = share_link(page, "groups=64", "base_width=2")
    assert link.startswith(parts_server)


@pytest.mark.parametrize("name", sorted(ANSWERED))
def test_a_groups_change_on_a_page_answered_in_the_browser_runs_nothing(server, page, name):
    """Holding the width, everything on these pages that depends on g is a held view: a change of g sends nothing
    to the server. The browser shows the new g, writes base_width into the address and the sidebar's input, and the
    share link follows; the next run (another control, a page switch) is at that block."""
    path, part, shown = ANSWERED[name]
    frames, sent = Frames(page), []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    open_app(page, f"{server}{path}?block=resnext")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.filter(has_text="width = g × d = 32 × 4 = 128").wait_for()
    settle(page)
    page.wait_for_timeout(500)
    assert sent  # the page's own messages are seen (its first run's request)
    sent.clear()
    frames.clear()

    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # holding the width, the next g the width 128 takes: 64
    page.wait_for_url(re.compile(r"base_width=2"))
    page.locator(part, has_text=shown).wait_for()
    sidebar.filter(has_text="width = g × d = 64 × 2 = 128").wait_for()
    page.wait_for_timeout(1500)
    assert frames.runs == [] and sent == []  # not a message to the server, not a run
    assert page.locator(".st-key-base_width input").input_value() == "2"
    assert "resnext 64×2d" in sidebar.inner_text()
    share_link(page, "groups=64", "base_width=2")

    page.locator(".st-key-stride label", has_text="2").first.click()  # a run, brought by another control
    page.wait_for_url(re.compile(r"stride=2"))
    sidebar.filter(has_text="→ resnext 64×2d, 256→256, stride 2").wait_for()
    settle(page)
    assert ForwardMsg.FINISHED_SUCCESSFULLY in frames.runs
    assert "groups=64" in page.url and "base_width=2" in page.url
    assert page.locator(".st-key-base_width input").input_value() == "2"

    slider.focus()
    slider.press("ArrowLeft")  # 32, in the browser: base_width 4 is the default and leaves the address
    page.wait_for_url(lambda url: "groups=" not in url and "base_width=" not in url)
    page.locator(".st-key-base_width button").last.click()  # + from the 4 shown: 5, at g = 32
    sidebar.filter(has_text="width = g × d = 32 × 5 = 160").wait_for()
    settle(page)
    assert "base_width=5" in page.url and "groups=" not in page.url

    page.locator("[data-testid='stSidebarNav'] a[href$='/graph']").click()  # and the view goes with a page switch
    page.wait_for_url(re.compile(r"/graph"))
    page.wait_for_function(GRAPH_SHOWS, arg="3×3 conv, g=32, 160→160")
    assert "base_width=5" in page.url


def test_a_step_away_and_back_in_the_browser_is_the_links_own_block(server, page):
    """A link's base_width 3 at planes 32 (width 32, d = 1 at g = 32): 16 holds the width with base_width 4 (the
    default: it leaves the address), and back at 32 the views the link's run drew: base_width 3 again."""
    open_app(page, f"{server}/?block=resnext&planes=32&base_width=3")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.filter(has_text="d = 3 × planes/64").wait_for()
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowLeft")
    page.wait_for_url(lambda url: "groups=16" in url and "base_width=" not in url)
    assert page.locator(".st-key-base_width input").input_value() == "4"
    slider.press("ArrowRight")
    page.wait_for_url(lambda url: "groups=" not in url and "base_width=3" in url)
    sidebar.filter(has_text="d = 3 × planes/64").wait_for()
    assert page.locator(".st-key-base_width input").input_value() == "3"
    page.reload()  # the address is the view
    settle(page)
    sidebar.filter(has_text="d = 3 × planes/64").wait_for()


def test_the_input_the_browser_set_follows_the_server_after_the_next_run(parts_server, page):
    """held.js sets base_width in the input as if typed; once a run has been drawn it is left at the server's value,
    so a later write of the server (a change of g on a page answered by a run) shows in it."""
    open_app(page, f"{parts_server}/?block=resnext")
    sidebar = page.locator("[data-testid='stSidebar']")
    slider, field = page.locator(SLIDER), page.locator(".st-key-base_width input")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_url(re.compile(r"base_width=2"))
    assert field.input_value() == "2"
    page.locator("[data-testid='stSidebarNav'] a[href$='/graph']").click()
    page.locator(GRAPH_PART, has_text="resnext 64×2d, 256→256").wait_for()
    settle(page)
    page.wait_for_timeout(300)
    slider.focus()
    slider.press("ArrowLeft")  # on the Graph page, its graphs a part, the server writes base_width 4
    page.locator(GRAPH_PART, has_text="resnext 32×4d, 256→256").wait_for()
    settle(page)
    sidebar.filter(has_text="width = g × d = 32 × 4 = 128").wait_for()
    assert field.input_value() == "4"
    assert "base_width=" not in page.url and "groups=" not in page.url


def test_a_change_of_g_during_a_page_switch_is_answered_by_the_new_page(stoppable):
    """A press on the Overview's slider (answered in the browser) while the Graph page's first run is on its way
    (the server's process is stopped, so the run is surely on its way): that run, asked for before the press, draws
    g = 32, and the width note's view then asks for the g the address names (controls._held_moved)."""
    proc, url, page = stoppable
    open_app(page, f"{url}/?block=resnext")
    page.locator("[data-testid='stSidebar']").filter(has_text="width = g × d = 32 × 4 = 128").wait_for()
    slider = page.locator(SLIDER)
    proc.send_signal(signal.SIGSTOP)
    try:
        page.locator("[data-testid='stSidebarNav'] a[href$='/graph']").click()
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_url(re.compile(r"base_width=2"))  # answered in the browser
    finally:
        proc.send_signal(signal.SIGCONT)
    page.locator(GRAPH_PART, has_text="resnext 64×2d, 256→256").wait_for()
    settle(page)
    assert "groups=64" in page.url and "base_width=2" in page.url
    assert slider.get_attribute("aria-valuetext") == "64"
    page.locator("[data-testid='stSidebar']").filter(has_text="width = g × d = 64 × 2 = 128").wait_for()


def test_quick_presses_on_a_page_answered_in_the_browser_leave_the_address_at_the_slider(server, page):
    """Five presses at once: the browser answers each in turn, and the address, the width note and the input end at
    the g the slider shows (on a page with parts, the server's answers can come in another order: README)."""
    open_app(page, f"{server}/?block=resnext")
    page.locator("[data-testid='stSidebar']").filter(has_text="width = g × d = 32 × 4 = 128").wait_for()
    slider = page.locator(SLIDER)
    slider.focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowLeft"):
        page.keyboard.press(key)
    page.wait_for_url(lambda url: "groups=4" in url and "base_width=32" in url)
    page.locator(".st-key-width_note", has_text="width = g × d = 4 × 32 = 128").wait_for()
    page.wait_for_timeout(1000)
    assert slider.get_attribute("aria-valuetext") == "4"
    assert page.locator(".st-key-base_width input").input_value() == "32"
    assert "groups=4" in page.url and "base_width=32" in page.url


def test_the_held_views_follow_g_in_the_browser_with_the_server_stopped(stoppable):
    """The Overview's table and the sidebar's width note and summary are held views (components/held_view.py): sent
    at every g the control reaches, they show the new g as the address changes, before the server answers. With the
    server's process stopped, a key press still changes them; once it runs again, its answer agrees."""
    proc, url, page = stoppable
    open_app(page, f"{url}/?block=resnext")
    sidebar, table = page.locator("[data-testid='stSidebar']"), page.locator(".st-key-blocks_table")
    table.filter(has_text="71,168").wait_for()
    sidebar.filter(has_text="width = g × d = 32 × 4 = 128").wait_for()
    proc.send_signal(signal.SIGSTOP)
    try:
        slider = page.locator(SLIDER)
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_url(re.compile(r"groups=64"))
        table.filter(has_text="68,864").wait_for(timeout=5_000)  # the ResNeXt row at 64×2d
        sidebar.filter(has_text="width = g × d = 64 × 2 = 128").wait_for(timeout=5_000)
        assert "→ resnext 64×2d, 256→256" in sidebar.inner_text()
        slider.press("ArrowRight")  # 128: depthwise, the end of the control
        sidebar.filter(has_text="128 × 1 = 128: depthwise").wait_for(timeout=5_000)
        assert "resnext 128×1d" in sidebar.inner_text()
    finally:
        proc.send_signal(signal.SIGCONT)
    page.wait_for_url(re.compile(r"base_width=1"))  # the server's answer: d follows g
    settle(page)
    assert "resnext 128×1d" in sidebar.inner_text() and "67,712" in table.inner_text()


def test_a_change_of_width_reruns_the_whole_app(server, page):
    """hold=d: g changes the width, so anything on the page may change: the whole app runs."""
    frames = Frames(page)
    open_app(page, f"{server}/?block=resnext&hold=d")
    frames.runs.clear()
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowLeft")
    page.wait_for_url(re.compile(r"groups=31"))
    settle(page)
    page.locator("[data-testid='stSidebar']", has_text="width = g × d = 31 × 4 = 124").wait_for()
    assert ForwardMsg.FINISHED_SUCCESSFULLY in frames.runs


def test_a_page_control_moves_the_share_link_without_sending_it(server, page):
    """The Graph page's layout is a part's own control: its rerun does not draw the share link, which follows the
    address the control writes."""
    frames = Frames(page)
    open_app(page, f"{server}/graph?block=resnext")
    frames.components.clear()
    page.locator(".st-key-layout label", has_text="LR").click()
    page.wait_for_url(re.compile(r"layout=LR"))
    link = share_link(page, "/graph", "layout=LR")
    settle(page)
    assert link == page.url
    assert frames.components == ["held_view"]  # the drawings at every g, not the share link's component


def test_the_share_link_takes_the_changes_of_the_address_not_its_unusable_values(server, page):
    """A link brought an unusable block and groups: the address keeps them (Streamlit leaves what it cannot use),
    the server's link leaves them out, and after a groups change the link takes only what changed."""
    open_app(page, f"{server}/?block=nope&groups=abc&planes=32")
    assert share_link(page, "planes=32") == f"{server}/?planes=32"
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_url(re.compile(r"groups=64"))
    assert "block=nope" in page.url  # still in the address
    link = share_link(page, "groups=64", "base_width=2")
    assert link.startswith(f"{server}/?")
    assert sorted(parse_qsl(urlsplit(link).query)) == [("base_width", "2"), ("groups", "64"), ("planes", "32")]


def test_after_a_new_server_took_the_page_a_groups_change_still_answers(browser):
    """A page whose server stopped reconnects to a new one that has never run its session: Streamlit drops a
    rerun of a part it does not know, so the share link asks for a run of the whole app on reconnecting
    (components/share.js), and the first change of g is answered."""
    first, url = start_server(extra_env=NO_GRAPHVIZ)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    second = None
    try:
        open_app(page, f"{url}/graph?block=resnext")  # its graphs a part that a change of g reruns
        page.locator("[data-testid='stSidebar']", has_text="width = g × d = 32 × 4 = 128").wait_for()
        first.kill()
        first.wait(10)
        page.wait_for_selector("[data-testid='stApp']:not([data-test-connection-state='CONNECTED'])")
        second, _ = start_server(extra_env=NO_GRAPHVIZ, port=int(url.rsplit(":", 1)[1]))
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
        settle(page)
        slider = page.locator(SLIDER)
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_url(re.compile(r"groups=64"))
        page.locator("[data-testid='stSidebar']", has_text="width = g × d = 64 × 2 = 128").wait_for()
        page.locator(GRAPH_PART, has_text="resnext 64×2d, 256→256").wait_for()
    finally:
        context.close()
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
