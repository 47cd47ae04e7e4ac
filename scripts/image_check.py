#!/usr/bin/env python3
"""The Dockerfile's web-app image, built and started without Docker (`make image-check`; about 2 minutes).

Reads the Dockerfile's `app` stage (with the `base` stage it starts from) and carries out its steps here:
the build context as .dockerignore leaves it, ENV, WORKDIR and COPY into a fresh folder, every `pip` RUN as
written in a clean Python 3.11 virtual environment (the image's python:3.11-slim has no venv; its site-packages
are root's, as this venv is), then the CMD as the image's USER (uid 10001, an unprivileged user with no account
here, HOME in /tmp as in deploy/kubernetes/deployment.yaml), and the HEALTHCHECK command until it succeeds.

What differs from a real build, on purpose:
- the server listens on a free loopback port instead of 0.0.0.0:8501;
- pip runs with PIP_RETRIES=0 and this machine's pip configuration, so PyTorch's page in requirements.txt, which
  cannot be reached from here, fails at once and the same torch file (torch-2.13.0+cpu, Python 3.11, x86_64)
  comes from the wheel on this disk;
- the venv's interpreter is this machine's python3.11 in /usr/bin (or /usr/local/bin), not the image's;
- RUN steps other than pip (apt-get install graphviz, useradd) are not run; graphviz must already be here.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from harness.browser import free_port  # noqa: E402

STAGE = "app"


def instructions(dockerfile: Path) -> dict[str, tuple[str | None, list[tuple[str, str]]]]:
    """Stage name → (the stage it starts FROM if another stage, its instructions as (INSTRUCTION, arguments))."""
    stages: dict[str, tuple[str | None, list[tuple[str, str]]]] = {}
    text = re.sub(r"\\\n", " ", "\n".join(line for line in dockerfile.read_text().splitlines()
                                          if not line.lstrip().startswith("#")))
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        word, _, args = line.strip().partition(" ")
        if word.upper() == "FROM":
            image, _, name = args.partition(" AS ")
            current = []
            stages[name.strip() or image.strip()] = (image.strip() if image.strip() in stages else None, current)
        else:
            current.append((word.upper(), " ".join(args.split())))
    return stages


def steps(stage: str) -> list[tuple[str, str]]:
    parent, own = instructions(ROOT / "Dockerfile")[stage]
    return (steps(parent) if parent else []) + own


def ignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves ``path`` (relative to the context) out: a pattern matches it or a folder above."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        plain = pattern.removeprefix("**/")
        for prefix in prefixes:
            if fnmatch.fnmatchcase(prefix, pattern) or (plain != pattern and fnmatch.fnmatchcase(prefix.split("/")[-1], plain)):
                return True
    return False


def context_files() -> list[str]:
    """The files `docker build .` would send from this checkout: tracked or new, minus .dockerignore."""
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return [f for f in listed if f and (ROOT / f).is_file() and not ignored(f, patterns)]


def copy(files: list[str], src: str, dest: Path) -> int:
    """COPY src dest: one file, a folder's files (src ends with /) or the whole context (.)."""
    src = src.removeprefix("./")
    chosen = [f for f in files if src in ("", ".") or f == src or (src.endswith("/") and f.startswith(src))]
    for f in chosen:
        relative = f[len(src):] if src.endswith("/") else (f if src in ("", ".") else Path(f).name)
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, target)
    return len(chosen)


def as_user(uid: int):
    if os.geteuid() != 0:
        return None

    def drop() -> None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    return drop


def base_python() -> str:
    """The Python version of the Dockerfile's first FROM image (python:3.11-slim → 3.11)."""
    first = re.search(r"^FROM python:(\d+\.\d+)", (ROOT / "Dockerfile").read_text(), re.M)
    assert first, "the Dockerfile should start FROM an official python image"
    return first.group(1)


def image_python() -> str | None:
    """A Python of the image's version that an unprivileged user may run, as the image's /usr/local/bin/python is
    (a venv links to its interpreter, and one under /root cannot be run by anyone else)."""
    for folder in ("/usr/local/bin", "/usr/bin"):
        if (Path(folder) / f"python{base_python()}").exists():
            return str(Path(folder) / f"python{base_python()}")
    return None


def main() -> int:
    python = image_python()
    if python is None:
        print(f"no python{base_python()} (the image's version) in /usr/local/bin or /usr/bin: install it first")
        return 2
    files = context_files()
    os.umask(0o022)  # as in an image build: root owns everything, everyone may read it
    work = Path(tempfile.mkdtemp(prefix="image-check-"))
    os.chmod(work, 0o755)
    venv, home = work / "python", work / "home"
    env = {"PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "VIRTUAL_ENV": str(venv), "PIP_RETRIES": "0",
           "LANG": "C.UTF-8"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_") and k != "PIP_RETRIES"})
    workdir, uid, port, health, cmd = work, 0, 8501, None, None
    server = None
    try:
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        for word, args in steps(STAGE):
            if word == "ENV":
                env.update(dict(re.findall(r"(\w+)=(\S+)", args)))
            elif word == "WORKDIR":
                workdir = work / args.lstrip("/")
                workdir.mkdir(parents=True, exist_ok=True)
            elif word == "COPY":
                *sources, dest = shlex.split(args)
                for src in sources:
                    print(f"COPY {src}: {copy(files, src, workdir / dest)} files")
            elif word == "RUN" and args.startswith("pip "):
                print(f"RUN {args}", flush=True)
                start = time.perf_counter()
                subprocess.run(args, shell=True, cwd=workdir, env=env, check=True)
                print(f"  done in {time.perf_counter() - start:.0f} s")
            elif word == "RUN":
                print(f"not run here: RUN {args[:100]}")
            elif word == "USER":
                uid = int(args)
            elif word == "EXPOSE":
                port = int(args)
            elif word == "HEALTHCHECK":
                health = json.loads(args.split(" CMD ", 1)[1])
            elif word == "CMD":
                cmd = json.loads(args)
        if shutil.which("dot") is None:
            print("note: graphviz's dot is missing here; the image installs it (apt-get), the check does not")
        assert uid != 0 and cmd and health, "the Dockerfile's app stage should set USER, CMD and HEALTHCHECK"

        home.mkdir()
        if os.geteuid() == 0:
            os.chown(home, uid, uid)
        else:
            print(f"note: not root, so the server runs as uid {os.geteuid()}, not {uid}")
        ours = free_port()
        cmd = [c.replace(f"--server.port={port}", f"--server.port={ours}").replace("0.0.0.0", "127.0.0.1") for c in cmd]
        health = [c.replace(f"localhost:{port}", f"127.0.0.1:{ours}") for c in health]
        run_env = {**env, "HOME": str(home)}
        print(f"CMD {' '.join(cmd)}  (as uid {uid}, HOME={home})", flush=True)
        server = subprocess.Popen(cmd, cwd=workdir, env=run_env, preexec_fn=as_user(uid),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 60  # the HEALTHCHECK's start period
        while subprocess.run(health, cwd=workdir, env=run_env, preexec_fn=as_user(uid), capture_output=True).returncode:
            if server.poll() is not None or time.time() > deadline:
                print(f"FAILED: the HEALTHCHECK never passed; the server said:\n{server.stdout.read().decode()[-3000:]}")
                return 1
            time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{ours}/", timeout=10) as page:
            assert page.status == 200 and b"<title>" in page.read(), "the app's page did not load"
        # The first reader's run imports torch and traces blocks: the same as the image's user, from the copied code.
        summary = subprocess.run(["python", "-m", "resblocks", "summary", "--block", "resnext", "--json"], cwd=workdir,
                                 env=run_env, preexec_fn=as_user(uid), capture_output=True, text=True, timeout=300)
        assert summary.returncode == 0 and json.loads(summary.stdout)["params"] > 0, summary.stderr[-2000:]
        print(f"OK: the HEALTHCHECK passed, / answered 200, the library ran as uid {uid} ({venv} holds "
              f"{sum(f.stat().st_size for f in venv.rglob('*') if f.is_file()) / 2**20:,.0f} MiB)")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
