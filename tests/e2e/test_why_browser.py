"""The Why page in a real browser: start a race, watch the curves grow, cancel it."""

import re

import pytest

from harness.browser import SLIDER
from tests.e2e.conftest import VEGA, artifact, cold_load, open_app, screenshot, settle

pytestmark = pytest.mark.e2e

# Long enough that the race is still training when Cancel is pressed.
RACE = "race=plain&race=basic&rdepth=8&rwidth=16&steps=400"
POINTS = """() => {
  const plot = document.querySelector(".st-key-race_loss .js-plotly-plot");
  return plot && plot.data ? Math.max(0, ...plot.data.map(d => d.x ? d.x.length : 0)) : 0;
}"""


def test_a_race_grows_live_and_cancels(server, page):
    open_app(page, f"{server}/why?{RACE}")
    main = page.locator("[data-testid='stMain']")
    assert "Nothing trains until you press Start." in main.inner_text()
    page.get_by_role("button", name="Start the race").click()

    page.wait_for_function(f"({POINTS})() > 0", timeout=60_000)
    first = page.evaluate(POINTS)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=60_000)  # the curves grow while it trains
    assert main.get_by_role("progressbar").count() == 1 or "training steps" in main.inner_text()
    screenshot(page, "why")

    page.get_by_role("button", name="Cancel").click()
    main.get_by_text("Cancelled after").wait_for(timeout=60_000)
    assert "the curves so far are shown" in main.inner_text()
    assert page.evaluate(POINTS) >= first
    assert page.get_by_role("button", name="Start the race").is_enabled()


TINY_RACE = "race=plain&race=basic&rdepth=2&rwidth=8&steps=20"
TICKS = """key => [...document.querySelectorAll(`.st-key-${key} .js-plotly-plot .ytick text`)].map(t => t.textContent)"""


def test_the_race_in_turkish_draws_turkish_numbers(server, page):
    open_app(page, f"{server}/why?lang=tr&{TINY_RACE}")
    main = page.locator("[data-testid='stMain']")
    assert "“Yarışı başlat” düğmesine basmadan hiçbir şey eğitilmez." in main.inner_text()
    assert "öğrenme oranı 0,05" in main.inner_text()
    page.get_by_role("button", name="Yarışı başlat").click()
    main.get_by_role("heading", name="Eğitimden sonra").wait_for(timeout=300_000)
    # The page's first figure is SVG drawn on the server: Plotly's code is fetched only now, for the race's figures.
    for key in ("race_acc", "race_loss", "lesion_chart"):
        page.wait_for_function(f"({TICKS})('{key}').length > 0", timeout=60_000)
    assert page.evaluate(TICKS, "race_acc") == ["%0", "%20", "%40", "%60", "%80", "%100"]
    assert any("," in tick for tick in page.evaluate(TICKS, "race_loss"))  # 0,5 1 1,5 …: the decimal comma
    assert page.evaluate(TICKS, "lesion_chart")[-1] == "%100"
    screenshot(page, "why_tr")


GRADFLOW = ".st-key-gf_chart"
DRAWING = f"{GRADFLOW} .held-chart figure svg:visible"
TIP_TITLES = {"en": ["stack", "block", "gradient norm"], "tr": ["yığın", "blok", "gradyan normu"]}
TIP = {"en": ("plain", "first/last", r"\d\.\d\d·10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+"),
       "tr": ("plain (shortcut yok)", "ilk/son", r"\d,\d\d·10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")}
# The chart's visible layout: its class, its smallest text in pixels as drawn (its font size in the SVG's units,
# scaled to the width it is drawn at), its box, its texts and its first point's tooltip.
DRAWN = """svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll("text")];
  return {layout: svg.closest("figure").className, alt: svg.closest("figure").getAttribute("aria-label"),
          text: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))) * scale,
          left: box.left, right: box.right, width: box.width, height: box.height,
          labels: texts.map((t) => t.textContent),
          tip: svg.querySelector("circle.held-mark title").textContent,
          points: svg.querySelectorAll("circle.held-mark").length};
}"""


@pytest.mark.parametrize("lang,width", [("en", 1400), ("tr", 1400), ("en", 390), ("tr", 390)])
def test_a_cold_load_draws_the_gradient_flow_without_a_chart_library(browser, server, lang, width):
    """A fresh browser (nothing cached) opening the Why page fetches no chart library: the one chart a load draws,
    the gradient flow, is SVG drawn on the server (Plotly's chunk, about 4.7 MB, waits for the toggles and the
    race; Vega's, about 0.8 MB, is not needed at all). The chart shows one layout (the narrow one on a phone),
    scaled to its place, its smallest text 10 px or more at 1,400 px and 9 px or more on a phone."""
    with cold_load(browser, f"{server}/why?lang={lang}", GRADFLOW, width) as (page, scripts):
        assert not [u for u in scripts if "PlotlyChart" in u], "a load of the Why page must not fetch Plotly"
        assert not [u for u in scripts if VEGA.search(u)], "a load of the Why page must not fetch Vega"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        (drawn,) = page.eval_on_selector_all(DRAWING, f"svgs => svgs.map({DRAWN})")
        assert drawn["layout"] == ("held-plot held-plot-narrow" if width < 500 else "held-plot held-plot-wide")
        assert drawn["text"] >= (9 if width < 500 else 10), drawn
        assert drawn["left"] >= 0 and drawn["right"] <= width and drawn["height"] > 300, drawn
        box = page.locator(f"{GRADFLOW} .held-chart").bounding_box()
        assert drawn["width"] > 0.8 * min(box["width"], 960), (drawn, box)
        powers = [t for t in drawn["labels"] if re.fullmatch(r"10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+", t)]
        assert len(powers) >= 3, drawn["labels"]  # the log axis: whole decades written 10³ … 10⁸
        assert drawn["points"] == 3 * 32  # the default stacks of 32 blocks
        # Block 1 of the plain stack says its stack, block and norm.
        lines = [line.split(": ", 1) for line in drawn["tip"].split("\n")]
        plain, first_last, norm = TIP[lang]
        assert [name for name, _ in lines] == TIP_TITLES[lang], lines
        assert lines[0][1].startswith(f"{plain}: {first_last} ") and lines[1][1] == "1", lines
        assert re.fullmatch(norm, lines[2][1]), lines
        title = page.locator(f"{GRADFLOW} .held-chart-title")
        assert drawn["alt"] == title.text_content()
        assert title.bounding_box()["x"] + title.bounding_box()["width"] <= width  # it wraps on a phone
        legend = page.locator(f"{GRADFLOW} .held-legend li")
        assert legend.count() == 3 and legend.first.text_content().startswith(f"{plain}: {first_last} ")
        page.locator(f"{GRADFLOW} .held-chart").screenshot(path=str(artifact(f"why_gradflow_{lang}_{width}")))
        screenshot(page, f"why_page_{lang}_{width}")


def test_the_gradient_flow_leaves_the_g_shown_to_the_views_of_g(server, page):
    """The chart is the same at every g (a held view keyed by a constant, ``fixed``): the document's g, which the
    pages' rules of style read (held_view.shown_at), stays the g of the address, before and after a change of g."""
    open_app(page, f"{server}/why?block=resnext&groups=64&base_width=2")
    page.locator(f"{GRADFLOW} figure.held-plot svg:visible").wait_for()
    settle(page)
    assert page.evaluate("document.documentElement.dataset.heldG") == "64"
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowLeft")  # g = 32 at the same width 128, in the browser
    page.locator(".st-key-why_block_line", has_text="resnext 32×4d, 256→256").wait_for()
    assert page.evaluate("document.documentElement.dataset.heldG") == "32"


def test_a_groups_change_leaves_the_race_training(server, page):
    """A change of g reruns the line naming the sidebar's block alone: the race trains on, its curves still grow
    (the live part's timer is not reset) and nothing is cancelled."""
    open_app(page, f"{server}/why?block=resnext&{RACE}")
    main = page.locator("[data-testid='stMain']")
    page.get_by_role("button", name="Start the race").click()
    page.wait_for_function(f"({POINTS})() > 0", timeout=60_000)
    slider = page.locator(SLIDER)
    slider.focus()
    slider.press("ArrowRight")  # g = 64 at the same width 128
    page.locator(".st-key-why_block_line", has_text="resnext 64×2d, 256→256").wait_for()
    grown = page.evaluate(POINTS)
    page.wait_for_function(f"({POINTS})() > {grown}", timeout=60_000)  # the curves grow after the change too
    assert "Cancelled after" not in main.inner_text()
    assert page.get_by_role("button", name="Cancel").is_enabled()
    page.get_by_role("button", name="Cancel").click()
    main.get_by_text("Cancelled after").wait_for(timeout=60_000)
