"""The ResNeXt template against Xie et al. 2017, Table 2, and the equal-cost solver."""

from __future__ import annotations

import pytest

from resblocks.analysis import analyze
from resblocks.complexity import (
    PAPER_TABLE2,
    RESNET50_BUDGET,
    complexity_table,
    conv_weight_params,
    solve_equal_cost,
    template_params,
    template_width,
    to_config,
)
from resblocks.config import BlockConfig
from resblocks.registry import BLOCK_NAMES


def test_the_resnet50_budget():
    assert RESNET50_BUDGET == 69632 == 256 * 64 + 9 * 64 * 64 + 64 * 256
    # The same count from the real block: the conv2-stage identity bottleneck of ResNet-50.
    assert conv_weight_params(BlockConfig(block="bottleneck", in_channels=256, planes=64)) == 69632


def test_table_reproduces_the_paper():
    # Xie et al. 2017, Table 2: cardinality C, width of the bottleneck d, width of the grouped conv C·d.
    published = [(1, 64, 64), (2, 40, 80), (4, 24, 96), (8, 14, 112), (32, 4, 128)]
    assert [(r.cardinality, r.group_width, r.width) for r in complexity_table()] == published
    assert [(p.cardinality, p.group_width, p.width) for p in PAPER_TABLE2] == published
    for row in complexity_table():
        assert abs(row.params - 69632) / 69632 <= 0.03  # the paper: every row has about 70k parameters


def test_template_params_by_hand():
    assert template_params(32, 4) == 32 * (256 * 4 + 9 * 16 + 4 * 256) == 70144
    assert template_params(8, 14) == 71456


@pytest.mark.parametrize("cardinality", [1, 3, 5, 16, 64, 100, 1024])
def test_any_cardinality_gets_the_nearest_width(cardinality):
    d = template_width(cardinality)
    assert d >= 1
    error = abs(template_params(cardinality, d) - RESNET50_BUDGET)
    assert error <= abs(template_params(cardinality, d + 1) - RESNET50_BUDGET)
    if d > 1:
        assert error <= abs(template_params(cardinality, d - 1) - RESNET50_BUDGET)


def test_sixteen_paths():
    # The exact root is d ≈ 7.5, so neither integer comes within 5%: d=7 gives 64,400 (-7.5%),
    # d=8 gives 74,752 (+7.4%). The nearer one is kept.
    assert template_width(16) == 8
    assert abs(template_params(16, 8) / RESNET50_BUDGET - 1) < 0.08


def test_width_for_another_budget():
    assert template_width(1, budget=template_params(1, 128)) == 128
    assert template_width(32, budget=template_params(32, 8)) == 8


@pytest.mark.parametrize("bad", [0, 1025, -3, 2.5, True])
def test_cardinality_out_of_range(bad):
    with pytest.raises((TypeError, ValueError), match="choose a whole number from 1 to 1024"):
        template_width(bad)


def test_a_budget_beyond_floating_point_still_has_its_nearest_width():
    # A float square root overflows above about 1e308; the integer one does not.
    budget = 10**400
    d = template_width(32, budget=budget)
    error = abs(template_params(32, d) - budget)
    assert error <= abs(template_params(32, d + 1) - budget) and error <= abs(template_params(32, d - 1) - budget)


def test_to_config_builds_the_row():
    for row in complexity_table((1, 2, 4, 8, 16, 32, 64)):
        cfg = to_config(row, size=28)
        assert (cfg.block, cfg.in_channels, cfg.planes, cfg.out_channels) == ("resnext", 256, 64, 256)
        assert (cfg.groups, cfg.group_width, cfg.width, cfg.size) == (
            row.cardinality,
            row.group_width,
            row.width,
            28,
        )
        c, d = row.cardinality, row.group_width
        assert conv_weight_params(cfg) == c * (256 * d + 9 * d * d + d * 256)  # the paper's count, by hand
    assert to_config(complexity_table((32,))[0]).label == "resnext 32×4d, 256→256, stride 1"


RESNET50_CONV2 = BlockConfig(block="bottleneck", in_channels=256, planes=64)


@pytest.mark.parametrize("metric", ["params", "macs"])
@pytest.mark.parametrize(("block", "groups"), [(b, 1) for b in BLOCK_NAMES] + [("resnext", 32), ("resnext", 8)])
def test_solver_matches_the_resnet50_block(metric, block, groups):
    target = getattr(analyze(RESNET50_CONV2), metric)
    cfg = solve_equal_cost(target, metric, block, groups=groups)
    assert cfg.block == block
    assert cfg.groups == groups
    assert cfg.in_channels == cfg.out_channels and cfg.stride == 1
    assert abs(getattr(analyze(cfg), metric) - target) / target <= 0.05


def test_solver_examples():
    # The bottleneck solves back to itself; 32 groups land on Table 2's d = 4.
    assert solve_equal_cost(analyze(RESNET50_CONV2).params, "params", "bottleneck").planes == 64
    assert solve_equal_cost(analyze(RESNET50_CONV2).params, "params", "resnext", groups=32).group_width == 4
    cfg = solve_equal_cost(1_000_000, "params", "basic", in_channels=64, stride=2, size=32)
    assert (cfg.in_channels, cfg.stride, cfg.size) == (64, 2, 32)
    assert abs(analyze(cfg).params - 1_000_000) / 1_000_000 <= 0.05


def test_solver_refuses_what_it_cannot_reach():
    with pytest.raises(ValueError, match="raise the target"):
        solve_equal_cost(10, "params", "basic")
    with pytest.raises(ValueError, match="lower the target"):
        solve_equal_cost(10**12, "params", "bottleneck")
    with pytest.raises(ValueError, match="choose one of params, macs"):
        solve_equal_cost(1000, "flops", "basic")
    with pytest.raises(ValueError, match="set groups to 1"):
        solve_equal_cost(1000, "params", "basic", groups=2)
    with pytest.raises(ValueError, match="choose one of basic"):
        solve_equal_cost(1000, "params", "dense")
