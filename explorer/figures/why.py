"""Figures of the Why page: gradient flow, shattered gradients, paths, the training race and the lesion study.

Every function takes ``t``, the page's translator (key → text in the chosen language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from resblocks.gradflow import GradFlow, PathGradients, Shattered
from resblocks.training import Race

COLOURS = {"plain": "#d62728", "basic": "#1f77b4", "preact": "#2ca02c", "bottleneck": "#9467bd",
           "resnext": "#ff7f0e", "preact_bottleneck": "#17becf"}
SMOOTH = 10  # steps in the running mean of the race's curves
T = Callable[[str], str]


def _fade(colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=title, height=height, margin={"t": 50, "b": 40},
                      legend={"orientation": "h", "y": -0.2})
    return fig


def gradflow_figure(flows: Sequence[GradFlow], names: Sequence[str], t: T) -> go.Figure:
    """Gradient norm of each block's weights against its position, log scale, one line per stack."""
    fig = go.Figure()
    for flow, name, colour in zip(flows, names, ("#d62728", "#1f77b4", "#2ca02c"), strict=False):
        fig.add_scatter(x=list(range(1, len(flow.norms) + 1)), y=list(flow.norms), mode="lines+markers",
                        name=f"{name}: {t('why.l.ratio_short')} {flow.ratio:,.3g}", line={"color": colour})
    fig.update_yaxes(type="log", title=t("why.l.grad_axis"))
    fig.update_xaxes(title=t("why.l.block_axis"))
    return _layout(fig, t("why.l.grad_title"))


def shattered_figure(plain: Shattered, residual: Shattered, t: T) -> go.Figure:
    """Balduzzi et al.'s Fig. 1 (gradient along the line) beside the autocorrelation of that gradient."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("why.l.shatter_left"), t("why.l.shatter_right")))
    for s, name, colour in ((plain, t("why.l.plain"), "#d62728"), (residual, t("why.l.residual"), "#1f77b4")):
        scale = max(abs(v) for v in s.gradient) or 1.0
        fig.add_scatter(x=list(s.t), y=[v / scale for v in s.gradient], name=name, line={"color": colour},
                        row=1, col=1)
        fig.add_scatter(x=list(range(len(s.autocorrelation))), y=list(s.autocorrelation), name=name,
                        line={"color": colour}, showlegend=False, row=1, col=2)
    fig.update_xaxes(title="t", row=1, col=1)
    fig.update_yaxes(title=t("why.l.shatter_y"), row=1, col=1)
    fig.update_xaxes(title=t("why.l.lag"), row=1, col=2)
    fig.update_yaxes(title=t("why.l.autocorr"), range=[-0.4, 1.05], row=1, col=2)
    return _layout(fig, t("why.l.shatter_title"))


def paths_figure(p: PathGradients, t: T) -> go.Figure:
    """Veit et al.'s Fig. 6: how many paths have each length, the gradient along one, and their product."""
    k = list(range(len(p.count)))
    fig = make_subplots(rows=1, cols=3, subplot_titles=(t("why.l.paths_a"), t("why.l.paths_b"), t("why.l.paths_c")))
    fig.add_bar(x=k, y=list(p.fraction), marker_color="#7f7f7f", showlegend=False, row=1, col=1)
    fig.add_scatter(x=k, y=list(p.grad_norm), mode="lines+markers", line={"color": "#2ca02c"}, showlegend=False,
                    row=1, col=2)
    fig.add_bar(x=k, y=list(p.share), marker_color="#1f77b4", showlegend=False, row=1, col=3)
    fig.update_yaxes(type="log", row=1, col=2)
    for col in (1, 2, 3):
        fig.update_xaxes(title=t("why.l.path_length"), row=1, col=col)
    return _layout(fig, t("why.l.paths_title"), height=380)


def _smooth(values: Sequence[float], n: int = SMOOTH) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= n:
            total -= values[i - n]
        out.append(total / min(i + 1, n))
    return out


def race_figure(race: Race, metric: str, t: T, total_steps: int) -> go.Figure:
    """Mean over the seeds of the smoothed ``metric`` ("loss" or "accuracy"), the seeds' range as a band."""
    fig = go.Figure()
    for kind in race.config.kinds:
        curves = [_smooth(list(getattr(r, metric))) for r in race.runs if r.kind == kind]
        n = min(len(c) for c in curves)
        if n == 0:
            continue
        steps = list(range(1, n + 1))
        columns = [[c[i] for c in curves] for i in range(n)]
        colour = COLOURS[kind]
        name = t("why.l.plain") if kind == "plain" else kind
        fig.add_scatter(x=steps + steps[::-1], y=[max(c) for c in columns] + [min(c) for c in columns][::-1],
                        fill="toself", fillcolor=_fade(colour), line={"width": 0}, hoverinfo="skip",
                        showlegend=False, legendgroup=kind)
        fig.add_scatter(x=steps, y=[sum(c) / len(c) for c in columns], name=name, line={"color": colour, "width": 2.5},
                        legendgroup=kind)
    fig.update_xaxes(title=t("why.l.step"), range=[0, total_steps])
    if metric == "loss":
        fig.update_yaxes(title=t("why.l.loss_axis"), rangemode="tozero")
        title = t("why.l.loss_title")
    else:
        fig.update_yaxes(title=t("why.l.acc_axis"), range=[0, 1], tickformat=".0%")
        title = t("why.l.acc_title")
    return _layout(fig, title, height=380)


def lesion_figure(race: Race, t: T) -> go.Figure:
    """Test accuracy left after deleting block i, mean over seeds; dotted: the intact network."""
    fig = go.Figure()
    for kind in race.config.kinds:
        lesions = [les for les in race.lesions if les.kind == kind]
        if not lesions:
            continue
        depth = len(lesions[0].without)
        colour = COLOURS[kind]
        name = t("why.l.plain") if kind == "plain" else kind
        mean = [sum(les.without[i] for les in lesions) / len(lesions) for i in range(depth)]
        fig.add_scatter(x=list(range(1, depth + 1)), y=mean, mode="lines+markers", name=name,
                        line={"color": colour}, legendgroup=kind)
        full = sum(les.full for les in lesions) / len(lesions)
        fig.add_scatter(x=[1, depth], y=[full, full], mode="lines", line={"color": colour, "dash": "dot"},
                        showlegend=False, hoverinfo="skip", legendgroup=kind)
    fig.add_hline(y=0.1, line={"color": "#7f7f7f", "dash": "dash"}, annotation_text=t("why.l.chance"))
    fig.update_xaxes(title=t("why.l.deleted_axis"), dtick=1 if race.config.depth <= 20 else None)
    fig.update_yaxes(title=t("why.l.test_acc_axis"), range=[0, 1], tickformat=".0%")
    return _layout(fig, t("why.l.lesion_title"), height=400)
