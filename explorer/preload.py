"""The heavy libraries, imported once under one lock before any page runs.

A hosted app that was put to sleep is woken by its first visitors, who arrive together: each session runs
app.py and its page in a thread of its own, and pages that import pandas, Plotly or torchinfo at the same
moment from two threads could be handed a partially initialised module ("partially initialized module
'pandas' has no attribute 'Series'"). app.py calls ``heavy_imports()`` before anything else; the first
session does the imports while the others wait on the lock, then find every module complete.
"""

import importlib
import threading

MODULES = (
    "numpy",
    "pandas",
    "pyarrow",
    "plotly.graph_objects",
    "plotly.subplots",
    "plotly.colors",
    "plotly.io",
    "torch",
    "torch.fx",
    "torch.utils.flop_counter",
    "torchinfo",
    "resblocks.analysis",  # traces every block class at import
    "resblocks.budget",
    "resblocks.bench",
    "resblocks.equivalence",
    "resblocks.graph",
    "resblocks.networks",
    "resblocks.split",
)
_LOCK = threading.Lock()
_done = False


def heavy_imports() -> None:
    """Import MODULES once per process; later calls return at once."""
    global _done
    if _done:
        return
    with _LOCK:
        if not _done:
            for name in MODULES:
                importlib.import_module(name)
            _done = True
