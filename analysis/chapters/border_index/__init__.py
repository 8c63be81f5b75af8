"""Chapter: measuring border security, a composite index from the essay's metric families (Caune et al. 2024).

The presentation's families of metrics turned into an open composite index, built as the OECD/JRC
handbook on composite indicators describes: each indicator oriented so that higher is better, normalized
across the chosen countries, aggregated within its family and then across families. Families without
public data are named, not proxied; an indicator enters only where every chosen country has a value.
What the index measures is governance, organized crime and treaty commitment, not border security itself,
and the chapter calls it so. Random weights (Dirichlet, seeded) show which ranks the weighting decides; the
uncertainty analysis draws every other choice too (normalization, aggregation, edition, indicator set, the
WGI's standard errors). The checkable claims, the founding year of UNFICYP and what the slides say of the
programmes, tools and instruments they name, are graded against the records that state them.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present
from analysis.core.data import load, resource
from analysis.core.params import Param, Parameters
from analysis.chapters.border_index.essay_figures import _unficyp_claim, unficyp_year
from analysis.chapters.border_index.programmes import (_cwmd_contract_claim, _eu_arms_assistance_claim, _fast_claim,
                                                      _instruments_claim, _metering_claim, _mosaic_claim, _recsa_claim,
                                                      _risk_tools_claim, _sbinet_claim, _sbinet_report_claim)
from analysis.chapters.border_index.indicators import (AMERICAS, ATT_SCORES, ESSAY_YEARS, EU_LAND_BORDER, FAMILIES,
                                                       FOCUS, INDICATORS, MEASURED, UNMEASURED, _names, att_state,
                                                       available_countries, gitoc_years, over_time_figure, wgi_change,
                                                       wgi_family, wjp_scores)
from analysis.chapters.border_index.method import (NORMALIZATIONS, RANK_BAND, ROBUST, Result, compute, heatmap_figure,
                                                   ranks, ranks_figure)
# the tables the notebook shows, by the chapter's name
from analysis.chapters.border_index.essay_figures import descriptive_table  # noqa: F401
from analysis.chapters.border_index.indicators import att_table, focus_changes  # noqa: F401
from analysis.chapters.border_index.method import coverage_table, summary_table  # noqa: F401
from analysis.chapters.border_index.uncertainty import correlations  # noqa: F401
from analysis.chapters.border_index.uncertainty import (METHODS, extreme_pairs, global_ranks, global_summary, one_at_a_time,
                                                        rank_distribution, scenarios)


TIME_NEEDED = "about an hour"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = ("the budgets chapter's idea of a verdict; averages, ranks and standardized scores; for "
                 "re-running, opening a notebook and editing a line of Python")
ESSAY = "caune2024"


def _check_countries(countries: list) -> None:
    if len(countries) < 3:
        raise ValueError(f"parameter 'countries' must list at least 3 countries to rank, got {len(countries)}")


def _check_weights(weights: dict) -> None:
    if set(weights) != set(MEASURED):
        raise ValueError(f"parameter 'weights' must weigh exactly {', '.join(MEASURED)} (the families with data); "
                         f"got {', '.join(map(str, weights)) or 'nothing'}")
    if any(not isinstance(w, (int, float)) or isinstance(w, bool) or w < 0 for w in weights.values()):
        raise ValueError(f"parameter 'weights' must be numbers of zero or more; got {weights}")
    if abs(sum(weights.values()) - 1) > 1e-9:
        raise ValueError(f"parameter 'weights' must sum to 1; got {weights} (sum {sum(weights.values()):g})")


def _check_method(values: dict) -> None:
    if values["aggregation"] == "geometric" and values["normalization"] != "rank":
        raise ValueError(f"parameter 'aggregation'='geometric' needs positive normalized values, which only "
                         f"normalization 'rank' gives ('{values['normalization']}' gives zero or negative values); "
                         "allowed: 'arithmetic' with any normalization, 'geometric' with 'rank'")


PARAMETERS = Parameters(
    params=(
        Param("countries", list, AMERICAS + EU_LAND_BORDER, "ISO 3166 alpha-3 codes of the countries to compare",
              choices=available_countries, check=_check_countries),
        Param("year", int, present(ESSAY), "year of the comparison: an edition of the Organized Crime Index, with "
              "the WGI of the same year (default: the essay's present)", choices=gitoc_years, grid=(2021,)),
        Param("normalization", str, "minmax", "how indicators are put on a common scale", choices=tuple(NORMALIZATIONS),
              grid=("zscore", "rank")),
        Param("aggregation", str, "arithmetic", "how indicators and families are combined",
              choices=("arithmetic", "geometric"), grid=("geometric",)),
        Param("leave_out", str, "none", "an indicator left out of the index ('none': every indicator with data)",
              choices=("none", *(i.key for i in INDICATORS)), grid=tuple(i.key for i in INDICATORS)),
        Param("wgi_redraw", bool, False, "redraw each WGI estimate once within its standard error, from the seed "
              "(False: the published point estimates)", grid=(True,)),
        Param("weights", dict, {f: 1 / len(MEASURED) for f in MEASURED}, "weight of each family with data "
              "(non-negative, summing to 1)", check=_check_weights),
        Param("draws", int, 10000, "random weightings drawn for the sensitivity analysis", minimum=100, maximum=100000),
        Param("seed", int, 2024, "seed of the random weightings (same seed, same results)", minimum=0),
        # The slide states one calendar year ("est. 1974") for an event the record dates to a day, with no
        # hedge ("around", "in the 1970s"): its own words leave no slack, so a year other than the record's is
        # misdated. A reader who forgives an off-by-one (a founding near a new year) or two is in the grid.
        Param("year_tolerance", float, 0.0, "years within which a stated year counts as accurate (0: the "
              "slide states a single year, unhedged)", minimum=0.0, maximum=50.0, grid=(1.0, 2.0)),
    ),
    checks=(_check_method,),
)


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """The chapter's checked claims (the founding year of UNFICYP, and the programmes, bodies, tools and instruments
    the slides name); its other figures are descriptive, registered as such, and not computed here."""
    p = PARAMETERS.validate(params)
    return [_unficyp_claim(p), _cwmd_contract_claim(p), _fast_claim(p), _sbinet_claim(p), _recsa_claim(p),
            _mosaic_claim(p), _risk_tools_claim(p), _eu_arms_assistance_claim(p), _instruments_claim(p),
            _metering_claim(p), _sbinet_report_claim(p)]


def index_for(**params) -> Result:
    """The index for these parameters, computed once per distinct set of parameters (the notebook, its
    values and its figures all read the same one)."""
    p = PARAMETERS.validate(params)
    return _computed(json.dumps(p, sort_keys=True))


@lru_cache(maxsize=32)  # room for the chapter's own index, its method alternatives and its exercises
def _computed(key: str) -> Result:
    return compute(**json.loads(key))


def _list(codes) -> str:
    names = _names(codes)
    return ", ".join(names) if names else "none"


def score_scale(name: str) -> str:
    """The range of a data file's ``score`` column, as its catalogue entry constrains it ("1 to 10")."""
    field = next(f for f in resource(name)["schema"]["fields"] if f["name"] == "score")
    return f"{field['constraints']['minimum']:g} to {field['constraints']['maximum']:g}"


def _rank_text(summary: pd.DataFrame, code: str) -> str:
    return f"{int(summary.at[code, 'rank'])} of {len(summary)}" if code in summary.index else "not among the countries"


def scenario(params: dict, **changes) -> Result:
    """The index with some parameters changed (for the exercises), validated like the chapter's own."""
    return index_for(**{**params, **changes})


# The choices the uncertainty analysis varies, each declared with its alternatives in PARAMETERS (``grid``).
METHOD_CHOICES = ("normalization", "aggregation", "year", "leave_out", "wgi_redraw")


def _alternative_label(changes: dict) -> str:
    name, value = next(iter(changes.items()))
    if name == "leave_out":
        return f"without {next(i.label for i in INDICATORS if i.key == value)}"
    if name == "wgi_redraw":
        return "WGI estimates redrawn within their standard errors (one draw)"
    if name == "year":
        return f"Organized Crime Index edition {value} (WGI of the same year)"
    extras = [f"{k} {v}" for k, v in list(changes.items())[1:]]
    return f"{name} {value}" + (f" (with {', '.join(extras)}, which it needs)" if extras else "")


def method_alternatives(**params) -> dict[str, Result]:
    """The index with one choice moved to each alternative its parameter's grid declares, the others unchanged."""
    p = PARAMETERS.validate(params)
    found = {}
    for name in METHOD_CHOICES:
        for value in _param(name).grid:
            if value == p[name]:
                continue
            changes = {name: value}
            if name == "aggregation" and value == "geometric" and p["normalization"] != "rank":
                changes["normalization"] = "rank"
            if name == "normalization" and value != "rank" and p["aggregation"] == "geometric":
                changes["aggregation"] = "arithmetic"
            # only the rank at the chosen weights is read, so the fewest random weightings allowed will do
            found[_alternative_label(changes)] = scenario(p, **changes, draws=_param("draws").minimum)
    return found


@lru_cache(maxsize=4)
def _global(countries: tuple, draws: int, seed: int) -> pd.DataFrame:
    return global_ranks(list(countries), draws, seed)


def all_inputs_ranks(**params) -> pd.DataFrame:
    """Ranks with every input drawn at once (method, edition, indicator set, WGI errors, weights): rows draws."""
    p = PARAMETERS.validate(params)
    return _global(tuple(p["countries"]), p["draws"], p["seed"])


def uncertainty_tables(**params) -> dict[str, pd.DataFrame]:
    """The tables of the uncertainty analysis: one choice at a time, all at once, and the focus countries' ranks."""
    p = PARAMETERS.validate(params)
    result, ranks = index_for(**p), all_inputs_ranks(**p)
    focus = [c for c in FOCUS if c in p["countries"]]
    return {"one_at_a_time": one_at_a_time(result, method_alternatives(**p), focus),
            "all_inputs": global_summary(result, ranks), "focus_ranks": rank_distribution(ranks, focus)}


def figures(**params) -> dict:
    """The chapter's figures, by glue key."""
    p = PARAMETERS.validate(params)
    index = index_for(**p)
    return {"fig-heatmap": heatmap_figure(index, **p), "fig-ranks": ranks_figure(index, **p),
            "fig-over-time": over_time_figure(**p)}


def chapter_values(**params) -> dict:
    """The numbers the chapter's prose cites, each computed here (glued, never typed)."""
    p = PARAMETERS.validate(params)
    result = index_for(**p)
    s = result.summary
    countries, year = p["countries"], p["year"]
    family_ranks = ranks(result.scores["crime_governance"])
    latest = int(load("wgi")["year"].max())
    values = {
        "year": year, "n_countries": len(countries), "n_in_index": len(result.indicators),
        "n_indicators": len(INDICATORS), "n_families": len(FAMILIES), "n_measured": len(MEASURED),
        "n_wgi": sum(i.source == "wgi" for i in INDICATORS), "n_gitoc_editions": len(gitoc_years()),
        "band_low": f"{RANK_BAND[0]}th", "band_high": f"{RANK_BAND[1]}th",
        "measured_families": " and ".join(FAMILIES[f].lower() for f in MEASURED),
        "unmeasured_families": " and ".join(FAMILIES[f].lower() for f in UNMEASURED),
        "nap_missing": UNMEASURED["national_action_plan"], "tools_missing": UNMEASURED["tactical_tools"],
        "normalization": p["normalization"], "normalization_name": NORMALIZATIONS[p["normalization"]],
        "aggregation": p["aggregation"], "draws": f"{p['draws']:,}", "seed": p["seed"],
        "weights": ", ".join(f"{FAMILIES[f].lower()} {w:g}" for f, w in p["weights"].items()),
        "robust_share": f"{ROBUST:.0%}", "third": f"{len(countries) / 3:g}",
        "left_out": "; ".join(f"{r['indicator']}: {r['why not']}" for _, r in result.coverage.iterrows()
                              if r["in the index"] == "no") or "none",
        "att_parties_total": int(load("treaty_status").query("country == 'all'")["parties"].iloc[0]),
        "gitoc_years": " and ".join(map(str, gitoc_years())),
        "wgi_first_year": int(load("wgi")["year"].min()), "wgi_last_year": latest,
        "gitoc_scale": score_scale("gitoc_oc_index"), "wjp_scale": score_scale("wjp_rule_of_law"),
        "unficyp_year": unficyp_year(), "heyman_present": ESSAY_YEARS["heyman"], "year_tolerance": f"{p['year_tolerance']:g}",
        "year_tolerance_grid": " and ".join(f"{t:g}" for t in _param("year_tolerance").grid),
        "unficyp_stated": claim("caune-unficyp-established-1974").stated[0].as_printed,
        "unficyp_buffer_year": int(load("governance_reported_figures")
                                   .query("measure == 'unficyp_buffer_zone_mandate'")["value"].iloc[0]),
    }
    for conclusion, key in (("robustly in the top third", "robust_top"), ("robustly in the bottom third", "robust_bottom"),
                            ("robustly in the middle third", "robust_middle"), ("depends on the weights", "weight_dependent")):
        values[key] = _list(s.index[s["conclusion"] == conclusion])
    for code in FOCUS:
        k = code.lower()
        values[f"{k}_rank"] = _rank_text(s, code)
        values[f"{k}_conclusion"] = s.at[code, "conclusion"] if code in s.index else "not ranked"
        values[f"{k}_p_top"] = f"{s.at[code, 'P(top third)']:.0%}" if code in s.index else "n/a"
        values[f"{k}_p_bottom"] = f"{s.at[code, 'P(bottom third)']:.0%}" if code in s.index else "n/a"
        values[f"{k}_family_rank"] = (f"{int(family_ranks[code])} of {len(countries)}" if code in family_ranks
                                      else "not among the countries")
        wgi = wgi_family([code])[code]
        for when, y in ESSAY_YEARS.items():
            values[f"{k}_wgi_{when}"] = f"{wgi[y]:+.2f}"
        values[f"{k}_wgi_latest"] = f"{wgi[latest]:+.2f}"
        values[f"{k}_wgi_change"] = f"{wgi[latest] - wgi[ESSAY_YEARS['heyman']]:+.2f}"
        for when, start in ESSAY_YEARS.items():
            moved = wgi_change(code, start, latest).query("`beyond the margin` == 'yes'")["indicator"]
            values[f"{k}_moved_since_{when}"] = _moved(moved)
        wjp = wjp_scores(code)
        values[f"{k}_wjp_first"], values[f"{k}_wjp_peak"], values[f"{k}_wjp_last"] = (
            f"{wjp.iloc[0]:.2f}", f"{wjp.get(ESSAY_YEARS['peak'], float('nan')):.2f}", f"{wjp.iloc[-1]:.2f}")
        gitoc = load("gitoc_oc_index").query("iso3 == @code and indicator == 'criminality'").set_index("year")["score"]
        for y in gitoc_years():
            values[f"{k}_criminality_{y}"] = f"{gitoc[y]:.2f}"
    values |= _uncertainty_values(p, result)
    wjp_years = load("wjp_rule_of_law")["year"]
    values["wjp_first_year"], values["wjp_last_year"] = int(wjp_years.min()), int(wjp_years.max())
    return values


def _uncertainty_values(p: dict, result: Result) -> dict:
    """The uncertainty analysis and the treaty data, in the words the prose quotes."""
    ranks = all_inputs_ranks(**p)
    n = len(p["countries"])
    (hi_a, hi_b, hi_r), (lo_a, lo_b, lo_r) = extreme_pairs(result)
    treaty = load("treaty_status").query("iso3 in @p['countries']")
    states = {c: att_state(c, p["year"]) for c in p["countries"]}
    most_moving, moving_count = _most_moving(p, result)
    values = {
        "n_scenarios": len(scenarios(p["countries"])), "n_methods": len(METHODS),
        "corr_high_pair": f"{hi_a} and {hi_b}", "corr_high": f"{hi_r:.2f}",
        "corr_low_pair": f"{lo_a} and {lo_b}", "corr_low": f"{lo_r:.2f}",
        "att_official_events": int((treaty["tier"] == "official").sum()),
        "att_secondary_events": int((treaty["tier"] == "secondary").sum()),
        "att_countries_covered": sum(s is not None for s in states.values()),
        "att_parties": sum(s == "party" for s in states.values()),
        "att_signatories": _list([c for c, s in states.items() if s == "signatory"]),
        "att_not_party": _list([c for c, s in states.items() if s in ("not party", "neither")]),
        "att_signatory_score": f"{ATT_SCORES['signatory']:g}",
        "most_moving_alternative": most_moving, "most_moving_count": moving_count,
        "att_un_table_date": f"{pd.Timestamp(resource('treaty_status')['published'][:10]):%-d %B %Y}",
    }
    for code in FOCUS:
        if code in ranks:
            k = code.lower()
            values[f"{k}_all_median"] = f"{ranks[code].median():g}"
            values[f"{k}_all_low"] = f"{ranks[code].quantile(RANK_BAND[0] / 100):.0f}"
            values[f"{k}_all_high"] = f"{ranks[code].quantile(RANK_BAND[1] / 100):.0f}"
            values[f"{k}_all_p_top"] = f"{(ranks[code] <= n / 3).mean():.0%}"
            values[f"{k}_all_p_bottom"] = f"{(ranks[code] > n - n / 3).mean():.0%}"
    return values


def _most_moving(p: dict, result: Result) -> tuple[str, int]:
    """The single alternative that moves the most countries' ranks, and how many it moves."""
    table = one_at_a_time(result, method_alternatives(**p), [])
    row = table.sort_values(["countries whose rank moves", "largest move (ranks)"], ascending=False).iloc[0]
    return row["alternative"][:1].lower() + row["alternative"][1:], int(row["countries whose rank moves"])


def _param(name: str) -> Param:
    return next(q for q in PARAMETERS.params if q.name == name)


def _moved(indicators: pd.Series) -> str:
    if indicators.empty:
        return "none of the four indicators"
    return " and ".join(i.split(" (")[0].lower() for i in indicators)


def exercise_values(**params) -> dict:
    """The alternative scenarios the exercises ask for, computed so their solutions can be glued."""
    p = PARAMETERS.validate(params)
    result = index_for(**p)
    base = result.summary["rank"]
    other_method = "zscore" if p["normalization"] != "zscore" else "minmax"
    alt = scenario(p, normalization=other_method, aggregation="arithmetic")
    changed = [c for c in base.index if alt.summary.at[c, "rank"] != base[c]]
    values = {"alt_normalization": other_method, "alt_n_changed": len(changed), "alt_changed": _list(changed),
              "alt_max_shift": int(max((abs(alt.summary.at[c, "rank"] - base[c]) for c in base.index), default=0))}
    for code in FOCUS:
        values[f"alt_{code.lower()}_rank"] = _rank_text(alt.summary, code)
    governance_only = scenario(p, weights={f: float(f == "crime_governance") for f in MEASURED})
    for code in FOCUS:
        values[f"gov_only_{code.lower()}_rank"] = _rank_text(governance_only.summary, code)
    values["gov_only_top"] = _list(governance_only.summary.index[governance_only.summary["rank"] <= len(base) / 3])
    reseeded = scenario(p, seed=p["seed"] + 1)
    gap = (reseeded.summary["P(top third)"] - result.summary["P(top third)"]).abs().max()
    flipped = [c for c in base.index if reseeded.summary.at[c, "conclusion"] != result.summary.at[c, "conclusion"]]
    values |= {"other_seed": p["seed"] + 1, "seed_gap": f"{gap * 100:.1f} percentage points",
               "seed_flipped": _list(flipped)}
    if "CYP" not in p["countries"]:
        cyprus = scenario(p, countries=[*p["countries"], "CYP"])
        values["cyprus_rank"] = _rank_text(cyprus.summary, "CYP")
        values["cyprus_conclusion"] = cyprus.summary.at["CYP", "conclusion"]
    else:
        values["cyprus_rank"] = _rank_text(result.summary, "CYP")
        values["cyprus_conclusion"] = result.summary.at["CYP", "conclusion"]
    return values
