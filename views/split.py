"""Split-transform-merge: what groups = cardinality does to the channels and to the weights of a ResNeXt block."""

import streamlit as st

from explorer import cache, controls, links, paper_texts, tables
from explorer.components import split_explorer as explorer
from explorer.figures import split as split_figures
from explorer.memo import memo
from explorer.texts import component_texts, sentence
from resblocks import BlockConfig, ConfigError, split, units
from resblocks.bench import DeviceBusyError
from resblocks.budget import GroupCost, group_sweep
from resblocks.complexity import PAPER_TABLE2, RESNET50_BUDGET, complexity_table, template_width
from resblocks.equivalence import EquivalenceResult, check_equivalence, check_problem

view = controls.page_view()
shown = controls.require_config(view)
hold = str(view.values.get("hold", split.HOLDS[0]))

TOLERANCE = 1e-4  # float32
POSITIONS = ("repeated", "first")

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


@memo("split.geometries", budget_mb=8)  # about 30 KB for every g of one block
def geometries(cfg: BlockConfig, hold: str) -> tuple[split.Geometry, ...]:
    return split.geometries(cfg, hold)


# The figure is kept as an object (never changed after creation): pickling it would validate it again.
@memo("split.sweep_figure", budget_mb=6)
def sweep_figure(cfg: BlockConfig):
    return split_figures.sweep_figure(sweep(cfg), cfg.groups)


@memo("split.equivalence", budget_mb=2, spinner="Running the three forms…")
def equivalence(cfg: BlockConfig) -> EquivalenceResult:
    return check_equivalence(cfg)  # waits its turn for the CPU behind any run, like a run


def run_check(cfg: BlockConfig) -> EquivalenceResult | None:
    """The check's result, or None once the sentence saying why it did not run is shown."""
    try:
        return equivalence(cfg)
    except (ConfigError, DeviceBusyError) as exc:
        st.error(sentence(exc), icon="⚠️")
        return None


@memo("split.sweep", budget_mb=4)
def sweep(cfg: BlockConfig) -> tuple[GroupCost, ...]:
    return group_sweep(cfg).points


# 1. The explorer ---------------------------------------------------------------------------------

st.header("Watch the channels split and merge")


def _position(choice: str | None) -> None:
    """In its stage, a block repeats (in = out, stride 1: identity) or opens it (in = planes: projection)."""
    if choice == "repeated":
        st.session_state["in_channels"] = cfg.out_channels
        st.session_state["stride"] = 1
    elif choice == "first":
        st.session_state["in_channels"] = cfg.planes


st.session_state["position"] = (
    "repeated" if not cfg.has_projection else "first" if cfg.in_channels == cfg.planes else None
)
words = component_texts(view.lang)
st.segmented_control(words["position_label"], POSITIONS, format_func=lambda p: words[f"position_{p}"],
                     key="position", on_change=lambda: _position(st.session_state.get("position")),
                     help=words["position_help"])

if "step" not in st.session_state or st.session_state["step"] not in split.STEP_NAMES:
    asked = st.query_params.get("step", split.STEP_NAMES[0])
    st.session_state["step"] = asked if asked in split.STEP_NAMES else split.STEP_NAMES[0]
step = st.session_state["step"]
if step == split.STEP_NAMES[0]:
    st.query_params.pop("step", None)
else:
    st.query_params["step"] = step
links.page_param("step", step, split.STEP_NAMES[0])


def _groups_written() -> None:
    written = explorer.written().get("groups")
    if isinstance(written, (int, float)) and not isinstance(written, bool) and float(written).is_integer():
        controls.set_groups(int(written))  # anything else is not what the component writes: ignored


def _step_written() -> None:
    written = explorer.written().get("step")
    if written in split.STEP_NAMES:
        st.session_state["step"] = written


explorer.split_explorer(explorer.payload(cfg, geometries(cfg, hold), step, hold, view.lang),
                        on_groups=_groups_written, on_step=_step_written)
st.caption(words["page_caption"].format(hold=words[f"hold_{hold}"]))

# 2. The three equivalent forms -------------------------------------------------------------------

st.header("Three forms, one function")
st.markdown(
    "Xie et al. (2017, Fig. 3) draw the block three ways: **(a)** g separate paths, each ending in its own 1×1, "
    "summed; **(b)** g paths of 1×1 → 3×3, concatenated, then one 1×1; **(c)** one grouped 3×3. Here all three "
    "are built from the same weights and run on the same random input (float32, BN in inference mode with "
    "random statistics)."
)
params = cache.analysis(cfg).params
checked = st.session_state.setdefault("_checked", set())  # the blocks checked in this session show their result
refused = check_problem(cfg)  # too many paths, or above the server's memory limit: the same guard as a run
if refused is not None:
    st.info(sentence(refused), icon=":material/info:")
elif cfg not in checked and not st.button(
    f"Run the three forms ({params:,} parameters, about {units.nbytes(2 * 4 * params)} of weights in the block and "
    "one form at a time)",
    key="run_check",
):
    st.caption("The check runs when asked, so that it never holds up the figures above.")
elif (r := run_check(cfg)) is not None:
    checked.add(cfg)
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

# 3. Cardinality against width --------------------------------------------------------------------

st.header("Cardinality or width, at the same budget")
st.markdown(
    f"Table 2 of the paper keeps a conv2-stage block (256 channels in and out) near the ResNet-50 bottleneck's "
    f"{RESNET50_BUDGET:,} conv weights and trades the width per path d against the cardinality C: "
    f"C · (256·d + 9·d² + d·256) ≈ {RESNET50_BUDGET:,}. The library solves this for d; the paper's values stand "
    "beside it. Choose **cost** under *As g changes, hold fixed* in the sidebar to move along this table."
)
rows = complexity_table()
nearest = split.nearest_row(rows, g, d)
table = [
    {"cardinality C": r.cardinality, "width per path d": r.group_width, "grouped width C·d": r.width,
     "paper: d": p.group_width, "paper: C·d": p.width, "conv weights": r.params,
     "of the budget (%)": 100 * r.ratio_to_budget, " ": "◀ nearest to these settings" if i == nearest else ""}
    for i, (r, p) in enumerate(zip(rows, PAPER_TABLE2, strict=True))
]
# In its own sideways-scrolling box, so that a phone's page does not pan (the table is trusted: library numbers).
st.markdown(f'<div style="overflow-x: auto">\n\n{tables.markdown(table, bold=nearest)}\n\n</div>', unsafe_allow_html=True)
template_note = (
    f" At g = {g} the template would use d = {template_width(g)}." if g <= 1024 and g not in {r.cardinality for r in rows} else ""
)
st.caption(f"The current block is {g}×{d}d; the row in bold is the nearest cardinality.{template_note} "
           "Only conv weights count here, as in the paper.")
st.subheader(paper_texts.template("accuracy_heading", view.lang))
accuracy, accuracy_source = paper_texts.accuracy_markdown(view.lang)
st.markdown(accuracy)
st.caption(accuracy_source)

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
