"""Chapter: watchlist encounters, gotaways and smuggling money (Byers and Warner 2024), with the
overdose figure (Sluys 2023) and the Central America aid figure (World Politics Review 2019).

CBP's Terrorist Screening Data Set table, gotaways summed source by source, the congressional
report on released watchlist encounters, a small model of smuggling revenue, the individual cases
the essay cites, CDC's overdose counts, daily traffic at the ports and foreign-aid data.
"""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.params import Param, Parameters
from analysis.core.series import crossing_years
from analysis.chapters.common import TOLERANCE, data_years
from analysis.chapters.watchlist.aid import AID_COUNTRIES, AID_MEASURES, _aid_claim, _aid_years, aid_figure
from analysis.chapters.watchlist.cases import (_attack_claim, _network_claim, _quantico_claim, _san_diego_claim,
                                              _tajik_claim, _uzbek_baltimore_claim, _uzbeks_claim)
from analysis.chapters.watchlist.encounters import (COMPARISON_BORDERS, JUMP_FACTOR, TSDS_LOCATIONS, _between_claim,
                                                    _ports_claim, _rise_claim, _tsds_full_years, between_over_ports,
                                                    essay_tsds_numbers, likely_typos, totals_that_do_not_add_up, tsds,
                                                    tsds_figure, tsds_jumps, usbp_share_mismatches)
from analysis.chapters.watchlist.gotaways import (GOTAWAY_SOURCES, _gotaway_span, _gotaway_years, _gotaways_claim,
                                                  _stated_undercount, _undercount_claim, gotaways_figure, gotaways_sum,
                                                  undercount_range)
from analysis.chapters.watchlist.events import (_asylum_claim, _candidate_wall_claim, _cartel_fees_claim,
                                               _commission_report_claim, _eagle_pass_claim,
                                               _emergency_claim, _isis_k_abroad_claim, _patriot_act_claim,
                                               _president_wall_claim, _tajik_cities_claim, _tajik_release_claim,
                                               _wray_claim, _yuma_sheriff_claim)
from analysis.chapters.watchlist.overdoses import (COMMISSION_PERIOD_END, COMMISSION_REPORT_YEAR, COUNT_KINDS,
                                                   _overdose_claim, _overdose_years, _rate_years, _synthetic_claim,
                                                   first_period_over,
                                                   month_name, overdose_figure, twelve_month_periods, years_over)
from analysis.chapters.watchlist.ports import POE_BORDERS, _poe_claim, travellers_per_day
from analysis.chapters.watchlist.released import (_nationalities_claim, _outcomes_claim, _released_claim,
                                                  cbp_between_ports_sw, release_figures)
from analysis.chapters.watchlist.smuggling import (_revenue_claim, _typical_fee, _usbp_years, revenue_interval,
                                                   smuggling_figure)
from analysis.chapters.watchlist.seizures import DRUG_SETS, _scale_claim, _threat_claim, seizure_years, seizures_by_region
from analysis.chapters.watchlist.sources import RECENT, _recent
# the tables the notebook shows, by the chapter's name
from analysis.chapters.watchlist.aid import aid_readings  # noqa: F401
from analysis.chapters.watchlist.encounters import tsds_table  # noqa: F401
from analysis.chapters.watchlist.gotaways import gotaway_sources_supporting, gotaways_table  # noqa: F401
from analysis.chapters.watchlist.released import outcome_shares  # noqa: F401
from analysis.chapters.watchlist.seizures import seizures_table  # noqa: F401
from analysis.chapters.watchlist.smuggling import estimates_table  # noqa: F401


TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter; reading an official table; telling events from people"


def _ranges(values: dict) -> None:
    for low, high in (("undercount_low", "undercount_high"), ("paid_share_low", "paid_share_high"),
                      ("fee_low_usd", "fee_high_usd"), ("aid_first_fy", "aid_last_fy")):
        if values[low] > values[high]:
            raise ValueError(f"parameter {low!r}={values[low]} must not exceed {high!r}={values[high]}")
    if values["tsds_baseline_fy"] >= values["tsds_end_fy"]:
        raise ValueError(f"parameter 'tsds_baseline_fy'={values['tsds_baseline_fy']} must be before "
                         f"'tsds_end_fy'={values['tsds_end_fy']}")


PARAMETERS = Parameters(
    params=(
        TOLERANCE,
        Param("tsds_baseline_fy", int, 2019, "fiscal year the rise in TSDS encounters is measured from (the first "
              "year of CBP's table, before the pandemic's fall in travel; 'the last few years' fixes no year)",
              **data_years(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2020, 2021)),
        Param("tsds_end_fy", int, present("byers2024"), "fiscal year the rise is measured to (the essay's present)",
              **data_years(_tsds_full_years, "the full fiscal years of CBP's TSDS table"), grid=(2022, 2024)),
        Param("tsds_location", str, "all", "which TSDS encounters the rise counts: all, at ports, or between ports",
              choices=tuple(TSDS_LOCATIONS), grid=("ports", "between")),
        Param("comparison_border", str, "both", "border(s) over which encounters between ports and at ports are "
              "compared (the essay lists both)", choices=tuple(COMPARISON_BORDERS), grid=("southwest",)),
        Param("gotaway_source", str, "house-hsc", "whose gotaway counts to sum (default: the House Homeland Security "
              "Committee, whose release the essay cites)", choices=tuple(GOTAWAY_SOURCES),
              grid=("cato", "fox-foia")),
        Param("gotaway_first_fy", int, 2021, "first fiscal year of the gotaway total ('since 2021')",
              **data_years(_gotaway_span, "the fiscal years of the gotaway sources")),
        Param("gotaway_last_fy", int, present("byers2024"), "last fiscal year of the gotaway total (the essay's "
              "present; the release is of December 2023)", **data_years(_gotaway_span, "the fiscal years of the gotaway sources")),
        # defaults read from the claims registry and the data, never typed: the essay's undercount, the analysts'
        # share and the newspaper's typical fees
        Param("undercount_low", float, lambda: _stated_undercount("low"), "low end of the share by which true "
              "gotaways exceed the count (by default the essay's)", minimum=0.0, maximum=1.0),
        Param("undercount_high", float, lambda: _stated_undercount("high"), "high end of that share (by default the "
              "essay's)", minimum=0.0, maximum=1.0),
        Param("smuggling_year", int, lambda: claim("byers-cartel-smuggling-revenue-2021").stated[1].value, "fiscal year of the smuggling-revenue model (the essay's 'in 2021 alone')",
              **data_years(_usbp_years, "the full fiscal years of the Border Patrol encounter data"), grid=(2022,)),
        Param("paid_share_low", float, lambda: float(_recent("smuggling_paid_share")["value"].iloc[0]),
              "low share of crossers who paid smugglers (by default the analysts' guess the Washington Times quotes)",
              minimum=0.0, maximum=1.0),
        Param("paid_share_high", float, 1.0, "high share (the Tucson sector chief: nobody crosses on their own)",
              minimum=0.0, maximum=1.0),
        Param("fee_low_usd", float, lambda: _typical_fee("smuggling_fee_low", "Mexicans"), "low average fee per "
              "person, US dollars (by default the typical fee for Mexicans in the Washington Times case database)",
              minimum=0.0),
        Param("fee_high_usd", float, lambda: _typical_fee("smuggling_fee_high", "Northern Triangle"), "high average "
              "fee per person, US dollars (by default the typical fee for Northern Triangle migrants, same database)",
              minimum=0.0),
        Param("overdose_count", str, "twelve-month", "which count: CDC's provisional count for the 12 months ending "
              "'overdose_period_end', predicted (its headline figure, the basis of the commission the thesis cites) "
              "or as reported, or the final or provisional count for the calendar year 'overdose_year'",
              choices=COUNT_KINDS, grid=("twelve-month-reported", "final")),
        Param("overdose_period_end", str, COMMISSION_PERIOD_END, "last month of the 12-month period (the commission's: "
              "April 2021; its executive summary's: May 2021)", choices=twelve_month_periods, grid=("2021-05",)),
        Param("overdose_year", int, COMMISSION_REPORT_YEAR - 1, "calendar year of the annual counts (the year "
              "before the February 2022 report)", **data_years(_overdose_years, "the years of the overdose data")),
        Param("overdose_rate_year", int, present("sluys2023"), "year whose overdose death rate the thesis calls "
              "unprecedented (its present)", **data_years(_rate_years, "the years with a final age-adjusted rate"),
              grid=(2021,)),
        Param("poe_year", int, present("sluys2023"), "calendar year of the port traffic (the thesis's present)",
              **data_years(crossing_years, "the complete calendar years of the crossings data"), grid=(2021,)),
        Param("poe_border", str, "us-mexico", "ports counted: the U.S.-Mexico border or both land borders",
              choices=tuple(POE_BORDERS), grid=("both",)),
        Param("seizure_fy", int, present("sluys2023"), "fiscal year of the drug seizures compared (the thesis's "
              "present)", **data_years(seizure_years, "the complete fiscal years of CBP's seizure data"),
              grid=(2021, 2023)),
        Param("seizure_drugs", str, "major", "which drugs' seizures are weighed: the major illicit drugs of ONDCP's "
              "strategy, the hard drugs only, or all drugs", choices=tuple(DRUG_SETS), grid=("hard", "all")),
        Param("aid_measure", str, "disbursements", "which aid measure to sum (the column says the U.S. "
              "\"provided\" the money: paid out)", choices=AID_MEASURES, grid=("obligations", "appropriated-and-planned")),
        Param("aid_countries", str, "central-america", "which recipients count as Central America",
              choices=tuple(AID_COUNTRIES), grid=("northern-triangle", "seven-countries")),
        Param("aid_first_fy", int, 2015, "first fiscal year of the aid total",
              **data_years(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2014, 2016)),
        Param("aid_last_fy", int, 2018, "last fiscal year of the aid total",
              **data_years(_aid_years, "the fiscal years of the foreign-aid data"), grid=(2017, 2019)),
    ),
    checks=(_ranges, _gotaway_years),
)


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every checked claim of this chapter, recomputed with the given parameters (the registry's
    unverifiable claims are published from their search by the notebook)."""
    p = PARAMETERS.validate(params)
    return [_rise_claim(p), _ports_claim(p), _between_claim(p), _gotaways_claim(p), _released_claim(p),
            _nationalities_claim(p), _outcomes_claim(p), _revenue_claim(p), _attack_claim(p), _tajik_claim(p),
            _uzbeks_claim(p), _network_claim(p), _overdose_claim(p), _synthetic_claim(p), _poe_claim(p), _aid_claim(p), _scale_claim(p),
            _san_diego_claim(p), _quantico_claim(p), _uzbek_baltimore_claim(p), _undercount_claim(p), _threat_claim(p),
            _wray_claim(p), _tajik_cities_claim(p), _tajik_release_claim(p), _isis_k_abroad_claim(p), _eagle_pass_claim(p), _patriot_act_claim(p),
            _cartel_fees_claim(p), _yuma_sheriff_claim(p), _commission_report_claim(p), _candidate_wall_claim(p),
            _emergency_claim(p), _president_wall_claim(p), _asylum_claim(p)]


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-tsds": tsds_figure(), "fig-gotaways": gotaways_figure(**p), "fig-smuggling": smuggling_figure(**p),
            "fig-overdoses": overdose_figure(), "fig-aid": aid_figure(**p)}


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    rows = release_figures()
    low, high, people = revenue_interval(p)
    known, span = gotaways_sum(p["gotaway_source"], p["gotaway_first_fy"], p["gotaway_last_fy"])
    u_low, u_high = undercount_range(known, p)
    stated_low, stated_high = undercount_range(claim("byers-gotaways-since-2021").stated[0].value, p)
    own = essay_tsds_numbers().groupby(["border", "location"])["encounters"].sum()
    sw_ratio = own["southwest", "between"] / own["southwest", "ports"]
    both_ratio = own.xs("between", level="location").sum() / own.xs("ports", level="location").sum()
    mismatch = totals_that_do_not_add_up()
    jumps = tsds_jumps()
    milestone = claim("sluys-overdose-deaths-over-100000").stated[0].value
    first_over = first_period_over(milestone)
    full = tsds().query("months == 12")["fiscal_year"]
    southwest = _between_claim(p | {"comparison_border": "southwest"})
    own_sw = essay_tsds_numbers().query("border == 'southwest'")
    sw_between, sw_ports = between_over_ports(("southwest",), sorted(set(own_sw["fiscal_year"])))
    essay_revenue = claim("byers-cartel-smuggling-revenue-2021").stated[0].value * 1e9
    lbs = seizures_by_region(p["seizure_fy"], p["seizure_drugs"])
    every = seizures_by_region(p["seizure_fy"], "all")
    fees = load(RECENT)
    fees = fees[fees["measure"].str.startswith("smuggling_fee")]
    return {
        "tolerance": f"{p['tolerance']:.0%}",
        "tsds_first_fy": f"FY{int(full.min())}", "tsds_last_full_fy": f"FY{int(full.max())}",
        "tsds_mismatch_years": ", ".join(f"FY{y}" for y in mismatch["fiscal_year"]) or "none",
        "tsds_mismatch_text": "; ".join(f"FY{r.fiscal_year}: {r.ofo_encounters:,} + {r.usbp_encounters:,} against a "
                                        f"total of {r.total_encounters:,} ({r.difference:+,})"
                                        for r in mismatch.itertuples()) or "none",
        "share_mismatch_text": "; ".join(
            f"FY{r.fiscal_year}: {r.usbp_tsds_encounters:,.0f} of {r.usbp_encounters:,} is {r.implied_percent}%, "
            f"printed as {r.usbp_tsds_percent}%" for r in usbp_share_mismatches().itertuples()) or "none",
        "typo_text": likely_typos(),
        "jump_factor": f"{JUMP_FACTOR:g}-fold",
        "tsds_jump_text": "; ".join(f"{r.series} from {r.before:,} in {r._2} to {r.after:,} in {r.to}"
                                    for r in jumps.itertuples()) or "none",
        "own_sw_ratio": number(sw_ratio, "ratio"), "own_both_ratio": number(both_ratio, "ratio"),
        "own_between_total": number(own.xs("between", level="location").sum()),
        "own_ports_total": number(own.xs("ports", level="location").sum()),
        "comparison_border": p["comparison_border"],
        "gotaway_source": p["gotaway_source"], "gotaway_source_text": GOTAWAY_SOURCES[p["gotaway_source"]],
        "gotaway_span": span, "gotaway_known": number(known),
        "gotaway_adjusted": f"{number(u_low)} to {number(u_high)}",
        "stated_adjusted": f"{number(stated_low)} to {number(stated_high)}",
        "undercount": f"{p['undercount_low']:.0%} to {p['undercount_high']:.0%}",
        "tsds_seen_fy21_23": number(rows["encountered_usbp_sw"]["value"]),
        "cbp_between_sw_fy21_23": number(cbp_between_ports_sw(2021, 2023)),
        "released_share": f"{rows['released']['value'] / rows['encountered_usbp_sw']['value']:.0%}",
        "smuggling_year": f"FY{p['smuggling_year']}", "crossers": number(people["total"]),
        "crossers_encounters": number(people["encounters"]), "crossers_gotaways": number(people["gotaways"]),
        "revenue_low": number(low, "usd"), "revenue_high": number(high, "usd"),
        "paid_share": f"{p['paid_share_low']:.0%} to {p['paid_share_high']:.0%}",
        "fees": f"{number(p['fee_low_usd'], 'usd')} to {number(p['fee_high_usd'], 'usd')}",
        "overdose_first_12m_end": month_name(first_over["period_end"]),
        "overdose_first_12m": number(first_over["deaths_predicted"]),
        "overdose_first_12m_reported_end": month_name(first_period_over(milestone, "twelve-month-reported")["period_end"]),
        "overdose_years_over": ", ".join(f"{int(r.year)} ({r.status}, {int(r.deaths):,})"
                                         for r in years_over(milestone).itertuples()),
        "poe_stated": (lambda t: t[:1].lower() + t[1:])(claim("sluys-poe-daily-traffic").stated[0].as_printed),
        "poe_year": p["poe_year"],
        "poe_per_day_mexico": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["us-mexico"]))),
        "poe_per_day_both": number(round(travellers_per_day(p["poe_year"], POE_BORDERS["both"]))),
        "seizure_fy": f"FY{p['seizure_fy']}", "seizure_drugs": p["seizure_drugs"],
        "seizures_sw": f"{lbs['southwest']:,.0f} lb", "seizures_coastal": f"{lbs['coastal-interior']:,.0f} lb",
        "seizures_all_ratio": number(every["southwest"] / every["coastal-interior"], "ratio"),
        "aid_window": f"FY{p['aid_first_fy']}-FY{p['aid_last_fy']}",
        "between_sw_verdict": southwest.verdict, "between_sw_ratio": number(sw_between / sw_ports, "ratio"),
        "fee_needed_all": number(essay_revenue / people["total"], "usd"),
        "fee_needed_low_share": number(essay_revenue / people["total"] / p["paid_share_low"], "usd"),
        "fee_range_reported": f"{number(fees['value'].min(), 'usd')} to {number(fees['value'].max(), 'usd')}",
    }
