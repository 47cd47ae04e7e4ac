"""Every layer's input and output shapes as seen in one real forward pass.

Forward hooks on the leaf modules, and a torch-function mode for the residual addition (a function,
not a module). Layers are named as the analysis names them, so the two can be compared row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from ..analysis import Analysis
from ..tracing import layer_name, layer_op

_ADD_FUNCTIONS = frozenset({"add", "__add__", "__radd__"})


@dataclass(frozen=True)
class ObservedLayer:
    """One leaf module (or the residual addition) as seen in a real forward pass."""

    name: str  # module path ("conv2", "shortcut.0") or "add", as in the analysis
    op: str  # conv | bn | relu | add
    input_shapes: tuple[tuple[int, ...], ...]
    output_shape: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"name": self.name, "op": self.op, "input_shapes": [list(s) for s in self.input_shapes],
                "output_shape": list(self.output_shape)}


class _AddRecorder(TorchFunctionMode):
    """Calls ``record(args, out)`` for every tensor addition made while it is active."""

    def __init__(self, record: Callable[[tuple, torch.Tensor], None]) -> None:
        super().__init__()
        self.record = record

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if getattr(func, "__name__", None) in _ADD_FUNCTIONS:
            self.record(args, out)
        return out


def _shapes(values: Sequence[object]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(v.shape) for v in values if isinstance(v, torch.Tensor))


def observe(module: nn.Module, x: torch.Tensor) -> tuple[ObservedLayer, ...]:
    """Run ``module`` once and record every leaf module's and every top-level addition's shapes, in order."""
    if not isinstance(module, nn.Module) or not isinstance(x, torch.Tensor):
        raise TypeError(f"observe takes a module and an input tensor, not {type(module).__name__} and "
                        f"{type(x).__name__}; build the module with BlockConfig(...).build()")
    layers: list[ObservedLayer] = []
    names = {m: n for n, m in module.named_modules() if n and not any(True for _ in m.children())}
    depth = 0  # > 0 while a leaf module runs: additions inside a module are not the block's addition

    def enter(mod: nn.Module, args: tuple) -> None:
        nonlocal depth
        depth += 1

    def leave(mod: nn.Module, args: tuple, out: torch.Tensor) -> None:
        nonlocal depth
        depth -= 1
        layers.append(ObservedLayer(names[mod], layer_op(mod), _shapes(args), tuple(out.shape)))

    def add(args: tuple, out: torch.Tensor) -> None:
        if depth == 0:
            name = layer_name(None, [layer.name for layer in layers])
            layers.append(ObservedLayer(name, "add", _shapes(args), tuple(out.shape)))

    handles = []
    for mod in names:
        handles.append(mod.register_forward_pre_hook(enter))
        handles.append(mod.register_forward_hook(leave))
    try:
        with _AddRecorder(add):
            module(x)
    except RuntimeError as exc:  # a shape, dtype or device the module does not take
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"the forward pass failed on an input of shape {tuple(x.shape)} ({reason}); pass an input "
                         "of the block's input shape, dtype and device (BlockConfig.input_shape)") from None
    finally:
        for handle in handles:
            handle.remove()
    return tuple(layers)


def matches(layers: Sequence[ObservedLayer], a: Analysis) -> bool:
    """Whether the observed layers have the analysis's names and output shapes, in its order."""
    return [(layer.name, layer.output_shape) for layer in layers] == [(la.name, la.output_shape) for la in a.layers]
