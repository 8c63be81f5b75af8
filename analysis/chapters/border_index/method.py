"""The composite index, as the OECD/JRC handbook describes it: orient and normalize each indicator,
aggregate within families and across them, and rank the countries under random weightings."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.chapters.border_index.indicators import (INDICATORS, MEASURED, Indicator, _names, coverage, entering,
                                                       raw_values, wgi_errors)


ROBUST = 0.9  # a rank band counts as robust when this share of the random weightings agree
RANK_BAND = (5, 95)  # percentiles of the random ranks shown as a country's range (table, whiskers)
NORMALIZATIONS = {"minmax": "min-max (0 = lowest, 1 = highest of the chosen countries)",
                  "zscore": "z-score (standard deviations from the chosen countries' mean)",
                  "rank": "rank (1 = lowest, n = highest of the chosen countries)"}


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
            leave_out: str = "none", wgi_redraw: bool = False, **_) -> Result:
    raw = raw_values(countries, year)
    if wgi_redraw:  # one draw of the WGI estimates within their standard errors, from the same seed
        errors = wgi_errors(countries, year)
        raw = raw + errors * np.random.default_rng(seed).standard_normal(raw.shape)
    table = coverage(raw)
    indicators = [i for i in entering(raw) if i.key != leave_out]
    normalized = normalize(raw, indicators, normalization)
    fixed = scores(normalized, indicators, weights, aggregation)
    random = random_ranks(normalized, indicators, aggregation, draws, seed)
    return Result(raw, table, indicators, normalized, fixed, random, rank_summary(random, ranks(fixed["index"])))


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


def heatmap_figure(result: Result, normalization: str, year: int, **_):
    """Normalized indicators by country, countries in index order."""
    import seaborn as sns
    from analysis.core.plotting import finish, new_figure
    order = result.summary.index
    frame = result.normalized.loc[order]
    frame.index = _names(order)
    frame.columns = [i.label if i.higher_is_better else i.label.replace(")", ", reversed)") for i in result.indicators]
    fig, ax = new_figure(f"Indicators after orientation and {NORMALIZATIONS[normalization].split(' (')[0]} normalization, {year}", "", "")
    fig.set_size_inches(10, 9)
    sns.heatmap(frame, ax=ax, annot=True, fmt=".2f", cmap="viridis", annot_kws={"size": 12},
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
    parts = ax.boxplot([result.random[c] for c in order], orientation="horizontal", whis=RANK_BAND, showfliers=False,
                       medianprops={"color": "black"})
    for part, name in (("boxes", "Interquartile range"), ("medians", "Median rank"), ("whiskers", "Whisker"),
                       ("caps", "Whisker end")):  # the marks' names in the figure's data
        for line in parts[part]:
            line.set_gid(name)
    ax.scatter(result.summary["rank"], range(1, n + 1), marker="D", color="C0", zorder=3,
               label="Rank with the chosen weights")
    ax.set_yticks(range(1, n + 1), _names(order))
    ax.invert_yaxis()
    ax.set_xlim(0.5, n + 0.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize="small")
    return finish(fig)
