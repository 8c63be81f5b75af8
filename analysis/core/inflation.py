"""Price indexes and inflation adjustment.

Two deflators, both committed as official series: BLS CPI-U (monthly) and BEA's GDP implicit
price deflator (quarterly). Annual values are averages of complete years only, by calendar year
or by federal fiscal year (October to September, labelled by the year it ends), so a partial
year is never passed off as a full one.
"""
from __future__ import annotations

import pandas as pd

from analysis.core.data import load

DEFLATORS = {
    "cpi-u": "CPI-U, U.S. city average, all items (BLS, 1982-84=100)",
    "gdp": "GDP implicit price deflator (BEA, 2012=100)",
}
DEFLATOR_SHORT = {"cpi-u": "CPI-U", "gdp": "GDP deflator"}  # for legends and table headings
BASES = ("fiscal", "calendar")


def _check(deflator: str, basis: str) -> None:
    if deflator not in DEFLATORS:
        raise ValueError(f"unknown deflator {deflator!r}; allowed: {', '.join(DEFLATORS)}")
    if basis not in BASES:
        raise ValueError(f"unknown year basis {basis!r}; allowed: {', '.join(BASES)}")


def price_index(deflator: str = "cpi-u", basis: str = "fiscal") -> pd.Series:
    """Annual average of the deflator, indexed by year (fiscal or calendar)."""
    _check(deflator, basis)
    if deflator == "cpi-u":
        frame = load("cpi_u_monthly").rename(columns={"cpi_u": "value"})
        periods_per_year = 12
        # October-December belong to the next fiscal year
        shift = frame["month"] >= 10
    else:
        frame = load("gdp_deflator_quarterly").rename(columns={"gdp_deflator": "value"})
        periods_per_year = 4
        shift = frame["quarter"] == 4
    year = frame["year"] + shift.astype(int) if basis == "fiscal" else frame["year"]
    grouped = frame["value"].astype(float).groupby(year.astype(int))
    complete = grouped.count() == periods_per_year
    series = grouped.mean()[complete]
    series.index.name = "fy" if basis == "fiscal" else "year"
    series.name = deflator
    return series


def price_ratio(from_year: int, to_year: int, deflator: str = "cpi-u", basis: str = "fiscal") -> float:
    """How many times prices rose between two years (index[to] / index[from])."""
    index = price_index(deflator, basis)
    for year in (from_year, to_year):
        if year not in index.index:
            raise ValueError(
                f"no complete {basis}-year average of {deflator} for {year}; "
                f"available {int(index.index.min())}-{int(index.index.max())}"
            )
    return float(index[to_year] / index[from_year])


def to_real(amount: float, year: int, base_year: int, deflator: str = "cpi-u", basis: str = "fiscal") -> float:
    """``amount`` in dollars of ``year`` expressed in dollars of ``base_year``."""
    return float(amount) * price_ratio(year, base_year, deflator, basis)
