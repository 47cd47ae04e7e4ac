"""Graph: the block's computation graph traced from the module, its layers, and blocks compared side by side."""

import csv
import io
import re
import shutil

import streamlit as st

from explorer import cache, controls, links, tables
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, drawing, units
from resblocks.compare import compare
from resblocks.drawing import render, render_all
from resblocks.graph import RANKDIRS, block_graph, to_dot
from resblocks.registry import BLOCK_NAMES, REGISTRY
from resblocks.snippets import block_snippet

view = controls.page_view()
cfg = controls.require_config(view)

st.title("Computation graph")
controls.explain("graph.reading", view)

@memo("graph.dot_for", budget_mb=4)
def dot_for(cfg: BlockConfig, rankdir: str, highlight: frozenset[str] = frozenset()) -> str:
    return to_dot(block_graph(cfg), rankdir=rankdir, highlight=highlight)


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
        st.caption(f"Graphviz on the server could not draw these graphs ({exc}); your browser lays them out instead.")
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
        raise ValueError("Graphviz's SVG has no width and height in points")
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
            st.caption(f"Graphviz on the server could not draw this graph ({exc}); your browser lays it out instead.")
        else:
            with st.container(key=f"graph_{key}"):
                st.image(drawn, width="content", alt=f"Computation graph of the {cfg.label} block")
            return
    st.graphviz_chart(dot, width="stretch")


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


def totals(cfg: BlockConfig) -> None:
    a = cache.analysis(cfg)
    c = st.columns(2) + st.columns(2)
    c[0].metric("Parameters", f"{a.params:,}", help="Learnable weights: conv kernels and BN scale/shift")
    c[1].metric("MACs", units.count(a.macs), help=f"{a.macs:,} multiply-adds (torchvision and the paper call these FLOPs)")
    c[2].metric("FLOPs", units.count(a.flops), help=f"{a.flops:,} = 2 × MACs (what torch's flop counter reports)")
    c[3].metric("Activations", units.nbytes(a.activation_bytes), help="All layer outputs in float32, summed")


@links.fragment
def drawings(cfg: BlockConfig) -> None:
    """The layout and compare controls with what they change: the graphs and their drawings for download. A
    change of them reruns this part alone."""
    top = st.columns([1, 3])
    layout = top[0].radio("Layout", RANKDIRS, horizontal=True, key="layout", bind="query-params",
                          help="TB: top to bottom; LR: left to right")
    others = [name for name in BLOCK_NAMES if name != cfg.block]
    chosen = top[1].multiselect("Compare with (up to 3 blocks, same input)", others, key="compare",
                                bind="query-params", max_selections=3,
                                help="Draws the blocks side by side and marks what differs")
    links.page_param("layout", layout, RANKDIRS[0])
    links.page_param("compare", chosen, [])

    configs = [cfg]
    for name in chosen:
        try:
            configs.append(cfg.replace(block=name))
        except ConfigError as exc:  # e.g. resnext at planes below 16 has no channel per group
            st.warning(f"The {name} block cannot take these settings, so it is left out: {exc}.")

    if len(configs) == 1:
        graph = block_graph(cfg)
        # Top to bottom: the graph beside its description. Left to right the graph is wide: full width, then the rest.
        left, right = (st.container(), st.container()) if layout == "LR" else st.columns([3, 2])
        with left:
            draw(dot_for(cfg, layout), cfg, "0")
        with right:
            st.markdown(f"**{REGISTRY[cfg.block].title}**")
            st.markdown(REGISTRY[cfg.block].summary)
            st.caption(f"{cfg.label} · shortcut: {graph.shortcut_label} · paper: {REGISTRY[cfg.block].paper}")
            totals(cfg)
    else:
        compared(configs, layout)
    drawing_exports(cfg, layout)


def compared(configs: list[BlockConfig], layout: str) -> None:
    """Blocks side by side at one scale. Top to bottom: one row of blocks that scrolls sideways as a whole, so
    their inputs line up; left to right the graphs are wide, so each block gets a row of its own."""
    comparisons = compare(configs)
    dots = [dot_for(comp.config, layout, comp.highlight) for comp in comparisons]
    svgs = laid_out(dots)
    st.caption("Each block gets the same input; nodes that differ from the first block are marked red.")
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
                params_at.metric("Parameters", f"{comp.params:,}")
                macs_at.metric("MACs", units.count(comp.macs), help=f"{comp.macs:,} multiply-adds")
                with words_at:
                    for sentence in comp.differences:
                        st.markdown(f"- {sentence}")


def drawing_exports(cfg: BlockConfig, layout: str) -> None:
    """The current block's graph, in the layout shown, as DOT, SVG and PNG."""
    dot = dot_for(cfg, layout)
    name = file_name(cfg)
    c = st.columns(4)
    c[0].download_button("DOT", dot, file_name=f"{name}.dot", mime="text/vnd.graphviz")
    if not shutil.which("dot"):
        c[1].caption("SVG and PNG export need the graphviz program on the server (Debian package graphviz).")
    elif drawing.recent_failure() is not None:
        c[1].caption(f"SVG and PNG export are unavailable for now: {drawing.recent_failure()}.")
    else:
        c[1].download_button("SVG", lambda: rendered(dot, "svg"), file_name=f"{name}.svg", mime="image/svg+xml")
        c[2].download_button("PNG", lambda: rendered(dot, "png"), file_name=f"{name}.png", mime="image/png")


def file_name(cfg: BlockConfig) -> str:
    return cfg.label.split(",")[0].replace(" ", "_").replace("×", "x")


drawings(cfg)

a = cache.analysis(cfg)
if a.grouped_ratio is not None:
    r = a.grouped_ratio
    st.subheader("The grouped 3×3 and 1/g")
    left, right = st.columns(2)
    left.metric(f"Grouped 3×3 parameters (g={r.groups})", f"{r.conv_params:,}",
                delta=f"{units.ratio(r.conv_ratio)} of the dense 3×3's {r.dense_conv_params:,}", delta_color="off")
    right.metric("Whole block parameters", f"{r.block_params:,}",
                 delta=f"{units.ratio(r.block_ratio)} of {r.dense_block_params:,} with a dense 3×3", delta_color="off")
    st.markdown(
        f"A k×k conv with g groups has k²·C_in·C_out/g weights: 9·{r.width}·{r.width}/{r.groups} = "
        f"{r.conv_params:,}, exactly **{units.ratio(r.conv_ratio)}** of the dense 9·{r.width}·{r.width} = "
        f"{r.dense_conv_params:,}. The whole block shrinks less ({units.ratio(r.block_ratio)}), because its 1×1 "
        "convs and the shortcut do not change with g, and the activations do not shrink at all."
    )

st.subheader("Layers")
rows = [
    {"layer": layer.name, "op": layer.description, "path": layer.path, "output shape": units.shape(layer.output_shape),
     "params": layer.params, "MACs": layer.macs, "FLOPs": layer.flops, "activation (bytes)": layer.activation_bytes}
    for layer in a.layers
]
st.markdown(tables.markdown(rows))
st.caption(f"Totals: {a.params:,} params · {a.macs:,} MACs · {a.flops:,} FLOPs (= 2 × MACs) · "
           f"weights {units.nbytes(a.weight_bytes)} · activations {units.nbytes(a.activation_bytes)} (float32).")

st.subheader("Export")
st.download_button("Layers (CSV)", layer_csv(cfg), file_name=f"{file_name(cfg)}_layers.csv", mime="text/csv")
st.caption("The graph's DOT, SVG and PNG are under the drawing, in the layout shown.")
st.markdown("PyTorch code that rebuilds exactly this block:")
st.code(block_snippet(cfg), language="python")
