"""Number formatting shared by the command line and the app: every figure carries its unit."""

from __future__ import annotations


def _three_digits(v: float) -> str:
    """Three significant digits, never in scientific notation (999.7 → '1,000', not '1e+03')."""
    return f"{v:.3g}" if abs(v) < 999.5 else f"{v:,.0f}"


def count(n: float, unit: str = "") -> str:
    """1234567 → '1.23 M' (+ unit). Exact below 10,000."""
    suffix = f" {unit}" if unit else ""
    n = float(n)
    if abs(n) < 10_000:
        return f"{n:,.0f}{suffix}" if n == int(n) else f"{n:,.2f}{suffix}"
    for size, letter in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size * 0.9995:  # 999,999,999 is '1 G', not '1e+03 M'
            return f"{_three_digits(n / size)} {letter}{unit}"
    return f"{n:,.0f}{suffix}"


def nbytes(n: float) -> str:
    """Bytes in binary units: 1536 → '1.5 KiB', 1,048,000 → '1,023 KiB'."""
    n = float(n)
    for size, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if abs(n) >= size:
            return f"{_three_digits(n / size)} {name}"
    return f"{n:.0f} B"


def shape(s: tuple[int, ...] | list[int]) -> str:
    """(1, 64, 56, 56) → '1×64×56×56'."""
    return "×".join(str(d) for d in s)


def ratio(r: float) -> str:
    """0.03125 → '1/32 (3.13%)' when r is the inverse of a whole number, else '30.8%'."""
    if r > 0:
        inv = 1 / r
        if abs(inv - round(inv)) < 1e-9 and round(inv) > 1:
            return f"1/{round(inv)} ({r:.2%})"
    return f"{r:.1%}"
