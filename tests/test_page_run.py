"""AppTest for the Run & time page: a small run, the cache, the guards, a sweep, an interrupted run, references."""

import dataclasses
import json
import re
from types import SimpleNamespace

import pytest

from harness.held import markdown_lines
from resblocks import BlockConfig, bench
from resblocks.registry import REGISTRY
from tests.test_app import groups_control, held_data, held_views_at, main_text, run_app

PAGE = "views/run.py"
SMALL = {"block": "basic", "in_channels": "8", "planes": "8", "size": "16", "repeat": "3"}


@pytest.fixture(autouse=True)
def no_references(tmp_path, monkeypatch):
    """Point the page at an empty folder, so the tests do not depend on what assets/ ships."""
    folder = tmp_path / "refs"
    folder.mkdir()
    monkeypatch.setenv(bench.REFERENCE_DIR_ENV, str(folder))
    bench.clear_cache()
    yield folder
    bench.clear_cache()


def frame(at, column: str):
    """The first dataframe with ``column`` (AppTest does not expose dataframe keys)."""
    return next(d.value for d in at.main.dataframe if column in d.value.columns)


def error_lines(at, g: int | None = None) -> list[str]:
    """The page's errors: st.error's and the held views' (the guards at ``g``, the run's by default), each a line."""
    held = [line.removeprefix("⚠️ ") for view in held_views_at(at.main, g)
            for alert in re.findall(r'<div class="held-alert held-error"[^>]*>.*?</div>', view, flags=re.S)
            for line in markdown_lines(alert)]
    return [e.value for e in at.main.error] + held


def caption_lines(at, g: int | None = None) -> list[str]:
    """The page's captions: st.caption's and the held views' at ``g`` (the run's by default)."""
    held = [line for view in held_views_at(at.main, g)
            for caption in re.findall(r'<p class="held-caption">.*?</p>', view, flags=re.S)
            for line in markdown_lines(caption)]
    return [c.value for c in at.main.caption] + held


def info_text(at) -> str:
    return "\n".join([i.value for i in at.main.info] + [w.value for w in at.main.warning])


def test_page_loads_without_running_anything():
    at = run_app(page=PAGE, block="basic", size="16")
    assert at.title[0].value == "Run & time"
    assert at.selectbox(key="device").value == bench.detect_devices()[0].id
    assert at.selectbox(key="dtype").options[0] == "float32"
    assert not at.button(key="go").disabled
    assert not at.main.metric and bench.cache_info().misses == 0  # nothing ran before the click
    assert "No GPU reference results are available yet" in info_text(at)
    assert "Why fewer MACs is not proportionally faster" in main_text(at)


def test_a_small_run_shows_shapes_and_latency_then_comes_from_the_cache():
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["Latency (median)"].endswith(" ms") and metrics["IQR"].endswith(" ms")
    assert metrics["Throughput"].endswith("images/s") and metrics["Achieved compute"].endswith("FLOP/s")
    shapes = frame(at, "input shape(s)")
    assert list(shapes["layer"]) == ["conv1", "bn1", "act1", "conv2", "bn2", "add", "act2"]
    assert set(shapes["output shape"]) == {"1×8×16×16"} and set(shapes["match"]) == {"✓"}
    text = main_text(at)
    assert "Every shape observed in the real forward pass equals the analysis" in text
    assert "1,184** parameters" in text and "FLOPs" in text
    assert "came from the cache" not in info_text(at)

    at.button(key="go").click().run()
    assert "This result came from the cache" in info_text(at)
    assert bench.cache_info().hits == 1


def test_the_memory_guard_refuses_a_huge_configuration():
    at = run_app(page=PAGE, block="basic", batch="8", size="256")
    errors = error_lines(at)
    assert any(e.startswith("This run would hold about 1 GiB of tensors") and "above the limit of 512 MiB" in e
               for e in errors)
    assert at.button(key="go").disabled
    assert at.button(key="sweep_go").disabled  # every point of the groups sweep is as large
    assert any(e.startswith("The sweep's point g=1: this run would hold") for e in errors)


def test_the_compute_guard_refuses_a_slow_configuration():
    at = run_app(page=PAGE, block="basic", in_channels="512", planes="512", size="112")
    errors = error_lines(at)
    assert any(e.startswith("This run needs 59.2 G multiply-adds per forward pass, more than the 20 G allowed on the "
                            "CPU; lower size, batch or the widths") for e in errors)
    assert not any("would hold" in e for e in errors[:1])  # the memory guard alone let it through
    assert at.button(key="go").disabled and at.button(key="sweep_go").disabled
    assert bench.cache_info().misses == 0  # nothing was run


@pytest.mark.parametrize("name,raw", [(bench.MAX_GMACS_ENV, "1e300"), (bench.MEMORY_LIMIT_ENV, "²")])
def test_an_unusable_server_setting_is_a_sentence(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    at = run_app(page=PAGE, **SMALL)
    (error,) = error_lines(at)
    assert error.startswith(f"The server's settings are not usable: {name}={raw!r} is not a")
    assert not [b for b in at.main.button if b.key == "go"]


def test_a_sweep_with_any_point_over_the_compute_budget_is_disabled(monkeypatch):
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.00001")
    at = run_app(page=PAGE, block="resnext", in_channels="8", planes="64", groups="4", base_width="4", size="4")
    assert at.button(key="sweep_go").disabled and at.button(key="go").disabled
    assert any(e.startswith("The sweep's point g=1: this run needs") for e in error_lines(at))


def test_latency_is_written_in_fixed_notation(monkeypatch):
    real = bench.run_block

    def figures(median_ms: float):
        def run(*args, **kwargs):
            r = real(*args, **kwargs)
            return dataclasses.replace(r, median_ms=median_ms, iqr_ms=median_ms / 10, q1_ms=median_ms * 0.97,
                                       q3_ms=median_ms * 1.07)
        return run

    monkeypatch.setattr(bench, "run_block", figures(1234.4))
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    metrics = {m.label: m for m in at.main.metric}
    assert metrics["Latency (median)"].value == "1,234 ms"
    assert metrics["IQR"].value == "123.4 ms"  # was 1.2e+02 ms
    assert metrics["IQR"].help == "Interquartile range: 1,197 ms to 1,321 ms"
    bench.clear_cache()
    monkeypatch.setattr(bench, "run_block", figures(0.0452))  # what a tiny block takes on an idle machine
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    latency = next(m.value for m in at.main.metric if m.label == "Latency (median)")
    assert latency == "0.045 ms"  # not 4.52e-02 ms


def test_a_run_interrupted_by_a_rerun_keeps_its_result_or_says_so():
    cfg = BlockConfig(block="basic", in_channels=8, planes=8, size=16)
    settings = bench.RunSettings(device=bench.detect_devices()[0].id, repeat=3)
    at = run_app(page=PAGE, **SMALL)
    at.session_state["run_pending"] = (cfg, settings)  # a Run pressed, then a control changed before it finished
    at.run()
    assert "The last run was interrupted before it finished" in info_text(at) and not at.main.metric

    finished = bench.run_block(cfg, settings)  # a Run that finished while the page was rerun
    at.session_state["run_pending"] = (cfg, settings)
    at.run()
    assert "The run finished while the page was changing; its result is kept" in info_text(at)
    latency = next(m.value for m in at.main.metric if m.label == "Latency (median)")
    assert latency.endswith(" ms") and bench.cached_result(cfg, settings).median_ms == finished.median_ms


def test_a_groups_sweep_skips_g_values_the_settings_cannot_reach():
    # At 4×4 the forward pass is small enough for the compute limit at any speed a busy machine runs at.
    at = run_app(page=PAGE, block="resnext", planes="1", base_width="1024", groups="128", size="4")
    assert not any("cannot use the current settings" in e for e in error_lines(at))
    text = "\n".join(caption_lines(at))
    assert "5 points, baseline first: g=128" in text and "Left out g = 1, 2, 4, 8, 16, 32, 64" in text
    assert not at.button(key="sweep_go").disabled


def test_a_groups_sweep_plots_measured_against_theoretical_ratios():
    at = run_app(page=PAGE, block="resnext", in_channels="8", planes="64", groups="4", base_width="4", size="4",
                 repeat="2")
    at.button(key="sweep_go").click().run()
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in fig["data"]] == ["measured time (median, bars: IQR)", "block MACs", "block parameters",
                                                "grouped 3×3 alone (1/g)"]
    assert fig["data"][3]["y"] == [1, 1 / 2, 1 / 4, 1 / 8, 1 / 16]
    assert list(frame(at, "time ratio")["point"]) == ["g=1", "g=2", "g=4", "g=8", "g=16"]
    # The median with its interquartile range, from each point's own timed repeats, over the baseline's median.
    rows = at.session_state["sweep_state"]["rows"]
    time, base = fig["data"][0], rows[0].median_ms
    assert time["y"] == pytest.approx([r.median_ms / base for r in rows])
    assert time["error_y"]["array"] == pytest.approx([(r.q3_ms - r.median_ms) / base for r in rows])
    assert time["error_y"]["arrayminus"] == pytest.approx([(r.median_ms - r.q1_ms) / base for r in rows])
    assert fig["layout"]["separators"] == ".,"
    assert not [b for b in at.main.button if b.key == "sweep_stop"]  # Cancel only while a sweep runs


def _reference_document() -> dict:
    s = bench.run_sweep("groups", BlockConfig(in_channels=8, planes=64, groups=4, base_width=4, size=4),
                        bench.RunSettings(device="cpu", repeat=2, warmup=0))
    doc = bench.document(sweeps=[s])  # a test fixture shaped like a GPU file, written to a temporary folder
    doc["provenance"].update(device="cuda:0", device_name="Test GPU (fixture)", cuda_version="12.4")
    return doc


def test_reference_results_are_shown_with_their_provenance(no_references):
    (no_references / "gpu_reference.json").write_text(json.dumps(_reference_document()))
    at = run_app(page=PAGE, block="basic", size="16")
    assert "No GPU reference results are available yet" not in info_text(at)
    provenance = frame(at, "measured on")
    assert dict(zip(provenance["measured on"], provenance["value"], strict=True))["GPU"] == "Test GPU (fixture)"
    assert "CUDA" in list(provenance["measured on"]) and "gpu_reference.json" in list(provenance["value"])
    assert frame(at, "time ratio")["point"].tolist()[0] == "g=1"


def test_a_bad_reference_file_is_a_sentence_and_its_text_is_not_markdown(no_references):
    doc = _reference_document()
    doc["provenance"]["device_name"] = "**Bold GPU** [click](http://example.com)"
    (no_references / "gpu_reference.json").write_text(json.dumps(doc))
    bad = _reference_document()
    bad["sweeps"][0]["kind"] = []
    (no_references / "gpu_reference_kind.json").write_text(json.dumps(bad))
    zero = _reference_document()
    zero["sweeps"][0]["rows"][2]["time_ratio"] = 0
    (no_references / "gpu_reference_zero.json").write_text(json.dumps(zero))
    at = run_app(page=PAGE, block="basic", size="16")
    warnings = [w.value for w in at.main.warning]
    assert any(w.startswith("gpu_reference_kind.json is not a valid results file: sweeps[0].kind is not one of")
               for w in warnings)
    assert any("gpu_reference_zero.json is not a valid results file: sweeps[0].rows[2].time_ratio is not a finite "
               "number above 0" in w for w in warnings)
    assert "**Bold GPU** [click](http://example.com)" in list(frame(at, "measured on")["value"])  # a cell, as written
    assert not any("Bold GPU" in m for m in main_text(at).splitlines())  # never in Markdown


# Turkish, the spread, the sweeps' figures ---------------------------------------------------------------------


def spread_of(iqr_fraction: float):
    """run_block with its quartiles set so that IQR / median = ``iqr_fraction``; records every call's refresh."""
    real = bench.run_block
    calls: list[bool] = []

    def run(*args, **kwargs):
        calls.append(bool(kwargs.get("refresh")))
        r = real(*args, **kwargs)
        m = r.median_ms
        return dataclasses.replace(r, q1_ms=m * (1 - iqr_fraction / 2), q3_ms=m * (1 + iqr_fraction / 2),
                                   iqr_ms=m * iqr_fraction)
    return run, calls


def test_cancel_is_shown_only_while_a_sweep_runs():
    at = run_app(page=PAGE, **SMALL)
    assert not [b for b in at.main.button if b.key == "sweep_stop"]
    assert [b.key for b in at.main.button if b.key == "sweep_go"] == ["sweep_go"]


def test_the_gpu_section_speaks_to_students_not_developers():
    text = info_text(run_app(page=PAGE, **SMALL))
    assert "No GPU reference results are available yet: the figures above come from this server's own device." in text
    assert "python -m" not in text and "--json" not in text and "assets/" not in text


def test_the_page_in_turkish_with_turkish_numbers():
    at = run_app(page=PAGE, lang="tr", **SMALL)
    assert at.title[0].value == "Çalıştır ve ölç"
    assert at.button(key="go").label == "Çalıştır" and at.button(key="sweep_go").label == "Taramayı çalıştır"
    headers = [h.value for h in at.main.header]
    assert "Taramalar: MAC sayısı azalınca süre aynı oranda kısalmaz" in headers
    assert "GPU referans sonuçları" in headers
    assert "**MAC sayısı azalınca süre neden aynı oranda kısalmaz?**" in main_text(at)
    captions = caption_lines(at)
    assert ("basic, 8→8, stride 1 için tahmini tensör belleği, batch 1, 16×16: 4,75 KiB ağırlık + 64 KiB girdi ve "
            "aktivasyon + 2,25 KiB kernel çalışma alanı = float32 ile 71 KiB (çalıştırma başına sınır 512 MiB).") in captions
    assert "Henüz GPU referans sonucu yok: yukarıdaki değerler bu sunucunun kendi aygıtından geliyor." in info_text(at)


def test_a_run_in_turkish_writes_its_numbers_the_turkish_way(monkeypatch):
    real = bench.run_block

    def run(*args, **kwargs):
        r = real(*args, **kwargs)
        return dataclasses.replace(r, median_ms=1234.4, iqr_ms=123.4, q1_ms=1197.4, q3_ms=1320.8, throughput=1234.5)

    monkeypatch.setattr(bench, "run_block", run)
    at = run_app(page=PAGE, lang="tr", **SMALL)
    at.button(key="go").click().run()
    assert not at.exception
    metrics = {m.label: m for m in at.main.metric}
    assert metrics["Süre (medyan)"].value == "1.234 ms" and metrics["IQR"].value == "123,4 ms"
    assert metrics["IQR"].help == "Çeyrekler arası aralık: 1.197 ms ile 1.321 ms arası"
    assert metrics["Saniyede işlenen görüntü"].value == "1.234,5 görüntü/s"
    assert "**1.184** parametre · **" in main_text(at)
    shapes = frame(at, "girdi şekilleri")
    assert list(shapes["işlem"]) == ["conv", "BN", "ReLU", "conv", "BN", "toplama", "ReLU"]
    assert any(c.value == "Gerçek ileri geçişte gözlenen her şekil analizdekiyle (`meta` tensörlerle izlenen) aynı."
               for c in at.main.caption)


def test_the_guards_refuse_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="basic", batch="8", size="256")
    errors = error_lines(at)
    assert any(e.startswith("Bu çalıştırma yaklaşık 1 GiB tensör belleği tutardı (batch 8, 256×256 ve float32 için ")
               and "bu, 512 MiB sınırının üstünde: batch'i, boyutu ya da kanal genişliklerini küçültün" in e
               for e in errors)
    assert any(e.startswith("Taramanın g=1 noktası: bu çalıştırma yaklaşık") for e in errors)
    at = run_app(page=PAGE, lang="tr", block="basic", in_channels="512", planes="512", size="112")
    errors = error_lines(at)
    assert any(e.startswith("Bu çalıştırma ileri geçiş başına 59,2 G çarpma-toplama gerektiriyor; CPU'da izin "
                            "verilen 20 G değerinden fazla.") for e in errors)


def test_a_large_spread_warns_and_runs_again_past_the_cache(monkeypatch):
    run, calls = spread_of(0.85)  # the middle half of the repeats spread over 85% of the median, as seen in a browser
    monkeypatch.setattr(bench, "run_block", run)
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    (warning,) = [w.value for w in at.main.warning if w.value.startswith("The spread is large")]
    assert "spans 85% of the median" in warning and "above 20%" in warning and "busy with other work" in warning
    at.button(key="go_again").click().run()
    assert calls == [False, True]  # the second run measured again instead of taking the cached result

    at = run_app(page=PAGE, lang="tr", **SMALL)
    at.button(key="go").click().run()
    assert any(w.value.startswith("Dağılım geniş: zamanlı tekrarların ortadaki yarısı medyanın %85 kadarına yayılıyor")
               for w in at.main.warning)
    assert at.button(key="go_again").label == "Yeniden çalıştır"


def test_a_quiet_run_gets_no_warning(monkeypatch):
    monkeypatch.setattr(bench, "run_block", spread_of(0.1)[0])
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    assert not [w for w in at.main.warning if w.value.startswith("The spread is large")]
    assert not [b for b in at.main.button if b.key == "go_again"]


RESNEXT_TINY = {"block": "resnext", "in_channels": "8", "planes": "64", "groups": "4", "base_width": "4", "size": "4",
                "repeat": "2"}


def test_a_sweep_with_a_large_spread_warns_names_the_points_and_runs_again(monkeypatch):
    run, calls = spread_of(0.5)
    monkeypatch.setattr(bench.sweeps, "run_block", run)  # what run_sweep calls
    at = run_app(page=PAGE, lang="tr", **RESNEXT_TINY)
    at.button(key="sweep_go").click().run()
    (warning,) = [w.value for w in at.main.warning if w.value.startswith("g=1, g=2, g=4, g=8, g=16 noktalarında")]
    assert "medyanın %50 kadarına yayılıyor" in warning and "%20 üstünde oranlara güvenilmez" in warning
    assert at.button(key="sweep_again").label == "Taramayı yeniden çalıştır"
    at.button(key="sweep_again").click().run()
    assert calls == [False] * 5 + [True] * 5
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert fig["layout"]["separators"] == ",." and fig["data"][0]["name"] == "ölçülen süre (medyan, çubuklar: IQR)"
    assert fig["data"][0]["error_y"]["array"][0] == pytest.approx(0.25)  # q3 = 1.25 × the baseline's median
    assert fig["data"][0]["hovertext"][0].startswith("g=1 · ölçülen süre (medyan, çubuklar: IQR): 1,000 (medyan ")
    assert fig["layout"]["yaxis"]["title"]["text"] == "oran (logaritmik ölçek)"
    assert fig["layout"]["title"]["text"] == "Baseline'a (g=1) oran"


def test_the_matched_sweep_draws_the_real_ratio_of_the_widened_3x3():
    at = run_app(page=PAGE, block="resnext", size="4", repeat="2", sweep="matched")
    at.button(key="sweep_go").click().run()
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    traces = {t["name"]: t for t in fig["data"]}
    # Xie et al. 2017, Table 2: d = 64, 40, 24, 14, 4 at C = 1, 2, 4, 8, 32; the 3×3's MACs go as (C·d)²/C.
    real = traces["the widened 3×3 alone (its MACs)"]["y"]
    assert real == pytest.approx([1, 80**2 / 2 / 64**2, 96**2 / 4 / 64**2, 112**2 / 8 / 64**2, 128**2 / 32 / 64**2])
    assert traces["1/g: what splitting a 3×3 of fixed width would give"]["y"] == [1, 1 / 2, 1 / 4, 1 / 8, 1 / 32]


def test_the_blocks_sweep_draws_categories_as_markers_from_the_block_shown():
    at = run_app(page=PAGE, block="basic", in_channels="8", planes="8", size="8", repeat="2", sweep="blocks")
    at.button(key="sweep_go").click().run()
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["mode"] for t in fig["data"]} == {"markers"} and fig["layout"]["scattermode"] == "group"
    assert [t["name"] for t in fig["data"]] == ["measured time (median, bars: IQR)", "block MACs", "block parameters"]
    assert frame(at, "time ratio")["block"].tolist()[0] == "basic, 8→8, stride 1"  # the sidebar's block itself


# The Turkish page after a run and after each sweep: no English word left --------------------------------------

SMALL_SWEEPABLE = {**SMALL, "planes": "16"}  # its groups sweep's resnext block is valid (1 channel per group)


def untranslated_after(click: str | None, **params: str) -> dict[str, list[str]]:
    """As harness.i18n_check.untranslated, on the page's main area, after pressing ``click``."""
    from harness.i18n_check import english_words, page_strings

    texts = {}
    for lang in ("en", "tr"):
        bench.clear_cache()
        at = run_app(page=PAGE, lang=lang, **params)
        if click:
            at.button(key=click).click().run()
        assert not at.exception
        texts[lang] = page_strings(SimpleNamespace(_tree=at.main))  # the sidebar is the shell's
    vocabulary = {w for text in texts["en"] for w in english_words(text)}
    found = {text: sorted({w for w in english_words(text) if w in vocabulary}) for text in texts["tr"]}
    return {text: words for text, words in found.items() if words}


@pytest.mark.parametrize(("click", "params"), [
    (None, SMALL_SWEEPABLE),
    ("go", SMALL_SWEEPABLE),
    ("sweep_go", RESNEXT_TINY),
    ("sweep_go", {**RESNEXT_TINY, "sweep": "matched"}),
    ("sweep_go", {"block": "bottleneck", "in_channels": "64", "planes": "64", "size": "8", "repeat": "2",
                  "sweep": "blocks"}),
], ids=["default", "after-run", "groups-sweep", "matched-sweep", "blocks-sweep"])
def test_no_english_is_left_on_the_turkish_page(click, params):
    from explorer import i18n

    i18n.MISSING.clear()
    assert untranslated_after(click, **params) == {}
    sidebar = {entry.title for entry in REGISTRY.values()}  # the block's title under the sidebar's choice: the shell's
    assert not i18n.MISSING - sidebar


def test_the_sweep_choice_is_said_in_turkish_and_kept_in_the_address_as_its_code():
    at = run_app(page=PAGE, lang="tr", sweep="matched", **SMALL)
    radio = at.radio(key="sweep")
    assert radio.value == "matched" and radio.options == ["sabit genişlikte grup sayısı", "eşit karmaşıklık",
                                                           "blok türleri"]
    assert at.query_params["sweep"] == "matched"
    radio.set_value("blocks").run()
    assert at.query_params["sweep"] == "blocks"
    at.radio(key="sweep").set_value("groups").run()
    assert "sweep" not in at.query_params  # the default is left out of the address



def test_the_blocks_sweeps_note_writes_its_budget_the_turkish_way():
    at = run_app(page=PAGE, lang="tr", block="bottleneck", in_channels="64", planes="64", size="8", sweep="blocks")
    captions = caption_lines(at)
    assert ("Her blok türü, baseline'ın görüntü başına 4,72 M MACs değerine (ilk sıradaki şimdiki blok) göre, onun "
            "giriş kanalı, boyutu ve stride'ıyla boyutlanır.") in captions


def test_a_sweep_in_the_address_is_taken_again_when_the_page_is_entered_again():
    at = run_app(page=PAGE, sweep="matched", **SMALL)
    at.switch_page("views/overview.py").run()  # the radio is gone, the address keeps ?sweep=matched (Back)
    at.query_params["sweep"] = "matched"
    at.switch_page(PAGE).run()
    assert at.radio(key="sweep").value == "matched" and at.query_params["sweep"] == "matched"


def test_a_bad_reference_file_is_a_turkish_sentence_in_turkish(no_references):
    bad = _reference_document()
    bad["sweeps"][0]["rows"][2]["time_ratio"] = 0
    (no_references / "gpu_reference_zero.json").write_text(json.dumps(bad))
    at = run_app(page=PAGE, lang="tr", block="basic", size="16")
    assert ("gpu_reference_zero.json geçerli bir sonuç dosyası değil: sweeps[0].rows[2].time_ratio 0'dan büyük sonlu "
            "bir sayı değil; dosyayı python -m resblocks bench --json ile yeniden üretin") in [w.value for w in at.main.warning]


# A change of groups (controls.groups_changed) ------------------------------------------------------------------


def styles(at) -> str:
    """The page's rules of style (held_view.shown_at, disabled_at: st.html of a <style> alone)."""
    return "\n".join(e.proto.body for e in at.get("html") if e.proto.body.startswith("<style>"))


def test_a_run_and_a_sweep_are_shown_at_the_g_they_measured():
    """Holding the width, every g of the width is held: a run and a sweep measured at one g are drawn for that block
    and shown while the browser shows its g (a rule of style), and at any other g the held views say the settings
    changed."""
    at = run_app(page=PAGE, **RESNEXT_TINY)  # width 16: g = 4, d = 4
    at.button(key="go").click().run()
    at.button(key="sweep_go").click().run()
    assert at.main.metric and at.get("plotly_chart")
    assert 'html[data-held-g]:not([data-held-g="4"]) .st-key-run_result { display: none !important; }' in styles(at)
    assert 'html[data-held-g]:not([data-held-g="4"]) .st-key-run_sweep_result' in styles(at)
    at8 = caption_lines(at, 8)
    assert any(c.startswith("Estimated tensors for resnext 8×2d, 8→256, stride 1, batch 1 at 4×4: 34.1 KiB of weights")
               for c in at8)
    assert "The settings changed since the last run; press Run to measure these." in at8
    assert "The settings changed since the last sweep; press Run sweep to measure these." in at8
    assert any(c.startswith("5 points, baseline first: g=1 (resnext 1×16d, 8→256, stride 1)") for c in at8)
    assert not [c for c in caption_lines(at, 4) if c.startswith("The settings changed")]
    measured = at.session_state["run"]

    groups_control(at).set_value(8).run()  # width 16: the default g is not a divisor, the slider's callback answers
    at.run()  # the next run of the whole app, at g = 8: the results are still drawn for g = 4
    assert not at.exception and at.session_state["run"] is measured
    assert at.main.metric and 'not([data-held-g="4"]) .st-key-run_result' in styles(at)
    assert not at.button(key="go").disabled and not at.button(key="sweep_go").disabled
    at.button(key="go").click().run()  # measured at g = 8 now: shown there
    assert 'not([data-held-g="8"]) .st-key-run_result' in styles(at)
    assert "The settings changed since the last run; press Run to measure these." in caption_lines(at, 4)


def test_the_held_views_speak_turkish_at_every_g():
    at = run_app(page=PAGE, lang="tr", **RESNEXT_TINY)
    assert any(c.startswith("resnext 8×2d, 8→256, stride 1 için tahmini tensör belleği") for c in caption_lines(at, 8))
    assert any(c.startswith("5 nokta") for c in caption_lines(at, 8)), caption_lines(at, 8)
    assert at.button(key="go").label == "Çalıştır" and at.button(key="sweep_go").label == "Taramayı çalıştır"


def test_a_g_the_guards_refuse_is_disabled_in_the_browser(monkeypatch):
    """Only g = 1 over the compute budget (the dense 3×3: 667 M multiply-adds against 437 M at g = 2): Run stays
    enabled, disabled while the browser shows g = 1, whose view says why; the groups sweep, whose baseline is g = 1,
    is refused at every g."""
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.5")
    at = run_app(page=PAGE, block="resnext")
    assert not at.button(key="go").disabled and at.button(key="sweep_go").disabled
    assert 'html[data-held-g="1"] .st-key-go button { pointer-events: none; opacity: 0.4; }' in styles(at)
    assert 'data-held-g="2"' not in styles(at).split(".st-key-go")[0]
    assert any(e.startswith("This run needs 668 M multiply-adds per forward pass, more than the 500 M allowed")
               for e in error_lines(at, 1)), error_lines(at, 1)
    assert not [e for e in error_lines(at, 2) if e.startswith("This run needs")]


@pytest.mark.parametrize("sweep", ["groups", "matched", "blocks"])
def test_a_groups_change_is_answered_in_the_browser(sweep):
    """Each held view at 64 is what a run at 64 draws, and nothing else on the page depends on g: the groups control
    reruns nothing (controls.ANSWERED_IN_BROWSER)."""
    from tests.test_app import held_html, page_elements

    at = run_app(page=PAGE, block="resnext", size="8", sweep=sweep)
    at64 = run_app(page=PAGE, block="resnext", size="8", sweep=sweep, groups="64", base_width="2")
    assert groups_control(at).proto.ignore_rerun and at.session_state["_groups_parts"] == []
    for key in ("run_block", "run_sweep_plan"):
        assert held_data(at.main, key)["variants"]["64"] == held_html(at64.main, key), key
    assert page_elements(at.main) == page_elements(at64.main)


def test_the_block_is_named_in_turkish_in_the_runs_sentences():
    """The memory line names the block as the sidebar does (controls.block_label), not by BlockConfig.label's English
    "on the 1×1"."""
    at = run_app(page=PAGE, lang="tr", **{**RESNEXT_TINY, "stride_on": "1x1"})
    lines = [c for c in caption_lines(at) if "resnext 4×4d" in c]
    assert lines and all("(1×1'de)" in line and "on the" not in line for line in lines), lines
