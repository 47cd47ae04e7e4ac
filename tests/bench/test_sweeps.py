"""bench.sweep_points and bench.run_sweep: which configurations a sweep runs, and the ratios of its rows."""

import threading

import pytest

from resblocks import BlockConfig, bench
from resblocks.__main__ import main
from resblocks.analysis import analyze
from resblocks.budget import group_sweep
from resblocks.registry import BLOCK_NAMES
from tests.bench.helpers import tiny

QUICK = bench.RunSettings(device="cpu", repeat=2, warmup=0)


def test_groups_sweep_rows_and_ratios():
    cfg = tiny("resnext", size=4)
    calls: list[tuple[int, int, object]] = []
    s = bench.run_sweep("groups", cfg, QUICK, progress=lambda *a: calls.append(a))
    assert [r.groups for r in s.rows] == [1, 2, 4, 8, 16] and not s.cancelled
    base = s.rows[0]
    assert (base.time_ratio, base.params_ratio, base.macs_ratio, base.conv_ratio) == (1, 1, 1, 1)
    for row in s.rows:
        assert row.config.width == cfg.width
        assert row.conv_ratio == pytest.approx(1 / row.groups)
        assert row.macs_ratio == pytest.approx(analyze(row.config).macs / analyze(base.config).macs)
        assert row.time_ratio == pytest.approx(row.median_ms / base.median_ms)
    assert 1 / 16 < s.rows[-1].macs_ratio < 1  # the 1×1 convs keep the block from falling as 1/g
    assert calls[0] == (0, 5, None) and calls[-1][:2] == (5, 5)


def test_groups_sweep_skips_the_g_no_base_width_reaches():
    cfg = BlockConfig(block="resnext", planes=1, base_width=1024, groups=128)  # width 2048, 16 channels per group
    points, notes = bench.sweep_points("groups", cfg)
    assert [pt.label for pt in points] == ["g=128", "g=256", "g=512", "g=1024", "g=2048"]
    assert all(pt.config.width == cfg.width for pt in points)
    assert [pt.config.groups for pt in points] == [p.groups for p in group_sweep(cfg).points]  # as the Budget page
    assert any(n.startswith("Left out g = 1, 2, 4, 8, 16, 32, 64: at planes = 1 no allowed base_width") and
               "base_width=131072 is out of range" in n and "the baseline is g=128" in n for n in notes)
    assert bench.sweep_points("groups", tiny("resnext"))[1] == ()  # nothing left out, no note


@pytest.mark.parametrize("kind", ["matched", "blocks"])
def test_matched_and_block_sweeps_produce_rows(kind):
    s = bench.run_sweep(kind, tiny("resnext", size=4), QUICK)
    assert len(s.rows) == s.total_points >= 4
    if kind == "matched":
        assert [r.label for r in s.rows] == ["1×64d", "2×40d", "4×24d", "8×14d", "32×4d"]  # Xie et al. 2017, Table 2
        assert all(0.95 < r.params_ratio < 1.05 for r in s.rows)  # Table 2 holds the parameters
    else:
        assert s.rows[0].label == "resnext" and {r.label for r in s.rows} <= set(BLOCK_NAMES)
        assert all(0.8 < r.macs_ratio < 1.25 for r in s.rows)


def test_a_sweep_can_be_cancelled_and_keeps_its_rows():
    flag = threading.Event()
    s = bench.run_sweep("groups", tiny("resnext", size=4), QUICK, cancel=flag,
                        progress=lambda done, total, row: flag.set() if done == 2 else None)
    assert s.cancelled and len(s.rows) == 2 and s.total_points == 5


def test_sweep_memory_is_checked_for_every_point_first():
    with pytest.raises(bench.MemoryLimitError):
        bench.run_sweep("matched", BlockConfig(size=256, batch=4), QUICK)
    assert bench.cache_info().misses == 0


def test_an_unknown_sweep_names_the_kinds():
    with pytest.raises(ValueError, match="unknown sweep 'width'; choose one of groups, matched, blocks"):
        bench.sweep_points("width", tiny())
    with pytest.raises(ValueError, match="unknown sweep"):
        bench.sweep_points(["groups"], tiny())


def test_cli_sweep_prints_a_table(capsys):
    assert main(["bench", "--block", "resnext", "--in-channels", "8", "--planes", "64", "--groups", "4",
                 "--base-width", "4", "--size", "4", "--repeat", "2", "--warmup", "0", "--sweep", "groups"]) == 0
    out, err = capsys.readouterr()
    assert "time ratio" in out and "g=16" in out and "5/5 g=16" in err


def test_each_row_keeps_its_quartiles_and_the_real_ratio_of_its_3x3s():
    s = bench.run_sweep("matched", tiny("resnext", size=4), QUICK)
    for row in s.rows:
        assert row.q1_ms <= row.median_ms <= row.q3_ms and row.iqr_ms == pytest.approx(row.q3_ms - row.q1_ms)
        assert row.spread == pytest.approx(row.iqr_ms / row.median_ms)
    # Xie et al. 2017, Table 2 widens the paths (d = 64, 40, 24, 14, 4): the 3×3's MACs go as (C·d)²/C, not as 1/C.
    assert [r.conv3x3_ratio for r in s.rows] == pytest.approx([1, 3200 / 4096, 2304 / 4096, 1568 / 4096, 512 / 4096])
    assert [r.conv_ratio for r in s.rows] == [1, 1 / 2, 1 / 4, 1 / 8, 1 / 32]


def test_refresh_measures_again_and_keeps_the_new_result():
    cfg = tiny()
    first = bench.run_block(cfg, QUICK)
    again = bench.run_block(cfg, QUICK, refresh=True)
    assert not again.from_cache and again.provenance.date >= first.provenance.date
    assert bench.cached_result(cfg, QUICK).samples_ms == again.samples_ms  # the next plain run gets the new one
    assert bench.run_block(cfg, QUICK).from_cache


def test_a_reference_row_written_before_the_quartiles_still_reads():
    s = bench.run_sweep("groups", tiny("resnext", size=4), QUICK)
    row = s.rows[1].as_dict()
    for key in ("q1_ms", "q3_ms", "conv3x3_ratio"):
        row.pop(key)
    old = bench.references.parse_sweep_row(row, "rows[1]")
    assert (old.q1_ms, old.q3_ms, old.conv3x3_ratio) == (None, None, None) and old.median_ms == s.rows[1].median_ms
    assert bench.references.parse_sweep_row(s.rows[1].as_dict(), "rows[1]") == s.rows[1]
