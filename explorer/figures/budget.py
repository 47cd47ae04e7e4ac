"""Figures of the Budget page, as Vega-Lite: a chart is a spec (the same for every configuration) and a
table of plain rows (what changes). Streamlit draws them with Vega, which the browser redraws from new rows
far faster than Plotly redraws a figure (the page's three Plotly figures took about 0.4 s of the browser's
time per change on a 2-core machine), and every chart fits the width it is given, down to a phone's."""

from __future__ import annotations

from resblocks import units
from resblocks.analysis import Analysis
from resblocks.budget import GroupSweep, NetworkBudget

MIB = 2**20
Chart = tuple[list[dict], dict]  # (rows, Vega-Lite spec without data)


def macs(n: int) -> str:
    return units.count(n, "MACs")


def params(n: int) -> str:
    return f"{n:,} params"


def _legend(columns: int, **extra: object) -> dict:
    return {"orient": "bottom", "direction": "vertical", "columns": columns, "title": None, "labelLimit": 260, **extra}


def per_layer_chart(b: Analysis) -> Chart:
    """Three bars, one per measure (params, MACs, activation memory), each the block's total split into its
    layers as shares of 100 %; the totals are in the bars' names, every segment's amount in its tooltip."""
    measures = (("parameters", b.params, params), ("multiply-adds", b.macs, macs),
                ("activations", b.activation_bytes, units.nbytes))
    rows = []
    for i, layer in enumerate(b.layers):
        for (name, total, fmt), value in zip(measures, (layer.params, layer.macs, layer.activation_bytes), strict=True):
            rows.append({"measure": f"{name}: {fmt(total)}", "layer": f"{layer.name}: {layer.description}",
                         "order": i, "value": value, "amount": fmt(value), "share": value / total if total else 0.0})
    spec = {
        "mark": {"type": "bar", "tooltip": True},
        "height": 620,
        "encoding": {
            "x": {"field": "measure", "type": "nominal", "sort": None, "title": None,  # "name: total" on two lines
                  "axis": {"labelAngle": 0, "labelLimit": 200, "labelExpr": "split(datum.label, ': ')",
                           "labelOverlap": False}},
            "y": {"field": "value", "type": "quantitative", "stack": "normalize", "title": "share of the total",
                  "axis": {"format": "%"}},
            "color": {"field": "layer", "type": "nominal", "sort": {"field": "order"},
                      "scale": {"scheme": "tableau20"}, "legend": _legend(1)},
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [{"field": "layer", "title": "layer"}, {"field": "amount", "title": "amount"},
                        {"field": "share", "title": "share", "format": ".1%"}],
        },
    }
    return rows, spec


SWEEP_SERIES = {  # name → (colour, dash)
    "3×3 params": ("#4c78a8", []),
    "3×3 MACs": ("#e45756", [2, 2]),
    "block params": ("#4c78a8", [8, 4]),
    "block MACs": ("#e45756", [8, 4, 2, 4]),
    "activation memory": ("#54a24b", []),
    "1/g": ("#888888", [1, 3]),
}


def sweep_chart(s: GroupSweep) -> Chart:
    """Each measure's ratio to g = 1 against g (log-log): the 3×3's params and MACs on the 1/g line, the whole
    block above it, activation memory flat at 100 %. The current g is ringed; amounts are in the tooltips."""
    rows = []
    for p in s.points:
        current = p.groups == s.current_groups
        for name, ratio, amount in (
            ("3×3 params", p.conv_params_ratio, params(p.conv_params)),
            ("3×3 MACs", p.conv_macs_ratio, macs(p.conv_macs)),
            ("block params", p.block_params_ratio, params(p.block_params)),
            ("block MACs", p.block_macs_ratio, macs(p.block_macs)),
            ("activation memory", 1.0, units.nbytes(p.activation_bytes)),
            ("1/g", 1 / p.groups, f"1/{p.groups}"),
        ):
            rows.append({"g": p.groups, "series": name, "ratio": ratio, "amount": amount, "current": current})
    domain = list(SWEEP_SERIES)
    legend = _legend(3, symbolType="stroke", symbolStrokeWidth=2, symbolSize=400)
    color = {"field": "series", "type": "nominal", "title": None, "legend": legend,
             "scale": {"domain": domain, "range": [c for c, _ in SWEEP_SERIES.values()]}}
    dash = {"field": "series", "type": "nominal", "title": None, "legend": legend,  # the same legend: merged into one
            "scale": {"domain": domain, "range": [d for _, d in SWEEP_SERIES.values()]}}
    x = {"field": "g", "type": "quantitative", "scale": {"type": "log", "base": 2}, "title": "groups g, at a fixed width",
         "axis": {"format": "d", "values": [p.groups for p in s.points], "labelOverlap": True}}
    y = {"field": "ratio", "type": "quantitative", "scale": {"type": "log", "base": 2}, "title": "÷ g = 1",
         "axis": {"format": ".3~%", "values": [1 / p.groups for p in s.points], "labelOverlap": True}}
    tooltip = [{"field": "series"}, {"field": "g"}, {"field": "amount"},
               {"field": "ratio", "title": "÷ g = 1", "format": ".2%"}]
    spec = {
        "height": 420,
        "encoding": {"x": x, "y": y},
        "layer": [
            {"mark": {"type": "line", "tooltip": True, "strokeWidth": 2},
             "encoding": {"color": color, "strokeDash": dash, "tooltip": tooltip}},
            {"mark": {"type": "point", "filled": True, "size": 30, "tooltip": True},
             "encoding": {"color": {**color, "legend": None}, "tooltip": tooltip}},
            {"transform": [{"filter": "datum.current"}],
             "mark": {"type": "point", "size": 220, "strokeWidth": 2, "filled": False, "color": "black"},
             "encoding": {"tooltip": tooltip}},
        ],
    }
    return rows, spec


def network_chart(n: NetworkBudget) -> Chart:
    """Each stage's share of the network's params and of its MACs, side by side; the stage that holds the block
    split into its copies and the rest."""
    ctx = n.context
    # Split the stage only where the block is one of the network's own; a block that is merely set in the
    # same place (other groups or width) would be subtracted from a stage it is not part of.
    ctx = ctx if ctx is not None and ctx.exact else None
    mine_name = f"this block × {ctx.copies}" if ctx else ""
    rows = []
    measures = ["params", "MACs (224×224 image)"]
    for measure, key, block_value, fmt in ((measures[0], "params", n.block_params, params),
                                           (measures[1], "macs", n.block_macs, macs)):
        total = sum(getattr(s, key) for s in n.analysis.stages)
        for s in n.analysis.stages:
            mine = ctx.copies * block_value if ctx and s.name == n.holds_block else 0
            for part, value in (("rest of the stage", getattr(s, key) - mine), (mine_name, mine)):
                if value or part == "rest of the stage":
                    rows.append({"stage": s.name, "measure": measure, "part": part, "value": value,
                                 "amount": fmt(value), "share": value / total if total else 0.0})
    parts = ["rest of the stage"] + ([mine_name] if ctx else [])
    spec = {
        "mark": {"type": "bar", "tooltip": True},
        "height": 360,
        "encoding": {
            "x": {"field": "stage", "type": "nominal", "sort": None, "title": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "measure", "type": "nominal", "sort": None},
            "y": {"field": "share", "type": "quantitative", "stack": "zero", "title": "share of the network",
                  "axis": {"format": "%"}},
            "color": {"field": "part", "type": "nominal", "title": None, "legend": _legend(2),
                      "scale": {"domain": parts, "range": ["#9fb4d8", "#e45756"][: len(parts)]}},
            "opacity": {"field": "measure", "type": "nominal", "title": None, "legend": _legend(2),
                        "scale": {"domain": measures, "range": [1.0, 0.45]}},
            "tooltip": [{"field": "stage"}, {"field": "measure"}, {"field": "part"}, {"field": "amount"},
                        {"field": "share", "format": ".1%"}],
        },
    }
    return rows, spec
