"""The PyTorch snippet runs outside the checkout with torch alone and prints the page's parameter count."""

import json
import subprocess
import sys

import pytest

from resblocks import BlockConfig
from resblocks.analysis import analyze
from resblocks.snippets import MAX_LINE, block_snippet

CONFIGS = [
    BlockConfig(block="basic", size=8),
    BlockConfig(block="basic", in_channels=32, planes=64, stride=2, size=8),
    BlockConfig(block="preact", in_channels=64, planes=128, stride=2, size=8),
    BlockConfig(block="preact", in_channels=64, planes=128, stride=2, size=8, preact_shortcut="notes"),
    BlockConfig(block="preact", size=8),
    BlockConfig(block="bottleneck", size=8),
    BlockConfig(block="bottleneck", in_channels=256, planes=128, stride=2, size=8, stride_on="1x1"),
    BlockConfig(block="resnext", size=8),
    BlockConfig(block="resnext", planes=128, groups=8, base_width=14, stride=2, size=8, batch=2),
    BlockConfig(block="resnext", in_channels=256, groups=1, base_width=128, size=8),
    BlockConfig(block="preact_bottleneck", size=8),
    BlockConfig(block="preact_bottleneck", in_channels=256, planes=128, stride=2, size=8, stride_on="1x1",
                preact_shortcut="notes"),
    BlockConfig(block="preact_bottleneck", in_channels=256, planes=64, size=8),
]

# Runs each snippet as its own script (a fresh namespace) in one interpreter outside the checkout, and
# reports what it printed and whether anything but torch was imported from here.
RUNNER = """
import contextlib, io, json, sys
out = []
for code in json.load(sys.stdin):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, "snippet.py", "exec"), {"__name__": "__main__"})
    out.append(buffer.getvalue())
print(json.dumps({"printed": out, "resblocks": "resblocks" in sys.modules}))
"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    codes = [block_snippet(cfg) for cfg in CONFIGS]
    result = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER], input=json.dumps(codes), capture_output=True, text=True,
        cwd=tmp_path_factory.mktemp("outside"), timeout=300, check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["resblocks"] is False
    return report["printed"]


@pytest.mark.parametrize("index", range(len(CONFIGS)), ids=[c.label for c in CONFIGS])
def test_snippet_prints_the_parameter_count_and_shape(printed, index):
    cfg = CONFIGS[index]
    lines = printed[index].splitlines()
    assert lines == [f"output shape: {cfg.output_shape}", f"parameters: {analyze(cfg).params}"]


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: c.label)
def test_snippet_is_torch_only_and_wrapped(cfg):
    code = block_snippet(cfg)
    assert "resblocks" not in code and "import torchvision" not in code
    imports = [line for line in code.splitlines() if line.startswith(("import ", "from "))]
    assert imports == ["import torch", "import torch.nn as nn", "import torch.nn.functional as F"]
    assert max(len(line) for line in code.splitlines()) <= MAX_LINE


def test_snippet_says_which_form_it_builds():
    preact = BlockConfig(block="preact", stride=2)
    assert "As in He et al. 2016b: a bare 1x1 conv" in block_snippet(preact)
    assert "As in the notes: 1x1 conv + BN" in block_snippet(preact.replace(preact_shortcut="notes"))
    bottleneck = BlockConfig(block="bottleneck", stride=2)
    assert "stride sits on the 3x3, as in torchvision" in block_snippet(bottleneck)
    assert "first 1x1, as in He et al. 2016a" in block_snippet(bottleneck.replace(stride_on="1x1"))
    assert "ResNeXtBottleneck(64, 64, stride=1, groups=32, base_width=4)" in block_snippet(BlockConfig())


def test_snippet_refuses_what_is_not_a_config():
    with pytest.raises(TypeError, match="block_snippet needs a BlockConfig"):
        block_snippet("resnext")


def test_every_block_is_among_the_snippets_run():
    # The pre-activation blocks included, each with both of its projection shortcuts where it has one.
    from resblocks.registry import BLOCK_NAMES

    assert {cfg.block for cfg in CONFIGS} == set(BLOCK_NAMES)
    assert {(cfg.block, cfg.preact_shortcut) for cfg in CONFIGS if cfg.has_projection and cfg.entry.preactivated} == {
        ("preact", "paper"), ("preact", "notes"), ("preact_bottleneck", "paper"), ("preact_bottleneck", "notes")}
