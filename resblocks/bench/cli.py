"""The ``bench`` subcommand: run a block for real and time it, or sweep groups and block kinds."""

from __future__ import annotations

import argparse
import sys

from .. import units
from ..cli import config_from_args, table
from ..config import ConfigError


def bench_flags(p: argparse.ArgumentParser) -> None:
    from . import (
        DEFAULT_MAX_GMACS,
        DEFAULT_REPEAT,
        DEFAULT_TIME_LIMIT_S,
        DEFAULT_WARMUP,
        DTYPES,
        MAX_GMACS_ENV,
        MEMORY_LIMIT_ENV,
        SWEEP_KINDS,
    )

    g = p.add_argument_group("measurement")
    g.add_argument("--device", default="auto", help="cpu, cuda, cuda:N, mps or auto (the best present; default)")
    g.add_argument("--dtype", choices=list(DTYPES), default="float32", help="number format (default float32)")
    g.add_argument("--channels-last", action="store_true", help="NHWC memory format for the block and its input")
    g.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help=f"timed repeats (default {DEFAULT_REPEAT})")
    g.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help=f"warm-up calls (default {DEFAULT_WARMUP})")
    g.add_argument("--sweep", choices=["none", *SWEEP_KINDS, "all"], default="none",
                   help="groups: latency vs groups at a fixed width; matched: Table 2's matched complexity; "
                        "blocks: the block kinds at one budget of MACs; all: the three (default none: one run)")
    g.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT_S,
                   help=f"seconds per run before repeating stops (default {DEFAULT_TIME_LIMIT_S:g})")
    g.add_argument("--memory-limit-mb", type=int, default=None,
                   help=f"refuse runs whose estimated tensors exceed this (default ${MEMORY_LIMIT_ENV} or 512)")
    g.add_argument("--max-gmacs", type=float, default=None,
                   help=f"refuse runs whose forward pass needs more G multiply-adds than this (default ${MAX_GMACS_ENV}, "
                        f"or {DEFAULT_MAX_GMACS['cpu']:g} on the CPU, {DEFAULT_MAX_GMACS['cuda']:g} on CUDA)")


def _run_settings(args: argparse.Namespace):
    from . import RunSettings

    for flag, value, low, high in (("--time-limit", args.time_limit, 0.001, 3600.0),
                                   ("--max-gmacs", args.max_gmacs, 1e-6, 1e6),
                                   ("--memory-limit-mb", args.memory_limit_mb, 1, 2**20)):
        if value is not None and not low <= value <= high:  # also refuses inf and nan
            shown = (f"{v:g}" if isinstance(v, float) else f"{v:,}" for v in (value, low, high))
            raise ConfigError("{} {} is out of range; choose a number from {} to {}".format(flag, *shown))
    return RunSettings(device=args.device, dtype=args.dtype, channels_last=args.channels_last, repeat=args.repeat,
                       warmup=args.warmup, time_limit_s=args.time_limit, max_gmacs=args.max_gmacs,
                       memory_limit_bytes=None if args.memory_limit_mb is None else args.memory_limit_mb * 2**20)


def _run_text(r) -> str:
    cfg = r.config
    rows = [(layer.name, layer.op, ", ".join(units.shape(s) for s in layer.input_shapes),
             units.shape(layer.output_shape)) for layer in r.layers]
    text = f"{cfg.label}, batch {cfg.batch}, {cfg.size}×{cfg.size}\n\n"
    text += table(rows, ["layer", "op", "input shape(s)", "output shape"])
    text += (f"\n\nshapes match the analysis: {'yes' if r.shapes_match_analysis else 'NO'}"
             f"\n{r.params:,} params, {r.macs:,} MACs ({r.flops:,} FLOPs = 2·MACs)"
             f"\nlatency: median {r.median_ms:.4g} ms, IQR {r.iqr_ms:.3g} ms ({r.repeats_done} repeats × "
             f"{r.calls_per_repeat} calls after {r.warmup} warm-up calls)"
             f"\nthroughput {r.throughput:,.1f} images/s, achieved {units.count(r.tflops * 1e12, 'FLOP/s')} "
             f"({r.tflops:.3g} TFLOP/s)")
    if r.peak is not None:
        text += f" = {r.fraction_of_peak:.1%} of the {r.peak.gpu}'s {r.peak.tflops:g} TFLOP/s ({r.peak.unit})"
    if r.truncated:
        text += f"\nstopped at the {r.time_limit_s:g} s time limit after {r.repeats_done} of {r.repeat} repeats"
    return text


def cmd_bench(args: argparse.Namespace) -> tuple[object, str]:
    from .. import bench

    bench.check_environment()
    cfg = config_from_args(args)
    settings = _run_settings(args)
    if args.sweep == "none":
        r = bench.run_block(cfg, settings)
        runs, sweeps, text = [r], [], _run_text(r)
    else:
        kinds = list(bench.SWEEP_KINDS) if args.sweep == "all" else [args.sweep]

        def progress(done: int, total: int, row: object) -> None:
            if row is not None:
                print(f"{done}/{total} {row.label}: {row.median_ms:.4g} ms", file=sys.stderr, flush=True)

        sweeps, parts = [], []
        for kind in kinds:
            s = bench.run_sweep(kind, cfg, settings, progress=progress)
            rows = [(row.label, row.config.label, f"{row.params:,}", f"{row.macs:,}", f"{row.median_ms:.4g}",
                     f"{row.iqr_ms:.3g}", f"{row.time_ratio:.3f}", f"{row.params_ratio:.3f}", f"{row.macs_ratio:.3f}",
                     f"{row.conv_ratio:.4g}") for row in s.rows]
            part = f"{s.title}\n" + "".join(f"note: {n}\n" for n in s.notes) + "\n"
            part += table(rows, ["point", "block", "params", "MACs", "median ms", "IQR ms", "time ratio",
                                 "params ratio", "MACs ratio", "3×3 conv 1/g"])
            sweeps.append(s)
            parts.append(part)
        text = "\n\n".join(parts)
        runs = []
    p = (runs[0] if runs else sweeps[0]).provenance
    text += (f"\n\nmeasured on {p.device_name} ({p.device}), {p.dtype}{', channels_last' if p.channels_last else ''}, "
             f"{p.threads} threads, torch {p.torch_version}, CUDA {p.cuda_version or 'none'}, {p.date}")
    return bench.document(runs, sweeps), text
