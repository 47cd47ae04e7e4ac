"""Timed sweeps: the configurations the library's sweep policy gives, measured one ``run_block`` at a time."""

from __future__ import annotations

from collections.abc import Callable

from ..analysis import analyze
from ..config import BlockConfig, require_config
from ..sweeps import SWEEP_KINDS, SweepMember, sweep_members
from .devices import provenance
from .limits import check_compute, check_memory
from .results import RunResult, Sweep, SweepRow
from .runner import resolved, run_block
from .settings import RunSettings, require_settings
from .timing import Cancel, RunCancelled, is_cancelled

MAX_SWEEP_POINTS = 8
SWEEP_TIME_LIMIT_S = 5.0  # per point where the app runs a sweep: eight points stay under a minute


def sweep_points(kind: str, cfg: BlockConfig) -> tuple[tuple[SweepMember, ...], tuple[str, ...]]:
    """The configurations a timed sweep of ``kind`` measures (baseline first) and its notes: the library's
    sweep policy (``resblocks.sweeps.sweep_members``) with at most MAX_SWEEP_POINTS groups."""
    return sweep_members(kind, require_config(cfg, "sweep_points"), MAX_SWEEP_POINTS)


def conv3x3_macs(cfg: BlockConfig) -> int:
    """The multiply-adds of ``cfg``'s 3×3 convolutions (the widened one of Table 2's rows, both of a basic block)."""
    return sum(layer.macs for layer in analyze(cfg).layers if layer.op == "conv" and layer.kernel == 3)


def _row(point: SweepMember, r: RunResult, base: RunResult) -> SweepRow:
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
        q1_ms=r.q1_ms,
        q3_ms=r.q3_ms,
        conv3x3_ratio=conv3x3_macs(point.config) / conv3x3_macs(base.config),
    )


def run_sweep(
    kind: str,
    cfg: BlockConfig,
    settings: RunSettings | None = None,
    *,
    use_cache: bool = True,
    refresh: bool = False,
    progress: Callable[[int, int, SweepRow | None], None] | None = None,
    cancel: Cancel = None,
    on_queued: Callable[[float, int], None] | None = None,
) -> Sweep:
    """Measure every point of ``kind`` (see ``sweep_points``) with ``run_block``; each point has its own time limit
    (``refresh``: every point measured again, as ``run_block``'s).

    Every point's memory, then every point's compute, is checked before the first run.
    ``progress(done, total, row)`` is called at the start (row None) and after each point; a set
    ``cancel`` flag stops the sweep and returns the rows measured so far (``cancelled``).
    """
    info, settings = resolved(require_settings(RunSettings() if settings is None else settings, "run_sweep"))
    points, notes = sweep_points(kind, cfg)
    for point in points:
        check_memory(point.config, settings)
    for point in points:
        check_compute(point.config, settings)
    rows: list[SweepRow] = []
    base: RunResult | None = None
    cancelled = False
    if progress is not None:
        progress(0, len(points), None)
    for i, point in enumerate(points):
        if is_cancelled(cancel):
            cancelled = True
            break
        try:
            r = run_block(point.config, settings, use_cache=use_cache, refresh=refresh, on_queued=on_queued, cancel=cancel)
        except RunCancelled:
            cancelled = True
            break
        base = base or r
        rows.append(_row(point, r, base))
        if progress is not None:
            progress(i + 1, len(points), rows[-1])
    return Sweep(kind, SWEEP_KINDS[kind], notes, tuple(rows), len(points), cancelled, settings,
                 provenance(info, settings.dtype, settings.channels_last))
