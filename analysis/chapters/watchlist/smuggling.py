"""Smugglers' revenue: a small model (people crossing between ports, the share who pay, the fee)
beside the published estimates, one of which is the essay's figure."""
from __future__ import annotations

import pandas as pd

from analysis.core import verdicts
from analysis.core.claims import claim
from analysis.core.data import load
from analysis.core.fmt import number
from analysis.core.plotting import finish, new_figure
from analysis.core.series import reported
from analysis.chapters.watchlist.gotaways import gotaway_origin, gotaways
from analysis.chapters.watchlist.sources import RECENT, _origin, _recent


def usbp_encounters(fy: int, region: str = "southwest") -> int:
    frame = load("usbp_encounters_by_region")
    row = frame[(frame["fiscal_year"] == fy) & (frame["region"] == region) & (frame["months"] == 12)]
    if row.empty:
        raise ValueError(f"no full-year {region} Border Patrol encounters for FY{fy}")
    return int(row["encounters"].iloc[0])


def _usbp_years() -> tuple[int, int]:
    years = load("usbp_encounters_by_region").query("months == 12")["fiscal_year"]
    return int(years.min()), int(years.max())


def _typical_fee(measure: str, who: str) -> float:
    """The typical fee the Washington Times case database gives for a group of migrants (its low or high end)."""
    rows = reported(measure, RECENT)
    rows = rows[(rows["citation"] == "washtimes2021_smuggling") & rows["note"].str.contains("Typical")
                & rows["note"].str.contains(who)]
    if len(rows) != 1:
        raise ValueError(f"expected one typical {measure} for {who} in {RECENT}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def crossers(year: int, source: str) -> dict:
    """People crossing between ports in a fiscal year: Border Patrol encounters plus gotaways."""
    frame = gotaways(source).set_index("fiscal_year")
    encounters = usbp_encounters(year)
    got = int(frame.loc[year, "gotaways"])
    return {"encounters": encounters, "gotaways": got, "total": encounters + got}


def revenue_interval(p: dict) -> tuple[float, float, dict]:
    people = crossers(p["smuggling_year"], p["gotaway_source"])
    low = people["total"] * p["paid_share_low"] * p["fee_low_usd"]
    high = people["total"] * p["paid_share_high"] * p["fee_high_usd"]
    return low, high, people


def smuggling_estimates() -> pd.DataFrame:
    """Published estimates of smugglers' revenue, one row each (ranges as low and high)."""
    frame = load(RECENT)
    frame = frame[frame["measure"].str.startswith(("smuggling_revenue", "piso"))
                  & ~frame["measure"].str.contains("weekly")].copy()
    frame["kind"] = frame["measure"].str.replace(r"_(low|high)$", "", regex=True)
    # a range is a _low and a _high row from one publication; a single figure stands alone
    frame["figure"] = frame["value"].where(frame["kind"] == frame["measure"], -1)
    out = (frame.groupby(["kind", "citation", "figure"])
           .agg(low=("value", "min"), high=("value", "max"), published=("published", "first"),
                fy_start=("fy_start", "first"), publisher=("publisher", "first"))
           .reset_index().sort_values("high"))
    return out


ESTIMATE_LABELS = {"smuggling_revenue": "all smuggling revenue", "smuggling_revenue_nt": "Northern Triangle routes only",
                   "piso": "passage taxes paid to drug cartels"}


def estimates_table() -> pd.DataFrame:
    est = smuggling_estimates()
    return pd.DataFrame({
        "estimate": [f"{number(r.low, 'usd')}" + ("" if r.low == r.high else f" to {number(r.high, 'usd')}")
                     for r in est.itertuples()],
        "covers": [ESTIMATE_LABELS[r.kind] for r in est.itertuples()],
        "year it refers to": [str(int(r.fy_start)) if r.fy_start == r.fy_start else "not stated"
                              for r in est.itertuples()],
        "published": est["published"].tolist(), "by": est["publisher"].tolist()})


def hsi_estimate(value_usd: float) -> pd.Series:
    """The published estimate of smugglers' revenue equal to the essay's figure (the figure's origin)."""
    rows = _recent("smuggling_revenue")
    rows = rows[rows["value"] == value_usd]
    if rows.empty:
        raise ValueError(f"no published estimate of {number(value_usd, 'usd')} in {RECENT}")
    return rows.iloc[0]


def _revenue_claim(p: dict) -> verdicts.ClaimResult:
    c = claim("byers-cartel-smuggling-revenue-2021")
    revenue, year = c.stated
    low, high, people = revenue_interval(p)
    publisher, tier = gotaway_origin(p["gotaway_source"])
    origin = hsi_estimate(revenue.value * 1e9)
    need = revenue.value * 1e9 / people["total"]
    return verdicts.judge(c.id, [
        verdicts.bracketed(revenue, low / 1e9, high / 1e9, tier="secondary",
                           source=f"{_origin('usbp_encounters_by_region')}; gotaways: {publisher}; fees and share "
                                  "paying: The Washington Times",
                           basis=(f"{number(people['total'])} people crossing between ports in FY{p['smuggling_year']} "
                                  f"({number(people['encounters'])} encounters + {number(people['gotaways'])} gotaways), "
                                  f"{p['paid_share_low']:.0%} to {p['paid_share_high']:.0%} paying "
                                  f"{number(p['fee_low_usd'], 'usd')} to {number(p['fee_high_usd'], 'usd')} each")),
        # the estimate is dated by its publication: HSI's rate "today", as the New York Times reported it
        verdicts.measured(year, int(origin["fy_start"]), source=origin["publisher"], tier=origin["tier"],
                          basis=f"The year of the {number(revenue.value * 1e9, 'usd')} estimate as published: HSI's "
                                f"yearly rate 'today', reported on {origin['published']} (the year of the data "
                                "behind it is not stated)")], p["tolerance"],
        note=f"Reaching {number(revenue.value * 1e9, 'usd')} needs an average of {number(need, 'usd')} a head if everyone "
             f"paid, or {number(need / p['paid_share_low'], 'usd')} if {p['paid_share_low']:.0%} did. The model's "
             "share paying and fees are assumptions from press reports, not official figures.")


def smuggling_figure(**p):
    """The model's interval beside the published estimates and the essay's figure (``p``: the chapter's
    validated parameters)."""
    low, high, _ = revenue_interval(p)
    est = smuggling_estimates()
    fig, ax = new_figure("Smugglers' yearly revenue: model and estimates",
                         "Revenue (billion US dollars a year, nominal)", "")
    labels = [f"Model, FY{p['smuggling_year']}"] + [
        f"{ESTIMATE_LABELS[r.kind]}, {int(r.fy_start) if r.fy_start == r.fy_start else 'year not stated'}"
        for r in est.itertuples()]
    spans = [(low, high)] + list(zip(est["low"], est["high"]))
    for y, (a, b) in enumerate(spans):
        name = "Model's interval" if y == 0 else "Published estimate"  # the mark's name in the figure's data
        ax.plot([a / 1e9, b / 1e9], [y, y], linewidth=8, solid_capstyle="butt", color="C0" if y == 0 else "C7", gid=name)
        if a == b:
            ax.plot([a / 1e9], [y], "s", color="C7", markersize=10, zorder=3, gid=name)
    essay = claim("byers-cartel-smuggling-revenue-2021").stated[0].value
    ax.axvline(essay, color="C1", linestyle="--", label=f"The essay's {number(essay * 1e9, 'usd')}")
    ax.set_yticks(range(len(labels)), labels)
    ax.legend(loc="center right", fontsize="small")
    return finish(fig)
