"""The address is the state: notes on link values that could not be used, the share link of the
current view, and links between pages."""

from __future__ import annotations

import math
import re
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer.components.share_link import share_link_box
from explorer.texts import LANGS
from resblocks import BlockConfig, from_values
from resblocks.checks import Message
from resblocks.registry import REGISTRY
from resblocks.values import as_int

if TYPE_CHECKING:
    from explorer.controls import View

# The repeated block of the paper's Table 2: resnext 32×4d, 256 → 256 channels (identity shortcut), 56×56, batch 1.
DEFAULT = BlockConfig(in_channels=256)
SHARED_KEYS = ("block", "in_channels", "planes", "groups", "base_width", "stride", "size", "batch",
               "preact_shortcut", "stride_on")


def default_in_channels(block: str) -> int:
    """A block repeated inside its stage takes its own output: in_channels = planes · expansion (64 or 256)."""
    return DEFAULT.planes * REGISTRY[block].expansion


def widget_defaults(block: str | None = None) -> dict[str, object]:
    """The value of every shared control when the address does not set it; in_channels follows ``block``."""
    return {
        "block": DEFAULT.block,
        "in_channels": default_in_channels(block or DEFAULT.block),
        "planes": DEFAULT.planes,
        "groups": REGISTRY["resnext"].default_groups,
        "base_width": REGISTRY["resnext"].default_base_width,
        "stride": DEFAULT.stride,
        "size": DEFAULT.size,
        "batch": DEFAULT.batch,
        "preact_shortcut": DEFAULT.preact_shortcut,
        "stride_on": DEFAULT.stride_on,
        "lang": LANGS[0],
        "hold": "width",
    }


# The sidebar's groups slider offers less than the library accepts; notes name the slider's range.
GROUPS_RANGE = (1, 128)
CONTROL_LIMITS = {"groups": GROUPS_RANGE}
MAX_NOTES = 8  # notes on one address; the rest are counted in one line


def read_address(raw: Mapping[str, list[str]]) -> tuple[set[str], list[str]]:
    """Check a session's first address before any widget reads it.

    Returns the keys whose values must not reach Streamlit's own URL seeding (every shared value the
    library refuses, and any value so large or infinite that Streamlit's seeding itself would raise), and
    a note for each value that cannot be used. Pure: no Streamlit call, so it can be tested on any text.
    """
    # Streamlit seeds a single-value widget from the last value of a repeated key.
    drop = {key for key, values in raw.items() if values and _overflows(values[-1])}
    shared = {key: values for key, values in raw.items() if key in SHARED_KEYS}
    for key, values in shared.items():
        if key == "block":
            usable = bool(values) and values[-1] in REGISTRY
        else:
            usable = not from_values({key: values}, combine=False, limits=CONTROL_LIMITS)[1]
        if not usable:
            drop.add(key)
    # Single bad values get a note; a bad combination shows the validation sentence on the page.
    _, notes = from_values(shared, combine=False, limits=CONTROL_LIMITS)
    notes += [
        Message("The address repeats {key} {count} times; the last value, {value}, was used.", key=key,
                count=len(values), value=_shown(values[-1]))
        for key, values in shared.items()
        if len(values) > 1 and key not in drop
    ]
    return drop, notes


def _overflows(text: str) -> bool:
    try:
        number = float(text)
    except (ValueError, OverflowError):
        return False
    return not math.isfinite(number) or abs(number) > 2**53


def _drop_before_seeding(keys: set[str]) -> None:
    """Remove address values before Streamlit's URL seeding reads them.

    Streamlit 1.67 turns ``?size=inf`` into ``int(float("inf"))`` inside number_input's seeding and raises
    OverflowError (it catches only ValueError and TypeError), and it has no public way to withdraw a value
    from the first run's seeding: this is the one place the app touches a private attribute
    (``_initial_query_params``). A test fails if Streamlit renames it.
    """
    if not keys:
        return
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as qp:
        for key in keys:
            qp._initial_query_params.pop(key, None)


def url_notes() -> list[str]:
    """Notes on values in the address that could not be used (noted at the session's first run).

    Every run withholds the unusable values from Streamlit's seeding: a page switch or the browser's Back
    button seeds the new page's widgets from the address again.
    """
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    drop, notes = read_address(raw)
    _drop_before_seeding(drop)
    if "_url_notes" not in st.session_state:
        st.session_state["_url_raw"] = raw
        st.session_state["_url_notes"] = notes
    return st.session_state["_url_notes"]


def _same(raw: list[str], value: object) -> bool:
    """Whether the widget took the value the address asked for (the last one, where a key repeats)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value] == raw
    text = raw[-1].strip() if raw else ""
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    if isinstance(value, int):
        return as_int(text) == value
    return text == str(value)


def page_notes(raw: Mapping[str, list[str]], shown: Mapping[str, object], notes: list[str]) -> list[str]:
    """After the page has run: ``notes`` and a note for every key of the first address that no widget took as
    given (``shown``: the value each widget shows), at most MAX_NOTES in all, the rest counted."""
    out = list(notes)
    for key, values in raw.items():
        if any(n.startswith((f"Ignored {key}=", f"Ignored {key}:", f"The address repeats {key} ")) for n in out):
            continue
        name = key if re.fullmatch(r"[a-z_]{1,24}", key) else _shown(key, 24)
        value = _shown(values[-1] if values else "")
        if key not in shown:
            out.append(Message("Ignored {name}={value}: this app has no such setting on this page.", name=name,
                               value=value))
        elif not _same(values, shown[key]):
            out.append(Message("Ignored {name}={value}: not an allowed value here; using {used}.", name=name,
                               value=value, used=_shown(shown[key])))
    if len(out) > MAX_NOTES:
        rest = len(out) - (MAX_NOTES - 1)
        out = [*out[: MAX_NOTES - 1],
               Message("… and {rest} more values in the address that could not be used.", rest=rest)]
    return out


def _shown(value: object, limit: int = 40) -> str:
    """A user value as quoted plain text, cut short, control characters escaped."""
    text = repr(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def finish(view: View) -> None:
    """Drawn by app.py after the page has run: the notes on the link (first run of a session) and the share link.

    The notes stay in the sidebar; on the page the session opened on they are also drawn at its top, folded, since
    a phone shows the sidebar closed.
    """
    if not st.session_state.get("_url_checked"):
        raw = st.session_state.get("_url_raw", {})
        shown = {key: st.session_state[key] for key in raw if key in st.session_state}
        st.session_state["_url_notes"] = page_notes(raw, shown, st.session_state.get("_url_notes", []))
        st.session_state["_url_checked"] = True
        st.session_state["_landing_page"] = st.session_state.get("_page")
    notes: list[str] = st.session_state["_url_notes"]
    say = view.say
    lines = [say.message(note) for note in notes]  # each note is a Message: said in the reader's language
    if lines and view.notes_box is not None:
        with view.notes_box.container(border=True):
            st.caption(say("Some values in the link could not be used and fell back to the defaults:"))
            for line in lines:
                st.text(line)  # st.text: user text is shown as text, never as Markdown or HTML
    if lines and view.top_box is not None and st.session_state.get("_page") == st.session_state.get("_landing_page"):
        label = say("Values in the link that could not be used: {n}", n=len(notes))
        with view.top_box.expander(label, icon=":material/warning:"):
            for line in lines:
                st.text(line)
    show_share_link(view)
    st.session_state["_drawn_whole"] = True  # the page's run ended here, every part registered (start_page)


def page_param(key: str, value: object, default: object) -> None:
    """Tell the share link about a page-specific control bound to the URL (written only if not default)."""
    params = st.session_state.setdefault("_page_params", {})
    if value != default:
        params[key] = value
    else:  # a fragment's rerun keeps the rest of the page's values: a control set back drops its own
        params.pop(key, None)


def share_link(view: View) -> str:
    """The full address of the current view: only values that differ from the defaults are written."""
    d = widget_defaults(str(view.values.get("block", DEFAULT.block)))
    params: dict[str, object] = {k: v for k, v in view.values.items() if v != d[k]}
    params.update(st.session_state.get("_page_params", {}))
    base = st.context.url or ""
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, str(item)))
    query = urllib.parse.urlencode(pairs)
    return f"{base}?{query}" if query else base


def share_parts(url: str) -> list[str]:
    """The link cut where a narrow box may break it: after a "/" or a "?" and before a "&", never inside a name
    or a value (the component joins the parts with ``<wbr>``: the copied text stays the exact address)."""
    return [part for part in re.split(r"(?<=[/?])(?!/)|(?=&)", url) if part]


def share_data(url: str, say: Callable[..., str], address: str = "") -> dict[str, object]:
    """What the share link's component shows: the link, its parts and the button's texts; and ``skip``, the
    parameters of ``address`` (the query the browser asked this run with) that the link leaves out: values the app
    could not use, or defaults. The browser's link follows the address after the run (a part's rerun does not draw
    the link) but for those pairs, which stay out as long as the address holds them unchanged."""
    kept = set(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))
    asked = urllib.parse.parse_qsl(address.lstrip("?"), keep_blank_values=True)
    return {
        "url": url,
        "parts": share_parts(url),
        "skip": [list(pair) for pair in asked if pair not in kept],
        "copy": say("Copy link"),
        "copied": say("Copied"),
        "selected": say("The link is selected: copy it with Ctrl+C or your device's menu."),
    }


def show_share_link(view: View) -> None:
    """Drawn by app.py after the page has run, so the page's own controls are in the link."""
    box = view.share_box if view.share_box is not None else st.sidebar.empty()
    url = share_link(view)
    with box.container():
        st.divider()
        st.caption(view.say("Share this view (the address is the state):"))
        # A component, not st.code: st.code's copy button made every page fetch the 1.5 MB syntax highlighter.
        share_link_box(share_data(url, view.say, _asked()))


def _asked() -> str:
    """The query string the browser sent this run (its address when it asked), "" outside a server's run."""
    ctx = get_script_run_ctx()
    return str(getattr(ctx, "query_string", "") or "") if ctx is not None else ""


def fragment(body: Callable[..., None] | None = None, *, key: str | None = None):
    """``st.fragment`` for a part of a page with its own controls: a change of them reruns that part alone. Its
    controls are bound to the address (or write it), and the share link follows the address in the browser
    (components/share.js), so the part never draws the link.

    With ``key`` the part also depends on groups (see groups_part): it is called without arguments and reads the
    view itself (``controls.page_view()``), since a rerun of it alone must see the new g.
    """
    if body is None:
        return lambda later: fragment(later, key=key)
    part = st.fragment(body, key=key)

    def call(*args: object, **kwargs: object) -> None:  # called by the page's run, never by the part's own rerun
        if key is not None:
            _register(key)
        part(*args, **kwargs)

    return call


def groups_part(key: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """A part of a page that depends on groups: a change of g reruns it (and the sidebar's groups controls and the
    summary) instead of the whole app (controls.groups_changed). Its body takes no arguments
    and reads the view itself (``controls.page_view()``): a rerun of the part alone must see the new g. Everything
    on a page that changes with g at a fixed width belongs in such a part."""
    return fragment(key=key)


def _register(key: str) -> None:
    """Note a part drawn on this run of the page (the list starts anew with every run of the whole app)."""
    parts = st.session_state.setdefault("_groups_parts", [])
    if key not in parts:
        parts.append(key)


def start_page() -> None:
    """The whole app runs: the page will register its parts anew."""
    st.session_state["_groups_parts"] = []
    st.session_state["_held_views"] = []
    st.session_state["_drawn_whole"] = False  # finish(): a run stopped before it (a newer request) drew only some
    st.session_state["_held_configs"] = None  # controls.at_every_g: the blocks the held views were drawn for, by g


def held_drawn(key: str) -> None:
    """Note a held view that the page drew on this run (components/held_view.py), as it registers a groups part."""
    held = st.session_state.setdefault("_held_views", [])
    if key not in held:
        held.append(key)


def held_views() -> list[str]:
    """The page's held views as the last run of the whole app drew them."""
    return list(st.session_state.get("_held_views", []))


def groups_parts() -> list[str]:
    """The keys of the parts that depend on groups, as the last run of the whole app drew them, in page order.
    The share link is not one: it follows the address in the browser (components/share.js)."""
    return list(st.session_state.get("_groups_parts", []))


def page(url_path: str, script: str):
    """The app's page at ``url_path`` for st.page_link: the st.Page object app.py made (a part's own rerun does not
    run st.navigation, and AppTest then knows no page by its file), or the page's ``script`` path."""
    return st.session_state.get("_pages", {}).get(url_path, script)


def link_to(page: str, **params: object) -> str:
    """A relative link to a page with the given URL parameters."""
    if st.session_state.get("lang", LANGS[0]) != LANGS[0]:  # the link keeps the chosen language
        params = {**params, "lang": st.session_state["lang"]}
    query = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
    return f"./{page}?{query}" if query else f"./{page}"


def config_params(cfg: BlockConfig) -> dict[str, object]:
    """URL parameters that reproduce ``cfg`` (defaults left out)."""
    d = widget_defaults(cfg.block)
    out = {k: getattr(cfg, k) for k in SHARED_KEYS if getattr(cfg, k) != d[k]}
    if not cfg.entry.grouped:
        out.pop("groups", None)
        out.pop("base_width", None)
    return out
