"""bench.limits: runs above the memory or compute limit are refused with a sentence, before anything runs."""

import pytest

from resblocks import BlockConfig, ConfigError, bench
from resblocks.__main__ import main
from tests.bench.helpers import tiny

BIG = BlockConfig(block="basic", batch=8, size=256)  # valid, but ~1 GiB of activations in float32
WIDE = BlockConfig(block="basic", in_channels=512, planes=512, size=112)  # 223 MiB, 59.2 G MACs per pass


def test_memory_guard_refuses_with_the_sentence():
    m = bench.estimate_memory(BIG, bench.RunSettings(device="cpu"))
    assert m.limit_bytes == 512 * 2**20 and not m.fits
    with pytest.raises(bench.MemoryLimitError, match=r"above the limit of 512 MiB; lower batch or size"):
        bench.check_memory(BIG, bench.RunSettings(device="cpu"))
    assert bench.cache_info().misses == 0  # nothing was looked up, let alone run


def test_16_bit_weights_and_activations_take_half_the_bytes():
    f32 = bench.estimate_memory(BIG, bench.RunSettings(device="cpu"))
    bf16 = bench.estimate_memory(BIG, bench.RunSettings(device="cpu", dtype="bfloat16"))
    assert (bf16.weight_bytes, bf16.activation_bytes, bf16.input_bytes) == (
        f32.weight_bytes // 2, f32.activation_bytes // 2, f32.input_bytes // 2)
    assert bf16.workspace_bytes > f32.workspace_bytes // 2  # plus the float32 copies the CPU's kernels make


def test_memory_limit_comes_from_the_settings_then_the_environment(monkeypatch):
    monkeypatch.setenv(bench.MEMORY_LIMIT_ENV, "1")
    with pytest.raises(bench.MemoryLimitError, match="above the limit of 1 MiB"):
        bench.run_block(BlockConfig(block="basic", size=64), bench.RunSettings(device="cpu"))
    small = bench.RunSettings(device="cpu", memory_limit_bytes=2**30)
    assert bench.estimate_memory(BlockConfig(block="basic", size=64), small).fits


def test_cli_exits_2_with_the_memory_sentence(capsys):
    assert main(["bench", "--block", "basic", "--batch", "8", "--size", "256"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: this run would hold about 1 GiB of tensors") and "512 MiB" in err
    assert main(["bench", "--block", "basic", "--size", "64", "--memory-limit-mb", "1"]) == 2
    assert "above the limit of 1 MiB" in capsys.readouterr().err


def test_compute_cap_refuses_a_forward_pass_with_too_many_multiply_adds():
    cpu = bench.resolve_device("cpu")
    assert bench.estimate_memory(WIDE, bench.RunSettings(device="cpu")).fits  # the memory guard alone let it through
    assert bench.max_macs(cpu) == 20 * 10**9
    sentence = ("this run needs 59.2 G multiply-adds per forward pass, more than the 20 G allowed on the CPU; "
                "lower size, batch or the widths")
    assert bench.compute_problem(WIDE, bench.RunSettings(device="cpu")).startswith(sentence)
    with pytest.raises(bench.ComputeLimitError, match=sentence) as caught:
        bench.run_block(WIDE, bench.RunSettings(device="cpu", repeat=1, warmup=0))
    assert isinstance(caught.value, ConfigError) and bench.cache_info().misses == 0


def test_compute_cap_depends_on_the_device_and_the_environment(monkeypatch):
    gpu = bench.DeviceInfo("cuda:0", "cuda", "Test GPU", 1, (9, 0), 80 * 2**30, ("float32",))
    assert bench.max_macs(gpu) == 2000 * 10**9 and bench.max_macs(gpu, 100) == 100 * 10**9
    monkeypatch.setenv(bench.MAX_GMACS_ENV, "0.00001")  # 10,000 multiply-adds
    with pytest.raises(bench.ComputeLimitError, match="more than the 10 k allowed on the CPU"):
        bench.run_block(tiny(), bench.RunSettings(device="cpu"))
    with pytest.raises(bench.ComputeLimitError, match="more than the 10 k allowed"):  # every point, before any runs
        bench.run_sweep("groups", tiny("resnext", size=4), bench.RunSettings(device="cpu"))


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_the_time_limit_bounds_one_forward_pass_at_the_measured_speed_of_its_dtype(dtype):
    # No CPU does the default block's 0.2 G multiply-adds in 0.25 ms, a quarter of a 1 ms time limit.
    settings = bench.RunSettings(device="cpu", dtype=dtype, time_limit_s=0.001)
    problem = bench.compute_problem(BlockConfig(), settings)
    assert problem.startswith("one forward pass would take about ")
    assert f"s in {dtype} on the CPU (" in problem and "a quarter of the 0.001 s time limit" in problem
    assert problem.endswith("lower size, batch or the widths, or choose a faster dtype")
    with pytest.raises(bench.ComputeLimitError, match=f"in {dtype} on the CPU"):
        bench.run_block(BlockConfig(), settings)
    assert bench.compute_problem(tiny(), bench.RunSettings(device="cpu", dtype=dtype)) is None


def test_cli_refuses_a_slow_forward_pass_at_once(capsys):
    assert main(["bench", "--block", "basic", "--in-channels", "512", "--planes", "512", "--size", "112",
                 "--repeat", "1", "--warmup", "0", "--time-limit", "1"]) == 2
    assert capsys.readouterr().err.startswith("error: this run needs 59.2 G multiply-adds per forward pass")
    small = ["bench", "--block", "basic", "--in-channels", "8", "--planes", "8", "--size", "8"]
    assert main([*small, "--max-gmacs", "0.00001"]) == 2
    assert "more than the 10 k allowed on the CPU" in capsys.readouterr().err
