"""The explanations as the HTML a page draws them in (explorer/prose.py) and their formulas as MathML
(explorer/mathml.py): every paragraph, item, emphasis, link and formula of the texts' Markdown comes out, each formula
with its LaTeX, and no dollar sign is left that would make Streamlit fetch KaTeX (the browser test checks the
requests)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from explorer import mathml, prose
from explorer.texts import LANGS, TEXTS, text
from harness.held import markdown_lines


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


def _paragraphs(md: str) -> list[str]:
    """The Markdown's paragraphs and list items, each on one line, as harness.held.markdown_lines reads them back."""
    lines = []
    for block in re.split(r"\n\s*\n", md.strip()):
        for i, part in enumerate(re.split(r"^- ", block, flags=re.M)):
            if part.strip():
                lines.append(("- " if i else "") + " ".join(part.split()))
    return lines


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", list(TEXTS))
def test_every_explanation_is_drawn_whole_with_its_formulas_as_mathml(key, lang):
    drawn = prose.html(key, lang)
    assert "$" not in drawn  # Streamlit's Markdown loads KaTeX for a "$"; this is HTML, with no Markdown left
    parser = _Math()
    parser.feed(drawn)
    assert parser.alts == formulas(text(key, lang))
    assert parser.depth == 0  # every <math> closed
    # Read back as the tests read a held view (its MathML as $LaTeX$), it is the Markdown it was written from.
    assert markdown_lines(drawn) == [re.sub(r"\$\$(.+?)\$\$", lambda m: "$" + " ".join(m[1].split()) + "$", line)
                                     for line in _paragraphs(text(key, lang))]


def test_the_html_of_each_markdown_construct():
    assert prose.to_html("A **bold** *word*, `code` and [a page](./split?groups=8).\n\n- one\n  more\n- two") == (
        '<p>A <strong>bold</strong> <em>word</em>, <code>code</code> and <a href="./split?groups=8" target="_self">'
        "a page</a>.</p><ul><li>one more</li><li>two</li></ul>")
    assert prose.to_html("Lead:\n- item") == "<p>Lead:</p><ul><li>item</li></ul>"  # a list right after its lead
    assert prose.to_html("$$\ny = x\n$$").startswith('<p class="held-display"><math alttext="y = x" ')
    assert prose.to_html("a <b> & c") == "<p>a &lt;b&gt; &amp; c</p>"  # the texts are escaped, never HTML


def test_a_formula_stays_on_one_line_with_what_is_written_against_it():
    drawn = prose.to_html("yerine $F(x)$'i öğrenir, $x$ ise **$y$** bu")
    assert re.fullmatch(r'<p>yerine <span class="held-nowrap"><math [^>]*>.*?</math>&#x27;i</span> öğrenir, '
                        r"<math [^>]*>.*?</math> ise <strong><math [^>]*>.*?</math></strong> bu</p>", drawn), drawn


def test_a_formula_is_mathml_core_that_chromium_draws():
    element = mathml.mathml(r"\frac{C_{in}}{g}", display=True)
    assert element.startswith('<math alttext="\\frac{C_{in}}{g}" xmlns="http://www.w3.org/1998/Math/MathML" '
                              'display="block">')
    assert "<mfrac>" in element and "<msub><mi>C</mi>" in element
    assert "&#x02112;" in mathml.mathml(r"\partial \mathcal{L}")  # ℒ itself: MathML Core has no mathvariant
    assert html.unescape(re.search(r'alttext="([^"]*)"', mathml.mathml("a < b"))[1]) == "a < b"


@pytest.mark.parametrize("bad, sentence", [
    ("", "a formula needs some LaTeX between its dollar signs"),
    (r"\notacommand{x}", "uses a command latex2mathml does not know"),
])
def test_a_formula_that_cannot_be_drawn_is_refused_with_a_sentence(bad, sentence):
    with pytest.raises(ValueError, match=re.escape(sentence)):
        mathml.mathml(bad)


@pytest.mark.parametrize("bad, sentence", [
    ("costs $5 a month", "a formula without its closing dollar sign"),
    ("# A heading", "not this"),
    ("1. first", "not this"),
    ("- item\n  - nested", "not this"),
    ("$$\ny = x", "a $$ formula is a block of its own, closed by $$"),
])
def test_markdown_outside_the_texts_kind_is_refused_not_shown_as_typed(bad, sentence):
    with pytest.raises(ValueError, match=re.escape(sentence)):
        prose.to_html(bad)
