"""How well the compute limit predicts a forward pass: estimated seconds (MACs at the measured speed of the
dtype) against the measured median, per dtype, on the CPU.

    python benchmarks/compute_estimate.py            # four blocks, every dtype the CPU runs
    python benchmarks/compute_estimate.py --repeat 10

The Run page refuses a run whose estimated forward pass is above a quarter of its time limit
(bench.CALL_SHARE), so a measured/estimated ratio up to about 2 still keeps the first call and one
timed call inside the limit. Prints figures; never part of the tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resblocks import BlockConfig, bench, units
from resblocks.analysis import analyze

CONFIGS = (
    BlockConfig(block="basic", size=56),
    BlockConfig(size=56),  # resnext 32×4d, 64 → 256
    BlockConfig(block="bottleneck", in_channels=256, planes=64, size=28),
    BlockConfig(block="resnext", in_channels=256, planes=128, groups=32, base_width=4, size=28, batch=4),
)
ISSUE_REPRO = BlockConfig(block="basic", in_channels=64, planes=64, size=224, batch=5)  # issue 15, item 6


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    cpu = bench.resolve_device("cpu")
    print(f"{cpu.label}")
    for dtype in cpu.dtypes:
        speed = bench.device_speed(cpu, dtype)
        print(f"\n{dtype}: measured speed {units.count(speed)} multiply-adds per second (calibration block)")
        for cfg in CONFIGS:
            estimate = bench.forward_seconds(cfg, cpu, dtype)
            settings = bench.RunSettings(device="cpu", dtype=dtype, repeat=args.repeat, warmup=2, time_limit_s=600)
            r = bench.run_block(cfg, settings, use_cache=False)
            print(f"  {cfg.label:40s} batch {cfg.batch} {cfg.size}×{cfg.size}: {units.count(analyze(cfg).macs, 'MACs')}"
                  f", estimated {estimate * 1e3:8.2f} ms, measured {r.median_ms:8.2f} ms, "
                  f"measured/estimated {r.median_ms / 1e3 / estimate:.2f}")
        repro = bench.forward_seconds(ISSUE_REPRO, cpu, dtype)
        verdict = bench.compute_problem(ISSUE_REPRO, bench.RunSettings(device="cpu", dtype=dtype))
        print(f"  issue 15's {units.count(analyze(ISSUE_REPRO).macs, 'MACs')} run: estimated {repro:.1f} s per forward "
              f"pass: {'refused' if verdict else 'accepted'} at the 20 s time limit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
