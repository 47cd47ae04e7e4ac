"""The other values of g, prepared before the reader asks for them.

Holding the width, the groups control can reach only the divisors of the width (eight for the default 128), so a
page can do the work for all of them while the reader looks at the one shown: after a run of the whole app it
hands ``prepare`` a function of a configuration (one that fills the page's caches: ``cache.analysis``, the graph's
drawing, the budget's rows), and one background thread of the server calls it for every other reachable g. The
reader's next change of g then finds its results cached, and the page's part only draws.

The work must fill caches that every session shares (``explorer.memo``), and must call no Streamlit command (the
thread has no script run) and run no real tensor (the Run page's timing would share the CPU): meta tensors,
Graphviz and plain Python only. Each (page, configuration) is prepared once per process; a failure is left for
the page to meet and explain when the reader gets there.

The work starts a moment after it is queued (DELAY_S) and at the lowest CPU priority (nice 19 for the thread, on
Linux), so that it never competes with the browser drawing the page that asked for it: on two cores it did.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

from explorer.links import GROUPS_RANGE
from resblocks import BlockConfig
from resblocks.split import hold_choices

LOG = logging.getLogger(__name__)
ENV = "RESBLOCKS_PREPARE_AHEAD"  # "0" turns it off
REMEMBERED = 2048  # (page, configuration) pairs remembered as prepared; the oldest are forgotten first

DELAY_S = 1.0  # after a batch is queued: the page that asked is drawn first


def _lowest_priority() -> None:
    """The worker thread at nice 19 (Linux sets a priority per thread; elsewhere it keeps the process's)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="resblocks-ahead", initializer=_lowest_priority)
MAX_PENDING = 16  # batches waiting for the worker; more are not queued (their pages compute when asked)
_LOCK = threading.Lock()
_seen: OrderedDict[Hashable, None] = OrderedDict()
_pending = [0]  # batches queued and not yet done


def held_choices(cfg: BlockConfig) -> dict[int, BlockConfig]:
    """Every g the groups control reaches from ``cfg`` holding its width, with its config: hold_choices (the
    divisors of the width whose d is whole) up to the control's 128, which a link takes at most (none for a block
    without a grouped 3×3)."""
    if not cfg.entry.grouped:
        return {}
    return {g: c for g, c in hold_choices(cfg, "width").items() if g <= GROUPS_RANGE[1]}


def reachable(cfg: BlockConfig) -> list[BlockConfig]:
    """The configurations the groups control reaches from ``cfg`` holding its width, but the current g."""
    return [c for g, c in held_choices(cfg).items() if g != cfg.groups]


def prepare(page: str, cfg: BlockConfig | None, work: Callable[[BlockConfig], object], hold: str = "width") -> int:
    """Queue ``work(other)`` for every configuration ``reachable`` from ``cfg`` that ``page`` has not prepared yet;
    returns how many were queued. ``page`` names the work (one page may prepare in two languages: put the
    language in it). Only holding the width are the reachable values few and known: holding d or the cost, a
    change of g is another block, and nothing is queued; nor while MAX_PENDING batches wait."""
    if cfg is None or hold != "width" or os.environ.get(ENV, "1") == "0":
        return 0
    others = reachable(cfg)
    with _LOCK:
        if _pending[0] >= MAX_PENDING:
            return 0
        batch = []
        for other in others:
            key = (page, other)
            if key in _seen:
                _seen.move_to_end(key)
                continue
            _seen[key] = None
            batch.append(other)
        while len(_seen) > REMEMBERED:
            _seen.popitem(last=False)
        if batch:
            _pending[0] += 1
    if batch:
        _EXECUTOR.submit(_run, page, work, batch, time.monotonic())
    return len(batch)


def _run(page: str, work: Callable[[BlockConfig], object], batch: list[BlockConfig], queued: float) -> None:
    time.sleep(max(0.0, queued + DELAY_S - time.monotonic()))  # a batch that waited its turn starts at once
    try:
        for cfg in batch:
            try:
                work(cfg)
            except Exception:  # the page meets the same failure when the reader gets there, and says why
                LOG.debug("preparing %s for %s failed", page, cfg.label, exc_info=True)
    finally:
        with _LOCK:
            _pending[0] -= 1


def wait() -> None:
    """Block until every queued preparation has run (tests and benchmarks)."""
    _EXECUTOR.submit(lambda: None).result()
