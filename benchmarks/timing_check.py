"""Check the app's reported latency against an independent torch.utils.benchmark measurement.

For each configuration, in the same process and with the same thread count, alternate
``resblocks.bench.run_block`` (what the app and the CLI report: explicit repeats timed with
perf_counter, cache off) with ``torch.utils.benchmark.Timer.blocked_autorange`` on a freshly built
copy of the same block, dtype and memory format. The target: the median of the paired ratios
app/Timer within 1 ± 10%.

    python benchmarks/timing_check.py                 # three default blocks, torch's thread count
    python benchmarks/timing_check.py --threads 1 --rounds 5 --block resnext --size 28

Prints figures; never part of the test pass/fail. On a machine shared with other work both
measurements wander with the load, which is why they alternate in ABBA order and the median of the
per-round ratios is compared rather than one pair.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import torch
from torch.utils.benchmark import Timer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resblocks import BlockConfig, bench

TARGET = 0.10
DEFAULTS = (
    BlockConfig(),  # resnext 32×4d, 64 → 256, 56×56
    BlockConfig(block="basic", size=28),
    BlockConfig(block="bottleneck", in_channels=256, planes=64, size=28),
)


def independent_ms(cfg: BlockConfig, dtype: str, channels_last: bool, min_run_time: float) -> tuple[float, float]:
    """Median and IQR in ms from Timer.blocked_autorange on a separately built block."""
    torch_dtype = bench.DTYPES[dtype]
    module = cfg.build().requires_grad_(False).eval().to(dtype=torch_dtype)
    x = torch.randn(cfg.input_shape, dtype=torch_dtype)
    if channels_last:
        module = module.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    timer = Timer(stmt="module(x)", globals={"module": module, "x": x}, num_threads=torch.get_num_threads())
    with torch.inference_mode():
        for _ in range(3):
            module(x)
        m = timer.blocked_autorange(min_run_time=min_run_time)
    return m.median * 1e3, m.iqr * 1e3


def check(cfg: BlockConfig, args: argparse.Namespace) -> bool:
    """Alternate the two measurements (ABBA order, so a steady drift cancels); compare the paired ratios."""
    app, ind, ratios = [], [], []
    for i in range(args.rounds):
        order = ("app", "timer") if i % 2 == 0 else ("timer", "app")
        for which in order:
            if which == "app":
                settings = bench.RunSettings(device="cpu", dtype=args.dtype, channels_last=args.channels_last,
                                             repeat=args.repeat)
                r = bench.run_block(cfg, settings, use_cache=False)
            else:
                med, iqr = independent_ms(cfg, args.dtype, args.channels_last, args.min_run_time)
        app.append(r.median_ms)
        ind.append(med)
        ratios.append(r.median_ms / med)
        print(f"  round {i + 1}: app {r.median_ms:8.4f} ms (IQR {r.iqr_ms:.4f}, {r.repeats_done}×{r.calls_per_repeat})"
              f"   Timer {med:8.4f} ms (IQR {iqr:.4f})   app/Timer {ratios[-1]:.3f}")
    ratio = statistics.median(ratios)
    ok = abs(ratio - 1) <= TARGET
    print(f"  medians: app {statistics.median(app):.4f} ms, Timer {statistics.median(ind):.4f} ms; "
          f"median of paired ratios app/Timer {ratio:.3f} ({'within' if ok else 'OUTSIDE'} ±{TARGET:.0%})")
    return ok


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--block", help="check only this block (with --size, --planes, --in-channels, --batch)")
    p.add_argument("--in-channels", type=int, default=64)
    p.add_argument("--planes", type=int, default=64)
    p.add_argument("--size", type=int, default=56)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--dtype", choices=list(bench.DTYPES), default="float32")
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--repeat", type=int, default=bench.DEFAULT_REPEAT)
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--min-run-time", type=float, default=0.5, help="Timer.blocked_autorange budget in s (default 0.5)")
    p.add_argument("--threads", type=int, help="torch.set_num_threads for both measurements (default: torch's)")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    configs = DEFAULTS
    if args.block:
        configs = (BlockConfig(block=args.block, in_channels=args.in_channels, planes=args.planes, size=args.size,
                               batch=args.batch),)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.dtype}"
          f"{', channels_last' if args.channels_last else ''}, {bench.resolve_device('cpu').name}")
    results = []
    for cfg in configs:
        print(f"{cfg.label}, batch {cfg.batch}, {cfg.size}×{cfg.size}")
        results.append(check(cfg, args))
    print(f"{sum(results)} of {len(results)} configurations within ±{TARGET:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
