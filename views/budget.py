"""Budget: where a block's parameters, multiply-adds and memory go, and blocks compared at equal cost."""

import pandas as pd
import streamlit as st

from explorer import cache, controls, links, paper_texts, tables
from explorer.figures import budget as budget_figures
from explorer.figures.budget import macs, params
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, units
from resblocks.budget import (
    EqualCost,
    GroupSweep,
    NetworkBudget,
    equal_cost,
    group_sweep,
    network_budget,
)
from resblocks.complexity import METRICS
from resblocks.memory import activation_memory
from resblocks.torchinfo_check import TorchinfoCheck, torchinfo_check, torchinfo_too_big

view = controls.page_view()
cfg = controls.require_config(view)

MIB = 2**20
METRIC_NAMES = {"params": "parameters", "macs": "multiply-adds per image"}  # captions: the URL keeps params|macs


@memo("budget.cached_sweep", budget_mb=6)
def cached_sweep(cfg: BlockConfig) -> GroupSweep | str:
    try:
        return group_sweep(cfg)
    except ConfigError as exc:
        return str(exc)


@memo("budget.cached_equal_cost", budget_mb=6, spinner="Solving each block's width…")
def cached_equal_cost(cfg: BlockConfig, metric: str) -> EqualCost:
    return equal_cost(cfg, metric)


@memo("budget.cached_network", budget_mb=6, spinner="Counting the whole network…")
def cached_network(cfg: BlockConfig) -> NetworkBudget | None:
    return network_budget(cfg)


@memo("budget.cached_torchinfo", budget_mb=6, spinner="Running torchinfo…")
def cached_torchinfo(cfg: BlockConfig) -> TorchinfoCheck:
    # The module lives only for this call: the cached result is the table, not the weights.
    return torchinfo_check(cfg.build().eval(), cfg)


# A chart's rows are kept per configuration; its spec is the same for every one, so a change sends new rows
# and the browser redraws the chart in place.
@memo("budget.layers_chart", budget_mb=4)
def layers_chart(cfg: BlockConfig) -> tuple[pd.DataFrame, dict]:
    rows, spec = budget_figures.per_layer_chart(cache.analysis(cfg))
    return pd.DataFrame(rows), spec


@memo("budget.sweep_chart", budget_mb=4)
def sweep_chart(cfg: BlockConfig) -> tuple[pd.DataFrame, dict]:
    rows, spec = budget_figures.sweep_chart(cached_sweep(cfg))
    return pd.DataFrame(rows), spec


@memo("budget.network_chart", budget_mb=2)
def network_chart(cfg: BlockConfig) -> tuple[pd.DataFrame, dict]:
    rows, spec = budget_figures.network_chart(cached_network(cfg))
    return pd.DataFrame(rows), spec


def chart(made: tuple[pd.DataFrame, dict], key: str, alt: str) -> None:
    data, spec = made
    with st.container(key=key):  # the key names the chart's box for the browser tests
        st.vega_lite_chart(data, spec, alt=alt)


def show_table(rows: list[dict]) -> None:
    """A static table (right-aligned numbers with thousands separators) for the full width; each sits beside
    a CSV download or in an expander."""
    st.markdown(tables.markdown(rows))


def csv(rows: list[dict]) -> str:
    return pd.DataFrame(rows).to_csv(index=False)


# ----------------------------------------------------------------------------------------------

st.title("Budget")
st.markdown(
    f"Where the **{cfg.label}** block spends its parameters, multiply-adds and memory, how grouping changes "
    "that, and what other blocks cost when they are given the same budget."
)
st.info(
    "**Units.** MACs are multiply-adds: what torchvision and the ResNeXt paper call FLOPs. "
    "FLOPs = 2 × MACs: what torch's flop counter reports. Only convolutions count (BN and ReLU add no MACs here). "
    "Memory is float32 (4 bytes per value); KiB/MiB are 1,024 / 1,048,576 bytes. "
    f"MACs and activation memory are for the whole batch of {cfg.batch} unless a figure says per image.",
    icon=":material/straighten:",
)

# Per-layer breakdown ---------------------------------------------------------------------------

st.header("Where the budget goes, layer by layer")
b = cache.analysis(cfg)
m1, m2, m3 = st.columns(3)
m1.metric("Parameters", params(b.params))
m2.metric("Multiply-adds", macs(b.macs), help=f"{b.macs:,} MACs")
m3.metric("FLOPs (2 × MACs)", units.count(b.flops, "FLOPs"), help=f"{b.flops:,} FLOPs")
m4, m5, m6 = st.columns(3)
m4.metric("Activation memory", units.nbytes(b.activation_bytes),
          help=f"{b.activation_bytes:,} bytes: every layer's output, summed (a forward pass that keeps them all)")
m5.metric("Weight memory", units.nbytes(b.weight_bytes), help=f"{b.weight_bytes:,} bytes (float32)")
m6.metric("Memory, both", units.nbytes(b.activation_bytes + b.weight_bytes),
          help=f"{b.activation_bytes + b.weight_bytes:,} bytes")
mem = activation_memory(cfg)
for column, label, value in zip(st.columns(3), paper_texts.template("memory_labels", view.lang).split("|"),
                                (mem.inference_peak_bytes, mem.saved_bytes, mem.torchinfo_bytes), strict=True):
    column.metric(label, units.nbytes(value), help=f"{value:,} bytes")
st.caption(paper_texts.memory_sentence(mem, view.lang))

bars, info_col = st.columns([1, 1])
with bars:
    chart(layers_chart(cfg), "layers", f"Shares of the {cfg.label} block's parameters, MACs and activation memory, per layer")
    st.caption("Each bar is one of the block's totals split into its layers; hover a segment for its amount. BN adds "
               "a few parameters and no MACs, ReLU and the addition add neither, but every layer's output takes "
               "activation memory.")
with info_col:
    st.subheader("torchinfo's summary")
    reason = torchinfo_too_big(cfg)
    if reason:
        st.info(f"Not shown: {reason}.")
    else:
        check = cached_torchinfo(cfg.replace(batch=1))
        show_table([
            {"module": r.name, "type": r.kind, "output shape": units.shape(r.output_shape), "params": r.params,
             "mult-adds (MACs)": r.mult_adds}
            for r in check.rows
        ])
        st.caption("torchinfo's layers for one image (batch 1), from `torchinfo.summary(block, verbose=0)` run on "
                   "the CPU; its 'Mult-Adds' are MACs.")
        with st.expander("torchinfo's printed table"):
            st.code(check.text, language=None)
        if check.params_agree and check.conv_macs_agree:
            st.success(
                f"torchinfo agrees: {params(check.params)}, and {check.conv_macs:,} MACs in its Conv2d rows, the "
                f"same as this page's {check.library_macs:,} MACs per image.", icon="✅"
            )
        else:
            st.warning(
                f"torchinfo disagrees: it counts {params(check.params)} and {check.conv_macs:,} MACs in its Conv2d "
                f"rows; this page counts {params(check.library_params)} and {check.library_macs:,} MACs per image.",
                icon="⚠️",
            )
        st.caption(
            f"Its total of {check.mult_adds:,} mult-adds is {check.bn_mult_adds:,} higher by definition, not by "
            "mistake: torchinfo adds one multiply-add per BN weight and bias, while this page, torchvision and the "
            "paper count convolutions only."
        )

layer_rows = [
    {"layer": r.name, "what": r.description, "path": r.path, "output shape (N×C×H×W)": units.shape(r.output_shape),
     "params": r.params, "MACs": r.macs, "FLOPs": r.flops, "activation (bytes)": r.activation_bytes,
     "weights (bytes)": r.weight_bytes}
    for r in b.layers
]
with st.expander("Per-layer table"):
    show_table(layer_rows)
st.download_button("Download the per-layer table (CSV)", csv(layer_rows), file_name="budget-layers.csv",
                   mime="text/csv", on_click="ignore", key="layers_csv")

# The 1/g story ------------------------------------------------------------------------------------

st.header("The 1/g story, told honestly")
controls.explain("budget.one_over_g", view)
sweep = cached_sweep(cfg)
if isinstance(sweep, str):
    st.info(f"No sweep here: {sweep}.")
    try:
        resnext = links.link_to("budget", **links.config_params(cfg.replace(block="resnext")))
        st.markdown(f"[Open this page with the resnext block]({resnext})")
    except ConfigError:  # too few planes for the resnext defaults; the sentence above still says what to do
        pass
else:
    if sweep.note:
        st.info(sweep.note, icon=":material/info:")
    # Describe the current g; for a dense 3×3 (g = 1) the paper's g = 32, else the most grouped point shown.
    by_g = {p.groups: p for p in sweep.points}
    here = by_g.get(sweep.current_groups) if sweep.current_groups > 1 else None
    here = here or by_g.get(32) or sweep.points[-1]
    at = f"at g = {here.groups}" if here.groups == sweep.current_groups else f"at g = {here.groups}, for example,"
    st.markdown(
        f"The 3×3 keeps its width of **{sweep.width} channels** (the settings above) while it is split into "
        f"g groups, from g = 1 (dense) to g = {sweep.width} (depthwise). A k×k conv has k²·C_in·C_out/g weights, "
        f"so the 3×3 falls exactly as 1/g: {at} it has **{params(here.conv_params)}**, "
        f"{units.ratio(here.conv_params_ratio)} of the dense 3×3. The whole block does not: the 1×1 convs, BN "
        f"and the shortcut do not shrink, so it keeps **{units.ratio(here.block_params_ratio)}** of its parameters "
        f"({params(here.block_params)} of {params(sweep.dense_block_params)}) and "
        f"{units.ratio(here.block_macs_ratio)} of its MACs. Activation memory stays at "
        f"**{units.nbytes(here.activation_bytes)}** for every g: grouping saves weights, not activations."
    )
    chart(sweep_chart(cfg), "sweep", f"Parameters, MACs and activation memory against g, at a width of {sweep.width}")
    notes = ("Every measure is divided by its value at g = 1; the current g is ringed. The 3×3's params and MACs "
             "lie on the dotted 1/g line, one on top of the other: both are exactly 1/g. The whole block stays above "
             "it, and activation memory stays at 100 %.")
    if sweep.skipped:
        notes += (f" Not shown: g = {', '.join(map(str, sweep.skipped))}, whose channels per group no whole "
                  f"base_width gives at planes = {sweep.config.planes}.")
    st.caption(notes)
    with st.expander("Sweep table"):
        show_table([
            {"g (groups)": p.groups, "d (channels per group)": p.group_width, "3×3 params": p.conv_params,
             "3×3 MACs": p.conv_macs, "block params": p.block_params, "block MACs": p.block_macs,
             "activation (bytes)": p.activation_bytes, "3×3 params (% of g=1)": round(100 * p.conv_params_ratio, 2),
             "block params (% of g=1)": round(100 * p.block_params_ratio, 2),
             "block MACs (% of g=1)": round(100 * p.block_macs_ratio, 2)}
            for p in sweep.points
        ])

# Equal cost -------------------------------------------------------------------------------------

st.header("Blocks at equal cost")


@links.fragment
def equal_cost_part(cfg: BlockConfig) -> None:
    """The budget to match and the blocks solved to it: a change of the budget reruns this part alone."""
    metric = st.radio("Budget to match", METRICS, index=0, horizontal=True, key="metric", bind="query-params",
                      captions=[METRIC_NAMES[m] for m in METRICS],
                      help="The current block's parameters or its multiply-adds per image; every other block is solved to it")
    links.page_param("metric", metric, METRICS[0])
    ec = cached_equal_cost(cfg, metric)
    target = params(ec.target) if metric == "params" else f"{ec.target:,} MACs per image"
    st.markdown(
        f"Each block kind gets the same input as this one ({cfg.in_channels} channels, {cfg.size}×{cfg.size}, "
        f"stride {cfg.stride}) and the one width that brings it nearest **{target}**: `planes` for basic and bottleneck, "
        "`base_width` at planes = 64 for ResNeXt at a fixed cardinality C (the paper's Table 2 axis, 256 channels out)."
    )
    table = [
        "| Block | Solved setting | in → out (channels) | 3×3 width (channels) | Parameters | Multiply-adds "
        "| Activation memory | Off the budget | |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in ec.rows:
        name = f"**{row.kind}**" if row.is_target else row.kind
        if row.config is None:
            table.append(f"| {name} | not reachable | | | | | | | {row.note} |")
            continue
        link = links.link_to("graph", **links.config_params(row.config))
        table.append(
            f"| {name} | {row.solved} | {row.config.in_channels} → {row.config.out_channels} | {row.width} | "
            f"{params(row.params)} | {macs(row.macs)} | {units.nbytes(row.activation_bytes)} | {row.error:+.1%} | "
            f"[graph]({link}) |"
        )
    st.markdown("\n".join(table))
    st.caption(
        f"Multiply-adds and activation memory are for the batch of {cfg.batch}. At the same budget the ResNeXt rows "
        "have a wider 3×3 (more channels, more paths) for the same cost, which is the paper's argument; they also hold "
        "more activation memory, which the budget does not count. Width moves in whole channels, so a row can miss "
        "the budget by a few percent."
    )


equal_cost_part(cfg)

# In its network ---------------------------------------------------------------------------------

st.header("In its network")
net = cached_network(cfg)
if net is None:
    st.info(
        f"torchvision has no network built from the {cfg.block} block (the pre-activation ResNets of He et al. 2016 "
        "are not among its models), so there are no published figures to set it beside. Choose basic, bottleneck "
        "or resnext to see the block in ResNet-18/34/50, ResNeXt-50 and friends."
    )
else:
    ctx = net.context
    if ctx is None:
        st.warning(
            f"No block of {net.title} takes {cfg.in_channels} channels to {cfg.out_channels} at stride {cfg.stride}. "
            "The settings of its blocks are linked below; the stages are shown without the current block."
        )
        stage_links = []
        for slot in net.slots:
            text = f"{slot.stage}: {slot.in_channels} → {slot.planes} planes, stride {slot.stride} (× {slot.copies})"
            try:
                there = cfg.replace(in_channels=slot.in_channels, planes=slot.planes, stride=slot.stride,
                                    size=slot.input_size)
                stage_links.append(f"[{text}]({links.link_to('budget', **links.config_params(there))})")
            except ConfigError:  # e.g. a grouped width too wide at that stage's planes
                stage_links.append(text)
        st.markdown(" · ".join(stage_links))
    else:
        exact = "" if ctx.exact else (
            f" ({ctx.title} uses 32×4d; your {cfg.groups}×{cfg.group_width}d block is set in the same place)"
        )
        st.markdown(
            f"This block is the **{ctx.position}** of **{ctx.stage}** in **{ctx.title}**{exact}, which has "
            f"**{ctx.copies} {'copy' if ctx.copies == 1 else 'copies'}** of it, taking {ctx.input_size}×{ctx.input_size} "
            f"inputs at 224×224 images. Together they hold {params(ctx.copies * net.block_params)} "
            + (f"({ctx.share_of_network:.2%} of the network's published parameters) " if ctx.exact else "")
            + f"and {macs(ctx.copies * net.block_macs)} per image."
        )
        if cfg.size != ctx.input_size:
            st.caption(f"Your size is {cfg.size}×{cfg.size}; in the network the block sees {ctx.input_size}×"
                       f"{ctx.input_size}, which the MACs above use.")
    chart(network_chart(cfg), "stages", f"Each stage's share of {net.title}'s parameters and MACs")
    st.caption("Each stage's share of the network's parameters (solid) and of its multiply-adds (faded); hover a "
               "bar for its amount.")

    lines = [
        "| Network | Parameters (counted) | Parameters (torchvision) | Multiply-adds (counted) "
        "| Multiply-adds (torchvision) | MACs off by |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in net.totals:
        mark = " ✓" if t.params_match else " ✗"
        lines.append(
            f"| {t.title} | {params(t.params)}{mark} | {params(t.published_params)} | {t.macs / 1e9:.3f} GMACs | "
            f"{t.published_macs / 1e9:.3f} GMACs | {t.macs_error:+.3%} |"
        )
    st.markdown("\n".join(lines))
    st.caption(
        f"Counted here for one 224×224 image by rebuilding each network from this project's blocks; torchvision's "
        f"figures are the weights' metadata ({net.totals[0].source}), whose GMACs it rounds to three decimals, hence "
        "the small MAC differences. Parameters match exactly."
    )
    stage_rows = [
        {"stage": s.name, "blocks": s.blocks, "in → out (channels)": f"{s.in_channels} → {s.out_channels}",
         "stride (×)": s.stride, "output shape (N×C×H×W)": units.shape(s.output_shape), "params": s.params,
         "MACs": s.macs, "params (% of network)": round(100 * s.params / net.analysis.params, 2),
         "MACs (% of network)": round(100 * s.macs / net.analysis.macs, 2), "holds this block": s.name == net.holds_block}
        for s in net.analysis.stages
    ]
    with st.expander("Per-stage table"):
        show_table(stage_rows)
    st.download_button(f"Download the per-stage table of {net.title} (CSV)", csv(stage_rows),
                       file_name=f"budget-{net.network}-stages.csv", mime="text/csv", on_click="ignore",
                       key="stages_csv")
