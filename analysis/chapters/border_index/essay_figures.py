"""The presentation's own figures: the founding year of UNFICYP, graded against the UN's record,
and the descriptive ones, which no data can test, listed as such."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, registry
from analysis.core.data import DataError, load


def unficyp_founding() -> pd.Timestamp:
    """The date the UN Security Council established UNFICYP, as every catalogued UN record states it."""
    rows = load("governance_reported_figures").query("measure == 'unficyp_established'")
    dates = set(rows["date"])
    if len(dates) != 1:
        raise DataError(f"governance/reported_figures.csv: the UNFICYP records disagree ({sorted(dates)})")
    return pd.Timestamp(dates.pop())


def unficyp_year() -> int:
    return unficyp_founding().year


UNFICYP_SOURCE = ("UN Security Council, resolution 186 (1964); UNFICYP, Establishment of UNFICYP (The Blue Helmets, "
                  "UN Department of Public Information)")


def _unficyp_claim(p: dict) -> verdicts.ClaimResult:
    """The slide's founding year of UNFICYP against the date the UN's records give."""
    c = claim("caune-unficyp-established-1974")
    founded = unficyp_founding()
    basis = (f"The Security Council established UNFICYP on {founded.day} {founded:%B %Y}, as its resolution and "
             "the mission's own history record")
    evidence = verdicts.measured(c.stated[0], founded.year, basis=basis, source=UNFICYP_SOURCE)
    # a year is graded in years (year_tolerance); the relative tolerance plays no part, so none is declared
    return verdicts.judge(c.id, [evidence], 0.0, year_tolerance=p["year_tolerance"])


def descriptive_table() -> pd.DataFrame:
    """The presentation's descriptive figures, registered as such (no data can test them)."""
    claims = [c for c in registry().values() if c.chapter == "border_index" and c.status == "descriptive"]
    return pd.DataFrame({"claim": [c.claim for c in claims],
                         "stated": ["; ".join(f.as_printed for f in c.stated) for c in claims],
                         "verdict": verdicts.DESCRIPTIVE})
