"""Charts drawn as SVG on the server: plain text that a held view (explorer/components/held_view.py) sends for
every g at once, so that the browser answers a change of g by showing another drawing, with no chart library to
run. Each chart is drawn in the viewBox of one layout (``Layout``: its width and height in the SVG's units, about
the pixels it is meant for) and scales to the width it is given, its text with it; a chart that fills the page's
width comes in two layouts, wide and narrow, and held.css shows the one that keeps its text near its own size
(a container query on the chart's box).

Every mark a reader can point at carries its amounts as a ``<title>`` (the browser's tooltip, and what a screen
reader reads) and its value as ``data-value``; every word comes written by the caller (``say``). The layers'
colours are Vega's tableau20 scheme, as the charts had before.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from explorer.i18n import Say, localize_number

TABLEAU20 = ("#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b", "#439894",
             "#83bcb6", "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2", "#b279a2", "#d6a5c9",
             "#9e765f", "#d8b5a5")
INK = "#31333f"  # Streamlit's text colour
GRID = "#e6e6ea"


class Layout(NamedTuple):
    """A chart's drawing area in SVG units (drawn at about that many pixels), and the name held.css shows it by."""
    width: int
    height: int
    name: str = ""  # "wide" / "narrow": one of two layouts of one chart; "": the chart's only layout


# A chart that fills the page's width: a wide layout and a narrow one (held.css shows one by the chart's width).
WIDE, NARROW = Layout(760, 400, "wide"), Layout(400, 380, "narrow")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def fmt(x: float) -> str:
    """A coordinate with one decimal at most."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def text(x: float, y: float, content: str, anchor: str = "middle", rotate: bool = False, weight: str | None = None,
         size: float | None = None) -> str:
    """``content`` at (x, y); ``size``: its font size where it is not the drawing's 12."""
    attrs = f'x="{fmt(x)}" y="{fmt(y)}" text-anchor="{anchor}"'
    if rotate:
        attrs += f' transform="rotate(-90 {fmt(x)} {fmt(y)})"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if size is not None:
        attrs += f' font-size="{size:.1f}"'
    return f"<text {attrs}>{esc(content)}</text>"


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = INK, extra: str = "") -> str:
    """A line (an axis, a grid line, a tick); ``extra``: more attributes."""
    return f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" stroke="{stroke}"{extra}/>'


def tip(lines: Iterable[tuple[str, str]]) -> str:
    """A mark's tooltip: "title: value" lines."""
    return "<title>" + esc("\n".join(f"{name}: {value}" for name, value in lines)) + "</title>"


def rect(x: float, y: float, w: float, h: float, fill: str, tooltip: str, value: float, extra: str = "",
         opacity: float = 1.0) -> str:
    shade = f' fill-opacity="{opacity:g}"' if opacity != 1.0 else ""
    return (f'<rect class="held-mark" x="{fmt(x)}" y="{fmt(y)}" width="{fmt(max(w, 0))}" height="{fmt(max(h, 0))}" '
            f'fill="{fill}"{shade} data-value="{exact(value)}"{extra}>{tooltip}</rect>')


def exact(value: float) -> str:
    """A mark's value as written in its ``data-value``: a count whole, a ratio to the last digit (repr)."""
    return str(value) if isinstance(value, int) else repr(float(value))


def document(layout: Layout, body: str, alt: str) -> str:
    """The chart as a figure: an SVG of ``layout``'s viewBox, the one ``alt`` says what it shows."""
    kind = f" held-plot-{layout.name}" if layout.name else ""
    return (f'<figure class="held-plot{kind}" role="img" aria-label="{esc(alt)}">'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout.width} {layout.height}" '
            f'width="{layout.width}" height="{layout.height}" font-family="Source Sans, sans-serif" font-size="12" '
            f'fill="{INK}">{body}</svg></figure>')


def chart(figures: Sequence[str], legend_html: str = "", ring: int | None = None, title: str = "") -> str:
    """A chart's box: its title (HTML: it wraps on a phone), its layouts (held.css shows one), its legend under them;
    ``ring``: the g whose ring it shows (held.js makes the marks ``<g class="held-ring" data-g="{ring}">`` of its
    layouts visible)."""
    at = f' data-ring="{int(ring)}"' if ring is not None else ""
    head = f'<p class="held-chart-title">{esc(title)}</p>' if title else ""
    return f'<div class="held-chart"{at}>{head}{"".join(figures)}{legend_html}</div>'


def legend(items: Sequence[tuple[str, str]], line: Sequence[Sequence[float]] | None = None,
           opacity: Sequence[float] | None = None, more: Sequence[tuple[str, str]] = ()) -> str:
    """The names under a chart, each after its colour: a box, or a stroke with ``line``'s dashes; ``opacity``: the
    box's, per item; ``more``: (name, the swatch's SVG) after them, for a mark of another shape. HTML: the names
    wrap on a phone."""
    cells = []
    for i, (name, colour) in enumerate(items):
        if line is not None:
            dash = f' stroke-dasharray="{" ".join(map(str, line[i]))}"' if line[i] else ""
            swatch = (f'<svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="{colour}" '
                      f'stroke-width="2.5"{dash}/></svg>')
        else:
            shade = f' fill-opacity="{opacity[i]:g}"' if opacity is not None else ""
            swatch = (f'<svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" '
                      f'fill="{colour}"{shade}/></svg>')
        cells.append(f"<li>{swatch}<span>{esc(name)}</span></li>")
    cells += [f"<li>{swatch}<span>{esc(name)}</span></li>" for name, swatch in more]
    return f'<ul class="held-legend">{"".join(cells)}</ul>'


def pct_label(fraction: float, say: Say, decimals: int = 3) -> str:
    """An axis label: a share with at most ``decimals`` decimals, trimmed (12.5%, 3.125%), as the language writes
    it ("%3,125")."""
    number = f"{100 * fraction:.{decimals}f}".rstrip("0").rstrip(".")
    number = localize_number(number, say.lang)
    return f"%{number}" if say.lang == "tr" else f"{number}%"


def spread(positions: Sequence[float], least: float) -> list[bool]:
    """Which of the labels at ``positions`` (in order) to draw so that none comes nearer than ``least`` to the
    last one drawn; the first and the last always (the last in place of a label too near it)."""
    keep = [False] * len(positions)
    last = None
    for i, p in enumerate(positions):
        if last is None or abs(p - positions[last]) >= least:
            keep[i], last = True, i
    if positions and not keep[-1]:  # too near the last one drawn, which gives way unless it is the first
        keep[last], keep[-1] = last == 0, True
    return keep


def count_ticks(top: float) -> list[float]:
    """Round counts from 0 to at least ``top``, four to six of them (0, 50k, 100k, …)."""
    top = max(top, 1.0)
    scale = 10 ** math.floor(math.log10(top))
    for step in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0):
        if top / (step * scale) <= 5:
            break
    step *= scale
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 6) for i in range(n + 1)]


def count_label(n: float, say: Say) -> str:
    """An axis label with an SI prefix and no space, as a chart writes it: 0, 5k, 150k, 1.5M, 1G (never 1B); a
    decimal comma in Turkish."""
    for size, letter in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size:
            number = f"{n / size:.2f}".rstrip("0").rstrip(".")
            return localize_number(number, say.lang) + letter
    return localize_number(f"{n:g}", say.lang)


def share_ticks(top: float) -> list[float]:
    """Round shares from 0 to at least ``top`` (0…1), about five of them."""
    top = max(top, 1e-9)
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25):
        if top / step <= 6:
            break
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def g_axis(gs: Sequence[int], x_of, left: float, right: float, bottom: float, title: str, title_y: float) -> str:
    """The axis of g under a plot: a tick at every g, its number where it has room (``spread``), the axis line and
    its title at ``title_y``."""
    out = []
    for g, keep in zip(gs, spread([x_of(g) for g in gs], 24), strict=True):
        x = x_of(g)
        out.append(line(x, bottom, x, bottom + 4))
        if keep:
            out.append(text(x, bottom + 17, str(g)))
    out.append(line(left, bottom, right, bottom))
    out.append(text((left + right) / 2, title_y, title, weight="600"))
    return "".join(out)


def y_axis(ticks: Sequence[float], y_of, left: float, right: float, labels: Sequence[str], title: str,
           title_x: float) -> str:
    """Horizontal grid lines at ``ticks`` with their labels left of the plot, and the axis's title turned."""
    out = []
    for t, label in zip(ticks, labels, strict=True):
        y = y_of(t)
        out.append(line(left, y, right, y, GRID))
        out.append(text(left - 6, y + 4, label, anchor="end"))
    top, bottom = min(y_of(t) for t in ticks), max(y_of(t) for t in ticks)
    out.append(text(title_x, (top + bottom) / 2, title, rotate=True, weight="600"))
    return "".join(out)
