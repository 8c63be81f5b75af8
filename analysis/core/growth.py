"""Growth measures the essays use: "doubled", "nine-fold", "17% in 17 years after inflation"."""
from __future__ import annotations

from analysis.core.inflation import price_ratio


def ratio(start: float, end: float) -> float:
    """How many times the end value is the start value."""
    if start is None or end is None:
        raise ValueError("both a start and an end value are needed for a ratio")
    if start <= 0:
        raise ValueError(f"a growth ratio needs a positive start value, got {start}")
    return float(end) / float(start)


def percent_change(start: float, end: float) -> float:
    """Change from start to end, in percent."""
    return (ratio(start, end) - 1.0) * 100.0


def real_ratio(start: float, end: float, start_year: int, end_year: int,
               deflator: str = "cpi-u", basis: str = "fiscal") -> float:
    """Growth ratio after removing the change in prices between the two years."""
    return ratio(start, end) / price_ratio(start_year, end_year, deflator, basis)


def cagr(growth_ratio: float, years: float) -> float:
    """Compound annual growth rate, in percent, that turns 1 into ``growth_ratio`` in ``years``."""
    if years <= 0:
        raise ValueError(f"compound growth needs a positive number of years, got {years}")
    if growth_ratio <= 0:
        raise ValueError(f"compound growth needs a positive ratio, got {growth_ratio}")
    return (growth_ratio ** (1.0 / years) - 1.0) * 100.0
