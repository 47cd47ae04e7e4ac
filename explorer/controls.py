"""The shared sidebar controls, bound to the URL, and the view they describe. Pages start with
``page_view()``; resblocks never imports this."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from explorer import links
from explorer.texts import LANGS, text
from resblocks import BlockConfig, ConfigError
from resblocks.config import LIMITS
from resblocks.registry import BLOCK_NAMES, REGISTRY

STRIDES = (1, 2, 3, 4)


@dataclass
class View:
    """The shared controls as read on this run."""

    cfg: BlockConfig | None  # None when the combination is invalid
    error: str | None
    values: dict[str, object] = field(default_factory=dict)  # every bound key → its current value
    notes_box: object = None  # sidebar container for the notes on the link, filled by finish()

    @property
    def lang(self) -> str:
        """The language of the explanations, "en" or "tr" (the sidebar's switch, bound to ?lang=)."""
        return str(self.values.get("lang", LANGS[0]))


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
                         bind="query-params", help="The residual block to configure; each page shows it.")
    entry = REGISTRY[block]
    sb.caption(entry.title)
    c1, c2 = sb.columns(2)
    in_channels = c1.number_input("in_channels", *LIMITS["in_channels"], value=d["in_channels"], step=1,
                                  key="in_channels", bind="query-params", help="Channels of the block's input")
    planes = c2.number_input("planes", *LIMITS["planes"], value=d["planes"], step=1, key="planes",
                             bind="query-params",
                             help="Base width; a bottleneck outputs 4·planes channels, a basic block planes")
    not_grouped = None if entry.grouped else f"Only the resnext block has a grouped 3×3; {block} uses groups=1."
    groups = sb.slider("groups (cardinality)", *links.GROUPS_RANGE, value=d["groups"], key="groups", bind="query-params",
                       disabled=not entry.grouped,
                       help="Number of groups g of the 3×3: the paths of split-transform-merge")
    base_width = sb.number_input("base_width (d at planes=64)", *LIMITS["base_width"], value=d["base_width"],
                                 step=1, key="base_width", bind="query-params", disabled=not entry.grouped,
                                 help="Channels per group = int(planes · base_width / 64)")
    if not_grouped:
        sb.caption(not_grouped)
    stride = sb.radio("stride", STRIDES, index=0, horizontal=True, key="stride", bind="query-params",
                      help="Stride of the 3×3 conv (and of the projection shortcut)")
    c3, c4 = sb.columns(2)
    size = c3.number_input("size (H = W)", *LIMITS["size"], value=d["size"], step=1, key="size",
                           bind="query-params", help="Input height and width in pixels")
    batch = c4.number_input("batch", *LIMITS["batch"], value=d["batch"], step=1, key="batch",
                            bind="query-params", help="Batch size")
    values = {"block": block, "in_channels": in_channels, "planes": planes, "groups": groups,
              "base_width": base_width, "stride": stride, "size": size, "batch": batch, "lang": lang}
    st.session_state["_view"] = dict(values)
    st.session_state["_page"] = page

    cfg, error = None, None
    try:
        cfg = BlockConfig(block=block, in_channels=int(in_channels), planes=int(planes), stride=int(stride),
                          groups=int(groups) if entry.grouped else 1,
                          base_width=int(base_width) if entry.grouped else 64,
                          batch=int(batch), size=int(size))
    except ConfigError as exc:
        error = str(exc)
    if cfg is not None:
        sb.caption(f"→ {cfg.label}; output {'×'.join(map(str, cfg.output_shape))}")
    return View(cfg=cfg, error=error, values=values, notes_box=sb.container())


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
