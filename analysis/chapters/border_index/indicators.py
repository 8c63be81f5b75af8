"""The index's indicators and their data: the essay's families of metrics, the indicators that
stand for them (WGI, the Organized Crime Index, the Arms Trade Treaty), and the US and Mexico over time."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core.claims import present
from analysis.core.data import derived, load


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
    Indicator("att_status", "international_agreements", "Arms Trade Treaty (party 1, signatory 0.5)", "att",
              "arms_trade_treaty", True),
)
SOURCES = {"wgi": "World Bank, Worldwide Governance Indicators", "gitoc": "GI-TOC, Global Organized Crime Index",
           "att": "UN Treaty Collection, UNODA and reports of later deposits"}
# US neighbours and the Central American states the essays discuss, then EU states with external land borders.
AMERICAS = ["USA", "CAN", "MEX", "GTM", "HND", "SLV"]
EU_LAND_BORDER = ["FIN", "EST", "LVA", "LTU", "POL", "SVK", "HUN", "ROU", "BGR", "GRC", "HRV", "ESP"]
FOCUS = ("USA", "MEX")
# The years the chapter follows the US and Mexico from, by key: Heyman's present (the essay's "now", one year per
# essay) and the year of the homicide peak Byers and Warner discuss.
ESSAY_YEARS = {"heyman": present("heyman2011"), "peak": 2018}
ESSAY_YEAR_LABELS = {"heyman": "Heyman's present", "peak": "Homicide peak"}
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


@derived
def country_names() -> dict[str, str]:
    wgi = load("wgi").drop_duplicates("iso3", keep="last")  # the last name, as before
    return dict(zip(wgi["iso3"], wgi["country"]))


# A signature already binds a state not to defeat the treaty's object and purpose (Vienna Convention on the Law of
# Treaties, art. 18), so it counts for half; a party counts in full; a state that never signed, or notified that it
# will not become a party (the United States, 2019), counts nothing.
ATT_SCORES = {"party": 1.0, "signatory": 0.5, "not party": 0.0}


def att_events(iso3: str) -> pd.DataFrame:
    return load("treaty_status").query("iso3 == @iso3").sort_values("date")


def att_state(iso3: str, year: int) -> str | None:
    """The country's Arms Trade Treaty status at the end of ``year`` after its last event on record ('neither'
    before its first); None for a country the data do not cover."""
    events = att_events(iso3)
    if events.empty:
        return None
    events = events[events["date"].str[:4].astype(int) <= year]
    return events["status_after"].iloc[-1] if not events.empty else "neither"


def att_score(iso3: str, year: int) -> float:
    """The indicator: 1 for a party, 0.5 for a signatory, 0 otherwise; NaN for a country the data do not cover."""
    state = att_state(iso3, year)
    return np.nan if state is None else ATT_SCORES.get(state, 0.0)


def raw_values(countries: list[str], year: int) -> pd.DataFrame:
    """Every indicator for every chosen country in ``year`` (rows countries, columns indicators), NaN where missing."""
    return _raw_values(tuple(countries), year)


@derived
def _raw_values(countries: tuple[str, ...], year: int) -> pd.DataFrame:
    countries = list(countries)
    wgi = load("wgi").query("year == @year").pivot(index="iso3", columns="indicator", values="estimate")
    gitoc = load("gitoc_oc_index").query("year == @year").pivot(index="iso3", columns="indicator", values="score")
    columns = {}
    for ind in INDICATORS:
        if ind.source == "att":
            columns[ind.key] = [att_score(c, year) for c in countries]
        else:
            table = wgi if ind.source == "wgi" else gitoc
            columns[ind.key] = table[ind.code].reindex(countries).astype(float).to_numpy()
    return pd.DataFrame(columns, index=pd.Index(countries, name="iso3"))


def wgi_errors(countries: list[str], year: int) -> pd.DataFrame:
    """The standard error of each WGI estimate, in the layout of ``raw_values`` (zero for the other indicators,
    which publish none)."""
    return _wgi_errors(tuple(countries), year)


@derived
def _wgi_errors(countries: tuple[str, ...], year: int) -> pd.DataFrame:
    countries = list(countries)
    wgi = load("wgi").query("year == @year").pivot(index="iso3", columns="indicator", values="stddev")
    return pd.DataFrame({i.key: wgi[i.code].reindex(countries).astype(float).to_numpy() if i.source == "wgi" else 0.0
                         for i in INDICATORS}, index=pd.Index(countries, name="iso3"))


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
    return pd.concat([wgi_change(code, ESSAY_YEARS["heyman"], latest).assign(country=_names([code])[0])
                      .set_index("country").reset_index() for code in FOCUS])


def wjp_scores(iso3: str) -> pd.Series:
    """WJP order-and-security and criminal-justice scores (mean of the two factors) by edition."""
    wjp = load("wjp_rule_of_law").query("iso3 == @iso3")
    return wjp.groupby("year")["score"].mean()


def _names(codes) -> list[str]:
    names = country_names()
    return [names[c] for c in codes]


def att_table(countries: list[str], year: int) -> pd.DataFrame:
    """The Arms Trade Treaty status of each chosen country at the end of ``year``, with every event on record and
    whether a UN record (official) or a report of the event (secondary) gives it."""
    rows = []
    for code, name in zip(countries, _names(countries)):
        state = att_state(code, year)
        rows.append({"country": name, f"status at the end of {year}": state or "not covered by the data",
                     "indicator": "" if state is None else f"{att_score(code, year):g}",
                     "events on record": "; ".join(f"{e.event} {e.date} ({e.tier}: {e.source})"
                                                   for e in att_events(code).itertuples()) or "none"})
    return pd.DataFrame(rows)


def over_time_figure(countries: list, **_):
    """The WGI part of the crime-and-governance family by year; the US and Mexico highlighted."""
    from analysis.core.plotting import finish, new_figure
    series = wgi_family(countries)
    fig, ax = new_figure(f"Governance part of the crime-and-governance family, {series.index.min()}-{series.index.max()}",
                         "Year",
                         "Mean WGI estimate (world s.d. units)")
    fig.set_size_inches(8, 5)
    for code in countries:
        if code not in FOCUS:
            ax.plot(series.index, series[code], color="grey", alpha=0.35, linewidth=0.8, gid=_names([code])[0])
    ax.plot([], [], color="grey", alpha=0.5, label="Other chosen countries")
    for code, colour in zip(FOCUS, ("C0", "C1")):
        if code in series:
            ax.plot(series.index, series[code], marker=".", color=colour, linewidth=2, label=_names([code])[0])
    for key, year in ESSAY_YEARS.items():
        ax.axvline(year, color="black", linestyle=":", linewidth=1)
        ax.annotate(f"{ESSAY_YEAR_LABELS[key]} ({year})", (year, ax.get_ylim()[1]), xytext=(3, -12), textcoords="offset points",
                    fontsize="small")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize="small")
    return finish(fig)
