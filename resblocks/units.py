"""Number formatting shared by the command line and the app: every figure carries its unit."""

from __future__ import annotations

import math

from .checks import shown

MAX_NUMBER = 1e300  # beyond this no unit helps; the formatter refuses rather than overflow


def _number(n: object, caller: str) -> float:
    """``n`` as a float when it is a finite real number no larger than MAX_NUMBER."""
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        raise TypeError(f"{caller} needs a number, not {type(n).__name__}; pass an int or a float")
    too_big = abs(n) > MAX_NUMBER if isinstance(n, int) else not math.isfinite(n) or abs(n) > MAX_NUMBER
    if too_big:
        raise ValueError(f"{caller} needs a finite number of at most {MAX_NUMBER:g}, not {shown(n)}; pass a smaller one")
    return float(n)


def _three_digits(v: float) -> str:
    """Three significant digits, never in scientific notation (999.7 → '1,000', not '1e+03')."""
    return f"{v:.3g}" if abs(v) < 999.5 else f"{v:,.0f}"


def count(n: float, unit: str = "") -> str:
    """1234567 → '1.23 M' (+ unit: '194 M MACs', the prefix apart from the unit's name). Exact below 10,000."""
    if not isinstance(unit, str):
        raise TypeError(f"count's unit must be text, not {type(unit).__name__}; pass e.g. 'MACs'")
    suffix = f" {unit}" if unit else ""
    n = _number(n, "count")
    if abs(n) < 10_000:
        return f"{n:,.0f}{suffix}" if n == int(n) else f"{n:,.2f}{suffix}"
    for size, letter in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size * 0.9995:  # 999,999,999 is '1 G', not '1e+03 M'
            return f"{_three_digits(n / size)} {letter}{suffix}"
    return f"{n:,.0f}{suffix}"


def nbytes(n: float) -> str:
    """Bytes in binary units: 1536 → '1.5 KiB', 1,048,000 → '1,023 KiB'."""
    n = _number(n, "nbytes")
    for size, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if abs(n) >= size:
            return f"{_three_digits(n / size)} {name}"
    return f"{n:.0f} B"


def shape(s: tuple[int, ...] | list[int]) -> str:
    """(1, 64, 56, 56) → '1×64×56×56'."""
    if not isinstance(s, (tuple, list)):
        raise TypeError(f"shape needs a tuple of sizes, not {type(s).__name__}; pass e.g. (1, 64, 56, 56)")
    return "×".join(str(d) for d in s)


def ratio(r: float) -> str:
    """0.03125 → '1/32 (3.13%)' when r is the inverse of a whole number, else '30.8%'."""
    r = _number(r, "ratio")
    if r > 1e-15:  # below, 1/r is no whole number a reader would want spelled out
        inv = 1 / r
        if abs(inv - round(inv)) < 1e-9 and round(inv) > 1:
            return f"1/{round(inv)} ({r:.2%})"
    return f"{r:.1%}"
