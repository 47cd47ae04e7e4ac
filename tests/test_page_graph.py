"""AppTest for the graph page."""

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess

import pytest
import torch

from harness.held import expanded
from resblocks import BlockConfig, drawing
from resblocks.analysis import Analysis, analyze
from resblocks.registry import BLOCK_NAMES

from .test_app import (
    components,
    groups_control,
    held_data,
    held_downloads,
    held_html,
    held_lines,
    held_metrics,
    main_text,
    page_elements,
    run_app,
    share_url,
)

PAGE = "views/graph.py"
# The page's held views (explorer/components/held_view.py): everything on it that depends on g.
HELD = ("graph_drawing", "graph_one_over_g", "graph_layers", "graph_export")


def cache_free_analysis(params: dict[str, str]) -> Analysis:
    return analyze(BlockConfig(**{k: v if k == "block" else int(v) for k, v in params.items()}))


def svgs(at, g: int | None = None) -> list[str]:
    """The graphs as drawn at ``g`` (the run's by default): SVG laid out on the server by Graphviz, inline in the
    drawings' held view."""
    found = [d for d in components(at.main) if d.get("variants") and "held-graph" in "".join(d["variants"].values())]
    if not found:
        return []
    (data,) = found
    return re.findall(r"<svg\b.*?</svg>", expanded(data, data["g"] if g is None else g), flags=re.S)


def dots(at) -> list[str]:
    """The graphs' DOT text, when the browser lays them out (no graphviz program on the server)."""
    return [chart.proto.spec for chart in at.get("graphviz_chart")]


HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="graphviz's dot program is not installed")


def graphs(at, g: int | None = None) -> list[str]:
    """The graphs' text as sent: SVG where the server has Graphviz, else DOT for the browser to lay out."""
    drawn, given = svgs(at, g), dots(at)
    assert not (drawn and given), "one way of drawing per server"
    return drawn if HAS_DOT else given


def alts(at) -> list[str]:
    """What each drawn graph says it shows (its figure's aria-label)."""
    return [html.unescape(a) for a in re.findall(r'<figure role="img" aria-label="([^"]*)"',
                                                  held_html(at.main, "graph_drawing"))]


def metrics(at, g: int | None = None) -> dict[str, tuple[str, str, str]]:
    """The page's figures at ``g``, label → (value, hover text, the line under the value)."""
    return {label: (value, tip, delta) for label, value, tip, delta in held_metrics(at.main, g)}


def values(at, label: str, g: int | None = None) -> list[str]:
    """The values of every figure labelled ``label`` (compared blocks each have theirs)."""
    return [value for shown, value, _, _ in held_metrics(at.main, g) if shown == label]


def download(at, label: str, g: int | None = None) -> str:
    return held_downloads(at.main, g)[label][1]


def snippet(at, g: int | None = None) -> str | None:
    """The PyTorch code the page shows at ``g``, or None where it is left out."""
    code = re.findall(r'<pre class="held-pre">(.*?)</pre>', held_html(at.main, "graph_export", g), flags=re.S)
    return html.unescape(code[0]) if code else None


def width(svg: str) -> float:
    return float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))


def height(svg: str) -> float:
    return float(re.search(r'<svg width="[\d.]+pt" height="([\d.]+)pt"', svg).group(1))


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_graph_page_loads_for_every_block(block):
    at = run_app(page=PAGE, block=block)
    (graph,) = graphs(at)
    assert "main path F(x)" in graph
    assert "Parameters" in metrics(at)


@needs_dot
def test_the_server_lays_the_graph_out_when_graphviz_is_installed():
    at = run_app(page=PAGE, block="resnext")
    (svg,) = svgs(at)
    assert svg.startswith("<svg") and not dots(at)
    assert alts(at) == ["Computation graph of the resnext 32×4d, 256→256, stride 1 block"]
    assert at.session_state["_groups_parts"] == [] and groups_control(at).proto.ignore_rerun  # answered in the browser


@needs_dot
def test_a_graphviz_failure_falls_back_to_the_browser_and_is_not_cached(tmp_path, monkeypatch):
    broken = tmp_path / "dot"  # a dot program that cannot allocate memory, first on the PATH
    broken.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    at = run_app(page=PAGE, block="resnext", groups="2", size="9")  # settings no other test draws
    (dot,) = dots(at)  # the run that failed reran the app, which let the browser lay the graph out
    assert "3×3 conv, g=2, 8→8" in dot and not svgs(at)
    assert any("Graphviz on the server could not draw this graph (graphviz could not draw the graph (out of memory)"
               in c.value for c in at.main.caption)
    assert "SVG and PNG export are unavailable for now: graphviz could not draw the graph (out of memory)" in main_text(at)
    assert at.session_state["_groups_parts"] == ["graph_drawings"]  # a change of g reruns the drawings
    assert not groups_control(at).proto.ignore_rerun
    monkeypatch.undo()
    drawing.forget_failures()  # as after a minute
    at.run()
    assert len(svgs(at)) == 1 and not dots(at)  # the failure was not cached
    assert at.session_state["_groups_parts"] == []


def test_grouped_conv_and_one_over_g():
    at = run_app(page=PAGE, block="resnext", groups="8")
    (graph,) = graphs(at)
    assert "3×3 conv, g=8, 32→32" in graph and "1,152 params" in graph
    assert "exactly **1/8 (12.50%)**" in main_text(at)


def test_shared_controls_change_the_graph():
    at = run_app(page=PAGE, block="basic")
    assert "shortcut:" not in graphs(at)[0]  # identity: no shortcut cluster
    at.sidebar.radio(key="stride").set_value(2).run()
    assert "shortcut: 1×1 projection, stride 2" in graphs(at)[0]


def test_without_the_graphviz_program_the_browser_lays_the_graph_out(no_dot_program):
    at = run_app(page=PAGE, block="resnext", groups="8", stride="2")
    (dot,) = dots(at)
    assert not svgs(at)
    assert dot.startswith("digraph") and "3×3 conv, g=8, 32→32, stride 2" in dot
    assert 'label="shortcut: 1×1 projection, stride 2"' in dot
    assert "digraph" in download(at, "DOT") and "data-export" not in held_html(at.main, "graph_drawing")
    assert "SVG and PNG export need the graphviz program on the server (Debian package graphviz)." in main_text(at)
    # The browser lays the graph out in a part of the page that a change of g reruns: not answered in the browser.
    assert at.session_state["_groups_parts"] == ["graph_drawings"] and not groups_control(at).proto.ignore_rerun
    groups_control(at).set_value(16).run()  # the width held: 16×8d
    assert not at.title and "3×3 conv, g=16, 32→32, stride 2" in dots(at)[0]  # the part's own rerun


@needs_dot
def test_layout_switch_and_compare_mode():
    at = run_app(page=PAGE, block="bottleneck", layout="LR", compare=["resnext", "preact_bottleneck"])
    charts = svgs(at)
    assert len(charts) == 3 and all(width(c) > height(c) for c in charts)  # left to right
    text = main_text(at)
    assert "the 3×3 is grouped (g=32)" in text
    assert "#ffc9c9" not in charts[0] and 'fill="#ffc9c9"' in charts[1]  # the changed nodes are highlighted
    assert "layout=LR&compare=resnext&compare=preact_bottleneck" in share_url(at)
    at.radio(key="layout").set_value("TB").run()
    assert all(height(c) > width(c) for c in svgs(at))  # top to bottom
    assert "layout" not in share_url(at) and "compare=resnext" in share_url(at)


@needs_dot
def test_every_graph_is_drawn_at_one_scale_of_graphviz_size():
    at = run_app(page=PAGE, block="resnext", layout="LR", compare=["basic"])
    from resblocks.compare import compare
    from resblocks.graph import block_graph, to_dot

    cfg = BlockConfig(in_channels=256)  # the app's default block: 256 → 256
    comparisons = compare([cfg, cfg.replace(block="basic")])
    owns = drawing.render_all([to_dot(block_graph(c.config), rankdir="LR", highlight=c.highlight) for c in comparisons],
                              "svg")  # one Graphviz run for a comparison, as the page does
    for svg, own in zip(svgs(at), (o.decode() for o in owns), strict=True):
        assert width(svg) == pytest.approx(0.85 * width(own), abs=0.051)
        assert height(svg) == pytest.approx(0.85 * height(own), abs=0.051)
        assert re.search(r'viewBox="[^"]*"', svg).group() == re.search(r'viewBox="[^"]*"', own).group()


# Every setting changes what the block is: widths, groups, d and the stride (the output's size). The grouped width
# is g · int(planes · base_width / 64) = 4 · 4 = 16.
EXPORTED = {"block": "resnext", "in_channels": "32", "planes": "32", "groups": "4", "base_width": "8", "stride": "2",
            "size": "8"}


@needs_dot
def test_dot_export_is_valid_dot_with_a_node_per_layer():
    at = run_app(page=PAGE, layout="LR", **EXPORTED)
    assert held_downloads(at.main)["DOT"][0] == "resnext_4x4d.dot"
    dot = download(at, "DOT")
    done = subprocess.run(["dot", "-Tjson0"], input=dot.encode("utf-8"), capture_output=True, check=True)
    parsed = json.loads(done.stdout)
    assert parsed["rankdir"] == "LR"  # the layout shown
    labels = [o["label"].split("\\n") for o in parsed["objects"] if not o["name"].startswith("cluster_")]
    layers = cache_free_analysis(EXPORTED).layers
    assert len(labels) == len(layers) + 2  # and the input and the output
    for layer in layers:
        matches = [label for label in labels if label[0] == layer.description]
        assert matches, (layer.name, layer.description)
        if layer.params:
            assert any(f"{layer.params:,} params" in label for label in matches), layer.name
    assert len(parsed["edges"]) == len(layers) + 2  # a chain of 12 edges, the shortcut's branch and its merge


def test_csv_export_has_a_row_per_layer_with_the_analysis_numbers():
    at = run_app(page=PAGE, **EXPORTED)
    assert held_downloads(at.main)["Layers (CSV)"][0] == "resnext_4x4d_layers.csv"
    rows = list(csv.DictReader(io.StringIO(download(at, "Layers (CSV)"))))
    a = cache_free_analysis(EXPORTED)
    assert list(rows[0]) == ["layer", "op", "path", "kernel", "stride", "groups", "in_channels", "out_channels",
                             "output_shape", "params", "MACs", "FLOPs", "activation_bytes", "weight_bytes"]
    assert [r["layer"] for r in rows] == [layer.name for layer in a.layers]
    for row, layer in zip(rows, a.layers, strict=True):
        assert row["op"] == layer.description and row["path"] == layer.path
        assert [int(row[k]) for k in ("params", "MACs", "FLOPs", "activation_bytes", "weight_bytes")] == [
            layer.params, layer.macs, layer.flops, layer.activation_bytes, layer.weight_bytes]
        assert int(row["FLOPs"]) == 2 * int(row["MACs"])
    conv2 = rows[[r["layer"] for r in rows].index("conv2")]
    assert (conv2["kernel"], conv2["stride"], conv2["groups"], conv2["out_channels"]) == ("3", "2", "4", "16")
    assert sum(int(r["params"]) for r in rows) == a.params


def test_snippet_builds_the_block_the_page_describes():
    at = run_app(page=PAGE, **EXPORTED)
    code = snippet(at)
    assert "resblocks" not in code  # self-contained: torch only
    namespace: dict = {}
    exec(code, namespace)  # the snippet as a reader would paste it (it prints the shape and the count)
    block, y = namespace["block"], namespace["y"]
    shown = metrics(at)["Parameters"][0]
    assert sum(p.numel() for p in block.parameters()) == int(shown.replace(",", "")) == (
        32 * 16 + 9 * 16 * 16 // 4 + 16 * 128 + 32 * 128  # conv1, the grouped 3×3, conv3, the projection
        + 2 * (16 + 16 + 128 + 128))  # BN's weight and bias
    assert tuple(y.shape) == (1, 128, 4, 4)  # the page's input 1×32×8×8, stride 2, 4 · planes channels out
    assert block(torch.zeros(2, 32, 8, 8)).shape == (2, 128, 4, 4)


def test_invalid_combination_shows_the_sentence_instead_of_a_graph():
    at = run_app(page=PAGE, block="resnext", planes="8", base_width="4")
    assert not graphs(at)
    assert "leaves 0 channels per group" in main_text(at)


def test_compared_block_that_cannot_take_the_settings_is_left_out_with_a_sentence():
    at = run_app(page=PAGE, block="basic", planes="8", compare="resnext")
    assert "The resnext block cannot take these settings" in "\n".join(w.value for w in at.warning)
    assert len(graphs(at)) == 1


# The page in Turkish: every number the Turkish way (dot between thousands, decimal comma, "%3,12"), the drawn graph's
# words too. The default block is Table 2's repeated one, resnext 32×4d, 256 → 256.
def test_the_page_in_turkish():
    at = run_app(page=PAGE, lang="tr")
    assert at.title[0].value == "Hesaplama grafı"
    shown = metrics(at)
    assert {k: m[0] for k, m in shown.items() if k in ("Parametreler", "MACs", "FLOPs", "Aktivasyonlar")} == {
        "Parametreler": "71.168", "MACs": "220 M MACs", "FLOPs": "440 M FLOPs", "Aktivasyonlar": "21,4 MiB"}
    assert shown["MACs"][1] == "219.971.584 çarpma-toplama (torchvision ve makale bunlara FLOPs der)"
    value, _, delta = shown["Grouped 3×3'ün parametreleri (g=32)"]
    assert value == "4.608" and delta == "dense 3×3'ün 147.456 parametresinin 1/32 (%3,12) kadarı"
    text = main_text(at)
    assert "Kenarlardaki boyutlar N×C×H×W: batch × kanal × yükseklik × genişlik." in text
    assert ("g gruplu bir k×k conv'un $k2\u2009Cin\u2009Cout/g$ ağırlığı vardır: 9·128·128/32 = 4.608; bu, dense 9·128·128 = "
            "147.456 ağırlığın tam olarak **1/32 (%3,12)** kadarıdır.") in text
    assert "**ResNeXt bloğu (grouped conv'lu bottleneck)**" in text
    assert "resnext 32×4d, 256→256, stride 1 · shortcut: identity · makale: Xie ve ark. 2017 (CVPR)" in text
    assert "| katman | işlem | hat | çıktı şekli | parametre | MACs | FLOPs | aktivasyon (bayt) |" in text
    assert "| `conv1` | 1×1 conv, 256→128 | main | 1×128×56×56 | 32.768 | 102.760.448 | 205.520.896 | 1.605.632 |" in text
    assert ("Toplam: 71.168 parametre · 219.971.584 MACs · 439.943.168 FLOPs (= 2 × MACs) · ağırlıklar 278 KiB · "
            "aktivasyonlar 21,4 MiB (float32).") in text
    assert ("Bu bloğu aynen yeniden kuran ve parametre sayısını (yukarıdaki gibi 71.168) yazdıran, tek başına çalışan "
            "PyTorch kodu (yalnızca torch):") in text
    (graph,) = graphs(at)
    assert "4.608 parametre" in graph and "girdi" in graph and "çıktı" in graph and "params" not in graph
    if HAS_DOT:
        assert alts(at) == ["resnext 32×4d, 256→256, stride 1 bloğunun hesaplama grafı"]
    assert list(held_downloads(at.main)) == ["DOT", "Katmanlar (CSV)"]
    assert "Kopyala" in held_lines(held_data(at.main, "graph_export"))  # the code's copy button
    layout = at.radio(key="layout")
    assert layout.label == "Yerleşim" and layout.options == ["TB", "LR"]  # bound to the address: codes stay
    chooser = at.multiselect(key="compare")
    assert chooser.label == "Karşılaştır (en çok 3 blok, aynı girdi)" and chooser.proto.placeholder == "Blok seçin"


def test_the_english_page_names_its_units_and_the_edge_key():
    at = run_app(page=PAGE, in_channels="64")
    shown = metrics(at)
    assert shown["MACs"][0] == "194 M MACs" and shown["FLOPs"][0] == "389 M FLOPs"  # 194,281,472 multiply-adds
    text = main_text(at)
    assert "The sizes on the edges are N×C×H×W: batch × channels × height × width." in text
    # k²·C_in·C_out/g set in HTML (the test's reading drops its tags): no raw C_in next to the maths
    assert "A k×k conv with g groups has $k2\u2009Cin\u2009Cout/g$ weights: 9·128·128/32 = 4,608" in text
    assert "<i>C</i><sub>in</sub>" in held_html(at.main, "graph_one_over_g")
    assert ("Self-contained PyTorch code (torch only) that rebuilds exactly this block and prints its parameter count, "
            "63,488 as above:") in text


def test_compare_mode_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="bottleneck", in_channels="64", compare=["resnext", "preact_bottleneck"])
    text = main_text(at)
    assert "Her blok aynı girdiyi alır; ilk bloktakinden farklı olan düğümler kırmızıyla işaretlidir." in text
    assert "- 3×3 burada grouped (g=32)" in text
    assert "- 63.488 parametre (75.008 parametreye göre -%15,4); 194.281.472 MACs (231.211.008 MAC'e göre -%16,0)" in text
    assert "- BN ve ReLU conv'ların önüne geçer (pre-activation)" in text and "- toplamadan sonra ReLU yok" in text
    assert values(at, "MACs") == ["231 M MACs", "194 M MACs", "231 M MACs"]
    assert "### resnext" in text and "### preact_bottleneck" in text
    assert len(graphs(at)) == 3 and all("parametre" in g for g in graphs(at))


def test_a_compared_block_left_out_is_said_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="basic", planes="8", compare="resnext")
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("resnext bloğu bu ayarlarla kurulamıyor, bu yüzden dışarıda bırakıldı: ")


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "At g = 1 the 3×3 has a single group: it is a dense 3×3 with all 147,456 of its weights (9·128·128), and "
           "nothing shrinks. Raise groups to split it into g paths."),
    ("tr", "g = 1'de 3×3'ün tek bir grubu vardır: 147.456 ağırlığın (9·128·128) tamamını taşıyan bir dense 3×3'tür ve "
           "hiçbir şey küçülmez. Onu g yola bölmek için grup sayısını artırın."),
])
def test_at_g_1_the_page_says_plainly_that_the_3x3_is_dense(lang, sentence):
    at = run_app(page=PAGE, lang=lang, block="resnext", groups="1", base_width="128")
    assert sentence in main_text(at)
    assert "**100.0%**" not in main_text(at) and not [label for label in metrics(at) if "(g=1)" in label]


@pytest.mark.parametrize(("lang", "note", "left_out"), [
    ("en", "The other pages refuse this block: its largest activation would hold 68,719,476,736 values (256 GiB in "
           "float32), more than the 268,435,456 they allow",
     "The PyTorch code is left out: its input alone would take 256 GiB of memory."),
    ("tr", "Diğer sayfalar bu bloğu reddeder: en büyük aktivasyonu 68.719.476.736 değer (256 GiB, float32) tutardı",
     "PyTorch kodu gösterilmiyor: yalnızca girdisi bellekte 256 GiB yer tutardı."),
])
def test_a_block_above_the_activation_limit_is_still_drawn_from_its_shapes(lang, note, left_out):
    # 256 · 256 channels · 1,024² = 68,719,476,736 values: every page that makes tensors refuses it; this one needs
    # only meta tensors.
    at = run_app(page=PAGE, lang=lang, batch="256", size="1024")
    assert not at.error
    assert [i.value for i in at.info if i.value.startswith(note)]
    (graph,) = graphs(at)
    assert "256×256×1024×1024" in graph
    assert left_out in main_text(at) and snippet(at) is None  # no snippet whose input would not fit in memory
    params = next(v[0] for label, v in metrics(at).items() if label in ("Parameters", "Parametreler"))
    assert params.replace(",", "").replace(".", "") == "71168"


# A change of groups at the width held (hold=width, the default; width 128: g 32 → 64 moves base_width 4 → 2) is
# answered in the browser: every held view was drawn at 64 by the run at 32. resnext 64×2d, 256 → 256:
# 256·128 + 9·128·128/64 + 128·256 + 2·(128 + 128 + 256) = 68,864 parameters.
@needs_dot
@pytest.mark.parametrize("params", [{}, {"lang": "tr"}, {"layout": "LR", "compare": ["bottleneck", "basic"]}])
def test_a_groups_change_is_answered_in_the_browser(params):
    """Each held view at 64 is what a run at 64 draws, and nothing else on the page depends on g: so the groups
    control reruns nothing (controls.ANSWERED_IN_BROWSER), and the next run is at the new g."""
    at = run_app(page=PAGE, block="resnext", **params)
    at64 = run_app(page=PAGE, block="resnext", groups="64", base_width="2", **params)
    assert groups_control(at).proto.ignore_rerun and at.session_state["_groups_parts"] == []
    for key in HELD:
        data = held_data(at.main, key)
        assert sorted(map(int, data["variants"])) == [1, 2, 4, 8, 16, 32, 64, 128], key
        assert held_html(at.main, key, 64) == held_html(at64.main, key), key
    assert page_elements(at.main) == page_elements(at64.main)
    groups_control(at).set_value(64).run()
    assert not at.exception and at.title
    assert held_data(at.main, "graph_drawing")["g"] == 64


def test_every_held_view_follows_g():
    at = run_app(page=PAGE, block="resnext")
    if HAS_DOT:
        (graph,) = svgs(at, 64)
        assert "3×3 conv, g=64, 128→128" in graph and "2,304 params" in graph
    shown = metrics(at, 64)
    assert shown["Parameters"][0] == "68,864" and shown["Grouped 3×3 parameters (g=64)"][0] == "2,304"
    text = "\n".join(line for key in HELD for line in held_lines(held_data(at.main, key), 64))
    assert "resnext 64×2d, 256→256, stride 1 · shortcut: identity" in text
    assert "9·128·128/64 = 2,304, exactly **1/64 (1.56%)**" in text
    assert "| `conv2` | 3×3 conv, g=64, 128→128 | main | 1×128×56×56 | 2,304 |" in text
    assert "Totals: 68,864 params · 212,746,240 MACs" in text
    assert "parameter count, 68,864 as above" in text
    rows = list(csv.DictReader(io.StringIO(download(at, "Layers (CSV)", 64))))
    assert [(r["groups"], r["params"]) for r in rows if r["layer"] == "conv2"] == [("64", "2304")]
    assert held_downloads(at.main, 64)["DOT"][0] == "resnext_64x2d.dot" and "g=64" in download(at, "DOT", 64)
    namespace: dict = {}
    exec(snippet(at, 64), namespace)  # the snippet builds the block at the new g
    assert sum(p.numel() for p in namespace["block"].parameters()) == 68_864
    groups_control(at).set_value(64).run()
    assert "groups=64&base_width=2" in share_url(at)


@needs_dot
def test_compare_mode_at_another_g_keeps_the_layout_and_the_compared_blocks():
    at = run_app(page=PAGE, block="resnext", layout="LR", compare=["bottleneck"])
    charts = svgs(at, 64)
    assert len(charts) == 2 and all(width(c) > height(c) for c in charts)  # left to right
    assert "3×3 conv, g=64, 128→128" in charts[0] and "g=64" not in charts[1]
    assert "- the 3×3 is dense (g=1) instead of grouped (g=64)" in held_lines(held_data(at.main, "graph_drawing"), 64)
    assert values(at, "Parameters", 64) == ["68,864", "70,400"]
    at.radio(key="layout").set_value("TB").run()  # every g again, top to bottom
    charts = svgs(at, 64)
    assert all(height(c) > width(c) for c in charts) and "3×3 conv, g=64, 128→128" in charts[0]
    assert share_url(at) == "?compare=bottleneck"


def test_g_1_in_turkish_says_the_3x3_is_dense():
    at = run_app(page=PAGE, lang="tr", block="resnext")
    text = "\n".join(line for key in HELD for line in held_lines(held_data(at.main, key), 1))
    if HAS_DOT:
        (graph,) = svgs(at, 1)
        assert "3×3 conv, 128→128" in graph and "147.456 parametre" in graph
    assert metrics(at, 1)["Parametreler"][0] == "214.016"  # 32,768 + 147,456 + 32,768 + 1,024
    assert not [label for label in metrics(at, 1) if "(g=" in label]
    assert "g = 1'de 3×3'ün tek bir grubu vardır: 147.456 ağırlığın (9·128·128) tamamını" in text
    assert "resnext 1×128d, 256→256, stride 1 · shortcut: identity · makale: Xie ve ark. 2017 (CVPR)" in text
    assert "(yukarıdaki gibi 214.016)" in text
    assert "| `conv2` | 3×3 conv, 128→128 | main | 1×128×56×56 | 147.456 |" in text


def test_a_groups_change_on_a_block_above_the_activation_limit_reruns_the_whole_page():
    """Only this page draws such a block (page_config): the sidebar has no valid block, so the whole app reruns, and
    the held views hold its own g alone."""
    at = run_app(page=PAGE, block="resnext", batch="256", size="1024")
    assert not groups_control(at).proto.ignore_rerun and list(held_data(at.main, "graph_layers")["variants"]) == ["32"]
    groups_control(at).set_value(64).run()
    assert not at.exception and at.title and at.info
    assert at.sidebar.number_input(key="base_width").value == 2  # the width held, as for any block
    assert "3×3 conv, g=64, 128→128" in graphs(at)[0]
    assert "The PyTorch code is left out" in main_text(at) and snippet(at) is None


def test_each_session_draws_its_own_language_at_every_g():
    """The memo computes with the newest run's definition of dot_for: a Turkish session's run must not put Turkish
    words into an English session's graphs."""
    english = run_app(page=PAGE, block="resnext", size="13")  # settings no other test draws
    run_app(page=PAGE, lang="tr", block="resnext", size="13")
    english.radio(key="layout").set_value("LR").run()  # after the Turkish session's run
    for g in (1, 64):
        (graph,) = graphs(english, g)
        assert "params" in graph and "parametre" not in graph and "girdi" not in graph


@needs_dot
def test_a_drawing_the_views_show_alike_is_sent_once():
    """Compared blocks that g does not change are drawn alike at every g: each is sent once, in a slot of every
    view (held_view._shared), and every view reads whole once its slots are filled."""
    at = run_app(page=PAGE, block="resnext", compare=["bottleneck", "basic"])
    data = held_data(at.main, "graph_drawing")
    assert len(data["parts"]) >= 2
    for g in map(int, data["variants"]):
        assert data["variants"][str(g)].count('<i data-part="') >= 2
        charts = svgs(at, g)
        assert len(charts) == 3 and f"g={g}, 128→128" in charts[0].replace("3×3 conv, 128→128", "g=1, 128→128")
    # Three blocks at eight g: the resnext block's eight drawings and the other two's once each, about 10 of 24.
    sent = sum(map(len, data["variants"].values())) + sum(map(len, data["parts"]))
    assert sent < 0.6 * sum(len(expanded(data, g)) for g in data["variants"])
