import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode
from torchinfo import summary

from resblocks import BlockConfig
from resblocks.analysis import analyze, analyze_uncached, grouped_ratio
from resblocks.config import at_fixed_width, divisors
from resblocks.registry import BLOCK_NAMES


@pytest.mark.parametrize("block", BLOCK_NAMES)
@pytest.mark.parametrize("stride", [1, 2])
def test_shapes_and_params_match_torchinfo(block, stride):
    cfg = BlockConfig(block=block, stride=stride, size=32, batch=2)
    a = analyze(cfg)
    info = summary(cfg.build(), input_size=cfg.input_shape, verbose=0, depth=3)
    assert a.params == info.total_params
    assert a.output_shape == cfg.output_shape
    # torchinfo counts conv multiply-adds as MACs, like us (it also counts BN's affine ops, which we do not).
    conv_macs = sum(layer.macs for layer in info.summary_list if layer.class_name == "Conv2d")
    assert a.macs == conv_macs
    seen = {layer.var_name: tuple(layer.output_size) for layer in info.summary_list if layer.depth >= 1}
    for layer in a.layers:
        key = layer.name.split(".")[-1] if layer.path == "shortcut" else layer.name
        if layer.op != "add" and key in seen:
            assert layer.output_shape == seen[key], layer.name

@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_flops_equal_torchs_counter_on_a_real_forward(block):
    # Eager, on real CPU tensors, without torch.fx: the meta-device propagation must count the same.
    cfg = BlockConfig(block=block, stride=2, planes=16, in_channels=24, size=12, batch=2)
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        cfg.build()(torch.randn(cfg.input_shape))
    assert analyze(cfg).flops == counter.get_total_flops()

@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_layer_names_are_the_modules_in_the_order_they_run(block):
    # Forward hooks on the eager module see the leaf modules in call order; the analysis names them the same.
    cfg = BlockConfig(block=block, stride=2, size=8)
    module = cfg.build()
    called: list[str] = []
    for name, mod in module.named_modules():
        if name and not list(mod.children()):
            mod.register_forward_hook(lambda mod, args, out, name=name: called.append(name))
    with torch.no_grad():
        module(torch.randn(cfg.input_shape))
    layers = analyze(cfg).layers
    assert [layer.name for layer in layers if layer.op != "add"] == called
    assert [layer.name for layer in layers if layer.op == "add"] == ["add"]
    assert all((layer.path == "shortcut") == layer.name.startswith("shortcut.") for layer in layers)

def test_the_conv_formula_and_its_description():
    a = analyze(BlockConfig(block="resnext", stride=2))
    conv2 = next(layer for layer in a.layers if layer.name == "conv2")
    # MACs of a k×k conv: k²·(C_in/g)·C_out·H_out·W_out
    assert conv2.macs == 9 * (128 // 32) * 128 * 28 * 28
    assert conv2.description == "3×3 conv, g=32, 128→128, stride 2"

def test_memory_figures():
    cfg = BlockConfig(block="basic", batch=2)
    a = analyze(cfg)
    assert a.weight_bytes == sum(p.numel() * p.element_size() for p in cfg.build().parameters())
    assert a.layers[0].activation_bytes == 4 * 2 * 64 * 56 * 56  # float32, batch 2, 64 channels, 56×56

@pytest.mark.parametrize("g", divisors(128))
def test_grouped_ratio_against_the_real_convolutions(g):
    cfg = at_fixed_width(BlockConfig(block="resnext"), g)
    r = grouped_ratio(cfg)
    block = cfg.build()
    dense = at_fixed_width(cfg, 1).build()
    assert (r.conv_params, r.dense_conv_params) == (block.conv2.weight.numel(), dense.conv2.weight.numel())
    assert r.conv_ratio == 1 / g  # the notes' section 7.2: k²·C_in·C_out/g
    assert r.dense_block_params == sum(p.numel() for p in dense.parameters())
    if g > 1:
        assert 1 / g < r.block_ratio < 1  # the 1×1 convs do not shrink

def test_grouped_ratio_only_for_grouped_blocks():
    assert analyze(BlockConfig(block="basic")).grouped_ratio is None

def test_analysis_is_cached_by_config():
    cfg = BlockConfig(block="bottleneck", planes=32)
    assert analyze(cfg) is analyze(BlockConfig(block="bottleneck", planes=32))
    assert analyze_uncached(cfg) is not analyze(cfg) and analyze_uncached(cfg) == analyze(cfg)

@pytest.mark.parametrize("bad", [None, "resnext", {"block": "basic"}, [1]])
def test_analyze_refuses_what_is_not_a_config(bad):
    with pytest.raises(TypeError, match=r"analyze needs a BlockConfig, not .*; build one with BlockConfig"):
        analyze(bad)
