"""Overview: the residual idea, the blocks side by side with live parameter counts, and which to choose."""

import streamlit as st

from explorer import cache, controls, links, paper_texts
from resblocks import units
from resblocks.registry import REGISTRY

view = controls.page_view()

st.title("ResBlock Explorer")
controls.explain("overview.intro", view)

st.header("Residual learning")
left, right = st.columns(2)
with left:
    controls.explain("overview.residual", view)
with right:
    controls.explain("overview.shortcut", view)

st.header("Why each block?")
columns = st.columns(3)
for column, key in zip(columns, ("overview.preact", "overview.bottleneck", "overview.resnext"), strict=True):
    with column:
        controls.explain(key, view)

st.subheader(paper_texts.template("results_heading", view.lang))
for column, key in zip(st.columns(2), ("plain", "preact"), strict=True):
    result, source = paper_texts.results_markdown(key, view.lang)
    column.markdown(result)
    column.caption(source)

st.header("The blocks compared")
cfg = view.cfg
if cfg is None:
    st.error(f"This combination is not valid: {view.error}.", icon="⚠️")
    st.stop()
row_groups, row_width = (cfg.groups, cfg.base_width) if cfg.entry.grouped else (
    REGISTRY["resnext"].default_groups, REGISTRY["resnext"].default_base_width)
repeated = cfg.in_channels == links.default_in_channels(cfg.block)  # then every block takes its own default
st.caption(
    f"Parameters for the current settings: in_channels="
    f"{'each block’s default (64 or 256, its repeated block)' if repeated else cfg.in_channels}, planes={cfg.planes}, "
    f"stride={cfg.stride}, input {cfg.size}×{cfg.size}; the ResNeXt row uses groups={row_groups}, "
    f"base_width={row_width}."
)
rows = []
for name, entry in REGISTRY.items():
    try:
        inputs = {"in_channels": links.default_in_channels(name)} if repeated else {}
        other = cfg if entry.grouped and cfg.entry.grouped else cfg.replace(block=name, **inputs)
        a = cache.analysis(other)
        params, macs = f"{a.params:,}", units.count(a.macs, "MACs")
    except ValueError as exc:  # e.g. a bottleneck width that the current planes cannot give
        other, params, macs = None, "—", str(exc)
    link = links.link_to("graph", **links.config_params(other)) if other else links.link_to("graph", block=name)
    current = " ← current" if name == cfg.block else ""
    rows.append(
        f"| **[{entry.title}]({link})**{current} | {entry.main_path} | {entry.purpose} | "
        f"{entry.key_difference} | {params} | {macs} |"
    )
st.markdown(
    "| Block | Main path | Purpose | Key difference | Parameters | Multiply-adds |\n"
    "|---|---|---|---|---:|---:|\n" + "\n".join(rows)
)
st.caption("Click a block's name to open its computation graph with these settings. "
           "MACs are multiply-adds (what torchvision and the ResNeXt paper call FLOPs).")

controls.explain("overview.intuition", view)

st.header("Which block when?")
controls.explain("overview.choice", view)
st.caption("Source: the project's notes on ResNeXt blocks, sections 1, 3, 4, 6 and 9; He et al. 2016; Xie et al. 2017.")
