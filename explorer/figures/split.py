"""The Split page's figures, SVG drawn on the server: the 1/g curve of the grouped 3×3 beside the whole block (a
chart of explorer/figures/svg.py, which the page's held views send for every g), and the paper's three equivalent
forms of the block (Xie et al. 2017, Fig. 3) from resblocks.split.three_forms.

The split-transform-merge animation and the weight maps are drawn in the browser by the page's component
(explorer/components/). Every word drawn comes through ``say``, in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from explorer.figures import svg
from explorer.figures.svg import fmt, text
from explorer.i18n import Say
from resblocks.budget import GroupCost
from resblocks.config import BlockConfig
from resblocks.split import Form, FormLayer

PALETTE: tuple[str, ...] = ("#4e79a7", "#f28e2b", "#e15759")
INK = "#3b4252"
GROUPED_FILL = "#fde7d2"  # the 3×3s: g paths' own in (a) and (b), the groups of one grouped 3×3 in (c)
PLAIN_FILL = "#eef2f8"
# The current g's mark: a five-pointed star as an SVG path in its unit square.
STAR = ("M0,-1L0.247,-0.34L0.951,-0.309L0.399,0.13L0.588,0.809L0,0.42L-0.588,0.809L-0.399,0.13L-0.951,-0.309"
        "L-0.247,-0.34Z")


def sweep_chart(points: Sequence[GroupCost], say: Say | None = None, alt: str = "") -> tuple[dict[int, str], str]:
    """Parameters of the grouped 3×3 (the 1/g curve) and of the whole block against g (log g, every g a tick where
    it has room), the axis counting with SI prefixes (150k, 1.2M, 1G: never 1B); each point's g, d, parameters and
    share of g = 1 in its tooltip. The drawing is the same at every g of the width (one figure, which a held view
    sends once): g → the chart with its star on that g (a dashed rule, a star on each curve, "current g = 32" over them),
    and the chart with no star (for a g the sweep does not have)."""
    say = say or Say("en")
    names = (say("grouped 3×3"), say("whole block"))
    # Each point's two series: (count, ratio to g = 1), the same in both layouts.
    series = [((p.conv_params, p.conv_params_ratio), (p.block_params, p.block_params_ratio)) for p in points]
    figures = [_sweep_figure(points, series, names, say, layout, alt) for layout in (svg.WIDE, svg.NARROW)]
    star = (f'<svg width="18" height="18" viewBox="-1.2 -1.2 2.4 2.4" aria-hidden="true"><path d="{STAR}" '
            f'fill="{PALETTE[2]}" stroke="{INK}" stroke-width="0.1"/></svg>')
    legend = svg.legend(list(zip(names, PALETTE[:2], strict=False)), line=[[], []], more=[(say("current g"), star)])
    title = say("Parameters as g grows at a fixed grouped width")
    return ({p.groups: svg.chart(figures, legend, ring=p.groups, title=title) for p in points},
            svg.chart(figures, legend, title=title))


def _sweep_figure(points: Sequence[GroupCost], series: list[tuple], names: tuple[str, str], say: Say,
                  layout: svg.Layout, alt: str) -> str:
    w, h = layout.width, layout.height
    left, right, top, bottom = 64, w - 18, 28, h - 44
    gs = [p.groups for p in points]
    most = max(gs[-1], 2)
    ticks = svg.count_ticks(max(n for row in series for n, _ in row))
    def x_of(g: float) -> float:
        return left + math.log2(g) / math.log2(most) * (right - left)
    def y_of(n: float) -> float:
        return bottom - n / ticks[-1] * (bottom - top)
    body = [svg.y_axis(ticks, y_of, left, right, [svg.count_label(t, say) for t in ticks], say("parameters"), 14)]
    body.append(svg.g_axis(gs, x_of, left, right, bottom, say("groups g (cardinality), grouped width fixed"), h - 8))
    dots = []
    for k, (name, colour) in enumerate(zip(names, PALETTE[:2], strict=False)):
        at = [(x_of(p.groups), y_of(row[k][0])) for p, row in zip(points, series, strict=True)]
        body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                    + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in at) + '"/>')
        for p, row, (x, y) in zip(points, series, at, strict=True):
            n, ratio = row[k]
            dots.append(f'<circle class="held-mark" cx="{fmt(x)}" cy="{fmt(y)}" r="4" fill="{colour}" data-series="{k}" '
                        f'data-g="{p.groups}" data-value="{n}">'
                        + svg.tip([(say("part"), name), ("g", str(p.groups)), ("d", str(p.group_width)),
                                   (say("amount"), say("{n:,} parameters", n=n)), (say("÷ g = 1"), say.pct(ratio, 2))])
                        + "</circle>")
    body += dots
    for p, row in zip(points, series, strict=True):  # the star on the g shown: one group per g, one visible
        x = x_of(p.groups)
        label = say("current g = {g}", g=p.groups)
        anchor = "start" if x < left + 40 else "end" if x > right - 40 else "middle"
        star = [svg.line(x, top, x, bottom, PALETTE[2], ' stroke-dasharray="2 3"'),
                text(x + {"start": -4, "end": 4}.get(anchor, 0), top - 10, label, anchor=anchor, weight="600")]
        star += [f'<path d="{STAR}" transform="translate({fmt(x)} {fmt(y_of(n))}) scale(10)" fill="{PALETTE[2]}" '
                 f'stroke="{INK}" stroke-width="0.1"/>' for n, _ in row]
        body.append(f'<g class="held-ring" data-g="{p.groups}" visibility="hidden" pointer-events="none">'
                    f'{"".join(star)}</g>')
    return svg.document(layout, "".join(body), alt)


# The three forms (Fig. 3) -------------------------------------------------------------------------

FORM_TITLES = {"a": "(a) aggregated residual transformations", "b": "(b) early concatenation",
               "c": "(c) grouped convolution"}
MAX_DRAWN = 4  # up to this many paths are all drawn; more are drawn as three and "⋯ (g − 3 more)"
SHOWN = 3
FONT = 12
CHAR = 6.5  # an estimate of one character's width at FONT, enough to size the boxes
BOX_H = 26
ROW = 52  # from one box's top to the next
ADD_Y = 300  # the shortcut's addition, at one height in all three forms (below (b)'s 1×1, the lowest box)


def form_title(form: Form, say: Say) -> str:
    return say(FORM_TITLES[form.name])


def layer_label(layer: FormLayer, say: Say) -> str:
    """The paper's label of a conv, "256, 1×1, 4" (in, kernel, out), with its groups and stride where it has them."""
    text = f"{layer.in_channels}, {layer.kernel}×{layer.kernel}, {layer.out_channels}"
    if layer.groups > 1:
        text += ", " + say("groups = {g}", g=layer.groups)
    if layer.stride > 1:
        text += ", " + say("stride {s}", s=layer.stride)
    return text


def aggregated_math(groups: int) -> str:
    """Form (a) written out in MathML (the browser sets it: no KaTeX to fetch): F(x), the sum of the g
    transformations, and the block's output x + F(x); its ``alttext`` is the same in LaTeX."""
    def call(name: str) -> str:  # brackets that keep the text's height beside the tall sum
        return f'<mi>{name}</mi><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo>'

    latex = f"F(x) = \\sum_{{i=1}}^{{{groups}}} T_i(x), ~~~ y = x + F(x)"
    return (f'<math display="block" alttext="{latex}">{call("F")}<mo>=</mo><munderover><mo>∑</mo>'
            f"<mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mn>{int(groups)}</mn></munderover>"
            f'<msub><mi>T</mi><mi>i</mi></msub><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo><mo>,</mo>'
            f"<mspace width=\"2em\"/>"
            f"<mi>y</mi><mo>=</mo><mi>x</mi><mo>+</mo>{call('F')}</math>")


def form_texts(form: Form, cfg: BlockConfig, say: Say, title: str | None = None) -> list[str]:
    """Every text the drawing of ``form`` shows, top to bottom (the tests read these)."""
    return _Drawing(form, cfg, say, title).texts


def form_svgs(forms: Sequence[Form], cfg: BlockConfig, say: Say, title: str | None = None) -> list[str]:
    """Each form drawn as the paper draws it: input on top, the paths (a handful drawn, the rest counted), the
    sum or concatenation marked, the shortcut added, output; its conv weights under it. All at one width and
    height (a narrower form centred), so that side by side in equal columns they are drawn at one scale.
    ``title``: one title for a single drawing standing for all three (g = 1)."""
    drawings = [_Drawing(form, cfg, say, title) for form in forms]
    width = max(d.width for d in drawings)
    height = max(d.height for d in drawings)
    return [d.svg(width, height) for d in drawings]


class _Drawing:
    def __init__(self, form: Form, cfg: BlockConfig, say: Say, title: str | None = None) -> None:
        self.form, self.cfg, self.say = form, cfg, say
        self.title = title or form_title(form, say)
        self.parts: list[str] = []
        self.texts: list[str] = []
        g = form.paths
        self.drawn = g if g <= MAX_DRAWN else SHOWN
        self.more = g - self.drawn
        path_labels = [layer_label(la, say) for la in form.path]
        self.path_w = max([len(t) for t in path_labels] + [6]) * CHAR + 14
        self.more_label = say("({n} more)", n=self.more) if self.more else ""
        more_w = len(self.more_label) * CHAR + 4 if self.more else 0
        columns_w = self.drawn * self.path_w + (self.drawn - 1) * 10 + (more_w + 10 if self.more else 0)
        shared_w = max([len(layer_label(la, say)) for la in form.shared] + [0]) * CHAR + 14
        title_w = len(self.title) * (CHAR + 0.4)
        self.shortcut_x = max(columns_w, shared_w, 150) + 30
        self.width = max(self.shortcut_x + 22, title_w + 16, 260)
        self.centre = (self.shortcut_x - 10) / 2 + 4
        self.xs = [4 + self.path_w / 2 + i * (self.path_w + 10) for i in range(self.drawn)]
        self.more_x = 4 + self.drawn * (self.path_w + 10) + more_w / 2 if self.more else 0
        if self.drawn == 1 or not form.path:  # (c): one column in the middle
            self.xs = [self.centre]
        self._draw()

    # primitives
    def text(self, x: float, y: float, words: str, size: int = FONT, weight: str = "normal", anchor: str = "middle",
             rotate: bool = False) -> None:
        self.texts.append(words)
        turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
                          f'text-anchor="{anchor}" dominant-baseline="central"{turn}>{escape(words)}</text>')

    def box(self, x: float, y: float, w: float, words: str, fill: str = PLAIN_FILL, bold: bool = False) -> None:
        stroke = PALETTE[1] if fill == GROUPED_FILL else INK
        self.parts.append(f'<rect x="{x - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BOX_H}" rx="4" '
                          f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if bold else 1}"/>')
        self.text(x, y + BOX_H / 2, words)

    def line(self, *points: tuple[float, float], dash: bool = False) -> None:
        d = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dashes = ' stroke-dasharray="4 3"' if dash else ""
        self.parts.append(f'<polyline points="{d}" fill="none" stroke="{INK}" stroke-width="1.2"{dashes}/>')

    def plus(self, x: float, y: float) -> None:
        self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" fill="white" stroke="{INK}" stroke-width="1.5"/>')
        self.parts.append(f'<path d="M{x - 5:.1f},{y:.1f}h10M{x:.1f},{y - 5:.1f}v10" stroke="{INK}" stroke-width="1.5"/>')

    def layer(self, x: float, y: float, w: float, layer: FormLayer) -> None:
        self.box(x, y, w, layer_label(layer, self.say), GROUPED_FILL if layer.kernel == 3 else PLAIN_FILL,
                 bold=layer.groups > 1)

    # the form
    def _draw(self) -> None:
        form, cfg, say = self.form, self.cfg, self.say
        self.text(4, 14, self.title, size=13, weight="bold", anchor="start")
        top = 38
        entry = say("{n}-d in", n=cfg.in_channels)
        entry_w = max(110, len(entry) * CHAR + 16)
        self.box(self.centre, top, entry_w, entry)
        y = top + BOX_H + 26
        if form.path and form.paths > 1:
            fan = top + BOX_H + 12
            self.line((self.centre, top + BOX_H), (self.centre, fan))
            self.line((self.xs[0], fan), (self.more_x or self.xs[-1], fan))
            for x in self.xs:
                self.line((x, fan), (x, y))
                for k, la in enumerate(form.path):
                    self.layer(x, y + k * ROW, self.path_w, la)
                    if k:
                        self.line((x, y + k * ROW - (ROW - BOX_H)), (x, y + k * ROW))
            bottom = y + len(form.path) * ROW - (ROW - BOX_H)
            if self.more:
                middle = (y + bottom) / 2
                self.line((self.more_x, fan), (self.more_x, middle - 20), dash=True)
                self.text(self.more_x, middle - 8, "⋯", size=18, weight="bold")
                self.text(self.more_x, middle + 9, self.more_label, weight="bold")
                self.line((self.more_x, middle + 20), (self.more_x, bottom), dash=True)
            merge_y = bottom + 30
            for x in [*self.xs, *([self.more_x] if self.more else [])]:
                self.line((x, bottom), (x, merge_y - 12), (self.centre, merge_y - 12), dash=bool(self.more) and x == self.more_x)
            if form.merge == "sum":
                self.line((self.centre, merge_y - 12), (self.centre, merge_y - 10))
                self.plus(self.centre, merge_y)
                self.text(self.centre + 16, merge_y, say("sum of the {g} paths", g=form.paths), anchor="start")
                y = merge_y + 10
            else:
                merged = say("concatenate, {n}-d", n=form.merged_channels)
                self.box(self.centre, merge_y - 12, max(150, len(merged) * CHAR + 20), merged, fill="white", bold=True)
                y = merge_y - 12 + BOX_H
        elif form.path:  # g = 1 in (a) or (b): one path, nothing to sum or concatenate
            self.line((self.centre, top + BOX_H), (self.centre, y))
            for k, la in enumerate(form.path):
                self.layer(self.centre, y + k * ROW, self.path_w, la)
                if k:
                    self.line((self.centre, y + k * ROW - (ROW - BOX_H)), (self.centre, y + k * ROW))
            y += len(form.path) * ROW - (ROW - BOX_H)
        else:
            self.line((self.centre, top + BOX_H), (self.centre, y))
            y -= ROW - BOX_H
        shared_w = max([len(layer_label(la, say)) for la in form.shared] + [0]) * CHAR + 14
        for la in form.shared:
            self.line((self.centre, y), (self.centre, y + ROW - BOX_H))
            y += ROW - BOX_H
            self.layer(self.centre, y, shared_w, la)
            y += BOX_H
        add_y = max(y + 30, self._add_level())
        self.line((self.centre, y), (self.centre, add_y - 10))
        self.plus(self.centre, add_y)
        # the shortcut: from the input, down the right-hand side, into the addition
        sx = self.shortcut_x
        self.line((self.centre + entry_w / 2, top + BOX_H / 2), (sx, top + BOX_H / 2), (sx, add_y), (self.centre + 10, add_y),
                  dash=not cfg.has_projection)
        shortcut = (say("projection: {label}", label=f"{cfg.in_channels}, 1×1, {cfg.out_channels}")
                    if cfg.has_projection else say("identity"))
        self.text(sx + 10, (top + add_y) / 2, shortcut, rotate=True)
        out_y = add_y + 22
        self.line((self.centre, add_y + 10), (self.centre, out_y))
        exit_ = say("{n}-d out", n=cfg.out_channels)
        self.box(self.centre, out_y, max(110, len(exit_) * CHAR + 16), exit_)
        self.text(self.centre, out_y + BOX_H + 24, say("{n:,} conv weights", n=form.conv_weights), size=13,
                  weight="bold")
        self.height = out_y + BOX_H + 42

    def _add_level(self) -> float:
        """Where the shortcut's addition sits: the same height in all three forms, so they line up side by side."""
        return ADD_Y

    def svg(self, width: float, height: float) -> str:
        shift = (width - self.width) / 2  # a narrower form in the middle of the common width
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
                f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" fill="{INK}">'
                f'<g transform="translate({shift:.1f} 0)">' + "".join(self.parts) + "</g></svg>")
