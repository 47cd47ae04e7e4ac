"""Per-layer analysis of a block as plain data: shapes from torch.fx, FLOPs from torch's flop counter.

Everything runs on meta tensors, so no convolution is computed and no weight memory is touched.
MACs are multiply-adds (what torchvision and the ResNeXt paper call "FLOPs"); FLOPs = 2 · MACs
(what ``torch.utils.flop_counter`` reports).
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import torch
from torch import fx, nn
from torch.utils.flop_counter import FlopCounterMode

from .config import BlockConfig, require_config
from .registry import BLOCK_NAMES

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


# The graph of a block depends only on its class and on whether it has a projection shortcut, so
# it is traced once per such pair; every configuration still gets its own shape propagation.
#
# torch.fx's Tracer patches nn.Module.__call__ for the whole process while it traces: a module that
# another thread calls meanwhile (another session's analysis, a timed run, torchinfo) goes through the
# tracer and fails with "module is not installed as a submodule". So every registered block is traced
# once when this module is imported, before anything can call a module in another thread
# (_trace_every_block, at the end of the file), and tracing later happens only for a class outside the
# registry, under a lock.
_GRAPHS: dict[tuple[type, bool], fx.Graph] = {}
_TRACE_LOCK = threading.Lock()

# Elementwise, shape-preserving and free of FLOPs in torch's counter: propagation passes the
# shape straight through instead of running their (slow, Python-level) meta kernels.
SHAPE_PRESERVING = (nn.BatchNorm2d, nn.ReLU)


def block_graph(module: nn.Module) -> fx.Graph:
    """The torch.fx graph of a block module (traced once per class and shortcut kind)."""
    key = (type(module), getattr(module, "shortcut", None) is not None)
    graph = _GRAPHS.get(key)
    if graph is None:
        with _TRACE_LOCK:
            graph = _GRAPHS.get(key)
            if graph is None:
                graph = _GRAPHS[key] = fx.Tracer().trace(module)
    return graph


def _trace_every_block() -> None:
    """Trace every registered block with and without a projection shortcut: 10 traces, 8 graphs (resnext is a
    Bottleneck), about 0.1 s."""
    for name in BLOCK_NAMES:
        cfg = BlockConfig(block=name)
        for variant in (cfg.replace(in_channels=cfg.out_channels, stride=1), cfg.replace(stride=2)):
            with torch.device("meta"):
                block_graph(variant.build())


def trace(module: nn.Module) -> fx.GraphModule:
    """A runnable GraphModule of ``module`` (the same graph the analysis walks)."""
    return fx.GraphModule(module, block_graph(module))


_OPS = {nn.Conv2d: "conv", nn.BatchNorm2d: "bn", nn.ReLU: "relu"}


def layer_name(module_path: str | None, earlier: Sequence[str]) -> str:
    """The name of a block's layer, after the ``earlier`` layers' names (in forward order).

    A module's layer is named by its module path ("conv2", "shortcut.0"); an addition outside any
    module is "add", and any later one "add_<i>", i being the number of layers before it. The
    analysis and the Run page's observed shapes both name layers this way, so their rows line up.
    """
    if module_path:
        return module_path
    return "add" if "add" not in earlier else f"add_{len(earlier)}"


def layer_op(module: nn.Module) -> str:
    """The kind of a block's leaf module: "conv", "bn" or "relu" (else its class name in lower case)."""
    return _OPS.get(type(module), type(module).__name__.lower())


def layer_path(name: str) -> str:
    """"shortcut" for a layer of the projection shortcut (its module path starts with it), else "main"."""
    return "shortcut" if name.startswith("shortcut") else "main"


class ShapeFlopProp(fx.Interpreter):
    """Runs a block's graph node by node (as torch.fx's ``ShapeProp``) and keeps in each node's ``meta``
    its output shape (``"shape"``) and the FLOPs torch's counter saw it do (``"flops"``).

    Unless ``exact``, BN and ReLU pass their input's shape through instead of running their (slow,
    Python-level) meta kernels; they count no FLOPs either way. A failure is re-raised as a
    RuntimeError that names the node.
    """

    def __init__(self, module: nn.Module, graph: fx.Graph, counter: FlopCounterMode, exact: bool = False) -> None:
        super().__init__(module, graph=graph)
        self.extra_traceback = False  # run_node names the node itself
        self.counter = counter
        self.exact = exact

    def run_node(self, n: fx.Node) -> object:
        before = self.counter.get_total_flops()
        try:
            out = super().run_node(n)
        except Exception as exc:
            raise RuntimeError(f"shape propagation failed at node {n.name!r} ({n.format_node()}): {exc}") from exc
        n.meta["shape"] = tuple(out.shape) if isinstance(out, torch.Tensor) else ()
        n.meta["flops"] = int(self.counter.get_total_flops() - before)
        return out

    def call_module(self, target: str, args: tuple, kwargs: dict) -> object:
        if not self.exact and isinstance(self.fetch_attr(target), SHAPE_PRESERVING):
            return args[0]
        return super().call_module(target, args, kwargs)


def propagate(module: nn.Module, x: torch.Tensor, exact: bool = False) -> fx.Graph:
    """``module``'s graph, copied, with every node's ``meta["shape"]`` and ``meta["flops"]`` for input ``x``.

    The traced graph is shared by every module of the same class and shortcut kind, so each call
    annotates its own copy.
    """
    graph = fx.Graph()
    graph.output(graph.graph_copy(block_graph(module), {}))
    with FlopCounterMode(display=False) as counter:
        ShapeFlopProp(module, graph, counter, exact).run(x)
    return graph


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
    if not cfg.entry.grouped:
        return None
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


_trace_every_block()
