"""Deep stacks of one block kind, with or without the shortcut, seeded without global state.

A *plain* stack has the same layers as the residual one and no addition: each block's
``shortcut`` is swapped for :class:`NoShortcut`, so ``out + identity`` adds zero and the blocks'
own code is untouched. Every stack here is shape-preserving (stride 1, output channels = input
channels), so no block has a projection to lose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from .checks import whole_number
from .config import BlockConfig, ConfigError
from .registry import BLOCK_NAMES

# Pre-activation partner of each v1 block: same layers, BN and ReLU moved before the convs.
PREACT_OF: dict[str, str] = {"basic": "preact", "bottleneck": "preact_bottleneck"}
PREACT_BLOCKS: tuple[str, ...] = ("preact", "preact_bottleneck")
# The small ResNeXt used here: cardinality 4, a grouped 3×3 twice as wide as planes (as 32×4d at planes 64).
SMALL_RESNEXT = {"groups": 4, "base_width": 32}

STACK_LIMITS: dict[str, tuple[int, int]] = {"depth": (1, 200), "width": (4, 256), "size": (2, 64), "batch": (2, 256)}
MAX_STACK_ELEMENTS = 2**24  # depth · batch · width · size²: about 1 GB of saved activations at the top


class NoShortcut(nn.Module):
    """Stands in for an identity shortcut and returns zeros, so the block adds nothing."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.zeros_like(x)


def without_shortcut(block: nn.Module) -> nn.Module:
    """The same block (modified in place and returned) with its identity addition dropped."""
    if getattr(block, "shortcut", None) is not None:
        raise ValueError("only a block with an identity shortcut can drop it; use stride 1 and equal channels")
    block.shortcut = NoShortcut()
    return block


def check_int(name: str, value: object, low: int, high: int) -> int:
    """``checks.whole_number`` as a ConfigError, which the CLI turns into its one sentence and exit status 2."""
    try:
        return whole_number(name, value, low, high)
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc)) from None


@dataclass(frozen=True)
class StackConfig:
    """``depth`` copies of ``block`` at ``width`` channels on ``size``×``size`` inputs; hashable."""

    block: str = "basic"
    depth: int = 32
    width: int = 16
    size: int = 8
    batch: int = 64
    shortcut: bool = True
    seed: int = 0

    def __post_init__(self) -> None:
        if self.block not in BLOCK_NAMES:
            raise ConfigError(f"unknown block {self.block!r}; choose one of {', '.join(BLOCK_NAMES)}")
        for name, (low, high) in STACK_LIMITS.items():
            check_int(name, getattr(self, name), low, high)
        check_int("seed", self.seed, 0, 2**31 - 1)
        if self.block_config().entry.expansion == 4 and self.width % 4:
            raise ConfigError(f"width={self.width} must be a multiple of 4 for a bottleneck, which expands 4-fold")
        elements = self.depth * self.batch * self.width * self.size**2
        if elements > MAX_STACK_ELEMENTS:
            raise ConfigError(
                f"depth·batch·width·size² = {elements:,} is above the limit of {MAX_STACK_ELEMENTS:,}; "
                "lower the depth, batch, width or size"
            )

    @property
    def label(self) -> str:
        return f"{self.block if self.shortcut else 'plain ' + self.block} ×{self.depth}"

    def block_config(self) -> BlockConfig:
        """One block of the stack, shape-preserving: a bottleneck gets planes = width / 4."""
        expansion = 4 if self.block in ("bottleneck", "resnext", "preact_bottleneck") else 1
        extra = SMALL_RESNEXT if self.block == "resnext" else {}
        planes = max(1, self.width // expansion)
        return BlockConfig(block=self.block, in_channels=self.width, planes=planes, stride=1,
                           batch=self.batch, size=self.size, **extra)


def build_blocks(cfg: StackConfig) -> nn.Sequential:
    """The stack's blocks, initialised from ``cfg.seed`` (the shortcut dropped when ``cfg.shortcut`` is False)."""
    one = cfg.block_config()
    blocks = [one.build() for _ in range(cfg.depth)]
    if not cfg.shortcut:
        blocks = [without_shortcut(b) for b in blocks]
    stack = nn.Sequential(*blocks)
    seeded_init(stack, cfg.seed)
    return stack


def seeded_init(module: nn.Module, seed: int) -> None:
    """torchvision's ResNet initialisation, drawn from a private generator (safe beside other threads).

    Conv weights: Kaiming normal, fan_out, ReLU gain (``torchvision/models/resnet.py``); BatchNorm
    weight 1, bias 0, fresh running statistics; Linear as PyTorch's default (Kaiming uniform with
    a = √5, bias uniform in ±1/√fan_in).
    """
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu", generator=gen)
            elif isinstance(m, nn.Linear):
                nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=gen)
                if m.bias is not None:
                    fan_in = m.weight[0].numel()
                    bound = 1 / math.sqrt(fan_in)
                    m.bias.uniform_(-bound, bound, generator=gen)
            elif isinstance(m, nn.BatchNorm2d):
                m.reset_parameters()


def fixed_batch(cfg: StackConfig) -> torch.Tensor:
    """The stack's fixed random input, N(0, 1), drawn from ``cfg.seed``."""
    gen = torch.Generator().manual_seed(cfg.seed + 1)
    return torch.randn(cfg.batch, cfg.width, cfg.size, cfg.size, generator=gen)
