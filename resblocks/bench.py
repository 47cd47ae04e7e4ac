"""Real forward passes of a block, timed properly, with the guards a shared server needs.

A run builds the configured block on a device, observes every layer's input and output shape in
one forward pass (forward hooks on the leaf modules, a torch-function mode for the addition), then
times repeated forward passes under ``torch.inference_mode()`` after a warm-up. Each timed repeat
calls the block ``calls`` times back to back and records the mean; the result gives the median and
interquartile range over repeats. CPU and MPS time with ``time.perf_counter`` after a device
synchronisation, CUDA with CUDA events and ``synchronize``.

Before anything is allocated the weights and activations are estimated from the analysis (meta
tensors) and a run above the memory limit is refused with a sentence; so is a run whose forward pass
needs more multiply-adds than the device's compute budget, since one call of it could outlast the
time limit on its own. One run at a time per device (a lock; waiting callers are told they are
queued), a time limit per run that every warm-up and timed call respects (the shape-observing call
is the first warm-up; at least one call is timed), and a small cache of results keyed by
configuration and measurement settings.

MACs are multiply-adds; FLOPs = 2 · MACs, counted by torch's flop counter (the convolutions).
"""

from __future__ import annotations

import functools
import json
import math
import os
import platform
import re
import statistics
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from . import units
from .analysis import Analysis, analyze
from .complexity import complexity_table, solve_equal_cost, to_config
from .config import BlockConfig, ConfigError, fixed_width_configs
from .registry import BLOCK_NAMES, REGISTRY

DTYPES: dict[str, torch.dtype] = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}

MEMORY_LIMIT_ENV = "RESBLOCKS_MEMORY_LIMIT_MB"
DEFAULT_MEMORY_LIMIT_MB = 512  # estimated tensors per run: sized for a small hosted machine
MAX_GMACS_ENV = "RESBLOCKS_MAX_GMACS"
# Multiply-adds per forward pass (G = 1e9) a run may need, per device kind: one call of the largest
# stays well under the time limit (the CPU does a few tens of GMAC/s; 20 G is about a second there).
DEFAULT_MAX_GMACS: dict[str, float] = {"cpu": 20.0, "mps": 200.0, "cuda": 2000.0}
DEFAULT_TIME_LIMIT_S = 20.0  # per run: stop repeating and report what was measured
DEFAULT_REPEAT = 30
DEFAULT_WARMUP = 5
REPEAT_RANGE = (1, 1000)
WARMUP_RANGE = (0, 100)
TARGET_REPEAT_S = 0.005  # a timed repeat calls the block often enough to last about this long
MAX_CALLS_PER_REPEAT = 1000
QUEUE_TIMEOUT_S = 300.0
CACHE_SIZE = 128
SCHEMA = "resblocks-bench/1"
REFERENCE_GLOB = "gpu_reference*.json"
REFERENCE_DIR_ENV = "RESBLOCKS_REFERENCE_DIR"
ASSETS = Path(__file__).resolve().parent.parent / "assets"


class MemoryLimitError(ConfigError):
    """A run whose estimated tensors exceed the memory limit; the message names the fix."""


class ComputeLimitError(ConfigError):
    """A run whose forward pass needs more multiply-adds than the device's budget; the message names the fix."""


class DeviceBusyError(RuntimeError):
    """The device stayed busy with other runs for longer than the caller was willing to wait."""


class RunCancelled(Exception):
    """The caller's cancel flag was set during a run."""


class ReferenceError(ValueError):
    """A reference results file that does not follow the schema; the message names the file and field."""


# Devices ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceInfo:
    """One device a block can run on."""

    id: str  # "cpu", "cuda:0", "mps": what run_block takes
    kind: str  # cpu | cuda | mps
    name: str  # "NVIDIA H100 80GB HBM3", "AMD EPYC"
    threads: int  # CPU threads torch uses (intra-op)
    capability: tuple[int, int] | None  # CUDA compute capability
    memory_bytes: int | None  # device memory (CUDA)
    dtypes: tuple[str, ...]  # the dtypes that run here
    dtype_notes: tuple[tuple[str, str], ...] = ()  # (dtype, caveat) pairs

    @property
    def label(self) -> str:
        if self.kind == "cuda":
            cap = f", compute capability {self.capability[0]}.{self.capability[1]}" if self.capability else ""
            mem = f", {units.nbytes(self.memory_bytes)}" if self.memory_bytes else ""
            return f"{self.name} ({self.id}{cap}{mem})"
        if self.kind == "mps":
            return f"Apple GPU via Metal ({self.id})"
        return f"CPU: {self.name} ({self.threads} threads)"

    def note(self, dtype: str) -> str | None:
        return dict(self.dtype_notes).get(dtype)

    def as_dict(self) -> dict:
        row = asdict(self)
        row["capability"] = list(self.capability) if self.capability else None
        row["dtype_notes"] = dict(self.dtype_notes)
        row["label"] = self.label
        return row


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def _dtype_runs(device: str, dtype: torch.dtype) -> bool:
    """Whether a tiny conv + BN runs in ``dtype`` on ``device``."""
    try:
        with torch.inference_mode():
            conv = nn.Conv2d(2, 2, 3, padding=1, groups=2).to(device=device, dtype=dtype)
            bn = nn.BatchNorm2d(2).to(device=device, dtype=dtype).eval()
            bn(conv(torch.ones(1, 2, 4, 4, device=device, dtype=dtype)))
        return True
    except (RuntimeError, TypeError, NotImplementedError):
        return False


_CPU_HALF_NOTE = (
    "runs on the CPU, but CPUs without native 16-bit arithmetic (AVX-512 BF16/FP16 or AMX) convert to "
    "float32 inside the kernels, so it is usually slower than float32"
)


@functools.lru_cache(maxsize=1)
def detect_devices() -> tuple[DeviceInfo, ...]:
    """The devices present, best first: CUDA GPUs, then Apple MPS, then the CPU."""
    threads = torch.get_num_threads()
    found: list[DeviceInfo] = []
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            dtypes = ["float32", "float16"]
            if torch.cuda.is_bf16_supported(including_emulation=False):
                dtypes.append("bfloat16")
            found.append(DeviceInfo(f"cuda:{i}", "cuda", props.name, threads, (props.major, props.minor),
                                    props.total_memory, tuple(dtypes)))
    if torch.backends.mps.is_available():
        dtypes = tuple(d for d, t in DTYPES.items() if _dtype_runs("mps", t))
        found.append(DeviceInfo("mps", "mps", "Apple MPS", threads, None, None, dtypes))
    cpu_dtypes = tuple(d for d, t in DTYPES.items() if _dtype_runs("cpu", t))
    notes = tuple((d, _CPU_HALF_NOTE) for d in cpu_dtypes if d != "float32")
    found.append(DeviceInfo("cpu", "cpu", _cpu_name(), threads, None, None, cpu_dtypes, notes))
    return tuple(found)


def resolve_device(device: str | None = None) -> DeviceInfo:
    """The DeviceInfo for ``device`` ("cpu", "cuda", "cuda:1", "mps"); None or "auto" is the best present."""
    devices = detect_devices()
    if device in (None, "", "auto"):
        return devices[0]
    wanted = "cuda:0" if device == "cuda" else device
    for info in devices:
        if info.id == wanted:
            return info
    raise ConfigError(
        f"device {device!r} is not available here; choose one of {', '.join(d.id for d in devices)} (or auto)"
    )


def check_dtype(info: DeviceInfo, dtype: str) -> str:
    if dtype not in info.dtypes:
        raise ConfigError(f"dtype {dtype!r} does not run on {info.id}; choose one of {', '.join(info.dtypes)}")
    return dtype


# Memory guard -----------------------------------------------------------------------------------


def memory_limit_bytes() -> int:
    """The limit on estimated tensors per run: $RESBLOCKS_MEMORY_LIMIT_MB MiB, default 512 MiB."""
    raw = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_MEMORY_LIMIT_MB * 2**20
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{MEMORY_LIMIT_ENV}={raw!r} is not a size in MiB; set it to a whole number such as 512")
    return int(raw) * 2**20


@dataclass(frozen=True)
class MemoryEstimate:
    """Tensors a run would hold, estimated from the analysis before anything is allocated."""

    dtype: str
    bytes_per_value: int
    weight_bytes: int  # parameters and BN running statistics
    input_bytes: int
    activation_bytes: int  # every layer output, counted as if all were alive at once: an upper bound
    total_bytes: int
    limit_bytes: int

    @property
    def fits(self) -> bool:
        return self.total_bytes <= self.limit_bytes

    def as_dict(self) -> dict:
        return {**asdict(self), "fits": self.fits}


def estimate_memory(cfg: BlockConfig, dtype: str = "float32", limit_bytes: int | None = None) -> MemoryEstimate:
    """Weights + input + every activation of ``cfg`` in ``dtype``, from the meta-tensor analysis."""
    if dtype not in DTYPES:
        raise ConfigError(f"unknown dtype {dtype!r}; choose one of {', '.join(DTYPES)}")
    size = DTYPES[dtype].itemsize
    a = analyze(cfg)
    buffers = sum(2 * layer.out_channels for layer in a.layers if layer.op == "bn")  # running mean and var
    weights = (a.params + buffers) * size
    inputs = math.prod(a.input_shape) * size
    activations = sum(math.prod(layer.output_shape) for layer in a.layers) * size
    limit = memory_limit_bytes() if limit_bytes is None else limit_bytes
    return MemoryEstimate(dtype, size, weights, inputs, activations, weights + inputs + activations, limit)


def memory_sentence(cfg: BlockConfig, m: MemoryEstimate) -> str:
    return (
        f"this run would hold about {units.nbytes(m.total_bytes)} of tensors ({units.nbytes(m.weight_bytes)} of "
        f"weights, {units.nbytes(m.input_bytes + m.activation_bytes)} of input and activations in {m.dtype} for "
        f"batch {cfg.batch} at {cfg.size}×{cfg.size}), above the limit of {units.nbytes(m.limit_bytes)}; lower batch "
        f"or size, or the channel widths (where you run it yourself, raise {MEMORY_LIMIT_ENV})"
    )


def check_memory(cfg: BlockConfig, dtype: str = "float32", limit_bytes: int | None = None) -> MemoryEstimate:
    """The estimate, or MemoryLimitError with a sentence when it is above the limit."""
    m = estimate_memory(cfg, dtype, limit_bytes)
    if not m.fits:
        raise MemoryLimitError(memory_sentence(cfg, m))
    return m


# Compute guard ----------------------------------------------------------------------------------


def max_macs(info: DeviceInfo, max_gmacs: float | None = None) -> int:
    """Multiply-adds per forward pass allowed on ``info``'s device: ``max_gmacs`` G, else
    $RESBLOCKS_MAX_GMACS G, else the device kind's default (``DEFAULT_MAX_GMACS``)."""
    if max_gmacs is None:
        raw = os.environ.get(MAX_GMACS_ENV, "").strip()
        if not raw:
            return int(DEFAULT_MAX_GMACS.get(info.kind, DEFAULT_MAX_GMACS["cpu"]) * 1e9)
        try:
            max_gmacs = float(raw)
        except ValueError:
            max_gmacs = math.nan
        if not (math.isfinite(max_gmacs) and max_gmacs > 0):
            raise ConfigError(f"{MAX_GMACS_ENV}={raw!r} is not a number of G multiply-adds; set it to a positive "
                              "number such as 20")
    elif isinstance(max_gmacs, bool) or not (math.isfinite(max_gmacs) and max_gmacs > 0):
        raise ConfigError(f"max_gmacs={max_gmacs!r} must be a positive number of G multiply-adds, such as 20")
    return int(max_gmacs * 1e9)


def _on(info: DeviceInfo) -> str:
    return "on the CPU" if info.kind == "cpu" else f"on {info.id}"


def compute_problem(cfg: BlockConfig, info: DeviceInfo, max_gmacs: float | None = None) -> str | None:
    """The sentence refusing ``cfg`` on ``info``'s device when its forward pass is over the compute budget, else None."""
    macs, limit = analyze(cfg).macs, max_macs(info, max_gmacs)
    if macs <= limit:
        return None
    return (
        f"this run needs {units.count(macs)} multiply-adds per forward pass, more than the {units.count(limit)} "
        f"allowed {_on(info)}; lower size, batch or the widths (where you run it yourself, raise {MAX_GMACS_ENV})"
    )


def check_compute(cfg: BlockConfig, info: DeviceInfo, max_gmacs: float | None = None) -> int:
    """``cfg``'s multiply-adds per forward pass, or ComputeLimitError with a sentence when over the budget."""
    problem = compute_problem(cfg, info, max_gmacs)
    if problem is not None:
        raise ComputeLimitError(problem)
    return analyze(cfg).macs


# Peak throughput of known GPUs -------------------------------------------------------------------


@dataclass(frozen=True)
class GpuPeak:
    """Dense peak TFLOP/s of one GPU per number format (None where it has no such unit)."""

    gpu: str
    pattern: str  # regular expression on torch.cuda.get_device_name()
    fp32: float  # FP32 on the CUDA cores (no tensor cores)
    tf32: float | None  # TF32 tensor cores
    fp16: float | None  # FP16 tensor cores
    bf16: float | None  # BF16 tensor cores
    source: str


# Vendor figures, dense (without structured sparsity). Where a datasheet prints tensor-core figures
# "with sparsity" only, they are halved here, as its footnote says. The A10G is left out: NVIDIA
# publishes no datasheet for it.
_HALVED = "tensor-core figures printed with sparsity, halved here for dense"
GPU_PEAKS: tuple[GpuPeak, ...] = (
    GpuPeak("NVIDIA H100 SXM5", r"\bH100\b.*\b(SXM|HBM3)\b", 67.0, 989 / 2, 1979 / 2, 1979 / 2,
            f"NVIDIA H100 Tensor Core GPU datasheet, H100 SXM column ({_HALVED})"),
    GpuPeak("NVIDIA H100 PCIe", r"\bH100\b.*\bPCIe\b", 51.0, 756 / 2, 1513 / 2, 1513 / 2,
            f"NVIDIA H100 Tensor Core GPU datasheet, H100 PCIe column ({_HALVED})"),
    GpuPeak("NVIDIA H200 SXM", r"\bH200\b(?!.*\bNVL\b)", 67.0, 989 / 2, 1979 / 2, 1979 / 2,
            f"NVIDIA H200 Tensor Core GPU datasheet, H200 SXM column ({_HALVED})"),
    GpuPeak("NVIDIA A100 (SXM4 and PCIe)", r"\bA100\b", 19.5, 156.0, 312.0, 312.0,
            "NVIDIA A100 Tensor Core GPU datasheet (dense figures)"),
    GpuPeak("NVIDIA A10", r"\bA10$", 31.2, 62.5, 125.0, 125.0, "NVIDIA A10 Tensor Core GPU datasheet (dense figures)"),
    GpuPeak("NVIDIA L4", r"\bL4$", 30.3, 120 / 2, 242 / 2, 242 / 2, f"NVIDIA L4 Tensor Core GPU datasheet ({_HALVED})"),
    GpuPeak("NVIDIA T4", r"\bT4$", 8.1, None, 65.0, None,
            "NVIDIA T4 Tensor Core GPU datasheet (FP16 is the mixed-precision tensor-core peak; Turing has no TF32 or BF16)"),
    GpuPeak("NVIDIA V100 SXM2", r"\bV100-SXM2\b", 15.7, None, 125.0, None,
            "NVIDIA Tesla V100 GPU datasheet, SXM2 column (FP16 is the tensor-core peak)"),
    GpuPeak("NVIDIA V100 PCIe", r"\bV100-PCIE\b", 14.0, None, 112.0, None,
            "NVIDIA Tesla V100 GPU datasheet, PCIe column (FP16 is the tensor-core peak)"),
    GpuPeak("NVIDIA GeForce RTX 3090", r"\bRTX 3090$", 35.6, 35.6, 71.0, 71.0,
            "NVIDIA Ampere GA102 GPU architecture whitepaper, appendix A (dense tensor figures with FP32 accumulate)"),
    GpuPeak("NVIDIA GeForce RTX 4090", r"\bRTX 4090$", 82.6, 82.6, 165.2, 165.2,
            "NVIDIA Ada GPU architecture whitepaper (dense tensor figures with FP32 accumulate)"),
)


@dataclass(frozen=True)
class Peak:
    """The peak a run is compared with, and why that one."""

    gpu: str
    tflops: float
    unit: str  # "TF32 tensor cores", "BF16 tensor cores", ...
    source: str

    def as_dict(self) -> dict:
        return asdict(self)


def find_gpu(device_name: str) -> GpuPeak | None:
    """The table entry whose pattern matches the CUDA device name, if any."""
    for entry in GPU_PEAKS:
        if re.search(entry.pattern, device_name.strip(), flags=re.IGNORECASE):
            return entry
    return None


def peak_for(device_name: str, dtype: str, tf32: bool = True) -> Peak | None:
    """The dense peak for ``dtype`` on a known GPU; float32 uses TF32 tensor cores when cuDNN may (``tf32``)."""
    entry = find_gpu(device_name)
    if entry is None:
        return None
    if dtype == "float32":
        if tf32 and entry.tf32 is not None:
            return Peak(entry.gpu, entry.tf32, "TF32 tensor cores (cuDNN may run float32 convolutions in TF32)",
                        entry.source)
        return Peak(entry.gpu, entry.fp32, "FP32 CUDA cores", entry.source)
    value = {"float16": entry.fp16, "bfloat16": entry.bf16}[dtype]
    if value is None:
        return None
    return Peak(entry.gpu, value, f"{'FP16' if dtype == 'float16' else 'BF16'} tensor cores", entry.source)


# Provenance --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """Where and how a figure was measured."""

    device: str
    device_name: str
    device_kind: str
    capability: str | None
    dtype: str
    channels_last: bool
    threads: int
    torch_version: str
    cuda_version: str | None
    cudnn_version: int | None
    cudnn_benchmark: bool | None
    tf32: bool | None  # cuDNN allowed to use TF32 for float32 convolutions
    python_version: str
    platform: str
    date: str  # ISO 8601, UTC

    def as_dict(self) -> dict:
        return asdict(self)


def provenance(info: DeviceInfo, dtype: str, channels_last: bool) -> Provenance:
    cuda = info.kind == "cuda"
    return Provenance(
        device=info.id,
        device_name=info.name,
        device_kind=info.kind,
        capability=f"{info.capability[0]}.{info.capability[1]}" if info.capability else None,
        dtype=dtype,
        channels_last=channels_last,
        threads=torch.get_num_threads(),
        torch_version=torch.__version__,
        cuda_version=torch.version.cuda,
        cudnn_version=torch.backends.cudnn.version() if cuda else None,
        cudnn_benchmark=bool(torch.backends.cudnn.benchmark) if cuda else None,
        tf32=bool(torch.backends.cudnn.allow_tf32) if cuda else None,
        python_version=platform.python_version(),
        platform=platform.platform(),
        date=datetime.now(UTC).isoformat(timespec="seconds"),
    )


# Results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObservedLayer:
    """One leaf module (or the residual addition) as seen in a real forward pass."""

    name: str  # module path ("conv2", "shortcut.0") or "add", as in the analysis
    op: str  # conv | bn | relu | add
    input_shapes: tuple[tuple[int, ...], ...]
    output_shape: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"name": self.name, "op": self.op, "input_shapes": [list(s) for s in self.input_shapes],
                "output_shape": list(self.output_shape)}


@dataclass(frozen=True)
class RunResult:
    """A measured run of one block: observed shapes, costs, latency, throughput and provenance."""

    config: BlockConfig
    device: str
    dtype: str
    channels_last: bool
    layers: tuple[ObservedLayer, ...]
    shapes_match_analysis: bool
    params: int
    macs: int
    flops: int  # 2 · MACs
    memory: MemoryEstimate
    repeat: int  # timed repeats asked for
    warmup: int
    calls_per_repeat: int
    samples_ms: tuple[float, ...]  # one per timed repeat done: mean time of one forward pass
    median_ms: float
    q1_ms: float
    q3_ms: float
    iqr_ms: float
    throughput: float  # images per second at the median
    tflops: float  # achieved TFLOP/s at the median (FLOPs as torch counts them)
    peak: Peak | None
    truncated: bool  # stopped early by the time limit
    time_limit_s: float
    queued_s: float  # time spent waiting for the device
    provenance: Provenance
    from_cache: bool = False

    @property
    def repeats_done(self) -> int:
        return len(self.samples_ms)

    @property
    def fraction_of_peak(self) -> float | None:
        return None if self.peak is None else self.tflops / self.peak.tflops

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "label": self.config.label,
            "device": self.device,
            "device_name": self.provenance.device_name,
            "dtype": self.dtype,
            "channels_last": self.channels_last,
            "input_shape": list(self.config.input_shape),
            "output_shape": list(self.config.output_shape),
            "layers": [layer.as_dict() for layer in self.layers],
            "shapes_match_analysis": self.shapes_match_analysis,
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "memory": self.memory.as_dict(),
            "repeat": self.repeat,
            "repeats_done": self.repeats_done,
            "warmup": self.warmup,
            "calls_per_repeat": self.calls_per_repeat,
            "median_ms": self.median_ms,
            "q1_ms": self.q1_ms,
            "q3_ms": self.q3_ms,
            "iqr_ms": self.iqr_ms,
            "samples_ms": list(self.samples_ms),
            "throughput_images_per_s": self.throughput,
            "achieved_tflops": self.tflops,
            "peak": None if self.peak is None else self.peak.as_dict(),
            "fraction_of_peak": self.fraction_of_peak,
            "truncated": self.truncated,
            "time_limit_s": self.time_limit_s,
            "queued_s": self.queued_s,
            "from_cache": self.from_cache,
            "provenance": self.provenance.as_dict(),
        }


# One run at a time per device, and a small cache -------------------------------------------------

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def device_lock(device: str) -> threading.Lock:
    """The lock that lets one run at a time use ``device`` (a device id such as "cpu")."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(device, threading.Lock())


def is_busy(device: str) -> bool:
    """Whether a run holds ``device`` right now."""
    return device_lock(device).locked()


def _acquire(lock: threading.Lock, device: str, on_queued: Callable[[float], None] | None, timeout_s: float) -> float:
    """Take the device's lock; while waiting call ``on_queued(seconds waited)`` about twice a second."""
    if lock.acquire(blocking=False):
        return 0.0
    start = time.perf_counter()
    while True:
        waited = time.perf_counter() - start
        if on_queued is not None:
            on_queued(waited)
        if waited >= timeout_s:
            raise DeviceBusyError(
                f"{device} has been busy with other runs for {waited:.0f} s; try again in a minute"
            )
        if lock.acquire(timeout=0.5):
            return time.perf_counter() - start


@dataclass(frozen=True)
class RunKey:
    config: BlockConfig
    device: str
    dtype: str
    channels_last: bool
    repeat: int
    warmup: int


@dataclass(frozen=True)
class CacheInfo:
    hits: int
    misses: int
    size: int
    capacity: int


class _ResultCache:
    """A thread-safe least-recently-used map RunKey → RunResult that counts hits."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[RunKey, RunResult] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: RunKey, count: bool = True) -> RunResult | None:
        with self._lock:
            result = self._items.get(key)
            if result is None:
                self.misses += count
                return None
            self._items.move_to_end(key)
            self.hits += count
            return replace(result, from_cache=True, queued_s=0.0)

    def put(self, key: RunKey, result: RunResult) -> None:
        with self._lock:
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def info(self) -> CacheInfo:
        with self._lock:
            return CacheInfo(self.hits, self.misses, len(self._items), self.capacity)


_CACHE = _ResultCache(CACHE_SIZE)


def cache_info() -> CacheInfo:
    return _CACHE.info()


def clear_cache() -> None:
    _CACHE.clear()


# Observing shapes --------------------------------------------------------------------------------

_OPS = {nn.Conv2d: "conv", nn.BatchNorm2d: "bn", nn.ReLU: "relu"}
_ADD_FUNCTIONS = frozenset({"add", "__add__", "__radd__"})


class _AddRecorder(TorchFunctionMode):
    """Calls ``record(args, out)`` for every tensor addition made while it is active."""

    def __init__(self, record: Callable[[tuple, torch.Tensor], None]) -> None:
        super().__init__()
        self.record = record

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if getattr(func, "__name__", None) in _ADD_FUNCTIONS:
            self.record(args, out)
        return out


def _shapes(values: Sequence[object]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(v.shape) for v in values if isinstance(v, torch.Tensor))


def observe(module: nn.Module, x: torch.Tensor) -> tuple[ObservedLayer, ...]:
    """Run ``module`` once and record every leaf module's and every top-level addition's shapes, in order."""
    layers: list[ObservedLayer] = []
    names = {m: n for n, m in module.named_modules() if n and not any(True for _ in m.children())}
    depth = 0  # > 0 while a leaf module runs: additions inside a module are not the block's addition

    def enter(mod: nn.Module, args: tuple) -> None:
        nonlocal depth
        depth += 1

    def leave(mod: nn.Module, args: tuple, out: torch.Tensor) -> None:
        nonlocal depth
        depth -= 1
        layers.append(ObservedLayer(names[mod], _OPS.get(type(mod), type(mod).__name__.lower()), _shapes(args),
                                    tuple(out.shape)))

    def add(args: tuple, out: torch.Tensor) -> None:
        if depth == 0:
            name = "add" if not any(layer.op == "add" for layer in layers) else f"add_{len(layers)}"
            layers.append(ObservedLayer(name, "add", _shapes(args), tuple(out.shape)))

    handles = []
    for mod in names:
        handles.append(mod.register_forward_pre_hook(enter))
        handles.append(mod.register_forward_hook(leave))
    try:
        with _AddRecorder(add):
            module(x)
    finally:
        for handle in handles:
            handle.remove()
    return tuple(layers)


def _matches(layers: Sequence[ObservedLayer], a: Analysis) -> bool:
    return [(layer.name, layer.output_shape) for layer in layers] == [(la.name, la.output_shape) for la in a.layers]


# Timing ------------------------------------------------------------------------------------------


def _cancelled(cancel: threading.Event | Callable[[], bool] | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def _synchronize(info: DeviceInfo) -> None:
    if info.kind == "cuda":
        torch.cuda.synchronize(info.id)
    elif info.kind == "mps":
        torch.mps.synchronize()


def _timed_calls(module: nn.Module, x: torch.Tensor, calls: int, info: DeviceInfo) -> float:
    """Seconds for ``calls`` forward passes back to back, the device synchronised at both ends."""
    if info.kind == "cuda":
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(calls):
            module(x)
        end.record()
        end.synchronize()
        return start.elapsed_time(end) / 1e3
    _synchronize(info)
    t0 = time.perf_counter()
    for _ in range(calls):
        module(x)
    _synchronize(info)
    return time.perf_counter() - t0


def _measure(
    module: nn.Module,
    x: torch.Tensor,
    info: DeviceInfo,
    repeat: int,
    warmup: int,
    deadline: float,
    cancel: threading.Event | Callable[[], bool] | None,
    first_s: float,
) -> tuple[list[float], int, bool]:
    """Warm up, size a repeat, time ``repeat`` repeats; returns (seconds per call per repeat, calls, truncated).

    ``first_s`` is the time of the call already made (``observe``), which counts as the first warm-up
    call. A warm-up call starts only while it and one timed call are expected to end before
    ``deadline``, and a repeat holds no more calls than fit before it; one timed call is always made.
    """
    one = first_s
    for _ in range(warmup - 1):
        if _cancelled(cancel) or time.perf_counter() + 2 * one > deadline:
            break
        one = min(one, _timed_calls(module, x, 1, info))
    fit = math.floor(max(0.0, deadline - time.perf_counter()) / max(one, 1e-9))
    calls = max(1, min(MAX_CALLS_PER_REPEAT, math.ceil(TARGET_REPEAT_S / max(one, 1e-9)), fit))
    samples: list[float] = []
    last = calls * one
    for _ in range(repeat):
        if _cancelled(cancel):
            raise RunCancelled("the run was cancelled")
        if samples and time.perf_counter() + last > deadline:
            return samples, calls, True
        start = time.perf_counter()
        samples.append(_timed_calls(module, x, calls, info) / calls)
        last = time.perf_counter() - start
    return samples, calls, False


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def _check_count(name: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{name}={value!r} is out of range; choose a whole number from {low} to {high}")
    return value


def cached_result(
    cfg: BlockConfig,
    device: str | None = None,
    dtype: str = "float32",
    channels_last: bool = False,
    repeat: int = DEFAULT_REPEAT,
    warmup: int = DEFAULT_WARMUP,
) -> RunResult | None:
    """The cached result for these settings without running anything (not counted as a hit)."""
    return _CACHE.get(RunKey(cfg, resolve_device(device).id, dtype, channels_last, repeat, warmup), count=False)


def run_block(
    cfg: BlockConfig,
    device: str | None = None,
    dtype: str = "float32",
    channels_last: bool = False,
    repeat: int = DEFAULT_REPEAT,
    warmup: int = DEFAULT_WARMUP,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    memory_limit_bytes: int | None = None,
    max_gmacs: float | None = None,
    use_cache: bool = True,
    on_queued: Callable[[float], None] | None = None,
    cancel: threading.Event | Callable[[], bool] | None = None,
    queue_timeout_s: float = QUEUE_TIMEOUT_S,
) -> RunResult:
    """Run ``cfg``'s block for real and time it.

    Checks the device, dtype, counts, the memory estimate (MemoryLimitError above the limit) and the
    multiply-adds per forward pass (ComputeLimitError above ``max_macs``) before anything is
    allocated, answers from the cache when the same settings ran before
    (``from_cache``), else waits for the device's lock (``on_queued(seconds)`` while queued) and
    measures under ``torch.inference_mode()``. Repeating stops at ``time_limit_s`` (``truncated``);
    a set ``cancel`` flag raises RunCancelled.
    """
    info = resolve_device(device)
    check_dtype(info, dtype)
    _check_count("repeat", repeat, REPEAT_RANGE)
    _check_count("warmup", warmup, WARMUP_RANGE)
    if not time_limit_s > 0:
        raise ConfigError(f"time_limit_s={time_limit_s!r} must be positive; choose a number of seconds such as 20")
    memory = check_memory(cfg, dtype, memory_limit_bytes)
    check_compute(cfg, info, max_gmacs)

    key = RunKey(cfg, info.id, dtype, bool(channels_last), repeat, warmup)
    if use_cache and (hit := _CACHE.get(key)) is not None:
        return hit
    lock = device_lock(info.id)
    queued_s = _acquire(lock, info.id, on_queued, queue_timeout_s)
    try:
        if use_cache and (hit := _CACHE.get(key, count=False)) is not None:  # another caller just ran it
            return replace(hit, queued_s=queued_s)
        result = _run_locked(cfg, info, dtype, bool(channels_last), repeat, warmup, time_limit_s, memory, cancel)
    finally:
        lock.release()
    result = replace(result, queued_s=queued_s)
    if use_cache:
        _CACHE.put(key, result)
    return result


def _run_locked(
    cfg: BlockConfig,
    info: DeviceInfo,
    dtype: str,
    channels_last: bool,
    repeat: int,
    warmup: int,
    time_limit_s: float,
    memory: MemoryEstimate,
    cancel: threading.Event | Callable[[], bool] | None,
) -> RunResult:
    deadline = time.perf_counter() + time_limit_s
    a = analyze(cfg)
    torch_dtype = DTYPES[dtype]
    module = cfg.build().requires_grad_(False).eval().to(device=info.id, dtype=torch_dtype)
    x = torch.randn(cfg.input_shape, dtype=torch_dtype, device=info.id)
    if channels_last:
        module = module.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    if info.kind == "cuda":
        torch.backends.cudnn.benchmark = True  # pick the fastest kernel per shape during the warm-up
    try:
        with torch.inference_mode():
            _synchronize(info)
            start = time.perf_counter()
            layers = observe(module, x)  # also the first warm-up call
            _synchronize(info)
            first_s = time.perf_counter() - start
            samples, calls, truncated = _measure(module, x, info, repeat, warmup, deadline, cancel, first_s)
    finally:
        del module, x
        if info.kind == "cuda":
            torch.cuda.empty_cache()

    ms = [s * 1e3 for s in samples]
    median = statistics.median(ms)
    q1, q3 = _quartiles(ms)
    prov = provenance(info, dtype, channels_last)
    return RunResult(
        config=cfg,
        device=info.id,
        dtype=dtype,
        channels_last=channels_last,
        layers=layers,
        shapes_match_analysis=_matches(layers, a),
        params=a.params,
        macs=a.macs,
        flops=a.flops,
        memory=memory,
        repeat=repeat,
        warmup=warmup,
        calls_per_repeat=calls,
        samples_ms=tuple(ms),
        median_ms=median,
        q1_ms=q1,
        q3_ms=q3,
        iqr_ms=q3 - q1,
        throughput=cfg.batch / (median / 1e3),
        tflops=a.flops / (median / 1e3) / 1e12,
        peak=peak_for(info.name, dtype, bool(prov.tf32)) if info.kind == "cuda" else None,
        truncated=truncated,
        time_limit_s=time_limit_s,
        queued_s=0.0,
        provenance=prov,
    )


# Sweeps ------------------------------------------------------------------------------------------

SWEEP_KINDS: dict[str, str] = {
    "groups": "latency against groups for the ResNeXt block at a fixed grouped width",
    "matched": "latency against cardinality at matched complexity (Xie et al. 2017, Table 2)",
    "blocks": "the block kinds compared at one budget of MACs",
}
MAX_SWEEP_POINTS = 8
SWEEP_TIME_LIMIT_S = 5.0  # per point where the app runs a sweep: eight points stay under a minute


@dataclass(frozen=True)
class SweepPoint:
    label: str
    config: BlockConfig


def _group_values(values: list[int], current: int, limit: int = MAX_SWEEP_POINTS) -> list[int]:
    """``values`` (the usable g); when there are too many, the powers of two and the current groups."""
    if len(values) <= limit:
        return values
    keep = {d for d in values if d & (d - 1) == 0} | {current}
    if len(keep) > limit:
        keep = set(sorted(keep)[: limit - 1]) | {current}
    return sorted(keep)


def sweep_points(kind: str, cfg: BlockConfig) -> tuple[tuple[SweepPoint, ...], tuple[str, ...]]:
    """The configurations a sweep measures (baseline first) and notes on what was adapted or left out.

    groups: ``at_fixed_width`` over divisors of the grouped width (g = 1 is the dense baseline);
    matched: the Table 2 rows (``complexity_table`` → ``to_config``) at ``cfg``'s size and batch;
    blocks: every block kind solved to ``cfg``'s MACs (``solve_equal_cost``), ``cfg``'s kind first.
    """
    notes: list[str] = []
    if kind == "groups":
        base = cfg
        if not cfg.entry.grouped:
            base = cfg.replace(block="resnext")
            notes.append(f"The {cfg.block} block has no grouped 3×3, so the sweep uses the resnext block "
                         f"({base.label}) with the same sizes.")
        configs, skipped = fixed_width_configs(base)
        points = [SweepPoint(f"g={g}", configs[g]) for g in _group_values(list(configs), base.groups)]
        if skipped:
            first = min(skipped)
            notes.append(f"Left out g = {', '.join(map(str, skipped))}: at planes = {base.planes} no allowed "
                         f"base_width gives their channels per group (g={first}: {skipped[first]}), so the "
                         f"baseline is {points[0].label}; the 1/g line still compares with a dense 3×3.")
        return tuple(points), tuple(notes)
    if kind == "matched":
        rows = complexity_table()
        notes.append("Table 2's conv2-stage block (256 → 256 channels, planes 64) at the sidebar's size and batch; "
                     "the sidebar's channels, groups and stride are not used here.")
        points = [SweepPoint(f"{r.cardinality}×{r.group_width}d", to_config(r, size=cfg.size).replace(batch=cfg.batch))
                  for r in rows]
        return tuple(points), tuple(notes)
    if kind == "blocks":
        target = analyze(cfg.replace(batch=1)).macs
        groups = cfg.groups if cfg.entry.grouped else REGISTRY["resnext"].default_groups
        order = [cfg.block] + [b for b in BLOCK_NAMES if b != cfg.block]
        points = []
        for name in order:
            try:
                solved = solve_equal_cost(target, "macs", name, groups=groups if REGISTRY[name].grouped else 1,
                                          size=cfg.size, stride=cfg.stride)
            except ValueError as exc:  # ConfigError is a ValueError too
                notes.append(f"Left out {name}: {exc}.")
                continue
            points.append(SweepPoint(name, solved.replace(batch=cfg.batch)))
        notes.append(f"Each block kind is sized to {units.count(target, 'MACs')} per image (the current block's), "
                     "as an identity block (in_channels = out_channels), so the current kind's row may differ from "
                     "the sidebar's block when that has a projection.")
        return tuple(points), tuple(notes)
    raise ConfigError(f"unknown sweep {kind!r}; choose one of {', '.join(SWEEP_KINDS)}")


@dataclass(frozen=True)
class SweepRow:
    """One measured point of a sweep, with its ratios to the sweep's baseline (the first row)."""

    label: str
    config: BlockConfig
    groups: int
    params: int
    macs: int
    median_ms: float
    iqr_ms: float
    time_ratio: float  # measured median / baseline median
    params_ratio: float  # block parameters / baseline's
    macs_ratio: float  # block MACs / baseline's
    conv_ratio: float  # the grouped 3×3's weights and MACs against a dense 3×3 of the same width: 1/g
    truncated: bool
    from_cache: bool

    def as_dict(self) -> dict:
        row = asdict(self)
        row["config"] = self.config.as_dict()
        row["block"] = self.config.block
        row["config_label"] = self.config.label
        return row


@dataclass(frozen=True)
class Sweep:
    kind: str
    title: str
    notes: tuple[str, ...]
    rows: tuple[SweepRow, ...]
    total_points: int
    cancelled: bool
    device: str
    dtype: str
    channels_last: bool
    repeat: int
    provenance: Provenance

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "notes": list(self.notes),
            "baseline": self.rows[0].label if self.rows else None,
            "rows": [row.as_dict() for row in self.rows],
            "total_points": self.total_points,
            "cancelled": self.cancelled,
            "device": self.device,
            "dtype": self.dtype,
            "channels_last": self.channels_last,
            "repeat": self.repeat,
            "provenance": self.provenance.as_dict(),
        }


def _row(point: SweepPoint, r: RunResult, base: RunResult) -> SweepRow:
    return SweepRow(
        label=point.label,
        config=point.config,
        groups=point.config.groups,
        params=r.params,
        macs=r.macs,
        median_ms=r.median_ms,
        iqr_ms=r.iqr_ms,
        time_ratio=r.median_ms / base.median_ms,
        params_ratio=r.params / base.params,
        macs_ratio=r.macs / base.macs,
        conv_ratio=1 / point.config.groups,
        truncated=r.truncated,
        from_cache=r.from_cache,
    )


def run_sweep(
    kind: str,
    cfg: BlockConfig,
    device: str | None = None,
    dtype: str = "float32",
    channels_last: bool = False,
    repeat: int = DEFAULT_REPEAT,
    warmup: int = DEFAULT_WARMUP,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    memory_limit_bytes: int | None = None,
    max_gmacs: float | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int, SweepRow | None], None] | None = None,
    cancel: threading.Event | Callable[[], bool] | None = None,
    on_queued: Callable[[float], None] | None = None,
) -> Sweep:
    """Measure every point of ``kind`` (see ``sweep_points``) with ``run_block``; each point has its own time limit.

    Every point's memory, then every point's multiply-adds, is checked before the first run.
    ``progress(done, total, row)`` is called at the start (row None) and after each point; a set
    ``cancel`` flag stops the sweep and returns the rows measured so far (``cancelled``).
    """
    info = resolve_device(device)
    check_dtype(info, dtype)
    points, notes = sweep_points(kind, cfg)
    for point in points:
        check_memory(point.config, dtype, memory_limit_bytes)
    for point in points:
        check_compute(point.config, info, max_gmacs)
    rows: list[SweepRow] = []
    base: RunResult | None = None
    cancelled = False
    if progress is not None:
        progress(0, len(points), None)
    for i, point in enumerate(points):
        if _cancelled(cancel):
            cancelled = True
            break
        try:
            r = run_block(point.config, info.id, dtype, channels_last, repeat, warmup, time_limit_s=time_limit_s,
                          memory_limit_bytes=memory_limit_bytes, max_gmacs=max_gmacs, use_cache=use_cache,
                          on_queued=on_queued,
                          cancel=cancel)
        except RunCancelled:
            cancelled = True
            break
        base = base or r
        rows.append(_row(point, r, base))
        if progress is not None:
            progress(i + 1, len(points), rows[-1])
    return Sweep(kind, SWEEP_KINDS[kind], notes, tuple(rows), len(points), cancelled, info.id, dtype,
                 bool(channels_last), repeat, provenance(info, dtype, bool(channels_last)))


# Documents: what --json writes and what the app loads as reference results -----------------------


def document(runs: Sequence[RunResult] = (), sweeps: Sequence[Sweep] = ()) -> dict:
    """The JSON document of runs and sweeps, with the provenance of the first one at the top."""
    if not runs and not sweeps:
        raise ValueError("a document needs at least one run or sweep")
    first = runs[0].provenance if runs else sweeps[0].provenance
    return {
        "schema": SCHEMA,
        "provenance": first.as_dict(),
        "runs": [r.as_dict() for r in runs],
        "sweeps": [s.as_dict() for s in sweeps],
    }


PROVENANCE_KEYS = ("device", "device_name", "dtype", "threads", "torch_version", "cuda_version", "date")
RUN_NUMBERS = ("median_ms", "iqr_ms", "params", "macs", "flops")
ROW_NUMBERS = ("groups", "params", "macs", "median_ms", "iqr_ms", "time_ratio", "params_ratio", "macs_ratio", "conv_ratio")


@dataclass(frozen=True)
class Reference:
    """A validated reference results file (measured on a GPU by ``python -m resblocks bench --json``)."""

    path: str
    provenance: dict
    runs: tuple[dict, ...]
    sweeps: tuple[dict, ...]


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def validate_document(doc: object, gpu: bool = True) -> list[str]:
    """Every problem with ``doc`` as a results document, as phrases; empty when it is valid.

    With ``gpu`` the provenance must name a CUDA device and a CUDA version.
    """
    if not isinstance(doc, dict):
        return ["the file does not hold a JSON object"]
    problems: list[str] = []
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema is {doc.get('schema')!r}, not {SCHEMA!r}")
    prov = doc.get("provenance")
    if not isinstance(prov, dict):
        problems.append("provenance is missing")
    else:
        problems += [f"provenance.{k} is missing" for k in PROVENANCE_KEYS if k not in prov]
        if not isinstance(prov.get("threads"), int) or isinstance(prov.get("threads"), bool):
            problems.append("provenance.threads is not a whole number")
        try:
            datetime.fromisoformat(str(prov.get("date")))
        except ValueError:
            problems.append("provenance.date is not an ISO 8601 date")
        if gpu and not (str(prov.get("device", "")).startswith("cuda") and prov.get("cuda_version")):
            problems.append("provenance does not name a CUDA device and CUDA version, so these are not GPU results")
    runs, sweeps = doc.get("runs", []), doc.get("sweeps", [])
    if not isinstance(runs, list) or not isinstance(sweeps, list):
        return [*problems, "runs and sweeps must be lists"]
    if not runs and not sweeps:
        problems.append("it holds no runs and no sweeps")

    def config_problem(where: str, raw: object) -> str | None:
        try:
            BlockConfig(**raw)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            return f"{where}.config is not a valid block configuration ({exc})"
        return None

    for i, run in enumerate(runs):
        if not isinstance(run, dict):
            problems.append(f"runs[{i}] is not an object")
            continue
        if (p := config_problem(f"runs[{i}]", run.get("config"))) is not None:
            problems.append(p)
        problems += [f"runs[{i}].{k} is not a non-negative number" for k in RUN_NUMBERS if not _number(run.get(k))]
    for i, sweep in enumerate(sweeps):
        if not isinstance(sweep, dict) or sweep.get("kind") not in SWEEP_KINDS or not isinstance(sweep.get("rows"), list):
            problems.append(f"sweeps[{i}] needs a kind ({', '.join(SWEEP_KINDS)}) and a list of rows")
            continue
        for j, row in enumerate(sweep["rows"]):
            where = f"sweeps[{i}].rows[{j}]"
            if not isinstance(row, dict):
                problems.append(f"{where} is not an object")
                continue
            if (p := config_problem(where, row.get("config"))) is not None:
                problems.append(p)
            if not isinstance(row.get("label"), str):
                problems.append(f"{where}.label is not text")
            problems += [f"{where}.{k} is not a non-negative number" for k in ROW_NUMBERS if not _number(row.get(k))]
    return problems


def load_reference(path: str | Path, gpu: bool = True) -> Reference:
    """Read and validate one reference file; ReferenceError names the file and what is wrong."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReferenceError(f"{path.name} could not be read as JSON ({exc}); produce it again with "
                             "python -m resblocks bench --json") from None
    problems = validate_document(doc, gpu=gpu)
    if problems:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise ReferenceError(f"{path.name} is not a valid results file: {shown}; produce it again with "
                             "python -m resblocks bench --json")
    return Reference(str(path), doc["provenance"], tuple(doc.get("runs", [])), tuple(doc.get("sweeps", [])))


def reference_dir() -> Path:
    """Where reference results are looked for: $RESBLOCKS_REFERENCE_DIR, else the project's assets/."""
    raw = os.environ.get(REFERENCE_DIR_ENV, "").strip()
    return Path(raw) if raw else ASSETS


def find_references(directory: str | Path | None = None) -> tuple[tuple[Reference, ...], tuple[str, ...]]:
    """The valid ``gpu_reference*.json`` files in ``directory`` and a sentence for each invalid one."""
    folder = Path(directory) if directory is not None else reference_dir()
    found: list[Reference] = []
    problems: list[str] = []
    for path in sorted(folder.glob(REFERENCE_GLOB)) if folder.is_dir() else []:
        try:
            found.append(load_reference(path))
        except ReferenceError as exc:
            problems.append(str(exc))
    return tuple(found), tuple(problems)
