"""The shared sidebar controls, bound to the URL, and the view they describe, in the reader's language. Pages
start with ``page_view()``; resblocks never imports this."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer import ahead, links, paper_texts, prose
from explorer.components.held_view import ADDRESS_GROUPS, captions, held_view
from explorer.i18n import LANG_NAMES, Say
from explorer.texts import LANGS
from resblocks import BlockConfig, ConfigError, drawing
from resblocks.blocks import PREACT_SHORTCUTS, STRIDE_PLACES, grouped_width
from resblocks.config import LIMITS
from resblocks.graph import drawable
from resblocks.registry import BLOCK_NAMES, REGISTRY
from resblocks.split import HOLDS, hold_config
from resblocks.values import as_int

STRIDES = (1, 2, 3, 4)
# The pages on which everything that depends on g is a held view (components/held_view.py: the Overview's table, the
# Why page's line, the Split page's explorer, forms, check and 1/g chart, the Budget page's figures, tables and
# charts, the Graph page's drawings, figures, layers and exports, the Run page's estimate, guards and sweep points
# with its results shown at their own g, the sidebar's note and summary): holding the width, a change of g there is
# answered in the browser with no run of the server at all (the groups control's on_change="ignore"); the next run,
# whatever brings it, takes the new g (_follow_browser_groups). The Graph page is among them while Graphviz on the
# server lays its graphs out (answers). tests/test_app.py checks that they draw no groups part.
ANSWERED_IN_BROWSER = frozenset({"", "why", "split", "budget", "graph", "run"})
HOLD_HELP = ("What stays fixed as g changes. width: the grouped width g·d (base_width follows, so the 3×3's weights "
             "fall as 1/g); d: the channels per path (the paper's 32×4d naming: the width grows with g); cost: the "
             "block's conv weights (d solved for each g, as in the paper's Table 2)")
# The navigation's page names, by url_path ("" is the overview); app.py gives them to st.Page.
PAGE_TITLES = {"": "Overview", "graph": "Graph", "split": "Split-transform-merge", "budget": "Budget",
               "run": "Run & time", "why": "Why residuals work"}


def answers(page: str) -> bool:
    """Whether ``page`` answers a change of g in the browser (ANSWERED_IN_BROWSER): the Graph page only while
    Graphviz on the server lays its graphs out (resblocks.drawing.available), since without it the browser lays each
    graph out, in a part that a change of g reruns."""
    return page in ANSWERED_IN_BROWSER and (page != "graph" or drawing.available())


def page_titles(lang: str) -> dict[str, str]:
    """The navigation's page names in ``lang``, by url_path."""
    say = Say(lang)
    return {path: say(title) for path, title in PAGE_TITLES.items()}


def language() -> str:
    """The reader's language, read before st.navigation: the switch's value, seeded from ``?lang=``.

    The switch is not bound to the address (a bound radio writes its shown label, "Türkçe", into the link), so
    the address is read here: a ``lang`` of "en" or "tr" that this app did not write itself (a shared link, an
    address typed or stepped back to) sets the switch. Any other value is left to the notes on the link.
    """
    asked = st.query_params.get("lang")
    if asked in LANGS and asked != st.session_state.get("_lang_written"):
        st.session_state["lang"] = asked
        st.session_state["_lang_written"] = asked
    lang = st.session_state.get("lang", LANGS[0])
    return lang if lang in LANGS else LANGS[0]


def _write_language(lang: str) -> None:
    """Keep ``?lang=tr`` in the address on every run (page switches drop it); English is the default, unwritten."""
    if lang == LANGS[0]:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    st.session_state["_lang_written"] = lang


def block_label(cfg: BlockConfig, say: Say) -> str:
    """``cfg.label`` in the reader's language: "resnext 32×4d, 256→256, stride 1" (names and numbers), and its
    words, "on the 1×1" and "shortcut BN as in the notes", translated."""
    kind = cfg.block + (f" {cfg.groups}×{cfg.group_width}d" if cfg.entry.grouped else "")
    text = say("{kind}, {c_in}→{c_out}, stride {stride}", kind=kind, c_in=cfg.in_channels, c_out=cfg.out_channels,
               stride=cfg.stride)
    if cfg.stride_on != "3x3":
        text += say(" on the {where}", where=cfg.stride_on.replace("x", "×"))
    if cfg.preact_shortcut != "paper":
        text += say(", shortcut BN as in the notes")
    return text


@dataclass
class View:
    """The shared controls as read on this run."""

    cfg: BlockConfig | None  # None when the combination is invalid
    error: str | None  # the library's sentence (a resblocks.checks.Message) when cfg is None
    values: dict[str, object] = field(default_factory=dict)  # every bound key → its current value
    notes_box: object = None  # sidebar container for the notes on the link, filled by finish()
    share_box: object = None  # sidebar slot for the share link, filled by finish() and by a fragment's rerun
    top_box: object = None  # slot at the top of the page: the notes on the link again, for phones (closed sidebar)

    @property
    def lang(self) -> str:
        """The reader's language, "en" or "tr" (the sidebar's switch; the address keeps it as ?lang=tr)."""
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
        # A link within the app (st.page_link with query_params) sets the values it names; the sidebar's own
        # navigation brings none, and every value comes back.
        linked = _linked_values({key: st.query_params.get_all(key) for key in st.query_params if key in last}, last)
        for key, value in last.items():
            st.session_state[key] = linked.get(key, value)


def _linked_values(address: dict[str, list[str]], last: dict[str, object]) -> dict[str, object]:
    """The values of ``address`` that the controls can take, each of the type of its control's ``last`` value."""
    unusable, _ = links.read_address({key: values for key, values in address.items() if key in links.SHARED_KEYS})
    choices = {"hold": HOLDS, "lang": LANGS}
    out: dict[str, object] = {}
    for key, values in address.items():
        if not values or key in unusable or (key in choices and values[-1] not in choices[key]):
            continue
        value = as_int(values[-1]) if isinstance(last[key], int) else values[-1]
        if value is not None:
            out[key] = value
    return out


def sidebar(page: str) -> View:
    """Draw the shared controls (bound to the URL) and return the configuration they describe.

    ``page`` names the page being shown, so a page switch can be told from a rerun.
    """
    links.url_notes()
    _follow_browser_groups()  # before the view of the last run comes back on a page switch: it has the new g
    _restore_after_navigation(page)
    st.session_state["_page_params"] = {}
    links.start_page()
    ctx = get_script_run_ctx()
    if ctx is not None:
        st.session_state["_page_hash"] = ctx.page_script_hash  # the page the parts belong to (_other_changes)
    top_box = st.empty()  # before the page: the notes on the link are put here too (phones hide the sidebar)
    d = links.widget_defaults()
    sb = st.sidebar
    # Not bound to the address: see language(). Its options are the codes, shown by their own names.
    lang = sb.radio(Say(language())("Language"), LANGS, format_func=LANG_NAMES.__getitem__, horizontal=True,
                    key="lang", label_visibility="collapsed")
    _write_language(lang)
    say = Say(lang)
    sb.header(say("Block"))
    block = sb.selectbox(say("Block"), BLOCK_NAMES, index=BLOCK_NAMES.index(d["block"]), key="block",
                         bind="query-params", on_change=_block_changed,
                         help=say("The residual block to configure; each page shows it."))
    entry = REGISTRY[block]
    sb.caption(say(entry.title))
    c1, c2 = sb.columns(2)
    in_channels = c1.number_input("in_channels", *LIMITS["in_channels"], value=links.default_in_channels(block), step=1,
                                  key="in_channels", bind="query-params", help=say("Channels of the block's input"))
    planes = c2.number_input("planes", *LIMITS["planes"], value=d["planes"], step=1, key="planes",
                             bind="query-params",
                             help=say("The block's base channel count; a bottleneck outputs 4·planes channels, "
                                      "a basic block planes"))
    hold = sb.radio(say("As g changes, hold fixed"), HOLDS, index=HOLDS.index(d["hold"]), horizontal=True, key="hold",
                    bind="query-params", disabled=not entry.grouped, help=say(HOLD_HELP))
    # The width note, right above the groups control (drawn once the block is known): a held view outside the
    # groups controls' part, so that a change of g does not send it again.
    note_box = sb.empty()
    answered = answers(page) and _held_choices(entry, d) is not None and _valid_now(d)
    st.session_state["_answered"] = answered
    with sb:
        _groups_controls(entry, d, say, answered)
    stride = sb.radio("stride", STRIDES, index=0, horizontal=True, key="stride", bind="query-params",
                      help=say("Stride of the 3×3 conv (and of the projection shortcut)"))
    # Where the papers and the notes (or torchvision) differ; codes as options, as for the language.
    preact_shortcut = sb.radio(paper_texts.template("preact_label", lang), PREACT_SHORTCUTS, horizontal=True,
                               key="preact_shortcut", bind="query-params", disabled=not entry.preactivated,
                               help=paper_texts.template("preact_help", lang))
    stride_on = sb.radio(paper_texts.template("stride_label", lang), STRIDE_PLACES, horizontal=True,
                         key="stride_on", bind="query-params", disabled=not entry.bottleneck,
                         help=paper_texts.template("stride_help", lang))
    c3, c4 = sb.columns(2)
    size = c3.number_input(say("size (H = W)"), *LIMITS["size"], value=d["size"], step=1, key="size",
                           bind="query-params", help=say("Input height and width in pixels"))
    batch = c4.number_input("batch", *LIMITS["batch"], value=d["batch"], step=1, key="batch",
                            bind="query-params", help=say("Batch size"))
    values = {"block": block, "in_channels": in_channels, "planes": planes, "groups": st.session_state["groups"],
              "base_width": st.session_state["base_width"], "stride": stride, "size": size, "batch": batch,
              "lang": lang, "hold": hold, "preact_shortcut": preact_shortcut,
              "stride_on": stride_on}
    st.session_state["_view"] = dict(values)
    st.session_state["_page"] = page
    cfg, error = configuration(values)
    view = View(cfg=cfg, error=error, values=values, top_box=top_box)
    st.session_state["view"] = view
    with note_box:
        _width_note(view, answered)
    with sb:
        _summary(view)
    view.notes_box, view.share_box = sb.container(), sb.empty()
    return view


def fields(values: dict[str, object]) -> dict[str, object]:
    """The shared controls' ``values`` as BlockConfig's fields (a block without a grouped 3×3 takes groups=1, a
    block without pre-activation or a bottleneck the paper's shortcut and the stride on the 3×3)."""
    entry = REGISTRY[str(values["block"])]
    return {"block": str(values["block"]), "in_channels": int(values["in_channels"]), "planes": int(values["planes"]),
            "stride": int(values["stride"]), "groups": int(values["groups"]) if entry.grouped else 1,
            "base_width": int(values["base_width"]) if entry.grouped else 64, "batch": int(values["batch"]),
            "size": int(values["size"]),
            "preact_shortcut": str(values["preact_shortcut"]) if entry.preactivated else "paper",
            "stride_on": str(values["stride_on"]) if entry.bottleneck else "3x3"}


def configuration(values: dict[str, object]) -> tuple[BlockConfig | None, str | None]:
    """The block the shared controls' ``values`` describe, or None and the library's sentence (a Message)."""
    try:
        cfg = BlockConfig(**fields(values))
    except ConfigError as exc:
        return None, exc.args[0]  # the Message: pages say it in the reader's language
    return cfg, None


# A change of groups (the slider, or the Split page's explorer) reruns only the parts of the page that depend on it
# (st.rerun with fragment keys, Streamlit 1.67): the sidebar's groups controls, the summary under the controls and
# every part a page registered with links.groups_part or links.fragment(key=...); the share link follows the
# address in the browser (components/share.js). The rest of
# the page (its explanations, headings, other controls) is neither run nor sent again: a full rerun redrew every
# element of the page, and the browser's work grew with the page, not with the change.
GROUPS_PART, SUMMARY_KEY, WIDTH_NOTE_KEY = "groups_controls", "block_summary", "width_note"


@st.fragment(key=GROUPS_PART)
def _groups_controls(entry, d: dict[str, object], say: Say, answered: bool) -> None:
    """groups and base_width (a change of the block or the language reruns the whole app, so the arguments never go
    stale); ``answered``: a change of g is answered in the browser, with no run (ANSWERED_IN_BROWSER). The width
    note is drawn right above them, outside this part (_width_note): base_width in a part of its own, to put the note
    between the two, let quick presses of the slider leave a base_width from an earlier g in the address."""
    not_grouped = None if entry.grouped else say("Only the resnext block has a grouped 3×3; {block} uses groups=1.",
                                                 block=entry.name)
    label, tip = say("groups (cardinality)"), say("Number of groups g of the 3×3: the paths of split-transform-merge")
    choices = _held_choices(entry, d)
    if choices:  # one key press is one step to the next g the block takes: the server never moves it on
        st.select_slider(label, choices, value=d["groups"], key="groups", bind="query-params",
                         on_change="ignore" if answered else _groups_moved, help=tip)
    else:
        st.slider(label, *links.GROUPS_RANGE, value=d["groups"], key="groups", bind="query-params",
                  disabled=not entry.grouped, on_change=_groups_moved, help=tip)
    st.number_input(say("base_width (d at planes=64)"), *LIMITS["base_width"], value=d["base_width"], step=1,
                    key="base_width", bind="query-params", disabled=not entry.grouped, on_change=_rerun_app,
                    help=say("Channels per group = int(planes · base_width / 64)"))
    if not_grouped:
        st.caption(not_grouped)


def _width_note(view: View, answered: bool) -> None:
    """"width = g × d = 32 × 4 = 128" right above the groups control, at every g it reaches (a held view): a change
    of g shows its own in the browser. ``answered``: no run follows the change, and the note's views carry the
    base_width of each g, which the browser writes into the address and the input (held.js). For a combination that
    is not valid, the note of the controls' values where they give a width (the page says what is wrong)."""
    if not REGISTRY[str(view.values["block"])].grouped:
        return
    say = view.say

    def note(g: int, w: int) -> str:
        text = say("width = g × d = {g} × {d} = {w}", g=g, d=w // g, w=w)
        if g == w:  # the end of the slider, holding the width: one channel per path
            text += say(": depthwise, one channel per path (MobileNet, Xception)")
        return text

    if view.cfg is not None:
        drawn = held_blocks(view)
        views = at_every_g(lambda cfg: captions([note(cfg.groups, cfg.width)]), drawn)
        address = {g: {"base_width": cfg.base_width} for g, cfg in drawn.items()} if answered else None
        held_view(WIDTH_NOTE_KEY, views, view.cfg.groups, part=False, address=address,
                  committed={"base_width": int(view.values["base_width"])}, on_moved=_held_moved)
        return
    try:
        g = int(view.values["groups"])
        w = grouped_width(int(view.values["planes"]), g, int(view.values["base_width"]))
    except (ConfigError, TypeError, ValueError):
        return
    st.caption(note(g, w))


def _follow_browser_groups() -> None:
    """Take a change of g that no run answered (ANSWERED_IN_BROWSER): the browser showed the held views at the new g
    and wrote the base_width they were drawn for into the address and the sidebar's input, uncommitted. This run,
    whatever brought it (another control, a page switch), is at that block: groups and base_width as the held views
    drew it at that g. A base_width the reader committed since (typed, or stepped from the value shown) is theirs;
    one typed back to the old value cannot be told from the input left alone, and follows g."""
    last, drawn = st.session_state.get("_view"), st.session_state.get("_held_configs")
    g, base_width = st.session_state.get("groups"), st.session_state.get("base_width")
    if not st.session_state.get("_answered") or not last or not drawn or g == last.get("groups") or g not in drawn \
            or base_width is None:
        return
    if base_width == last.get("base_width"):
        _write_groups(drawn[g])
    # groups written too, as it is: a run's writes send the address of its request, and a press made since would
    # be undone in the address (and the held views) but not on the slider; so the slider goes back with them.
    st.session_state["groups"] = g
    last.update(groups=g, base_width=st.session_state["base_width"])


def _held_moved() -> None:
    """The browser answered a change of g with no run (ANSWERED_IN_BROWSER) while a run of a page that answers it
    with one was on its way (a page switch, another hold): the width note's view asks for that g (held.js)."""
    value = (st.session_state.get(WIDTH_NOTE_KEY) or {}).get("moved")
    g = value[0] if isinstance(value, list) and len(value) == 2 else None
    if isinstance(g, int) and not isinstance(g, bool):
        set_groups(g)
        # written as it is too: the request may bring g already (the press's), while the slider shows that run's g
        st.session_state["groups"] = st.session_state.get("groups")
        groups_changed()


def _valid_now(d: dict[str, object]) -> bool:
    """Whether the controls describe a valid block on this run, before those below the groups control are drawn:
    each control's value as the request brought it, or on a first run the address's, or the default."""
    address = {key: st.query_params.get_all(key) for key in d if key in st.query_params}
    values = {**d, **_linked_values(address, d), **{k: st.session_state[k] for k in d if k in st.session_state}}
    return configuration(values)[0] is not None


def _asked(key: str, d: dict[str, object]) -> object:
    """The value of the control ``key`` this run starts from before it is drawn: the control's, or on a first run
    the address's, or the default."""
    if key in st.session_state:
        return st.session_state[key]
    asked = as_int(st.query_params.get(key, ""))
    return asked if asked is not None else d[key]


def _held_choices(entry, d: dict[str, object]) -> list[int] | None:
    """Holding the width, the g the groups control can take (resblocks.split.hold_choices: the divisors of the
    width whose d is whole); None when another thing is held, the block has no grouped 3×3, the block the
    controls describe is not valid (the page says what is wrong) or the default g is not among them: then the
    plain slider stays."""
    if not entry.grouped or st.session_state.get("hold", d["hold"]) != "width":
        return None
    state = st.session_state
    try:
        cfg = BlockConfig(block=entry.name, in_channels=int(state["in_channels"]), planes=int(state["planes"]),
                          groups=_asked("groups", d), base_width=_asked("base_width", d), batch=1, size=8)
    except (ConfigError, KeyError, TypeError, ValueError):
        return None
    choices = list(ahead.held_choices(cfg))
    # A bound control leaves its default out of the address, and a link without groups means the default g: a
    # width that the default g does not divide keeps the plain slider (the server moves it on to a divisor).
    return choices if d["groups"] in choices else None


def _summary(view: View) -> None:
    """The block the controls describe, in one line, and where the papers and the notes differ on it: at every g
    the groups control reaches (a held view), so a change of g shows its own in the browser."""
    if view.cfg is None:
        return
    say = view.say

    def lines(cfg: BlockConfig) -> str:
        first = say("→ {label}; output {shape}", label=block_label(cfg, say), shape="×".join(map(str, cfg.output_shape)))
        return captions(line for line in (first, paper_texts.d_line(cfg, view.lang),
                                          paper_texts.preact_line(cfg, view.lang),
                                          paper_texts.stride_line(cfg, view.lang)) if line)

    held_view(SUMMARY_KEY, at_every_g(lines, held_blocks(view)), view.cfg.groups, part=False)


def held_configs(view: View) -> list[BlockConfig]:
    """The view's block at every g the groups control reaches holding the width (ahead.held_choices), its own among
    them; just its own when d or the cost is held or the block has no grouped 3×3 (a change of g then reruns the
    whole app); none for a combination that is not valid."""
    cfg = view.cfg
    if cfg is None:
        return []
    choices = ahead.held_choices(cfg) if view.values.get("hold") == "width" else {}
    if cfg.groups not in choices:
        return [cfg]
    return [cfg if g == cfg.groups else other for g, other in choices.items()]


def held_blocks(view: View) -> dict[int, BlockConfig]:
    """held_configs by their g: the blocks a held view is drawn at. They are kept (every held view of a run draws
    the same ones): groups_changed answers a change of g with the parts alone only where the new block is the one
    drawn at its g."""
    blocks = {cfg.groups: cfg for cfg in held_configs(view)}
    st.session_state["_held_configs"] = blocks
    return blocks


def at_every_g(draw: Callable[[BlockConfig], str], blocks: Mapping[int, BlockConfig]) -> dict[int, str]:
    """``draw(cfg)`` at every g of ``blocks`` (held_blocks, which a page takes once per run): the views of a held
    view (components/held_view.py)."""
    return {g: draw(cfg) for g, cfg in blocks.items()}


def _rerun_app() -> None:
    """base_width changes the block's width (and what every page shows): the whole app reruns."""
    if _echoed():
        return
    st.rerun()


def _other_changes(last: View) -> bool:
    """Whether this interaction brings more than g: another control moved since the last run of the whole app,
    or another page was asked for (Streamlit folds a waiting request into the slider's, and the parts alone would
    then draw the old values)."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.page_script_hash != st.session_state.get("_page_hash", ctx.page_script_hash):
        return True
    return any(key in st.session_state and st.session_state[key] != value
               for key, value in last.values.items() if key not in ("groups", "base_width"))


def groups_changed() -> None:
    """Called from a callback once groups (and base_width) are set: rerun the parts that depend on them.

    Only a change at the same width, with a valid block before and after, on a page that drew its parts (groups
    parts or held views), to the block the held views were drawn for at the new g, is answered by the parts:
    otherwise the page may show, hide or refuse anything (a sentence instead of the page, another activation size),
    and the whole app reruns. The held views (the sidebar's summary among them) are not rerun: they show the new g in the browser.
    """
    last: View | None = st.session_state.get("view")
    parts = links.groups_parts()
    # A run of the whole app that a newer request stopped registered only the parts it reached: the page is drawn
    # whole again.
    if last is None or last.cfg is None or not (parts or links.held_views()) or _other_changes(last) \
            or not st.session_state.get("_drawn_whole", True):
        st.rerun()
    values = {**last.values, "groups": st.session_state["groups"], "base_width": st.session_state["base_width"]}
    cfg, error = configuration(values)
    # A held view at the new g must have been drawn for this very block: holding the width, a link's own base_width
    # at its g (one the width takes only with another d) is drawn as it came, and a step away and back moves d.
    drawn = st.session_state.get("_held_configs")
    if cfg is None or cfg.width != last.cfg.width or cfg.out_channels != last.cfg.out_channels \
            or (drawn is not None and drawn.get(cfg.groups) != cfg):
        st.rerun()
    # The parts read the new view; the sidebar's slots and the rest of the page are the last full run's.
    st.session_state["view"] = View(cfg=cfg, error=error, values=values, notes_box=last.notes_box,
                                    share_box=last.share_box, top_box=last.top_box)
    st.session_state["_view"] = dict(values)
    st.rerun([GROUPS_PART, *parts])


def _block_changed() -> None:
    """in_channels left at the old block's default (its repeated block) moves to the new block's."""
    last = st.session_state.get("_view") or {}
    old = last.get("block")
    if old in REGISTRY and st.session_state.get("in_channels") == links.default_in_channels(old):
        st.session_state["in_channels"] = links.default_in_channels(st.session_state["block"])


def set_groups(groups: int) -> None:
    """Move the groups control to ``groups`` from the last run's block, keeping what ``hold`` names fixed.

    Called from callbacks (before the rerun): base_width follows g. Holding the width, a g the width does not take
    (not a divisor, a d that is not whole, or above the width) moves on to the next one the control reaches
    (ahead.held_choices) in the direction of the change.
    """
    last = st.session_state.get("view")
    cfg = None if last is None else last.cfg if last.cfg is not None else _drawn_only(last.values)
    if cfg is None or not cfg.entry.grouped:
        return
    if isinstance(groups, bool) or not isinstance(groups, int) or not 1 <= groups <= links.GROUPS_RANGE[1]:
        return  # only a tampered browser writes such a value: nothing changes
    hold = str(st.session_state.get("hold", HOLDS[0]))
    options = list(ahead.held_choices(cfg)) if hold == "width" else []
    if options and groups not in options:  # above the width too (the plain slider goes to 128): depthwise is the end
        above = [g for g in options if g > groups]
        below = [g for g in options if g < groups]
        groups = (above[0] if above else below[-1]) if groups > cfg.groups else (below[-1] if below else above[0])
    try:
        new = hold_config(cfg, groups, hold)
    except ConfigError:
        return  # the page shows the sentence for the combination
    _write_groups(new)


def _write_groups(cfg: BlockConfig) -> None:
    """Set the groups controls to ``cfg``'s g and base_width. Only what changed is written: every write of a bound
    control is sent to the browser, which redraws it and rewrites the address (about 7 ms a write in Chromium,
    benchmarks/ui_latency.py)."""
    values = {key: (st.session_state.get(key), value) for key, value in (("groups", cfg.groups),
                                                                         ("base_width", cfg.base_width))}
    changed = [key for key, (before, value) in values.items() if before != value]
    for key in changed:
        st.session_state[key] = values[key][1]
    if changed:
        st.session_state["_written"] = (time.monotonic(), values)


# A request the browser sent before it had drawn the server's writes carries the values those writes replaced, and
# Streamlit takes them as the reader's: under load, a part that reruns on a timer (the Why page's race) brought back
# base_width=4 after the server had written 2, and a held width became 64×4d. Such a request comes within ECHO_S of
# the write, with every value the write replaced as it was before, and is not a run of the groups controls' own part
# (where the reader changed one of them): the written values are put back.
ECHO_S = 5.0


def _groups_part_run() -> bool:
    """Whether this run is a rerun of the sidebar's groups controls alone: a change the reader made there."""
    ctx = get_script_run_ctx()
    ids = ctx.fragment_ids_this_run if ctx is not None else None
    if not ids:
        return False
    try:
        own = ctx.fragment_storage.resolve_target(GROUPS_PART)
    except StreamlitAPIException:  # the part was never drawn
        return False
    return set(ids) <= set(own)


def _echoed() -> bool:
    """Whether this run brings back the browser's values from before the server's last writes of groups and
    base_width (and if so, put the written ones back)."""
    record = st.session_state.get("_written")
    if record is None or time.monotonic() - record[0] > ECHO_S or _groups_part_run():
        return False
    values = record[1]  # key → (the value before the write, the value written); both keys, written or not
    if any(st.session_state.get(key) != before for key, (before, _) in values.items()):
        return False  # not the browser's state before the write (a key left as it was must be as it was)
    for key, (_, value) in values.items():
        st.session_state[key] = value
    return True


def _drawn_only(values: dict[str, object]) -> BlockConfig | None:
    """A block that only the activation limit refuses (the Graph page draws it on meta tensors), on its smallest
    input, where holding the width or the cost gives the same g and d: or None for any other fault."""
    try:
        cfg = drawable(fields(values))
        return cfg.replace(batch=1, size=cfg.stride)
    except (ConfigError, KeyError, TypeError, ValueError):
        return None


def _groups_moved() -> None:
    if _echoed():
        return
    set_groups(int(st.session_state["groups"]))
    groups_changed()


def page_view() -> View:
    """The view that app.py read on this run; every page starts with it."""
    return st.session_state["view"]


def invalid_sentence(view: View) -> str:
    """"This combination is not valid: …" with the library's sentence, in the reader's language."""
    say, error = view.say, view.error
    template = getattr(error, "template", None)
    reason = say(template, **error.values) if template else str(error)
    return say("This combination is not valid: {reason}.", reason=reason.rstrip("."))


def require_config(view: View) -> BlockConfig:
    """The configuration, or stop the page with the library's sentence where the result would be."""
    if view.cfg is None:
        st.error(invalid_sentence(view), icon="⚠️")
        st.stop()
    return view.cfg


def explain_key(key: str) -> str:
    """The key of the held view that shows the explanation ``key`` (controls.explain)."""
    return "text_" + key.replace(".", "_")


def explain(key: str, view: View) -> None:
    """Draw the explanation ``key`` from explorer/texts.py in the language chosen in the sidebar: a held view with one
    view, the same at every g, its HTML written from the app's own Markdown (explorer/prose.py), never a reader's."""
    held_view(explain_key(key), {ADDRESS_GROUPS: prose.html(key, view.lang)}, ADDRESS_GROUPS, fixed=True)
