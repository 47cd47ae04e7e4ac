"""torchvision's weights load into this project's networks.

torchvision is not installed here, so the state dicts are written out from the naming rules of
torchvision's models/resnet.py (pytorch/vision): the stem ``conv1``/``bn1`` at the top level, stages
``layer1``..``layer4`` of blocks ``conv1, bn1, conv2, bn2[, conv3, bn3]``, the first block of a stage that
changes shape with ``downsample.0`` (1×1 conv, the stride) and ``downsample.1`` (BN), then ``fc``; every
BatchNorm2d holds weight, bias, running_mean, running_var and num_batches_tracked.
"""

import pytest
import torch

from resblocks.networks import build_network
from resblocks.weights import from_torchvision_key, load_torchvision_state_dict

BN = ("weight", "bias", "running_mean", "running_var", "num_batches_tracked")


def torchvision_shapes(layers, bottleneck, groups=1, width_per_group=64):
    """Key → shape of torchvision's ResNet(block, layers, groups=..., width_per_group=...).state_dict()."""
    shapes = {"conv1.weight": (64, 3, 7, 7)}

    def bn(prefix, channels):
        for name in BN:
            shapes[f"{prefix}.{name}"] = () if name == "num_batches_tracked" else (channels,)

    bn("bn1", 64)
    expansion = 4 if bottleneck else 1
    inplanes = 64
    for stage, (planes, count) in enumerate(zip((64, 128, 256, 512), layers, strict=True), start=1):
        stride = 1 if stage == 1 else 2
        for i in range(count):
            p = f"layer{stage}.{i}"
            if bottleneck:
                width = int(planes * (width_per_group / 64.0)) * groups
                shapes[f"{p}.conv1.weight"] = (width, inplanes, 1, 1)
                bn(f"{p}.bn1", width)
                shapes[f"{p}.conv2.weight"] = (width, width // groups, 3, 3)
                bn(f"{p}.bn2", width)
                shapes[f"{p}.conv3.weight"] = (planes * 4, width, 1, 1)
                bn(f"{p}.bn3", planes * 4)
            else:
                shapes[f"{p}.conv1.weight"] = (planes, inplanes, 3, 3)
                bn(f"{p}.bn1", planes)
                shapes[f"{p}.conv2.weight"] = (planes, planes, 3, 3)
                bn(f"{p}.bn2", planes)
            if i == 0 and (stride != 1 or inplanes != planes * expansion):
                shapes[f"{p}.downsample.0.weight"] = (planes * expansion, inplanes, 1, 1)
                bn(f"{p}.downsample.1", planes * expansion)
            inplanes = planes * expansion
    shapes["fc.weight"] = (1000, 512 * expansion)
    shapes["fc.bias"] = (1000,)
    return shapes


def random_state_dict(shapes):
    gen = torch.Generator().manual_seed(0)
    return {k: torch.randint(0, 100, s) if k.endswith("num_batches_tracked") else torch.randn(s, generator=gen)
            for k, s in shapes.items()}


@pytest.mark.parametrize(
    ("name", "layers", "bottleneck", "groups", "width", "keys"),
    [
        ("resnet18", (2, 2, 2, 2), False, 1, 64, 122),  # 62 parameters + 20 BNs × 3 buffers
        ("resnext50_32x4d", (3, 4, 6, 3), True, 32, 4, 320),  # 161 parameters + 53 BNs × 3 buffers
    ],
)
def test_torchvision_state_dict_loads_after_the_renames(name, layers, bottleneck, groups, width, keys):
    state = random_state_dict(torchvision_shapes(layers, bottleneck, groups, width))
    assert len(state) == keys
    net = build_network(name)
    assert load_torchvision_state_dict(net, state) is net
    ours = net.state_dict()
    for key, value in state.items():
        assert torch.equal(ours[from_torchvision_key(key)], value), key
    assert torch.equal(net.stem.conv1.weight, state["conv1.weight"])
    assert torch.equal(net.stem.bn1.running_var, state["bn1.running_var"])
    assert torch.equal(net.layer2[0].shortcut[1].bias, state["layer2.0.downsample.1.bias"])
    assert torch.equal(net.fc.weight, state["fc.weight"])


def test_the_renames():
    assert from_torchvision_key("conv1.weight") == "stem.conv1.weight"
    assert from_torchvision_key("bn1.num_batches_tracked") == "stem.bn1.num_batches_tracked"
    assert from_torchvision_key("layer3.0.downsample.0.weight") == "layer3.0.shortcut.0.weight"
    assert from_torchvision_key("layer1.0.conv1.weight") == "layer1.0.conv1.weight"  # a block's conv1 stays
    assert from_torchvision_key("fc.bias") == "fc.bias"


def test_weights_that_do_not_fit_are_named():
    state = random_state_dict(torchvision_shapes((2, 2, 2, 2), False))
    del state["fc.bias"]
    state["layer1.0.se.weight"] = torch.zeros(1)
    with pytest.raises(ValueError) as info:
        load_torchvision_state_dict(build_network("resnet18"), state)
    message = str(info.value)
    assert "unexpected keys layer1.0.se.weight" in message and "missing keys fc.bias" in message
    assert "build_network('resnet50')" in message

    with pytest.raises(ValueError, match=r"keys of another shape fc.weight \(1000, 2048\) \(the network has \(1000, 512\)\)"):
        bigger = random_state_dict(torchvision_shapes((2, 2, 2, 2), False))
        bigger["fc.weight"] = torch.zeros(1000, 2048)
        load_torchvision_state_dict(build_network("resnet18"), bigger)

    resnet50 = random_state_dict(torchvision_shapes((3, 4, 6, 3), True))
    with pytest.raises(ValueError, match=r"unexpected keys layer1\.0\.conv3\.weight, layer1\.0\.bn3\.weight"):
        load_torchvision_state_dict(build_network("resnet34"), resnet50)


def test_refuses_what_is_not_a_network_or_a_state_dict():
    with pytest.raises(TypeError, match="needs the network"):
        load_torchvision_state_dict({}, {})
    with pytest.raises(TypeError, match=r"pass model\.state_dict"):
        load_torchvision_state_dict(build_network("resnet18"), [1, 2])
