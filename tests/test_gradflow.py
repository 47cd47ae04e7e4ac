"""Gradient flow at initialisation: the physics the literature reports, on the project's blocks."""

import json
import math
from dataclasses import replace

import pytest
import torch

from resblocks import stacks
from resblocks.__main__ import main
from resblocks.config import BlockConfig, ConfigError
from resblocks.gradflow import autocorrelation, compare_orders, gradient_flow, path_gradients, shattered_gradients
from resblocks.stacks import StackConfig, build_blocks, without_shortcut


def test_depth_32_plain_explodes_and_preactivation_is_flattest():
    """Yang et al. 2019: BN without a shortcut explodes towards the input; He et al. 2016b: pre-act is flattest."""
    plain, v1, pre = compare_orders(StackConfig(block="basic", depth=32, width=16, size=8, batch=64, seed=0))
    assert plain.ratio >= 100 * v1.ratio
    assert pre.ratio < v1.ratio
    assert v1.ratio < 100  # the shortcut keeps it within about an order of magnitude
    # exponential: every block of the plain stack gets more gradient than the one after it
    assert all(a > b for a, b in zip(plain.norms, plain.norms[1:], strict=False))


def test_depth_1_the_three_agree():
    flows = compare_orders(StackConfig(block="basic", depth=1))
    assert [len(f.norms) for f in flows] == [1, 1, 1]
    assert [f.ratio for f in flows] == [1.0, 1.0, 1.0]


def test_bottleneck_family_tells_the_same_story():
    plain, v1, pre = compare_orders(StackConfig(block="bottleneck", depth=16, width=16, size=4, batch=32))
    assert (plain.config.block, v1.config.block, pre.config.block) == ("bottleneck", "bottleneck", "preact_bottleneck")
    assert plain.ratio > 10 * v1.ratio and pre.ratio < v1.ratio


def test_a_plain_preact_block_is_the_residual_block_minus_its_input():
    torch.manual_seed(0)
    block = BlockConfig(block="preact", in_channels=8, planes=8, size=4, batch=4).build()
    x = torch.randn(4, 8, 4, 4)
    with_shortcut = block(x)
    plain = without_shortcut(block)(x)
    torch.testing.assert_close(plain, with_shortcut - x)


def test_dropping_a_projection_shortcut_is_refused():
    block = BlockConfig(block="basic", in_channels=8, planes=16, size=4).build()
    with pytest.raises(ValueError, match="identity shortcut"):
        without_shortcut(block)


def test_stacks_are_seeded_without_the_global_generator():
    cfg = StackConfig(depth=2, width=8, size=4, batch=4, seed=3)
    torch.manual_seed(1)
    a = build_blocks(cfg).state_dict()
    torch.manual_seed(2)
    b = build_blocks(cfg).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert gradient_flow(cfg).norms == gradient_flow(cfg).norms


@pytest.mark.parametrize(("changes", "message"), [
    ({"depth": 0}, "depth=0 is out of range; choose a whole number from 1 to 200"),
    ({"width": 2.5}, "width must be a whole number"),
    ({"block": "bottleneck", "width": 10}, "multiple of 4"),
    ({"block": "vgg"}, "unknown block 'vgg'"),
    ({"depth": 200, "width": 256, "size": 64, "batch": 256}, "above the limit"),
])
def test_bad_stacks_raise_a_sentence(changes, message):
    with pytest.raises(ConfigError, match=message):
        StackConfig(**changes)


def test_shattered_gradients_plain_is_white_noise_residual_is_not():
    """Balduzzi et al. 2017, Fig. 1/2: a deep plain net's gradients decorrelate; a resnet's stay correlated."""
    plain = shattered_gradients(StackConfig(depth=24, width=8, size=4, shortcut=False), points=128)
    res = shattered_gradients(StackConfig(depth=24, width=8, size=4, shortcut=True), points=128)
    assert len(plain.gradient) == len(plain.t) == 128 and plain.t[0] == -2.0 and plain.t[-1] == 2.0
    assert abs(plain.autocorrelation[1]) < 0.3
    assert res.autocorrelation[1] > 0.6
    assert plain.autocorrelation[0] == pytest.approx(1.0)


def test_autocorrelation_of_known_sequences():
    assert autocorrelation(torch.tensor([1.0, -1.0] * 8), 1).tolist() == pytest.approx([1.0, -15 / 16])
    ramp = autocorrelation(torch.arange(100.0), 1)
    assert ramp[1] > 0.95


def test_paths_are_binomial_and_the_gradient_comes_from_short_ones():
    """Veit et al. 2016, Fig. 6: C(N, k) paths of length k; most gradient from paths shorter than N/2."""
    p = path_gradients(StackConfig(block="preact", depth=16, width=8, size=4, batch=8), samples=2)
    assert p.count == tuple(math.comb(16, k) for k in range(17))
    assert sum(p.fraction) == pytest.approx(1.0) and sum(p.share) == pytest.approx(1.0)
    assert p.peak_length < 16 / 2
    assert p.grad_norm[0] > p.grad_norm[8] > p.grad_norm[16]


def test_paths_need_preactivation_blocks():
    with pytest.raises(ConfigError, match="choose preact or preact_bottleneck"):
        path_gradients(StackConfig(block="basic", depth=4))


def test_cli_gradflow_json(capsys):
    assert main(["gradflow", "--depth", "4", "--width", "8", "--size", "4", "--batch", "8", "--plain", "--json"]) == 0
    (stack,) = json.loads(capsys.readouterr().out)["stacks"]
    assert len(stack["norms"]) == 4 and stack["config"]["shortcut"] is False
    assert stack["ratio"] == pytest.approx(stack["norms"][0] / stack["norms"][-1])


def test_cli_gradflow_compare_table(capsys):
    assert main(["gradflow", "--depth", "3", "--width", "8", "--size", "4", "--batch", "8", "--compare"]) == 0
    out = capsys.readouterr().out
    assert "first/last ratio, plain basic ×3" in out and "preact ×3" in out


@pytest.mark.parametrize("argv", [["--depth", "0"], ["--width", "x"], ["--block", "resnext", "--compare"],
                                  ["--block", "bottleneck", "--width", "6"]])
def test_cli_gradflow_bad_values_exit_2_with_one_sentence(argv, capsys):
    assert main(["gradflow", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: StackConfig(shortcut="no"), ConfigError, "shortcut must be True or False, not 'no'"),
    (lambda: StackConfig(block=["basic"]), ConfigError, r"unknown block \['basic'\]; choose one of basic"),
    (lambda: StackConfig(seed=-1), ConfigError, "seed=-1 is out of range"),
    (lambda: gradient_flow("x"), TypeError, r"gradient_flow needs a StackConfig, not str; build one with StackConfig"),
    (lambda: compare_orders(None), TypeError, "compare_orders needs a StackConfig, not NoneType"),
    (lambda: compare_orders(StackConfig(block="resnext", depth=2)), ConfigError,
     "the resnext block has no pre-activation partner here; choose basic or bottleneck"),
    (lambda: shattered_gradients(3), TypeError, "shattered_gradients needs a StackConfig"),
    (lambda: path_gradients([], samples=2), TypeError, "path_gradients needs a StackConfig"),
    (lambda: autocorrelation("x", 2), TypeError, r"autocorrelation takes a 1-D float tensor, not 'x'"),
    (lambda: autocorrelation(torch.ones(4), -1), ConfigError, "max_lag=-1 is out of range; choose a whole number from 0 to 3"),
    (lambda: build_blocks("x"), TypeError, "build_blocks needs a StackConfig"),
    (lambda: stacks.fixed_batch("x"), TypeError, "fixed_batch needs a StackConfig"),
    (lambda: stacks.seeded_init("x", 0), TypeError, "seeded_init takes an nn.Module, not str"),
    (lambda: stacks.seeded_init(torch.nn.Linear(2, 2), -1), ConfigError, "seed=-1 is out of range"),
    (lambda: stacks.without_shortcut("x"), TypeError, r"without_shortcut takes a block \(an nn.Module\), not str"),
])
def test_bad_input_names_the_fix(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_stack_measurements_run_on_the_cpu_whatever_the_default_device():
    cfg = StackConfig(depth=2, width=4, size=4, batch=4)
    on_cpu = gradient_flow(cfg)
    with torch.device("meta"):
        assert gradient_flow(cfg).norms == on_cpu.norms
        assert path_gradients(replace(cfg, block="preact"), samples=1).count == (1, 2, 1)
