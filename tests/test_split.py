"""Split-transform-merge as data (resblocks.split), the component's data and the 1/g figure."""

from __future__ import annotations

import itertools
import json

import plotly.io as pio
import pytest

from explorer.components.split_explorer import payload
from explorer.figures import split as plots_split
from resblocks import BlockConfig, ConfigError, at_fixed_width, split
from resblocks.__main__ import main as cli
from resblocks.analysis import analyze, count_params
from resblocks.budget import group_sweep
from resblocks.complexity import complexity_table, template_params, to_config
from resblocks.config import divisors

# One 3×3 of width 128 (in 64, out 256), split into 1, 2, 32 and 128 (depthwise) groups.
WIDE = BlockConfig(block="resnext", in_channels=64, planes=64, groups=1, base_width=128, size=8)
TABLE2_BLOCK = BlockConfig(in_channels=256)  # resnext 32×4d, 256 → 256: the repeated block of Table 2
MAX_JSON = 2 * 1024 * 1024
MAX_PAYLOAD = 96 * 1024  # the component's data for every g at once

# The heaviest settings for the animation's JSON: the widest block the limits allow, the most groups,
# and the narrow block that draws the most channel-to-channel lines (found by a search over small widths).
HEAVY = {
    "widest, 128 groups": BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=128, base_width=2, size=8),
    "widest, dense 3×3": BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=1, base_width=256, size=8),
    "depthwise, 2048 groups": BlockConfig(block="resnext", planes=64, groups=2048, base_width=1, size=8),
    "depthwise, 128 groups": BlockConfig(block="resnext", planes=64, groups=128, base_width=1),
    "most lines": BlockConfig(block="resnext", in_channels=16, planes=4, groups=4, base_width=256, size=8),
}


def _json_size(fig) -> int:
    return len(pio.to_json(fig, validate=False).encode())


# The steps ------------------------------------------------------------------------------------------


def test_steps_add_up_to_the_block():
    cfg = BlockConfig()  # resnext 32×4d, 64 → 256
    steps = split.steps(cfg)
    assert [s.name for s in steps] == list(split.STEP_NAMES)
    a = analyze(cfg)
    assert steps[-1].total_params == a.params == 63_488
    assert steps[-1].total_macs == a.macs
    by_name = {s.name: s for s in steps}
    assert by_name["transform"].params == 9 * 128 * 128 // 32 + 2 * 128  # grouped 3×3 + its BN
    assert by_name["split"].params == by_name["merge"].params == 0
    assert (by_name["reduce"].in_channels, by_name["reduce"].out_channels) == (64, 128)
    assert (by_name["expand"].in_channels, by_name["expand"].out_channels) == (128, 256)


def test_one_group_splits_into_one_path():
    steps = split.steps(at_fixed_width(WIDE, 1))
    assert [s.name for s in steps] == list(split.STEP_NAMES)
    by_name = {s.name: s for s in steps}
    assert by_name["split"].groups == 1 and by_name["split"].params == by_name["merge"].params == 0


def test_only_the_resnext_block_is_split():
    with pytest.raises(ConfigError, match="choose the resnext block"):
        split.geometries(BlockConfig(block="bottleneck"), "width")


# What the groups control holds fixed ----------------------------------------------------------------


def test_holding_the_width_the_3x3_falls_as_one_over_g():
    choices = split.hold_choices(TABLE2_BLOCK, "width")
    assert list(choices) == divisors(128)
    for g, cfg in choices.items():
        assert cfg.width == 128 and cfg.group_width * g == 128
        assert analyze(cfg).grouped_ratio.conv_params == 9 * 128 * 128 // g
    assert choices[128].group_width == 1  # depthwise


def test_holding_d_the_width_grows_with_g():
    choices = split.hold_choices(TABLE2_BLOCK, "d")
    assert list(choices) == [1, 2, 4, 8, 16, 32, 64, 128]
    assert all(cfg.group_width == 4 and cfg.width == 4 * g for g, cfg in choices.items())


def test_holding_the_cost_reproduces_table_2():
    # Xie et al. 2017, Table 2: C = 1, 2, 4, 8, 32 → d = 64, 40, 24, 14, 4 in the 256 → 256 block.
    choices = split.hold_choices(TABLE2_BLOCK, "cost")
    assert {g: choices[g].group_width for g in (1, 2, 4, 8, 32)} == {1: 64, 2: 40, 4: 24, 8: 14, 32: 4}
    for row in complexity_table():
        assert split.hold_config(TABLE2_BLOCK, row.cardinality, "cost") == to_config(row)


def test_the_cli_summary_takes_the_same_hold(capsys):
    for hold, label in (("width", "resnext 8×16d"), ("d", "resnext 8×4d"), ("cost", "resnext 8×14d")):
        assert cli(["summary", "--in-channels", "256", "--groups", "8", "--hold", hold]) == 0
        assert capsys.readouterr().out.startswith(f"{label}, 256→256, stride 1")
    assert cli(["summary", "--groups", "3", "--hold", "width"]) == 2
    assert "choose one of 1, 2, 4, 8, 16, 32, 64, 128" in capsys.readouterr().err


def test_an_unknown_hold_is_refused():
    with pytest.raises(ValueError, match="choose one of width, d, cost"):
        split.hold_config(TABLE2_BLOCK, 8, "area")


# The geometry ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("hold", split.HOLDS)
def test_every_column_has_one_channel_pitch(hold):
    geoms = split.geometries(TABLE2_BLOCK, hold)
    pitch = (geoms[0].input[1] - geoms[0].input[0]) / 256
    for geo in geoms:
        for top, bottom in (geo.input, geo.reduced, geo.expanded):
            assert 0 <= top < bottom <= 1
        assert geo.reduced[1] - geo.reduced[0] == pytest.approx(geo.width * pitch)
        assert geo.expanded[1] - geo.expanded[0] == pytest.approx(256 * pitch)
        for p in geo.paths:
            assert p.split[1] - p.split[0] == pytest.approx(p.channels * pitch)
            assert p.merged[1] - p.merged[0] == pytest.approx(p.channels * pitch)  # concat: the same pitch
        assert sum(p.channels for p in geo.paths) == geo.width
        assert sum(p.groups for p in geo.paths) == geo.groups


@pytest.mark.parametrize("groups", [1, 2, 8, 32, 64, 128])
def test_at_most_sixteen_paths_are_drawn_one_by_one(groups):
    geo = {g.groups: g for g in split.geometries(TABLE2_BLOCK, "width")}[groups]
    drawn = [p for p in geo.paths if p.groups == 1]
    assert len(drawn) == min(groups, split.MAX_DRAWN_PATHS)
    rest = [p for p in geo.paths if p.groups > 1]
    assert [p.groups for p in rest] == ([groups - 16] if groups > 16 else [])
    d = 128 // groups
    for p in geo.paths:  # the path's own weights: its slice of each 1×1 and its own 3×3
        assert (p.reduce_weights, p.conv_weights, p.expand_weights) == (256 * p.channels, 9 * d * d * p.groups,
                                                                        p.channels * 256)
    merged = [p.merged for p in geo.paths]
    assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(merged))  # concatenated: no gaps
    spread = [p.split for p in geo.paths]
    assert all(b[0] - a[1] >= split.GAP - 1e-12 for a, b in itertools.pairwise(spread))  # split: apart
    assert geo.depthwise == (groups == 128)
    assert geo.conv_params * groups == geo.dense_conv_params == 9 * 128 * 128


def test_the_default_block_is_table_2s_repeated_block():
    geo = {g.groups: g for g in split.geometries(TABLE2_BLOCK, "width")}[32]
    # 1×1 256→128, grouped 3×3 of 128 in 32 groups, 1×1 128→256, identity: 70,144 conv weights (the paper's
    # template, C · (256·d + 9·d² + d·256) with C = 32, d = 4) and 2 · (128 + 128 + 256) BN parameters.
    assert template_params(32, 4) == 70_144
    assert geo.params == 70_144 + 2 * (128 + 128 + 256) == 71_168
    assert (geo.in_channels, geo.width, geo.out_channels) == (256, 128, 256)
    assert not TABLE2_BLOCK.has_projection


@pytest.mark.parametrize("name", list(HEAVY))
def test_the_component_data_stays_light(name):
    cfg = HEAVY[name]
    data = payload(cfg, split.geometries(cfg, "width"), "input", "width", "en")
    size = len(json.dumps(data).encode())
    assert size < MAX_PAYLOAD, f"{name}: {size:,} bytes"
    assert _json_size(plots_split.sweep_figure(group_sweep(cfg).points, cfg.groups)) < MAX_JSON


# Cardinality against width ---------------------------------------------------------------------------


def test_the_sweep_is_one_over_g_for_the_3x3():
    cfg = BlockConfig()  # width 128
    points = group_sweep(cfg).points
    assert [p.groups for p in points] == divisors(128)
    for p in points:
        assert p.conv_params == 9 * 128 * 128 // p.groups
        assert p.conv_params_ratio == 1 / p.groups
        assert p.group_width * p.groups == 128
    blocks = [p.block_params for p in points]
    assert blocks == sorted(blocks, reverse=True)
    assert points[-1].block_params_ratio > 1 / 128  # the 1×1 convs do not shrink


@pytest.mark.parametrize("cfg", [BlockConfig(), BlockConfig(in_channels=256, planes=128, groups=8, base_width=8, stride=2)])
def test_the_sweep_matches_the_real_blocks(cfg):
    for p in group_sweep(cfg).points:
        try:
            other = at_fixed_width(cfg, p.groups)
        except ConfigError:
            continue  # the base_width this g needs is above its limit
        assert count_params(other) == p.block_params


@pytest.mark.parametrize("groups,d,expected", [(32, 4, 32), (8, 4, 8), (3, 4, 4), (1, 64, 1), (128, 1, 32), (2, 40, 2)])
def test_the_nearest_table_row(groups, d, expected):
    rows = complexity_table()
    assert rows[split.nearest_row(rows, groups, d)].cardinality == expected
