import pytest

from resblocks import BlockConfig
from resblocks.compare import compare


def test_compare_basic_with_preact():
    first, preact = compare([BlockConfig(block="basic"), BlockConfig(block="preact")])
    assert first.highlight == frozenset() and first.differences == ()
    assert "BN and ReLU move before the convs (pre-activation)" in preact.differences
    assert "no ReLU after the addition" in preact.differences
    # bn1 now reads the input, the addition reads a conv, and the output reads the addition
    assert preact.highlight == {"bn1", "add", "output"}
    assert preact.params == first.params == 73_984  # 2·(9·64·64) + 2·128
    assert preact.macs == first.macs


def test_compare_bottleneck_with_resnext():
    _, resnext = compare([BlockConfig(block="bottleneck"), BlockConfig(block="resnext")])
    assert "the 3×3 is grouped (g=32)" in resnext.differences
    assert "conv2" in resnext.highlight
    assert "shortcut.0" not in resnext.highlight  # both project 64→256 the same way
    assert resnext.params == 63_488 and resnext.macs == 194_281_472


def test_compare_shortcuts_and_depthwise():
    result = compare(
        [
            BlockConfig(block="basic"),
            BlockConfig(block="basic", stride=2),
            BlockConfig(block="preact", stride=2),
            BlockConfig(block="resnext", groups=128, base_width=1),
        ]
    )
    assert [len(c.differences) > 0 for c in result] == [False, True, True, True]
    assert "adds a 1×1 projection shortcut (stride 2)" in result[1].differences
    assert {"shortcut.0", "shortcut.1", "add"} <= result[1].highlight
    assert "adds a 1×1 projection shortcut (stride 2), reading the pre-activated input" in result[2].differences
    assert "the 3×3 is depthwise (g=128)" in result[3].differences
    assert "the main path is 1×1 → 3×3 → 1×1 instead of 3×3 → 3×3" in result[3].differences


def test_compare_reverse_direction_and_identical_blocks():
    _, basic = compare([BlockConfig(block="preact", stride=2), BlockConfig(block="basic")])
    assert "BN and ReLU come after the convs (post-activation, the original order)" in basic.differences
    assert "a ReLU follows the addition" in basic.differences
    assert "the shortcut is the identity (no projection)" in basic.differences
    _, same = compare([BlockConfig(block="resnext"), BlockConfig(block="resnext")])
    assert same.highlight == frozenset() and same.differences == ("the same block as the first",)


@pytest.mark.parametrize("count", [0, 1, 5])
def test_compare_needs_two_to_four_blocks(count):
    with pytest.raises(ValueError, match="choose between 2 and 4 blocks"):
        compare([BlockConfig()] * count)


def test_compare_refuses_what_is_not_a_config():
    with pytest.raises(TypeError, match="compare needs a BlockConfig, not str"):
        compare([BlockConfig(), "x"])


def test_differences_keep_their_templates_for_another_language():
    _, resnext = compare([BlockConfig(block="bottleneck"), BlockConfig(block="resnext")])
    grouped = next(d for d in resnext.differences if d.startswith("the 3×3 is"))
    assert grouped.template == "the 3×3 is {grouping}" and grouped.values["grouping"].template == "grouped (g={g})"
    totals = resnext.differences[-1]  # the params and MACs against the first block's, one sentence each
    # the bottleneck: 64·64 + 9·64·64 + 64·256 + 64·256 (projection) + 2·(64 + 64 + 256 + 256) = 75,008
    assert totals == "63,488 params (-15.4% on 75,008); 194,281,472 MACs (-16.0% on 231,211,008)"
    params, macs = totals.values["params"], totals.values["macs"]
    assert params.template == "{new:,} params ({change:+.1%} on {old:,})"
    assert (params.values["new"], params.values["old"]) == (63_488, 75_008)
    assert macs.template == "{new:,} MACs ({change:+.1%} on {old:,})"
    _, same = compare([BlockConfig(), BlockConfig()])
    assert same.differences[0].template == "the same block as the first"
