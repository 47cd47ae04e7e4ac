"""Budget: where a block's parameters, multiply-adds and memory go, and blocks compared at equal cost."""

import pandas as pd
import plotly.colors
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from resblocks import BlockConfig, ConfigError, units
from resblocks.analysis import Analysis
from resblocks.budget import (
    EqualCost,
    GroupSweep,
    NetworkBudget,
    TorchinfoCheck,
    equal_cost,
    group_sweep,
    network_budget,
    torchinfo_check,
    torchinfo_too_big,
)
from resblocks.complexity import METRICS

view = ui.page_view()
cfg = ui.require_config(view)

MIB = 2**20
METRIC_NAMES = {"params": "parameters", "macs": "multiply-adds per image"}  # captions: the URL keeps params|macs


@st.cache_data(max_entries=64, show_spinner=False)
def cached_sweep(cfg: BlockConfig) -> GroupSweep | str:
    try:
        return group_sweep(cfg)
    except ConfigError as exc:
        return str(exc)


@st.cache_data(max_entries=64, show_spinner="Solving each block's width…")
def cached_equal_cost(cfg: BlockConfig, metric: str) -> EqualCost:
    return equal_cost(cfg, metric)


@st.cache_data(max_entries=64, show_spinner="Counting the whole network…")
def cached_network(cfg: BlockConfig) -> NetworkBudget | None:
    return network_budget(cfg)


@st.cache_data(max_entries=64, show_spinner="Running torchinfo…")
def cached_torchinfo(cfg: BlockConfig) -> TorchinfoCheck:
    # The module lives only for this call: the cached result is the table, not the weights.
    return torchinfo_check(cfg.build().eval(), cfg)


def macs(n: int) -> str:
    return units.count(n, "MACs")


def params(n: int) -> str:
    return f"{n:,} params"


def per_layer_figure(b: Analysis) -> go.Figure:
    """Three stacked bars (params, MACs, activation memory), one segment per layer, totals on top."""
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.12,
                        subplot_titles=("parameters", "multiply-adds", "activations"))
    colors = plotly.colors.qualitative.Plotly + plotly.colors.qualitative.Pastel
    for i, row in enumerate(b.layers):
        label = f"{row.name}: {row.description}"
        values = (row.params, row.macs, row.activation_bytes / MIB)
        texts = (params(row.params), macs(row.macs), units.nbytes(row.activation_bytes))
        for col, (value, text) in enumerate(zip(values, texts, strict=True), start=1):
            fig.add_trace(
                go.Bar(x=[""], y=[value], name=label, legendgroup=row.name, showlegend=col == 1,
                       marker_color=colors[i % len(colors)], hovertext=[f"{label}<br>{text}"], hoverinfo="text"),
                row=1, col=col,
            )
    totals = (params(b.params), macs(b.macs), units.nbytes(b.activation_bytes))
    tops = (b.params, b.macs, b.activation_bytes / MIB)
    for col, (text, top) in enumerate(zip(totals, tops, strict=True), start=1):
        fig.add_annotation(x="", y=top, text=f"<b>{text}</b>", showarrow=False, yshift=12, row=1, col=col)
    fig.update_yaxes(title_text="params", row=1, col=1)
    fig.update_yaxes(title_text="MACs", tickformat=".3s", row=1, col=2)
    fig.update_yaxes(title_text="MiB", row=1, col=3)
    fig.update_layout(barmode="stack", height=560, margin={"t": 60, "b": 20}, bargap=0.3,
                      legend={"orientation": "h", "yanchor": "top", "y": -0.06, "x": 0, "font": {"size": 11}})
    return fig


def sweep_figure(s: GroupSweep) -> go.Figure:
    """Counts, ratios to g = 1 and activation memory against g, on one shared log axis of g."""
    g = [p.groups for p in s.points]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.45, 0.35, 0.2],
                        subplot_titles=("parameters and multiply-adds", "ratio to g = 1 (dense 3×3)",
                                        "activation memory (MiB)"))
    pts = s.points
    series = (
        ("3×3 params", [p.conv_params for p in pts], [p.conv_params_ratio for p in pts], "params", "#636EFA", "solid"),
        ("block params", [p.block_params for p in pts], [p.block_params_ratio for p in pts], "params", "#636EFA", "dash"),
        ("3×3 MACs", [p.conv_macs for p in pts], [p.conv_macs_ratio for p in pts], "MACs", "#EF553B", "solid"),
        ("block MACs", [p.block_macs for p in pts], [p.block_macs_ratio for p in pts], "MACs", "#EF553B", "dash"),
    )
    for name, values, ratios, unit, color, dash in series:
        line = {"color": color, "dash": dash}
        fig.add_trace(go.Scatter(x=g, y=values, name=name, mode="lines+markers", line=line, legendgroup=name,
                                 hovertemplate=f"g=%{{x}}<br>%{{y:,}} {unit}<extra>{name}</extra>"), row=1, col=1)
        wide = {**line, "width": 5 if unit == "params" else 2}  # params under MACs: the 3×3's coincide
        fig.add_trace(go.Scatter(x=g, y=ratios, name=f"{name} ÷ g=1", mode="lines+markers", line=wide,
                                 legendgroup=name, showlegend=False,
                                 hovertemplate="g=%{x}<br>%{y:.1%} of g=1<extra>" + name + "</extra>"), row=2, col=1)
    fig.add_trace(go.Scatter(x=g, y=[1 / x for x in g], name="1/g", mode="lines", line={"color": "grey", "dash": "dot"},
                             hovertemplate="g=%{x}<br>1/g = %{y:.2%}<extra></extra>"), row=2, col=1)
    fig.add_trace(go.Scatter(x=g, y=[p.activation_bytes / MIB for p in s.points], name="activation memory",
                             mode="lines+markers", line={"color": "#00CC96"},
                             hovertemplate="g=%{x}<br>%{y:.3g} MiB<extra>activations</extra>"), row=3, col=1)
    for row in (1, 2, 3):
        fig.add_vline(x=s.current_groups, line={"color": "black", "width": 1, "dash": "dot"}, row=row, col=1)
    fig.update_xaxes(type="log", dtick=0.30102999566, tickformat="d")  # log axis with a tick at every power of 2
    fig.update_xaxes(title_text="groups g (cardinality), at a fixed grouped width", row=3, col=1)
    fig.update_yaxes(type="log", title_text="params / MACs", row=1, col=1)
    fig.update_yaxes(type="log", tickformat=".0%", title_text="÷ g = 1", row=2, col=1)
    fig.update_yaxes(title_text="MiB", rangemode="tozero", row=3, col=1)
    fig.update_layout(height=720, margin={"t": 40, "b": 20})
    return fig


def network_figure(n: NetworkBudget) -> go.Figure:
    """Params and MACs per stage; the stage that holds the block split into its copies and the rest."""
    names = [s.name for s in n.stages]
    fig = make_subplots(rows=1, cols=2, subplot_titles=("parameters (params)", "multiply-adds (MACs, 224×224 image)"))
    ctx = n.context
    # Split the stage only where the block is one of the network's own; a block that is merely set in the
    # same place (other groups or width) would be subtracted from a stage it is not part of.
    ctx = ctx if ctx is not None and ctx.exact else None
    for col, key, block_value, unit in ((1, "params", n.block_params, "params"), (2, "macs", n.block_macs, "MACs")):
        mine = [ctx.copies * block_value if s.holds_block and ctx else 0 for s in n.stages]
        rest = [getattr(s, key) - m for s, m in zip(n.stages, mine, strict=True)]
        fig.add_trace(go.Bar(x=names, y=rest, name="rest of the stage", marker_color="#9FB4D8", legendgroup="rest",
                             showlegend=col == 1, hovertemplate=f"%{{x}}<br>%{{y:,}} {unit}<extra></extra>"),
                      row=1, col=col)
        if ctx is not None:
            fig.add_trace(go.Bar(x=names, y=mine, name=f"this block × {ctx.copies}", marker_color="#EF553B",
                                 legendgroup="mine", showlegend=col == 1,
                                 hovertemplate=f"%{{x}}<br>%{{y:,}} {unit}<extra>this block × {ctx.copies}</extra>"),
                          row=1, col=col)
    fig.update_yaxes(title_text="params", tickformat=".3s", row=1, col=1)
    fig.update_yaxes(title_text="MACs", tickformat=".3s", row=1, col=2)
    fig.update_layout(barmode="stack", height=380, margin={"t": 50, "b": 20})
    return fig


# Figures are built once per configuration and kept as objects (cache_resource; never changed after creation):
# building them took about 0.2 s of every run, and cache_data would pickle them (unpickling validates again).
@st.cache_resource(max_entries=16, show_spinner=False)
def layers_chart(cfg: BlockConfig) -> go.Figure:
    return per_layer_figure(ui.cached_analysis(cfg))


@st.cache_resource(max_entries=16, show_spinner=False)
def sweep_chart(cfg: BlockConfig) -> go.Figure:
    return sweep_figure(cached_sweep(cfg))


@st.cache_resource(max_entries=16, show_spinner=False)
def network_chart(cfg: BlockConfig) -> go.Figure:
    return network_figure(cached_network(cfg))


def show_table(rows: list[dict]) -> None:
    """A static table (right-aligned numbers with thousands separators) for the full width; each sits beside
    a CSV download or in an expander."""
    st.markdown(ui.markdown_table(rows))


def grid_table(rows: list[dict], key: str) -> None:
    """A dataframe whose whole-number columns show thousands separators: it scrolls inside a narrow column."""
    df = pd.DataFrame(rows)
    whole = {c: st.column_config.NumberColumn(format="localized") for c in df.columns
             if pd.api.types.is_integer_dtype(df[c])}
    st.dataframe(df, hide_index=True, column_config=whole, key=key)


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
b = ui.cached_analysis(cfg)
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

bars, info_col = st.columns([1, 1])
with bars:
    st.plotly_chart(layers_chart(cfg), key="layers")
    st.caption("Each bar stacks the layers of the block; hover a segment for its layer. BN adds a few parameters "
               "and no MACs, ReLU and the addition add neither, but every layer's output takes activation memory.")
with info_col:
    st.subheader("torchinfo's summary")
    reason = torchinfo_too_big(cfg)
    if reason:
        st.info(f"Not shown: {reason}.")
    else:
        check = cached_torchinfo(cfg.replace(batch=1))
        grid_table([
            {"module": r.name, "type": r.kind, "output shape": units.shape(r.output_shape), "params": r.params,
             "mult-adds (MACs)": r.mult_adds}
            for r in check.rows
        ], key="torchinfo_table")
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
ui.explain("budget.one_over_g", view)
sweep = cached_sweep(cfg)
if isinstance(sweep, str):
    st.info(f"No sweep here: {sweep}.")
    try:
        resnext = ui.link_to("budget", **ui.config_params(cfg.replace(block="resnext")))
        st.markdown(f"[Open this page with the resnext block]({resnext})")
    except ConfigError:  # too few planes for the resnext defaults; the sentence above still says what to do
        pass
else:
    # Describe the current g; for a dense 3×3 (g = 1) the paper's g = 32, else the most grouped point shown.
    by_g = {p.groups: p for p in sweep.points}
    here = by_g.get(sweep.current_groups) if sweep.current_groups > 1 else None
    here = here or by_g.get(32) or sweep.points[-1]
    source = "the bottleneck is the resnext block at g = 1, " if cfg.block == "bottleneck" else ""
    at = f"at g = {here.groups}" if here.groups == sweep.current_groups else f"at g = {here.groups}, for example,"
    st.markdown(
        f"The 3×3 keeps its width of **{sweep.width} channels** ({source}the settings above) while it is split into "
        f"g groups, from g = 1 (dense) to g = {sweep.width} (depthwise). A k×k conv has k²·C_in·C_out/g weights, "
        f"so the 3×3 falls exactly as 1/g: {at} it has **{params(here.conv_params)}**, "
        f"{units.ratio(here.conv_params_ratio)} of the dense 3×3. The whole block does not: the 1×1 convs, BN "
        f"and the shortcut do not shrink, so it keeps **{units.ratio(here.block_params_ratio)}** of its parameters "
        f"({params(here.block_params)} of {params(sweep.dense_block_params)}) and "
        f"{units.ratio(here.block_macs_ratio)} of its MACs. Activation memory stays at "
        f"**{units.nbytes(here.activation_bytes)}** for every g: grouping saves weights, not activations."
    )
    st.plotly_chart(sweep_chart(cfg), key="sweep")
    notes = ("The dotted vertical line marks the current g. In the middle panel the params and MACs ratios of the "
             "3×3 lie on the 1/g line, one on top of the other: both are exactly 1/g.")
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
metric = st.radio("Budget to match", METRICS, index=0, horizontal=True, key="metric", bind="query-params",
                  captions=[METRIC_NAMES[m] for m in METRICS],
                  help="The current block's parameters or its multiply-adds per image; every other block is solved to it")
ui.page_param("metric", metric, METRICS[0])
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
    link = ui.link_to("graph", **ui.config_params(row.config))
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
        links = []
        for slot in net.slots:
            text = f"{slot.stage}: {slot.in_channels} → {slot.planes} planes, stride {slot.stride} (× {slot.count})"
            try:
                there = cfg.replace(in_channels=slot.in_channels, planes=slot.planes, stride=slot.stride,
                                    size=slot.input_size)
                links.append(f"[{text}]({ui.link_to('budget', **ui.config_params(there))})")
            except ConfigError:  # e.g. a grouped width too wide at that stage's planes
                links.append(text)
        st.markdown(" · ".join(links))
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
    st.plotly_chart(network_chart(cfg), key="stages")

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
         "MACs": s.macs, "params (% of network)": round(100 * s.params_share, 2),
         "MACs (% of network)": round(100 * s.macs_share, 2), "holds this block": s.holds_block}
        for s in net.stages
    ]
    with st.expander("Per-stage table"):
        show_table(stage_rows)
    st.download_button(f"Download the per-stage table of {net.title} (CSV)", csv(stage_rows),
                       file_name=f"budget-{net.network}-stages.csv", mime="text/csv", on_click="ignore",
                       key="stages_csv")
