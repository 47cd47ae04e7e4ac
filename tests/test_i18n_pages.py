"""Every page in Turkish: no text holds an English word of the English page (outside the technical terms the notes
keep in English), and every template asked for has Turkish. Each page is rendered in both languages and compared
(harness/i18n_check.py), in its default view and in the states that show other texts."""

import pytest

from explorer import i18n
from harness.i18n_check import PAGES, untranslated

STATES = [
    *[(page, {}) for page in PAGES],
    ("overview", {"block": "basic", "planes": "128", "stride": "2"}),
    ("overview", {"planes": "1", "base_width": "1"}),  # an invalid combination: the library's sentence
    ("overview", {"size": "abc", "groups": "0"}),  # link values that cannot be used: the notes
    ("graph", {"block": "preact", "in_channels": "64", "planes": "128", "stride": "2"}),
    ("graph", {"block": "bottleneck", "compare": ["resnext", "preact_bottleneck"]}),
    ("graph", {"layout": "LR"}),
    ("split", {"groups": "1"}),
    ("split", {"hold": "cost", "stride": "2"}),
    ("budget", {"block": "basic", "stride": "2"}),
    ("run", {"block": "bottleneck"}),
    ("why", {"depth": "16"}),
]


@pytest.mark.parametrize(("page", "params"), STATES, ids=[f"{p}-{'&'.join(f'{k}={v}' for k, v in q.items())}" for p, q in STATES])
def test_the_turkish_page_has_no_english_left(page, params):
    i18n.MISSING.clear()
    found = untranslated(page, **params)
    report = "\n".join(f"{text!r}: {', '.join(words)}" for text, words in found.items())
    assert not found, f"{len(found)} Turkish texts on {page} hold English words:\n{report}"
    assert not i18n.MISSING, f"templates with no Turkish: {sorted(i18n.MISSING)}"


def test_the_run_page_after_a_run_has_no_english_left():
    """The results (metrics, the per-layer table and its cells, the datasheets' table) in Turkish too."""
    from harness.i18n_check import english_words, page_strings, run_page

    shown = {}
    for lang in ("en", "tr"):
        at = run_page("run", lang, block="basic", size="16")
        at.button(key="go").click().run(timeout=120)
        assert at.main.metric, "the run showed no results"
        shown[lang] = page_strings(at)
    vocabulary = {w for text in shown["en"] for w in english_words(text)}
    left = {text: words for text in shown["tr"] if (words := [w for w in english_words(text) if w in vocabulary])}
    assert not left, left
