"""Where a block's budget goes, and blocks compared at equal cost: plain data for the Budget page.

Three views of one configuration beside the per-layer analysis (``analysis.analyze``): the 1/g sweep of the
grouped 3×3 at a fixed width (the notes' section 7.2: a k×k conv has k²·C_in·C_out/g weights); the equal-cost
comparison of the paper's Table 2 (Xie et al. 2017); and the block inside its torchvision network. Which
configurations the sweep and the comparison contain is ``sweeps``'s policy. MACs are multiply-adds (what
torchvision and the paper call FLOPs); FLOPs = 2 · MACs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Analysis, Layer, analyze
from .complexity import solve_equal_cost
from .config import BlockConfig, require_config
from .network_analysis import BlockContext, NetworkAnalysis, analyze_network, block_context
from .networks import BlockSlot, distinct_blocks, network_of
from .registry import REGISTRY
from .sweeps import CARDINALITIES, Contender, budget_of, contenders, fixed_width_sweep

NETWORK_SIZE = 224  # torchvision's published figures are for 224×224 images


# The 1/g sweep --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupCost:
    """What the block costs at one cardinality g, its grouped width held fixed."""

    groups: int
    group_width: int  # d = width / g
    base_width: int
    conv_params: int  # the grouped 3×3 alone
    conv_macs: int
    block_params: int
    block_macs: int
    activation_bytes: int  # the same at every g: grouping saves weights, not activations
    conv_params_ratio: float  # to g = 1: exactly 1/g
    conv_macs_ratio: float  # exactly 1/g
    block_params_ratio: float  # falls more slowly: the 1×1 convs, BN and shortcut do not shrink
    block_macs_ratio: float


@dataclass(frozen=True)
class GroupSweep:
    """Every cardinality that divides the grouped width, from g = 1 (dense) to g = width (depthwise)."""

    config: BlockConfig  # the resnext config swept (``sweeps.grouped_base``)
    note: str | None  # how the swept block differs from the configured one; None where it is the same
    width: int
    current_groups: int
    points: tuple[GroupCost, ...]
    skipped: tuple[int, ...]  # divisors whose base_width would leave the allowed range
    dense_conv_params: int  # the g = 1 reference the ratios divide by
    dense_conv_macs: int
    dense_block_params: int
    dense_block_macs: int


def _grouped_conv(a: Analysis) -> Layer:
    return next(layer for layer in a.layers if layer.op == "conv" and layer.kernel == 3)


def group_sweep(cfg: BlockConfig) -> GroupSweep:
    """Parameters and MACs of the 3×3 and of the whole block for every g that divides the grouped width.

    The block swept is ``sweeps.grouped_base(cfg)`` (a ConfigError names the fix where it is not valid).
    The g = 1 reference is exact arithmetic, not a separate run: the 3×3 at g has 1/g of the dense
    3×3's weights and MACs (k²·C_in·C_out/g), and everything else in the block is unchanged.
    """
    sweep = fixed_width_sweep(cfg)
    base = sweep.base.config
    a = analyze(base)
    conv = _grouped_conv(a)
    g0 = base.groups
    dense_conv_params, dense_conv_macs = conv.params * g0, conv.macs * g0
    dense_block_params = a.params - conv.params + dense_conv_params
    dense_block_macs = a.macs - conv.macs + dense_conv_macs
    points = []
    for member in sweep.members:
        pa = analyze(member.config)
        pc = _grouped_conv(pa)
        points.append(
            GroupCost(
                groups=member.config.groups,
                group_width=member.config.group_width,
                base_width=member.config.base_width,
                conv_params=pc.params,
                conv_macs=pc.macs,
                block_params=pa.params,
                block_macs=pa.macs,
                activation_bytes=pa.activation_bytes,
                conv_params_ratio=pc.params / dense_conv_params,
                conv_macs_ratio=pc.macs / dense_conv_macs,
                block_params_ratio=pa.params / dense_block_params,
                block_macs_ratio=pa.macs / dense_block_macs,
            )
        )
    return GroupSweep(
        config=base,
        note=sweep.base.note,
        width=base.width,
        current_groups=g0,
        points=tuple(points),
        skipped=tuple(sweep.skipped),
        dense_conv_params=dense_conv_params,
        dense_conv_macs=dense_conv_macs,
        dense_block_params=dense_block_params,
        dense_block_macs=dense_block_macs,
    )


# Equal cost -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EqualCostRow:
    """One block kind solved to the budget (or the current block, the budget itself)."""

    kind: str  # "basic", "bottleneck", "resnext C=32", or "<block> (this block)"
    block: str
    groups: int
    is_target: bool  # the current block, which sets the budget
    config: BlockConfig | None  # None where no width of this kind reaches the budget
    solved: str  # the searched setting, e.g. "planes=62" or "base_width=4 (32×4d)"
    width: int | None  # channels of the 3×3 (the grouped width for a bottleneck)
    params: int | None
    macs: int | None  # at the current batch
    flops: int | None
    activation_bytes: int | None  # at the current batch
    error: float | None  # (metric − target) / target
    note: str | None  # why the row has no config


@dataclass(frozen=True)
class EqualCost:
    """Blocks of several kinds, each with the width that brings it nearest the current block's budget."""

    config: BlockConfig
    metric: str  # params | macs
    target: int  # the current block's params, or its MACs per image (batch 1)
    rows: tuple[EqualCostRow, ...]


def _solved_setting(cfg: BlockConfig) -> str:
    if cfg.entry.grouped:
        return f"base_width={cfg.base_width} ({cfg.groups}×{cfg.group_width}d)"
    return f"planes={cfg.planes}"


def _row(kind: str, block: str, cfg: BlockConfig, target: int, metric: str, is_target: bool = False) -> EqualCostRow:
    a = analyze(cfg)
    per_image = getattr(analyze(cfg.replace(batch=1)), metric)
    return EqualCostRow(
        kind=kind,
        block=block,
        groups=cfg.groups,
        is_target=is_target,
        config=cfg,
        solved=_solved_setting(cfg),
        width=cfg.width,
        params=a.params,
        macs=a.macs,
        flops=a.flops,
        activation_bytes=a.activation_bytes,
        error=(per_image - target) / target,
        note=None,
    )


def _same_kind(kind: Contender, cfg: BlockConfig) -> bool:
    """True where ``kind`` is the configured block's own kind (a bottleneck is the resnext block at C = 1)."""
    def key(block: str, groups: int) -> tuple[str, int]:
        return ("resnext", 1) if block == "bottleneck" else (block, groups if REGISTRY[block].grouped else 1)

    return key(kind.block, kind.groups) == key(cfg.block, cfg.groups)


def _solve(cfg: BlockConfig, metric: str, kind: Contender, target: int) -> tuple[BlockConfig | None, str | None]:
    """``kind`` solved to ``target`` with ``cfg``'s input, stride and batch, and with its output channels where the
    kind has a width that leaves them alone: a bottleneck's or ResNeXt's 3×3 width d at planes = out/4, as the
    paper's Table 2 holds 256 → 256 and solves d (a bottleneck is C = 1). A basic block's only width is its
    output (planes), so its output channels change; so do a bottleneck's where out is no multiple of 4."""
    out = cfg.out_channels
    where = {"in_channels": cfg.in_channels, "size": cfg.size, "stride": cfg.stride}
    try:
        if kind.block in ("bottleneck", "resnext") and out % REGISTRY["resnext"].expansion == 0:
            found = solve_equal_cost(target, metric, "resnext", kind.groups, planes=out // 4, **where)
            if kind.block == "bottleneck" and found.base_width == 64:  # 1×64d is the bottleneck itself
                found = BlockConfig(block="bottleneck", planes=found.planes, **where)
        else:
            found = solve_equal_cost(target, metric, kind.block, kind.groups, **where)
        return found.replace(batch=cfg.batch), None
    except ValueError as exc:  # ConfigError included: no width reaches the budget, or the batch is too big
        return None, exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


def equal_cost(cfg: BlockConfig, metric: str = "params", cardinalities: tuple[int, ...] = CARDINALITIES) -> EqualCost:
    """Solve basic, bottleneck and ResNeXt at each cardinality to ``cfg``'s params or MACs.

    The kinds are ``sweeps.contenders``; the configured block's own kind is its first row, the budget, and
    is not solved again. Every block gets ``cfg``'s input (in_channels, size, stride) and, where its widths
    allow, its output channels (``_solve``): the searched width is the 3×3's d (``base_width`` at
    planes = out/4) for bottleneck and resnext, ``planes`` for basic, whose output then differs. The MAC
    budget is per image; rows report figures at ``cfg``'s batch. A kind that no width brings to the budget
    gets a row with the solver's sentence.
    """
    target = budget_of(require_config(cfg, "equal_cost"), metric)
    rows = [_row(f"{cfg.block} (this block)", cfg.block, cfg, target, metric, is_target=True)]
    for kind in contenders(cfg, cardinalities):
        if _same_kind(kind, cfg):
            continue
        solved, reason = _solve(cfg, metric, kind, target)
        if solved is None:
            rows.append(EqualCostRow(kind.label, kind.block, kind.groups, False, None, "—", None, None, None, None, None,
                                     None, reason))
        else:
            rows.append(_row(kind.label, kind.block, solved, target, metric))
    return EqualCost(cfg, metric, target, tuple(rows))


# In its network -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkBudget:
    """The network the block belongs to, counted at 224×224, and where the block sits in it (``context``)."""

    analysis: NetworkAnalysis  # per stage (``stages``) and in total, beside torchvision's published figures
    context: BlockContext | None  # None where no block of the network has these channels and stride
    totals: tuple[NetworkAnalysis, ...]  # this network first, then the others built from the same block
    slots: tuple[BlockSlot, ...]  # the first block of each kind the network has, with its copies
    block_params: int
    block_macs: int  # per image at the network's input size for this block (0 without a context)

    @property
    def network(self) -> str:
        return self.analysis.name

    @property
    def title(self) -> str:
        return self.analysis.title

    @property
    def holds_block(self) -> str | None:
        """The stage the configured block sits in, or None."""
        return None if self.context is None else self.context.stage


def network_budget(cfg: BlockConfig) -> NetworkBudget | None:
    """The torchvision network of ``cfg``'s block (``networks.network_of``), per stage; None for the
    pre-activation blocks.

    ``context`` says which stage holds the block and how many copies; where the settings match no
    block of the network, it is None and ``slots`` lists the settings that would.
    """
    found = network_of(require_config(cfg, "network_budget"))
    if found is None:
        return None
    name = found[0]
    ctx = block_context(cfg)
    names = (name, *(ctx.also if ctx else ()))
    block_macs = 0 if ctx is None else analyze(cfg.replace(size=ctx.input_size, batch=1)).macs
    return NetworkBudget(
        analysis=analyze_network(name, NETWORK_SIZE),
        context=ctx,
        totals=tuple(analyze_network(other, NETWORK_SIZE) for other in names),
        slots=distinct_blocks(name, NETWORK_SIZE),
        block_params=analyze(cfg).params,
        block_macs=block_macs,
    )
