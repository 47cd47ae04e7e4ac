import pytest
import torch
from torchinfo import summary

from resblocks import BlockConfig
from resblocks.analysis import analyze, grouped_ratio, propagate
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
def test_fast_propagation_equals_running_every_kernel(block):
    cfg = BlockConfig(block=block, stride=2)
    with torch.device("meta"):
        m = cfg.build()
        x = torch.empty(cfg.input_shape)
    assert propagate(m, x) == propagate(m, x, exact=True)


def test_flops_are_twice_macs_and_the_conv_formula():
    a = analyze(BlockConfig(block="resnext", stride=2))
    conv2 = next(layer for layer in a.layers if layer.name == "conv2")
    # MACs of a k×k conv: k²·(C_in/g)·C_out·H_out·W_out
    assert conv2.macs == 9 * (128 // 32) * 128 * 28 * 28
    assert a.flops == 2 * a.macs
    assert conv2.description == "3×3 conv, g=32, 128→128, stride 2"


def test_memory_figures():
    a = analyze(BlockConfig(block="basic", batch=2))
    assert a.weight_bytes == 4 * a.params
    assert a.layers[0].activation_bytes == 4 * 2 * 64 * 56 * 56


@pytest.mark.parametrize("g", divisors(128))
def test_grouped_ratio_is_exactly_one_over_g(g):
    cfg = at_fixed_width(BlockConfig(block="resnext"), g)
    r = grouped_ratio(cfg)
    assert r.conv_ratio == 1 / g
    assert r.conv_params * g == r.dense_conv_params
    assert r.block_params == analyze(cfg).params
    if g > 1:
        assert 1 / g < r.block_ratio < 1  # the 1×1 convs do not shrink


def test_grouped_ratio_only_for_grouped_blocks():
    assert analyze(BlockConfig(block="basic")).grouped_ratio is None


def test_analysis_is_cached_by_config():
    cfg = BlockConfig(block="bottleneck", planes=32)
    assert analyze(cfg) is analyze(BlockConfig(block="bottleneck", planes=32))


def test_every_block_is_traced_before_anyone_calls_a_module():
    # torch.fx patches nn.Module.__call__ for the whole process while it traces, so a trace must never
    # overlap a module call in another thread: every registered block and shortcut kind is traced at import.
    from resblocks import analysis

    traced = dict(analysis._GRAPHS)
    for block in BLOCK_NAMES:
        cfg = BlockConfig(block=block, planes=32)
        for variant in (cfg.replace(stride=2), cfg.replace(in_channels=cfg.out_channels)):  # projection, identity
            analyze.__wrapped__(variant)
    assert traced == analysis._GRAPHS and len(traced) == 8  # 4 classes (resnext is a Bottleneck) × 2 shortcuts


def test_analysis_in_parallel_threads_with_module_calls():
    # The server runs every session's script in its own thread; a load run once saw
    # "module is not installed as a submodule" when a first trace overlapped another session's analysis.
    import threading

    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(20):
                for block in BLOCK_NAMES:
                    analyze.__wrapped__(BlockConfig(block=block, planes=16 + offset + i, stride=1 + i % 2))
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
