"""Uncertainty beyond the weights, as the OECD/JRC handbook's uncertainty analysis does it: every input choice
drawn at once (normalization and aggregation, the edition of the Organized Crime Index, the indicator set with
one indicator left out or none, the WGI estimates redrawn within their standard errors, random weights), the
ranks each draw gives, and the correlations between the indicators."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.chapters.border_index.indicators import (MEASURED, _names, entering, gitoc_years, raw_values,
                                                       wgi_errors)
from analysis.chapters.border_index.method import RANK_BAND, Result

# The normalizations and aggregations the chapter allows together (a geometric mean needs positive values).
METHODS = (("minmax", "arithmetic"), ("zscore", "arithmetic"), ("rank", "arithmetic"), ("rank", "geometric"))


@dataclass(frozen=True)
class Scenario:
    normalization: str
    aggregation: str
    year: int
    leave_out: str  # an indicator's key, or "none"


def scenarios(countries: list[str]) -> list[Scenario]:
    """Every combination of method, edition and indicator set (each entering indicator left out in turn, or none)."""
    found = []
    for year in gitoc_years():
        keys = [i.key for i in entering(raw_values(countries, year))]
        for normalization, aggregation in METHODS:
            found += [Scenario(normalization, aggregation, year, k) for k in ("none", *keys)]
    return found


def _normalize(x: np.ndarray, method: str) -> np.ndarray:
    """Normalize draws x countries x indicators across the countries (axis 1)."""
    if method == "minmax":
        low, high = x.min(axis=1, keepdims=True), x.max(axis=1, keepdims=True)
        return (x - low) / (high - low)
    if method == "zscore":
        return (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)
    return _rank(x, ties="average")


def _rank(x: np.ndarray, ties: str) -> np.ndarray:
    """Ranks across the countries (axis 1), 1 for the lowest, as ``scipy.stats.rankdata`` gives them (a test
    compares the two): tied values share the mean of their places ("average") or the first ("min"). Counting
    the values below each one is exact, needs no scipy.stats (a second to import), and made the ten thousand draws
    two and a half times faster."""
    if np.isnan(x).any():
        raise ValueError("a drawn value is NaN: the draws need every country's value for every indicator")
    below = (x[:, None] < x[:, :, None]).sum(axis=2)
    if ties == "min":
        return below + 1
    return below + ((x[:, None] == x[:, :, None]).sum(axis=2) + 1) / 2


def _mean(values: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Weighted mean over the last axis of draws x countries x parts, with weights draws x parts."""
    if aggregation == "geometric":
        return np.exp((np.log(values) * weights[:, None, :]).sum(axis=-1))
    return (values * weights[:, None, :]).sum(axis=-1)


def _ranks(s: Scenario, raw: pd.DataFrame, entered: list, errors: pd.DataFrame, n: int,
           rng: np.random.Generator) -> np.ndarray:
    """Ranks (n draws x countries) under one scenario, with redrawn WGI estimates and random weights
    (``entered``: the indicators that enter the index for ``raw``)."""
    indicators = [i for i in entered if i.key != s.leave_out]
    keys = [i.key for i in indicators]
    sign = np.array([1.0 if i.higher_is_better else -1.0 for i in indicators])
    noise = rng.standard_normal((n, *raw[keys].shape)) * errors[keys].to_numpy()
    normalized = _normalize((raw[keys].to_numpy() + noise) * sign, s.normalization)
    families = [f for f in MEASURED if any(i.family == f for i in indicators)]
    parts = []
    for family in families:
        columns = [k for k, i in enumerate(indicators) if i.family == family]
        parts.append(_mean(normalized[:, :, columns], rng.dirichlet(np.ones(len(columns)), size=n), s.aggregation))
    index = _mean(np.stack(parts, axis=-1), rng.dirichlet(np.ones(len(families)), size=n), s.aggregation)
    return _rank(-index, ties="min")


def global_ranks(countries: list[str], draws: int, seed: int) -> pd.DataFrame:
    """Ranks under ``draws`` draws (rows), each of a scenario picked uniformly, with its own WGI redraw and weights."""
    rng = np.random.default_rng(seed)
    raw = {year: raw_values(countries, year) for year in gitoc_years()}
    errors = {year: wgi_errors(countries, year) for year in raw}
    entered = {year: entering(values) for year, values in raw.items()}  # once per edition, not per scenario
    found = scenarios(countries)
    picked = np.bincount(rng.integers(len(found), size=draws), minlength=len(found))
    blocks = [_ranks(s, raw[s.year], entered[s.year], errors[s.year], n, rng) for s, n in zip(found, picked) if n]
    return pd.DataFrame(np.vstack(blocks), columns=pd.Index(countries, name="iso3"))


def global_summary(result: Result, ranks: pd.DataFrame) -> pd.DataFrame:
    """Per country: its rank under the chapter's choices beside the spread of its ranks over every input drawn."""
    n = ranks.shape[1]
    order = result.summary.index
    return pd.DataFrame({
        "country": _names(order), "rank (chosen method)": result.summary["rank"].to_numpy(),
        "median rank (all inputs drawn)": ranks.median().reindex(order).to_numpy(),
        f"rank range ({RANK_BAND[0]}th-{RANK_BAND[1]}th percentile)": [
            f"{ranks[c].quantile(RANK_BAND[0] / 100):.0f} to {ranks[c].quantile(RANK_BAND[1] / 100):.0f}" for c in order],
        "P(top third)": [f"{(ranks[c] <= n / 3).mean():.0%}" for c in order],
        "P(bottom third)": [f"{(ranks[c] > n - n / 3).mean():.0%}" for c in order]})


def rank_distribution(ranks: pd.DataFrame, codes) -> pd.DataFrame:
    """The share of draws that put each of ``codes`` at each rank (rows ranks, columns countries)."""
    n = ranks.shape[1]
    shares = {name: ranks[c].value_counts(normalize=True).reindex(range(1, n + 1), fill_value=0.0)
              for c, name in zip(codes, _names(codes))}
    frame = pd.DataFrame(shares)
    frame.index.name = "rank"
    return frame[(frame > 0).any(axis=1)].map("{:.1%}".format).reset_index()


def one_at_a_time(result: Result, alternatives: dict[str, Result], codes) -> pd.DataFrame:
    """Each alternative alone (the others at the chapter's choices): the ranks of ``codes``, how many countries
    move and the largest move."""
    base = result.summary["rank"]
    rows = []
    for label, alt in alternatives.items():
        moved = (alt.summary["rank"].reindex(base.index) - base).abs()
        rows.append({"alternative": label, **{name: int(alt.summary.at[c, "rank"]) for c, name in
                                                zip(codes, _names(codes))},
                     "countries whose rank moves": int((moved > 0).sum()), "largest move (ranks)": int(moved.max())})
    return pd.DataFrame(rows)


def _oriented(result: Result) -> pd.DataFrame:
    return pd.DataFrame({i.label: result.raw[i.key] * (1 if i.higher_is_better else -1) for i in result.indicators})


def correlations(result: Result) -> pd.DataFrame:
    """Pearson correlations between the indicators in the index, each oriented so that higher is better, across
    the chosen countries (strongly correlated indicators count much the same thing twice)."""
    return _oriented(result).corr().round(2).rename_axis("indicator").reset_index()


def extreme_pairs(result: Result) -> tuple[tuple[str, str, float], tuple[str, str, float]]:
    """The most and the least correlated pair of indicators, with their correlation."""
    corr = _oriented(result).corr()
    pairs = corr.where(np.triu(np.ones(corr.shape, dtype=bool), k=1)).stack()
    return (*pairs.idxmax(), float(pairs.max())), (*pairs.idxmin(), float(pairs.min()))
