"""The municipal panel for the kingpin estimates: monthly homicides and population by municipality,
the removals of leaders (events) and their neighbouring municipalities."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core.data import data_dir, derived, load


EVENT_SETS = {"captures": ("captured", "recaptured"), "captures-and-killings": ("captured", "recaptured", "killed")}


@derived
def panel_years() -> tuple[int, int]:
    """The first and last year of the municipal homicide data (the panel's years)."""
    years = load("municipal_month_homicides")["year"]
    return int(years.min()), int(years.max())


@derived
def population_gap_years() -> tuple[int, ...]:
    """The years the CONAPO municipal series leaves empty, between its first and last year."""
    years = set(load("municipal_population")["year"])
    return tuple(year for year in range(min(years), max(years) + 1) if year not in years)


def population() -> pd.DataFrame:
    """CONAPO municipal population by year; the years empty in the source (population_gap_years) are
    interpolated linearly between the nearest years on either side (stated in the chapter: the only
    interpolation in the book)."""
    wide = load("municipal_population").pivot(index="cve_mun", columns="year", values="population").astype(float)
    observed = list(wide.columns)
    for year in population_gap_years():
        before, after = max(y for y in observed if y < year), min(y for y in observed if y > year)
        wide[year] = wide[before] + (wide[after] - wide[before]) * (year - before) / (after - before)
    return wide.stack().rename("population").reset_index()


def panel() -> pd.DataFrame:
    """Monthly homicides and population by municipality over the panel's years (built once per data folder)."""
    return _panel(data_dir()).copy()


@lru_cache(maxsize=2)
def _panel(folder) -> pd.DataFrame:
    """Monthly homicides and population by municipality over the panel's years.

    Municipalities created after the panel's first year are folded into the municipality they were
    split from, where a source states it, so every series covers the same territory throughout; the
    few with no stated parent are left out (both choices listed in municipality_changes).
    """
    counts = load("municipal_month_homicides")
    changes = load("municipality_changes").dropna(subset=["parent_cve_mun"])
    parent = dict(zip(changes["cve_mun"], changes["parent_cve_mun"]))
    counts["cve_mun"] = counts["cve_mun"].replace(parent)
    counts = counts.groupby(["cve_mun", "year", "month"], as_index=False)["homicides"].sum()
    frame = counts.merge(population(), on=["cve_mun", "year"], how="inner")
    frame = frame[frame["population"] > 0]
    frame["t"] = ((frame["year"] - panel_years()[0]) * 12 + frame["month"] - 1).astype("int64")
    frame["homicides"] = frame["homicides"].astype(float)
    frame["log_population"] = np.log(frame["population"])
    frame["log_rate"] = np.log1p(frame["homicides"] / frame["population"] * 1e5 * 12)
    return frame.reset_index(drop=True)


def month_index(date: str) -> int:
    return (int(date[:4]) - panel_years()[0]) * 12 + int(date[5:7]) - 1


def events(event_set: str, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Removals of leaders with a municipality stated by a source and at least a month given;
    a municipality's first such event in ``years`` is its event."""
    years = years or panel_years()
    frame = load("kingpin_events")
    frame = frame[frame["cve_mun"].notna() & frame["event_type"].isin(EVENT_SETS[event_set])
                  & frame["date_precision"].isin(["day", "month", "approx_day", "announcement"])].copy()
    frame["year"] = frame["event_date"].str[:4].astype(int)
    frame = frame[frame["year"].between(*years)]
    frame["t"] = frame["event_date"].map(month_index).astype("int64")
    return frame.sort_values("t").drop_duplicates("cve_mun")[
        ["event_id", "event_date", "person", "event_type", "organization", "cve_mun", "t"]]


def neighbours(treated: pd.Series, ring: int) -> pd.Series:
    """Event month for municipalities within ``ring`` borders of an event municipality (not themselves
    treated); a municipality near two events takes the earlier."""
    pairs = load("municipal_adjacency")
    adjacent = pd.concat([pairs.rename(columns={"cve_mun_a": "a", "cve_mun_b": "b"}),
                          pairs.rename(columns={"cve_mun_b": "a", "cve_mun_a": "b"})])[["a", "b"]]
    reached = treated.copy()
    for _ in range(ring):
        step = adjacent[adjacent["a"].isin(reached.index)]
        step = pd.Series(step["a"].map(reached).values, index=step["b"].values)
        reached = pd.concat([reached, step]).groupby(level=0).min()
    return reached.drop(treated.index, errors="ignore").astype("int64")


def design(event_set: str, neighbour_ring: int, capture_months: int, neighbour_months: int,
           years: tuple[int, int] | None = None) -> pd.DataFrame:
    """The panel in ``years`` with months since the event for capture and neighbouring municipalities;
    ``post`` marks the first ``months`` months from the event month on, ``later`` every month after."""
    years = years or panel_years()
    frame = panel()
    frame = frame[frame["year"].between(*years)].copy()
    treated = events(event_set, years).set_index("cve_mun")["t"]
    near = neighbours(treated, neighbour_ring)
    frame["rel_c"] = frame["t"] - frame["cve_mun"].map(treated).astype(float)
    frame["rel_n"] = frame["t"] - frame["cve_mun"].map(near).astype(float)
    for side, months in (("c", capture_months), ("n", neighbour_months)):
        rel = frame[f"rel_{side}"]
        frame[f"post_{side}"] = rel.between(0, months - 1).astype(int)
        frame[f"later_{side}"] = (rel >= months).astype(int)
    return frame
