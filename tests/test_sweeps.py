"""Which configurations a sweep or a comparison contains: one policy for every page and the CLI."""

import pytest
import torch

from resblocks import BlockConfig, ConfigError, units
from resblocks.analysis import analyze
from resblocks.registry import BLOCK_NAMES
from resblocks.sweeps import (
    SWEEP_KINDS,
    contenders,
    fixed_width_sweep,
    grouped_base,
    solve_contenders,
    sweep_members,
    table2_members,
)


def test_the_resnext_block_is_its_own_base():
    cfg = BlockConfig(block="resnext", groups=8, base_width=16)
    assert grouped_base(cfg).config is cfg and grouped_base(cfg).note is None


def test_the_bottleneck_is_swept_as_the_same_block():
    # resnext at g = 1, base_width 64 is the bottleneck itself: same weights, same outputs.
    cfg = BlockConfig(block="bottleneck", in_channels=256, planes=64, size=8)
    base = grouped_base(cfg)
    assert (base.config.block, base.config.groups, base.config.base_width) == ("resnext", 1, 64)
    torch.manual_seed(0)
    ours, theirs = cfg.build().eval(), base.config.build().eval()
    theirs.load_state_dict(ours.state_dict())  # the same names and shapes, or this raises
    x = torch.randn(cfg.input_shape)
    with torch.no_grad():
        torch.testing.assert_close(theirs(x), ours(x), rtol=0, atol=0)


@pytest.mark.parametrize("block", ["basic", "preact", "preact_bottleneck"])
def test_a_block_without_a_grouped_conv_is_swept_as_the_32x4d_block_with_its_sizes(block):
    cfg = BlockConfig(block=block, in_channels=128, planes=128, stride=2, size=28, batch=3)
    base = grouped_base(cfg)
    assert base.config == BlockConfig(block="resnext", in_channels=128, planes=128, stride=2, size=28, batch=3)
    assert base.config.label in base.note and f"The {block} block has no grouped 3×3" in base.note
    with pytest.raises(ConfigError, match=r"resnext block with its sizes is not valid .*raise planes"):
        grouped_base(cfg.replace(planes=8))  # int(8·4/64) = 0 channels per group


def test_the_fixed_width_sweep_splits_one_3x3():
    sweep = fixed_width_sweep(BlockConfig())  # 32×4d: the 3×3 has 128 channels
    assert [m.label for m in sweep.members] == ["g=1", "g=2", "g=4", "g=8", "g=16", "g=32", "g=64", "g=128"]
    for member in sweep.members:
        conv = member.config.build().conv2
        assert (conv.in_channels, conv.out_channels, conv.groups) == (128, 128, member.config.groups)


def test_a_limited_sweep_keeps_the_powers_of_two_and_the_current_g():
    cfg = BlockConfig(groups=12, base_width=4)  # a 48-wide 3×3: g = 1, 2, 3, 4, 6, 8, 12, 16, 24, 48
    assert len(fixed_width_sweep(cfg).members) == 10
    assert [m.config.groups for m in fixed_width_sweep(cfg, limit=8).members] == [1, 2, 4, 8, 12, 16]
    assert [m.config.groups for m in fixed_width_sweep(cfg, limit=3).members] == [1, 2, 12]


def test_the_sweep_leaves_out_what_no_base_width_gives():
    # planes=128: channels per group are int(128·base_width/64), always even, so d = 1 (g = 256) is out of reach.
    sweep = fixed_width_sweep(BlockConfig(in_channels=256, planes=128, groups=16, base_width=8))
    assert list(sweep.skipped) == [256] and sweep.members[-1].label == "g=128"


def test_table2_members_are_the_papers_rows():
    members = table2_members(BlockConfig(size=28, batch=2))
    # Xie et al. 2017, Table 2: C = 1, 2, 4, 8, 32 with d = 64, 40, 24, 14, 4.
    assert [m.label for m in members] == ["1×64d", "2×40d", "4×24d", "8×14d", "32×4d"]
    assert {(m.config.in_channels, m.config.out_channels, m.config.size, m.config.batch) for m in members} == {
        (256, 256, 28, 2)
    }


def test_the_contenders_of_each_comparison():
    assert [c.label for c in contenders(BlockConfig(block="basic"))] == [
        "basic", "bottleneck", "resnext C=2", "resnext C=4", "resnext C=8", "resnext C=32"
    ]
    assert "resnext C=16" in [c.label for c in contenders(BlockConfig(groups=16, base_width=4))]
    every_kind = contenders(BlockConfig(block="preact"), None)
    assert [c.block for c in every_kind] == ["preact", *[b for b in BLOCK_NAMES if b != "preact"]]
    assert {c.groups for c in every_kind if c.block == "resnext"} == {32}


@pytest.mark.parametrize("metric", ["params", "macs"])
def test_every_contender_gets_the_same_input_and_the_budget(metric):
    cfg = BlockConfig(block="bottleneck", in_channels=256, planes=64, stride=2, batch=2)
    target = getattr(analyze(cfg.replace(batch=1)), metric)
    for kind, solved, reason in solve_contenders(cfg, metric, contenders(cfg)):
        assert reason is None, reason
        assert (solved.in_channels, solved.stride, solved.size, solved.batch) == (256, 2, 56, 2)
        assert abs(getattr(analyze(solved.replace(batch=1)), metric) - target) / target < 0.05, kind


def test_a_contender_no_width_reaches_gets_the_solvers_sentence():
    cfg = BlockConfig(block="basic", planes=8)  # about 1,900 params: below the smallest resnext block
    unreachable = [(k, reason) for k, solved, reason in solve_contenders(cfg, "params", contenders(cfg)) if solved is None]
    assert unreachable and all(k.block == "resnext" and "raise the target" in reason for k, reason in unreachable)


@pytest.mark.parametrize("kind", list(SWEEP_KINDS))
def test_every_sweep_kind_has_a_baseline_first(kind):
    members, notes = sweep_members(kind, BlockConfig(block="basic", size=16), limit=8)
    assert 2 <= len(members) <= 8 and notes
    assert members[0].label == {"groups": "g=1", "matched": "1×64d", "blocks": "basic"}[kind]


def test_an_unknown_sweep_lists_the_kinds():
    with pytest.raises(ValueError, match="unknown sweep 'depth'; choose one of groups, matched, blocks"):
        sweep_members("depth", BlockConfig())


def test_the_blocks_sweep_starts_from_the_block_shown_and_sizes_the_others_to_it():
    # resnext 256 → 256 at planes 32 (32×2d): re-solving it gave 32×3d, 13% under the budget the others were sized to.
    cfg = BlockConfig(block="resnext", in_channels=256, planes=32, size=28)
    members, notes = sweep_members("blocks", cfg)
    assert members[0].label == "resnext" and members[0].config == cfg
    base = analyze(cfg).macs
    for member in members[1:]:
        off = analyze(member.config).macs / base - 1
        assert abs(off) < 0.05 or any(n.startswith(f"{member.config.label} has {abs(off):.0%} ") for n in notes), member
    assert notes[-1].startswith(f"Each block kind is sized to the baseline's {units.count(base, 'MACs')} per image")


def test_a_block_kind_no_width_brings_near_the_baseline_is_named():
    # basic 64 → 64 at stride 2: the resnext block at 32 groups comes no nearer than 32×4d, 11% above.
    _, notes = sweep_members("blocks", BlockConfig(block="basic", stride=2))
    assert "resnext 32×4d, 64→256, stride 2 has 11% more MACs than the baseline: no width of its kind comes nearer." in notes
    assert notes[0].template.startswith("{label} has {off:.0%} more MACs")  # said in the reader's language by the page
