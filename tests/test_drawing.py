"""resblocks.drawing: Graphviz's dot program behind a short timeout, checked output and a memory of failures.
Broken programs are real executables put first on the PATH; each counts its runs in a file."""

import os
import shutil
import stat
from pathlib import Path

import pytest

from resblocks import BlockConfig, drawing
from resblocks.graph import block_graph, to_dot
from resblocks.registry import BLOCK_NAMES

REAL_DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(REAL_DOT is None, reason="graphviz's dot program is not installed")


@pytest.fixture
def fake_dot(tmp_path, monkeypatch):
    """Install a `dot` that runs ``body`` (a shell script) and appends a line to runs.txt at every start."""
    runs = tmp_path / "runs.txt"

    def install(body: str) -> Path:
        program = tmp_path / "dot"
        program.write_text(f"#!/bin/sh\necho run >> {runs}\n{body}\n")
        program.chmod(program.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        return runs

    yield install
    drawing.forget_failures()


def runs(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


@needs_dot
@pytest.mark.parametrize("block", BLOCK_NAMES)
def test_every_block_draws_as_svg_and_png(block):
    dot = to_dot(block_graph(BlockConfig(block=block, stride=2)), highlight=frozenset({"conv1", "output"}))
    svg = drawing.render(dot, "svg")
    assert svg.startswith(b"<svg") and svg.endswith(b"</svg>") and "3×3 conv".encode() in svg
    assert drawing.render(dot, "png").startswith(drawing.PNG_MAGIC)


@needs_dot
def test_a_hostile_title_still_draws():
    title = 'a "quoted" title \\ with \\l backslashes } ; -> and a trailing \\'
    svg = drawing.render(to_dot(block_graph(BlockConfig(block="basic")), title=title), "svg")
    assert b"trailing \\</text>" in svg


@needs_dot
def test_a_comparison_is_laid_out_in_one_run(fake_dot):
    counter = fake_dot(f'exec {REAL_DOT} "$@"')
    dots = [to_dot(block_graph(BlockConfig(block=b)), title=b) for b in ("basic", "preact", "bottleneck", "resnext")]
    svgs = drawing.render_all(dots, "svg")
    assert runs(counter) == 1 and len(svgs) == 4
    for name, svg in zip(("basic", "preact", "bottleneck", "resnext"), svgs, strict=True):
        assert svg.startswith(b"<svg") and svg.endswith(b"</svg>") and name.encode() in svg


def test_a_hung_program_costs_one_wait_then_is_left_alone(fake_dot, monkeypatch):
    counter = fake_dot("sleep 30")
    monkeypatch.setattr(drawing, "TIMEOUT_S", 0.3)
    with pytest.raises(RuntimeError, match="graphviz took more than 0 s to draw the graph; export the DOT text"):
        drawing.render("digraph { a }", "svg")
    with pytest.raises(RuntimeError, match=r"it failed \d+ s ago; it is tried again after 60 s"):
        drawing.render_all(["digraph { a }", "digraph { b }"], "svg")
    assert runs(counter) == 1  # the second call did not start the program
    assert drawing.recent_failure() is not None
    drawing.forget_failures()
    assert drawing.recent_failure() is None


def test_output_that_is_not_svg_or_png_is_refused(fake_dot):
    counter = fake_dot("echo 'Warning: no fonts'; echo done")
    with pytest.raises(RuntimeError, match="graphviz wrote something that is not SVG; export the DOT text instead"):
        drawing.render("digraph { a }", "svg")
    drawing.forget_failures()
    with pytest.raises(RuntimeError, match="graphviz wrote something that is not PNG"):
        drawing.render("digraph { a }", "png")
    assert runs(counter) == 2


def test_a_failing_program_reports_its_message(fake_dot):
    fake_dot("echo 'syntax error in line 1' >&2; exit 1")
    with pytest.raises(RuntimeError, match=r"graphviz could not draw the graph \(syntax error in line 1\)"):
        drawing.render("digraph { a -> }", "svg")


def test_bad_arguments_and_a_missing_program(monkeypatch):
    with pytest.raises(ValueError, match="choose svg or png"):
        drawing.render("digraph {}", "pdf")
    with pytest.raises(TypeError, match="non-empty list of DOT texts"):
        drawing.render_all("digraph {}", "svg")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RuntimeError, match="install Debian's graphviz package"):
        drawing.render("digraph {}", "svg")
    drawing.forget_failures()


def test_failures_keep_their_template_so_a_page_can_say_them_in_turkish(fake_dot):
    fake_dot("echo 'out of memory' >&2; exit 1")
    with pytest.raises(RuntimeError) as raised:
        drawing.render("digraph {}", "svg")
    sentence = raised.value.args[0]
    assert sentence.template == "graphviz could not draw the graph ({message}); export the DOT text instead"
    assert sentence.values == {"message": "out of memory"}
    again = drawing.recent_failure()  # the remembered failure, with how long ago
    assert again.startswith("graphviz could not draw the graph (out of memory); export the DOT text instead (it failed ")
    assert again.template == "{sentence} (it failed {ago:.0f} s ago; it is tried again after {retry:.0f} s)"
    assert again.values["sentence"].template == sentence.template and again.values["retry"] == drawing.RETRY_AFTER_S


def test_a_failure_within_unremembered_raises_but_is_not_remembered(monkeypatch):
    def hung(dot, fmt):
        raise RuntimeError(drawing.Message("Graphviz took longer than {s} s", s=5))

    drawing.forget_failures()
    monkeypatch.setattr(drawing, "_run", hung)
    with drawing.unremembered(), pytest.raises(RuntimeError, match="longer than 5 s"):
        drawing.render("digraph { a }", "svg")
    assert drawing.recent_failure() is None  # the next reader tries Graphviz
    with pytest.raises(RuntimeError):
        drawing.render("digraph { a }", "svg")
    assert drawing.recent_failure() is not None  # outside it, a failure is remembered as before
    drawing.forget_failures()
