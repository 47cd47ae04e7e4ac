"""AppTest for the Why page: the gradient-flow figures in both languages, a race that finishes, is cached and cancels."""

import math
import re
import time
from collections import namedtuple

import pytest

from explorer import prose
from explorer import race as race_module
from explorer.controls import explain_key
from explorer.i18n import Say
from harness.held import DrawnChart
from resblocks.gradflow import compare_orders
from resblocks.stacks import StackConfig
from tests.test_app import (
    groups_control,
    held_data,
    held_html,
    held_lines,
    held_views_at,
    main_text,
    metric_cells,
    run_app,
)

EN, TR = Say("en"), Say("tr")
Figure = namedtuple("Figure", "label value help delta")


def ratios(at) -> list[Figure]:
    """The gradient flow's three first/last ratios (held_view.metrics in the held view gf_ratios)."""
    return [Figure(*cell) for cell in metric_cells(held_html(at.main, "gf_ratios"))]

PAGE = "views/why.py"
TINY = {"race": ["plain", "basic"], "rdepth": "2", "rwidth": "8", "steps": "20"}


@pytest.fixture(autouse=True)
def fresh_board(monkeypatch):
    """Each test gets its own queue and store of finished races."""
    board = race_module.Board()
    monkeypatch.setattr(race_module, "BOARD", board)
    yield board
    for job in list(board._jobs.values()):
        board.cancel(job)
    worker = board._worker
    if worker is not None:  # let it stop between turns: a thread left in torch aborts the interpreter at exit
        worker.join(120)


def number(shown: str, lang: str) -> float:
    """A number as the page writes it ("36,940" / "36.940", "1.31" / "1,31") back to a float."""
    return float(shown.replace(".", "").replace(",", ".") if lang == "tr" else shown.replace(",", ""))


def open_page(**params):
    return run_app(page=PAGE, **params)


def wait_for(board, active: bool = False, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while any(j.active for j in board._jobs.values()) != active and time.monotonic() < end:
        time.sleep(0.05)
    assert any(j.active for j in board._jobs.values()) == active, "the race did not end in time"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_gradient_flow_in_both_languages(lang):
    at = open_page(lang=lang, depth="16")
    say = Say(lang)
    assert at.title[0].value == say("Why residual blocks work")
    shown = [number(m.value.rstrip("×"), lang) for m in ratios(at)]
    plain, v1, pre = shown
    assert plain > 10 * v1 and pre < v1  # Yang et al. 2019; He et al. 2016b
    body = main_text(at)
    assert all(held_html(at.main, explain_key(key)) == prose.html(key, lang) for key in ("why.gradflow", "why.race"))
    for citation in ("Yang", "ICLR 2019", "2016a", "2016b", "Balduzzi", "ICML 2017", "Veit"):
        assert citation in body
    assert not at.button(key="race_go").disabled and at.button(key="race_stop").disabled
    assert say("Nothing trains until you press Start.") in body


def test_the_bottleneck_family_and_a_bad_depth_in_the_address():
    at = open_page(gf="bottleneck", depth="500")
    assert at.radio(key="gf").value == "bottleneck"
    assert at.slider(key="depth").value == 32  # out of range: the default


def test_a_race_trains_then_a_shared_link_shows_it_at_once(fresh_board):
    at = open_page(**TINY)
    at.button(key="race_go").click().run()
    assert not at.exception
    wait_for(fresh_board)
    at.run()
    assert "After training" in [s.value for s in at.main.subheader]
    table = at.main.dataframe[0].value
    assert list(table["network"]) == ["plain", "basic"]
    assert at.button(key="race_go").disabled  # finished: nothing to start
    assert held_html(at.main, explain_key("why.lesion")) == prose.html("why.lesion", "en")
    assert len(at.get("plotly_chart")) == 2 + 1  # loss, accuracy; lesions (the gradient flow is SVG)

    other = open_page(**TINY)  # another session with the same link
    assert "it is shown from the cache" in main_text(other)
    assert other.main.dataframe[0].value.equals(table)
    assert len(fresh_board._jobs) == 1


def test_a_race_can_be_cancelled(fresh_board):
    at = open_page(**{**TINY, "steps": "400", "rdepth": "8"})
    at.button(key="race_go").click().run()
    assert not at.button(key="race_stop").disabled
    at.button(key="race_stop").click().run()
    wait_for(fresh_board)
    at.run()
    (job,) = fresh_board._jobs.values()
    assert job.state == "cancelled"
    assert not at.main.subheader or "After training" not in [s.value for s in at.main.subheader]
    assert not at.button(key="race_go").disabled  # a cancelled race can be started again


def test_a_full_queue_says_so(fresh_board, monkeypatch):
    monkeypatch.setattr(race_module, "MAX_QUEUE", 0)
    at = open_page(**TINY)
    at.button(key="race_go").click().run()
    assert "The server's queue is full; try again in a minute." in [w.value for w in at.main.warning]


def test_the_advanced_views_compute_when_asked():
    at = open_page(depth="24")
    assert not at.get("plotly_chart")  # a page load draws the gradient flow alone, as SVG
    at.toggle(key="shatter").set_value(True).run()
    at.toggle(key="paths").set_value(True).run()
    assert not at.exception and len(at.get("plotly_chart")) == 2 and not at.get("vega_lite_chart")
    assert gradflow(at).marks  # still drawn
    captions = "\n".join(c.value for c in at.main.caption)
    plain, res = re.search(r"plain (-?[\d.]+), residual (-?[\d.]+)", captions).groups()
    assert abs(float(plain)) < 0.3 < 0.6 < float(res)  # Balduzzi et al.: white noise against a correlated signal
    peak, half = re.search(r"peaks at paths of (\d+) blocks, the average path has (\d+)", captions).groups()
    assert int(peak) < int(half)  # Veit et al.: the gradient comes from the short paths


def test_no_network_chosen_gets_a_sentence():
    at = open_page(race="")
    assert not at.exception


def test_the_board_queues_a_second_race_behind_the_first(fresh_board):
    from resblocks.training import RaceConfig

    slow = RaceConfig(kinds=("basic",), depth=8, width=16, steps=2000, seeds=(0,))
    quick = RaceConfig(kinds=("plain",), depth=1, width=4, steps=2, seeds=(0,), batch=8)
    first, second = fresh_board.submit(slow), fresh_board.submit(quick)
    assert fresh_board.submit(slow) is first  # the same configuration joins the job already there
    end = time.monotonic() + 60
    while first.state == "queued" and time.monotonic() < end:
        time.sleep(0.01)
    assert fresh_board.position(first) == 0 and fresh_board.position(second) == 1  # next in line
    fresh_board.cancel(first)
    wait_for(fresh_board)
    assert first.state == "cancelled" and second.state == "done"
    assert fresh_board.result(quick) is second.race and fresh_board.result(slow) is None


# The page in Turkish: sentences, numbers, charts, and no English left in the page body -------------------------

# A venue this page cites that harness.i18n_check's names do not list yet (a Turkish citation keeps it): the only
# word the Turkish page body shares with the English one outside its NEUTRAL_WORDS.
CITED = {"ICLR"}


def body_strings(at) -> set[str]:
    """Every text of the page body (the sidebar belongs to the shell's own checks)."""
    from types import SimpleNamespace

    from harness.i18n_check import page_strings

    return page_strings(SimpleNamespace(_tree=at.main))


def english_left(en, tr) -> dict[str, list[str]]:
    """The Turkish body's texts that still hold a word of the English body (harness.i18n_check's measure)."""
    from harness.i18n_check import english_words

    def words(text: str) -> set[str]:
        return set(english_words(text)) - CITED

    vocabulary = {w for s in body_strings(en) for w in words(s)}
    found = {s: sorted(words(s) & vocabulary) for s in body_strings(tr)}
    return {s: words for s, words in found.items() if words}


def charts(at) -> list[dict]:
    import json

    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def gradflow(at) -> DrawnChart:
    """The gradient flow (a held view, the page's one chart on a load) as the page sent it."""
    return DrawnChart(held_html(at.main, "gf_chart"))


def test_the_gradient_flow_chart_draws_the_measured_norms():
    """The chart's points are the three stacks' measured norms, block by block; the y axis spans whole decades and
    writes each tick as a power of ten; the legend names carry the metrics' first/last ratios."""
    at = open_page(depth="24")
    assert not at.get("plotly_chart") and not at.get("vega_lite_chart")
    chart = gradflow(at)
    flows = compare_orders(StackConfig(block="basic", depth=24, width=16, size=8, batch=64, seed=0))
    names = chart.legend
    assert [m.value for m in ratios(at)] == [name.split("first/last ")[1] for name in names]
    assert names[0].startswith("plain: first/last ") and names[2].startswith("pre-activation: first/last ")
    assert chart.lines == ["#d62728", "#1f77b4", "#2ca02c"]  # one line per stack, the three colours
    assert chart.layouts == ["held-plot held-plot-wide", "held-plot held-plot-narrow"]
    for k, (name, flow) in enumerate(zip(names, flows, strict=True)):
        mine = [m for m in chart.marks if m["series"] == str(k)]
        assert [int(m["block"]) for m in mine] == list(range(1, 25))
        assert [float(m["value"]) for m in mine] == list(flow.norms)  # the library's norms, every digit
        assert {m["tip"]["stack"] for m in mine} == {name} and [m["tip"]["block"] for m in mine] == [
            str(i) for i in range(1, 25)]
        for m in mine:
            mantissa, exponent = m["tip"]["gradient norm"].split("·10")
            assert float(mantissa) * 10 ** int(exponent.translate(DIGITS)) == pytest.approx(float(m["value"]), rel=0.01)
    assert "‖∂loss/∂weights‖ (log scale)" in chart.texts and "block (1 = next to the input)" in chart.texts
    decades = [t for t in chart.texts if t.startswith("10") and t[2:] and set(t[2:]) <= set("⁰¹²³⁴⁵⁶⁷⁸⁹⁻")]
    exponents = [int(t[2:].translate(DIGITS)) for t in decades]
    assert len(exponents) >= 3 and exponents == list(range(exponents[0], exponents[-1] + 1))  # every decade
    norms = [float(m["value"]) for m in chart.marks]
    assert exponents[0] <= math.log10(min(norms)) and math.log10(max(norms)) <= exponents[-1]
    assert exponents[0] > math.log10(min(norms)) - 1 and exponents[-1] < math.log10(max(norms)) + 1  # whole decades
    assert decades == [f"10{str(e).translate(SUPERSCRIPT)}" for e in exponents]
    blocks = [int(t) for t in chart.texts if t.isdecimal()]
    assert blocks[0] == 1 and blocks == sorted(blocks) and blocks[-1] <= 24  # x: integer ticks from block 1
    assert chart.title == "Gradient norm of each block's weights after one backward pass"
    assert chart.alts == [chart.title] * 2


def test_the_gradient_flow_thins_its_ticks_for_a_deep_stack():
    """100 blocks: the block ticks are thinned (every 10th on the narrow layout), and no measured point is left out."""
    from explorer.figures import why as fig

    flows = compare_orders(StackConfig(block="bottleneck", depth=100, width=16, size=8, batch=64, seed=0))
    html = fig.gradflow_chart(flows, ("plain", "v1 (bottleneck)", "pre-activation"), EN, "alt")
    narrow = DrawnChart(html[html.index('<figure class="held-plot held-plot-narrow"'):])
    # The plain stack's norms of blocks 1 to 38 overflow to inf (its ratio ∞): those blocks have no point.
    assert len(narrow.marks) == sum(v > 0 and math.isfinite(v) for flow in flows for v in flow.norms) > 200
    assert [int(t) for t in narrow.texts if t.isdecimal()] == [1, *range(10, 101, 10)]


def test_the_gradient_flow_skips_norms_that_are_not_positive_and_finite():
    from types import SimpleNamespace

    from explorer.figures import why as fig

    flows = [SimpleNamespace(norms=(1e-3, 0.0, float("nan"), 1e2), ratio=10.0),
             SimpleNamespace(norms=(float("inf"), 5.0, 4.0, 3.0), ratio=2.0),
             SimpleNamespace(norms=(1.0, 1.0, 1.0, 1.0), ratio=1.0)]
    chart = DrawnChart(fig.gradflow_chart(flows, ("a", "b", "c"), EN))
    assert [(m["series"], m["block"]) for m in chart.marks] == [
        ("0", "1"), ("0", "4"), ("1", "2"), ("1", "3"), ("1", "4"), ("2", "1"), ("2", "2"), ("2", "3"), ("2", "4")]
    assert [t for t in chart.texts if t.startswith("10")][::5] == ["10⁻³", "10²"]


def test_turkish_numbers_and_sentences_on_the_default_view():
    at = open_page(lang="tr")
    captions = [c.value for c in at.main.caption]
    assert ("Seed'ler 0, 1 ve 2; momentumlu SGD, batch 32, öğrenme oranı 0,05. Bu sunucudaki sınırlar: en çok 32 "
            "blok, en çok 32 genişlik ve 400 adım; aynı anda tek bir yarış eğitilir, diğerleri kuyrukta bekler. Yarış "
            "CPU'yu “Çalıştır ve ölç” sayfasındaki süre ölçümleriyle paylaşır: ikisi sırayla çalışır, hiçbir zaman aynı "
            "anda değil.") in captions
    assert "“Yarışı başlat” düğmesine basmadan hiçbir şey eğitilmez." in captions
    assert [m.label for m in ratios(at)] == ["İlk/son, plain (shortcut yok)", "İlk/son, v1 (basic)",
                                                "İlk/son, pre-activation"]
    plain = ratios(at)[0].value
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*×", plain), plain  # 32 plain blocks: tens of thousands, a dot between
    assert at.button(key="race_go").label == "Yarışı başlat" and at.button(key="race_stop").label == "İptal"
    gf = gradflow(at)
    assert gf.title == "Tek bir geri geçişten sonra her bloğun ağırlıklarındaki gradyan normu"
    assert gf.alts == [gf.title] * 2
    assert gf.legend[0] == f"plain (shortcut yok): ilk/son {plain}"
    assert "blok (1 = girdinin hemen yanındaki)" in gf.texts and "‖∂kayıp/∂ağırlıklar‖ (logaritmik ölçek)" in gf.texts
    first = gf.marks[0]
    assert list(first["tip"]) == ["yığın", "blok", "gradyan normu"]
    assert first["tip"]["yığın"] == f"plain (shortcut yok): ilk/son {plain}" and first["tip"]["blok"] == "1"
    assert re.fullmatch(r"\d,\d\d·10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+", first["tip"]["gradyan normu"]), first  # "9,09·10⁷"
    mantissa, exponent = first["tip"]["gradyan normu"].replace(",", ".").split("·10")
    assert float(mantissa) * 10 ** int(exponent.translate(DIGITS)) == pytest.approx(float(first["value"]), rel=0.01)


def test_the_english_page_keeps_its_english():
    at = open_page()
    captions = [c.value for c in at.main.caption]
    assert any(c.startswith("Seeds 0, 1, 2; SGD with momentum, batch 32, learning rate 0.05.") for c in captions)
    assert [m.label for m in ratios(at)] == ["First/last, plain", "First/last, v1 (basic)",
                                                "First/last, pre-activation"]
    assert re.fullmatch(r"\d{1,3}(,\d{3})*×", ratios(at)[0].value)
    gf = gradflow(at)
    assert "‖∂loss/∂weights‖ (log scale)" in gf.texts and list(gf.marks[0]["tip"]) == ["stack", "block", "gradient norm"]
    assert re.fullmatch(r"\d\.\d\d·10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+", gf.marks[0]["tip"]["gradient norm"]), gf.marks[0]


def test_the_advanced_views_in_turkish():
    at = open_page(lang="tr", depth="24")
    at.toggle(key="shatter").set_value(True).run()
    at.toggle(key="paths").set_value(True).run()
    captions = "\n".join(c.value for c in at.main.caption)
    plain, res = re.search(r"plain (-?\d+,\d\d), residual (-?\d+,\d\d) \(beyaz gürültüde 0\)\.", captions).groups()
    assert abs(float(plain.replace(",", "."))) < 0.3 < 0.6 < float(res.replace(",", "."))
    assert re.search(r"Pre-activation yığın, N = 24, genişlik 16, 4×4 girdi, her uzunlukta 4 rastgele yol; gradyan en "
                     r"çok \d+ bloktan geçen yollardan gelir, ortalama bir yol ise 12 bloktan geçer\.", captions)
    shatter, paths = charts(at)
    assert shatter["layout"]["xaxis2"]["title"]["text"] == "gecikme (nokta)"
    assert [a["text"] for a in paths["layout"]["annotations"]] == [
        "uzunluğu k olan<br>yolların payı", "tek bir yol<br>boyunca gradyan<br>(logaritmik)", "gradyandaki<br>payı"]
    en = open_page(depth="24")
    en.toggle(key="shatter").set_value(True).run()
    en.toggle(key="paths").set_value(True).run()
    assert english_left(en, at) == {}


@pytest.mark.parametrize("params", [{}, {"gf": "bottleneck", "depth": "100"}, {"race": ""}])
def test_no_english_left_in_the_turkish_body(params):
    assert english_left(open_page(**params), open_page(lang="tr", **params)) == {}


def test_a_race_in_turkish_then_no_english_left(fresh_board):
    tr = open_page(lang="tr", **TINY)
    tr.button(key="race_go").click().run()
    wait_for(fresh_board)
    tr.run()
    assert "Eğitimden sonra" in [s.value for s in tr.main.subheader]
    table = tr.main.dataframe[0].value
    assert list(table.columns) == ["ağ", "eğitim kaybı, son 10 adım", "test doğruluğu (450 rakam)"]
    assert list(table["ağ"]) == ["plain (shortcut yok)", "basic"]
    assert all(re.fullmatch(r"%\d{1,3},\d", v) for v in table["test doğruluğu (450 rakam)"])  # "%93,1"
    assert all(re.fullmatch(r"\d+,\d{3}", v) for v in table["eğitim kaybı, son 10 adım"])
    loss, acc, lesion = charts(tr)
    assert acc["layout"]["yaxis"]["ticktext"] == ["%0", "%20", "%40", "%60", "%80", "%100"]
    assert lesion["data"][0]["name"] == "plain (shortcut yok)"
    assert all(re.fullmatch(r"silinen blok: \d+<br>test doğruluğu: %\d{1,3},\d", v) for v in lesion["data"][0]["hovertext"])
    assert loss["layout"]["xaxis"]["title"]["text"] == "eğitim adımı"

    en = open_page(**TINY)  # the same finished race, shown from the cache
    assert english_left(en, tr) == {}
    assert "Bu yarış bu sunucuda daha önce eğitildi" in main_text(open_page(lang="tr", **TINY))
    assert list(en.main.dataframe[0].value.columns) == ["network", "training loss, last 10 steps",
                                                        "test accuracy (450 digits)"]


def test_while_a_race_trains_the_turkish_page_says_so(fresh_board):
    from resblocks import bench

    long = {**TINY, "steps": "400", "rdepth": "8"}
    tr = open_page(lang="tr", **long)
    with bench.device_turn("cpu"):  # a timing run holds the CPU: the race waits for its turn
        tr.button(key="race_go").click().run()
        (job,) = fresh_board._jobs.values()
        end = time.monotonic() + 60
        while job.cpu_wait_s is None and time.monotonic() < end:
            time.sleep(0.05)
        tr.run()
        assert job.race is None or not any(r.loss for r in job.race.runs)  # nothing trained while it waited
        waiting = [i.value for i in tr.main.info]
        assert any(re.fullmatch(r"CPU bekleniyor: şu anda “Çalıştır ve ölç” sayfasındaki bir ölçüm CPU'yu kullanıyor; "
                                r"ölçüm bitince yarış kaldığı yerden sürer \(\d+ s beklendi\)\.", w) for w in waiting), waiting
        en = open_page(**long)
        en.button(key="race_go").click().run()  # another session with the same link joins the race
        assert len(fresh_board._jobs) == 1
        assert english_left(en, tr) == {}
    end = time.monotonic() + 60
    while (job.race is None or not job.race.runs[-1].loss) and time.monotonic() < end:
        time.sleep(0.05)
    tr.run()
    (bar,) = tr.main.get("progress")
    assert re.fullmatch(r"2\.400 eğitim adımından \d+(\.\d{3})? tanesi tamamlandı", bar.proto.text), bar.proto.text
    en.run()
    assert english_left(en, tr) == {}
    tr.button(key="race_stop").click().run()
    wait_for(fresh_board)
    tr.run()
    assert any(w.value.startswith("2.400 adımdan ") and w.value.endswith(
        " tanesi tamamlanınca iptal edildi; o ana kadarki eğriler gösteriliyor.") for w in tr.main.warning)
    en.run()
    assert english_left(en, tr) == {}


def test_a_failed_race_says_the_library_sentence_in_turkish(fresh_board, monkeypatch):
    from resblocks.checks import Message
    from resblocks.config import ConfigError

    def refuse(*args, **kwargs):
        raise ConfigError(Message("choose 1 to {n} different seeds", n=5))

    monkeypatch.setattr(race_module, "train_race", refuse)
    tr = open_page(lang="tr", **TINY)
    tr.button(key="race_go").click().run()
    wait_for(fresh_board)
    tr.run()
    assert "Yarış bir hatayla durdu: 1 ile 5 arasında farklı seed seçin." in [e.value for e in tr.main.error]
    (job,) = fresh_board._jobs.values()
    assert job.error == "choose 1 to 5 different seeds"  # the library's English, unchanged


def test_a_queued_race_says_so_in_turkish(fresh_board):
    from resblocks.training import RaceConfig

    first = fresh_board.submit(RaceConfig(kinds=("basic",), depth=8, width=16, steps=2000, seeds=(0,)))
    tr = open_page(lang="tr", **TINY)
    tr.button(key="race_go").click().run()
    assert "Sırada: şu anda başka bir oturumun yarışı eğitiliyor; sizinki hemen ardından başlayacak." in [
        i.value for i in tr.main.info]
    en = open_page(**TINY)
    en.button(key="race_go").click().run()  # joins the queued job: the same state in English
    assert "Queued: another session's race is training; yours starts right after it." in [i.value for i in en.main.info]
    assert english_left(en, tr) == {}
    fresh_board.cancel(first)


# A change of groups (controls.groups_changed) ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_groups_change_is_answered_in_the_browser(lang):
    """Nothing on the page depends on the sidebar's block but the line that names it, a held view drawn at every g
    the control reaches: the groups control reruns nothing (controls.ANSWERED_IN_BROWSER), the browser shows the
    line's new g, and the next run (AppTest's stands for it) is at that g."""
    say = Say(lang)
    at = open_page(lang=lang, block="resnext")
    line = say("The stacks and the race below build their own small blocks; the block chosen in the sidebar ({label}) "
               "is not used on this page.", label=say("{kind}, {c_in}→{c_out}, stride {stride}", kind="resnext {}",
                                                       c_in=256, c_out=256, stride=1))
    held, figures, chart = [held_data(at.main, key) for key in ("why_block_line", "gf_ratios", "gf_chart")]
    assert held_lines(held) == [line.format("32×4d")] and held_lines(held, 64) == [line.format("64×2d")]
    assert len(chart["variants"]) == 1 and held_html(at.main, "gf_chart") in held_views_at(at.main)
    assert len(figures["variants"]) == 1 and figures["fixed"]  # one view, the same at every g, as the chart's
    assert groups_control(at).proto.ignore_rerun
    groups_control(at).set_value(64).run()
    assert not at.exception
    assert at.title and line.format("64×2d") in main_text(at)
    assert held_data(at.main, "gf_chart") == chart  # the same data at every g: the browser draws nothing again
    assert held_data(at.main, "gf_ratios") == figures
    assert at.session_state["view"].cfg.base_width == 2


def test_a_groups_change_leaves_a_race_in_progress_training(fresh_board):
    at = open_page(block="resnext", **{**TINY, "steps": "50"})
    at.button(key="race_go").click().run()
    (job,) = fresh_board._jobs.values()
    assert job.active
    groups_control(at).set_value(64).run()  # in the browser no run at all; a run of the page leaves the race alone
    assert not at.exception
    assert job.active and not job.cancel.is_set()
    groups_control(at).set_value(16).run()
    wait_for(fresh_board, timeout=300)
    assert job.state == "done" and all(len(r.loss) == 50 for r in job.race.runs)
    at.run()
    assert "After training" in [s.value for s in at.main.subheader]
