"""One run at a time per device, first come, first served.

Every caller takes a ticket and waits in line until its ticket is first and the device is free;
a waiter is told its place in the line and how long it has waited about twice a second. A waiter
that gives up (timeout, cancel, or an exception from its own callback, such as a closed page)
leaves the line at once, so nobody waits behind it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..checks import Message
from .timing import Cancel, RunCancelled, is_cancelled

POLL_S = 0.5  # how often a waiter hears its place


class DeviceBusyError(RuntimeError):
    """The device stayed busy with other runs for longer than the caller was willing to wait."""


class _Line:
    """The device's holder and the tickets waiting behind it, in arrival order."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.holder: object | None = None
        self.waiting: deque[object] = deque()

    def first_and_free(self, ticket: object) -> bool:
        return self.holder is None and bool(self.waiting) and self.waiting[0] is ticket


_LINES: dict[str, _Line] = {}
_LINES_GUARD = threading.Lock()


def _line(device: str) -> _Line:
    with _LINES_GUARD:
        return _LINES.setdefault(device, _Line())


def is_busy(device: str) -> bool:
    """Whether a run holds ``device`` right now (or is about to: somebody is waiting)."""
    line = _line(device)
    with line.cond:
        return line.holder is not None or bool(line.waiting)


def waiting(device: str) -> int:
    """How many callers wait for ``device`` behind the run that holds it."""
    line = _line(device)
    with line.cond:
        return len(line.waiting)


@contextmanager
def device_turn(
    device: str,
    on_queued: Callable[[float, int], None] | None = None,
    timeout_s: float = 300.0,
    cancel: Cancel = None,
) -> Iterator[float]:
    """Hold ``device`` for the ``with`` body, after everybody who asked before; yields the seconds waited.

    While waiting, ``on_queued(seconds waited, place)`` is called about twice a second; place 1 is
    next. DeviceBusyError after ``timeout_s``; RunCancelled when ``cancel`` is set meanwhile.
    """
    line = _line(device)
    ticket = object()
    start = time.perf_counter()
    with line.cond:
        line.waiting.append(ticket)
    try:
        while True:
            with line.cond:
                if line.first_and_free(ticket):
                    line.waiting.popleft()
                    line.holder = ticket
                    break
                place = list(line.waiting).index(ticket) + 1
            waited = time.perf_counter() - start
            if waited >= timeout_s:
                raise DeviceBusyError(Message("{device} has been busy with other runs for {waited:.0f} s; try "
                                              "again in a minute", device=device, waited=waited))
            if is_cancelled(cancel):
                raise RunCancelled("the run was cancelled while it waited for the device")
            if on_queued is not None:
                on_queued(waited, place)
            with line.cond:
                if not line.first_and_free(ticket):
                    line.cond.wait(timeout=min(POLL_S, max(timeout_s - waited, 0.001)))
    except BaseException:
        with line.cond:
            if ticket in line.waiting:
                line.waiting.remove(ticket)
            line.cond.notify_all()
        raise
    try:
        yield time.perf_counter() - start
    finally:
        with line.cond:
            line.holder = None
            line.cond.notify_all()
