"""Whole networks counted against torchvision's published figures (ResNet*_Weights.IMAGENET1K_V1 meta)."""

from __future__ import annotations

import pytest

from resblocks.config import BlockConfig
from resblocks.network_analysis import analyze_network, block_context
from resblocks.networks import NETWORK_NAMES, NETWORKS


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_params_equal_torchvision_exactly(name):
    a = analyze_network(name)
    assert a.params == NETWORKS[name].published_params == a.published_params


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_macs_match_torchvision(name):
    # The issue asks for 0.5%; the counts agree to 0.02%, the rounding of torchvision's three-decimal GFLOPS.
    a = analyze_network(name)
    published = NETWORKS[name].published_gmacs * 1e9
    assert abs(a.macs - published) / published <= 0.0002


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_parts_add_up_to_the_totals(name):
    a = analyze_network(name)
    assert [s.name for s in a.stages] == ["stem", "layer1", "layer2", "layer3", "layer4", "head"]
    assert sum(s.params for s in a.stages) == a.params
    assert sum(s.macs for s in a.stages) == a.macs
    assert tuple(s.blocks for s in a.stages[1:5]) == NETWORKS[name].layers
    out = a.stages[4].out_channels
    assert [s.output_shape for s in a.stages] == [
        (1, 64, 56, 56),
        (1, out // 8, 56, 56),
        (1, out // 4, 28, 28),
        (1, out // 2, 14, 14),
        (1, out, 7, 7),
        (1, 1000),
    ]


def test_resnet50_parts_by_hand():
    a = analyze_network("resnet50")
    stem, head = a.stages[0], a.stages[-1]
    assert stem.params == 7 * 7 * 3 * 64 + 2 * 64
    assert stem.macs == 7 * 7 * 3 * 64 * 112 * 112  # the pool does no multiply-adds
    assert head.params == 2048 * 1000 + 1000
    assert head.macs == 2048 * 1000


def test_a_size_or_name_it_cannot_count_is_refused():
    with pytest.raises(ValueError, match="size=16 is out of range; choose a whole number from 32 to 1024"):
        analyze_network("resnet18", 16)
    with pytest.raises(ValueError, match="unknown network"):
        analyze_network(["resnet18"])


def test_analysis_at_another_size_scales_the_macs():
    small = analyze_network("resnet50", 112)
    assert small.params == NETWORKS["resnet50"].published_params
    assert small.stages[-2].output_shape == (1, 2048, 4, 4)
    assert small.macs < analyze_network("resnet50").macs / 3


def test_context_of_the_default_resnext_block():
    ctx = block_context(BlockConfig(block="resnext", in_channels=256, planes=64))
    assert ctx is not None
    assert (ctx.network, ctx.stage, ctx.position, ctx.copies, ctx.exact) == (
        "resnext50_32x4d",
        "layer1",
        "repeated block",
        2,
        True,
    )
    assert ctx.share_of_network == pytest.approx(2 * ctx.block_params / 25028904)


def test_context_of_the_first_resnet50_block():
    ctx = block_context(BlockConfig(block="bottleneck", in_channels=64, planes=64))
    assert ctx is not None
    assert (ctx.network, ctx.stage, ctx.position, ctx.copies) == (
        "resnet50",
        "layer1",
        "first block (with projection)",
        1,
    )
    assert ctx.block_params == 75008  # torchvision resnet50.layer1[0]
    assert "resnet101" in ctx.also


def test_context_of_other_blocks():
    basic = block_context(BlockConfig(block="basic", in_channels=256, planes=256))
    assert basic is not None
    assert (basic.network, basic.stage, basic.copies, basic.also) == ("resnet34", "layer3", 5, ("resnet18",))
    wide = block_context(BlockConfig(block="resnext", in_channels=256, planes=128, stride=2, groups=1, base_width=128))
    assert wide is not None
    assert (wide.network, wide.stage, wide.position, wide.exact) == (
        "wide_resnet50_2",
        "layer2",
        "first block (with projection)",
        True,
    )
    other = block_context(BlockConfig(block="resnext", in_channels=256, planes=64, groups=16, base_width=4))
    assert other is not None
    assert (other.network, other.exact) == ("resnext50_32x4d", False)
    assert block_context(BlockConfig(block="resnext", in_channels=256, planes=64, groups=64, base_width=4)).network == (
        "resnext101_64x4d"
    )
    assert block_context(BlockConfig(block="preact")) is None
    assert block_context(BlockConfig(block="preact_bottleneck")) is None
    assert block_context(BlockConfig(block="basic", in_channels=100, planes=100)) is None
