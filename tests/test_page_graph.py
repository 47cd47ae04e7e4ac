"""AppTest for the graph page."""

import pytest

from resblocks.registry import BLOCK_NAMES

from .test_app import main_text, run_app

PAGE = "pages/graph.py"


def dots(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("graphviz_chart")]


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_graph_page_loads_for_every_block(block):
    at = run_app(page=PAGE, block=block)
    (dot,) = dots(at)
    assert dot.startswith("digraph") and "main path F(x)" in dot
    assert any(m.label == "Parameters" for m in at.metric)


def test_grouped_conv_and_one_over_g():
    at = run_app(page=PAGE, block="resnext", groups="8")
    (dot,) = dots(at)
    assert "3×3 conv, g=8, 32→32" in dot
    assert "exactly **1/8 (12.50%)**" in main_text(at)


def test_shared_controls_change_the_graph():
    at = run_app(page=PAGE, block="basic")
    assert 'label="shortcut' not in dots(at)[0]  # identity: no shortcut cluster
    at.sidebar.radio(key="stride").set_value(2).run()
    assert "shortcut: 1×1 projection, stride 2" in dots(at)[0]


def test_layout_switch_and_compare_mode():
    at = run_app(page=PAGE, block="bottleneck", layout="LR", compare=["resnext", "preact_bottleneck"])
    charts = dots(at)
    assert len(charts) == 3 and all('rankdir="LR"' in c for c in charts)
    text = main_text(at)
    assert "the 3×3 is grouped (g=32)" in text
    assert "#ffc9c9" in charts[1]  # the changed nodes are highlighted


def test_exports_and_snippet():
    at = run_app(page=PAGE, block="resnext", stride="2")
    code = "\n".join(c.value for c in at.main.code)
    assert "BlockConfig(block='resnext', in_channels=64, planes=64, stride=2, groups=32, base_width=4" in code
    assert "Bottleneck(64, 64, stride=2" in code
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:1] == ["DOT"] and "Layers (CSV)" in labels


def test_invalid_combination_shows_the_sentence_instead_of_a_graph():
    at = run_app(page=PAGE, block="resnext", planes="8", base_width="4")
    assert not dots(at)
    assert "leaves 0 channels per group" in main_text(at)


def test_compared_block_that_cannot_take_the_settings_is_left_out_with_a_sentence():
    at = run_app(page=PAGE, block="basic", planes="8", compare="resnext")
    assert "The resnext block cannot take these settings" in "\n".join(w.value for w in at.warning)
    assert len(dots(at)) == 1
