"""resblocks is the library: plain PyTorch and plain data. Importing every one of its modules loads no drawing
or app library (checked in a fresh interpreter, where nothing else has imported them)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("streamlit", "plotly", "pandas", "graphviz", "matplotlib")

PROGRAM = """
import importlib, json, pkgutil, sys
import resblocks
names = [m.name for m in pkgutil.walk_packages(resblocks.__path__, "resblocks.") if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_the_library_imports_nothing_that_draws():
    done = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(result["modules"]) >= 10  # every module was imported, not an empty walk
    assert not set(FORBIDDEN) & set(result["loaded"]), sorted(set(FORBIDDEN) & set(result["loaded"]))
