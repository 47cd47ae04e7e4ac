"""The JSON document of runs and sweeps that ``python -m resblocks bench --json`` writes."""

from __future__ import annotations

from collections.abc import Sequence

from .results import RunResult, Sweep

SCHEMA = "resblocks-bench/1"


def document(runs: Sequence[RunResult] = (), sweeps: Sequence[Sweep] = ()) -> dict:
    """The JSON document of runs and sweeps, with the provenance of the first one at the top."""
    if not all(isinstance(r, RunResult) for r in runs) or not all(isinstance(s, Sweep) for s in sweeps):
        raise TypeError("document takes RunResults (from run_block) and Sweeps (from run_sweep)")
    if not runs and not sweeps:
        raise ValueError("a document needs at least one run or sweep; pass the results of run_block or run_sweep")
    first = runs[0].provenance if runs else sweeps[0].provenance
    return {
        "schema": SCHEMA,
        "provenance": first.as_dict(),
        "runs": [r.as_dict() for r in runs],
        "sweeps": [s.as_dict() for s in sweeps],
    }
