"""Tiny blocks and fast settings shared by the bench tests."""

from resblocks import BlockConfig, bench

CPU = bench.RunSettings(device="cpu", repeat=3, warmup=1)


def tiny(block: str = "basic", stride: int = 1, **changes) -> BlockConfig:
    values = {"in_channels": 8, "planes": 8, "size": 8, "stride": stride}
    if block == "resnext":
        values.update(planes=64, groups=4, base_width=4)  # d = 4, width 16
    return BlockConfig(block=block, **{**values, **changes})
