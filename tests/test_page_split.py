"""AppTest for the split-transform-merge page (the component's JavaScript runs only in the browser tests)."""

from __future__ import annotations

import html
import json
import re

import pytest

from harness.held import DrawnChart, markdown_lines
from resblocks import split
from tests.test_app import chart, components, groups_control, held_lines, main_text, run_app, share_url, sidebar_text

PAGE = "views/split.py"
MAX_PAYLOAD = 96 * 1024


def _component(at) -> dict:
    """The data the page sent to the split-transform-merge component."""
    (data,) = [d for d in components(at.main) if "geometries" in d]
    return data


def _geometry(data: dict, groups: int) -> dict:
    return next(g for g in data["geometries"] if g["groups"] == groups)


def _sweep(at, g: int | None = None) -> DrawnChart:
    """The 1/g chart as the page drew it at ``g`` (the run's by default): a held view, an SVG drawn on the server."""
    return chart(at, "split_sweep_chart", g)


def _point(drawn: DrawnChart, g: int, series: int) -> dict:
    """The tooltip's lines of the point of ``series`` (0: the grouped 3×3, 1: the whole block) at ``g``."""
    rows = drawn.rows
    (row,) = rows[(rows.g == str(g)) & (rows.series == str(series))].to_dict("records")
    return row


def views(at) -> list[dict]:
    """The page's components but its explanations (controls.explain: held views with one view, at every g)."""
    return [d for d in components(at.main) if not d.get("fixed")]


def _held(at, needle: str) -> dict:
    """The held view (explorer/components/held_view.py) whose views hold ``needle``."""
    (data,) = [d for d in views(at) if any(needle in v for v in d.get("variants", {}).values())]
    return data


def _view(at, needle: str, g: int | None = None) -> str:
    """The HTML a held view shows at ``g`` (its run's by default)."""
    data = _held(at, needle)
    return data["variants"][str(data["g"] if g is None else g)]


def _forms(at, g: int | None = None) -> str:
    """The three forms' view: the formula, the drawings and the sentence."""
    return _view(at, "<math", g)


def _check(at, g: int | None = None) -> str:
    """The check's view: its button, its result or why it does not run."""
    return _view(at, "held-check", g)


def _metrics(at, g: int | None = None) -> dict[str, str]:
    """The check's figures (label → value) at ``g``, as held_view.metrics wrote them."""
    found = re.findall(r'<p class="held-metric-label">(.*?)</p><p class="held-metric-value">(.*?)</p>', _check(at, g))
    return {html.unescape(label): html.unescape(value) for label, value in found}


def _alerts(at, kind: str, g: int | None = None) -> list[str]:
    """The lines of the check's boxes of ``kind`` (success, info, warning) at ``g``."""
    boxes = re.findall(rf'<div class="held-alert held-{kind}"[^>]*>(.*?)</div>', _check(at, g), flags=re.S)
    return [line for box in boxes for line in markdown_lines(box)]


def _button(at, g: int | None = None) -> str | None:
    """The check's button label at ``g``, or None where it has none."""
    found = re.search(r'<button type="button" class="held-button" data-ask="check">(.*?)</button>', _check(at, g))
    return html.unescape(found[1]) if found else None


def _ask_check(at, g: int | None = None) -> None:
    """Press the check's button (held.js sends the g shown; views/split._check_asked keeps it) and run."""
    at.session_state["_check_asked"] = _held(at, "held-check")["g"] if g is None else g
    at.run()


def _drawings(at, g: int | None = None) -> int:
    return _forms(at, g).count("<svg")


def test_the_default_is_the_repeated_block_of_table_2():
    at = run_app(page=PAGE)
    data = _component(at)
    assert (data["groups"], data["step"], data["projection"]) == (32, "input", False)  # y = x + F(x)
    assert not data["fixed"]  # the component writes g back
    geo = _geometry(data, 32)
    assert (geo["in_channels"], geo["width"], geo["out_channels"]) == (256, 128, 256)  # a 1×1 that really reduces
    assert geo["params"] == 71_168  # 70,144 conv weights (the paper's C·(256·d + 9·d² + d·256)) + 1,024 BN
    # Holding the width by default: every divisor of 128, up to depthwise, with the 3×3 at exactly 1/g.
    assert [g["groups"] for g in data["geometries"]] == [1, 2, 4, 8, 16, 32, 64, 128]
    assert all(g["conv_params"] * g["groups"] == 9 * 128 * 128 for g in data["geometries"])
    assert _geometry(data, 128)["depthwise"]
    assert at.segmented_control(key="position").value == "repeated"
    assert "width = g × d = 32 × 4 = 128" in sidebar_text(at)
    # The page loads no chart library: the 1/g curve is SVG drawn on the server, a held view starred at every g.
    assert not at.main.get("plotly_chart") and not at.main.get("vega_lite_chart")
    drawn = _sweep(at)
    assert drawn.ring == 32 and (_point(drawn, 32, 0)["value"], _point(drawn, 32, 1)["value"]) == (4_608, 71_168)
    assert _sweep(at, 64).ring == 64 and _sweep(at, 1).ring == 1


def test_the_first_block_of_a_stage_has_a_projection():
    at = run_app(page=PAGE)
    at.segmented_control(key="position").set_value("first").run()
    assert at.sidebar.number_input(key="in_channels").value == 64
    data = _component(at)
    assert data["projection"] and _geometry(data, 32)["in_channels"] == 64
    at.segmented_control(key="position").set_value("repeated").run()
    assert at.sidebar.number_input(key="in_channels").value == 256 and not _component(at)["projection"]


@pytest.mark.parametrize("hold,base_width,width", [("width", 16, 128), ("d", 4, 32), ("cost", 14, 112)])
def test_the_groups_control_keeps_what_hold_names_fixed(hold, base_width, width):
    at = run_app(page=PAGE, hold=hold)
    groups_control(at).set_value(8).run()
    assert at.sidebar.number_input(key="base_width").value == base_width
    at.run()  # the width note, a held view, and the share link follow the address in the browser; a full run draws them
    assert f"width = g × d = 8 × {base_width} = {width}" in sidebar_text(at)
    link = share_url(at)
    assert "groups=8" in link and (f"hold={hold}" in link) == (hold != "width")


def test_holding_the_width_the_control_steps_through_the_divisors():
    """One step of the control is the next g the width takes: 32 → 64, never a g the server would move on."""
    at = run_app(page=PAGE)
    control = groups_control(at)
    assert type(control).__name__ == "SelectSlider"
    assert control.options == ["1", "2", "4", "8", "16", "32", "64", "128"]
    control.set_value(64).run()
    assert groups_control(at).value == 64
    assert at.sidebar.number_input(key="base_width").value == 2
    groups_control(at).set_value(32).run()
    assert groups_control(at).value == 32 and at.sidebar.number_input(key="base_width").value == 4


def test_at_a_width_the_default_g_does_not_divide_the_server_moves_a_g_on():
    """Width 12 (4 × 3): the default g = 32 is not one of its divisors, and a link leaves the default g out, so the
    plain slider stays and a g that does not divide the width moves on to the next divisor."""
    at = run_app(page=PAGE, groups="4", base_width="3")
    assert type(groups_control(at)).__name__ == "Slider"
    groups_control(at).set_value(5).run()  # up from 4
    assert groups_control(at).value == 6 and at.sidebar.number_input(key="base_width").value == 2
    groups_control(at).set_value(5).run()  # down from 6
    assert groups_control(at).value == 4


@pytest.mark.parametrize("lang,words", [("en", "depthwise, one channel per path (MobileNet, Xception)"),
                                        ("tr", "depthwise, her yolda bir kanal (MobileNet, Xception)")])
def test_the_end_of_the_groups_control_is_named_depthwise(lang, words):
    at = run_app(page=PAGE, lang=lang)
    assert "depthwise" not in sidebar_text(at)
    groups_control(at).set_value(128).run()
    at.run()  # the width note is a held view: the browser shows it at 128, a full run draws it there
    assert f"width = g × d = 128 × 1 = 128: {words}" in sidebar_text(at)


def test_a_new_width_keeps_g_and_stops_the_control_at_128(monkeypatch):
    """base_width 2 → 4 at g = 64 doubles the width to 256: g stays, and the control offers the divisors up to 128
    (a link takes no more: links.CONTROL_LIMITS), not depthwise at 256."""
    from explorer import controls

    # AppTest reruns the whole app for a change inside a part, where 4 within ECHO_S of the server's write of 2 reads
    # as the browser's request from before that write (controls._echoed); the browser reruns the part alone.
    monkeypatch.setattr(controls, "ECHO_S", 0.0)
    at = run_app(page=PAGE)
    groups_control(at).set_value(64).run()
    at.sidebar.number_input(key="base_width").set_value(4).run()
    control = groups_control(at)
    assert control.value == 64 and control.options == ["1", "2", "4", "8", "16", "32", "64", "128"]
    assert "width = g × d = 64 × 4 = 256" in sidebar_text(at)
    assert [g["groups"] for g in _component(at)["geometries"]] == [1, 2, 4, 8, 16, 32, 64, 128]  # the explorer too


@pytest.mark.parametrize("params,asked,g,base_width", [
    ({"groups": "4", "base_width": "3"}, 20, 12, 1),  # above the width 12: depthwise is the end
    ({"groups": "33"}, 100, 66, 2),  # width 132: its divisors above 128 are out of the control's reach
])
def test_the_plain_slider_past_the_width_stops_at_the_last_g_it_takes(params, asked, g, base_width):
    at = run_app(page=PAGE, **params)
    groups_control(at).set_value(asked).run()
    assert not at.exception
    assert groups_control(at).value == g and at.sidebar.number_input(key="base_width").value == base_width


def test_a_whole_run_that_brings_back_the_values_a_write_replaced_is_undone():
    """controls._echoed: a request the browser sent before it had the server's base_width (the Why page's race reruns
    a part on a timer) carries the old value; within ECHO_S of the write it is put back, so the held width stays."""
    at = run_app(page=PAGE)
    groups_control(at).set_value(64).run()
    at.sidebar.number_input(key="base_width").set_value(4).run()  # the value before the write, as that request has it
    assert groups_control(at).value == 64 and at.sidebar.number_input(key="base_width").value == 2
    at.run()
    assert "width = g × d = 64 × 2 = 128" in sidebar_text(at)


def test_holding_d_the_control_takes_every_g():
    at = run_app(page=PAGE, hold="d")
    assert type(groups_control(at)).__name__ == "Slider"
    groups_control(at).set_value(33).run()
    assert groups_control(at).value == 33 and at.sidebar.number_input(key="base_width").value == 4


def test_holding_the_cost_walks_table_2():
    at = run_app(page=PAGE, hold="cost")
    data = _component(at)
    assert {g["groups"]: g["group_width"] for g in data["geometries"] if g["groups"] in (1, 2, 4, 8, 32)} == {
        1: 64, 2: 40, 4: 24, 8: 14, 32: 4}


def test_step_comes_from_the_link_and_goes_into_the_share_link():
    at = run_app(page=PAGE, step="merge")
    assert _component(at)["step"] == "merge"
    assert "step=merge" in share_url(at)


def test_a_bad_step_falls_back_with_a_note():
    at = run_app(page=PAGE, step="sideways")
    assert _component(at)["step"] == "input"
    assert "Ignored step='sideways'" in sidebar_text(at)


def test_the_texts_follow_the_language():
    en = _component(run_app(page=PAGE))["texts"]
    at = run_app(page=PAGE, lang="tr")
    tr = _component(at)["texts"]
    assert at.segmented_control(key="position").label == "Bloğun kendi aşamasındaki yeri"
    assert "Kenar çubuğundaki seçime göre grouped width (g·d) sabit tutulur" in main_text(at)
    assert en.keys() == tr.keys()
    assert en["play"] == "Play" and tr["play"] == "Oynat"
    assert tr["more_paths"] == "⋯ × {n} yol daha"


def test_the_three_forms_run_on_request():
    at = run_app(page=PAGE, groups="8", base_width="16", size="8")
    assert "max |(a) − (c)|" not in _metrics(at) and _button(at)  # nothing runs before the figures
    _ask_check(at)
    metrics = _metrics(at)
    assert float(metrics["max |(a) − (c)|"]) < 1e-4 and float(metrics["max |(b) − (c)|"]) < 1e-4
    assert "compute the same function" in "\n".join(_alerts(at, "success"))
    assert _button(at) is None and _button(at, 16)  # checked at 8 only: another g still shows its button


def test_the_largest_setting_stays_light():
    at = run_app(page=PAGE, block="resnext", in_channels="4096", planes="2048", groups="128", base_width="2",
                 size="8")
    assert len(json.dumps(_component(at)).encode()) < MAX_PAYLOAD
    # 139 M parameters: the block and one form beside it would not fit, so the check says what to lower.
    info = "\n".join(_alerts(at, "info"))
    assert "The check would hold about 1.38 GiB of tensors" in info and "above the limit of 512 MiB; lower planes" in info


@pytest.mark.parametrize("block,shown", [("bottleneck", "resnext 1×64d"), ("basic", "resnext 32×4d")])
def test_other_blocks_are_shown_as_the_resnext_block(block, shown):
    at = run_app(page=PAGE, block=block)
    assert shown in "\n".join(i.value for i in at.info)
    assert len(_component(at)["geometries"][0]["steps"]) == len(split.STEP_NAMES)
    assert _component(at)["fixed"]  # the page cannot move g: the component goes back to it on release
    # The held views are the sidebar's block's, at its one g; the check and the star are the drawn block's.
    g = 1 if block == "basic" else _held(at, "held-check")["g"]
    assert set(_held(at, "held-check")["variants"]) == {str(g)}
    _ask_check(at)  # the button sends the g its view is shown at: the sidebar's block's
    assert _metrics(at) and [c.block for c in at.session_state["_checks"]] == ["resnext"]
    assert _sweep(at).ring == (32 if block == "basic" else 1)  # the star stays at the drawn block's g


def _table_2(at, g: int | None = None) -> list[str]:
    """Table 2's lines at ``g`` (the run's by default), header first, as Markdown table rows: the table is a held view
    (explorer/components/held_view.py), drawn at every g the groups control reaches."""
    (data,) = [d for d in views(at) if "cardinality C" in d.get("variants", {}).get(str(d.get("g")), "")]
    return [line for line in held_lines(data, g) if line.startswith("| ")]


def _caption(at, g: int | None = None) -> str:
    """Table 2's caption: what the current block is."""
    (data,) = [d for d in views(at) if "cardinality C" in d.get("variants", {}).get(str(d.get("g")), "")]
    return next(line for line in held_lines(data, g) if line.startswith(("The current block is", "Şu anki blok")))


def test_table_2_of_the_paper_with_the_nearest_row_in_bold():
    at = run_app(page=PAGE, block="resnext", groups="8", base_width="14", planes="64")
    table = "\n".join(_table_2(at))
    rows = [[c.strip().strip("*") for c in line.strip("|").split("|")] for line in table.splitlines()[1:]]
    # The paper's Table 2 (C = 1, 2, 4, 8, 32 → d = 64, 40, 24, 14, 4) solved by the library, beside the paper's d.
    assert [(r[0], r[1], r[3]) for r in rows] == [("1", "64", "64"), ("2", "40", "40"), ("4", "24", "24"),
                                                  ("8", "14", "14"), ("32", "4", "4")]
    bold = [line for line in table.splitlines()[1:] if "**" in line]
    assert len(bold) == 1 and bold[0].startswith("| **8** | **14** |") and "◀ nearest" in bold[0]
    assert "1/g" in main_text(at)


def test_the_stride_and_where_it_sits_reach_the_component():
    data = _component(run_app(page=PAGE, stride="2", stride_on="1x1"))
    assert (data["stride"], data["stride_on"], data["size"], data["out_size"]) == (2, "1x1", 56, 28)
    assert data["projection"]  # stride 2: the shortcut must project


# In Turkish ------------------------------------------------------------------------------------------


def test_the_three_forms_are_drawn_with_the_sum_written_out():
    at = run_app(page=PAGE)
    assert _drawings(at) == 3  # Fig. 3 (a), (b), (c), side by side
    assert 'alttext="F(x) = \\sum_{i=1}^{32} T_i(x), ~~~ y = x + F(x)"' in _forms(at)  # MathML: no KaTeX to fetch
    assert "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mn>32</mn></munderover>" in _forms(at)
    assert "<mn>64</mn></munderover>" in _forms(at, 64) and _drawings(at, 1) == 1  # every g the control reaches
    assert not at.main.get("image") and not at.latex
    assert ("All three have **70,144** conv weights in F(x): the same weights, arranged three ways."
            in main_text(at))
    tr = run_app(page=PAGE, lang="tr")
    assert "Üç biçimde de F(x) içinde **70.144** conv ağırlığı var: aynı ağırlıklar, üç ayrı düzende." in main_text(tr)
    assert "(b)'deki 32 yolun 3×3'leri de (c)'deki grouped 3×3'ün 32 grubudur." in main_text(tr)
    assert tr.main.header[1].value == "Üç biçim, tek fonksiyon"


def test_at_g_1_the_page_says_the_forms_are_one_dense_3x3():
    at = run_app(page=PAGE, lang="tr", groups="1", base_width="128", size="8")
    assert _drawings(at) == 1  # one bottleneck stands for the three forms
    assert ("g = 1'de tek bir yol vardır; bu yüzden üç biçim de aynı bottleneck'tir: iki 1×1 arasında sıradan, dense "
            "bir 3×3 ve F(x) içinde 212.992 conv ağırlığı.") in main_text(at)
    _ask_check(at)
    assert _alerts(at, "success") == [
        "Farklar yalnızca float32 yuvarlama hatası. g = 1'de bölünecek bir şey yok: üç biçim de iki 1×1 arasındaki aynı "
        "dense 3×3'tür."]
    en = run_app(page=PAGE, groups="1", base_width="128", size="8")
    _ask_check(en)
    (success,) = _alerts(en, "success")
    assert "instead of 1" not in success and "the same dense 3×3" in success


def test_the_three_forms_run_on_request_in_turkish():
    at = run_app(page=PAGE, lang="tr", groups="8", base_width="16", size="8")
    assert _button(at) == (
        "Üç biçimi çalıştır (84.992 parametre: bloğun yaklaşık 664\u00a0KiB ağırlığı ve her seferinde tek bir biçim)")
    assert "Kontrol yalnızca istendiğinde çalışır; böylece yukarıdaki şekilleri hiç bekletmez." in main_text(at)
    _ask_check(at)
    metrics = _metrics(at)
    assert set(metrics) == {"en büyük |(a) − (c)|", "en büyük |(b) − (c)|", "en büyük |çıktı|"}
    assert "," in metrics["en büyük |çıktı|"] and "." not in metrics["en büyük |çıktı|"]  # decimal comma
    assert float(metrics["en büyük |(a) − (c)|"].replace(",", ".")) < 1e-4
    assert _alerts(at, "success") == [
        "Farklar yalnızca float32 yuvarlama hatası: split-transform-merge ile grouped convolution aynı fonksiyonu "
        "hesaplar; grouped convolution, 8 yolun tek tek yaptığını tek bir işlemde yapar."]
    assert "Girdi 2×256×8×8 → çıktı 2×256×8×8: eşitlik çözünürlüğe bağlı olmadığından küçük bir girdi yeter." in (
        main_text(at))


def test_the_refused_check_says_why_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="resnext", in_channels="4096", planes="2048", groups="128",
                 base_width="2", size="8")
    assert _alerts(at, "info") == [
        "Kontrolün tensörleri yaklaşık 1,38 GiB bellek tutardı (her biçim bloğun yanında çalışırken bloğun 530 MiB "
        "ağırlığının iki kopyası); bu, 512 MiB sınırının üstünde. planes ya da in_channels değerini düşürün (kendi "
        "makinenizde çalıştırıyorsanız RESBLOCKS_MEMORY_LIMIT_MB değerini yükseltin)."]


def test_table_2_and_the_1_over_g_curve_in_turkish():
    at = run_app(page=PAGE, lang="tr")
    table = "\n".join(_table_2(at))
    assert table.splitlines()[0] == ("| cardinality C | yol başına genişlik d | grouped width C·d | makale: d | "
                                     "makale: C·d | conv ağırlığı | bütçeye oranı (%) |  |")  # the note column has no heading
    assert "| **32** | **4** | **128** | **4** | **128** | **70.144** | **100,74** | **◀ bu ayarlara en yakın** |" in table
    text = main_text(at)
    assert ("3×3'ün ağırlıkları 1/g ile azalır, g = 1 iken 147.456, g = 128 iken (depthwise) 1.152 olur. 1×1 conv'lar "
            "küçülmez; bu yüzden bloğun tamamı çok daha az küçülür: 214.016 → 67.712 (g = 1'dekinin %32 kadarı).") in text
    assert "ResNet-50 bottleneck'inin 69.632 conv ağırlığına yakın tutar" in text
    drawn = _sweep(at)
    assert "grup sayısı g (cardinality), grouped width sabit" in drawn.texts and "150k" in drawn.texts
    block32 = _point(drawn, 32, 1)
    assert (block32["tip:kısım"], block32["tip:d"], block32["tip:miktar"], block32["tip:÷ g = 1"]) == (
        "bloğun tamamı", "4", "71.168 parametre", "%33,25")
    assert drawn.alt == "Grouped width sabitken g büyüdükçe parametre sayısı" and drawn.rings[32] == ["şu anki g = 32"]


def test_another_block_is_explained_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="bottleneck")
    assert [i.value for i in at.info] == [
        "bottleneck bloğunda grouped 3×3 yok; bu yüzden sayfa aynı kanal sayıları, stride ve boyutla resnext bloğunu "
        "gösteriyor: resnext 1×64d, 256→256, stride 1. Grup sayısını değiştirmek için kenar çubuğunda resnext'i seçin."]


def test_the_english_page_is_unchanged_in_english():
    at = run_app(page=PAGE)
    assert [h.value for h in at.main.header] == ["Watch the channels split and merge", "Three forms, one function",
                                            "Cardinality or width, at the same budget"]
    text = main_text(at)
    assert "from 147,456 at g = 1 to 1,152 at g = 128 (depthwise)" in text and "(32% of it)" in text
    assert _point(_sweep(at), 32, 1)["tip:amount"] == "71,168 parameters"


def test_the_components_turkish_holds_no_english_words():
    """The component's texts travel as data (the page check does not read them): each Turkish text holds no word
    of the English texts outside the terms the notes keep in English."""
    import re

    from explorer.texts import component_texts
    from harness.i18n_check import english_words

    en, tr = component_texts("en"), component_texts("tr")
    plain = lambda text: re.sub(r"\{\w+\}", " ", text)  # noqa: E731 - the fields the JavaScript fills in
    vocabulary = {w for text in en.values() for w in english_words(plain(text))}
    assert {k: w for k in en if (w := [w for w in english_words(plain(tr[k])) if w in vocabulary])} == {}
    assert tr["map_note_one"] == "g = 1 sıradan, dense bir 3×3'tür: her çıkış kanalı her giriş kanalını okur."
    assert "C_out" not in en["map_note"] and "C_in" not in en["map_note"]  # no raw underscores beside the maths


def test_the_accuracy_caption_cites_in_turkish():
    from resblocks import papers

    assert papers.get_table("residual").table == 'Sec. 5.1, the table under "Residual connections"'
    en = main_text(run_app(page=PAGE))
    assert 'ResNeXt-50 26.1% (Sec. 5.1, the table under "Residual connections").' in en
    tr = main_text(run_app(page=PAGE, lang="tr"))
    assert ("Xie ve ark. 2017, Aggregated Residual Transformations for Deep Neural Networks (arXiv:1611.05431), "
            "Tablo 3.") in tr
    assert ("Shortcut olmadan ResNet-50'nin hatası %31,2, ResNeXt-50'ninki %26,1 olur (Bölüm 5.1'de shortcut'lı ve "
            "shortcut'sız ağları karşılaştıran tablo).") in tr


# A change of g at the same width is answered in the browser ------------------------------------------------------


def test_a_groups_change_is_answered_in_the_browser():
    """Holding the width, every view of g on the page is held (controls.ANSWERED_IN_BROWSER): the groups control
    reruns nothing, the forms, the check and Table 2 are drawn at every g it reaches, the 1/g chart's star follows
    the g shown (held.js); the next run, whatever brings it, is at the new g."""
    at = run_app(page=PAGE)
    assert groups_control(at).proto.ignore_rerun
    assert at.session_state["_groups_parts"] == []
    # Table 2 is a held view: the full run drew it at every g, the row nearest 64 in bold.
    assert _caption(at, 64).startswith("The current block is 64×2d") and "the template would use d = 2" in _caption(at, 64)
    bold = [line for line in _table_2(at, 64) if "**" in line]
    assert len(bold) == 1 and bold[0].startswith("| **32** |")  # the nearest cardinality to 64
    forms64 = "\n".join(markdown_lines(_forms(at, 64)))
    assert "All three have **67,840** conv weights in F(x)" in forms64  # 256·128 + 9·128·2 + 128·256
    assert "the 64 paths' 3×3s in (b)" in forms64
    assert _button(at, 64).startswith("Run the three forms (68,864 parameters")
    groups_control(at).set_value(64).run()  # the next run (AppTest runs the whole app)
    assert not at.exception
    assert at.title and _component(at)["groups"] == 64
    assert "width = g × d = 64 × 2 = 128" in sidebar_text(at)
    assert "<mn>64</mn></munderover>" in _forms(at)
    assert _sweep(at).ring == 64


def test_after_a_groups_change_g_1_is_drawn_as_one_bottleneck_in_turkish():
    at = run_app(page=PAGE, lang="tr", size="8")
    assert _drawings(at, 1) == 1  # one drawing stands for the three forms
    assert "g = 1'de tek bir yol vardır" in "\n".join(markdown_lines(_forms(at, 1)))
    groups_control(at).set_value(1).run()
    assert _caption(at).startswith("Şu anki blok 1×128d; kalın satır")


def test_each_session_keeps_its_own_language_at_every_g():
    """The memos compute with the newest run's definitions: each session's views at every g speak its own."""
    english = run_app(page=PAGE)
    turkish = run_app(page=PAGE, lang="tr")
    assert _caption(english, 64).startswith("The current block is 64×2d")  # Table 2, a held view, at every g
    assert _caption(turkish, 64).startswith("Şu anki blok 64×2d")
    assert "All three have **67,840** conv weights" in "\n".join(markdown_lines(_forms(english, 64)))
    assert "Üç biçimde de F(x) içinde **67.840** conv ağırlığı var" in "\n".join(markdown_lines(_forms(turkish, 64)))
    assert _point(_sweep(turkish, 64), 64, 1)["tip:miktar"] == "68.864 parametre"
    assert _point(_sweep(english, 64), 64, 1)["tip:amount"] == "68,864 parameters"


def test_a_checked_block_keeps_its_result_at_its_g():
    at = run_app(page=PAGE, size="8")
    _ask_check(at)
    assert "max |(a) − (c)|" in _metrics(at) and _button(at) is None
    assert "max |(a) − (c)|" not in _metrics(at, 64) and _button(at, 64)  # not checked at 64: its button
    groups_control(at).set_value(64).run()
    assert "max |(a) − (c)|" not in _metrics(at) and _button(at)
    assert "max |(a) − (c)|" in _metrics(at, 32)  # checked at 32 in this session: its result, no button
    assert "the 32 paths do one by one" in "\n".join(_alerts(at, "success", 32))


def test_an_ask_for_another_g_than_the_run_s_checks_nothing():
    """The button sends the g it was shown at; a run at another g (a base_width typed since) does not check it, and
    its view is sent anew all the same (Streamlit calls the component's script only for new data): the button the
    browser disabled on the press is drawn again, enabled."""
    at = run_app(page=PAGE, size="8")
    first = _held(at, "held-check")["run"]
    _ask_check(at, 64)
    assert _button(at) and _button(at, 64) and not at.session_state["_checks"]
    assert _held(at, "held-check")["run"] != first
