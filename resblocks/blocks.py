"""The residual blocks, one class each, built as in torchvision's ``models/resnet.py``.

Every activation is its own module (``act1``, ``act2`` ...) and nothing runs in place,
so forward hooks and ``torch.fx`` see every tensor. The skip path is called ``shortcut``.
"""

from __future__ import annotations

import torch
from torch import nn


def conv3x3(in_ch: int, out_ch: int, stride: int = 1, groups: int = 1) -> nn.Conv2d:
    """3×3 convolution with padding 1 and no bias (BN follows)."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1, groups=groups, bias=False)


def conv1x1(in_ch: int, out_ch: int, stride: int = 1) -> nn.Conv2d:
    """1×1 convolution with no bias (BN follows)."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=stride, bias=False)


def projection(in_ch: int, out_ch: int, stride: int) -> nn.Sequential | None:
    """The shortcut W_s: 1×1 conv + BN when the stride or the channel count changes, else None."""
    if stride == 1 and in_ch == out_ch:
        return None
    return nn.Sequential(conv1x1(in_ch, out_ch, stride), nn.BatchNorm2d(out_ch))


def grouped_width(planes: int, groups: int = 1, base_width: int = 64) -> int:
    """Channels of the (grouped) 3×3 in a bottleneck: int(planes · base_width / 64) · groups."""
    return (planes * base_width // 64) * groups


class BasicBlock(nn.Module):
    """ResNet-18/34 block (v1): conv3×3 → BN → ReLU → conv3×3 → BN → (+ shortcut) → ReLU."""

    expansion = 1

    def __init__(self, in_channels: int, planes: int, stride: int = 1) -> None:
        super().__init__()
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

    def __init__(self, in_channels: int, planes: int, stride: int = 1) -> None:
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.act1 = nn.ReLU()
        self.conv1 = conv3x3(in_channels, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.act2 = nn.ReLU()
        self.conv2 = conv3x3(planes, planes)
        self.shortcut = projection(in_channels, planes, stride)

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

    def __init__(
        self, in_channels: int, planes: int, stride: int = 1, groups: int = 1, base_width: int = 64
    ) -> None:
        super().__init__()
        width = grouped_width(planes, groups, base_width)
        out_channels = planes * self.expansion

        self.conv1 = conv1x1(in_channels, width)
        self.bn1 = nn.BatchNorm2d(width)
        self.act1 = nn.ReLU()
        # The stride sits on the 3×3, not the first 1×1 (torchvision's "ResNet v1.5").
        self.conv2 = conv3x3(width, width, stride, groups)
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

    def __init__(self, in_channels: int, planes: int, stride: int = 1, base_width: int = 64) -> None:
        super().__init__()
        width = grouped_width(planes, 1, base_width)
        out_channels = planes * self.expansion

        self.bn1 = nn.BatchNorm2d(in_channels)
        self.act1 = nn.ReLU()
        self.conv1 = conv1x1(in_channels, width)
        self.bn2 = nn.BatchNorm2d(width)
        self.act2 = nn.ReLU()
        self.conv2 = conv3x3(width, width, stride)
        self.bn3 = nn.BatchNorm2d(width)
        self.act3 = nn.ReLU()
        self.conv3 = conv1x1(width, out_channels)
        self.shortcut = projection(in_channels, out_channels, stride)

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
