"""What a run and a sweep measured, as frozen dataclasses (``as_dict`` is what ``--json`` writes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..config import BlockConfig
from .devices import Provenance
from .limits import MemoryEstimate
from .observe import ObservedLayer
from .peaks import Peak
from .settings import RunSettings


@dataclass(frozen=True)
class RunResult:
    """A measured run of one block: observed shapes, costs, latency, throughput and provenance."""

    config: BlockConfig
    settings: RunSettings  # with the device resolved ("cpu", not "auto")
    layers: tuple[ObservedLayer, ...]
    shapes_match_analysis: bool
    params: int
    macs: int
    flops: int  # 2 · MACs
    memory: MemoryEstimate
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
    queued_s: float  # time spent waiting for the device
    provenance: Provenance
    from_cache: bool = False

    @property
    def device(self) -> str:
        return self.settings.device

    @property
    def dtype(self) -> str:
        return self.settings.dtype

    @property
    def channels_last(self) -> bool:
        return self.settings.channels_last

    @property
    def repeat(self) -> int:
        return self.settings.repeat

    @property
    def warmup(self) -> int:
        return self.settings.warmup

    @property
    def time_limit_s(self) -> float:
        return self.settings.time_limit_s

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
    truncated: bool = False
    from_cache: bool = False
    q1_ms: float | None = None  # the point's quartiles over its timed repeats (None in files written before them)
    q3_ms: float | None = None
    conv3x3_ratio: float | None = None  # the block's 3×3 convolutions' MACs / the baseline's, from the counts

    @property
    def spread(self) -> float:
        """IQR / median: how much the timed repeats disagree (0.2 = the middle half spans 20% of the median)."""
        return self.iqr_ms / self.median_ms if self.median_ms > 0 else 0.0

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
    settings: RunSettings  # with the device resolved
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
            "device": self.settings.device,
            "dtype": self.settings.dtype,
            "channels_last": self.settings.channels_last,
            "repeat": self.settings.repeat,
            "provenance": self.provenance.as_dict(),
        }
