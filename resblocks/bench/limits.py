"""The guards a shared server needs before a run: memory and compute estimates, and the refusal sentences.

Memory: every tensor a run holds, estimated from the analysis (meta tensors) before anything is
allocated: the weights (built once, directly in the run's dtype), the input, every activation as if
all were alive at once (an upper bound: inference frees most of them), and the kernels' workspace,
which is the largest convolution's weight again (the CPU's convolution reorders each weight into its
blocked layout for the call, and channels_last converts the weights one at a time) plus, for 16-bit
numbers on the CPU, float32 copies of the largest convolution's input, weight and output (CPUs
without native 16-bit arithmetic convert inside the kernels).

Compute: a cap on multiply-adds per forward pass, and the time one forward pass would take at the
device's measured speed in the run's dtype (the ResNeXt 32×4d block timed once per device and dtype).
A run whose forward pass would take more than a quarter of its time limit is refused: the first
call (which observes the shapes) and one timed call cannot be cut short, and the estimate may be off
by a factor of two, so the time limit then still bounds how long the run holds the device.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import asdict, dataclass

import torch

from .. import units
from ..analysis import Analysis, analyze
from ..checks import Message
from ..config import BlockConfig, ConfigError, require_config
from .device_queue import is_busy
from .devices import DTYPES, DeviceInfo, resolve_device
from .settings import (
    MAX_GMACS_ENV,
    MEMORY_LIMIT_ENV,
    RunSettings,
    max_gmacs_setting,
    memory_limit_bytes,
    require_settings,
)
from .timing import build_block, timed_calls

CALL_SHARE = 0.25  # the largest share of the time limit one forward pass may be expected to take
CALIBRATION = BlockConfig(size=28)  # resnext 32×4d, 64 → 256: dense 1×1s and a grouped 3×3, as most blocks mix


class MemoryLimitError(ConfigError):
    """A run whose estimated tensors exceed the memory limit; the message names the fix."""


class ComputeLimitError(ConfigError):
    """A run whose forward pass would outlast its share of the time limit; the message names the fix."""


# Memory -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemoryEstimate:
    """Tensors a run would hold, estimated from the analysis before anything is allocated."""

    dtype: str
    bytes_per_value: int
    weight_bytes: int  # parameters and BN running statistics, one copy in the run's dtype
    input_bytes: int
    activation_bytes: int  # every layer output, counted as if all were alive at once: an upper bound
    workspace_bytes: int  # the kernels' copies: see the module's docstring
    total_bytes: int
    limit_bytes: int

    @property
    def fits(self) -> bool:
        return self.total_bytes <= self.limit_bytes

    def as_dict(self) -> dict:
        return {**asdict(self), "fits": self.fits}


def weight_bytes(a: Analysis, bytes_per_value: int) -> int:
    """Parameters and BN running statistics (mean and variance) of the analysed block."""
    buffers = sum(2 * layer.out_channels for layer in a.layers if layer.op == "bn")
    return (a.params + buffers) * bytes_per_value


def _workspace(a: Analysis, bytes_per_value: int, half_on_cpu: bool) -> int:
    shapes = {"input": a.input_shape} | {layer.name: layer.output_shape for layer in a.layers}
    convs = [layer for layer in a.layers if layer.op == "conv"]
    reorder = max(layer.params for layer in convs) * bytes_per_value
    if not half_on_cpu:
        return reorder
    upcast = max(math.prod(shapes[c.inputs[0]]) + c.params + math.prod(c.output_shape) for c in convs) * 4
    return reorder + upcast


def estimate_memory(cfg: BlockConfig, settings: RunSettings | None = None) -> MemoryEstimate:
    """Everything a run of ``cfg`` with ``settings`` holds at its peak, from the meta-tensor analysis."""
    cfg = require_config(cfg, "estimate_memory")
    settings = require_settings(RunSettings() if settings is None else settings, "estimate_memory")
    size = DTYPES[settings.dtype].itemsize
    a = analyze(cfg)
    half_on_cpu = size == 2 and resolve_device(settings.device).kind == "cpu"
    weights = weight_bytes(a, size)
    inputs = math.prod(a.input_shape) * size
    activations = sum(math.prod(layer.output_shape) for layer in a.layers) * size
    workspace = _workspace(a, size, half_on_cpu)
    limit = memory_limit_bytes() if settings.memory_limit_bytes is None else settings.memory_limit_bytes
    total = weights + inputs + activations + workspace
    return MemoryEstimate(settings.dtype, size, weights, inputs, activations, workspace, total, limit)


def memory_sentence(cfg: BlockConfig, m: MemoryEstimate) -> Message:
    return Message(
        "this run would hold about {total} of tensors ({weights} of weights, {activations} of input and activations "
        "and {workspace} of kernel workspace in {dtype} for batch {batch} at {size}×{size}), above the limit of "
        "{limit}; lower batch or size, or the channel widths (where you run it yourself, raise {env})",
        total=units.nbytes(m.total_bytes), weights=units.nbytes(m.weight_bytes),
        activations=units.nbytes(m.input_bytes + m.activation_bytes), workspace=units.nbytes(m.workspace_bytes),
        dtype=m.dtype, batch=cfg.batch, size=cfg.size, limit=units.nbytes(m.limit_bytes), env=MEMORY_LIMIT_ENV,
    )


def check_memory(cfg: BlockConfig, settings: RunSettings | None = None) -> MemoryEstimate:
    """The estimate, or MemoryLimitError with a sentence when it is above the limit."""
    m = estimate_memory(cfg, settings)
    if not m.fits:
        raise MemoryLimitError(memory_sentence(cfg, m))
    return m


def equivalence_memory(cfg: BlockConfig, limit_bytes: int | None = None) -> MemoryEstimate:
    """The equivalence check's peak at ``cfg``'s (small) input, in float32: the block (form (c)) beside one
    other form (two copies of the weights), the input, every activation twice (the paths' outputs before
    the sum or concatenation, and the three outputs kept) and the largest convolution's weight once more."""
    a = analyze(cfg)
    weights = 2 * weight_bytes(a, 4)
    inputs = math.prod(a.input_shape) * 4
    activations = 2 * sum(math.prod(layer.output_shape) for layer in a.layers) * 4
    workspace = _workspace(a, 4, half_on_cpu=False)
    limit = memory_limit_bytes() if limit_bytes is None else limit_bytes
    return MemoryEstimate("float32", 4, weights, inputs, activations, workspace,
                          weights + inputs + activations + workspace, limit)


def equivalence_sentence(m: MemoryEstimate) -> str:
    return (
        f"the check would hold about {units.nbytes(m.total_bytes)} of tensors (two copies of the block's "
        f"{units.nbytes(m.weight_bytes // 2)} of weights, while each form runs beside the block), above the limit of "
        f"{units.nbytes(m.limit_bytes)}; lower planes or in_channels (where you run it yourself, raise "
        f"{MEMORY_LIMIT_ENV})"
    )


# Compute ----------------------------------------------------------------------------------------

_SPEEDS: dict[tuple[str, str], tuple[float, float]] = {}  # (device id, dtype) → (multiply-adds per second, when)
RECALIBRATE_S = 60.0


def max_macs(info: DeviceInfo, max_gmacs: float | None = None) -> int:
    """Multiply-adds per forward pass allowed on ``info``'s device: ``max_gmacs`` G, else
    $RESBLOCKS_MAX_GMACS G, else the device kind's default (``DEFAULT_MAX_GMACS``)."""
    if not isinstance(info, DeviceInfo):
        raise TypeError(f"max_macs takes a DeviceInfo, not {type(info).__name__}; get one with bench.resolve_device('cpu')")
    gmacs = max_gmacs_setting(info.kind) if max_gmacs is None else RunSettings(max_gmacs=max_gmacs).max_gmacs
    return int(gmacs * 1e9)


def device_speed(info: DeviceInfo, dtype: str) -> float:
    """Multiply-adds per second of ``info``'s device in ``dtype``: the calibration block, median of five calls.

    Kept for a minute, then measured again, so that it follows how busy a shared machine is (a run
    slows down with it); while a run holds the device the kept one is used, and a first measurement
    taken beside a run is used but not kept.
    """
    key = (info.id, dtype)
    kept, when = _SPEEDS.get(key, (0.0, -math.inf))
    busy = is_busy(info.id)
    if time.monotonic() - when < RECALIBRATE_S or (busy and kept):  # never slow a run down to measure beside it
        return kept
    module, x = build_block(CALIBRATION, info, dtype, channels_last=False)
    with torch.inference_mode():
        timed_calls(module, x, 1, info)
        median = statistics.median(timed_calls(module, x, 1, info) for _ in range(5))
    speed = analyze(CALIBRATION).macs / max(median, 1e-9)
    if not busy and not is_busy(info.id):
        _SPEEDS[key] = (speed, time.monotonic())
    return speed


def forward_seconds(cfg: BlockConfig, info: DeviceInfo, dtype: str) -> float:
    """The expected time of one forward pass of ``cfg`` at the device's measured speed in ``dtype``."""
    return analyze(cfg).macs / device_speed(info, dtype)


def compute_problem(cfg: BlockConfig, settings: RunSettings | None = None) -> Message | None:
    """The sentence refusing ``cfg`` with ``settings`` when one forward pass is too much work, else None."""
    cfg = require_config(cfg, "compute_problem")
    settings = require_settings(RunSettings() if settings is None else settings, "compute_problem")
    info = resolve_device(settings.device)
    macs, limit = analyze(cfg).macs, max_macs(info, settings.max_gmacs)
    if macs > limit:
        return Message(
            "this run needs {macs} multiply-adds per forward pass, more than the {limit} allowed {where}; lower size, "
            "batch or the widths (where you run it yourself, raise {env})",
            macs=units.count(macs), limit=units.count(limit), where=info.where, env=MAX_GMACS_ENV,
        )
    seconds = forward_seconds(cfg, info, settings.dtype)
    allowed = CALL_SHARE * settings.time_limit_s
    if seconds > allowed:
        speed = device_speed(info, settings.dtype)
        return Message(
            "one forward pass would take about {seconds:.2g} s in {dtype} {where} ({macs} multiply-adds at the "
            "measured {speed} per second), more than {allowed:.2g} s, a quarter of the {limit_s:g} s time limit; "
            "lower size, batch or the widths, or choose a faster dtype",
            seconds=seconds, dtype=settings.dtype, where=info.where, macs=units.count(macs), speed=units.count(speed),
            allowed=allowed, limit_s=settings.time_limit_s,
        )
    return None


def check_compute(cfg: BlockConfig, settings: RunSettings | None = None) -> int:
    """``cfg``'s multiply-adds per forward pass, or ComputeLimitError with the sentence when it is too much."""
    problem = compute_problem(cfg, settings)
    if problem is not None:
        raise ComputeLimitError(problem)
    return analyze(cfg).macs


def measured_speeds() -> dict[tuple[str, str], float]:
    """The speeds kept so far, (device id, dtype) → multiply-adds per second (for the app and benchmarks)."""
    return {key: speed for key, (speed, _) in _SPEEDS.items()}
