"""AppTest for the Run & time page: a small run, the cache, the guards, a sweep, an interrupted run, references."""

import dataclasses
import json

import pytest

from resblocks import BlockConfig, bench
from tests.test_app import main_text, run_app

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
    errors = [e.value for e in at.main.error]
    assert any(e.startswith("This run would hold about 1 GiB of tensors") and "above the limit of 512 MiB" in e
               for e in errors)
    assert at.button(key="go").disabled
    assert at.button(key="sweep_go").disabled  # every point of the groups sweep is as large
    assert any(e.startswith("The sweep's point g=1: this run would hold") for e in errors)


def test_the_compute_guard_refuses_a_slow_configuration():
    at = run_app(page=PAGE, block="basic", in_channels="512", planes="512", size="112")
    errors = [e.value for e in at.main.error]
    assert any(e.startswith("This run needs 59.2 G multiply-adds per forward pass, more than the 20 G allowed on the "
                            "CPU; lower size, batch or the widths") for e in errors)
    assert not any("would hold" in e for e in errors[:1])  # the memory guard alone let it through
    assert at.button(key="go").disabled and at.button(key="sweep_go").disabled
    assert bench.cache_info().misses == 0  # nothing was run


@pytest.mark.parametrize("name,raw", [(bench.MAX_GMACS_ENV, "1e300"), (bench.MEMORY_LIMIT_ENV, "²")])
def test_an_unusable_server_setting_is_a_sentence(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    at = run_app(page=PAGE, **SMALL)
    (error,) = [e.value for e in at.main.error]
    assert error.startswith(f"The server's settings are not usable: {name}={raw!r} is not a")
    assert not [b for b in at.main.button if b.key == "go"]


def test_a_sweep_with_any_point_over_the_compute_budget_is_disabled(monkeypatch):
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.00001")
    at = run_app(page=PAGE, block="resnext", in_channels="8", planes="64", groups="4", base_width="4", size="4")
    assert at.button(key="sweep_go").disabled and at.button(key="go").disabled
    assert any(e.value.startswith("The sweep's point g=1: this run needs") for e in at.main.error)


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
    assert not any("cannot use the current settings" in e.value for e in at.main.error)
    text = "\n".join(c.value for c in at.main.caption)
    assert "5 points, baseline first: g=128" in text and "Left out g = 1, 2, 4, 8, 16, 32, 64" in text
    assert not at.button(key="sweep_go").disabled


def test_a_groups_sweep_plots_measured_against_theoretical_ratios():
    at = run_app(page=PAGE, block="resnext", in_channels="8", planes="64", groups="4", base_width="4", size="4",
                 repeat="2")
    at.button(key="sweep_go").click().run()
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in fig["data"]] == ["measured time", "block MACs", "block parameters",
                                                "grouped 3×3 alone (1/g)"]
    assert fig["data"][3]["y"] == [1, 1 / 2, 1 / 4, 1 / 8, 1 / 16]
    assert list(frame(at, "time ratio")["point"]) == ["g=1", "g=2", "g=4", "g=8", "g=16"]


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
