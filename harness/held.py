"""What a held view (explorer/components/held_view.py) shows, for the tests: its HTML back to the lines of the app's
Markdown it was written from, and a chart drawn in it (explorer/figures/svg.py) back to its marks and words."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# The HTML that held_view.inline writes, back to its Markdown.
_MARKDOWN = ((r"<code>(.*?)</code>", r"`\1`"), (r'<a href="([^"]*)" target="_self">(.*?)</a>', r"[\2](\1)"),
             (r"</?strong>", "**"), (r"</?em>", "*"))


def expanded(data: dict, g: int | str) -> str:
    """A held view's HTML at ``g`` as the browser shows it: each slot filled with the drawing it stands for
    (held_view._shared: a drawing several views show alike is sent once)."""
    parts = data.get("parts") or []
    if data.get("fixed"):  # one view, shown at every g (held_view's fixed: an explanation, the Why page's chart)
        (g,) = data["variants"]
    return re.sub(r'<i data-part="(\d+)"></i>', lambda m: parts[int(m[1])], data["variants"][str(g)])


def markdown_lines(view: str) -> list[str]:
    """The lines of one view: each paragraph, and each table as tables.markdown writes it (its header, the alignment
    row, a line per row, "|" escaped in a cell). Markdown left in the view's text (held_view.inline did not turn it
    into HTML, and the browser would show its asterisks) is an error, not a line that reads as if it had been."""
    text = html.unescape(re.sub(r"<code>.*?</code>|<[^>]+>", "", view, flags=re.S))
    if left := re.findall(r"\*\*|`|\]\(", text):
        raise ValueError(f"Markdown left in a held view's HTML ({', '.join(sorted(set(left)))}): {view[:200]}")
    lines = []
    for tag, chunk in _chunks(view):
        if tag == "tr":
            cells = re.findall(r"<t([dh])\b([^>]*)>(.*?)</t[dh]>", chunk, flags=re.S)
            lines.append("| " + " | ".join(_markdown(text).replace("|", "\\|") for _, _, text in cells) + " |")
            if cells and cells[0][0] == "h":
                lines.append("|" + "|".join("---:" if 'class="num"' in attrs else ":---" for _, attrs, _ in cells) + "|")
        else:
            lines.append(_MARKS.get(tag, "") + _markdown(chunk))
    return lines


# The elements that hold a line: paragraphs, table rows, a fold's summary, a button (held_view.button,
# held_view.download and held_view.export), a list's items, a heading, the text a figure shows on hover
# (held_view.metrics) and what a Copy button says once pressed (held_view.preformatted), in the order they come.
_CHUNK = re.compile(r'<(p|tr|summary|button|li|h3)\b([^>]*)>(.*?)</\1>|<a class="held-button[^"]*"[^>]*>(.*?)</a>'
                    r'|<div class="held-metric" title="([^"]*)"', flags=re.S)
_MARKS = {"li": "- ", "h3": "### "}  # a list's item and a heading, as Markdown writes them
_SAID = re.compile(r'data-(?:copied|selected)="([^"]*)"')


def _chunks(view: str) -> list[tuple[str, str]]:
    found = []
    for match in _CHUNK.finditer(view):
        tag, attributes, chunk, link, tip = match.groups()
        if tag:
            found.append((tag, chunk))
            found += [("title", said) for said in _SAID.findall(attributes or "")]  # a Copy button, once pressed
        elif link is not None:
            found.append(("a", link))
        else:
            found.append(("title", tip))
    return found


def _markdown(chunk: str) -> str:
    # A formula set in HTML (held-formula) reads as the app's Markdown writes maths: $…$, its tags left out.
    chunk = re.sub(r'<span class="held-formula">(.*?)</span>', lambda m: "$" + re.sub(r"<[^>]+>", "", m[1]) + "$",
                   chunk, flags=re.S)
    # A formula set in MathML (explorer/mathml.py) reads as the LaTeX it was written in, its alttext.
    chunk = re.sub(r'<math\b[^>]*\balttext="([^"]*)".*?</math>', lambda m: "$" + html.unescape(m[1]) + "$", chunk, flags=re.S)
    for pattern, repl in _MARKDOWN:
        chunk = re.sub(pattern, repl, chunk, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", chunk))


class DrawnChart(HTMLParser):
    """A chart's first layout as drawn (explorer/figures/svg.py): its marks, each with its data-* attributes, the
    bar it is in, its tooltip's lines and where it is drawn (``at``: its x, y, width, height, cx, cy); its lines'
    colours; its texts; its title; its legend's names; each layout's class and alt text (``alt``: the first's); the
    g whose ring it shows (``ring``: data-ring, None without) and the texts of each g's ring (``rings``: g → texts)."""

    def __init__(self, drawn: str = "") -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.lines: list[str] = []
        self.texts: list[str] = []
        self.title = ""
        self.legend: list[str] = []
        self.layouts: list[str] = []
        self.alts: list[str] = []
        self.ring: int | None = None
        self.rings: dict[int, list[str]] = {}
        self._bar = self._in = self._ring = None
        self._figures = 0
        if drawn:
            self.feed(drawn)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "held-chart" and "data-ring" in a:
            self.ring = int(a["data-ring"])
        if tag == "figure":
            self._figures += 1
            self.layouts.append(a.get("class", ""))
            self.alts.append(a.get("aria-label", ""))
        self._in = a.get("class") if tag == "p" else tag
        if self._figures > 1:
            return  # the chart's other layout: the same marks
        if tag == "g" and a.get("class") == "held-bar":
            self._bar = a["data-name"]
        elif tag == "g" and a.get("class") == "held-ring":
            self._ring = int(a["data-g"])
            self.rings[self._ring] = []
        elif a.get("class") == "held-mark":
            at = {k: float(a[k]) for k in ("x", "y", "width", "height", "cx", "cy") if k in a}
            self.marks.append({k[5:]: v for k, v in a.items() if k.startswith("data-")} | {"bar": self._bar, "at": at})
        elif tag == "polyline":
            self.lines.append(a["stroke"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self._bar = self._ring = None
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title" and self._figures == 1:
            self.marks[-1]["tip"] = dict(line.split(": ", 1) for line in data.split("\n"))
        elif self._in == "text" and self._figures == 1:
            (self.rings[self._ring] if self._ring is not None else self.texts).append(data)
        elif self._in == "span":
            self.legend.append(data)
        elif self._in == "held-chart-title":
            self.title += data

    @property
    def alt(self) -> str:
        return self.alts[0] if self.alts else ""


_PLOT = re.compile(r'<figure class="held-plot[^"]*".*?</figure>', flags=re.S)
_DRAWN = re.compile(r"<(text|title)\b[^>]*>(.*?)</\1>", flags=re.S)


def drawn_words(view: str) -> list[str]:
    """The words of the charts in a view (explorer/figures/svg.py) that its Markdown lines leave out: every SVG
    ``<text>`` (axis titles, ticks, labels) and every tooltip line (``<title>``: "name: value"). A graph's drawing
    (Graphviz's) is left out: its ``<title>``s are the nodes' and edges' names in the DOT source."""
    return [line for plot in _PLOT.findall(view) for _, words in _DRAWN.findall(plot)
            for line in html.unescape(words).split("\n") if line.strip()]
