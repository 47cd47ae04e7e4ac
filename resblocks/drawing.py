"""DOT text to SVG or PNG with Graphviz's ``dot`` program: checked output, a short timeout, and a short
memory of failures, so that a missing, hung or broken program costs one wait, not one per graph and rerun."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator

from .checks import Message

FORMATS = ("svg", "png")
TIMEOUT_S = 5.0  # the largest block graph takes about 25 ms
RETRY_AFTER_S = 60.0  # after a failure, graphs are not tried again for this long
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_lock = threading.Lock()
_failure: tuple[float, str] | None = None  # (when, sentence) of the last failure (a checks.Message)
_local = threading.local()  # .quiet: this thread's failures are not remembered (unremembered)


def render(dot: str, fmt: str) -> bytes:
    """Draw one DOT graph as ``fmt`` ("svg" or "png"). Raises RuntimeError with a sentence when Graphviz
    is missing, fails, takes longer than TIMEOUT_S or writes something that is not an SVG or PNG."""
    return render_all([dot], fmt)[0]


def render_all(dots: list[str] | tuple[str, ...], fmt: str) -> tuple[bytes, ...]:
    """Draw several DOT graphs in one run of ``dot`` (a comparison is one wait, not four)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not supported; choose svg or png")
    if isinstance(dots, str) or not all(isinstance(d, str) for d in dots) or not dots:
        raise TypeError("render_all needs a non-empty list of DOT texts")
    if fmt == "png" and len(dots) > 1:
        return tuple(render_all([dot], fmt)[0] for dot in dots)
    _raise_recent_failure()
    try:
        out = _run("\n".join(dots), fmt)
        parts = _split_svgs(out, len(dots)) if fmt == "svg" else (_checked_png(out),)
    except RuntimeError as exc:
        _remember(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
        raise
    return parts


@contextlib.contextmanager
def unremembered() -> Iterator[None]:
    """Within it, this thread's failures raise as always but are not remembered for every caller: work done ahead
    of a reader, at the lowest priority and beside other work, may time out where a reader's drawing would not."""
    before = getattr(_local, "quiet", False)
    _local.quiet = True
    try:
        yield
    finally:
        _local.quiet = before


def forget_failures() -> None:
    """Try Graphviz again at the next call (after the program has been installed or mended)."""
    global _failure
    with _lock:
        _failure = None


def available() -> bool:
    """Whether graphs are drawn here now: Graphviz's ``dot`` is installed and has not failed in the last
    RETRY_AFTER_S (a caller that draws them otherwise, or not at all, decides without a wait)."""
    return shutil.which("dot") is not None and recent_failure() is None


def recent_failure() -> str | None:
    """The sentence of a failure less than RETRY_AFTER_S ago, while graphs are not tried; else None.
    A checks.Message, as are the RuntimeErrors' sentences, so that an app can say it in another language."""
    with _lock:
        failure = _failure
    if failure is None:
        return None
    when, sentence = failure
    ago = time.monotonic() - when
    if ago >= RETRY_AFTER_S:
        return None
    return Message("{sentence} (it failed {ago:.0f} s ago; it is tried again after {retry:.0f} s)", sentence=sentence,
                   ago=ago, retry=RETRY_AFTER_S)


def _raise_recent_failure() -> None:
    sentence = recent_failure()
    if sentence is not None:
        raise RuntimeError(sentence)


def _remember(sentence: str) -> None:
    global _failure
    if getattr(_local, "quiet", False):
        return
    with _lock:
        _failure = (time.monotonic(), sentence)


def _run(dot: str, fmt: str) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise RuntimeError(Message(
            "the graphviz 'dot' program is not installed; install Debian's graphviz package for SVG/PNG export"
        ))
    try:
        done = subprocess.run([program, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise RuntimeError(Message("graphviz took more than {limit:.0f} s to draw the graph; export the DOT text instead",
                                   limit=TIMEOUT_S)) from None
    except OSError as exc:
        raise RuntimeError(Message("graphviz could not be started ({reason}); export the DOT text instead",
                                   reason=exc.strerror)) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise RuntimeError(Message("graphviz could not draw the graph ({message}); export the DOT text instead",
                                   message=message))
    return done.stdout


def _split_svgs(out: bytes, count: int) -> tuple[bytes, ...]:
    """The SVG documents ``dot`` wrote one after another, each from its ``<svg`` element to ``</svg>``."""
    text = out.decode("utf-8", "replace")
    parts, start = [], 0
    for _ in range(count):
        begin = text.find("<svg", start)
        end = text.find("</svg>", begin)
        if begin < 0 or end < 0:
            raise RuntimeError(Message("graphviz wrote something that is not SVG; export the DOT text instead"))
        parts.append(text[begin:end + len("</svg>")].encode("utf-8"))
        start = end
    return tuple(parts)


def _checked_png(out: bytes) -> bytes:
    if not out.startswith(PNG_MAGIC):
        raise RuntimeError(Message("graphviz wrote something that is not PNG; export the DOT text instead"))
    return out
