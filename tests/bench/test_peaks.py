"""The GPU peak datasheet: device names map to their vendor entry, and the peak depends on the number format."""

import pytest

from resblocks import bench


@pytest.mark.parametrize(
    "name,gpu",
    [
        ("NVIDIA H100 80GB HBM3", "NVIDIA H100 SXM5"),
        ("NVIDIA H100 PCIe", "NVIDIA H100 PCIe"),
        ("NVIDIA H100 NVL", None),
        ("NVIDIA H200", "NVIDIA H200 SXM"),
        ("NVIDIA H200 NVL", None),
        ("NVIDIA A100-SXM4-80GB", "NVIDIA A100 (SXM4, PCIe)"),
        ("NVIDIA A100 80GB PCIe", "NVIDIA A100 (SXM4, PCIe)"),
        ("NVIDIA A10", "NVIDIA A10"),
        ("NVIDIA A10G", None),
        ("NVIDIA L4", "NVIDIA L4"),
        ("NVIDIA L40S", None),
        ("Tesla T4", "NVIDIA T4"),
        ("Tesla V100-SXM2-16GB", "NVIDIA V100 SXM2"),
        ("Tesla V100S-PCIE-32GB", None),
        ("NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4090"),
        ("NVIDIA GeForce RTX 3090 Ti", None),
    ],
)
def test_gpu_names_map_to_their_datasheet_entry(name, gpu):
    entry = bench.find_gpu(name)
    assert (entry.gpu if entry else None) == gpu


def test_peak_depends_on_dtype_and_tf32():
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "float32", tf32=True).tflops == 156  # A100 datasheet, TF32
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "float32", tf32=False).tflops == 19.5
    assert bench.peak_for("NVIDIA A100-SXM4-40GB", "bfloat16").tflops == 312
    assert bench.peak_for("NVIDIA H100 80GB HBM3", "float16").tflops == pytest.approx(989.5)  # 1,979 with sparsity
    assert bench.peak_for("Tesla T4", "bfloat16") is None  # Turing has no BF16
    assert bench.peak_for("Tesla T4", "float32").tflops == 8.1  # no TF32 either
    assert bench.peak_for("Some Future GPU", "float32") is None
    assert all(e.source.startswith("NVIDIA") for e in bench.GPU_PEAKS)


def test_bad_arguments_name_the_fix():
    with pytest.raises(TypeError, match="device_name must be text"):
        bench.find_gpu(None)
    with pytest.raises(ValueError, match="choose float32, float16 or bfloat16"):
        bench.peak_for("NVIDIA A10", "int8")
