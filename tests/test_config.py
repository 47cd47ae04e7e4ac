import pytest

from resblocks import BlockConfig, ConfigError, at_fixed_width


def test_frozen_and_hashable():
    a, b = BlockConfig(block="resnext"), BlockConfig(block="resnext", groups=32, base_width=4)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.groups = 4


def test_grouped_width_formula():
    cfg = BlockConfig(block="resnext", planes=64, groups=32, base_width=4)
    assert cfg.width == 128 and cfg.group_width == 4 and cfg.out_channels == 256
    assert BlockConfig(block="resnext", planes=128, groups=32, base_width=8).width == 512  # 32×8d, layer2
    assert BlockConfig(block="resnext", planes=64, groups=1, base_width=128).width == 128  # wide_resnet50_2


@pytest.mark.parametrize(
    "changes,sentence",
    [
        ({"block": "dense"}, "unknown block 'dense'; choose one of basic, preact, bottleneck, resnext"),
        ({"block": "basic", "groups": 3}, "groups=3 needs a grouped 3×3, which the basic block does not have; "
                                          "set groups to 1 or choose the resnext block"),
        ({"block": "bottleneck", "base_width": 128}, "base_width=128 applies only to the resnext block"),
        ({"planes": 0}, "planes=0 is out of range; choose a whole number from 1 to 2048"),
        ({"in_channels": -3}, "in_channels=-3 is out of range; choose a whole number from 1 to 4096"),
        ({"size": 10**6}, "size=1000000 is out of range; choose a whole number from 1 to 1024"),
        ({"stride": 4, "size": 2}, "stride=4 is larger than the 2×2 input; lower stride or raise size to at least 4"),
        ({"block": "resnext", "planes": 8, "base_width": 4},
         "base_width=4 with planes=8 leaves 0 channels per group (int(8·4/64) = 0); raise base_width to at least 8"),
        ({"block": "resnext", "planes": 2048, "base_width": 64, "groups": 64}, "is above the limit of 8192"),
        ({"batch": 256, "size": 1024, "in_channels": 2048}, "lower batch, size or the widths"),
        ({"groups": 2.5}, "groups must be a whole number, not 2.5; choose a whole number from 1 to 2048"),
        ({"block": ["basic"]}, "unknown block ['basic']; choose one of basic, preact"),
    ],
)
def test_validation_sentences(changes, sentence):
    with pytest.raises(ConfigError) as err:
        BlockConfig(**changes)
    assert sentence in str(err.value)


def test_fixed_width_groups():
    cfg = BlockConfig(block="resnext")
    assert [at_fixed_width(cfg, g).width for g in (1, 2, 32, 128)] == [128] * 4
    assert at_fixed_width(cfg, 128).group_width == 1  # depthwise
    with pytest.raises(ConfigError) as err:
        at_fixed_width(cfg, 3)
    assert str(err.value) == "groups=3 does not divide the grouped width 128; choose one of 1, 2, 4, 8, 16, 32, 64, 128"


def test_replace_resets_block_defaults():
    cfg = BlockConfig(block="basic").replace(block="resnext")
    assert (cfg.groups, cfg.base_width) == (32, 4)
    assert BlockConfig(block="resnext").replace(block="bottleneck").groups == 1


def test_replace_refuses_an_unknown_field():
    with pytest.raises(TypeError, match="BlockConfig has no field width; change one of block, in_channels"):
        BlockConfig().replace(width=3)
    with pytest.raises(TypeError, match="groups must be a whole number"):
        at_fixed_width(BlockConfig(), "8")
