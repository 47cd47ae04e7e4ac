"""Plotly figures of the Budget page: where a block's parameters, multiply-adds and memory go."""

import plotly.colors
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from resblocks import units
from resblocks.analysis import Analysis
from resblocks.budget import GroupSweep, NetworkBudget

MIB = 2**20


def macs(n: int) -> str:
    return units.count(n, "MACs")


def params(n: int) -> str:
    return f"{n:,} params"


def per_layer_figure(b: Analysis) -> go.Figure:
    """Three stacked bars (params, MACs, activation memory), one segment per layer, totals on top."""
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.12,
                        subplot_titles=("parameters", "multiply-adds", "activations"))
    colors = plotly.colors.qualitative.Plotly + plotly.colors.qualitative.Pastel
    for i, row in enumerate(b.layers):
        label = f"{row.name}: {row.description}"
        values = (row.params, row.macs, row.activation_bytes / MIB)
        texts = (params(row.params), macs(row.macs), units.nbytes(row.activation_bytes))
        for col, (value, text) in enumerate(zip(values, texts, strict=True), start=1):
            fig.add_trace(
                go.Bar(x=[""], y=[value], name=label, legendgroup=row.name, showlegend=col == 1,
                       marker_color=colors[i % len(colors)], hovertext=[f"{label}<br>{text}"], hoverinfo="text"),
                row=1, col=col,
            )
    totals = (params(b.params), macs(b.macs), units.nbytes(b.activation_bytes))
    tops = (b.params, b.macs, b.activation_bytes / MIB)
    for col, (text, top) in enumerate(zip(totals, tops, strict=True), start=1):
        fig.add_annotation(x="", y=top, text=f"<b>{text}</b>", showarrow=False, yshift=12, row=1, col=col)
    fig.update_yaxes(title_text="params", row=1, col=1)
    fig.update_yaxes(title_text="MACs", tickformat=".3s", row=1, col=2)
    fig.update_yaxes(title_text="MiB", row=1, col=3)
    fig.update_layout(barmode="stack", height=560, margin={"t": 60, "b": 20}, bargap=0.3,
                      legend={"orientation": "h", "yanchor": "top", "y": -0.06, "x": 0, "font": {"size": 11}})
    return fig


def sweep_figure(s: GroupSweep) -> go.Figure:
    """Counts, ratios to g = 1 and activation memory against g, on one shared log axis of g."""
    g = [p.groups for p in s.points]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.45, 0.35, 0.2],
                        subplot_titles=("parameters and multiply-adds", "ratio to g = 1 (dense 3×3)",
                                        "activation memory (MiB)"))
    pts = s.points
    series = (
        ("3×3 params", [p.conv_params for p in pts], [p.conv_params_ratio for p in pts], "params", "#636EFA", "solid"),
        ("block params", [p.block_params for p in pts], [p.block_params_ratio for p in pts], "params", "#636EFA", "dash"),
        ("3×3 MACs", [p.conv_macs for p in pts], [p.conv_macs_ratio for p in pts], "MACs", "#EF553B", "solid"),
        ("block MACs", [p.block_macs for p in pts], [p.block_macs_ratio for p in pts], "MACs", "#EF553B", "dash"),
    )
    for name, values, ratios, unit, color, dash in series:
        line = {"color": color, "dash": dash}
        fig.add_trace(go.Scatter(x=g, y=values, name=name, mode="lines+markers", line=line, legendgroup=name,
                                 hovertemplate=f"g=%{{x}}<br>%{{y:,}} {unit}<extra>{name}</extra>"), row=1, col=1)
        wide = {**line, "width": 5 if unit == "params" else 2}  # params under MACs: the 3×3's coincide
        fig.add_trace(go.Scatter(x=g, y=ratios, name=f"{name} ÷ g=1", mode="lines+markers", line=wide,
                                 legendgroup=name, showlegend=False,
                                 hovertemplate="g=%{x}<br>%{y:.1%} of g=1<extra>" + name + "</extra>"), row=2, col=1)
    fig.add_trace(go.Scatter(x=g, y=[1 / x for x in g], name="1/g", mode="lines", line={"color": "grey", "dash": "dot"},
                             hovertemplate="g=%{x}<br>1/g = %{y:.2%}<extra></extra>"), row=2, col=1)
    fig.add_trace(go.Scatter(x=g, y=[p.activation_bytes / MIB for p in s.points], name="activation memory",
                             mode="lines+markers", line={"color": "#00CC96"},
                             hovertemplate="g=%{x}<br>%{y:.3g} MiB<extra>activations</extra>"), row=3, col=1)
    for row in (1, 2, 3):
        fig.add_vline(x=s.current_groups, line={"color": "black", "width": 1, "dash": "dot"}, row=row, col=1)
    fig.update_xaxes(type="log", dtick=0.30102999566, tickformat="d")  # log axis with a tick at every power of 2
    fig.update_xaxes(title_text="groups g (cardinality), at a fixed grouped width", row=3, col=1)
    fig.update_yaxes(type="log", title_text="params / MACs", row=1, col=1)
    fig.update_yaxes(type="log", tickformat=".0%", title_text="÷ g = 1", row=2, col=1)
    fig.update_yaxes(title_text="MiB", rangemode="tozero", row=3, col=1)
    fig.update_layout(height=720, margin={"t": 40, "b": 20})
    return fig


def network_figure(n: NetworkBudget) -> go.Figure:
    """Params and MACs per stage; the stage that holds the block split into its copies and the rest."""
    names = [s.name for s in n.analysis.stages]
    fig = make_subplots(rows=1, cols=2, subplot_titles=("parameters (params)", "multiply-adds (MACs, 224×224 image)"))
    ctx = n.context
    # Split the stage only where the block is one of the network's own; a block that is merely set in the
    # same place (other groups or width) would be subtracted from a stage it is not part of.
    ctx = ctx if ctx is not None and ctx.exact else None
    for col, key, block_value, unit in ((1, "params", n.block_params, "params"), (2, "macs", n.block_macs, "MACs")):
        mine = [ctx.copies * block_value if ctx and s.name == n.holds_block else 0 for s in n.analysis.stages]
        rest = [getattr(s, key) - m for s, m in zip(n.analysis.stages, mine, strict=True)]
        fig.add_trace(go.Bar(x=names, y=rest, name="rest of the stage", marker_color="#9FB4D8", legendgroup="rest",
                             showlegend=col == 1, hovertemplate=f"%{{x}}<br>%{{y:,}} {unit}<extra></extra>"),
                      row=1, col=col)
        if ctx is not None:
            fig.add_trace(go.Bar(x=names, y=mine, name=f"this block × {ctx.copies}", marker_color="#EF553B",
                                 legendgroup="mine", showlegend=col == 1,
                                 hovertemplate=f"%{{x}}<br>%{{y:,}} {unit}<extra>this block × {ctx.copies}</extra>"),
                          row=1, col=col)
    fig.update_yaxes(title_text="params", tickformat=".3s", row=1, col=1)
    fig.update_yaxes(title_text="MACs", tickformat=".3s", row=1, col=2)
    fig.update_layout(barmode="stack", height=380, margin={"t": 50, "b": 20})
    return fig
