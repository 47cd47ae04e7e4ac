"""A self-contained PyTorch snippet for a configured block: torch only, in the style of the notes' section 8.

The snippet defines the block's class (the notes' names: ``in_ch``, ``downsample``, ``F.relu``), builds it
with the configuration's arguments, runs one input through it and prints the output shape and the
parameter count, which equals ``analyze(cfg).params``. Lines are at most 88 characters.
"""

from __future__ import annotations

from .config import BlockConfig, require_config

MAX_LINE = 88

_HEADER = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv3x3(in_ch, out_ch, stride=1, groups=1):
    return nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1,
                     groups=groups, bias=False)


def conv1x1(in_ch, out_ch, stride=1):
    return nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=stride, bias=False)

'''

_BASIC = '''
class BasicBlock(nn.Module):
    """Conv3x3 -> BN -> ReLU -> Conv3x3 -> BN -> (+skip) -> ReLU"""

    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv1 = conv3x3(in_ch, out_ch, stride=stride)
        self.bn1 = nn.BatchNorm2d(out_ch)
        self.conv2 = conv3x3(out_ch, out_ch)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.downsample = None
        if stride != 1 or in_ch != out_ch:
            self.downsample = nn.Sequential(
                conv1x1(in_ch, out_ch, stride=stride), nn.BatchNorm2d(out_ch))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)
'''

_PREACT = '''
class PreActBasicBlock(nn.Module):
    """BN -> ReLU -> Conv3x3 -> BN -> ReLU -> Conv3x3 -> (+skip), no ReLU after"""

    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_ch)
        self.conv1 = conv3x3(in_ch, out_ch, stride=stride)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.conv2 = conv3x3(out_ch, out_ch)
        self.downsample = None
        if stride != 1 or in_ch != out_ch:
{DOWNSAMPLE}

    def forward(self, x):
        out = F.relu(self.bn1(x))
        # The projection reads the pre-activated tensor; the identity reads x.
        identity = x if self.downsample is None else self.downsample(out)
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + identity
'''

_BOTTLENECK = '''
class {NAME}(nn.Module):
    """1x1 reduce -> BN -> ReLU -> 3x3{GROUPED} -> BN -> ReLU -> 1x1 expand -> BN
    -> (+skip) -> ReLU"""

    expansion = 4

    def __init__(self, in_ch, bottleneck_ch, stride=1, groups=1, base_width=64):
        super().__init__()
        width = int(bottleneck_ch * (base_width / 64.0)) * groups
        out_ch = bottleneck_ch * self.expansion
        # {STRIDE_NOTE}
        self.conv1 = conv1x1(in_ch, width, stride={S1})
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride={S3}, groups=groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, out_ch)
        self.bn3 = nn.BatchNorm2d(out_ch)
        self.downsample = None
        if stride != 1 or in_ch != out_ch:
            self.downsample = nn.Sequential(
                conv1x1(in_ch, out_ch, stride=stride), nn.BatchNorm2d(out_ch))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + identity)
'''

_PREACT_BOTTLENECK = '''
class PreActBottleneck(nn.Module):
    """BN -> ReLU -> 1x1 -> BN -> ReLU -> 3x3 -> BN -> ReLU -> 1x1 -> (+skip)"""

    expansion = 4

    def __init__(self, in_ch, bottleneck_ch, stride=1):
        super().__init__()
        out_ch = bottleneck_ch * self.expansion
        # {STRIDE_NOTE}
        self.bn1 = nn.BatchNorm2d(in_ch)
        self.conv1 = conv1x1(in_ch, bottleneck_ch, stride={S1})
        self.bn2 = nn.BatchNorm2d(bottleneck_ch)
        self.conv2 = conv3x3(bottleneck_ch, bottleneck_ch, stride={S3})
        self.bn3 = nn.BatchNorm2d(bottleneck_ch)
        self.conv3 = conv1x1(bottleneck_ch, out_ch)
        self.downsample = None
        if stride != 1 or in_ch != out_ch:
{DOWNSAMPLE}

    def forward(self, x):
        out = F.relu(self.bn1(x))
        # The projection reads the pre-activated tensor; the identity reads x.
        identity = x if self.downsample is None else self.downsample(out)
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        out = self.conv3(F.relu(self.bn3(out)))
        return out + identity
'''

_PAPER_DOWNSAMPLE = '''\
            # As in He et al. 2016b: a bare 1x1 conv (the notes add a BN after it).
            self.downsample = conv1x1(in_ch, out_ch, stride=stride)'''
_NOTES_DOWNSAMPLE = '''\
            # As in the notes: 1x1 conv + BN (He et al. 2016b use the bare conv).
            self.downsample = nn.Sequential(
                conv1x1(in_ch, out_ch, stride=stride), nn.BatchNorm2d(out_ch))'''

_RUN = '''

block = {CALL}
x = torch.randn({SHAPE})
with torch.no_grad():
    y = block(x)
print("output shape:", tuple(y.shape))
print("parameters:", sum(p.numel() for p in block.parameters()))
'''


def _stride(cfg: BlockConfig, text: str) -> str:
    on_1x1 = cfg.stride_on == "1x1"
    note = ("the stride sits on the first 1x1, as in He et al. 2016a" if on_1x1
            else "the stride sits on the 3x3, as in torchvision (ResNet v1.5)")
    return (text.replace("{STRIDE_NOTE}", note).replace("{S1}", "stride" if on_1x1 else "1")
            .replace("{S3}", "1" if on_1x1 else "stride"))


def block_snippet(cfg: BlockConfig) -> str:
    """Self-contained PyTorch code (torch only) that builds ``cfg``'s block and prints its parameter count."""
    require_config(cfg, "block_snippet")
    downsample = _NOTES_DOWNSAMPLE if cfg.preact_shortcut == "notes" else _PAPER_DOWNSAMPLE
    args = f"{cfg.in_channels}, {cfg.planes}, stride={cfg.stride}"
    if cfg.block == "basic":
        body, call = _BASIC, f"BasicBlock({args})"
    elif cfg.block == "preact":
        body, call = _PREACT.replace("{DOWNSAMPLE}", downsample), f"PreActBasicBlock({args})"
    elif cfg.block == "preact_bottleneck":
        body = _stride(cfg, _PREACT_BOTTLENECK.replace("{DOWNSAMPLE}", downsample))
        call = f"PreActBottleneck({args})"
    else:
        grouped = cfg.block == "resnext"
        name = "ResNeXtBottleneck" if grouped else "Bottleneck"
        body = _stride(cfg, _BOTTLENECK.replace("{NAME}", name).replace("{GROUPED}", " (grouped)" if grouped else ""))
        extra = f", groups={cfg.groups}, base_width={cfg.base_width}" if grouped else ""
        call = f"{name}({args}{extra})"
    shape = ", ".join(map(str, cfg.input_shape))
    return _HEADER + body + _RUN.replace("{CALL}", call).replace("{SHAPE}", shape)
