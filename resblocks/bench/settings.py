"""What a run is asked to do (RunSettings), and the operator's limits read from the environment.

Every number here is finite and bounded, so no later arithmetic can overflow: a bad value is a
ConfigError (a ValueError) whose sentence names the fix, and a value of the wrong type a TypeError.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks import Message
from ..config import ConfigError
from .devices import DTYPES

MEMORY_LIMIT_ENV = "RESBLOCKS_MEMORY_LIMIT_MB"
MAX_GMACS_ENV = "RESBLOCKS_MAX_GMACS"
REFERENCE_DIR_ENV = "RESBLOCKS_REFERENCE_DIR"
DEFAULT_MEMORY_LIMIT_MB = 512  # estimated tensors per run: sized for a small hosted machine
MEMORY_LIMIT_RANGE_MB = (1, 2**20)  # up to 1 TiB
# Multiply-adds per forward pass (G = 1e9) a run may need, per device kind: a cap on top of the
# measured-speed limit (limits.py), which is what keeps one call inside the time limit.
DEFAULT_MAX_GMACS: dict[str, float] = {"cpu": 20.0, "mps": 200.0, "cuda": 2000.0}
MAX_GMACS_RANGE = (1e-6, 1e6)  # from a thousand to a peta multiply-adds
DEFAULT_TIME_LIMIT_S = 20.0  # per run: stop repeating and report what was measured
TIME_LIMIT_RANGE_S = (0.001, 3600.0)
DEFAULT_REPEAT = 30
DEFAULT_WARMUP = 5
REPEAT_RANGE = (1, 1000)
WARMUP_RANGE = (0, 100)
QUEUE_TIMEOUT_S = 300.0
ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"

_WHOLE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also accepts '²' and '١'


def _count(name: str, value: object, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number from {low} to {high}, not {type(value).__name__}")
    if not low <= value <= high:
        raise ConfigError(f"{name}={value!r} is out of range; choose a whole number from {low} to {high}")
    return value


def _number(name: str, value: object, bounds: tuple[float, float], unit: str, example: str) -> float:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of {unit}, not {type(value).__name__}")
    # low <= value first: it compares a huge int exactly, where math.isfinite(10**400) would overflow.
    if not (low <= value <= high and math.isfinite(value)):
        shown = f"{value!r}" if len(repr(value)) <= 24 else f"{repr(value)[:20]}…"
        raise ConfigError(f"{name}={shown} is not a usable number of {unit}; choose a finite number from "
                          f"{low:g} to {high:g}, such as {example}")
    return float(value)


@dataclass(frozen=True)
class RunSettings:
    """How to run and time a block: device, number format, layout, repeats and the run's limits.

    Frozen and hashable: with the block's configuration it is the key of the result cache. ``None``
    limits mean the operator's ($RESBLOCKS_MEMORY_LIMIT_MB, $RESBLOCKS_MAX_GMACS) or the defaults.
    """

    device: str = "auto"  # cpu, cuda, cuda:N, mps or auto (the best present)
    dtype: str = "float32"
    channels_last: bool = False
    repeat: int = DEFAULT_REPEAT  # timed repeats
    warmup: int = DEFAULT_WARMUP  # warm-up calls (the shape-observing call is the first)
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    memory_limit_bytes: int | None = None
    max_gmacs: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.device, str):
            raise TypeError(f"device must be text such as 'cpu' or 'auto', not {type(self.device).__name__}")
        if self.dtype not in DTYPES:
            raise ConfigError(f"unknown dtype {str(self.dtype)[:20]!r}; choose one of {', '.join(DTYPES)}")
        if not isinstance(self.channels_last, bool):
            raise TypeError(f"channels_last must be True or False, not {type(self.channels_last).__name__}")
        _count("repeat", self.repeat, REPEAT_RANGE)
        _count("warmup", self.warmup, WARMUP_RANGE)
        object.__setattr__(self, "time_limit_s",
                           _number("time_limit_s", self.time_limit_s, TIME_LIMIT_RANGE_S, "seconds", "20"))
        if self.memory_limit_bytes is not None:
            low, high = MEMORY_LIMIT_RANGE_MB
            _count("memory_limit_bytes", self.memory_limit_bytes, (low * 2**20, high * 2**20))
        if self.max_gmacs is not None:
            object.__setattr__(self, "max_gmacs", _number("max_gmacs", self.max_gmacs, MAX_GMACS_RANGE,
                                                          "G multiply-adds", "20"))


def require_settings(settings: object, where: str) -> RunSettings:
    if not isinstance(settings, RunSettings):
        raise TypeError(f"{where} takes its settings as a RunSettings, not {type(settings).__name__}; "
                        "build one with bench.RunSettings(device='cpu', dtype='float32', ...)")
    return settings


# The operator's limits ------------------------------------------------------------------------


def memory_limit_bytes() -> int:
    """The limit on estimated tensors per run: $RESBLOCKS_MEMORY_LIMIT_MB MiB, default 512 MiB."""
    raw = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_MEMORY_LIMIT_MB * 2**20
    low, high = MEMORY_LIMIT_RANGE_MB
    if not _WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
        raise ConfigError(Message("{env}={raw!r} is not a size in MiB; set it to a whole number from {low} to "
                                  "{high}, such as 512", env=MEMORY_LIMIT_ENV, raw=raw[:40], low=low, high=high))
    return int(raw) * 2**20


def max_gmacs_setting(device_kind: str) -> float:
    """G multiply-adds per forward pass allowed: $RESBLOCKS_MAX_GMACS, else the device kind's default."""
    raw = os.environ.get(MAX_GMACS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_GMACS.get(device_kind, DEFAULT_MAX_GMACS["cpu"])
    low, high = MAX_GMACS_RANGE
    try:
        value = float(raw) if re.fullmatch(r"[0-9.eE+-]{1,30}", raw) else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise ConfigError(Message("{env}={raw!r} is not a number of G multiply-adds; set it to a positive number "
                                  "up to {high:g}, such as 20", env=MAX_GMACS_ENV, raw=raw[:40], high=high))
    return value


def reference_dir() -> Path:
    """Where reference results are looked for: $RESBLOCKS_REFERENCE_DIR, else the project's assets/."""
    raw = os.environ.get(REFERENCE_DIR_ENV, "").strip()
    return Path(raw) if raw else ASSETS


def environment_problems() -> tuple[str, ...]:
    """A sentence for every RESBLOCKS_* setting that is not usable; empty when all are (or are unset)."""
    problems: list[str] = []
    for check in (memory_limit_bytes, lambda: max_gmacs_setting("cpu")):
        try:
            check()
        except ConfigError as exc:
            problems.append(exc.args[0])
    folder = os.environ.get(REFERENCE_DIR_ENV, "").strip()
    if folder and not Path(folder).is_dir():
        problems.append(Message("{env}={folder!r} is not a folder; set it to the folder that holds "
                                "gpu_reference*.json, or unset it", env=REFERENCE_DIR_ENV, folder=folder[:60]))
    return tuple(problems)


def check_environment() -> None:
    """ConfigError with the first unusable RESBLOCKS_* setting's sentence; call it at start-up."""
    problems = environment_problems()
    if problems:
        raise ConfigError(problems[0])
