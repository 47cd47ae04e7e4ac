"""A training race on scikit-learn's handwritten digits: each block kind against a plain stack.

``load_digits`` ships inside scikit-learn (1,797 images, 8×8, ten classes), so nothing is
downloaded. The split is fixed (1,347 train / 450 test, as scikit-learn's default 25 %), every run
is seeded without touching torch's global generator, and the runs of a race advance in turns so
that every curve grows together. After a finished race, a lesion study (Veit et al. 2016, Fig. 3)
deletes one block at a time from each trained network and measures the test accuracy left.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import torch
from torch import nn

from .bench.device_queue import device_turn
from .bench.timing import RunCancelled
from .checks import Message, shown
from .config import ConfigError
from .stacks import PREACT_BLOCKS, StackConfig, build_blocks, check_int, seeded_init

PLAIN = "plain"  # basic blocks without the addition: He et al. 2016a's plain network
RACE_KINDS: tuple[str, ...] = (PLAIN, "basic", "preact", "bottleneck", "resnext", "preact_bottleneck")
RACE_LIMITS: dict[str, tuple[int, int]] = {"depth": (1, 64), "width": (4, 64), "steps": (1, 2000), "batch": (8, 256)}
MAX_SEEDS = 5
TEST_SHARE = 0.25
SPLIT_SEED = 1797
CLASSES = 10
DEVICE = "cpu"  # the races train here, taking the device's turn as the Run page's timing runs do
TURN_TIMEOUT_S = 600.0  # how long one turn may wait for a timing run to give the CPU back


def _as_tuple(name: str, value: object) -> tuple:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ConfigError(Message("{name} must be a list or tuple, not {value}; e.g. {name}=({example})", name=name,
                                  value=shown(value), example="'plain', 'basic'" if name == "kinds" else "0, 1, 2"))
    return tuple(value)


@dataclass(frozen=True)
class RaceConfig:
    """What a race trains; frozen and hashable, so it is also the cache key of its result."""

    kinds: tuple[str, ...] = (PLAIN, "basic", "preact")
    depth: int = 16
    width: int = 16
    steps: int = 150
    seeds: tuple[int, ...] = (0, 1, 2)
    batch: int = 32
    lr: float = 0.05  # SGD with momentum 0.9, as He et al. (who start at 0.1 with batch 256)

    def __post_init__(self) -> None:
        kinds, seeds = _as_tuple("kinds", self.kinds), _as_tuple("seeds", self.seeds)
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "seeds", seeds)
        options = ", ".join(RACE_KINDS)
        if not kinds:
            raise ConfigError(Message("choose at least one kind to train from {options}", options=options))
        for k in kinds:
            if not isinstance(k, str) or k not in RACE_KINDS:
                raise ConfigError(Message("unknown kind {kind}; choose from {options}", kind=shown(k),
                                          options=options))
        if len(set(kinds)) != len(kinds):
            raise ConfigError(Message("each kind can race once; remove the repeated one"))
        for s in seeds:
            check_int("seed", s, 0, 2**31 - 1)
        if not 1 <= len(seeds) <= MAX_SEEDS or len(set(seeds)) != len(seeds):
            raise ConfigError(Message("choose 1 to {n} different seeds", n=MAX_SEEDS))
        for name, (low, high) in RACE_LIMITS.items():
            check_int(name, getattr(self, name), low, high)
        if isinstance(self.lr, bool) or not isinstance(self.lr, (int, float)) or not 0 < self.lr <= 1:
            raise ConfigError(Message("lr={lr} is not a learning rate; choose a number above 0 and at most 1",
                                      lr=shown(self.lr)))
        if self.width % 4 and any(k in ("bottleneck", "resnext", "preact_bottleneck") for k in kinds):
            raise ConfigError(Message("width={width} must be a multiple of 4 for a bottleneck, which expands 4-fold",
                                      width=self.width))

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "kinds": list(self.kinds), "seeds": list(self.seeds)}


@lru_cache(maxsize=1)
def digits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """(train images, train labels, test images, test labels): N×1×8×8, standardised by the train set."""
    from sklearn.datasets import load_digits

    data = load_digits()
    with torch.device("cpu"):  # kept for the process: never on a caller's default device (meta would stick)
        x = torch.tensor(data.images, dtype=torch.float32).unsqueeze(1)
        y = torch.tensor(data.target, dtype=torch.long)
        order = torch.randperm(len(y), generator=torch.Generator().manual_seed(SPLIT_SEED))
        n_test = math.ceil(len(y) * TEST_SHARE)  # as train_test_split: 450 of 1,797
        test, train = order[:n_test], order[n_test:]
        mean, std = x[train].mean(), x[train].std()
        x = (x - mean) / std
        return x[train], y[train], x[test], y[test]


class DigitNet(nn.Module):
    """conv3×3 stem (1 → width) + BN + ReLU, ``depth`` blocks at 8×8, global pool, linear to 10 classes.

    Pre-activation stacks end with BN + ReLU before the pool, as in He et al. 2016b.
    """

    def __init__(self, kind: str, depth: int, width: int, seed: int) -> None:
        if not isinstance(kind, str) or kind not in RACE_KINDS:
            raise ConfigError(Message("unknown kind {kind}; choose from {options}", kind=shown(kind),
                                      options=", ".join(RACE_KINDS)))
        super().__init__()
        block = "basic" if kind == PLAIN else kind
        stack = StackConfig(block=block, depth=depth, width=width, size=8, batch=8, shortcut=kind != PLAIN, seed=seed)
        self.stem = nn.Sequential(nn.Conv2d(1, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.blocks = build_blocks(stack)
        self.final = nn.Sequential(nn.BatchNorm2d(width), nn.ReLU()) if block in PREACT_BLOCKS else nn.Identity()
        self.fc = nn.Linear(width, CLASSES)
        seeded_init(self, seed)

    def forward(self, x: torch.Tensor, skip: int | None = None) -> torch.Tensor:
        """Logits; ``skip`` = i deletes block i (0-based): its input goes straight to the next block."""
        h = self.stem(x)
        for i, block in enumerate(self.blocks):
            if i != skip:
                h = block(h)
        h = self.final(h)
        return self.fc(h.mean((2, 3)))


@dataclass
class Run:
    kind: str
    seed: int
    loss: list[float] = field(default_factory=list)  # training loss at each step
    accuracy: list[float] = field(default_factory=list)  # accuracy on that step's batch
    test_accuracy: float | None = None  # on the 450 held-out digits, after the last step


@dataclass(frozen=True)
class Lesion:
    kind: str
    seed: int
    full: float  # test accuracy of the intact network
    without: tuple[float, ...]  # test accuracy with block i deleted, i = 0 … depth − 1


@dataclass
class Race:
    config: RaceConfig
    runs: list[Run]
    lesions: list[Lesion] = field(default_factory=list)
    steps_done: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def finished(self) -> bool:
        return self.steps_done == self.config.steps and not self.cancelled

    def as_dict(self) -> dict[str, object]:
        return {"config": self.config.as_dict(), "runs": [asdict(r) for r in self.runs],
                "lesions": [asdict(les) for les in self.lesions], "steps_done": self.steps_done,
                "cancelled": self.cancelled, "seconds": self.seconds}


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor, skip: int | None = None) -> float:
    """Accuracy of ``model`` (in eval mode) on ``x``, ``y``; ``skip`` deletes one block."""
    _require_net(model, "evaluate")
    if not isinstance(x, torch.Tensor) or not isinstance(y, torch.Tensor) or tuple(x.shape[1:]) != (1, 8, 8) \
            or not x.is_floating_point() or y.dtype != torch.long or y.shape != x.shape[:1] or len(y) == 0:
        raise TypeError(Message("evaluate takes images N×1×8×8 and N labels as tensors, not {x} and {y}; pass "
                                "digits()[2:] for the test set", x=shown(x), y=shown(y)))
    if x.device.type != "cpu" or y.device.type != "cpu":
        raise ValueError(Message("evaluate runs on the CPU; move the images and labels there with .cpu()"))
    if skip is not None:
        check_int("skip", skip, 0, len(model.blocks) - 1)
    model.eval()
    with torch.no_grad(), torch.device("cpu"):  # whatever the caller's default device
        pairs = zip(x.split(512), y.split(512), strict=True)
        correct = sum(int((model(xb, skip=skip).argmax(1) == yb).sum()) for xb, yb in pairs)
    return correct / len(y)


def lesion_study(model: DigitNet, kind: str, seed: int) -> Lesion:
    """Delete each block in turn from a trained network and measure the test accuracy left.

    The blocks before the deleted one run once for all lesions: deleting block i feeds block i's input,
    computed on the way, to block i + 1 (what ``model(x, skip=i)`` computes, in half the work).
    """
    _require_net(model, "lesion_study")
    if not isinstance(kind, str) or kind not in RACE_KINDS:
        raise ConfigError(Message("unknown kind {kind}; choose from {options}", kind=shown(kind),
                                  options=", ".join(RACE_KINDS)))
    check_int("seed", seed, 0, 2**31 - 1)
    _, _, x_test, y_test = digits()
    model.eval()
    with torch.no_grad(), torch.device("cpu"):  # whatever the caller's default device
        h = model.stem(x_test)
        without = []
        for i, block in enumerate(model.blocks):
            rest = h
            for later in model.blocks[i + 1:]:
                rest = later(rest)
            logits = model.fc(model.final(rest).mean((2, 3)))
            without.append(int((logits.argmax(1) == y_test).sum()) / len(y_test))
            h = block(h)
        full = int((model.fc(model.final(h).mean((2, 3))).argmax(1) == y_test).sum()) / len(y_test)
    return Lesion(kind, seed, full, tuple(without))


def _require_net(model: object, caller: str) -> DigitNet:
    if not isinstance(model, DigitNet):
        raise TypeError(Message("{caller} takes a DigitNet, not {kind}; build one with DigitNet(kind, depth, width, "
                                "seed)", caller=caller, kind=type(model).__name__))
    if any(p.device.type != "cpu" for p in model.parameters()):
        raise ValueError(Message("{caller} runs on the CPU; move the network there with .cpu()", caller=caller))
    return model


class _Trainer:
    """One network of a race: its model, optimiser, batch generator and record."""

    def __init__(self, cfg: RaceConfig, kind: str, seed: int) -> None:
        self.model = DigitNet(kind, cfg.depth, cfg.width, seed)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.gen = torch.Generator().manual_seed(seed + 10_000)
        self.batch = cfg.batch
        self.run = Run(kind, seed)

    def steps(self, n: int) -> None:
        x, y, _, _ = digits()
        self.model.train()
        for _ in range(n):
            idx = torch.randint(len(y), (self.batch,), generator=self.gen)
            logits = self.model(x[idx])
            loss = nn.functional.cross_entropy(logits, y[idx])
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.run.loss.append(float(loss.detach()))
            self.run.accuracy.append(float((logits.argmax(1) == y[idx]).float().mean()))


Cancel = threading.Event | Callable[[], bool] | None


def _is_cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def train_race(
    cfg: RaceConfig,
    cancel: Cancel = None,
    progress: Callable[[Race], None] | None = None,
    chunk: int = 10,
    on_queued: Callable[[float, int], None] | None = None,
) -> Race:
    """Train every kind × seed of ``cfg`` in turns of ``chunk`` steps; ``progress`` sees the race after each turn.

    Each turn holds the CPU's device turn (resblocks.bench.device_turn), as a timing run does, so a race and a
    timing run never share the CPU: a turn waits for the run that holds it, telling ``on_queued(seconds waited,
    place in the line)`` about twice a second, and a timing run waits at most one turn. ``cancel`` (an Event or
    a callable returning True) stops the race between turns, or while a turn waits; a cancelled race keeps its
    curves and has no lesion study. DeviceBusyError when one turn waited longer than TURN_TIMEOUT_S.
    """
    if not isinstance(cfg, RaceConfig):
        raise TypeError(Message("train_race needs a RaceConfig, not {kind}; build one with RaceConfig(kinds=(...), "
                                "depth=..., ...)", kind=type(cfg).__name__))
    check_int("chunk", chunk, 1, 10_000)
    for name, value in (("cancel", cancel), ("progress", progress), ("on_queued", on_queued)):
        if value is not None and not (callable(value) or (name == "cancel" and isinstance(value, threading.Event))):
            raise TypeError(Message("{name} must be a function (or None), not {value}", name=name, value=shown(value)))
    start = time.perf_counter()
    with torch.device("cpu"):  # whatever the caller's default device
        trainers = [_Trainer(cfg, kind, seed) for kind in cfg.kinds for seed in cfg.seeds]
        race = Race(cfg, [t.run for t in trainers])
        try:
            _train(race, trainers, cancel, progress, chunk, on_queued)
        except RunCancelled:  # cancelled while a turn waited for the CPU
            race.cancelled = True
            race.lesions.clear()
    race.seconds = time.perf_counter() - start
    return race


def _train(race: Race, trainers: list[_Trainer], cancel: Cancel, progress: Callable[[Race], None] | None,
           chunk: int, on_queued: Callable[[float, int], None] | None) -> None:
    cfg = race.config

    def turn():  # one turn's hold on the CPU, after the timing runs that asked first
        return device_turn(DEVICE, on_queued, TURN_TIMEOUT_S, cancel)

    while race.steps_done < cfg.steps:
        # A first turn of one step puts every curve's first point on screen quickly.
        n = min(chunk if race.steps_done else 1, cfg.steps - race.steps_done)
        for t in trainers:
            if _is_cancelled(cancel):
                race.cancelled = True
                return
            with turn():
                t.steps(n)
            if progress is not None:
                progress(race)
        race.steps_done += n
    for t in trainers:
        with turn():
            lesion = lesion_study(t.model, t.run.kind, t.run.seed)
        t.run.test_accuracy = lesion.full
        race.lesions.append(lesion)
