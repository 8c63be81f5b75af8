"""Violence on both sides of the line: El Paso among the largest U.S. cities (violent crimes known to police
per 100,000 residents, ranked from the lowest, for police jurisdictions of 500,000 or more: the FBI's Table 8
counts) and homicides in Mexico."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.growth import ratio

CRIME_SOURCE = "Federal Bureau of Investigation, Uniform Crime Reporting Program (Crime in the United States, Table 8)"
EL_PASO = "El Paso, Texas"


def crime_years() -> tuple[int, int]:
    years = load("ucr_violent_crime_large_cities")["year"]
    return int(years.min()), int(years.max())


def violent_crime_ranking(year: int) -> pd.DataFrame:
    """Every jurisdiction of 500,000 or more in one year, safest first: rank 1 has the lowest violent-crime
    rate (ties share the better rank)."""
    frame = load("ucr_violent_crime_large_cities")
    frame = frame[frame["year"] == year]
    if frame.empty:
        first, last = crime_years()
        raise ValueError(f"no violent-crime counts for {year}; the data cover {first}-{last}")
    rate = frame["violent_crime"] / frame["population"] * 100_000
    table = pd.DataFrame({"jurisdiction": frame["jurisdiction"], "population": frame["population"],
                          "violent crimes": frame["violent_crime"], "rate per 100,000": rate.round(1)})
    table["rank (lowest rate = 1)"] = rate.rank(method="min").astype(int)
    return table.sort_values("rank (lowest rate = 1)").reset_index(drop=True)[
        ["rank (lowest rate = 1)", "jurisdiction", "population", "violent crimes", "rate per 100,000"]]


def el_paso_rank(year: int) -> tuple[int, int]:
    """El Paso's rank by violent-crime rate and the number of jurisdictions ranked."""
    table = violent_crime_ranking(year)
    return int(table.loc[table["jurisdiction"] == EL_PASO, "rank (lowest rate = 1)"].iloc[0]), len(table)


def _el_paso_claim(p: dict) -> verdicts.ClaimResult:
    """"The safest large city": rank by violent crime, the measure of safety FBI data give city by city;
    property crime is left out because the essay speaks of safety from violence."""
    c = claim("heyman-el-paso-safest-city")
    rank, of = el_paso_rank(p["crime_year"])
    table = violent_crime_ranking(p["crime_year"])
    safer = "; ".join(table["jurisdiction"].iloc[:rank - 1]) or "none"
    note = (f"Lower violent-crime rates than El Paso's in {p['crime_year']}: {safer}. Counts are offences known "
            "to police, so differences in reporting between cities affect the ranking.")
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], rank, source=CRIME_SOURCE,
        basis=f"El Paso's rank by violent crimes known to police per 100,000 residents among the {of} police "
              f"jurisdictions of 500,000 or more, {p['crime_year']}")], p["tolerance"], note=note)


MEXICO_HOMICIDES = "Instituto Nacional de Estadística y Geografía (INEGI), homicides by year of registration"


def mexico_homicides() -> pd.Series:
    """Homicides in Mexico by year, INEGI's death records (the 2018 table)."""
    frame = load("national_homicides").query("series == 'inegi-homicides' and vintage == '2018-table'")
    return frame.set_index("year")["value"].astype(int).sort_index()


def _mexico_violence_claim(p: dict) -> verdicts.ClaimResult:
    """"Increasingly violent": homicides in Mexico from the year before the rise the essay describes to its
    present (the essay names no first year; the grid tries others)."""
    c = claim("heyman-mexico-dto-violence-rising")
    deaths = mexico_homicides()
    start, end = p["violence_baseline_year"], p["crime_year"]
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], ratio(deaths[start], deaths[end]), source=MEXICO_HOMICIDES,
        basis=f"Homicides in Mexico, {deaths[start]:,} in {start} and {deaths[end]:,} in {end}")], p["tolerance"],
        note="All homicides, not only those of the trafficking organizations, which no official series counts apart.")
