"""AppTest for the Overview page in Turkish and English: the notes' comparison table (§6) with Turkish numbers,
the glossary, the links to each block's graph, and no English left on the Turkish page's body."""

import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from explorer import i18n
from explorer.glossary import GLOSSARY
from harness.i18n_check import NEUTRAL_WORDS, english_words, page_strings
from tests.test_app import components, held_lines, held_text

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, g: int | None = None) -> list[list[str]]:
    """The comparison table's rows at ``g`` (the run's by default), header first, each cell in the Markdown it was
    written from (MACs keep their unit on the line: "220\u00a0M\u00a0MACs"). The table is a held view, drawn at
    every g the groups control reaches (explorer/components/held_view.py)."""
    (data,) = [d for d in components(at.main) if "<table>" in d.get("variants", {}).get(str(d.get("g")), "")]
    rows = [line for line in held_lines(data, g) if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in rows]


def test_the_table_in_turkish_uses_the_notes_wording_and_turkish_numbers():
    at = run_app(lang="tr")
    rows = table(at)
    # The notes, §6: "| Blok | Main path omurgası | Temel amaç | Kritik fark |".
    assert rows[0] == ["Blok", "Main path omurgası", "Temel amaç", "Kritik fark", "Parametreler",
                       "Çarpma-toplama (MACs)"]
    basic, preact, bottleneck, resnext, preact_bottleneck = rows[1:]
    assert basic == ["**Basic blok (ResNet-18/34)**", "3×3 → 3×3", "Basit residual öğrenme",
                     "3×3'ler doğrudan geniş kanalda", "73.984", "231\u00a0M\u00a0MACs"]
    assert bottleneck[2:] == ["Hesabı azaltıp derinleşmek", "3×3 dar (azaltılmış) kanalda", "70.400", "218\u00a0M\u00a0MACs"]
    # ResNeXt 32×4d, Table 2's repeated block: 32·(256·4 + 9·4·4 + 4·256) + 2·(128 + 128 + 256) = 71,168.
    assert resnext[0] == "**ResNeXt bloğu (grouped conv'lu bottleneck)** ← seçili"
    assert resnext[2:] == ["Aynı bütçede daha iyi kapasite",
                           "3×3 yerine grouped conv + cardinality: g grup, dense 3×3'ün ağırlıklarının 1/g'si",
                           "71.168", "220\u00a0M\u00a0MACs"]
    assert preact[3] == "Aktivasyon/BN conv'lardan önceye taşınır, toplamadan sonra ReLU yok"
    assert preact_bottleneck[0] == "**Pre-activation bottleneck (ResNet v2, 164/1001 katman)**"
    captions = [c.value for c in at.main.caption] + held_text(at.main)
    assert ("Geçerli ayarlarla parametre sayıları: in_channels=her bloğun kendi varsayılanı (64 ya da 256: aşamada "
            "tekrarlanan blok), planes=64, stride=1, girdi 56×56; ResNeXt satırı groups=32, base_width=4 kullanır."
            in captions)
    assert ("Kaynak: projenin ResNeXt blokları üzerine notları, bölüm 1, 3, 4, 6 ve 9; He ve ark. 2016; "
            "Xie ve ark. 2017." in captions)
    assert at.main.header[2].value == "Blokların karşılaştırması"


def test_the_english_table_is_unchanged():
    rows = table(run_app())
    assert rows[0] == ["Block", "Main path", "Purpose", "Key difference", "Parameters", "Multiply-adds"]
    assert rows[4] == ["**ResNeXt block (grouped-conv bottleneck)** ← current", "1×1 → grouped 3×3 → 1×1",
                       "More capacity at the same budget",
                       "The 3×3 is grouped: cardinality g, 1/g of the dense 3×3's weights", "71,168", "220\u00a0M\u00a0MACs"]


def test_turkish_numbers_follow_the_settings():
    # The basic block 64 → 128 at stride 2: 9·64·128 + 9·128·128 + 2·2·128 + the projection 64·128 + 2·128.
    rows = table(run_app(lang="tr", block="basic", planes="128", stride="2"))
    assert rows[1][0] == "**Basic blok (ResNet-18/34)** ← seçili" and rows[1][4] == "230.144"
    assert rows[1][5] == "180\u00a0M\u00a0MACs"  # at 28×28: (9·64·128 + 9·128·128 + 64·128)·784 = 179,830,784


def test_an_invalid_combination_is_said_in_turkish_and_the_rest_of_the_page_stays():
    at = run_app(lang="tr", block="resnext", planes="8", base_width="4")
    (error,) = [e.value for e in at.main.error]
    # The library's sentence in Turkish, with the fix it names (catalog/messages.py).
    assert error.startswith("Bu ayar bileşimi geçerli değil: ")
    assert at.main.expander[0].label == "Sözlük (Türkçe ↔ İngilizce)"
    assert at.main.header[-1].value == "Hangi blok ne zaman?"


def test_the_links_carry_every_setting_and_the_language():
    links = run_app(lang="tr", block="basic", planes="32", stride="2").main.get("page_link")
    assert [link.proto.label for link in links] == [
        "Basic blok (ResNet-18/34)", "Pre-activation blok (ResNet v2)", "Bottleneck (ResNet-50/101/152)",
        "ResNeXt bloğu (grouped conv'lu bottleneck)", "Pre-activation bottleneck (ResNet v2, 164/1001 katman)"]
    assert {link.proto.page for link in links} == {"graph"}
    basic, resnext = (parse_qs(links[i].proto.query_string) for i in (0, 3))
    assert basic == {"block": ["basic"], "in_channels": ["64"], "planes": ["32"], "stride": ["2"], "size": ["56"],
                     "batch": ["1"], "preact_shortcut": ["paper"], "stride_on": ["3x3"], "lang": ["tr"]}
    assert resnext["groups"] == ["32"] and resnext["base_width"] == ["4"] and resnext["in_channels"] == ["256"]
    english = run_app().main.get("page_link")
    assert "lang" not in parse_qs(english[0].proto.query_string)


def test_the_glossary_in_both_languages():
    at = run_app(lang="tr")
    glossary = at.main.get("table")[0].value
    assert list(glossary.columns) == ["Türkçesi", "İngilizcesi", "Anlamı"]
    assert glossary.index.name == "Uygulamada"
    assert glossary.loc["cardinality"].tolist() == [
        "kardinalite", "cardinality", "Grouped 3×3'teki grup sayısı g: bloktaki paralel yol sayısı"]
    assert glossary.loc["split-transform-merge", "Türkçesi"] == "böl-dönüştür-birleştir"
    english = run_app().main.get("table")[0].value
    assert run_app().main.expander[0].label == "Glossary (Türkçe ↔ English)"
    assert list(english.columns) == ["Turkish term", "English term", "Meaning"]
    assert english.loc["bottleneck", "Meaning"] == (
        "A 1×1 narrows the channels, the 3×3 runs narrow, a 1×1 widens them four-fold")


# The concepts among the terms that harness/i18n_check.py lets a Turkish page keep in English.
CONCEPTS = ("conv", "bn", "relu", "bottleneck", "cardinality", "macs", "flops", "residual", "shortcut", "projection",
            "identity", "grouped", "depthwise", "stride", "width", "split", "transform", "merge", "pre-activation",
            "dense", "skip", "batch", "concat", "reduce", "expand", "kernel", "baseline", "depth")


@pytest.mark.parametrize("concept", CONCEPTS)
def test_every_concept_kept_in_english_has_a_glossary_row(concept):
    assert all(word in NEUTRAL_WORDS for word in concept.split("-"))
    words = {w.lower() for t in GLOSSARY for w in re.findall(r"\w+", f"{t.app} {t.en}")}
    assert all(word in words for word in concept.split("-"))


def test_every_glossary_row_is_complete_and_says_its_meaning_in_each_language():
    assert len({t.app for t in GLOSSARY}) == len(GLOSSARY)
    english = {w for t in GLOSSARY for w in english_words(t.meaning_en)}
    for t in GLOSSARY:
        assert t.app and t.tr and t.en and t.meaning_en and t.meaning_tr, t
        assert t.meaning("tr") != t.meaning("en") and t.meaning("xx") == t.meaning_en, t
        # The Turkish meaning keeps in English only what a Turkish page may: the neutral terms.
        assert not set(english_words(t.meaning_tr.replace("max(0, x)", "formula"))) & english, t


def test_a_row_the_settings_cannot_give_says_why_in_turkish():
    resnext = table(run_app(lang="tr", block="basic", planes="1"))[4]
    assert resnext[4:] == ["—", "Grup başına 0 kanal kalıyor (planes=1 ve base_width=4 için ⌊1·4/64⌋ = 0); "
                                "base_width'i en az 64 yapın."]


@pytest.mark.parametrize("params", [{}, {"block": "basic", "planes": "128", "stride": "2"},
                                    {"block": "resnext", "planes": "8", "base_width": "4"},
                                    {"block": "basic", "planes": "1"}])
def test_no_english_left_on_the_turkish_page(params):
    i18n.MISSING.clear()
    en, tr = (page_strings(run_app(lang=lang, **params).main) for lang in ("en", "tr"))
    vocabulary = {w for text in en for w in english_words(text)}
    left = {text: words for text in tr if (words := sorted(set(english_words(text)) & vocabulary))}
    assert not left
    assert not i18n.MISSING
