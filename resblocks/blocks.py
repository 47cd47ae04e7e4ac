"""The residual blocks, one class each, built as in torchvision's ``models/resnet.py``.

Every block takes the same arguments, ``(in_channels, planes, stride=1, groups=1, base_width=64, *,
preact_shortcut="paper", stride_on="3x3")``; only the bottleneck has a grouped 3×3, and the others refuse any
other groups or base_width. Two choices follow the papers or the notes:

- ``preact_shortcut`` (pre-activation blocks): ``"paper"`` projects the shortcut with a bare 1×1 conv on the
  pre-activated input, as He et al. 2016b, its released code and timm do; ``"notes"`` adds a BN after it, as
  the notes' ``PreActBasicBlock`` does (2·C_out more parameters per projection).
- ``stride_on`` (the three bottleneck blocks): ``"3x3"`` puts a downsampling block's stride on the 3×3, as
  torchvision does ("ResNet v1.5"); ``"1x1"`` on the first 1×1, as He et al. 2016a did (fewer MACs, since the
  3×3 and everything after it already run at the reduced size either way, and the 1×1 then does too).

Every activation is its own module (``act1``, ``act2`` ...) and nothing runs in place,
so forward hooks and ``torch.fx`` see every tensor. The skip path is called ``shortcut``.
"""

from __future__ import annotations

import torch
from torch import nn

from .checks import one_of, whole_number


def conv3x3(in_ch: int, out_ch: int, stride: int = 1, groups: int = 1) -> nn.Conv2d:
    """3×3 convolution with padding 1 and no bias (BN follows)."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1, groups=groups, bias=False)


def conv1x1(in_ch: int, out_ch: int, stride: int = 1) -> nn.Conv2d:
    """1×1 convolution with no bias (BN follows)."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=stride, bias=False)


def projection(in_ch: int, out_ch: int, stride: int, bn: bool = True) -> nn.Sequential | None:
    """The shortcut W_s: 1×1 conv (+ BN unless ``bn`` is False) when the stride or the channel count changes,
    else None."""
    if stride == 1 and in_ch == out_ch:
        return None
    if not bn:
        return nn.Sequential(conv1x1(in_ch, out_ch, stride))
    return nn.Sequential(conv1x1(in_ch, out_ch, stride), nn.BatchNorm2d(out_ch))


def grouped_width(planes: int, groups: int = 1, base_width: int = 64) -> int:
    """Channels of the (grouped) 3×3 in a bottleneck: int(planes · base_width / 64) · groups."""
    return (planes * base_width // 64) * groups


MAX_CHANNELS = 2**20  # far beyond any real block; keeps torch's size arithmetic away from overflow
PREACT_SHORTCUTS = ("paper", "notes")  # a pre-activation projection: bare 1×1 conv, or 1×1 conv + BN
STRIDE_PLACES = ("3x3", "1x1")  # where a bottleneck's stride sits: torchvision v1.5, or He et al. 2016a


def check_arguments(
    block: str, in_channels: int, planes: int, stride: int, groups: int, base_width: int, grouped: bool = False,
    preact_shortcut: str = "paper", stride_on: str = "3x3", preactivated: bool = False, bottleneck: bool = False,
) -> None:
    """A TypeError or ValueError that names the fix for arguments no block of kind ``block`` can be built with.

    Every size is a whole number from 1 to MAX_CHANNELS; a block without a grouped 3×3 (``grouped``
    False) takes only groups=1 and base_width=64, as torchvision's BasicBlock does; a grouped one
    needs at least one channel per group. ``preact_shortcut`` other than "paper" needs a ``preactivated``
    block, ``stride_on`` other than "3x3" a ``bottleneck``.
    """
    sizes = {"in_channels": in_channels, "planes": planes, "stride": stride, "groups": groups, "base_width": base_width}
    for name, value in sizes.items():
        whole_number(f"{block}'s {name}", value, 1, MAX_CHANNELS)
    one_of(f"{block}'s preact_shortcut", preact_shortcut, PREACT_SHORTCUTS)
    one_of(f"{block}'s stride_on", stride_on, STRIDE_PLACES)
    if not preactivated and preact_shortcut != "paper":
        raise ValueError(
            f"{block} is not a pre-activation block, so its projection is a 1×1 conv + BN as in its paper; "
            "leave preact_shortcut at 'paper' or use PreActBlock or PreActBottleneck"
        )
    if not bottleneck and stride_on != "3x3":
        raise ValueError(
            f"{block} has no 1×1 before its 3×3, so its stride sits on the first 3×3; leave stride_on at '3x3' "
            "or use a bottleneck block"
        )
    if not grouped and (groups != 1 or base_width != 64):
        raise ValueError(
            f"{block} has no grouped 3×3, so it takes only groups=1 and base_width=64, not groups={groups} and "
            f"base_width={base_width}; leave both at their defaults or use Bottleneck"
        )
    if grouped and grouped_width(planes, 1, base_width) < 1:
        raise ValueError(
            f"{block} with planes={planes} and base_width={base_width} has int({planes}·{base_width}/64) = 0 "
            "channels per group; raise planes or base_width so that planes·base_width is at least 64"
        )


class BasicBlock(nn.Module):
    """ResNet-18/34 block (v1): conv3×3 → BN → ReLU → conv3×3 → BN → (+ shortcut) → ReLU."""

    expansion = 1
    preactivated = False

    def __init__(
        self, in_channels: int, planes: int, stride: int = 1, groups: int = 1, base_width: int = 64, *,
        preact_shortcut: str = "paper", stride_on: str = "3x3",
    ) -> None:
        super().__init__()
        check_arguments(type(self).__name__, in_channels, planes, stride, groups, base_width,
                        preact_shortcut=preact_shortcut, stride_on=stride_on)
        self.conv1 = conv3x3(in_channels, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.act1 = nn.ReLU()
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = projection(in_channels, planes, stride)
        self.act2 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.act1(out)

        out = self.conv2(out)
        out = self.bn2(out)

        identity = x if self.shortcut is None else self.shortcut(x)
        out = out + identity
        return self.act2(out)


class PreActBlock(nn.Module):
    """ResNet v2 basic block: BN → ReLU → conv3×3 → BN → ReLU → conv3×3 → (+ shortcut).

    No ReLU after the addition; a projection shortcut reads the pre-activated input.
    """

    expansion = 1
    preactivated = True

    def __init__(
        self, in_channels: int, planes: int, stride: int = 1, groups: int = 1, base_width: int = 64, *,
        preact_shortcut: str = "paper", stride_on: str = "3x3",
    ) -> None:
        super().__init__()
        check_arguments(type(self).__name__, in_channels, planes, stride, groups, base_width,
                        preact_shortcut=preact_shortcut, stride_on=stride_on, preactivated=True)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.act1 = nn.ReLU()
        self.conv1 = conv3x3(in_channels, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.act2 = nn.ReLU()
        self.conv2 = conv3x3(planes, planes)
        self.shortcut = projection(in_channels, planes, stride, bn=preact_shortcut == "notes")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pre = self.bn1(x)
        pre = self.act1(pre)

        out = self.conv1(pre)
        out = self.bn2(out)
        out = self.act2(out)
        out = self.conv2(out)

        # The projection reads the pre-activated tensor; the identity reads x itself.
        identity = x if self.shortcut is None else self.shortcut(pre)
        return out + identity


class Bottleneck(nn.Module):
    """ResNet-50 bottleneck (v1.5) and, with ``groups > 1``, the ResNeXt block.

    conv1×1 (reduce) → BN → ReLU → conv3×3 (stride, groups) → BN → ReLU → conv1×1 (expand) → BN
    → (+ shortcut) → ReLU. The 3×3 has int(planes · base_width / 64) · groups channels.
    """

    expansion = 4
    preactivated = False

    def __init__(
        self, in_channels: int, planes: int, stride: int = 1, groups: int = 1, base_width: int = 64, *,
        preact_shortcut: str = "paper", stride_on: str = "3x3",
    ) -> None:
        super().__init__()
        check_arguments(type(self).__name__, in_channels, planes, stride, groups, base_width, grouped=True,
                        preact_shortcut=preact_shortcut, stride_on=stride_on, bottleneck=True)
        width = grouped_width(planes, groups, base_width)
        out_channels = planes * self.expansion
        on_1x1 = stride_on == "1x1"

        # The stride sits on the 3×3 (torchvision's "ResNet v1.5") or on the first 1×1 (He et al. 2016a).
        self.conv1 = conv1x1(in_channels, width, stride if on_1x1 else 1)
        self.bn1 = nn.BatchNorm2d(width)
        self.act1 = nn.ReLU()
        self.conv2 = conv3x3(width, width, 1 if on_1x1 else stride, groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.act2 = nn.ReLU()
        self.conv3 = conv1x1(width, out_channels)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.shortcut = projection(in_channels, out_channels, stride)
        self.act3 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.act1(out)

        out = self.conv2(out)
        out = self.bn2(out)
        out = self.act2(out)

        out = self.conv3(out)
        out = self.bn3(out)

        identity = x if self.shortcut is None else self.shortcut(x)
        out = out + identity
        return self.act3(out)


class PreActBottleneck(nn.Module):
    """Pre-activation bottleneck (He et al. 2016, ResNet-164/1001):
    BN → ReLU → conv1×1 → BN → ReLU → conv3×3 (stride) → BN → ReLU → conv1×1 → (+ shortcut).
    """

    expansion = 4
    preactivated = True

    def __init__(
        self, in_channels: int, planes: int, stride: int = 1, groups: int = 1, base_width: int = 64, *,
        preact_shortcut: str = "paper", stride_on: str = "3x3",
    ) -> None:
        super().__init__()
        check_arguments(type(self).__name__, in_channels, planes, stride, groups, base_width,
                        preact_shortcut=preact_shortcut, stride_on=stride_on, preactivated=True, bottleneck=True)
        width = planes
        out_channels = planes * self.expansion
        on_1x1 = stride_on == "1x1"

        self.bn1 = nn.BatchNorm2d(in_channels)
        self.act1 = nn.ReLU()
        self.conv1 = conv1x1(in_channels, width, stride if on_1x1 else 1)
        self.bn2 = nn.BatchNorm2d(width)
        self.act2 = nn.ReLU()
        self.conv2 = conv3x3(width, width, 1 if on_1x1 else stride)
        self.bn3 = nn.BatchNorm2d(width)
        self.act3 = nn.ReLU()
        self.conv3 = conv1x1(width, out_channels)
        self.shortcut = projection(in_channels, out_channels, stride, bn=preact_shortcut == "notes")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pre = self.bn1(x)
        pre = self.act1(pre)

        out = self.conv1(pre)
        out = self.bn2(out)
        out = self.act2(out)

        out = self.conv2(out)
        out = self.bn3(out)
        out = self.act3(out)

        out = self.conv3(out)

        identity = x if self.shortcut is None else self.shortcut(pre)
        return out + identity
