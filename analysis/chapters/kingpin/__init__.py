"""Chapter: the kingpin strategy and Mexico's homicides (Byers and Warner 2024).

National homicide series from both publishers (INEGI death certificates, SESNSP prosecutors'
files) and their vintages; Sinaloa around El Chapo's capture and extradition; and an approximate,
openly documented event-study replication of the kingpin effect on municipal monthly data.
"""
from __future__ import annotations

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.params import Param, Parameters
from analysis.chapters.common import TOLERANCE, data_years
from analysis.chapters.kingpin.effects import (DOUBLING_SAMPLES, ESTIMATORS, SAMPLES, _doubling_sample, _kingpin_claims,
                                               _sample, event_study, event_study_figure, pooled_effects, rise_lasts,
                                               two_stage_effect)
from analysis.chapters.kingpin.municipal_panel import (EVENT_SETS, events, neighbours, panel, panel_years,
                                                       population_gap_years)
from analysis.chapters.kingpin.national_series import (SERIES, VINTAGES, _peak_claim, _series_years, matches,
                                                       national, national_figure, national_population, vintage_label)
from analysis.chapters.kingpin.sinaloa import SINALOA, _chapo_claim, sinaloa_figure, state_annual
# the tables the notebook shows, by the chapter's name
from analysis.chapters.kingpin.effects import raw_counts  # noqa: F401
from analysis.chapters.kingpin.national_series import series_summary  # noqa: F401


TIME_NEEDED = "about two hours"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = "the budgets chapter; some regression (a model with fixed effects) helps for the kingpin effect"


def _check(values: dict) -> None:
    if values["first_year"] >= values["last_year"]:
        raise ValueError(f"parameter 'first_year'={values['first_year']} must be before "
                         f"'last_year'={values['last_year']}")
    if values["chapo_before_year"] >= values["chapo_after_year"]:
        raise ValueError(f"parameter 'chapo_before_year'={values['chapo_before_year']} must be before "
                         f"'chapo_after_year'={values['chapo_after_year']}")


_years = data_years(_series_years, "the complete years of the national series")
_panel = data_years(panel_years, "the years of the municipal panel")
PARAMETERS = Parameters(
    params=(
        TOLERANCE,
        Param("series", str, "sesnsp-homicidio-doloso-victims", "national series the claim is checked against",
              choices=tuple(SERIES), grid=("inegi-homicides", "inegi-homicides-occurrence")),
        Param("vintage", str, "first", "release of that series: 'first' (each year as first published, as the "
              "essay prints it) or 'latest' (the most recent for each year), or one release",
              choices=("first", "latest") + VINTAGES, grid=("latest",)),
        Param("first_year", int, 2000, "first year shown and searched for the peak", **_years),
        Param("last_year", int, present("byers2024"), "the essay's present: the end of the 'since 2018' comparison",
              **_years, grid=(2024,)),
        Param("year_tolerance", int, 0, "years by which a stated year may differ and still count as accurate",
              minimum=0, maximum=5, grid=(1,)),
        Param("chapo_before_year", int, 2013, "year before El Chapo's capture, for Sinaloa", **_panel, grid=(2012,)),
        Param("chapo_after_year", int, 2017, "year after his extradition, for Sinaloa", **_panel, grid=(2018,)),
        Param("estimator", str, "poisson", "how the kingpin effect is estimated", choices=tuple(ESTIMATORS),
              grid=("log-rate",)),  # the chapter fits both estimators, so this alternative costs no refit
        Param("event_set", str, "captures", "which removals of leaders count as events (the study: captures)",
              choices=tuple(EVENT_SETS), grid=("captures-and-killings",)),
        Param("kingpin_years", str, "2001-2010", "years of the municipal panel for the capture claim (the study's, "
              "or all the panel's)", choices=tuple(SAMPLES), grid=("2000-2021",)),
        Param("doubling_sample", str, "all-removals", "events and years for the 'doubling' claim: "
              + "; ".join(f"'{k}': {v}" for k, v in DOUBLING_SAMPLES.items()), choices=tuple(DOUBLING_SAMPLES),
              grid=("as-kingpin",)),
        Param("capture_months", int, 12, "months after the event pooled for the capture municipality",
              minimum=1, maximum=36),
        Param("neighbour_months", int, 6, "months after the event pooled for neighbouring municipalities",
              minimum=1, maximum=36),
        Param("neighbour_ring", int, 1, "neighbours: 1 = sharing a border, 2 = also their neighbours",
              choices=(1, 2)),
        Param("window_before", int, 12, "months before the event shown in the event study", minimum=3, maximum=36),
        Param("window_after", int, 24, "months after the event shown in the event study", minimum=3, maximum=48),
    ),
    checks=(_check,),
)


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """Every claim of this chapter, recomputed with the given parameters."""
    p = PARAMETERS.validate(params)
    return [_peak_claim(p), _chapo_claim(p), *_kingpin_claims(p)]


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    return {"fig-national": national_figure(**p), "fig-sinaloa": sinaloa_figure(**p),
            "fig-event-study": event_study_figure(**p)}


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    peak = claim("byers-mexico-homicide-peak-2018")
    year = int(peak.stated[0].value)
    data = national(p["series"], p["vintage"])["value"].loc[p["first_year"]:p["last_year"]]
    sample = _sample(p)
    effects = pooled_effects(p["estimator"], *sample)
    other_name = "log-rate" if p["estimator"] == "poisson" else "poisson"
    other = pooled_effects(other_name, *sample)
    two_stage = two_stage_effect(*sample)
    doubling = _doubling_sample(p)
    treated = events(p["event_set"], sample[4])
    sinaloa = state_annual(SINALOA)["INEGI (occurrence)"]
    people = national_population()
    fmt = lambda row: f"{row['estimate']:+.0f}% (95% interval {row['low']:+.0f}% to {row['high']:+.0f}%)"  # noqa: E731
    gaps = population_gap_years()
    study = event_study(p["estimator"], p["event_set"], p["neighbour_ring"], p["window_before"], p["window_after"], sample[4])
    lasts = {g: rise_lasts(study, g) for g in ("capture municipality", "neighbours")}
    return {
        "tolerance": f"{p['tolerance']:.0%}", "year_tolerance": p["year_tolerance"],
        "series_name": SERIES[p["series"]], "vintage": vintage_label(p["vintage"]), "stated_year": year,
        "series_stated_year": f"{data[year]:,.0f}" if year in data.index else "none",
        "series_peak_year": int(data.idxmax()), "series_peak": f"{data.max():,.0f}",
        "series_last_year": int(data.index.max()), "series_last": f"{data.iloc[-1]:,.0f}",
        "present_year": p["last_year"],
        "rate_stated_year": f"{data[year] / people[year] * 1e5:.1f} per 100,000" if year in data.index else "none",
        "rate_last": f"{data[p['last_year']] / people[p['last_year']] * 1e5:.1f} per 100,000"
        if p["last_year"] in data.index else "none", "interval_level": "95%",
        "slightly_minimum": f"{peak.stated[2].magnitude.minimum:.2f}",
        "massively_minimum": f"{claim('byers-el-chapo-violence').stated[0].magnitude.minimum:.2f}",
        "exact_matches": "; ".join(matches(peak.stated[1].value)),
        "chapo_before_year": p["chapo_before_year"], "chapo_after_year": p["chapo_after_year"],
        "sinaloa_before": f"{sinaloa[p['chapo_before_year']]:,.0f}", "sinaloa_after": f"{sinaloa[p['chapo_after_year']]:,.0f}",
        "sinaloa_peak_year": int(sinaloa.idxmax()),
        "estimator_name": ESTIMATORS[p["estimator"]], "other_estimator": other_name,
        "kingpin_years": p["kingpin_years"], "study_first_year": SAMPLES["2001-2010"][0],
        "study_last_year": SAMPLES["2001-2010"][1],
        "n_events": len(treated), "n_neighbours": len(neighbours(treated.set_index("cve_mun")["t"], p["neighbour_ring"])),
        "event_set": p["event_set"].replace("-", " "),
        "doubling_events": doubling[0].replace("-", " "), "doubling_years": f"{doubling[4][0]}-{doubling[4][1]}",
        "n_doubling_events": len(events(doubling[0], doubling[4])),
        "n_municipalities": panel()["cve_mun"].nunique(), "capture_months": p["capture_months"],
        "neighbour_months": p["neighbour_months"],
        "capture_effect": fmt(effects.loc["post_c"]), "neighbour_effect": fmt(effects.loc["post_n"]),
        "capture_later": fmt(effects.loc["later_c"]), "neighbour_later": fmt(effects.loc["later_n"]),
        "capture_other": fmt(other.loc["post_c"]), "neighbour_other": fmt(other.loc["post_n"]),
        "capture_two_stage": fmt(two_stage),
        "population_gap_years": f"{gaps[0]} to {gaps[-1]}" if gaps == tuple(range(gaps[0], gaps[-1] + 1))
        else ", ".join(map(str, gaps)) if gaps else "none",
        "stated_doubling": claim("byers-kingpin-doubled-homicides").stated[0].as_printed,
        "capture_lasts": "{} to {} months".format(*lasts["capture municipality"]),
        "neighbour_lasts": "{} to {} months".format(*lasts["neighbours"]),
        "doubling_effect": fmt(pooled_effects(p["estimator"], *doubling).loc["post_c"]),
    }
