"""torchinfo's table beside the library's figures."""

import pytest
import torch

from resblocks import BlockConfig
from resblocks.analysis import analyze
from resblocks.registry import BLOCK_NAMES
from resblocks.torchinfo_check import torchinfo_check, torchinfo_too_big


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_torchinfo_agrees_on_params_and_conv_macs(block):
    cfg = BlockConfig(block=block, stride=2, size=32)
    check = torchinfo_check(cfg.build().eval(), cfg)
    assert check.params_agree and check.conv_macs_agree
    bn_params = sum(r.params for r in check.rows if r.kind == "BatchNorm2d")
    assert check.bn_mult_adds == bn_params  # torchinfo's one "mult-add" per BN weight and bias
    names = [layer.name for layer in analyze(cfg).layers if layer.op != "add"]
    assert [r.name for r in check.rows] == names
    assert "Total params" in check.text


def test_torchinfo_skips_blocks_too_big_to_run():
    big = BlockConfig(block="bottleneck", in_channels=1024, planes=512, size=224)
    assert "lower size or the widths" in torchinfo_too_big(big)
    with pytest.raises(ValueError, match="lower size"):
        torchinfo_check(big.build(), big)
    assert torchinfo_too_big(BlockConfig()) is None


def test_torchinfo_is_skipped_for_blocks_too_big_to_build():
    huge = BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=1, base_width=256, size=1)
    sentence = torchinfo_too_big(huge)
    assert sentence is not None and "738,263,040 parameters" in sentence


def test_it_runs_on_the_cpu_under_a_meta_default_device():
    """torchinfo makes its input under the default device: under a meta one it could not copy it to the CPU
    (NotImplementedError, found by the public-API property test)."""
    cfg = BlockConfig(block="resnext", in_channels=64, planes=64)
    module = cfg.build()
    with torch.device("meta"):
        check = torchinfo_check(module, cfg)
    assert check.params_agree and check.conv_macs_agree
