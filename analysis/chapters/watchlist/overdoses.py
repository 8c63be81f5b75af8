"""Drug overdose deaths (Sluys 2023): by default on the basis of the commission the thesis cites (CDC's
provisional count for the 12 months ending April 2021), with the calendar-year counts as alternatives,
and the rank of a year's death rate."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.chapters.common import record
from analysis.chapters.watchlist.seizures import SEIZURES
from analysis.chapters.watchlist.sources import _origin


# The twelve-month counts: CDC's predicted value (its headline figure, the one the commission quoted) or the
# count of records received; then the calendar-year counts, final and provisional.
COUNT_KINDS = ("twelve-month", "twelve-month-reported", "final", "provisional")
# The thesis cites the commission's report of February 2022 for deaths "in the prior year".
COMMISSION_REPORT_YEAR = 2022
# The commission's own period: "in April 2021, the number of total drug overdose deaths surpassed 100,000 for the
# preceding 12-month period" (Final Report, About the Commission, p. iii); its executive summary uses the 12 months
# ending May 2021 (June 2020 to May 2021).
COMMISSION_PERIOD_END = "2021-04"
TWELVE_MONTH_COLUMNS = {"twelve-month": "deaths_predicted", "twelve-month-reported": "deaths_reported"}


def _overdose_years() -> tuple[int, int]:
    years = load("overdose_deaths")["year"]
    return int(years.min()), int(years.max())


def _rate_years() -> tuple[int, int]:
    years = load("overdose_deaths").dropna(subset=["age_adjusted_rate"]).query("status == 'final'")["year"]
    return int(years.min()), int(years.max())


def overdoses() -> pd.DataFrame:
    return load("overdose_deaths")


def twelve_month_counts() -> pd.DataFrame:
    return load("overdose_deaths_12_months").sort_values("period_end")


def twelve_month_periods() -> tuple[str, ...]:
    return tuple(twelve_month_counts()["period_end"])


def month_name(period_end: str) -> str:
    """'2021-04' as 'April 2021'."""
    return f"{pd.Timestamp(period_end + '-01'):%B %Y}"


def overdose_reading(year: int, kind: str, period_end: str = COMMISSION_PERIOD_END) -> dict | None:
    """The count of deaths of one kind: CDC's provisional count (predicted or reported) for the 12 months ending
    ``period_end``, or the final or provisional count for the calendar ``year``; None when the data have none."""
    if kind in TWELVE_MONTH_COLUMNS:
        row = twelve_month_counts().set_index("period_end").loc[period_end]
        how = "predicted, its headline figure" if kind == "twelve-month" else "as reported"
        return {"deaths": float(row[TWELVE_MONTH_COLUMNS[kind]]), "source": f"{row['publisher']}, {row['publication']}",
                "tier": row["tier"], "what": f"CDC provisional count ({how}) for the 12 months ending {month_name(period_end)}"}
    rows = overdoses()
    rows = rows[(rows["year"] == year) & (rows["status"] == kind) & rows["deaths"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {"deaths": float(row["deaths"]), "source": f"{row['publisher']}, {row['publication']}", "tier": row["tier"],
            "what": f"CDC {kind} count of drug overdose deaths in {year}"}


def first_year_over(threshold: float, kind: str) -> int | None:
    """The first calendar year whose count of that kind is above the threshold (None if none is); for the twelve-month
    counts, the year in which the first 12-month period above it ends."""
    if kind in TWELVE_MONTH_COLUMNS:
        over = first_period_over(threshold, kind)
        return None if over is None else int(over["period_end"][:4])
    rows = overdoses()
    over = rows[(rows["status"] == kind) & (rows["deaths"] > threshold)]
    return None if over.empty else int(over["year"].min())


def first_period_over(threshold: float, kind: str = "twelve-month") -> pd.Series | None:
    """The first 12-month period whose count (predicted or reported) is above the threshold."""
    rows = twelve_month_counts()
    over = rows[rows[TWELVE_MONTH_COLUMNS[kind]] > threshold]
    return None if over.empty else over.iloc[0]


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
    reading = overdose_reading(p["overdose_year"], kind, p["overdose_period_end"])
    evidence = [verdicts.measured(deaths, reading["deaths"], basis=reading["what"], source=reading["source"],
                                  tier=reading["tier"]) if reading else
                verdicts.missing(deaths, f"no {kind} count for {p['overdose_year']} is in the data")]
    first = first_year_over(deaths.value, kind)
    evidence.append(verdicts.measured(year, first, basis=(f"Year in which the first 12-month period above "
                                                          f"{number(deaths.value)} ends" if kind in TWELVE_MONTH_COLUMNS
                                                          else f"First year whose {kind} count is above "
                                                          f"{number(deaths.value)}"),
                                      source=reading["source"] if reading else "CDC National Center for Health "
                                      "Statistics", tier=reading["tier"] if reading else "official")
                    if first else verdicts.missing(year, f"no {kind} count in the data is above {number(deaths.value)}"))
    ranked = rate_rank(p["overdose_rate_year"])
    evidence.append(verdicts.measured(
        rank, ranked[0], source="CDC National Center for Health Statistics (NCHS), final age-adjusted death rates",
        basis=f"Rank of {p['overdose_rate_year']}'s age-adjusted overdose death rate among the {ranked[1]} years from "
              f"{int(overdoses()['year'].min())} with a final rate") if ranked else
        verdicts.missing(rank, f"no final age-adjusted rate for {p['overdose_rate_year']} is in the data"))
    return verdicts.judge(c.id, evidence, p["tolerance"], note=_other_basis(kind, p["overdose_year"], deaths.value))


def synthetic_share(period_end: str) -> tuple[int, int]:
    """Deaths involving synthetic opioids other than methadone (T40.4) and all overdose deaths, as reported, in the
    12 months ending ``period_end``."""
    row = twelve_month_counts().set_index("period_end").loc[period_end]
    return int(row["synthetic_opioid_deaths_reported"]), int(row["deaths_reported"])


def fentanyl_by_region(fy: int) -> pd.Series:
    """Pounds of fentanyl CBP seized in one complete fiscal year, by region."""
    frame = load(SEIZURES).query("fy == @fy and coverage == 'full' and drug == 'Fentanyl'")
    return frame.groupby("region")["quantity_lbs"].sum()


def _synthetic_claim(p: dict) -> verdicts.ClaimResult:
    """The toll the commission ties to synthetic opioids, read as most of the deaths (does it say so; do CDC's
    counts for its period show it), and Mexico as their source (the commission's report as quoted; where CBP seizes
    fentanyl)."""
    c = claim("sluys-synthetic-opioids-from-mexico")
    toll, mexico = c.stated
    period = p["overdose_period_end"]
    synthetic, deaths = synthetic_share(period)
    counts = twelve_month_counts().set_index("period_end").loc[period]
    lbs = fentanyl_by_region(p["seizure_fy"])
    southwest = float(lbs.get("southwest", 0.0))
    return verdicts.judge(c.id, [
        record(toll, "opioid_commission_synthetic_two_thirds", cited=True,
               basis="The co-chairs' release of the report: nearly two-thirds of the deaths"),
        verdicts.recorded(toll, bool(synthetic > deaths / 2), source=f"{counts['publisher']}, {counts['publication']}",
                          tier=counts["tier"],
                          basis=f"CDC provisional counts for the 12 months ending {month_name(period)}: synthetic "
                                f"opioids other than methadone were involved in {number(synthetic)} of "
                                f"{number(deaths)} reported overdose deaths ({100 * synthetic / deaths:.1f}%)"),
        record(mexico, "fentanyl_dominant_source_mexico", basis="The commission's report, as quoted in the press"),
        verdicts.recorded(mexico, bool(southwest > lbs.sum() / 2), source=_origin(SEIZURES),
                          basis=f"CBP seized {southwest:,.0f} of its {lbs.sum():,.0f} lb of fentanyl on the southwest "
                                f"border in FY{p['seizure_fy']} ({100 * southwest / lbs.sum():.1f}%)")],
        p["tolerance"], note="Seizures show where fentanyl is caught, not where it is made; the commission's report "
                             "names Mexico as the main place of manufacture, from precursors made mainly in China.")


def _other_basis(kind: str, year: int, threshold: float) -> str:
    """The count on the other basis, so the reason names both the commission's and the calendar year's."""
    if kind in TWELVE_MONTH_COLUMNS:
        final = overdose_reading(year, "final")
        return (f"The final count for calendar {year}, the alternative basis, is {number(final['deaths'])}."
                if final else "")
    commission = overdose_reading(year, "twelve-month")
    first = first_period_over(threshold)
    return (f"The commission's own basis, CDC's provisional count for the 12 months ending "
            f"{month_name(COMMISSION_PERIOD_END)}, is {number(commission['deaths'])}; the first 12-month period above "
            f"{number(threshold)} ends in {month_name(first['period_end'])}.")


def overdose_figure(**_):
    frame = overdoses()
    fig, ax = new_figure("Drug overdose deaths in the United States", "Calendar year", "Deaths (persons)")
    for kind, marker in (("final", "o"), ("provisional", "s")):
        rows = frame[(frame["status"] == kind) & frame["deaths"].notna()]
        ax.plot(rows["year"], rows["deaths"], marker=marker, linestyle="-" if kind == "final" else "none",
                label=f"{kind.capitalize()} annual count")
    months = twelve_month_counts()
    ax.plot([int(m[:4]) + int(m[5:]) / 12 for m in months["period_end"]], months["deaths_predicted"], "^",
            color="C3", label="12 months ending in the month shown (provisional, predicted)")
    milestone = claim("sluys-overdose-deaths-over-100000").stated[0]
    ax.axhline(milestone.value, color="C1", linestyle="--", label=number(milestone.value))
    ax.yaxis.set_major_formatter(lambda y, _: f"{y / 1e3:,.0f}k")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
