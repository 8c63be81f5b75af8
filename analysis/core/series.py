"""Data series more than one chapter reads: Border Patrol agents and apprehensions, land-border
crossings, and figures reported in publications."""
from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from analysis.core.data import derived, load


def agents(region: str = "nationwide") -> pd.Series:
    """Border Patrol agents on board by fiscal year."""
    frame = load("border_patrol_agents")
    return frame[frame["region"] == region].set_index("fy")["agents"].astype(int)


def agents_in(fy: int, region: str = "nationwide") -> int:
    series = agents(region)
    if fy not in series.index:
        raise ValueError(f"no {region} Border Patrol staffing figure for FY{fy}; "
                         f"the data cover FY{series.index.min()}-FY{series.index.max()}")
    return int(series[fy])


def apprehensions_in(fy: int, region: str = "southwest") -> int:
    frame = load("border_patrol_apprehensions")
    row = frame[(frame["region"] == region) & (frame["fy"] == fy)]
    if row.empty:
        raise ValueError(f"no {region} apprehension figure for FY{fy}")
    return int(row["apprehensions"].iloc[0])


def crossings(measure: str, border: str = "us-mexico") -> pd.Series:
    """Inbound crossings at a land border by calendar year (complete years only)."""
    frame = load("border_crossings")
    frame = frame[(frame["border"] == border) & (frame["measure"] == measure) & (frame["months"] == 12)]
    return frame.groupby("year")["value"].sum().astype(float)


def crossing_years() -> tuple[int, int]:
    """First and last complete calendar year of the crossings data."""
    frame = load("border_crossings")
    years = frame[frame["months"] == 12]["year"]
    return int(years.min()), int(years.max())


@derived
def reported(measure: str, resource: str = "reported_figures") -> pd.DataFrame:
    """Figures read from publications for one measure, official ones first.

    ``reported_figures`` holds the older figures (to FY2020), ``recent_reported_figures`` the later ones."""
    frame = load(resource)
    frame = frame[frame["measure"] == measure].copy()
    frame["tier_rank"] = (frame["tier"] != "official").astype(int)
    return frame.sort_values(["tier_rank", "fy_start", "citation"]).drop(columns="tier_rank")


def reported_in(measure: str, fy: int, allow_secondary: bool, resource: str = "reported_figures") -> pd.Series | None:
    """The best figure for exactly one fiscal year: official if any, else secondary if allowed.

    Figures for other years are never used in its place (no interpolation).
    """
    rows = reported(measure, resource)
    rows = rows[(rows["fy_start"] == fy) & (rows["fy_end"] == fy)]
    if not allow_secondary:
        rows = rows[rows["tier"] == "official"]
    return None if rows.empty else rows.iloc[0]


# Pages that only relay a figure and that a careful reader would not cite: aggregators, blogs, forums. Where no
# official or reputable copy of a figure was found, a claim resting on it says so in its reason (relay_note).
WEAK_RELAYS = {
    "howmuch.net": "HowMuch.net, a chart aggregator",
    "tactical-life.com": "tactical-life.com, a firearms-industry site's repost",
    "blogspot.com": "a personal blog",
    "chopcountry.com": "a forum post",
    "bizpacreview.com": "BizPac Review, a partisan aggregator",
    "spamchronicles.com": "Spam Chronicles, a content farm",
    "capitalhillnews.com": "Capital Hill News, a content farm",
    "endtimeheadlines.org": "End Time Headlines, a fringe news site",
    "everychina.com": "a content farm's copy",
    "wikileaks.cash": "an unofficial mirror of the report's text",
    "themarijuanareport.org": "an advocacy newsletter",
}


def weak_relay(row: pd.Series) -> str | None:
    """What kind of page a figure was read from, when it is one of ``WEAK_RELAYS``."""
    host = urlparse(str(row["read_from"])).netloc.lower()
    return next((what for domain, what in WEAK_RELAYS.items() if host == domain or host.endswith("." + domain)), None)


def relay_note(rows) -> str:
    """A sentence for a claim's reason naming the figures it rests on that were read only on a weak relay
    ("" when there are none)."""
    weak = [f"{row['as_printed']} ({row['publisher']}), read on {what}"
            for row in rows if row is not None and (what := weak_relay(row))]
    if not weak:
        return ""
    return ("No official or reputable copy of some figures was found, so they rest on pages a careful reader would "
            f"not cite: {'; '.join(dict.fromkeys(weak))}.")
