"""What several chapters share: the tolerance, data-year bounds, and the records of events and findings."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from analysis.core import verdicts
from analysis.core.data import DataError, load
from analysis.core.params import Param

# the same relative tolerance, and the same alternatives, in every chapter that grades figures
TOLERANCE = Param("tolerance", float, 0.10, "relative difference within which a figure counts as accurate",
                  minimum=0.0, maximum=1.0, grid=(0.05, 0.15))


def data_years(years: Callable[[], tuple[int, int]], note: str) -> dict:
    """A parameter's bounds, the first and last of the years some data cover, read when the parameter is
    checked (so a changed data file moves them); ``note`` says which data (``Param``'s arguments)."""
    return dict(minimum=lambda: years()[0], maximum=lambda: years()[1], range_note=note)


# --- records of events and findings (data/records/events_and_findings.csv) ------------------------------

def records(measure: str) -> pd.DataFrame:
    """The catalogued records of one event or finding; an unknown measure is an error, never an empty table."""
    frame = load("events_and_findings")
    rows = frame[frame["measure"].to_numpy() == measure]  # numpy's comparison: this runs thousands of times a build
    if rows.empty:
        raise DataError(f"records/events_and_findings.csv: no record of {measure!r}")
    return rows


def _preferred(measure: str) -> tuple[pd.DataFrame, str]:
    """The official records of a measure when there are any (secondary ones only say the same less
    reliably), else the secondary ones, and that tier."""
    rows = records(measure)
    official = rows[rows["tier"].to_numpy() == "official"]
    return (official, "official") if len(official) else (rows, "secondary")


def _sources(rows: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(f"{publisher}, {publication}"
                                   for publisher, publication in zip(rows["publisher"], rows["publication"])))


def record_source(*measures: str) -> tuple[str, str]:
    """Who states the preferred records of these measures, and their tier (secondary if any of them is)."""
    chosen = [_preferred(m) for m in measures]
    tiers = {tier for _, tier in chosen}
    return _sources(pd.concat([rows for rows, _ in chosen])), ("secondary" if "secondary" in tiers else "official")


def record_value(measure: str) -> int:
    """The one value the preferred records of a measure agree on (they must agree)."""
    rows, _ = _preferred(measure)
    values = sorted({int(x) for x in rows["value"]})
    if len(values) != 1:
        raise DataError(f"records/events_and_findings.csv: the records of {measure!r} disagree ({values})")
    return values[0]


def record_date(measure: str) -> str:
    """The date of a measure's first record (an event's day, as the reasons name it)."""
    return records(measure)["date"].iloc[0]


def record_year(figure, measure: str, *, basis: str) -> verdicts.Evidence:
    """A stated year against the year of a measure's record date, with the preferred records' source and tier."""
    source, tier = record_source(measure)
    return verdicts.measured(figure, int(record_date(measure)[:4]), basis=basis, source=source, tier=tier)


def record(figure, measure: str, *, basis: str, cited: bool = False) -> verdicts.Evidence:
    """One stated figure against the records of ``measure``: a finding as the record states it, any other
    figure as the value the records give (their range when they differ). ``cited``: the record is the
    report the essay attributes the figure to (is it reported faithfully?)."""
    rows, tier = _preferred(measure)
    source = _sources(rows)
    if figure.kind == "finding":
        if rows["value"].nunique() > 1:
            return verdicts.bracketed(figure, 0, 1, basis=basis, source=source, tier=tier)
        return verdicts.recorded(figure, bool(rows["value"].iloc[0]), basis=basis, source=source, tier=tier,
                                 cited=cited)
    low, high = float(rows["value"].min()), float(rows["value"].max())
    if cited:
        return verdicts.cited(figure, source=source, low=low, high=high, basis=basis, tier=tier)
    if low == high:
        return verdicts.measured(figure, low, basis=basis, source=source, tier=tier)
    return verdicts.bracketed(figure, low, high, basis=basis, source=source, tier=tier)


def records_between(measure: str, first_year: int, last_year: int) -> pd.DataFrame:
    """The records of a measure dated in the years ``first_year`` to ``last_year``."""
    rows = records(measure)
    years = rows["date"].str[:4].astype(int)
    return rows[(years >= first_year) & (years <= last_year)]
