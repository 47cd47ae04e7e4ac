"""Plotly figures for split-transform-merge, built from ``resblocks.split``'s plain data.

Every trace is a handful of flat coordinate lists (polygons separated by None), rounded to four
decimals, so a figure stays small whatever the widths: one trace per colour, never one per channel.
The words drawn inside the figures are in LABELS; a caller may pass its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from resblocks.budget import GroupCost
from resblocks.config import BlockConfig
from resblocks.split import Animation, ConnectivityMap, Frame, Rect, X

# Tableau 10, its grey swapped for a green, so that grey means "not split into groups".
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#8cd17d",
)
NEUTRAL = "#8d99a6"
DENSE_FILL = "rgba(141, 153, 166, 0.28)"
DENSE_LINE = "rgba(110, 120, 132, 0.35)"
INK = "#3b4252"
DIGITS = 4

LABELS: dict[str, str] = {
    "input": "input x",
    "reduced": "1×1 reduce",
    "transformed": "3×3, g={g}",
    "merged": "concat",
    "expanded": "1×1 expand",
    "output": "output",
    "channels": "{c} ch",
    "grouped_channels": "{g} × {d} ch",
    "identity": "identity shortcut",
    "projection": "shortcut: 1×1 conv, stride {s}, + BN",
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "step": "Step: ",
    "input_channel": "input channel",
    "output_channel": "output channel",
    "fraction": "non-zero share",
    "groups": "groups g (cardinality), grouped width fixed",
    "params": "parameters",
    "conv_params": "grouped 3×3",
    "block_params": "whole block",
    "current": "current g = {g}",
}


def _text(labels: Mapping[str, str] | None, key: str, **values: object) -> str:
    chosen = {**LABELS, **(labels or {})}
    return chosen[key].format(**values)


def _r(v: float) -> float:
    return round(v, DIGITS)


def _fade(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _polygons(shapes: Sequence[Sequence[tuple[float, float]]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for points in shapes:
        for x, y in (*points, points[0]):
            xs.append(_r(x))
            ys.append(_r(y))
        xs.append(None)
        ys.append(None)
    return xs, ys


def _segments(segments: Sequence[tuple[float, float, float, float]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x0, y0, x1, y1 in segments:
        xs += [_r(x0), _r(x1), None]
        ys += [_r(y0), _r(y1), None]
    return xs, ys


def _box(r: Rect) -> tuple[tuple[float, float], ...]:
    return ((r.x0, r.y0), (r.x0, r.y1), (r.x1, r.y1), (r.x1, r.y0))


def _colour(group: int | None) -> int | None:
    return None if group is None else group % len(PALETTE)


# The animation ------------------------------------------------------------------------------------

# The traces, in a fixed order that every frame follows: frames carry only coordinates and text.
_KINDS: tuple[tuple[str, int | None], ...] = (
    ("dense_fill", None),
    ("dense_line", None),
    *(("link_fill", k) for k in range(len(PALETTE))),
    *(("link_line", k) for k in range(len(PALETTE))),
    ("rects", None),
    *(("rects", k) for k in range(len(PALETTE))),
    ("path", None),
    ("add", None),
    ("labels", None),
)


def _style(kind: str, colour: int | None) -> dict:
    """The trace's look, set once on the figure's own data."""
    base = {"type": "scatter", "hoverinfo": "skip", "showlegend": False}
    if kind == "dense_fill":
        return {**base, "mode": "lines", "fill": "toself", "fillcolor": DENSE_FILL, "line": {"width": 0}}
    if kind == "dense_line":
        return {**base, "mode": "lines", "line": {"width": 0.6, "color": DENSE_LINE}}
    if kind == "link_fill":
        c = PALETTE[colour]
        return {**base, "mode": "lines", "fill": "toself", "fillcolor": _fade(c, 0.35), "line": {"width": 0}}
    if kind == "link_line":
        return {**base, "mode": "lines", "line": {"width": 0.8, "color": _fade(PALETTE[colour], 0.6)}}
    if kind == "rects":
        c = NEUTRAL if colour is None else PALETTE[colour]
        return {**base, "mode": "lines", "fill": "toself", "fillcolor": c, "line": {"width": 0.5, "color": c}}
    if kind == "path":
        return {**base, "mode": "lines", "line": {"width": 2, "color": INK}}
    if kind == "add":
        return {**base, "mode": "markers+text", "text": ["+"], "textfont": {"size": 20, "color": INK},
                "marker": {"size": 30, "color": "white", "line": {"width": 2, "color": INK}}}
    return {**base, "mode": "text", "textposition": "bottom center", "textfont": {"size": 12, "color": INK}}


def _label_text(frame: Frame, labels: Mapping[str, str] | None, cfg: BlockConfig) -> tuple[list, list, list]:
    xs, ys, texts = [], [], []
    for label in frame.labels:
        name = _text(labels, label.column, g=cfg.groups)
        if label.groups > 1:
            count = _text(labels, "grouped_channels", g=label.groups, d=label.channels // label.groups)
        else:
            count = _text(labels, "channels", c=label.channels)
        xs.append(_r(label.x))
        ys.append(_r(label.y))
        texts.append(f"{name}<br>{count}")
    if frame.shortcut:
        middle = (frame.shortcut[1][0] + frame.shortcut[2][0]) / 2
        xs.append(_r(middle))
        ys.append(_r(frame.shortcut[1][1] + 0.08))
        texts.append(_text(labels, "projection", s=cfg.stride) if frame.projection else _text(labels, "identity"))
    return xs, ys, texts


def _frame_data(frame: Frame, labels: Mapping[str, str] | None, cfg: BlockConfig) -> list[dict]:
    """One dict per trace of _KINDS: the coordinates (and text) of everything visible in ``frame``."""
    rects: dict[int | None, list] = {}
    for r in frame.rects:
        rects.setdefault(_colour(r.group), []).append(_box(r))
    fills: dict[int | None, list] = {}
    lines: dict[int | None, list] = {}
    for link in frame.links:
        key = _colour(link.group)
        if link.polygon:
            fills.setdefault(key, []).append(link.polygon)
        lines.setdefault(key, []).extend(link.segments)

    path_x: list = []
    path_y: list = []
    add_x: list = []
    add_y: list = []
    if frame.shortcut:
        xs, ys = _segments(_main_to_output(frame))
        sx, sy = zip(*frame.shortcut, strict=True)
        path_x = [*(_r(v) for v in sx), None, *xs]
        path_y = [*(_r(v) for v in sy), None, *ys]
        add_x, add_y = [X["add"]], [0.5]

    data = []
    for kind, colour in _KINDS:
        if kind == "dense_fill":
            x, y = _polygons(fills.get(None, []))
        elif kind == "dense_line":
            x, y = _segments(lines.get(None, []))
        elif kind == "link_fill":
            x, y = _polygons(fills.get(colour, []))
        elif kind == "link_line":
            x, y = _segments(lines.get(colour, []))
        elif kind == "rects":
            x, y = _polygons(rects.get(colour, []))
        elif kind == "path":
            x, y = path_x, path_y
        elif kind == "add":
            x, y = add_x, add_y
        else:
            x, y, text = _label_text(frame, labels, cfg)
            data.append({"x": x, "y": y, "text": text})
            continue
        data.append({"x": x, "y": y})
    return data


def _main_to_output(frame: Frame) -> list[tuple[float, float, float, float]]:
    """The expanded column to the ⊕, and the ⊕ to the output column, at mid-height."""
    expanded = [r for r in frame.rects if r.column == "expanded"]
    output = [r for r in frame.rects if r.column == "output"]
    return [
        (expanded[0].x1, 0.5, X["add"] - 0.06, 0.5),
        (X["add"] + 0.06, 0.5, output[0].x0, 0.5),
    ]


def frame_titles(animation: Animation) -> tuple[str, ...]:
    """Plain default titles: the step's name and its parameters; a page passes its own sentences."""
    n = len(animation.frames)
    return tuple(
        f"{i + 1}/{n} · {f.step.name} · +{f.step.params:,} parameters ({f.step.total_params:,} so far)"
        for i, f in enumerate(animation.frames)
    )


def animation_figure(
    animation: Animation,
    titles: Sequence[str] | None = None,
    active: int = 0,
    frame_ms: int = 900,
    labels: Mapping[str, str] | None = None,
    height: int = 560,
) -> go.Figure:
    """The split-transform-merge animation: frames, play/pause buttons and a slider, opened at ``active``."""
    cfg = animation.config
    titles = tuple(titles) if titles is not None else frame_titles(animation)
    if len(titles) != len(animation.frames):
        raise ValueError(f"{len(titles)} titles for {len(animation.frames)} frames; pass one title per frame")
    if not 0 <= active < len(animation.frames):
        raise ValueError(f"active={active} is not a frame; choose one from 0 to {len(animation.frames) - 1}")

    def heading(text: str) -> dict:  # the whole title in every frame: a frame's layout replaces it
        return {"text": text, "x": 0.01, "xanchor": "left", "font": {"size": 15, "weight": "bold"}}

    frames = []
    for frame, title in zip(animation.frames, titles, strict=True):
        frames.append({"name": frame.step.name, "data": _frame_data(frame, labels, cfg), "layout": {"title": heading(title)}})
    base = [{**_style(kind, colour), **frames[active]["data"][i]} for i, (kind, colour) in enumerate(_KINDS)]

    def go_to(name: str | None, ms: int) -> list:
        return [
            [name] if name else None,
            {"frame": {"duration": ms, "redraw": True}, "mode": "immediate", "fromcurrent": True,
             "transition": {"duration": 0}},
        ]

    layout = {
        "title": heading(titles[active]),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "xaxis": {"visible": False, "range": [X["input"] - 0.45, X["output"] + 0.45], "fixedrange": True},
        "yaxis": {"visible": False, "range": [-0.32, 1.3], "fixedrange": True},
        "plot_bgcolor": "white",
        "showlegend": False,
        "dragmode": False,
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "left",
                "showactive": False,
                "x": 0.0,
                "xanchor": "left",
                "y": 0.0,
                "yanchor": "top",
                "pad": {"t": 8, "r": 10},
                "buttons": [
                    {"label": _text(labels, "play"), "method": "animate", "args": go_to(None, frame_ms)},
                    {"label": _text(labels, "pause"), "method": "animate",
                     "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                       "transition": {"duration": 0}}]},
                ],
            }
        ],
        "sliders": [
            {
                "active": active,
                "x": 0.16,
                "xanchor": "left",
                "len": 0.84,
                "y": 0.0,
                "yanchor": "top",
                "pad": {"t": 0},
                "currentvalue": {"prefix": _text(labels, "step"), "visible": True},
                "steps": [
                    {"label": f["name"], "method": "animate", "args": go_to(f["name"], 0)} for f in frames
                ],
            }
        ],
    }
    return go.Figure({"data": base, "layout": layout, "frames": frames}, skip_invalid=False)


# The weight map -----------------------------------------------------------------------------------

# White for no weight; any non-zero share at least a light blue, so a thin diagonal stays visible.
_MAP_COLOURS = [[0.0, "#ffffff"], [1e-6, "#c6dbef"], [1.0, "#08306b"]]


def weight_map_figure(
    grouped: ConnectivityMap,
    titles: tuple[str, str],
    labels: Mapping[str, str] | None = None,
    height: int = 460,
) -> go.Figure:
    """The grouped conv's C_out × C_in connectivity (block-diagonal, g blocks) beside the dense conv's.

    The dense matrix is every pair, so it is drawn as one cell spanning all channels.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.1)
    hover = "output %{y}, input %{x}<br>" + _text(labels, "fraction") + " %{z:.3f}<extra></extra>"
    fig.add_trace(
        go.Heatmap(
            z=[[_r(v) for v in row] for row in grouped.fraction],
            x=list(grouped.col_edges),
            y=list(grouped.row_edges),
            zmin=0,
            zmax=1,
            colorscale=_MAP_COLOURS,
            colorbar={"title": {"text": _text(labels, "fraction")}, "len": 0.9},
            hovertemplate=hover,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Heatmap(
            z=[[1]],
            x=[0, grouped.in_channels],
            y=[0, grouped.out_channels],
            zmin=0,
            zmax=1,
            colorscale=_MAP_COLOURS,
            showscale=False,
            hovertemplate="every output reads every input<extra></extra>",
        ),
        row=1,
        col=2,
    )
    for col in (1, 2):
        fig.update_xaxes(title_text=_text(labels, "input_channel"), range=[0, grouped.in_channels], constrain="domain",
                         row=1, col=col)
        fig.update_yaxes(title_text=_text(labels, "output_channel"), range=[grouped.out_channels, 0],
                         scaleanchor="x" if col == 1 else "x2", constrain="domain", row=1, col=col)
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white")
    return fig


# Cardinality against width --------------------------------------------------------------------------


def sweep_figure(
    points: Sequence[GroupCost],
    current: int,
    labels: Mapping[str, str] | None = None,
    height: int = 420,
) -> go.Figure:
    """Parameters of the grouped 3×3 (the 1/g curve) and of the whole block against g, log-x, ``current`` marked."""
    xs = [p.groups for p in points]
    custom = [[p.group_width, p.conv_params_ratio, p.block_params_ratio] for p in points]
    fig = go.Figure()
    for key, ys, colour, ratio in (
        ("conv_params", [p.conv_params for p in points], PALETTE[0], 1),
        ("block_params", [p.block_params for p in points], PALETTE[1], 2),
    ):
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=_text(labels, key),
                mode="lines+markers",
                line={"color": colour, "width": 2},
                customdata=custom,
                hovertemplate="g=%{x}, d=%{customdata[0]}<br>%{y:,} " + _text(labels, "params")
                + f"<br>%{{customdata[{ratio}]:.2%}} of g=1<extra>{_text(labels, key)}</extra>",
            )
        )
    here = [p for p in points if p.groups == current]
    if here:
        p = here[0]
        fig.add_trace(
            go.Scatter(
                x=[p.groups, p.groups],
                y=[p.conv_params, p.block_params],
                name=_text(labels, "current", g=current),
                mode="markers",
                marker={"size": 14, "symbol": "star", "color": PALETTE[2], "line": {"width": 1, "color": INK}},
                hoverinfo="skip",
            )
        )
        fig.add_vline(x=p.groups, line={"dash": "dot", "color": PALETTE[2], "width": 1})
    fig.update_xaxes(type="log", title_text=_text(labels, "groups"), tickvals=xs, ticktext=[str(x) for x in xs])
    fig.update_yaxes(title_text=_text(labels, "params"), rangemode="tozero")
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": 1.08, "x": 0})
    return fig
