"""A block's torch.fx graph, traced once per class, and its nodes annotated with shapes and FLOPs.

``propagate`` runs the graph on meta tensors with a torch.fx ``Interpreter`` (as torch.fx's ``ShapeProp``
does) and keeps each node's output shape and FLOPs in ``node.meta``. ``layer_name`` is the one rule
that names a block's layers, for the analysis and for anything that observes a real forward pass.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import torch
from torch import fx, nn
from torch.utils.flop_counter import FlopCounterMode

from .config import BlockConfig
from .registry import BLOCK_NAMES

# The graph of a block depends only on its class and on its shortcut's layers (none, a 1×1 conv, or a
# 1×1 conv and a BN), so it is traced once per such pair; every configuration still gets its own shape
# propagation (strides, where they sit, are module attributes, not part of the graph).
#
# torch.fx's Tracer patches nn.Module.__call__ for the whole process while it traces: a module that
# another thread calls meanwhile (another session's analysis, a timed run, torchinfo) goes through the
# tracer and fails with "module is not installed as a submodule". So every registered block is traced
# once when this module is imported, before anything can call a module in another thread
# (_trace_every_block, at the end of this file), and tracing later happens only for a class outside the
# registry, under a lock.
_GRAPHS: dict[tuple[type, bool], fx.Graph] = {}
_TRACE_LOCK = threading.Lock()

# Elementwise, shape-preserving and free of FLOPs in torch's counter: propagation passes the
# shape straight through instead of running their (slow, Python-level) meta kernels.
SHAPE_PRESERVING = (nn.BatchNorm2d, nn.ReLU)


def _require_module(module: object, caller: str) -> nn.Module:
    if not isinstance(module, nn.Module):
        raise TypeError(f"{caller} needs an nn.Module, not {type(module).__name__}; pass a block, e.g. cfg.build()")
    return module


def block_graph(module: nn.Module) -> fx.Graph:
    """The torch.fx graph of a block module, a copy of the one traced once per class and shortcut kind
    (so that a caller may change it without changing every later analysis)."""
    _require_module(module, "block_graph")
    return _copied(_shared_graph(module))


def _shared_graph(module: nn.Module) -> fx.Graph:
    """The traced graph shared by every module of its class and shortcut kind: read it, never change it."""
    shortcut = getattr(module, "shortcut", None)
    key = (type(module), None if shortcut is None else len(shortcut))
    graph = _GRAPHS.get(key)
    if graph is None:
        with _TRACE_LOCK:
            graph = _GRAPHS.get(key)
            if graph is None:
                graph = _GRAPHS[key] = fx.Tracer().trace(module)
    return graph


def _copied(shared: fx.Graph) -> fx.Graph:
    graph = fx.Graph()
    graph.output(graph.graph_copy(shared, {}))
    return graph


def _trace_every_block() -> None:
    """Trace every registered block without and with each kind of projection shortcut: 12 traces, 10 graphs
    (resnext is a Bottleneck; the pre-activation blocks project with or without a BN), about 0.1 s."""
    for name in BLOCK_NAMES:
        cfg = BlockConfig(block=name)
        variants = [cfg.replace(in_channels=cfg.out_channels, stride=1), cfg.replace(stride=2)]
        if cfg.entry.preactivated:
            variants.append(cfg.replace(stride=2, preact_shortcut="notes"))
        for variant in variants:
            with torch.device("meta"):
                block_graph(variant.build())


def trace(module: nn.Module) -> fx.GraphModule:
    """A runnable GraphModule of ``module`` (the same graph the analysis walks)."""
    _require_module(module, "trace")
    return fx.GraphModule(module, block_graph(module))


_OPS = {nn.Conv2d: "conv", nn.BatchNorm2d: "bn", nn.ReLU: "relu"}


def layer_name(module_path: str | None, earlier: Sequence[str]) -> str:
    """The name of a block's layer, after the ``earlier`` layers' names (in forward order).

    A module's layer is named by its module path ("conv2", "shortcut.0"); an addition outside any
    module is "add", and any later one "add_<i>", i being the number of layers before it. The
    analysis and the Run page's observed shapes both name layers this way, so their rows line up.
    """
    if not isinstance(earlier, (list, tuple)) or not all(isinstance(e, str) for e in earlier):
        raise TypeError("layer_name needs the earlier layers' names as a list of strings; pass [] for the first layer")
    if module_path is not None and not isinstance(module_path, str):
        raise TypeError(f"layer_name needs a module path or None, not {type(module_path).__name__}; pass e.g. 'conv1'")
    if module_path:
        return module_path
    return "add" if "add" not in earlier else f"add_{len(earlier)}"


def layer_op(module: nn.Module) -> str:
    """The kind of a block's leaf module: "conv", "bn" or "relu" (else its class name in lower case)."""
    return _OPS.get(type(_require_module(module, "layer_op")), type(module).__name__.lower())


def layer_path(name: str) -> str:
    """"shortcut" for a layer of the projection shortcut (its module path starts with it), else "main"."""
    if not isinstance(name, str):
        raise TypeError(f"layer_path needs a layer name, not {type(name).__name__}; pass e.g. 'shortcut.0'")
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
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ValueError(
                f"shape propagation failed at node {n.name!r} ({n.format_node()}): {reason}; give an input the module "
                "accepts (the shape of cfg.input_shape)"
            ) from exc
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
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"propagate needs an input tensor, not {type(x).__name__}; pass torch.empty(cfg.input_shape)")
    _require_module(module, "propagate")
    graph = _copied(_shared_graph(module))
    with FlopCounterMode(display=False) as counter:
        ShapeFlopProp(module, graph, counter, exact).run(x)
    return graph


_trace_every_block()
