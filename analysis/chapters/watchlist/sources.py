"""Where the watchlist chapter's figures come from: the catalogue's publishers, and the figures
reported in text publications (recent_reported_figures), each kept with its publisher and tier."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.data import resource
from analysis.core.series import reported, weak_relay


RECENT = "recent_reported_figures"


def _origin(name: str) -> str:
    """The original publisher and publication of a data set, from the catalogue."""
    entry = resource(name)
    return f"{entry['publisher']}, {entry['publication']}"


def _recent(measure: str) -> pd.DataFrame:
    rows = reported(measure, RECENT)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in {RECENT}")
    return rows


def latest(measure: str) -> pd.Series:
    """The most recently reported figure for a measure (e.g. a death toll as it was revised)."""
    rows = _recent(measure)
    return rows.sort_values(["period_end", "value"]).iloc[-1]


def _reported(figure, row: pd.Series, basis: str) -> verdicts.Evidence:
    """A figure read from a text publication, with that publication's publisher and tier (and, when the only copy
    found is on a page a careful reader would not cite, which kind of page)."""
    relay = weak_relay(row)
    return verdicts.measured(figure, float(row["value"]), basis=f"{basis} (\u201c{row['as_printed']}\u201d"
                             + (f", read on {relay}, no better copy found)" if relay else ")"),
                             source=row["publisher"], tier=row["tier"])


def _cited(figure, row: pd.Series, source: str) -> verdicts.Evidence:
    """The figure of the report the essay cites, as the data give it."""
    return verdicts.cited(figure, source=source, value=float(row["value"]),
                          basis=f"{source} (\u201c{row['as_printed']}\u201d)")
