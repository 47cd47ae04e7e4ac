"""Overview: the residual idea, the blocks side by side with live parameter counts, which to choose, a glossary."""

import pandas as pd
import streamlit as st

from explorer import cache, controls, links, paper_texts
from explorer.components.held_view import captions, held_view, table
from explorer.glossary import GLOSSARY
from explorer.i18n import Say
from resblocks import BlockConfig
from resblocks.registry import REGISTRY


def graph_params(cfg: BlockConfig, current: BlockConfig, lang: str) -> dict[str, str]:
    """Every shared setting of ``cfg`` for a link to its graph: the link sets them all, so none is left to the
    values the sidebar had before. groups and base_width, which only the resnext block uses, are left alone, and
    the current resnext block leaves them to the sidebar, whose values they are: the links then stay the same as g
    changes, and only the table is drawn at every g (a held view)."""
    params = {key: str(getattr(cfg, key)) for key in links.SHARED_KEYS}
    if not cfg.entry.grouped or current.entry.grouped:
        del params["groups"], params["base_width"]
    return {**params, "lang": lang} if lang != "en" else params


def compared(cfg: BlockConfig, say: Say) -> tuple[str, dict[str, BlockConfig]]:
    """The notes' comparison table (§6) with the live counts for ``cfg``, as HTML (a held view), and the block
    each row counted, by name (none for a row the settings cannot give)."""
    row_groups, row_width = (cfg.groups, cfg.base_width) if cfg.entry.grouped else (
        REGISTRY["resnext"].default_groups, REGISTRY["resnext"].default_base_width)
    repeated = cfg.in_channels == links.default_in_channels(cfg.block)  # then every block takes its own default
    above = say(
        "Parameters for the current settings: in_channels={in_channels}, planes={planes}, stride={stride}, "
        "input {size}×{size}; the ResNeXt row uses groups={groups}, base_width={base_width}.",
        in_channels=say("each block’s default (64 or 256, its repeated block)") if repeated else cfg.in_channels,
        planes=cfg.planes, stride=cfg.stride, size=cfg.size, groups=row_groups, base_width=row_width,
    )
    rows, targets = [], {}
    for name, entry in REGISTRY.items():
        try:
            inputs = {"in_channels": links.default_in_channels(name)} if repeated else {}
            other = cfg if entry.grouped and cfg.entry.grouped else cfg.replace(block=name, **inputs)
            a = cache.analysis(other)
            params, macs = say.num(a.params), say.count(a.macs, "MACs").replace(" ", "\u00a0")  # on one line
            targets[name] = other
        except ValueError as exc:  # e.g. a bottleneck width that the current planes cannot give
            params, macs = "—", say.message(exc)
        current = say(" ← current") if name == cfg.block else ""
        rows.append((f"**{say(entry.title)}**{current}", say(entry.main_path), say(entry.purpose),
                     say(entry.key_difference), params, macs))
    header = (say("Block"), say("Main path"), say("Purpose"), say("Key difference"), say("Parameters"),
              say("Multiply-adds"))
    below = say("MACs are multiply-adds (what torchvision and the ResNeXt paper call FLOPs).")
    return captions([above]) + table(header, rows, numeric=(4, 5)) + captions([below]), targets


def compare_blocks(view) -> None:
    """The comparison table at every g the groups control reaches, and a link to each block's graph."""
    cfg, say = view.cfg, view.say
    drawn: dict[int, tuple[str, dict[str, BlockConfig]]] = {}

    def table_at(other: BlockConfig) -> str:
        drawn[other.groups] = compared(other, say)
        return drawn[other.groups][0]

    held_view("blocks_table", controls.at_every_g(table_at, controls.held_blocks(view)), cfg.groups)
    _, targets = drawn[cfg.groups]  # the links go with the current g's rows
    # st.page_link stays in this tab and this session; a Markdown link would open a new tab with a new session.
    st.markdown(say("Open a block's computation graph with these settings:"))
    with st.container(horizontal=True, key="graph_links"):
        for name, other in targets.items():
            st.page_link(links.page("graph", "views/graph.py"), label=say(REGISTRY[name].title), icon=":material/account_tree:",
                         query_params=graph_params(other, cfg, say.lang))


view = controls.page_view()
say = view.say

st.title(say("ResBlock Explorer"))
controls.explain("overview.intro", view)

st.header(say("Residual learning"))
left, right = st.columns(2)
with left:
    controls.explain("overview.residual", view)
with right:
    controls.explain("overview.shortcut", view)

st.header(say("Why each block?"))
columns = st.columns(3)
for column, key in zip(columns, ("overview.preact", "overview.bottleneck", "overview.resnext"), strict=True):
    with column:
        controls.explain(key, view)

st.subheader(paper_texts.template("results_heading", view.lang))
for column, key in zip(st.columns(2), ("plain", "preact"), strict=True):
    result, source = paper_texts.results_markdown(key, view.lang)
    column.markdown(result)
    column.caption(source)

st.header(say("The blocks compared"))


if view.cfg is None:  # the rest of the page needs no block: only the table is left out
    st.error(controls.invalid_sentence(view), icon="⚠️")
else:
    compare_blocks(view)

st.subheader(say("In short"))
controls.explain("overview.intuition", view)

st.header(say("Which block when?"))
controls.explain("overview.choice", view)
st.caption(say("Source: the project's notes on ResNeXt blocks, sections 1, 3, 4, 6 and 9; He et al. 2016; "
               "Xie et al. 2017."))

with st.expander(say("Glossary (Türkçe ↔ English)"), icon=":material/translate:"), st.container(key="glossary"):
    st.caption(say("The terms the notes mix: the first column writes each as the Turkish pages do."))
    term = say("In the Turkish pages")
    st.table(pd.DataFrame(
        [(t.app, t.tr, t.en, t.meaning(view.lang)) for t in GLOSSARY],
        columns=[term, say("Turkish term"), say("English term"), say("Meaning")],
    ).set_index(term))
