"""Reference results measured elsewhere (on a GPU), read from JSON into typed data.

Each dataclass has a small parse function that takes the decoded JSON and either returns the value
or raises ReferenceError with a phrase naming the field; ``load_reference`` turns that into one
sentence naming the file and the fix. Text from a file is only ever data: the app renders it as text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..checks import Message, plain
from ..config import BlockConfig
from .devices import Provenance
from .documents import SCHEMA
from .results import SweepRow
from .settings import reference_dir
from .sweeps import SWEEP_KINDS

REFERENCE_GLOB = "gpu_reference*.json"
MAX_FILE_BYTES = 8 * 2**20
_LABEL = re.compile(r"[\w×=.+\- ]{1,40}")  # what sweeps write: g=32, 32×4d, preact_bottleneck
_FIX = Message("produce it again with python -m resblocks bench --json")


class ReferenceError(ValueError):
    """A reference results file that does not follow the schema; the message names the file and field."""


@dataclass(frozen=True)
class ReferenceRun:
    """One measured run from a reference file: what the page shows of it."""

    config: BlockConfig
    median_ms: float
    iqr_ms: float
    params: int
    macs: int
    flops: int
    throughput: float  # images per second
    tflops: float
    fraction_of_peak: float | None


@dataclass(frozen=True)
class ReferenceSweep:
    kind: str
    rows: tuple[SweepRow, ...]


@dataclass(frozen=True)
class Reference:
    """A reference results file (measured on a GPU by ``python -m resblocks bench --json``), parsed."""

    path: str
    provenance: Provenance
    runs: tuple[ReferenceRun, ...]
    sweeps: tuple[ReferenceSweep, ...]


# Fields -----------------------------------------------------------------------------------------


def _object(raw: object, where: str) -> dict:
    if not isinstance(raw, dict):
        raise ReferenceError(Message("{where} is not a JSON object", where=where))
    return raw


def _get(raw: dict, key: str, where: str, optional: bool) -> object:
    if key not in raw and not optional:
        raise ReferenceError(Message("{where}.{key} is missing", where=where, key=key))
    return raw.get(key)


def _text(raw: dict, key: str, where: str, optional: bool = False) -> str | None:
    value = _get(raw, key, where, optional)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.isprintable() or len(value) > 200:
        raise ReferenceError(Message("{where}.{key} is not a line of text (up to 200 printable characters)", where=where,
                                      key=key))
    return value


def _whole(raw: dict, key: str, where: str, optional: bool = False) -> int | None:
    value = _get(raw, key, where, optional)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReferenceError(Message("{where}.{key} is not a whole number of at least 0", where=where, key=key))
    return value


def _real(raw: dict, key: str, where: str, positive: bool = True, optional: bool = False) -> float | None:
    value = _get(raw, key, where, optional)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0 \
            or (positive and value == 0):
        raise ReferenceError(Message("{where}.{key} is not a finite number above 0" if positive else
                                     "{where}.{key} is not a finite number of at least 0", where=where, key=key))
    return float(value)


def _flag(raw: dict, key: str, where: str, optional: bool = False) -> bool | None:
    value = _get(raw, key, where, optional)
    if value is None and optional:
        return None
    if not isinstance(value, bool):
        raise ReferenceError(Message("{where}.{key} is not true or false", where=where, key=key))
    return value


def _config(raw: dict, where: str) -> BlockConfig:
    values = _object(_get(raw, "config", where, False), f"{where}.config")
    try:
        return BlockConfig(**values)
    except (TypeError, ValueError) as exc:
        reason = exc.args[0] if isinstance(exc.args[0] if exc.args else None, Message) else str(exc)[:120]
        raise ReferenceError(Message("{where}.config is not a valid block configuration ({reason})", where=where,
                                     reason=reason)) from None


# Parse functions --------------------------------------------------------------------------------


def parse_provenance(raw: object, gpu: bool = True, where: str = "provenance") -> Provenance:
    """``raw`` as a Provenance; with ``gpu`` it must name a CUDA device and a CUDA version."""
    p = _object(raw, where)
    date = _text(p, "date", where)
    try:
        datetime.fromisoformat(date)
    except ValueError:
        raise ReferenceError(Message("{where}.date is not an ISO 8601 date", where=where)) from None
    threads = _whole(p, "threads", where)
    prov = Provenance(
        device=_text(p, "device", where), device_name=_text(p, "device_name", where),
        device_kind=_text(p, "device_kind", where, optional=True) or "", capability=_text(p, "capability", where, True),
        dtype=_text(p, "dtype", where), channels_last=bool(_flag(p, "channels_last", where, True)), threads=threads,
        torch_version=_text(p, "torch_version", where), cuda_version=_text(p, "cuda_version", where, True),
        cudnn_version=_whole(p, "cudnn_version", where, True), cudnn_benchmark=_flag(p, "cudnn_benchmark", where, True),
        tf32=_flag(p, "tf32", where, True), python_version=_text(p, "python_version", where, True) or "",
        platform=_text(p, "platform", where, True) or "", date=date,
    )
    if "cuda_version" not in p:
        raise ReferenceError(Message("{where}.{key} is missing", where=where, key="cuda_version"))
    if gpu and not (prov.device.startswith("cuda") and prov.cuda_version):
        raise ReferenceError(Message("{where} does not name a CUDA device and CUDA version, so these are not GPU results",
                                     where=where))
    return prov


def parse_sweep_row(raw: object, where: str) -> SweepRow:
    r = _object(raw, where)
    label = _text(r, "label", where)
    if not _LABEL.fullmatch(label):
        raise ReferenceError(Message("{where}.label is not a point's name such as g=32 or 32×4d", where=where))
    ratios = {key: _real(r, key, where) for key in ("time_ratio", "params_ratio", "macs_ratio", "conv_ratio")}
    return SweepRow(
        label=label, config=_config(r, where), groups=_whole(r, "groups", where), params=_whole(r, "params", where),
        macs=_whole(r, "macs", where), median_ms=_real(r, "median_ms", where),
        iqr_ms=_real(r, "iqr_ms", where, positive=False), **ratios,
        truncated=bool(_flag(r, "truncated", where, True)), from_cache=bool(_flag(r, "from_cache", where, True)),
        q1_ms=_real(r, "q1_ms", where, positive=False, optional=True),
        q3_ms=_real(r, "q3_ms", where, positive=False, optional=True),
        conv3x3_ratio=_real(r, "conv3x3_ratio", where, optional=True),
    )


def parse_sweep(raw: object, where: str) -> ReferenceSweep:
    s = _object(raw, where)
    kind = s.get("kind")
    if not isinstance(kind, str) or kind not in SWEEP_KINDS:
        raise ReferenceError(Message("{where}.kind is not one of {kinds}", where=where, kinds=", ".join(SWEEP_KINDS)))
    rows = s.get("rows")
    if not isinstance(rows, list) or not rows:
        raise ReferenceError(Message("{where}.rows is not a list of measured points", where=where))
    return ReferenceSweep(kind, tuple(parse_sweep_row(row, f"{where}.rows[{j}]") for j, row in enumerate(rows)))


def parse_run(raw: object, where: str) -> ReferenceRun:
    r = _object(raw, where)
    return ReferenceRun(
        config=_config(r, where), median_ms=_real(r, "median_ms", where), iqr_ms=_real(r, "iqr_ms", where, False),
        params=_whole(r, "params", where), macs=_whole(r, "macs", where), flops=_whole(r, "flops", where),
        throughput=_real(r, "throughput_images_per_s", where), tflops=_real(r, "achieved_tflops", where),
        fraction_of_peak=_real(r, "fraction_of_peak", where, optional=True),
    )


def parse_document(doc: object, gpu: bool = True, path: str = "") -> Reference:
    """A results document (decoded JSON) as a Reference; ReferenceError with a phrase naming the field."""
    d = _object(doc, "the file")
    if d.get("schema") != SCHEMA:
        raise ReferenceError(Message("schema is {schema!r}, not {expected!r}", schema=str(d.get("schema"))[:40],
                                     expected=SCHEMA))
    runs, sweeps = d.get("runs", []), d.get("sweeps", [])
    if not isinstance(runs, list) or not isinstance(sweeps, list):
        raise ReferenceError(Message("runs and sweeps must be lists"))
    if not runs and not sweeps:
        raise ReferenceError(Message("it holds no runs and no sweeps"))
    return Reference(
        path=path,
        provenance=parse_provenance(d.get("provenance"), gpu),
        runs=tuple(parse_run(run, f"runs[{i}]") for i, run in enumerate(runs)),
        sweeps=tuple(parse_sweep(sweep, f"sweeps[{i}]") for i, sweep in enumerate(sweeps)),
    )


def load_reference(path: str | Path, gpu: bool = True) -> Reference:
    """Read and parse one reference file; ReferenceError names the file, what is wrong and the fix."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"load_reference takes a file path, not {type(path).__name__}")
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReferenceError(Message("{file} is larger than {mib} MiB; {fix}", file=path.name,
                                         mib=MAX_FILE_BYTES // 2**20, fix=_FIX))
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ReferenceError(Message("{file} could not be read as JSON ({reason}); {fix}", file=plain(path.name),
                                     reason=plain(str(exc)[:120]), fix=_FIX)) from None
    try:
        return parse_document(doc, gpu, str(path))
    except ReferenceError as exc:
        raise ReferenceError(Message("{file} is not a valid results file: {problem}; {fix}", file=path.name,
                                     problem=exc.args[0], fix=_FIX)) from None


def find_references(directory: str | Path | None = None) -> tuple[tuple[Reference, ...], tuple[str, ...]]:
    """The valid ``gpu_reference*.json`` files in ``directory`` and a sentence for each invalid one."""
    folder = Path(directory) if directory is not None else reference_dir()
    found: list[Reference] = []
    problems: list[str] = []
    for path in sorted(folder.glob(REFERENCE_GLOB)) if folder.is_dir() else []:
        try:
            found.append(load_reference(path))
        except ReferenceError as exc:
            problems.append(exc.args[0])
    return tuple(found), tuple(problems)

