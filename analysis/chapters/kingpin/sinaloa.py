"""Sinaloa around El Chapo's capture and extradition: the state's homicides from both publishers."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.plotting import finish, new_figure


SINALOA = "25"


def state_annual(cve_ent: str) -> pd.DataFrame:
    """A state's homicides by year from both publishers (complete years only)."""
    inegi = load("state_month_homicides_inegi")
    inegi = inegi[inegi["cve_ent"] == cve_ent].groupby("year")["homicides"].agg(["sum", "count"])
    sesnsp = load("state_month_victims_sesnsp")
    sesnsp = sesnsp[(sesnsp["cve_ent"] == cve_ent) & (sesnsp["subtype"] == "homicidio-doloso")]
    sesnsp = sesnsp.groupby("year")["victims"].agg(["sum", "count"])
    return pd.DataFrame({"INEGI (occurrence)": inegi["sum"][inegi["count"] == 12],
                         "SESNSP (victims)": sesnsp["sum"][sesnsp["count"] == 12]})


def _chapo_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-el-chapo-violence")
    sinaloa = state_annual(SINALOA)["INEGI (occurrence)"]
    before, after = p["chapo_before_year"], p["chapo_after_year"]
    for year in (before, after):
        if year not in sinaloa.index:
            raise ValueError(f"no complete year {year} of homicides in Sinaloa in the data")
    return verdicts.judge(c.id, [verdicts.measured(
        c.stated[0], sinaloa[after] / sinaloa[before], source="INEGI, death records (Gargiulo et al. tabulation)",
        basis=f"Homicides in Sinaloa (INEGI), {before} ({sinaloa[before]:,.0f}) to {after} ({sinaloa[after]:,.0f})")],
        p["tolerance"])


def chapo_dates() -> pd.DataFrame:
    frame = load("el_chapo_timeline")
    return frame[frame["event_date"].str[:4].astype(int) >= 2014][["event_date", "event"]]


def _mark_chapo(ax, monthly: bool) -> None:
    for row in chapo_dates().itertuples():
        year = int(row.event_date[:4]) + ((int(row.event_date[5:7]) - 1) / 12 if monthly else 0)
        ax.axvline(year, color="grey", linestyle=":", linewidth=1)
        ax.annotate(row.event.split(" ")[0], (year, ax.get_ylim()[1]), rotation=90, va="top", ha="right",
                    fontsize="x-small", color="dimgray")


def sinaloa_figure(**_):
    fig, ax = new_figure("Homicides in Sinaloa by publisher", "Year", "Homicides or victims per year")
    data = state_annual(SINALOA)
    for column in data:
        series = data[column].dropna()
        ax.plot(series.index, series.values, marker=".", label=column)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    _mark_chapo(ax, monthly=True)
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig)
