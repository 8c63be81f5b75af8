"""Chapter: guns, money and the human cost (Heyman 2011, the claims not in the budgets chapter).

Cash seized against cash smuggled, migrant deaths, the fence, commercial traffic, the borderland
population, port staffing, the essay's other figures, the scenario of officers moved to the ports and
the essay's risk rubric as an explorable model.
"""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.fmt import number
from analysis.core.growth import ratio
from analysis.core.params import Param, Parameters
from analysis.core.series import crossing_years, crossings, reported, reported_in
from analysis.chapters.common import TOLERANCE, data_years
from analysis.chapters.guns_money.crime import _el_paso_claim, _mexico_violence_claim, crime_years, el_paso_rank
from analysis.chapters.guns_money.events import (_911_entry_claim, _covert_tests_claim, _payan_claim, _police_chiefs_claim,
                                                _desert_routes_claim, _port_testimony_claim, _residents_poll_claim,
                                                _spillover_claim, _terrorist_routes_claim, _wtc_1993_claim)
from analysis.chapters.guns_money.border import (BORDERLANDS, NAFTA_START, TRAFFIC_BORDERS, TRAFFIC_KINDS,
                                                 _crossings_per_year_claim, _deaths_claim, _deaths_years,
                                                 _population_claim, _population_years, _traffic_claim,
                                                 borderland_population, deaths, deaths_figure, traffic_figure)
from analysis.chapters.guns_money.money import (FEE_SERIES, _cash_claim, _fees_claim, _fence_claim, _gao_figure,
                                                _spending_claim, cash_figure, fence_costs, gao_seizures,
                                                interdiction_rate, months_spanned)
from analysis.chapters.guns_money.ports import (_ports_route_claim, _present_years, inspectors, ondcp_series,
                                                ports_share_bound, shift_scenario)
from analysis.chapters.guns_money.records import _immigrant_crime_claim, _terrorists_claim, _unauthorized_claim
from analysis.chapters.guns_money.rubric import (ESSAY_RATINGS, EQUAL_WEIGHTS, RATING_SCALE, _check_ratings,
                                                 _check_weights, first_share, ordering, orderings_share,
                                                 rubric_figure)
# the tables the notebook shows, by the chapter's name
from analysis.chapters.guns_money.crime import violent_crime_ranking  # noqa: F401
from analysis.chapters.guns_money.rubric import rubric_table  # noqa: F401


TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter (growth ratios, the tolerance and the verdict scale); rates and ranges"
PRESENT = present("heyman2011")  # the essay's present: its last complete fiscal and calendar year


def _windows(values: dict) -> None:
    for first, last in (("deaths_first_fy", "deaths_last_fy"), ("traffic_baseline_year", "traffic_end_year")):
        if values[first] >= values[last]:
            raise ValueError(f"parameter {first!r}={values[first]} must be before {last!r}={values[last]}")
    if values["flow_low_usd"] > values["flow_high_usd"]:
        raise ValueError(f"parameter 'flow_low_usd'={values['flow_low_usd']} must not exceed "
                         f"'flow_high_usd'={values['flow_high_usd']}")


PARAMETERS = Parameters(
    params=(
        TOLERANCE,
        Param("year", int, PRESENT, "fiscal year standing for the essay's present (apprehensions, budget, scenario)",
              **data_years(_present_years, "the fiscal years the staffing and apprehension data share"),
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
              **data_years(_deaths_years, "the fiscal years the deaths data cover"), grid=(1999,)),
        Param("deaths_last_fy", int, PRESENT, "last fiscal year of that window (the essay's present)",
              **data_years(_deaths_years, "the fiscal years the deaths data cover"), grid=(2009, 2011)),
        Param("traffic_baseline_year", int, NAFTA_START, "calendar year the traffic claim starts from (NAFTA's "
              "first year; from then on, the first later year with a count stands in)",
              minimum=1990, maximum=lambda: crossing_years()[1], range_note="a year before the traffic data end",
              grid=(1993, 1996)),
        Param("traffic_border", str, "both", "the land borders whose traffic the claim counts",
              choices=tuple(TRAFFIC_BORDERS), grid=("us-mexico",)),
        Param("traffic_end_year", int, PRESENT, "calendar year the traffic claim ends in (the essay's present)",
              **data_years(crossing_years, "the complete calendar years of the crossings data"), grid=(2009, 2011)),
        Param("borderlands", str, "on-the-line", "which counties make up the borderlands", choices=tuple(BORDERLANDS),
              grid=("border-states",)),
        Param("population_year", int, PRESENT, "year of the population count (the essay's present; a census year)",
              **data_years(_population_years, "the years of the county population data"), grid=(2011,)),
        Param("crime_year", int, PRESENT, "calendar year of the crime figures: El Paso's rank among the "
              "largest cities and Mexico's homicides (the essay's present)", **data_years(crime_years, "the years of the FBI city counts"),
              grid=(2009, 2011)),
        Param("violence_baseline_year", int, 2007, "year the rise in Mexico's homicides is measured from (the "
              "last year before the rise the essay describes)", minimum=2000, maximum=2009, grid=(2006, 2008)),
        Param("fee_series", str, "mmp", "survey series of smugglers' fees", choices=tuple(FEE_SERIES),
              grid=("ccis",)),
        Param("officers_shifted", int, 10000, "Border Patrol officers moved to the ports in the scenario", minimum=0),
        Param("ratings", dict, ESSAY_RATINGS, f"the essay's ratings, {RATING_SCALE[0]} (low) to {RATING_SCALE[-1]} "
              "(high), of each domain on each criterion", check=_check_ratings),
        Param("weights", dict, EQUAL_WEIGHTS, "weight of each criterion in the priority score", check=_check_weights),
    ),
    checks=(_windows,),
)


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every checked claim of this chapter, recomputed with the given parameters (the registry's unverifiable
    claims are published from their search by ``notebook.publish``)."""
    p = PARAMETERS.validate(params)
    return [_cash_claim(p), _deaths_claim(p), _desert_routes_claim(p), _fence_claim(p), _traffic_claim(p), _population_claim(p),
            _crossings_per_year_claim(p), _spending_claim(p), _fees_claim(p), _el_paso_claim(p),
            _mexico_violence_claim(p), _terrorists_claim(p), _terrorist_routes_claim(p), _immigrant_crime_claim(p),
            _ports_route_claim(p), _unauthorized_claim(p),
            _911_entry_claim(p), _wtc_1993_claim(p), _payan_claim(p),
            _police_chiefs_claim(p), _spillover_claim(p), _covert_tests_claim(p), _port_testimony_claim(p),
            _residents_poll_claim(p)]


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-cash": cash_figure(**p), "fig-deaths": deaths_figure(**p), "fig-traffic": traffic_figure(**p),
            "fig-rubric": rubric_figure(**p)}


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
    el_paso, ranked = el_paso_rank(p["crime_year"])
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
        # BTS's counts before its series by border begins, as printed (rounded in the report)
        **{f"early_{kind.replace('-', '_')}": reported(TRAFFIC_KINDS[kind][1]).iloc[0]["as_printed"]
           for kind in TRAFFIC_KINDS},
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
        "crime_year": p["crime_year"], "el_paso_rank": el_paso, "cities_ranked": ranked,
        "rating_low": RATING_SCALE[0], "rating_high": RATING_SCALE[-1],
        "rubric_ordering": ordering(p["ratings"], p["weights"]),
        "rubric_top_share": f"{shares.iloc[0, 1]:.0f}%", "rubric_top_ordering": shares.iloc[0, 0],
        "rubric_n_orderings": len(shares),
        "rubric_gdm_first_share": f"{first_share(p['ratings'], 'guns-drugs-money'):.0f}%",
    }
    return values
