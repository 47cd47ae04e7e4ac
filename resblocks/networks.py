"""Whole torchvision-style ResNets rebuilt from this project's blocks, and where a block sits in one.

The layout is torchvision's ``models/resnet.py``: a 7×7 stride-2 stem with a 3×3 stride-2 max pool,
four stages ``layer1..layer4`` (planes 64, 128, 256, 512; strides 1, 2, 2, 2), global average pooling
and a linear classifier. Only the block modules differ in their names (``act1``, ``shortcut``), so
parameter counts match torchvision's exactly while state dicts do not load into each other.

MACs are multiply-adds (torchvision's ``_ops`` "GFLOPS" metadata counts these); FLOPs = 2 · MACs
(what ``torch.utils.flop_counter`` reports). Only convolutions and the classifier are counted.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from .analysis import SHAPE_PRESERVING, count_params
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
    input_size: int  # the block's input height/width for a 224×224 image


def block_plan(name: str, size: int = 224) -> tuple[BlockSlot, ...]:
    """Every block of the network in forward order (the single source the builder also uses)."""
    spec = get_network(name)
    whole_number("size", size, *IMAGE_SIZES)
    slots: list[BlockSlot] = []
    channels = STEM_CHANNELS
    side = _stem_size(size)
    for stage, planes, stride, count in zip(STAGE_NAMES, STAGE_PLANES, STAGE_STRIDES, spec.layers, strict=True):
        for index in range(count):
            block_stride = stride if index == 0 else 1
            slots.append(BlockSlot(stage, index, channels, planes, block_stride, side))
            channels = planes * spec.expansion
            side = (side - 1) // block_stride + 1
    return tuple(slots)


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


@dataclass(frozen=True)
class StageFigures:
    """One part of a network: the stem, a stage ``layer1..layer4``, or the head (pool + fc)."""

    name: str
    blocks: int  # 0 for the stem and the head
    in_channels: int
    planes: int  # the stage's planes; the output width for the stem and the head
    out_channels: int
    stride: int  # downsampling of the part (4 for the stem: conv and pool)
    params: int
    macs: int
    output_shape: tuple[int, ...]

    def as_dict(self) -> dict:
        row = asdict(self)
        row["output_shape"] = list(self.output_shape)
        return row


@dataclass(frozen=True)
class NetworkAnalysis:
    """Totals and per-part figures of a whole network for one square input, with the published ones."""

    name: str
    spec: NetworkSpec
    size: int
    params: int
    macs: int
    flops: int
    stages: tuple[StageFigures, ...]
    published_params: int
    published_macs: int
    macs_error: float  # (macs - published_macs) / published_macs

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.spec.title,
            "size": self.size,
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "stages": [stage.as_dict() for stage in self.stages],
            "published_params": self.published_params,
            "published_macs": self.published_macs,
            "macs_error": self.macs_error,
            "source": self.spec.source,
        }


def analyze_network(name: str, size: int = 224) -> NetworkAnalysis:
    """Count the parameters and MACs of the named network for a 1×3×size×size input, per part.

    Runs on meta tensors (nothing is computed); convolutions and the fc are counted by
    ``torch.utils.flop_counter.FlopCounterMode``, read before and after each part by module hooks.
    Cached by name and size.
    """
    get_network(name)
    whole_number("size", size, *IMAGE_SIZES)
    return _analyze_network(name, size)


@functools.lru_cache(maxsize=64)
def _analyze_network(name: str, size: int) -> NetworkAnalysis:
    spec = get_network(name)
    with torch.device("meta"):
        net = ResNet(spec)
        x = torch.empty(1, 3, size, size)
    params = {part: _params(net.get_submodule(part)) for part in ("stem", *STAGE_NAMES, "fc")}
    total_params = _params(net)
    _drop_elementwise(net)

    # Each part runs from its first module's pre-hook to its last module's hook.
    parts: dict[str, tuple[nn.Module, nn.Module]] = {
        "stem": (net.stem, net.stem),
        **{stage: (net.get_submodule(stage), net.get_submodule(stage)) for stage in STAGE_NAMES},
        "head": (net.avgpool, net.fc),
    }
    counted: dict[str, tuple[int, tuple[int, ...]]] = {}
    start: dict[str, int] = {}
    handles = []
    with FlopCounterMode(display=False) as counter:

        def opener(part: str):
            def hook(module: nn.Module, args: tuple) -> None:
                start[part] = counter.get_total_flops()

            return hook

        def closer(part: str):
            def hook(module: nn.Module, args: tuple, output: torch.Tensor) -> None:
                counted[part] = (counter.get_total_flops() - start[part], tuple(output.shape))

            return hook

        for part, (first, last) in parts.items():
            handles.append(first.register_forward_pre_hook(opener(part)))
            handles.append(last.register_forward_hook(closer(part)))
        try:
            net(x)
        finally:
            for handle in handles:
                handle.remove()
        total_flops = counter.get_total_flops()

    final = STAGE_PLANES[-1] * spec.expansion
    stages = [
        StageFigures(
            name="stem",
            blocks=0,
            in_channels=3,
            planes=STEM_CHANNELS,
            out_channels=STEM_CHANNELS,
            stride=4,
            params=params["stem"],
            macs=counted["stem"][0] // 2,
            output_shape=counted["stem"][1],
        )
    ]
    channels = STEM_CHANNELS
    for stage, planes, stride, count in zip(STAGE_NAMES, STAGE_PLANES, STAGE_STRIDES, spec.layers, strict=True):
        stages.append(
            StageFigures(
                name=stage,
                blocks=count,
                in_channels=channels,
                planes=planes,
                out_channels=planes * spec.expansion,
                stride=stride,
                params=params[stage],
                macs=counted[stage][0] // 2,
                output_shape=counted[stage][1],
            )
        )
        channels = planes * spec.expansion
    stages.append(
        StageFigures(
            name="head",
            blocks=0,
            in_channels=final,
            planes=net.fc.out_features,
            out_channels=net.fc.out_features,
            stride=1,
            params=params["fc"],
            macs=counted["head"][0] // 2,
            output_shape=counted["head"][1],
        )
    )

    published_macs = round(spec.published_gmacs * 1e9)
    macs = int(total_flops) // 2
    return NetworkAnalysis(
        name=name,
        spec=spec,
        size=size,
        params=total_params,
        macs=macs,
        flops=int(total_flops),
        stages=tuple(stages),
        published_params=spec.published_params,
        published_macs=published_macs,
        macs_error=(macs - published_macs) / published_macs,
    )


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _drop_elementwise(net: nn.Module) -> None:
    """Swap BN and ReLU for Identity: both keep the shape and count no FLOPs, and their meta
    kernels are most of the time of a meta forward. Only for a throwaway net being counted."""
    for module in list(net.modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, SHAPE_PRESERVING):
                setattr(module, child_name, nn.Identity())


@dataclass(frozen=True)
class BlockContext:
    """Where a configured block sits in a torchvision network, and how much of it it is."""

    network: str
    title: str
    stage: str  # "layer1" .. "layer4"
    position: str  # "first block (with projection)" or "repeated block"
    copies: int  # blocks of the network with this block's channels and stride
    block_params: int  # of the configured block
    share_of_network: float  # copies · block_params / the network's parameters
    exact: bool  # False where the network's groups/width per group differ from the config's
    input_size: int  # the block's input height/width in the network at 224×224
    also: tuple[str, ...] = ()  # other networks built from the same block

    def as_dict(self) -> dict:
        row = asdict(self)
        row["also"] = list(self.also)
        return row


# (groups, base_width) of a resnext config -> the torchvision network built from that block.
_RESNEXT_NETWORKS: dict[tuple[int, int], str] = {
    (32, 4): "resnext50_32x4d",
    (32, 8): "resnext101_32x8d",
    (64, 4): "resnext101_64x4d",
    (1, 128): "wide_resnet50_2",
    (1, 64): "resnet50",
}
_RESNEXT_TEMPLATE = "resnext50_32x4d"
_ALSO: dict[str, tuple[str, ...]] = {
    "resnet34": ("resnet18",),
    "resnet50": ("resnet101", "resnet152"),
}


def block_context(cfg: BlockConfig) -> BlockContext | None:
    """The torchvision network the configured block belongs to, the stage and position in it.

    basic → resnet34 (resnet18 too); bottleneck → resnet50 (101 and 152 too); resnext → the network
    with the same groups × width per group, else resnext50_32x4d as the nearest template
    (``exact=False``). None for the pre-activation blocks (torchvision has no such network) and for
    channels or strides that no block of the network has.
    """
    require_config(cfg, "block_context")
    if cfg.block == "basic":
        name, exact = "resnet34", True
    elif cfg.block == "bottleneck":
        name, exact = "resnet50", True
    elif cfg.block == "resnext":
        key = (cfg.groups, cfg.base_width)
        name = _RESNEXT_NETWORKS.get(key, _RESNEXT_TEMPLATE)
        exact = key in _RESNEXT_NETWORKS
    else:
        return None

    plan = block_plan(name)
    stage_slots = [slot for slot in plan if slot.planes == cfg.planes]
    if not stage_slots:
        return None
    first = stage_slots[0]
    out_channels = cfg.out_channels
    if (cfg.in_channels, cfg.stride) == (first.in_channels, first.stride) and (
        first.stride != 1 or first.in_channels != out_channels
    ):
        position, slot = "first block (with projection)", first
    elif cfg.in_channels == out_channels and cfg.stride == 1:
        position, slot = "repeated block", stage_slots[-1]
    else:
        return None
    copies = sum(1 for s in plan if (s.in_channels, s.planes, s.stride) == (cfg.in_channels, cfg.planes, cfg.stride))
    block_params = count_params(cfg)
    return BlockContext(
        network=name,
        title=NETWORKS[name].title,
        stage=slot.stage,
        position=position,
        copies=copies,
        block_params=block_params,
        share_of_network=copies * block_params / NETWORKS[name].published_params,
        exact=exact,
        input_size=slot.input_size,
        also=_ALSO.get(name, ()),
    )
