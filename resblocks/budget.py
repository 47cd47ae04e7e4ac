"""Where a block's budget goes, and blocks compared at equal cost: plain data for the Budget page.

Three views of one configuration beside the per-layer analysis (``analysis.analyze``): the 1/g sweep of the grouped 3×3 at a
fixed width (the notes' section 7.2: a k×k conv has k²·C_in·C_out/g weights); the equal-cost
comparison of the paper's Table 2 (Xie et al. 2017); and the block inside its torchvision network.
MACs are multiply-adds (what torchvision and the paper call FLOPs); FLOPs = 2 · MACs.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

import torch
from torch import nn

from .analysis import Analysis, Layer, analyze
from .complexity import METRICS, solve_equal_cost
from .config import BlockConfig, ConfigError, fixed_width_configs
from .networks import NETWORKS, BlockContext, analyze_network, block_context, block_plan

CARDINALITIES: tuple[int, ...] = (2, 4, 8, 32)  # Table 2's ResNeXt rows (C = 1 is the bottleneck)
NETWORK_SIZE = 224  # torchvision's published figures are for 224×224 images


# The 1/g sweep --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepPoint:
    """The block at one cardinality g, its grouped width held fixed."""

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

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class GroupSweep:
    """Every cardinality that divides the grouped width, from g = 1 (dense) to g = width (depthwise)."""

    config: BlockConfig  # the resnext config swept (the bottleneck itself is resnext at g = 1, base_width 64)
    width: int
    current_groups: int
    points: tuple[SweepPoint, ...]
    skipped: tuple[int, ...]  # divisors whose base_width would leave the allowed range
    dense_conv_params: int  # the g = 1 reference the ratios divide by
    dense_conv_macs: int
    dense_block_params: int
    dense_block_macs: int

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "width": self.width,
            "current_groups": self.current_groups,
            "points": [p.as_dict() for p in self.points],
            "skipped": list(self.skipped),
            "dense_conv_params": self.dense_conv_params,
            "dense_conv_macs": self.dense_conv_macs,
            "dense_block_params": self.dense_block_params,
            "dense_block_macs": self.dense_block_macs,
        }


def sweep_config(cfg: BlockConfig) -> BlockConfig:
    """The resnext config whose grouped 3×3 the sweep splits: ``cfg`` itself, or for a bottleneck the
    identical resnext block at g = 1, base_width 64. Blocks without a grouped-able 3×3 raise ConfigError."""
    if cfg.entry.grouped:
        return cfg
    if cfg.block == "bottleneck":
        return cfg.replace(block="resnext", groups=1, base_width=64)
    raise ConfigError(
        f"the {cfg.block} block has no grouped 3×3 in this project; choose the bottleneck or the resnext block "
        "to see the 1/g sweep"
    )


def _grouped_conv(a: Analysis) -> Layer:
    return next(layer for layer in a.layers if layer.op == "conv" and layer.kernel == 3)


def group_sweep(cfg: BlockConfig) -> GroupSweep:
    """Parameters and MACs of the 3×3 and of the whole block for every g that divides the grouped width.

    The g = 1 reference is exact arithmetic, not a separate run: the 3×3 at g has 1/g of the dense
    3×3's weights and MACs (k²·C_in·C_out/g), and everything else in the block is unchanged.
    """
    base = sweep_config(cfg)
    a = analyze(base)
    conv = _grouped_conv(a)
    g0 = base.groups
    dense_conv_params, dense_conv_macs = conv.params * g0, conv.macs * g0
    dense_block_params = a.params - conv.params + dense_conv_params
    dense_block_macs = a.macs - conv.macs + dense_conv_macs

    configs, refused = fixed_width_configs(base)
    points, skipped = [], list(refused)
    for g, point_cfg in configs.items():
        pa = analyze(point_cfg)
        pc = _grouped_conv(pa)
        points.append(
            SweepPoint(
                groups=g,
                group_width=point_cfg.group_width,
                base_width=point_cfg.base_width,
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
        width=base.width,
        current_groups=g0,
        points=tuple(points),
        skipped=tuple(skipped),
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

    def as_dict(self) -> dict:
        row = asdict(self)
        row["config"] = None if self.config is None else self.config.as_dict()
        return row


@dataclass(frozen=True)
class EqualCost:
    """Blocks of several kinds, each with the width that brings it nearest the current block's budget."""

    config: BlockConfig
    metric: str  # params | macs
    target: int  # the current block's params, or its MACs per image (batch 1)
    rows: tuple[EqualCostRow, ...]

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "metric": self.metric,
            "target": self.target,
            "rows": [row.as_dict() for row in self.rows],
        }


def _solved_setting(cfg: BlockConfig) -> str:
    if cfg.entry.grouped:
        return f"base_width={cfg.base_width} ({cfg.groups}×{cfg.group_width}d)"
    return f"planes={cfg.planes}"


def _row(kind: str, cfg: BlockConfig, target: int, metric: str, is_target: bool = False) -> EqualCostRow:
    a = analyze(cfg)
    per_image = getattr(analyze(cfg.replace(batch=1)), metric)
    return EqualCostRow(
        kind=kind,
        block=cfg.block,
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


def equal_cost(cfg: BlockConfig, metric: str = "params", cardinalities: tuple[int, ...] = CARDINALITIES) -> EqualCost:
    """Solve basic, bottleneck and ResNeXt at each cardinality to ``cfg``'s params or MACs.

    Every block gets the same input as ``cfg`` (in_channels, size, stride). The searched width is
    ``planes`` for basic and bottleneck, ``base_width`` at planes = 64 for resnext (Table 2's axis,
    ``complexity.solve_equal_cost``). The MAC budget is per image; rows report figures at ``cfg``'s
    batch. A kind that no width brings to the budget gets a row with the solver's sentence.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    target = getattr(analyze(cfg.replace(batch=1)), metric)
    current_groups = cfg.groups if cfg.entry.grouped else None
    cards = list(cardinalities)
    if current_groups is not None and current_groups > 1 and current_groups not in cards:
        cards = sorted([*cards, current_groups])

    rows = [_row(f"{cfg.block} (this block)", cfg, target, metric, is_target=True)]
    kinds = [("basic", "basic", 1), ("bottleneck", "bottleneck", 1)]
    kinds += [(f"resnext C={c}", "resnext", c) for c in cards]
    for kind, block, groups in kinds:
        try:
            solved = solve_equal_cost(
                target, metric, block, groups, in_channels=cfg.in_channels, size=cfg.size, stride=cfg.stride
            )
            rows.append(_row(kind, solved.replace(batch=cfg.batch), target, metric))
        except ValueError as exc:  # ConfigError included: no width reaches the budget, or the batch is too big
            rows.append(EqualCostRow(kind, block, groups, False, None, "—", None, None, None, None, None, None, str(exc)))
    return EqualCost(cfg, metric, target, tuple(rows))


# In its network -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRow:
    """One part of the network (stem, layer1..layer4, head) and its share of the totals."""

    name: str
    blocks: int
    in_channels: int
    out_channels: int
    stride: int
    output_shape: tuple[int, ...]
    params: int
    macs: int
    params_share: float
    macs_share: float
    holds_block: bool  # the stage the configured block sits in

    def as_dict(self) -> dict:
        row = asdict(self)
        row["output_shape"] = list(self.output_shape)
        return row


@dataclass(frozen=True)
class NetworkTotals:
    """A network's counted totals beside torchvision's published ones."""

    name: str
    title: str
    params: int
    published_params: int
    macs: int
    published_macs: int
    macs_error: float  # (macs − published) / published; torchvision rounds GMACs to 3 decimals
    source: str

    @property
    def params_match(self) -> bool:
        return self.params == self.published_params

    def as_dict(self) -> dict:
        row = asdict(self)
        row["params_match"] = self.params_match
        return row


@dataclass(frozen=True)
class Slot:
    """A distinct block of the network: the settings that put the configured block there."""

    stage: str
    in_channels: int
    planes: int
    stride: int
    count: int
    input_size: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class NetworkBudget:
    """The network the block belongs to, per stage, and where the block sits in it (``context``)."""

    network: str
    title: str
    size: int
    context: BlockContext | None  # None where no block of the network has these channels and stride
    stages: tuple[StageRow, ...]
    totals: tuple[NetworkTotals, ...]  # this network first, then the others built from the same block
    slots: tuple[Slot, ...]
    block_params: int
    block_macs: int  # per image at the network's input size for this block (0 without a context)

    def as_dict(self) -> dict:
        return {
            "network": self.network,
            "title": self.title,
            "size": self.size,
            "context": None if self.context is None else self.context.as_dict(),
            "stages": [s.as_dict() for s in self.stages],
            "totals": [t.as_dict() for t in self.totals],
            "slots": [s.as_dict() for s in self.slots],
            "block_params": self.block_params,
            "block_macs": self.block_macs,
        }


def network_totals(name: str, size: int = NETWORK_SIZE) -> NetworkTotals:
    """Counted and published totals of one torchvision network."""
    n = analyze_network(name, size)
    return NetworkTotals(name, n.spec.title, n.params, n.published_params, n.macs, n.published_macs, n.macs_error,
                         n.spec.source)


def _network_name(cfg: BlockConfig) -> str | None:
    """The network of ``cfg``'s kind, read through block_context on layer1's first block of that kind."""
    try:
        probe = cfg.replace(in_channels=64, planes=64, stride=1, size=56, batch=1)
    except ConfigError:  # a grouped width too big at planes 64: no torchvision network, so the template's
        probe = BlockConfig(block="resnext", in_channels=64, planes=64, groups=32, base_width=4)
    ctx = block_context(probe)
    return None if ctx is None else ctx.network


def network_budget(cfg: BlockConfig) -> NetworkBudget | None:
    """The torchvision network of ``cfg``'s block, per stage; None for the pre-activation blocks.

    ``context`` says which stage holds the block and how many copies; where the settings match no
    block of the network, it is None and ``slots`` lists the settings that would.
    """
    name = _network_name(cfg)
    if name is None:
        return None
    ctx = block_context(cfg)
    n = analyze_network(name, NETWORK_SIZE)
    stages = tuple(
        StageRow(
            name=s.name,
            blocks=s.blocks,
            in_channels=s.in_channels,
            out_channels=s.out_channels,
            stride=s.stride,
            output_shape=s.output_shape,
            params=s.params,
            macs=s.macs,
            params_share=s.params / n.params,
            macs_share=s.macs / n.macs,
            holds_block=ctx is not None and s.name == ctx.stage,
        )
        for s in n.stages
    )
    counts: dict[tuple[str, int, int, int], list[int]] = {}
    for slot in block_plan(name, NETWORK_SIZE):
        key = (slot.stage, slot.in_channels, slot.planes, slot.stride)
        counts.setdefault(key, [0, slot.input_size])[0] += 1
    slots = tuple(Slot(stage, i, p, s, count, side) for (stage, i, p, s), (count, side) in counts.items())
    names = (name, *(ctx.also if ctx else ()))
    block_macs = 0
    if ctx is not None:
        block_macs = analyze(cfg.replace(size=ctx.input_size, batch=1)).macs
    return NetworkBudget(
        network=name,
        title=NETWORKS[name].title,
        size=NETWORK_SIZE,
        context=ctx,
        stages=stages,
        totals=tuple(network_totals(other) for other in names),
        slots=slots,
        block_params=analyze(cfg).params,
        block_macs=block_macs,
    )


# torchinfo beside the library -----------------------------------------------------------------

TORCHINFO_MAX_ELEMENTS = 2**23  # largest activation (batch 1) that torchinfo's real CPU forward may hold: 32 MiB
TORCHINFO_MAX_MACS = 5 * 10**9  # and its MACs: a few seconds on a small CPU
TORCHINFO_MAX_PARAMS = 16 * 10**6  # and its weights: the module is built for real (64 MiB in float32)


@dataclass(frozen=True)
class TorchinfoRow:
    """One leaf module of torchinfo's table."""

    name: str  # module path, as in the library's rows ("conv1", "shortcut.0")
    kind: str  # torchinfo's class name: Conv2d, BatchNorm2d, ReLU
    output_shape: tuple[int, ...]
    params: int
    mult_adds: int  # torchinfo's count: MACs for a conv, one per weight and bias for BN

    def as_dict(self) -> dict:
        row = asdict(self)
        row["output_shape"] = list(self.output_shape)
        return row


@dataclass(frozen=True)
class TorchinfoCheck:
    """torchinfo's summary of the block (one image) and how its totals compare with the library's."""

    text: str  # torchinfo's table as it prints it
    rows: tuple[TorchinfoRow, ...]
    params: int
    mult_adds: int  # torchinfo's total: conv MACs plus one per BN weight and bias
    conv_macs: int  # torchinfo's Conv2d rows only
    library_params: int
    library_macs: int  # conv MACs only, per image

    @property
    def params_agree(self) -> bool:
        return self.params == self.library_params

    @property
    def conv_macs_agree(self) -> bool:
        return self.conv_macs == self.library_macs

    @property
    def bn_mult_adds(self) -> int:
        return self.mult_adds - self.conv_macs

    def as_dict(self) -> dict:
        row = asdict(self)
        row["rows"] = [r.as_dict() for r in self.rows]
        row.update(params_agree=self.params_agree, conv_macs_agree=self.conv_macs_agree, bn_mult_adds=self.bn_mult_adds)
        return row


def torchinfo_too_big(cfg: BlockConfig) -> str | None:
    """Why torchinfo's real forward pass is skipped for ``cfg`` (a sentence), or None where it runs."""
    one = cfg.replace(batch=1)
    widest = max(one.in_channels, one.width, one.out_channels) * one.size * one.size
    a = analyze(one)
    if a.params > TORCHINFO_MAX_PARAMS:
        return (
            f"torchinfo needs the real block in memory, and this one has {a.params:,} parameters "
            f"({a.weight_bytes / 2**30:.2f} GiB), more than the {TORCHINFO_MAX_PARAMS:,} allowed here; lower the widths "
            "to see its table (the figures on this page are computed without building the block)"
        )
    macs = a.macs
    if widest > TORCHINFO_MAX_ELEMENTS or macs > TORCHINFO_MAX_MACS:
        return (
            f"torchinfo runs a real forward pass on the CPU, and one {one.size}×{one.size} image through this block "
            f"takes {macs:,} MACs with activations of up to {widest:,} values; lower size or the widths to see "
            "its table (the figures on this page are computed without running the block)"
        )
    return None


_TORCHINFO_LOCK = threading.Lock()  # torchinfo hooks the module; a shared module takes one summary at a time


def torchinfo_check(module: nn.Module, cfg: BlockConfig) -> TorchinfoCheck:
    """Run ``torchinfo.summary`` on ``module`` (``cfg``'s block on the CPU) for one image, beside the library.

    The module is only hooked for the duration of the call and left in its own mode (torchinfo runs
    it in eval mode under no_grad, so BN statistics do not move).
    """
    from torchinfo import summary

    reason = torchinfo_too_big(cfg)
    if reason is not None:
        raise ValueError(reason)
    one = cfg.replace(batch=1)
    with _TORCHINFO_LOCK:
        info = summary(module, input_size=one.input_shape, verbose=0, depth=3, device=torch.device("cpu"),
                       col_names=("output_size", "num_params", "mult_adds"))
    a = analyze(one)
    rows, path = [], []
    for layer in info.summary_list:  # in forward order; a module's path is its ancestors' names joined
        path[layer.depth:] = [layer.var_name]
        if layer.depth >= 1 and layer.is_leaf_layer:
            rows.append(TorchinfoRow(".".join(path[1:]), layer.class_name, tuple(layer.output_size),
                                     int(layer.num_params), int(layer.macs)))
    return TorchinfoCheck(
        text=str(info),
        rows=tuple(rows),
        params=int(info.total_params),
        mult_adds=int(info.total_mult_adds),
        conv_macs=sum(int(layer.macs) for layer in info.summary_list if layer.class_name == "Conv2d"),
        library_params=a.params,
        library_macs=a.macs,
    )
