"""The Turkish of every short string the app shows, keyed by its English text; one module per page.

Each module defines ``TR: dict[str, str]``. An English text may appear in more than one module only with the
same Turkish (the tests check it). A Turkish equal to the English says the text is the same in both languages
(a formula, a name).
"""

from __future__ import annotations

from importlib import import_module

MODULES = ("shell", "messages", "overview", "graph", "split", "budget", "run", "why")


def _merged() -> dict[str, str]:
    merged: dict[str, str] = {}
    for name in MODULES:
        for english, turkish in import_module(f"explorer.catalog.{name}").TR.items():
            if merged.setdefault(english, turkish) != turkish:
                raise ValueError(f"{english!r} has two Turkish texts in explorer/catalog ({name}.py and another); "
                                 "keep one")
    return merged


TR: dict[str, str] = _merged()
