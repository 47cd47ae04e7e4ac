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

from .checks import Message, shown, whole_number
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
    if not isinstance(block, nn.Module):
        raise TypeError(Message("without_shortcut takes a block (an nn.Module), not {kind}; build one with "
                                "BlockConfig(...).build()", kind=type(block).__name__))
    if getattr(block, "shortcut", None) is not None:
        raise ValueError(Message("only a block with an identity shortcut can drop it; use stride 1 and equal "
                                 "channels"))
    block.shortcut = NoShortcut()
    return block


def check_int(name: str, value: object, low: int, high: int) -> int:
    """``checks.whole_number`` as a ConfigError, which the CLI turns into its one sentence and exit status 2."""
    try:
        return whole_number(name, value, low, high)
    except (TypeError, ValueError) as exc:
        raise ConfigError(exc.args[0] if exc.args else str(exc)) from None  # a Message keeps its template


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
        if not isinstance(self.block, str) or self.block not in BLOCK_NAMES:
            raise ConfigError(Message("unknown block {block}; choose one of {options}", block=shown(self.block),
                                      options=", ".join(BLOCK_NAMES)))
        for name, (low, high) in STACK_LIMITS.items():
            check_int(name, getattr(self, name), low, high)
        check_int("seed", self.seed, 0, 2**31 - 1)
        if not isinstance(self.shortcut, bool):
            raise ConfigError(Message("shortcut must be True or False, not {value}", value=shown(self.shortcut)))
        if self.block_config().entry.expansion == 4 and self.width % 4:
            raise ConfigError(Message("width={width} must be a multiple of 4 for a bottleneck, which expands 4-fold",
                                      width=self.width))
        elements = self.depth * self.batch * self.width * self.size**2
        if elements > MAX_STACK_ELEMENTS:
            raise ConfigError(Message("depth·batch·width·size² = {n:,} is above the limit of {limit:,}; lower the "
                                      "depth, batch, width or size", n=elements, limit=MAX_STACK_ELEMENTS))

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


def require_stack(value: object, caller: str) -> StackConfig:
    """``value`` when it is a StackConfig; else a TypeError that says how to make one."""
    if not isinstance(value, StackConfig):
        raise TypeError(Message("{caller} needs a StackConfig, not {kind}; build one with StackConfig(block=..., "
                                "depth=..., ...)", caller=caller, kind=type(value).__name__))
    return value


def build_blocks(cfg: StackConfig) -> nn.Sequential:
    """The stack's blocks, initialised from ``cfg.seed`` (the shortcut dropped when ``cfg.shortcut`` is False)."""
    require_stack(cfg, "build_blocks")
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
    if not isinstance(module, nn.Module):
        raise TypeError(Message("seeded_init takes an nn.Module, not {kind}", kind=type(module).__name__))
    check_int("seed", seed, 0, 2**31 - 1)
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
    require_stack(cfg, "fixed_batch")
    gen = torch.Generator().manual_seed(cfg.seed + 1)
    return torch.randn(cfg.batch, cfg.width, cfg.size, cfg.size, generator=gen)
