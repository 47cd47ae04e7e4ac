"""What the browser tests and the benchmarks share: a Streamlit server of the app on a free loopback
port, and the flags for Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(extra_env: dict[str, str] | None = None, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """The app on ``port`` (a free loopback port if None), once it answers its health check."""
    port = port or free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
         "--server.fileWatcherType=none", f"--server.port={port}", "--server.address=127.0.0.1",
         "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not become healthy: {proc.stdout.read().decode()[-2000:]}")


# The sidebar's groups slider (a select slider holding the width, else a plain one): a range input either way.
SLIDER = ".st-key-groups input[type=range]"

# The graph page's drawings: SVG laid out on the server by Graphviz, inline in the page (views/graph.py, a held
# view: the g shown's alone is in the page). GRAPH_IMAGES selects them, GRAPH_SVGS evaluates to their SVG text,
# GRAPH_SHOWS to whether one of them contains its argument.
GRAPH_IMAGES = "[data-testid='stMain'] .held-graph figure > svg"
GRAPH_SVGS = f"""() => [...document.querySelectorAll("{GRAPH_IMAGES}")].map(svg => svg.outerHTML)"""
GRAPH_SHOWS = f"text => ({GRAPH_SVGS})().some(svg => svg.includes(text))"
