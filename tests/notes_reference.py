"""The reference blocks of the source notes (resnext-blocks-notes.md, section 8), transcribed as given,
so the tests can prove that resblocks builds exactly the same structure and parameter counts."""

import torch.nn.functional as F
from torch import nn


def conv3x3(in_ch, out_ch, stride=1, groups=1, dilation=1):
    return nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=dilation, groups=groups, bias=False,
                     dilation=dilation)


def conv1x1(in_ch, out_ch, stride=1):
    return nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=stride, bias=False)


def _downsample(in_ch, out_ch, stride):
    if stride != 1 or in_ch != out_ch:
        return nn.Sequential(conv1x1(in_ch, out_ch, stride=stride), nn.BatchNorm2d(out_ch))
    return None


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv1 = conv3x3(in_ch, out_ch, stride=stride)
        self.bn1 = nn.BatchNorm2d(out_ch)
        self.conv2 = conv3x3(out_ch, out_ch, stride=1)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.downsample = _downsample(in_ch, out_ch, stride)

    def forward(self, x):
        identity = x
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return F.relu(out + identity)


class PreActBasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_ch)
        self.conv1 = conv3x3(in_ch, out_ch, stride=stride)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.conv2 = conv3x3(out_ch, out_ch, stride=1)
        self.downsample = _downsample(in_ch, out_ch, stride)

    def forward(self, x):
        out = F.relu(self.bn1(x))
        identity = x
        if self.downsample is not None:
            identity = self.downsample(out)
        out = self.conv1(out)
        out = F.relu(self.bn2(out))
        out = self.conv2(out)
        return out + identity


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_ch, bottleneck_ch, stride=1):
        super().__init__()
        out_ch = bottleneck_ch * self.expansion
        self.conv1 = conv1x1(in_ch, bottleneck_ch)
        self.bn1 = nn.BatchNorm2d(bottleneck_ch)
        self.conv2 = conv3x3(bottleneck_ch, bottleneck_ch, stride=stride)
        self.bn2 = nn.BatchNorm2d(bottleneck_ch)
        self.conv3 = conv1x1(bottleneck_ch, out_ch)
        self.bn3 = nn.BatchNorm2d(out_ch)
        self.downsample = _downsample(in_ch, out_ch, stride)

    def forward(self, x):
        identity = x
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return F.relu(out + identity)


class ResNeXtBottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_ch, bottleneck_ch, stride=1, groups=32, base_width=4):
        super().__init__()
        width = int(bottleneck_ch * (base_width / 64.0)) * groups
        out_ch = bottleneck_ch * self.expansion
        self.conv1 = conv1x1(in_ch, width)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride=stride, groups=groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, out_ch)
        self.bn3 = nn.BatchNorm2d(out_ch)
        self.downsample = _downsample(in_ch, out_ch, stride)

    def forward(self, x):
        identity = x
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return F.relu(out + identity)
