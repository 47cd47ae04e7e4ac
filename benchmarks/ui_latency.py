"""Browser latency of the app against the framework's own floor (issue: graph page interaction within 1.5×
the floor, cold first render within 2×). Starts servers on loopback, drives Debian's Chromium with
Playwright and prints figures; never part of the test pass/fail.

    .venv/bin/python benchmarks/ui_latency.py [--changes 20] [--pages graph,overview,...]

Cold: a fresh browser context opens the page until the app's first full run has been drawn.
Warm: the groups slider is moved one step (arrow key) until the rerun has been drawn; median of N changes.
"reran": what the server ran for a change: "parts" (only the parts that depend on g: controls.groups_changed),
"app" (the whole app), "mixed" (some changes one, some another) or "none": the page answered it in the browser
(controls.ANSWERED_IN_BROWSER), and no run came within NO_RUN_S of the key press; the change then ends at the page's
last change all the same.
"kB per change": what the server sent over the page's websocket for one change (median), the run's deltas.
The floor is a one-slider Streamlit app measured the same way in the same run; "shell" is the app's shared
sidebar (every control, the share link) above an empty page, which every page pays before its own work. "Server" is the part of a
warm change between the server starting the run (new_session) and finishing it (script_finished); the
rest is the browser drawing what the run sent, plus the round trips.

"Drawn" means: the server's script_finished message has arrived on the session's websocket, the page shows
data-test-script-state=notRunning, no HTTP request of the page is in flight (the frontend fetches an
element's code the first time it draws one) and the page has then not changed for QUIET_MS; the
interaction ends at the page's last change (a MutationObserver's clock). The script-state attribute alone is not enough: when a
run is fast the frontend handles "running" and "finished" in one task, React batches them and the
attribute never changes (a wait for running → notRunning then waits forever); and the websocket message
alone comes before the frontend has drawn what the run sent.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from harness.browser import CHROMIUM, CHROMIUM_FLAGS, SLIDER, free_port  # noqa: E402

FLOOR_APP = """
import streamlit as st
value = st.sidebar.slider("groups", 1, 128, 32, key="groups", bind="query-params")
st.write(f"value {value}")
"""
# The app's own shell: the shared sidebar controls, the notes on the link and the share link, a title and one
# line that depends on g, drawn at every g the control reaches (a held view, as the sidebar's summary; a page that
# draws nothing that depends on g reruns whole on a groups change): what every page of the app costs for a groups
# change before it draws anything of its own.
SHELL_APP = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from explorer import controls, links
from explorer.components import held_view as held
from explorer.components.held_view import captions, held_view
st.set_page_config(page_title="shell", layout="wide")
from pathlib import Path
# As app.py: a Path (a str would be drawn as text), so that the address fires resblocks:address.
st.html(Path({str(ROOT / "assets" / "history.html")!r}), unsafe_allow_javascript=True)
held.code()  # the held views' code, once per page, as app.py
view = controls.sidebar("shell")
st.title("Shell")
if view.cfg is not None:
    held_view("shell_line", controls.at_every_g(lambda cfg: captions([cfg.label]), view), view.cfg.groups)
links.finish(view)
"""
QUIET_MS = 250
# Installed before every page load: the time of the page's last DOM change, on the page's clock; and, from each key
# press, the time of the first change inside a held view (explorer/components/held_view.py: the sidebar's width note
# is one on every page), which the browser makes itself as the address changes, before the server answers.
WATCH_CHANGES = """(() => {
  window.__lastChange = performance.now();
  window.__pressAt = null;
  window.__heldAt = null;
  document.addEventListener("keydown", () => { window.__pressAt = performance.now(); window.__heldAt = null; }, true);
  const held = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".held");
  new MutationObserver((records) => {
    window.__lastChange = performance.now();
    if (window.__pressAt !== null && window.__heldAt === null && records.some((r) => held(r.target)))
      window.__heldAt = performance.now();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();"""
HELD_MS = "() => (window.__heldAt === null || window.__pressAt === null) ? null : window.__heldAt - window.__pressAt"
# Resolves, as Unix time in ms, to the page's last change once the app is not running and the page has
# been still for `quiet` ms; rejects when that has not happened within `limit` ms.
DRAWN = """([quiet, limit]) => new Promise((resolve, reject) => {
  const begin = performance.now();
  const check = () => {
    const now = performance.now();
    const app = document.querySelector("[data-testid='stApp']");
    const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
    if (idle && now - window.__lastChange >= quiet) resolve(performance.timeOrigin + window.__lastChange);
    else if (now - begin > limit) reject(new Error(`the page did not settle within ${limit} ms`));
    else setTimeout(check, 10);
  };
  check();
})"""
TIMEOUT_MS = 120_000
NO_RUN_S = 2.0  # a run for a change starts within a few ms of the key press (the server's run takes 0.1 s)
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def run_finished(payload: bytes | str) -> bool:
    """Whether a websocket frame is the server's "script finished" (not "stopped early for a rerun")."""
    if not isinstance(payload, bytes) or len(payload) > 1024:  # the message is a few bytes; deltas are larger
        return False
    msg = ForwardMsg.FromString(payload)
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE


def start(script: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true", "--server.fileWatcherType=none",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{script} did not start")


class PageWatch:
    """Listens to one page: the server's runs on every websocket the page opens (from the first frame),
    and its HTTP requests in flight (the frontend loads an element's code the first time the element is
    drawn, so the page can be still while it waits for a file). Subclasses say what a run means to them."""

    def __init__(self, page) -> None:
        self.page = page
        self.in_flight = 0
        self.started = 0.0  # time.time() of the server's last new_session message
        self.received = 0  # bytes of every websocket frame the server has sent this page
        page.on("websocket", self._attach)
        page.on("request", lambda _: self._count(1))
        page.on("requestfinished", lambda _: self._count(-1))
        page.on("requestfailed", lambda _: self._count(-1))

    def _count(self, change: int) -> None:
        self.in_flight += change

    def _attach(self, ws) -> None:
        if ws.url.endswith("/_stcore/stream"):
            ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        self.received += len(payload)
        if not isinstance(payload, bytes) or len(payload) > 4096:  # both messages are small; deltas are larger
            return
        kind = ForwardMsg.FromString(payload).WhichOneof("type")
        if kind == "new_session":
            self.started = time.time()
        elif run_finished(payload):
            self.on_run_finished(time.time() - self.started)

    def on_run_finished(self, server_s: float) -> None:
        """A run finished; ``server_s`` from the server's new_session to its script_finished."""


class Activity(PageWatch):
    """What a page is waiting for: the runs the server finished for it and its requests in flight."""

    def __init__(self, page) -> None:
        super().__init__(page)
        self.finished = 0
        self.server_s: list[float] = []  # per finished run
        self.kinds: list[int] = []  # per finished run: the whole app, or fragments only

    def on_run_finished(self, server_s: float) -> None:
        self.finished += 1
        self.server_s.append(server_s)

    def _frame(self, payload: bytes | str) -> None:
        super()._frame(payload)
        if run_finished(payload):
            self.kinds.append(ForwardMsg.FromString(payload).script_finished)

    def _until(self, condition, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_MS / 1e3
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} within {TIMEOUT_MS / 1e3:.0f} s")
            self.page.wait_for_timeout(5)  # Playwright delivers events while it waits

    def wait_run(self, seen: int) -> None:
        """Wait until more than ``seen`` runs have finished."""
        self._until(lambda: self.finished > seen, "no run finished")

    def wait_answer(self, seen: int) -> None:
        """Wait until more than ``seen`` runs have finished, or NO_RUN_S have passed with none (a page that
        answers a change of g in the browser)."""
        deadline = time.monotonic() + NO_RUN_S
        while self.finished <= seen and time.monotonic() < deadline:
            self.page.wait_for_timeout(5)

    def drawn(self) -> float:
        """Unix time of the page's last change, once the run has finished, no request is in flight and the
        page has been still for QUIET_MS."""
        while True:
            last = self.page.evaluate(DRAWN, [QUIET_MS, TIMEOUT_MS]) / 1e3
            if self.in_flight <= 0:
                return last
            self._until(lambda: self.in_flight <= 0, "requests still in flight")


def open_page(browser, url: str):
    """A fresh context on ``url``, once its first full run has been drawn; returns (context, page, activity, seconds)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WATCH_CHANGES)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    activity = Activity(page)
    t0 = time.time()
    page.goto(url)
    activity.wait_run(0)
    return context, page, activity, activity.drawn() - t0


def cold(browser, url: str) -> float:
    context, _, _, elapsed = open_page(browser, url)
    context.close()
    return elapsed


def warm(browser, url: str, changes: int) -> tuple[list[float], list[float], list[int], str, list[float]]:
    """Seconds from each change until drawn, the seconds of it that the server ran the script, the bytes
    the server sent over the websocket for it, what ran ("parts": fragments only, "app", "none" or "mixed"), and the
    milliseconds from each key press to the first change of a held view (none where the page has none)."""
    context, page, activity, _ = open_page(browser, url)
    activity.server_s.clear()
    activity.kinds.clear()
    slider = page.locator(SLIDER)
    times, sent, held = [], [], []
    unanswered = 0  # changes that no run followed
    for i in range(changes):
        slider.focus()
        seen, before = activity.finished, activity.received
        t0 = time.time()
        slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        activity.wait_answer(seen)
        unanswered += activity.finished == seen
        times.append(activity.drawn() - t0)
        sent.append(activity.received - before)
        if (shown := page.evaluate(HELD_MS)) is not None:
            held.append(shown)
    context.close()
    kinds = {"parts" if kind == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY else "app" for kind in activity.kinds}
    if unanswered:
        kinds.add("none")
    ran = kinds.pop() if len(kinds) == 1 else "mixed"
    return times, activity.server_s, sent, ran, held


COLUMNS = (f"{'page':<10} {'cold (s)':>9} {'× floor':>8} {'warm median (ms)':>17} {'p90 (ms)':>9} {'× floor':>8}"
           f" {'server median (ms)':>19} {'kB per change':>14} {'reran':>6} {'held shown (ms)':>16}"
           f"  targets (cold ≤ 2×, warm ≤ 1.5×)")


def row(name: str, cold_s: float, times: list[float], server: list[float], sent: list[int], ran: str,
        held: list[float], floor: tuple[float, float] | None) -> str:
    """One line of the table; ``floor`` is the floor's (cold, warm), or None for the floor itself."""
    w = sorted(times)
    med = statistics.median(w)
    fc, fw = floor or (cold_s, med)
    met = "" if floor is None else "  " + ", ".join(
        f"{what} {'met' if ratio <= limit else 'NOT met'}"
        for what, ratio, limit in (("cold", cold_s / fc, 2.0), ("warm", med / fw, 1.5)))
    shown = f"{statistics.median(held):.1f}" if held else "-"
    ran_ms = f"{statistics.median(server) * 1e3:.1f}" if server else "-"  # no run at all: the browser answered
    return (f"{name:<10} {cold_s:9.3f} {cold_s / fc:8.2f} {med * 1e3:17.1f} {w[int(0.9 * len(w))] * 1e3:9.1f}"
            f" {med / fw:8.2f} {ran_ms:>19} {statistics.median(sent) / 1e3:14.1f} {ran:>6}"
            f" {shown:>16}{met}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--pages", default="overview,graph,split,budget,run,why")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        floor_script, shell_script = Path(tmp) / "floor.py", Path(tmp) / "shell.py"
        floor_script.write_text(FLOOR_APP)
        shell_script.write_text(SHELL_APP)
        floor_proc, floor_url = start(floor_script)
        shell_proc, shell_url = start(shell_script)
        app_proc, app_url = start(ROOT / "app.py")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                cold(browser, f"{app_url}/")  # first run of the process: imports torch; not what a reader sees twice
                cold(browser, f"{floor_url}/")
                cold(browser, f"{shell_url}/")
                floor_cold = statistics.median(cold(browser, f"{floor_url}/") for _ in range(3))
                floor_times, floor_server, floor_sent, floor_ran, _ = warm(browser, f"{floor_url}/?groups=32", args.changes)
                floor = (floor_cold, statistics.median(floor_times))
                print(COLUMNS)
                print(row("floor", floor_cold, floor_times, floor_server, floor_sent, floor_ran, [], None), flush=True)
                targets = [("shell", f"{shell_url}/?block=resnext")] + [
                    (name, f"{app_url}/{'' if name == 'overview' else name}?block=resnext") for name in args.pages.split(",")
                ]
                for name, url in targets:
                    c = statistics.median(cold(browser, url) for _ in range(3))
                    times, server, sent, ran, held = warm(browser, url, args.changes)
                    print(row(name, c, times, server, sent, ran, held, floor), flush=True)
                browser.close()
        finally:
            for proc in (floor_proc, shell_proc, app_proc):
                proc.terminate()


if __name__ == "__main__":
    main()
