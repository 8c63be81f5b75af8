"""The border and its people: migrant deaths, traffic through the ports since NAFTA, the
borderland population and the crossings apprehensions stand for."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number, sentence
from analysis.core.growth import ratio
from analysis.core.plotting import finish, new_figure
from analysis.core.series import apprehensions_in, crossing_years, crossings, reported


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
# NAFTA took effect on 1 January 1994: a count from that year on measures growth after NAFTA
NAFTA_START = 1994
# the paragraph compares national figures (the Border Patrol's national staff and budget), and NAFTA covers both
# land borders, so both are the default; the Mexican border alone is the alternative
TRAFFIC_BORDERS = {"both": ("us-canada", "us-mexico"), "us-mexico": ("us-mexico",)}
BORDER_WORDS = {"both": "from Canada and Mexico", "us-mexico": "from Mexico"}
TRAFFIC_KINDS = {  # the essay's two kinds of traffic: BTS measures, and the counts BTS printed before its series
    "commercial": (("Trucks",), "truck_crossings_both_borders", "trucks entering"),
    "non-commercial": (("Personal Vehicle Passengers", "Bus Passengers", "Train Passengers", "Pedestrians"),
                       "passenger_crossings_both_borders", "people entering by land (in vehicles, buses, trains, on foot)"),
}
# where a count for the year before NAFTA was looked for (December 2026)
TRAFFIC_SEARCH = (f"No federal count for {NAFTA_START - 1} was found: not in BTS's Transportation Statistics Annual Reports (2000, "
                  "2005), North American Trade and Travel Trends or North American Transportation in Figures, FHWA's "
                  "Freight Facts and Figures 2004, GAO's reports RCED-96-61 and NSIAD-00-25, or the Census Bureau's "
                  "trade releases.")


def traffic(kind: str, border: str) -> dict[int, tuple[float, str]]:
    """Every count of one kind of traffic at one border setting by calendar year, with its source: BTS's series,
    and for both borders together the earlier counts BTS printed in its annual report (official rows only)."""
    measures, early, _ = TRAFFIC_KINDS[kind]
    series = sum(crossings(m, b) for m in measures for b in TRAFFIC_BORDERS[border])
    counts = {int(y): (float(n), TRAFFIC_SOURCE) for y, n in series.items()}
    if border == "both":
        for _, row in reported(early).iterrows():
            if row["tier"] == "official" and int(row["fy_start"]) not in counts:
                counts[int(row["fy_start"])] = (float(row["value"]), f"{row['publisher']}, {row['publication']}")
    return dict(sorted(counts.items()))


def _traffic_evidence(figure, kind: str, p: dict) -> verdicts.Evidence:
    """Growth from the baseline year to the end year. A baseline from NAFTA's first year on may move to the first
    later year with a count (named in the basis), since that is still growth after NAFTA; a baseline before
    NAFTA never moves, so the year before NAFTA stays untested without its own count."""
    counts, border = traffic(kind, p["traffic_border"]), p["traffic_border"]
    start, end = p["traffic_baseline_year"], p["traffic_end_year"]
    later = [y for y in counts if start <= y < end]
    first = start if start in counts else (later[0] if later and start >= NAFTA_START else None)
    what = TRAFFIC_KINDS[kind][2]
    if first is None:
        return verdicts.missing(figure, f"no count of {what} {BORDER_WORDS[border]} for {start}",
                                source=TRAFFIC_SOURCE)
    (n0, source0), (n1, _) = counts[first], counts[end]
    moved = "" if first == start else f" (no count for {start}; {first} is the first after it)"
    sources = source0 if source0 == TRAFFIC_SOURCE else f"{source0} ({first}); {TRAFFIC_SOURCE} ({end})"
    return verdicts.measured(figure, ratio(n0, n1), source=sources,
                             basis=f"{sentence(what)} {BORDER_WORDS[border]}, {first} to {end}{moved}")


def _traffic_claim(p: dict) -> verdicts.ClaimResult:
    """Growth after NAFTA took effect, from the earliest official count, to the essay's present."""
    c = claim("heyman-nafta-traffic-growth")
    commercial, other = c.stated
    start = p["traffic_baseline_year"]
    if start < NAFTA_START:
        note = TRAFFIC_SEARCH
    elif start > NAFTA_START:
        note = (f"This baseline comes {start - NAFTA_START} year{'' if start - NAFTA_START == 1 else 's'} after NAFTA "
                f"took effect in {NAFTA_START}, so it leaves out the growth of NAFTA's first years.")
    else:
        printed = sorted({y for kind in TRAFFIC_KINDS for y, (_, source) in traffic(kind, "both").items()
                          if source != TRAFFIC_SOURCE})
        note = (f"BTS's counts for {' and '.join(map(str, printed))} cover the two borders together and are printed "
                f"rounded; its series by border begins in {crossing_years()[0]}. " + TRAFFIC_SEARCH)
    return verdicts.judge(c.id, [_traffic_evidence(commercial, "commercial", p),
                                 _traffic_evidence(other, "non-commercial", p)], p["tolerance"], note=note)


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


def traffic_figure(traffic_end_year: int, traffic_border: str, **_):
    """Trucks and people entering by land, each as an index of its earliest count after NAFTA took effect."""
    where = "the Canadian and Mexican land borders" if traffic_border == "both" else "the U.S.-Mexico land border"
    fig, ax = new_figure(f"Inbound crossings at {where}", "Calendar year", "Index, earliest count = 100")
    marked = False
    for kind, label in (("commercial", "Trucks"), ("non-commercial", "People")):
        counts = traffic(kind, traffic_border)
        years = [y for y in counts if y >= NAFTA_START]
        base = counts[years[0]][0]
        series = [y for y in years if counts[y][1] == TRAFFIC_SOURCE]  # drawn as a line; printed counts stand alone
        line, = ax.plot(series, [counts[y][0] / base * 100 for y in series], marker=".", label=label)
        printed = [y for y in years if y not in series]
        if printed:
            ax.plot(printed, [counts[y][0] / base * 100 for y in printed], "o", color=line.get_color(), markersize=8,
                    markerfacecolor="white", label=None if marked else "Count printed in BTS's annual report")
            marked = True
    stated = claim("heyman-nafta-traffic-growth").stated[0]
    ax.axhline(stated.value * 100, color="C3", linestyle="--", label="The growth the essay states")
    ax.axvline(traffic_end_year, color="grey", linestyle=":", label=f"End year of the comparison ({traffic_end_year})")
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
