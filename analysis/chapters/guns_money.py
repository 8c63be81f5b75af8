"""Chapter: guns, money and the human cost (Heyman 2011, the claims not in the budgets chapter).

Cash seized against cash smuggled, migrant deaths, the fence, commercial traffic, the borderland
population, port staffing, the essay's other figures, the scenario of officers moved to the ports and
the essay's risk rubric as an explorable model.
"""
from __future__ import annotations

import itertools

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.growth import ratio
from analysis.core.inflation import price_ratio
from analysis.core.params import Param, Parameters
from analysis.core.plotting import finish, new_figure
from analysis.core.series import agents as agents_series
from analysis.core.series import agents_in, apprehensions_in, crossing_years, crossings, reported, reported_in

TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter (growth ratios, the tolerance and the verdict scale); rates and ranges"

DOMAINS = ("terrorism", "guns-drugs-money", "unauthorized migration")
CRITERIA = ("harm", "probability", "feasibility")
# The essay's qualitative ratings on a 1 (low) to 3 (high) scale, each from its own wording:
# terrorism: harm "unquestionably" high, probability reduced ("only potential"), response debatable;
# guns-drugs-money: meets "all three criteria most consistently"; migration: "highly probable",
# harm takes it "out of the domain of security", feasibility of stopping flows "debatable".
ESSAY_RATINGS = {
    "terrorism": {"harm": 3, "probability": 1, "feasibility": 2},
    "guns-drugs-money": {"harm": 3, "probability": 3, "feasibility": 3},
    "unauthorized migration": {"harm": 1, "probability": 3, "feasibility": 2},
}
RATING_SCALE = (1, 2, 3)  # the ratings, from low to high
EQUAL_WEIGHTS = {"harm": 1.0, "probability": 1.0, "feasibility": 1.0}
BORDERLANDS = {"on-the-line": "the counties that touch the international line",
               "border-states": "every county of California, Arizona, New Mexico and Texas"}
# Operation Hold the Line (El Paso, September 1993) opened the build-up the essay dates to 1993
BUILDUP_START = 1993
FEE_SERIES = {"mmp": "Mexican Migration Project", "ccis": "Center for Comparative Immigration Studies"}
PRESENT = present("heyman2011")  # the essay's present: its last complete fiscal and calendar year


def _check_ratings(ratings: dict) -> None:
    if set(ratings) != set(DOMAINS):
        raise ValueError(f"parameter 'ratings' must rate exactly {', '.join(DOMAINS)}; got {', '.join(ratings)}")
    for domain, scores in ratings.items():
        if not isinstance(scores, dict) or set(scores) != set(CRITERIA):
            raise ValueError(f"parameter 'ratings' for {domain!r} must give {', '.join(CRITERIA)}")
        for criterion, score in scores.items():
            if score not in RATING_SCALE or isinstance(score, bool):
                raise ValueError(f"parameter 'ratings' {domain!r} {criterion!r}={score!r}; allowed: "
                                 f"{', '.join(map(str, RATING_SCALE[:-1]))} or {RATING_SCALE[-1]}")


def _check_weights(weights: dict) -> None:
    if set(weights) != set(CRITERIA):
        raise ValueError(f"parameter 'weights' must weigh exactly {', '.join(CRITERIA)}; got {', '.join(weights)}")
    if any(not isinstance(w, (int, float)) or isinstance(w, bool) or w < 0 for w in weights.values()) \
            or sum(weights.values()) <= 0:
        raise ValueError(f"parameter 'weights' must be numbers of zero or more, not all zero; got {weights}")


def _deaths_years() -> tuple[int, int]:
    fy = load("southwest_border_deaths")["fy"]
    return int(fy.min()), int(fy.max())


def _population_years() -> tuple[int, int]:
    years = load("county_population")["year"]
    return int(years.min()), int(years.max())


def _present_years() -> tuple[int, int]:
    """The fiscal years the staffing (nationwide) and apprehension (southwest) data share."""
    apprehensions = load("border_patrol_apprehensions").query("region == 'southwest'")["fy"]
    shared = set(agents_series().index) & set(apprehensions)
    return int(min(shared)), int(max(shared))


def _windows(values: dict) -> None:
    for first, last in (("deaths_first_fy", "deaths_last_fy"), ("traffic_baseline_year", "traffic_end_year")):
        if values[first] >= values[last]:
            raise ValueError(f"parameter {first!r}={values[first]} must be before {last!r}={values[last]}")
    if values["flow_low_usd"] > values["flow_high_usd"]:
        raise ValueError(f"parameter 'flow_low_usd'={values['flow_low_usd']} must not exceed "
                         f"'flow_high_usd'={values['flow_high_usd']}")


def _bounds(years, note):
    return dict(minimum=lambda: years()[0], maximum=lambda: years()[1], range_note=note)


PARAMETERS = Parameters(
    params=(
        Param("tolerance", float, 0.10, "relative difference within which a figure counts as accurate",
              minimum=0.0, maximum=1.0, grid=(0.05, 0.15)),
        Param("year", int, PRESENT, "fiscal year standing for the essay's present (apprehensions, budget, scenario)",
              **_bounds(_present_years, "the fiscal years the staffing and apprehension data share"),
              grid=(2009, 2011)),
        # the cash figures' defaults are GAO-11-73's, read from its rows in the data (reported_figures)
        Param("seized_usd", float, lambda: float(gao_seizures()["value"]),
              "cash seized by CBP at ports, in US dollars (by default GAO-11-73's figure)", minimum=0.0),
        Param("months_covered", int, lambda: months_spanned(gao_seizures()),
              "months the seizures cover (by default the period of GAO-11-73's figure)", minimum=1, maximum=120),
        Param("flow_low_usd", float, lambda: float(_gao_figure("cash_flow_estimate_low")["value"]),
              "low estimate of cash smuggled south each year, US dollars (by default the low end of the estimate "
              "GAO-11-73 quotes)", minimum=0.0, exclusive=True),
        Param("flow_high_usd", float, lambda: float(_gao_figure("cash_flow_estimate_high")["value"]),
              "high estimate of cash smuggled south each year, US dollars (by default the high end of that estimate)",
              minimum=0.0, exclusive=True),
        Param("deaths_first_fy", int, 1998, "first fiscal year of the window for migrant deaths",
              **_bounds(_deaths_years, "the fiscal years the deaths data cover"), grid=(1999,)),
        Param("deaths_last_fy", int, PRESENT, "last fiscal year of that window (the essay's present)",
              **_bounds(_deaths_years, "the fiscal years the deaths data cover"), grid=(2009, 2011)),
        Param("traffic_baseline_year", int, 1993, "calendar year before NAFTA the traffic claim starts from",
              minimum=1990, maximum=lambda: crossing_years()[1], range_note="a year before the traffic data end",
              grid=(1992, 1994, 1996)),
        Param("traffic_end_year", int, PRESENT, "calendar year the traffic claim ends in (the essay's present)",
              **_bounds(crossing_years, "the complete calendar years of the crossings data"), grid=(2009, 2011)),
        Param("borderlands", str, "on-the-line", "which counties make up the borderlands", choices=tuple(BORDERLANDS),
              grid=("border-states",)),
        Param("population_year", int, PRESENT, "year of the population count (the essay's present; a census year)",
              **_bounds(_population_years, "the years of the county population data"), grid=(2011,)),
        Param("fee_series", str, "mmp", "survey series of smugglers' fees", choices=tuple(FEE_SERIES),
              grid=("ccis",)),
        Param("officers_shifted", int, 10000, "Border Patrol officers moved to the ports in the scenario", minimum=0),
        Param("ratings", dict, ESSAY_RATINGS, f"the essay's ratings, {RATING_SCALE[0]} (low) to {RATING_SCALE[-1]} "
              "(high), of each domain on each criterion", check=_check_ratings),
        Param("weights", dict, EQUAL_WEIGHTS, "weight of each criterion in the priority score", check=_check_weights),
    ),
    checks=(_windows,),
)


# --- cash seized against cash smuggled ---------------------------------------------------------

GAO = "U.S. Government Accountability Office (GAO)"


def interdiction_rate(seized_usd: float, months_covered: int, flow_usd: float) -> float:
    """Share (percent) of a year's smuggled cash that the seizures, annualized, amount to."""
    return seized_usd * 12 / months_covered / flow_usd * 100


def _gao_figure(measure: str) -> pd.Series:
    rows = reported(measure)
    if rows.empty:
        raise ValueError(f"no reported figure for {measure!r} in reported_figures")
    return rows.iloc[0]


def gao_seizures() -> pd.Series:
    """GAO-11-73's count of outbound cash CBP seized at land ports, March 2009 to June 2010."""
    rows = reported("cash_seized_outbound")
    rows = rows[(rows["citation"] == "gao_11_73")]
    if len(rows) != 1:
        raise ValueError(f"expected one GAO-11-73 row of cash_seized_outbound in reported_figures, found {len(rows)}")
    return rows.iloc[0]


def _report(row: pd.Series) -> str:
    """The report number in a publication title: "... (GAO-11-73)" -> "GAO-11-73"."""
    return row["publication"].rsplit("(", 1)[-1].rstrip(")")


def months_spanned(row: pd.Series) -> int:
    """Months from a reported figure's first month to its last, both counted ("2009-03" to "2010-06": 16)."""
    (first_year, first_month), (last_year, last_month) = (map(int, row[end].split("-")[:2])
                                                          for end in ("period_start", "period_end"))
    return (last_year - first_year) * 12 + last_month - first_month + 1


def _cash_claim(p: dict) -> verdicts.ClaimResult:
    """Both figures against the GAO report the essay cites (faithful to its source?). The flow itself is an
    estimate of the National Drug Intelligence Center that no measurement can test."""
    c = claim("heyman-cash-seized-vs-smuggled")
    seized, flow = c.stated
    row = gao_seizures()
    low, high = _gao_figure("cash_flow_estimate_low"), _gao_figure("cash_flow_estimate_high")
    report = _report(low)
    rates = [interdiction_rate(p["seized_usd"], p["months_covered"], f) for f in (p["flow_high_usd"], p["flow_low_usd"])]
    months = [pd.Period(row[k], "M").strftime("%B %Y") for k in ("period_start", "period_end")]
    note = (f"GAO's seizure figure covers {months[0]} to {months[1]} and was read from a newspaper "
            f"summary of {report}, not from the report itself. Annualized over {p['months_covered']} months, the "
            f"seizures are {rates[0]:.2f}% to {rates[1]:.2f}% of the estimated flow.")
    return verdicts.judge(c.id, [
        verdicts.cited(seized, source=f"{GAO}, {report}", value=row["value"] / 1e6,
                       basis=f"{report}'s count of outbound cash CBP seized at land ports"),
        verdicts.cited(flow, source=f"{GAO}, {report}, quoting the National Drug Intelligence Center",
                       low=low["value"] / 1e9, high=high["value"] / 1e9,
                       basis=f"{report}'s figure, from the National Drug Intelligence Center, for the cash "
                             "smuggled south each year"),
        verdicts.missing(flow, "no measurement of the cash smuggled south exists beside the National Drug "
                               "Intelligence Center's estimate itself"),
    ], p["tolerance"], note=note)


# --- migrant deaths --------------------------------------------------------------------------------

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


# --- the fence ------------------------------------------------------------------------------------

def fence_costs() -> dict:
    """GAO-09-896's fence figures and what follows per mile and per year."""
    build, upkeep = _gao_figure("fence_construction_cost"), _gao_figure("fence_maintenance_cost")
    horizon, miles = _gao_figure("fence_maintenance_horizon"), _gao_figure("fence_miles_built")
    per_year = upkeep["value"] / horizon["value"]
    return {"build": build, "upkeep": upkeep, "horizon_years": int(horizon["value"]), "miles": miles["value"],
            "build_per_mile": build["value"] / miles["value"], "upkeep_per_year": per_year,
            "upkeep_per_mile_year": per_year / miles["value"]}


def _fence_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-fence-cost")
    costs = fence_costs()
    build, upkeep = costs["build"], costs["upkeep"]
    return verdicts.judge(c.id, [
        verdicts.measured(c.stated[0], build["value"] / 1e9, basis=f"{_report(build)}, construction to date",
                          source=f"{GAO}, {_report(build)}", tier=build["tier"]),
        verdicts.measured(c.stated[1], upkeep["value"] / 1e9,
                          basis=f"{_report(upkeep)}, maintenance over {costs['horizon_years']} years",
                          source=f"{GAO}, {_report(upkeep)}", tier=upkeep["tier"]),
    ], p["tolerance"])


# --- commercial and other traffic -------------------------------------------------------------------

TRAFFIC_SOURCE = "Bureau of Transportation Statistics, Border Crossing/Entry Data (from CBP counts)"
# NAFTA took effect on 1 January 1994: the essay's "after NAFTA" counts from the year before
NAFTA_START = 1994


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
                "years, so it is not the essay's claim.")
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


# --- population of the borderlands -------------------------------------------------------------------

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


# --- ports of entry (context for the port-staffing claim, which the registry marks unverifiable) -----------------

def ondcp_series(measure: str) -> pd.Series:
    """One ONDCP southwest-border series by fiscal year: actual years only (its FY1998 was a plan)."""
    rows = reported(measure)
    rows = rows[(rows["citation"] == "ondcp_sw_ins") & ~rows["note"].fillna("").str.startswith("Planned")
                & ~rows["note"].fillna("").str.contains("planned", case=False)]
    return rows.set_index("fy_start")["value"].sort_index()


def inspectors() -> pd.Series:
    """INS inspectors at southwest land ports by fiscal year (ONDCP)."""
    return ondcp_series("ins_sw_land_port_inspectors")


# --- the other figures ----------------------------------------------------------------------------

APPREHENSIONS = "CBP, U.S. Border Patrol apprehension statistics"


def _crossings_per_year_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-unauthorized-crossings-per-year")
    return verdicts.judge(c.id, [verdicts.measured(c.stated[0], apprehensions_in(p["year"]), source=APPREHENSIONS,
                                                   basis=f"Southwest border apprehensions in FY{p['year']}")],
                          p["tolerance"], note="Apprehensions count events, not people, and miss those never "
                                               "caught, so they only approximate crossings.")


def _spending_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("heyman-billions-on-migration-enforcement")
    budget = reported_in("bp_budget", p["year"], allow_secondary=True)
    if budget is None:
        evidence = verdicts.missing(c.stated[0], f"no Border Patrol budget figure for FY{p['year']}")
    else:
        evidence = verdicts.measured(
            c.stated[0], budget["value"] / 1e9, source=budget["publisher"], tier=budget["tier"],
            basis=f"Border Patrol budget in FY{p['year']}, the agency that makes the arrests (removals are funded "
                  "separately, through ICE)")
    return verdicts.judge(c.id, [evidence], p["tolerance"])


def smuggling_fees(source: str) -> pd.Series:
    fees = load("smuggling_fees")
    return fees[fees["source"] == source].set_index("year")["fee_usd"].astype(float)


def _fees_claim(p: dict) -> verdicts.ClaimResult:
    """Fees from the start of the build-up to the last year of the survey series. The share of migrants who
    hire smugglers is not in the data."""
    c = claim("heyman-smuggler-use-and-price")
    use, price = c.stated
    series = smuggling_fees(p["fee_series"])
    start, end = BUILDUP_START, int(series.index.max())
    prices = price_ratio(start, end, "cpi-u", basis="calendar")
    grew = ratio(series[start], series[end])
    note = (f"The source does not say whether these dollars are nominal or constant; were they nominal, consumer "
            f"prices rose {number(prices, 'ratio')} over the same years, leaving a real rise of "
            f"{number(grew / prices, 'ratio')}.")
    return verdicts.judge(c.id, [
        verdicts.missing(use, "no series of the share of migrants who hire smugglers is among the book's data"),
        verdicts.measured(price, grew, source=FEE_SERIES[p["fee_series"]], tier="secondary",
                          basis=f"Average fee reported to the {FEE_SERIES[p['fee_series']]}, {start} "
                                f"({number(series[start], 'usd')}) to {end} ({number(series[end], 'usd')})"),
    ], p["tolerance"], note=note)

# --- the scenario and the rubric ------------------------------------------------------------------------

def shift_scenario(officers_shifted: int, year: int) -> dict:
    """What moving Border Patrol officers to the ports would mean in one fiscal year."""
    patrol = agents_in(year)
    officers = reported_in("cbp_officers", year, allow_secondary=True)
    return {"patrol": patrol, "share_of_patrol": officers_shifted / patrol * 100,
            "cbp_officers": None if officers is None else float(officers["value"]),
            "cbp_officers_source": None if officers is None else officers["publisher"],
            "cbp_officers_tier": None if officers is None else f"{officers['tier']}",
            "added_to_ports": None if officers is None else officers_shifted / officers["value"] * 100}


def priority_scores(ratings: dict, weights: dict) -> pd.Series:
    """Weighted mean rating of each domain: higher means a higher security priority."""
    total = sum(weights.values())
    return pd.Series({d: sum(weights[k] * ratings[d][k] for k in CRITERIA) / total for d in DOMAINS})


def ordering(ratings: dict, weights: dict) -> str:
    """Domains from highest to lowest priority; "=" joins domains whose scores tie."""
    scores = priority_scores(ratings, weights).round(9)
    levels = sorted(set(scores), reverse=True)
    return " > ".join(" = ".join(d for d in DOMAINS if scores[d] == level) for level in levels)


def orderings_over_weights(ratings: dict, step: float = 0.05) -> pd.DataFrame:
    """Every weighting on a grid over the simplex, with the ordering it gives."""
    points = []
    n = round(1 / step)
    for i, j in itertools.product(range(n + 1), repeat=2):
        if i + j <= n:
            w = {"harm": i / n, "probability": j / n, "feasibility": (n - i - j) / n}
            points.append({**w, "ordering": ordering(ratings, w)})
    return pd.DataFrame(points)


# --- all claims --------------------------------------------------------------------------------------

def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every checked claim of this chapter, recomputed with the given parameters (the registry's unverifiable
    claims are published from their search by ``notebook.publish``)."""
    p = PARAMETERS.validate(params)
    return [_cash_claim(p), _deaths_claim(p), _fence_claim(p), _traffic_claim(p), _population_claim(p),
            _crossings_per_year_claim(p), _spending_claim(p), _fees_claim(p)]


# --- figures and the numbers the prose cites ------------------------------------------------------------

def cash_figure(seized_usd: float, months_covered: int, flow_low_usd: float, flow_high_usd: float, **_):
    """The interdiction rate across the whole range of flow estimates."""
    import numpy as np
    essay = claim("heyman-cash-seized-vs-smuggled").stated[1]
    low = min(flow_low_usd, essay.low * 1e9) * 0.5
    high = max(flow_high_usd, essay.high * 1e9) * 1.3
    flows = np.linspace(low, high, 200)
    fig, ax = new_figure("Cash seized as a share of cash smuggled",
                         "Estimated cash smuggled south in a year (billion US dollars, nominal)",
                         "Annualized seizures (% of the flow)")
    ax.plot(flows / 1e9, [interdiction_rate(seized_usd, months_covered, f) for f in flows], color="C0")
    ax.axvspan(flow_low_usd / 1e9, flow_high_usd / 1e9, color="C0", alpha=0.15, label="Flow range used (by default, GAO's)")
    ax.axvspan(essay.low, essay.high, color="C1", alpha=0.15, label="Range the essay states")
    ax.legend(loc="upper right", fontsize="small")
    return finish(fig)


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


def rubric_figure(ratings: dict, **_):
    """Which domain comes first for every weighting of the three criteria."""
    grid = orderings_over_weights(ratings)
    grid["first"] = grid["ordering"].str.split(" > ").str[0].str.replace(" = ", " and ")
    fig, ax = new_figure("Top security priority under each weighting", "Weight on harm (share of total)",
                         "Weight on probability (share of total)")
    for (domain, points), colour in zip(grid.groupby("first"), ("C0", "C1", "C2", "C3", "C4", "C5")):
        ax.scatter(points["harm"], points["probability"], color=colour, label=f"{domain} first", s=25)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="upper right", fontsize="small")
    return finish(fig)


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-cash": cash_figure(**p), "fig-deaths": deaths_figure(**p), "fig-traffic": traffic_figure(**p),
            "fig-rubric": rubric_figure(**p)}


def rubric_table(ratings: dict, weights: dict) -> pd.DataFrame:
    scores = priority_scores(ratings, weights)
    return pd.DataFrame([{"domain": d, **{k: ratings[d][k] for k in CRITERIA}, "priority score": round(scores[d], 2)}
                         for d in DOMAINS]).sort_values("priority score", ascending=False, kind="stable")


def first_share(ratings: dict, domain: str) -> float:
    """Percent of weightings under which ``domain`` ranks first, alone or tied."""
    grid = orderings_over_weights(ratings)
    return float(grid["ordering"].str.split(" > ").str[0].str.split(" = ").map(lambda top: domain in top).mean() * 100)


def orderings_share(ratings: dict) -> pd.DataFrame:
    grid = orderings_over_weights(ratings)
    shares = grid["ordering"].value_counts(normalize=True).mul(100).round(1)
    return shares.rename_axis("priority ordering").reset_index(name="share of weightings (%)")


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    low, high = _gao_figure("cash_flow_estimate_low"), _gao_figure("cash_flow_estimate_high")
    annual = p["seized_usd"] * 12 / p["months_covered"]
    window = deaths(p["deaths_first_fy"], p["deaths_last_fy"])
    costs = fence_costs()
    fence_fy = int(_gao_figure("fence_miles_built")["fy_end"])  # the fiscal year of GAO's fence figures
    request = reported_in("cbp_budget_request", fence_fy, allow_secondary=False)
    trucks = crossings("Trucks")
    gao_trucks = _gao_figure("truck_crossings_from_mexico")
    gao_trucks_year = int(gao_trucks["fy_start"])
    people, counties = borderland_population(p["borderlands"], p["population_year"])
    wide, wide_counties = borderland_population("border-states", p["population_year"])
    line, line_counties = borderland_population("on-the-line", p["population_year"])
    agents_sw = ondcp_series("bp_southwest_agents")
    counts = inspectors()
    scenario = shift_scenario(p["officers_shifted"], p["year"])
    shares = orderings_share(p["ratings"])
    values = {
        "year": p["year"], "tolerance": f"{p['tolerance']:.0%}",
        "seized": number(p["seized_usd"], "usd"), "months_covered": p["months_covered"],
        "seized_annual": number(annual, "usd"),
        "flow_low": number(p["flow_low_usd"], "usd"), "flow_high": number(p["flow_high_usd"], "usd"),
        "rate_low": f"{interdiction_rate(p['seized_usd'], p['months_covered'], p['flow_high_usd']):.2f}%",
        "rate_high": f"{interdiction_rate(p['seized_usd'], p['months_covered'], p['flow_low_usd']):.2f}%",
        "gao_flow": f"{number(low['value'], 'usd')} to {number(high['value'], 'usd')}",
        "deaths_window": f"FY{window.index.min()}-FY{window.index.max()}",
        "deaths_min": int(window.min()), "deaths_max": int(window.max()),
        "deaths_min_fy": f"FY{window.idxmin()}", "deaths_max_fy": f"FY{window.idxmax()}",
        "fence_miles": f"{costs['miles']:,.0f}", "fence_horizon": costs["horizon_years"],
        "fence_per_mile": number(costs["build_per_mile"], "usd"),
        "fence_upkeep_per_year": number(costs["upkeep_per_year"], "usd"),
        "fence_upkeep_per_mile_year": number(costs["upkeep_per_mile_year"], "usd"),
        "cbp_request_fy": f"FY{fence_fy}",
        "cbp_request_2009": number(request["value"], "usd") if request is not None else "n/a",
        "upkeep_share_of_cbp": f"{costs['upkeep_per_year'] / request['value'] * 100:.1f}%" if request is not None else "n/a",
        "traffic_first_year": int(trucks.index.min()), "traffic_last_year": int(trucks.index.max()),
        "trucks_first": f"{trucks.iloc[0] / 1e6:.2f} million", "trucks_1998": f"{trucks[gao_trucks_year] / 1e6:.2f} million",
        "gao_trucks_1998": gao_trucks["as_printed"], "gao_trucks_year": gao_trucks_year,
        "borderlands_definition": BORDERLANDS[p["borderlands"]], "borderlands_people": f"{people:,}",
        "borderlands_counties": counties, "line_people": f"{line:,}", "line_counties": line_counties,
        "wide_people": f"{wide:,}", "wide_counties": wide_counties, "population_year": p["population_year"],
        "inspectors_first": f"{counts.iloc[0]:,.0f}", "inspectors_last": f"{counts.iloc[-1]:,.0f}",
        "inspectors_first_fy": f"FY{counts.index[0]}", "inspectors_last_fy": f"FY{counts.index[-1]}",
        "inspectors_ratio": number(ratio(counts.iloc[0], counts.iloc[-1]), "ratio"),
        "agents_sw_ratio": number(ratio(agents_sw[counts.index[0]], agents_sw[counts.index[-1]]), "ratio"),
        "inspectors_vs_agents": "faster" if ratio(counts.iloc[0], counts.iloc[-1])
        > ratio(agents_sw[counts.index[0]], agents_sw[counts.index[-1]]) else "more slowly",
        "officers_stated": claim("heyman-shift-10000-officers").stated[0].as_printed,
        "officers_shifted": f"{p['officers_shifted']:,}", "patrol": f"{scenario['patrol']:,}",
        "share_of_patrol": f"{scenario['share_of_patrol']:.0f}%",
        "cbp_officers": f"{scenario['cbp_officers']:,.0f}" if scenario["cbp_officers"] else "no figure",
        "cbp_officers_source": scenario["cbp_officers_source"] or "none",
        "cbp_officers_tier": scenario["cbp_officers_tier"] or "no",
        "added_to_ports": f"{scenario['added_to_ports']:.0f}%" if scenario["added_to_ports"] else "unknown",
        "rating_low": RATING_SCALE[0], "rating_high": RATING_SCALE[-1],
        "rubric_ordering": ordering(p["ratings"], p["weights"]),
        "rubric_top_share": f"{shares.iloc[0, 1]:.0f}%", "rubric_top_ordering": shares.iloc[0, 0],
        "rubric_n_orderings": len(shares),
        "rubric_gdm_first_share": f"{first_share(p['ratings'], 'guns-drugs-money'):.0f}%",
    }
    return values
