"""Why the shortcut helps, measured at initialisation on stacks of the project's own blocks.

- :func:`gradient_flow`: one backward pass through a stack (BN in training mode, a fixed random
  batch, a fixed random read-out as the loss); the gradient norm of every block's weights and the
  ratio first block / last block. Without the shortcut, BN makes the gradient explode towards the
  input (Yang et al., ICLR 2019); with it the growth stays small, pre-activation flattest
  (He et al. 2016b).
- :func:`shattered_gradients`: d output / d t along a 1-D line of inputs x(t) = t·u and its
  autocorrelation (Balduzzi et al., ICML 2017, Fig. 1 and 2).
- :func:`path_gradients`: the binomial distribution of path lengths through N residual blocks
  beside the gradient measured along paths of each length (Veit et al., NeurIPS 2016, Fig. 6).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

import torch
from torch import nn

from .checks import Message, plain, shown
from .config import ConfigError
from .stacks import PREACT_BLOCKS, PREACT_OF, StackConfig, build_blocks, check_int, fixed_batch, require_stack


def _readout(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    """The fixed random direction whose dot product with the output is the loss."""
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed + 2))


@dataclass(frozen=True)
class GradFlow:
    config: StackConfig
    norms: tuple[float, ...]  # ‖∂loss/∂θ_i‖ for block i = 1 (next to the input) … depth (next to the loss)

    @property
    def ratio(self) -> float:
        """First block's gradient norm over the last block's: > 1 means it grows towards the input."""
        return self.norms[0] / self.norms[-1]

    def as_dict(self) -> dict[str, object]:
        return {"config": asdict(self.config), "label": self.config.label, "norms": list(self.norms),
                "ratio": self.ratio}


def gradient_flow(cfg: StackConfig) -> GradFlow:
    """Gradient norm of every block's parameters after one backward pass at initialisation (on the CPU)."""
    require_stack(cfg, "gradient_flow")
    with torch.device("cpu"):  # whatever the caller's default device: a float is read from every gradient
        return _gradient_flow(cfg)


def _gradient_flow(cfg: StackConfig) -> GradFlow:
    stack = build_blocks(cfg).train()
    x = fixed_batch(cfg)
    out = stack(x)
    loss = (out * _readout(out.shape, cfg.seed)).sum()
    loss.backward()
    norms = tuple(
        math.sqrt(sum(float(p.grad.pow(2).sum()) for p in block.parameters())) for block in stack
    )
    return GradFlow(cfg, norms)


def family(block: str) -> tuple[str, str]:
    """(v1 block, its pre-activation partner) for ``block``; ConfigError where there is none."""
    for v1, pre in PREACT_OF.items():
        if block in (v1, pre):
            return v1, pre
    raise ConfigError(Message("the {block} block has no pre-activation partner here; choose basic or bottleneck",
                              block=plain(block)[:30] if isinstance(block, str) else shown(block, 30)))


def compare_orders(cfg: StackConfig) -> tuple[GradFlow, GradFlow, GradFlow]:
    """Plain (v1 layers, no addition), v1 and pre-activation stacks, otherwise as ``cfg``."""
    v1, pre = family(require_stack(cfg, "compare_orders").block)
    return (gradient_flow(replace(cfg, block=v1, shortcut=False)),
            gradient_flow(replace(cfg, block=v1, shortcut=True)),
            gradient_flow(replace(cfg, block=pre, shortcut=True)))


# Shattered gradients ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Shattered:
    config: StackConfig
    t: tuple[float, ...]  # the inputs' positions on the line, -2 … 2 as in Balduzzi et al.
    gradient: tuple[float, ...]  # d output / d t at each point
    autocorrelation: tuple[float, ...]  # lags 0, 1, 2 … of the gradient sequence

    def as_dict(self) -> dict[str, object]:
        return {"config": asdict(self.config), "label": self.config.label, "t": list(self.t),
                "gradient": list(self.gradient), "autocorrelation": list(self.autocorrelation)}


def autocorrelation(values: torch.Tensor, max_lag: int) -> torch.Tensor:
    """Normalised autocorrelation r(k) = Σ (g_i − ḡ)(g_{i+k} − ḡ) / Σ (g_i − ḡ)², k = 0 … max_lag."""
    if not isinstance(values, torch.Tensor) or values.dim() != 1 or not values.is_floating_point():
        raise TypeError(Message("autocorrelation takes a 1-D float tensor, not {value}; pass e.g. "
                                "torch.tensor([0.5, 1.0, 0.2])", value=shown(values)))
    if values.device.type == "meta" or len(values) == 0:
        raise ValueError(Message("autocorrelation needs measured values, not an empty or meta tensor; pass the "
                                 "gradient as a tensor on the CPU"))
    check_int("max_lag", max_lag, 0, max(len(values) - 1, 0))
    g = values.double() - values.double().mean()
    denom = float((g * g).sum()) or 1.0
    return torch.tensor([float((g[: len(g) - k] * g[k:]).sum()) / denom for k in range(max_lag + 1)])


def shattered_gradients(cfg: StackConfig, points: int = 256, max_lag: int = 32) -> Shattered:
    """d f / d t for f(t) = r · pool(stack(t·u)), t on ``points`` evenly spaced values in [-2, 2].

    BN runs on the statistics of the whole sweep (as Balduzzi et al.'s batch), then is frozen so that
    each point's derivative is its own; forward-mode AD gives all the derivatives in one pass.
    """
    require_stack(cfg, "shattered_gradients")
    check_int("points", points, 8, 1024)
    check_int("max_lag", max_lag, 1, points - 1)
    with torch.device("cpu"):
        return _shattered(cfg, points, max_lag)


def _shattered(cfg: StackConfig, points: int, max_lag: int) -> Shattered:
    stack = build_blocks(replace(cfg, batch=2))
    gen = torch.Generator().manual_seed(cfg.seed + 3)
    u = torch.randn(cfg.width, cfg.size, cfg.size, generator=gen)
    r = torch.randn(cfg.width, generator=gen)
    t = torch.linspace(-2.0, 2.0, points)

    def f(tt: torch.Tensor) -> torch.Tensor:
        return stack(tt[:, None, None, None] * u).mean((2, 3)) @ r

    with torch.no_grad():
        for m in stack.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.momentum = 1.0  # one pass sets the running statistics to the sweep's own
        stack.train()
        f(t)
        stack.eval()
        _, grad = torch.func.jvp(f, (t,), (torch.ones_like(t),))
    return Shattered(cfg, tuple(t.tolist()), tuple(grad.tolist()), tuple(autocorrelation(grad, max_lag).tolist()))


# Paths through a residual stack (Veit et al.) -------------------------------------------------------


class _Route(torch.autograd.Function):
    """y = f + x; the backward pass goes through the branch f or the skip x, as ``gate[0]`` says."""

    @staticmethod
    def forward(ctx, f: torch.Tensor, x: torch.Tensor, gate: list) -> torch.Tensor:
        ctx.gate = gate
        return f + x

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        through_branch = ctx.gate[0]
        return (grad, None, None) if through_branch else (None, grad, None)


@dataclass(frozen=True)
class PathGradients:
    config: StackConfig
    samples: int  # random paths measured per length
    count: tuple[int, ...]  # C(N, k): paths of length k = 0 … N
    fraction: tuple[float, ...]  # C(N, k) / 2^N, the binomial distribution
    grad_norm: tuple[float, ...]  # mean ‖∂loss/∂x_0‖ along one path of length k
    share: tuple[float, ...]  # fraction · grad_norm, normalised: where the gradient comes from

    @property
    def peak_length(self) -> int:
        return max(range(len(self.share)), key=self.share.__getitem__)

    def as_dict(self) -> dict[str, object]:
        return {"config": asdict(self.config), "samples": self.samples, "count": list(self.count),
                "fraction": list(self.fraction), "grad_norm": list(self.grad_norm), "share": list(self.share),
                "peak_length": self.peak_length}


def path_gradients(cfg: StackConfig, samples: int = 4) -> PathGradients:
    """Veit et al.'s measurement: one forward pass, then backward passes that each follow one path.

    For a path of length k, k blocks chosen at random pass the gradient through their branch F and
    the others only through their skip. Exact for pre-activation blocks, whose output is x + F(x).
    """
    if require_stack(cfg, "path_gradients").block not in PREACT_BLOCKS or not cfg.shortcut:
        raise ConfigError(Message("paths need residual pre-activation blocks, whose output is exactly x + F(x); "
                                  "choose {options} with the shortcut", options=" or ".join(PREACT_BLOCKS)))
    check_int("samples", samples, 1, 64)
    with torch.device("cpu"):
        return _path_gradients(cfg, samples)


def _path_gradients(cfg: StackConfig, samples: int) -> PathGradients:
    n = cfg.depth
    branches = build_blocks(replace(cfg, shortcut=False)).train()  # F alone: the same layers, no addition
    gates = [[True] for _ in range(n)]
    x0 = fixed_batch(cfg).requires_grad_(True)
    h = x0
    for branch, gate in zip(branches, gates, strict=True):
        h = _Route.apply(branch(h), h, gate)
    loss = (h * _readout(h.shape, cfg.seed)).sum()

    gen = torch.Generator().manual_seed(cfg.seed + 4)
    norms = []
    for k in range(n + 1):
        total = 0.0
        for _ in range(samples):
            chosen = set(torch.randperm(n, generator=gen)[:k].tolist())
            for i, gate in enumerate(gates):
                gate[0] = i in chosen
            (g,) = torch.autograd.grad(loss, x0, retain_graph=True)
            total += float(g.norm())
        norms.append(total / samples)
    count = tuple(math.comb(n, k) for k in range(n + 1))
    fraction = tuple(c / 2**n for c in count)
    weighted = [f * g for f, g in zip(fraction, norms, strict=True)]
    share = tuple(w / sum(weighted) for w in weighted)
    return PathGradients(cfg, samples, count, fraction, tuple(norms), share)
