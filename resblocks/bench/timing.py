"""Building the block to time, and timing its forward passes properly.

Each timed repeat calls the block ``calls`` times back to back and records the mean; CPU and MPS
time with ``time.perf_counter`` after a device synchronisation, CUDA with CUDA events.
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import torch
from torch import nn

from ..config import BlockConfig
from .devices import DTYPES, DeviceInfo

TARGET_REPEAT_S = 0.005  # a timed repeat calls the block often enough to last about this long
MAX_CALLS_PER_REPEAT = 1000

Cancel = threading.Event | Callable[[], bool] | None


class RunCancelled(Exception):
    """The caller's cancel flag was set during a run."""


def is_cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def build_block(cfg: BlockConfig, info: DeviceInfo, dtype: str, channels_last: bool) -> tuple[nn.Module, torch.Tensor]:
    """``cfg``'s block in inference mode and a random input, both made directly in ``dtype`` on the device.

    The block is built on the meta device, given uninitialised storage in ``dtype`` and then its
    default initialisation, so no float32 copy of the weights ever exists. With ``channels_last`` the
    weights are converted one at a time and the input is made in that layout.
    """
    torch_dtype = DTYPES[dtype]
    with torch.device("meta"):
        module = cfg.build().to(dtype=torch_dtype)
    module = module.to_empty(device=info.id)
    with torch.no_grad():
        for sub in module.modules():
            if hasattr(sub, "reset_parameters"):
                sub.reset_parameters()  # conv: Kaiming uniform; BN: ones, zeros and fresh running statistics
    module = module.requires_grad_(False).eval()
    layout = torch.channels_last if channels_last else torch.contiguous_format
    if channels_last:
        module = module.to(memory_format=torch.channels_last)
    x = torch.empty(cfg.input_shape, dtype=torch_dtype, device=info.id, memory_format=layout).normal_()
    return module, x


_CUDNN_GUARD = threading.Lock()
_CUDNN_USERS = 0
_CUDNN_BEFORE = False


@contextmanager
def cudnn_benchmark() -> Iterator[None]:
    """``torch.backends.cudnn.benchmark`` on for the body (cuDNN picks the fastest kernel per shape during
    the warm-up), then back to what it was when the first of any overlapping runs began."""
    global _CUDNN_USERS, _CUDNN_BEFORE
    with _CUDNN_GUARD:
        if _CUDNN_USERS == 0:
            _CUDNN_BEFORE = torch.backends.cudnn.benchmark
        _CUDNN_USERS += 1
        torch.backends.cudnn.benchmark = True
    try:
        yield
    finally:
        with _CUDNN_GUARD:
            _CUDNN_USERS -= 1
            if _CUDNN_USERS == 0:
                torch.backends.cudnn.benchmark = _CUDNN_BEFORE


def synchronize(info: DeviceInfo) -> None:
    if info.kind == "cuda":
        torch.cuda.synchronize(info.id)
    elif info.kind == "mps":
        torch.mps.synchronize()


def timed_calls(module: nn.Module, x: torch.Tensor, calls: int, info: DeviceInfo) -> float:
    """Seconds for ``calls`` forward passes back to back, the device synchronised at both ends."""
    if info.kind == "cuda":
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(calls):
            module(x)
        end.record()
        end.synchronize()
        return start.elapsed_time(end) / 1e3
    synchronize(info)
    t0 = time.perf_counter()
    for _ in range(calls):
        module(x)
    synchronize(info)
    return time.perf_counter() - t0


def measure(
    module: nn.Module,
    x: torch.Tensor,
    info: DeviceInfo,
    repeat: int,
    warmup: int,
    deadline: float,
    cancel: Cancel,
    first_s: float,
) -> tuple[list[float], int, bool]:
    """Warm up, size a repeat, time ``repeat`` repeats; returns (seconds per call per repeat, calls, truncated).

    ``first_s`` is the time of the call already made (``observe``), which counts as the first warm-up
    call. A warm-up call starts only while it and one timed call are expected to end before
    ``deadline``, and a repeat holds no more calls than fit before it; one timed call is always made.
    """
    one = max(first_s, 1e-9)
    for _ in range(warmup - 1):
        if is_cancelled(cancel) or time.perf_counter() + 2 * one > deadline:
            break
        one = max(min(one, timed_calls(module, x, 1, info)), 1e-9)
    fit = max(0.0, deadline - time.perf_counter()) / one
    calls = max(1, min(MAX_CALLS_PER_REPEAT, math.ceil(TARGET_REPEAT_S / one), math.floor(min(fit, 1e9))))
    samples: list[float] = []
    last = calls * one
    for _ in range(repeat):
        if is_cancelled(cancel):
            raise RunCancelled("the run was cancelled")
        if samples and time.perf_counter() + last > deadline:
            return samples, calls, True
        start = time.perf_counter()
        samples.append(timed_calls(module, x, calls, info) / calls)
        last = time.perf_counter() - start
    return samples, calls, False


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3
