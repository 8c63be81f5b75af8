"""Intervals for stated figures: "more than five-fold" is [5, inf), "$18 to $29 billion" is [18, 29]."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"interval low {self.low} is above high {self.high}")

    def relative_gap(self, x: float) -> float:
        """How far ``x`` lies outside the interval, relative to the nearest bound (0 inside)."""
        if x < self.low:
            return (x - self.low) / abs(self.low)
        if x > self.high:
            return (x - self.high) / abs(self.high)
        return 0.0


def stated_interval(figure) -> Interval:
    """The values a stated figure allows, before any tolerance."""
    q = figure.qualifier
    if q == "range":
        return Interval(figure.low, figure.high)
    if q in ("exact", "about"):
        return Interval(figure.value, figure.value)
    if q in ("more-than", "at-least"):
        return Interval(figure.value, math.inf)
    if q in ("less-than", "at-most"):
        return Interval(-math.inf, figure.value)
    raise ValueError(f"unknown qualifier {q!r}")
