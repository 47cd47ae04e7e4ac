"""Plotly figures of the Run & time page: measured time, with its spread, against the theoretical ratios of a sweep."""

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from explorer.i18n import Say
from resblocks.bench import SweepRow

SPREAD_LIMIT = 0.2  # IQR / median above which a measurement is called noisy and a re-run offered


def power_of_two_ticks(values: list[float]) -> tuple[list[float], list[str]]:
    """Ticks at powers of two covering ``values``, written 1/8, 1/4, 1/2, 1, 2 as the 1/g story reads."""
    low = math.floor(math.log2(min(values)))
    high = math.ceil(math.log2(max(values)))
    powers = range(low, high + 1)
    return [2.0**k for k in powers], [str(2**k) if k >= 0 else f"1/{2**-k}" for k in powers]


def quartile_ratios(rows: Sequence[SweepRow]) -> tuple[list[float], list[float]]:
    """Each point's first and third quartile of time over the baseline's median (median ± IQR/2 where a file
    written before the quartiles were kept has only the IQR)."""
    base = rows[0].median_ms
    q1 = [(r.q1_ms if r.q1_ms is not None else r.median_ms - r.iqr_ms / 2) / base for r in rows]
    q3 = [(r.q3_ms if r.q3_ms is not None else r.median_ms + r.iqr_ms / 2) / base for r in rows]
    return q1, q3


def ratio_figure(rows: Sequence[SweepRow], kind: str, lang: str = "en") -> go.Figure:
    """Measured time ratio (median, with the interquartile range as error bars) against the theoretical ratios of
    parameters, MACs and the 3×3 convolutions. Block kinds are categories: markers side by side, never joined."""
    say = Say(lang)
    x = [r.groups for r in rows] if kind == "groups" else [r.label for r in rows]
    q1, q3 = quartile_ratios(rows)
    time = [r.time_ratio for r in rows]
    series = [
        (say("measured time (median, bars: IQR)"), time, {"width": 4, "color": "#d62728"}, "circle"),
        (say("block MACs"), [r.macs_ratio for r in rows], {"width": 2, "color": "#1f77b4", "dash": "dash"}, "square"),
        (say("block parameters"), [r.params_ratio for r in rows], {"width": 2, "color": "#2ca02c", "dash": "dot"},
         "x"),
    ]
    if kind == "groups":
        series.append((say("grouped 3×3 alone (1/g)"), [r.conv_ratio for r in rows],
                       {"width": 2, "color": "#7f7f7f", "dash": "dashdot"}, "diamond"))
    elif kind == "matched":
        # Table 2 widens the paths as g grows, so the 3×3's real ratio (from the counts) is far above 1/g.
        if all(r.conv3x3_ratio is not None for r in rows):
            series.append((say("the widened 3×3 alone (its MACs)"), [r.conv3x3_ratio for r in rows],
                           {"width": 2, "color": "#7f7f7f", "dash": "dashdot"}, "diamond"))
        series.append((say("1/g: what splitting a 3×3 of fixed width would give"), [r.conv_ratio for r in rows],
                       {"width": 1, "color": "#bbbbbb", "dash": "dot"}, "circle-open"))
    mode = "markers" if kind == "blocks" else "lines+markers"
    fig = go.Figure()
    for i, (name, y, line, symbol) in enumerate(series):
        hover = [f"{label} · {name}: {say.num(v, 3)}" for label, v in zip((r.label for r in rows), y, strict=True)]
        trace = {"x": x, "y": y, "name": name, "mode": mode, "line": line, "offsetgroup": str(i),
                 "marker": {"symbol": symbol, "size": 11 if kind == "blocks" else 9, "color": line["color"]},
                 "hovertext": hover, "hoverinfo": "text"}
        if i == 0:
            trace["error_y"] = {"type": "data", "symmetric": False, "array": [b - t for b, t in zip(q3, time, strict=True)],
                                "arrayminus": [t - a for a, t in zip(q1, time, strict=True)], "thickness": 2,
                                "width": 6, "color": line["color"]}
            trace["hovertext"] = [
                say("{point} · {name}: {ratio} (median {median} ms, IQR {low}–{high} ms)", point=r.label, name=name,
                    ratio=say.num(t, 3), median=say.num(r.median_ms, 3), low=say.num(a * rows[0].median_ms, 3),
                    high=say.num(b * rows[0].median_ms, 3))
                for r, t, a, b in zip(rows, time, q1, q3, strict=True)]
        fig.add_scatter(**trace)
    base = rows[0].label
    values = [v for _, y, _, _ in series for v in y] + q1 + q3
    ticks, labels = power_of_two_ticks([v for v in values if v > 0])
    fig.update_layout(height=460, margin={"t": 60, "b": 40},
                      legend={"orientation": "h", "y": -0.38 if kind == "blocks" else -0.25},
                      separators=say.plotly_separators, scattermode="group" if kind == "blocks" else "overlay",
                      title=say("Ratio to the baseline, {base}", base=base))
    fig.update_yaxes(type="log", tickvals=ticks, ticktext=labels, title=say("ratio (log scale)"))
    if kind == "groups":
        fig.update_xaxes(type="log", tickvals=x, ticktext=[str(g) for g in x],
                         title=say("groups g (same grouped width)"))
    elif kind == "matched":
        fig.update_xaxes(type="category", title=say("cardinality × channels per path (Table 2, equal parameters)"))
    else:
        fig.update_xaxes(type="category", title=say("block kind (each at the baseline's MACs)"))
    return fig
