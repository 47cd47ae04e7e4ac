"""torchinfo's summary of a block beside the library's own figures (the Budget page's cross-check).

torchinfo runs a real forward pass, so it is skipped (with a sentence) for blocks too big to build or run here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import torch
from torch import nn

from .analysis import analyze
from .checks import Message
from .config import BlockConfig, require_config

TORCHINFO_MAX_ELEMENTS = 2**23  # largest activation (batch 1) that torchinfo's real CPU forward may hold: 32 MiB
TORCHINFO_MAX_MACS = 5 * 10**9  # and its MACs: a few seconds on a small CPU
TORCHINFO_MAX_PARAMS = 16 * 10**6  # and its weights: the module is built for real (64 MiB in float32)


@dataclass(frozen=True)
class TorchinfoRow:
    """One leaf module of torchinfo's table."""

    name: str  # module path, as in the library's rows ("conv1", "shortcut.0")
    kind: str  # torchinfo's class name: Conv2d, BatchNorm2d, ReLU
    output_shape: tuple[int, ...]
    params: int
    mult_adds: int  # torchinfo's count: MACs for a conv, one per weight and bias for BN


@dataclass(frozen=True)
class TorchinfoCheck:
    """torchinfo's summary of the block (one image) and how its totals compare with the library's."""

    text: str  # torchinfo's table as it prints it
    rows: tuple[TorchinfoRow, ...]
    params: int
    mult_adds: int  # torchinfo's total: conv MACs plus one per BN weight and bias
    conv_macs: int  # torchinfo's Conv2d rows only
    library_params: int
    library_macs: int  # conv MACs only, per image

    @property
    def params_agree(self) -> bool:
        return self.params == self.library_params

    @property
    def conv_macs_agree(self) -> bool:
        return self.conv_macs == self.library_macs

    @property
    def bn_mult_adds(self) -> int:
        return self.mult_adds - self.conv_macs


def torchinfo_too_big(cfg: BlockConfig) -> str | None:
    """Why torchinfo's real forward pass is skipped for ``cfg`` (a sentence), or None where it runs."""
    one = require_config(cfg, "torchinfo_too_big").replace(batch=1)
    widest = max(one.in_channels, one.width, one.out_channels) * one.size * one.size
    a = analyze(one)
    if a.params > TORCHINFO_MAX_PARAMS:
        return Message(
            "torchinfo needs the real block in memory, and this one has {params:,} parameters ({gib:.2f} GiB), more "
            "than the {limit:,} allowed here; lower the widths to see its table (the figures on this page are "
            "computed without building the block)", params=a.params, gib=a.weight_bytes / 2**30,
            limit=TORCHINFO_MAX_PARAMS,
        )
    macs = a.macs
    if widest > TORCHINFO_MAX_ELEMENTS or macs > TORCHINFO_MAX_MACS:
        return Message(
            "torchinfo runs a real forward pass on the CPU, and one {size}×{size} image through this block takes "
            "{macs:,} MACs with activations of up to {widest:,} values; lower size or the widths to see its table "
            "(the figures on this page are computed without running the block)", size=one.size, macs=macs,
            widest=widest,
        )
    return None


_TORCHINFO_LOCK = threading.Lock()  # torchinfo hooks the module; a shared module takes one summary at a time


def torchinfo_check(module: nn.Module, cfg: BlockConfig) -> TorchinfoCheck:
    """Run ``torchinfo.summary`` on ``module`` (``cfg``'s block on the CPU) for one image, beside the library.

    The module is only hooked for the duration of the call and left in its own mode (torchinfo runs
    it in eval mode under no_grad, so BN statistics do not move).
    """
    from torchinfo import summary

    if not isinstance(module, nn.Module):
        raise TypeError(f"torchinfo_check needs the block as an nn.Module, not {type(module).__name__}; pass cfg.build()")
    reason = torchinfo_too_big(cfg)
    if type(module) is not cfg.entry.cls or sum(p.numel() for p in module.parameters()) != analyze(cfg).params:
        raise ValueError(f"the module is not the block of {cfg.label}; pass cfg.build() for the same cfg")
    if any(p.is_meta for p in module.parameters()):
        raise ValueError("the module lives on the meta device, where torchinfo cannot run it; pass cfg.build() on the CPU")
    if reason is not None:
        raise ValueError(reason)
    one = cfg.replace(batch=1)
    with _TORCHINFO_LOCK, torch.device("cpu"):  # its input is made under the caller's default device: the CPU's
        info = summary(module, input_size=one.input_shape, verbose=0, depth=3, device=torch.device("cpu"),
                       col_names=("output_size", "num_params", "mult_adds"))
    a = analyze(one)
    rows, path = [], []
    for layer in info.summary_list:  # in forward order; a module's path is its ancestors' names joined
        path[layer.depth:] = [layer.var_name]
        if layer.depth >= 1 and layer.is_leaf_layer:
            rows.append(TorchinfoRow(".".join(path[1:]), layer.class_name, tuple(layer.output_size),
                                     int(layer.num_params), int(layer.macs)))
    return TorchinfoCheck(
        text=str(info),
        rows=tuple(rows),
        params=int(info.total_params),
        mult_adds=int(info.total_mult_adds),
        conv_macs=sum(int(layer.macs) for layer in info.summary_list if layer.class_name == "Conv2d"),
        library_params=a.params,
        library_macs=a.macs,
    )
