"""Figures of the Budget page, as Vega-Lite: a chart is a spec (the same for every configuration of one language)
and a table of plain rows (what changes). Streamlit draws them with Vega, which the browser redraws from new rows
far faster than Plotly redraws a figure (the page's three Plotly figures took about 0.4 s of the browser's
time per change on a 2-core machine), and every chart fits the width it is given, down to a phone's.

Every word a reader sees (axis, legend and tooltip titles, the bars' and series' names, amounts) comes through
``say``, and ``config.locale`` is the language's number format (a decimal comma and a dot between thousands in
Turkish). Row fields are named in snake_case: they are keys, never shown; every encoding carries its own title.
Turkish writes a percentage with the sign first (%20), which d3-format cannot, so those axes draw their labels
with a ``labelExpr`` and tooltips show amounts written by ``say``.
"""

from __future__ import annotations

from explorer.figures import vega
from explorer.figures.vega import Chart
from explorer.i18n import Say
from resblocks.analysis import Analysis
from resblocks.budget import GroupSweep, NetworkBudget

MIB = 2**20
EN = Say("en")


def macs(n: int, say: Say) -> str:
    return say.count(n, "MACs")


def params(n: int, say: Say) -> str:
    return say("{n:,} params", n=n)


def per_layer_chart(b: Analysis, say: Say = EN) -> Chart:
    """Three bars, one per measure (params, MACs, activation memory), each the block's total split into its
    layers as shares of 100 %; the totals are in the bars' names, every segment's amount in its tooltip."""
    measures = ((say("parameters"), b.params, lambda n: params(n, say)),
                (say("multiply-adds"), b.macs, lambda n: macs(n, say)),
                (say("activations"), b.activation_bytes, say.nbytes))
    rows = []
    for i, layer in enumerate(b.layers):
        for k, ((name, total, fmt), value) in enumerate(zip(measures, (layer.params, layer.macs, layer.activation_bytes),
                                                              strict=True)):
            share = value / total if total else 0.0
            rows.append({"bar_name": f"{name}: {fmt(total)}", "bar_index": k, "layer_name": f"{layer.name}: {layer.description}",
                         "layer_index": i, "raw_value": value, "amount_text": fmt(value),
                         "share_text": say.pct(share)})
    spec = {
        "mark": {"type": "bar", "tooltip": True},
        "height": 620,
        "encoding": {
            # In the measures' order, by index: a chart drawn at every g (vega.held_rows) keeps the order of its
            # first rows for a name that stays (the activations' total, the same at every g) and puts new ones after.
            "x": {"field": "bar_name", "type": "nominal", "sort": {"field": "bar_index", "op": "min"}, "title": None,
                  "axis": {"labelAngle": 0, "labelLimit": 200, "labelExpr": "split(datum.label, ': ')",
                           "labelOverlap": False}},
            "y": {"field": "raw_value", "type": "quantitative", "stack": "normalize", "title": say("share of the total"),
                  "axis": vega.percent_axis(say)},
            "color": {"field": "layer_name", "type": "nominal", "sort": {"field": "layer_index"}, "title": None,
                      "scale": {"scheme": "tableau20"}, "legend": vega.legend(1)},
            "order": {"field": "layer_index", "type": "quantitative", "title": None},
            "tooltip": [{"field": "layer_name", "title": say("layer")}, {"field": "amount_text", "title": say("amount")},
                        {"field": "share_text", "title": say("share")}],
        },
    }
    return rows, vega.spec(say, spec)


SWEEP_SERIES = {  # English name → (colour, dash); the legend shows the name in the page's language
    "3×3 params": ("#4c78a8", []),
    "3×3 MACs": ("#e45756", [2, 2]),
    "block params": ("#4c78a8", [8, 4]),
    "block MACs": ("#e45756", [8, 4, 2, 4]),
    "activation memory": ("#54a24b", []),
    "1/g": ("#888888", [1, 3]),
}


def sweep_chart(s: GroupSweep, say: Say = EN, follows: bool = True) -> Chart:
    """Each measure's ratio to g = 1 against g (log-log): the 3×3's params and MACs on the 1/g line, the whole
    block above it, activation memory flat at 100 %. The g shown is ringed (the rows are the same at every g of the
    width: the ring follows the page's held views in the browser, vega.held_g; ``follows=False``: the page shows
    another block, whose sweep is the resnext block's, and the ring stays on its g); amounts are in the tooltips."""
    rows = []
    for p in s.points:
        for name, ratio, amount in (
            ("3×3 params", p.conv_params_ratio, params(p.conv_params, say)),
            ("3×3 MACs", p.conv_macs_ratio, macs(p.conv_macs, say)),
            ("block params", p.block_params_ratio, params(p.block_params, say)),
            ("block MACs", p.block_macs_ratio, macs(p.block_macs, say)),
            ("activation memory", 1.0, say.nbytes(p.activation_bytes)),
            ("1/g", 1 / p.groups, f"1/{p.groups}"),
        ):
            rows.append({"g": p.groups, "series_name": say(name), "ratio_to_dense": ratio, "amount_text": amount,
                         "ratio_text": say.pct(ratio, 2), "run_g": s.current_groups})
    domain = [say(name) for name in SWEEP_SERIES]
    legend = vega.legend(2, symbolType="stroke", symbolStrokeWidth=2, symbolSize=200, columnPadding=12)  # 3: clipped on a phone
    color = {"field": "series_name", "type": "nominal", "title": None, "legend": legend,
             "scale": {"domain": domain, "range": [c for c, _ in SWEEP_SERIES.values()]}}
    dash = {"field": "series_name", "type": "nominal", "title": None, "legend": legend,  # the same legend: merged
            "scale": {"domain": domain, "range": [d for _, d in SWEEP_SERIES.values()]}}
    x = {"field": "g", "type": "quantitative", "scale": {"type": "log", "base": 2},
         "title": say("groups g, at a fixed width"),
         "axis": {"format": "d", "values": [p.groups for p in s.points], "labelOverlap": True}}
    y = {"field": "ratio_to_dense", "type": "quantitative", "scale": {"type": "log", "base": 2},
         "title": say("÷ g = 1"),
         "axis": {**vega.percent_axis(say, ".3~%", ".3~f"), "values": [1 / p.groups for p in s.points], "labelOverlap": True}}
    tooltip = [{"field": "series_name", "title": say("measure")}, {"field": "g", "title": "g"},
               {"field": "amount_text", "title": say("amount")}, {"field": "ratio_text", "title": say("÷ g = 1")}]
    spec = {
        "height": 420,
        "encoding": {"x": x, "y": y},
        "layer": [
            {"mark": {"type": "line", "tooltip": True, "strokeWidth": 2},
             "encoding": {"color": color, "strokeDash": dash, "tooltip": tooltip}},
            {"mark": {"type": "point", "filled": True, "size": 30, "tooltip": True},
             "encoding": {"color": {**color, "legend": None}, "tooltip": tooltip}},
            {"transform": [{"filter": "datum.g == datum.shown_g"}],
             "mark": {"type": "point", "size": 220, "strokeWidth": 2, "filled": False, "color": "black"},
             "encoding": {"tooltip": tooltip}},
        ],
    }
    return rows, vega.spec(say, vega.held_g(spec, [p.groups for p in s.points] if follows else []))


def network_chart(n: NetworkBudget, say: Say = EN) -> Chart:
    """Each stage's share of the network's params and of its MACs, side by side; the stage that holds the block
    split into its copies and the rest."""
    ctx = n.context
    # Split the stage only where the block is one of the network's own; a block that is merely set in the
    # same place (other groups or width) would be subtracted from a stage it is not part of.
    ctx = ctx if ctx is not None and ctx.exact else None
    rest = say("rest of the stage")
    mine_name = say("this block × {copies}", copies=ctx.copies) if ctx else ""
    rows = []
    measures = [say("params"), say("MACs (224×224 image)")]
    for measure, key, block_value, fmt in ((measures[0], "params", n.block_params, lambda v: params(v, say)),
                                           (measures[1], "macs", n.block_macs, lambda v: macs(v, say))):
        total = sum(getattr(s, key) for s in n.analysis.stages)
        for s in n.analysis.stages:
            mine = ctx.copies * block_value if ctx and s.name == n.holds_block else 0
            for part, value in ((rest, getattr(s, key) - mine), (mine_name, mine)):
                if value or part == rest:
                    share = value / total if total else 0.0
                    stage = say("head") if s.name == "head" else s.name  # stem, layer1…4 are module names
                    rows.append({"stage_name": stage, "measure_name": measure, "part_name": part,
                                 "part_index": int(part != rest), "raw_value": value, "amount_text": fmt(value),
                                 "share_of_network": share, "share_text": say.pct(share)})
    spec = {
        "mark": {"type": "bar", "tooltip": True},
        "height": 360,
        "encoding": {
            "x": {"field": "stage_name", "type": "nominal", "sort": None, "title": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "measure_name", "type": "nominal", "sort": None, "title": None},
            "y": {"field": "share_of_network", "type": "quantitative", "stack": "zero",
                  "title": say("share of the network"), "axis": vega.percent_axis(say)},
            # The rest of a stage first, then the block's copies where the block is one of the network's own: the
            # order of the rows, not a domain, so that one spec serves every network (vega.held_rows).
            "color": {"field": "part_name", "type": "nominal", "title": None, "legend": vega.legend(2),
                      "sort": {"field": "part_index", "op": "min"}, "scale": {"range": ["#9fb4d8", "#e45756"]}},
            "opacity": {"field": "measure_name", "type": "nominal", "title": None, "legend": vega.legend(2),
                        "scale": {"domain": measures, "range": [1.0, 0.45]}},
            "tooltip": [{"field": "stage_name", "title": say("stage")}, {"field": "measure_name", "title": say("measure")},
                        {"field": "part_name", "title": say("part")}, {"field": "amount_text", "title": say("amount")},
                        {"field": "share_text", "title": say("share")}],
        },
    }
    return rows, vega.spec(say, spec)
