"""The texts' formulas as MathML (explorer/mathml.py): every one converts, keeps its LaTeX, and no page's explanation
holds a dollar sign that would make Streamlit fetch KaTeX (the browser test checks the requests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from explorer import mathml
from explorer.texts import LANGS, TEXTS, drawn, text


class _Math(HTMLParser):
    """The <math> elements of some HTML: each one's alttext and the tags inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []
        self.tags: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "math":
            self.alts.append(dict(attrs)["alttext"])
            self.depth += 1
        elif self.depth:
            self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag == "math":
            self.depth -= 1


def formulas(md: str) -> list[str]:
    """The LaTeX of each formula of some Markdown, its spaces made single (as mathml.mathml writes its alttext)."""
    return [" ".join(m.split()) for m in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", md, flags=re.S) for m in m if m]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", list(TEXTS))
def test_every_formula_of_the_texts_is_drawn_as_mathml_with_its_latex(key, lang):
    shown = drawn(key, lang)
    assert "$" not in shown  # Streamlit's Markdown loads KaTeX for a "$"
    parser = _Math()
    parser.feed(shown)
    assert parser.alts == formulas(text(key, lang))
    assert parser.depth == 0  # every <math> closed


def test_a_formula_is_mathml_core_that_chromium_draws():
    element = mathml.mathml(r"\frac{C_{in}}{g}", display=True)
    assert element.startswith('<math alttext="\\frac{C_{in}}{g}" xmlns="http://www.w3.org/1998/Math/MathML" '
                              'display="block">')
    assert "<mfrac>" in element and "<msub><mi>C</mi>" in element
    assert "&#x02112;" in mathml.mathml(r"\partial \mathcal{L}")  # ℒ itself: MathML Core has no mathvariant
    parser = _Math()
    parser.feed(drawn("overview.residual", "en"))
    assert {"mi", "mo"} <= set(parser.tags)


def test_a_formula_stays_on_one_line_with_the_suffix_written_against_it():
    shown = mathml.markdown("yerine $F(x)$'i öğrenir, $x$ ise")
    assert re.fullmatch(r'yerine <span style="white-space: nowrap"><math .*?</math>\'i</span> öğrenir, <math .*?</math> ise',
                        shown)


@pytest.mark.parametrize("bad, sentence", [
    ("", "a formula needs some LaTeX between its dollar signs"),
    (r"\notacommand{x}", "uses a command latex2mathml does not know"),
])
def test_a_formula_that_cannot_be_drawn_is_refused_with_a_sentence(bad, sentence):
    with pytest.raises(ValueError, match=re.escape(sentence)):
        mathml.mathml(bad)
