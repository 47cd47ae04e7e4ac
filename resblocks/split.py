"""Split-transform-merge as plain data: the steps of a ResNeXt block, what the groups control holds fixed,
and the block's geometry for every g the control can reach (the grouped 3×3's weight map: ``weightmap``).

Nothing here draws: the Split page's browser component (explorer/components/) draws the geometry.
Heights are fractions of the drawing's height, 0 at the top; every column uses one channel pitch.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from .analysis import analyze
from .checks import whole_number
from .complexity import MAX_CARDINALITY, TemplateRow, template_params, template_width
from .config import LIMITS, BlockConfig, ConfigError, at_fixed_width, require_config
from .sweeps import fixed_width_sweep

MAX_DRAWN_PATHS = 16  # paths drawn one by one; the rest are drawn as one band with their count
GAP = 0.012  # the least gap between two split paths, as a share of the drawing's height
MIN_SLOT = 0.026  # a drawn path and its gap take at least this much, so that thin paths stay apart
MARGIN = 0.06  # kept free above and below the tallest column
D_GROUPS = (1, 2, 4, 8, 16, 32, 64, 128)  # the g offered where the width is not held (hold = d or cost)

STEP_NAMES: tuple[str, ...] = ("input", "reduce", "split", "transform", "merge", "expand", "add")
HOLDS: tuple[str, ...] = ("width", "d", "cost")  # what the groups control keeps fixed as g changes


def _require_grouped(cfg: BlockConfig) -> None:
    require_config(cfg, "split-transform-merge")
    if not cfg.entry.grouped:
        raise ConfigError(f"split-transform-merge needs the resnext block, not {cfg.block}; choose the resnext block")


# The steps ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the block, with what it adds: conv (and its BN) parameters and multiply-adds."""

    name: str  # one of STEP_NAMES
    in_channels: int
    out_channels: int
    groups: int  # groups of the step's conv (1 for a dense conv, or where nothing is computed)
    params: int  # parameters added at this step (conv weights + BN affine)
    macs: int  # multiply-adds added at this step
    total_params: int  # running totals up to and including this step
    total_macs: int

    def as_dict(self) -> dict:
        return asdict(self)


def steps(cfg: BlockConfig) -> tuple[Step, ...]:
    """The seven steps of ``cfg``'s resnext block, their channels and their costs (from ``analyze``).

    With g = 1 the split and the merge are there but do nothing: one path holds every channel.
    """
    _require_grouped(cfg)
    layers = analyze(cfg).layers

    def cost(*prefixes: str) -> tuple[int, int]:
        chosen = [la for la in layers if la.name.startswith(prefixes)]
        return sum(la.params for la in chosen), sum(la.macs for la in chosen)

    w, g = cfg.width, cfg.groups
    spent = {
        "input": (cfg.in_channels, cfg.in_channels, 1, (0, 0)),
        "reduce": (cfg.in_channels, w, 1, cost("conv1", "bn1", "act1")),
        "split": (w, w, g, (0, 0)),
        "transform": (w, w, g, cost("conv2", "bn2", "act2")),
        "merge": (w, w, 1, (0, 0)),
        "expand": (w, cfg.out_channels, 1, cost("conv3", "bn3")),
        "add": (cfg.out_channels, cfg.out_channels, 1, cost("shortcut", "add", "act3")),
    }
    out: list[Step] = []
    total_params = total_macs = 0
    for name in STEP_NAMES:
        c_in, c_out, groups, (params, macs) = spent[name]
        total_params += params
        total_macs += macs
        out.append(Step(name, c_in, c_out, groups, params, macs, total_params, total_macs))
    return tuple(out)


# What the groups control holds fixed ---------------------------------------------------------------


def _check_hold(hold: str) -> None:
    if not isinstance(hold, str) or hold not in HOLDS:
        raise ValueError(f"unknown hold {hold!r}; choose one of {', '.join(HOLDS)}")


def cost_width(cfg: BlockConfig, groups: int) -> int:
    """The width per path d that keeps the block's conv weights nearest the g = 1 bottleneck of these planes.

    Table 2 of the paper: C · (C_in·d + 9·d² + d·C_out) ≈ C_in·p + 9·p² + p·C_out with p = planes (d = 64 at
    planes = 64), solved by ``complexity.template_width`` with C_in and C_out averaged (exact when they are equal).
    """
    channels = max(1, (cfg.in_channels + cfg.out_channels) // 2)
    return template_width(groups, template_params(1, cfg.planes, channels), channels)


def hold_config(cfg: BlockConfig, groups: int, hold: str) -> BlockConfig:
    """``cfg`` with ``groups`` groups, keeping what ``hold`` names fixed.

    "width": the grouped width (d = width / g, so the 3×3's weights fall as 1/g); "d": the channels per
    path (the paper's 32×4d naming: the width grows with g); "cost": the block's conv weights (d solved for g).
    """
    _require_grouped(cfg)
    _check_hold(hold)
    whole_number("groups", groups, *LIMITS["groups"])
    if hold == "width":
        return at_fixed_width(cfg, groups)
    if hold == "d":
        return cfg.replace(groups=groups)
    if not 1 <= groups <= MAX_CARDINALITY:
        raise ConfigError(f"groups={groups} is out of range for holding the cost; choose 1 to {MAX_CARDINALITY}")
    d = cost_width(cfg, groups)
    return cfg.replace(groups=groups, base_width=math.ceil(64 * d / cfg.planes))


def hold_choices(cfg: BlockConfig, hold: str) -> dict[int, BlockConfig]:
    """Every g the groups control reaches from ``cfg`` under ``hold``, with its config, in order.

    Holding the width, g runs over the divisors of the width up to depthwise (g = width), as the 1/g sweep
    does (``sweeps.fixed_width_sweep``); otherwise over D_GROUPS and the current g. The current g keeps ``cfg``
    itself; a g whose config would be invalid is left out.
    """
    _require_grouped(cfg)
    _check_hold(hold)
    if hold == "width":
        members = {m.config.groups: m.config for m in fixed_width_sweep(cfg).members}
        return {g: cfg if g == cfg.groups else c for g, c in members.items() if g <= LIMITS["groups"][1]}
    out: dict[int, BlockConfig] = {}
    for g in sorted({*D_GROUPS, cfg.groups}):
        if g > LIMITS["groups"][1]:
            continue
        try:
            out[g] = cfg if g == cfg.groups else hold_config(cfg, g, hold)
        except ConfigError:
            continue
    return out


# The geometry --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Path:
    """A path drawn one by one, or (``groups`` > 1) the paths beyond MAX_DRAWN_PATHS drawn as one band."""

    index: int  # the first group it holds, from 0
    groups: int
    first: int  # its first channel in the grouped width
    channels: int
    split: tuple[float, float]  # (top, bottom) once split, gaps between paths
    merged: tuple[float, float]  # (top, bottom) concatenated: the channel's place in the width
    reduce_weights: int  # the 1×1 reduce's weights that feed these channels: C_in · channels
    conv_weights: int  # the 3×3's weights of these paths: 9 · d · d per path
    expand_weights: int  # the 1×1 expand's weights that read these channels: channels · C_out


@dataclass(frozen=True)
class Geometry:
    """The block at one g, as the component draws it."""

    groups: int
    group_width: int  # d
    width: int  # g · d
    base_width: int
    in_channels: int
    out_channels: int
    depthwise: bool  # d = 1: every path one channel (MobileNet, Xception)
    input: tuple[float, float]
    reduced: tuple[float, float]
    expanded: tuple[float, float]
    paths: tuple[Path, ...]
    steps: tuple[Step, ...]
    conv_params: int  # the grouped 3×3's weights: 9 · width² / g
    dense_conv_params: int  # the same 3×3 dense: 9 · width²
    params: int  # the whole block
    macs: int

    def as_dict(self) -> dict:
        return asdict(self)


def _centred(channels: int, pitch: float) -> tuple[float, float]:
    h = channels * pitch
    return (0.5 - h / 2, 0.5 + h / 2)


def _bands(g: int) -> int:
    return min(g, MAX_DRAWN_PATHS) + (1 if g > MAX_DRAWN_PATHS else 0)


def pitch(configs: list[BlockConfig]) -> float:
    """One channel's height, the same in every column and at every g: the tallest column, gaps included, fits."""
    free = 1 - 2 * MARGIN
    widest = max(max(c.in_channels, c.out_channels, c.width) for c in configs)
    split_fit = min((free - (_bands(c.groups) - 1) * max(GAP, MIN_SLOT)) / c.width for c in configs)
    return min(free / widest, split_fit)


def _gap(cfg: BlockConfig, p: float) -> float:
    """The gap between split paths: at least GAP, more where a path is thin (a slot of MIN_SLOT), and never
    more than the drawing holds."""
    bands = _bands(cfg.groups)
    if bands == 1:
        return 0.0
    wanted = max(GAP, MIN_SLOT - cfg.group_width * p)
    return min(wanted, (1 - 2 * MARGIN - cfg.width * p) / (bands - 1))


def geometry(cfg: BlockConfig, p: float) -> Geometry:
    """The geometry of ``cfg``'s block at channel pitch ``p``."""
    _require_grouped(cfg)
    g, w, d = cfg.groups, cfg.width, cfg.group_width
    runs = [(i, 1, i * d, d) for i in range(min(g, MAX_DRAWN_PATHS))]
    if g > MAX_DRAWN_PATHS:
        runs.append((MAX_DRAWN_PATHS, g - MAX_DRAWN_PATHS, MAX_DRAWN_PATHS * d, (g - MAX_DRAWN_PATHS) * d))
    gap = _gap(cfg, p)
    top_split = 0.5 - (w * p + (len(runs) - 1) * gap) / 2
    top_merged = _centred(w, p)[0]
    paths = []
    for k, (index, groups, first, channels) in enumerate(runs):
        y = top_split + first * p + k * gap
        m = top_merged + first * p
        paths.append(Path(index, groups, first, channels, (y, y + channels * p), (m, m + channels * p),
                          cfg.in_channels * channels, 9 * d * d * groups, channels * cfg.out_channels))
    a = analyze(cfg)
    return Geometry(
        groups=g, group_width=d, width=w, base_width=cfg.base_width, in_channels=cfg.in_channels,
        out_channels=cfg.out_channels, depthwise=d == 1 and g > 1, input=_centred(cfg.in_channels, p),
        reduced=_centred(w, p), expanded=_centred(cfg.out_channels, p), paths=tuple(paths), steps=steps(cfg),
        conv_params=9 * w * w // g, dense_conv_params=9 * w * w, params=a.params, macs=a.macs,
    )


def geometries(cfg: BlockConfig, hold: str) -> tuple[Geometry, ...]:
    """The geometry at every g of ``hold_choices(cfg, hold)``, at one channel pitch, in order of g."""
    configs = list(hold_choices(cfg, hold).values())
    p = pitch(configs)
    return tuple(geometry(c, p) for c in configs)


# Cardinality against width ------------------------------------------------------------------------


def nearest_row(rows: tuple[TemplateRow, ...], groups: int, group_width: int) -> int:
    """Index of the Table 2 row nearest (groups, group_width): nearest cardinality on a log scale, then d."""
    return min(
        range(len(rows)),
        key=lambda i: (abs(math.log2(rows[i].cardinality) - math.log2(groups)), abs(rows[i].group_width - group_width)),
    )


# The three equivalent forms (Xie et al. 2017, Fig. 3) ----------------------------------------------

FORM_NAMES: tuple[str, ...] = ("a", "b", "c")  # aggregated transformations, early concatenation, grouped conv


@dataclass(frozen=True)
class FormLayer:
    """One conv as the paper labels it, "256, 1×1, 4": input channels, kernel, output channels (and groups)."""

    in_channels: int
    kernel: int  # 1 or 3
    out_channels: int
    groups: int = 1
    stride: int = 1

    @property
    def weights(self) -> int:
        """k²·C_in·C_out/g: the conv's weights (no bias, as in the block)."""
        return self.kernel * self.kernel * self.in_channels * self.out_channels // self.groups


@dataclass(frozen=True)
class Form:
    """One of Fig. 3's forms of the transform F(x): ``paths`` copies of ``path`` (the layers of one path),
    merged by ``merge`` ("sum", "concat" or "" where nothing is split), then the ``shared`` layers."""

    name: str  # one of FORM_NAMES
    paths: int  # g in (a) and (b); 1 in (c), whose one path is the grouped conv
    path: tuple[FormLayer, ...]
    merge: str
    merged_channels: int  # what the merge gives: C_out summed in (a), g·d concatenated in (b)
    shared: tuple[FormLayer, ...]

    @property
    def conv_weights(self) -> int:
        """The transform's conv weights: every path's layers, then the shared ones (BN and shortcut left out)."""
        return self.paths * sum(la.weights for la in self.path) + sum(la.weights for la in self.shared)


def three_forms(cfg: BlockConfig) -> tuple[Form, Form, Form]:
    """Fig. 3 (a), (b), (c) for ``cfg``'s resnext block: the same F(x) = Σᵢ Tᵢ(x), the same conv weights.

    (a) g paths of C_in→d (1×1), d→d (3×3), d→C_out (1×1), summed; (b) g paths of 1×1 and 3×3, concatenated
    to g·d, one 1×1 g·d→C_out; (c) 1×1 C_in→g·d, grouped 3×3 (g groups), 1×1 g·d→C_out. For 32×4d at 256-d,
    each form has 70,144 conv weights (the paper's Table 2: ~70k). The stride sits where ``cfg`` puts it.
    """
    _require_grouped(cfg)
    g, d, w, c_in, c_out = cfg.groups, cfg.group_width, cfg.width, cfg.in_channels, cfg.out_channels
    s1, s3 = (cfg.stride, 1) if cfg.stride_on == "1x1" else (1, cfg.stride)
    reduce, conv = FormLayer(c_in, 1, d, stride=s1), FormLayer(d, 3, d, stride=s3)
    return (
        Form("a", g, (reduce, conv, FormLayer(d, 1, c_out)), "sum", c_out, ()),
        Form("b", g, (reduce, conv), "concat", w, (FormLayer(w, 1, c_out),)),
        Form("c", 1, (), "", w, (FormLayer(c_in, 1, w, stride=s1), FormLayer(w, 3, w, g, s3), FormLayer(w, 1, c_out))),
    )
