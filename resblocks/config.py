"""The one configuration object: frozen, hashable, validated before any tensor exists."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from torch import nn

from .blocks import PREACT_SHORTCUTS, STRIDE_PLACES, grouped_width
from .checks import Message, one_of, whole_number
from .registry import BLOCK_NAMES, REGISTRY

# Sane limits: beyond these the explorer would only stall or run out of memory.
LIMITS: dict[str, tuple[int, int]] = {
    "in_channels": (1, 4096),
    "planes": (1, 2048),
    "stride": (1, 4),
    "groups": (1, 2048),
    "base_width": (1, 1024),
    "batch": (1, 256),
    "size": (1, 1024),
}
MAX_GROUPED_WIDTH = 8192
MAX_TENSOR_ELEMENTS = 2**28  # 1 GiB in float32: the largest single activation allowed
INT_FIELDS: tuple[str, ...] = tuple(LIMITS)
# The choices between a paper's form and the notes' (or torchvision's): field → its values, default first.
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {"preact_shortcut": PREACT_SHORTCUTS, "stride_on": STRIDE_PLACES}


class ConfigError(ValueError):
    """An invalid configuration; the message is a sentence that names the fix."""


@dataclass(frozen=True)
class BlockConfig:
    """Everything that defines one block and its input. ``groups``/``base_width`` default per block."""

    block: str = "resnext"
    in_channels: int = 64
    planes: int = 64
    stride: int = 1
    groups: int | None = None
    base_width: int | None = None
    batch: int = 1
    size: int = 56
    preact_shortcut: str = "paper"  # pre-activation projection: "paper" (1×1 conv) or "notes" (1×1 conv + BN)
    stride_on: str = "3x3"  # a bottleneck's stride: on the "3x3" (torchvision v1.5) or the first "1x1" (He 2016a)

    def __post_init__(self) -> None:
        try:
            one_of("block", self.block, BLOCK_NAMES)
        except ValueError as exc:
            raise ConfigError(exc.args[0]) from None  # the Message, which keeps its template
        entry = REGISTRY[self.block]
        if self.groups is None:
            object.__setattr__(self, "groups", entry.default_groups)
        if self.base_width is None:
            object.__setattr__(self, "base_width", entry.default_base_width)
        validate(self)

    # Derived sizes -------------------------------------------------------------------------

    @property
    def entry(self):
        return REGISTRY[self.block]

    @property
    def out_channels(self) -> int:
        return self.planes * self.entry.expansion

    @property
    def width(self) -> int:
        """Channels of the block's 3×3 convs (the grouped width for a bottleneck)."""
        if self.entry.expansion == 1:
            return self.planes
        return grouped_width(self.planes, self.groups, self.base_width)

    @property
    def group_width(self) -> int:
        """Channels per group of the 3×3: the paper's bottleneck width d."""
        return self.width // self.groups

    @property
    def out_size(self) -> int:
        return (self.size - 1) // self.stride + 1

    @property
    def input_shape(self) -> tuple[int, int, int, int]:
        return (self.batch, self.in_channels, self.size, self.size)

    @property
    def output_shape(self) -> tuple[int, int, int, int]:
        return (self.batch, self.out_channels, self.out_size, self.out_size)

    @property
    def has_projection(self) -> bool:
        return self.stride != 1 or self.in_channels != self.out_channels

    @property
    def label(self) -> str:
        """Short human name, e.g. 'resnext 32×4d, 64→256, stride 1' (a choice other than the default is named)."""
        kind = self.block
        if self.entry.grouped:
            kind += f" {self.groups}×{self.group_width}d"
        text = f"{kind}, {self.in_channels}→{self.out_channels}, stride {self.stride}"
        if self.stride_on != "3x3":
            text += f" on the {self.stride_on.replace('x', '×')}"
        if self.preact_shortcut != "paper":
            text += ", shortcut BN as in the notes"
        return text

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)

    def replace(self, **changes) -> BlockConfig:
        """A copy with ``changes``; groups/base_width reset to the new block's defaults on a block change."""
        names = [f.name for f in fields(self)]
        unknown = [name for name in changes if name not in names]
        if unknown:
            raise TypeError(Message("BlockConfig has no field {unknown}; change one of {names}",
                                    unknown=", ".join(unknown), names=", ".join(names)))
        if "block" in changes and changes["block"] != self.block:
            changes.setdefault("groups", None)
            changes.setdefault("base_width", None)
            entry = REGISTRY.get(changes["block"])
            if entry is not None and not entry.preactivated:
                changes.setdefault("preact_shortcut", "paper")
            if entry is not None and not entry.bottleneck:
                changes.setdefault("stride_on", "3x3")
        return replace(self, **changes)

    def build(self) -> nn.Module:
        """The block as an ``nn.Module`` (on the current default device)."""
        return self.entry.cls(self.in_channels, self.planes, self.stride, self.groups, self.base_width,
                              preact_shortcut=self.preact_shortcut, stride_on=self.stride_on)


def validate(cfg: BlockConfig) -> None:
    """Raise ConfigError with a sentence that names the fix; return None for a valid config."""
    require_config(cfg, "validate")
    for name in INT_FIELDS:
        try:
            whole_number(name, getattr(cfg, name), *LIMITS[name])
        except (TypeError, ValueError) as exc:
            raise ConfigError(exc.args[0]) from None

    for name, choices in CHOICE_FIELDS.items():
        try:
            one_of(name, getattr(cfg, name), choices)
        except ValueError as exc:
            raise ConfigError(exc.args[0]) from None
    entry = cfg.entry
    if cfg.preact_shortcut != "paper" and not entry.preactivated:
        raise ConfigError(Message(
            "preact_shortcut={value} applies only to a pre-activation block's projection; set it to "
            "paper or choose the preact or preact_bottleneck block", value=cfg.preact_shortcut,
        ))
    if cfg.stride_on != "3x3" and not entry.bottleneck:
        raise ConfigError(Message(
            "stride_on={value} needs a 1×1 before the 3×3, which the {block} block does not have; "
            "set it to 3x3 or choose a bottleneck block", value=cfg.stride_on, block=cfg.block,
        ))
    if not entry.grouped:
        if cfg.groups != 1:
            raise ConfigError(Message(
                "groups={groups} needs a grouped 3×3, which the {block} block does not have; "
                "set groups to 1 or choose the resnext block", groups=cfg.groups, block=cfg.block,
            ))
        if cfg.base_width != 64:
            raise ConfigError(Message(
                "base_width={base_width} applies only to the resnext block; set base_width to 64 "
                "or choose the resnext block (groups=1, base_width=128 is the wide bottleneck)",
                base_width=cfg.base_width,
            ))
    else:
        d = cfg.planes * cfg.base_width // 64
        if d < 1:
            need = math.ceil(64 / cfg.planes)
            raise ConfigError(Message(
                "base_width={base_width} with planes={planes} leaves 0 channels per group "
                "(int({planes}·{base_width}/64) = 0); raise base_width to at least {need}",
                base_width=cfg.base_width, planes=cfg.planes, need=need,
            ))
        if cfg.width > MAX_GROUPED_WIDTH:
            raise ConfigError(Message(
                "the grouped width {width} (= {d}·{groups}) is above the limit of {limit}; "
                "lower groups, base_width or planes", width=cfg.width, d=d, groups=cfg.groups, limit=MAX_GROUPED_WIDTH,
            ))

    if cfg.stride > cfg.size:
        raise ConfigError(Message(
            "stride={stride} is larger than the {size}×{size} input; lower stride or raise size to at least {stride}",
            stride=cfg.stride, size=cfg.size,
        ))

    widest = max(cfg.in_channels, cfg.width, cfg.out_channels)
    elements = cfg.batch * widest * cfg.size * cfg.size
    if elements > MAX_TENSOR_ELEMENTS:
        # The fix in numbers: the largest batch at this size, and the largest size at this batch.
        max_batch = MAX_TENSOR_ELEMENTS // (widest * cfg.size * cfg.size)
        max_size = math.isqrt(MAX_TENSOR_ELEMENTS // (cfg.batch * widest))
        head = ("the largest activation would hold {elements:,} values (batch {batch} × {widest} channels × "
                "{size}×{size}), more than the limit of {limit:,}; ")
        fix = ("lower batch to at most {max_batch} or size to at most {max_size}, or the widths" if max_batch else
               "lower size to at most {max_size} or the widths")
        raise ConfigError(Message(
            head + fix, elements=elements, batch=cfg.batch, widest=widest, size=cfg.size, limit=MAX_TENSOR_ELEMENTS,
            max_size=max_size, **({"max_batch": max_batch} if max_batch else {}),
        ))


def require_config(value: object, caller: str) -> BlockConfig:
    """``value`` when it is a BlockConfig; else a TypeError that says how to make one."""
    if not isinstance(value, BlockConfig):
        raise TypeError(Message(
            "{caller} needs a BlockConfig, not {kind}; build one with BlockConfig(block=..., ...) or from_values(...)",
            caller=caller, kind=type(value).__name__,
        ))
    return value


def divisors(n: int) -> list[int]:
    """The divisors of ``n`` (1 to MAX_GROUPED_WIDTH), in increasing order."""
    whole_number("n", n, 1, MAX_GROUPED_WIDTH)
    return [d for d in range(1, n + 1) if n % d == 0]


def at_fixed_width(cfg: BlockConfig, groups: int) -> BlockConfig:
    """The resnext config with ``groups`` groups and the same grouped width (base_width adjusted).

    This is the axis of the 1/g story: one 3×3 of fixed width, split into more and more groups.
    """
    require_config(cfg, "at_fixed_width")
    if not cfg.entry.grouped:
        raise ConfigError(Message("the {block} block has no grouped 3×3; choose the resnext block", block=cfg.block))
    width = cfg.width
    whole_number("groups", groups, 1)
    if width % groups:
        raise ConfigError(Message(
            "groups={groups} does not divide the grouped width {width}; choose one of {options}",
            groups=groups, width=width, options=", ".join(map(str, divisors(width))),
        ))
    d = width // groups
    base_width = math.ceil(64 * d / cfg.planes)
    if cfg.planes * base_width // 64 != d:  # unreachable for positive sizes, kept as a guard
        raise ConfigError(Message("no base_width gives {d} channels per group with planes={planes}", d=d,
                                  planes=cfg.planes))
    return replace(cfg, groups=groups, base_width=base_width)


def fixed_width_configs(cfg: BlockConfig) -> tuple[dict[int, BlockConfig], dict[int, str]]:
    """``at_fixed_width(cfg, g)`` for every g dividing the grouped width, and why each refused g was left out.

    A g whose channels per group need a base_width outside the allowed range (a small ``planes``
    with a wide grouped 3×3) is skipped with its sentence, not raised: the 1/g sweeps use this.
    """
    require_config(cfg, "fixed_width_configs")
    configs: dict[int, BlockConfig] = {}
    skipped: dict[int, str] = {}
    for g in divisors(cfg.width):
        try:
            configs[g] = at_fixed_width(cfg, g)
        except ConfigError as exc:
            skipped[g] = exc.args[0]  # the Message
    return configs, skipped
