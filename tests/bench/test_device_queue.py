"""The run queue: one run at a time per device, first come first served, every waiter told its place."""

import threading
import time

import pytest

from resblocks import bench
from tests.bench.helpers import CPU, tiny


def wait_for(condition, what: str, seconds: float = 60) -> None:
    """Poll until ``condition()`` holds (a thread reached a state), failing after ``seconds``."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_runs_go_first_come_first_served_and_each_waiter_sees_its_place():
    device = "cpu"
    started: list[int] = []  # the order in which the runs began to measure (recorded inside the run)
    places: dict[int, list[int]] = {}
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        seen = places.setdefault(i, [])
        try:
            bench.run_block(tiny(planes=8 + i), CPU, use_cache=False,
                            on_queued=lambda waited, place: seen.append(place),
                            cancel=lambda: started.append(i) if i not in started else False)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
    with bench.device_turn(device):  # hold the device while five callers line up, one after another
        for i, t in enumerate(threads):
            t.start()
            wait_for(lambda i=i: bench.waiting(device) == i + 1 and len(places[i]) > 0, f"caller {i} to queue")
        assert bench.is_busy(device)
    for t in threads:
        t.join(120)
    assert not errors
    assert started == [0, 1, 2, 3, 4]  # the order they arrived in
    for i, seen in places.items():
        assert seen[0] == i + 1  # caller i arrived with i callers ahead of it, behind the holder
        assert seen == sorted(seen, reverse=True) and seen[-1] >= 1  # its place only ever moved forward
    assert not bench.is_busy(device) and bench.waiting(device) == 0


def test_a_waiter_that_gives_up_leaves_the_line():
    device = "test-device"

    def closed_page(waited: float, place: int) -> None:
        raise KeyboardInterrupt("the page went away")  # what a closed Streamlit session raises is not an Exception

    with bench.device_turn(device):
        with pytest.raises(bench.DeviceBusyError, match="test-device has been busy with other runs"), \
                bench.device_turn(device, timeout_s=0.05):
            pass
        with pytest.raises(bench.RunCancelled), bench.device_turn(device, cancel=lambda: True):
            pass
        with pytest.raises(KeyboardInterrupt), bench.device_turn(device, on_queued=closed_page):
            pass
        assert bench.waiting(device) == 0
    assert not bench.is_busy(device)  # nobody is left in the line to block the next caller


def test_an_exception_in_the_run_frees_the_device():
    with pytest.raises(RuntimeError), bench.device_turn("other-device"):
        raise RuntimeError("the run failed")
    assert not bench.is_busy("other-device")
