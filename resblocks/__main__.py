"""Command line: ``python -m resblocks SUBCOMMAND [flags]``.

Every subcommand prints a table by default and JSON with ``--json``. A bad flag or an invalid
configuration prints one sentence to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from . import units
from .bench.cli import bench_flags, cmd_bench
from .cli import Parser, UsageError, config_flags, config_from_args, one_line, table
from .config import BlockConfig, ConfigError
from .registry import BLOCK_NAMES, REGISTRY

# Subcommands ---------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> tuple[object, str]:
    from .networks import NETWORKS

    blocks = [
        {"name": e.name, "title": e.title, "summary": e.summary, "paper": e.paper, "expansion": e.expansion,
         "grouped": e.grouped, "default_groups": e.default_groups, "default_base_width": e.default_base_width}
        for e in REGISTRY.values()
    ]
    networks = [{"name": s.name, "title": s.title, "block": s.block, "layers": list(s.layers)} for s in NETWORKS.values()]
    text = table([(b["name"], b["title"], b["summary"]) for b in blocks], ["block", "title", "summary"])
    text += "\n\n" + table([(n["name"], n["block"], "-".join(map(str, n["layers"]))) for n in networks],
                           ["network", "block", "blocks per stage"])
    return {"blocks": blocks, "networks": networks}, text


def cmd_summary(args: argparse.Namespace) -> tuple[object, str]:
    from .analysis import analyze
    from .split import hold_config

    cfg = config_from_args(args)
    if args.hold and args.groups is not None:  # --groups moves from the block at its default cardinality
        cfg = hold_config(BlockConfig(**{**cfg.as_dict(), "groups": None}), args.groups, args.hold)
    a = analyze(cfg)
    rows = [
        (layer.name, layer.description, units.shape(layer.output_shape), f"{layer.params:,}", f"{layer.macs:,}",
         units.nbytes(layer.activation_bytes))
        for layer in a.layers
    ]
    text = f"{a.config.label}\ninput {units.shape(a.input_shape)} → output {units.shape(a.output_shape)}\n\n"
    text += table(rows, ["layer", "op", "output shape", "params", "MACs", "activations"])
    text += (f"\n\ntotal: {a.params:,} params, {a.macs:,} MACs ({a.flops:,} FLOPs = 2·MACs), "
             f"weights {units.nbytes(a.weight_bytes)}, activations {units.nbytes(a.activation_bytes)}")
    if a.grouped_ratio:
        r = a.grouped_ratio
        text += (f"\ngrouped 3×3: {r.conv_params:,} params vs {r.dense_conv_params:,} dense = {units.ratio(r.conv_ratio)};"
                 f" whole block: {r.block_params:,} vs {r.dense_block_params:,} = {units.ratio(r.block_ratio)}")
    return a.as_dict(), text


def cmd_graph(args: argparse.Namespace) -> tuple[object, str]:
    from .graph import block_graph, to_dot

    g = block_graph(config_from_args(args))
    dot = to_dot(g, rankdir=args.rankdir)
    return {**g.as_dict(), "dot": dot}, dot


def cmd_complexity(args: argparse.Namespace) -> tuple[object, str]:
    from .complexity import complexity_table

    cards = tuple(args.cardinalities) if args.cardinalities else (1, 2, 4, 8, 32)
    try:
        rows = complexity_table(cards)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    text = "ResNeXt template, conv2 stage, 256-d in and out (Xie et al. 2017, Table 2)\n\n"
    text += table([(r.cardinality, r.group_width, r.width, f"{r.params:,}") for r in rows],
                  ["cardinality C", "width d", "group conv width", "params"])
    return {"rows": [r.as_dict() for r in rows]}, text


def cmd_network(args: argparse.Namespace) -> tuple[object, str]:
    from .network_analysis import analyze_network
    from .networks import NETWORKS

    if args.name not in NETWORKS:
        raise ConfigError(f"unknown network {args.name!r}; choose one of {', '.join(NETWORKS)}")
    if not 32 <= args.size <= 1024:
        raise ConfigError(f"size={args.size} is out of range for a whole network; choose 32 to 1024")
    n = analyze_network(args.name, args.size)
    rows = [(s.name, s.blocks, s.stride, f"{s.params:,}", f"{s.macs:,}", units.shape(s.output_shape)) for s in n.stages]
    text = f"{n.spec.title} at {args.size}×{args.size}\n\n"
    text += table(rows, ["part", "blocks", "stride", "params", "MACs", "output shape"])
    text += (f"\n\ntotal: {n.params:,} params (torchvision: {n.published_params:,}), {n.macs:,} MACs "
             f"= {n.macs / 1e9:.3f} GMACs (torchvision: {n.spec.published_gmacs} GFLOPS, i.e. multiply-adds)")
    return n.as_dict(), text


def cmd_equivalence(args: argparse.Namespace) -> tuple[object, str]:
    from .bench import check_environment
    from .equivalence import check_equivalence

    check_environment()
    cfg = config_from_args(args)
    if not cfg.entry.grouped:
        raise ConfigError(f"equivalence needs the resnext block, not {cfg.block}; use --block resnext")
    r = check_equivalence(cfg)
    text = (f"ResNeXt forms for {cfg.label} (Xie et al. 2017, Fig. 3), float32\n"
            f"(a) {r.groups} paths summed      vs (c) grouped conv: max |diff| = {r.max_abs_diff_sum_vs_grouped:.3g}\n"
            f"(b) paths concatenated  vs (c) grouped conv: max |diff| = {r.max_abs_diff_concat_vs_grouped:.3g}\n"
            f"(largest output magnitude {r.max_abs_output:.3g})")
    return r.as_dict(), text


def cmd_gradflow(args: argparse.Namespace) -> tuple[object, str]:
    from .gradflow import compare_orders, gradient_flow
    from .stacks import StackConfig

    cfg = StackConfig(block=args.block, depth=args.depth, width=args.width, size=args.size, batch=args.batch,
                      shortcut=not args.plain, seed=args.seed)
    flows = compare_orders(cfg) if args.compare else (gradient_flow(cfg),)
    rows = [(i + 1, *(f"{f.norms[i]:.4g}" for f in flows)) for i in range(cfg.depth)]
    text = (f"gradient norm of each block's weights at initialisation, one backward pass, width {cfg.width}, "
            f"{cfg.size}×{cfg.size}, batch {cfg.batch}, seed {cfg.seed} (block 1 is next to the input)\n\n")
    text += table(rows, ["block", *(f.config.label for f in flows)])
    text += "\n\n" + "\n".join(f"first/last ratio, {f.config.label}: {f.ratio:.4g}" for f in flows)
    return {"stacks": [f.as_dict() for f in flows]}, text


def cmd_train(args: argparse.Namespace) -> tuple[object, str]:
    from .training import RaceConfig, train_race

    cfg = RaceConfig(kinds=tuple(args.blocks), depth=args.depth, width=args.width, steps=args.steps,
                     seeds=tuple(args.seeds), batch=args.batch, lr=args.lr)

    def progress(race: object) -> None:
        done = sum(len(r.loss) for r in race.runs)
        print(f"{done}/{len(race.runs) * cfg.steps} steps", file=sys.stderr, flush=True)

    race = train_race(cfg, progress=progress if not args.json else None)
    rows = [(r.kind, r.seed, f"{sum(r.loss[-10:]) / len(r.loss[-10:]):.3f}",
             f"{sum(r.accuracy[-10:]) / len(r.accuracy[-10:]):.1%}", f"{r.test_accuracy:.1%}",
             f"{min(les.without):.1%}")
            for r, les in zip(race.runs, race.lesions, strict=True)]
    text = (f"load_digits, {cfg.depth} blocks at width {cfg.width}, {cfg.steps} SGD steps of batch {cfg.batch}, "
            f"lr {cfg.lr:g}, {race.seconds:.1f} s\n\n")
    text += table(rows, ["kind", "seed", "loss (last 10)", "batch acc (last 10)", "test acc",
                         "worst lesion"])
    return race.as_dict(), text


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m resblocks", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="SUBCOMMAND")
    sub.required = True

    def add(name: str, func: Callable, help_text: str, config: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if config:
            config_flags(p)
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        p.set_defaults(func=func)
        return p

    add("list", cmd_list, "the registered blocks and networks", config=False)
    s = add("summary", cmd_summary, "per-layer shapes, parameters, MACs and FLOPs of one block")
    s.add_argument("--hold", choices=["width", "d", "cost"], default=None,
                   help="what --groups keeps fixed from the block at its default cardinality: the grouped width, "
                        "d (base_width, the default) or the conv weights (d solved as in the paper's Table 2)")
    g = add("graph", cmd_graph, "the block's computation graph as Graphviz DOT on stdout")
    g.add_argument("--rankdir", choices=["TB", "LR"], default="TB", help="layout direction (default TB)")
    c = add("complexity", cmd_complexity, "the ResNeXt complexity template (paper's Table 2)", config=False)
    c.add_argument("--cardinalities", type=int, nargs="+", metavar="C", help="cardinalities (default 1 2 4 8 32)")
    n = add("network", cmd_network, "parameters and MACs per stage of a whole network", config=False)
    n.add_argument("name", help="e.g. resnet50, resnext50_32x4d")
    n.add_argument("--size", type=int, default=224, help="input size (default 224)")
    add("equivalence", cmd_equivalence, "run the three equivalent ResNeXt forms and compare outputs")
    bench_flags(add("bench", cmd_bench, "run the block for real and time it, or sweep groups and block kinds"))
    gf = add("gradflow", cmd_gradflow, "gradient norm per block of a deep stack at initialisation", config=False)
    gf.add_argument("--block", default="basic", help=f"one of {', '.join(BLOCK_NAMES)} (default basic)")
    for flag, default, what in (("depth", 32, "blocks in the stack"), ("width", 16, "channels"),
                                ("size", 8, "input height = width"), ("batch", 64, "batch size"), ("seed", 0, "seed")):
        gf.add_argument(f"--{flag}", type=int, default=default, help=f"{what} (default {default})")
    gf.add_argument("--plain", action="store_true", help="drop the shortcut addition (a plain stack)")
    gf.add_argument("--compare", action="store_true", help="plain, v1 and pre-activation stacks side by side")
    from .training import RACE_KINDS, RaceConfig

    d = RaceConfig()
    tr = add("train", cmd_train, "train small networks of each block kind on scikit-learn's digits", config=False)
    tr.add_argument("--blocks", nargs="+", default=list(d.kinds), help=f"from {', '.join(RACE_KINDS)}")
    for flag, default, what in (("depth", d.depth, "blocks per network"), ("width", d.width, "channels"),
                                ("steps", d.steps, "training steps"), ("batch", d.batch, "batch size")):
        tr.add_argument(f"--{flag}", type=int, default=default, help=f"{what} (default {default})")
    tr.add_argument("--seeds", type=int, nargs="+", default=list(d.seeds), help="seeds (default 0 1 2)")
    tr.add_argument("--lr", type=float, default=d.lr, help=f"SGD learning rate (default {d.lr:g})")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        data, text = args.func(args)
    except (UsageError, ConfigError) as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    print(json.dumps(data, indent=2) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
