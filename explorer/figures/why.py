"""Figures of the Why page: gradient flow, shattered gradients, paths, the training race and the lesion study.

The gradient flow, the one figure a page load draws, is SVG drawn on the server (explorer/figures/svg.py), so that
the page's first load runs no chart library: no Plotly code (PlotlyChart.*.js, about 4.7 MB) and no Vega (about
0.8 MB, which made the page's cold first render 2.34× a floor app's); the others are Plotly and load it when shown.

Every function takes ``say``, the page's translator (explorer.i18n.Say): titles, axes, legends and hover text
in the reader's language, numbers with its decimal and thousands marks (layout.separators), a percentage as
"%50" in Turkish.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer.figures import svg
from explorer.figures.svg import Layout, fmt, text
from explorer.i18n import Say
from resblocks.gradflow import GradFlow, PathGradients, Shattered
from resblocks.training import Race

COLOURS = {"plain": "#d62728", "basic": "#1f77b4", "preact": "#2ca02c", "bottleneck": "#9467bd",
           "resnext": "#ff7f0e", "preact_bottleneck": "#17becf"}
SMOOTH = 10  # steps in the running mean of the race's curves
PCT_TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
TITLE_WIDTH = 40  # characters per line of a chart's title: a phone's width, or half of a wide page


def kind_name(kind: str, say: Say) -> str:
    """A race or stack kind as a reader sees it: the codes stay (they are the link's values), plain and
    pre-activation get a word of explanation in Turkish."""
    if kind == "plain":
        return say("plain")
    if kind == "preact":
        return say("pre-activation")
    return kind


def listed(items: Sequence[object], say: Say) -> str:
    """0, 1, 2 → "0, 1, 2" (en) or "0, 1 ve 2" (tr): a list of numbers that never reads as a decimal."""
    words = [str(i) for i in items]
    if say.lang != "tr" or len(words) < 2:
        return ", ".join(words)
    return f"{', '.join(words[:-1])} ve {words[-1]}"


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def ratio_text(r: float, say: Say) -> str:
    """A growth factor as a reader writes it: "1.31×", "36,940×", "1.69·10¹⁴×" (Turkish marks in Turkish)."""
    if not math.isfinite(r):
        return "∞"
    if r >= 1e6:
        exponent = math.floor(math.log10(r))
        return say("{m:.2f}·10{e}×", m=r / 10**exponent, e=str(exponent).translate(_SUPERSCRIPT))
    return say("{r:,.0f}×", r=r) if r >= 1000 else say("{r:.3g}×", r=r)


def _fade(colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _wrapped(title: str, width: int = TITLE_WIDTH) -> str:
    """A title broken into lines of at most ``width`` characters, so that it fits a half-width chart or a phone."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _layout(fig: go.Figure, title: str, say: Say, height: int = 420, top: int = 80) -> go.Figure:
    """Title (wrapped, at the top of a ``top`` px margin that leaves room for subplot titles), numbers in the
    reader's way, legend below."""
    fig.update_layout(title={"text": _wrapped(title), "font": {"size": 15}, "y": 1, "yref": "container",
                             "yanchor": "top", "pad": {"t": 12}},
                      height=height, margin={"t": top, "b": 40},
                      separators=say.plotly_separators, legend={"orientation": "h", "y": -0.2},
                      hoverlabel={"namelength": -1})
    return fig


def _hover(x_label: str, y_label: str, y: str = "%{y:.3g}", x: str = "%{x}") -> str:
    """A hover text with the axes' names: "training step: 12<br>loss: 0,345"; the trace's name beside it."""
    return f"{x_label}: {x}<br>{y_label}: {y}"


def _pct_hover(x_label: str, y_label: str, xs: Sequence[int], fractions: Sequence[float], say: Say) -> dict:
    """Hover texts for a trace of fractions, written out per point ("%93,1" in Turkish, where Plotly would write
    "93,1%")."""
    return {"hovertext": [f"{x_label}: {x}<br>{y_label}: {say.pct(v)}" for x, v in zip(xs, fractions, strict=True)],
            "hoverinfo": "text+name"}


def _pct_axis(fig: go.Figure, say: Say, **where: int) -> None:
    """A 0 … 1 axis with its ticks as percentages in the reader's way ("50%", "%50")."""
    fig.update_yaxes(range=[0, 1], tickvals=list(PCT_TICKS), ticktext=[say.pct(v, 0) for v in PCT_TICKS], **where)


def _power_of_ten(value: float, say: Say) -> str:
    """A gradient norm as a reader reads it off a log axis: "3.07·10⁻⁵" ("3,07·10⁻⁵" in Turkish)."""
    exponent = math.floor(math.log10(value))
    mantissa = value / 10**exponent
    if round(mantissa, 2) >= 10:  # 9.996·10⁻⁵ rounds to 10.00: one decade up
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{say.num(mantissa, 2)}·10{str(exponent).translate(_SUPERSCRIPT)}"


GRADFLOW_COLOURS = ("#d62728", "#1f77b4", "#2ca02c")  # plain, v1, pre-activation


def _decade(exponent: int) -> str:
    """A log axis's tick: 10⁻⁵."""
    return f"10{str(exponent).translate(_SUPERSCRIPT)}"


def gradflow_chart(flows: Sequence[GradFlow], names: Sequence[str], say: Say, alt: str = "") -> str:
    """Gradient norm of each block's weights against its position, one line per stack, as HTML (a title, the SVG in
    two layouts, the legend). The y axis is logarithmic over whole decades, each tick written as a power of ten
    (10⁻⁵); each point's stack, block and norm in its tooltip, its norm as ``data-value``. A norm that is not
    positive and finite has no point."""
    legend_names = [say("{name}: first/last {ratio}", name=name, ratio=ratio_text(flow.ratio, say))
                    for flow, name in zip(flows, names, strict=False)]
    # Each stack's points, (block, norm, the norm as written), the same in both layouts.
    series = [[(i, v, _power_of_ten(v, say)) for i, v in enumerate(flow.norms, start=1) if v > 0 and math.isfinite(v)]
              for flow in flows[:len(legend_names)]]
    logs = [math.log10(v) for points in series for _, v, _ in points] or [0.0]
    low, high = math.floor(min(logs)), math.ceil(max(logs))
    decades = (low, max(high, low + 1))  # at least two ticks
    blocks = max((len(flow.norms) for flow in flows), default=1)
    figures = [_gradflow_figure(series, legend_names, decades, blocks, say, layout, alt)
               for layout in (svg.WIDE, svg.NARROW)]
    legend = svg.legend(list(zip(legend_names, GRADFLOW_COLOURS, strict=False)), line=[[] for _ in legend_names])
    title = say("Gradient norm of each block's weights after one backward pass")
    return svg.chart(figures, legend, title=title)


def _gradflow_figure(series: list[list[tuple[int, float, str]]], names: Sequence[str], decades: tuple[int, int],
                     blocks: int, say: Say, layout: Layout, alt: str) -> str:
    w, h = layout.width, layout.height
    left, right, top, bottom = 66, w - 14, 14, h - 44
    inset = 8  # block 1 and the last block clear of the axes
    low, high = decades
    per_block = (right - left - 2 * inset) / max(blocks - 1, 1)

    def x_of(block: float) -> float:
        return left + inset + (block - 1) * per_block

    def y_of(exponent: float) -> float:
        return bottom - (exponent - low) / (high - low) * (bottom - top)

    # Every decade while they are 18 units apart or more, else every 2nd, 5th, 10th… (a multiple of it).
    every = next((k for k in (1, 2, 5, 10, 20, 50) if k * (bottom - top) / (high - low) >= 18), 100)
    exponents = [e for e in range(low, high + 1) if e % every == 0]
    body = [svg.y_axis(exponents, y_of, left, right, [_decade(e) for e in exponents],
                       say("‖∂loss/∂weights‖ (log scale)"), 14)]
    # Integer ticks: every block while they are 28 units apart or more, else every 2nd, 5th, 10th… block, and
    # block 1 where it is not crowded by the first of those.
    step = next((k for k in (1, 2, 5, 10, 20, 25, 50) if k * per_block >= 28), 100)
    ticks = list(range(step, blocks + 1, step)) if step > 1 else list(range(1, blocks + 1))
    if step > 1 and (not ticks or ticks[0] - 1 >= 0.75 * step):
        ticks.insert(0, 1)
    for block in ticks:
        x = x_of(block)
        body.append(svg.line(x, bottom, x, bottom + 4))
        body.append(text(x, bottom + 17, str(block)))
    body.append(svg.line(left, bottom, right, bottom))
    body.append(text((left + right) / 2, h - 8, say("block (1 = next to the input)"), weight="600"))
    radius = max(2.0, min(3.5, per_block / 3))
    dots = []
    for k, (points, name, colour) in enumerate(zip(series, names, GRADFLOW_COLOURS, strict=False)):
        at = [(x_of(i), y_of(math.log10(v))) for i, v, _ in points]
        body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                    + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in at) + '"/>')
        for (i, v, shown), (x, y) in zip(points, at, strict=True):
            dots.append(f'<circle class="held-mark" cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(radius)}" fill="{colour}" '
                        f'data-series="{k}" data-block="{i}" data-value="{svg.exact(v)}">'
                        + svg.tip([(say("stack"), name), (say("block"), str(i)), (say("gradient norm"), shown)])
                        + "</circle>")
    body += dots  # over every line
    return svg.document(layout, "".join(body), alt)


def shattered_figure(plain: Shattered, residual: Shattered, say: Say) -> go.Figure:
    """Balduzzi et al.'s Fig. 1 (gradient along the line) beside the autocorrelation of that gradient."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(_wrapped(say("df/dt along the line (scaled to ±1)"), 16),
                                                        _wrapped(say("autocorrelation of df/dt"), 16)))
    fig.update_annotations(font_size=12)
    y_label, lag, autocorr = say("df/dt, scaled"), say("lag (points)"), say("autocorrelation")
    for s, name, colour in ((plain, kind_name("plain", say), "#d62728"),
                            (residual, say("residual"), "#1f77b4")):
        scale = max(abs(v) for v in s.gradient) or 1.0
        fig.add_scatter(x=list(s.t), y=[v / scale for v in s.gradient], name=name, line={"color": colour},
                        hovertemplate=_hover("t", y_label, "%{y:.2f}", "%{x:.2f}"), row=1, col=1)
        fig.add_scatter(x=list(range(len(s.autocorrelation))), y=list(s.autocorrelation), name=name,
                        line={"color": colour}, showlegend=False, hovertemplate=_hover(lag, autocorr, "%{y:.2f}"),
                        row=1, col=2)
    fig.update_xaxes(title="t", row=1, col=1)
    fig.update_yaxes(title=y_label, row=1, col=1)
    fig.update_xaxes(title=lag, row=1, col=2)
    fig.update_yaxes(range=[-0.4, 1.05], row=1, col=2)  # its title is the subplot's
    return _layout(fig, say("Gradient with respect to a 1-D sweep of inputs"), say, height=470, top=130)


def paths_figure(p: PathGradients, say: Say) -> go.Figure:
    """Veit et al.'s Fig. 6: how many paths have each length, the gradient along one, and their product."""
    k = list(range(len(p.count)))
    titles = (say("share of paths of length k"), say("gradient along one path (log)"), say("share of the gradient"))
    length = say("path length k")
    fig = make_subplots(rows=1, cols=3, subplot_titles=[_wrapped(t, 15) for t in titles])
    fig.update_annotations(font_size=12)
    fig.add_bar(x=k, y=list(p.fraction), marker_color="#7f7f7f", showlegend=False, name=titles[0],
                hovertemplate=_hover(length, say("share"), "%{y:.3g}"), row=1, col=1)
    fig.add_scatter(x=k, y=list(p.grad_norm), mode="lines+markers", line={"color": "#2ca02c"}, showlegend=False,
                    name=titles[1], hovertemplate=_hover(length, say("gradient norm")), row=1, col=2)
    fig.add_bar(x=k, y=list(p.share), marker_color="#1f77b4", showlegend=False, name=titles[2],
                hovertemplate=_hover(length, say("share"), "%{y:.3g}"), row=1, col=3)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=2)
    for col in (1, 2, 3):
        fig.update_xaxes(title=length, row=1, col=col)
    return _layout(fig, say("Path lengths: binomial count, measured gradient, and their product"), say, height=460,
                   top=150)


def _smooth(values: Sequence[float], n: int = SMOOTH) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= n:
            total -= values[i - n]
        out.append(total / min(i + 1, n))
    return out


def race_figure(race: Race, metric: str, say: Say, total_steps: int) -> go.Figure:
    """Mean over the seeds of the smoothed ``metric`` ("loss" or "accuracy"), the seeds' range as a band."""
    fig = go.Figure()
    step = say("training step")
    for kind in race.config.kinds:
        curves = [_smooth(list(getattr(r, metric))) for r in race.runs if r.kind == kind]
        n = min(len(c) for c in curves)
        if n == 0:
            continue
        steps = list(range(1, n + 1))
        columns = [[c[i] for c in curves] for i in range(n)]
        colour = COLOURS[kind]
        mean = [sum(c) / len(c) for c in columns]
        fig.add_scatter(x=steps + steps[::-1], y=[max(c) for c in columns] + [min(c) for c in columns][::-1],
                        mode="lines", fill="toself", fillcolor=_fade(colour), line={"width": 0}, hoverinfo="skip",
                        showlegend=False, legendgroup=kind)
        if metric == "loss":
            hover = {"hovertemplate": _hover(step, say("loss"))}
        else:
            hover = _pct_hover(step, say("accuracy"), steps, mean, say)
        fig.add_scatter(x=steps, y=mean, mode="lines", name=kind_name(kind, say), line={"color": colour, "width": 2.5},
                        legendgroup=kind, **hover)
    fig.update_xaxes(title=step, range=[0, total_steps])
    if metric == "loss":
        fig.update_yaxes(title=say("training loss (cross-entropy)"), rangemode="tozero")
        title = say("Training loss: mean of the seeds, band from lowest to highest")
    else:
        fig.update_yaxes(title=say("accuracy on the training batch"))
        _pct_axis(fig, say)
        title = say("Training accuracy: mean of the seeds, band from lowest to highest")
    return _layout(fig, title, say, height=380)


def lesion_figure(race: Race, say: Say) -> go.Figure:
    """Test accuracy left after deleting block i, mean over seeds; dotted: the intact network."""
    fig = go.Figure()
    deleted, accuracy = say("deleted block"), say("test accuracy")
    for kind in race.config.kinds:
        lesions = [les for les in race.lesions if les.kind == kind]
        if not lesions:
            continue
        depth = len(lesions[0].without)
        colour = COLOURS[kind]
        mean = [sum(les.without[i] for les in lesions) / len(lesions) for i in range(depth)]
        fig.add_scatter(x=list(range(1, depth + 1)), y=mean, mode="lines+markers", name=kind_name(kind, say),
                        line={"color": colour}, legendgroup=kind,
                        **_pct_hover(deleted, accuracy, range(1, depth + 1), mean, say))
        full = sum(les.full for les in lesions) / len(lesions)
        fig.add_scatter(x=[1, depth], y=[full, full], mode="lines", line={"color": colour, "dash": "dot"},
                        showlegend=False, hoverinfo="skip", legendgroup=kind)
    fig.add_hline(y=0.1, line={"color": "#7f7f7f", "dash": "dash"}, annotation_text=say("chance"))
    fig.update_xaxes(title=deleted, dtick=1 if race.config.depth <= 20 else None)
    fig.update_yaxes(title=accuracy)
    _pct_axis(fig, say)
    return _layout(fig, say("Test accuracy after deleting one block (mean of the seeds)"), say, height=400)
