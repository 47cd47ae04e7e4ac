"""Every page fed hostile addresses: no exception, a visible note, and no user text rendered as HTML."""

import pytest

from .test_app import run_app

PAGES = ["views/overview.py", "views/graph.py", "views/split.py", "views/budget.py", "views/run.py"]
LONG = "9" * 5000

HOSTILE = {
    "text": ({"groups": "abc"}, "Ignored groups='abc'"),
    "negative": ({"planes": "-64"}, "Ignored planes='-64'"),
    "zero": ({"size": "0"}, "Ignored size='0'"),
    "huge": ({"in_channels": "99999999999999999999"}, "Ignored in_channels="),
    "nan": ({"batch": "nan"}, "Ignored batch='nan'"),
    "infinity": ({"size": "inf", "groups": "-Infinity"}, "Ignored size='inf'"),
    "unknown block": ({"block": "densenet"}, "Ignored block='densenet'"),
    "path": ({"block": "../../etc/passwd"}, "Ignored block='../../etc/passwd'"),
    "script": ({"block": "<script>alert(1)</script>"}, "Ignored block='<script>alert(1)</scr"),
    "img onerror": ({"planes": '<img src=x onerror="alert(1)">'}, "Ignored planes='<img src=x onerror="),
    "markdown link": ({"block": "[click](javascript:alert(1))"}, "Ignored block='[click](javascript:alert"),
    "very long": ({"groups": LONG}, "Ignored groups='9999"),
    "repeated keys": ({"groups": ["4", "8", "abc"]}, "The address repeats groups"),
    "out of the slider's range": ({"groups": "500"}, "Ignored groups='500'"),
    "unknown key": ({"foo": "<b>bar</b>"}, "Ignored foo='<b>bar</b>': this app has no such setting"),
    "valid alone, not together": ({"block": "resnext", "planes": "8", "base_width": "4"}, None),
    "stride beyond the input": ({"stride": "4", "size": "2"}, None),
    "page keys": ({"layout": "<svg onload=alert(1)>", "metric": "x", "step": "zzz", "lang": "xx"}, "Ignored layout="),
}

RAW_MARKERS = ("<script", "<img", "onerror", "javascript:", "<svg", "<b>bar")


def rendered_html(at) -> list[str]:
    """Bodies of every element that Streamlit would render as HTML or Markdown."""
    bodies = []
    for kind in ("markdown", "caption", "latex", "title", "header", "subheader", "error", "warning", "info", "success"):
        for el in at.get(kind):
            bodies.append(str(getattr(el, "value", "") or getattr(el.proto, "body", "")))
    return bodies


def note_text(at) -> str:
    return "\n".join(t.value for t in at.sidebar.text)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_address(page, case):
    params, note = HOSTILE[case]
    at = run_app(page=page, **params)  # asserts that no exception reached the page
    if note:
        assert note in note_text(at)
    else:
        # Each value is valid alone: the page shows the validation sentence where the result would be.
        errors = "\n".join(e.value for e in at.error)
        assert "leaves 0 channels per group" in errors or "stride=4 is larger than the 2×2 input" in errors
    for body in rendered_html(at):
        assert not any(marker in body for marker in RAW_MARKERS), body[:200]
    for el in at.get("markdown"):
        if el.proto.allow_html:
            assert not any(marker in el.value for marker in RAW_MARKERS)
