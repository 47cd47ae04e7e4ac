"""Peak resident memory of real runs and equivalence checks against their estimates; run as a subprocess.

    MALLOC_MMAP_THRESHOLD_=65536 python tests/bench/memory_probe.py

With that glibc setting every tensor of 64 KiB or more is its own mapping, given back when freed, so
the process's high-water mark (VmHWM, reset through /proc/self/clear_refs) rises by what a run holds
at its peak. Prints one JSON object per case: name, dtype, channels_last, estimate, weights, peak (bytes).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from resblocks import BlockConfig, bench, equivalence

CASES = {
    # weights dominate: 3.2 M parameters (13 MB in float32) at 4×4
    "weights": BlockConfig(block="resnext", in_channels=512, planes=256, groups=8, base_width=32, size=4),
    # activations dominate: 64 channels at 56×56, batch 4 (3 MB per layer in float32)
    "activations": BlockConfig(block="basic", in_channels=64, planes=64, size=56, batch=4),
}
EQUIVALENCE = BlockConfig(block="resnext", in_channels=512, planes=128, groups=8, base_width=64)  # 2.2 M parameters
UNLIMITED = 2**40


def _status(key: str) -> int:
    return int(re.search(key + r":\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) * 1024


def peak_of(action) -> int:
    before = _status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from the current size
    action()
    return _status("VmHWM") - before


def main() -> None:
    tiny = BlockConfig(block="resnext", in_channels=32, planes=16, groups=4, base_width=8, size=8)
    for dtype in bench.DTYPES:  # first calls set up thread pools and kernels: not part of any run
        for cl in (False, True):
            bench.run_block(tiny, bench.RunSettings(device="cpu", dtype=dtype, channels_last=cl, repeat=1, warmup=1),
                            use_cache=False)
    equivalence.check_equivalence(BlockConfig(block="resnext", size=8))
    for name, cfg in CASES.items():
        for dtype in bench.DTYPES:
            for cl in (False, True):
                settings = bench.RunSettings(device="cpu", dtype=dtype, channels_last=cl, repeat=2, warmup=1,
                                             time_limit_s=3600, memory_limit_bytes=UNLIMITED)
                m = bench.estimate_memory(cfg, settings)
                peak = peak_of(lambda cfg=cfg, settings=settings: bench.run_block(cfg, settings, use_cache=False))
                print(json.dumps({"name": name, "dtype": dtype, "channels_last": cl, "estimate": m.total_bytes,
                                  "weights": m.weight_bytes, "peak": peak}), flush=True)
    m = equivalence.estimate_memory(EQUIVALENCE, limit_bytes=UNLIMITED)
    peak = peak_of(lambda: equivalence.check_equivalence(EQUIVALENCE, limit_bytes=UNLIMITED))
    print(json.dumps({"name": "equivalence", "dtype": "float32", "channels_last": False, "estimate": m.total_bytes,
                      "weights": m.weight_bytes // 2, "peak": peak}), flush=True)


if __name__ == "__main__":
    main()
