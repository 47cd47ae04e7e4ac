"""A block's activation memory, three ways, each named for what it is (float32, the whole batch).

- **Every output, summed**: each layer's output counted once, as if none were ever freed (the figure the
  analysis has always reported).
- **Inference peak**: the most bytes the block's own tensors hold at one moment of a forward pass that
  frees each tensor after its last use (as the traced ``torch.fx`` module does); the input is the
  caller's and not counted.
- **Kept for backward**: what autograd saves in a training forward pass: a conv's and a training BN's
  input, a ReLU's output (each tensor once, however many layers save it), and each BN's batch mean
  and inverse standard deviation (2·C values); weights and BN's running statistics are parameters and
  buffers, not activations.

All three are computed from the analysis's layer list on meta tensors; tests/test_memory.py measures
each on a real forward pass. ``torchinfo_pass_bytes`` is torchinfo's "Forward/backward pass size".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .analysis import BYTES_PER_VALUE, Analysis, analyze
from .config import BlockConfig, require_config


@dataclass(frozen=True)
class ActivationMemory:
    """The three figures for one configuration, in bytes, and what makes them up."""

    outputs_bytes: int  # every layer's output, summed
    inference_peak_bytes: int  # the most the block's tensors hold at once in inference (input not counted)
    peak_layers: tuple[str, ...]  # the tensors alive at that moment, in forward order
    saved_bytes: int  # what a training forward pass keeps for backward
    saved_tensors: tuple[str, ...]  # the activations saved ("input" or a layer's name), in forward order
    bn_stats_bytes: int  # of saved_bytes: the BNs' batch mean and inverse std
    torchinfo_bytes: int  # torchinfo's "Forward/backward pass size": 2 × the outputs of the layers with weights


def activation_memory(cfg: BlockConfig) -> ActivationMemory:
    """The three activation-memory figures of ``cfg``'s block (and torchinfo's), from its analysis."""
    a = analyze(require_config(cfg, "activation_memory"))
    peak, alive = _inference_peak(a)
    saved, stats = _saved(a)
    sizes = _sizes(a)
    return ActivationMemory(
        outputs_bytes=a.activation_bytes,
        inference_peak_bytes=peak,
        peak_layers=alive,
        saved_bytes=sum(sizes[name] for name in saved) + stats,
        saved_tensors=saved,
        bn_stats_bytes=stats,
        torchinfo_bytes=torchinfo_pass_bytes(a),
    )


def _sizes(a: Analysis) -> dict[str, int]:
    sizes = {"input": math.prod(a.input_shape) * BYTES_PER_VALUE}
    sizes.update({layer.name: layer.activation_bytes for layer in a.layers})
    return sizes


def _inference_peak(a: Analysis) -> tuple[int, tuple[str, ...]]:
    """Walk the layers in forward order; a tensor lives from its layer until the last layer that reads it."""
    last_use: dict[str, int] = {}
    for i, layer in enumerate(a.layers):
        for name in layer.inputs:
            last_use[name] = i
    alive: dict[str, int] = {}
    peak, at_peak = 0, ()
    for i, layer in enumerate(a.layers):
        alive[layer.name] = layer.activation_bytes  # the output exists while the inputs are still read
        if sum(alive.values()) > peak:
            peak, at_peak = sum(alive.values()), tuple(alive)
        for name in layer.inputs:
            if last_use[name] == i:
                alive.pop(name, None)  # the block's input is the caller's: never in ``alive``
    return peak, at_peak


def _saved(a: Analysis) -> tuple[tuple[str, ...], int]:
    """The tensors autograd saves (each once) and the bytes of the BNs' batch statistics."""
    saved: dict[str, None] = {}
    stats = 0
    for layer in a.layers:
        if layer.op in ("conv", "bn"):
            saved.setdefault(layer.inputs[0])
        elif layer.op == "relu":
            saved.setdefault(layer.name)
        if layer.op == "bn":
            stats += 2 * layer.out_channels * BYTES_PER_VALUE
    return tuple(saved), stats


def torchinfo_pass_bytes(a: Analysis) -> int:
    """torchinfo's "Forward/backward pass size": the outputs of the layers with weights (convs and BNs), twice
    ("x2 for gradients" in its model_statistics.py); ReLU and addition outputs are not counted."""
    return 2 * sum(layer.activation_bytes for layer in a.layers if layer.params > 0)
