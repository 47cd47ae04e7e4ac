"""The three equivalent forms of the ResNeXt block (Xie et al. 2017, Fig. 3), built from one block's weights.

(a) split-transform-sum: g separate paths of 1×1 → 3×3 → 1×1, summed;
(b) split-transform-concatenate: g paths of 1×1 → 3×3, concatenated, one 1×1;
(c) the grouped convolution: one 1×1 → grouped 3×3 (g groups) → 1×1.

All three compute the same function. (b) = (c) because a grouped conv *is* g convs on channel slices,
concatenated; (a) = (b) because a 1×1 conv is linear, so conv3(concat h_i) = Σ_i conv3_i(h_i) with conv3_i
the columns of conv3 that read slice i. BN3 follows the sum, so it is exactly the same BN in all three.

The check is guarded like a run: its tensors are estimated before anything is built and refused
above the same memory limit, it takes the CPU's turn in the run queue, and it builds, runs and
frees forms (a) and (b) one at a time beside the block, which is form (c) itself.
"""

from __future__ import annotations

import copy
import functools
import operator
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import torch
from torch import nn

from .bench.device_queue import device_turn
from .bench.limits import MemoryEstimate, MemoryLimitError, equivalence_memory, equivalence_sentence
from .bench.settings import QUEUE_TIMEOUT_S
from .blocks import Bottleneck, conv1x1, conv3x3
from .checks import Message, whole_number
from .config import BlockConfig, ConfigError, require_config

DEFAULT_BATCH = 2
DEFAULT_MAX_SIZE = 16  # the check needs equal outputs, not a realistic resolution
# One module per path: 512 depthwise paths already take ~10 s on a 2-core CPU, 2,048 would take a minute.
MAX_PATHS = 256


class GroupPath(nn.Module):
    """One of the g paths: 1×1 (in→d) → BN → ReLU → 3×3 (d→d, stride) → BN → ReLU [→ 1×1 (d→out)].

    ``reduce_stride`` is the first 1×1's stride: 1, or the block's stride where it sits there (He et al. 2016a).
    """

    def __init__(self, in_channels: int, d: int, stride: int, out_channels: int | None, reduce_stride: int = 1) -> None:
        super().__init__()
        self.conv1 = conv1x1(in_channels, d, reduce_stride)
        self.bn1 = nn.BatchNorm2d(d)
        self.act1 = nn.ReLU()
        self.conv2 = conv3x3(d, d, stride)
        self.bn2 = nn.BatchNorm2d(d)
        self.act2 = nn.ReLU()
        self.conv3 = None if out_channels is None else conv1x1(d, out_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.act1(out)

        out = self.conv2(out)
        out = self.bn2(out)
        out = self.act2(out)

        if self.conv3 is not None:
            out = self.conv3(out)
        return out


class SplitSum(nn.Module):
    """Form (a): g paths, each ending in its own 1×1 (d→out); the outputs are summed, then BN, + shortcut, ReLU."""

    def __init__(self, paths: nn.ModuleList, bn3: nn.BatchNorm2d, shortcut: nn.Module | None) -> None:
        super().__init__()
        self.paths = paths
        self.bn3 = bn3
        self.shortcut = shortcut
        self.act3 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = functools.reduce(operator.add, (path(x) for path in self.paths))
        out = self.bn3(out)

        identity = x if self.shortcut is None else self.shortcut(x)
        out = out + identity
        return self.act3(out)


class SplitConcat(nn.Module):
    """Form (b): g paths of 1×1 → 3×3, concatenated along channels, then one 1×1 → BN, + shortcut, ReLU."""

    def __init__(
        self, paths: nn.ModuleList, conv3: nn.Conv2d, bn3: nn.BatchNorm2d, shortcut: nn.Module | None
    ) -> None:
        super().__init__()
        self.paths = paths
        self.conv3 = conv3
        self.bn3 = bn3
        self.shortcut = shortcut
        self.act3 = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.cat([path(x) for path in self.paths], dim=1)
        out = self.conv3(out)
        out = self.bn3(out)

        identity = x if self.shortcut is None else self.shortcut(x)
        out = out + identity
        return self.act3(out)


def _copy(tensor: torch.Tensor) -> torch.Tensor:
    # Contiguous on purpose: a strided slice of conv3's columns kept as a weight makes CPU convs far slower.
    return tensor.detach().clone(memory_format=torch.contiguous_format)


def _bn_slice(bn: nn.BatchNorm2d, channels: slice, prefix: str) -> dict[str, torch.Tensor]:
    """The state of ``bn`` restricted to ``channels`` (per-channel BN: slicing keeps every count)."""
    state = {
        name: _copy(tensor[channels])
        for name, tensor in (
            ("weight", bn.weight),
            ("bias", bn.bias),
            ("running_mean", bn.running_mean),
            ("running_var", bn.running_var),
        )
    }
    state["num_batches_tracked"] = _copy(bn.num_batches_tracked)
    return {f"{prefix}.{name}": tensor for name, tensor in state.items()}


def _paths(block: Bottleneck, with_conv3: bool) -> nn.ModuleList:
    """The g paths of ``block``, each holding copies of its slice of the grouped block's weights."""
    g = block.conv2.groups
    width = block.conv2.out_channels
    d = width // g
    in_channels = block.conv1.in_channels
    out_channels = block.conv3.out_channels if with_conv3 else None
    stride, reduce_stride = block.conv2.stride[0], block.conv1.stride[0]  # one of them is the block's stride

    # Built on the meta device (no random init to throw away), then the slices are assigned.
    with torch.device("meta"):
        paths = nn.ModuleList(GroupPath(in_channels, d, stride, out_channels, reduce_stride) for _ in range(g))
    for i, path in enumerate(paths):
        rows = slice(i * d, (i + 1) * d)
        state = {
            "conv1.weight": _copy(block.conv1.weight[rows]),
            "conv2.weight": _copy(block.conv2.weight[rows]),  # group i's filters
            **_bn_slice(block.bn1, rows, "bn1"),
            **_bn_slice(block.bn2, rows, "bn2"),
        }
        if with_conv3:
            state["conv3.weight"] = _copy(block.conv3.weight[:, rows])  # the columns reading slice i
        for bn, source in ((path.bn1, block.bn1), (path.bn2, block.bn2)):
            bn.eps, bn.momentum = source.eps, source.momentum
        path.load_state_dict(state, assign=True)
    return paths


def _check_block(block: object) -> Bottleneck:
    if not isinstance(block, Bottleneck):
        raise ValueError(Message(
            "equivalent forms exist only for the (grouped) bottleneck, not {kind}; pass a resnext block",
            kind=type(block).__name__,
        ))
    return block


def _split_sum(block: Bottleneck) -> SplitSum:
    return SplitSum(_paths(block, with_conv3=True), copy.deepcopy(block.bn3), copy.deepcopy(block.shortcut)).train(
        block.training)


def _split_concat(block: Bottleneck) -> SplitConcat:
    return SplitConcat(_paths(block, with_conv3=False), copy.deepcopy(block.conv3), copy.deepcopy(block.bn3),
                       copy.deepcopy(block.shortcut)).train(block.training)


def equivalent_forms(block: Bottleneck) -> tuple[nn.Module, nn.Module, nn.Module]:
    """Forms (a) split-sum, (b) split-concat and (c) grouped of ``block``, computing the same function.

    Each form holds its own copies of the weights and BN statistics; none shares state with ``block``.
    """
    block = _check_block(block)
    return _split_sum(block), _split_concat(block), copy.deepcopy(block)


@dataclass(frozen=True)
class EquivalenceResult:
    """The three forms run on one input: how far (a) and (b) are from (c), and how long each took."""

    groups: int
    width: int
    group_width: int  # d, the channels of each path
    max_abs_diff_sum_vs_grouped: float
    max_abs_diff_concat_vs_grouped: float
    max_abs_output: float  # the scale the differences are measured against
    dtype: str
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    seconds_sum: float
    seconds_concat: float
    seconds_grouped: float

    def as_dict(self) -> dict:
        row = asdict(self)
        row["input_shape"] = list(self.input_shape)
        row["output_shape"] = list(self.output_shape)
        return row


def randomise_bn(module: nn.Module, generator: torch.Generator) -> None:
    """Give every BN random affine parameters and running statistics, so that no BN is the identity."""
    for bn in module.modules():
        if not isinstance(bn, nn.BatchNorm2d):
            continue
        n = bn.num_features
        bn.weight = nn.Parameter(0.5 + torch.rand(n, generator=generator))
        bn.bias = nn.Parameter(0.1 * torch.randn(n, generator=generator))
        bn.running_mean = 0.1 * torch.randn(n, generator=generator)
        bn.running_var = 0.5 + torch.rand(n, generator=generator)


def _check_input(cfg: BlockConfig, batch: int | None, size: int | None) -> tuple[int, int]:
    if not cfg.entry.grouped:
        raise ConfigError(Message("equivalence needs the resnext block, not {block}; choose --block resnext",
                                  block=cfg.block))
    if cfg.groups > MAX_PATHS:
        raise ConfigError(Message(
            "the equivalence check builds one module per path, and {groups} paths is above the limit of {limit}; "
            "lower groups to {limit} or fewer", groups=cfg.groups, limit=MAX_PATHS,
        ))
    batch = whole_number("batch", DEFAULT_BATCH if batch is None else batch, 1, 256)
    size = whole_number("size", min(cfg.size, DEFAULT_MAX_SIZE) if size is None else size, cfg.stride, 1024)
    return batch, size


def estimate_memory(
    cfg: BlockConfig, batch: int | None = None, size: int | None = None, limit_bytes: int | None = None
) -> MemoryEstimate:
    """What the check of ``cfg`` holds at its peak (``bench.limits.equivalence_memory``)."""
    batch, size = _check_input(require_config(cfg, "equivalence.estimate_memory"), batch, size)
    return equivalence_memory(cfg.replace(batch=batch, size=size), limit_bytes)


def check_problem(
    cfg: BlockConfig, batch: int | None = None, size: int | None = None, limit_bytes: int | None = None
) -> str | None:
    """The sentence refusing the check of ``cfg`` (not a resnext block, too many paths, above the memory limit)."""
    try:
        m = estimate_memory(cfg, batch, size, limit_bytes)
    except ValueError as exc:  # ConfigError too
        return exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
    return None if m.fits else equivalence_sentence(m)


def check_equivalence(
    cfg: BlockConfig,
    seed: int = 0,
    batch: int | None = None,
    size: int | None = None,
    *,
    limit_bytes: int | None = None,
    on_queued: Callable[[float, int], None] | None = None,
    queue_timeout_s: float = QUEUE_TIMEOUT_S,
) -> EquivalenceResult:
    """Build ``cfg``'s resnext block on the CPU, derive forms (a) and (b), run all three on one input.

    BN is randomised (eval mode) so that it is not the identity. The input is ``2 × C × min(size, 16)²`` by
    default: equality does not depend on the resolution. The timings are one pass each. Another block,
    more than MAX_PATHS groups or an estimate above the memory limit (MemoryLimitError) is a ConfigError
    naming the fix, before anything is built; then the check waits its turn for the CPU like a run
    (``on_queued(seconds waited, place)``, DeviceBusyError after ``queue_timeout_s``).
    """
    cfg = require_config(cfg, "check_equivalence")
    batch, size = _check_input(cfg, batch, size)
    if (problem := check_problem(cfg, batch, size, limit_bytes)) is not None:
        raise MemoryLimitError(problem)

    with device_turn("cpu", on_queued, queue_timeout_s), torch.device("cpu"):  # whatever the caller's default device
        generator = torch.Generator().manual_seed(seed)
        with torch.random.fork_rng(devices=[]):  # seed the weights without touching the caller's RNG
            torch.manual_seed(seed)
            block = cfg.build().float()
        randomise_bn(block, generator)
        block.eval()
        x = torch.randn(batch, cfg.in_channels, size, size, generator=generator)

        outputs: list[torch.Tensor] = []
        seconds: list[float] = []
        with torch.inference_mode():
            block(x)  # warm-up, so that the first timed form does not pay for it
            for build in (_split_sum, _split_concat, None):
                form = block if build is None else build(block)  # (c) is the block itself
                start = time.perf_counter()
                outputs.append(form(x))
                seconds.append(time.perf_counter() - start)
                del form
        del block
    y_sum, y_concat, y_grouped = outputs

    return EquivalenceResult(
        groups=cfg.groups,
        width=cfg.width,
        group_width=cfg.group_width,
        max_abs_diff_sum_vs_grouped=(y_sum - y_grouped).abs().max().item(),
        max_abs_diff_concat_vs_grouped=(y_concat - y_grouped).abs().max().item(),
        max_abs_output=y_grouped.abs().max().item(),
        dtype=str(y_grouped.dtype).removeprefix("torch."),
        input_shape=tuple(x.shape),
        output_shape=tuple(y_grouped.shape),
        seconds_sum=seconds[0],
        seconds_concat=seconds[1],
        seconds_grouped=seconds[2],
    )
