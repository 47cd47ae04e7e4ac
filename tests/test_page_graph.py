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

from .test_app import main_text, run_app

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
    assert "layout=LR&compare=resnext&compare=preact_bottleneck" in at.sidebar.code[-1].value
    at.radio(key="layout").set_value("TB").run()
    assert all(height(c) > width(c) for c in svgs(at))  # top to bottom
    assert "layout" not in at.sidebar.code[-1].value and "compare=resnext" in at.sidebar.code[-1].value


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
    code = at.main.code[-1].value
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
