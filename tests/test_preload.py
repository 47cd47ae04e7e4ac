"""explorer.preload: sessions that start together on a cold server never see a half-imported library.

Without it, three threads importing pandas, Plotly and Streamlit's chart code at once hand one of them
"partially initialized module 'pandas'" (5 of 5 runs here). Each check runs in a fresh interpreter, the
only place where nothing is imported yet."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_VISITS = """
import threading
from explorer.preload import heavy_imports

errors = []

def visit(use):
    try:
        heavy_imports()
        use()
    except Exception as exc:
        errors.append(repr(exc))

def budget():
    import pandas as pd
    pd.Series([1])

def split():
    import plotly.graph_objects as go
    go.Figure().to_dict()

def run():
    import pyarrow
    pyarrow.array([1])

threads = [threading.Thread(target=visit, args=(use,)) for use in (budget, split, run, budget, split)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors)
"""


def test_concurrent_first_visits_see_complete_modules():
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", FIRST_VISITS], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip() == "[]"
