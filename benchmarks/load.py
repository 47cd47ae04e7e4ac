"""Load: many concurrent readers against one locally started server (issue: 0 errors with at least 10
sessions, the server's resident memory at most 690 MB, the smallest hosted tier). Prints figures; never
part of the test pass/fail.

    .venv/bin/python benchmarks/load.py [--sessions 10] [--cycles 1] [--verbose] [--env NAME=VALUE]

Bounded and loopback only: the script starts the app on a free 127.0.0.1 port and drives one Chromium
(Debian's) with one browser context per session, all from one asyncio loop. Three phases:

1. cold start: `--sessions` first visits at the same moment to a fresh server (Overview, Graph, Split,
   Budget and Run in turn), as when a sleeping hosted app is woken by its first visitors;
2. warm-up: `--warm` distinct configurations (default 300) opened on Graph, Split and Budget by three
   readers at a time, so every cache is full before anything is measured;
3. every session runs the same fixed cycle `--cycles` times at once, each on its own configurations:

    open /graph · groups slider ×3 · layout radio · sidebar link to Budget · metric radio ×2 ·
    groups slider · open /run?block=basic&size=16 · press Run

An interaction runs from the action until it has been drawn (see benchmarks/ui_latency.py: the server's
script_finished message, then the page still for a moment; it ends at the page's last change). "Server"
is the part between the server starting the run (new_session) and finishing it (script_finished).
Graphs are recognised in the SVG the server draws, so the server needs Graphviz's `dot` (Debian's graphviz).
Errors: an exception box (stException) on the page, a run that was not drawn within TIMEOUT_S, a Run that
showed no result, and any traceback in the server's log. Memory: VmRSS of the server process, sampled
every 0.2 s, and its VmHWM (the kernel's peak of the resident set). CPU: the server's, and the machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ui_latency import DRAWN, QUIET_MS, WATCH_CHANGES, PageWatch  # noqa: E402
from harness.browser import CHROMIUM, CHROMIUM_FLAGS, GRAPH_SHOWS, SLIDER, start_server  # noqa: E402

EXCEPTION = "[data-testid='stException']"
PAGE_SHOWS = "text => document.querySelector(\"[data-testid='stMain']\")?.innerText.includes(text) ?? false"
TIMEOUT_S = 90.0  # one interaction; Run waits its turn for the CPU behind every other session's run
TARGET_MB = 690
# Cardinalities to start from: each session and cycle reads different configurations.
START_GROUPS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64)


@dataclass(frozen=True)
class Shows:
    """What a step waits to see: a JavaScript predicate over the page, and its argument."""

    predicate: str
    arg: str


# The server process -------------------------------------------------------------------------------


def proc_status(pid: int, name: str) -> int:
    """A memory field of /proc/<pid>/status in bytes (VmRSS: resident now, VmHWM: resident at its peak)."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{name}:\s+(\d+) kB", text, re.M).group(1)) * 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time spent by every process on the machine so far, all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.samples: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.samples.append(proc_status(self.pid, "VmRSS"))
            except (OSError, AttributeError):
                return
            self.stop.wait(self.every_s)


class LogReader(threading.Thread):
    """Drains the server's output (a full pipe would block the server) and keeps what looks like an error."""

    def __init__(self, stream) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.errors: list[str] = []

    def run(self) -> None:
        for raw in iter(self.stream.readline, b""):
            line = raw.decode(errors="replace").rstrip()
            if "Traceback" in line or re.match(r"\w*(Error|Exception)\b", line):
                self.errors.append(line)


# One reader ---------------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind → seconds, action to drawn
    server: dict[str, list[float]] = field(default_factory=dict)  # kind → seconds the server ran
    errors: list[str] = field(default_factory=list)


class Session(PageWatch):
    """One browser context: its page, its websocket to the server, the run it is waiting for and its HTTP
    requests in flight."""

    def __init__(self, number: int, page, stats: Stats) -> None:
        super().__init__(page)
        self.number, self.stats = number, stats
        self.finished: asyncio.Future | None = None

    def on_run_finished(self, server_s: float) -> None:
        if self.finished and not self.finished.done():
            self.finished.set_result(server_s)

    async def step(self, kind: str, action, shows: Shows | None = None) -> bool:
        """Do ``action`` and wait until the run it starts has been drawn, and ``shows`` is on the page where
        given; record the latency, or an error."""
        self.finished = asyncio.get_running_loop().create_future()
        t0 = time.time()
        try:
            await action()
            server_s = await asyncio.wait_for(self.finished, TIMEOUT_S)
            drawn = await asyncio.wait_for(self.drawn(), TIMEOUT_S)
            if shows is not None and not await self.page.evaluate(shows.predicate, shows.arg):
                # A loaded browser can draw the last elements after a pause longer than QUIET_MS.
                await self.page.wait_for_function(shows.predicate, arg=shows.arg, timeout=TIMEOUT_S * 1e3)
                drawn = time.time()
        except Exception as exc:  # a Playwright or asyncio timeout, a closed page: an error of this interaction
            self.stats.errors.append(f"session {self.number}, {kind}: {type(exc).__name__}: {str(exc)[:160]}; "
                                     f"the page says {await self.says()}")
            return False
        self.stats.latencies.setdefault(kind, []).append(drawn - t0)
        self.stats.server.setdefault(kind, []).append(server_s)
        if "--verbose" in sys.argv:
            print(f"  session {self.number:2d} {kind:<24} {(drawn - t0) * 1e3:7.0f} ms (server {server_s * 1e3:5.0f} ms)",
                  file=sys.stderr, flush=True)
        if await self.page.locator(EXCEPTION).count():
            text = await self.page.locator(EXCEPTION).first.inner_text()
            self.stats.errors.append(f"session {self.number}, {kind}: exception on the page: {text[:300]}")
            return False
        return True

    async def says(self) -> list[str]:
        """The page's status labels and alerts, for an error message."""
        try:
            return await self.page.locator("[data-testid='stExpander'] summary, [data-testid='stAlert']").all_inner_texts()
        except Exception:  # the page is gone
            return []

    async def drawn(self) -> float:
        """Unix time of the page's last change, once it has been still for QUIET_MS with no request in flight."""
        while True:
            last = await self.page.evaluate(DRAWN, [QUIET_MS, TIMEOUT_S * 1e3]) / 1e3
            if self.in_flight <= 0:
                return last
            while self.in_flight > 0:
                await asyncio.sleep(0.005)

    @staticmethod
    def graph_of(groups: int) -> Shows:
        """The graph page's drawing of the resnext block with ``groups`` (its title, inside the SVG image)."""
        return Shows(GRAPH_SHOWS, f"resnext {groups}×")

    async def slider(self, key: str) -> None:
        thumb = self.page.locator(SLIDER)
        await thumb.focus()
        await thumb.press(key)

    async def radio(self, key: str, index: int) -> None:
        await self.page.locator(f".st-key-{key} [data-testid='stRadioOption']").nth(index).click()

    async def cycle(self, url: str, cycle: int) -> None:
        page = self.page
        g = START_GROUPS[(self.number + 7 * cycle) % len(START_GROUPS)]
        await self.step("open graph", lambda: page.goto(f"{url}/graph?block=resnext&groups={g}&hold=d"), self.graph_of(g))
        for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
            g += 1 if key == "ArrowRight" else -1
            await self.step("graph: groups slider", lambda key=key: self.slider(key), self.graph_of(g))
        await self.step("graph: layout radio", lambda: self.radio("layout", 1), self.graph_of(g))
        await self.step("page link to budget", lambda: page.locator("[data-testid='stSidebarNav'] a[href$='/budget']").click())
        await self.step("budget: metric radio", lambda: self.radio("metric", 1))
        await self.step("budget: metric radio", lambda: self.radio("metric", 0))
        await self.step("budget: groups slider", lambda: self.slider("ArrowRight"))
        batch = 1 + (self.number + cycle) % 4
        await self.step("open run", lambda: page.goto(f"{url}/run?block=basic&size=16&batch={batch}"))
        result = Shows(PAGE_SHOWS, "Latency (median)")
        await self.step("run: press Run", lambda: page.get_by_role("button", name="Run", exact=True).click(), result)


async def reader(number: int, browser, url: str, cycles: int, stats: Stats, gate: asyncio.Event) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_S * 1e3)
    await context.add_init_script(WATCH_CHANGES)
    session = Session(number, await context.new_page(), stats)
    await gate.wait()
    try:
        for c in range(cycles):
            await session.cycle(url, c)
    finally:
        await context.close()


COLD_PAGES = ("", "graph", "split", "budget", "run")
WARM_PAGES = ("graph", "split", "budget")


def warm_addresses(count: int) -> list[str]:
    """``count`` distinct valid views of the resnext block on Graph, Split and Budget in turn."""
    out = []
    for i in range(count):
        groups = (1, 2, 4, 8, 16, 32)[i % 6]
        planes = (32, 64, 128)[(i // 6) % 3]
        out.append(f"{WARM_PAGES[i % 3]}?block=resnext&groups={groups}&planes={planes}&base_width=4&size={8 + i // 18}")
    return out


async def open_view(number: int, browser, url: str, paths: list[str], stats: Stats, kind: str) -> None:
    """One reader that opens each of ``paths`` in turn and waits until it is drawn."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_S * 1e3)
    await context.add_init_script(WATCH_CHANGES)
    session = Session(number, await context.new_page(), stats)
    try:
        for path in paths:
            await session.step(kind, lambda path=path: session.page.goto(f"{url}/{path}"))
    finally:
        await context.close()


async def drive(url: str, server_pid: int, args: argparse.Namespace, stats: Stats, phases: dict) -> dict[str, float]:
    """Cold start, warm-up, then ``args.sessions`` readers at once; time and CPU of the last phase."""
    from playwright.async_api import async_playwright

    sessions, cycles = args.sessions, args.cycles
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        cold = Stats()
        await asyncio.gather(*(open_view(i, browser, url, [COLD_PAGES[i % len(COLD_PAGES)]], cold, "cold first visit")
                               for i in range(sessions)))
        phases["cold"] = cold
        phases["after cold"] = proc_status(server_pid, "VmRSS")
        warm = Stats()
        addresses = warm_addresses(args.warm)
        await asyncio.gather(*(open_view(100 + k, browser, url, addresses[k::3], warm, "warm-up view") for k in range(3)))
        phases["warm"] = warm
        phases["after warm"] = proc_status(server_pid, "VmRSS")
        stats.errors.extend(cold.errors + warm.errors)
        gate = asyncio.Event()
        tasks = [asyncio.create_task(reader(i, browser, url, cycles, stats, gate)) for i in range(sessions)]
        start = (time.perf_counter(), cpu_seconds(server_pid), machine_busy_seconds())
        gate.set()
        await asyncio.gather(*tasks)
        end = (time.perf_counter(), cpu_seconds(server_pid), machine_busy_seconds())
        await browser.close()
    return {"elapsed": end[0] - start[0], "server_cpu": end[1] - start[1], "machine_cpu": end[2] - start[2]}


# Report -------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def report(args: argparse.Namespace, url: str, run: dict[str, float], stats: Stats, memory: dict[str, int],
           errors: list[str], phases: dict) -> None:
    for name in ("cold", "warm"):
        ts = [t for values in phases[name].latencies.values() for t in values]
        if ts:
            print(f"{name}: {len(ts)} views, p50 {statistics.median(ts) * 1e3:.0f} ms, p95 {pct(ts, 0.95) * 1e3:.0f} ms, "
                  f"errors {len(phases[name].errors)}; server RSS after it {mb(phases['after ' + name])}")
    everything = [t for ts in stats.latencies.values() for t in ts]
    server_all = [t for ts in stats.server.values() for t in ts]
    elapsed, cores = run["elapsed"], os.cpu_count()
    print(f"{args.sessions} concurrent sessions × {args.cycles} cycles against {url}: {len(everything)} interactions "
          f"in {elapsed:.0f} s, one Chromium, {cores} cores")
    print(f"{'interaction':<24} {'n':>4} {'p50 (ms)':>9} {'p95 (ms)':>9} {'max (ms)':>9} {'server p50':>11} {'server p95':>11}")
    rows = [(kind, ts, stats.server[kind]) for kind, ts in stats.latencies.items()] + [("all", everything, server_all)]
    for kind, ts, server in rows:
        if ts:
            print(f"{kind:<24} {len(ts):4d} {statistics.median(ts) * 1e3:9.0f} {pct(ts, 0.95) * 1e3:9.0f} "
                  f"{max(ts) * 1e3:9.0f} {statistics.median(server) * 1e3:11.0f} {pct(server, 0.95) * 1e3:11.0f}")
    print(f"CPU while the sessions ran: server {run['server_cpu']:.0f} s ({run['server_cpu'] / elapsed:.0%} of one core, "
          f"{run['server_cpu'] / max(len(everything), 1) * 1e3:.0f} ms per interaction); whole machine "
          f"{run['machine_cpu']:.0f} of {elapsed * cores:.0f} core-seconds (Chromium, this script and anything else)")
    verdict = "met" if memory["peak"] <= TARGET_MB * 1e6 else "MISSED"
    print(f"server RSS: idle {mb(memory['idle'])}, peak {mb(memory['peak'])} (VmHWM; highest sample "
          f"{mb(memory['sampled'])}), end {mb(memory['end'])}; target at most {TARGET_MB} MB: {verdict}")
    print(f"errors: {len(errors)}")
    for line in errors[:20]:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--cycles", type=int, default=1)
    parser.add_argument("--warm", type=int, default=300, help="distinct configurations opened before measuring")
    parser.add_argument("--verbose", action="store_true", help="print every interaction as it is drawn")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set in the server's environment, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=true")
    args = parser.parse_args()

    proc, url = start_server(dict(item.split("=", 1) for item in args.env))
    log = LogReader(proc.stdout)
    log.start()
    sampler = MemorySampler(proc.pid)
    sampler.start()
    memory = {"idle": proc_status(proc.pid, "VmRSS")}
    stats = Stats()
    phases: dict = {}
    try:
        run = asyncio.run(drive(url, proc.pid, args, stats, phases))
        time.sleep(2.0)
        memory.update(end=proc_status(proc.pid, "VmRSS"), peak=proc_status(proc.pid, "VmHWM"))
    finally:
        sampler.stop.set()
        proc.terminate()
        try:
            proc.wait(10)
        except Exception:
            proc.kill()
    log.join(5)
    memory["sampled"] = max(sampler.samples)
    errors = stats.errors + [f"server log: {line}" for line in log.errors]
    report(args, url, run, stats, memory, errors, phases)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
