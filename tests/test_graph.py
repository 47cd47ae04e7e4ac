
import pytest

from resblocks import BlockConfig
from resblocks.analysis import analyze
from resblocks.config import MAX_TENSOR_ELEMENTS, ConfigError
from resblocks.graph import block_graph, dot_string, drawable, drawable_replace, largest_activation, oversized, to_dot
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


TURKISH = {"input": "girdi", "output": "çıktı", "params": "{n} parametre", "thousands": "."}


def test_the_graph_is_drawn_in_the_words_it_is_given():
    g = block_graph(BlockConfig(block="resnext", in_channels=256, stride=2), TURKISH)
    assert g.node("input").label == "girdi\n1×256×56×56" and g.node("output").label == "çıktı\n1×256×28×28"
    assert g.node("conv1").label == "1×1 conv, 256→128\n32.768 parametre"  # 256·128, a dot between thousands
    assert g.node("conv2").label == "3×3 conv, g=32, 128→128, stride 2\n4.608 parametre"
    dot = to_dot(g)
    assert 'label="main path F(x)"' in dot and 'label="shortcut: 1×1 projection, stride 2"' in dot
    # The default stays the English one, word for word.
    english = to_dot(block_graph(BlockConfig(block="resnext", in_channels=256, stride=2)))
    assert "input\\n1×256×56×56" in english and "32,768 params" in english and "parametre" not in english
    assert to_dot(block_graph(BlockConfig(), {})) == to_dot(block_graph(BlockConfig()))


def test_labels_for_the_clusters_and_the_identity():
    words = {"main": "ana yol F(x)", "shortcut": "kısayol: {shortcut}", "identity": "özdeşlik",
             "projection": "{k}×{k} izdüşüm, adım {s}"}
    basic = block_graph(BlockConfig(block="basic"), words)
    assert basic.shortcut_label == "özdeşlik" and "özdeşlik\\n1×64×56×56" in to_dot(basic)
    strided = to_dot(block_graph(BlockConfig(block="basic", stride=2), words))
    assert 'label="ana yol F(x)"' in strided and 'label="kısayol: 1×1 izdüşüm, adım 2"' in strided


def test_labels_with_an_unknown_key_are_refused():
    with pytest.raises(ValueError, match="labels has no key 'inptu'; use some of input, output"):
        block_graph(BlockConfig(), {"inptu": "girdi"})
    with pytest.raises(TypeError, match="labels must map"):
        block_graph(BlockConfig(), ["girdi"])


def test_drawable_lets_only_the_activation_limit_pass():
    values = {"block": "resnext", "in_channels": 256, "batch": 256, "size": 1024}
    with pytest.raises(ConfigError, match="the largest activation would hold 68,719,476,736 values"):
        BlockConfig(**values)  # 256 · 256 channels · 1024² values: what every page that allocates refuses
    cfg = drawable(values)
    assert oversized(cfg) and largest_activation(cfg) == 256 * 256 * 1024 * 1024 > MAX_TENSOR_ELEMENTS
    assert (cfg.batch, cfg.size, cfg.groups, cfg.base_width, cfg.input_shape) == (256, 1024, 32, 4, (256, 256, 1024, 1024))
    a = analyze(cfg)  # on meta tensors: nothing is allocated
    assert a.params == analyze(BlockConfig(block="resnext", in_channels=256)).params == 71_168
    assert block_graph(cfg).node("output").label == "output\n256×256×1024×1024"
    assert drawable_replace(cfg, block="basic").block == "basic" and not oversized(drawable({"block": "basic"}))


@pytest.mark.parametrize(("values", "sentence"), [
    ({"block": "resnext", "planes": 8, "base_width": 4, "batch": 256, "size": 1024}, "leaves 0 channels per group"),
    ({"block": "basic", "batch": 256, "size": 2000}, r"size=2000 is out of range"),
    ({"block": "basic", "batch": 300, "size": 1024}, r"batch=300 is out of range"),
    ({"block": "basic", "stride": 3, "size": 2}, "stride=3 is larger than the 2×2 input"),
    ({"block": "nope", "batch": 256, "size": 1024}, "unknown block 'nope'"),
])
def test_drawable_refuses_every_other_fault_with_the_configs_sentence(values, sentence):
    with pytest.raises(ConfigError, match=sentence):
        drawable(values)
