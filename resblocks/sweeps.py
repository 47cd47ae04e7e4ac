"""Which configurations a sweep or a comparison contains: one policy for the Budget, Split and Run pages and the CLI.

The 1/g sweep splits one 3×3 of fixed width into g groups (``config.at_fixed_width``), so it needs a
block with a grouped 3×3. ``grouped_base`` decides which block that is, for every block:

- resnext: the block itself;
- bottleneck: the resnext block at g = 1, base_width 64, which is the same block (same layers, same
  numbers), so the sweep starts from the bottleneck;
- basic, preact, preact_bottleneck (no grouped 3×3): the resnext block at its default 32×4d with the
  same in_channels, planes, stride, size and batch, and a note that says so.

A comparison at equal cost (``contenders``) holds the block kinds to be solved to one budget; every
contender gets the same input as the configured block (in_channels, size, stride) and its batch
(``solve_contenders``). The three sweeps the Run page times (``SWEEP_KINDS``) are built by ``sweep_members``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import units
from .analysis import analyze
from .checks import Message, one_of, whole_number
from .complexity import METRICS, complexity_table, solve_equal_cost, to_config
from .config import LIMITS, BlockConfig, ConfigError, fixed_width_configs, require_config
from .registry import BLOCK_NAMES, REGISTRY

CARDINALITIES: tuple[int, ...] = (2, 4, 8, 32)  # Table 2's ResNeXt rows (C = 1 is the bottleneck)
SWEEP_KINDS: dict[str, str] = {
    "groups": "latency against groups for the ResNeXt block at a fixed grouped width",
    "matched": "latency against cardinality at matched complexity (Xie et al. 2017, Table 2)",
    "blocks": "the block kinds compared at one budget of MACs",
}


@dataclass(frozen=True)
class SweepMember:
    """One configuration a sweep contains, with its label ("g=8", "32×4d", "basic")."""

    label: str
    config: BlockConfig


@dataclass(frozen=True)
class GroupedBase:
    """The resnext configuration a 1/g sweep splits, and how it differs from the configured block."""

    config: BlockConfig
    note: str | None  # None where it is the configured block itself


@dataclass(frozen=True)
class FixedWidthSweep:
    """Every cardinality g of the grouped base's 3×3 at its fixed width, and the divisors left out."""

    base: GroupedBase
    members: tuple[SweepMember, ...]  # g ascending; g = 1 (dense) first where no base_width is refused
    skipped: dict[int, str]  # g -> why no allowed base_width gives its channels per group


@dataclass(frozen=True)
class Contender:
    """A block kind in a comparison at equal cost."""

    label: str  # "basic", "bottleneck", "resnext C=32"
    block: str
    groups: int


def grouped_base(cfg: BlockConfig) -> GroupedBase:
    """The resnext block whose grouped 3×3 the 1/g sweep splits (see the module's policy).

    A ConfigError names the fix where the resnext block with ``cfg``'s sizes is not valid.
    """
    require_config(cfg, "grouped_base")
    if cfg.entry.grouped:
        return GroupedBase(cfg, None)
    if cfg.block == "bottleneck":
        base = cfg.replace(block="resnext", groups=1, base_width=64)
        return GroupedBase(base, Message("The bottleneck is the resnext block at g = 1 (base_width 64): the sweep "
                                         "starts from it."))
    try:
        base = cfg.replace(block="resnext")
    except ConfigError as exc:
        raise ConfigError(Message(
            "the {block} block has no grouped 3×3, and the resnext block with its sizes is not valid ({reason}); "
            "choose the resnext block or raise planes", block=cfg.block, reason=exc.args[0] if exc.args else str(exc),
        )) from None
    return GroupedBase(base, Message("The {block} block has no grouped 3×3, so the sweep uses the resnext block with "
                                     "the same sizes at its default {groups}×{d}d: {label}.", block=cfg.block,
                                     groups=base.groups, d=base.group_width, label=base.label))


def fixed_width_sweep(cfg: BlockConfig, limit: int | None = None) -> FixedWidthSweep:
    """The 1/g sweep of ``cfg``'s grouped base: every g dividing the grouped width that a base_width gives.

    With ``limit``, at most that many g are kept when there are more: the powers of two and the base's own g.
    """
    base = grouped_base(cfg)
    if limit is not None:
        whole_number("limit", limit, 2)
    configs, skipped = fixed_width_configs(base.config)
    groups = list(configs)
    if limit is not None and len(groups) > limit:
        current = base.config.groups
        keep = {g for g in groups if g & (g - 1) == 0} | {current}
        if len(keep) > limit:
            keep = set(sorted(keep)[: limit - 1]) | {current}
        groups = sorted(keep)
    return FixedWidthSweep(base, tuple(SweepMember(f"g={g}", configs[g]) for g in groups), skipped)


def table2_members(cfg: BlockConfig) -> tuple[SweepMember, ...]:
    """Table 2's conv2-stage blocks (256 → 256 channels, planes 64; Xie et al. 2017) at ``cfg``'s size and batch."""
    require_config(cfg, "table2_members")
    return tuple(SweepMember(f"{r.cardinality}×{r.group_width}d", to_config(r, size=cfg.size).replace(batch=cfg.batch))
                 for r in complexity_table())


def contenders(cfg: BlockConfig, cardinalities: tuple[int, ...] | None = CARDINALITIES) -> tuple[Contender, ...]:
    """The block kinds a comparison at ``cfg``'s budget contains.

    With ``cardinalities`` (Table 2's comparison, the Budget page): basic, bottleneck and resnext at each
    cardinality and at ``cfg``'s own g. With None (the Run page's block sweep): every block kind once,
    ``cfg``'s first, resnext at ``cfg``'s g (32 for a block without a grouped 3×3).
    """
    require_config(cfg, "contenders")
    current = cfg.groups if cfg.entry.grouped else REGISTRY["resnext"].default_groups
    if cardinalities is None:
        order = [cfg.block] + [b for b in BLOCK_NAMES if b != cfg.block]
        return tuple(Contender(b, b, current if REGISTRY[b].grouped else 1) for b in order)
    if not isinstance(cardinalities, (tuple, list)):
        raise TypeError(f"cardinalities must be a tuple of whole numbers or None, not {type(cardinalities).__name__}; "
                        "pass e.g. (2, 4, 8, 32)")
    cards = {whole_number("cardinality", c, *LIMITS["groups"]) for c in cardinalities}
    if cfg.entry.grouped and cfg.groups > 1:
        cards.add(cfg.groups)
    kinds = [Contender("basic", "basic", 1), Contender("bottleneck", "bottleneck", 1)]
    return tuple(kinds + [Contender(f"resnext C={c}", "resnext", c) for c in sorted(cards)])


def budget_of(cfg: BlockConfig, metric: str) -> int:
    """The budget a comparison solves to: ``cfg``'s parameters, or its MACs per image (batch 1)."""
    one_of("metric", metric, METRICS)
    return getattr(analyze(require_config(cfg, "budget_of").replace(batch=1)), metric)


def solve_contenders(
    cfg: BlockConfig, metric: str, kinds: tuple[Contender, ...]
) -> tuple[tuple[Contender, BlockConfig | None, str | None], ...]:
    """Each contender solved to ``cfg``'s budget with ``cfg``'s input and batch: (contender, config, None),
    or (contender, None, the solver's sentence) where no width of that kind reaches the budget."""
    target = budget_of(cfg, metric)
    solved = []
    for kind in kinds:
        try:
            found = solve_equal_cost(target, metric, kind.block, kind.groups, in_channels=cfg.in_channels,
                                     size=cfg.size, stride=cfg.stride).replace(batch=cfg.batch)
            solved.append((kind, found, None))
        except ValueError as exc:  # ConfigError included: no width reaches the budget, or the batch is too big
            solved.append((kind, None, exc.args[0] if exc.args else str(exc)))
    return tuple(solved)


def sweep_members(kind: str, cfg: BlockConfig, limit: int | None = None) -> tuple[tuple[SweepMember, ...], tuple[str, ...]]:
    """The configurations a timed sweep measures (baseline first) and notes on what was adapted or left out.

    groups: ``fixed_width_sweep`` (at most ``limit`` points); matched: ``table2_members``; blocks: ``cfg``
    itself first, then every other block kind solved to its MACs (``contenders(cfg, None)``).
    """
    one_of("sweep", kind, SWEEP_KINDS)
    notes: list[str] = []
    if kind == "groups":
        sweep = fixed_width_sweep(cfg, limit)
        if sweep.base.note:
            notes.append(sweep.base.note)
        if sweep.skipped:
            first = min(sweep.skipped)
            notes.append(Message("Left out g = {left}: at planes = {planes} no allowed base_width gives their channels "
                                 "per group (g={first}: {reason}), so the baseline is {baseline}; the 1/g line still "
                                 "compares with a dense 3×3.", left=", ".join(map(str, sweep.skipped)),
                                 planes=sweep.base.config.planes, first=first, reason=sweep.skipped[first],
                                 baseline=sweep.members[0].label))
        return sweep.members, tuple(notes)
    if kind == "matched":
        notes.append(Message("Table 2's conv2-stage block (256 → 256 channels, planes 64) at the sidebar's size and "
                             "batch; the sidebar's channels, groups and stride are not used here."))
        return table2_members(cfg), tuple(notes)
    # The baseline is the configured block itself, so the budget is the MACs of the block the sweep shows first.
    budget = budget_of(cfg, "macs")
    members = [SweepMember(cfg.block, cfg)]
    others = tuple(c for c in contenders(cfg, None) if c.block != cfg.block)
    for contender, solved, reason in solve_contenders(cfg, "macs", others):
        if solved is None:
            notes.append(Message("Left out {label}: {reason}.", label=contender.label, reason=reason))
            continue
        members.append(SweepMember(contender.label, solved))
        off = analyze(solved.replace(batch=1)).macs / budget - 1
        if abs(off) > 0.05:  # the nearest width of that kind is still this far from the budget
            notes.append(Message("{label} has {off:.0%} more MACs than the baseline: no width of its kind comes nearer."
                                 if off > 0 else "{label} has {off:.0%} fewer MACs than the baseline: no width of its "
                                 "kind comes nearer.", label=solved.label, off=abs(off)))
    notes.append(Message("Each block kind is sized to the baseline's {macs} per image (the current block, first) with "
                         "its input channels, size and stride.", macs=units.count(budget, "MACs")))
    return tuple(members), tuple(notes)
