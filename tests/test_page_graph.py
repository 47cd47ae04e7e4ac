"""AppTest for the graph page."""

import base64
import csv
import io
import json
import os
import re
import shutil
import subprocess

import pytest
import torch

from resblocks import BlockConfig, drawing
from resblocks.analysis import Analysis, analyze
from resblocks.registry import BLOCK_NAMES

from .test_app import code_boxes, components, groups_control, held_lines, main_text, run_app, share_url

PAGE = "views/graph.py"


def cache_free_analysis(params: dict[str, str]) -> Analysis:
    return analyze(BlockConfig(**{k: v if k == "block" else int(v) for k, v in params.items()}))


SVG_URI = "data:image/svg+xml;base64,"


def svgs(at) -> list[str]:
    """The graphs as drawn: SVG laid out on the server by Graphviz, sent as images."""
    urls = [img.url for image in at.get("image") for img in image.proto.imgs]
    assert all(url.startswith(SVG_URI) for url in urls), [url[:40] for url in urls]
    return [base64.b64decode(url[len(SVG_URI):]).decode("utf-8") for url in urls]


def dots(at) -> list[str]:
    """The graphs' DOT text, when the browser lays them out (no graphviz program on the server)."""
    return [chart.proto.spec for chart in at.get("graphviz_chart")]


HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="graphviz's dot program is not installed")


def graphs(at) -> list[str]:
    """The graphs' text as sent: SVG where the server has Graphviz, else DOT for the browser to lay out."""
    drawn, given = svgs(at), dots(at)
    assert not (drawn and given), "one way of drawing per server"
    return drawn if HAS_DOT else given


def width(svg: str) -> float:
    return float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))


def height(svg: str) -> float:
    return float(re.search(r'<svg width="[\d.]+pt" height="([\d.]+)pt"', svg).group(1))


@pytest.fixture
def no_dot_program(monkeypatch):
    """A server without Debian's graphviz package: which("dot") finds nothing."""
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "dot" else which(name, *a, **k))


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_graph_page_loads_for_every_block(block):
    at = run_app(page=PAGE, block=block)
    (graph,) = graphs(at)
    assert "main path F(x)" in graph
    assert any(m.label == "Parameters" for m in at.metric)


@needs_dot
def test_the_server_lays_the_graph_out_when_graphviz_is_installed():
    at = run_app(page=PAGE, block="resnext")
    (svg,) = svgs(at)
    assert svg.startswith("<svg") and not dots(at)
    assert at.get("image")[0].proto.imgs[0].alt == "Computation graph of the resnext 32×4d, 256→256, stride 1 block"


@needs_dot
def test_a_graphviz_failure_falls_back_to_the_browser_and_is_not_cached(tmp_path, monkeypatch):
    broken = tmp_path / "dot"  # a dot program that cannot allocate memory, first on the PATH
    broken.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    at = run_app(page=PAGE, block="resnext", groups="2", size="9")  # settings no other test draws
    (dot,) = dots(at)
    assert "3×3 conv, g=2, 8→8" in dot and not svgs(at)
    assert any("Graphviz on the server could not draw this graph (graphviz could not draw the graph (out of memory)"
               in c.value for c in at.main.caption)
    assert any("SVG and PNG export are unavailable for now" in c.value for c in at.main.caption)
    monkeypatch.undo()
    drawing.forget_failures()  # as after a minute
    at.run()
    assert len(svgs(at)) == 1 and not dots(at)  # the failure was not cached


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
    labels = [b.proto.label for b in at.get("download_button")]
    assert "DOT" in labels and "SVG" not in labels and "PNG" not in labels
    assert any("need the graphviz program" in c.value for c in at.main.caption)


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


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """What the page's download buttons hold, by their URL: recorded as the page hands each file to Streamlit."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, bytes] = {}
    get_url = MemoryMediaFileStorage.get_url

    def record(self, file_id: str) -> str:
        url = get_url(self, file_id)
        files[url] = self.get_file(file_id).content
        return url

    monkeypatch.setattr(MemoryMediaFileStorage, "get_url", record)
    return files


def download(at, files: dict[str, bytes], label: str) -> str:
    (button,) = [b for b in at.get("download_button") if b.proto.label == label]
    return files[button.proto.url].decode("utf-8")


# Every setting changes what the block is: widths, groups, d and the stride (the output's size). The grouped width
# is g · int(planes · base_width / 64) = 4 · 4 = 16.
EXPORTED = {"block": "resnext", "in_channels": "32", "planes": "32", "groups": "4", "base_width": "8", "stride": "2",
            "size": "8"}


@needs_dot
def test_dot_export_is_valid_dot_with_a_node_per_layer(downloads):
    at = run_app(page=PAGE, layout="LR", **EXPORTED)
    dot = download(at, downloads, "DOT")
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


def test_csv_export_has_a_row_per_layer_with_the_analysis_numbers(downloads):
    at = run_app(page=PAGE, **EXPORTED)
    rows = list(csv.DictReader(io.StringIO(download(at, downloads, "Layers (CSV)"))))
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
    code = code_boxes(at)[-1]
    assert "resblocks" not in code  # self-contained: torch only
    namespace: dict = {}
    exec(code, namespace)  # the snippet as a reader would paste it (it prints the shape and the count)
    block, y = namespace["block"], namespace["y"]
    shown = next(m.value for m in at.main.metric if m.label == "Parameters")
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
    metrics = {m.label: m for m in at.main.metric}
    assert {k: m.value for k, m in metrics.items() if k in ("Parametreler", "MACs", "FLOPs", "Aktivasyonlar")} == {
        "Parametreler": "71.168", "MACs": "220 M MACs", "FLOPs": "440 M FLOPs", "Aktivasyonlar": "21,4 MiB"}
    assert metrics["MACs"].proto.help == "219.971.584 çarpma-toplama (torchvision ve makale bunlara FLOPs der)"
    grouped = metrics["Grouped 3×3'ün parametreleri (g=32)"]
    assert grouped.value == "4.608" and grouped.proto.delta == "dense 3×3'ün 147.456 parametresinin 1/32 (%3,12) kadarı"
    text = main_text(at)
    assert "Kenarlardaki boyutlar N×C×H×W: batch × kanal × yükseklik × genişlik." in text
    assert "9·128·128/32 = 4.608; bu, dense 9·128·128 = 147.456 ağırlığın tam olarak **1/32 (%3,12)** kadarıdır." in text
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
        assert at.get("image")[0].proto.imgs[0].alt == "resnext 32×4d, 256→256, stride 1 bloğunun hesaplama grafı"
    assert [b.proto.label for b in at.get("download_button")][-1] == "Katmanlar (CSV)"
    layout = at.radio(key="layout")
    assert layout.label == "Yerleşim" and layout.options == ["TB", "LR"]  # bound to the address: codes stay
    chooser = at.multiselect(key="compare")
    assert chooser.label == "Karşılaştır (en çok 3 blok, aynı girdi)" and chooser.proto.placeholder == "Blok seçin"


def test_the_english_page_names_its_units_and_the_edge_key():
    at = run_app(page=PAGE, in_channels="64")
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["MACs"] == "194 M MACs" and metrics["FLOPs"] == "389 M FLOPs"  # 194,281,472 multiply-adds
    text = main_text(at)
    assert "The sizes on the edges are N×C×H×W: batch × channels × height × width." in text
    assert r"$k^2 \cdot C_{in} \cdot C_{out} / g$ weights: 9·128·128/32 = 4,608" in text  # no raw C_in next to math
    assert ("Self-contained PyTorch code (torch only) that rebuilds exactly this block and prints its parameter count, "
            "63,488 as above:") in text


def test_compare_mode_in_turkish():
    at = run_app(page=PAGE, lang="tr", block="bottleneck", in_channels="64", compare=["resnext", "preact_bottleneck"])
    text = main_text(at)
    assert "Her blok aynı girdiyi alır; ilk bloktakinden farklı olan düğümler kırmızıyla işaretlidir." in text
    assert "- 3×3 burada grouped (g=32)" in text
    assert "- 63.488 parametre (75.008 parametreye göre -%15,4); 194.281.472 MACs (231.211.008 MAC'e göre -%16,0)" in text
    assert "- BN ve ReLU conv'ların önüne geçer (pre-activation)" in text and "- toplamadan sonra ReLU yok" in text
    assert [m.value for m in at.main.metric if m.label == "MACs"] == ["231 M MACs", "194 M MACs", "231 M MACs"]
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
    assert "**100.0%**" not in main_text(at) and not [m for m in at.main.metric if "(g=1)" in m.label]


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
    assert left_out in main_text(at) and not code_boxes(at)  # no snippet whose input would not fit in memory
    params = next(m.value for m in at.main.metric if m.label in ("Parameters", "Parametreler"))
    assert params.replace(",", "").replace(".", "") == "71168"


# A change of groups at the width held (hold=width, the default; width 128: g 32 → 64 moves base_width 4 → 2) reruns
# the page's parts alone (controls.groups_changed): AppTest's tree then holds only what they drew. resnext 64×2d,
# 256 → 256: 256·128 + 9·128·128/64 + 128·256 + 2·(128 + 128 + 256) = 68,864 parameters.
def test_a_groups_change_reruns_only_the_parts_and_each_follows_g(downloads):
    at = run_app(page=PAGE, block="resnext")
    # The layers' table is a held view, drawn at every g by the full run: the browser shows the new g's.
    (layers,) = [d for d in components(at.main) if "Totals:" in d.get("variants", {}).get("64", "")]
    at_64 = "\n".join(held_lines(layers, 64))
    assert "| `conv2` | 3×3 conv, g=64, 128→128 | main | 1×128×56×56 | 2,304 |" in at_64
    assert "Totals: 68,864 params · 212,746,240 MACs" in at_64
    groups_control(at).set_value(64).run()
    assert not at.exception
    assert not at.title and not at.subheader  # the title, the explanation and the headings were not drawn again
    (graph,) = graphs(at)
    assert "3×3 conv, g=64, 128→128" in graph and "2,304 params" in graph
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["Parameters"] == "68,864" and metrics["Grouped 3×3 parameters (g=64)"] == "2,304"
    text = main_text(at)
    assert "resnext 64×2d, 256→256, stride 1 · shortcut: identity" in text
    assert "9·128·128/64 = 2,304, exactly **1/64 (1.56%)**" in text
    assert "parameter count, 68,864 as above" in text
    rows = list(csv.DictReader(io.StringIO(download(at, downloads, "Layers (CSV)"))))
    assert [(r["groups"], r["params"]) for r in rows if r["layer"] == "conv2"] == [("64", "2304")]
    assert "g=64" in download(at, downloads, "DOT")
    namespace: dict = {}
    exec(code_boxes(at)[-1], namespace)  # the snippet builds the block at the new g
    assert sum(p.numel() for p in namespace["block"].parameters()) == 68_864
    drawn = [m.value for m in at.main.markdown]
    at.run()  # a run of the whole app with the same values draws what the parts drew, and the rest
    assert at.title and graphs(at) == [graph]
    assert "groups=64&base_width=2" in share_url(at)  # the browser's link follows the address; a full run writes it
    assert set(drawn) <= {m.value for m in at.main.markdown}


@needs_dot
def test_a_groups_change_in_compare_mode_keeps_the_layout_and_the_compared_blocks():
    at = run_app(page=PAGE, block="resnext", layout="LR", compare=["bottleneck"])
    groups_control(at).set_value(64).run()
    assert not at.exception and not at.title
    charts = svgs(at)
    assert len(charts) == 2 and all(width(c) > height(c) for c in charts)  # still left to right
    assert "3×3 conv, g=64, 128→128" in charts[0] and "g=64" not in charts[1]
    assert "- the 3×3 is dense (g=1) instead of grouped (g=64)" in main_text(at)
    assert [m.value for m in at.main.metric if m.label == "Parameters"] == ["68,864", "70,400"]
    assert at.radio(key="layout").value == "LR" and at.multiselect(key="compare").value == ["bottleneck"]
    at.radio(key="layout").set_value("TB").run()  # the drawings' own rerun after the groups change: still g = 64
    charts = svgs(at)
    assert all(height(c) > width(c) for c in charts) and "3×3 conv, g=64, 128→128" in charts[0]
    assert share_url(at) == "?groups=64&base_width=2&compare=bottleneck"


def test_a_groups_change_to_1_in_turkish_says_the_3x3_is_dense():
    at = run_app(page=PAGE, lang="tr", block="resnext")
    groups_control(at).set_value(1).run()  # the width held: base_width 128
    assert not at.exception and not at.title
    (graph,) = graphs(at)
    assert "3×3 conv, 128→128" in graph and "147.456 parametre" in graph
    assert {m.label: m.value for m in at.main.metric}["Parametreler"] == "214.016"  # 32,768 + 147,456 + 32,768 + 1,024
    assert not [m for m in at.main.metric if "(g=" in m.label]
    text = main_text(at)
    assert "g = 1'de 3×3'ün tek bir grubu vardır: 147.456 ağırlığın (9·128·128) tamamını" in text
    assert "resnext 1×128d, 256→256, stride 1 · shortcut: identity · makale: Xie ve ark. 2017 (CVPR)" in text
    assert "(yukarıdaki gibi 214.016)" in text
    at.run()  # the browser's link and the layers' table (a held view) follow the address; a full run draws them
    assert "| `conv2` | 3×3 conv, 128→128 | main | 1×128×56×56 | 147.456 |" in main_text(at)
    assert share_url(at) == "?groups=1&base_width=128&lang=tr"


def test_a_groups_change_on_a_block_above_the_activation_limit_reruns_the_whole_page():
    """Only this page draws such a block (page_config): the sidebar has no valid block, so the whole app reruns."""
    at = run_app(page=PAGE, block="resnext", batch="256", size="1024")
    groups_control(at).set_value(64).run()
    assert not at.exception and at.title and at.info
    assert at.sidebar.number_input(key="base_width").value == 2  # the width held, as for any block
    assert "3×3 conv, g=64, 128→128" in graphs(at)[0]
    assert "The PyTorch code is left out" in main_text(at) and not code_boxes(at)


def test_a_part_draws_its_own_language_after_another_session_ran_the_page_in_another():
    """The memo computes with the newest run's definition of dot_for: a Turkish session's run must not put Turkish
    words into an English session's graph when that session's part reruns alone."""
    english = run_app(page=PAGE, block="resnext", size="13")  # settings no other test draws
    run_app(page=PAGE, lang="tr", block="basic")
    groups_control(english).set_value(64).run()
    assert not english.title  # the part's own rerun
    (graph,) = graphs(english)
    assert "2,304 params" in graph and "parametre" not in graph and "girdi" not in graph


@pytest.mark.ahead
@pytest.mark.parametrize("params", [{}, {"layout": "LR", "compare": ["bottleneck", "basic"]}])
def test_the_other_values_of_g_are_drawn_ahead(params):
    """explorer.ahead: after the drawings' run, every other g of the width has its graphs laid out and its analysis
    made, so a change of g finds them cached."""
    from explorer import ahead, memo

    def misses() -> dict[str, int]:
        return {m.name: m.misses for m in memo.report() if m.name.startswith("graph.") or m.name == "cache.analysis"}

    at = run_app(page=PAGE, block="resnext", size="19", **params)  # a size no other test draws
    ahead.wait()
    before = misses()
    groups_control(at).set_value(64).run()
    assert not at.exception and not at.title
    assert "3×3 conv, g=64, 128→128" in graphs(at)[0]
    assert misses() == before
