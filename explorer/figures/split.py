"""The Split page's Plotly figure: the 1/g curve of the grouped 3×3 beside the whole block.

The split-transform-merge animation and the weight maps are drawn in the browser by the page's component
(explorer/components/). The words drawn in the figure are in LABELS; a caller may pass its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from resblocks.budget import GroupCost

PALETTE: tuple[str, ...] = ("#4e79a7", "#f28e2b", "#e15759")
INK = "#3b4252"

LABELS: dict[str, str] = {
    "groups": "groups g (cardinality), grouped width fixed",
    "params": "parameters",
    "conv_params": "grouped 3×3",
    "block_params": "whole block",
    "current": "current g = {g}",
}


def _text(labels: Mapping[str, str] | None, key: str, **values: object) -> str:
    chosen = {**LABELS, **(labels or {})}
    return chosen[key].format(**values)


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
