"""RunSettings and the operator's RESBLOCKS_* settings: finite, bounded values, or a sentence naming the fix."""

import math

import pytest

from resblocks import ConfigError, bench
from resblocks.__main__ import main


def test_defaults_are_the_documented_ones():
    s = bench.RunSettings()
    assert (s.device, s.dtype, s.channels_last, s.repeat, s.warmup, s.time_limit_s) == ("auto", "float32", False, 30,
                                                                                        5, 20.0)
    assert hash(s) == hash(bench.RunSettings())  # a cache key


@pytest.mark.parametrize(
    "changes,match",
    [
        ({"time_limit_s": math.inf}, "time_limit_s=inf is not a usable number of seconds"),
        ({"time_limit_s": 1e308}, "choose a finite number from 0.001 to 3600"),
        ({"time_limit_s": math.nan}, "time_limit_s=nan"),
        ({"time_limit_s": 0}, "from 0.001 to 3600"),
        ({"max_gmacs": 1e300}, r"max_gmacs=1e\+300 is not a usable number of G multiply-adds"),
        ({"max_gmacs": -1.0}, "such as 20"),
        ({"repeat": 0}, "repeat=0 is out of range; choose a whole number from 1 to 1000"),
        ({"warmup": 101}, "from 0 to 100"),
        ({"memory_limit_bytes": 10**30}, "memory_limit_bytes=.* is out of range"),
        ({"dtype": "float64"}, "unknown dtype 'float64'; choose one of float32, float16, bfloat16"),
    ],
)
def test_out_of_range_settings_are_a_sentence(changes, match):
    with pytest.raises(ConfigError, match=match):
        bench.RunSettings(**changes)


@pytest.mark.parametrize("changes", [{"repeat": "3"}, {"repeat": True}, {"channels_last": "yes"}, {"device": 0},
                                     {"time_limit_s": "20"}])
def test_settings_of_the_wrong_type_are_a_type_error(changes):
    with pytest.raises(TypeError, match="must be"):
        bench.RunSettings(**changes)


@pytest.mark.parametrize("flags,sentence", [
    (["--time-limit", "inf"], "--time-limit inf is out of range; choose a number from 0.001 to 3600"),
    (["--time-limit", "1e308"], "--time-limit 1e+308 is out of range"),
    (["--max-gmacs", "1e300"], "--max-gmacs 1e+300 is out of range; choose a number from 1e-06 to 1e+06"),
    (["--max-gmacs", "nan"], "--max-gmacs nan is out of range"),
    (["--memory-limit-mb", "0"], "--memory-limit-mb 0 is out of range; choose a number from 1 to 1,048,576"),
])
def test_cli_refuses_unbounded_numbers_with_one_sentence(flags, sentence, capsys):
    assert main(["bench", "--block", "basic", "--size", "8", *flags]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {sentence}") and err.count("\n") == 1


@pytest.mark.parametrize("name,raw,sentence", [
    (bench.MAX_GMACS_ENV, "1e300", "RESBLOCKS_MAX_GMACS='1e300' is not a number of G multiply-adds"),
    (bench.MAX_GMACS_ENV, "inf", "set it to a positive number up to 1e+06, such as 20"),
    (bench.MAX_GMACS_ENV, "lots", "RESBLOCKS_MAX_GMACS='lots'"),
    (bench.MEMORY_LIMIT_ENV, "²", "RESBLOCKS_MEMORY_LIMIT_MB='²' is not a size in MiB"),  # isdigit() says yes
    (bench.MEMORY_LIMIT_ENV, "0", "set it to a whole number from 1 to 1048576, such as 512"),
    (bench.REFERENCE_DIR_ENV, "/no/such/folder", "RESBLOCKS_REFERENCE_DIR='/no/such/folder' is not a folder"),
])
def test_environment_settings_are_validated_at_start_up(name, raw, sentence, monkeypatch, capsys):
    monkeypatch.setenv(name, raw)
    assert any(p.startswith(sentence) or sentence in p for p in bench.environment_problems())
    with pytest.raises(ConfigError, match="RESBLOCKS_"):
        bench.check_environment()
    for command in (["bench"], ["equivalence"]):
        assert main([*command, "--size", "8"]) == 2
        assert sentence in capsys.readouterr().err


def test_a_clean_environment_has_no_problems(monkeypatch):
    for name in (bench.MAX_GMACS_ENV, bench.MEMORY_LIMIT_ENV, bench.REFERENCE_DIR_ENV):
        monkeypatch.delenv(name, raising=False)
    assert bench.environment_problems() == ()
    assert bench.memory_limit_bytes() == 512 * 2**20
    assert bench.reference_dir() == bench.ASSETS
