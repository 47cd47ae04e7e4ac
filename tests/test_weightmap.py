"""The grouped 3×3's weight map (resblocks.weightmap): block-diagonal, downsampled without losing a weight."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from resblocks import weightmap


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_the_map_is_block_diagonal(groups):
    m = weightmap.connectivity(128, 128, groups)
    assert m.exact
    d = 128 // groups
    expected = torch.kron(torch.eye(groups), torch.ones(d, d))
    assert torch.equal(torch.tensor(m.fraction), expected)
    assert m.nonzero == 9 * 128 * 128 // groups
    assert m.dense_nonzero == 9 * 128 * 128


def test_a_downsampled_map_keeps_every_weight():
    m = weightmap.connectivity(8192, 8192, 2048)
    assert not m.exact and len(m.row_edges) == len(m.col_edges) == weightmap.MAX_CELLS + 1
    f = torch.tensor(m.fraction, dtype=torch.float64)
    rows = torch.diff(torch.tensor(m.row_edges, dtype=torch.float64))
    cols = torch.diff(torch.tensor(m.col_edges, dtype=torch.float64))
    assert (f * rows[:, None] * cols[None, :]).sum().item() == pytest.approx(8192 * 4)  # w²/g pairs
    assert torch.count_nonzero(f - torch.diag(torch.diag(f))) == 0  # only the diagonal cells hold weights
    assert f[0, 0].item() == pytest.approx(1 / 8)  # a 32 × 32 cell holds 8 blocks of 4 × 4


def test_the_dense_form_of_a_grouped_weight_computes_the_same():
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(32, 32, 3, padding=1, groups=8, bias=False)
    dense = weightmap.dense_weight(conv.weight.detach(), 8)
    assert dense.shape == (32, 32, 3, 3)
    x = torch.randn(2, 32, 7, 7)
    torch.testing.assert_close(F.conv2d(x, dense, padding=1), conv(x).detach())
    m = weightmap.connectivity(32, 32, 8)
    assert torch.count_nonzero(dense).item() == m.nonzero
    pattern = (dense.abs().sum(dim=(2, 3)) > 0).float()
    assert torch.equal(pattern, torch.tensor(m.fraction))


def test_groups_must_divide_the_channels():
    with pytest.raises(ValueError, match="choose one of 1, 2, 3, 4, 6, 12"):
        weightmap.connectivity(12, 12, 5)
