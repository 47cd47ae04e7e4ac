"""AppTest for the Run & time page: a small run, the cache, the memory guard, a sweep, reference results."""

import dataclasses
import json
import re

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


def test_the_compute_guard_refuses_a_slow_configuration(monkeypatch):
    monkeypatch.setattr(bench, "_run_locked", lambda *a, **k: pytest.fail("the guard should have refused this run"))
    at = run_app(page=PAGE, block="basic", in_channels="2048", planes="2048", size="56")
    errors = [e.value for e in at.main.error]
    assert any(e.startswith("This run needs 237 G multiply-adds per forward pass, more than the 20 G allowed on the "
                            "CPU; lower size, batch or the widths") for e in errors)
    assert not any("would hold" in e for e in errors[:1])  # the memory guard alone let it through
    assert at.button(key="go").disabled and at.button(key="sweep_go").disabled


def test_a_sweep_with_any_point_over_the_compute_budget_is_disabled(monkeypatch):
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.00001")
    at = run_app(page=PAGE, block="resnext", in_channels="8", planes="64", groups="4", base_width="4", size="4")
    assert at.button(key="sweep_go").disabled and at.button(key="go").disabled
    assert any(e.value.startswith("The sweep's point g=1: this run needs") for e in at.main.error)


def test_latency_is_written_in_fixed_notation(monkeypatch):
    real = bench.run_block

    def slow_figures(*args, **kwargs):
        r = real(*args, **kwargs)
        return dataclasses.replace(r, median_ms=1234.4, iqr_ms=130.0, q1_ms=1200.0, q3_ms=1330.0)

    monkeypatch.setattr(bench, "run_block", slow_figures)
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    metrics = {m.label: m for m in at.main.metric}
    assert metrics["Latency (median)"].value == "1,234 ms"
    assert metrics["IQR"].value == "130.0 ms"  # was 1.3e+02 ms
    assert metrics["IQR"].help == "Interquartile range: 1,200 ms to 1,330 ms"
    monkeypatch.setattr(bench, "run_block", real)
    bench.clear_cache()
    at = run_app(page=PAGE, **SMALL)
    at.button(key="go").click().run()
    latency = next(m.value for m in at.main.metric if m.label == "Latency (median)")
    assert re.fullmatch(r"\d+\.\d{3} ms", latency)  # a tiny block: 0.0xx ms, not 4.5e-02 ms


def test_a_groups_sweep_skips_g_values_the_settings_cannot_reach():
    at = run_app(page=PAGE, block="resnext", planes="1", base_width="1024", groups="128")
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


def test_reference_results_are_shown_with_their_provenance(no_references):
    s = bench.run_sweep("groups", BlockConfig(in_channels=8, planes=64, groups=4, base_width=4, size=4), "cpu",
                        repeat=2, warmup=0)
    doc = bench.document(sweeps=[s])  # a test fixture shaped like a GPU file, written to a temporary folder
    doc["provenance"].update(device="cuda:0", device_name="Test GPU (fixture)", cuda_version="12.4")
    (no_references / "gpu_reference.json").write_text(json.dumps(doc))
    at = run_app(page=PAGE, block="basic", size="16")
    assert "No GPU reference results are available yet" not in info_text(at)
    assert any("Test GPU (fixture)" in s.value for s in at.main.subheader)
    assert "CUDA 12.4" in main_text(at) and "gpu_reference.json" in main_text(at)
    assert frame(at, "time ratio")["point"].tolist()[0] == "g=1"
