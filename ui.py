"""What every page of the app shares: the sidebar controls bound to the URL, the share link,
cached calls into the library and small drawing helpers. Pages import this; resblocks never does."""

from __future__ import annotations

import math
import numbers
import urllib.parse
from dataclasses import dataclass, field

import streamlit as st

from resblocks import BlockConfig, ConfigError, from_values
from resblocks.analysis import Analysis, analyze
from resblocks.config import LIMITS
from resblocks.registry import BLOCK_NAMES, REGISTRY
from texts import LANGS, text

DEFAULT = BlockConfig()  # resnext 32×4d, 64 → 256 channels, 56×56, batch 1
SHARED_KEYS = ("block", "in_channels", "planes", "groups", "base_width", "stride", "size", "batch")
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


def _widget_defaults() -> dict[str, object]:
    return {
        "block": DEFAULT.block,
        "in_channels": DEFAULT.in_channels,
        "planes": DEFAULT.planes,
        "groups": REGISTRY["resnext"].default_groups,
        "base_width": REGISTRY["resnext"].default_base_width,
        "stride": DEFAULT.stride,
        "size": DEFAULT.size,
        "batch": DEFAULT.batch,
        "lang": LANGS[0],
    }


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


def _drop_unparseable(raw: dict[str, list[str]]) -> None:
    """Remove address values that crash Streamlit's own URL seeding before any widget reads them.

    Streamlit 1.67 turns ``?size=inf`` into ``int(float("inf"))`` inside number_input's seeding and
    raises OverflowError (it catches only ValueError and TypeError). No control of this app takes an
    infinite or astronomically large number, so such values are dropped here and noted like any other.
    """
    bad = {key for key, values in raw.items() for v in values if _overflows(v)}
    if not bad:
        return
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as qp:
        for key in bad:
            qp._initial_query_params.pop(key, None)


def _overflows(text: str) -> bool:
    try:
        number = float(text)
    except ValueError:
        return False
    return not math.isfinite(number) or abs(number) > 2**53


def _url_notes() -> list[str]:
    """Notes on values in the address that could not be used (read once, at the session's first run)."""
    if "_url_notes" not in st.session_state:
        raw = {k: st.query_params.get_all(k) for k in st.query_params}
        st.session_state["_url_raw"] = raw
        _drop_unparseable(raw)
        # Single bad values get a note; a bad combination shows the validation sentence on the page.
        _, notes = from_values({k: v for k, v in raw.items() if k in SHARED_KEYS}, combine=False)
        for key, values in raw.items():
            if len(values) > 1 and key in SHARED_KEYS:
                notes.append(f"The address repeats {key}; the last value was used.")
        st.session_state["_url_notes"] = notes
    return st.session_state["_url_notes"]


def sidebar(page: str) -> View:
    """Draw the shared controls (bound to the URL) and return the configuration they describe.

    ``page`` names the page being shown, so a page switch can be told from a rerun.
    """
    _url_notes()
    _restore_after_navigation(page)
    st.session_state["_page_params"] = {}
    d = _widget_defaults()
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
    groups = sb.slider("groups (cardinality)", 1, 128, value=d["groups"], key="groups", bind="query-params",
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


def _same(raw: list[str], value: object) -> bool:
    """Whether the widget took the value the address asked for."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value] == raw
    text = raw[-1].strip() if raw else ""
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    if isinstance(value, int):
        try:
            return int(text) == value
        except ValueError:
            return False
    return text == str(value)


def _check_page_params(notes: list[str]) -> None:
    """After the page has run: a note for every parameter of the first address that no widget took as given."""
    raw = st.session_state.get("_url_raw", {})
    for key, values in raw.items():
        if any(n.startswith(f"Ignored {key}=") or n.startswith(f"Ignored {key}:") for n in notes):
            continue
        shown = _shown_value(values)
        if key not in st.session_state:
            notes.append(f"Ignored {key}={shown}: this app has no such setting on this page.")
        elif not _same(values, st.session_state[key]):
            notes.append(f"Ignored {key}={shown}: not an allowed value here; using {st.session_state[key]!r}.")


def _shown_value(values: list[str], limit: int = 40) -> str:
    text = repr(values[-1] if len(values) == 1 else values)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finish(view: View) -> None:
    """Drawn by app.py after the page has run: the notes on the link (first run of a session) and the share link."""
    notes: list[str] = st.session_state.get("_url_notes", [])
    if not st.session_state.get("_url_checked"):
        _check_page_params(notes)
        st.session_state["_url_checked"] = True
    if notes and view.notes_box is not None:
        with view.notes_box.container(border=True):
            st.caption("Some values in the link could not be used and fell back to the defaults:")
            for note in notes:
                st.text(note)  # st.text: user text is shown as text, never as Markdown or HTML
    show_share_link(view)


def page_param(key: str, value: object, default: object) -> None:
    """Tell the share link about a page-specific control bound to the URL (written only if not default)."""
    if value != default:
        st.session_state.setdefault("_page_params", {})[key] = value


def share_link(view: View) -> str:
    """The full address of the current view: only values that differ from the defaults are written."""
    d = _widget_defaults()
    params: dict[str, object] = {k: v for k, v in view.values.items() if v != d[k]}
    params.update(st.session_state.get("_page_params", {}))
    base = st.context.url or ""
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, str(item)))
    query = urllib.parse.urlencode(pairs)
    return f"{base}?{query}" if query else base


def show_share_link(view: View) -> None:
    """Drawn by app.py after the page has run, so the page's own controls are in the link."""
    st.sidebar.divider()
    st.sidebar.caption("Share this view (the address is the state):")
    st.sidebar.code(share_link(view), language=None, wrap_lines=True)


def page_view() -> View:
    """The view that app.py read on this run; every page starts with it.

    With a folder named pages/, a fresh server whose very first request is a deep link (/graph?…)
    runs that page file alone, in Streamlit's legacy pages/ mode, before app.py has ever called
    st.navigation. The page then switches the server to st.navigation and reruns: app.py runs, and
    st.navigation finds the same page again (page hashes come from the URL path).
    """
    view = st.session_state.get("view")
    if view is None:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return view


def require_config(view: View) -> BlockConfig:
    """The configuration, or stop the page with the library's sentence where the result would be."""
    if view.cfg is None:
        st.error(f"This combination is not valid: {view.error}.", icon="⚠️")
        st.stop()
    return view.cfg


def explain(key: str, view: View) -> None:
    """Draw the explanation ``key`` from texts.py in the language chosen in the sidebar."""
    st.markdown(text(key, view.lang))  # trusted Markdown written in texts.py; never user text


@st.cache_data(max_entries=256, show_spinner=False)
def cached_analysis(cfg: BlockConfig) -> Analysis:
    return analyze(cfg)


def markdown_table(rows: list[dict[str, object]], bold: int | None = None) -> str:
    """A Markdown table of ``rows`` (trusted one-line text from the library; "|" is escaped, other Markdown
    is not): numeric columns right-aligned, whole numbers with thousands separators, other numbers with two
    decimals, booleans as yes/no. Row number ``bold`` is set in bold. Cheap for the browser to redraw on
    every change, unlike a dataframe's grid (about 150 ms a change on a 2-core machine); pages offer CSV
    downloads for sorting."""
    if not rows:
        return ""
    columns = list(rows[0])

    def is_number(value: object) -> bool:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)

    numeric = {c for c in columns if all(is_number(row[c]) for row in rows)}

    def cell(value: object) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, numbers.Integral):
            return f"{value:,}"
        if is_number(value):
            return f"{value:,.2f}"
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---:" if c in numeric else ":---" for c in columns) + "|"]
    for i, row in enumerate(rows):
        cells = [cell(row[c]) for c in columns]
        lines.append("| " + " | ".join(f"**{c}**" if i == bold and c else c for c in cells) + " |")
    return "\n".join(lines)


def link_to(page: str, **params: object) -> str:
    """A relative link to a page with the given URL parameters."""
    if st.session_state.get("lang", LANGS[0]) != LANGS[0]:  # the link keeps the chosen language
        params = {**params, "lang": st.session_state["lang"]}
    query = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
    return f"./{page}?{query}" if query else f"./{page}"


def config_params(cfg: BlockConfig) -> dict[str, object]:
    """URL parameters that reproduce ``cfg`` (defaults left out)."""
    d = _widget_defaults()
    out = {k: getattr(cfg, k) for k in SHARED_KEYS if getattr(cfg, k) != d[k]}
    if not cfg.entry.grouped:
        out.pop("groups", None)
        out.pop("base_width", None)
    return out
