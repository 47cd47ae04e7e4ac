"""Split-transform-merge as plain data: the steps of a ResNeXt block, the geometry of their animation,
the grouped 3×3's connectivity map and the 1/g sweep at a fixed grouped width.

Nothing here draws; ``resblocks.plots_split`` turns these dataclasses into Plotly figures.

Channels are laid out on a unit canvas: columns of channels stand at fixed x positions, y runs
from 0 (bottom) to 1 (top). Wide settings stay light: channels are drawn one by one only up to
MAX_CHANNEL_MARKS, otherwise as one band per group, and at most MAX_BANDS bands per column
(consecutive groups bundled beyond that).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch

from .analysis import analyze
from .complexity import TemplateRow
from .config import BlockConfig, ConfigError, divisors

MAX_CHANNEL_MARKS = 64  # a column of at most this many channels draws every channel
MAX_BANDS = 128  # at most this many group bands per column; beyond, consecutive groups are bundled
MAX_LINES = 1024  # connections drawn channel to channel up to this many lines, else as filled bands
MAX_CELLS = 256  # the connectivity map's side, in cells, at most

# Where each column of channels stands on the canvas.
X = {"input": 0.0, "reduced": 1.0, "transformed": 2.0, "merged": 3.0, "expanded": 4.0, "add": 4.65, "output": 5.3}
HALF_WIDTH = 0.09  # half the width of a column
SPREAD_GAPS = 0.3  # share of a split column's height given to the gaps between its groups
MIN_HEIGHT = 0.15  # the narrowest column's height, so that a thin one stays visible
SHORTCUT_Y = 1.12  # height of the shortcut's horizontal run

STEP_NAMES: tuple[str, ...] = ("input", "reduce", "split", "transform", "merge", "expand", "add")


def _require_grouped(cfg: BlockConfig) -> None:
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


def step_names(groups: int) -> tuple[str, ...]:
    """The animation's steps: with one group there is nothing to split or merge."""
    if groups == 1:
        return tuple(n for n in STEP_NAMES if n not in ("split", "merge"))
    return STEP_NAMES


def steps(cfg: BlockConfig) -> tuple[Step, ...]:
    """The steps of ``cfg``'s resnext block, their channels and their costs (from ``analyze``)."""
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
    for name in step_names(g):
        c_in, c_out, groups, (params, macs) = spent[name]
        total_params += params
        total_macs += macs
        out.append(Step(name, c_in, c_out, groups, params, macs, total_params, total_macs))
    return tuple(out)


# The geometry of the animation ------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    """Channels ``first`` .. ``stop - 1`` of a column, drawn as one rectangle."""

    column: str
    x0: float
    x1: float
    y0: float
    y1: float
    group: int | None  # the group (or bundle of groups) that colours it; None: not coloured by group
    first: int
    stop: int


@dataclass(frozen=True)
class Link:
    """Connections between two columns: a filled polygon (a band of connections) or line segments."""

    kind: str  # "dense" | "group" | "merge"
    group: int | None
    polygon: tuple[tuple[float, float], ...] = ()  # closed, without repeating the first point
    segments: tuple[tuple[float, float, float, float], ...] = ()  # (x0, y0, x1, y1)


@dataclass(frozen=True)
class Label:
    """The caption under a column: its channels, and its groups once split (1 before)."""

    column: str
    x: float
    y: float
    channels: int
    groups: int


@dataclass(frozen=True)
class Frame:
    """Everything visible at one step; frames are cumulative."""

    step: Step
    rects: tuple[Rect, ...]
    links: tuple[Link, ...]
    labels: tuple[Label, ...]
    shortcut: tuple[tuple[float, float], ...]  # the skip path as a polyline; empty before the addition
    projection: bool  # the shortcut is a 1×1 conv + BN (stride or channels change)


@dataclass(frozen=True)
class Animation:
    config: BlockConfig
    frames: tuple[Frame, ...]
    bands: int  # group bands per split column: min(groups, MAX_BANDS)
    groups_per_band: int  # 1 unless groups > MAX_BANDS (then the most groups a bundle holds)
    per_channel: bool  # the grouped width is drawn channel by channel
    lines: bool  # the grouped 3×3's connections are drawn channel to channel

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.step.name for f in self.frames)


def _edges(n: int, parts: int) -> list[int]:
    """Split 0..n into ``parts`` consecutive runs as evenly as whole numbers allow."""
    return [round(i * n / parts) for i in range(parts + 1)]


def _units(count: int, groups: int) -> list[tuple[int, int, int]]:
    """(first, stop, colour group) of each drawn unit: a channel, a group or a bundle of groups."""
    d = count // groups
    if count <= MAX_CHANNEL_MARKS:
        return [(c, c + 1, c // d) for c in range(count)]
    if groups <= MAX_BANDS:
        return [(k * d, (k + 1) * d, k) for k in range(groups)]
    edges = _edges(groups, MAX_BANDS)
    return [(edges[b] * d, edges[b + 1] * d, b) for b in range(MAX_BANDS)]


def column(
    name: str, count: int, groups: int, y0: float, y1: float, spread: bool, coloured: bool
) -> tuple[Rect, ...]:
    """The rectangles of one column of ``count`` channels in ``groups`` groups between heights y0 and y1.

    ``spread`` opens gaps between the groups (the split); ``coloured`` colours them by group.
    Rectangles come top to bottom, in channel order.
    """
    units = _units(count, groups)
    bands = len({u[2] for u in units})
    height = y1 - y0
    gap = SPREAD_GAPS * height / (bands - 1) if spread and bands > 1 else 0.0
    fill = height - gap * (bands - 1)
    per_channel = count <= MAX_CHANNEL_MARKS
    x = X[name]
    rects = []
    top = y1
    previous = units[0][2]
    for first, stop, group in units:
        if group != previous:
            top -= gap
            previous = group
        size = fill * (stop - first) / count
        inset = 0.12 * size if per_channel else 0.0  # a hairline between channels drawn one by one
        rects.append(
            Rect(name, x - HALF_WIDTH, x + HALF_WIDTH, top - size + inset / 2, top - inset / 2,
                 group if coloured else None, first, stop)
        )
        top -= size
    return tuple(rects)


def _spans(rects: tuple[Rect, ...]) -> dict[int, tuple[float, float]]:
    """Colour group → (bottom, top) of its rectangles."""
    spans: dict[int, tuple[float, float]] = {}
    for r in rects:
        key = -1 if r.group is None else r.group
        low, high = spans.get(key, (r.y0, r.y1))
        spans[key] = (min(low, r.y0), max(high, r.y1))
    return spans


def _band(a: tuple[float, float], b: tuple[float, float], xa: float, xb: float) -> tuple[tuple[float, float], ...]:
    return ((xa, a[0]), (xa, a[1]), (xb, b[1]), (xb, b[0]))


def _centre(r: Rect) -> float:
    return (r.y0 + r.y1) / 2


def dense_link(source: tuple[Rect, ...], target: tuple[Rect, ...]) -> Link:
    """Every channel of ``source`` feeds every channel of ``target`` (a dense 1×1 conv)."""
    xa, xb = source[0].x1, target[0].x0
    if _is_per_channel(source) and _is_per_channel(target) and len(source) * len(target) <= MAX_LINES:
        segments = tuple((xa, _centre(a), xb, _centre(b)) for a in source for b in target)
        return Link("dense", None, segments=segments)
    low = min(r.y0 for r in source), max(r.y1 for r in source)
    high = min(r.y0 for r in target), max(r.y1 for r in target)
    return Link("dense", None, polygon=_band(low, high, xa, xb))


def _is_per_channel(rects: tuple[Rect, ...]) -> bool:
    return all(r.stop - r.first == 1 for r in rects)


def group_links(source: tuple[Rect, ...], target: tuple[Rect, ...], kind: str, lines: bool) -> tuple[Link, ...]:
    """Group i of ``source`` feeds group i of ``target`` only: the grouped conv (kind "group") or the
    concatenation (kind "merge", where each channel simply keeps its place)."""
    links = []
    if lines:
        xa, xb = source[0].x1, target[0].x0
        by_group: dict[int, tuple[list[Rect], list[Rect]]] = {}
        for r in source:
            by_group.setdefault(r.group, ([], []))[0].append(r)
        for r in target:
            by_group.setdefault(r.group, ([], []))[1].append(r)
        for group, (ins, outs) in by_group.items():
            if kind == "merge":  # channel c goes to channel c
                segments = tuple((xa, _centre(a), xb, _centre(b)) for a, b in zip(ins, outs, strict=True))
            else:
                segments = tuple((xa, _centre(a), xb, _centre(b)) for a in ins for b in outs)
            links.append(Link(kind, group, segments=segments))
        return tuple(links)
    a_spans, b_spans = _spans(source), _spans(target)
    for group, span in a_spans.items():
        links.append(Link(kind, group, polygon=_band(span, b_spans[group], source[0].x1, target[0].x0)))
    return tuple(links)


def _height(count: int, widest: int) -> float:
    return max(MIN_HEIGHT, count / widest)


def _centred(count: int, widest: int) -> tuple[float, float]:
    h = _height(count, widest)
    return 0.5 - h / 2, 0.5 + h / 2


def animation(cfg: BlockConfig) -> Animation:
    """The frames of the split-transform-merge animation for ``cfg``'s resnext block.

    Input → 1×1 reduce to the grouped width → split into g coloured groups → each group's own 3×3
    (group i's inputs feed only group i's outputs) → merge (concatenation) → 1×1 expand → addition
    with the shortcut. With g = 1 (a plain bottleneck) there is no split and no merge.
    """
    _require_grouped(cfg)
    g, w = cfg.groups, cfg.width
    widest = max(cfg.in_channels, w, cfg.out_channels)
    grouped = g > 1
    per_channel = w <= MAX_CHANNEL_MARKS
    lines = per_channel and w * cfg.group_width <= MAX_LINES

    x_in = column("input", cfg.in_channels, 1, *_centred(cfg.in_channels, widest), spread=False, coloured=False)
    reduced = column("reduced", w, g, *_centred(w, widest), spread=False, coloured=False)
    spread_span = (0.0, 1.0) if grouped else _centred(w, widest)
    reduced_split = column("reduced", w, g, *spread_span, spread=grouped, coloured=True)
    transformed = column("transformed", w, g, *spread_span, spread=grouped, coloured=True)
    merged = column("merged", w, g, *_centred(w, widest), spread=False, coloured=True)
    before_expand = merged if grouped else transformed
    expanded = column("expanded", cfg.out_channels, 1, *_centred(cfg.out_channels, widest), spread=False, coloured=False)
    output = column("output", cfg.out_channels, 1, *_centred(cfg.out_channels, widest), spread=False, coloured=False)

    def label(rects: tuple[Rect, ...]) -> Label:
        name = rects[0].column
        channels = {"input": cfg.in_channels, "expanded": cfg.out_channels, "output": cfg.out_channels}.get(name, w)
        shown_groups = g if rects[0].group is not None else 1
        return Label(name, X[name], min(r.y0 for r in rects) - 0.04, channels, shown_groups)

    top_in = max(r.y1 for r in x_in)
    shortcut = ((X["input"], top_in), (X["input"], SHORTCUT_Y), (X["add"], SHORTCUT_Y), (X["add"], 0.5))

    # What each step adds to the picture (rects replace earlier ones of the same column).
    additions: dict[str, tuple[tuple[Rect, ...], tuple[Link, ...]]] = {
        "input": (x_in, ()),
        "reduce": (reduced, (dense_link(x_in, reduced),)),
        "split": (reduced_split, (dense_link(x_in, reduced_split),)),
        "transform": (
            transformed if grouped else reduced_split + transformed,
            group_links(reduced_split, transformed, "group", lines),
        ),
        "merge": (merged, group_links(transformed, merged, "merge", lines)),
        "expand": (expanded, (dense_link(before_expand, expanded),)),
        "add": (output, ()),
    }
    frames = []
    columns: dict[str, tuple[Rect, ...]] = {}
    links: dict[str, tuple[Link, ...]] = {}
    for step in steps(cfg):
        rects, new_links = additions[step.name]
        for name in dict.fromkeys(r.column for r in rects):
            columns[name] = tuple(r for r in rects if r.column == name)
        if step.name == "split":
            links["reduce"] = new_links  # the 1×1's fan now ends on the split column
        else:
            links[step.name] = new_links
        done = step.name == "add"
        frames.append(
            Frame(
                step=step,
                rects=tuple(r for rs in columns.values() for r in rs),
                links=tuple(link for ls in links.values() for link in ls),
                labels=tuple(label(rs) for rs in columns.values()),
                shortcut=shortcut if done else (),
                projection=cfg.has_projection,
            )
        )
    return Animation(
        config=cfg,
        frames=tuple(frames),
        bands=min(g, MAX_BANDS),
        groups_per_band=math.ceil(g / MAX_BANDS) if g > MAX_BANDS else 1,
        per_channel=per_channel,
        lines=lines,
    )


# The connectivity map ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectivityMap:
    """Which (output channel, input channel) pairs of a k×k conv hold weights, at most MAX_CELLS² cells.

    ``fraction[i][j]`` is the share of non-zero weights among the pairs of cell (i, j): rows are output
    channels ``row_edges[i]`` .. ``row_edges[i+1] - 1``, columns input channels likewise. Where the
    channels fit (``exact``), each cell is one pair and the fractions are 0 or 1.
    """

    in_channels: int
    out_channels: int
    groups: int
    kernel: int
    row_edges: tuple[int, ...]
    col_edges: tuple[int, ...]
    fraction: tuple[tuple[float, ...], ...]
    nonzero: int  # k²·C_in·C_out/g
    dense_nonzero: int  # k²·C_in·C_out

    @property
    def exact(self) -> bool:
        return len(self.row_edges) - 1 == self.out_channels and len(self.col_edges) - 1 == self.in_channels

    def as_dict(self) -> dict:
        return asdict(self)


def _overlaps(edges: list[int], groups: int, per_group: int) -> torch.Tensor:
    """cells × groups: how many channels of each cell fall in each group."""
    e = torch.tensor(edges, dtype=torch.float64)
    starts = torch.arange(groups, dtype=torch.float64) * per_group
    low = torch.maximum(e[:-1, None], starts[None, :])
    high = torch.minimum(e[1:, None], starts[None, :] + per_group)
    return (high - low).clamp(min=0)


def connectivity(in_channels: int, out_channels: int, groups: int, kernel: int = 3, cells: int = MAX_CELLS) -> ConnectivityMap:
    """The connectivity of a grouped k×k conv as a (downsampled) C_out × C_in matrix.

    Output channel o reads input channel i exactly when both lie in the same group:
    o // (C_out/g) == i // (C_in/g), a block-diagonal matrix with g blocks. A cell's fraction is
    Σ_groups |rows ∩ group| · |cols ∩ group| / (|rows| · |cols|).
    """
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError(
            f"groups={groups} must divide both {in_channels} input and {out_channels} output channels; "
            f"choose one of {', '.join(map(str, sorted(set(divisors(in_channels)) & set(divisors(out_channels)))))}"
        )
    rows = _edges(out_channels, min(out_channels, cells))
    cols = _edges(in_channels, min(in_channels, cells))
    a = _overlaps(rows, groups, out_channels // groups)
    b = _overlaps(cols, groups, in_channels // groups)
    counts = a @ b.T
    sizes = torch.diff(torch.tensor(rows, dtype=torch.float64))[:, None] * torch.diff(
        torch.tensor(cols, dtype=torch.float64)
    )[None, :]
    fraction = (counts / sizes).tolist()
    k2 = kernel * kernel
    return ConnectivityMap(
        in_channels=in_channels,
        out_channels=out_channels,
        groups=groups,
        kernel=kernel,
        row_edges=tuple(rows),
        col_edges=tuple(cols),
        fraction=tuple(tuple(row) for row in fraction),
        nonzero=k2 * in_channels * out_channels // groups,
        dense_nonzero=k2 * in_channels * out_channels,
    )


def dense_weight(weight: torch.Tensor, groups: int) -> torch.Tensor:
    """A grouped conv's weight (C_out, C_in/g, k, k) as the dense (C_out, C_in, k, k) weight it equals:
    group i's filters in its diagonal block, zeros elsewhere."""
    c_out, per_group = weight.shape[:2]
    d_out = c_out // groups
    dense = weight.new_zeros(c_out, per_group * groups, *weight.shape[2:])
    for i in range(groups):
        rows, cols = slice(i * d_out, (i + 1) * d_out), slice(i * per_group, (i + 1) * per_group)
        dense[rows, cols] = weight[rows]
    return dense


# Cardinality against width ------------------------------------------------------------------------


def nearest_row(rows: tuple[TemplateRow, ...], groups: int, group_width: int) -> int:
    """Index of the Table 2 row nearest (groups, group_width): nearest cardinality on a log scale, then d."""
    return min(
        range(len(rows)),
        key=lambda i: (abs(math.log2(rows[i].cardinality) - math.log2(groups)), abs(rows[i].group_width - group_width)),
    )
