"""Split-transform-merge as data (resblocks.split) and as figures (resblocks.plots_split)."""

from __future__ import annotations

import itertools
import json

import plotly.io as pio
import pytest
import torch
import torch.nn.functional as F

from explorer.figures import split as plots_split
from resblocks import BlockConfig, ConfigError, at_fixed_width, split
from resblocks.analysis import analyze, count_params
from resblocks.budget import group_sweep
from resblocks.complexity import complexity_table
from resblocks.config import divisors

# One 3×3 of width 128 (in 64, out 256), split into 1, 2, 32 and 128 (depthwise) groups.
WIDE = BlockConfig(block="resnext", in_channels=64, planes=64, groups=1, base_width=128, size=8)
MAX_JSON = 2 * 1024 * 1024

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


def test_one_group_has_nothing_to_split_or_merge():
    names = [s.name for s in split.steps(at_fixed_width(WIDE, 1))]
    assert names == ["input", "reduce", "transform", "expand", "add"]


def test_only_the_resnext_block_is_split():
    with pytest.raises(ConfigError, match="choose the resnext block"):
        split.animation(BlockConfig(block="bottleneck"))


# The animation's geometry ------------------------------------------------------------------------


def _frame(anim: split.Animation, name: str) -> split.Frame:
    return anim.frames[anim.names.index(name)]


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_frames_and_groups_follow_g(groups):
    cfg = at_fixed_width(WIDE, groups)
    anim = split.animation(cfg)
    assert anim.names == split.step_names(groups)
    assert len(anim.frames) == (5 if groups == 1 else 7)
    last = anim.frames[-1]
    assert last.shortcut and last.projection  # 64 → 256 needs a projection
    transformed = [r for r in last.rects if r.column == "transformed"]
    assert {r.group for r in transformed} == set(range(groups))  # width 128 > 64: one band per group
    assert len(transformed) == groups
    assert sum(r.stop - r.first for r in transformed) == 128
    if groups > 1:
        reduced = [r for r in _frame(anim, "split").rects if r.column == "reduced"]
        assert len({r.group for r in reduced}) == groups
        before = [r for r in _frame(anim, "reduce").rects if r.column == "reduced"]
        assert {r.group for r in before} == {None}  # not yet split


def test_frames_are_cumulative():
    anim = split.animation(BlockConfig())
    columns = [{r.column for r in f.rects} for f in anim.frames]
    assert all(a <= b for a, b in itertools.pairwise(columns))
    assert columns[-1] == {"input", "reduced", "transformed", "merged", "expanded", "output"}
    assert not any(f.shortcut for f in anim.frames[:-1])


def test_a_group_feeds_only_itself_channel_by_channel():
    cfg = BlockConfig(block="resnext", in_channels=16, planes=16, groups=4, base_width=32, size=8)  # width 32, d = 8
    anim = split.animation(cfg)
    assert anim.per_channel and anim.lines
    frame = _frame(anim, "transform")
    group_of = {}
    for r in frame.rects:
        if r.column in ("reduced", "transformed"):
            group_of[(r.column, round((r.y0 + r.y1) / 2, 9))] = r.group
    links = [link for link in frame.links if link.kind == "group"]
    assert sorted(link.group for link in links) == [0, 1, 2, 3]
    for link in links:
        assert len(link.segments) == 8 * 8  # every input of the group to every output of the group
        for _, y0, _, y1 in link.segments:
            assert group_of[("reduced", round(y0, 9))] == link.group
            assert group_of[("transformed", round(y1, 9))] == link.group


def test_wide_settings_are_drawn_as_bands():
    cfg = HEAVY["depthwise, 2048 groups"]
    anim = split.animation(cfg)
    assert not anim.per_channel and anim.bands == split.MAX_BANDS and anim.groups_per_band == 16
    transformed = [r for r in anim.frames[-1].rects if r.column == "transformed"]
    assert len(transformed) == split.MAX_BANDS
    assert sum(r.stop - r.first for r in transformed) == 2048


# The figures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(HEAVY))
def test_the_animation_stays_light(name):
    cfg = HEAVY[name]
    fig = plots_split.animation_figure(split.animation(cfg))
    size = _json_size(fig)
    assert size < MAX_JSON, f"{name}: {size:,} bytes"
    m = split.connectivity(cfg.width, cfg.width, cfg.groups)
    assert _json_size(plots_split.weight_map_figure(m, ("a", "b"))) < MAX_JSON
    assert _json_size(plots_split.sweep_figure(group_sweep(cfg).points, cfg.groups)) < MAX_JSON


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_the_figure_colours_the_groups(groups):
    cfg = at_fixed_width(WIDE, groups)
    anim = split.animation(cfg)
    fig = json.loads(pio.to_json(plots_split.animation_figure(anim, active=1), validate=False))
    assert [f["name"] for f in fig["frames"]] == list(anim.names)
    assert fig["layout"]["sliders"][0]["active"] == 1
    assert fig["layout"]["title"]["text"] == fig["frames"][1]["layout"]["title"]["text"]
    assert fig["data"][0]["x"] == fig["frames"][1]["data"][0]["x"]  # the figure opens at frame 1
    step = "split" if groups > 1 else "transform"
    data = fig["frames"][anim.names.index(step)]["data"]
    coloured = [i for i, trace in enumerate(fig["data"]) if trace.get("fillcolor") in plots_split.PALETTE]
    shown = [i for i in coloured if data[i]["x"]]
    assert len(shown) == min(groups, len(plots_split.PALETTE))
    left = round(split.X["reduced"] - split.HALF_WIDTH, plots_split.DIGITS)
    starts = [x for i in coloured for x, previous in zip(data[i]["x"], [None, *data[i]["x"]], strict=False)
              if previous is None and x is not None]
    assert starts.count(left) == groups  # one band per group in the reduced column, each a polygon


def test_bad_titles_or_frame_are_refused():
    anim = split.animation(BlockConfig())
    with pytest.raises(ValueError, match="one title per frame"):
        plots_split.animation_figure(anim, titles=("only one",))
    with pytest.raises(ValueError, match="choose one from 0 to 6"):
        plots_split.animation_figure(anim, active=7)


# The connectivity map ---------------------------------------------------------------------------


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_the_map_is_block_diagonal(groups):
    m = split.connectivity(128, 128, groups)
    assert m.exact
    d = 128 // groups
    expected = torch.kron(torch.eye(groups), torch.ones(d, d))
    assert torch.equal(torch.tensor(m.fraction), expected)
    assert m.nonzero == 9 * 128 * 128 // groups
    assert m.dense_nonzero == 9 * 128 * 128


def test_a_downsampled_map_keeps_every_weight():
    m = split.connectivity(8192, 8192, 2048)
    assert not m.exact and len(m.row_edges) == len(m.col_edges) == split.MAX_CELLS + 1
    f = torch.tensor(m.fraction, dtype=torch.float64)
    rows = torch.diff(torch.tensor(m.row_edges, dtype=torch.float64))
    cols = torch.diff(torch.tensor(m.col_edges, dtype=torch.float64))
    assert (f * rows[:, None] * cols[None, :]).sum().item() == pytest.approx(8192 * 4)  # w²/g pairs
    assert torch.count_nonzero(f - torch.diag(torch.diag(f))) == 0  # only the diagonal cells hold weights
    assert f[0, 0].item() == pytest.approx(1 / 8)  # a 32 × 32 cell holds 8 blocks of 4 × 4


def test_the_dense_form_of_a_grouped_weight_computes_the_same():
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(32, 32, 3, padding=1, groups=8, bias=False)
    dense = split.dense_weight(conv.weight.detach(), 8)
    assert dense.shape == (32, 32, 3, 3)
    x = torch.randn(2, 32, 7, 7)
    torch.testing.assert_close(F.conv2d(x, dense, padding=1), conv(x).detach())
    m = split.connectivity(32, 32, 8)
    assert torch.count_nonzero(dense).item() == m.nonzero
    pattern = (dense.abs().sum(dim=(2, 3)) > 0).float()
    assert torch.equal(pattern, torch.tensor(m.fraction))


def test_groups_must_divide_the_channels():
    with pytest.raises(ValueError, match="choose one of 1, 2, 3, 4, 6, 12"):
        split.connectivity(12, 12, 5)


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
