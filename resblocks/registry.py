"""Block name → what the explorer knows about it: class, defaults, paper, one-line summary."""

from __future__ import annotations

from dataclasses import dataclass

from torch import nn

from .blocks import BasicBlock, Bottleneck, PreActBlock, PreActBottleneck
from .checks import one_of


@dataclass(frozen=True)
class BlockEntry:
    name: str
    cls: type[nn.Module]
    title: str
    summary: str
    paper: str
    main_path: str
    purpose: str
    key_difference: str
    grouped: bool = False  # True where groups and base_width apply
    default_groups: int = 1
    default_base_width: int = 64

    @property
    def expansion(self) -> int:
        return self.cls.expansion

    @property
    def preactivated(self) -> bool:
        """True where the ``preact_shortcut`` choice applies (a pre-activation block's projection)."""
        return self.cls.preactivated

    @property
    def bottleneck(self) -> bool:
        """True where the ``stride_on`` choice applies (a 1×1 precedes the 3×3)."""
        return self.cls.expansion == 4


REGISTRY: dict[str, BlockEntry] = {
    e.name: e
    for e in (
        BlockEntry(
            name="basic",
            cls=BasicBlock,
            title="Basic block (ResNet-18/34)",
            summary="Two 3×3 convs at full width, BN and ReLU after each, ReLU after the addition.",
            paper="He et al. 2016, Deep Residual Learning for Image Recognition (CVPR)",
            main_path="3×3 → 3×3",
            purpose="Plain residual learning",
            key_difference="Both 3×3 convs run at the full channel width",
        ),
        BlockEntry(
            name="preact",
            cls=PreActBlock,
            title="Pre-activation block (ResNet v2)",
            summary="BN and ReLU move before each conv; nothing follows the addition, so the skip path stays clean.",
            paper="He et al. 2016, Identity Mappings in Deep Residual Networks (ECCV)",
            main_path="(BN+ReLU) → 3×3 → (BN+ReLU) → 3×3",
            purpose="More stable training of very deep nets",
            key_difference="BN/ReLU come before the convs, no ReLU after the addition",
        ),
        BlockEntry(
            name="bottleneck",
            cls=Bottleneck,
            title="Bottleneck (ResNet-50/101/152)",
            summary="A 1×1 reduces the channels, the 3×3 runs narrow, a 1×1 expands them four-fold.",
            paper="He et al. 2016, Deep Residual Learning for Image Recognition (CVPR)",
            main_path="1×1 → 3×3 → 1×1",
            purpose="Cut the cost so the net can go deeper",
            key_difference="The 3×3 runs on the narrow (reduced) channels",
        ),
        BlockEntry(
            name="resnext",
            cls=Bottleneck,
            title="ResNeXt block (grouped-conv bottleneck)",
            summary="A bottleneck whose 3×3 is a grouped conv: g parallel paths (cardinality), split-transform-merge in one op.",
            paper="Xie et al. 2017, Aggregated Residual Transformations for Deep Neural Networks (CVPR)",
            main_path="1×1 → grouped 3×3 → 1×1",
            purpose="More capacity at the same budget",
            key_difference="The 3×3 is grouped: cardinality g, 1/g of the dense 3×3's weights",
            grouped=True,
            default_groups=32,
            default_base_width=4,
        ),
        BlockEntry(
            name="preact_bottleneck",
            cls=PreActBottleneck,
            title="Pre-activation bottleneck (ResNet v2, 164/1001 layers)",
            summary="The bottleneck in pre-activation order: BN and ReLU before each of its three convs.",
            paper="He et al. 2016, Identity Mappings in Deep Residual Networks (ECCV)",
            main_path="(BN+ReLU) → 1×1 → (BN+ReLU) → 3×3 → (BN+ReLU) → 1×1",
            purpose="Very deep nets (ResNet-164, ResNet-1001)",
            key_difference="Bottleneck shape with pre-activation order",
        ),
    )
}

BLOCK_NAMES: tuple[str, ...] = tuple(REGISTRY)


def get_entry(name: str) -> BlockEntry:
    """The registry entry for ``name``; a ValueError names the valid choices."""
    return REGISTRY[one_of("block", name, BLOCK_NAMES)]
