import threading

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
from torchinfo import summary

from resblocks import BlockConfig, analysis
from resblocks.analysis import analyze, analyze_uncached, block_graph, grouped_ratio, propagate
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


def _annotations(graph: torch.fx.Graph) -> list[tuple[str, tuple[int, ...], int]]:
    return [(n.name, n.meta["shape"], n.meta["flops"]) for n in graph.nodes]


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_fast_propagation_equals_running_every_kernel(block):
    cfg = BlockConfig(block=block, stride=2)
    with torch.device("meta"):
        m = cfg.build()
        x = torch.empty(cfg.input_shape)
    assert _annotations(propagate(m, x)) == _annotations(propagate(m, x, exact=True))


def test_annotations_live_in_a_copy_of_the_shared_graph():
    # Every module of a class shares one traced graph; two analyses at once must not write into it.
    with torch.device("meta"):
        m = BlockConfig(block="basic").build()
        annotated = propagate(m, torch.empty(1, 64, 56, 56))
    assert [n.meta["shape"] for n in annotated.nodes if n.name == "conv1"] == [(1, 64, 56, 56)]
    assert not any("shape" in n.meta for n in block_graph(m).nodes)


def test_a_failing_node_is_named():
    with torch.device("meta"):
        m = BlockConfig(block="bottleneck").build()
        wrong = torch.empty(1, 3, 8, 8)  # conv1 expects 64 channels
    with pytest.raises(RuntimeError, match="shape propagation failed at node 'conv1'"):
        propagate(m, wrong)


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


def test_every_block_is_traced_before_anyone_calls_a_module():
    # torch.fx patches nn.Module.__call__ for the whole process while it traces, so a trace must never
    # overlap a module call in another thread: every registered block and shortcut kind is traced at import.
    traced = dict(analysis._GRAPHS)
    for block in BLOCK_NAMES:
        cfg = BlockConfig(block=block, planes=32)
        for variant in (cfg.replace(stride=2), cfg.replace(in_channels=cfg.out_channels)):  # projection, identity
            analyze_uncached(variant)
    assert traced == analysis._GRAPHS and len(traced) == 8  # 4 classes (resnext is a Bottleneck) × 2 shortcuts


def test_analysis_in_parallel_threads_with_module_calls():
    # The server runs every session's script in its own thread; a load run once saw
    # "module is not installed as a submodule" when a first trace overlapped another session's analysis.
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(20):
                for block in BLOCK_NAMES:
                    analyze_uncached(BlockConfig(block=block, planes=16 + offset + i, stride=1 + i % 2))
                with torch.no_grad():
                    BlockConfig(block="basic", planes=8, size=8).build()(torch.randn(1, 64, 8, 8))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]


def test_a_module_outside_the_registry_is_traced_on_demand():
    class Tiny(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.conv1(x) + 1

    with torch.device("meta"):
        annotated = propagate(Tiny(), torch.empty(1, 3, 5, 5))
    assert _annotations(annotated)[1] == ("conv1", (1, 4, 5, 5), 2 * 9 * 3 * 4 * 25)
