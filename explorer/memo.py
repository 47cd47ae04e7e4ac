"""Caches bounded by what they hold: each keeps its least recently used entries up to a budget in bytes.

Streamlit's caches are bounded in entries, and one entry of the split animation holds 500 times what one
analysis holds: 360 distinct configurations took a server to 1,035 MB. ``memo`` is shared by every session
of the server like ``st.cache_resource`` (a value is never changed after it is made), and measures each value
when it is stored with ``deep_size``.
"""

from __future__ import annotations

import functools
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
MB = 1_000_000
_REGISTRY_LOCK = threading.Lock()
_SKIP = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)


def deep_size(value: object) -> int:
    """Bytes held by ``value`` and everything it reaches (containers, instance attributes, tensors' and
    arrays' data), each object counted once; modules, classes and functions are not followed."""
    seen: set[int] = set()
    total = 0
    stack = [value]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, _SKIP):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj, 64)
        nbytes = getattr(obj, "nbytes", None)  # numpy arrays and torch tensors: the data, not the header
        if isinstance(nbytes, int):
            total += nbytes
            continue
        if isinstance(obj, (str, bytes, bytearray, int, float, complex, bool)) or obj is None:
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        attributes = getattr(obj, "__dict__", None)
        if isinstance(attributes, dict):
            stack.append(attributes)
        for slot in getattr(type(obj), "__slots__", ()):
            if hasattr(obj, slot):
                stack.append(getattr(obj, slot))
    return total


@dataclass(frozen=True)
class MemoInfo:
    name: str
    entries: int
    bytes: int
    budget: int
    hits: int
    misses: int


_ALL: dict[str, _Memo] = {}  # every memo of the process, by name


class _Memo:
    def __init__(self, fn: Callable[..., Any], name: str, budget: int, size: Callable[[Any], int],
                 spinner: str | None) -> None:
        self.fn, self.name, self.budget, self.size, self.spinner = fn, name, budget, size, spinner
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.total = self.hits = self.misses = 0

    def __call__(self, *args: Hashable) -> Any:
        with self.lock:
            if args in self.items:
                self.items.move_to_end(args)
                self.hits += 1
                return self.items[args][0]
            self.misses += 1
        # Outside the lock: another session may compute the same value meanwhile.
        if self.spinner is None:
            value = self.fn(*args)
        else:
            import streamlit as st

            with st.spinner(self.spinner):
                value = self.fn(*args)
        n = self.size(value)
        with self.lock:
            if args not in self.items:
                self.items[args] = (value, n)
                self.total += n
            while self.total > self.budget and len(self.items) > 1:
                _, (_, dropped) = self.items.popitem(last=False)
                self.total -= dropped
        return value

    def info(self) -> MemoInfo:
        with self.lock:
            return MemoInfo(self.name, len(self.items), self.total, self.budget, self.hits, self.misses)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.total = 0


def memo(
    name: str, budget_mb: float, spinner: str | None = None, size: Callable[[Any], int] = deep_size
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep ``fn``'s results by its (hashable, positional) arguments, evicting the least recently used beyond
    ``budget_mb`` megabytes as measured by ``size``. The newest value is always kept, even a larger one.
    ``spinner``: shown on the page while a value is computed. Callers never change a value they get."""
    if not budget_mb > 0:
        raise ValueError(f"budget_mb must be positive, not {budget_mb!r}")

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        # A page's script runs again at every rerun and defines its function again: the cache of that name
        # lives on, and computes with the newest definition.
        with _REGISTRY_LOCK:
            cache = _ALL.get(name)
            if cache is None:
                cache = _ALL[name] = _Memo(fn, name, int(budget_mb * MB), size, spinner)
            cache.fn = fn

        @functools.wraps(fn)
        def wrapper(*args: Hashable) -> T:
            return cache(*args)

        wrapper.info = cache.info  # type: ignore[attr-defined]
        wrapper.clear = cache.clear  # type: ignore[attr-defined]
        return wrapper

    return wrap


def report() -> tuple[MemoInfo, ...]:
    """Every memo of this process, for benchmarks and the operator."""
    with _REGISTRY_LOCK:
        caches = list(_ALL.values())
    return tuple(cache.info() for cache in caches)
