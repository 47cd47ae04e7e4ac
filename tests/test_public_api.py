"""Bad input to the library's public functions gives a ValueError or TypeError with a sentence, never anything else.

Every row of PUBLIC_API is a public function and one strategy per positional argument. Hypothesis draws
arguments that mix plausible values (so the call gets past its first check) with hostile ones (None, huge
or negative numbers, NaN, text, containers, the wrong objects). A call may succeed; if it raises, the
exception must be a ValueError or TypeError whose message is a sentence. To cover another module, add its
rows to the table (``row(function, *strategies)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resblocks import (
    analysis,
    bench,
    blocks,
    budget,
    checks,
    compare,
    complexity,
    config,
    equivalence,
    gradflow,
    graph,
    network_analysis,
    networks,
    registry,
    stacks,
    sweeps,
    torchinfo_check,
    tracing,
    training,
    units,
    values,
)
from resblocks.config import BlockConfig

# Arguments -----------------------------------------------------------------------------------------

HUGE = (10**400, -(10**400), 2**63, -(2**63), 10**12)
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(HUGE),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=4),
    st.lists(st.integers(-2, 40), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.just(object()),
)
CONFIGS = (
    BlockConfig(),
    BlockConfig(block="basic", planes=8, size=8),
    BlockConfig(block="preact", stride=2, size=7),
    BlockConfig(block="bottleneck", in_channels=256, planes=64, size=14),
    BlockConfig(block="resnext", groups=8, base_width=16, size=4, batch=2),
    BlockConfig(block="preact_bottleneck", planes=16, size=5),
)
cfg = st.sampled_from(CONFIGS) | junk
small = st.integers(0, 300) | junk  # sizes, channels, groups: valid and invalid
name = st.sampled_from(["resnext", "basic", "bottleneck", "resnet50", "resnext50_32x4d", "params", "macs", "groups",
                        "blocks", "TB", "LR", "svg", "conv1", "add"]) | junk
module = st.sampled_from(["basic", "resnext"]).map(lambda b: BlockConfig(block=b, size=4).build()) | junk
tensor = st.sampled_from([(1, 64, 4, 4), (1, 3, 4, 4), (2,)]).map(lambda s: torch.empty(s)) | junk
block_graph = st.sampled_from(CONFIGS).map(graph.block_graph) | junk
template_row = st.sampled_from(complexity.complexity_table()) | junk
contender_tuple = st.sampled_from([sweeps.contenders(BlockConfig()), sweeps.contenders(BlockConfig(), None)]) | junk
cardinalities = st.lists(st.integers(-1, 40), max_size=3).map(tuple) | st.none() | junk
mapping = st.dictionaries(st.sampled_from(["block", "groups", "size", "planes", "x"]), st.text(max_size=5) | junk,
                          max_size=3) | junk

run_settings = st.sampled_from([bench.RunSettings(device="cpu", repeat=1, warmup=0, time_limit_s=0.05),
                                bench.RunSettings(device="cpu", dtype="bfloat16", repeat=1, warmup=0)]) | junk
device_info = st.sampled_from([bench.resolve_device("cpu")]) | junk
document = st.sampled_from([{"schema": "resblocks-bench/1", "runs": [], "sweeps": [{"kind": []}]},
                            {"schema": "resblocks-bench/1", "provenance": {"date": 3}, "runs": [{"config": "x"}]}]) | mapping

stack_cfg = st.sampled_from([stacks.StackConfig(depth=2, width=4, size=4, batch=2),
                             stacks.StackConfig(block="preact", depth=3, width=4, size=4, batch=2),
                             stacks.StackConfig(block="bottleneck", depth=1, width=8, size=2, batch=2)]) | junk
race_cfg = st.sampled_from([training.RaceConfig(kinds=("plain", "preact"), depth=1, width=4, steps=2, seeds=(0,),
                                                batch=8)]) | junk
digit_net = st.sampled_from(["basic", "plain"]).map(lambda k: training.DigitNet(k, 1, 4, 0)) | junk


@dataclass(frozen=True)
class Row:
    function: Callable
    args: tuple[st.SearchStrategy, ...]
    examples: int = 40

    @property
    def id(self) -> str:
        return f"{self.function.__module__.removeprefix('resblocks.')}.{self.function.__qualname__}"


def row(function: Callable, *args: st.SearchStrategy, examples: int = 40) -> Row:
    return Row(function, args, examples)


PUBLIC_API: list[Row] = [
    # blocks, registry, config, values, checks
    row(blocks.BasicBlock, small, small, small, small, small),
    row(blocks.PreActBlock, small, small, small, small, small),
    row(blocks.Bottleneck, small, small, small, small, small),
    row(blocks.PreActBottleneck, small, small, small, small, small),
    row(blocks.check_arguments, name, small, small, small, small, small),
    row(registry.get_entry, name),
    row(lambda *a: BlockConfig(*a), name, small, small, small, small, small, small, small),
    row(lambda c, field, value: c.replace(**{field: value}), st.sampled_from(CONFIGS),
        st.sampled_from(["block", "groups", "planes", "width", "size"]), small | name),
    row(config.validate, cfg),
    row(config.divisors, small),
    row(config.at_fixed_width, cfg, small),
    row(config.fixed_width_configs, cfg, examples=15),
    row(config.require_config, cfg, st.just("caller")),
    row(values.from_values, mapping, cfg | st.none(), st.booleans() | junk, st.none() | mapping),
    row(checks.whole_number, name, small, small, small | st.none()),
    row(checks.one_of, name, name, st.lists(st.text(max_size=3), max_size=3) | junk),
    row(checks.shown, junk, small),
    # tracing and analysis
    row(tracing.block_graph, module),
    row(tracing.trace, module),
    row(tracing.propagate, module, tensor, st.booleans()),
    row(tracing.layer_name, name | st.none(), st.lists(st.text(max_size=4), max_size=3) | junk),
    row(tracing.layer_op, module),
    row(tracing.layer_path, name),
    row(analysis.analyze, cfg),
    row(analysis.analyze_uncached, cfg, examples=15),
    row(analysis.count_params, cfg),
    row(analysis.grouped_ratio, cfg, small | st.none()),
    # units
    row(units.count, small, name),
    row(units.nbytes, small),
    row(units.shape, st.lists(small, max_size=4) | junk),
    row(units.ratio, small),
    # graph and compare
    row(graph.block_graph, cfg),
    row(graph.dot_string, name),
    row(graph.to_dot, block_graph, name, st.frozensets(name.filter(lambda v: isinstance(v, str))) | junk, name),
    row(lambda g, node: g.node(node), st.sampled_from(CONFIGS).map(graph.block_graph), name),
    row(compare.compare, st.lists(cfg, max_size=5) | junk, examples=20),
    # complexity, sweeps, budget
    row(complexity.template_params, small, small, small),
    row(complexity.template_width, small, small | st.none(), small),
    row(complexity.complexity_table, cardinalities, small | st.none()),
    row(complexity.conv_weight_params, cfg),
    row(complexity.to_config, template_row, small),
    row(complexity.solve_equal_cost, st.integers(0, 10**7) | junk, name, name, small, small | st.none(), small,
        small, examples=20),
    row(sweeps.grouped_base, cfg),
    row(sweeps.fixed_width_sweep, cfg, small | st.none(), examples=15),
    row(sweeps.table2_members, cfg),
    row(sweeps.contenders, cfg, cardinalities),
    row(sweeps.budget_of, cfg, name),
    row(sweeps.solve_contenders, cfg, name, contender_tuple, examples=10),
    row(sweeps.sweep_members, name, cfg, small | st.none(), examples=10),
    row(budget.group_sweep, cfg, examples=10),
    row(budget.equal_cost, cfg, name, cardinalities, examples=10),
    row(budget.network_budget, cfg, examples=10),
    row(torchinfo_check.torchinfo_too_big, cfg),
    row(torchinfo_check.torchinfo_check, module, cfg, examples=10),
    # networks
    row(networks.get_network, name),
    row(networks.block_plan, name, small),
    row(networks.distinct_blocks, name, small),
    row(networks.build_network, name, small, examples=10),
    row(networks.network_of, cfg),
    row(network_analysis.analyze_network, name, small, examples=10),
    row(network_analysis.block_context, cfg),
    # bench and the equivalence check (tiny settings: a valid call really runs, on the CPU)
    row(lambda *a: bench.RunSettings(*a), name, name, st.booleans() | junk, small, small, small, small | st.none(),
        small | st.none()),
    row(bench.run_block, cfg, run_settings | st.none(), examples=10),
    row(bench.run_sweep, name, cfg, run_settings, examples=4),
    row(bench.sweep_points, name, cfg, examples=15),
    row(bench.estimate_memory, cfg, run_settings | st.none()),
    row(bench.check_memory, cfg, run_settings),
    row(bench.compute_problem, cfg, run_settings),
    row(bench.cached_result, cfg, run_settings),
    row(bench.resolve_device, name | st.none()),
    row(bench.max_macs, device_info, small | st.none()),
    row(bench.find_gpu, name),
    row(bench.peak_for, name, name, st.booleans() | junk),
    row(bench.observe, module, tensor),
    row(bench.parse_document, document, st.booleans()),
    row(bench.load_reference, name),
    row(bench.document, st.lists(junk, max_size=2) | junk, st.lists(junk, max_size=2) | junk),
    row(equivalence.estimate_memory, cfg, small | st.none(), small | st.none(), small | st.none()),
    row(equivalence.check_problem, cfg, small | st.none(), small | st.none(), small | st.none()),
    row(equivalence.check_equivalence, cfg, small, small | st.none(), small | st.none(), examples=10),
    # the Why page's stacks, gradient flow and training race (tiny stacks: a valid call really runs, on the CPU)
    row(lambda *a: stacks.StackConfig(*a), name, small, small, small, small, st.booleans() | junk, small),
    row(stacks.build_blocks, stack_cfg, examples=15),
    row(stacks.fixed_batch, stack_cfg, examples=15),
    row(stacks.seeded_init, module, small, examples=15),
    row(stacks.without_shortcut, module, examples=15),
    row(gradflow.gradient_flow, stack_cfg, examples=15),
    row(gradflow.compare_orders, stack_cfg, examples=10),
    row(gradflow.family, name),
    row(gradflow.shattered_gradients, stack_cfg, small, small, examples=10),
    row(gradflow.path_gradients, stack_cfg, small, examples=10),
    row(gradflow.autocorrelation, tensor | st.sampled_from([torch.ones(0), torch.arange(5.0)]), small),
    row(lambda *a: training.RaceConfig(*a), st.lists(name, max_size=3) | junk, small, small, small,
        st.lists(small, max_size=3) | junk, small, st.floats(allow_nan=True) | junk),
    row(training.DigitNet, name, small, small, small, examples=15),
    row(training.evaluate, digit_net, tensor, tensor, small | st.none(), examples=15),
    row(training.lesion_study, digit_net, name, small, examples=10),
    row(training.train_race, race_cfg, st.none() | junk, st.none() | junk, small, st.none() | junk, examples=5),
]


@pytest.mark.parametrize("entry", PUBLIC_API, ids=lambda entry: entry.id)
def test_bad_input_gives_a_value_or_type_error_with_a_sentence(entry: Row) -> None:
    @settings(max_examples=entry.examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(st.tuples(*entry.args))
    def check(args: tuple) -> None:
        try:
            with torch.device("meta"):  # nothing the table builds takes real memory
                entry.function(*args)
        except (ValueError, TypeError) as exc:
            message = str(exc)
            assert len(message.split()) >= 3 and "\n" not in message.strip(), f"not a sentence: {message!r}"

    check()
