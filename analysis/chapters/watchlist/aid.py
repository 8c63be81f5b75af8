"""U.S. aid to Central America (World Politics Review 2019): the stated total against every measure
and definition of the region in the foreign-aid data."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.chapters.watchlist.sources import _origin


AID_COUNTRIES = {
    "central-america": ("Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama",
                        "Central America Region"),
    "seven-countries": ("Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama"),
    "northern-triangle": ("El Salvador", "Guatemala", "Honduras"),
}
AID_MEASURES = ("obligations", "disbursements", "appropriated-and-planned")
AID_LABELS = {  # each choice as a reader reads it
    "central-america": "seven countries and regional programmes", "seven-countries": "seven countries",
    "northern-triangle": "Northern Triangle", "obligations": "Obligations", "disbursements": "Disbursements",
    "appropriated-and-planned": "Appropriated and planned",
}


def _aid_years() -> tuple[int, int]:
    years = load("central_america_aid")["fiscal_year"]
    return int(years.min()), int(years.max())


def aid_total(measure: str, countries: str, first_fy: int, last_fy: int) -> float:
    frame = load("central_america_aid")
    rows = frame[(frame["transaction_type"] == measure) & frame["country"].isin(AID_COUNTRIES[countries])
                 & frame["fiscal_year"].between(first_fy, last_fy)]
    return float(rows["current_usd"].sum())


def aid_readings(first_fy: int, last_fy: int) -> pd.DataFrame:
    """Every measure and definition of Central America over the chosen years and the same span a
    fiscal year later, in billions of dollars."""
    rows = []
    for measure in AID_MEASURES:
        for countries in AID_COUNTRIES:
            row = {"measure": AID_LABELS[measure], "recipients": AID_LABELS[countries]}
            for first, last in ((first_fy, last_fy), (first_fy + 1, last_fy + 1)):
                row[f"FY{first}-FY{last}"] = aid_total(measure, countries, first, last) / 1e9
            rows.append(row)
    return pd.DataFrame(rows)


def aid_readings_accurate(p: dict) -> str:
    """The readings that would grade accurate against the stated total (prose, not a verdict)."""
    figure = claim("wpr-central-america-aid-2015-2018").stated[0]
    readings = aid_readings(p["aid_first_fy"], p["aid_last_fy"]).melt(["measure", "recipients"], var_name="years",
                                                                      value_name="usd_billion")
    close = [r for r in readings.itertuples()
             if verdicts.grade(figure, r.usd_billion, r.usd_billion, p["tolerance"])[0] == verdicts.ACCURATE]
    return "; ".join(f"{r.measure.lower()} to {r.recipients}, {r.years} "
                     f"({number(r.usd_billion, 'usd billion')})" for r in close) or "none"


# Which measure the column most plausibly meant, and what could not be set beside it.
MEANT = ("The column says the United States gave the money, which reads as paid out, so disbursements are the "
         "default measure; obligations (committed) and appropriated amounts are the alternatives. The appropriations for "
         "the U.S. Strategy for Engagement in Central America by fiscal year, tabled by the Congressional Research "
         "Service (report R44812), were not obtained, so whether the figure is the strategy's appropriations cannot be "
         "tested.")


def _aid_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("wpr-central-america-aid-2015-2018")
    total = aid_total(p["aid_measure"], p["aid_countries"], p["aid_first_fy"], p["aid_last_fy"])
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], total / 1e9, source=_origin("central_america_aid"),
        basis=f"U.S. {AID_LABELS[p['aid_measure']].lower()} to {AID_LABELS[p['aid_countries']]}, "
              f"FY{p['aid_first_fy']}-FY{p['aid_last_fy']}, nominal dollars")], p["tolerance"],
        note=f"Readings within the tolerance: {aid_readings_accurate(p)}. {MEANT}")


def aid_figure(aid_countries: str, aid_first_fy: int, aid_last_fy: int, **_):
    frame = load("central_america_aid")
    frame = frame[frame["country"].isin(AID_COUNTRIES[aid_countries])]
    fig, ax = new_figure(f"U.S. aid to Central America ({AID_LABELS[aid_countries]})", "Fiscal year",
                         "Million US dollars (nominal)")
    for measure in AID_MEASURES:
        series = frame[frame["transaction_type"] == measure].groupby("fiscal_year")["current_usd"].sum()
        ax.plot(series.index, series / 1e6, marker=".", label=AID_LABELS[measure])
    ax.axvspan(aid_first_fy - 0.5, aid_last_fy + 0.5, color="C1", alpha=0.12, label="Years summed")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
