"""The training race: reproducible, cancellable, and a lesion study that deletes the block it names."""

import copy
import json
import threading

import pytest
import torch

from resblocks.__main__ import main
from resblocks.config import ConfigError
from resblocks.training import DigitNet, RaceConfig, digits, evaluate, lesion_study, train_race

TINY = RaceConfig(kinds=("plain", "basic"), depth=2, width=8, steps=4, seeds=(0,), batch=16)


def test_digits_split_is_fixed_and_disjoint():
    x_train, y_train, x_test, y_test = digits()
    assert x_train.shape == (1347, 1, 8, 8) and x_test.shape == (450, 1, 8, 8)  # scikit-learn's 1,797 digits
    assert set(y_train.tolist()) == set(y_test.tolist()) == set(range(10))
    assert abs(float(x_train.mean())) < 1e-5
    rows = {tuple(r) for r in x_train.flatten(1).tolist()}
    assert sum(tuple(r) in rows for r in x_test.flatten(1).tolist()) < 5  # a few digits are pixel-identical


def test_a_race_is_reproducible_for_a_seed():
    a, b = train_race(TINY), train_race(TINY)
    assert [r.loss for r in a.runs] == [r.loss for r in b.runs]
    assert [r.accuracy for r in a.runs] == [r.accuracy for r in b.runs]
    other = train_race(RaceConfig(**{**TINY.as_dict(), "kinds": TINY.kinds, "seeds": (1,)}))
    assert other.runs[0].loss != a.runs[0].loss
    assert a.finished and [len(r.loss) for r in a.runs] == [4, 4]
    assert [(les.kind, len(les.without)) for les in a.lesions] == [("plain", 2), ("basic", 2)]


def test_global_seed_does_not_change_a_race():
    torch.manual_seed(123)
    a = train_race(TINY)
    torch.manual_seed(456)
    b = train_race(TINY)
    assert a.runs[0].loss == b.runs[0].loss


def test_an_event_cancels_the_race_between_turns():
    stop = threading.Event()
    seen = []

    def progress(race):
        seen.append(sum(len(r.loss) for r in race.runs))
        stop.set()

    race = train_race(RaceConfig(kinds=("basic",), depth=1, width=4, steps=50, seeds=(0, 1), batch=8),
                      cancel=stop, progress=progress, chunk=5)
    assert race.cancelled and not race.finished and race.lesions == []
    assert seen == [1] and [len(r.loss) for r in race.runs] == [1, 0]


def test_a_callable_cancels_too():
    race = train_race(TINY, cancel=lambda: True)
    assert race.cancelled and all(r.loss == [] for r in race.runs)


def test_lesion_deletes_the_block_it_names():
    model = DigitNet("basic", depth=3, width=8, seed=0)
    calls = [0, 0, 0]
    for i, block in enumerate(model.blocks):
        block.register_forward_hook(lambda m, inp, out, i=i: calls.__setitem__(i, calls[i] + 1))
    model.eval()
    x = digits()[2][:4]
    model(x, skip=1)
    assert calls == [1, 0, 1]

    lesion = lesion_study(model, "basic", 0)
    _, _, x_test, y_test = digits()
    for i in range(3):
        pruned = copy.deepcopy(model)
        del pruned.blocks[i]
        assert lesion.without[i] == evaluate(pruned, x_test, y_test)
    assert lesion.full == evaluate(model, x_test, y_test)


def test_preactivation_nets_end_with_bn_and_relu():
    assert isinstance(DigitNet("preact", 1, 8, 0).final, torch.nn.Sequential)
    assert isinstance(DigitNet("plain", 1, 8, 0).final, torch.nn.Identity)
    plain = DigitNet("plain", 1, 8, 0)
    assert type(plain.blocks[0].shortcut).__name__ == "NoShortcut"


@pytest.mark.parametrize(("changes", "message"), [
    ({"kinds": ()}, "at least one kind"),
    ({"kinds": ("plain", "vgg")}, "unknown kind 'vgg'"),
    ({"kinds": ("basic", "basic")}, "repeated"),
    ({"seeds": (0, 0)}, "different seeds"),
    ({"seeds": tuple(range(6))}, "1 to 5"),
    ({"depth": 65}, "depth=65 is out of range"),
    ({"steps": 0}, "steps=0 is out of range"),
    ({"lr": float("nan")}, "not a learning rate"),
    ({"kinds": ("resnext",), "width": 6}, "multiple of 4"),
])
def test_bad_races_raise_a_sentence(changes, message):
    with pytest.raises(ConfigError, match=message):
        RaceConfig(**changes)


def test_cli_train_json(capsys):
    argv = ["train", "--blocks", "plain", "basic", "--depth", "1", "--width", "4", "--steps", "3", "--seeds", "0",
            "--batch", "8", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in data["runs"]] == ["plain", "basic"]
    assert all(len(r["loss"]) == len(r["accuracy"]) == 3 for r in data["runs"])
    assert 0 <= data["runs"][0]["test_accuracy"] <= 1


@pytest.mark.parametrize("argv", [["--blocks", "vgg"], ["--steps", "0"], ["--seeds", "1", "1"], ["--lr", "-1"],
                                  ["--depth", "deep"]])
def test_cli_train_bad_values_exit_2_with_one_sentence(argv, capsys):
    assert main(["train", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err
