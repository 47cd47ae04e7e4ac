"""A part of a page drawn at every g the groups control reaches, holding the width: a Streamlit component
(st.components.v2, mounted in the page, no iframe) that is sent every view at once and shows the one the address
names (held.js). A change of g is then answered in the browser, in the frame the address changes: no rerun
redraws the part, and the server's run for the change (controls.groups_changed) leaves it out.

The views are HTML written here from the app's own texts and numbers, every text escaped (``inline``): never a
value from the address as it came.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

import streamlit as st

from explorer import links
from explorer.components.share_link import compact

HERE = Path(__file__).resolve().parent
DEFAULTS = links.widget_defaults()
ADDRESS_GROUPS = DEFAULTS["groups"]  # g where the address has no groups

# held.js and held.css travel once per page, in the one component ``code()`` mounts (app.py), and not in every held
# view's element, which Streamlit sends with its component's code: 13 kB each, 220 kB of the Budget page's 564 kB
# on a load. Each held view's own code waits for them: the page's first run may draw a view before them.
_VIEW_JS = """export default function (component) {
  let cleanup = null, gone = false;
  const draw = () => { if (!gone) cleanup = window.__resblocksHeldView(component); };
  if (window.__resblocksHeldView) draw(); else window.addEventListener("resblocks:held-code", draw, { once: true });
  return () => {
    gone = true;
    window.removeEventListener("resblocks:held-code", draw);
    if (cleanup) cleanup();
  };
}"""
_component = st.components.v2.component("held_view", html='<div class="held"></div>', js=_VIEW_JS,
                                        isolate_styles=False)  # its text is the page's own (found by the browser's
#                                                                search, read with the page); the CSS names only .held
_CODE_JS = compact((HERE / "held.js").read_text(encoding="utf-8")).replace(
    "export default function (component)", "const view = function (component)", 1) + """
export default function () {
  if (window.__resblocksHeldView) return;
  window.__resblocksHeldView = view;
  window.dispatchEvent(new Event("resblocks:held-code"));
}"""
_code = st.components.v2.component("held_code", html="", css=compact((HERE / "held.css").read_text(encoding="utf-8")),
                                   js=_CODE_JS, isolate_styles=False)
CODE_KEY = "held_code"


def code() -> None:
    """Mount the held views' code and style, once per page (app.py, before any held view): nothing shown."""
    _code(key=CODE_KEY)


# The Markdown the app's texts use inside a line, in the order it is undone: code first (nothing inside it is
# Markdown), then links, bold and italics.
_CODE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")  # a link, as inline reads one (explorer/prose.py too)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline(text: str) -> str:
    """One line of the app's Markdown (``code``, [links](./page?…), **bold**, *italics*) as HTML, everything else
    escaped (quotes too). A link goes only to a page of the app (``./``) or to http(s); any other target, or one
    with code in it, stays text. Bold and italics never reach across a link's boundary or into its target."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(html.escape(match[1]))
        return f"\0{len(codes) - 1}\0"

    def emphasis(plain: str) -> str:
        return _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", html.escape(plain)))

    text = _CODE.sub(keep, text.replace("\0", ""))
    out, last = [], 0
    for match in LINK.finditer(text):
        out.append(emphasis(text[last:match.start()]))
        target = match[2]
        if "\0" in target or not target.startswith(("./", "https://", "http://")):
            out.append(emphasis(match[0]))
        else:
            out.append(f'<a href="{html.escape(target)}" target="_self">{emphasis(match[1])}</a>')
        last = match.end()
    out.append(emphasis(text[last:]))
    return re.sub("\0(\\d+)\0", lambda m: f"<code>{codes[int(m[1])]}</code>", "".join(out))


def captions(lines: Iterable[str]) -> str:
    """Lines as st.caption draws them, one paragraph each."""
    return "".join(f'<p class="held-caption">{inline(line)}</p>' for line in lines)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    """A table of lines of the app's Markdown, in its own box that scrolls sideways on a phone; the ``numeric``
    columns (by index) are set right."""
    right = set(numeric)

    def cells(tag: str, line: Sequence[str]) -> str:
        return "".join(f'<{tag} class="num">{inline(c)}</{tag}>' if i in right else f"<{tag}>{inline(c)}</{tag}>"
                       for i, c in enumerate(line))

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f'<div class="held-table"><table><thead><tr>{cells("th", header)}</tr></thead><tbody>{body}</tbody></table></div>'


def paragraphs(lines: Iterable[str]) -> str:
    """Lines as st.markdown draws them, one paragraph each."""
    return "".join(f"<p>{inline(line)}</p>" for line in lines)


def alert(kind: str, lines: Iterable[str]) -> str:
    """Lines in a box as st.info, st.success, st.warning or st.error draws them (``kind``: info, success, warning,
    error)."""
    if kind not in ("info", "success", "warning", "error"):
        raise ValueError(f"an alert is info, success, warning or error, not {kind!r}")
    return f'<div class="held-alert held-{kind}" role="status">{paragraphs(lines)}</div>'


def metrics(items: Iterable[tuple[str, ...]], compact: bool = False) -> str:
    """Figures side by side as st.metric draws them: (label, value, what it is, shown on hover: "" for nothing),
    each a line, and optionally a fourth: a line under the value, as st.metric's delta with no colour and no arrow.
    ``compact``: values a size smaller, for figures that name their unit ("440 M FLOPs") in a narrow column."""
    def tip(text: str) -> str:
        return f' title="{html.escape(text)}"' if text else ""

    def cell(label: str, value: str, help_: str, delta: str = "") -> str:
        under = f'<p class="held-metric-delta">{inline(delta)}</p>' if delta else ""
        return (f'<div class="held-metric"{tip(help_)}><p class="held-metric-label">{inline(label)}</p>'
                f'<p class="held-metric-value">{inline(value)}</p>{under}</div>')

    cells = "".join(cell(*item) for item in items)
    return f'<div class="held-metrics{" held-compact" if compact else ""}">{cells}</div>'


def bullets(lines: Iterable[str]) -> str:
    """Lines as a Markdown list ("- …") draws them."""
    return "<ul>" + "".join(f"<li>{inline(line)}</li>" for line in lines) + "</ul>"


def heading(text: str) -> str:
    """A line as st.subheader draws it."""
    return f'<h3 class="held-heading">{inline(text)}</h3>'


def columns(cells: Sequence[str], widths: Sequence[int]) -> str:
    """HTML side by side in columns of these relative ``widths``, as st.columns draws them; stacked on a phone."""
    if len(cells) != len(widths) or not all(isinstance(w, int) and 0 < w < 100 for w in widths):
        raise ValueError(f"columns need one width from 1 to 99 per cell, not {list(widths)} for {len(cells)}")
    template = " ".join(f"minmax(0, {w}fr)" for w in widths)
    inner = "".join(f"<div>{cell}</div>" for cell in cells)
    return f'<div class="held-columns" style="grid-template-columns: {template}">{inner}</div>'


def strip(cells: Sequence[str]) -> str:
    """HTML side by side in one row that never wraps: each cell as wide as its drawing, the row scrolling sideways
    as a whole when it is wider than the page (drawings compared at one scale keep their tops in line)."""
    return '<div class="held-strip">' + "".join(f"<div>{cell}</div>" for cell in cells) + "</div>"


def graph(svg: str, alt: str, size: tuple[float, float] | None = None) -> str:
    """A drawing at its own size (never shrunk to its place) in a box that scrolls sideways when it is wider than
    its place. ``size``: the drawing's own size in points, before it was scaled for the page, which the SVG and PNG
    exports (held.js, ``export``) restore. The SVG is the app's own (Graphviz's, from the app's DOT)."""
    pt = f' data-pt="{size[0]:.2f} {size[1]:.2f}"' if size is not None else ""
    return f'<div class="held-graph"><figure role="img" aria-label="{html.escape(alt)}"{pt}>{svg}</figure></div>'


def row(cells: Iterable[str]) -> str:
    """Buttons (or other short HTML) side by side, wrapping on a phone."""
    return '<div class="held-row">' + "".join(cells) + "</div>"


def export(label: str, kind: str, file_name: str) -> str:
    """A button that saves the view's first drawing (``graph``, with its size) as ``kind``: "svg" as drawn, "png"
    drawn by the browser at 96 pixels per inch (Graphviz's own PNG resolution) on white (held.js)."""
    if kind not in ("svg", "png"):
        raise ValueError(f"a drawing is exported as svg or png, not {kind!r}")
    return (f'<button type="button" class="held-button" data-export="{kind}" data-file="{html.escape(file_name)}">'
            f"{inline(label)}</button>")


# A k×k conv's weights, k²·C_in·C_out/g, set as HTML where a sentence names them: the sentence is written with
# FORMULA_SLOT in its place (the texts' {formula}), made HTML, and the slot replaced (with_formula).
FORMULA_SLOT = "\x01"
CONV_WEIGHTS = ('<span class="held-formula"><i>k</i><sup>2</sup>&#8201;<i>C</i><sub>in</sub>&#8201;<i>C</i>'
                '<sub>out</sub>/<i>g</i></span>')


def with_formula(text: str) -> str:
    """HTML written from a sentence whose {formula} was FORMULA_SLOT, with the formula set in its place."""
    return text.replace(FORMULA_SLOT, CONV_WEIGHTS)


def details(summary: str, inner: str) -> str:
    """``inner`` (HTML) folded under a line, as st.expander draws it, closed."""
    return f'<details class="held-details"><summary>{inline(summary)}</summary><div>{inner}</div></details>'


def preformatted(text: str, copy: tuple[str, str, str] | None = None) -> str:
    """Text as printed, in its own box that scrolls sideways (a program's output, never Markdown). ``copy``: a
    button that copies it (its label, the word shown once copied, and the sentence where the browser lets the page
    only select the text), with the copy the share link uses (assets/history.html)."""
    box = f'<pre class="held-pre">{html.escape(text)}</pre>'
    if copy is None:
        return box
    label, copied, selected = copy
    return (f'<div class="held-copy">{box}<div class="held-copy-row"><button type="button" class="held-button" '
            f'data-copy data-copied="{html.escape(copied)}" data-selected="{html.escape(selected)}">{inline(label)}'
            '</button><span class="held-copy-done" role="status"></span></div></div>')


def download(label: str, text: str, file_name: str, mime: str = "text/csv") -> str:
    """A button that saves ``text`` as ``file_name`` (a data: link: the browser writes the file, the server is not
    asked), as st.download_button draws it."""
    href = f"data:{mime};charset=utf-8," + quote(text, safe="")
    return (f'<a class="held-button held-download" download="{html.escape(file_name)}" '
            f'href="{html.escape(href)}">{inline(label)}</a>')


def button(ask: str, label: str) -> str:
    """A button that asks the server for ``ask`` at the g shown (held.js: the component's trigger ``asked``, [ask, g]);
    held_view's ``on_asked`` is called with it."""
    return f'<button type="button" class="held-button" data-ask="{html.escape(ask)}">{inline(label)}</button>'


def figures(svgs: Sequence[str], alts: Sequence[str], aside: str | None = None) -> str:
    """Drawings side by side, each as wide as its share of the row (one scale for drawings of one width), stacked on
    a phone; ``aside``: HTML beside a single drawing, which keeps its own width. The SVGs are the app's own drawings
    (every text in them escaped); ``alts`` say what each shows."""
    cells = "".join(f'<figure role="img" aria-label="{html.escape(alt)}">{svg}</figure>'
                    for svg, alt in zip(svgs, alts, strict=True))
    if aside is not None:
        return f'<div class="held-figures held-aside">{cells}<div>{aside}</div></div>'
    return f'<div class="held-figures">{cells}</div>'


_CELL = re.compile(r"(?<!\\)\|")


def markdown_table(text: str) -> str:
    """A table written in Markdown (explorer/tables.markdown: a header, the alignment row, one line per row, "|"
    escaped in the cells) as ``table`` draws it: the columns aligned right there are set right."""
    def cells(line: str) -> list[str]:
        return [c.strip().replace("\\|", "|") for c in _CELL.split(line.strip().strip("|"))]

    header, rule, *rows = text.strip().split("\n")
    numeric = [i for i, c in enumerate(cells(rule)) if c.endswith(":") and not c.startswith(":")]
    return table(cells(header), [cells(row) for row in rows], numeric=numeric)


def _at(gs: Iterable[int]) -> str:
    return "".join(f':not([data-held-g="{int(g)}"])' for g in gs)


def shown_at(key: str, gs: Iterable[int]) -> None:
    """Show the page's element keyed ``key`` (a Streamlit element drawn for one block, such as a run's result) only
    while the held views show one of ``gs``: a rule of style that the browser applies as it shows another g
    (held.js marks the document with the g shown, ``data-held-g``; before any held view has shown one it is
    shown)."""
    st.html(f"<style>html[data-held-g]{_at(gs)} .st-key-{key} {{ display: none !important; }}</style>")


def disabled_at(key: str, gs: Iterable[int]) -> None:
    """Draw the button keyed ``key`` as disabled, and let it take no click, while the held views show one of ``gs``
    (a g whose block the guards refuse: the server refuses it too, should a keyboard press it)."""
    rules = "".join(f'html[data-held-g="{int(g)}"] .st-key-{key} button, ' for g in gs).rstrip(", ")
    if rules:
        st.html(f"<style>{rules} {{ pointer-events: none; opacity: 0.4; }}</style>")


def held_view(key: str, views: Mapping[int, str], g: int, *, part: bool = True, fixed: bool = False,
              address: Mapping[int, Mapping[str, int]] | None = None, committed: Mapping[str, int] | None = None,
              on_moved: Callable[[], None] | None = None, on_asked: Callable[[str, int], None] | None = None) -> None:
    """Mount the component with the HTML of every g in ``views``; ``g`` is the one this run is at.

    ``part``: the view is part of the page (links.held_drawn), as a groups part is; the sidebar's summary is not.
    ``fixed``: one view, the same at every g, keyed by a constant ``g`` (so that a run at another g sends the same
    data and the browser draws nothing again): it does not say which g the page shows (data-held-g).
    ``address``: for every g, the shared controls that go with it (base_width, holding the width), which the
    browser writes into the address and the sidebar's inputs when it shows that g with no run to follow
    (controls.ANSWERED_IN_BROWSER); a value at its control's default leaves the address, as a bound control's does.
    ``committed``: the values those controls hold after this run, which the inputs the browser set are put back to
    once the run is drawn; ``on_moved``: called when the browser asks for a g it answered with no run while this
    run was on its way (its state ``moved`` is [g, time]). The width note's view, the one held view with them, is
    sent anew by every run of the whole app. ``on_asked(ask, g)``: called when a ``button`` of a view is pressed,
    with its ask and the g shown (the component's trigger ``asked``; anything else a browser sends is ignored); the
    whole app reruns, and such a view is sent anew by every run too (its button enabled again).
    """
    if g not in views:
        raise ValueError(f"the views of {key!r} have no g = {g}: they have {sorted(views)}")
    variants, parts = _shared({str(k): v for k, v in views.items()})
    data = {"variants": variants, "g": g, "address_groups": ADDRESS_GROUPS}
    if fixed:
        if len(views) != 1:
            raise ValueError(f"the fixed view {key!r} has one view, the same at every g: it has {len(views)}")
        data["fixed"] = True
    if parts:
        data["parts"] = parts
    if address is not None:
        if set(address) != set(views):
            raise ValueError(f"the address of {key!r} names g = {sorted(address)}, its views {sorted(views)}")
        names = {name for values in address.values() for name in values}
        data["defaults"] = {name: DEFAULTS[name] for name in names}
        data["address"] = {str(at): {name: None if v == DEFAULTS[name] else str(v) for name, v in values.items()}
                           for at, values in address.items()}
    extra: dict[str, object] = {}
    if committed is not None:
        data["committed"] = dict(committed)
    if on_moved is not None:
        extra = {"default": {"moved": None}, "on_moved_change": on_moved}
    if on_asked is not None:
        extra["on_asked_change"] = lambda: _asked(key, on_asked)
    if committed is not None or on_asked is not None:
        # Streamlit calls the component's script only when its data changes: these views are drawn anew by every
        # run (the inputs settled to the run's values, a button pressed enabled again, even with the same views).
        data["run"] = st.session_state["_held_runs"] = st.session_state.get("_held_runs", 0) + 1
    _component(key=key, data=data, **extra)
    if part:
        links.held_drawn(key)


# A drawing (held_view.graph, or a chart's layout: explorer/figures/svg.document) that several views show alike, such
# as a compared block that g does not change or a chart drawn alike at every g, is sent once: each view holds a slot
# for it, which held.js fills as it shows the view.
_GRAPH = re.compile(r'<div class="held-graph">.*?</figure></div>|<figure class="held-plot[^"]*".*?</figure>', flags=re.S)
SLOT_HTML = '<i data-part="{i}"></i>'


def _shared(variants: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The views with every drawing shown by more than one of them put in a slot, and those drawings, in the order
    they first come (the same data for the same views)."""
    seen: dict[str, int] = {}
    for view in variants.values():
        for drawing in dict.fromkeys(_GRAPH.findall(view)):
            seen[drawing] = seen.get(drawing, 0) + 1
    index = {drawing: i for i, drawing in enumerate(d for d, n in seen.items() if n > 1)}
    if not index:
        return variants, []
    slotted = {g: _GRAPH.sub(lambda m: SLOT_HTML.format(i=index[m[0]]) if m[0] in index else m[0], view)
               for g, view in variants.items()}
    return slotted, list(index)


def _asked(key: str, on_asked: Callable[[str, int], None]) -> None:
    """The trigger ``asked`` of the held view ``key``, [ask, g] as held.js sends it, passed on to ``on_asked``."""
    value = (st.session_state.get(key) or {}).get("asked")
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], int) \
            and not isinstance(value[1], bool):
        on_asked(value[0], value[1])
