"""The nine torchvision networks rebuilt from this project's blocks."""

from __future__ import annotations

import pytest
import torch

from resblocks.config import BlockConfig
from resblocks.networks import NETWORK_NAMES, NETWORKS, block_plan, build_network, distinct_blocks, network_of


def test_the_nine_torchvision_networks_are_listed():
    assert set(NETWORK_NAMES) == {
        "resnet18",
        "resnet34",
        "resnet50",
        "resnet101",
        "resnet152",
        "resnext50_32x4d",
        "resnext101_32x8d",
        "resnext101_64x4d",
        "wide_resnet50_2",
    }


def test_resnet18_runs_on_real_tensors():
    torch.manual_seed(0)
    net = build_network("resnet18").eval()
    with torch.no_grad():
        y = net(torch.randn(1, 3, 64, 64))
    assert y.shape == (1, 1000)
    assert torch.isfinite(y).all()
    assert not any(getattr(m, "inplace", False) for m in net.modules())


def test_build_network_num_classes_and_unknown_name():
    with torch.device("meta"):
        net = build_network("resnet18", num_classes=10)
    assert net.fc.out_features == 10
    with pytest.raises(ValueError, match="choose one of resnet18, resnet34"):
        build_network("resnet20")
    with pytest.raises(TypeError, match="num_classes must be a whole number, not '10'"):
        build_network("resnet18", num_classes="10")


def test_block_plan_matches_the_layers():
    plan = block_plan("resnet50")
    assert len(plan) == 16
    assert (plan[0].in_channels, plan[0].planes, plan[0].stride, plan[0].input_size) == (64, 64, 1, 56)
    assert (plan[3].in_channels, plan[3].planes, plan[3].stride, plan[3].input_size) == (256, 128, 2, 56)
    assert (plan[4].in_channels, plan[4].stride, plan[4].input_size) == (512, 1, 28)



def test_block_copies_and_distinct_blocks():
    plan = block_plan("resnet34")  # torchvision: layers (3, 4, 6, 3) of BasicBlock
    assert [s.copies for s in plan if s.stage == "layer3"] == [1, 5, 5, 5, 5, 5]
    distinct = distinct_blocks("resnet34")
    assert [(s.stage, s.in_channels, s.planes, s.stride, s.copies) for s in distinct] == [
        ("layer1", 64, 64, 1, 3),  # in layer1 the first block has no projection either
        ("layer2", 64, 128, 2, 1),
        ("layer2", 128, 128, 1, 3),
        ("layer3", 128, 256, 2, 1),
        ("layer3", 256, 256, 1, 5),
        ("layer4", 256, 512, 2, 1),
        ("layer4", 512, 512, 1, 2),
    ]
    assert sum(s.copies for s in distinct) == 16 == sum(NETWORKS["resnet34"].layers)


@pytest.mark.parametrize(
    "cfg,found",
    [
        (BlockConfig(block="basic"), ("resnet34", True)),
        (BlockConfig(block="bottleneck"), ("resnet50", True)),
        (BlockConfig(block="resnext"), ("resnext50_32x4d", True)),
        (BlockConfig(block="resnext", groups=32, base_width=8), ("resnext101_32x8d", True)),
        (BlockConfig(block="resnext", groups=64, base_width=4), ("resnext101_64x4d", True)),
        (BlockConfig(block="resnext", groups=1, base_width=128), ("wide_resnet50_2", True)),
        (BlockConfig(block="resnext", groups=16, base_width=4), ("resnext50_32x4d", False)),
        (BlockConfig(block="preact"), None),
        (BlockConfig(block="preact_bottleneck"), None),
    ],
)
def test_the_network_of_each_block(cfg, found):
    assert network_of(cfg) == found
    if found is not None:  # the network is built from the same grouping where it is exact
        spec = NETWORKS[found[0]]
        assert ((spec.groups, spec.base_width) == (cfg.groups, cfg.base_width)) == found[1]
