"""Chapter: measuring border security, a composite index from the essay's metric families (Caune et al. 2024).

The presentation's families of metrics turned into an open composite index, built as the OECD/JRC
handbook on composite indicators describes: each indicator oriented so that higher is better, normalized
across the chosen countries, aggregated within its family and then across families. Families without
public data are named, not proxied; an indicator enters only where every chosen country has a value.
Random weights (Dirichlet, seeded) show which ranks the weighting decides. The only checkable claim, the
founding year of UNFICYP, is graded against the UN's record.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim, present, registry
from analysis.core.data import DataError, load, resource
from analysis.core.params import Param, Parameters

TIME_NEEDED = "about an hour"  # for a class, in words (the teachers page and the chapter show it)
PREREQUISITES = ("the budgets chapter's idea of a verdict; averages, ranks and standardized scores; for "
                 "re-running, opening a notebook and editing a line of Python")

FAMILIES = {
    "crime_governance": "Crime and governance indicators",
    "national_action_plan": "Adherence to a national action plan",
    "international_agreements": "Adherence to international agreements",
    "tactical_tools": "Use of tactical tools",
}
# What is missing for the two families no public data measure (said in the chapter, never proxied).
UNMEASURED = {
    "national_action_plan": "no public source scores countries on having or following a national border action plan",
    "tactical_tools": "no public source counts interdictions, deterrence or intelligence use by country on a common "
                      "basis",
}
MEASURED = tuple(f for f in FAMILIES if f not in UNMEASURED)


@dataclass(frozen=True)
class Indicator:
    key: str
    family: str
    label: str
    source: str  # wgi, gitoc or att
    code: str  # the indicator's code in its data file
    higher_is_better: bool


INDICATORS = (
    Indicator("rule_of_law", "crime_governance", "Rule of law (WGI)", "wgi", "rl", True),
    Indicator("control_of_corruption", "crime_governance", "Control of corruption (WGI)", "wgi", "cc", True),
    Indicator("government_effectiveness", "crime_governance", "Government effectiveness (WGI)", "wgi", "ge", True),
    Indicator("political_stability", "crime_governance", "Political stability, no violence (WGI)", "wgi", "pv", True),
    Indicator("criminality", "crime_governance", "Criminality (GI-TOC)", "gitoc", "criminality", False),
    Indicator("territorial_integrity", "crime_governance", "Territorial integrity (GI-TOC)", "gitoc",
              "territorial_integrity", True),
    Indicator("law_enforcement", "crime_governance", "Law enforcement (GI-TOC)", "gitoc", "law_enforcement", True),
    Indicator("international_cooperation", "international_agreements", "International cooperation (GI-TOC)", "gitoc",
              "international_cooperation", True),
    Indicator("att_party", "international_agreements", "Party to the Arms Trade Treaty", "att", "arms_trade_treaty",
              True),
)
SOURCES = {"wgi": "World Bank, Worldwide Governance Indicators", "gitoc": "GI-TOC, Global Organized Crime Index",
           "att": "UN Treaty Collection and reports of treaty events"}

# US neighbours and the Central American states the essays discuss, then EU states with external land borders.
AMERICAS = ["USA", "CAN", "MEX", "GTM", "HND", "SLV"]
EU_LAND_BORDER = ["FIN", "EST", "LVA", "LTU", "POL", "SVK", "HUN", "ROU", "BGR", "GRC", "HRV", "ESP"]
FOCUS = ("USA", "MEX")
ESSAY = "caune2024"
ESSAY_YEARS = {"essay 000": 2011, "essay 004": 2018}  # Heyman (2011); the homicide peak Byers and Warner discuss
ROBUST = 0.9  # a rank band counts as robust when this share of the random weightings agree
RANK_BAND = (5, 95)  # percentiles of the random ranks shown as a country's range (table, whiskers)
WGI_MARGIN = 1.645  # z for the 90% intervals the WGI authors use to compare estimates


def gitoc_years() -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in load("gitoc_oc_index")["year"].unique()))


@lru_cache(maxsize=None)
def available_countries() -> tuple[str, ...]:
    """Countries that both the WGI and the Organized Crime Index cover (in the Index's editions)."""
    gitoc = load("gitoc_oc_index")
    wgi = load("wgi").dropna(subset=["estimate"])
    both = set(gitoc["iso3"]) & set(wgi.loc[wgi["year"].isin(gitoc_years()), "iso3"])
    return tuple(sorted(both))


def country_names() -> dict[str, str]:
    wgi = load("wgi")
    return dict(zip(wgi["iso3"], wgi["country"]))


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


NORMALIZATIONS = {"minmax": "min-max (0 = lowest, 1 = highest of the chosen countries)",
                  "zscore": "z-score (standard deviations from the chosen countries' mean)",
                  "rank": "rank (1 = lowest, n = highest of the chosen countries)"}
PARAMETERS = Parameters(
    params=(
        Param("countries", list, AMERICAS + EU_LAND_BORDER, "ISO 3166 alpha-3 codes of the countries to compare",
              choices=available_countries, check=_check_countries),
        Param("year", int, present(ESSAY), "year of the comparison: an edition of the Organized Crime Index, with "
              "the WGI of the same year (default: the essay's present)", choices=gitoc_years),
        Param("normalization", str, "minmax", "how indicators are put on a common scale", choices=tuple(NORMALIZATIONS)),
        Param("aggregation", str, "arithmetic", "how indicators and families are combined",
              choices=("arithmetic", "geometric")),
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


# ------------------------------------------------------------------ data


def att_status(iso3: str, year: int) -> float:
    """1 if a source states the country was a party to the Arms Trade Treaty at the end of ``year``, 0 if one
    states it was not, NaN if no source read says (a signature alone does not tell whether it ratified later)."""
    events = load("treaty_status").query("iso3 == @iso3")
    events = events[events["date"].str[:4].astype(int) <= year].sort_values("date")
    if events.empty:
        return np.nan
    return {"party": 1.0, "not party": 0.0}.get(events["status_after"].iloc[-1], np.nan)


def raw_values(countries: list[str], year: int) -> pd.DataFrame:
    """Every indicator for every chosen country in ``year`` (rows countries, columns indicators), NaN where missing."""
    wgi = load("wgi").query("year == @year").pivot(index="iso3", columns="indicator", values="estimate")
    gitoc = load("gitoc_oc_index").query("year == @year").pivot(index="iso3", columns="indicator", values="score")
    columns = {}
    for ind in INDICATORS:
        if ind.source == "att":
            columns[ind.key] = [att_status(c, year) for c in countries]
        else:
            table = wgi if ind.source == "wgi" else gitoc
            columns[ind.key] = table[ind.code].reindex(countries).astype(float).to_numpy()
    return pd.DataFrame(columns, index=pd.Index(countries, name="iso3"))


def coverage(raw: pd.DataFrame) -> pd.DataFrame:
    """Which indicators enter the index, and why the others do not (no value is ever filled in)."""
    rows = []
    for ind in INDICATORS:
        values = raw[ind.key]
        missing = list(values.index[values.isna()])
        if missing:
            why = f"no value for {len(missing)} of {len(values)} countries ({', '.join(missing)})"
        elif values.nunique() == 1:
            why = "the same value for every country, so it cannot rank them"
        else:
            why = ""
        rows.append({"family": FAMILIES[ind.family], "indicator": ind.label, "source": SOURCES[ind.source],
                     "higher is better": "yes" if ind.higher_is_better else "no (reversed)",
                     "countries with a value": int(values.notna().sum()), "in the index": "no" if why else "yes",
                     "why not": why, "key": ind.key})
    return pd.DataFrame(rows)


def entering(raw: pd.DataFrame) -> list[Indicator]:
    keys = set(coverage(raw).query("`in the index` == 'yes'")["key"])
    return [ind for ind in INDICATORS if ind.key in keys]


# ------------------------------------------------------------------ method


def normalize(raw: pd.DataFrame, indicators: list[Indicator], method: str) -> pd.DataFrame:
    """Orient each indicator (higher = better) and put it on a common scale across the chosen countries."""
    oriented = pd.DataFrame({i.key: raw[i.key] if i.higher_is_better else -raw[i.key] for i in indicators})
    if method == "minmax":
        return (oriented - oriented.min()) / (oriented.max() - oriented.min())
    if method == "zscore":
        return (oriented - oriented.mean()) / oriented.std(ddof=0)
    if method == "rank":
        return oriented.rank(method="average")
    raise ValueError(f"normalization {method!r} is not one of {', '.join(NORMALIZATIONS)}")


def _combine(values: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Weighted mean of ``values`` (countries x parts) for each row of ``weights`` (weightings x parts)."""
    if aggregation == "geometric":
        return np.exp(np.log(values) @ weights.T)
    return values @ weights.T


def scores(normalized: pd.DataFrame, indicators: list[Indicator], family_weights: dict, aggregation: str,
           indicator_weights: dict | None = None) -> pd.DataFrame:
    """Family scores and the index for one weighting; indicators weigh equally within a family unless given."""
    families = [f for f in MEASURED if any(i.family == f for i in indicators)]
    out = {}
    for family in families:
        keys = [i.key for i in indicators if i.family == family]
        w = np.array([indicator_weights[k] if indicator_weights else 1.0 for k in keys])
        out[family] = _combine(normalized[keys].to_numpy(), (w / w.sum())[None, :], aggregation)[:, 0]
    v = np.array([family_weights[f] for f in families])
    out["index"] = _combine(np.column_stack([out[f] for f in families]), (v / v.sum())[None, :], aggregation)[:, 0]
    return pd.DataFrame(out, index=normalized.index)


def ranks(values: pd.Series) -> pd.Series:
    """Rank 1 = the highest score (the most secure by the index); ties share the better rank."""
    return values.rank(ascending=False, method="min").astype(int)


def random_ranks(normalized: pd.DataFrame, indicators: list[Indicator], aggregation: str, draws: int,
                 seed: int) -> pd.DataFrame:
    """Ranks under ``draws`` random weightings: family weights and, within each family, indicator weights drawn
    uniformly over all weightings that sum to one (Dirichlet with every concentration 1). Rows: draws."""
    rng = np.random.default_rng(seed)
    families = [f for f in MEASURED if any(i.family == f for i in indicators)]
    family_weights = rng.dirichlet(np.ones(len(families)), size=draws)
    family_scores = []
    for family in families:
        keys = [i.key for i in indicators if i.family == family]
        weights = rng.dirichlet(np.ones(len(keys)), size=draws)
        family_scores.append(_combine(normalized[keys].to_numpy(), weights, aggregation))  # countries x draws
    stacked = np.stack(family_scores, axis=-1)  # countries x draws x families
    if aggregation == "geometric":
        index = np.exp((np.log(stacked) * family_weights[None, :, :]).sum(axis=-1))
    else:
        index = (stacked * family_weights[None, :, :]).sum(axis=-1)
    return pd.DataFrame(index.T, columns=normalized.index).rank(axis=1, ascending=False, method="min").astype(int)


def rank_summary(random: pd.DataFrame, base: pd.Series) -> pd.DataFrame:
    """Per country: rank with the chosen weights, the spread of its random ranks, and the chance of each third."""
    n = random.shape[1]
    third = n / 3
    top, bottom = (random <= third).mean(), (random > n - third).mean()
    summary = pd.DataFrame({
        "rank": base, "median rank": random.median(), "rank, low percentile": random.quantile(RANK_BAND[0] / 100),
        "rank, high percentile": random.quantile(RANK_BAND[1] / 100), "P(top third)": top, "P(bottom third)": bottom})
    summary["conclusion"] = np.select(
        [top >= ROBUST, bottom >= ROBUST, (top < 1 - ROBUST) & (bottom < 1 - ROBUST)],
        ["robustly in the top third", "robustly in the bottom third", "robustly in the middle third"],
        "depends on the weights")
    return summary.sort_values(["rank", "median rank"])


# ------------------------------------------------------------------ the chapter's computation


@dataclass(frozen=True)
class Result:
    raw: pd.DataFrame
    coverage: pd.DataFrame
    indicators: list
    normalized: pd.DataFrame
    scores: pd.DataFrame
    random: pd.DataFrame
    summary: pd.DataFrame


def compute(countries: list, year: int, normalization: str, aggregation: str, weights: dict, draws: int, seed: int,
            **_) -> Result:
    raw = raw_values(countries, year)
    table = coverage(raw)
    indicators = entering(raw)
    normalized = normalize(raw, indicators, normalization)
    fixed = scores(normalized, indicators, weights, aggregation)
    random = random_ranks(normalized, indicators, aggregation, draws, seed)
    return Result(raw, table, indicators, normalized, fixed, random, rank_summary(random, ranks(fixed["index"])))


def unficyp_founding() -> pd.Timestamp:
    """The date the UN Security Council established UNFICYP, as every catalogued UN record states it."""
    rows = load("governance_reported_figures").query("measure == 'unficyp_established'")
    dates = set(rows["date"])
    if len(dates) != 1:
        raise DataError(f"governance/reported_figures.csv: the UNFICYP records disagree ({sorted(dates)})")
    return pd.Timestamp(dates.pop())


def unficyp_year() -> int:
    return unficyp_founding().year


UNFICYP_SOURCE = ("UN Security Council, resolution 186 (1964); UNFICYP, Establishment of UNFICYP (The Blue Helmets, "
                  "UN Department of Public Information)")


def _unficyp_claim(p: dict) -> verdicts.ClaimResult:
    """The slide's founding year of UNFICYP against the date the UN's records give."""
    c = claim("caune-unficyp-established-1974")
    founded = unficyp_founding()
    basis = (f"The Security Council established UNFICYP on {founded.day} {founded:%B %Y}, as its resolution and "
             "the mission's own history record")
    evidence = verdicts.measured(c.stated[0], founded.year, basis=basis, source=UNFICYP_SOURCE)
    # a year is graded in years (year_tolerance); the relative tolerance plays no part, so none is declared
    return verdicts.judge(c.id, [evidence], 0.0, year_tolerance=p["year_tolerance"])


def check_claims(**params) -> list[verdicts.ClaimResult]:
    """The chapter's checked claims (one: the founding year of UNFICYP); its other figures are descriptive,
    registered as such, and not computed here."""
    p = PARAMETERS.validate(params)
    return [_unficyp_claim(p)]


def index_for(**params) -> Result:
    """The index for these parameters, computed once per distinct set of parameters (the notebook, its
    values and its figures all read the same one)."""
    p = PARAMETERS.validate(params)
    return _computed(json.dumps(p, sort_keys=True))


@lru_cache(maxsize=8)
def _computed(key: str) -> Result:
    return compute(**json.loads(key))


# ------------------------------------------------------------------ the US and Mexico over time


def wgi_family(countries: list[str]) -> pd.DataFrame:
    """The WGI part of the crime-and-governance family by year: the mean of its four estimates (rows years)."""
    codes = [i.code for i in INDICATORS if i.source == "wgi"]
    wgi = load("wgi").query("iso3 in @countries and indicator in @codes")
    complete = wgi.groupby(["iso3", "year"])["estimate"].count() == len(codes)  # a mean of fewer would mislead
    means = wgi.groupby(["iso3", "year"])["estimate"].mean()[complete]
    return means.unstack("iso3").reindex(columns=countries)


def wgi_change(iso3: str, start: int, end: int) -> pd.DataFrame:
    """Each WGI indicator's change between two years, and whether it exceeds the margin of error (90%)."""
    wgi = load("wgi").query("iso3 == @iso3 and year in (@start, @end)").set_index(["indicator", "year"])
    rows = []
    for ind in (i for i in INDICATORS if i.source == "wgi"):
        a, b = wgi.loc[(ind.code, start)], wgi.loc[(ind.code, end)]
        margin = WGI_MARGIN * float(np.hypot(a["stddev"], b["stddev"]))
        change = float(b["estimate"] - a["estimate"])
        rows.append({"indicator": ind.label, str(start): round(float(a["estimate"]), 2),
                     str(end): round(float(b["estimate"]), 2), "change": round(change, 2),
                     "margin of error (90%)": round(margin, 2),
                     "beyond the margin": "yes" if abs(change) > margin else "no"})
    return pd.DataFrame(rows)


def focus_changes() -> pd.DataFrame:
    """The US and Mexico: each WGI indicator from the first essay's year to the latest year."""
    latest = int(load("wgi")["year"].max())
    return pd.concat([wgi_change(code, ESSAY_YEARS["essay 000"], latest).assign(country=_names([code])[0])
                      .set_index("country").reset_index() for code in FOCUS])


def wjp_scores(iso3: str) -> pd.Series:
    """WJP order-and-security and criminal-justice scores (mean of the two factors) by edition."""
    wjp = load("wjp_rule_of_law").query("iso3 == @iso3")
    return wjp.groupby("year")["score"].mean()


# ------------------------------------------------------------------ tables and figures


def _names(codes) -> list[str]:
    names = country_names()
    return [names[c] for c in codes]


def summary_table(result: Result) -> pd.DataFrame:
    s = result.summary
    return pd.DataFrame({
        "country": _names(s.index), "index": result.scores["index"].reindex(s.index).round(3).to_numpy(),
        "rank": s["rank"].to_numpy(),
        f"rank range, random weights ({RANK_BAND[0]}th-{RANK_BAND[1]}th percentile)": [
            f"{lo:.0f} to {hi:.0f}" for lo, hi in zip(s["rank, low percentile"], s["rank, high percentile"])],
        "P(top third)": s["P(top third)"].map("{:.0%}".format).to_numpy(),
        "P(bottom third)": s["P(bottom third)"].map("{:.0%}".format).to_numpy(),
        "conclusion": s["conclusion"].to_numpy()})


def coverage_table(result: Result) -> pd.DataFrame:
    return result.coverage.drop(columns="key")


def att_table(countries: list[str], year: int) -> pd.DataFrame:
    """The Arms Trade Treaty status of each chosen country at the end of ``year``, as the sources state it."""
    events = load("treaty_status")
    rows = []
    for code, name in zip(countries, _names(countries)):
        status = att_status(code, year)
        seen = events.query("iso3 == @code")
        rows.append({"country": name,
                     f"party at the end of {year}": {1.0: "yes", 0.0: "no"}.get(status, "not stated in the sources read"),
                     "events seen": "; ".join(f"{e.event} {e.date} [{e.source}]" for e in seen.itertuples()) or "none"})
    return pd.DataFrame(rows)


def descriptive_table() -> pd.DataFrame:
    """The presentation's descriptive figures, registered as such (no data can test them)."""
    claims = [c for c in registry().values() if c.chapter == "border_index" and c.status == "descriptive"]
    return pd.DataFrame({"claim": [c.claim for c in claims],
                         "stated": ["; ".join(f.as_printed for f in c.stated) for c in claims],
                         "verdict": verdicts.DESCRIPTIVE})


def heatmap_figure(result: Result, normalization: str, year: int, **_):
    """Normalized indicators by country, countries in index order."""
    import seaborn as sns
    from analysis.core.plotting import finish, new_figure
    order = result.summary.index
    frame = result.normalized.loc[order]
    frame.index = _names(order)
    frame.columns = [i.label if i.higher_is_better else i.label.replace(")", ", reversed)") for i in result.indicators]
    fig, ax = new_figure(f"Indicators after orientation and {normalization} normalization, {year}", "", "")
    fig.set_size_inches(9, 7.5)
    sns.heatmap(frame, ax=ax, annot=True, fmt=".2f", cmap="viridis", annot_kws={"size": 8},
                cbar_kws={"label": f"Normalized value ({NORMALIZATIONS[normalization].split(' (')[0]}; unitless)"})
    ax.set_xlabel("Indicator (each oriented so that higher is better)")
    ax.set_ylabel("Country (in order of the index)")
    ax.set_xticklabels(ax.get_xticklabels(), rotation=35, ha="right")
    return finish(fig)


def ranks_figure(result: Result, draws: int, **_):
    """The distribution of each country's rank over the random weightings, with its rank at the chosen weights."""
    from analysis.core.plotting import finish, new_figure
    order = result.summary.index
    n = len(order)
    fig, ax = new_figure(f"Rank of each country under {draws:,} random weightings",
                         f"Rank among the {n} countries (1 = highest index)", "Country")
    fig.set_size_inches(8, 7)
    ax.axvspan(0.5, n / 3 + 0.5, color="C2", alpha=0.12, label="Top third")
    ax.axvspan(n - n / 3 + 0.5, n + 0.5, color="C3", alpha=0.12, label="Bottom third")
    ax.boxplot([result.random[c] for c in order], orientation="horizontal", whis=RANK_BAND, showfliers=False,
               medianprops={"color": "black"})
    ax.scatter(result.summary["rank"], range(1, n + 1), marker="D", color="C0", zorder=3,
               label="Rank with the chosen weights")
    ax.set_yticks(range(1, n + 1), _names(order))
    ax.invert_yaxis()
    ax.set_xlim(0.5, n + 0.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize="small")
    return finish(fig)


def over_time_figure(countries: list, **_):
    """The WGI part of the crime-and-governance family by year; the US and Mexico highlighted."""
    from analysis.core.plotting import finish, new_figure
    series = wgi_family(countries)
    fig, ax = new_figure("Governance part of the crime-and-governance family, 1996-2023", "Year",
                         "Mean WGI estimate (world s.d. units)")
    fig.set_size_inches(8, 5)
    for code in countries:
        if code not in FOCUS:
            ax.plot(series.index, series[code], color="grey", alpha=0.35, linewidth=0.8)
    ax.plot([], [], color="grey", alpha=0.5, label="Other chosen countries")
    for code, colour in zip(FOCUS, ("C0", "C1")):
        if code in series:
            ax.plot(series.index, series[code], marker=".", color=colour, linewidth=2, label=_names([code])[0])
    for label, year in ESSAY_YEARS.items():
        ax.axvline(year, color="black", linestyle=":", linewidth=1)
        ax.annotate(f"{year} ({label})", (year, ax.get_ylim()[1]), xytext=(3, -12), textcoords="offset points",
                    fontsize="small")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize="small")
    return finish(fig)


# ------------------------------------------------------------------ the numbers the prose cites


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
        "att_known": int(result.raw["att_party"].notna().sum()),
        "att_parties_total": int(load("treaty_status").query("country == 'all'")["parties"].iloc[0]),
        "gitoc_years": " and ".join(map(str, gitoc_years())),
        "wgi_first_year": int(load("wgi")["year"].min()), "wgi_last_year": latest,
        "gitoc_scale": score_scale("gitoc_oc_index"), "wjp_scale": score_scale("wjp_rule_of_law"),
        "unficyp_year": unficyp_year(), "year_tolerance": f"{p['year_tolerance']:g}",
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
        for y in ESSAY_YEARS.values():
            values[f"{k}_wgi_{y}"] = f"{wgi[y]:+.2f}"
        values[f"{k}_wgi_latest"] = f"{wgi[latest]:+.2f}"
        values[f"{k}_wgi_change"] = f"{wgi[latest] - wgi[ESSAY_YEARS['essay 000']]:+.2f}"
        for start in ESSAY_YEARS.values():
            moved = wgi_change(code, start, latest).query("`beyond the margin` == 'yes'")["indicator"]
            values[f"{k}_moved_since_{start}"] = _moved(moved)
        wjp = wjp_scores(code)
        values[f"{k}_wjp_first"], values[f"{k}_wjp_2018"], values[f"{k}_wjp_last"] = (
            f"{wjp.iloc[0]:.2f}", f"{wjp.get(2018, float('nan')):.2f}", f"{wjp.iloc[-1]:.2f}")
        gitoc = load("gitoc_oc_index").query("iso3 == @code and indicator == 'criminality'").set_index("year")["score"]
        for y in gitoc_years():
            values[f"{k}_criminality_{y}"] = f"{gitoc[y]:.2f}"
    wjp_years = load("wjp_rule_of_law")["year"]
    values["wjp_first_year"], values["wjp_last_year"] = int(wjp_years.min()), int(wjp_years.max())
    return values


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
