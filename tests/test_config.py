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
        # The fix in numbers: 2**28 // (2048·1024²) = 0 images fit at this size; isqrt(2**28 // (256·2048)) = 22.
        ({"batch": 256, "size": 1024, "in_channels": 2048}, "more than the limit of 268,435,456; lower size to at "
                                                            "most 22 or the widths"),
        ({"batch": 64, "size": 512, "in_channels": 256},  # 2**28 // (256·512²) = 4; isqrt(2**28 // (64·256)) = 128
         "lower batch to at most 4 or size to at most 128, or the widths"),
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


def test_a_sentence_keeps_its_template_and_reads_in_turkish():
    from explorer.i18n import Say

    with pytest.raises(ConfigError) as err:
        BlockConfig(block="resnext", planes=8, base_width=4)
    message = err.value.args[0]
    assert message.values == {"base_width": 4, "planes": 8, "need": 8}
    assert Say("tr").message(err.value) == ("Grup başına 0 kanal kalıyor (planes=8 ve base_width=4 için "
                                            "⌊8·4/64⌋ = 0); base_width'i en az 8 yapın.")
    with pytest.raises(ConfigError) as err:
        at_fixed_width(BlockConfig(block="resnext"), 3)
    assert Say("tr").message(err.value) == ("Grup sayısı groups=3, grouped 3×3'ün genişliğini (128) tam bölmüyor; "
                                            "şunlardan birini seçin: 1, 2, 4, 8, 16, 32, 64, 128.")
    with pytest.raises(ConfigError) as err:
        BlockConfig(groups=2.5)
    assert Say("tr").message(err.value) == ("Groups bir tam sayı olmalı, 2.5 değil; 1 ile 2048 arasında bir tam "
                                            "sayı seçin.")


def test_every_message_of_the_library_and_the_address_has_turkish():
    import ast
    from pathlib import Path

    from explorer.catalog import TR
    from resblocks.checks import one_of, whole_number

    root = Path(__file__).resolve().parent.parent
    templates = []
    for name in ("resblocks/checks.py", "resblocks/config.py", "resblocks/values.py", "explorer/links.py"):
        for node in ast.walk(ast.parse((root / name).read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Message" and node.args:
                first = node.args[0]
                parts = [first.left, first.right] if isinstance(first, ast.BinOp) else [first]
                if all(isinstance(p, ast.Constant) for p in parts):
                    templates.append("".join(p.value for p in parts))
    for call in (lambda: whole_number("n", "x", 1, 9), lambda: whole_number("n", "x"),
                 lambda: whole_number("n", 0, 1, 9), lambda: whole_number("n", 0), lambda: one_of("n", "x", "ab"),
                 lambda: BlockConfig(batch=256, size=1024, in_channels=2048),
                 lambda: BlockConfig(batch=64, size=512, in_channels=256)):
        with pytest.raises((TypeError, ValueError)) as err:
            call()
        templates.append(err.value.args[0].template)
    assert len(templates) > 25
    assert [t for t in templates if t not in TR] == []
