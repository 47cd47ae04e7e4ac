"""The Budget page's library: the 1/g sweep, equal-cost blocks, the block in its network."""

import pytest

from resblocks import BlockConfig, ConfigError
from resblocks.analysis import analyze
from resblocks.budget import equal_cost, group_sweep, network_budget
from resblocks.complexity import PAPER_TABLE2

RESNET50_CONV2 = BlockConfig(block="bottleneck", in_channels=256, planes=64)  # Table 2's reference block


def test_sweep_of_the_32x4d_block():
    s = group_sweep(BlockConfig())  # resnext 32×4d: the 3×3 is 128 channels wide
    assert s.width == 128 and s.current_groups == 32
    assert [p.groups for p in s.points] == [1, 2, 4, 8, 16, 32, 64, 128]
    dense = s.points[0]
    assert dense.conv_params == 9 * 128 * 128 == s.dense_conv_params
    assert dense.block_params == s.dense_block_params == 206_336
    for p in s.points:
        assert p.conv_params_ratio == p.conv_macs_ratio == 1 / p.groups  # the notes' section 7.2
        assert p.activation_bytes == dense.activation_bytes  # grouping saves weights, not activations
        if p.groups > 1:
            assert 1 / p.groups < p.block_params_ratio < 1
    at32 = next(p for p in s.points if p.groups == 32)
    # torchvision's resnext50_32x4d.layer1[0] has 63,488 parameters.
    assert (at32.block_params, at32.group_width, at32.base_width) == (63_488, 4, 4)
    assert s.note is None


def test_sweep_of_a_bottleneck_is_the_resnext_block_at_g_1():
    s = group_sweep(RESNET50_CONV2)
    assert s.config.block == "resnext" and "bottleneck is the resnext block at g = 1" in s.note
    assert s.points[0].block_params == 70_400  # torchvision's resnet50.layer1[1]
    assert s.points[-1].groups == 64  # depthwise


def test_sweep_skips_cardinalities_no_base_width_gives():
    # planes=128: channels per group are int(128·base_width/64), always even, so d = 1 (g = 256) is out of reach.
    s = group_sweep(BlockConfig(in_channels=256, planes=128, groups=16, base_width=8))
    assert s.width == 256 and s.skipped == (256,)
    assert s.points[-1].groups == 128


@pytest.mark.parametrize("block", ["basic", "preact", "preact_bottleneck"])
def test_a_block_without_a_grouped_conv_is_swept_as_the_32x4d_block(block):
    s = group_sweep(BlockConfig(block=block, in_channels=256, planes=64))
    assert (s.config.block, s.config.groups, s.config.base_width, s.config.in_channels) == ("resnext", 32, 4, 256)
    assert f"The {block} block has no grouped 3×3" in s.note
    with pytest.raises(ConfigError, match="choose the resnext block or raise planes"):
        group_sweep(BlockConfig(block=block, planes=8))


@pytest.mark.parametrize("metric", ["params", "macs"])
def test_equal_cost_reproduces_table_2(metric):
    # Xie et al. 2017, Table 2: at the ResNet-50 conv2 budget, C = 2, 4, 8, 32 get d = 40, 24, 14, 4.
    ec = equal_cost(RESNET50_CONV2, metric)
    assert ec.target == (70_400 if metric == "params" else 218_365_952)
    d = {row.groups: row.config.group_width for row in ec.rows if row.block == "resnext"}
    assert d == {p.cardinality: p.group_width for p in PAPER_TABLE2 if p.cardinality > 1}
    widths = {row.groups: row.width for row in ec.rows if row.block == "resnext"}
    assert widths == {p.cardinality: p.width for p in PAPER_TABLE2 if p.cardinality > 1}
    for row in ec.rows:
        assert row.config is not None, row.note
        assert abs(row.error) < 0.05, row.kind
        assert getattr(row, metric) == pytest.approx(ec.target, rel=0.05)
    assert ec.rows[0].is_target and ec.rows[0].error == 0


CASES = [BlockConfig(), BlockConfig(block="basic"), BlockConfig(block="preact_bottleneck", stride=2),
         BlockConfig(in_channels=256, planes=128, stride=2, groups=16, base_width=8)]


def _cost(cfg: BlockConfig, metric: str) -> int:
    return getattr(analyze(cfg.replace(batch=1)), metric)


@pytest.mark.parametrize("cfg", CASES, ids=["resnext-default", "basic", "preact-bottleneck-s2", "resnext-16x16d-s2"])
@pytest.mark.parametrize("metric", ["params", "macs"])
def test_equal_cost_holds_the_input_and_output_and_lands_nearest(cfg, metric):
    ec = equal_cost(cfg, metric)
    own = {"resnext": f"resnext C={cfg.groups}", "basic": "basic"}.get(cfg.block)
    kinds = ["basic", "bottleneck"] + [f"resnext C={c}" for c in sorted({2, 4, 8, 32} | {cfg.groups} - {1})]
    assert [row.kind for row in ec.rows][1:] == [k for k in kinds if k != own]  # the current block once, first
    for row in ec.rows:
        assert row.config is not None, row.note
        c = row.config
        assert (c.in_channels, c.size, c.stride) == (cfg.in_channels, cfg.size, cfg.stride)
        if row.block != "basic":  # Table 2 holds in and out (256 → 256) and solves the 3×3's width d
            assert c.out_channels == cfg.out_channels, row.kind
        if c.entry.grouped:  # no other d of the same cardinality is nearer the budget
            for d in (c.group_width - 1, c.group_width + 1):
                try:
                    other = c.replace(base_width=-(-64 * d // c.planes))
                except ConfigError:
                    continue
                assert abs(_cost(c, metric) - ec.target) <= abs(_cost(other, metric) - ec.target), (row.kind, d)
        else:
            assert abs(_cost(c, metric) - ec.target) / ec.target < 0.05, row.kind


def test_a_bottleneck_solved_at_fixed_channels_is_the_papers_one_by_d():
    # At the resnext 32×4d block's budget (64 → 256), the bottleneck keeps 256 channels out and widens its 3×3.
    rows = {row.kind: row for row in equal_cost(BlockConfig(), "params").rows}
    bottleneck = rows["bottleneck"].config
    assert (bottleneck.block, bottleneck.groups, bottleneck.in_channels, bottleneck.out_channels) == ("resnext", 1, 64, 256)
    assert rows["bottleneck"].solved == "base_width=56 (1×56d)" and rows["bottleneck"].width == 56
    assert rows["basic"].config.out_channels == 55  # the basic block's only width is its output


def test_where_the_output_is_no_multiple_of_4_only_the_input_is_held():
    ec = equal_cost(BlockConfig(block="basic", planes=25), "params")
    outs = {row.kind: row.config.out_channels for row in ec.rows if row.config is not None}
    assert outs["basic (this block)"] == 25 and outs["bottleneck"] == 4 * next(
        row.config.planes for row in ec.rows if row.kind == "bottleneck")
    assert {outs[k] for k in outs if k.startswith("resnext")} == {256}  # Table 2's planes = 64


def test_equal_cost_mac_budget_is_per_image():
    cfg = RESNET50_CONV2.replace(batch=4)
    ec = equal_cost(cfg, "macs")
    assert ec.target == analyze(RESNET50_CONV2).macs
    basic = next(row for row in ec.rows if row.kind == "basic")
    assert basic.config.batch == 4
    assert basic.macs == 4 * analyze(basic.config.replace(batch=1)).macs


def test_equal_cost_says_why_a_kind_cannot_reach_a_small_budget():
    ec = equal_cost(BlockConfig(block="basic", planes=25), "params")  # 21,775 params; resnext keeps 256 out
    unreachable = [row for row in ec.rows if row.config is None]
    assert [row.kind for row in unreachable] == ["resnext C=32"]
    assert unreachable[0].note == ("the smallest resnext block (base_width=1) already has 28,064 params, above the "
                                   "target 21,775; raise the target to at least 28,064 or change in_channels, size "
                                   "or stride")
    assert unreachable[0].note.values == {"block": "resnext", "field": "base_width", "low": 1, "first": 28_064,
                                          "metric": "params", "target": 21_775}


def test_equal_cost_rejects_an_unknown_metric():
    with pytest.raises(ValueError, match="choose one of params, macs"):
        equal_cost(BlockConfig(), "flops")


def test_network_of_the_resnet50_bottleneck():
    n = network_budget(RESNET50_CONV2)
    assert n.network == "resnet50"
    ctx = n.context
    assert (ctx.stage, ctx.position, ctx.copies) == ("layer1", "repeated block", 2)
    totals = {t.name: t for t in n.totals}
    assert list(totals) == ["resnet50", "resnet101", "resnet152"]
    # torchvision's published figures (ResNet50_Weights.IMAGENET1K_V1: 25,557,032 params, 4.089 GFLOPS).
    assert totals["resnet50"].params == totals["resnet50"].published_params == 25_557_032
    assert totals["resnet50"].published_macs == 4_089_000_000
    for t in n.totals:
        assert t.params_match
        assert abs(t.macs_error) < 5e-4
    assert n.holds_block == "layer1" and n.analysis is totals["resnet50"]
    assert n.block_macs == 69_632 * 56 * 56  # the conv weights of Table 2's block, once per pixel of its 56×56 input


@pytest.mark.parametrize(
    "cfg,network,stage,copies",
    [
        (BlockConfig(), "resnext50_32x4d", "layer1", 1),
        (BlockConfig(block="basic"), "resnet34", "layer1", 3),
        (BlockConfig(block="basic", in_channels=128, planes=256, stride=2, size=28), "resnet34", "layer3", 1),
        (BlockConfig(block="resnext", in_channels=1024, planes=256, groups=64, base_width=4, size=14), "resnext101_64x4d",
         "layer3", 22),
    ],
)
def test_network_context(cfg, network, stage, copies):
    n = network_budget(cfg)
    assert (n.network, n.context.stage, n.context.copies) == (network, stage, copies)
    assert all(t.params_match for t in n.totals)


@pytest.mark.parametrize("block", ["preact", "preact_bottleneck"])
def test_no_network_for_preactivation_blocks(block):
    assert network_budget(BlockConfig(block=block)) is None


def test_settings_no_block_of_the_network_has():
    n = network_budget(BlockConfig(block="bottleneck", stride=3))
    assert n.network == "resnet50" and n.context is None and n.holds_block is None
    slots = {(s.stage, s.in_channels, s.planes, s.stride): s.copies for s in n.slots}
    assert slots[("layer1", 256, 64, 1)] == 2 and slots[("layer3", 512, 256, 2)] == 1
    assert sum(slots.values()) == 16  # ResNet-50: 3 + 4 + 6 + 3 blocks


def test_the_messages_the_budget_page_shows_keep_their_templates():
    from resblocks.torchinfo_check import torchinfo_too_big

    reason = torchinfo_too_big(BlockConfig(block="bottleneck", in_channels=1024, planes=512, size=224))
    assert reason.startswith("torchinfo runs a real forward pass on the CPU, and one 224×224 image through this block "
                             "takes 302,526,758,912 MACs")  # the English sentence is unchanged
    assert reason.values["macs"] == 302_526_758_912 and "{macs:,}" in reason.template
    note = group_sweep(BlockConfig(block="basic", in_channels=256, planes=64)).note
    assert note.template.startswith("The {block} block has no grouped 3×3") and note.values["block"] == "basic"
