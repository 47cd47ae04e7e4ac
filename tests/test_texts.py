"""The explanations in two languages: every English text has a Turkish counterpart of the same shape, every page
shows its own, and the sidebar's switch (bound to ?lang=) picks the language."""

from __future__ import annotations

import re

import pytest

from explorer import prose
from explorer.controls import explain_key
from explorer.texts import LANGS, TEXTS, text

from .test_app import has_held, held_html, run_app, share_url, sidebar_text

PAGE_KEYS = {
    "overview": ("overview.intro", "overview.residual", "overview.shortcut", "overview.preact", "overview.bottleneck",
                 "overview.resnext", "overview.intuition", "overview.choice"),
    "graph": ("graph.reading",),
    "split": ("split.cardinality",),
    "budget": ("budget.one_over_g",),
    "run": ("run.speed",),
    "why": ("why.intro", "why.gradflow", "why.shattered", "why.paths", "why.race"),
}
AFTER_TRAINING = ("why.lesion",)  # shown once a race has finished (tests/test_page_why.py)
# Terms the notes keep in English inside the Turkish text; where the English says one, the Turkish says it too.
TERMS = ("grouped conv", "cardinality", "bottleneck", "residual", "skip", "shortcut", "FLOPs", "MACs")
# How the Turkish writes a term in running text when it differs (explorer/catalog/STYLE_TR.md): a count of MACs is
# "MAC sayısı", the plural "MAC'ler"; "194 M MACs" keeps the unit.
TURKISH_FORMS = {"MACs": re.compile(r"\bmac(s|'|\b)")}
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]+\$", re.DOTALL)
CODE = re.compile(r"`[^`]+`")


def shape(md: str) -> dict[str, object]:
    """What must agree between two translations: the blocks, lists, emphasis, formulas, code and figures."""
    prose = CODE.sub(" ", MATH.sub(" ", md))
    return {
        "paragraphs": len([block for block in re.split(r"\n\s*\n", md) if block.strip()]),
        "bullets": len(re.findall(r"^[-*+] ", md, re.MULTILINE)),
        "bold": len(re.findall(r"\*\*[^*]+\*\*", md)),
        "math": sorted(m.strip() for m in MATH.findall(md)),
        "code": sorted(CODE.findall(md)),
        "numbers": sorted(re.findall(r"\d+", prose)),
    }


@pytest.mark.parametrize("key", list(TEXTS))
def test_every_text_has_both_languages(key):
    entry = TEXTS[key]
    assert tuple(entry) == LANGS
    assert all(entry[lang].strip() for lang in LANGS)
    assert entry["tr"] != entry["en"]
    assert "<" not in entry["en"] + entry["tr"]  # plain Markdown, no HTML
    assert not re.search(r"^ {4}", entry["en"] + "\n" + entry["tr"], re.MULTILINE)  # no accidental code block


@pytest.mark.parametrize("key", list(TEXTS))
def test_turkish_has_the_same_structure(key):
    assert shape(text(key, "tr")) == shape(text(key, "en"))


@pytest.mark.parametrize("key", list(TEXTS))
def test_turkish_keeps_the_technical_terms(key):
    en, tr = text(key, "en").lower(), text(key, "tr").lower()
    def kept(term: str) -> bool:
        form = TURKISH_FORMS.get(term)
        return bool(form.search(tr)) if form else term.lower() in tr

    missing = [term for term in TERMS if term.lower() in en and not kept(term)]
    assert not missing, missing


def test_unknown_language_falls_back_to_english():
    assert text("split.cardinality", "de") == TEXTS["split.cardinality"]["en"]
    assert text("split.cardinality", "") == TEXTS["split.cardinality"]["en"]


def test_every_key_belongs_to_one_page():
    assert sorted([k for keys in PAGE_KEYS.values() for k in keys] + [*AFTER_TRAINING]) == sorted(TEXTS)


def explained(at) -> dict[str, str]:
    """The explanations the page shows: key in texts.py → the HTML of its held view (controls.explain)."""
    return {key: held_html(at.main, explain_key(key)) for key in TEXTS if has_held(at.main, explain_key(key))}


@pytest.mark.parametrize("page", list(PAGE_KEYS))
@pytest.mark.parametrize("lang", ["tr", None])
def test_page_shows_the_explanation_in_the_chosen_language(page, lang):
    params = {"lang": lang} if lang else {}
    at = run_app(page=None if page == "overview" else f"views/{page}.py", **params)
    shown, other = lang or "en", "en" if lang else "tr"
    assert at.sidebar.radio(key="lang").value == shown  # kept across the page switch
    shown_texts = explained(at)
    assert set(shown_texts) == set(PAGE_KEYS[page])  # a page shows its own explanations and no other page's
    for key in PAGE_KEYS[page]:
        assert shown_texts[key] == prose.html(key, shown) != prose.html(key, other), key


def test_the_switch_changes_the_language_and_the_share_link():
    at = run_app()
    assert "lang=" not in share_url(at)  # the default is not written
    at.sidebar.radio(key="lang").set_value("tr").run()
    assert explained(at)["overview.residual"] == prose.html("overview.residual", "tr")
    assert "lang=tr" in share_url(at)
    links = at.main.get("page_link")  # the links to the graph page keep the language
    assert links and all("lang=tr" in link.proto.query_string for link in links)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert explained(at)["overview.residual"] == prose.html("overview.residual", "en")


@pytest.mark.parametrize("value", ["de", "<script>alert(1)</script>", "TR"])
def test_an_unknown_language_in_the_address_falls_back_to_english(value):
    at = run_app(lang=value)
    assert at.sidebar.radio(key="lang").value == "en"
    assert explained(at)["overview.intro"] == prose.html("overview.intro", "en")
    assert "Ignored lang=" in sidebar_text(at)


def test_turkish_reads_as_turkish():
    """The fluent reader's fixes stay fixed: the issue's own example, and word-for-word forms that crept in before."""
    assert text("run.speed", "tr").startswith("**MAC sayısı azalınca süre neden aynı oranda kısalmaz?**")
    calques = ("MACs sayısı", "Daha az MACs", "group sayısı", "conv'ta", "orantılı olarak daha hızlı")
    found = [(key, c) for key in TEXTS for c in calques if c.lower() in text(key, "tr").lower()]
    assert not found, found
