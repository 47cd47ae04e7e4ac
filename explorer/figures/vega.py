"""What every Vega-Lite chart of the app shares: the language's number format, the legend under a chart, titles a
phone can show and a chart that follows the g the page's held views show.

A chart is a spec (plain dicts, the same for every configuration of one language) and a table of plain rows (what
changes), drawn with ``st.vega_lite_chart``. Streamlit draws it with Vega (embed.*.js, about 0.8 MB), far less code
for the browser to fetch than Plotly (PlotlyChart.*.js, about 4.7 MB), and the browser redraws it from new rows
in place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from explorer.i18n import Say

Chart = tuple[list[dict], dict]  # (rows, Vega-Lite spec without data)


def legend(columns: int, **extra: object) -> dict:
    """A legend under the chart in ``columns`` columns, without a title (every name says what it is)."""
    return {"orient": "bottom", "direction": "vertical", "columns": columns, "title": None, "labelLimit": 260, **extra}


def spec(say: Say, chart: dict) -> dict:
    """``chart`` with the language's number format (a decimal comma and a dot between thousands in Turkish)."""
    return {**chart, "config": {"locale": say.vega_locale}}


def title_lines(text: str, most: int = 36) -> str | list[str]:
    """A chart title Vega can show on a phone: it never wraps a title (it cuts it with "…"), so a title longer than
    ``most`` characters is given as two lines, broken at the space nearest its middle."""
    if len(text) <= most or " " not in text:
        return text
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1:]]


SLOT = "\x00"  # where a number goes in a sentence that Vega completes (expression_text)


def expression_text(sentence: str, value: str) -> str:
    """A Vega expression that writes ``sentence`` with the expression ``value`` (a number) where SLOT stands."""
    before, _, after = sentence.partition(SLOT)
    return f"{json.dumps(before)} + toString({value}) + {json.dumps(after)}"


# The g the page's held views show, in the browser (assets/history.html keeps it in this element, held.js sets it).
HELD_G_ELEMENT = "#resblocks-g"


def held_g(chart: dict, gs: Iterable[int], name: str = "shown_g") -> dict:
    """``chart`` following the g the page's held views show, with no rerun: a parameter bound to the element that
    holds it, and a field ``name``, that g where the chart has it (one of ``gs``), else the row's ``run_g`` (the g
    of the run that drew it: before the page's held views have said, and on a page without them).

    The chart's rows are the same at every g: each layer whose transforms name the field (a mark on the g shown:
    ``{"filter": "datum.g == datum.shown_g"}``) computes it first, and only those layers change with g."""
    raw = "held_g_raw"
    shown = {"calculate": f"indexof({sorted(gs)}, toNumber({raw})) >= 0 ? toNumber({raw}) : datum.run_g", "as": name}
    params = [*chart.get("params", []), {"name": raw, "value": "", "bind": {"element": HELD_G_ELEMENT}}]
    layers = [{**layer, "transform": [shown, *layer["transform"]]} if name in json.dumps(layer.get("transform", []))
              else layer for layer in chart.get("layer", [])]
    elsewhere = {**chart, "layer": [{k: v for k, v in layer.items() if k != "transform"} for layer in layers]}
    if name in json.dumps(elsewhere):
        raise ValueError(f"{name} is computed in the layers whose transforms use it, and used elsewhere in the chart")
    return {**chart, "params": params, "layer": layers}
