"""A configuration from untrusted values (URL parameters, form fields): every bad value falls back to the
default with a note that says why, so nothing a reader types can raise."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, replace

from .checks import Message, shown
from .config import CHOICE_FIELDS, INT_FIELDS, LIMITS, BlockConfig, ConfigError, require_config
from .registry import BLOCK_NAMES, REGISTRY


def from_values(
    values: Mapping[str, object],
    base: BlockConfig | None = None,
    combine: bool = True,
    limits: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[BlockConfig, list[str]]:
    """Build a config from untrusted values (URL parameters, form fields).

    Returns the config and a list of notes, one per value that was ignored and why. A bad value
    falls back to the default; a combination that fails validation falls back field by field
    (with ``combine=False`` only single values are checked and the combination is left to the caller).
    ``limits`` narrows the accepted range of some fields (a control that offers less than LIMITS).
    """
    if not isinstance(values, Mapping):
        raise TypeError(Message("from_values needs a mapping of names to values, not {kind}; pass a dict",
                                kind=type(values).__name__))
    base = BlockConfig() if base is None else require_config(base, "from_values")
    ranges = {**LIMITS, **(limits or {})}
    notes: list[str] = []  # each a Message: an app can say it in its reader's language
    clean: dict[str, object] = {}

    block = values.get("block")
    if block is not None:
        block = _scalar(block)
        if isinstance(block, str) and block in REGISTRY:
            clean["block"] = block
        else:
            notes.append(Message("Ignored block={value}: choose one of {choices}.", value=_shown(block),
                                 choices=", ".join(BLOCK_NAMES)))
    for name in INT_FIELDS:
        if name not in values or values[name] is None:
            continue
        raw = _scalar(values[name])
        number = as_int(raw)
        low, high = ranges[name]
        if number is None:
            notes.append(Message("Ignored {name}={value}: it must be a whole number from {low} to {high}.",
                                 name=name, value=_shown(raw), low=low, high=high))
        elif not low <= number <= high:
            notes.append(Message("Ignored {name}={value}: it must be from {low} to {high}.", name=name,
                                 value=_shown(raw), low=low, high=high))
        else:
            clean[name] = number

    for name, choices in CHOICE_FIELDS.items():
        if name not in values or values[name] is None:
            continue
        raw = _scalar(values[name])
        if isinstance(raw, str) and raw in choices:
            clean[name] = raw
        else:
            notes.append(Message("Ignored {name}={value}: choose one of {choices}.", name=name, value=_shown(raw),
                                 choices=", ".join(choices)))

    block_name = clean.get("block", base.block)
    entry = REGISTRY[block_name]
    if not entry.grouped:  # groups/base_width do not apply; say so only when they were set
        for name, fixed in (("groups", 1), ("base_width", 64)):
            if name in clean and clean[name] != fixed:
                notes.append(Message("Ignored {name}={value}: the {block} block has no grouped 3×3.", name=name,
                                     value=clean[name], block=block_name))
            clean[name] = fixed
    start = base.replace(block=block_name) if block_name != base.block else base

    if not combine:
        return start, notes
    # A choice that does not apply to the block is a combination: noted only when the values are combined.
    for name, applies, why in (("preact_shortcut", entry.preactivated,
                                "Ignored {name}={value}: the {block} block has no pre-activation projection."),
                               ("stride_on", entry.bottleneck,
                                "Ignored {name}={value}: the {block} block has no 1×1 before its 3×3.")):
        if not applies:
            if clean.get(name, CHOICE_FIELDS[name][0]) != CHOICE_FIELDS[name][0]:
                notes.append(Message(why, name=name, value=clean[name], block=block_name))
            clean[name] = CHOICE_FIELDS[name][0]
    try:
        return replace(start, **clean), notes
    except ConfigError as whole:
        # Keep as many of the given values as form a valid config, in field order.
        cfg = start
        kept: dict[str, object] = {}
        for name in [f.name for f in fields(BlockConfig)]:
            if name not in clean or name == "block":
                continue
            try:
                cfg = replace(start, **kept, **{name: clean[name]})
                kept[name] = clean[name]
            except ConfigError:
                continue
        dropped = [n for n in clean if n != "block" and n not in kept]
        notes.append(Message("Ignored {names}: {reason}.", names=", ".join(dropped), reason=whole.args[0]))
        return cfg, notes


def _scalar(value: object) -> object:
    """The last of repeated values (URLs may repeat a key), else the value itself."""
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    return value


_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


def as_int(raw: object) -> int | None:
    """``raw`` as a whole number (an int, a whole float, or ASCII digits with a sign), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    match = _WHOLE_NUMBER.fullmatch(str(raw).strip())  # ASCII digits only: int() refuses '²' and '①'
    return int(match.group()) if match else None


def _shown(raw: object) -> str:
    """A user value as plain quoted text, cut short; never meant to be rendered as HTML."""
    return shown(str(raw))
