"""The claims registry ``data/claims.yaml``: every quantitative claim of the five essays.

The registry holds what the authors said (in our words, with their figures exactly); verdicts
are never stored there but computed by the chapter modules and the verdict engine.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.core.book import CHAPTERS
from analysis.core.data import data_dir, read_yaml, record_read

# What kind of statement a stated figure is, and the qualifiers each kind takes (the verdict engine
# grades each kind by its own rule; see analysis.core.verdicts).
KINDS = {
    "point": ("exact", "about"),                                          # "approximately 20,000"
    "threshold": ("more-than", "at-least", "less-than", "at-most"),       # "surpassed 100,000"
    "range": ("range",),                                                  # "$18 to $29 billion"
    "multiple": ("exact", "about", "more-than", "at-least", "less-than", "at-most"),  # "nine-fold"
    "direction": (),                                                      # "increased dramatically"
    "year": ("exact",),                                                   # "in 2021", "peaked in 2018"
    "rank": ("exact", "at-most"),                                         # "the safest", "among the top three"
    "finding": (),                                                        # "the Inspector General reported..."
}
DIRECTIONS = ("up", "down")
FINDING_UNIT = "finding"  # the unit of every finding: a record states it (1) or states the opposite (0)
STATUSES = {
    "checked": "computed by its chapter",
    "unverifiable": "no public figure was found; the registry names the search that was made",
    "descriptive": "a descriptive number or a proposal that no data can test",
}
ESSAY_FIELDS = ("file", "short", "author", "title", "publisher", "date", "present", "present_basis")
SEARCH_FIELDS = ("publisher", "publication", "result")
ID_PATTERN = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


class ClaimsError(ValueError):
    """The claims registry is malformed."""


@dataclass(frozen=True)
class Magnitude:
    """The ratios a magnitude word allows, and why: "dramatically" up is at least ``minimum``
    (above 1), "slightly" down at least ``minimum`` (below 1), "sharply" down at most ``maximum``."""
    word: str
    reasoning: str
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Figure:
    """One figure as the author states it, with the kind of statement it is (``KINDS``)."""
    label: str
    kind: str
    unit: str
    as_printed: str
    qualifier: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    period: str | None = None
    direction: str | None = None          # direction statements: "up" or "down"
    magnitude: Magnitude | None = None    # direction statements with a magnitude word
    attributed_to: str | None = None      # the study or report the essay attributes the figure to


@dataclass(frozen=True)
class Claim:
    id: str
    title: str   # a few words of our own naming the claim, shown to readers where the id would be
    essay: str
    locator: str
    claim: str
    stated: tuple[Figure, ...]
    cites: str
    chapter: str
    status: str
    search: tuple[dict, ...] = ()  # unverifiable claims: the publishers and publications tried


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _figure(raw: dict, claim_id: str) -> Figure:
    where = f"claim {claim_id}: stated figure {raw.get('label', '?')!r}"
    fields = {"label", "kind", "value", "low", "high", "qualifier", "unit", "period", "as_printed", "direction",
              "magnitude", "attributed_to"}
    unknown = set(raw) - fields
    if unknown:
        raise ClaimsError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("label", "kind", "unit", "as_printed"):
        if not raw.get(key):
            raise ClaimsError(f"{where}: field {key!r} is missing")
    kind = raw["kind"]
    if kind not in KINDS:
        raise ClaimsError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    numbers = {k: raw[k] for k in ("value", "low", "high") if k in raw}
    if not all(_is_number(n) for n in numbers.values()):
        raise ClaimsError(f"{where}: figures must be finite numbers, got {numbers}")
    if kind == "direction":
        if raw.get("direction") not in DIRECTIONS or numbers or "qualifier" in raw:
            raise ClaimsError(f"{where}: a direction needs 'direction' (one of {', '.join(DIRECTIONS)}), "
                              "an optional 'magnitude', and no value or qualifier")
        if not str(raw["unit"]).startswith("ratio"):
            raise ClaimsError(f"{where}: a direction is measured as a ratio; its unit must start with 'ratio'")
        magnitude = raw.get("magnitude")
        if magnitude is not None:
            bounds = {k: magnitude[k] for k in ("minimum", "maximum") if k in magnitude}
            if not (isinstance(magnitude, dict) and magnitude.get("word") and magnitude.get("reasoning") and bounds
                    and set(magnitude) <= {"word", "reasoning", "minimum", "maximum"}):
                raise ClaimsError(f"{where}: a magnitude needs 'word', 'reasoning' and a 'minimum' or 'maximum' ratio")
            up = raw["direction"] == "up"
            if not all(_is_number(b) and ((b > 1) if up else (0 < b < 1)) for b in bounds.values()):
                raise ClaimsError(f"{where}: the ratios of a magnitude must be {'above 1' if up else 'between 0 and 1'}"
                                  f" for a change {raw['direction']}, got {bounds}")
            raw = {**raw, "magnitude": Magnitude(**magnitude)}
        return Figure(**raw)
    if "direction" in raw or "magnitude" in raw:
        raise ClaimsError(f"{where}: only a direction takes 'direction' or 'magnitude'")
    if kind == "finding":  # a statement with no figure: what a record or report states, or not
        if numbers or "qualifier" in raw or raw["unit"] != FINDING_UNIT:
            raise ClaimsError(f"{where}: a finding states no figure; it takes unit {FINDING_UNIT!r} and no value, "
                              "low, high or qualifier")
        return Figure(**raw)
    qualifier = raw.get("qualifier")
    if qualifier not in KINDS[kind]:
        raise ClaimsError(f"{where}: a {kind} takes the qualifier {' or '.join(KINDS[kind])}, got {qualifier!r}")
    if kind == "multiple" and not str(raw["unit"]).startswith("ratio"):
        raise ClaimsError(f"{where}: a multiple is a ratio; its unit must start with 'ratio'")
    if kind == "range":
        if set(numbers) != {"low", "high"}:
            raise ClaimsError(f"{where}: a range needs 'low' and 'high' and no 'value'")
        if raw["low"] > raw["high"]:
            raise ClaimsError(f"{where}: low {raw['low']} is above high {raw['high']}")
    elif set(numbers) != {"value"}:
        raise ClaimsError(f"{where}: a {kind} needs a 'value' and no 'low'/'high'")
    if kind == "year" and not float(raw["value"]).is_integer():
        raise ClaimsError(f"{where}: a year must be a whole number, got {raw['value']}")
    period = raw.get("period")
    return Figure(**{**raw, "period": None if period is None else str(period)})


def _search(raw: list, claim_id: str) -> tuple[dict, ...]:
    """The documented search behind an unverifiable claim: who and what was tried, and what it gave."""
    if not raw:
        raise ClaimsError(f"claim {claim_id}: an unverifiable claim needs 'search': the publishers and "
                          "publications tried")
    for entry in raw:
        missing = [k for k in SEARCH_FIELDS if not (isinstance(entry, dict) and entry.get(k))]
        if missing or set(entry) - set(SEARCH_FIELDS):
            raise ClaimsError(f"claim {claim_id}: each search entry needs exactly {', '.join(SEARCH_FIELDS)}")
    return tuple(raw)


def parse_registry(document: dict) -> tuple[dict, dict[str, Claim]]:
    """Validate a parsed registry; return the essays and the claims by id."""
    essays = document.get("essays") or {}
    for key, essay in essays.items():
        missing = [k for k in ESSAY_FIELDS if not essay.get(k)]
        if missing:
            raise ClaimsError(f"essay {key}: field {missing[0]!r} is missing")
        if not isinstance(essay["present"], int) or isinstance(essay["present"], bool):
            raise ClaimsError(f"essay {key}: 'present' must be a year, got {essay['present']!r}")
    claims: dict[str, Claim] = {}
    titles: dict[str, str] = {}
    for raw in document.get("claims") or []:
        claim_id = raw.get("id", "?")
        required = ("id", "title", "essay", "locator", "claim", "stated", "cites", "chapter", "status")
        missing = [k for k in required if not raw.get(k)]
        if missing:
            raise ClaimsError(f"claim {claim_id}: field {missing[0]!r} is missing")
        unknown = set(raw) - set(required) - {"search"}
        if unknown:
            raise ClaimsError(f"claim {claim_id}: unknown field(s) {', '.join(sorted(unknown))}")
        if not ID_PATTERN.match(claim_id):
            raise ClaimsError(f"claim {claim_id}: id must be lowercase words joined by hyphens")
        if claim_id in claims:
            raise ClaimsError(f"claim {claim_id}: id is used twice")
        if raw["title"] in titles:
            raise ClaimsError(f"claim {claim_id}: title {raw['title']!r} is used by claim {titles[raw['title']]} too")
        titles[raw["title"]] = claim_id
        if raw["essay"] not in essays:
            raise ClaimsError(f"claim {claim_id}: essay {raw['essay']!r} is not one of {', '.join(essays)}")
        if raw["chapter"] not in CHAPTERS:
            raise ClaimsError(f"claim {claim_id}: chapter {raw['chapter']!r} is not one of {', '.join(CHAPTERS)}")
        if raw["status"] not in STATUSES:
            raise ClaimsError(f"claim {claim_id}: status {raw['status']!r} is not one of {', '.join(STATUSES)}")
        if "search" in raw and raw["status"] != "unverifiable":
            raise ClaimsError(f"claim {claim_id}: 'search' goes with status unverifiable, and only with it")
        if raw["status"] == "unverifiable" and not raw.get("search"):
            raise ClaimsError(f"claim {claim_id}: an unverifiable claim needs 'search': the publishers and "
                              "publications tried")
        figures = tuple(_figure(f, claim_id) for f in raw["stated"])
        search = _search(raw["search"], claim_id) if "search" in raw else ()
        claims[claim_id] = Claim(**{**raw, "stated": figures, "cites": str(raw["cites"]), "search": search})
    if not claims:
        raise ClaimsError("the registry lists no claims")
    return essays, claims


@lru_cache(maxsize=None)
def _registry(path) -> tuple[dict, dict[str, Claim]]:
    return parse_registry(read_yaml(record_read(path).read_text(encoding="utf-8")))


def registry() -> dict[str, Claim]:
    """All registered claims by id, in registry order."""
    return _registry(data_dir() / "claims.yaml")[1]


def essays() -> dict[str, dict]:
    """The five essays by key (author, title, publisher, date)."""
    return _registry(data_dir() / "claims.yaml")[0]


def present(essay: str) -> int:
    """The essay's "present": one year per essay, from its publication date (its ``present_basis`` says why)."""
    return essays()[essay]["present"]


def claim(claim_id: str) -> Claim:
    claims = registry()
    if claim_id not in claims:
        raise ClaimsError(f"no claim {claim_id!r} in the registry")
    return claims[claim_id]
