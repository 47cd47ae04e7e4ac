"""The shared sidebar controls, bound to the URL, and the view they describe. Pages start with
``page_view()``; resblocks never imports this."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from explorer import links, paper_texts
from explorer.i18n import Say
from explorer.texts import LANGS, text
from resblocks import BlockConfig, ConfigError
from resblocks.blocks import PREACT_SHORTCUTS, STRIDE_PLACES
from resblocks.config import LIMITS, divisors
from resblocks.registry import BLOCK_NAMES, REGISTRY
from resblocks.split import HOLDS, hold_config

STRIDES = (1, 2, 3, 4)
HOLD_HELP = ("What stays fixed as g changes. width: the grouped width g·d (base_width follows, so the 3×3's weights "
             "fall as 1/g); d: the channels per path (the paper's 32×4d naming: the width grows with g); cost: the "
             "block's conv weights (d solved for each g, as in the paper's Table 2)")


@dataclass
class View:
    """The shared controls as read on this run."""

    cfg: BlockConfig | None  # None when the combination is invalid
    error: str | None
    values: dict[str, object] = field(default_factory=dict)  # every bound key → its current value
    notes_box: object = None  # sidebar container for the notes on the link, filled by finish()
    share_box: object = None  # sidebar slot for the share link, filled by finish() and by a fragment's rerun

    @property
    def lang(self) -> str:
        """The language of the explanations, "en" or "tr" (the sidebar's switch, bound to ?lang=)."""
        return str(self.values.get("lang", LANGS[0]))

    @property
    def say(self) -> Say:
        """The translator of the chosen language: ``view.say("English text", **values)``."""
        return Say(self.lang)


def _restore_after_navigation(page: str) -> None:
    """Keep the view across page switches.

    Streamlit 1.67 drops a URL-seeded value of a bound widget when the user switches pages (the
    slider comes back at its default and the key leaves the address). The last values seen are kept
    in session state, outside any widget, and put back before the widgets are drawn; the bound
    widgets then write them to the address again.
    """
    last = st.session_state.get("_view")
    if last is None:
        return
    if st.session_state.get("_page") != page:
        for key, value in last.items():
            st.session_state[key] = value


def sidebar(page: str) -> View:
    """Draw the shared controls (bound to the URL) and return the configuration they describe.

    ``page`` names the page being shown, so a page switch can be told from a rerun.
    """
    links.url_notes()
    _restore_after_navigation(page)
    st.session_state["_page_params"] = {}
    d = links.widget_defaults()
    sb = st.sidebar
    # Plain codes as options: a bound radio writes the shown label to the address (?lang=tr).
    lang = sb.radio("Language / Dil", LANGS, horizontal=True, key="lang", bind="query-params",
                    help="The language of the explanations (en: English, tr: Türkçe)")
    sb.header("Block")
    block = sb.selectbox("Block", BLOCK_NAMES, index=BLOCK_NAMES.index(d["block"]), key="block",
                         bind="query-params", on_change=_block_changed,
                         help="The residual block to configure; each page shows it.")
    entry = REGISTRY[block]
    sb.caption(entry.title)
    c1, c2 = sb.columns(2)
    in_channels = c1.number_input("in_channels", *LIMITS["in_channels"], value=links.default_in_channels(block), step=1,
                                  key="in_channels", bind="query-params", help="Channels of the block's input")
    planes = c2.number_input("planes", *LIMITS["planes"], value=d["planes"], step=1, key="planes",
                             bind="query-params",
                             help="Base width; a bottleneck outputs 4·planes channels, a basic block planes")
    not_grouped = None if entry.grouped else f"Only the resnext block has a grouped 3×3; {block} uses groups=1."
    hold = sb.radio("As g changes, hold fixed", HOLDS, index=HOLDS.index(d["hold"]), horizontal=True, key="hold",
                    bind="query-params", disabled=not entry.grouped, help=HOLD_HELP)
    groups = sb.slider("groups (cardinality)", *links.GROUPS_RANGE, value=d["groups"], key="groups", bind="query-params",
                       disabled=not entry.grouped, on_change=_groups_moved,
                       help="Number of groups g of the 3×3: the paths of split-transform-merge")
    width_note = sb.empty()
    base_width = sb.number_input("base_width (d at planes=64)", *LIMITS["base_width"], value=d["base_width"],
                                 step=1, key="base_width", bind="query-params", disabled=not entry.grouped,
                                 help="Channels per group = int(planes · base_width / 64)")
    if not_grouped:
        sb.caption(not_grouped)
    stride = sb.radio("stride", STRIDES, index=0, horizontal=True, key="stride", bind="query-params",
                      help="Stride of the 3×3 conv (and of the projection shortcut)")
    # Where the papers and the notes (or torchvision) differ; codes as options, as for the language.
    preact_shortcut = sb.radio(paper_texts.template("preact_label", lang), PREACT_SHORTCUTS, horizontal=True,
                               key="preact_shortcut", bind="query-params", disabled=not entry.preactivated,
                               help=paper_texts.template("preact_help", lang))
    stride_on = sb.radio(paper_texts.template("stride_label", lang), STRIDE_PLACES, horizontal=True,
                         key="stride_on", bind="query-params", disabled=not entry.bottleneck,
                         help=paper_texts.template("stride_help", lang))
    c3, c4 = sb.columns(2)
    size = c3.number_input("size (H = W)", *LIMITS["size"], value=d["size"], step=1, key="size",
                           bind="query-params", help="Input height and width in pixels")
    batch = c4.number_input("batch", *LIMITS["batch"], value=d["batch"], step=1, key="batch",
                            bind="query-params", help="Batch size")
    values = {"block": block, "in_channels": in_channels, "planes": planes, "groups": groups,
              "base_width": base_width, "stride": stride, "size": size, "batch": batch, "lang": lang, "hold": hold,
              "preact_shortcut": preact_shortcut, "stride_on": stride_on}
    st.session_state["_view"] = dict(values)
    st.session_state["_page"] = page

    cfg, error = None, None
    try:
        cfg = BlockConfig(block=block, in_channels=int(in_channels), planes=int(planes), stride=int(stride),
                          groups=int(groups) if entry.grouped else 1,
                          base_width=int(base_width) if entry.grouped else 64,
                          batch=int(batch), size=int(size),
                          preact_shortcut=str(preact_shortcut) if entry.preactivated else "paper",
                          stride_on=str(stride_on) if entry.bottleneck else "3x3")
    except ConfigError as exc:
        error = str(exc)
    if cfg is not None and entry.grouped:
        width_note.caption(f"width = g × d = {cfg.groups} × {cfg.group_width} = {cfg.width}")
    if cfg is not None:
        sb.caption(f"→ {cfg.label}; output {'×'.join(map(str, cfg.output_shape))}")
        for line in (paper_texts.d_line(cfg, lang), paper_texts.preact_line(cfg, lang),
                     paper_texts.stride_line(cfg, lang)):
            if line:
                sb.caption(line)
    return View(cfg=cfg, error=error, values=values, notes_box=sb.container(), share_box=sb.empty())


def _block_changed() -> None:
    """in_channels left at the old block's default (its repeated block) moves to the new block's."""
    last = st.session_state.get("_view") or {}
    old = last.get("block")
    if old in REGISTRY and st.session_state.get("in_channels") == links.default_in_channels(old):
        st.session_state["in_channels"] = links.default_in_channels(st.session_state["block"])


def set_groups(groups: int) -> None:
    """Move the groups control to ``groups`` from the last run's block, keeping what ``hold`` names fixed.

    Called from callbacks (before the rerun): base_width follows g. Holding the width, a g that does not divide
    it moves on to the next divisor in the direction of the change.
    """
    last = st.session_state.get("view")
    if last is None or last.cfg is None or not last.cfg.entry.grouped:
        return
    if isinstance(groups, bool) or not isinstance(groups, int) or not 1 <= groups <= last.cfg.width:
        return  # only a tampered browser writes such a value: nothing changes
    cfg, hold = last.cfg, str(st.session_state.get("hold", HOLDS[0]))
    if hold == "width" and cfg.width % groups:
        options = divisors(cfg.width)
        above = [g for g in options if g > groups]
        below = [g for g in options if g < groups]
        groups = (above[0] if above else below[-1]) if groups > cfg.groups else (below[-1] if below else above[0])
    try:
        new = hold_config(cfg, groups, hold)
    except ConfigError:
        return  # the page shows the sentence for the combination
    st.session_state["groups"] = new.groups
    st.session_state["base_width"] = new.base_width


def _groups_moved() -> None:
    set_groups(int(st.session_state["groups"]))


def page_view() -> View:
    """The view that app.py read on this run; every page starts with it."""
    return st.session_state["view"]


def require_config(view: View) -> BlockConfig:
    """The configuration, or stop the page with the library's sentence where the result would be."""
    if view.cfg is None:
        st.error(f"This combination is not valid: {view.error}.", icon="⚠️")
        st.stop()
    return view.cfg


def explain(key: str, view: View) -> None:
    """Draw the explanation ``key`` from explorer/texts.py in the language chosen in the sidebar."""
    st.markdown(text(key, view.lang))  # trusted Markdown written in texts.py; never user text
