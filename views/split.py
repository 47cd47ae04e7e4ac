"""Split-transform-merge: what groups = cardinality does to the channels and to the weights of a ResNeXt block."""

import streamlit as st

from explorer import cache, controls, links, tables
from explorer.figures import split as split_figures
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, split, units
from resblocks.bench import DeviceBusyError
from resblocks.budget import GroupCost, group_sweep
from resblocks.complexity import PAPER_TABLE2, RESNET50_BUDGET, complexity_table, template_width
from resblocks.equivalence import EquivalenceResult, check_equivalence, check_problem

view = controls.page_view()
shown = controls.require_config(view)

SPEEDS = {"slow": 1600, "normal": 900, "fast": 400}  # milliseconds per frame
AUTO_CHECK_PARAMS = 4_000_000  # above this many block parameters the equivalence check waits for a click
TOLERANCE = 1e-4  # float32

st.title("Split-transform-merge")
controls.explain("split.cardinality", view)

# The page works on the resnext block; another block is shown as the resnext block with its channels.
cfg = shown
if shown.block != "resnext":
    changes = {"block": "resnext"}
    if shown.block == "bottleneck":
        changes |= {"groups": 1, "base_width": 64}  # the bottleneck is the resnext block with g = 1
    try:
        cfg = shown.replace(**changes)
    except ConfigError as exc:
        st.error(f"The {shown.block} block has no grouped 3×3, and the resnext block with these channels is not valid: "
                 f"{exc}. Choose the resnext block in the sidebar.", icon="⚠️")
        st.stop()
    st.info(f"The {shown.block} block has no grouped 3×3, so this page shows the resnext block with the same "
            f"channels, stride and size: {cfg.label}. Choose resnext in the sidebar to change the groups.",
            icon=":material/info:")

g, w, d = cfg.groups, cfg.width, cfg.group_width


# Figures are kept as objects (never changed after creation): pickling them, as st.cache_data does, would
# validate them again when unpickled, about 0.1 s for the animation. Budgets in bytes: one animation of the
# largest settings holds about 11 MB with its weight map.
@memo("split.animation_figure", budget_mb=24)
def animation_figure(cfg: BlockConfig, titles: tuple[str, ...], active: int, frame_ms: int):
    return split_figures.animation_figure(split.animation(cfg), titles, active, frame_ms)


@memo("split.weight_map_figure", budget_mb=12)
def weight_map_figure(cfg: BlockConfig, titles: tuple[str, str]):
    return split_figures.weight_map_figure(weight_map(cfg), titles)


@memo("split.sweep_figure", budget_mb=6)
def sweep_figure(cfg: BlockConfig):
    return split_figures.sweep_figure(sweep(cfg), cfg.groups)


@memo("split.weight_map", budget_mb=6)
def weight_map(cfg: BlockConfig) -> split.ConnectivityMap:
    return split.connectivity(cfg.width, cfg.width, cfg.groups)


@memo("split.equivalence", budget_mb=2, spinner="Running the three forms…")
def equivalence(cfg: BlockConfig) -> EquivalenceResult:
    return check_equivalence(cfg)  # waits its turn for the CPU behind any run, like a run


def run_check(cfg: BlockConfig) -> EquivalenceResult | None:
    """The check's result, or None once the sentence saying why it did not run is shown."""
    try:
        return equivalence(cfg)
    except (ConfigError, DeviceBusyError) as exc:
        st.error(f"{str(exc)[0].upper()}{str(exc)[1:]}.", icon="⚠️")
        return None


@memo("split.sweep", budget_mb=4)
def sweep(cfg: BlockConfig) -> tuple[GroupCost, ...]:
    return group_sweep(cfg).points


# 1. The animation --------------------------------------------------------------------------------

st.header("Watch the channels split and merge")
steps = split.steps(cfg)
names = [s.name for s in steps]
left, right = st.columns([3, 1])
step = left.select_slider("Start at step", options=names, value=names[0], key="step", bind="query-params",
                          help="The frame the animation opens at; a shared link keeps it")
speed = right.select_slider("Speed", options=list(SPEEDS), value="normal", key="speed", bind="query-params",
                            help="How long each frame stays when playing")
links.page_param("step", step, names[0])
links.page_param("speed", speed, "normal")


def title(s: split.Step) -> str:
    """The frame's headline and, below it, the channels and parameters of this step."""
    headline = {
        "input": f"Input x: {s.out_channels} channels of {cfg.size}×{cfg.size}",
        "reduce": f"1×1 reduce: {s.in_channels} → {s.out_channels} channels, every input feeds every output",
        "split": f"Split: the {w} channels form {g} groups of {d}, one per path",
        "transform": (
            f"Transform: each of the {g} paths has its own 3×3, {d} → {d} channels; group i reads only group i"
            if g > 1 else f"3×3: {w} → {w} channels, every input feeds every output (g = 1, a plain bottleneck)"
        ) + (f"; stride {cfg.stride}, {cfg.size}×{cfg.size} → {cfg.out_size}×{cfg.out_size}" if cfg.stride > 1 else ""),
        "merge": f"Merge: the {g} paths' outputs are concatenated back into {w} channels",
        "expand": f"1×1 expand: {s.in_channels} → {s.out_channels} channels, every input feeds every output",
        "add": (
            f"Add the shortcut ({'1×1 projection' if cfg.has_projection else 'identity'}), then ReLU: "
            f"{s.out_channels} channels out"
        ),
    }[s.name]
    spent = f"+{s.params:,} parameters" if s.params else "no parameters"
    detail = f"{spent} · {s.total_params:,} of {steps[-1].total_params:,} so far · {units.count(s.total_macs, 'MACs')} so far"
    small = "<span style='font-size:12px;font-weight:normal'>"
    return f"{names.index(s.name) + 1}/{len(steps)} · {headline}<br>{small}{detail}</span>"


figure = animation_figure(cfg, tuple(title(s) for s in steps), names.index(step), SPEEDS[speed])
st.plotly_chart(figure, key="animation", config={"displayModeBar": False})
band_note = (
    "Each small rectangle is one channel."
    if w <= split.MAX_CHANNEL_MARKS
    else f"The {w} channels of the 3×3 are drawn as one band per group"
    + (f", bundled {-(-g // split.MAX_BANDS)} groups to a band." if g > split.MAX_BANDS else ".")
)
st.caption(
    f"{band_note} Colours mark the groups; grey channels are not split into groups. A grey fan is a dense "
    "connection (every channel feeds every channel); a coloured band or line connects a group only to itself. "
    "Press ▶ Play or drag the slider under the figure."
)

# 2. The weight map -------------------------------------------------------------------------------

st.header("What the grouped 3×3 stores")
st.markdown(
    "A grouped convolution is a dense convolution whose weight is zero outside g blocks on the diagonal: "
    "output channel o reads input channel i only when both lie in the same group. Written out as a "
    "C_out × C_in matrix, with one entry per 3×3 kernel, it is block-diagonal."
)
cmap = weight_map(cfg)
c1, c2, c3 = st.columns(3)
c1.metric("Non-zero weights, grouped 3×3", f"{cmap.nonzero:,}", help=f"9 · C_in · C_out / g = 9 · {w} · {w} / {g}",
          delta=None)
c2.metric("Weights, dense 3×3", f"{cmap.dense_nonzero:,}", help=f"9 · C_in · C_out = 9 · {w} · {w}")
c3.metric("Grouped / dense", units.ratio(cmap.nonzero / cmap.dense_nonzero), help="Exactly 1/g")
map_titles = (f"grouped 3×3, g = {g}: {cmap.nonzero:,} non-zero", f"dense 3×3: {cmap.dense_nonzero:,}")
st.plotly_chart(weight_map_figure(cfg, map_titles), key="weight_map", config={"displayModeBar": False})
cells = len(cmap.row_edges) - 1
if cmap.exact:
    st.caption(f"One cell per (output, input) channel pair: {w} × {w} cells, {g} blocks of {d} × {d} on the diagonal.")
else:
    st.caption(
        f"The matrix has {w} × {w} entries; it is drawn as {cells} × {cells} cells, each coloured by the share "
        f"of its entries that hold a weight ({g} diagonal blocks of {d} × {d} entries)."
    )

# 3. The three equivalent forms -------------------------------------------------------------------

st.header("Three forms, one function")
st.markdown(
    "Xie et al. (2017, Fig. 3) draw the block three ways: **(a)** g separate paths, each ending in its own 1×1, "
    "summed; **(b)** g paths of 1×1 → 3×3, concatenated, then one 1×1; **(c)** one grouped 3×3. Here all three "
    "are built from the same weights and run on the same random input (float32, BN in inference mode with "
    "random statistics)."
)
params = cache.analysis(cfg).params
refused = check_problem(cfg)  # too many paths, or above the server's memory limit: the same guard as a run
if refused is not None:
    st.info(f"{refused[0].upper()}{refused[1:]}.", icon=":material/info:")
elif params > AUTO_CHECK_PARAMS and not st.button(
    f"Run the check ({params:,} parameters, about {units.nbytes(2 * 4 * params)} of weights in the block and one form "
    "at a time)",
    key="run_check",
):
    st.caption("This block is large, so the check runs only when asked.")
elif (r := run_check(cfg)) is not None:
    e1, e2, e3 = st.columns(3)
    e1.metric("max |(a) − (c)|", f"{r.max_abs_diff_sum_vs_grouped:.2e}", help="Split-transform-sum against the grouped conv")
    e2.metric("max |(b) − (c)|", f"{r.max_abs_diff_concat_vs_grouped:.2e}",
              help="Split-transform-concatenate against the grouped conv")
    e3.metric("max |output|", f"{r.max_abs_output:.3g}", help="The scale the differences are measured against")
    agree = max(r.max_abs_diff_sum_vs_grouped, r.max_abs_diff_concat_vs_grouped) < TOLERANCE
    if agree:
        st.success(
            "The differences are float32 rounding: split-transform-merge and a grouped convolution compute the "
            f"same function; the grouped convolution is one kernel instead of {g}.", icon=":material/check_circle:"
        )
    else:
        st.warning(f"The forms differ by more than {TOLERANCE:g}; this should not happen. Please report these settings.")
    st.caption(f"Input {units.shape(r.input_shape)} → output {units.shape(r.output_shape)}: a small input is enough, "
               "since the equality does not depend on the resolution.")

# 4. Cardinality against width --------------------------------------------------------------------

st.header("Cardinality or width, at the same budget")
st.markdown(
    f"Table 2 of the paper keeps a conv2-stage block (256 channels in and out) near the ResNet-50 bottleneck's "
    f"{RESNET50_BUDGET:,} conv weights and trades the width per path d against the cardinality C: "
    f"C · (256·d + 9·d² + d·256) ≈ {RESNET50_BUDGET:,}. The library solves this for d; the paper's values stand beside it."
)
rows = complexity_table()
nearest = split.nearest_row(rows, g, d)
table = [
    {"cardinality C": r.cardinality, "width per path d": r.group_width, "grouped width C·d": r.width,
     "paper: d": p.group_width, "paper: C·d": p.width, "conv weights": r.params,
     "of the budget (%)": 100 * r.ratio_to_budget, " ": "◀ nearest to these settings" if i == nearest else ""}
    for i, (r, p) in enumerate(zip(rows, PAPER_TABLE2, strict=True))
]
st.markdown(tables.markdown(table, bold=nearest))
template_note = (
    f" At g = {g} the template would use d = {template_width(g)}." if g <= 1024 and g not in {r.cardinality for r in rows} else ""
)
st.caption(f"The current block is {g}×{d}d; the row in bold is the nearest cardinality.{template_note} "
           "Only conv weights count here, as in the paper.")

points = sweep(cfg)
dense, finest = points[0], points[-1]
st.markdown(
    f"Hold the grouped width at {w} channels and split it into more groups: the 3×3's weights fall as 1/g, from "
    f"{dense.conv_params:,} at g = 1 to {finest.conv_params:,} at g = {finest.groups} (depthwise). The 1×1 convs do "
    f"not shrink, so the whole block falls far less: from {dense.block_params:,} to {finest.block_params:,} "
    f"({finest.block_params / dense.block_params:.0%} of it)."
)
st.plotly_chart(sweep_figure(cfg), key="sweep", config={"displayModeBar": False})
st.caption("g runs over every divisor of the grouped width (log scale); the star marks the current g. The grouped "
           "3×3 counts its weights, the whole block also its BN. The 3×3's MACs fall by the same 1/g.")
