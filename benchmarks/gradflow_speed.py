"""How fast the Why page's computations are (issue 14: gradient flow at the default setting in at most 1 s, the
default training race in at most 30 s with its first curve points within 2 s, memory within the hosted budget),
and the first/last ratios beside the issue's probe. Prints figures; never part of the test pass/fail.

    .venv/bin/python benchmarks/gradflow_speed.py [--skip-race]
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resblocks.gradflow import compare_orders, path_gradients, shattered_gradients
from resblocks.stacks import StackConfig
from resblocks.training import RaceConfig, digits, train_race

PROBE = {8: (8, 4.5, 3.1), 16: (143, 10, 5.1), 32: (2.4e4, 25, 7.6), 50: (5.3e6, 32, 8.9)}  # the figures


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn, repeats: int) -> list[float]:
    out = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; RSS at start {rss_mb():.0f} MB\n")
    compare_orders(StackConfig(depth=4))  # warm up

    t = timed(lambda i: compare_orders(StackConfig(depth=32, seed=100 + i)), 5)
    print(f"gradient flow, default (3 stacks × 32 basic blocks, 16 ch, 8×8, batch 64): median {statistics.median(t):.2f} s,"
          f" min {min(t):.2f} s (target ≤ 1 s; repeats on the page come from st.cache_data)")
    for depth in (50, 100):
        t = timed(lambda i, d=depth: compare_orders(StackConfig(depth=d, seed=200 + i)), 3)
        print(f"gradient flow, {depth} blocks: median {statistics.median(t):.2f} s")
    t = timed(lambda i: (shattered_gradients(StackConfig(depth=32, shortcut=False, seed=i)),
                         shattered_gradients(StackConfig(depth=32, seed=i))), 3)
    print(f"shattered gradients, plain + residual, 32 blocks, 256 points: median {statistics.median(t):.2f} s")
    t = timed(lambda i: path_gradients(StackConfig(block="preact", depth=32, size=4, batch=8, seed=i), samples=4), 3)
    print(f"paths (Veit), 32 pre-activation blocks, 4 paths per length: median {statistics.median(t):.2f} s")

    print("\nfirst/last gradient ratio, basic blocks, 16 ch, 8×8, batch 64: ours seed 0 [seeds 0-4 min–max] | issue's probe")
    for depth, probe in PROBE.items():
        runs = [compare_orders(StackConfig(depth=depth, seed=s)) for s in range(5)]
        cells = []
        for k, name in enumerate(("plain", "v1", "preact")):
            r = [run[k].ratio for run in runs]
            cells.append(f"{name} {r[0]:.3g} [{min(r):.3g}–{max(r):.3g}] | {probe[k]:.3g}")
        print(f"  depth {depth:>2}: " + ";  ".join(cells))

    if "--skip-race" in sys.argv:
        return
    digits()
    cfg = RaceConfig()
    before = rss_mb()
    start = time.perf_counter()
    first: list[float] = []
    peak = [before]

    def progress(race) -> None:
        if not first:
            first.append(time.perf_counter() - start)
        peak[0] = max(peak[0], rss_mb())

    race = train_race(cfg, progress=progress)
    total = time.perf_counter() - start
    print(f"\ndefault race ({', '.join(cfg.kinds)} × seeds {cfg.seeds}, {cfg.depth} blocks, width {cfg.width}, "
          f"{cfg.steps} steps of batch {cfg.batch}): {total:.1f} s in all (target ≤ 30 s), first points after "
          f"{first[0]:.2f} s (target ≤ 2 s), training {race.seconds:.1f} s incl. lesion study")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: RSS {before:.0f} MB before, {peak[0]:.0f} MB at the peak while training "
          f"(+{peak[0] - before:.0f} MB); max RSS of the process {max_rss:.0f} MB")
    for kind in cfg.kinds:
        runs = [r for r in race.runs if r.kind == kind]
        loss = statistics.mean(statistics.mean(r.loss[-10:]) for r in runs)
        acc = statistics.mean(r.test_accuracy for r in runs)
        worst = statistics.mean(min(les.without) for les in race.lesions if les.kind == kind)
        median_lesion = statistics.mean(statistics.median(les.without) for les in race.lesions if les.kind == kind)
        print(f"  {kind:<8} loss (last 10 steps) {loss:.3f}, test accuracy {acc:.1%}, after deleting one block: "
              f"median {median_lesion:.1%}, worst {worst:.1%}")


if __name__ == "__main__":
    main()
