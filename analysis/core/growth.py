"""Growth as the essays state it: "doubled", "nine-fold" (real growth divides by ``inflation.price_ratio``)."""
from __future__ import annotations


def ratio(start: float, end: float) -> float:
    """How many times the end value is the start value."""
    if start is None or end is None:
        raise ValueError("both a start and an end value are needed for a ratio")
    if start <= 0:
        raise ValueError(f"a growth ratio needs a positive start value, got {start}")
    return float(end) / float(start)
