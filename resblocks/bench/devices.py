"""The devices a block can run on, the dtypes that run there, and the provenance of a measurement."""

from __future__ import annotations

import functools
import platform
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import torch
from torch import nn

from .. import units
from ..checks import Message
from ..config import ConfigError

DTYPES: dict[str, torch.dtype] = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


@dataclass(frozen=True)
class DeviceInfo:
    """One device a block can run on."""

    id: str  # "cpu", "cuda:0", "mps": what RunSettings.device takes
    kind: str  # cpu | cuda | mps
    name: str  # "NVIDIA H100 80GB HBM3", "AMD EPYC"
    threads: int  # CPU threads torch uses (intra-op)
    capability: tuple[int, int] | None  # CUDA compute capability
    memory_bytes: int | None  # device memory (CUDA)
    dtypes: tuple[str, ...]  # the dtypes that run here
    dtype_notes: tuple[tuple[str, str], ...] = ()  # (dtype, caveat) pairs

    @property
    def label(self) -> str:
        if self.kind == "cuda":
            cap = f", compute capability {self.capability[0]}.{self.capability[1]}" if self.capability else ""
            mem = f", {units.nbytes(self.memory_bytes)}" if self.memory_bytes else ""
            return f"{self.name} ({self.id}{cap}{mem})"
        if self.kind == "mps":
            return f"Apple GPU via Metal ({self.id})"
        return f"CPU: {self.name} ({self.threads} threads)"

    @property
    def where(self) -> Message:
        """'on the CPU', 'on cuda:0': for sentences."""
        return Message("on the CPU") if self.kind == "cpu" else Message("on {device}", device=self.id)

    def note(self, dtype: str) -> str | None:
        return dict(self.dtype_notes).get(dtype)


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def _dtype_runs(device: str, dtype: torch.dtype) -> bool:
    """Whether a tiny conv + BN runs in ``dtype`` on ``device``."""
    try:
        with torch.inference_mode():
            conv = nn.Conv2d(2, 2, 3, padding=1, groups=2).to(device=device, dtype=dtype)
            bn = nn.BatchNorm2d(2).to(device=device, dtype=dtype).eval()
            bn(conv(torch.ones(1, 2, 4, 4, device=device, dtype=dtype)))
        return True
    except (RuntimeError, TypeError, NotImplementedError):
        return False


_CPU_HALF_NOTE = Message(
    "runs on the CPU, but CPUs without native 16-bit arithmetic (AVX-512 BF16/FP16 or AMX) convert to "
    "float32 inside the kernels, so it is usually slower than float32"
)


@functools.lru_cache(maxsize=1)
def detect_devices() -> tuple[DeviceInfo, ...]:
    """The devices present, best first: CUDA GPUs, then Apple MPS, then the CPU."""
    threads = torch.get_num_threads()
    found: list[DeviceInfo] = []
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            dtypes = ["float32", "float16"]
            if torch.cuda.is_bf16_supported(including_emulation=False):
                dtypes.append("bfloat16")
            found.append(DeviceInfo(f"cuda:{i}", "cuda", props.name, threads, (props.major, props.minor),
                                    props.total_memory, tuple(dtypes)))
    if torch.backends.mps.is_available():
        dtypes = tuple(d for d, t in DTYPES.items() if _dtype_runs("mps", t))
        found.append(DeviceInfo("mps", "mps", "Apple MPS", threads, None, None, dtypes))
    cpu_dtypes = tuple(d for d, t in DTYPES.items() if _dtype_runs("cpu", t))
    notes = tuple((d, _CPU_HALF_NOTE) for d in cpu_dtypes if d != "float32")
    found.append(DeviceInfo("cpu", "cpu", _cpu_name(), threads, None, None, cpu_dtypes, notes))
    return tuple(found)


def resolve_device(device: str | None = None) -> DeviceInfo:
    """The DeviceInfo for ``device`` ("cpu", "cuda", "cuda:1", "mps"); None or "auto" is the best present."""
    if device is not None and not isinstance(device, str):
        raise TypeError(f"device must be text such as 'cpu' or 'auto', not {type(device).__name__}")
    devices = detect_devices()
    if device in (None, "", "auto"):
        return devices[0]
    wanted = "cuda:0" if device == "cuda" else device
    for info in devices:
        if info.id == wanted:
            return info
    raise ConfigError(
        f"device {device[:40]!r} is not available here; choose one of {', '.join(d.id for d in devices)} (or auto)"
    )


def check_dtype(info: DeviceInfo, dtype: str) -> str:
    if dtype not in info.dtypes:
        raise ConfigError(f"dtype {dtype!r} does not run on {info.id}; choose one of {', '.join(info.dtypes)}")
    return dtype


@dataclass(frozen=True)
class Provenance:
    """Where and how a figure was measured."""

    device: str
    device_name: str
    device_kind: str
    capability: str | None
    dtype: str
    channels_last: bool
    threads: int
    torch_version: str
    cuda_version: str | None
    cudnn_version: int | None
    cudnn_benchmark: bool | None  # as set during the run (CUDA only)
    tf32: bool | None  # cuDNN allowed to use TF32 for float32 convolutions
    python_version: str
    platform: str
    date: str  # ISO 8601, UTC

    def as_dict(self) -> dict:
        return asdict(self)


def provenance(info: DeviceInfo, dtype: str, channels_last: bool) -> Provenance:
    """The provenance of a measurement made now, with the process's current cuDNN settings."""
    cuda = info.kind == "cuda"
    return Provenance(
        device=info.id,
        device_name=info.name,
        device_kind=info.kind,
        capability=f"{info.capability[0]}.{info.capability[1]}" if info.capability else None,
        dtype=dtype,
        channels_last=channels_last,
        threads=torch.get_num_threads(),
        torch_version=torch.__version__,
        cuda_version=torch.version.cuda,
        cudnn_version=torch.backends.cudnn.version() if cuda else None,
        cudnn_benchmark=bool(torch.backends.cudnn.benchmark) if cuda else None,
        tf32=bool(torch.backends.cudnn.allow_tf32) if cuda else None,
        python_version=platform.python_version(),
        platform=platform.platform(),
        date=datetime.now(UTC).isoformat(timespec="seconds"),
    )
