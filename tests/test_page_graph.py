"""AppTest for the graph page."""

import base64
import os
import re
import shutil

import pytest

from resblocks import drawing
from resblocks.registry import BLOCK_NAMES

from .test_app import main_text, run_app

PAGE = "views/graph.py"


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
    at.radio(key="layout").set_value("TB").run()
    assert all(height(c) > width(c) for c in svgs(at))  # top to bottom


def test_exports_and_snippet():
    at = run_app(page=PAGE, block="resnext", stride="2")
    code = "\n".join(c.value for c in at.main.code)
    # Self-contained (torch only) and runnable: tests/test_snippets.py runs it and checks its parameter count.
    assert "ResNeXtBottleneck(256, 64, stride=2, groups=32, base_width=4)" in code and "resblocks" not in code
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:1] == ["DOT"] and "Layers (CSV)" in labels


def test_invalid_combination_shows_the_sentence_instead_of_a_graph():
    at = run_app(page=PAGE, block="resnext", planes="8", base_width="4")
    assert not graphs(at)
    assert "leaves 0 channels per group" in main_text(at)


def test_compared_block_that_cannot_take_the_settings_is_left_out_with_a_sentence():
    at = run_app(page=PAGE, block="basic", planes="8", compare="resnext")
    assert "The resnext block cannot take these settings" in "\n".join(w.value for w in at.warning)
    assert len(graphs(at)) == 1
