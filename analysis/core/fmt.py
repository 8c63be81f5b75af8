"""How numbers are written in the book's prose and tables (one place, so text and ledger agree)."""
from __future__ import annotations

import math


def number(x: float | None, unit: str = "") -> str:
    """A figure for a reader: ratios as "4.97-fold", dollars in millions or billions, counts with commas."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    unit = unit.lower()
    if unit.startswith("ratio"):
        return f"{x:.2f}-fold"
    if unit == "finding":  # a statement with no figure: the record states it (1) or the opposite (0)
        return "as stated" if x else "not as stated"
    if unit == "year":  # a calendar year, never "1,964"
        return f"{x:.0f}"
    if unit.startswith("percent"):
        return f"{x:.0f}%"
    if unit == "usd billion":
        return number(x * 1e9, "usd")
    if unit == "usd million":
        return number(x * 1e6, "usd")
    if unit == "usd":
        if abs(x) >= 1e9:
            return f"${x / 1e9:.2f}".rstrip("0").rstrip(".") + " billion"
        if abs(x) >= 1e6:
            return f"${x / 1e6:.1f}".rstrip("0").rstrip(".") + " million"
        return f"${x:,.0f}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}"


def recomputed(check) -> str:
    """A check's recomputed value (with its interval when it is an estimate), the range the data allow,
    or "not tested"."""
    if check.recomputed is not None and check.low is not None:  # an estimate and its interval
        return (f"{number(check.recomputed, check.unit)} ({number(check.low, check.unit)} to "
                f"{number(check.high, check.unit)})")
    if check.recomputed is not None:
        return number(check.recomputed, check.unit)
    if check.low is not None:
        return f"{number(check.low, check.unit)} to {number(check.high, check.unit)}"
    return "not tested"


def share(x: float) -> str:
    """A relative difference such as -0.125 as "12.5%"."""
    return f"{abs(x) * 100:.1f}%"


def sentence(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower-case "Border Patrol")."""
    return text[:1].upper() + text[1:]
