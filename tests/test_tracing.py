import threading

import pytest
import torch
from torch import nn

from resblocks import BlockConfig, tracing
from resblocks.analysis import analyze_uncached
from resblocks.registry import BLOCK_NAMES
from resblocks.tracing import block_graph, layer_name, propagate


def _annotations(graph: torch.fx.Graph) -> list[tuple[str, tuple[int, ...], int]]:
    return [(n.name, n.meta["shape"], n.meta["flops"]) for n in graph.nodes]

@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_fast_propagation_equals_running_every_kernel(block):
    cfg = BlockConfig(block=block, stride=2)
    with torch.device("meta"):
        m = cfg.build()
        x = torch.empty(cfg.input_shape)
    assert _annotations(propagate(m, x)) == _annotations(propagate(m, x, exact=True))

def test_annotations_live_in_a_copy_of_the_shared_graph():
    # Every module of a class shares one traced graph; two analyses at once must not write into it.
    with torch.device("meta"):
        m = BlockConfig(block="basic").build()
        annotated = propagate(m, torch.empty(1, 64, 56, 56))
    assert [n.meta["shape"] for n in annotated.nodes if n.name == "conv1"] == [(1, 64, 56, 56)]
    assert not any("shape" in n.meta for n in block_graph(m).nodes)

def test_a_failing_node_is_named():
    with torch.device("meta"):
        m = BlockConfig(block="bottleneck").build()
        wrong = torch.empty(1, 3, 8, 8)  # conv1 expects 64 channels
    with pytest.raises(ValueError, match="shape propagation failed at node 'conv1'"):
        propagate(m, wrong)

def test_every_block_is_traced_before_anyone_calls_a_module():
    # torch.fx patches nn.Module.__call__ for the whole process while it traces, so a trace must never
    # overlap a module call in another thread: every registered block and shortcut kind is traced at import.
    traced = dict(tracing._GRAPHS)
    for block in BLOCK_NAMES:
        cfg = BlockConfig(block=block, planes=32)
        variants = [cfg.replace(stride=2), cfg.replace(in_channels=cfg.out_channels)]  # projection, identity
        if cfg.entry.preactivated:
            variants.append(cfg.replace(stride=2, preact_shortcut="notes"))  # the notes' projection + BN
        for variant in variants:
            analyze_uncached(variant)
    # 4 classes (resnext is a Bottleneck) × 2 shortcuts, and the 2 pre-activation classes' projection + BN
    assert traced == tracing._GRAPHS and len(traced) == 10

def test_analysis_in_parallel_threads_with_module_calls():
    # The server runs every session's script in its own thread; a load run once saw
    # "module is not installed as a submodule" when a first trace overlapped another session's analysis.
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(20):
                for block in BLOCK_NAMES:
                    analyze_uncached(BlockConfig(block=block, planes=16 + offset + i, stride=1 + i % 2))
                with torch.no_grad():
                    BlockConfig(block="basic", planes=8, size=8).build()(torch.randn(1, 64, 8, 8))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]

def test_a_module_outside_the_registry_is_traced_on_demand():
    class Tiny(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.conv1(x) + 1

    with torch.device("meta"):
        annotated = propagate(Tiny(), torch.empty(1, 3, 5, 5))
    assert _annotations(annotated)[1] == ("conv1", (1, 4, 5, 5), 2 * 9 * 3 * 4 * 25)


def test_the_layer_naming_rule():
    assert layer_name("shortcut.0", ["conv1"]) == "shortcut.0"
    assert layer_name(None, ["conv1", "bn1"]) == "add"  # torch.fx names the first addition's node "add" too
    assert layer_name(None, ["conv1", "add", "act1"]) == "add_3"



def test_a_changed_graph_does_not_change_the_shared_one():
    from resblocks import BlockConfig
    from resblocks.analysis import analyze
    from resblocks.tracing import block_graph, trace

    module = BlockConfig().build()
    count = len(list(block_graph(module).nodes))
    trace(module).graph.create_node("placeholder", "extra")  # a caller's own edit
    block_graph(module).create_node("placeholder", "more")
    assert len(list(block_graph(module).nodes)) == count
    assert analyze(BlockConfig(size=15)).params == analyze(BlockConfig(size=16)).params
