"""Browser tests: a Streamlit server on a free loopback port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from harness.browser import CHROMIUM, CHROMIUM_FLAGS, GRAPH_IMAGES, GRAPH_SVGS, ROOT, start_server

ARTIFACTS = ROOT / "test-artifacts"
# The sidebar's share link (explorer/components/share_link.py); Playwright's CSS reaches into the component's
# shadow root.
SHARE_LINK = "[data-testid='stSidebar'] a.share-link"


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    proc, url = start_server()
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


# A server without Graphviz's dot on its PATH: the Graph page lets the browser lay its graphs out, in a part that a
# change of g reruns (controls.answers), the one page answered by a run of its parts.
NO_GRAPHVIZ = {"PATH": "/nonexistent"}


@pytest.fixture(scope="session")
def parts_server() -> Iterator[str]:
    proc, url = start_server(extra_env=NO_GRAPHVIZ)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` as root, or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the app has finished its current run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stSidebar']")
    settle(page)


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def artifact(name: str) -> Path:
    """Where a test saves the picture ``name`` (an element's screenshot beside the pages')."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# Vega's code (embed.*.js, about 0.8 MB) and what runs it; st.metric's chunk imports the 1 kB loader of it
# (loadVegaEmbed.*.js), which fetches it only when a chart asks.
VEGA = re.compile(r"/static/js/(embed|vega-interpreter|ArrowVegaLiteChart)\.")


@contextmanager
def cold_load(browser, url: str, chart: str, width: int) -> Iterator[tuple[object, list[str]]]:
    """A fresh browser (nothing cached) ``width`` px wide opening ``url``, once the chart in the box ``chart`` (a
    selector: a chart drawn as SVG on the server, explorer/figures/svg.py) shows its layout, at least 80% of the
    box's width and 300 px tall, inside the viewport; yields the page and the address of every script the browser
    fetched for it (the recording of the whole load)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.url) if r.request.resource_type == "script" else None)
    try:
        page.goto(url)
        box = page.locator(f"{chart} .held-chart")
        box.scroll_into_view_if_needed()
        drawing = page.locator(f"{chart} figure.held-plot svg:visible")
        drawing.wait_for()
        settle(page)
        drawn = drawing.bounding_box()
        # A chart drawn on the server grows to 960 px at most (held.css): wider boxes leave it room.
        assert drawn["width"] > 0.8 * min(box.bounding_box()["width"], 960) and drawn["height"] > 300
        assert drawn["x"] >= 0 and drawn["x"] + drawn["width"] <= width
        assert [u for u in scripts if "/static/js/" in u]  # the recording saw the page's code arrive
        yield page, scripts
    finally:
        context.close()


def graph_svgs(page) -> list[str]:
    """The SVG text of every graph on the page, once at least one has been drawn."""
    if shutil.which("dot") is None:
        pytest.fail("Debian's graphviz is missing, so the server cannot draw graphs: run `make test` as root, "
                    "or apt-get install graphviz")
    page.wait_for_selector(GRAPH_IMAGES)
    return page.evaluate(GRAPH_SVGS)


def pytest_collection_modifyitems(items) -> None:
    """Mark every browser test `e2e`, so `pytest -m "not e2e"` runs the rest without Chromium."""
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


def share_link(page, *parts: str) -> str:
    """The sidebar's share link as it reads (the text the copy button copies), once it holds every one of ``parts``
    (the component draws it after the run that sent it)."""
    from playwright.sync_api import expect

    link = page.locator(SHARE_LINK).last
    expect(link).to_have_attribute("href", re.compile("^" + "".join(f"(?=.*{re.escape(p)})" for p in parts)),
                                   timeout=60_000)
    text = link.text_content()
    assert text == link.get_attribute("href")
    return text
