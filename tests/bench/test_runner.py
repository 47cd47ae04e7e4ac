"""bench.run_block on the CPU with tiny blocks: the figures of a run, the cache, and bad arguments."""

import pytest
import torch

from resblocks import BlockConfig, ConfigError, bench
from resblocks.analysis import analyze
from tests.bench.helpers import CPU, tiny


def test_a_run_reports_consistent_figures():
    cfg = tiny("bottleneck", 2, batch=2)
    r = bench.run_block(cfg, CPU)
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
    assert r.settings == bench.RunSettings(device="cpu", repeat=3, warmup=1)


@pytest.mark.parametrize("dtype", ["bfloat16", "float16"])
def test_half_precision_runs_on_the_cpu_with_a_note(dtype):
    cpu = bench.resolve_device("cpu")
    assert dtype in cpu.dtypes and "slower than float32" in cpu.note(dtype)
    r = bench.run_block(tiny(), bench.RunSettings(device="cpu", dtype=dtype, channels_last=True, repeat=3, warmup=1))
    assert r.shapes_match_analysis and r.memory.bytes_per_value == 2


def test_the_time_limit_stops_repeating_and_keeps_what_was_measured():
    r = bench.run_block(tiny(), bench.RunSettings(device="cpu", repeat=500, warmup=1, time_limit_s=0.05))
    assert r.truncated and 1 <= r.repeats_done < 500


def test_a_repeated_run_comes_from_the_cache():
    cfg = tiny()
    first = bench.run_block(cfg, CPU)
    again = bench.run_block(cfg, CPU)
    assert again.from_cache and not first.from_cache
    assert again.median_ms == first.median_ms and again.provenance == first.provenance
    assert bench.cache_info().hits == 1
    assert bench.cached_result(cfg, CPU).from_cache
    assert bench.cached_result(cfg, bench.RunSettings(device="cpu", repeat=4, warmup=1)) is None  # another key
    assert bench.cached_result(cfg, bench.RunSettings(device="auto", repeat=3, warmup=1)) is not None  # auto = cpu here
    assert not bench.run_block(cfg, bench.RunSettings(device="cpu", channels_last=True, repeat=3, warmup=1)).from_cache


def test_devices_and_dtypes_are_checked():
    assert bench.resolve_device(None).id == bench.detect_devices()[0].id
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match=r"not available here; choose one of .*cpu"):
            bench.run_block(tiny(), bench.RunSettings(device="cuda"))


@pytest.mark.parametrize("call,match", [
    (lambda: bench.run_block("resnext"), r"run_block needs a BlockConfig, not str; build one with "
                                         r"BlockConfig\(block=..., ...\) or from_values"),
    (lambda: bench.run_block(None), "run_block needs a BlockConfig, not NoneType"),
    (lambda: bench.run_block(tiny(), {"device": "cpu"}), "run_block takes its settings as a RunSettings, not dict"),
    (lambda: bench.run_sweep("groups", "resnext", CPU), "sweep_points needs a BlockConfig"),
    (lambda: bench.estimate_memory({"block": "basic"}), "estimate_memory needs a BlockConfig"),
    (lambda: bench.compute_problem(tiny(), "cpu"), "compute_problem takes its settings as a RunSettings"),
    (lambda: bench.cached_result(1), "cached_result needs a BlockConfig"),
    (lambda: bench.resolve_device(0), "device must be text"),
])
def test_bad_arguments_are_a_type_error_naming_the_fix(call, match):
    with pytest.raises(TypeError, match=match):
        call()


def test_a_refused_run_touches_neither_the_cache_nor_the_device():
    big = BlockConfig(block="basic", batch=8, size=256)  # valid, but ~1 GiB of activations in float32
    with pytest.raises(bench.MemoryLimitError):
        bench.run_block(big, bench.RunSettings(device="cpu"))
    assert bench.cache_info().misses == 0 and not bench.is_busy("cpu")
