"""Drug overdose deaths (Sluys 2023): CDC's final, provisional and twelve-month counts, and the
rank of a year's death rate."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.chapters.watchlist.sources import _recent


COUNT_KINDS = ("final", "provisional", "twelve-month")
# The thesis cites the commission's report of February 2022 for deaths "in the prior year".
COMMISSION_REPORT_YEAR = 2022


def _overdose_years() -> tuple[int, int]:
    years = load("overdose_deaths")["year"]
    return int(years.min()), int(years.max())


def _rate_years() -> tuple[int, int]:
    years = load("overdose_deaths").dropna(subset=["age_adjusted_rate"]).query("status == 'final'")["year"]
    return int(years.min()), int(years.max())


def overdoses() -> pd.DataFrame:
    return load("overdose_deaths")


def twelve_month_counts() -> pd.DataFrame:
    return _recent("overdose_deaths_12_months").sort_values("period_end")


def overdose_reading(year: int, kind: str) -> dict | None:
    """The count of deaths of one kind for a calendar year: the final or provisional annual count, or the
    latest provisional count for twelve months ending in that year; None when the data have none."""
    if kind == "twelve-month":
        rows = twelve_month_counts()
        rows = rows[rows["period_end"].str.startswith(str(year))]
        if rows.empty:
            return None
        row = rows.iloc[-1]
        return {"deaths": float(row["value"]), "source": row["publisher"], "tier": row["tier"],
                "what": f"CDC provisional count for the 12 months ending {row['period_end']}"}
    rows = overdoses()
    rows = rows[(rows["year"] == year) & (rows["status"] == kind) & rows["deaths"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {"deaths": float(row["deaths"]), "source": f"{row['publisher']}, {row['publication']}", "tier": row["tier"],
            "what": f"CDC {kind} count of drug overdose deaths in {year}"}


def first_year_over(threshold: float, kind: str) -> int | None:
    """The first calendar year whose count of that kind is above the threshold (None if none is)."""
    if kind == "twelve-month":
        rows = twelve_month_counts()
        over = rows[rows["value"] > threshold]
        return None if over.empty else int(over.iloc[0]["period_end"][:4])
    rows = overdoses()
    over = rows[(rows["status"] == kind) & (rows["deaths"] > threshold)]
    return None if over.empty else int(over["year"].min())


def rate_rank(year: int) -> tuple[int, int] | None:
    """Rank of a year's final age-adjusted death rate among the years up to it that have one."""
    rows = overdoses()
    rates = rows[(rows["status"] == "final") & rows["age_adjusted_rate"].notna() & (rows["year"] <= year)]
    rates = rates.set_index("year")["age_adjusted_rate"]
    if year not in rates.index:
        return None
    return int((rates > rates[year]).sum() + 1), len(rates)


def years_over(threshold: float) -> pd.DataFrame:
    rows = overdoses()
    return rows[rows["deaths"] > threshold][["year", "status", "deaths"]]


def _overdose_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("sluys-overdose-deaths-over-100000")
    deaths, year, rank = c.stated
    kind = p["overdose_count"]
    reading = overdose_reading(p["overdose_year"], kind)
    evidence = [verdicts.measured(deaths, reading["deaths"], basis=reading["what"], source=reading["source"],
                                  tier=reading["tier"]) if reading else
                verdicts.missing(deaths, f"no {kind} count for {p['overdose_year']} is in the data")]
    first = first_year_over(deaths.value, kind)
    evidence.append(verdicts.measured(year, first, basis=f"First year whose {kind} count is above "
                                                          f"{number(deaths.value)}",
                                      source=reading["source"] if reading else "CDC National Center for Health "
                                      "Statistics", tier=reading["tier"] if reading else "official")
                    if first else verdicts.missing(year, f"no {kind} count in the data is above {number(deaths.value)}"))
    ranked = rate_rank(p["overdose_rate_year"])
    evidence.append(verdicts.measured(
        rank, ranked[0], source="CDC National Center for Health Statistics (NCHS), final age-adjusted death rates",
        basis=f"Rank of {p['overdose_rate_year']}'s age-adjusted overdose death rate among the {ranked[1]} years from "
              f"{int(overdoses()['year'].min())} with a final rate") if ranked else
        verdicts.missing(rank, f"no final age-adjusted rate for {p['overdose_rate_year']} is in the data"))
    months = twelve_month_counts()
    over = months[months["value"] > deaths.value]
    note = (f"The provisional count for twelve months first passed it for the period ending "
            f"{over.iloc[0]['period_end']} ({number(over.iloc[0]['value'])}), the period the commission's report "
            "used." if not over.empty else "")
    return verdicts.judge(c.id, evidence, p["tolerance"], note=note)


def overdose_figure(**_):
    frame = overdoses()
    fig, ax = new_figure("Drug overdose deaths in the United States", "Calendar year", "Deaths (persons)")
    for kind, marker in (("final", "o"), ("provisional", "s")):
        rows = frame[(frame["status"] == kind) & frame["deaths"].notna()]
        ax.plot(rows["year"], rows["deaths"], marker=marker, linestyle="-" if kind == "final" else "none",
                label=f"{kind.capitalize()} annual count")
    months = twelve_month_counts()
    ax.plot([int(m[:4]) + int(m[5:]) / 12 for m in months["period_end"]], months["value"], "^", color="C3",
            label="12 months ending in the month shown (provisional)")
    milestone = claim("sluys-overdose-deaths-over-100000").stated[0]
    ax.axhline(milestone.value, color="C1", linestyle="--", label=number(milestone.value))
    ax.yaxis.set_major_formatter(lambda y, _: f"{y / 1e3:,.0f}k")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
