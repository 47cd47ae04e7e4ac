"""Split-transform-merge: what groups = cardinality does to the channels and to the weights of a ResNeXt block."""

import streamlit as st

from explorer import cache, controls, links, paper_texts, tables
from explorer.components import split_explorer as explorer
from explorer.components.held_view import alert, button, captions, figures, held_view, markdown_table, metrics, paragraphs
from explorer.figures import split as split_figures
from explorer.i18n import Say, localize_number
from explorer.memo import memo
from explorer.texts import component_texts
from resblocks import BlockConfig, ConfigError, split, units
from resblocks.bench import DeviceBusyError
from resblocks.bench.settings import MEMORY_LIMIT_ENV
from resblocks.budget import GroupCost, group_sweep
from resblocks.complexity import PAPER_TABLE2, RESNET50_BUDGET, complexity_table, template_width
from resblocks.equivalence import EquivalenceResult, check_equivalence, check_problem, estimate_memory

view = controls.page_view()
say = view.say
# The check's button asks for the g it was shown at (views/split._check_asked); taken before anything can stop the
# page, so that an ask is never left for a later run.
asked_g = st.session_state.pop("_check_asked", None)
shown = controls.require_config(view)
blocks = controls.held_blocks(view)  # the block at every g the groups control reaches: what the page holds
hold = str(view.values.get("hold", split.HOLDS[0]))

TOLERANCE = 1e-4  # float32
POSITIONS = ("repeated", "first")

st.title("Split-transform-merge")  # the same in both languages; the explanation below says it in Turkish
controls.explain("split.cardinality", view)


def drawn_block(shown: BlockConfig) -> BlockConfig:
    """The block the page draws: the resnext block itself, or another block as the resnext block with its channels
    (a ConfigError where these channels give no valid resnext block)."""
    if shown.block == "resnext":
        return shown
    changes: dict[str, object] = {"block": "resnext"}
    if shown.block == "bottleneck":
        changes |= {"groups": 1, "base_width": 64}  # the bottleneck is the resnext block with g = 1
    return shown.replace(**changes)


# The page works on the resnext block; another block is shown as the resnext block with its channels.
try:
    cfg = drawn_block(shown)
except ConfigError as exc:
    st.error(say("The {block} block has no grouped 3×3, and the resnext block with these channels is not valid: "
                 "{reason} Choose the resnext block in the sidebar.", block=shown.block,
                 reason=say.message(exc)), icon="⚠️")
    st.stop()
if shown.block != "resnext":
    st.info(say("The {block} block has no grouped 3×3, so this page shows the resnext block with the same channels, "
                "stride and size: {label}. Choose resnext in the sidebar to change the groups.",
                block=shown.block, label=controls.block_label(cfg, say)), icon=":material/info:")
w = cfg.width  # the same for every g the groups control reaches (holding the width)


@memo("split.geometries", budget_mb=8)  # about 30 KB for every g of one block
def geometries(cfg: BlockConfig, hold: str) -> tuple[split.Geometry, ...]:
    """Every g the sidebar's groups control reaches: up to 128, as a link (links.CONTROL_LIMITS)."""
    return tuple(G for G in split.geometries(cfg, hold) if G.groups <= links.GROUPS_RANGE[1])


# The 1/g chart, SVG: g → the chart starred there, and the chart with no star. Its words are in the reader's
# language, so the language is part of the key.
@memo("split.sweep_chart", budget_mb=2)
def sweep_chart(cfg: BlockConfig, lang: str) -> tuple[dict[int, str], str]:
    say = Say(lang)
    return split_figures.sweep_chart(sweep(cfg), say, say("Parameters as g grows at a fixed grouped width"))


@memo("split.equivalence", budget_mb=2)
def equivalence(cfg: BlockConfig) -> EquivalenceResult:
    return check_equivalence(cfg)  # waits its turn for the CPU behind any run, like a run


def run_check(cfg: BlockConfig, say: Say) -> EquivalenceResult | None:
    """The check's result, or None once the sentence saying why it did not run is shown."""
    try:
        with st.spinner(say("Running the three forms…")):
            return equivalence(cfg)
    except (ConfigError, DeviceBusyError) as exc:
        st.error(say.message(exc), icon="⚠️")
        return None


def refusal(cfg: BlockConfig, refused: str, say: Say) -> str:
    """Why the check will not run, in the reader's language; its sizes written the reader's way."""
    try:
        m = estimate_memory(cfg)
    except ValueError:  # too many paths: the library's message says how many are allowed
        return say.message(refused)
    if m.fits:
        return say.message(refused)
    return say("The check would hold about {total} of tensors (two copies of the block's {weights} of weights, while "
               "each form runs beside the block), above the limit of {limit}; lower planes or in_channels (where you "
               "run it yourself, raise {env}).", total=say.nbytes(m.total_bytes), weights=say.nbytes(m.weight_bytes // 2),
               limit=say.nbytes(m.limit_bytes), env=MEMORY_LIMIT_ENV)


@memo("split.sweep", budget_mb=4)
def sweep(cfg: BlockConfig) -> tuple[GroupCost, ...]:
    return group_sweep(cfg).points


# 1. The explorer ---------------------------------------------------------------------------------

st.header(say("Watch the channels split and merge"))


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
    """The component wrote g on release: the sidebar's groups controls follow (the page's views of g are held)."""
    written = explorer.written_groups()
    if written is None:
        return  # not what the component writes: ignored
    controls.set_groups(written)
    last = controls.page_view().cfg
    if last is not None and last.entry.grouped:  # another block keeps its g: the whole page runs
        controls.groups_changed()


def _step_written() -> None:
    written = explorer.written().get("step")
    if written in split.STEP_NAMES:
        st.session_state["step"] = written


# Outside the parts: the component holds every g's geometry and follows the sidebar's g in the browser (the address's
# groups), so a change of g sends it nothing. A run of the whole page opens it at the current g.
data = explorer.payload(cfg, geometries(cfg, hold), step, hold, view.lang, fixed=shown.block != "resnext")
explorer.split_explorer(data, on_groups=_groups_written, on_step=_step_written)
st.caption(words["page_caption"].format(hold=words[f"hold_{hold}"]))

# 2. The three equivalent forms -------------------------------------------------------------------

st.header(say("Three forms, one function"))
st.markdown(say(
    "Xie et al. (2017, Fig. 3) draw the block three ways: **(a)** g separate paths, each ending in its own 1×1, "
    "summed; **(b)** g paths of 1×1 → 3×3, concatenated, then one 1×1; **(c)** one grouped 3×3. Each box reads "
    "as the paper writes it: input channels, kernel, output channels."
))


def forms_view(cfg: BlockConfig) -> str:
    """Form (a) written out, the three drawings and their weights, at ``cfg``'s g (a held view's HTML)."""
    g, forms = cfg.groups, split.three_forms(cfg)
    formula = f'<div class="held-math">{split_figures.aggregated_math(g)}</div>'  # the sum of the g transformations
    if g > 1:
        drawings = split_figures.form_svgs(forms, cfg, say)
        # Three drawings of one width, each as wide as its column: one scale side by side and on a phone.
        return formula + figures(drawings, [split_figures.form_title(form, say) for form in forms]) + paragraphs([say(
            "All three have **{n:,}** conv weights in F(x): the same weights, arranged three ways. A path's last 1×1 "
            "in (a) is a slice of the one 1×1 in (b), and the {g} paths' 3×3s in (b) are the {g} groups of the "
            "grouped 3×3 in (c). BN and ReLU follow every conv and are left out of the drawing, as in the paper's.",
            n=forms[0].conv_weights, g=g)])
    # At g = 1 the three are one bottleneck: one drawing stands for them, with the sentence saying so beside it.
    single = say("(a) = (b) = (c) at g = 1: a dense 3×3")
    return formula + figures(split_figures.form_svgs(forms[2:], cfg, say, single), [single], aside=paragraphs([say(
        "At g = 1 there is one path, so the three forms are one and the same bottleneck: a dense 3×3 between two "
        "1×1s, {n:,} conv weights in F(x). BN and ReLU follow every conv and are left out of the drawing, as in the "
        "paper's.", n=forms[0].conv_weights)]))


# At every g the control reaches (a held view: the browser shows the new g's forms as the address changes).
held_view("split_forms", controls.at_every_g(lambda other: forms_view(drawn_block(other)), blocks), shown.groups)
st.markdown(say(
    "The check below builds all three from the same weights and runs them on the same random input (float32, BN "
    "in inference mode with random statistics)."
))

CHECK_KEY = "split_check"


def _check_asked(ask: str, g: int) -> None:
    """The check's button was pressed at a g (held.js): the run that follows checks that g's block."""
    if ask == "check":
        st.session_state["_check_asked"] = g


def check_view(cfg: BlockConfig, result: EquivalenceResult | None) -> str:
    """At ``cfg``'s g: why the check will not run, its button, or its result (a held view's HTML)."""
    g, params = cfg.groups, cache.analysis(cfg).params
    refused = check_problem(cfg)  # too many paths, or above the server's memory limit: the same guard as a run
    if refused is not None:
        return alert("info", [refusal(cfg, refused, say)])
    if result is None:
        return button("check", say(
            "Run the three forms ({params:,} parameters, about {weights} of weights in the block and one form at a "
            "time)", params=params, weights=say.nbytes(2 * 4 * params).replace(" ", "\u00a0"),  # "556 KiB" on one line
        )) + captions([say("The check runs when asked, so that it never holds up the figures above.")])
    r = result
    figures_ = metrics([
        (say("max |(a) − (c)|"), say("{x:.2e}", x=r.max_abs_diff_sum_vs_grouped),
         say("The largest difference between split-transform-sum (a) and the grouped conv (c)")),
        (say("max |(b) − (c)|"), say("{x:.2e}", x=r.max_abs_diff_concat_vs_grouped),
         say("The largest difference between split-transform-concatenate (b) and the grouped conv (c)")),
        (say("max |output|"), say("{x:.3g}", x=r.max_abs_output),
         say("The largest output value: the scale the differences are measured against")),
    ])
    agree = max(r.max_abs_diff_sum_vs_grouped, r.max_abs_diff_concat_vs_grouped) < TOLERANCE
    if agree and g == 1:
        verdict = alert("success", [say("The differences are float32 rounding. At g = 1 there is nothing to split: all "
                                        "three forms are the same dense 3×3 between two 1×1s.")])
    elif agree:
        verdict = alert("success", [say("The differences are float32 rounding: split-transform-merge and a grouped "
                                        "convolution compute the same function; the grouped convolution does in one "
                                        "operation what the {g} paths do one by one.", g=g)])
    else:
        verdict = alert("warning", [say("The forms differ by more than {tolerance}; this should not happen. Please "
                                        "report these settings.", tolerance=say("{t:g}", t=TOLERANCE))])
    return figures_ + verdict + captions([say(
        "Input {input} → output {output}: a small input is enough, since the equality does not depend on the "
        "resolution.", input=units.shape(r.input_shape), output=units.shape(r.output_shape))])


# The check runs when its button asks, for the g shown then (which the run has followed); the blocks checked in this
# session keep their result. At every g the control reaches (a held view): a change of g shows that g's button or
# result in the browser.
checked: dict[BlockConfig, EquivalenceResult] = st.session_state.setdefault("_checks", {})
# The held views are keyed by the sidebar's block's g (another block is drawn as the resnext block at its own g).
asked = asked_g == shown.groups and cfg not in checked and check_problem(cfg) is None
if asked and (result := run_check(cfg, say)) is not None:
    checked[cfg] = result


def checked_view(other: BlockConfig) -> str:
    block = drawn_block(other)
    return f'<div class="held-check">{check_view(block, checked.get(block))}</div>'


held_view(CHECK_KEY, controls.at_every_g(checked_view, blocks), shown.groups, on_asked=_check_asked)

# 3. Cardinality against width --------------------------------------------------------------------

st.header(say("Cardinality or width, at the same budget"))
st.markdown(say(
    "Table 2 of the paper keeps a conv2-stage block (256 channels in and out) near the ResNet-50 bottleneck's "
    "{budget:,} conv weights and trades the width per path d against the cardinality C: "
    "C · (256·d + 9·d² + d·256) ≈ {budget:,}. The library solves this for d; the paper's values stand "
    "beside it. To move along this table, choose **cost** in the sidebar as what stays fixed while g changes.",
    budget=RESNET50_BUDGET,
))


def table_2(cfg: BlockConfig) -> str:
    """Table 2 with the row nearest the block's g in bold, and what the block is (a held view's HTML)."""
    g, d = cfg.groups, cfg.group_width
    rows = complexity_table()
    nearest = split.nearest_row(rows, g, d)
    headers = [say(h) for h in ("cardinality C", "width per path d", "grouped width C·d", "paper: d", "paper: C·d",
                                "conv weights", "of the budget (%)")]
    table = [
        dict(zip([*headers, " "], [r.cardinality, r.group_width, r.width, p.group_width, p.width, r.params,
                                   100 * r.ratio_to_budget, say("◀ nearest to these settings") if i == nearest else ""],
                 strict=True))
        for i, (r, p) in enumerate(zip(rows, PAPER_TABLE2, strict=True))
    ]
    head, rule, *body = tables.markdown(table, bold=nearest).split("\n")
    body = [localize_number(line, say.lang) for line in body]  # the cells are numbers and one word-only note
    template_note = (
        " " + say("At g = {g} the template would use d = {d}.", g=g, d=template_width(g))
        if g <= 1024 and g not in {r.cardinality for r in rows} else ""
    )
    return markdown_table("\n".join([head, rule, *body])) + captions([
        say("The current block is {g}×{d}d; the row in bold is the nearest cardinality.", g=g, d=d) + template_note
        + " " + say("Only conv weights count here, as in the paper.")])


# At every g the control reaches (a held view: the browser shows the new g's row in bold as the address changes).
# Its key names the table's box for the browser tests; a phone scrolls the table in its own box.
held_view("table_2", controls.at_every_g(lambda other: table_2(drawn_block(other)), blocks), shown.groups)
st.subheader(paper_texts.template("accuracy_heading", view.lang))
accuracy, accuracy_source = paper_texts.accuracy_markdown(view.lang)
st.markdown(accuracy)
st.caption(accuracy_source)

points = sweep(cfg)
dense, finest = points[0], points[-1]
st.markdown(say(
    "Hold the grouped width at {w} channels and split it into more groups: the 3×3's weights fall as 1/g, from "
    "{dense:,} at g = 1 to {finest:,} at g = {g_max} (depthwise). The 1×1 convs do not shrink, so the whole block "
    "falls far less: from {block_dense:,} to {block_finest:,} ({share:.0%} of it).",
    w=w, dense=dense.conv_params, finest=finest.conv_params, g_max=finest.groups, block_dense=dense.block_params,
    block_finest=finest.block_params, share=finest.block_params / dense.block_params,
))


# At every g the control reaches (a held view): the one drawing of the width, sent once, starred on the g shown.
# Another block is drawn as the resnext block at its own g: the star stays there.
starred, plain = sweep_chart(cfg, view.lang)
swept = {g: g if shown.block == "resnext" else cfg.groups for g in blocks}
held_view("split_sweep_chart", {g: starred.get(at, plain) for g, at in swept.items()}, shown.groups)
st.caption(say("g runs over every divisor of the grouped width (log scale); the star marks the current g. The grouped "
               "3×3 counts its weights, the whole block also its BN. The 3×3's MACs fall by the same 1/g."))
