"""Hostile addresses through the real app (AppTest): no exception, a visible note, no user text rendered as
HTML. One run per distinct path through the URL layer; tests/test_links.py feeds it arbitrary text."""

import pytest

from .test_app import run_app

LONG = "9" * 5000
RAW_MARKERS = ("<script", "<img", "onerror", "javascript:", "<svg", "<b>bar")

# Shared keys: read by explorer.links.read_address before any widget, the same code on every page.
SHARED = {
    "bad numbers": (
        {"groups": "abc", "planes": "-64", "size": "²", "in_channels": "99999999999999999999", "batch": "nan"},
        ["Ignored groups='abc'", "Ignored planes='-64'", "Ignored size='²'", "Ignored in_channels=", "Ignored batch='nan'"],
    ),
    "infinities": ({"size": "inf", "groups": "-Infinity", "batch": "①"}, ["Ignored size='inf'", "Ignored batch='①'"]),
    "markup in the block": ({"block": "<script>alert(1)</script>"}, ["Ignored block='<script>alert(1)</scr"]),
    "markdown link": ({"block": "[click](javascript:alert(1))"}, ["Ignored block='[click](javascript:alert"]),
    "very long": ({"groups": LONG}, ["Ignored groups='9999"]),
    "repeated": ({"groups": ["4", "8", "16"]}, ["The address repeats groups 3 times; the last value, '16', was used."]),
    "out of the slider's range": ({"groups": "500"}, ["Ignored groups='500': it must be from 1 to 128."]),
    "unknown keys": ({"foo": "<b>bar</b>", **{f"k{i}": "1" for i in range(20)}},
                     ["Ignored foo='<b>bar</b>': this app has no such setting", "more values in the address"]),
}
# Each page's own controls, seeded by Streamlit and checked after the page has run.
PAGE_KEYS = {
    "views/graph.py": {"layout": "<svg onload=alert(1)>", "compare": ["basic", "basic", "nope"]},
    "views/split.py": {"step": "zzz", "speed": "inf"},
    "views/budget.py": {"metric": "<img src=x onerror=alert(1)>"},
    "views/run.py": {"dtype": "float128", "repeat": "1e400", "cl": "maybe", "sweep": "²"},
    "views/overview.py": {"lang": "xx"},
    "views/why.py": {"gf": "<script>", "depth": "1e400", "race": ["plain", "nope"], "rdepth": "7", "steps": "²"},
}


def rendered_html(at) -> list[str]:
    """Bodies of every element that Streamlit would render as HTML or Markdown."""
    bodies = []
    for kind in ("markdown", "caption", "latex", "title", "header", "subheader", "error", "warning", "info", "success"):
        for el in at.get(kind):
            bodies.append(str(getattr(el, "value", "") or getattr(el.proto, "body", "")))
    return bodies


def note_text(at) -> str:
    return "\n".join(t.value for t in at.sidebar.text)


def assert_nothing_raw(at) -> None:
    for body in rendered_html(at):
        assert not any(marker in body for marker in RAW_MARKERS), body[:200]


@pytest.mark.parametrize("case", SHARED, ids=list(SHARED))
def test_hostile_shared_values(case):
    params, notes = SHARED[case]
    at = run_app(**params)  # asserts that no exception reached the page
    for note in notes:
        assert note in note_text(at)
    assert_nothing_raw(at)


@pytest.mark.parametrize("page", PAGE_KEYS)
def test_hostile_page_values(page):
    params = PAGE_KEYS[page]
    at = run_app(page=page, **params)
    text = note_text(at)
    for key in params:
        assert f"Ignored {key}=" in text, (key, text)
    assert_nothing_raw(at)


@pytest.mark.parametrize("params, sentence", [
    ({"block": "resnext", "planes": "8", "base_width": "4"}, "leaves 0 channels per group"),
    ({"stride": "4", "size": "2"}, "stride=4 is larger than the 2×2 input"),
])
def test_valid_alone_not_together_shows_the_validation_sentence(params, sentence):
    at = run_app(page="views/graph.py", **params)
    assert sentence in "\n".join(e.value for e in at.error)


def test_a_hostile_address_gets_its_note_in_turkish_in_the_sidebar_and_on_the_page():
    at = run_app(size="abc", foo="<b>x</b>", lang="tr")
    notes = ["size='abc' yok sayıldı: 1 ile 1024 arasında bir tam sayı olmalı.",
             "foo='<b>x</b>' yok sayıldı: bu sayfada böyle bir ayar yok."]
    assert [t.value for t in at.sidebar.text] == notes
    assert "Bağlantıdaki bazı değerler kullanılamadı; yerlerine varsayılanlar kullanıldı:" in [
        c.value for c in at.sidebar.caption]
    # A phone shows the sidebar closed: the page the link opened shows the notes too, folded at its top.
    (top,) = [e for e in at.main.expander if e.label.startswith("Bağlantıdaki")]  # the Overview also has its glossary
    assert top.label == "Bağlantıdaki kullanılamayan değerler: 2" and [t.value for t in top.text] == notes
    assert_nothing_raw(at)
    at.switch_page("views/graph.py").run()  # only on the page the link opened; the sidebar keeps them
    assert not [e for e in at.main.expander if e.label.startswith("Bağlantıdaki")] and [t.value for t in at.sidebar.text] == notes
