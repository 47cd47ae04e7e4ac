"""One training race at a time per server, the others queued; finished races kept by configuration.

A worker thread trains the queued races in turn and never calls Streamlit; pages read a job's live
``Race`` (its lists only grow) and redraw it. Sessions asking for a configuration that is already
queued or training share that job; a finished configuration comes back at once from ``results``.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from resblocks.training import Race, RaceConfig, train_race

MAX_RESULTS = 16  # finished races kept (each a few hundred kB of curves)
MAX_QUEUE = 4  # races waiting behind the one training


@dataclass
class Job:
    id: int
    config: RaceConfig
    cancel: threading.Event = field(default_factory=threading.Event)
    race: Race | None = None  # the live race once training starts
    state: str = "queued"  # queued, running, done, cancelled, failed
    error: str | None = None  # the library's sentence (a resblocks.checks.Message where it has a template)
    cpu_wait_s: float | None = None  # while a turn of the race waits for a timing run to give the CPU back

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")


class QueueFull(Exception):
    """The server already has MAX_QUEUE races waiting."""


class Board:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._results: OrderedDict[RaceConfig, Race] = OrderedDict()
        self._queue: deque[Job] = deque()
        self._jobs: dict[int, Job] = {}
        self._current: Job | None = None
        self._worker: threading.Thread | None = None

    def result(self, cfg: RaceConfig) -> Race | None:
        """The finished race for ``cfg``, if this server has trained it."""
        with self._lock:
            race = self._results.get(cfg)
            if race is not None:
                self._results.move_to_end(cfg)
            return race

    def job(self, job_id: int | None) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id) if job_id is not None else None

    def submit(self, cfg: RaceConfig) -> Job:
        """Queue ``cfg`` (or join the job already training or queued for it); QueueFull when no room is left."""
        with self._lock:
            for job in (self._current, *self._queue):
                if job is not None and job.config == cfg and not job.cancel.is_set():
                    return job
            if len(self._queue) >= MAX_QUEUE:
                raise QueueFull
            job = Job(next(self._ids), cfg)
            self._jobs[job.id] = job
            self._queue.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="race-worker", daemon=True)
                self._worker.start()
            return job

    def position(self, job: Job) -> int:
        """0 while ``job`` trains, k when k − 1 races are ahead of it in the queue."""
        with self._lock:
            if job is self._current:
                return 0
            return next((i + 1 for i, j in enumerate(self._queue) if j is job), 0)

    def cancel(self, job: Job) -> None:
        """Stop ``job`` between turns (or drop it from the queue); its curves so far are kept."""
        job.cancel.set()
        with self._lock:
            if job in self._queue:
                self._queue.remove(job)
                job.state = "cancelled"

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._current = self._worker = None
                    return
                job = self._current = self._queue.popleft()
                job.state = "running"
            try:
                race = train_race(job.config, cancel=job.cancel, progress=lambda r, job=job: self._progress(job, r),
                                  on_queued=lambda waited, place, job=job: setattr(job, "cpu_wait_s", waited))
            except Exception as exc:  # a worker must never die with the queue behind it
                job.state, job.error, job.cpu_wait_s = "failed", _sentence(exc), None
                with self._lock:
                    self._current = None
                continue
            job.cpu_wait_s = None
            with self._lock:
                job.race = race
                if race.finished:
                    self._results[job.config] = race
                    while len(self._results) > MAX_RESULTS:
                        self._results.popitem(last=False)
                job.state = "done" if race.finished else "cancelled"
                self._current = None
            self._forget_old_jobs()

    @staticmethod
    def _progress(job: Job, race: Race) -> None:
        job.race, job.cpu_wait_s = race, None  # a turn trained: it no longer waits

    def _forget_old_jobs(self) -> None:
        with self._lock:
            old = [i for i, j in self._jobs.items() if not j.active]
            for i in old[: max(0, len(old) - 4 * MAX_RESULTS)]:
                del self._jobs[i]


def _sentence(exc: Exception) -> str:
    """What a page says about a failed race: the library's message (kept as a Message for translation) or, for
    anything unexpected, its type and text."""
    message = exc.args[0] if exc.args else ""
    if isinstance(exc, ValueError | TypeError | RuntimeError) and isinstance(message, str) and message:
        return message
    return f"{type(exc).__name__}: {exc}"


BOARD = Board()  # one per server process: the worker and the queue are shared by every session
