"""A whole network counted (parameters and MACs per part, beside torchvision's published figures), and
where a configured block sits in its network.

MACs are multiply-adds (torchvision's ``_ops`` "GFLOPS" metadata counts these); FLOPs = 2 · MACs
(what ``torch.utils.flop_counter`` reports). Only convolutions and the classifier are counted.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from .analysis import count_params
from .checks import whole_number
from .config import BlockConfig, require_config
from .networks import (
    IMAGE_SIZES,
    NETWORKS,
    SAME_BLOCK,
    STAGE_NAMES,
    STAGE_PLANES,
    STAGE_STRIDES,
    STEM_CHANNELS,
    NetworkSpec,
    ResNet,
    block_plan,
    get_network,
    network_of,
)
from .tracing import SHAPE_PRESERVING


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
    macs_error: float  # (macs - published_macs) / published_macs; torchvision rounds GMACs to 3 decimals

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def source(self) -> str:
        """Where the published figures come from (torchvision's weights metadata)."""
        return self.spec.source

    @property
    def params_match(self) -> bool:
        return self.params == self.published_params

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


def block_context(cfg: BlockConfig) -> BlockContext | None:
    """The torchvision network the configured block belongs to, the stage and position in it.

    basic → resnet34 (resnet18 too); bottleneck → resnet50 (101 and 152 too); resnext → the network
    with the same groups × width per group, else resnext50_32x4d as the nearest template
    (``exact=False``). None for the pre-activation blocks (torchvision has no such network) and for
    channels or strides that no block of the network has.
    """
    require_config(cfg, "block_context")
    found = network_of(cfg)
    if found is None:
        return None
    name, exact = found
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
    copies = slot.copies
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
        also=SAME_BLOCK.get(name, ()),
    )
