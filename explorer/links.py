"""The address is the state: notes on link values that could not be used, the share link of the
current view, and links between pages."""

from __future__ import annotations

import math
import urllib.parse
from typing import TYPE_CHECKING

import streamlit as st

from explorer.texts import LANGS
from resblocks import BlockConfig, from_values
from resblocks.registry import REGISTRY

if TYPE_CHECKING:
    from explorer.controls import View

DEFAULT = BlockConfig()  # resnext 32×4d, 64 → 256 channels, 56×56, batch 1
SHARED_KEYS = ("block", "in_channels", "planes", "groups", "base_width", "stride", "size", "batch")


def widget_defaults() -> dict[str, object]:
    """The value of every shared control when the address does not set it."""
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


def url_notes() -> list[str]:
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
    d = widget_defaults()
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


def link_to(page: str, **params: object) -> str:
    """A relative link to a page with the given URL parameters."""
    if st.session_state.get("lang", LANGS[0]) != LANGS[0]:  # the link keeps the chosen language
        params = {**params, "lang": st.session_state["lang"]}
    query = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
    return f"./{page}?{query}" if query else f"./{page}"


def config_params(cfg: BlockConfig) -> dict[str, object]:
    """URL parameters that reproduce ``cfg`` (defaults left out)."""
    d = widget_defaults()
    out = {k: getattr(cfg, k) for k in SHARED_KEYS if getattr(cfg, k) != d[k]}
    if not cfg.entry.grouped:
        out.pop("groups", None)
        out.pop("base_width", None)
    return out
