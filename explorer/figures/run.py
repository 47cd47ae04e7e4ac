"""Plotly figures of the Run & time page: measured time against the theoretical 1/g ratios of a sweep."""

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from resblocks.bench import SweepRow


def power_of_two_ticks(values: list[float]) -> tuple[list[float], list[str]]:
    """Ticks at powers of two covering ``values``, written 1/8, 1/4, 1/2, 1, 2 as the 1/g story reads."""
    low = math.floor(math.log2(min(values)))
    high = math.ceil(math.log2(max(values)))
    powers = range(low, high + 1)
    return [2.0**k for k in powers], [str(2**k) if k >= 0 else f"1/{2**-k}" for k in powers]


def ratio_figure(rows: Sequence[SweepRow], kind: str) -> go.Figure:
    """Measured time ratio against the theoretical ratios of parameters, MACs and the 3×3's 1/g."""
    x = [r.groups for r in rows] if kind == "groups" else [r.label for r in rows]
    series = [
        ("measured time", "time_ratio", {"width": 4, "color": "#d62728"}, "circle"),
        ("block MACs", "macs_ratio", {"width": 2, "color": "#1f77b4", "dash": "dash"}, "square"),
        ("block parameters", "params_ratio", {"width": 2, "color": "#2ca02c", "dash": "dot"}, "x"),
        ("grouped 3×3 alone (1/g)", "conv_ratio", {"width": 2, "color": "#7f7f7f", "dash": "dashdot"}, "diamond"),
    ]
    fig = go.Figure()
    for name, field, line, symbol in series:
        fig.add_scatter(x=x, y=[getattr(r, field) for r in rows], name=name, mode="lines+markers", line=line,
                        marker={"symbol": symbol, "size": 9})
    base = rows[0].label
    values = [getattr(r, field) for r in rows for _, field, _, _ in series]
    ticks, labels = power_of_two_ticks(values)
    fig.update_layout(height=440, margin={"t": 40, "b": 40}, legend={"orientation": "h", "y": -0.22},
                      title=f"Ratio to {base} (1 = the same as {base}; below 1 = cheaper or faster)")
    fig.update_yaxes(type="log", tickvals=ticks, ticktext=labels, title="ratio to baseline (log scale)")
    if kind == "groups":
        fig.update_xaxes(type="log", tickvals=x, ticktext=[str(g) for g in x], title="groups g (same grouped width)")
    return fig
