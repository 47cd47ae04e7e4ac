"""Several app servers behind real nginx (deploy/nginx/resblock-explorer.conf) on loopback.

Ten browser sessions stay on the server nginx gave them while they change controls; then one server stops, and
its sessions reconnect through nginx to another and show the view their address describes. Prints the latency
through nginx (p95) and each server's memory: figures, never pass/fail. Waits are for content, generous enough
for a loaded 2-core machine.
"""

from __future__ import annotations

import base64
import math
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks.load import LogReader, proc_status
from harness.browser import GRAPH_SHOWS, free_port, start_server
from tests import nginx_proxy

from .conftest import settle
from .test_app_browser import press_slider, slider_value

REPLICAS = 3
# One resnext view per session (groups), each drawn by the graph page; every session then raises groups.
START_GROUPS = (2, 3, 4, 5, 6, 8, 10, 12, 16, 24)
WAIT_MS = 120_000
COOKIE = "explorer_route"
# The page's connection to its server, as Streamlit marks it on the app's root element, recorded on every change.
WATCH_CONNECTION = """
window.__states = [];
new MutationObserver(records => records.forEach(r => window.__states.push([r.target.getAttribute(r.attributeName), Date.now()])))
  .observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-connection-state']});
"""
RECONNECTED = """() => window.__states.some(([state]) => state !== 'CONNECTED')
  && document.querySelector("[data-testid='stApp']")?.getAttribute('data-test-connection-state') === 'CONNECTED'"""


@dataclass
class Replica:
    proc: subprocess.Popen
    port: int
    log: LogReader
    rss_started: int = 0


@dataclass
class Reader:
    """One browser session: its own context (so its own cookie), page and the groups its address names."""

    number: int
    context: object
    page: object
    groups: int
    opened_s: float = 0.0  # seconds from the start of the ten opens to this session's view drawn
    changes: list[float] = field(default_factory=list)  # seconds from a control change to the new view drawn

    @property
    def route(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == COOKIE)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[list[Replica], str, Path]]:
    """REPLICAS app servers and nginx in front of them; everything is stopped however the test ends."""
    replicas: list[Replica] = []
    proxy = None
    try:
        # Started side by side; every server that did start is kept for the clean-up, even if another failed.
        with ThreadPoolExecutor(REPLICAS) as pool:
            starts = [pool.submit(start_server) for _ in range(REPLICAS)]
        for start in starts:
            if start.exception() is None:
                proc, url = start.result()
                replica = Replica(proc, int(url.rsplit(":", 1)[1]), LogReader(proc.stdout))
                replica.log.start()
                replica.rss_started = proc_status(proc.pid, "VmRSS")
                replicas.append(replica)
        for start in starts:
            start.result()  # raises the first failure
        listen = free_port()
        proxy = nginx_proxy.start(nginx_proxy.write_conf(tmp_path, [r.port for r in replicas], listen))
        url = f"http://127.0.0.1:{listen}"
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:
                    assert answer.read().decode().strip() == "ok"
                    break
            except OSError:
                if proxy.poll() is not None or time.time() > deadline:
                    pytest.fail(f"nginx did not answer on {url}: {proxy.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        yield replicas, url, tmp_path / "access.log"
    finally:
        if proxy is not None:
            _stop(proxy)
        for replica in replicas:
            _stop(replica.proc)


def websocket_extensions(url: str) -> str:
    """The extensions the app's websocket agrees to, asked through ``url`` as a browser asks (permessage-deflate)."""
    host, port = url.removeprefix("http://").split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
               "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            assert chunk, f"the websocket handshake through {url} was cut off: {head!r}"
            head += chunk
    status, *headers = head.split(b"\r\n\r\n")[0].decode().split("\r\n")
    assert " 101 " in status, f"the websocket handshake through {url} answered {status}"
    fields = dict(h.split(": ", 1) for h in headers)
    return next((v for k, v in fields.items() if k.lower() == "sec-websocket-extensions"), "")


def access_log_entries(access_log: Path, since: int = 0) -> list[tuple[str, str, int, str]]:
    """(route key, upstream that answered, status, request) for each request nginx logged from byte ``since``.
    nginx logs a request when it ends: a websocket (status 101) when it closes, long after it opened."""
    entries = []
    with access_log.open() as log:
        log.seek(since)
        for line in log:
            route, upstreams, status, request = line.rstrip("\n").split("|", 3)
            entries.append((route, upstreams.split(", ")[-1], int(status), request))
    return entries


def served_by(entries: list[tuple[str, str, int, str]]) -> dict[str, set[str]]:
    """Route key → the servers that answered its HTTP requests (websockets left out: see access_log_entries)."""
    routes: dict[str, set[str]] = {}
    for route, upstream, status, _request in entries:
        if status != 101 and upstream not in ("", "-"):
            routes.setdefault(route, set()).add(upstream)
    return routes


def expect_view(page, groups: int) -> None:
    """The page shows the resnext block with ``groups`` groups, and its address says so."""
    page.wait_for_url(re.compile(rf"[?&]groups={groups}(&|$)"), timeout=WAIT_MS)
    page.wait_for_function(GRAPH_SHOWS, arg=f"3×3 conv, g={groups}, ", timeout=WAIT_MS)
    settle(page, WAIT_MS)
    assert slider_value(page, "groups") == groups
    assert page.locator("[data-testid='stException']").count() == 0


def raise_groups(reader: Reader) -> None:
    """Move the groups slider one step right and wait for the new view; record the time it took."""
    start = time.perf_counter()
    press_slider(reader.page, "groups", "ArrowRight")
    reader.groups += 1
    expect_view(reader.page, reader.groups)
    reader.changes.append(time.perf_counter() - start)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def test_sticky_sessions_and_failover_through_nginx(cluster, browser):
    replicas, url, access_log = cluster
    by_port = {f"127.0.0.1:{r.port}": r for r in replicas}
    # The websocket is compressed end to end (server.enableWebsocketCompression; nginx passes it through).
    assert "permessage-deflate" in websocket_extensions(url)
    readers: list[Reader] = []
    began = time.perf_counter()
    try:
        for number, groups in enumerate(START_GROUPS):
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.add_init_script(WATCH_CONNECTION)
            page = context.new_page()
            page.set_default_timeout(WAIT_MS)
            readers.append(Reader(number, context, page, groups))
        # All ten open at once, so the servers' first runs (imports, caches) share both cores.
        for reader in readers:
            reader.page.goto(f"{url}/graph?block=resnext&groups={reader.groups}&hold=d", wait_until="commit")
        for reader in readers:
            expect_view(reader.page, reader.groups)
            reader.opened_s = time.perf_counter() - began
        opened = time.perf_counter()
        for reader in readers:
            raise_groups(reader)

        # Sticky: every request of a session went to one server.
        before = served_by(access_log_entries(access_log))
        home = {}
        for reader in readers:
            servers = before.get(reader.route, set())
            assert len(servers) == 1, f"session {reader.number} was served by {servers}"
            (home[reader.number],) = servers
        rss_sessions = {port: proc_status(r.proc.pid, "VmRSS") for port, r in by_port.items()}

        # Stop the server with the most sessions.
        counts = {port: sum(1 for h in home.values() if h == port) for port in by_port}
        victim_port = max(counts, key=counts.get)
        movers = [r for r in readers if home[r.number] == victim_port]
        stayers = [r for r in readers if home[r.number] != victim_port]
        for reader in readers:
            reader.page.evaluate("window.__states = []")
        mark = access_log.stat().st_size
        stopped_at, stopped_ms = time.perf_counter(), time.time() * 1e3
        by_port[victim_port].proc.kill()
        by_port[victim_port].proc.wait(10)

        reconnect_s = []
        for reader in movers:
            # The page notices, reconnects through nginx, and still shows the view of its address.
            reader.page.wait_for_function(RECONNECTED, timeout=WAIT_MS)
            states = reader.page.evaluate("window.__states")
            reconnect_s.append((states[-1][1] - stopped_ms) / 1e3)
            expect_view(reader.page, reader.groups)
            # Its new server runs it from there: one step up, then a reload draws the same view from the address.
            raise_groups(reader)
            reader.page.reload()
            expect_view(reader.page, reader.groups)
        for reader in stayers:
            raise_groups(reader)
            assert reader.page.evaluate("window.__states") == [], f"session {reader.number} lost its server"
            # A change of g is websocket traffic alone (the graph page has no media files): a reload asks over HTTP,
            # which the log below must find at the session's own server.
            reader.page.reload()
            expect_view(reader.page, reader.groups)

        moved = time.perf_counter()
        after = served_by(access_log_entries(access_log, mark))
        for reader in readers:
            servers = after.get(reader.route, set())
            assert len(servers) == 1, f"session {reader.number} was served by {servers} after the stop"
            (server,) = servers
            if reader in movers:
                assert server != victim_port, f"session {reader.number} is still sent to the stopped server"
            else:
                assert server == home[reader.number], f"session {reader.number} moved from {home[reader.number]} to {server}"

        # Every request reached a server that could answer it: a media file is kept by the server that made it.
        # Streamlit's page asks /graph/_stcore/health before /_stcore/health: 404s.
        failed = [e for e in access_log_entries(access_log) if e[2] >= 500 or (e[2] == 404 and "/media/" in e[3])]
        assert failed == [], f"nginx answered {failed[:5]}"
        errors = [f"{port}: {line}" for port, r in by_port.items() if port != victim_port for line in r.log.errors]
        assert errors == [], f"the servers logged errors: {errors[:5]}"
    finally:
        for reader in readers:
            reader.context.close()

    changes = [t for r in readers for t in r.changes]
    print(f"\n{len(readers)} sessions through nginx over {REPLICAS} servers, 0 errors: {len(changes)} control changes, "
          f"p50 {sorted(changes)[len(changes) // 2] * 1e3:.0f} ms, p95 {p95(changes) * 1e3:.0f} ms, "
          f"max {max(changes) * 1e3:.0f} ms (change to new view drawn); opened at once, the last drawn after "
          f"{max(r.opened_s for r in readers):.0f} s")
    for port, replica in by_port.items():
        peak = proc_status(replica.proc.pid, "VmHWM") if replica.proc.poll() is None else None
        print(f"  server {port}: {counts[port]} sessions; RSS started {replica.rss_started / 1e6:.0f} MB, "
              f"with its sessions {rss_sessions[port] / 1e6:.0f} MB"
              + (f", peak {peak / 1e6:.0f} MB" if peak else " (stopped)"))
    print(f"  stopped {victim_port}: its {len(movers)} sessions reconnected through nginx after "
          f"{', '.join(f'{s:.1f}' for s in reconnect_s)} s (the page's own clock) and showed their address's view")
    print(f"  times: {opened - began:.0f} s to open the sessions, {stopped_at - opened:.0f} s of changes, "
          f"{moved - stopped_at:.0f} s from the stop to every session's next view")


def test_nginx_serves_streamlits_static_files_from_its_cache(cluster):
    """Streamlit's hashed scripts come from nginx's cache after the first request: the app servers send each
    file once, not once per new reader (deploy/nginx/resblock-explorer.conf, location /static/)."""
    _, url, log = cluster
    with urllib.request.urlopen(f"{url}/", timeout=30) as answer:
        script = re.search(r'src="(?:\./)?(static/js/[^"]+\.js)"', answer.read().decode()).group(1)
    statuses, bodies = [], set()
    for _ in range(3):
        with urllib.request.urlopen(f"{url}/{script}", timeout=30) as answer:
            bodies.add(answer.read())
            statuses.append(answer.headers["X-Cache-Status"])
    assert statuses == ["MISS", "HIT", "HIT"] and len(bodies) == 1
    upstreams = [line.split("|")[1] for line in log.read_text().splitlines() if script in line]
    assert len(upstreams) == 3 and upstreams[0].startswith("127.0.0.1:") and upstreams[1:] == ["-", "-"], upstreams
