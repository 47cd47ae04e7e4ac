"""explorer.ahead: the other reachable values of g are prepared once, in the background."""

import os
import threading

import pytest

from explorer import ahead
from resblocks import BlockConfig

pytestmark = pytest.mark.ahead

BLOCK = BlockConfig(block="resnext", in_channels=256, planes=64, groups=32, base_width=4)  # width 128


def test_the_reachable_blocks_are_every_other_divisor_of_the_width():
    others = ahead.reachable(BLOCK)
    assert [c.groups for c in others] == [1, 2, 4, 8, 16, 64, 128]
    assert {c.width for c in others} == {128}
    assert [c.base_width for c in others] == [128, 64, 32, 16, 8, 2, 1]
    assert ahead.reachable(BlockConfig(block="bottleneck", in_channels=256, planes=64)) == []
    wide = BLOCK.replace(base_width=8)  # width 256: depthwise (256) is beyond the control's 128
    assert [c.groups for c in ahead.reachable(wide)] == [1, 2, 4, 8, 16, 64, 128]


def test_each_block_is_prepared_once_per_page():
    done, lock = [], threading.Lock()

    def work(cfg):
        with lock:
            done.append(cfg.groups)

    cfg = BLOCK.replace(size=31)  # a configuration no other test prepares
    assert ahead.prepare("test-page", cfg, work) == 7
    assert ahead.prepare("test-page", cfg, work) == 0  # queued already
    assert ahead.prepare("other-page", cfg, work) == 7
    ahead.wait()
    assert sorted(done) == sorted([1, 2, 4, 8, 16, 64, 128] * 2)


def test_a_failure_is_left_to_the_page_and_the_rest_is_prepared():
    done = []

    def work(cfg):
        if cfg.groups == 1:
            raise RuntimeError("Graphviz failed")
        done.append(cfg.groups)

    assert ahead.prepare("failing-page", BLOCK.replace(size=29), work) == 7
    ahead.wait()  # nothing raised here: the page meets the failure and explains it
    assert done == [2, 4, 8, 16, 64, 128]


def test_only_the_width_held_is_prepared():
    assert ahead.prepare("hold-page", BLOCK.replace(size=21), lambda cfg: None, hold="d") == 0
    assert ahead.prepare("hold-page", BLOCK.replace(size=21), lambda cfg: None, hold="cost") == 0
    assert ahead.prepare("hold-page", BLOCK.replace(size=21), lambda cfg: None, hold="width") == 7
    ahead.wait()


def test_a_full_queue_takes_no_more(monkeypatch):
    monkeypatch.setattr(ahead, "_pending", [ahead.MAX_PENDING])
    assert ahead.prepare("full-page", BLOCK.replace(size=19), lambda cfg: None) == 0


def test_it_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(ahead.ENV, "0")
    assert ahead.prepare("off-page", BLOCK.replace(size=27), lambda cfg: None) == 0
    assert ahead.prepare("off-page", None, lambda cfg: None) == 0


def test_the_work_runs_at_the_lowest_priority():
    seen = []
    ahead.prepare("priority-page", BLOCK.replace(size=25), lambda cfg: seen.append(os.getpriority(
        os.PRIO_PROCESS, threading.get_native_id())))
    ahead.wait()
    assert seen and set(seen) == {19}
