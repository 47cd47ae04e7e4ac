"""Per-layer analysis of a block as plain data: shapes from torch.fx, FLOPs from torch's flop counter
(both from ``tracing.propagate``).

Everything runs on meta tensors, so no convolution is computed and no weight memory is touched.
MACs are multiply-adds (what torchvision and the ResNeXt paper call "FLOPs"); FLOPs = 2 · MACs
(what ``torch.utils.flop_counter`` reports).
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass

import torch
from torch import fx, nn

from .checks import whole_number
from .config import BlockConfig, require_config
from .tracing import layer_name, layer_op, layer_path, propagate

BYTES_PER_VALUE = 4  # float32


@dataclass(frozen=True)
class Layer:
    """One node of the traced block."""

    name: str  # module path ("conv2", "shortcut.0") or "add"
    op: str  # conv | bn | relu | add
    path: str  # main | shortcut
    kernel: int | None
    stride: int | None
    groups: int | None
    in_channels: int
    out_channels: int
    output_shape: tuple[int, ...]
    params: int
    macs: int
    flops: int
    activation_bytes: int
    weight_bytes: int
    inputs: tuple[str, ...]  # names of the layers (or "input") feeding this one

    @property
    def description(self) -> str:
        """E.g. '3×3 conv, g=32, 128→128, stride 2'."""
        if self.op == "conv":
            text = f"{self.kernel}×{self.kernel} conv"
            if self.groups and self.groups > 1:
                text += f", g={self.groups}"
            text += f", {self.in_channels}→{self.out_channels}"
            if self.stride and self.stride > 1:
                text += f", stride {self.stride}"
            return text
        return {"bn": f"BN ({self.out_channels})", "relu": "ReLU", "add": "+"}[self.op]

    def as_dict(self) -> dict:
        row = asdict(self)
        row["output_shape"] = list(self.output_shape)
        row["inputs"] = list(self.inputs)
        row["description"] = self.description
        return row


@dataclass(frozen=True)
class Analysis:
    config: BlockConfig
    layers: tuple[Layer, ...]
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    params: int
    macs: int
    flops: int
    activation_bytes: int  # every layer output, summed (what a forward pass without reuse holds)
    weight_bytes: int
    grouped_ratio: GroupedRatio | None

    def as_dict(self) -> dict:
        return {
            "config": self.config.as_dict(),
            "input_shape": list(self.input_shape),
            "output_shape": list(self.output_shape),
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "activation_bytes": self.activation_bytes,
            "weight_bytes": self.weight_bytes,
            "grouped_ratio": None if self.grouped_ratio is None else asdict(self.grouped_ratio),
            "layers": [layer.as_dict() for layer in self.layers],
        }


@dataclass(frozen=True)
class GroupedRatio:
    """The grouped 3×3 against a dense 3×3 of the same width, and the whole block likewise."""

    groups: int
    width: int
    conv_params: int
    dense_conv_params: int
    conv_ratio: float  # exactly 1/g
    block_params: int
    dense_block_params: int
    block_ratio: float  # falls more slowly than 1/g: the 1×1 convs do not shrink


def _layers(module: nn.Module, graph: fx.Graph) -> list[Layer]:
    names: dict[fx.Node, str] = {}
    shapes: dict[str, tuple[int, ...]] = {}
    layers: list[Layer] = []
    for node in graph.nodes:
        shape = node.meta["shape"]
        if node.op == "placeholder":
            names[node] = "input"
            shapes["input"] = shape
            continue
        if node.op == "output":
            break
        kernel = stride = groups = None
        params = 0
        if node.op == "call_module":
            name = layer_name(str(node.target), [layer.name for layer in layers])
            mod = module.get_submodule(node.target)
            op = layer_op(mod)
            params = sum(p.numel() for p in mod.parameters())
            if op == "conv":
                kernel, stride, groups = mod.kernel_size[0], mod.stride[0], mod.groups
        else:  # the residual addition
            op = "add"
            name = layer_name(None, [layer.name for layer in layers])
        inputs = tuple(names[a] for a in node.all_input_nodes)
        names[node] = name
        shapes[name] = shape
        flops = node.meta["flops"]
        layers.append(
            Layer(
                name=name,
                op=op,
                path=layer_path(name),
                kernel=kernel,
                stride=stride,
                groups=groups,
                in_channels=shapes[inputs[0]][1],
                out_channels=shape[1],
                output_shape=shape,
                params=params,
                macs=flops // 2,
                flops=flops,
                activation_bytes=math.prod(shape) * BYTES_PER_VALUE,
                weight_bytes=params * BYTES_PER_VALUE,
                inputs=inputs,
            )
        )
    return layers


def grouped_ratio(cfg: BlockConfig, block_params: int | None = None) -> GroupedRatio | None:
    """The grouped 3×3's parameters over the dense 3×3's of the same width (= 1/g), and the block's.

    Parameters of a k×k conv: k²·C_in·C_out/g (the notes' section 7.2).
    """
    if not require_config(cfg, "grouped_ratio").entry.grouped:
        return None
    if block_params is not None:
        whole_number("block_params", block_params, 1)
    w, g = cfg.width, cfg.groups
    conv = 9 * w * w // g
    dense = 9 * w * w
    block = block_params if block_params is not None else count_params(cfg)
    dense_block = block - conv + dense
    return GroupedRatio(
        groups=g,
        width=w,
        conv_params=conv,
        dense_conv_params=dense,
        conv_ratio=conv / dense,
        block_params=block,
        dense_block_params=dense_block,
        block_ratio=block / dense_block,
    )


def count_params(cfg: BlockConfig) -> int:
    """Parameters of ``cfg``'s block, counted on the meta device (nothing is allocated)."""
    require_config(cfg, "count_params")
    with torch.device("meta"):
        return sum(p.numel() for p in cfg.build().parameters())


def analyze(cfg: BlockConfig) -> Analysis:
    """Trace ``cfg``'s block and return per-layer and total figures. Cached by the frozen config."""
    require_config(cfg, "analyze")
    return _cached_analysis(cfg)


def analyze_uncached(cfg: BlockConfig) -> Analysis:
    """``analyze`` without its cache: every call builds the block and propagates again."""
    require_config(cfg, "analyze_uncached")
    return _analysis(cfg)


def _analysis(cfg: BlockConfig) -> Analysis:
    with torch.device("meta"):
        module = cfg.build()
        x = torch.empty(cfg.input_shape)
    layers = tuple(_layers(module, propagate(module, x)))
    params = sum(layer.params for layer in layers)
    flops = sum(layer.flops for layer in layers)
    return Analysis(
        config=cfg,
        layers=layers,
        input_shape=cfg.input_shape,
        output_shape=layers[-1].output_shape,
        params=params,
        macs=flops // 2,
        flops=flops,
        activation_bytes=sum(layer.activation_bytes for layer in layers),
        weight_bytes=params * BYTES_PER_VALUE,
        grouped_ratio=grouped_ratio(cfg, params),
    )


_cached_analysis = functools.lru_cache(maxsize=256)(_analysis)

