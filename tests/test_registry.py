import pytest

from resblocks.registry import BLOCK_NAMES, REGISTRY, get_entry


def test_the_five_blocks_and_their_papers():
    assert BLOCK_NAMES == ("basic", "preact", "bottleneck", "resnext", "preact_bottleneck")
    assert {name: e.paper.split(",")[0] for name, e in REGISTRY.items()} == {
        "basic": "He et al. 2016",
        "preact": "He et al. 2016",
        "bottleneck": "He et al. 2016",
        "resnext": "Xie et al. 2017",
        "preact_bottleneck": "He et al. 2016",
    }
    # Xie et al. 2017 name their template 32×4d: cardinality 32, 4 channels per path at planes 64.
    assert (get_entry("resnext").default_groups, get_entry("resnext").default_base_width) == (32, 4)
    assert [name for name, e in REGISTRY.items() if e.grouped] == ["resnext"]
    assert {name: e.expansion for name, e in REGISTRY.items()} == {
        "basic": 1, "preact": 1, "bottleneck": 4, "resnext": 4, "preact_bottleneck": 4
    }


@pytest.mark.parametrize("bad", ["dense", ["basic"], None])
def test_an_unknown_block_lists_the_choices(bad):
    with pytest.raises(ValueError, match="choose one of basic, preact, bottleneck, resnext, preact_bottleneck"):
        get_entry(bad)
