"""The three activation-memory figures, each against a real measurement on a real forward pass."""

import weakref

import pytest
import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from resblocks import BlockConfig
from resblocks.memory import activation_memory
from resblocks.registry import BLOCK_NAMES
from resblocks.tracing import trace

CONFIGS = [
    BlockConfig(block=name, stride=stride, batch=2, size=16)
    for name in BLOCK_NAMES
    for stride in (1, 2)
] + [BlockConfig(block="basic", in_channels=64, planes=64, size=12), BlockConfig(block="resnext", groups=8, size=9)]


class Allocations(TorchDispatchMode):
    """Every tensor an op creates: the sum of their sizes, and the most alive at once (freed as Python frees them)."""

    def __init__(self):
        super().__init__()
        self.live = self.peak = self.total = 0
        self.alive: set[int] = set()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for t in tree_flatten(out)[0]:
            if isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in self.alive:
                key, size = t.untyped_storage().data_ptr(), t.untyped_storage().nbytes()
                self.alive.add(key)
                self.live += size
                self.total += size
                self.peak = max(self.peak, self.live)
                weakref.finalize(t, self._free, key, size)
        return out

    def _free(self, key, size):
        self.live -= size
        self.alive.discard(key)


def measure_inference(cfg):
    module = trace(cfg.build().eval())  # the fx module frees each tensor after its last use
    x = torch.randn(cfg.input_shape)
    mode = Allocations()
    with torch.no_grad(), mode:
        module(x)
    return mode


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: c.label)
def test_outputs_and_inference_peak_match_a_real_forward_pass(cfg):
    mem = activation_memory(cfg)
    measured = measure_inference(cfg)
    assert mem.outputs_bytes == measured.total
    assert mem.inference_peak_bytes == measured.peak


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: c.label)
def test_kept_for_backward_is_what_autograd_saves(cfg):
    module = cfg.build().train()
    x = torch.randn(cfg.input_shape, requires_grad=True)
    owned = {t.data_ptr() for t in [*module.parameters(), *module.buffers()]}
    saved: dict[int, int] = {}

    def pack(t):
        if t.data_ptr() not in owned:  # weights and running statistics are the module's, not activations
            saved[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        module(x).sum().backward()
    assert activation_memory(cfg).saved_bytes == sum(saved.values())


def test_the_default_block_figures():
    mem = activation_memory(BlockConfig())
    assert BlockConfig().label == "resnext 32×4d, 64→256, stride 1"
    plane, wide = 128 * 56 * 56 * 4, 256 * 56 * 56 * 4
    assert mem.outputs_bytes == 6 * plane + 6 * wide == 28_901_376  # "28.9 MB"
    # First reached at the projection's BN: bn3's output waits for the shortcut's conv and BN outputs.
    assert mem.inference_peak_bytes == 3 * wide == 9_633_792  # "9.6 MB"
    assert mem.peak_layers == ("bn3", "shortcut.0", "shortcut.1")
    assert mem.saved_tensors == ("input", "conv1", "act1", "conv2", "act2", "conv3", "shortcut.0", "act3")
    assert mem.saved_bytes == 64 * 56 * 56 * 4 + 4 * plane + 3 * wide + mem.bn_stats_bytes
    assert round(mem.saved_bytes / 1e6, 1) == 16.9
    assert mem.bn_stats_bytes == 2 * (128 + 128 + 256 + 256) * 4


def test_torchinfo_figure_is_what_torchinfo_prints():
    from resblocks.torchinfo_check import torchinfo_check

    cfg = BlockConfig()
    printed = torchinfo_check(cfg.build().eval(), cfg).text
    mem = activation_memory(cfg)
    assert f"Forward/backward pass size (MB): {mem.torchinfo_bytes / 1e6:0.2f}" in printed  # 38.54


def test_figures_scale_with_the_batch():
    one, four = activation_memory(BlockConfig(batch=1)), activation_memory(BlockConfig(batch=4))
    assert four.outputs_bytes == 4 * one.outputs_bytes
    assert four.inference_peak_bytes == 4 * one.inference_peak_bytes
    assert four.saved_bytes - four.bn_stats_bytes == 4 * (one.saved_bytes - one.bn_stats_bytes)


def test_refuses_what_is_not_a_config():
    with pytest.raises(TypeError, match="activation_memory needs a BlockConfig"):
        activation_memory({"block": "resnext"})
