"""The two places where the papers and the notes (or torchvision) build a block differently, offered as choices."""

from fractions import Fraction

import pytest
import torch
from torch import nn

from resblocks import BlockConfig, ConfigError, from_values
from resblocks.analysis import analyze
from resblocks.blocks import BasicBlock, Bottleneck, PreActBlock, PreActBottleneck
from resblocks.networks import NETWORKS, build_network


@pytest.mark.parametrize(("block", "planes", "c_out"), [("preact", 128, 128), ("preact_bottleneck", 32, 128)])
def test_preact_projection_as_in_the_paper_is_a_bare_1x1_conv(block, planes, c_out):
    # He et al. 2016b (and its code, and timm): the projection is a 1×1 conv on the pre-activated input; the
    # notes' PreActBasicBlock adds a BN after it, 2·C_out more parameters (its scale and shift).
    paper = BlockConfig(block=block, in_channels=64, planes=planes, stride=2)
    notes = paper.replace(preact_shortcut="notes")
    assert paper.preact_shortcut == "paper"  # the default
    assert [type(m) for m in paper.build().shortcut] == [nn.Conv2d]
    assert [type(m) for m in notes.build().shortcut] == [nn.Conv2d, nn.BatchNorm2d]
    assert analyze(notes).params - analyze(paper).params == 2 * c_out
    assert [layer.name for layer in analyze(paper).layers if layer.path == "shortcut"] == ["shortcut.0"]
    assert notes.label.endswith("shortcut BN as in the notes") and "notes" not in paper.label


def test_the_issues_example_64_to_128_differs_by_256_parameters():
    paper = BlockConfig(block="preact", in_channels=64, planes=128, stride=2)
    assert analyze(paper.replace(preact_shortcut="notes")).params - analyze(paper).params == 256


def test_the_paper_projection_reads_the_preactivated_input_and_adds_straight_to_the_residual():
    m = BlockConfig(block="preact", in_channels=16, planes=32, stride=2, size=8).build().eval()
    x = torch.randn(2, 16, 8, 8)
    with torch.no_grad():
        pre = m.act1(m.bn1(x))
        expected = m.conv2(m.act2(m.bn2(m.conv1(pre)))) + m.shortcut[0](pre)
        assert torch.allclose(m(x), expected)


def test_identity_shortcut_is_the_same_either_way():
    cfg = BlockConfig(block="preact", in_channels=64, planes=64)
    assert cfg.build().shortcut is None and cfg.replace(preact_shortcut="notes").build().shortcut is None


def test_stride_on_the_first_1x1_as_in_he_2016a():
    # A stride-2 256→512 bottleneck at 56×56. torchvision (v1.5) strides the 3×3, so the first 1×1 runs at
    # 56×56; He et al. 2016a stride the first 1×1, so it runs at 28×28 (the 3×3, the expanding 1×1 and the
    # projection are at 28×28 either way). Per output pixel: 1×1 256·128 (×4 at 56²), 3×3 9·128·128,
    # 1×1 128·512, projection 256·512 → v1.5 is 475,136 · 784 MACs, v1 376,832 · 784: 23/29 of it.
    v15 = BlockConfig(block="bottleneck", in_channels=256, planes=128, stride=2, size=56)
    v1 = v15.replace(stride_on="1x1")
    a, b = analyze(v15), analyze(v1)
    assert a.macs == 475_136 * 28 * 28 and b.macs == 376_832 * 28 * 28
    assert Fraction(b.macs, a.macs) == Fraction(23, 29)
    assert round(100 * (1 - b.macs / a.macs), 1) == 20.7  # v1 needs 20.7% fewer MACs ...
    assert round(100 * (a.macs / b.macs - 1), 1) == 26.1  # ... so v1.5 needs 26% more
    assert a.params == b.params and a.output_shape == b.output_shape
    strides = {layer.name: layer.stride for layer in b.layers if layer.op == "conv"}
    assert strides == {"conv1": 2, "conv2": 1, "conv3": 1, "shortcut.0": 2}
    assert {layer.name: layer.stride for layer in a.layers if layer.op == "conv"}["conv2"] == 2
    assert v1.label == "bottleneck, 256→512, stride 2 on the 1×1"


@pytest.mark.parametrize("block", ["resnext", "preact_bottleneck"])
def test_every_bottleneck_takes_the_choice(block):
    cfg = BlockConfig(block=block, in_channels=256, planes=128, stride=2, size=16, stride_on="1x1")
    m = cfg.build()
    assert m.conv1.stride == (2, 2) and m.conv2.stride == (1, 1)
    assert tuple(m(torch.randn(cfg.input_shape)).shape) == cfg.output_shape


def test_torchvision_networks_keep_their_published_counts():
    # torchvision's networks use the non-pre-activation blocks with the stride on the 3×3: nothing changes.
    for name in ("resnet18", "resnet50", "resnext50_32x4d"):
        with torch.device("meta"):
            net = build_network(name)
        assert sum(p.numel() for p in net.parameters()) == NETWORKS[name].published_params
        first = net.layer2[0]
        assert (first.conv1.stride, first.conv2.stride) == (((2, 2), (1, 1)) if name == "resnet18" else ((1, 1), (2, 2)))


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"block": "basic", "preact_shortcut": "notes"}, "preact_shortcut=notes applies only to a pre-activation"),
        ({"block": "resnext", "preact_shortcut": "notes"}, "choose the preact or preact_bottleneck block"),
        ({"block": "preact", "stride_on": "1x1"}, "stride_on=1x1 needs a 1×1 before the 3×3, which the preact block"),
        ({"block": "preact", "preact_shortcut": "yes"}, "unknown preact_shortcut 'yes'; choose one of paper, notes"),
        ({"block": "bottleneck", "stride_on": "3"}, "unknown stride_on '3'; choose one of 3x3, 1x1"),
    ],
)
def test_config_refuses_a_choice_that_does_not_apply(changes, sentence):
    with pytest.raises(ConfigError, match=sentence):
        BlockConfig(**changes)


@pytest.mark.parametrize(
    ("cls", "kwargs", "sentence"),
    [
        (BasicBlock, {"preact_shortcut": "notes"}, "BasicBlock is not a pre-activation block"),
        (Bottleneck, {"preact_shortcut": "notes"}, "use PreActBlock or PreActBottleneck"),
        (PreActBlock, {"stride_on": "1x1"}, "PreActBlock has no 1×1 before its 3×3"),
        (PreActBottleneck, {"stride_on": "2x2"}, "unknown PreActBottleneck's stride_on '2x2'"),
    ],
)
def test_blocks_refuse_a_choice_that_does_not_apply(cls, kwargs, sentence):
    with pytest.raises(ValueError, match=sentence):
        cls(64, 64, 2, **kwargs)


def test_a_block_change_drops_a_choice_that_no_longer_applies():
    cfg = BlockConfig(block="preact_bottleneck", preact_shortcut="notes", stride_on="1x1")
    assert cfg.replace(block="preact").stride_on == "3x3"
    assert cfg.replace(block="preact").preact_shortcut == "notes"
    assert cfg.replace(block="bottleneck").preact_shortcut == "paper"
    assert cfg.replace(block="bottleneck").stride_on == "1x1"


def test_from_values_reads_the_choices_and_notes_the_ones_it_ignores():
    cfg, notes = from_values({"block": "preact", "preact_shortcut": "notes", "stride": "2"})
    assert cfg.preact_shortcut == "notes" and not notes
    cfg, notes = from_values({"block": "basic", "preact_shortcut": "notes", "stride_on": "1x1"})
    assert (cfg.preact_shortcut, cfg.stride_on) == ("paper", "3x3")
    assert notes == ["Ignored preact_shortcut=notes: the basic block has no pre-activation projection.",
                     "Ignored stride_on=1x1: the basic block has no 1×1 before its 3×3."]
    cfg, notes = from_values({"block": "bottleneck", "stride_on": "<b>2x2</b>"})
    assert cfg.stride_on == "3x3" and notes == ["Ignored stride_on='<b>2x2</b>': choose one of 3x3, 1x1."]


def test_the_numbers_the_pages_state():
    from resblocks.forms import group_width, shortcut_bn_params, stride_macs

    # ResNeXt-50 (32×4d), second stage: planes 128, so d = 4 × 128/64 = 8 (the block reads "32×8d").
    stage2 = BlockConfig(block="resnext", in_channels=256, planes=128, stride=2)
    assert group_width(stage2) == group_width(stage2.replace(stride=1))
    w = group_width(stage2)
    assert (w.base_width, w.planes, w.d, w.groups) == (4, 128, 8, 32) and "32×8d" in stage2.label
    assert group_width(BlockConfig(block="bottleneck")) is None

    assert shortcut_bn_params(BlockConfig(block="preact", in_channels=64, planes=128, stride=2)) == 256
    assert shortcut_bn_params(BlockConfig(block="preact")) == 0  # identity shortcut
    assert shortcut_bn_params(BlockConfig(block="basic", stride=2)) is None

    m = stride_macs(BlockConfig(block="bottleneck", in_channels=256, planes=128, stride=2))
    assert round(m.fewer_on_1x1, 3) == 0.207 and m.on_3x3 == 475_136 * 784
    assert stride_macs(BlockConfig(block="bottleneck")) is None and stride_macs(BlockConfig(block="preact")) is None


def test_command_line_takes_the_choices(capsys):
    import json

    from resblocks.__main__ import main

    args = ["summary", "--block", "preact", "--in-channels", "64", "--planes", "128", "--stride", "2", "--json"]
    assert main(args) == 0
    paper = json.loads(capsys.readouterr().out)
    assert main([*args, "--preact-shortcut", "notes"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert notes["params"] - paper["params"] == 256 and notes["config"]["preact_shortcut"] == "notes"
    assert main(["summary", "--block", "basic", "--stride-on", "1x1"]) == 2
    assert "stride_on=1x1 needs a 1×1 before the 3×3" in capsys.readouterr().err


def test_compare_names_the_choices():
    from resblocks.compare import compare

    basic = BlockConfig(block="basic", stride=2)  # its projection is 1×1 conv + BN
    paper = BlockConfig(block="preact", stride=2)
    assert "the projection is a bare 1×1 conv, no BN (as in He et al. 2016b)" in compare([basic, paper])[1].differences
    assert "a BN follows the projection's 1×1 conv (as in the notes)" in compare(
        [paper, paper.replace(preact_shortcut="notes")])[1].differences
    v15 = BlockConfig(block="bottleneck", stride=2)
    assert "the stride sits on the first 1×1 (He et al. 2016a), not the 3×3" in compare(
        [v15, v15.replace(stride_on="1x1")])[1].differences
