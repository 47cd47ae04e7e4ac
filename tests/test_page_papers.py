"""The pages show the papers' forms and figures (issue 13), in English and Turkish."""

import pytest

from explorer.i18n import Say
from explorer.paper_texts import PAPER_TEXTS

from .test_app import code_boxes, held_html, main_text, metric_cells, run_app, sidebar_text


def test_every_template_has_both_languages_with_the_same_placeholders():
    import string

    for key, entry in PAPER_TEXTS.items():
        assert set(entry) == {"en", "tr"} and entry["en"] != entry["tr"], key
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in ("en", "tr")]
        assert fields[0] == fields[1], key
        assert entry["en"].count("|") == entry["tr"].count("|"), key


def test_numbers_in_each_language():
    assert Say("en").num(372_506_624) == "372,506,624" and Say("tr").num(372_506_624) == "372.506.624"
    assert Say("en").pct(0.2069) == "20.7%" and Say("tr").pct(0.2069) == "%20,7"


def test_sidebar_says_d_for_the_stage():
    at = run_app(block="resnext", in_channels="256", planes="128", stride="2")
    assert "In this stage d = 4 × planes/64 = 4 × 128/64 = **8**" in sidebar_text(at)
    at = run_app(block="resnext", planes="128", lang="tr")
    assert "Bu aşamada d = 4 × planes/64 = 4 × 128/64 = **8**" in sidebar_text(at)


def test_preact_projection_choice_with_its_parameter_difference():
    at = run_app(block="preact", in_channels="64", planes="128", stride="2")
    assert at.radio(key="preact_shortcut").value == "paper"
    assert "notes = as in the notes (1×1 conv + BN): 256 more parameters here (2 · 128)" in sidebar_text(at)
    at = run_app(block="preact", in_channels="64", planes="128", stride="2", preact_shortcut="notes")
    assert "shortcut BN as in the notes" in sidebar_text(at)
    assert run_app(block="basic").radio(key="preact_shortcut").disabled


def test_stride_choice_says_which_form_is_drawn():
    at = run_app(page="views/graph.py", block="bottleneck", in_channels="256", planes="128", stride="2",
                 stride_on="1x1")
    text = sidebar_text(at)
    assert "Drawn with the stride on the first 1×1 (He et al. 2016a)." in text
    assert "20.7% fewer MACs (295,436,288 instead of 372,506,624)" in text
    assert "ResNeXtBottleneck" not in "\n".join(code_boxes(at))
    assert "conv1x1(in_ch, width, stride=stride)" in "\n".join(code_boxes(at))
    assert run_app(block="preact").radio(key="stride_on").disabled


@pytest.mark.parametrize(("lang", "label", "phrase"), [
    (None, "Inference peak", "a real inference pass holds at most **9.19 MiB** at once"),
    ("tr", "Çıkarımda en yüksek", "aynı anda en çok **9,19 MiB** tutar"),
])
def test_budget_names_the_three_memory_figures(lang, label, phrase):
    params = {"lang": lang} if lang else {}
    at = run_app(page="views/budget.py", block="resnext", in_channels="64", **params)
    assert label in [cell[0] for cell in metric_cells(held_html(at.main, "budget_totals"))]  # held_view.metrics
    assert phrase in main_text(at)


def test_split_shows_the_papers_accuracy_beside_table_2():
    text = main_text(run_app(page="views/split.py"))
    assert "| ResNeXt-50 | 32×4d | 22.2 |" in text and "| ResNet-50 | 1×64d | 23.9 |" in text
    assert "Xie et al. 2017" in text and "Table 3" in text


@pytest.mark.parametrize("lang", [None, "tr"])
def test_overview_shows_he_et_al_results(lang):
    text = main_text(run_app(**({"lang": lang} if lang else {})))
    assert ("| 34 layers | plain | 28.54 |" if lang is None else "| 34 katman | plain | 28,54 |") in text
    assert ("| ResNet-1001 | pre-activation unit | 4.92 |" if lang is None else
            "| ResNet-1001 | pre-activation birimi | 4,92 |") in text
    if lang is None:
        assert "arXiv:1512.03385), Table 2." in text and "arXiv:1603.05027), Table 3." in text
    else:  # the title is a name and stays; "et al." and "Table" are said in Turkish
        assert "He ve ark. 2016a, Deep Residual Learning for Image Recognition (arXiv:1512.03385), Tablo 2." in text
        assert "He ve ark. 2016b, Identity Mappings in Deep Residual Networks (arXiv:1603.05027), Tablo 3." in text
