"""The command line as a whole (resblocks.__main__): one sentence on stderr and exit status 2 for bad input."""

import subprocess
import sys
from pathlib import Path

import pytest

from resblocks.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("argv, sentence", [
    (["summary", "--bogus\nX\x1b[31m"], "error: unrecognized arguments: --bogus\\nX\\x1b[31m; see '"),
    (["summary", "--planes", "8", "--base-width", "4"], "error: base_width=4 with planes=8 leaves 0 channels per group"),
    (["nonsense"], "error: argument SUBCOMMAND: invalid choice: 'nonsense'"),
])
def test_bad_input_is_one_line_and_exit_2(argv, sentence, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(sentence) and err.count("\n") == 1, err


def test_as_a_program():
    done = subprocess.run([sys.executable, "-m", "resblocks", "summary", "--size", "\u00b2"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: argument --size: invalid int value: '²'")
