"""Figures of the Budget page, drawn as SVG on the server (explorer/figures/svg.py): each chart is HTML that the
page's held views send at every g, so that a change of g shows another drawing in the browser with no run and no
chart library to redraw (the page's three Vega charts took 31–38 ms of the browser's next frame per change, the
rest of the page 14–21 ms).

Every word a reader sees (axis titles, the bars' and series' names, legends, tooltips, amounts) comes through
``say``, with the language's numbers (a decimal comma, a dot between thousands and the percent sign first in
Turkish). Every mark carries its amounts in its tooltip and its value as ``data-value``.
"""

from __future__ import annotations

import math

from explorer.figures import svg
from explorer.figures.svg import Layout, esc, fmt, text
from explorer.i18n import Say
from resblocks.analysis import Analysis
from resblocks.budget import GroupSweep, NetworkBudget

MIB = 2**20
EN = Say("en")


def macs(n: int, say: Say) -> str:
    return say.count(n, "MACs")


def params(n: int, say: Say) -> str:
    return say("{n:,} params", n=n)


# The per-layer bars sit in a column (about 540 px at 1,400 px, the page's width on a phone): one layout. The sweep
# and the network fill the page: a wide layout and a narrow one (held.css shows one by the chart's width).
LAYERS = Layout(400, 460)
WIDE, NARROW = svg.WIDE, svg.NARROW


def per_layer_chart(b: Analysis, say: Say = EN, alt: str = "") -> str:
    """Three bars, one per measure (params, MACs, activation memory), each the block's total split into its
    layers as shares of 100 % (the first layer at the bottom); the totals under the bars, every segment's amount in
    its tooltip, the layers' names in the legend."""
    measures = ((say("parameters"), b.params, lambda n: params(n, say), [layer.params for layer in b.layers]),
                (say("multiply-adds"), b.macs, lambda n: macs(n, say), [layer.macs for layer in b.layers]),
                (say("activations"), b.activation_bytes, say.nbytes, [layer.activation_bytes for layer in b.layers]))
    w, h = LAYERS.width, LAYERS.height
    left, right, top, bottom = 62, w - 8, 16, h - 44
    def y_of(share: float) -> float:
        return bottom - share * (bottom - top)
    ticks = [i / 5 for i in range(6)]
    body = [svg.y_axis(ticks, y_of, left, right, [svg.pct_label(t, say) for t in ticks], say("share of the total"), 14)]
    band = (right - left) / len(measures)
    colours = [svg.TABLEAU20[i % len(svg.TABLEAU20)] for i in range(len(b.layers))]
    for k, (name, total, amount, values) in enumerate(measures):
        x = left + k * band + band * 0.18
        bar = [f'<g class="held-bar" data-name="{esc(f"{name}: {amount(total)}")}">']
        below = 0.0
        for i, (layer, value) in enumerate(zip(b.layers, values, strict=True)):
            share = value / total if total else 0.0
            bar.append(svg.rect(x, y_of(below + share), band * 0.64, y_of(below) - y_of(below + share), colours[i],
                                svg.tip([(say("layer"), f"{layer.name}: {layer.description}"), (say("amount"), amount(value)),
                                         (say("share"), say.pct(share))]), value, f' data-layer="{i}"'))
            below += share
        bar.append("</g>")
        body += bar
        centre = left + (k + 0.5) * band
        body.append(text(centre, bottom + 18, name) + text(centre, bottom + 34, amount(total), weight="600"))
    body.append(svg.line(left, bottom, right, bottom))
    figure = svg.document(LAYERS, "".join(body), alt)
    return svg.chart([figure], svg.legend([(f"{layer.name}: {layer.description}", colours[i])
                                           for i, layer in enumerate(b.layers)]))


SWEEP_SERIES = {  # English name → (colour, dash); the legend shows the name in the page's language
    "3×3 params": ("#4c78a8", []),
    "3×3 MACs": ("#e45756", [2, 2]),
    "block params": ("#4c78a8", [8, 4]),
    "block MACs": ("#e45756", [8, 4, 2, 4]),
    "activation memory": ("#54a24b", []),
    "1/g": ("#888888", [1, 3]),
}


def sweep_chart(s: GroupSweep, say: Say = EN, alt: str = "") -> tuple[dict[int, str], str]:
    """Each measure's ratio to g = 1 against g (log-log): the 3×3's params and MACs on the 1/g line, the whole
    block above it, activation memory flat at 100 %; amounts in the points' tooltips. The drawing is the same at
    every g of the sweep (one figure, which a held view sends once): g → the chart with its ring on that g, and the
    chart with no ring (for a g the sweep does not have)."""
    gs = [p.groups for p in s.points]
    names = [say(name) for name in SWEEP_SERIES]
    # Each point's measures, in SWEEP_SERIES's order: (name, ratio to g = 1, amount), the same in both layouts.
    series = [(
        ("3×3 params", p.conv_params_ratio, params(p.conv_params, say)),
        ("3×3 MACs", p.conv_macs_ratio, macs(p.conv_macs, say)),
        ("block params", p.block_params_ratio, params(p.block_params, say)),
        ("block MACs", p.block_macs_ratio, macs(p.block_macs, say)),
        ("activation memory", 1.0, say.nbytes(p.activation_bytes)),
        ("1/g", 1 / p.groups, f"1/{p.groups}"),
    ) for p in s.points]
    figures = [_sweep_figure(s, series, say, layout, alt) for layout in (WIDE, NARROW)]
    lines = [dash for _, dash in SWEEP_SERIES.values()]
    legend = svg.legend([(name, colour) for name, (colour, _) in zip(names, SWEEP_SERIES.values(), strict=True)], line=lines)
    return {g: svg.chart(figures, legend, ring=g) for g in gs}, svg.chart(figures, legend)


def _sweep_figure(s: GroupSweep, series: list[tuple], say: Say, layout: Layout, alt: str) -> str:
    w, h = layout.width, layout.height
    left, right, top, bottom = 74, w - 14, 14, h - 44
    gs = [p.groups for p in s.points]
    most = max(gs[-1], 2)
    def x_of(g: float) -> float:
        return left + math.log2(g) / math.log2(most) * (right - left)
    def y_of(ratio: float) -> float:
        return top + -math.log2(ratio) / math.log2(most) * (bottom - top)
    ys = [1 / g for g in gs]
    shown_y = svg.spread([y_of(r) for r in ys], 16)
    body = [svg.y_axis([r for r, keep in zip(ys, shown_y, strict=True) if keep], y_of, left, right,
                       [svg.pct_label(r, say) for r, keep in zip(ys, shown_y, strict=True) if keep], say("÷ g = 1"), 14)]
    body.append(svg.g_axis(gs, x_of, left, right, bottom, say("groups g, at a fixed width"), h - 8))
    dots = []
    for k, (name, (colour, dash)) in enumerate(SWEEP_SERIES.items()):
        at = [(x_of(p.groups), y_of(row[k][1])) for p, row in zip(s.points, series, strict=True)]
        dashes = f' stroke-dasharray="{" ".join(map(str, dash))}"' if dash else ""
        body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dashes} points="'
                    + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in at) + '"/>')
        for p, row, (x, y) in zip(s.points, series, at, strict=True):
            _, ratio, amount = row[k]
            dots.append(f'<circle class="held-mark" cx="{fmt(x)}" cy="{fmt(y)}" r="3.5" fill="{colour}" data-series="{k}" '
                        f'data-g="{p.groups}" data-value="{svg.exact(ratio)}">'
                        + svg.tip([(say("measure"), say(name)), ("g", str(p.groups)), (say("amount"), amount),
                                   (say("÷ g = 1"), say.pct(ratio, 2))]) + "</circle>")
    body += dots
    for p, row in zip(s.points, series, strict=True):  # the ring on the g shown: one group per g, one visible
        x = x_of(p.groups)
        ring = [svg.line(x, top, x, bottom, extra=' stroke-opacity="0.25"')]
        ring += [f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="8" fill="none" stroke="#000" stroke-width="2"/>'
                 for y in dict.fromkeys(round(y_of(ratio), 1) for _, ratio, _ in row)]
        body.append(f'<g class="held-ring" data-g="{p.groups}" visibility="hidden" pointer-events="none">{"".join(ring)}</g>')
    return svg.document(layout, "".join(body), alt)


NETWORK_PARTS = ("#9fb4d8", "#e45756")  # the rest of a stage, the block's copies
MEASURE_OPACITY = (1.0, 0.45)  # params solid, MACs faded


def network_chart(n: NetworkBudget, say: Say = EN, alt: str = "") -> str:
    """Each stage's share of the network's params and of its MACs, side by side; the stage that holds the block
    split into its copies and the rest."""
    ctx = n.context
    # Split the stage only where the block is one of the network's own; a block that is merely set in the
    # same place (other groups or width) would be subtracted from a stage it is not part of.
    ctx = ctx if ctx is not None and ctx.exact else None
    rest = say("rest of the stage")
    mine_name = say("this block × {copies}", copies=ctx.copies) if ctx else ""
    measures = [say("params"), say("MACs (224×224 image)")]
    stages = []  # (stage name, [(measure, [(part index, value, share, amount)])])
    for s in n.analysis.stages:
        bars = []
        for measure, key, block_value, amount in ((0, "params", n.block_params, lambda v: params(v, say)),
                                                  (1, "macs", n.block_macs, lambda v: macs(v, say))):
            total = sum(getattr(t, key) for t in n.analysis.stages)
            mine = ctx.copies * block_value if ctx and s.name == n.holds_block else 0
            parts = [(part, value, value / total if total else 0.0, amount(value))
                     for part, value in ((0, getattr(s, key) - mine), (1, mine)) if value or part == 0]
            bars.append((measure, parts))
        stages.append((say("head") if s.name == "head" else s.name, bars))  # stem, layer1…4 are module names
    figures = [_network_figure(stages, measures, (rest, mine_name), say, layout, alt) for layout in (WIDE, NARROW)]
    items = [(rest, NETWORK_PARTS[0])] + ([(mine_name, NETWORK_PARTS[1])] if ctx else [])
    shades = [1.0] * len(items) + list(MEASURE_OPACITY)
    legend = svg.legend(items + [(m, NETWORK_PARTS[0]) for m in measures], opacity=shades)
    return svg.chart(figures, legend)


def _fitted(label: str, centre: float, y: float, room: float, width: float) -> str:
    """A label under its bar, in smaller type where its width (about 0.55 of the font size per character) exceeds
    its band's, and moved left where it would leave the drawing ("sınıflandırıcı" under the last of six bars)."""
    size = max(9.0, min(12.0, 1.15 * room / (0.55 * max(len(label), 1))))
    half = 0.55 * size * len(label) / 2
    return text(min(centre, width - half - 2), y, label, size=None if size == 12 else size)


def _network_figure(stages, measures, part_names, say: Say, layout: Layout, alt: str) -> str:
    w, h = layout.width, layout.height
    left, right, top, bottom = 62, w - 8, 16, h - 40
    highest = max(sum(share for _, _, share, _ in parts) for _, bars in stages for _, parts in bars)
    ticks = svg.share_ticks(highest)
    def y_of(share: float) -> float:
        return bottom - share / ticks[-1] * (bottom - top)
    body = [svg.y_axis(ticks, y_of, left, right, [svg.pct_label(t, say) for t in ticks], say("share of the network"), 14)]
    band = (right - left) / len(stages)
    stagger = any(0.55 * 12 * len(stage) > band for stage, _ in stages)
    bar = band * 0.36
    for i, (stage, bars) in enumerate(stages):
        start = left + i * band + (band - 2 * bar) / 2
        for measure, parts in bars:
            x = start + measure * bar
            below = 0.0
            for part, value, share, amount in parts:
                body.append(svg.rect(x + 0.5, y_of(below + share), bar - 1, y_of(below) - y_of(below + share),
                                     NETWORK_PARTS[part], svg.tip([
                                         (say("stage"), stage), (say("measure"), measures[measure]),
                                         (say("part"), part_names[part]), (say("amount"), amount),
                                         (say("share"), say.pct(share))]),
                                     value, f' data-stage="{esc(stage)}" data-measure="{measure}" data-part="{part}"',
                                     opacity=MEASURE_OPACITY[measure]))
                below += share
        # Labels wider than their band (on the narrow layout) take two rows, every other one lower: twice the room.
        row = i % 2 if stagger else 0
        body.append(_fitted(stage, left + (i + 0.5) * band, bottom + 17 + 14 * row, band * (2 if stagger else 1), w))
    body.append(svg.line(left, bottom, right, bottom))
    return svg.document(layout, "".join(body), alt)
