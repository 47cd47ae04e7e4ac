"""The ResNeXt complexity template, and a solver for blocks of equal cost.

Xie et al. 2017, Aggregated Residual Transformations for Deep Neural Networks, Table 2: in the
conv2 stage (256 channels in and out) a block of cardinality C has C paths of
1×1 256→d, 3×3 d→d and 1×1 d→256, so its conv weights number

    C · (256·d + 9·d² + d·256)

and d is chosen to keep this near the ResNet-50 bottleneck's 69,632 (C = 1, d = 64). Only conv
weights count here, not BN, as in the paper. MACs are multiply-adds.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn

from .analysis import analyze
from .checks import Message, one_of, whole_number
from .config import LIMITS, MAX_GROUPED_WIDTH, BlockConfig, ConfigError, require_config
from .registry import get_entry

TEMPLATE_CHANNELS = 256
MAX_CARDINALITY = 1024
PAPER_SOURCE = "Xie et al. 2017, Aggregated Residual Transformations, Table 2"


def template_params(cardinality: int, d: int, channels: int = TEMPLATE_CHANNELS) -> int:
    """Conv weights of the template block: C · (channels·d + 9·d² + d·channels)."""
    whole_number("cardinality", cardinality, 1, MAX_CARDINALITY)
    whole_number("d (channels per path)", d, 1)
    whole_number("channels", channels, 1)
    return cardinality * (channels * d + 9 * d * d + d * channels)


RESNET50_BUDGET = template_params(1, 64)  # 69,632: the ResNet-50 bottleneck in conv2 (C=1, d=64)


def template_width(cardinality: int, budget: int | None = None, channels: int = TEMPLATE_CHANNELS) -> int:
    """The width per path d ≥ 1 whose template_params is nearest ``budget`` (default 69,632).

    Solves 9·C·d² + 2·channels·C·d = budget for d and keeps the nearer of the two integers around
    the root (the smaller d on a tie).
    """
    whole_number("cardinality", cardinality, 1, MAX_CARDINALITY)
    whole_number("channels", channels, 1)
    budget = whole_number("budget", RESNET50_BUDGET if budget is None else budget, 1)
    a, b = 9 * cardinality, 2 * channels * cardinality
    # Integer square root: exact for any budget, where a float root overflows above about 10**308.
    low = max(1, (math.isqrt(b * b + 4 * a * budget) - b) // (2 * a))
    candidates = (low, low + 1)
    return min(candidates, key=lambda d: (abs(template_params(cardinality, d, channels) - budget), d))


@dataclass(frozen=True)
class PaperRow:
    """One row of Table 2 as published."""

    cardinality: int
    group_width: int  # d, the channels of each path (BlockConfig.group_width)
    width: int  # C · d, the channels of the grouped 3×3 (BlockConfig.width)


PAPER_TABLE2: tuple[PaperRow, ...] = (
    PaperRow(1, 64, 64),
    PaperRow(2, 40, 80),
    PaperRow(4, 24, 96),
    PaperRow(8, 14, 112),
    PaperRow(32, 4, 128),
)


@dataclass(frozen=True)
class TemplateRow:
    """A cardinality, its width per path d, and what the template block then costs."""

    cardinality: int
    group_width: int  # d, the channels of each path (BlockConfig.group_width)
    width: int  # C · d, the channels of the grouped 3×3 (BlockConfig.width)
    params: int  # conv weights of the template block
    ratio_to_budget: float

    def as_dict(self) -> dict:
        return asdict(self)


def complexity_table(
    cardinalities: tuple[int, ...] = (1, 2, 4, 8, 32),
    budget: int | None = None,
) -> tuple[TemplateRow, ...]:
    """Table 2 recomputed: for each cardinality the d that keeps the block nearest ``budget``."""
    budget = whole_number("budget", RESNET50_BUDGET if budget is None else budget, 1)
    if not isinstance(cardinalities, (tuple, list)):
        raise TypeError(f"cardinalities must be a tuple of whole numbers, not {type(cardinalities).__name__}; "
                        "pass e.g. (1, 2, 4, 8, 32)")
    rows = []
    for c in cardinalities:
        d = template_width(c, budget)
        params = template_params(c, d)
        rows.append(TemplateRow(c, d, c * d, params, params / budget))
    return tuple(rows)


def conv_weight_params(cfg: BlockConfig) -> int:
    """Weights of the block's convolutions only (no BN), as the paper counts them."""
    require_config(cfg, "conv_weight_params")
    with torch.device("meta"):
        block = cfg.build()
    return sum(m.weight.numel() for m in block.modules() if isinstance(m, nn.Conv2d))


def to_config(row: TemplateRow, size: int = 56) -> BlockConfig:
    """The resnext BlockConfig of a template row: 256 → 256, planes 64, groups C, base_width d.

    With planes = 64, base_width equals the width per group (int(64·d/64) = d). The block's conv
    weights are checked against the row's count.
    """
    if not isinstance(row, TemplateRow):
        raise TypeError(f"to_config needs a TemplateRow, not {type(row).__name__}; take one from complexity_table()")
    cfg = BlockConfig(
        block="resnext",
        in_channels=TEMPLATE_CHANNELS,
        planes=TEMPLATE_CHANNELS // 4,
        groups=row.cardinality,
        base_width=row.group_width,
        size=size,
    )
    built = conv_weight_params(cfg)
    if cfg.group_width != row.group_width or built != row.params:
        raise ValueError(
            f"the row (C={row.cardinality}, d={row.group_width}) says {row.params:,} conv weights but its block "
            f"has {built:,}; build the row with complexity_table() rather than by hand"
        )
    return cfg


METRICS: tuple[str, ...] = ("params", "macs")


def solve_equal_cost(
    target: int,
    metric: str,
    block: str,
    groups: int = 1,
    in_channels: int | None = None,
    size: int = 56,
    stride: int = 1,
    *,
    planes: int | None = None,
) -> BlockConfig:
    """The block of kind ``block`` whose params or MACs (``metric``, from ``analyze``) are nearest ``target``.

    One width is searched, the others stay fixed: ``planes`` for basic, preact, bottleneck and
    preact_bottleneck; ``base_width`` for resnext, with ``groups`` and ``planes`` fixed (64 unless given:
    256 channels out, Table 2's axis). ``in_channels`` defaults to the block's own output channels, so the
    block is an identity block as in Table 2 (with ``stride`` > 1 it still has a projection). The cost grows with the
    width, so a binary search finds the first width at or above the target and the nearer of it
    and the one below wins. A target outside what the widths reach raises ValueError.
    """
    one_of("metric", metric, METRICS)
    entry = get_entry(block)
    whole_number("target", target, 1)
    whole_number("groups", groups, *LIMITS["groups"])
    if entry.grouped:
        fixed = TEMPLATE_CHANNELS // 4 if planes is None else whole_number("planes", planes, *LIMITS["planes"])
        # the narrowest base_width that leaves a channel per group: int(planes·base_width/64) ≥ 1
        field, low = "base_width", min(math.ceil(64 / fixed), LIMITS["base_width"][1])
        high = max(low, min(LIMITS["base_width"][1], MAX_GROUPED_WIDTH // max(groups, 1)))
    else:
        if groups != 1:
            raise ValueError(Message(
                "groups={groups} needs a grouped 3×3, which the {block} block does not have; set groups to 1",
                groups=groups, block=block))
        if planes is not None:
            raise ValueError(Message("planes is the width searched for the {block} block; leave planes out",
                                     block=block))
        field, low, high = "planes", 1, LIMITS["planes"][1]

    def config(width: int) -> BlockConfig:
        values = {"planes": fixed, "groups": groups, "base_width": width} if entry.grouped else {"planes": width}
        channels = values["planes"] * entry.expansion if in_channels is None else in_channels
        return BlockConfig(block=block, in_channels=channels, stride=stride, size=size, **values)

    def cost(width: int) -> int | None:
        """The metric at ``width``; None where the config is invalid (too wide for the limits)."""
        try:
            return getattr(analyze(config(width)), metric)
        except ConfigError:
            return None

    first = cost(low)
    if first is None:
        config(low)  # raises the ConfigError that names the fix
    if target < first:
        raise ValueError(Message(
            "the smallest {block} block ({field}={low}) already has {first:,} {metric}, above the target "
            "{target:,}; raise the target to at least {first:,} or change in_channels, size or stride",
            block=block, field=field, low=low, first=first, metric=metric, target=target))

    # Validity is monotone too: find the widest valid width, then the first width reaching the target.
    if cost(high) is None:
        good, bad = low, high
        while bad - good > 1:
            mid = (good + bad) // 2
            good, bad = (mid, bad) if cost(mid) is not None else (good, mid)
        high = good
    top = cost(high)
    if target > top:
        raise ValueError(Message(
            "the largest {block} block allowed here ({field}={high}) has {top:,} {metric}, below the target "
            "{target:,}; lower the target or change in_channels, size or stride",
            block=block, field=field, high=high, top=top, metric=metric, target=target))
    lo, hi = low, high  # cost(lo) <= target <= cost(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if cost(mid) < target else (lo, mid)
    best = min((lo, hi), key=lambda w: (abs(cost(w) - target), w))
    return config(best)
