"""How fast the library turns a configuration into the full analysis (issue: at most 8 ms per block uncached,
well under 1 ms for a repeated configuration). Prints figures; never part of the test pass/fail.

    .venv/bin/python benchmarks/analysis_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resblocks import BlockConfig
from resblocks import analysis as A
from resblocks import tracing as T
from resblocks.registry import BLOCK_NAMES


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.3f}"


def main(repeats: int = 30) -> None:
    A.analyze(BlockConfig())  # warm up torch's meta kernels and the flop counter once
    print(f"{'block':<18} {'first trace':>12} {'new config':>12} {'p90 new':>9} {'cached':>9}   (ms)")
    for name in BLOCK_NAMES:
        T._GRAPHS.clear()
        A._cached_analysis.cache_clear()
        start = time.perf_counter()
        A.analyze(BlockConfig(block=name, planes=64))
        first = time.perf_counter() - start

        times = []
        for i in range(repeats):  # each a configuration never seen before: no result cache can help
            cfg = BlockConfig(block=name, planes=65 + i)
            start = time.perf_counter()
            A.analyze(cfg)
            times.append(time.perf_counter() - start)

        cfg = BlockConfig(block=name, planes=65)
        start = time.perf_counter()
        for _ in range(1000):
            A.analyze(cfg)
        cached = (time.perf_counter() - start) / 1000
        times.sort()
        print(f"{name:<18} {ms(first):>12} {ms(statistics.median(times)):>12} {ms(times[int(0.9 * len(times))]):>9} "
              f"{ms(cached):>9}")
    print("\nfirst trace: build on meta + torch.fx trace + shape/flop propagation (the graph of a block class "
          "is traced once per process);\nnew config: a configuration not seen before (build + propagation);"
          " cached: the same frozen configuration again.")


if __name__ == "__main__":
    main()
