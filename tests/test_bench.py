"""resblocks.bench on the CPU with tiny blocks: shapes, guards, the lock, the cache, sweeps and the JSON schema."""

import json
import math
import threading
import time

import pytest
import torch

from resblocks import BlockConfig, ConfigError, bench
from resblocks.__main__ import main
from resblocks.analysis import analyze
from resblocks.budget import group_sweep
from resblocks.registry import BLOCK_NAMES

FAST = {"repeat": 3, "warmup": 1}


def tiny(block: str = "basic", stride: int = 1, **changes) -> BlockConfig:
    values = {"in_channels": 8, "planes": 8, "size": 8, "stride": stride}
    if block == "resnext":
        values.update(planes=64, groups=4, base_width=4)  # d = 4, width 16
    return BlockConfig(block=block, **{**values, **changes})


@pytest.fixture(autouse=True)
def fresh_cache():
    bench.clear_cache()
    yield
    bench.clear_cache()


# Shapes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_observed_shapes_equal_the_analysis(block, stride):
    cfg = tiny(block, stride)
    module = cfg.build().eval()
    with torch.inference_mode():
        layers = bench.observe(module, torch.randn(cfg.input_shape))
    expected = analyze(cfg).layers
    assert [(la.name, la.output_shape) for la in layers] == [(e.name, e.output_shape) for e in expected]
    add = next(la for la in layers if la.op == "add")
    assert add.input_shapes == (cfg.output_shape, cfg.output_shape)
    first = layers[0]
    assert first.input_shapes == (cfg.input_shape,)
    assert not module._forward_hooks and not module.conv1._forward_hooks  # hooks are removed afterwards


def test_a_run_reports_consistent_figures():
    cfg = tiny("bottleneck", 2, batch=2)
    r = bench.run_block(cfg, "cpu", **FAST)
    a = analyze(cfg)
    assert r.shapes_match_analysis
    assert [layer.output_shape for layer in r.layers] == [layer.output_shape for layer in a.layers]
    assert (r.params, r.macs, r.flops) == (a.params, a.macs, a.flops) and r.flops == 2 * r.macs
    assert 1 <= r.repeats_done <= 3 and not r.from_cache
    assert r.q1_ms <= r.median_ms <= r.q3_ms and r.iqr_ms == pytest.approx(r.q3_ms - r.q1_ms)
    assert r.throughput == pytest.approx(2 / (r.median_ms / 1e3))
    assert r.tflops == pytest.approx(a.flops / (r.median_ms / 1e3) / 1e12)
    assert r.peak is None and r.fraction_of_peak is None  # a CPU has no entry in the GPU table
    p = r.provenance
    assert (p.device, p.dtype, p.threads, p.torch_version) == ("cpu", "float32", torch.get_num_threads(), torch.__version__)


@pytest.mark.parametrize("dtype", ["bfloat16", "float16"])
def test_half_precision_runs_on_the_cpu_with_a_note(dtype):
    cpu = bench.resolve_device("cpu")
    assert dtype in cpu.dtypes and "slower than float32" in cpu.note(dtype)
    r = bench.run_block(tiny(), "cpu", dtype, channels_last=True, **FAST)
    assert r.shapes_match_analysis and r.memory.bytes_per_value == 2


def test_the_time_limit_stops_repeating_and_keeps_what_was_measured():
    r = bench.run_block(tiny(), "cpu", repeat=500, warmup=1, time_limit_s=0.05)
    assert r.truncated and 1 <= r.repeats_done < 500


class _Sleeper(torch.nn.Module):
    """A block stand-in whose forward pass takes ``seconds``; counts its calls."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        time.sleep(self.seconds)
        return x


def test_warmup_and_the_first_sample_respect_the_deadline():
    cpu = bench.resolve_device("cpu")
    x = torch.zeros(1)
    # Out of time already (observe() took it all): no warm-up call, one timed call, truncated.
    slow = _Sleeper(0.05)
    samples, calls, truncated = bench._measure(slow, x, cpu, repeat=30, warmup=100, deadline=time.perf_counter() - 1,
                                               cancel=None, first_s=0.05)
    assert (slow.calls, len(samples), calls, truncated) == (1, 1, 1, True)
    # 0.3 s left, 100 warm-ups asked for: warm-ups stop in time for a timed call; the whole ends near the deadline.
    slow = _Sleeper(0.05)
    deadline = time.perf_counter() + 0.3
    samples, calls, truncated = bench._measure(slow, x, cpu, repeat=30, warmup=100, deadline=deadline, cancel=None,
                                               first_s=0.05)
    assert truncated and samples and calls == 1
    assert time.perf_counter() < deadline + 0.05 + 0.1  # at most one call past it, plus scheduling slack
    assert slow.calls <= 7  # 0.3 s of 0.05 s calls, where the old loop ran every call it was asked for


def test_the_observe_call_is_the_first_warmup():
    quick = _Sleeper(0.01)
    samples, calls, truncated = bench._measure(quick, torch.zeros(1), bench.resolve_device("cpu"), repeat=2, warmup=3,
                                               deadline=time.perf_counter() + 60, cancel=None, first_s=0.01)
    assert (len(samples), calls, truncated) == (2, 1, False)
    assert quick.calls == 2 + 2  # warm-ups 2 and 3 (observe was the first), then 2 repeats of 1 call


def test_devices_and_dtypes_are_checked():
    assert bench.resolve_device(None).id == bench.detect_devices()[0].id
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match=r"not available here; choose one of .*cpu"):
            bench.resolve_device("cuda")
    with pytest.raises(ConfigError, match="choose a whole number from 1 to 1000"):
        bench.run_block(tiny(), "cpu", repeat=0)


# Memory guard ------------------------------------------------------------------------------------


def _fail_if_run(*args, **kwargs):
    raise AssertionError("the block was built although the memory guard should have refused it")


def test_memory_guard_refuses_before_allocating(monkeypatch):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    big = BlockConfig(block="basic", batch=8, size=256)  # valid, but ~1 GiB of activations in float32
    m = bench.estimate_memory(big)
    assert m.limit_bytes == 512 * 2**20 and not m.fits
    assert m.activation_bytes == sum(math.prod(la.output_shape) for la in analyze(big).layers) * 4
    with pytest.raises(bench.MemoryLimitError, match=r"above the limit of 512 MiB; lower batch or size"):
        bench.run_block(big, "cpu")
    assert bench.estimate_memory(big, "bfloat16").total_bytes == m.total_bytes // 2


def test_memory_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(bench.MEMORY_LIMIT_ENV, "1")
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    with pytest.raises(bench.MemoryLimitError, match="above the limit of 1 MiB"):
        bench.run_block(BlockConfig(block="basic", size=64), "cpu")
    monkeypatch.setenv(bench.MEMORY_LIMIT_ENV, "lots")
    with pytest.raises(ConfigError, match="set it to a whole number such as 512"):
        bench.memory_limit_bytes()


def test_cli_exits_2_with_the_sentence_before_allocating(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    assert main(["bench", "--block", "basic", "--batch", "8", "--size", "256"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: this run would hold about 1 GiB of tensors") and "512 MiB" in err
    assert main(["bench", "--block", "basic", "--size", "64", "--memory-limit-mb", "1"]) == 2


# Compute guard -----------------------------------------------------------------------------------

WIDE = BlockConfig(block="basic", in_channels=2048, planes=2048, size=56)  # fits 512 MiB, 237 G MACs per pass


def test_compute_guard_refuses_a_slow_forward_pass_before_allocating(monkeypatch):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    assert bench.estimate_memory(WIDE).fits  # the memory guard alone let it through
    cpu = bench.resolve_device("cpu")
    assert bench.max_macs(cpu) == 20 * 10**9
    sentence = ("this run needs 237 G multiply-adds per forward pass, more than the 20 G allowed on the CPU; "
                "lower size, batch or the widths")
    assert bench.compute_problem(WIDE, cpu).startswith(sentence)
    with pytest.raises(bench.ComputeLimitError, match=sentence) as caught:
        bench.run_block(WIDE, "cpu", repeat=1, warmup=0, time_limit_s=1)
    assert isinstance(caught.value, ConfigError)
    assert bench.compute_problem(WIDE, cpu, max_gmacs=300) is None
    assert bench.compute_problem(tiny(), cpu) is None


def test_compute_budget_depends_on_the_device_and_the_environment(monkeypatch):
    gpu = bench.DeviceInfo("cuda:0", "cuda", "Test GPU", 1, (9, 0), 80 * 2**30, ("float32",))
    assert bench.max_macs(gpu) == 2000 * 10**9 and bench.compute_problem(WIDE, gpu) is None
    assert "more than the 100 G allowed on cuda:0" in bench.compute_problem(WIDE, gpu, max_gmacs=100)
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.00001")  # 10,000 multiply-adds
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    with pytest.raises(bench.ComputeLimitError, match="more than the 10 k allowed on the CPU"):
        bench.run_block(tiny(), "cpu")
    with pytest.raises(bench.ComputeLimitError, match="more than the 10 k allowed"):  # every point, before any runs
        bench.run_sweep("groups", tiny("resnext", size=4), "cpu")
    for raw in ("lots", "0", "-3", "nan"):
        monkeypatch.setenv(bench.MAX_GMACS_ENV, raw)
        with pytest.raises(ConfigError, match="set it to a positive number such as 20"):
            bench.max_macs(bench.resolve_device("cpu"))


def test_cli_exits_2_at_once_for_a_slow_forward_pass(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    start = time.perf_counter()
    assert main(["bench", "--block", "basic", "--in-channels", "2048", "--planes", "2048", "--size", "56",
                 "--repeat", "1", "--warmup", "0", "--time-limit", "1"]) == 2
    assert time.perf_counter() - start < 5
    assert capsys.readouterr().err.startswith("error: this run needs 237 G multiply-adds per forward pass")


def test_cli_max_gmacs_flag_sets_the_budget(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    small = ["bench", "--block", "basic", "--in-channels", "8", "--planes", "8", "--size", "8"]
    assert main([*small, "--max-gmacs", "0.00001"]) == 2
    assert "more than the 10 k allowed on the CPU" in capsys.readouterr().err
    assert main([*small, "--max-gmacs", "0"]) == 2
    assert "--max-gmacs 0 is not a budget" in capsys.readouterr().err
    with pytest.raises(AssertionError, match="was built although"):  # 300 G lets the 237 G block through the guard
        main(["bench", "--block", "basic", "--in-channels", "2048", "--planes", "2048", "--max-gmacs", "300"])


# One run at a time per device --------------------------------------------------------------------


def test_concurrent_runs_are_serialised_by_the_device_lock(monkeypatch):
    intervals: list[tuple[float, float]] = []
    real = bench._run_locked

    def slow(*args, **kwargs):
        start = time.perf_counter()
        assert bench.is_busy("cpu")
        time.sleep(0.3)
        result = real(*args, **kwargs)
        intervals.append((start, time.perf_counter()))
        return result

    monkeypatch.setattr(bench, "_run_locked", slow)
    queued: list[float] = []
    errors: list[BaseException] = []

    def worker(cfg: BlockConfig) -> None:
        try:
            bench.run_block(cfg, "cpu", use_cache=False, on_queued=queued.append, **FAST)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(tiny(planes=p),)) for p in (8, 16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert len(intervals) == 2
    first, second = sorted(intervals)
    assert first[1] <= second[0], "the two runs overlapped"
    assert queued, "the second caller was not told it was queued"
    assert not bench.is_busy("cpu")


# Cache -------------------------------------------------------------------------------------------


def test_a_repeated_run_comes_from_the_cache():
    cfg = tiny()
    first = bench.run_block(cfg, "cpu", **FAST)
    start = time.perf_counter()
    again = bench.run_block(cfg, "cpu", **FAST)
    assert time.perf_counter() - start < 0.5
    assert again.from_cache and not first.from_cache
    assert again.median_ms == first.median_ms and again.provenance == first.provenance
    assert bench.cache_info().hits == 1
    assert bench.cached_result(cfg, "cpu", **FAST).from_cache
    assert bench.cached_result(cfg, "cpu", repeat=4, warmup=1) is None  # another repeat count is another key
    assert not bench.run_block(cfg, "cpu", channels_last=True, **FAST).from_cache


# Sweeps ------------------------------------------------------------------------------------------


def test_groups_sweep_rows_and_ratios():
    cfg = tiny("resnext", size=4)
    calls: list[tuple[int, int, object]] = []
    s = bench.run_sweep("groups", cfg, "cpu", repeat=2, warmup=0, progress=lambda *a: calls.append(a))
    assert [r.groups for r in s.rows] == [1, 2, 4, 8, 16] and not s.cancelled
    base = s.rows[0]
    assert (base.time_ratio, base.params_ratio, base.macs_ratio, base.conv_ratio) == (1, 1, 1, 1)
    for row in s.rows:
        assert row.config.width == cfg.width
        assert row.conv_ratio == pytest.approx(1 / row.groups)
        assert row.macs_ratio == pytest.approx(analyze(row.config).macs / analyze(base.config).macs)
        assert row.time_ratio == pytest.approx(row.median_ms / base.median_ms)
    assert 1 / 16 < s.rows[-1].macs_ratio < 1  # the 1×1 convs keep the block from falling as 1/g
    assert calls[0] == (0, 5, None) and calls[-1][:2] == (5, 5)


def test_groups_sweep_skips_the_g_no_base_width_reaches():
    cfg = BlockConfig(block="resnext", planes=1, base_width=1024, groups=128)  # width 2048, 16 channels per group
    points, notes = bench.sweep_points("groups", cfg)
    assert [pt.label for pt in points] == ["g=128", "g=256", "g=512", "g=1024", "g=2048"]
    assert all(pt.config.width == cfg.width for pt in points)
    assert [pt.config.groups for pt in points] == [p.groups for p in group_sweep(cfg).points]  # as the Budget page
    assert group_sweep(cfg).skipped == (1, 2, 4, 8, 16, 32, 64)
    assert any(n.startswith("Left out g = 1, 2, 4, 8, 16, 32, 64: at planes = 1 no allowed base_width") and
               "base_width=131072 is out of range" in n and "the baseline is g=128" in n for n in notes)
    assert bench.sweep_points("groups", tiny("resnext"))[1] == ()  # nothing left out, no note


@pytest.mark.parametrize("kind", ["matched", "blocks"])
def test_matched_and_block_sweeps_produce_rows(kind):
    s = bench.run_sweep(kind, tiny("resnext", size=4), "cpu", repeat=2, warmup=0)
    assert len(s.rows) == s.total_points >= 4
    if kind == "matched":
        assert [r.label for r in s.rows] == ["1×64d", "2×40d", "4×24d", "8×14d", "32×4d"]
        assert all(0.95 < r.params_ratio < 1.05 for r in s.rows)  # Table 2 holds the parameters
    else:
        assert s.rows[0].label == "resnext" and {r.label for r in s.rows} <= set(BLOCK_NAMES)
        assert all(0.8 < r.macs_ratio < 1.25 for r in s.rows)


def test_a_sweep_can_be_cancelled_and_keeps_its_rows():
    flag = threading.Event()
    s = bench.run_sweep("groups", tiny("resnext", size=4), "cpu", repeat=2, warmup=0, cancel=flag,
                        progress=lambda done, total, row: flag.set() if done == 2 else None)
    assert s.cancelled and len(s.rows) == 2 and s.total_points == 5


def test_sweep_memory_is_checked_for_every_point_first(monkeypatch):
    monkeypatch.setattr(bench, "_run_locked", _fail_if_run)
    with pytest.raises(bench.MemoryLimitError):
        bench.run_sweep("matched", BlockConfig(size=256, batch=4), "cpu")


# JSON --------------------------------------------------------------------------------------------


def test_cli_json_has_the_schema_and_full_provenance(capsys):
    assert main(["bench", "--block", "basic", "--in-channels", "8", "--planes", "8", "--size", "8",
                 "--repeat", "3", "--warmup", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == bench.SCHEMA
    assert bench.validate_document(doc, gpu=False) == []
    prov = doc["provenance"]
    for key in ("device_name", "dtype", "threads", "torch_version", "cuda_version", "date"):
        assert key in prov
    assert prov["threads"] == torch.get_num_threads() and prov["torch_version"] == torch.__version__
    run = doc["runs"][0]
    assert run["median_ms"] > 0 and run["iqr_ms"] >= 0 and len(run["samples_ms"]) == run["repeats_done"]
    assert run["config"]["block"] == "basic" and run["shapes_match_analysis"] is True
    assert [la["name"] for la in run["layers"]] == ["conv1", "bn1", "act1", "conv2", "bn2", "add", "act2"]
    # CPU results are not GPU reference results.
    assert any("not GPU results" in p for p in bench.validate_document(doc))


def test_cli_sweep_prints_a_table(capsys):
    assert main(["bench", "--block", "resnext", "--in-channels", "8", "--planes", "64", "--groups", "4",
                 "--base-width", "4", "--size", "4", "--repeat", "2", "--warmup", "0", "--sweep", "groups"]) == 0
    out, err = capsys.readouterr()
    assert "time ratio" in out and "g=16" in out and "5/5 g=16" in err


# Reference files ---------------------------------------------------------------------------------


def _fixture_document() -> dict:
    """A results document shaped like a GPU run: a test fixture, never shipped."""
    s = bench.run_sweep("groups", tiny("resnext", size=4), "cpu", repeat=2, warmup=0)
    doc = bench.document(sweeps=[s])
    doc["provenance"].update(device="cuda:0", device_name="Test GPU (fixture)", device_kind="cuda",
                             cuda_version="12.4", capability="9.0")
    return doc


def test_reference_files_are_found_validated_and_reported(tmp_path):
    assert bench.find_references(tmp_path) == ((), ())
    assert bench.find_references(tmp_path / "missing") == ((), ())
    doc = _fixture_document()
    (tmp_path / "gpu_reference.json").write_text(json.dumps(doc))
    (tmp_path / "gpu_reference_broken.json").write_text("{not json")
    bad = dict(doc, schema="other/9")
    bad["sweeps"] = [dict(doc["sweeps"][0], rows=[{"label": "g=1", "median_ms": -1}])]
    (tmp_path / "gpu_reference_old.json").write_text(json.dumps(bad))
    (tmp_path / "notes.json").write_text("{}")  # not a reference name: ignored
    refs, problems = bench.find_references(tmp_path)
    assert len(refs) == 1 and refs[0].provenance["device_name"] == "Test GPU (fixture)"
    assert refs[0].sweeps[0]["kind"] == "groups" and len(refs[0].sweeps[0]["rows"]) == 5
    assert len(problems) == 2
    assert any("gpu_reference_broken.json could not be read as JSON" in p for p in problems)
    old = next(p for p in problems if "gpu_reference_old.json" in p)
    assert "schema is 'other/9'" in old and "rows[0].config is not a valid block configuration" in old
    assert old.endswith("produce it again with python -m resblocks bench --json")


def test_reference_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(bench.REFERENCE_DIR_ENV, str(tmp_path))
    assert bench.reference_dir() == tmp_path
    monkeypatch.delenv(bench.REFERENCE_DIR_ENV)
    assert bench.reference_dir() == bench.ASSETS


# Peaks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,gpu",
    [
        ("NVIDIA H100 80GB HBM3", "NVIDIA H100 SXM5"),
        ("NVIDIA H100 PCIe", "NVIDIA H100 PCIe"),
        ("NVIDIA H100 NVL", None),
        ("NVIDIA H200", "NVIDIA H200 SXM"),
        ("NVIDIA H200 NVL", None),
        ("NVIDIA A100-SXM4-80GB", "NVIDIA A100 (SXM4 and PCIe)"),
        ("NVIDIA A100 80GB PCIe", "NVIDIA A100 (SXM4 and PCIe)"),
        ("NVIDIA A10", "NVIDIA A10"),
        ("NVIDIA A10G", None),
        ("NVIDIA L4", "NVIDIA L4"),
        ("NVIDIA L40S", None),
        ("Tesla T4", "NVIDIA T4"),
        ("Tesla V100-SXM2-16GB", "NVIDIA V100 SXM2"),
        ("Tesla V100S-PCIE-32GB", None),
        ("NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4090"),
        ("NVIDIA GeForce RTX 3090 Ti", None),
    ],
)
def test_gpu_names_map_to_their_datasheet_entry(name, gpu):
    entry = bench.find_gpu(name)
    assert (entry.gpu if entry else None) == gpu


def test_peak_depends_on_dtype_and_tf32():
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "float32", tf32=True).tflops == 156  # A100 datasheet, TF32
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "float32", tf32=False).tflops == 19.5
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "bfloat16").tflops == 312
    assert bench.peak_for("NVIDIA H100 80GB HBM3", "float16").tflops == pytest.approx(989.5)  # 1,979 with sparsity
    assert bench.peak_for("Tesla T4", "bfloat16") is None  # Turing has no BF16
    assert bench.peak_for("Tesla T4", "float32").tflops == 8.1  # no TF32 either
    assert bench.peak_for("Some Future GPU", "float32") is None
    assert all(e.source.startswith("NVIDIA") for e in bench.GPU_PEAKS)

