"""Run a block for real, one run at a time per device, and keep recent results.

``run_block`` checks everything it can before anything is allocated (settings, device, dtype, the
memory estimate, the compute limit), answers from the cache when the same configuration ran with the
same settings, else waits its turn for the device (first come, first served) and measures under
``torch.inference_mode()`` with ``cudnn.benchmark`` on for the run only. The shape-observing call is
the first warm-up; at least one call is timed; repeating stops at the time limit.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

import torch

from ..analysis import analyze
from ..config import BlockConfig, require_config
from .device_queue import device_turn
from .devices import DeviceInfo, check_dtype, provenance, resolve_device
from .limits import MemoryEstimate, check_compute, check_memory
from .observe import matches, observe
from .peaks import peak_for
from .results import RunResult
from .settings import QUEUE_TIMEOUT_S, RunSettings, require_settings
from .timing import Cancel, build_block, cudnn_benchmark, measure, quartiles, synchronize

CACHE_SIZE = 128


@dataclass(frozen=True)
class CacheInfo:
    hits: int
    misses: int
    size: int
    capacity: int


class _ResultCache:
    """A thread-safe least-recently-used map (config, settings) → RunResult that counts hits."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple[BlockConfig, RunSettings], RunResult] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[BlockConfig, RunSettings], count: bool = True) -> RunResult | None:
        with self._lock:
            result = self._items.get(key)
            if result is None:
                self.misses += count
                return None
            self._items.move_to_end(key)
            self.hits += count
            return replace(result, from_cache=True, queued_s=0.0)

    def put(self, key: tuple[BlockConfig, RunSettings], result: RunResult) -> None:
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


def resolved(settings: RunSettings) -> tuple[DeviceInfo, RunSettings]:
    """The device ``settings`` names and the settings with that device's id (the cache's key)."""
    info = resolve_device(settings.device)
    check_dtype(info, settings.dtype)
    return info, replace(settings, device=info.id)


def cached_result(cfg: BlockConfig, settings: RunSettings | None = None) -> RunResult | None:
    """The cached result of ``cfg`` with ``settings`` without running anything (not counted as a hit)."""
    cfg = require_config(cfg, "cached_result")
    _, settings = resolved(require_settings(RunSettings() if settings is None else settings, "cached_result"))
    return _CACHE.get((cfg, settings), count=False)


def run_block(
    cfg: BlockConfig,
    settings: RunSettings | None = None,
    *,
    use_cache: bool = True,
    refresh: bool = False,
    on_queued: Callable[[float, int], None] | None = None,
    cancel: Cancel = None,
    queue_timeout_s: float = QUEUE_TIMEOUT_S,
) -> RunResult:
    """Run ``cfg``'s block for real with ``settings`` (default ``RunSettings()``) and time it.

    MemoryLimitError or ComputeLimitError (both ConfigError) before anything is allocated; a result
    from the cache (``from_cache``) when the same settings ran before (with ``refresh``, measured again and the
    new result kept in its place: a re-run after a noisy measurement); else waits for the device
    (``on_queued(seconds waited, place in the line)``, DeviceBusyError after ``queue_timeout_s``)
    and measures. A set ``cancel`` flag raises RunCancelled.
    """
    cfg = require_config(cfg, "run_block")
    info, settings = resolved(require_settings(RunSettings() if settings is None else settings, "run_block"))
    memory = check_memory(cfg, settings)
    check_compute(cfg, settings)

    key = (cfg, settings)
    if use_cache and not refresh and (hit := _CACHE.get(key)) is not None:
        return hit
    with device_turn(info.id, on_queued, queue_timeout_s, cancel) as queued_s:
        if use_cache and not refresh and (hit := _CACHE.get(key, count=False)) is not None:  # another caller just ran it
            return replace(hit, queued_s=queued_s)
        result = _run(cfg, info, settings, memory, cancel)
    result = replace(result, queued_s=queued_s)
    if use_cache:
        _CACHE.put(key, result)
    return result


def _run(cfg: BlockConfig, info: DeviceInfo, settings: RunSettings, memory: MemoryEstimate, cancel: Cancel) -> RunResult:
    deadline = time.perf_counter() + settings.time_limit_s
    a = analyze(cfg)
    module, x = build_block(cfg, info, settings.dtype, settings.channels_last)
    try:
        with cudnn_benchmark(), torch.inference_mode():
            prov = provenance(info, settings.dtype, settings.channels_last)
            synchronize(info)
            start = time.perf_counter()
            layers = observe(module, x)  # also the first warm-up call
            synchronize(info)
            first_s = time.perf_counter() - start
            samples, calls, truncated = measure(module, x, info, settings.repeat, settings.warmup, deadline, cancel,
                                                first_s)
    finally:
        del module, x
        if info.kind == "cuda":
            torch.cuda.empty_cache()

    ms = [s * 1e3 for s in samples]
    median = statistics.median(ms)
    q1, q3 = quartiles(ms)
    return RunResult(
        config=cfg,
        settings=settings,
        layers=layers,
        shapes_match_analysis=matches(layers, a),
        params=a.params,
        macs=a.macs,
        flops=a.flops,
        memory=memory,
        calls_per_repeat=calls,
        samples_ms=tuple(ms),
        median_ms=median,
        q1_ms=q1,
        q3_ms=q3,
        iqr_ms=q3 - q1,
        throughput=cfg.batch / (median / 1e3),
        tflops=a.flops / (median / 1e3) / 1e12,
        peak=peak_for(info.name, settings.dtype, bool(prov.tf32)) if info.kind == "cuda" else None,
        truncated=truncated,
        queued_s=0.0,
        provenance=prov,
    )
