"""Mexico's national homicide series from both publishers (INEGI death certificates, SESNSP
prosecutors' files) and their releases: the peak the essay dates to 2018, and the fall since."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.plotting import finish, new_figure
from analysis.chapters.kingpin.sinaloa import _mark_chapo


SERIES = {
    "sesnsp-homicidio-doloso-victims": "SESNSP, victims of intentional homicide in prosecutors' files",
    "inegi-homicides": "INEGI, homicides on death certificates (year of registration)",
    "inegi-homicides-occurrence": "INEGI death records by year of occurrence (Gargiulo et al. tabulation)",
}
# "latest" takes, for each year, the most recent release the data hold, in this order; "first" the
# earliest, in the reverse order (a year's figure as first published)
VINTAGES = ("current-file", "definitive", "definitive-unconfirmed", "preliminary", "as-quoted",
            "2019-01-release", "2018-table", "gargiulo-file")
POPULATION = ("conapo-2023-population", "2023-release")  # national mid-year population, for the murder rate
CFR_NOT_FOUND = ("the Council on Foreign Relations page the essay cites for it (note 27) was not found in the sources "
                 "searched, so whether the essay quotes it faithfully is open")


def _series_years() -> tuple[int, int]:
    years = load("national_homicides")["year"]
    return 2000, int(years[years < _sesnsp_last_complete_year() + 1].max())


def _sesnsp_last_complete_year() -> int:
    frame = load("state_month_victims_sesnsp")
    months = frame.groupby("year")["month"].nunique()
    return int(months[months == 12].index.max())


def national(series: str, vintage: str) -> pd.DataFrame:
    """One national series by year, with the release each year's figure comes from."""
    frame = load("national_homicides")
    frame = frame[frame["series"] == series].copy()
    if vintage not in ("latest", "first"):
        frame = frame[frame["vintage"] == vintage]
    order = VINTAGES if vintage != "first" else VINTAGES[::-1]
    frame["rank"] = frame["vintage"].map({v: i for i, v in enumerate(order)})
    frame = frame.sort_values(["year", "rank"]).drop_duplicates("year")
    if series.startswith("sesnsp"):
        frame = frame[frame["year"] <= _sesnsp_last_complete_year()]
    return frame.set_index("year")[["value", "vintage", "publisher", "tier"]]


def matches(value: float) -> list[str]:
    """Every series and vintage in the data that prints exactly ``value``."""
    frame = load("national_homicides")
    hits = frame[frame["value"] == value]
    return [f"{r.series} ({r.vintage}, {r.year})" for r in hits.itertuples()]


def series_summary(first_year: int, last_year: int) -> pd.DataFrame:
    """For each series and vintage: the 2018 figure, the peak and the fall from it."""
    rows = []
    frame = load("national_homicides")
    for series in SERIES:
        for vintage in ["latest"] + sorted(set(frame[frame["series"] == series]["vintage"])):
            data = national(series, vintage)["value"].loc[first_year:last_year]
            if len(data) < 2:
                continue
            peak = int(data.idxmax())
            rows.append({"series": SERIES[series], "vintage": vintage_label(vintage), "years": f"{data.index.min()}-{data.index.max()}",
                         "2018": f"{data[2018]:,.0f}" if 2018 in data.index else "",
                         "peak year": peak, "peak": f"{data[peak]:,.0f}",
                         "latest": f"{data.iloc[-1]:,.0f} ({data.index[-1]})",
                         "fall from peak": f"{(1 - data.iloc[-1] / data[peak]) * 100:.1f}%"})
    return pd.DataFrame(rows)


VINTAGE_LABELS = {"first": "each year as first published", "latest": "each year's latest revision",
                  "current-file": "the current data file", "definitive": "definitive figures",
                  "definitive-unconfirmed": "definitive figures, not yet confirmed", "preliminary": "preliminary figures",
                  "as-quoted": "as quoted by others", "2019-01-release": "the January 2019 release",
                  "2018-table": "the 2018 table", "gargiulo-file": "the Gargiulo et al. file"}


def vintage_label(vintage: str) -> str:
    """A release as readers read it (the parameter's keys are for the code)."""
    return VINTAGE_LABELS.get(vintage, f"release {vintage}")


def national_population() -> pd.Series:
    """Mexico's mid-year population by year (CONAPO, 2023 release), for the murder rate."""
    frame = load("national_homicides")
    frame = frame[(frame["series"] == POPULATION[0]) & (frame["vintage"] == POPULATION[1])]
    return frame.set_index("year")["value"].astype(float)


def _peak_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-mexico-homicide-peak-2018")
    peaked, level, since = c.stated
    year, end = int(peaked.value), p["last_year"]
    table = national(p["series"], p["vintage"])
    data = table["value"].loc[p["first_year"]:end]
    named = f"{SERIES[p['series']]}, {vintage_label(p['vintage'])}"
    publisher = str(table["publisher"].iloc[0]) if len(table) else ""
    # a peak needs the years after it (as many as the release has); the fall since needs the present itself
    covered = year in data.index and end in data.index and end > year
    if year in data.index and data.index.max() > year:
        evidence = [verdicts.measured(peaked, int(data.idxmax()), source=publisher,
                                      basis=f"{named}, highest year of {data.index.min()}-{data.index.max()}")]
    else:
        evidence = [verdicts.missing(peaked, f"{named} has no years after {year} to compare it with")]
    if year in data.index:
        evidence.append(verdicts.measured(level, float(data[year]), basis=f"{named} in {year}", source=publisher,
                                          tier=table.loc[year, "tier"]))
    else:
        evidence.append(verdicts.missing(level, f"{named} has no figure for {year}"))
    evidence.append(verdicts.missing(level, CFR_NOT_FOUND, cited=True))
    if covered:
        people = national_population()
        rate = data / people.reindex(data.index)
        evidence.append(verdicts.measured(since, float(rate[end] / rate[year]), source=f"{publisher}; CONAPO",
                                          basis=f"Homicides per head ({named}; CONAPO population), {end} against "
                                                f"{year}"))
    else:
        evidence.append(verdicts.missing(since, f"{named} does not cover {year} to {end}"))
    exact = "; ".join(matches(level.value)) or "no series"
    return verdicts.judge(c.id, evidence, p["tolerance"], year_tolerance=p["year_tolerance"],
                          note=f"The printed figure matches exactly: {exact}.")


def national_figure(first_year: int, last_year: int, **_):
    fig, ax = new_figure("Homicides in Mexico by publisher", "Year", "Homicides or victims per year")
    for series, label in SERIES.items():
        data = national(series, "latest")["value"].loc[first_year:last_year]
        ax.plot(data.index, data.values, marker=".", label=label)
    ax.scatter([2018], [claim("byers-mexico-homicide-peak-2018").stated[0].value], marker="X", s=90, color="black",
               zorder=3, label="The essay's figure for 2018")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    _mark_chapo(ax, monthly=True)
    ax.legend(loc="lower right", fontsize="x-small")
    return finish(fig)
