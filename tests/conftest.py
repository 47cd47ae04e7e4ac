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
