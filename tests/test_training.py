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


# The CPU's device turn: a race and a timing run never train and time at once --------------------------------

SLOW = RaceConfig(kinds=("basic",), depth=2, width=8, steps=2000, seeds=(0,), batch=16)


def _in_thread(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def _until(condition, timeout: float = 60.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)
    assert condition(), "timed out"


def test_a_race_waits_while_a_timing_run_holds_the_cpu():
    from resblocks import bench

    waits, done = [], []
    with bench.device_turn("cpu"):  # what bench.run_block holds while it times a block on the CPU
        thread = _in_thread(lambda: done.append(train_race(TINY, on_queued=lambda s, place: waits.append(place))))
        _until(lambda: len(waits) >= 2)  # told its place twice: it is waiting, not training
        assert not done and waits[0] == 1
    thread.join(60)
    (race,) = done
    assert race.finished and [len(r.loss) for r in race.runs] == [4, 4]


def test_a_timing_run_gets_the_cpu_between_two_turns_of_a_race():
    from resblocks import bench

    stop, seen = threading.Event(), []
    thread = _in_thread(lambda: seen.append(train_race(SLOW, cancel=stop, progress=lambda r: seen.append(r))))
    _until(lambda: seen and len(seen[-1].runs[0].loss) > 0)
    race = seen[-1]
    with bench.device_turn("cpu", timeout_s=60):  # waits at most one turn of ten steps
        held = len(race.runs[0].loss)
        _until(lambda: bench.waiting("cpu") == 1)  # the race's next turn lines up behind this run
        assert len(race.runs[0].loss) == held  # and trains nothing while the run holds the CPU
    stop.set()
    thread.join(60)
    assert seen[-1].cancelled and len(race.runs[0].loss) > held  # it went on after the run gave the CPU back


def test_cancelling_a_race_that_waits_for_the_cpu():
    from resblocks import bench

    stop, done = threading.Event(), []
    with bench.device_turn("cpu"):
        thread = _in_thread(lambda: done.append(train_race(TINY, cancel=stop, on_queued=lambda s, p: stop.set())))
        thread.join(60)
    (race,) = done
    assert race.cancelled and not race.finished and race.lesions == [] and all(r.loss == [] for r in race.runs)
    assert not bench.is_busy("cpu")


# Bad input: a sentence that names the fix, the template kept for the app's Turkish ----------------------------

@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: RaceConfig(kinds=None), ConfigError, r"kinds must be a list or tuple, not None; e\.g\. kinds=\('plain'"),
    (lambda: RaceConfig(kinds="basic"), ConfigError, "kinds must be a list or tuple, not 'basic'"),
    (lambda: RaceConfig(seeds=-1), ConfigError, r"seeds must be a list or tuple, not -1; e\.g\. seeds=\(0, 1, 2\)"),
    (lambda: RaceConfig(seeds=(-1,)), ConfigError, "seed=-1 is out of range; choose a whole number from 0"),
    (lambda: RaceConfig(seeds=([1],)), ConfigError, "seed must be a whole number"),
    (lambda: RaceConfig(depth=0), ConfigError, "depth=0 is out of range; choose a whole number from 1 to 64"),
    (lambda: RaceConfig(depth="x"), ConfigError, "depth must be a whole number, not 'x'"),
    (lambda: RaceConfig(kinds=([1],)), ConfigError, r"unknown kind \[1\]; choose from plain, basic"),
    (lambda: train_race("x"), TypeError, r"train_race needs a RaceConfig, not str; build one with RaceConfig"),
    (lambda: train_race(TINY, chunk=0), ConfigError, "chunk=0 is out of range"),
    (lambda: train_race(TINY, progress=3), TypeError, "progress must be a function"),
    (lambda: DigitNet("vgg", 1, 4, 0), ConfigError, "unknown kind 'vgg'; choose from plain"),
    (lambda: DigitNet("basic", 0, 4, 0), ConfigError, "depth=0 is out of range"),
    (lambda: evaluate("x", *digits()[2:]), TypeError, "evaluate takes a DigitNet, not str"),
    (lambda: evaluate(DigitNet("basic", 1, 4, 0), "x", None), TypeError, r"pass digits\(\)\[2:\] for the test set"),
    (lambda: evaluate(DigitNet("basic", 1, 4, 0), *digits()[2:], skip=3), ConfigError, "skip=3 is out of range"),
    (lambda: lesion_study(None, "basic", 0), TypeError, "lesion_study takes a DigitNet, not NoneType"),
])
def test_bad_input_names_the_fix(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_refusal_keeps_its_template_for_the_turkish_page():
    from explorer.i18n import Say

    with pytest.raises(ConfigError) as caught:
        RaceConfig(kinds=("basic", "basic"))
    assert str(caught.value) == "each kind can race once; remove the repeated one"
    assert Say("tr").message(caught.value) == "Her ağ türü yarışa bir kez girebilir; tekrarlananı çıkarın."
    with pytest.raises(ConfigError) as caught:
        RaceConfig(kinds=("resnext",), width=6)
    assert Say("tr").message(caught.value) == "width=6, 4'ün katı olmalı: bottleneck kanalları 4 kat genişletir."
