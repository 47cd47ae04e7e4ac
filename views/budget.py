"""Budget: where a block's parameters, multiply-adds and memory go, and blocks compared at equal cost.

Everything on the page that depends on g, its three charts too (SVG, explorer/figures/svg.py), is drawn at every g
the groups control reaches (held views), so holding the width a change of g is
answered in the browser with no run (controls.ANSWERED_IN_BROWSER). The budget to match is a part of its own
(links.fragment): a change of it reruns that part alone."""

import pandas as pd
import streamlit as st

from explorer import cache, controls, links, paper_texts, tables
from explorer.components.held_view import (
    FORMULA_SLOT,
    alert,
    captions,
    details,
    download,
    held_view,
    markdown_table,
    metrics,
    paragraphs,
    preformatted,
    with_formula,
)
from explorer.figures import budget as budget_figures
from explorer.i18n import Say
from explorer.memo import memo
from resblocks import BlockConfig, ConfigError, units
from resblocks.analysis import Analysis
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
say = view.say
blocks = controls.held_blocks(view)  # the block at every g the groups control reaches: what the page holds

METRIC_NAMES = {"params": "parameters", "macs": "multiply-adds per image"}  # captions: the URL keeps params|macs


@memo("budget.cached_sweep", budget_mb=6)
def cached_sweep(cfg: BlockConfig) -> GroupSweep | str:
    try:
        return group_sweep(cfg)
    except ConfigError as exc:
        return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


@memo("budget.cached_equal_cost", budget_mb=6)
def cached_equal_cost(cfg: BlockConfig, metric: str) -> EqualCost:
    return equal_cost(cfg, metric)


@memo("budget.cached_network", budget_mb=6)
def cached_network(cfg: BlockConfig) -> NetworkBudget | None:
    return network_budget(cfg)


@memo("budget.cached_torchinfo", budget_mb=6)
def cached_torchinfo(cfg: BlockConfig) -> TorchinfoCheck:
    # The module lives only for this call: the cached result is the table, not the weights.
    return torchinfo_check(cfg.build().eval(), cfg)


# Each chart is HTML (explorer/figures/svg.py), drawn once per configuration and language, sent at every g as a
# held view (the sweep's, the same drawing at every g of the width, once, with a ring on each g).
@memo("budget.layers_chart", budget_mb=4)
def layers_chart(cfg: BlockConfig, lang: str) -> str:
    say = Say(lang)
    return budget_figures.per_layer_chart(cache.analysis(cfg), say, say(
        "Shares of the block's parameters, MACs and activation memory, per layer"))


@memo("budget.sweep_chart", budget_mb=4)
def sweep_chart(cfg: BlockConfig, lang: str) -> tuple[dict[int, str], str]:
    say = Say(lang)
    sweep = cached_sweep(cfg)
    return budget_figures.sweep_chart(sweep, say, say(
        "Parameters, MACs and activation memory against g, at a width of {width}", width=sweep.width))


@memo("budget.network_chart", budget_mb=4)
def network_chart(cfg: BlockConfig, lang: str) -> str:
    say = Say(lang)
    return budget_figures.network_chart(cached_network(cfg), say, say(
        "Each stage's share of the network's parameters and MACs"))


def table_html(rows: list[dict], say: Say = say) -> str:
    """show_table's table as a held view's HTML."""
    return markdown_table(tables.markdown(rows, say=say))


def show_table(rows: list[dict]) -> None:
    """A static table (right-aligned numbers with thousands separators) for the full width; each sits beside
    a CSV download or in an expander."""
    st.markdown(tables.markdown(rows, say=say))


def csv(rows: list[dict]) -> str:
    return pd.DataFrame(rows).to_csv(index=False)


def signed_pct(fraction: float, digits: int) -> str:
    """+1.2% / +%1,2: the sign first, then the percentage as the language writes it (+0.0% for a tiny miss)."""
    text = say.pct(abs(fraction), digits)
    return ("-" if fraction < 0 and any(c in "123456789" for c in text) else "+") + text


def params(n: int) -> str:
    return budget_figures.params(n, say)


def macs(n: int) -> str:
    return budget_figures.macs(n, say)


def code(name: str) -> str:
    """A module's name (conv1, layer2) as code: a name in the model, the same in every language."""
    return f"`{name}`"


def part_name(stage: str, say: Say = say) -> str:
    """A network part's name: its module name (stem, layer1…layer4) as code, the head (pool + fc) in words."""
    return say("head (pool + fc)") if stage == "head" else code(stage)


# ----------------------------------------------------------------------------------------------

st.title(say("Budget"))


def intro(cfg: BlockConfig) -> str:
    """The sentence that names the block (its label holds g×d)."""
    return paragraphs([say(
        "Where the **{label}** block spends its parameters, multiply-adds and memory, how grouping changes that, and "
        "what other blocks cost when they are given the same budget.", label=controls.block_label(cfg, say))])


held_view("budget_intro", controls.at_every_g(intro, blocks), cfg.groups)  # at every g: the browser shows the new one
st.info(say(
    "**Units.** MACs are multiply-adds: what torchvision and the ResNeXt paper call FLOPs. FLOPs = 2 × MACs: what "
    "torch's flop counter reports. Only convolutions count (BN and ReLU add no MACs here). Memory is float32 "
    "(4 bytes per value); KiB/MiB are 1,024 / 1,048,576 bytes. MACs and activation memory are for the whole batch "
    "of {batch} unless a figure says per image.", batch=cfg.batch), icon=":material/straighten:")

# Per-layer breakdown ---------------------------------------------------------------------------

st.header(say("Where the budget goes, layer by layer"))


mem = activation_memory(cfg)  # activations only: the same for every g of the width
memory = metrics([(label, say.nbytes(value), say("{n:,} bytes", n=value)) for label, value in zip(
    paper_texts.template("memory_labels", view.lang).split("|"),
    (mem.inference_peak_bytes, mem.saved_bytes, mem.torchinfo_bytes), strict=True)])
memory += captions([paper_texts.memory_sentence(mem, view.lang)])


def totals(cfg: BlockConfig) -> str:
    """The block's totals (a held view's HTML), then its activation memory (``memory``, the same at every g, in the
    one view: figures drawn in HTML load no code of st.metric's)."""
    b = cache.analysis(cfg)
    return metrics([
        (say("Parameters"), params(b.params), ""),
        (say("Multiply-adds"), macs(b.macs), say("{n:,} MACs", n=b.macs)),
        (say("FLOPs (2 × MACs)"), say.count(b.flops, "FLOPs"), say("{n:,} FLOPs", n=b.flops)),
    ]) + metrics([
        (say("Activation memory, every output"), say.nbytes(b.activation_bytes),
         say("{n:,} bytes: every layer's output, summed (a forward pass that keeps them all)", n=b.activation_bytes)),
        (say("Weight memory"), say.nbytes(b.weight_bytes), say("{n:,} bytes (float32)", n=b.weight_bytes)),
        (say("Memory, both"), say.nbytes(b.activation_bytes + b.weight_bytes),
         say("{n:,} bytes", n=b.activation_bytes + b.weight_bytes)),
    ]) + memory


held_view("budget_totals", controls.at_every_g(totals, blocks), cfg.groups)


def torchinfo_summary(cfg: BlockConfig) -> str:
    """torchinfo's table for the block, or why it is not run (its MACs change with g): a held view's HTML."""
    reason = torchinfo_too_big(cfg)
    if reason:
        return alert("info", [say("Not shown: {reason}.", reason=say.words(reason))])
    check = cached_torchinfo(cfg.replace(batch=1))
    if check.params_agree and check.conv_macs_agree:
        verdict = alert("success", [say(
            "torchinfo agrees: {params}, and {conv:,} MACs in its Conv2d rows, the same as this page's {library:,} MACs "
            "per image.", params=params(check.params), conv=check.conv_macs, library=check.library_macs)])
    else:
        verdict = alert("warning", [say(
            "torchinfo disagrees: it counts {params} and {conv:,} MACs in its Conv2d rows; this page counts "
            "{library_params} and {library:,} MACs per image.", params=params(check.params), conv=check.conv_macs,
            library_params=params(check.library_params), library=check.library_macs)])
    return table_html([
        {say("module (type)"): f"{code(r.name)} {r.kind}", say("output shape"): units.shape(r.output_shape),
         say("params"): r.params, say("mult-adds (MACs)"): r.mult_adds}
        for r in check.rows
    ]) + captions([say("torchinfo's layers for one image (batch 1), from `torchinfo.summary(block, verbose=0)` run on "
                       "the CPU; its `Mult-Adds` are MACs.")]) + details(
        say("torchinfo's printed table"), captions([say("As torchinfo prints it, in English.")]) + preformatted(check.text, copy=(
            say("Copy"), say("Copied"), say("The text is selected: copy it with Ctrl+C or your device's menu.")))
    ) + verdict + captions([say(
        "Its total of {total:,} mult-adds is {bn:,} higher by definition, not by mistake: torchinfo adds one "
        "multiply-add per BN weight and bias, while this page, torchvision and the paper count convolutions only.",
        total=check.mult_adds, bn=check.bn_mult_adds)])


bars, info_col = st.columns([4, 5])  # torchinfo's table needs the wider half
with bars:
    held_view("budget_layers_chart", controls.at_every_g(lambda other: layers_chart(other, view.lang), blocks),
              cfg.groups)
    st.caption(say("Each bar is one of the block's totals split into its layers; hover a segment for its amount. BN "
                   "adds a few parameters and no MACs, ReLU and the addition add neither, but every layer's output "
                   "takes activation memory."))
with info_col:
    st.subheader(say("torchinfo's summary"))
    with st.spinner(say("Running torchinfo…")):
        torchinfo_views = controls.at_every_g(torchinfo_summary, blocks)
    held_view("budget_torchinfo", torchinfo_views, cfg.groups)


def layer_rows(b: Analysis, as_code: bool, say: Say) -> list[dict]:
    """The per-layer table: names as code on the page, plain in the CSV."""
    name = code if as_code else str
    return [
        {say("layer"): name(r.name), say("what"): r.description, say("path"): r.path,
         say("output shape (N×C×H×W)"): units.shape(r.output_shape), say("params"): r.params, "MACs": r.macs,
         "FLOPs": r.flops, say("activation (bytes)"): r.activation_bytes, say("weights (bytes)"): r.weight_bytes}
        for r in b.layers
    ]


@memo("budget.layer_table", budget_mb=4)
def layer_table(cfg: BlockConfig, lang: str) -> tuple[str, str]:
    """The per-layer table (a held view's HTML) and its CSV download, in ``lang``: kept, as the tables and files
    of every g are written for each run (pandas writes a CSV in about 2 ms)."""
    say = Say(lang)
    b = cache.analysis(cfg)
    return (table_html(layer_rows(b, True, say), say),
            download(say("Download the per-layer table (CSV)"), csv(layer_rows(b, False, say)), "budget-layers.csv"))


layer_tables = controls.at_every_g(lambda other: layer_table(other, view.lang), blocks)
with st.expander(say("Per-layer table")):
    held_view("budget_layer_table", {g: shown for g, (shown, _) in layer_tables.items()}, cfg.groups)
held_view("budget_layers_csv", {g: saved for g, (_, saved) in layer_tables.items()}, cfg.groups)

# The 1/g story ------------------------------------------------------------------------------------

st.header(say("The 1/g story, told honestly"))
controls.explain("budget.one_over_g", view)


def sweep_sentence(sweep: GroupSweep, g: int) -> str:
    """The sentence on g (a held view's HTML); for a dense 3×3 (g = 1) the paper's g = 32, else the most grouped
    point shown."""
    by_g = {p.groups: p for p in sweep.points}
    here = by_g.get(g) if g > 1 else None
    here = here or by_g.get(32) or sweep.points[-1]
    at = say("at g = {g}", g=here.groups) if here.groups == g else say("at g = {g}, for example,", g=here.groups)
    return with_formula(paragraphs([say(
        "The 3×3 keeps its width of **{width} channels** (the settings above) while it is split into g groups, from "
        "g = 1 (dense) to g = {width} (depthwise). A k×k conv has {formula} weights, so the 3×3 falls exactly as 1/g: "
        "{at} it has **{conv_params}**, {conv_ratio} of the dense 3×3. The whole block does not: the 1×1 convs, BN and "
        "the shortcut do not shrink, so it keeps **{block_ratio}** of its parameters ({block_params} of "
        "{dense_params}) and {macs_ratio} of its MACs. Activation memory stays at **{memory}** for every g: grouping "
        "saves weights, not activations.",
        width=sweep.width, formula=FORMULA_SLOT, at=at, conv_params=params(here.conv_params),
        conv_ratio=say.ratio(here.conv_params_ratio), block_ratio=say.ratio(here.block_params_ratio),
        block_params=params(here.block_params), dense_params=params(sweep.dense_block_params),
        macs_ratio=say.ratio(here.block_macs_ratio), memory=say.nbytes(here.activation_bytes))]))


sweep = cached_sweep(cfg)  # its points are the same for every g of the width: only the current g differs
if isinstance(sweep, str):
    st.info(say("No sweep here: {reason}.", reason=say.words(sweep)))
    try:
        resnext = links.link_to("budget", **links.config_params(cfg.replace(block="resnext")))
        st.markdown(say("[Open this page with the resnext block]({url})", url=resnext))
    except ConfigError:  # too few planes for the resnext defaults; the sentence above still says what to do
        pass
else:
    if sweep.note:
        st.info(say.message(sweep.note), icon=":material/info:")
    # At every g the control reaches, from the one sweep (held views): the sentence and the chart's ring on the g
    # shown. A block without a grouped 3×3 has one g and is swept as the resnext block: both stay on that block's g.
    swept = {g: g if cfg.entry.grouped else sweep.current_groups for g in blocks}
    held_view("budget_sweep", {g: sweep_sentence(sweep, at) for g, at in swept.items()}, cfg.groups)
    ringed, plain = sweep_chart(cfg, view.lang)
    held_view("budget_sweep_chart", {g: ringed.get(at, plain) for g, at in swept.items()}, cfg.groups)
    notes = say("Every measure is divided by its value at g = 1; the current g is ringed. The 3×3's params and MACs "
                "lie on the dotted 1/g line, one on top of the other: both are exactly 1/g. The whole block stays "
                "above it, and activation memory stays at 100 %.")
    if sweep.skipped:
        notes += " " + say("Not shown: g = {skipped}, whose channels per group no whole base_width gives at "
                           "planes = {planes}.", skipped=", ".join(map(str, sweep.skipped)), planes=sweep.config.planes)
    st.caption(notes)
    with st.expander(say("Sweep table")):
        show_table([
            {say("g (groups)"): p.groups, say("d (channels per group)"): p.group_width,
             say("3×3 params"): p.conv_params, say("3×3 MACs"): p.conv_macs, say("block params"): p.block_params,
             say("block MACs"): p.block_macs, say("activation (bytes)"): p.activation_bytes,
             say("3×3 params (% of g=1)"): round(100 * p.conv_params_ratio, 2),
             say("block params (% of g=1)"): round(100 * p.block_params_ratio, 2),
             say("block MACs (% of g=1)"): round(100 * p.block_macs_ratio, 2)}
            for p in sweep.points
        ])

# Equal cost -------------------------------------------------------------------------------------

st.header(say("Blocks at equal cost"))


def equal_cost_view(cfg: BlockConfig, metric: str) -> str:
    """The blocks solved to ``cfg``'s budget (a held view's HTML)."""
    ec = cached_equal_cost(cfg, metric)
    target = params(ec.target) if metric == "params" else say("{n:,} MACs per image", n=ec.target)
    sentence = say(
        "Each block kind gets the same input as this one ({cin} channels, {size}×{size}, stride {stride}) and, where "
        "its widths allow, the same output ({cout} channels), as the paper's Table 2 holds 256 → 256; the one width "
        "searched brings it nearest **{target}**: the 3×3's width d for bottleneck and ResNeXt (`base_width` at "
        "`planes = out/4`, at a fixed cardinality C; a bottleneck is C = 1, so 1×64d is ResNet-50's), `planes` for "
        "basic.", cin=cfg.in_channels, size=cfg.size, stride=cfg.stride, cout=cfg.out_channels, target=target)
    lines = [
        "| " + " | ".join([say("Block"), say("Solved setting"), say("in → out (channels)"),
                          say("3×3 width (channels)"), say("Parameters"), say("Multiply-adds"),
                          say("Activation memory"), say("Off the budget"), ""]) + " |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    differ = []
    for row in ec.rows:
        name = f"**{say('{block} (this block)', block=row.block)}**" if row.is_target else row.kind
        if row.config is None:
            lines.append(f"| {name} | {say('not reachable')} | | | | | | | {say.message(row.note)} |")
            continue
        out = row.config.out_channels
        if out != cfg.out_channels:
            differ.append(f"{row.kind} ({out})")
        link = links.link_to("graph", **links.config_params(row.config))
        lines.append(
            f"| {name} | {row.solved} | {row.config.in_channels} → "
            f"{out if out == cfg.out_channels else f'**{out}**'} | {row.width} | {params(row.params)} | "
            f"{macs(row.macs)} | {say.nbytes(row.activation_bytes)} | {signed_pct(row.error, 1)} | "
            f"[{say('graph')}]({link}) |"
        )
    html = paragraphs([sentence]) + markdown_table("\n".join(lines))
    if differ:
        basic_only = all(text.startswith("basic ") for text in differ)
        html += alert("info", [say(
            "Not the same output: {rows} instead of this block's {cout} channels (in bold in the table).",
            rows=", ".join(differ), cout=cfg.out_channels) + " " + (
            say("A basic block's only width is its output (`planes`): it meets the budget only with other output "
                "channels.") if basic_only else
            say("A basic block's only width is its output (`planes`), and a bottleneck's or ResNeXt block's output "
                "is 4 × planes, which {cout} is no multiple of: these blocks meet the budget only with other output "
                "channels.", cout=cfg.out_channels))])
    return html


@links.fragment
def equal_cost_part() -> None:
    """The budget to match and the blocks solved to it, at every g the control reaches (a held view): a change of the
    budget reruns this part alone, and a change of g shows that g's blocks in the browser."""
    view = controls.page_view()
    names = say.options(METRIC_NAMES)
    metric = st.radio(say("Budget to match"), METRICS, index=0, horizontal=True, key="metric", bind="query-params",
                      captions=[names[m] for m in METRICS],
                      help=say("The current block's parameters or its multiply-adds per image; every other block is "
                               "solved to it"))
    links.page_param("metric", metric, METRICS[0])
    with st.spinner(say("Solving each block's width…")):
        views = controls.at_every_g(lambda other: equal_cost_view(other, metric), blocks)
    held_view("budget_equal_cost", views, view.cfg.groups)


equal_cost_part()
st.caption(say(
    "Multiply-adds and activation memory are for the batch of {batch}. At the same budget the ResNeXt rows have "
    "a wider 3×3 (more channels, more paths) for the same cost, which is the paper's argument; they also hold "
    "more activation memory, which the budget does not count. Width moves in whole channels, so a row can miss "
    "the budget by a few percent.", batch=cfg.batch))

# In its network ---------------------------------------------------------------------------------

st.header(say("In its network"))


def stage_rows(net: NetworkBudget, as_code: bool, say: Say) -> list[dict]:
    """The per-stage table: part names as code on the page, plain in the CSV."""
    name = (lambda stage: part_name(stage, say)) if as_code else str
    return [
        {say("stage"): name(s.name), say("blocks"): s.blocks,
         say("in → out (channels)"): f"{s.in_channels} → {s.out_channels}", say("stride (×)"): s.stride,
         say("output shape (N×C×H×W)"): units.shape(s.output_shape), say("params"): s.params, "MACs": s.macs,
         say("params (% of network)"): round(100 * s.params / net.analysis.params, 2),
         say("MACs (% of network)"): round(100 * s.macs / net.analysis.macs, 2),
         say("holds this block"): say("yes") if s.name == net.holds_block else say("no")}
        for s in net.analysis.stages
    ]


@memo("budget.stage_table", budget_mb=4)
def stage_table(cfg: BlockConfig, lang: str) -> tuple[str, str]:
    """The per-stage table of the block's network (a held view's HTML) and its CSV download, in ``lang``."""
    say = Say(lang)
    net = cached_network(cfg)
    return (table_html(stage_rows(net, True, say), say),
            download(say("Download the per-stage table of {title} (CSV)", title=net.title),
                     csv(stage_rows(net, False, say)), f"budget-{net.network}-stages.csv"))


def where_it_sits(cfg: BlockConfig, net: NetworkBudget) -> str:
    """The stage and copies of the block in its network, or the settings of the network's blocks (HTML)."""
    ctx = net.context
    if ctx is None:
        stage_links = []
        for slot in net.slots:
            text = say("{stage}: {cin} → {planes} planes, stride {stride} (× {copies})", stage=code(slot.stage),
                       cin=slot.in_channels, planes=slot.planes, stride=slot.stride, copies=slot.copies)
            try:
                there = cfg.replace(in_channels=slot.in_channels, planes=slot.planes, stride=slot.stride,
                                    size=slot.input_size)
                stage_links.append(f"[{text}]({links.link_to('budget', **links.config_params(there))})")
            except ConfigError:  # e.g. a grouped width too wide at that stage's planes
                stage_links.append(text)
        return alert("warning", [say(
            "No block of {title} takes {cin} channels to {cout} at stride {stride}. The settings of its blocks are "
            "linked below; the stages are shown without the current block.", title=net.title, cin=cfg.in_channels,
            cout=cfg.out_channels, stride=cfg.stride)]) + paragraphs([" · ".join(stage_links)])
    exact = "" if ctx.exact else say(
        " ({title} uses 32×4d; your {groups}×{d}d block is set in the same place)", title=ctx.title,
        groups=cfg.groups, d=cfg.group_width)
    where = {"position": say(ctx.position), "stage": code(ctx.stage), "title": ctx.title,
             "exact": exact, "copies": ctx.copies, "n": ctx.input_size}
    together = {"params": params(ctx.copies * net.block_params), "macs": macs(ctx.copies * net.block_macs)}
    first = (say("This block is the **{position}** of **{stage}** in **{title}**{exact}, which has **1 copy** of "
                 "it, taking {n}×{n} inputs at 224×224 images.", **where) if ctx.copies == 1 else
             say("This block is the **{position}** of **{stage}** in **{title}**{exact}, which has **{copies} "
                 "copies** of it, taking {n}×{n} inputs at 224×224 images.", **where))
    second = (say("Together they hold {params} ({share:.2%} of the network's published parameters) and {macs} per "
                  "image.", share=ctx.share_of_network, **together) if ctx.exact else
              say("Together they hold {params} and {macs} per image.", **together))
    html = paragraphs([f"{first} {second}"])
    if cfg.size != ctx.input_size:
        html += captions([say("Your size is {size}×{size}; in the network the block sees {n}×{n}, which the MACs above "
                              "use.", size=cfg.size, n=ctx.input_size)])
    return html


def network_totals(net: NetworkBudget) -> str:
    """The networks' totals beside torchvision's (HTML)."""
    lines = [
        "| " + " | ".join([say("Network"), say("Parameters (counted)"), say("Parameters (torchvision)"),
                          say("Multiply-adds (counted)"), say("Multiply-adds (torchvision)"), say("MACs off by")]) + " |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in net.totals:
        mark = " ✓" if t.params_match else " ✗"
        lines.append(
            f"| {t.title} | {params(t.params)}{mark} | {params(t.published_params)} | "
            f"{say('{g:.3f} G MACs', g=t.macs / 1e9)} | {say('{g:.3f} G MACs', g=t.published_macs / 1e9)} | "
            f"{signed_pct(t.macs_error, 3)} |"
        )
    return markdown_table("\n".join(lines)) + captions([say(
        "Counted here for one 224×224 image by rebuilding each network from this project's blocks; torchvision's "
        "figures are the weights' metadata ({source}), whose G MACs it rounds to three decimals, hence the small "
        "MAC differences. Parameters match exactly.", source=f"`{net.totals[0].source}`")])


with st.spinner(say("Counting the whole network…")):
    networks = {g: cached_network(other) for g, other in blocks.items()}
if networks[cfg.groups] is None:  # the block alone decides: every g of it
    st.info(say(
        "torchvision has no network built from the {block} block (the pre-activation ResNets of He et al. 2016 are "
        "not among its models), so there are no published figures to set it beside. Choose basic, bottleneck or "
        "resnext to see the block in ResNet-18/34/50, ResNeXt-50 and friends.", block=cfg.block))
else:
    # g picks the network (at planes 64, 32×4d is ResNeXt-50's block, 1×128d Wide ResNet-50-2's, any other grouping
    # is set where ResNeXt-50's sits) and whether the block is one of its own: every g's, held.
    held_view("budget_network", {g: where_it_sits(blocks[g], net) for g, net in networks.items()}, cfg.groups)
    held_view("budget_network_chart", {g: network_chart(other, view.lang) for g, other in blocks.items()}, cfg.groups)
    st.caption(say("Each stage's share of the network's parameters (solid) and of its multiply-adds (faded); hover a "
                   "bar for its amount."))
    held_view("budget_network_totals", {g: network_totals(net) for g, net in networks.items()}, cfg.groups)
    stage_tables = controls.at_every_g(lambda other: stage_table(other, view.lang), blocks)
    with st.expander(say("Per-stage table")):
        held_view("budget_stage_table", {g: shown for g, (shown, _) in stage_tables.items()}, cfg.groups)
    held_view("budget_stages_csv", {g: saved for g, (_, saved) in stage_tables.items()}, cfg.groups)
