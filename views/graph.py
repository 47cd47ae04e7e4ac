"""Graph: the block's computation graph traced from the module, its layers, and blocks compared side by side.

Where Graphviz on the server lays the graphs out (resblocks.drawing.available), everything on the page that depends
on g is drawn at every g the groups control reaches (held views: the graphs as SVG, their totals and exports, the
1/g figures, the layers, the CSV and the code), so holding the width a change of g is answered in the browser with
no run (controls.ANSWERED_IN_BROWSER). Without it the browser lays each graph out (st.graphviz_chart), and the
drawings are a part that a change of g reruns. The layout and compare controls are a part of their own
(links.fragment): a change of them reruns that part alone."""

import csv
import io
import re

import streamlit as st

from explorer import cache, controls, links, tables
from explorer.catalog.graph import BLOCKS, GRAPH_LABELS
from explorer.components.held_view import (
    FORMULA_SLOT,
    bullets,
    captions,
    columns,
    download,
    export,
    graph,
    heading,
    held_view,
    markdown_table,
    metrics,
    paragraphs,
    preformatted,
    row,
    strip,
    with_formula,
)
from explorer.i18n import Say
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, drawing, units
from resblocks.checks import Message
from resblocks.compare import Comparison, compare
from resblocks.config import MAX_TENSOR_ELEMENTS
from resblocks.drawing import render_all
from resblocks.graph import RANKDIRS, block_graph, drawable, drawable_replace, largest_activation, oversized, to_dot
from resblocks.registry import BLOCK_NAMES, REGISTRY
from resblocks.snippets import block_snippet

view = controls.page_view()
say = view.say


def page_config(view: controls.View) -> BlockConfig:
    """The sidebar's block; one that only the activation-size limit refuses is drawn too (the graph needs meta
    tensors alone), and anything else stops the page with the sidebar's sentence. The parts call it with the view
    of their own run: a change of groups reruns them alone (controls.groups_changed)."""
    if view.cfg is not None:
        return view.cfg
    try:
        return drawable(controls.fields(view.values))
    except (ConfigError, KeyError, TypeError, ValueError):
        return controls.require_config(view)


# The page's run: what follows outside the parts and the held views may depend on the block and its width, never
# on g. The blocks the held views are drawn at, by g: every g the control reaches, holding the width; a block that
# only the activation limit refuses at its own g alone (a change of g reruns the whole app for it).
cfg = page_config(view)
blocks = controls.held_blocks(view) if view.cfg is not None else {cfg.groups: cfg}
server_draws = drawing.available()  # Graphviz lays the graphs out here, as the sidebar found (controls.answers)

st.title(say("Computation graph"))
controls.explain("graph.reading", view)
if oversized(cfg):
    st.info(say("The other pages refuse this block: its largest activation would hold {n:,} values ({size} in "
                "float32), more than the {limit:,} they allow, because they create real tensors. This page needs only "
                "the shapes (meta tensors, nothing is allocated), so it draws the block; lower batch or size to see it "
                "on the other pages.", n=largest_activation(cfg), size=say.nbytes(4 * largest_activation(cfg)),
                limit=MAX_TENSOR_ELEMENTS), icon="ℹ️")


def label(cfg: BlockConfig) -> str:
    """cfg.label in the reader's language ("resnext 32×4d, 64→256, stride 1")."""
    return controls.block_label(cfg, say)


def graph_of(cfg: BlockConfig, lang: str):
    return block_graph(cfg, GRAPH_LABELS if lang == "tr" else None)


@memo("graph.dot_for", budget_mb=4)
def dot_for(cfg: BlockConfig, rankdir: str, lang: str, highlight: frozenset[str] = frozenset()) -> str:
    """The graph's DOT in ``lang``, which it reads from its argument alone: the memo computes with the newest
    run's definition of this function, whose module-wide ``say`` may be another session's language."""
    return to_dot(graph_of(cfg, lang), rankdir=rankdir, highlight=highlight, title=controls.block_label(cfg, Say(lang)))


@memo("graph.rendered_all", budget_mb=12)
def rendered_all(dots: tuple[str, ...]) -> tuple[bytes, ...]:
    """Graphs laid out in one run of Graphviz (every g's, and every compared block's). Raises on failure, so that
    none is cached."""
    return render_all(dots, "svg")


# Every graph is drawn at this share of Graphviz's own size: node text of 11 pt shows at 11 · 4/3 · 0.85 ≈ 12.5 px
# and edge labels of 9 pt at about 10 px, and a top-to-bottom graph fits beside its description at 1,400 px.
SCALE = 0.85


def scaled(svg: bytes) -> tuple[str, tuple[float, float]]:
    """Graphviz's SVG at SCALE of its size in points (the viewBox keeps the drawing whole), and its own size."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]  # drop any XML prolog, doctype and comments
    size = re.match(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', text)
    if size is None:
        raise ValueError(Message("Graphviz's SVG has no width and height in points"))
    own = (float(size[1]), float(size[2]))
    return f'<svg width="{own[0] * SCALE:.1f}pt" height="{own[1] * SCALE:.1f}pt"' + text[size.end():], own


def compared_blocks(cfg: BlockConfig, chosen: list[str]) -> tuple[list[Comparison], list[tuple[str, ConfigError]]]:
    """The block against those it is compared with, at its settings (none compared: no comparison), and the blocks
    that cannot take them with why (left out: the drawings say so)."""
    configs, left_out = [cfg], []
    for name in chosen:
        try:
            configs.append(drawable_replace(cfg, block=name))
        except ConfigError as exc:  # e.g. resnext at planes below 16 has no channel per group
            left_out.append((name, exc))
    return (compare(configs) if len(configs) > 1 else []), left_out


def dots_of(cfg: BlockConfig, layout: str, comparisons: list[Comparison]) -> list[str]:
    """The graphs the drawings show for ``cfg``: its own, or every compared block's with what differs marked."""
    if not comparisons:
        return [dot_for(cfg, layout, say.lang)]
    return [dot_for(comp.config, layout, say.lang, comp.highlight) for comp in comparisons]


def laid_out(layout: str, compared_at: dict[int, list[Comparison]]) -> dict[int, list[tuple[str, tuple[float, float]]]] | None:
    """Every held block's graphs (``compared_at``: its comparison, by g) as scaled SVG, laid out in one run of
    Graphviz, or None where it fails (it is then remembered for a while: drawing.recent_failure). A graph that
    several g show alike (a compared block that g does not change) is laid out once: the same bytes at every g
    (Graphviz may write a graph's clusters in another order after other graphs of the same run), which the held
    view then sends once."""
    by_g = {g: dots_of(other, layout, compared_at[g]) for g, other in blocks.items()}
    unique = tuple(dict.fromkeys(dot for dots in by_g.values() for dot in dots))
    try:
        svgs = dict(zip(unique, (scaled(svg) for svg in rendered_all(unique)), strict=True))
    except (RuntimeError, OSError, ValueError):  # a timeout, a failed start, output that is not SVG
        return None
    return {g: [svgs[dot] for dot in dots] for g, dots in by_g.items()}


def edge_key() -> str:
    return say("The sizes on the edges are N×C×H×W: batch × channels × height × width.")


def paper(cfg: BlockConfig) -> str:
    """The block's paper: its full citation in English; author, year and venue in Turkish."""
    cited = REGISTRY[cfg.block].paper
    if say.lang == "en":
        return cited
    authors = cited.split(",")[0].replace(" et al.", " ve ark.")
    venue = cited[cited.rfind("("):] if cited.endswith(")") else ""
    return f"{authors} {venue}".strip()


def described(cfg: BlockConfig) -> str:
    """The block's name, one-line summary, what it is and its totals, in the reader's language: HTML."""
    entry = REGISTRY[cfg.block]
    a = cache.analysis(cfg)
    summary = BLOCKS[cfg.block] if say.lang == "tr" else entry.summary
    totals = metrics([
        (say("Parameters"), say.num(a.params), say("Learnable weights: conv kernels and BN's scale and shift")),
        ("MACs", say.count(a.macs, "MACs"), say("{n:,} multiply-adds (torchvision and the paper call these FLOPs)",
                                                 n=a.macs)),
        ("FLOPs", say.count(a.flops, "FLOPs"), say("{n:,} = 2 × MACs (what torch's flop counter reports)", n=a.flops)),
        (say("Activations"), say.nbytes(a.activation_bytes), say("All layer outputs in float32, summed")),
    ], compact=True)
    line = say("{label} · shortcut: {shortcut} · paper: {paper}", label=label(cfg),
               shortcut=graph_of(cfg, say.lang).shortcut_label, paper=paper(cfg))
    return paragraphs([f"**{say(entry.title)}**", summary]) + captions([line]) + totals


def figure(cfg: BlockConfig, drawn: tuple[str, tuple[float, float]] | None) -> str:
    """A graph as the page draws it, or nothing where the browser lays it out (drawn outside the held view)."""
    if drawn is None:
        return ""
    svg, size = drawn
    return graph(svg, say("Computation graph of the {label} block", label=label(cfg)), size)


def compared(comparisons: list[Comparison], drawn: list | None, layout: str) -> str:
    """Blocks side by side at one scale. Top to bottom: one row of blocks that scrolls sideways as a whole, so
    their inputs line up; left to right the graphs are wide, so each block gets a row of its own."""
    cells = []
    for i, comp in enumerate(comparisons):
        figures = [
            metrics([(say("Parameters"), say.num(comp.params), "")]),
            metrics([("MACs", say.count(comp.macs, "MACs"), say("{n:,} multiply-adds", n=comp.macs))]),
            bullets(say.words(sentence) for sentence in comp.differences) if comp.differences else "",
        ]
        below = columns(figures, [1, 1, 2]) if layout == "LR" else "".join(figures)
        cells.append(heading(comp.config.block) + figure(comp.config, drawn[i] if drawn else None) + below)
    about = captions([say("Each block gets the same input; nodes that differ from the first block are marked red."),
                      edge_key()])
    return about + ("".join(cells) if layout == "LR" else strip(cells))


def exports(cfg: BlockConfig, layout: str) -> str:
    """The block's graph, in the layout shown, as DOT (a download), SVG and PNG (made in the browser from the
    drawing: held.js), or why those two are not offered."""
    name = file_name(cfg)
    dot = download("DOT", dot_for(cfg, layout, say.lang), f"{name}.dot", mime="text/vnd.graphviz")
    if server_draws:
        return row([dot, export("SVG", "svg", f"{name}.svg"), export("PNG", "png", f"{name}.png")])
    failure = drawing.recent_failure()
    if failure is None:
        why = say("SVG and PNG export need the graphviz program on the server (Debian package graphviz).")
    else:
        why = say("SVG and PNG export are unavailable for now: {reason}.", reason=say.words(failure))
    return row([dot]) + captions([why])


def drawing_of(cfg: BlockConfig, layout: str, comparisons: list[Comparison], drawn: list | None) -> str:
    """What the drawings show for ``cfg``: its graph (``drawn``: laid out on the server, or None) beside its
    description and totals, or the blocks compared; then the exports."""
    if comparisons:
        return compared(comparisons, drawn, layout) + exports(cfg, layout)
    left = figure(cfg, drawn[0] if drawn else None) + captions([edge_key()])
    # Top to bottom: the graph beside its description. Left to right the graph is wide: full width, then the rest.
    body = left + described(cfg) if layout == "LR" else columns([left, described(cfg)], [3, 2])
    return body + exports(cfg, layout)


def drawings() -> None:
    """The layout and compare controls with what they change: the graphs, their description and their exports."""
    cfg = page_config(controls.page_view())
    top = st.columns([1, 3])
    # Bound to the address: the options stay codes (TB, LR, block names), the help explains them.
    layout = top[0].radio(say("Layout"), RANKDIRS, horizontal=True, key="layout", bind="query-params",
                          help=say("TB: top to bottom; LR: left to right"))
    others = [name for name in BLOCK_NAMES if name != cfg.block]
    chosen = top[1].multiselect(say("Compare with (up to 3 blocks, same input)"), others, key="compare",
                                bind="query-params", max_selections=3, placeholder=say("Choose blocks"),
                                help=say("Draws the blocks side by side and marks what differs"))
    links.page_param("layout", layout, RANKDIRS[0])
    links.page_param("compare", chosen, [])
    comparisons, left_out = compared_blocks(cfg, chosen)
    for name, exc in left_out:  # the same at every g: only a resnext block compared with another block's settings fails
        st.warning(say("The {name} block cannot take these settings, so it is left out: {reason}.", name=name,
                       reason=say.words(exc)))
    if server_draws:
        compared_at = {g: comparisons if g == cfg.groups else compared_blocks(other, chosen)[0]
                       for g, other in blocks.items()}
        drawn = laid_out(layout, compared_at)
        if drawn is None:  # remembered: the run that follows lets the browser lay the graphs out
            st.rerun()
        views = {g: drawing_of(other, layout, compared_at[g], drawn[g]) for g, other in blocks.items()}
        held_view("graph_drawing", views, cfg.groups)
        return
    failure = drawing.recent_failure()  # None where Graphviz is not installed: the exports say so
    if failure is not None:
        st.caption(say("Graphviz on the server could not draw this graph ({reason}); your browser lays it out "
                       "instead.", reason=say.words(failure)))
    for i, dot in enumerate(dots_of(cfg, layout, comparisons)):
        if comparisons:
            st.caption(f"**{comparisons[i].config.block}**")
        st.graphviz_chart(dot, width="stretch")
    held_view("graph_drawing", {cfg.groups: drawing_of(cfg, layout, comparisons, None)}, cfg.groups)


def layer_csv(cfg: BlockConfig) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["layer", "op", "path", "kernel", "stride", "groups", "in_channels", "out_channels",
                     "output_shape", "params", "MACs", "FLOPs", "activation_bytes", "weight_bytes"])
    for layer in cache.analysis(cfg).layers:
        writer.writerow([layer.name, layer.description, layer.path, layer.kernel or "", layer.stride or "",
                         layer.groups or "", layer.in_channels, layer.out_channels, units.shape(layer.output_shape),
                         layer.params, layer.macs, layer.flops, layer.activation_bytes, layer.weight_bytes])
    return out.getvalue()


def file_name(cfg: BlockConfig) -> str:
    return cfg.label.split(",")[0].replace(" ", "_").replace("×", "x")


def one_over_g(cfg: BlockConfig) -> str:
    """The grouped 3×3's parameters against a dense 3×3 of the same width: exactly 1/g, the block's less: HTML."""
    r = cache.analysis(cfg).grouped_ratio
    if r is None:
        return ""
    if r.groups == 1:
        return paragraphs([say(
            "At g = 1 the 3×3 has a single group: it is a dense 3×3 with all {n:,} of its weights (9·{w}·{w}), and "
            "nothing shrinks. Raise groups to split it into g paths.", n=r.conv_params, w=r.width)])
    figures = metrics([
        (say("Grouped 3×3 parameters (g={g})", g=r.groups), say.num(r.conv_params), "",
         say("{ratio} of the dense 3×3's {n:,}", ratio=say.ratio(r.conv_ratio), n=r.dense_conv_params)),
        (say("Whole block parameters"), say.num(r.block_params), "",
         say("{ratio} of {n:,} with a dense 3×3", ratio=say.ratio(r.block_ratio), n=r.dense_block_params)),
    ])
    return figures + with_formula(paragraphs([say(
        "A k×k conv with g groups has {formula} weights: 9·{w}·{w}/{g} = {n:,}, exactly **{ratio}** of the dense "
        "9·{w}·{w} = {dense:,}. The whole block shrinks less ({block_ratio}), because its 1×1 convs and the shortcut "
        "do not change with g, and the activations do not shrink at all.", formula=FORMULA_SLOT,
        w=r.width, g=r.groups, n=r.conv_params, ratio=say.ratio(r.conv_ratio), dense=r.dense_conv_params,
        block_ratio=say.ratio(r.block_ratio))]))


def layers_table(cfg: BlockConfig) -> str:
    """Every traced layer with its numbers, and the totals (the layer's name is code: the module's path), as a held
    view's HTML."""
    a = cache.analysis(cfg)
    head = {"layer": say("layer"), "op": say("op"), "path": say("path"), "shape": say("output shape"),
            "params": say("params"), "macs": "MACs", "flops": "FLOPs", "bytes": say("activation (bytes)")}
    numeric = ("params", "macs", "flops", "bytes")
    rows = [
        {head["layer"]: f"`{layer.name}`", head["op"]: layer.description, head["path"]: layer.path,
         head["shape"]: units.shape(layer.output_shape), head["params"]: say.num(layer.params),
         head["macs"]: say.num(layer.macs), head["flops"]: say.num(layer.flops),
         head["bytes"]: say.num(layer.activation_bytes)}
        for layer in a.layers
    ]
    lines = tables.markdown(rows).split("\n")  # the numbers come written for the language: align them right
    lines[1] = "|" + "|".join("---:" if key in numeric else ":---" for key in head) + "|"
    return markdown_table("\n".join(lines)) + captions([say(
        "Totals: {params:,} params · {macs:,} MACs · {flops:,} FLOPs (= 2 × MACs) · weights {weights} · activations "
        "{activations} (float32).", params=a.params, macs=a.macs, flops=a.flops, weights=say.nbytes(a.weight_bytes),
        activations=say.nbytes(a.activation_bytes))])


def exported(cfg: BlockConfig) -> str:
    """The layers as CSV, and the block as PyTorch code with its parameter count (left out where its input alone
    would not fit in memory): HTML."""
    layers = download(say("Layers (CSV)"), layer_csv(cfg), f"{file_name(cfg)}_layers.csv")
    where = captions([say("The graph's DOT, SVG and PNG are under the drawing, in the layout shown.")])
    if oversized(cfg):  # at every g: the input does not depend on it
        return layers + where + paragraphs([say("The PyTorch code is left out: its input alone would take {size} of "
                                                "memory.", size=say.nbytes(4 * cfg.batch * cfg.in_channels * cfg.size
                                                                             * cfg.size))])
    code = preformatted(block_snippet(cfg), copy=(say("Copy"), say("Copied"), say(
        "The text is selected: copy it with Ctrl+C or your device's menu.")))
    return layers + where + paragraphs([say(
        "Self-contained PyTorch code (torch only) that rebuilds exactly this block and prints its parameter count, "
        "{n:,} as above:", n=cache.analysis(cfg).params)]) + code


(links.fragment(drawings) if server_draws else links.fragment(drawings, key="graph_drawings"))()
if cfg.entry.grouped:  # a block has a grouped 3×3 at every g or at none
    st.subheader(say("The grouped 3×3 and 1/g"))
    held_view("graph_one_over_g", controls.at_every_g(one_over_g, blocks), cfg.groups)

st.subheader(say("Layers"))
held_view("graph_layers", controls.at_every_g(layers_table, blocks), cfg.groups)

st.subheader(say("Export"))
held_view("graph_export", controls.at_every_g(exported, blocks), cfg.groups)
