"""The split-transform-merge explorer: a Streamlit component (st.components.v2, mounted in the page, no
iframe) that draws and animates the ResNeXt block in the browser from the library's geometry.

The page sends the geometry for every g the groups control reaches (resblocks.split.geometries), so
scrubbing g or the step redraws in the browser; on release the component writes ``groups`` or ``step``
back with setStateValue and the page follows. The page draws it outside the parts that a change of g reruns:
it follows the sidebar's g in the browser, from the address.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from explorer.links import widget_defaults
from explorer.texts import component_texts
from resblocks import BlockConfig
from resblocks.split import STEP_NAMES, Geometry

HERE = Path(__file__).resolve().parent
KEY = "split_explorer"
DIGITS = 5  # heights are fractions of the drawing: 1e-5 is far below a pixel
ADDRESS_GROUPS = widget_defaults()["groups"]

_component = st.components.v2.component(
    "split_explorer",
    html=(HERE / "split.html").read_text(encoding="utf-8"),
    css=(HERE / "split.css").read_text(encoding="utf-8"),
    # One module from two files: the drawing (split_draw.js), then the controls and motion (split.js).
    js="\n".join((HERE / name).read_text(encoding="utf-8") for name in ("split_draw.js", "split.js")),
)


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def _drawn(geometry: Geometry) -> dict:
    """The geometry as the component reads it: its steps come in STEP_NAMES order, so their names (codes, never
    shown) stay here."""
    data = geometry.as_dict()
    data["steps"] = [{k: v for k, v in step.items() if k != "name"} for step in data["steps"]]
    return data


def payload(cfg: BlockConfig, geometries: tuple[Geometry, ...], step: str, hold: str, lang: str,
            fixed: bool = False) -> dict:
    """What the component draws: the block's geometry at every g, the g and step to open at, and its texts.

    ``key`` changes when anything but g or the step changes, so the component starts over only then. ``fixed``:
    the page cannot move g (it shows another block as the resnext block), so a g scrubbed to is not written and
    the figure goes back to the page's g on release.
    """
    if step not in STEP_NAMES:
        raise ValueError(f"unknown step {step!r}; choose one of {', '.join(STEP_NAMES)}")
    key = f"{cfg.in_channels}/{cfg.planes}/{cfg.stride}/{cfg.size}/{hold}/{lang}/" + ",".join(
        f"{g.groups}x{g.group_width}" for g in geometries)
    return {
        "key": key,
        "groups": cfg.groups,
        "fixed": fixed,
        "address_groups": ADDRESS_GROUPS,  # g where the address has no groups (the component follows the address)
        "step": step,
        "lang": lang,
        "size": cfg.size,
        "out_size": cfg.out_size,
        "stride": cfg.stride,
        "stride_on": cfg.stride_on,  # where a bottleneck's stride sits: "3x3" or the first "1x1"
        "projection": cfg.has_projection,
        "geometries": [_rounded(_drawn(g)) for g in geometries],
        "texts": component_texts(lang),
    }


def split_explorer(data: dict, on_groups: Callable[[], None], on_step: Callable[[], None]):
    """Mount the component; ``on_groups`` and ``on_step`` run (before the rerun) when it writes g or the step."""
    return _component(key=KEY, data=data, default={"groups": None, "step": data["step"]},
                      on_groups_change=on_groups, on_step_change=on_step)


def written() -> dict:
    """The values the component last wrote: ``step``, and ``groups`` as [g, the release's time in ms]."""
    state = st.session_state.get(KEY)
    return dict(state) if state is not None else {}


def written_groups() -> int | None:
    """The g the component last wrote, or None for anything it does not write.

    It writes [g, the release's time]: the sidebar may have moved g since the component last wrote it, and a value
    equal to the last one written would call no callback, so the page would not move to g.
    """
    value = written().get("groups")
    g = value[0] if isinstance(value, list) and len(value) == 2 else None
    if isinstance(g, (int, float)) and not isinstance(g, bool) and float(g).is_integer():
        return int(g)
    return None
