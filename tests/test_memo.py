"""explorer.memo: caches bounded in bytes, their size estimate measured against what Python really allocates."""

import gc
import threading
import tracemalloc

import pytest

from explorer.figures import budget as budget_figures
from explorer.memo import MB, deep_size, memo
from resblocks import BlockConfig, split
from resblocks.analysis import analyze
from resblocks.budget import group_sweep

CFG = BlockConfig(block="resnext", in_channels=256, planes=128, groups=32, base_width=4)


def allocated(make):
    """What ``make()``'s result holds, by tracemalloc: the allocations still alive after it returned."""
    make()  # first call: imports, validators and caches that every later call shares
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        value = make()
        gc.collect()
        return value, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("make", [
    lambda: budget_figures.sweep_chart(group_sweep(CFG.replace(size=17))),  # the Budget page's charts: SVG text
    lambda: budget_figures.per_layer_chart(analyze(CFG.replace(size=23))),
    lambda: split.geometries(CFG.replace(size=19), "width"),
    lambda: [bytes(100_000), "x" * 50_000],
], ids=["sweep chart", "per-layer chart", "split geometry", "bytes and text"])
def test_the_estimate_is_within_a_factor_two_of_what_is_allocated(make):
    value, real = allocated(make)
    estimate = deep_size(value)
    assert real / 2 <= estimate <= real * 2, (estimate, real)


def test_least_recently_used_entries_go_first_beyond_the_budget():
    calls = []

    @memo("test", budget_mb=0.25)
    def block(n: int) -> bytes:
        calls.append(n)
        return bytes(100_000)

    for n in (1, 2, 1, 3):  # 1 is used again before 3 arrives: 2 is the oldest
        block(n)
    info = block.info()
    assert info.entries == 2 and 200_000 <= info.bytes <= 0.25 * MB and info.hits == 1
    block(1)
    block(2)
    assert calls == [1, 2, 3, 2]


def test_the_newest_value_is_kept_even_over_the_budget():
    @memo("test-big", budget_mb=0.01)
    def big(n: int) -> bytes:
        return bytes(50_000)

    big(1)
    big(2)
    assert big.info().entries == 1


def test_concurrent_callers_get_values_and_the_budget_holds():
    @memo("test-threads", budget_mb=1)
    def value(n: int) -> bytes:
        return bytes(100_000)

    def hammer(offset: int) -> None:
        for i in range(50):
            assert len(value((offset + i) % 20)) == 100_000

    threads = [threading.Thread(target=hammer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert value.info().bytes <= 1 * MB


def test_a_budget_must_be_positive():
    with pytest.raises(ValueError, match="budget_mb must be positive"):
        memo("bad", 0)


def test_a_page_defining_its_function_again_at_every_rerun_keeps_one_cache():
    calls = []

    def define():  # what a page script does at every run
        @memo("test-rerun.value", budget_mb=1)
        def value(n: int) -> int:
            calls.append(n)
            return n * n

        return value

    first, second = define(), define()
    assert first(3) == 9 and second(3) == 9
    assert calls == [3] and second.info().hits == 1
