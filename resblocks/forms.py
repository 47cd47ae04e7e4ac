"""Where a block's form depends on whom you follow, and the numbers a page states about it.

- d, the width per group in a ResNeXt name ("32×4d"), is the first stage's: a block's own d is
  int(base_width · planes / 64), so ResNeXt-50 (32×4d) has d = 8 in its second stage (planes = 128).
- The pre-activation projection: the notes' BN after the 1×1 conv adds 2·C_out parameters.
- A bottleneck's stride on the first 1×1 (He et al. 2016a) instead of the 3×3 (torchvision v1.5)
  lowers the MACs of a downsampling block.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import analyze
from .config import BlockConfig, require_config


@dataclass(frozen=True)
class GroupWidth:
    """The numbers of "d = base_width × planes/64": the width per group of this block's grouped 3×3."""

    base_width: int  # d at planes = 64: the "4" of "32×4d"
    planes: int
    d: int  # int(base_width · planes / 64)
    groups: int


def group_width(cfg: BlockConfig) -> GroupWidth | None:
    """d for ``cfg``'s grouped 3×3 and the numbers it comes from; None for a block without one."""
    require_config(cfg, "group_width")
    if not cfg.entry.grouped:
        return None
    return GroupWidth(cfg.base_width, cfg.planes, cfg.group_width, cfg.groups)


def shortcut_bn_params(cfg: BlockConfig) -> int | None:
    """What the notes' BN after a pre-activation projection adds: 2·C_out parameters (its scale and shift).

    0 where the block has an identity shortcut; None for a block the choice does not apply to.
    """
    require_config(cfg, "shortcut_bn_params")
    if not cfg.entry.preactivated:
        return None
    return 2 * cfg.out_channels if cfg.has_projection else 0


@dataclass(frozen=True)
class StrideMacs:
    """A downsampling bottleneck's MACs with its stride on the 3×3 and on the first 1×1."""

    on_3x3: int
    on_1x1: int

    @property
    def fewer_on_1x1(self) -> float:
        """The fraction of the 3×3 form's MACs that the 1×1 form saves (0.207 for 256→512 at 56²)."""
        return 1 - self.on_1x1 / self.on_3x3


def stride_macs(cfg: BlockConfig) -> StrideMacs | None:
    """Both forms' MACs for ``cfg``; None where the choice does not apply (no bottleneck, or stride 1)."""
    require_config(cfg, "stride_macs")
    if not cfg.entry.bottleneck or cfg.stride == 1:
        return None
    return StrideMacs(analyze(cfg.replace(stride_on="3x3")).macs, analyze(cfg.replace(stride_on="1x1")).macs)
