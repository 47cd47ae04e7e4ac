import pytest

from resblocks import from_values


@pytest.mark.parametrize(
    "values,expected,note",
    [
        ({"groups": "8"}, {"groups": 8}, None),
        ({"groups": ["4", "8"]}, {"groups": 8}, None),  # repeated key: the last wins
        ({"groups": "abc"}, {"groups": 32}, "Ignored groups='abc'"),
        ({"planes": "-5"}, {"planes": 64}, "Ignored planes='-5': it must be from 1 to 2048."),
        ({"size": "nan"}, {"size": 56}, "Ignored size='nan'"),
        ({"size": "1e9"}, {"size": 56}, "Ignored size='1e9'"),
        ({"block": "<script>alert(1)</script>"}, {"block": "resnext"}, "Ignored block='<script>alert(1)</scr"),
        ({"block": "basic", "groups": "8"}, {"block": "basic", "groups": 1}, "the basic block has no grouped 3×3"),
        ({"stride": "4", "size": "2"}, {"stride": 4, "size": 56}, "Ignored size: stride=4 is larger than the 2×2 input"),
        ({"size": "²"}, {"size": 56}, "Ignored size='²': it must be a whole number from 1 to 1024."),  # isdigit() is True
        ({"groups": "٣"}, {"groups": 32}, "Ignored groups='٣'"),  # an Arabic-Indic three: int() takes it, we do not
        ({"block": {"x": 1}}, {"block": "resnext"}, "Ignored block="),
    ],
)
def test_from_values_falls_back_with_a_note(values, expected, note):
    cfg, notes = from_values(values)
    for key, value in expected.items():
        assert getattr(cfg, key) == value
    if note is None:
        assert notes == []
    else:
        assert any(note in n for n in notes), notes


def test_from_values_refuses_what_it_cannot_read():
    with pytest.raises(TypeError, match="from_values needs a mapping"):
        from_values(["groups=8"])
    with pytest.raises(TypeError, match="from_values needs a BlockConfig, not str"):
        from_values({}, base="resnext")


def test_a_narrower_limit_names_its_own_range():
    cfg, notes = from_values({"groups": "256"}, limits={"groups": (1, 128)})
    assert cfg.groups == 32 and notes == ["Ignored groups='256': it must be from 1 to 128."]


def test_every_note_is_a_message_an_app_can_translate():
    from explorer.i18n import Say

    _, notes = from_values({"block": "basic", "groups": "8", "size": "²", "stride_on": "1x1", "planes": "0"})
    assert [n.template for n in notes] == [
        "Ignored {name}={value}: it must be from {low} to {high}.",
        "Ignored {name}={value}: it must be a whole number from {low} to {high}.",
        "Ignored {name}={value}: the {block} block has no grouped 3×3.",
        "Ignored {name}={value}: the {block} block has no 1×1 before its 3×3.",
    ]
    assert [Say("tr").message(n) for n in notes] == [
        "planes='0' yok sayıldı: 1 ile 2048 arasında olmalı.",
        "size='²' yok sayıldı: 1 ile 1024 arasında bir tam sayı olmalı.",
        "groups=8 yok sayıldı: basic bloğunda grouped 3×3 yok.",
        "stride_on=1x1 yok sayıldı: basic bloğunda 3×3'ten önce 1×1 yok.",
    ]
    _, (note,) = from_values({"stride": "4", "size": "2"})
    assert note == "Ignored size: stride=4 is larger than the 2×2 input; lower stride or raise size to at least 4."
    assert note.values["reason"].template.startswith("stride={stride} is larger")


def test_whole_number_refuses_bounds_that_are_not_whole_numbers():
    # Found by tests/test_public_api.py: a bound of "\n0" ended up inside the sentence, across two lines.
    from resblocks.checks import whole_number

    with pytest.raises(TypeError, match=r"^whole_number's high must be a whole number, not '\\n0'; pass an int$"):
        whole_number("groups", 3, 1, "\n0")
    with pytest.raises(TypeError, match="whole_number's low must be a whole number, not None"):
        whole_number("groups", 3, None)
