"""The claims registry ``data/claims.yaml``: every quantitative claim of the five essays.

The registry holds what the authors said (in our words, with their figures exactly); verdicts
are never stored there but computed by the chapter modules and the verdict engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from analysis.chapters import CHAPTERS
from analysis.data import data_dir, record_read

QUALIFIERS = ("exact", "about", "more-than", "at-least", "less-than", "at-most", "range")
STATUSES = {
    "checked": "computed by its chapter",
    "not-yet-checked": "its chapter is not written yet",
    "descriptive": "a descriptive number or a proposal that no data can test",
}
ESSAY_FIELDS = ("file", "short", "author", "title", "publisher", "date")
ID_PATTERN = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


class ClaimsError(ValueError):
    """The claims registry is malformed."""


@dataclass(frozen=True)
class Figure:
    """One figure as the author states it: a point (with a qualifier) or a range."""
    label: str
    qualifier: str
    unit: str
    as_printed: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    period: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    essay: str
    locator: str
    claim: str
    stated: tuple[Figure, ...]
    cites: str
    chapter: str
    status: str


def _figure(raw: dict, claim_id: str) -> Figure:
    where = f"claim {claim_id}: stated figure {raw.get('label', '?')!r}"
    unknown = set(raw) - {"label", "value", "low", "high", "qualifier", "unit", "period", "as_printed"}
    if unknown:
        raise ClaimsError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("label", "qualifier", "unit", "as_printed"):
        if not raw.get(key):
            raise ClaimsError(f"{where}: field {key!r} is missing")
    if raw["qualifier"] not in QUALIFIERS:
        raise ClaimsError(f"{where}: qualifier {raw['qualifier']!r} is not one of {', '.join(QUALIFIERS)}")
    is_range = raw["qualifier"] == "range"
    has_point, has_range = "value" in raw, "low" in raw or "high" in raw
    if is_range and not ("low" in raw and "high" in raw and not has_point):
        raise ClaimsError(f"{where}: a range needs 'low' and 'high' and no 'value'")
    if not is_range and (not has_point or has_range):
        raise ClaimsError(f"{where}: a {raw['qualifier']!r} figure needs a 'value' and no 'low'/'high'")
    numbers = [raw[k] for k in ("value", "low", "high") if k in raw]
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers):
        raise ClaimsError(f"{where}: figures must be numbers, got {numbers}")
    if is_range and raw["low"] > raw["high"]:
        raise ClaimsError(f"{where}: low {raw['low']} is above high {raw['high']}")
    period = raw.get("period")
    return Figure(**{**raw, "period": None if period is None else str(period)})


def parse_registry(document: dict) -> tuple[dict, dict[str, Claim]]:
    """Validate a parsed registry; return the essays and the claims by id."""
    essays = document.get("essays") or {}
    for key, essay in essays.items():
        missing = [k for k in ESSAY_FIELDS if not essay.get(k)]
        if missing:
            raise ClaimsError(f"essay {key}: field {missing[0]!r} is missing")
    claims: dict[str, Claim] = {}
    for raw in document.get("claims") or []:
        claim_id = raw.get("id", "?")
        required = ("id", "essay", "locator", "claim", "stated", "cites", "chapter", "status")
        missing = [k for k in required if not raw.get(k)]
        if missing:
            raise ClaimsError(f"claim {claim_id}: field {missing[0]!r} is missing")
        unknown = set(raw) - set(required)
        if unknown:
            raise ClaimsError(f"claim {claim_id}: unknown field(s) {', '.join(sorted(unknown))}")
        if not ID_PATTERN.match(claim_id):
            raise ClaimsError(f"claim {claim_id}: id must be lowercase words joined by hyphens")
        if claim_id in claims:
            raise ClaimsError(f"claim {claim_id}: id is used twice")
        if raw["essay"] not in essays:
            raise ClaimsError(f"claim {claim_id}: essay {raw['essay']!r} is not one of {', '.join(essays)}")
        if raw["chapter"] not in CHAPTERS:
            raise ClaimsError(f"claim {claim_id}: chapter {raw['chapter']!r} is not one of {', '.join(CHAPTERS)}")
        if raw["status"] not in STATUSES:
            raise ClaimsError(f"claim {claim_id}: status {raw['status']!r} is not one of {', '.join(STATUSES)}")
        figures = tuple(_figure(f, claim_id) for f in raw["stated"])
        claims[claim_id] = Claim(**{**raw, "stated": figures, "cites": str(raw["cites"])})
    if not claims:
        raise ClaimsError("the registry lists no claims")
    return essays, claims


@lru_cache(maxsize=None)
def _registry(path) -> tuple[dict, dict[str, Claim]]:
    return parse_registry(yaml.safe_load(record_read(path).read_text(encoding="utf-8")))


def registry() -> dict[str, Claim]:
    """All registered claims by id, in registry order."""
    return _registry(data_dir() / "claims.yaml")[1]


def essays() -> dict[str, dict]:
    """The five essays by key (author, title, publisher, date)."""
    return _registry(data_dir() / "claims.yaml")[0]


def claim(claim_id: str) -> Claim:
    claims = registry()
    if claim_id not in claims:
        raise ClaimsError(f"no claim {claim_id!r} in the registry")
    return claims[claim_id]
