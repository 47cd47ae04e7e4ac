"""Sweeps: the configurations a sweep measures, and measuring them one ``run_block`` at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import units
from ..analysis import analyze
from ..complexity import complexity_table, solve_equal_cost, to_config
from ..config import BlockConfig, ConfigError, fixed_width_configs
from ..registry import BLOCK_NAMES, REGISTRY
from .devices import provenance
from .limits import check_compute, check_memory
from .results import RunResult, Sweep, SweepRow
from .runner import resolved, run_block
from .settings import RunSettings, require_config, require_settings
from .timing import Cancel, RunCancelled, is_cancelled

SWEEP_KINDS: dict[str, str] = {
    "groups": "latency against groups for the ResNeXt block at a fixed grouped width",
    "matched": "latency against cardinality at matched complexity (Xie et al. 2017, Table 2)",
    "blocks": "the block kinds compared at one budget of MACs",
}
MAX_SWEEP_POINTS = 8
SWEEP_TIME_LIMIT_S = 5.0  # per point where the app runs a sweep: eight points stay under a minute


@dataclass(frozen=True)
class RunPoint:
    """One configuration a sweep runs, with the label its row gets."""

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


def _groups(cfg: BlockConfig) -> tuple[list[RunPoint], list[str]]:
    notes: list[str] = []
    base = cfg
    if not cfg.entry.grouped:
        base = cfg.replace(block="resnext")
        notes.append(f"The {cfg.block} block has no grouped 3×3, so the sweep uses the resnext block "
                     f"({base.label}) with the same sizes.")
    configs, skipped = fixed_width_configs(base)
    points = [RunPoint(f"g={g}", configs[g]) for g in _group_values(list(configs), base.groups)]
    if skipped:
        first = min(skipped)
        notes.append(f"Left out g = {', '.join(map(str, skipped))}: at planes = {base.planes} no allowed "
                     f"base_width gives their channels per group (g={first}: {skipped[first]}), so the "
                     f"baseline is {points[0].label}; the 1/g line still compares with a dense 3×3.")
    return points, notes


def _matched(cfg: BlockConfig) -> tuple[list[RunPoint], list[str]]:
    notes = ["Table 2's conv2-stage block (256 → 256 channels, planes 64) at the sidebar's size and batch; "
             "the sidebar's channels, groups and stride are not used here."]
    points = [RunPoint(f"{r.cardinality}×{r.group_width}d", to_config(r, size=cfg.size).replace(batch=cfg.batch))
              for r in complexity_table()]
    return points, notes


def _blocks(cfg: BlockConfig) -> tuple[list[RunPoint], list[str]]:
    notes: list[str] = []
    target = analyze(cfg.replace(batch=1)).macs
    groups = cfg.groups if cfg.entry.grouped else REGISTRY["resnext"].default_groups
    points = []
    for name in [cfg.block] + [b for b in BLOCK_NAMES if b != cfg.block]:
        try:
            solved = solve_equal_cost(target, "macs", name, groups=groups if REGISTRY[name].grouped else 1,
                                      size=cfg.size, stride=cfg.stride)
        except ValueError as exc:  # ConfigError is a ValueError too
            notes.append(f"Left out {name}: {exc}.")
            continue
        points.append(RunPoint(name, solved.replace(batch=cfg.batch)))
    notes.append(f"Each block kind is sized to {units.count(target, 'MACs')} per image (the current block's), "
                 "as an identity block (in_channels = out_channels), so the current kind's row may differ from "
                 "the sidebar's block when that has a projection.")
    return points, notes


_POINTS = {"groups": _groups, "matched": _matched, "blocks": _blocks}


def sweep_points(kind: str, cfg: BlockConfig) -> tuple[tuple[RunPoint, ...], tuple[str, ...]]:
    """The configurations a sweep measures (baseline first) and notes on what was adapted or left out.

    groups: ``at_fixed_width`` over divisors of the grouped width (g = 1 is the dense baseline);
    matched: the Table 2 rows (``complexity_table`` → ``to_config``) at ``cfg``'s size and batch;
    blocks: every block kind solved to ``cfg``'s MACs (``solve_equal_cost``), ``cfg``'s kind first.
    """
    cfg = require_config(cfg, "sweep_points")
    if not isinstance(kind, str) or kind not in _POINTS:
        raise ConfigError(f"unknown sweep {str(kind)[:20]!r}; choose one of {', '.join(SWEEP_KINDS)}")
    points, notes = _POINTS[kind](cfg)
    return tuple(points), tuple(notes)


def _row(point: RunPoint, r: RunResult, base: RunResult) -> SweepRow:
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
    settings: RunSettings | None = None,
    *,
    use_cache: bool = True,
    progress: Callable[[int, int, SweepRow | None], None] | None = None,
    cancel: Cancel = None,
    on_queued: Callable[[float, int], None] | None = None,
) -> Sweep:
    """Measure every point of ``kind`` (see ``sweep_points``) with ``run_block``; each point has its own time limit.

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
            r = run_block(point.config, settings, use_cache=use_cache, on_queued=on_queued, cancel=cancel)
        except RunCancelled:
            cancelled = True
            break
        base = base or r
        rows.append(_row(point, r, base))
        if progress is not None:
            progress(i + 1, len(points), rows[-1])
    return Sweep(kind, SWEEP_KINDS[kind], notes, tuple(rows), len(points), cancelled, settings,
                 provenance(info, settings.dtype, settings.channels_last))
