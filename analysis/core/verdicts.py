"""The verdict engine: the only place a verdict is decided.

A chapter hands the engine, for each figure a claim states, what it found (:class:`Evidence`): a
value or a range from the data, the figure of a study the essay reports, a value the claim's own
figures imply, or why nothing could be found. The engine grades each figure by the rule of its
kind (``kind`` in ``data/claims.yaml``), then the claim by one rule (:func:`judge`). Both rules are
printed on the ledger page from ``KIND_RULES`` and ``CLAIM_RULE``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from analysis.core.claims import Claim, Figure
from analysis.core.fmt import number, share

ACCURATE = "accurate"
ROUGHLY_RIGHT = "roughly right"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
CONTRADICTED = "contradicted"
MISQUOTED = "misquoted"
INCONSISTENT = "internally inconsistent"
MISDATED = "misdated"
UNVERIFIABLE = "unverifiable"
DESCRIPTIVE = "descriptive"

WIDE_BAND = 2.5  # "roughly right" band for point figures, in multiples of the tolerance

VERDICTS = {
    ACCURATE: "the data agree: within the tolerance for a figure, on the stated side of a threshold, "
              "inside a stated range, the stated direction and size of a change, the stated year or rank",
    ROUGHLY_RIGHT: f"close, not right: a figure within {WIDE_BAND:g} times the tolerance, or a threshold, range "
                   "or size of change missed by less than the tolerance",
    OVERSTATED: "the data are lower (or the rank worse) than the claim, beyond that",
    UNDERSTATED: "the data are higher (or the rank better) than the claim, beyond that",
    CONTRADICTED: "the data show a change in the other direction, or none",
    MISQUOTED: "the figure differs from the one in the very source the author cites",
    INCONSISTENT: "the claim's own figures contradict each other",
    MISDATED: "the stated year differs from the record by more than the year tolerance",
    UNVERIFIABLE: "no public figure was found to test it; the registry names the search that was made",
    DESCRIPTIVE: "a descriptive number or a proposal that no data can test",
}

KIND_RULES = {
    "point": f"accurate within the tolerance, roughly right within {WIDE_BAND:g} times it, else overstated "
             "or understated",
    "multiple": "a ratio between two years: graded as a point figure, or as a threshold when the essay "
                "says \u201cmore than\u201d or \u201cat least\u201d",
    "threshold": "accurate only on the stated side (\u201cmore than\u201d is strict, \u201cat least\u201d is "
                 "not); a value on the wrong side is at most roughly right, and only within the tolerance",
    "range": "accurate inside the range; outside it at most roughly right, and only within the tolerance",
    "direction": "a change the wrong way, or none, is contradicted; the right way is accurate when it also "
                 "has the size the magnitude word declares in the registry, roughly right within the "
                 "tolerance of that size",
    "year": "accurate within the year tolerance (in years, not percent), else misdated",
    "rank": "accurate only at the stated rank (or better, for \u201camong the top\u201d); a worse rank is "
            "overstated, a better one understated",
    "finding": "a statement with no figure (an event, what a named report found): accurate when the record states "
               "it, contradicted when it states the opposite, at most roughly right when records disagree; a record "
               "that says neither leaves it untested",
}
ESTIMATE_RULE = ("A figure tested against a statistical estimate is graded by its kind's rule against the estimate's "
                 "confidence interval, and is accurate only if the interval also excludes no effect at all: when it "
                 "includes no effect, the data cannot tell the claim from no effect, and the figure is at most "
                 "roughly right.")
CLAIM_RULE = ("A claim takes the most severe verdict among its checked figures (contradicted, misquoted and "
              "internally inconsistent, then overstated, understated and misdated, then roughly right, then "
              "accurate). A figure that could not be tested does not count, and a claim none of whose figures "
              "could be tested is unverifiable; a test of the claim's own arithmetic that passes does not "
              "count either, since consistency alone verifies nothing. A claim that reports a study is judged "
              "twice, on whether it reports the study faithfully and on whether the finding holds in the "
              "data, and its verdict is the more severe of the two.")
SEVERITY = {ACCURATE: 0, ROUGHLY_RIGHT: 1, OVERSTATED: 2, UNDERSTATED: 2, MISDATED: 2,
            CONTRADICTED: 3, MISQUOTED: 3, INCONSISTENT: 3}
# The verdicts that say a claim fails (the home page lists these claims): worse than roughly right.
FAILING = tuple(v for v, severity in SEVERITY.items() if severity >= SEVERITY[OVERSTATED])

DATA, SOURCE, CONSISTENCY = "data", "source", "consistency"


@dataclass(frozen=True)
class Evidence:
    """What a chapter found for one stated figure. Build it with :func:`measured`, :func:`bracketed`,
    :func:`cited`, :func:`implied` or :func:`missing`."""
    figure: Figure
    value: float | None = None
    low: float | None = None
    high: float | None = None
    basis: str = ""
    source: str = ""
    tier: str | None = "official"
    axis: str = DATA
    missing: str | None = None
    no_effect: float | None = None  # an estimate's value of "no change", when low and high are its interval


def measured(figure: Figure, value: float, *, basis: str, source: str, tier: str = "official") -> Evidence:
    """One value recomputed from the data."""
    return Evidence(figure, value=value, basis=basis, source=source, tier=tier)


def bracketed(figure: Figure, low: float, high: float, *, basis: str, source: str,
              tier: str = "official") -> Evidence:
    """A range the data allow (a model's interval, the releases that bracket a count)."""
    return Evidence(figure, low=low, high=high, basis=basis, source=source, tier=tier)


def estimated(figure: Figure, estimate: float, low: float, high: float, *, no_effect: float, basis: str,
              source: str) -> Evidence:
    """A statistical estimate with its confidence interval (``low``, ``high``), and the value that means
    no effect at all (1 for a ratio, 0 for a change in percent). The interval, not the estimate alone,
    decides how far the data go: see ``ESTIMATE_RULE``."""
    return Evidence(figure, value=estimate, low=low, high=high, basis=basis, source=source, no_effect=no_effect)


def cited(figure: Figure, *, source: str, value: float | None = None, low: float | None = None,
          high: float | None = None, basis: str = "", tier: str = "official") -> Evidence:
    """The study's or report's own figure, for the question: does the essay report it faithfully?
    ``tier`` is secondary when that figure was read in a report of the source, not the source itself."""
    return Evidence(figure, value=value, low=low, high=high, basis=basis or f"{source} itself", source=source,
                    tier=tier, axis=SOURCE)


def recorded(figure: Figure, states: bool, *, basis: str, source: str, tier: str = "official",
             cited: bool = False) -> Evidence:
    """What a record says of a finding (a statement with no figure): it states it (``states``) or states the
    opposite. ``cited``: the record is the report the essay attributes the finding to (is it reported
    faithfully?), not evidence that it holds. A record that says neither is :func:`missing`."""
    if not isinstance(states, bool):
        raise ValueError(f"{figure.label}: a record either states the finding or its opposite, got {states!r}")
    return Evidence(figure, value=float(states), basis=basis, source=source, tier=tier, axis=SOURCE if cited else DATA)


def implied(figure: Figure, value: float, *, basis: str) -> Evidence:
    """What the claim's other figures imply for this one: its own arithmetic, with no data."""
    return Evidence(figure, value=value, basis=basis, source="the essay's own figures", tier=None, axis=CONSISTENCY)


def missing(figure: Figure, why: str, *, source: str = "", cited: bool = False) -> Evidence:
    """No figure to test this one with: ``why`` says exactly what is missing. ``cited``: what is missing
    is the cited study's own figure (the question "reported faithfully?" stays open), not the data."""
    return Evidence(figure, missing=why, source=source, tier=None, axis=SOURCE if cited else DATA)


@dataclass(frozen=True)
class Check:
    """One stated figure, graded. The ledger publishes the fields before ``figure``."""
    stated: str
    recomputed: float | None
    low: float | None
    high: float | None
    unit: str
    verdict: str
    source: str
    tier: str | None
    figure: Figure = field(repr=False, compare=False)
    axis: str = DATA
    clause: str = ""

    PUBLISHED = ("stated", "recomputed", "low", "high", "unit", "verdict", "source", "tier")

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.PUBLISHED}


@dataclass(frozen=True)
class ClaimResult:
    """One claim as the book publishes it: its verdict, the reason, and one check per stated figure."""
    claim_id: str
    verdict: str
    reason: str
    checks: tuple[Check, ...]
    faithful: str | None = None  # claims that report a study: is it reported faithfully?
    holds: str | None = None     # ... and does the finding hold in the data?

    @property
    def stated(self) -> str:
        return "; ".join(dict.fromkeys(c.stated for c in self.checks))

    def as_dict(self) -> dict:
        return {"claim_id": self.claim_id, "verdict": self.verdict, "reason": self.reason,
                "faithful": self.faithful, "holds": self.holds, "checks": [c.as_dict() for c in self.checks]}


# --- grading one figure -------------------------------------------------------------------------------

def _gap(x: float, target: float) -> float:
    """Relative distance of ``x`` from ``target`` (infinite when the target is zero and x is not)."""
    if x == target:
        return 0.0
    return (x - target) / abs(target) if target else math.copysign(math.inf, x - target)


def _side(gap: float, near: str, tolerance: float, *, low_side: bool) -> tuple[str, str]:
    """A miss of a bound: roughly right within the tolerance, else overstated when the data fall short
    (``low_side``) and understated when they exceed it."""
    where = f"exactly at {near}" if gap == 0 else f"{share(gap)} {'below' if low_side else 'above'} {near}"
    where += f", tolerance {share(tolerance)}"
    if abs(gap) <= tolerance:
        return ROUGHLY_RIGHT, where
    return (OVERSTATED if low_side else UNDERSTATED), where


def _point(target: float, low: float, high: float, tolerance: float) -> tuple[str, str]:
    """A stated point against data [low, high] (a point when low == high)."""
    if low <= target <= high:
        return ACCURATE, "in line with it" if low == high else "within the range"
    gap = _gap(high if high < target else low, target)
    where = f"{share(gap)} {'below' if gap < 0 else 'above'} it, tolerance {share(tolerance)}"
    if math.isinf(gap):  # a stated zero: no relative difference exists, and any other count misses it
        where = f"{'below' if gap < 0 else 'above'} a stated zero, which no tolerance can reach"
    if abs(gap) <= tolerance:
        return ACCURATE, where
    if abs(gap) <= WIDE_BAND * tolerance:
        return ROUGHLY_RIGHT, where
    return (OVERSTATED if gap < 0 else UNDERSTATED), where


def _above(bound: float, strict: bool, low: float, high: float, tolerance: float, what: str) -> tuple[str, str]:
    """Data [low, high] against "more than" (strict) or "at least" ``bound``."""
    def passes(x):
        return x > bound if strict else x >= bound
    if passes(low):
        return ACCURATE, f"on the stated side of {what}"
    if passes(high):
        return ROUGHLY_RIGHT, f"only part of the range is on the stated side of {what}"
    return _side(_gap(high, bound), f"{what}, which it must exceed" if strict else what, tolerance, low_side=True)


def _below(bound: float, strict: bool, low: float, high: float, tolerance: float, what: str) -> tuple[str, str]:
    """Data [low, high] against "less than" (strict) or "at most" ``bound``."""
    def passes(x):
        return x < bound if strict else x <= bound
    if passes(high):
        return ACCURATE, f"on the stated side of {what}"
    if passes(low):
        return ROUGHLY_RIGHT, f"only part of the range is on the stated side of {what}"
    return _side(_gap(low, bound), f"{what}, which it must stay under" if strict else what, tolerance,
                 low_side=False)


def _threshold(qualifier: str, value: float, low: float, high: float, tolerance: float, unit: str):
    what = f"the threshold {number(value, unit)}"
    if qualifier in ("more-than", "at-least"):
        return _above(value, qualifier == "more-than", low, high, tolerance, what)
    return _below(value, qualifier == "less-than", low, high, tolerance, what)


def _range(figure: Figure, low: float, high: float, tolerance: float) -> tuple[str, str]:
    if figure.low <= low and high <= figure.high:
        return ACCURATE, "inside the stated range"
    if high < figure.low:
        return _side(_gap(high, figure.low), "the bottom of the stated range", tolerance, low_side=True)
    if low > figure.high:
        return _side(_gap(low, figure.high), "the top of the stated range", tolerance, low_side=False)
    return ROUGHLY_RIGHT, "only part of the range the data allow is inside the stated range"


def _direction(figure: Figure, low: float, high: float, tolerance: float) -> tuple[str, str]:
    up = figure.direction == "up"
    if (high <= 1) if up else (low >= 1):
        return CONTRADICTED, ("no rise" if up else "no fall") + ": the change goes the other way, or nowhere"
    m = figure.magnitude
    if m is None:
        if (low > 1) if up else (high < 1):
            return ACCURATE, f"a {'rise' if up else 'fall'}, as stated"
        return ROUGHLY_RIGHT, "only part of the range the data allow is a change in the stated direction"
    # the magnitude word bounds the ratio: "dramatically" up is at least m.minimum, "slightly" down at
    # least m.minimum (a small fall), "sharply" down at most m.maximum
    found = []
    if m.minimum is not None:
        found.append(_above(m.minimum, False, low, high, tolerance,
                            f"the lowest ratio \u201c{m.word}\u201d allows ({number(m.minimum, 'ratio')})"))
    if m.maximum is not None:
        found.append(_below(m.maximum, False, low, high, tolerance,
                            f"the highest ratio \u201c{m.word}\u201d allows ({number(m.maximum, 'ratio')})"))
    verdict, where = max(found, key=lambda f: SEVERITY[f[0]])
    if not up:  # a ratio too low means a fall bigger than stated: the claim understates it
        verdict = {OVERSTATED: UNDERSTATED, UNDERSTATED: OVERSTATED}.get(verdict, verdict)
    return verdict, where


def _year(figure: Figure, year: float, year_tolerance: float, than: str = "") -> tuple[str, str]:
    gap = figure.value - year
    where = "the same year" if gap == 0 else f"{abs(gap):.0f} year{'' if abs(gap) == 1 else 's'} " \
                                             f"{'later' if gap > 0 else 'earlier'}{than}"
    where += f", year tolerance {year_tolerance:g}"
    return (ACCURATE if abs(gap) <= year_tolerance else MISDATED), where


def _finding(low: float, high: float) -> tuple[str, str]:
    """Records of a finding: 1 where a record states it, 0 where it states the opposite."""
    if {low, high} - {0.0, 1.0}:
        raise ValueError(f"a finding's record is 1 (states it) or 0 (states the opposite), got {low} to {high}")
    if low == high:
        return (ACCURATE, "the record states it") if low else (CONTRADICTED, "the record states the opposite")
    return ROUGHLY_RIGHT, "the records disagree: some state it, some the opposite"


def _rank(figure: Figure, rank: float) -> tuple[str, str]:
    if rank == figure.value or (figure.qualifier == "at-most" and rank <= figure.value):
        return ACCURATE, "the stated rank"
    return (OVERSTATED if rank > figure.value else UNDERSTATED), f"rank {rank:.0f}, not {figure.value:.0f}"


def grade(figure: Figure, low: float, high: float, tolerance: float, year_tolerance: float = 0.0) -> tuple[str, str]:
    """The verdict for data [low, high] (a point when equal) against one stated figure, by its kind,
    with a few words on where the data lie."""
    for name, x in (("recomputed value", low), ("recomputed value", high), ("tolerance", tolerance),
                    ("year tolerance", year_tolerance)):
        if not isinstance(x, (int, float)) or not math.isfinite(x):
            raise ValueError(f"{figure.label}: {name} {x!r} is not a finite number; nothing can be graded")
    if tolerance < 0 or year_tolerance < 0:
        raise ValueError(f"{figure.label}: tolerances must be zero or positive, got {tolerance}, {year_tolerance}")
    if low > high:
        raise ValueError(f"{figure.label}: recomputed range {low} to {high} is reversed")
    kind = figure.kind
    if kind == "finding":
        return _finding(low, high)
    if kind == "year":
        if low == high:
            return _year(figure, low, year_tolerance)
        if low <= figure.value <= high:
            return ACCURATE, "within the years the data allow"
        # outside the years: graded against the nearest of them, with the same year tolerance as a point
        return _year(figure, min(max(figure.value, low), high), year_tolerance, " than the nearest year the data allow")
    if kind == "rank":
        return _rank(figure, high)
    if kind == "direction":
        return _direction(figure, low, high, tolerance)
    if kind == "range":
        return _range(figure, low, high, tolerance)
    if figure.qualifier in ("exact", "about"):
        return _point(figure.value, low, high, tolerance)
    return _threshold(figure.qualifier, figure.value, low, high, tolerance, figure.unit)


def _faithful(figure: Figure, low: float, high: float, tolerance: float, year_tolerance: float) -> tuple[str, str]:
    """The stated figure against the cited source's own, bound with bound: within the tolerance is
    accurate, else misquoted. A year, a rank or a direction has no relative gap that means anything (1964
    is 0.5% from 1974; a direction has no stated value): the source's figure is graded by the kind's own
    rule, and anything but accurate is misquoted."""
    if figure.kind in ("year", "rank", "direction", "finding"):
        verdict, where = grade(figure, low, high, tolerance, year_tolerance)
        return (ACCURATE if verdict == ACCURATE else MISQUOTED), where
    stated = (figure.low, figure.high) if figure.kind == "range" else (figure.value, figure.value)
    if low < high and stated[0] == stated[1] and low <= stated[0] <= high:
        return ACCURATE, "within the source's range"
    gap = max((_gap(s, c) for s, c in zip(stated, (low, high))), key=abs)
    if abs(gap) <= tolerance:
        return ACCURATE, "as the source gives it" if gap == 0 else f"{share(gap)} apart, tolerance {share(tolerance)}"
    return MISQUOTED, f"{share(gap)} apart"


def _check(e: Evidence, tolerance: float, year_tolerance: float) -> Check:
    f = e.figure
    if e.missing is not None:
        return Check(f.as_printed, None, None, None, f.unit, UNVERIFIABLE, e.source, None, f, e.axis,
                     f"\u201c{f.as_printed}\u201d could not be tested: {e.missing}")
    if e.no_effect is not None:
        return _estimate_check(e, tolerance, year_tolerance)
    low, high = (e.value, e.value) if e.value is not None else (e.low, e.high)
    if low is None or high is None:
        raise ValueError(f"{f.label}: evidence needs a value, a low and a high, or a reason it is missing")
    if e.axis == SOURCE:
        for x in (low, high):
            if not math.isfinite(x):
                raise ValueError(f"{f.label}: the source's figure {x!r} is not a finite number")
        verdict, where = _faithful(f, low, high, tolerance, year_tolerance)
    else:
        verdict, where = grade(f, low, high, tolerance, year_tolerance)
        if e.axis == CONSISTENCY and verdict != ACCURATE:
            verdict = INCONSISTENT
    unit = "year" if f.kind == "year" else f.unit
    shown = number(low, unit) if low == high else f"{number(low, unit)} to {number(high, unit)}"
    clause = f"{e.basis}: {shown} against the stated \u201c{f.as_printed}\u201d ({where})"
    if f.kind == "finding":
        if e.axis == SOURCE:
            where = "the source states it" if verdict == ACCURATE else "the source does not say it"
        clause = f"{e.basis}, against the stated \u201c{f.as_printed}\u201d ({where})"
    if e.axis == CONSISTENCY and verdict == INCONSISTENT:
        clause += ", so the claim's own figures cannot all hold"
    recomputed = low if low == high else None
    return Check(f.as_printed, float(recomputed) if recomputed is not None else None,
                 None if low == high else float(low), None if low == high else float(high),
                 f.unit, verdict, e.source, e.tier, f, e.axis, clause)


def _estimate_check(e: Evidence, tolerance: float, year_tolerance: float) -> Check:
    """An estimate with its confidence interval, by ``ESTIMATE_RULE``."""
    f = e.figure
    for x in (e.value, e.low, e.high, e.no_effect):
        if not isinstance(x, (int, float)) or not math.isfinite(x):
            raise ValueError(f"{f.label}: estimate or interval {x!r} is not a finite number; nothing can be graded")
    if not e.low <= e.value <= e.high:
        raise ValueError(f"{f.label}: estimate {e.value} lies outside its interval {e.low} to {e.high}")
    verdict, where = grade(f, e.low, e.high, tolerance, year_tolerance)
    if verdict == ACCURATE and e.low <= e.no_effect <= e.high:
        verdict, where = ROUGHLY_RIGHT, f"{where}; but the interval also includes no effect at all"
    clause = (f"{e.basis}: {number(e.value, f.unit)} (interval {number(e.low, f.unit)} to "
              f"{number(e.high, f.unit)}) against the stated \u201c{f.as_printed}\u201d ({where})")
    return Check(f.as_printed, float(e.value), float(e.low), float(e.high), f.unit, verdict, e.source, e.tier, f,
                 e.axis, clause)


def _worst(checks: list[Check]) -> str | None:
    counted = [c for c in checks if c.verdict != UNVERIFIABLE and not (c.axis == CONSISTENCY and c.verdict == ACCURATE)]
    if not counted:
        return None
    return max(counted, key=lambda c: SEVERITY[c.verdict]).verdict


def judge(claim_id: str, evidence: list[Evidence], tolerance: float, *, year_tolerance: float = 0.0,
          note: str = "") -> ClaimResult:
    """Grade every stated figure of one claim and the claim by ``CLAIM_RULE``. ``note`` is a sentence
    the chapter adds to the reason (what the data cover, a caveat); it never changes the verdict."""
    if not evidence:
        raise ValueError(f"claim {claim_id}: no evidence to judge")
    try:
        checks = [_check(e, tolerance, year_tolerance) for e in evidence]
    except ValueError as error:
        raise ValueError(f"claim {claim_id}: {error}") from None
    source = [c for c in checks if c.axis == SOURCE]
    data = [c for c in checks if c.axis != SOURCE]
    holds = _worst(data)
    faithful = _worst(source) if source else None
    graded = [v for v in (holds, faithful) if v is not None]
    verdict = max(graded, key=SEVERITY.get) if graded else UNVERIFIABLE
    shown = [c for c in checks if not (c.axis == CONSISTENCY and c.verdict == ACCURATE)]
    reason = "; ".join(c.clause for c in shown if c.verdict != UNVERIFIABLE)
    reason = reason[:1].upper() + reason[1:] + "." if reason else ""
    untested = [c.clause for c in shown if c.verdict == UNVERIFIABLE]
    if untested:
        reason += (" " if reason else "") + " ".join(u[:1].upper() + u[1:] + "." for u in untested)
    if source:
        reason = (f"As a report of its source: {faithful or UNVERIFIABLE}; in the data: {holds or UNVERIFIABLE}. "
                  + reason)
    if any(c.tier == "secondary" for c in checks if c.verdict != UNVERIFIABLE):
        reason += " This rests on secondary reports of official figures, not on the official series."
    if note:
        reason += " " + note
    return ClaimResult(claim_id, verdict, reason, tuple(checks),
                       (faithful or UNVERIFIABLE) if source else None, (holds or UNVERIFIABLE) if source else None)


def unverified(claim: Claim) -> ClaimResult:
    """A claim the registry marks unverifiable, with the search that was made as its reason."""
    searched = "; ".join(f"{s['publisher']}, {s['publication']}: {s['result']}" for s in claim.search)
    checks = tuple(Check(f.as_printed, None, None, None, f.unit, UNVERIFIABLE, "", None, f) for f in claim.stated)
    return ClaimResult(claim.id, UNVERIFIABLE, f"No public figure was found to test it. Searched: {searched}.", checks)
