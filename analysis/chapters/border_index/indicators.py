"""The index's indicators and their data: the essay's families of metrics, the indicators that
stand for them (WGI, the Organized Crime Index, the Arms Trade Treaty), and the US and Mexico over time."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core.data import load


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
ESSAY_YEARS = {"Heyman (2011)": 2011, "Homicide peak (2018)": 2018}  # the homicide peak Byers and Warner discuss
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
    return pd.concat([wgi_change(code, ESSAY_YEARS["Heyman (2011)"], latest).assign(country=_names([code])[0])
                      .set_index("country").reset_index() for code in FOCUS])


def wjp_scores(iso3: str) -> pd.Series:
    """WJP order-and-security and criminal-justice scores (mean of the two factors) by edition."""
    wjp = load("wjp_rule_of_law").query("iso3 == @iso3")
    return wjp.groupby("year")["score"].mean()


def _names(codes) -> list[str]:
    names = country_names()
    return [names[c] for c in codes]


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


def over_time_figure(countries: list, **_):
    """The WGI part of the crime-and-governance family by year; the US and Mexico highlighted."""
    from analysis.core.plotting import finish, new_figure
    series = wgi_family(countries)
    fig, ax = new_figure("Governance part of the crime-and-governance family, 1996-2023", "Year",
                         "Mean WGI estimate (world s.d. units)")
    fig.set_size_inches(8, 5)
    for code in countries:
        if code not in FOCUS:
            ax.plot(series.index, series[code], color="grey", alpha=0.35, linewidth=0.8, gid=_names([code])[0])
    ax.plot([], [], color="grey", alpha=0.5, label="Other chosen countries")
    for code, colour in zip(FOCUS, ("C0", "C1")):
        if code in series:
            ax.plot(series.index, series[code], marker=".", color=colour, linewidth=2, label=_names([code])[0])
    for label, year in ESSAY_YEARS.items():
        ax.axvline(year, color="black", linestyle=":", linewidth=1)
        ax.annotate(label, (year, ax.get_ylim()[1]), xytext=(3, -12), textcoords="offset points",
                    fontsize="small")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize="small")
    return finish(fig)
