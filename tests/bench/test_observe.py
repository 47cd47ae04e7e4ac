"""bench.observe: the shapes of a real forward pass, named as the analysis names its layers."""

import pytest
import torch

from resblocks import bench
from resblocks.analysis import analyze
from resblocks.registry import BLOCK_NAMES
from tests.bench.helpers import tiny


@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_observed_shapes_equal_the_analysis(block, stride):
    cfg = tiny(block, stride)
    module = cfg.build().eval()
    with torch.inference_mode():
        layers = bench.observe(module, torch.randn(cfg.input_shape))
    expected = analyze(cfg).layers
    assert [(la.name, la.output_shape) for la in layers] == [(e.name, e.output_shape) for e in expected]
    add = next(la for la in layers if la.op == "add")
    assert add.input_shapes == (cfg.output_shape, cfg.output_shape)
    assert layers[0].input_shapes == (cfg.input_shape,)
    assert not module._forward_hooks and not module.conv1._forward_hooks  # hooks are removed afterwards


def test_observe_names_the_fix_for_a_config_instead_of_a_module():
    with pytest.raises(TypeError, match=r"observe takes a module and an input tensor, not BlockConfig"):
        bench.observe(tiny(), torch.zeros(1))


def test_an_input_the_block_does_not_take_is_a_sentence():
    with pytest.raises(ValueError, match=r"the forward pass failed on an input of shape \(1, 3, 4, 4\) .*; pass an "
                                         r"input of the block's input shape"):
        bench.observe(tiny().build(), torch.zeros(1, 3, 4, 4))
