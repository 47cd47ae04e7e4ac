"""Whole torchvision-style ResNets rebuilt from this project's blocks: their specs, their blocks, the builder.

The layout is torchvision's ``models/resnet.py``: a 7×7 stride-2 stem with a 3×3 stride-2 max pool,
four stages ``layer1..layer4`` (planes 64, 128, 256, 512; strides 1, 2, 2, 2), global average pooling
and a linear classifier. Parameter counts match torchvision's exactly; the state dicts differ in two names,
the stem (``conv1``/``bn1`` there, ``stem.conv1``/``stem.bn1`` here) and the projection shortcut
(``downsample`` there, ``shortcut`` here), so torchvision's weights load after those renames
(``weights.load_torchvision_state_dict``).

Counting them (and where a configured block sits in one) is ``network_analysis``.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass

import torch
from torch import nn

from .checks import one_of, whole_number
from .config import BlockConfig, require_config
from .registry import REGISTRY

STAGE_NAMES: tuple[str, ...] = ("layer1", "layer2", "layer3", "layer4")
STAGE_PLANES: tuple[int, ...] = (64, 128, 256, 512)
STAGE_STRIDES: tuple[int, ...] = (1, 2, 2, 2)
STEM_CHANNELS = 64
IMAGE_SIZES = (32, 1024)  # the input sizes the networks are analysed at, in pixels
MAX_CLASSES = 100_000



@dataclass(frozen=True)
class NetworkSpec:
    """One torchvision ResNet: its block, depth per stage, grouping, and its published figures."""

    name: str
    title: str
    block: str  # a registry name: "basic", "bottleneck" or "resnext"
    layers: tuple[int, int, int, int]
    groups: int
    base_width: int  # channels per group at planes = 64 (torchvision's ``width_per_group`` argument)
    published_params: int
    published_gmacs: float  # torchvision's ``_ops`` field: GFLOPS in the multiply-add sense
    source: str

    @property
    def expansion(self) -> int:
        return REGISTRY[self.block].expansion

    @property
    def depth(self) -> int:
        """Weighted layers: convs on the main path of every block, plus the stem conv and the fc."""
        convs_per_block = 2 if self.expansion == 1 else 3
        return convs_per_block * sum(self.layers) + 2


def _spec(
    name: str,
    title: str,
    block: str,
    layers: tuple[int, int, int, int],
    params: int,
    gmacs: float,
    groups: int = 1,
    base_width: int = 64,
) -> NetworkSpec:
    return NetworkSpec(
        name=name,
        title=title,
        block=block,
        layers=layers,
        groups=groups,
        base_width=base_width,
        published_params=params,
        published_gmacs=gmacs,
        source=f"torchvision.models {_weights_enum(name)}.IMAGENET1K_V1 meta (num_params, _ops)",
    )


def _weights_enum(name: str) -> str:
    """torchvision's weights enum for a model name: resnext50_32x4d -> ResNeXt50_32X4D_Weights."""
    head, *rest = name.split("_")
    head = head.replace("resnext", "ResNeXt").replace("resnet", "ResNet").replace("wide", "Wide")
    if name.startswith("wide"):
        return "_".join([head, rest[0].replace("resnet", "ResNet"), *rest[1:], "Weights"])
    return "_".join([head, *(part.upper() for part in rest), "Weights"])


NETWORKS: dict[str, NetworkSpec] = {
    s.name: s
    for s in (
        _spec("resnet18", "ResNet-18", "basic", (2, 2, 2, 2), 11689512, 1.814),
        _spec("resnet34", "ResNet-34", "basic", (3, 4, 6, 3), 21797672, 3.664),
        _spec("resnet50", "ResNet-50", "bottleneck", (3, 4, 6, 3), 25557032, 4.089),
        _spec("resnet101", "ResNet-101", "bottleneck", (3, 4, 23, 3), 44549160, 7.801),
        _spec("resnet152", "ResNet-152", "bottleneck", (3, 8, 36, 3), 60192808, 11.514),
        _spec("resnext50_32x4d", "ResNeXt-50 (32×4d)", "resnext", (3, 4, 6, 3), 25028904, 4.23, 32, 4),
        _spec("resnext101_32x8d", "ResNeXt-101 (32×8d)", "resnext", (3, 4, 23, 3), 88791336, 16.414, 32, 8),
        _spec("resnext101_64x4d", "ResNeXt-101 (64×4d)", "resnext", (3, 4, 23, 3), 83455272, 15.46, 64, 4),
        _spec("wide_resnet50_2", "Wide ResNet-50-2", "resnext", (3, 4, 6, 3), 68883240, 11.398, 1, 128),
    )
}

NETWORK_NAMES: tuple[str, ...] = tuple(NETWORKS)


def get_network(name: str) -> NetworkSpec:
    """The spec for ``name``; a ValueError names the valid choices."""
    return NETWORKS[one_of("network", name, NETWORK_NAMES)]


@dataclass(frozen=True)
class BlockSlot:
    """One block of a network: where it sits and the arguments it is built with."""

    stage: str
    index: int  # 0 is the stage's first block
    in_channels: int
    planes: int
    stride: int
    input_size: int  # the block's input height/width for the network's input size
    copies: int  # blocks of the network built with the same in_channels, planes and stride (this one included)


def block_plan(name: str, size: int = 224) -> tuple[BlockSlot, ...]:
    """Every block of the network in forward order (the single source the builder also uses)."""
    spec = get_network(name)
    whole_number("size", size, *IMAGE_SIZES)
    slots: list[tuple[str, int, int, int, int, int]] = []
    channels = STEM_CHANNELS
    side = _stem_size(size)
    for stage, planes, stride, count in zip(STAGE_NAMES, STAGE_PLANES, STAGE_STRIDES, spec.layers, strict=True):
        for index in range(count):
            block_stride = stride if index == 0 else 1
            slots.append((stage, index, channels, planes, block_stride, side))
            channels = planes * spec.expansion
            side = (side - 1) // block_stride + 1
    copies = Counter(slot[2:5] for slot in slots)
    return tuple(BlockSlot(*slot, copies[slot[2:5]]) for slot in slots)


def distinct_blocks(name: str, size: int = 224) -> tuple[BlockSlot, ...]:
    """The first block of each kind (in_channels, planes, stride) the network is built from, in forward order."""
    first: dict[tuple[int, int, int], BlockSlot] = {}
    for slot in block_plan(name, size):
        first.setdefault((slot.in_channels, slot.planes, slot.stride), slot)
    return tuple(first.values())


def _stem_size(size: int) -> int:
    after_conv = (size + 2 * 3 - 7) // 2 + 1
    return (after_conv + 2 * 1 - 3) // 2 + 1


class ResNet(nn.Module):
    """A torchvision-layout ResNet/ResNeXt/Wide ResNet whose stages hold this project's blocks."""

    def __init__(self, spec: NetworkSpec, num_classes: int = 1000) -> None:
        super().__init__()
        entry = REGISTRY[spec.block]
        self.stem = nn.Sequential(
            OrderedDict(
                conv1=nn.Conv2d(3, STEM_CHANNELS, kernel_size=7, stride=2, padding=3, bias=False),
                bn1=nn.BatchNorm2d(STEM_CHANNELS),
                act1=nn.ReLU(),
                maxpool=nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
            )
        )
        stages: dict[str, list[nn.Module]] = {stage: [] for stage in STAGE_NAMES}
        for slot in block_plan(spec.name):
            block = entry.cls(slot.in_channels, slot.planes, slot.stride, spec.groups, spec.base_width)
            stages[slot.stage].append(block)
        self.layer1 = nn.Sequential(*stages["layer1"])
        self.layer2 = nn.Sequential(*stages["layer2"])
        self.layer3 = nn.Sequential(*stages["layer3"])
        self.layer4 = nn.Sequential(*stages["layer4"])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(STAGE_PLANES[-1] * spec.expansion, num_classes)

        # torchvision's initialisation (a no-op on the meta device).
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.constant_(module.weight, 1)
                nn.init.constant_(module.bias, 0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)

        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)

        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


def build_network(name: str, num_classes: int = 1000) -> nn.Module:
    """The named network (one of ``NETWORK_NAMES``) on the current default device."""
    spec = get_network(name)
    whole_number("num_classes", num_classes, 1, MAX_CLASSES)
    return ResNet(spec, num_classes)


# (groups, base_width) of a resnext config -> the torchvision network built from that block.
RESNEXT_NETWORKS: dict[tuple[int, int], str] = {
    (32, 4): "resnext50_32x4d",
    (32, 8): "resnext101_32x8d",
    (64, 4): "resnext101_64x4d",
    (1, 128): "wide_resnet50_2",
    (1, 64): "resnet50",
}
RESNEXT_TEMPLATE = "resnext50_32x4d"
SAME_BLOCK: dict[str, tuple[str, ...]] = {  # other networks built from the same blocks
    "resnet34": ("resnet18",),
    "resnet50": ("resnet101", "resnet152"),
}



def network_of(cfg: BlockConfig) -> tuple[str, bool] | None:
    """The torchvision network built from ``cfg``'s kind of block, and whether its grouping is ``cfg``'s exactly.

    basic → resnet34; bottleneck → resnet50; resnext → the network with the same groups and base_width,
    else resnext50_32x4d as the nearest template (``False``). None for the pre-activation blocks:
    torchvision has no such network.
    """
    require_config(cfg, "network_of")
    if cfg.block == "basic":
        return "resnet34", True
    if cfg.block == "bottleneck":
        return "resnet50", True
    if cfg.block == "resnext":
        key = (cfg.groups, cfg.base_width)
        return RESNEXT_NETWORKS.get(key, RESNEXT_TEMPLATE), key in RESNEXT_NETWORKS
    return None
