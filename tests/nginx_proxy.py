"""The shipped nginx configuration (deploy/nginx/) made runnable by a test: its own loopback ports, folder and log.

The site file is used as it is, with only its `listen` and upstream `server` lines pointed at the test's ports;
a small main file around it keeps every path nginx writes (pid, logs, temporary files) in the test's folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "resblock-explorer.conf"
UPSTREAM_SERVER = re.compile(r"^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;\n", re.M)
# Each request: its route key | the upstream servers tried, in order | status | request line.
LOG_FORMAT = "'$explorer_route|$upstream_addr|$status|$request'"


def nginx() -> str:
    """The nginx program, or a failed test that says how to install it."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # /usr/sbin: not on every PATH
    if found is None:
        pytest.fail("Debian's nginx is missing: run `make test` as root, or apt-get install nginx")
    return found


def site(upstream_ports: list[int], listen_port: int) -> str:
    """deploy/nginx/resblock-explorer.conf with its upstream servers and its listening port replaced."""
    text = SITE.read_text()
    shipped = list(UPSTREAM_SERVER.finditer(text))
    assert shipped, f"{SITE} has no `server 127.0.0.1:PORT` lines in its upstream"
    indent, options = shipped[0].group(1), shipped[0].group(2) or ""
    ours = "".join(f"{indent}server 127.0.0.1:{port}{options};\n" for port in upstream_ports)
    text = text[: shipped[0].start()] + ours + text[shipped[-1].end():]
    text, listens = re.subn(r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{listen_port};", text, flags=re.M)
    assert listens == 1, f"{SITE} should listen on port 80 once"
    return text


def write_conf(folder: Path, upstream_ports: list[int], listen_port: int) -> Path:
    """A main configuration in ``folder`` that includes the site; returns its path. Access log: folder/access.log;
    the site's cache of Streamlit's static files: folder/static-cache."""
    text, caches = re.subn(r"proxy_cache_path /var/lib/nginx/resblock-explorer-static ",
                           f"proxy_cache_path {folder / 'static-cache'} ", site(upstream_ports, listen_port))
    assert caches == 1, f"{SITE} should keep Streamlit's static files in /var/lib/nginx/resblock-explorer-static"
    (folder / "site.conf").write_text(text)
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would switch to `nobody`, who cannot enter the test's folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(f"""{user}worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    log_format sticky {LOG_FORMAT};
    access_log {folder / "access.log"} sticky;
{temp}
    include {folder / "site.conf"};
}}
""")
    return main


def command(conf: Path, *args: str) -> list[str]:
    """nginx run on ``conf``, with its startup error log in the same folder (not /var/log/nginx)."""
    return [nginx(), "-c", str(conf), "-p", str(conf.parent), "-e", str(conf.parent / "error.log"), *args]


def check(conf: Path) -> subprocess.CompletedProcess:
    """`nginx -t`: parse and check the configuration, start nothing."""
    return subprocess.run(command(conf, "-t"), capture_output=True, text=True, timeout=30)


def start(conf: Path) -> subprocess.Popen:
    """nginx in the foreground (the caller stops it)."""
    return subprocess.Popen(command(conf, "-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
