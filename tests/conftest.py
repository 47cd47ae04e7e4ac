import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _graphviz_is_tried_afresh():
    """resblocks.drawing remembers a Graphviz failure for a minute; no test inherits another's."""
    from resblocks import drawing

    drawing.forget_failures()
    yield
    drawing.forget_failures()


@pytest.fixture(autouse=True)
def _nothing_prepared_ahead(request, monkeypatch):
    """explorer.ahead works in a background thread after a page's run; in the test process that work ran beside
    the tests that followed (test_memo's tracemalloc counted its allocations). Off, but for the tests that test it
    (marked ahead) and the browser tests, whose servers are processes of their own and prepare as served."""
    if request.node.get_closest_marker("e2e") is None and request.node.get_closest_marker("ahead") is None:
        monkeypatch.setenv("RESBLOCKS_PREPARE_AHEAD", "0")


@pytest.fixture
def no_dot_program(monkeypatch):
    """A server without Debian's graphviz package: which("dot") finds nothing. The Graph page then lets the browser
    lay its graphs out, in a part that a change of g reruns: the one page with parts (controls.answers)."""
    import shutil

    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "dot" else which(name, *a, **k))
