
import pytest

from resblocks import BlockConfig
from resblocks.analysis import analyze
from resblocks.graph import block_graph, dot_string, to_dot
from resblocks.registry import BLOCK_NAMES


@pytest.mark.parametrize("block", BLOCK_NAMES)
@pytest.mark.parametrize("stride", [1, 2])
def test_graph_is_the_analysed_layers_plus_input_and_output(block, stride):
    cfg = BlockConfig(block=block, stride=stride)
    layers = analyze(cfg).layers
    g = block_graph(cfg)
    assert len(g.nodes) == len(layers) + 2
    ids = [n.id for n in g.nodes]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "input" and ids[-1] == "output"
    for e in g.edges:
        assert e.src in ids and e.dst in ids
    # one edge per layer input, plus the edge into the output
    assert len(g.edges) == sum(len(layer.inputs) for layer in layers) + 1
    assert g.node("output").label.endswith("×".join(map(str, cfg.output_shape)))
    assert {n.path for n in g.nodes} <= {"main", "shortcut", "io"}


def test_identity_shortcut():
    g = block_graph(BlockConfig(block="basic"))
    assert g.shortcut_label == "identity"
    identity = [e for e in g.edges if e.path == "identity"]
    assert len(identity) == 1
    assert (identity[0].src, identity[0].dst) == ("input", "add")
    assert identity[0].label == "identity\n1×64×56×56"
    assert all(n.path != "shortcut" for n in g.nodes)


def test_projection_shortcut():
    g = block_graph(BlockConfig(block="basic", stride=2))
    assert g.shortcut_label == "1×1 projection, stride 2"
    assert not [e for e in g.edges if e.path == "identity"]
    assert g.node("shortcut.0").label == "1×1 conv, 64→64, stride 2\n4,096 params"
    assert block_graph(BlockConfig(block="bottleneck")).shortcut_label == "1×1 projection, stride 1"


def test_preact_projection_reads_the_preactivated_input():
    g = block_graph(BlockConfig(block="preact", stride=2))
    assert any(e.src == "act1" and e.dst == "shortcut.0" and e.path == "shortcut" for e in g.edges)


def test_grouped_conv_node():
    g = block_graph(BlockConfig(block="resnext"))
    conv2 = g.node("conv2")
    assert conv2.grouped
    assert "g=32" in conv2.label and "128→128" in conv2.label
    assert conv2.label == "3×3 conv, g=32, 128→128\n4,608 params"  # 9·128·128/32
    assert [n.id for n in g.nodes if n.grouped] == ["conv2"]
    assert g.node("act1").label == "ReLU" and g.node("bn1").label == "BN (128)\n256 params"
    assert any(e.label == "1×128×56×56" and e.dst == "conv2" for e in g.edges)


def test_dot_marks_shortcut_grouped_and_highlight():
    dot = to_dot(block_graph(BlockConfig(block="resnext", stride=2)), highlight=frozenset({"conv3"}))
    assert "subgraph cluster_shortcut" in dot
    assert 'label="shortcut: 1×1 projection, stride 2", style="dashed,rounded"' in dot
    conv2 = next(line for line in dot.splitlines() if line.strip().startswith('"conv2"'))
    assert 'penwidth="2.5"' in conv2 and "#ffd8a8" in conv2
    conv3 = next(line for line in dot.splitlines() if line.strip().startswith('"conv3"'))
    assert "#ffc9c9" in conv3
    identity = to_dot(block_graph(BlockConfig(block="basic")))
    assert "cluster_shortcut" not in identity
    assert '"input" -> "add" [label="identity\\n1×64×56×56", style="dashed"' in identity


def test_rankdir():
    g = block_graph(BlockConfig(block="basic"))
    assert 'rankdir="LR"' in to_dot(g, rankdir="LR")
    with pytest.raises(ValueError, match=r"choose TB .* or LR"):
        to_dot(g, rankdir="BT")


def test_dot_strings_are_escaped():
    assert dot_string('say "hi"\\n\nnext') == '"say \\"hi\\"\\\\n\\nnext"'
    assert dot_string("ends with \\") == '"ends with \\\\"'


def test_a_missing_node_lists_the_ids():
    with pytest.raises(ValueError, match="no node 'conv9'; choose one of input, conv1, bn1, act1"):
        block_graph(BlockConfig(block="basic")).node("conv9")
