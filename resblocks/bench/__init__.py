"""Real forward passes of a block, timed properly, with the guards a shared server needs.

A run builds the configured block on a device directly in its dtype, observes every layer's input
and output shape in one forward pass, then times repeated forward passes under
``torch.inference_mode()`` after a warm-up; the result gives the median and interquartile range over
the timed repeats. Before anything is allocated a run is checked against the memory limit and the
compute limit (limits.py); one run at a time per device, first come, first served
(device_queue.py); a time limit per run; a small cache of results keyed by configuration and
RunSettings (runner.py). Sweeps run a set of configurations (sweeps.py); documents.py writes what
``--json`` prints and references.py reads reference results back into typed data.

MACs are multiply-adds; FLOPs = 2 · MACs, counted by torch's flop counter (the convolutions).

    from resblocks import BlockConfig, bench
    r = bench.run_block(BlockConfig(block="resnext"), bench.RunSettings(device="cpu", repeat=10))
"""

from .device_queue import DeviceBusyError, device_turn, is_busy, waiting
from .devices import DTYPES, DeviceInfo, Provenance, check_dtype, detect_devices, provenance, resolve_device
from .documents import SCHEMA, document
from .limits import (
    CALL_SHARE,
    ComputeLimitError,
    MemoryEstimate,
    MemoryLimitError,
    check_compute,
    check_memory,
    compute_problem,
    device_speed,
    estimate_memory,
    forward_seconds,
    max_macs,
    memory_sentence,
    weight_bytes,
)
from .observe import ObservedLayer, observe
from .peaks import GPU_PEAKS, GpuPeak, Peak, find_gpu, peak_for
from .references import (
    REFERENCE_GLOB,
    Reference,
    ReferenceError,
    ReferenceRun,
    ReferenceSweep,
    find_references,
    load_reference,
    parse_document,
)
from .results import RunResult, Sweep, SweepRow
from .runner import CacheInfo, cache_info, cached_result, clear_cache, run_block
from .settings import (
    ASSETS,
    DEFAULT_MAX_GMACS,
    DEFAULT_MEMORY_LIMIT_MB,
    DEFAULT_REPEAT,
    DEFAULT_TIME_LIMIT_S,
    DEFAULT_WARMUP,
    MAX_GMACS_ENV,
    MEMORY_LIMIT_ENV,
    QUEUE_TIMEOUT_S,
    REFERENCE_DIR_ENV,
    REPEAT_RANGE,
    TIME_LIMIT_RANGE_S,
    WARMUP_RANGE,
    RunSettings,
    check_environment,
    environment_problems,
    memory_limit_bytes,
    reference_dir,
)
from .sweeps import MAX_SWEEP_POINTS, SWEEP_KINDS, SWEEP_TIME_LIMIT_S, run_sweep, sweep_points
from .timing import RunCancelled, cudnn_benchmark

__all__ = [
    "ASSETS",
    "CALL_SHARE",
    "DEFAULT_MAX_GMACS",
    "DEFAULT_MEMORY_LIMIT_MB",
    "DEFAULT_REPEAT",
    "DEFAULT_TIME_LIMIT_S",
    "DEFAULT_WARMUP",
    "DTYPES",
    "GPU_PEAKS",
    "MAX_GMACS_ENV",
    "MAX_SWEEP_POINTS",
    "MEMORY_LIMIT_ENV",
    "QUEUE_TIMEOUT_S",
    "REFERENCE_DIR_ENV",
    "REFERENCE_GLOB",
    "REPEAT_RANGE",
    "SCHEMA",
    "SWEEP_KINDS",
    "SWEEP_TIME_LIMIT_S",
    "TIME_LIMIT_RANGE_S",
    "WARMUP_RANGE",
    "CacheInfo",
    "ComputeLimitError",
    "DeviceBusyError",
    "DeviceInfo",
    "GpuPeak",
    "MemoryEstimate",
    "MemoryLimitError",
    "ObservedLayer",
    "Peak",
    "Provenance",
    "Reference",
    "ReferenceError",
    "ReferenceRun",
    "ReferenceSweep",
    "RunCancelled",
    "RunResult",
    "RunSettings",
    "Sweep",
    "SweepRow",
    "cache_info",
    "cached_result",
    "check_compute",
    "check_dtype",
    "check_environment",
    "check_memory",
    "clear_cache",
    "compute_problem",
    "cudnn_benchmark",
    "detect_devices",
    "device_speed",
    "device_turn",
    "document",
    "environment_problems",
    "estimate_memory",
    "find_gpu",
    "find_references",
    "forward_seconds",
    "is_busy",
    "load_reference",
    "max_macs",
    "memory_limit_bytes",
    "memory_sentence",
    "observe",
    "parse_document",
    "peak_for",
    "provenance",
    "reference_dir",
    "resolve_device",
    "run_block",
    "run_sweep",
    "sweep_points",
    "waiting",
    "weight_bytes",
]
