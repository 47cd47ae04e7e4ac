import inspect

import pytest
import torch
from torch import nn

from resblocks import BlockConfig
from resblocks.blocks import BasicBlock, Bottleneck, PreActBlock, PreActBottleneck
from resblocks.registry import BLOCK_NAMES
from resblocks.tracing import trace

from . import notes_reference as ref

# The notes' own shape check: a 2×64×56×56 input gives 64, 64, 256 and 256 output channels.
NOTES_CHECK = {"basic": 64, "preact": 64, "bottleneck": 256, "resnext": 256}

SETTINGS = [  # (in_channels, planes, stride): identity, projection by channels, projection by stride
    (64, 64, 1),
    (256, 64, 1),
    (64, 32, 2),
]


def _reference(block: str, in_ch: int, planes: int, stride: int) -> nn.Module | None:
    return {
        "basic": lambda: ref.BasicBlock(in_ch, planes, stride),
        "preact": lambda: ref.PreActBasicBlock(in_ch, planes, stride),
        "bottleneck": lambda: ref.Bottleneck(in_ch, planes, stride),
        "resnext": lambda: ref.ResNeXtBottleneck(in_ch, planes, stride, groups=32, base_width=4),
    }.get(block, lambda: None)()


def _load_reference_weights(ours: nn.Module, theirs: nn.Module) -> None:
    state = {k.replace("downsample", "shortcut"): v for k, v in theirs.state_dict().items()}
    ours.load_state_dict(state)


@pytest.mark.parametrize("block,channels", NOTES_CHECK.items())
def test_notes_shape_check(block, channels):
    cfg = BlockConfig(block=block, in_channels=64, planes=64, batch=2, size=56)
    with torch.no_grad():
        y = cfg.build()(torch.randn(2, 64, 56, 56))
    assert tuple(y.shape) == (2, channels, 56, 56)
    assert cfg.output_shape == (2, channels, 56, 56)


@pytest.mark.parametrize("block", NOTES_CHECK)
@pytest.mark.parametrize("in_ch,planes,stride", SETTINGS)
def test_same_structure_and_outputs_as_notes(block, in_ch, planes, stride):
    notes = {"preact_shortcut": "notes"} if block == "preact" else {}  # the notes' BN after the projection
    cfg = BlockConfig(block=block, in_channels=in_ch, planes=planes, stride=stride, size=16, batch=2, **notes)
    torch.manual_seed(0)
    theirs = _reference(block, in_ch, planes, stride)
    ours = cfg.build()
    assert sum(p.numel() for p in ours.parameters()) == sum(p.numel() for p in theirs.parameters())
    _load_reference_weights(ours, theirs)  # same names and shapes, or this raises
    for m in (ours, theirs):
        m.eval()
        for bn in m.modules():
            if isinstance(bn, nn.BatchNorm2d):
                bn.running_mean.uniform_(-0.5, 0.5)
                bn.running_var.uniform_(0.5, 1.5)
    _load_reference_weights(ours, theirs)
    x = torch.randn(2, in_ch, 16, 16)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), theirs(x))


def test_projection_only_when_shape_changes():
    assert BlockConfig(block="basic").build().shortcut is None
    assert BlockConfig(block="basic", stride=2).build().shortcut is not None
    assert BlockConfig(block="bottleneck", in_channels=256).build().shortcut is None
    assert BlockConfig(block="bottleneck", in_channels=64).build().shortcut is not None


def test_stride_sits_on_the_3x3():
    m = BlockConfig(block="resnext", stride=2).build()
    assert m.conv1.stride == (1, 1) and m.conv2.stride == (2, 2) and m.conv3.stride == (1, 1)
    assert m.conv2.groups == 32 and m.conv2.in_channels == 128


def test_preact_has_no_relu_after_the_addition():
    for name in ("preact", "preact_bottleneck"):
        gm = trace(BlockConfig(block=name).build())
        last = [n for n in gm.graph.nodes if n.op != "output"][-1]
        assert last.op == "call_function" and "add" in str(last.target)


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_no_inplace_and_no_shared_activations(block):
    m = BlockConfig(block=block, stride=2).build()
    acts = [mod for mod in m.modules() if isinstance(mod, nn.ReLU)]
    assert acts and all(not a.inplace for a in acts)
    assert len({id(a) for a in acts}) == len(acts)
    gm = trace(m)
    calls = [n.target for n in gm.graph.nodes if n.op == "call_module" and n.target.startswith("act")]
    assert len(calls) == len(set(calls)), "an activation module is used twice"


@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_backward_reaches_every_parameter(block):
    cfg = BlockConfig(block=block, stride=2, size=8, batch=2)
    m = cfg.build()
    m(torch.randn(cfg.input_shape)).sum().backward()
    for name, p in m.named_parameters():
        assert p.grad is not None and p.grad.abs().sum() > 0, name


@pytest.mark.parametrize("block", BLOCK_NAMES)
@pytest.mark.parametrize("stride", [1, 2])
def test_traced_equals_eager(block, stride):
    cfg = BlockConfig(block=block, stride=stride, size=12, batch=2)
    m = cfg.build().eval()
    x = torch.randn(cfg.input_shape)
    with torch.no_grad():
        torch.testing.assert_close(trace(m)(x), m(x), rtol=0, atol=0)


def test_preact_bottleneck_structure():
    m = BlockConfig(block="preact_bottleneck", in_channels=256, planes=64).build()
    assert [type(c).__name__ for c in m.children()][:3] == ["BatchNorm2d", "ReLU", "Conv2d"]
    assert m.shortcut is None and m.conv3.out_channels == 256


@pytest.mark.parametrize("cls", [BasicBlock, PreActBlock, Bottleneck, PreActBottleneck])
def test_every_block_takes_torchvisions_arguments_in_its_order(cls):
    # torchvision: BasicBlock/Bottleneck(inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, ...);
    # the shortcut is built inside, so downsample is the one argument left out. Two keyword-only choices
    # follow: the pre-activation projection's BN and where a bottleneck's stride sits.
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in params] == [
        ("in_channels", inspect.Parameter.empty),
        ("planes", inspect.Parameter.empty),
        ("stride", 1),
        ("groups", 1),
        ("base_width", 64),
        ("preact_shortcut", "paper"),
        ("stride_on", "3x3"),
    ]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[5:])


@pytest.mark.parametrize("cls", [BasicBlock, PreActBlock, PreActBottleneck])
@pytest.mark.parametrize("groups,base_width", [(2, 64), (1, 32)])
def test_blocks_without_a_grouped_conv_refuse_groups_and_base_width(cls, groups, base_width):
    # torchvision's BasicBlock: "BasicBlock only supports groups=1 and base_width=64".
    with pytest.raises(ValueError, match=f"{cls.__name__} has no grouped 3×3, so it takes only groups=1 and base_width=64"):
        cls(64, 64, 1, groups, base_width)


@pytest.mark.parametrize(
    "args,error,sentence",
    [
        ((64, 0), ValueError, "Bottleneck's planes=0 is out of range; choose a whole number from 1 to"),
        ((64, 64, 2.0), TypeError, "Bottleneck's stride must be a whole number, not 2.0"),
        ((64, 8, 1, 32, 4), ValueError, r"int\(8·4/64\) = 0 channels per group; raise planes or base_width"),
    ],
)
def test_bottleneck_refuses_sizes_it_cannot_build(args, error, sentence):
    with pytest.raises(error, match=sentence):
        Bottleneck(*args)

