"""The border and its people: migrant deaths, traffic through the ports since NAFTA, the
borderland population and the crossings apprehensions stand for."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.growth import ratio
from analysis.core.plotting import finish, new_figure
from analysis.core.series import apprehensions_in, crossings


BORDERLANDS = {"on-the-line": "the counties that touch the international line",
               "border-states": "every county of California, Arizona, New Mexico and Texas"}


def _deaths_years() -> tuple[int, int]:
    fy = load("southwest_border_deaths")["fy"]
    return int(fy.min()), int(fy.max())


def _population_years() -> tuple[int, int]:
    years = load("county_population")["year"]
    return int(years.min()), int(years.max())


DEATHS_SOURCE = "U.S. Customs and Border Protection, U.S. Border Patrol southwest border deaths"


def deaths(first_fy: int, last_fy: int) -> pd.Series:
    frame = load("southwest_border_deaths").set_index("fy")["deaths"].astype(int)
    return frame.loc[first_fy:last_fy]


def _deaths_claim(p: dict) -> verdicts.ClaimResult:
    """"Roughly three to four hundred ... every year": the typical (median) year of the window, which runs from
    the first year of the data to the essay's present; the note says how many single years lie in the range."""
    c = claim("heyman-migrant-deaths-per-year")
    figure = c.stated[0]
    window = deaths(p["deaths_first_fy"], p["deaths_last_fy"])
    inside = [fy for fy, n in window.items() if figure.low <= n <= figure.high]
    outside = ", ".join(f"{n} in FY{fy}" for fy, n in window.items() if fy not in inside) or "none"
    note = (f"Single years lie within the stated range in {len(inside)} of {len(window)} years; outside it: "
            f"{outside}. These are deaths the Border Patrol recorded, a lower bound, as the essay's own "
            "\u201cconservative\u201d says.")
    return verdicts.judge(c.id, [verdicts.measured(
        figure, float(window.median()), source=DEATHS_SOURCE,
        basis=f"Median yearly count of deaths the Border Patrol recorded on the southwest border, "
              f"FY{window.index.min()}-FY{window.index.max()}")], p["tolerance"], note=note)


TRAFFIC_SOURCE = "Bureau of Transportation Statistics, Border Crossing/Entry Data (from CBP counts)"
# NAFTA took effect on 1 January 1994: the essay's "after NAFTA" counts from the year before
NAFTA_START = 1994
# where a count for the year before NAFTA was looked for (December 2026), and what the nearest figures were
TRAFFIC_SEARCH = ("No federal count of trucks or passengers entering from Mexico in 1993 was found: not in BTS's "
                  "Transportation Statistics Annual Reports (2000, 2005), North American Trade and Travel Trends or "
                  "North American Transportation in Figures, FHWA's Freight Facts and Figures 2004, GAO's reports "
                  "RCED-96-61 and NSIAD-00-25, or the Census Bureau's trade releases. GAO's daily count of trucks "
                  "before December 1995 is on another basis than BTS's, so the two are not joined.")


def _traffic_claim(p: dict) -> verdicts.ClaimResult:
    """Growth from the year before NAFTA (the essay's baseline) to the essay's present. The BTS series starts
    later; a later baseline is the nearest testable version, an alternative, never the default."""
    c = claim("heyman-nafta-traffic-growth")
    commercial, other = c.stated
    trucks, people = crossings("Trucks"), crossings("Personal Vehicle Passengers")
    start, end = p["traffic_baseline_year"], p["traffic_end_year"]
    first = int(trucks.index.min())
    if start < first:
        why = (f"the BTS crossings series starts in {first}, after NAFTA took effect in {NAFTA_START}, so there is "
               f"no count for {start}")
        note = (f"The nearest testable version puts trucks in {end} at "
                f"{number(ratio(trucks[first], trucks[end]), 'ratio')} their {first} level and personal-vehicle "
                f"passengers at {number(ratio(people[first], people[end]), 'ratio')}; it leaves out NAFTA's first "
                f"years, so it is not the essay's claim. {TRAFFIC_SEARCH}")
        return verdicts.judge(c.id, [verdicts.missing(commercial, why, source=TRAFFIC_SOURCE),
                                     verdicts.missing(other, f"likewise, no count for {start}", source=TRAFFIC_SOURCE)],
                              p["tolerance"], note=note)
    note = "" if start < NAFTA_START else (
        f"This baseline comes {start - NAFTA_START} year{'' if start - NAFTA_START == 1 else 's'} after NAFTA took "
        f"effect in {NAFTA_START}, so it leaves out the growth of NAFTA's first years.")
    return verdicts.judge(c.id, [
        verdicts.measured(commercial, ratio(trucks[start], trucks[end]),
                          basis=f"Trucks entering from Mexico, {start} to {end}", source=TRAFFIC_SOURCE),
        verdicts.measured(other, ratio(people[start], people[end]),
                          basis=f"personal-vehicle passengers entering from Mexico, {start} to {end}",
                          source=TRAFFIC_SOURCE),
    ], p["tolerance"], note=note)


def borderland_population(definition: str, year: int) -> tuple[int, int]:
    """Population and number of counties of the borderlands under a definition (the census count in a census
    year, else the July 1 estimate)."""
    frame = load("county_population")
    frame = frame[frame["year"] == year]
    series = "census" if (frame["series"] == "census").any() else "estimate"
    frame = frame[frame["series"] == series]
    if definition == "on-the-line":
        frame = frame[frame["on_mexico_border"] == 1]
    return int(frame["population"].sum()), len(frame)


def _is_census(year: int) -> bool:
    frame = load("county_population")
    return bool(((frame["year"] == year) & (frame["series"] == "census")).any())


def _population_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-borderlands-population")
    people, counties = borderland_population(p["borderlands"], p["population_year"])
    kind = "census count" if _is_census(p["population_year"]) else "July 1 estimate"
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], people, source="U.S. Census Bureau, county population",
        basis=f"Population of {BORDERLANDS[p['borderlands']]} ({counties} counties), {p['population_year']} {kind}")],
        p["tolerance"])


APPREHENSIONS = "CBP, U.S. Border Patrol apprehension statistics"


def _crossings_per_year_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-unauthorized-crossings-per-year")
    return verdicts.judge(c.id, [verdicts.measured(c.stated[0], apprehensions_in(p["year"]), source=APPREHENSIONS,
                                                   basis=f"Southwest border apprehensions in FY{p['year']}")],
                          p["tolerance"], note="Apprehensions count events, not people, and miss those never "
                                               "caught, so they only approximate crossings.")


def deaths_figure(deaths_first_fy: int, deaths_last_fy: int, **_):
    essay = claim("heyman-migrant-deaths-per-year").stated[0]
    first, last = _deaths_years()
    series = deaths(first, last)
    fig, ax = new_figure("Deaths recorded by the Border Patrol on the southwest border", "Fiscal year",
                         "Deaths (persons)")
    ax.bar(series.index, series.values, color=["C0" if deaths_first_fy <= fy <= deaths_last_fy else "C7"
                                               for fy in series.index])
    ax.axhspan(essay.low, essay.high, color="C1", alpha=0.2, label="Range the essay states")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)


def traffic_figure(traffic_end_year: int, **_):
    """Trucks and personal-vehicle passengers from Mexico, as an index of the first year."""
    fig, ax = new_figure("Inbound crossings at the U.S.-Mexico land border", "Calendar year",
                         "Index, first year of the series = 100")
    for measure, label in (("Trucks", "Trucks"), ("Personal Vehicle Passengers", "Personal-vehicle passengers")):
        series = crossings(measure)
        ax.plot(series.index, series / series.iloc[0] * 100, marker=".", label=label)
    ax.axhline(400, color="C1", linestyle="--", label="Four times the first year")
    ax.axvline(traffic_end_year, color="grey", linestyle=":", label=f"End year of the comparison ({traffic_end_year})")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
