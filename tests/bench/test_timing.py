"""bench.timing: warm-up and repeats within the deadline, and cudnn.benchmark only for the run."""

import threading
import time

import pytest
import torch

from resblocks import bench
from resblocks.bench.timing import measure
from tests.bench.helpers import CPU, tiny


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


def test_out_of_time_means_no_warmup_and_one_timed_call():
    cpu = bench.resolve_device("cpu")
    slow = _Sleeper(0.05)  # observe() took all the time already
    samples, calls, truncated = measure(slow, torch.zeros(1), cpu, repeat=30, warmup=100,
                                        deadline=time.perf_counter() - 1, cancel=None, first_s=0.05)
    assert (slow.calls, len(samples), calls, truncated) == (1, 1, 1, True)


def test_warmups_stop_in_time_for_a_timed_call():
    slow = _Sleeper(0.05)
    samples, calls, truncated = measure(slow, torch.zeros(1), bench.resolve_device("cpu"), repeat=30, warmup=100,
                                        deadline=time.perf_counter() + 0.3, cancel=None, first_s=0.05)
    assert truncated and samples and calls == 1
    assert slow.calls <= 7  # 0.3 s of 0.05 s calls, where a loop without the deadline would run 130


def test_the_observe_call_is_the_first_warmup():
    quick = _Sleeper(0.01)
    samples, calls, truncated = measure(quick, torch.zeros(1), bench.resolve_device("cpu"), repeat=2, warmup=3,
                                        deadline=time.perf_counter() + 60, cancel=None, first_s=0.01)
    assert (len(samples), calls, truncated) == (2, 1, False)
    assert quick.calls == 2 + 2  # warm-ups 2 and 3 (observe was the first), then 2 repeats of 1 call


def test_an_infinite_deadline_does_not_overflow():
    samples, calls, truncated = measure(_Sleeper(0), torch.zeros(1), bench.resolve_device("cpu"), repeat=2, warmup=1,
                                        deadline=float("inf"), cancel=None, first_s=0.0)
    assert len(samples) == 2 and calls == 1000 and not truncated


def test_cudnn_benchmark_is_on_during_a_run_and_restored_after_it():
    seen: list[bool] = []

    def during(flag: bool) -> None:
        torch.backends.cudnn.benchmark = flag
        bench.run_block(tiny(planes=4 + flag), CPU, use_cache=False,
                        cancel=lambda: seen.append(torch.backends.cudnn.benchmark) or False)

    try:
        for before in (False, True):
            seen.clear()
            during(before)
            assert seen and all(seen)  # on while the run measured
            assert torch.backends.cudnn.benchmark is before  # and back to what it was
        torch.backends.cudnn.benchmark = False
        cancel = threading.Event()
        cancel.set()
        with pytest.raises(bench.RunCancelled):  # a run that ends in an exception restores it too
            bench.run_block(tiny(planes=6), CPU, use_cache=False, cancel=cancel)
        assert torch.backends.cudnn.benchmark is False
    finally:
        torch.backends.cudnn.benchmark = False


def test_overlapping_runs_restore_the_flag_once_the_last_ends():
    torch.backends.cudnn.benchmark = False
    with bench.cudnn_benchmark():
        with bench.cudnn_benchmark():
            assert torch.backends.cudnn.benchmark
        assert torch.backends.cudnn.benchmark  # the first run is still going
    assert torch.backends.cudnn.benchmark is False
