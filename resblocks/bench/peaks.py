"""The GPU peak datasheet: dense TFLOP/s per number format, and the peak a run is compared with."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class GpuPeak:
    """Dense peak TFLOP/s of one GPU per number format (None where it has no such unit)."""

    gpu: str
    pattern: str  # regular expression on torch.cuda.get_device_name()
    fp32: float  # FP32 on the CUDA cores (no tensor cores)
    tf32: float | None  # TF32 tensor cores
    fp16: float | None  # FP16 tensor cores
    bf16: float | None  # BF16 tensor cores
    source: str


# Vendor figures, dense (without structured sparsity). Where a datasheet prints tensor-core figures
# "with sparsity" only, they are halved here, as its footnote says. The A10G is left out: NVIDIA
# publishes no datasheet for it.
_HALVED = "tensor-core figures printed with sparsity, halved here for dense"
GPU_PEAKS: tuple[GpuPeak, ...] = (
    GpuPeak("NVIDIA H100 SXM5", r"\bH100\b.*\b(SXM|HBM3)\b", 67.0, 989 / 2, 1979 / 2, 1979 / 2,
            f"NVIDIA H100 Tensor Core GPU datasheet, H100 SXM column ({_HALVED})"),
    GpuPeak("NVIDIA H100 PCIe", r"\bH100\b.*\bPCIe\b", 51.0, 756 / 2, 1513 / 2, 1513 / 2,
            f"NVIDIA H100 Tensor Core GPU datasheet, H100 PCIe column ({_HALVED})"),
    GpuPeak("NVIDIA H200 SXM", r"\bH200\b(?!.*\bNVL\b)", 67.0, 989 / 2, 1979 / 2, 1979 / 2,
            f"NVIDIA H200 Tensor Core GPU datasheet, H200 SXM column ({_HALVED})"),
    GpuPeak("NVIDIA A100 (SXM4, PCIe)", r"\bA100\b", 19.5, 156.0, 312.0, 312.0,
            "NVIDIA A100 Tensor Core GPU datasheet (dense figures)"),
    GpuPeak("NVIDIA A10", r"\bA10$", 31.2, 62.5, 125.0, 125.0, "NVIDIA A10 Tensor Core GPU datasheet (dense figures)"),
    GpuPeak("NVIDIA L4", r"\bL4$", 30.3, 120 / 2, 242 / 2, 242 / 2, f"NVIDIA L4 Tensor Core GPU datasheet ({_HALVED})"),
    GpuPeak("NVIDIA T4", r"\bT4$", 8.1, None, 65.0, None,
            "NVIDIA T4 Tensor Core GPU datasheet (FP16 is the mixed-precision tensor-core peak; Turing has no TF32 or BF16)"),
    GpuPeak("NVIDIA V100 SXM2", r"\bV100-SXM2\b", 15.7, None, 125.0, None,
            "NVIDIA Tesla V100 GPU datasheet, SXM2 column (FP16 is the tensor-core peak)"),
    GpuPeak("NVIDIA V100 PCIe", r"\bV100-PCIE\b", 14.0, None, 112.0, None,
            "NVIDIA Tesla V100 GPU datasheet, PCIe column (FP16 is the tensor-core peak)"),
    GpuPeak("NVIDIA GeForce RTX 3090", r"\bRTX 3090$", 35.6, 35.6, 71.0, 71.0,
            "NVIDIA Ampere GA102 GPU architecture whitepaper, appendix A (dense tensor figures with FP32 accumulate)"),
    GpuPeak("NVIDIA GeForce RTX 4090", r"\bRTX 4090$", 82.6, 82.6, 165.2, 165.2,
            "NVIDIA Ada GPU architecture whitepaper (dense tensor figures with FP32 accumulate)"),
)


@dataclass(frozen=True)
class Peak:
    """The peak a run is compared with, and why that one."""

    gpu: str
    tflops: float
    unit: str  # "TF32 tensor cores", "BF16 tensor cores", ...
    source: str

    def as_dict(self) -> dict:
        return asdict(self)


def find_gpu(device_name: str) -> GpuPeak | None:
    """The table entry whose pattern matches the CUDA device name, if any."""
    if not isinstance(device_name, str):
        raise TypeError(f"device_name must be text such as 'NVIDIA A100-SXM4-40GB', not {type(device_name).__name__}")
    for entry in GPU_PEAKS:
        if re.search(entry.pattern, device_name.strip(), flags=re.IGNORECASE):
            return entry
    return None


def peak_for(device_name: str, dtype: str, tf32: bool = True) -> Peak | None:
    """The dense peak for ``dtype`` on a known GPU; float32 uses TF32 tensor cores when cuDNN may (``tf32``)."""
    if dtype not in ("float32", "float16", "bfloat16"):
        raise ValueError(f"dtype {dtype!r} has no peak figure; choose float32, float16 or bfloat16")
    entry = find_gpu(device_name)
    if entry is None:
        return None
    if dtype == "float32":
        if tf32 and entry.tf32 is not None:
            return Peak(entry.gpu, entry.tf32, "TF32 tensor cores (cuDNN may run float32 convolutions in TF32)",
                        entry.source)
        return Peak(entry.gpu, entry.fp32, "FP32 CUDA cores", entry.source)
    value = entry.fp16 if dtype == "float16" else entry.bf16
    if value is None:
        return None
    return Peak(entry.gpu, value, f"{'FP16' if dtype == 'float16' else 'BF16'} tensor cores", entry.source)
