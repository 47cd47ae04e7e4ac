"""Graph: the block's computation graph traced from the module, its layers, and blocks compared side by side."""

import contextlib
import csv
import io
import re
import shutil

import streamlit as st

from explorer import ahead, cache, controls, links, tables
from explorer.catalog.graph import BLOCKS, GRAPH_LABELS
from explorer.components.held_view import captions, held_view, markdown_table
from explorer.components.share_link import code_box
from explorer.i18n import Say
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, drawing, units
from resblocks.analysis import GroupedRatio
from resblocks.checks import Message
from resblocks.compare import compare
from resblocks.config import MAX_TENSOR_ELEMENTS
from resblocks.drawing import render, render_all
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


# The page's run: what follows outside the parts may depend on the block and its width, never on g.
cfg = page_config(view)

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


@memo("graph.rendered", budget_mb=12)
def rendered(dot: str, fmt: str) -> bytes:
    """Graphviz's drawing, for the page and the exports alike. Raises when Graphviz fails, so that no failure
    is cached."""
    return render(dot, fmt)


@memo("graph.rendered_all", budget_mb=8)
def rendered_all(dots: tuple[str, ...]) -> tuple[bytes, ...]:
    """A comparison's graphs laid out in one run of Graphviz. Raises on failure, so that none is cached."""
    return render_all(dots, "svg")


def laid_out(dots: list[str]) -> tuple[bytes, ...] | None:
    """A comparison's graphs as SVG from one Graphviz run, or None (with a sentence) where it cannot."""
    if not shutil.which("dot"):
        return None
    try:
        return rendered_all(tuple(dots))
    except (RuntimeError, OSError, ValueError) as exc:  # a timeout, a failed start, output that is not SVG
        st.caption(say("Graphviz on the server could not draw these graphs ({reason}); your browser lays them out "
                       "instead.", reason=say.words(exc)))
        return None


# Every graph is drawn at this share of Graphviz's own size: node text of 11 pt shows at 11 · 4/3 · 0.85 ≈ 12.5 px
# and edge labels of 9 pt at about 10 px, and a top-to-bottom graph fits beside its description at 1,400 px.
SCALE = 0.85


def scaled(svg: bytes) -> str:
    """Graphviz's SVG at SCALE of its size in points (the viewBox keeps the drawing whole)."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]  # drop any XML prolog, doctype and comments
    size = re.match(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', text)
    if size is None:
        raise ValueError(Message("Graphviz's SVG has no width and height in points"))
    w, h = (float(v) * SCALE for v in size.groups())
    return f'<svg width="{w:.1f}pt" height="{h:.1f}pt"' + text[size.end():]


def draw(dot: str, cfg: BlockConfig, key: str, svg: bytes | None = None) -> None:
    """Show a graph. Laid out on the server when Graphviz is installed and shown as an SVG image:
    st.graphviz_chart lays the graph out in the browser with Graphviz compiled to WebAssembly, which took
    about a second of the browser's time on every change on a 2-core machine. Without the program, or when
    it fails, the browser does the layout. ``svg``: the graph already laid out (a comparison's).

    The image keeps its SVG's size (SCALE) in a box of its own that scrolls when the graph is wider than its
    place (assets/app.css: the boxes keyed graph_*), so every graph is drawn at one legible scale instead of
    being shrunk to its column."""
    if svg is not None or shutil.which("dot"):
        try:
            drawn = scaled(svg if svg is not None else rendered(dot, "svg"))
        except (RuntimeError, OSError, ValueError) as exc:  # a timeout, a failed start, output that is not SVG
            st.caption(say("Graphviz on the server could not draw this graph ({reason}); your browser lays it out "
                           "instead.", reason=say.words(exc)))
        else:
            with st.container(key=f"graph_{key}"):
                st.image(drawn, width="content", alt=say("Computation graph of the {label} block", label=label(cfg)))
            return
    st.graphviz_chart(dot, width="stretch")


def edge_key() -> None:
    st.caption(say("The sizes on the edges are N×C×H×W: batch × channels × height × width."))


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


# The totals' values name their unit ("440 M FLOPs"): a smaller figure keeps them whole in two columns of the
# graph's side at 1,400 px.
TOTALS_CSS = "<style>.st-key-graph_totals [data-testid='stMetricValue'] { font-size: 1.8rem; }</style>"


def totals(cfg: BlockConfig) -> None:
    a = cache.analysis(cfg)
    box = st.container(key="graph_totals")
    c = box.columns(2) + box.columns(2)
    c[0].metric(say("Parameters"), say.num(a.params), help=say("Learnable weights: conv kernels and BN's scale and "
                                                                 "shift"))
    c[1].metric("MACs", say.count(a.macs, "MACs"),
                help=say("{n:,} multiply-adds (torchvision and the paper call these FLOPs)", n=a.macs))
    c[2].metric("FLOPs", say.count(a.flops, "FLOPs"),
                help=say("{n:,} = 2 × MACs (what torch's flop counter reports)", n=a.flops))
    c[3].metric(say("Activations"), say.nbytes(a.activation_bytes), help=say("All layer outputs in float32, summed"))


def paper(cfg: BlockConfig) -> str:
    """The block's paper: its full citation in English; author, year and venue in Turkish."""
    cited = REGISTRY[cfg.block].paper
    if say.lang == "en":
        return cited
    authors = cited.split(",")[0].replace(" et al.", " ve ark.")
    venue = cited[cited.rfind("("):] if cited.endswith(")") else ""
    return f"{authors} {venue}".strip()


def described(cfg: BlockConfig) -> None:
    """The block's name and one-line summary, in the reader's language."""
    entry = REGISTRY[cfg.block]
    summary = BLOCKS[cfg.block] if say.lang == "tr" else entry.summary
    st.markdown(f"**{say(entry.title)}**\n\n{summary}")


@links.fragment(key="graph_drawings")
def drawings() -> None:
    """The layout and compare controls with what they change: the graphs and their drawings for download. A
    change of them reruns this part alone, and so does a change of groups (every graph shows g)."""
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

    configs = [cfg]
    for name in chosen:
        try:
            configs.append(drawable_replace(cfg, block=name))
        except ConfigError as exc:  # e.g. resnext at planes below 16 has no channel per group
            st.warning(say("The {name} block cannot take these settings, so it is left out: {reason}.", name=name,
                           reason=say.words(exc)))

    if len(configs) == 1:
        graph = graph_of(cfg, say.lang)
        # Top to bottom: the graph beside its description. Left to right the graph is wide: full width, then the rest.
        left, right = (st.container(), st.container()) if layout == "LR" else st.columns([3, 2])
        with left:
            draw(dot_for(cfg, layout, say.lang), cfg, "0")
            edge_key()
        with right:
            described(cfg)
            st.caption(say("{label} · shortcut: {shortcut} · paper: {paper}", label=label(cfg),
                           shortcut=graph.shortcut_label, paper=paper(cfg)))
            totals(cfg)
    else:
        compared(configs, layout)
    drawing_exports(cfg, layout)
    lang = say.lang
    ahead.prepare(f"graph.{lang}.{layout}.{'+'.join(chosen)}", controls.page_view().cfg,
                  lambda other: drawn_ahead(other, layout, tuple(chosen), lang), hold=controls.page_view().values["hold"])


def drawn_ahead(cfg: BlockConfig, layout: str, chosen: tuple[str, ...], lang: str) -> None:
    """Another g's graphs as the drawings show them (laid out by Graphviz) and its analysis (the totals, the 1/g
    figures, the layers and their CSV), made in explorer.ahead's thread so that a change of g only draws: no
    Streamlit command here."""
    cache.analysis(cfg)
    configs = [cfg]
    for name in chosen:
        with contextlib.suppress(ConfigError):  # the page says why such a block is left out
            configs.append(drawable_replace(cfg, block=name))
    dot = dot_for(cfg, layout, lang)  # the drawing's, and the exports' in compare mode too
    with drawing.unremembered():  # a slow drawing here must not switch Graphviz off for every reader
        if len(configs) == 1:
            if shutil.which("dot"):
                rendered(dot, "svg")
        else:
            dots = tuple(dot_for(comp.config, layout, lang, comp.highlight) for comp in compare(configs))
            if shutil.which("dot"):
                rendered_all(dots)


def compared(configs: list[BlockConfig], layout: str) -> None:
    """Blocks side by side at one scale. Top to bottom: one row of blocks that scrolls sideways as a whole, so
    their inputs line up; left to right the graphs are wide, so each block gets a row of its own."""
    comparisons = compare(configs)
    dots = [dot_for(comp.config, layout, say.lang, comp.highlight) for comp in comparisons]
    svgs = laid_out(dots)
    st.caption(say("Each block gets the same input; nodes that differ from the first block are marked red."))
    edge_key()
    rows = layout == "LR"
    strip = st.container() if rows else st.container(horizontal=True, wrap=False, key="compare_strip", gap="medium")
    with strip:
        for i, comp in enumerate(comparisons):
            with st.container(key=f"compared_{i}", width="stretch" if rows else "content"):
                st.subheader(comp.config.block)
                if svgs is None:
                    st.graphviz_chart(dots[i], width="stretch")
                else:
                    draw(dots[i], comp.config, str(i), svgs[i])
                params_at, macs_at, words_at = st.columns([1, 1, 2]) if rows else [st.container()] * 3
                params_at.metric(say("Parameters"), say.num(comp.params))
                macs_at.metric("MACs", say.count(comp.macs, "MACs"), help=say("{n:,} multiply-adds", n=comp.macs))
                with words_at:
                    for sentence in comp.differences:
                        st.markdown(f"- {say.words(sentence)}")


def drawing_exports(cfg: BlockConfig, layout: str) -> None:
    """The current block's graph, in the layout shown, as DOT, SVG and PNG."""
    dot = dot_for(cfg, layout, say.lang)
    name = file_name(cfg)
    c = st.columns(4)
    c[0].download_button("DOT", dot, file_name=f"{name}.dot", mime="text/vnd.graphviz")
    failure = drawing.recent_failure()
    if not shutil.which("dot"):
        c[1].caption(say("SVG and PNG export need the graphviz program on the server (Debian package graphviz)."))
    elif failure is not None:
        c[1].caption(say("SVG and PNG export are unavailable for now: {reason}.", reason=say.words(failure)))
    else:
        c[1].download_button("SVG", lambda: rendered(dot, "svg"), file_name=f"{name}.svg", mime="image/svg+xml")
        c[2].download_button("PNG", lambda: rendered(dot, "png"), file_name=f"{name}.png", mime="image/png")


def file_name(cfg: BlockConfig) -> str:
    return cfg.label.split(",")[0].replace(" ", "_").replace("×", "x")


@links.groups_part("graph_one_over_g")
def grouped_3x3() -> None:
    """The grouped 3×3's parameters against a dense 3×3 of the same width: exactly 1/g, the block's less (its
    heading is the page's: a block has a grouped 3×3 at every g or at none)."""
    r = cache.analysis(page_config(controls.page_view())).grouped_ratio
    if r is None:
        return
    with st.container(key="one_over_g"):
        one_over_g(r)


def one_over_g(r: GroupedRatio) -> None:
    if r.groups == 1:
        st.markdown(say("At g = 1 the 3×3 has a single group: it is a dense 3×3 with all {n:,} of its weights "
                        "(9·{w}·{w}), and nothing shrinks. Raise groups to split it into g paths.", n=r.conv_params,
                        w=r.width))
        return
    left, right = st.columns(2)
    left.metric(say("Grouped 3×3 parameters (g={g})", g=r.groups), say.num(r.conv_params), delta_arrow="off",
                delta=say("{ratio} of the dense 3×3's {n:,}", ratio=say.ratio(r.conv_ratio), n=r.dense_conv_params),
                delta_color="off")
    right.metric(say("Whole block parameters"), say.num(r.block_params), delta_arrow="off",
                 delta=say("{ratio} of {n:,} with a dense 3×3", ratio=say.ratio(r.block_ratio), n=r.dense_block_params),
                 delta_color="off")
    st.markdown(say(
        r"A k×k conv with g groups has $k^2 \cdot C_{{in}} \cdot C_{{out}} / g$ weights: 9·{w}·{w}/{g} = {n:,}, "
        r"exactly **{ratio}** of the dense 9·{w}·{w} = {dense:,}. The whole block shrinks less ({block_ratio}), "
        "because its 1×1 convs and the shortcut do not change with g, and the activations do not shrink at all.",
        w=r.width, g=r.groups, n=r.conv_params, ratio=say.ratio(r.conv_ratio), dense=r.dense_conv_params,
        block_ratio=say.ratio(r.block_ratio)))


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


@links.groups_part("graph_csv")
def csv_export() -> None:
    cfg = page_config(controls.page_view())
    st.download_button(say("Layers (CSV)"), layer_csv(cfg), file_name=f"{file_name(cfg)}_layers.csv", mime="text/csv")


@links.groups_part("graph_snippet")
def snippet() -> None:
    """The block as PyTorch code, and its parameter count."""
    cfg = page_config(controls.page_view())
    st.markdown(say("Self-contained PyTorch code (torch only) that rebuilds exactly this block and prints its "
                    "parameter count, {n:,} as above:", n=cache.analysis(cfg).params))
    code_box(block_snippet(cfg), "graph_snippet_code", say)  # not st.code: its highlighter is 1.5 MB of JavaScript


st.html(TOTALS_CSS)  # style alone: Streamlit sends it outside the page's flow
drawings()
if cfg.entry.grouped:
    st.subheader(say("The grouped 3×3 and 1/g"))
    grouped_3x3()

st.subheader(say("Layers"))
# At every g the control reaches (a held view: the browser shows the new g's as the address changes); a block that
# only the activation limit refuses at its own g alone (a change of g reruns the whole app for it).
held_view("graph_layers", controls.at_every_g(layers_table, view) if view.cfg is not None else {cfg.groups: layers_table(cfg)},
          cfg.groups)

st.subheader(say("Export"))
csv_export()
st.caption(say("The graph's DOT, SVG and PNG are under the drawing, in the layout shown."))
if oversized(cfg):  # at every g: the input does not depend on it
    st.markdown(say("The PyTorch code is left out: its input alone would take {size} of memory.",
                    size=say.nbytes(4 * cfg.batch * cfg.in_channels * cfg.size * cfg.size)))
else:
    snippet()
