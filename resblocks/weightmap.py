"""The grouped 3×3's weights as a C_out × C_in matrix: block-diagonal, g blocks, downsampled to at most
MAX_CELLS² cells for wide convolutions; and a grouped weight written out as the dense weight it equals."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch

from .config import divisors

MAX_CELLS = 256  # the connectivity map's side, in cells, at most


@dataclass(frozen=True)
class ConnectivityMap:
    """Which (output channel, input channel) pairs of a k×k conv hold weights, at most MAX_CELLS² cells.

    ``fraction[i][j]`` is the share of non-zero weights among the pairs of cell (i, j): rows are output
    channels ``row_edges[i]`` .. ``row_edges[i+1] - 1``, columns input channels likewise. Where the
    channels fit (``exact``), each cell is one pair and the fractions are 0 or 1.
    """

    in_channels: int
    out_channels: int
    groups: int
    kernel: int
    row_edges: tuple[int, ...]
    col_edges: tuple[int, ...]
    fraction: tuple[tuple[float, ...], ...]
    nonzero: int  # k²·C_in·C_out/g
    dense_nonzero: int  # k²·C_in·C_out

    @property
    def exact(self) -> bool:
        return len(self.row_edges) - 1 == self.out_channels and len(self.col_edges) - 1 == self.in_channels

    def as_dict(self) -> dict:
        return asdict(self)


def _edges(n: int, parts: int) -> list[int]:
    """Split 0..n into ``parts`` consecutive runs as evenly as whole numbers allow."""
    return [round(i * n / parts) for i in range(parts + 1)]


def _overlaps(edges: list[int], groups: int, per_group: int) -> torch.Tensor:
    """cells × groups: how many channels of each cell fall in each group."""
    e = torch.tensor(edges, dtype=torch.float64)
    starts = torch.arange(groups, dtype=torch.float64) * per_group
    low = torch.maximum(e[:-1, None], starts[None, :])
    high = torch.minimum(e[1:, None], starts[None, :] + per_group)
    return (high - low).clamp(min=0)


def connectivity(in_channels: int, out_channels: int, groups: int, kernel: int = 3, cells: int = MAX_CELLS) -> ConnectivityMap:
    """The connectivity of a grouped k×k conv as a (downsampled) C_out × C_in matrix.

    Output channel o reads input channel i exactly when both lie in the same group:
    o // (C_out/g) == i // (C_in/g), a block-diagonal matrix with g blocks. A cell's fraction is
    Σ_groups |rows ∩ group| · |cols ∩ group| / (|rows| · |cols|).
    """
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError(
            f"groups={groups} must divide both {in_channels} input and {out_channels} output channels; "
            f"choose one of {', '.join(map(str, sorted(set(divisors(in_channels)) & set(divisors(out_channels)))))}"
        )
    rows = _edges(out_channels, min(out_channels, cells))
    cols = _edges(in_channels, min(in_channels, cells))
    a = _overlaps(rows, groups, out_channels // groups)
    b = _overlaps(cols, groups, in_channels // groups)
    counts = a @ b.T
    sizes = torch.diff(torch.tensor(rows, dtype=torch.float64))[:, None] * torch.diff(
        torch.tensor(cols, dtype=torch.float64)
    )[None, :]
    fraction = (counts / sizes).tolist()
    k2 = kernel * kernel
    return ConnectivityMap(
        in_channels=in_channels,
        out_channels=out_channels,
        groups=groups,
        kernel=kernel,
        row_edges=tuple(rows),
        col_edges=tuple(cols),
        fraction=tuple(tuple(row) for row in fraction),
        nonzero=k2 * in_channels * out_channels // groups,
        dense_nonzero=k2 * in_channels * out_channels,
    )


def dense_weight(weight: torch.Tensor, groups: int) -> torch.Tensor:
    """A grouped conv's weight (C_out, C_in/g, k, k) as the dense (C_out, C_in, k, k) weight it equals:
    group i's filters in its diagonal block, zeros elsewhere."""
    c_out, per_group = weight.shape[:2]
    d_out = c_out // groups
    dense = weight.new_zeros(c_out, per_group * groups, *weight.shape[2:])
    for i in range(groups):
        rows, cols = slice(i * d_out, (i + 1) * d_out), slice(i * per_group, (i + 1) * per_group)
        dense[rows, cols] = weight[rows]
    return dense
