"""The essay's risk rubric as an explorable model: its ratings of three domains on harm,
probability and feasibility, and the priority order each weighting of the criteria gives."""
from __future__ import annotations

import itertools

import pandas as pd

from analysis.core.plotting import finish, new_figure


DOMAINS = ("terrorism", "guns-drugs-money", "unauthorized migration")
CRITERIA = ("harm", "probability", "feasibility")
# The essay's qualitative ratings on a 1 (low) to 3 (high) scale, each from its own wording:
# terrorism: harm "unquestionably" high, probability reduced ("only potential"), response debatable;
# guns-drugs-money: meets "all three criteria most consistently"; migration: "highly probable",
# harm takes it "out of the domain of security", feasibility of stopping flows "debatable".
ESSAY_RATINGS = {
    "terrorism": {"harm": 3, "probability": 1, "feasibility": 2},
    "guns-drugs-money": {"harm": 3, "probability": 3, "feasibility": 3},
    "unauthorized migration": {"harm": 1, "probability": 3, "feasibility": 2},
}
RATING_SCALE = (1, 2, 3)  # the ratings, from low to high
EQUAL_WEIGHTS = {"harm": 1.0, "probability": 1.0, "feasibility": 1.0}


def _check_ratings(ratings: dict) -> None:
    if set(ratings) != set(DOMAINS):
        raise ValueError(f"parameter 'ratings' must rate exactly {', '.join(DOMAINS)}; got {', '.join(ratings)}")
    for domain, scores in ratings.items():
        if not isinstance(scores, dict) or set(scores) != set(CRITERIA):
            raise ValueError(f"parameter 'ratings' for {domain!r} must give {', '.join(CRITERIA)}")
        for criterion, score in scores.items():
            if score not in RATING_SCALE or isinstance(score, bool):
                raise ValueError(f"parameter 'ratings' {domain!r} {criterion!r}={score!r}; allowed: "
                                 f"{', '.join(map(str, RATING_SCALE[:-1]))} or {RATING_SCALE[-1]}")


def _check_weights(weights: dict) -> None:
    if set(weights) != set(CRITERIA):
        raise ValueError(f"parameter 'weights' must weigh exactly {', '.join(CRITERIA)}; got {', '.join(weights)}")
    if any(not isinstance(w, (int, float)) or isinstance(w, bool) or w < 0 for w in weights.values()) \
            or sum(weights.values()) <= 0:
        raise ValueError(f"parameter 'weights' must be numbers of zero or more, not all zero; got {weights}")


def priority_scores(ratings: dict, weights: dict) -> pd.Series:
    """Weighted mean rating of each domain: higher means a higher security priority."""
    total = sum(weights.values())
    return pd.Series({d: sum(weights[k] * ratings[d][k] for k in CRITERIA) / total for d in DOMAINS})


def ordering(ratings: dict, weights: dict) -> str:
    """Domains from highest to lowest priority; "=" joins domains whose scores tie."""
    scores = priority_scores(ratings, weights).round(9)
    levels = sorted(set(scores), reverse=True)
    return " > ".join(" = ".join(d for d in DOMAINS if scores[d] == level) for level in levels)


def orderings_over_weights(ratings: dict, step: float = 0.05) -> pd.DataFrame:
    """Every weighting on a grid over the simplex, with the ordering it gives."""
    points = []
    n = round(1 / step)
    for i, j in itertools.product(range(n + 1), repeat=2):
        if i + j <= n:
            w = {"harm": i / n, "probability": j / n, "feasibility": (n - i - j) / n}
            points.append({**w, "ordering": ordering(ratings, w)})
    return pd.DataFrame(points)


def rubric_figure(ratings: dict, **_):
    """Which domain comes first for every weighting of the three criteria."""
    grid = orderings_over_weights(ratings)
    grid["first"] = grid["ordering"].str.split(" > ").str[0].str.replace(" = ", " and ")
    fig, ax = new_figure("Top security priority under each weighting", "Weight on harm (share of total)",
                         "Weight on probability (share of total)")
    for (domain, points), colour in zip(grid.groupby("first"), ("C0", "C1", "C2", "C3", "C4", "C5")):
        ax.scatter(points["harm"], points["probability"], color=colour, label=f"{domain} first", s=25)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="upper right", fontsize="small")
    return finish(fig)


def rubric_table(ratings: dict, weights: dict) -> pd.DataFrame:
    scores = priority_scores(ratings, weights)
    return pd.DataFrame([{"domain": d, **{k: ratings[d][k] for k in CRITERIA}, "priority score": round(scores[d], 2)}
                         for d in DOMAINS]).sort_values("priority score", ascending=False, kind="stable")


def first_share(ratings: dict, domain: str) -> float:
    """Percent of weightings under which ``domain`` ranks first, alone or tied."""
    grid = orderings_over_weights(ratings)
    return float(grid["ordering"].str.split(" > ").str[0].str.split(" = ").map(lambda top: domain in top).mean() * 100)


def orderings_share(ratings: dict) -> pd.DataFrame:
    grid = orderings_over_weights(ratings)
    shares = grid["ordering"].value_counts(normalize=True).mul(100).round(1)
    return shares.rename_axis("priority ordering").reset_index(name="share of weightings (%)")
