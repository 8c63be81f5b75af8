"""The verdict engine: stated figure + recomputed value + tolerance -> verdict and reason.

Verdicts are always computed here from data; no chapter writes one by hand.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from analysis.claims import Figure
from analysis.fmt import number, share
from analysis.intervals import Interval, stated_interval

ACCURATE = "accurate"
ROUGHLY_RIGHT = "roughly right"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
MISQUOTED = "misquoted"
INCONSISTENT = "internally inconsistent"
MISDATED = "misdated"
UNVERIFIABLE = "unverifiable"
NOT_YET_CHECKED = "not yet checked"
DESCRIPTIVE = "descriptive"

VERDICTS = {
    ACCURATE: "the data agree within the tolerance",
    ROUGHLY_RIGHT: f"the data agree within a wider band ({2.5:g} times the tolerance)",
    OVERSTATED: "the data are lower than the claim, beyond the wider band",
    UNDERSTATED: "the data are higher than the claim, beyond the wider band",
    MISQUOTED: "the figure differs from the one in the very source the author cites",
    INCONSISTENT: "the claim's own figures contradict each other",
    MISDATED: "the stated year differs from the record by more than the tolerance (in years)",
    UNVERIFIABLE: "no public data were found to test it; the reason says what is missing",
    NOT_YET_CHECKED: "its chapter is not written yet",
    DESCRIPTIVE: "a descriptive number or a proposal that no data can test",
}
WIDE_BAND = 2.5  # "roughly right" band, in multiples of the tolerance


@dataclass(frozen=True)
class ClaimResult:
    """One claim as the book publishes it."""
    claim_id: str
    stated: str
    recomputed: float | None
    unit: str
    verdict: str
    reason: str
    tier: str | None = None  # evidence tier of the recomputed value: official or secondary
    recomputed_high: float | None = None  # set when the data give a range: recomputed is then its low end

    def as_dict(self) -> dict:
        return asdict(self)


def grade(interval: Interval, recomputed: float, tolerance: float) -> tuple[str, float]:
    """Verdict for a recomputed value against the values a claim allows, and the relative gap."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be zero or positive, got {tolerance}")
    gap = interval.relative_gap(recomputed)
    if abs(gap) <= tolerance:
        return ACCURATE, gap
    if abs(gap) <= WIDE_BAND * tolerance:
        return ROUGHLY_RIGHT, gap
    return (OVERSTATED if gap < 0 else UNDERSTATED), gap


def describe_gap(gap: float, tolerance: float) -> str:
    if gap == 0:
        return "in line with it"
    side = "below" if gap < 0 else "above"
    return f"{share(gap)} {side} it, tolerance {share(tolerance)}"


def secondary_note(tier: str | None) -> str:
    return " This rests on secondary reports of official figures, not on the official series." \
        if tier == "secondary" else ""


SEVERITY = {ACCURATE: 0, ROUGHLY_RIGHT: 1, OVERSTATED: 2, UNDERSTATED: 2}


def _clause(figure: Figure, recomputed: float, unit: str, basis: str, gap: float, tolerance: float) -> str:
    return (f"{basis}: {number(recomputed, unit)} against the stated "
            f"\u201c{figure.as_printed}\u201d ({describe_gap(gap, tolerance)})")


def check(claim_id: str, figure: Figure, recomputed: float, tolerance: float, *,
          basis: str, unit: str | None = None, tier: str = "official") -> ClaimResult:
    """Grade one recomputed value against one stated figure."""
    return check_all(claim_id, [(figure, recomputed, basis)], tolerance, unit=unit, tier=tier)


def check_all(claim_id: str, checks: list[tuple[Figure, float, str]], tolerance: float, *,
              unit: str | None = None, tier: str = "official") -> ClaimResult:
    """Grade each (figure, recomputed, basis) of one claim; the claim gets its worst figure's verdict."""
    graded = []
    for figure, recomputed, basis in checks:
        verdict, gap = grade(stated_interval(figure), recomputed, tolerance)
        graded.append((SEVERITY[verdict], abs(gap), verdict, figure, float(recomputed), basis, gap))
    _, _, verdict, figure, recomputed, _, _ = max(graded, key=lambda g: (g[0], g[1]))
    unit = unit or figure.unit
    clauses = "; ".join(_clause(f, x, unit if len(checks) == 1 else f.unit, b, g, tolerance)
                        for _, _, _, f, x, b, g in graded)
    stated = "; ".join(f.as_printed for f, _, _ in checks)
    return ClaimResult(claim_id, stated, recomputed, unit, verdict, clauses + "." + secondary_note(tier), tier)


def check_consistency(claim_id: str, figure: Figure, implied: float, tolerance: float, *,
                      basis: str) -> ClaimResult | None:
    """An "internally inconsistent" result if a claim's other figures imply something else for
    ``figure`` (beyond the tolerance), else None: consistency alone does not verify a claim."""
    verdict, gap = grade(stated_interval(figure), implied, tolerance)
    if verdict == ACCURATE:
        return None
    reason = (f"{_clause(figure, implied, figure.unit, basis, gap, tolerance)}, "
              "so the claim's own figures cannot all hold.")
    return ClaimResult(claim_id, figure.as_printed, float(implied), figure.unit, INCONSISTENT, reason, None)


def check_against_source(claim_id: str, figure: Figure, source: Figure, tolerance: float, *,
                         source_name: str) -> ClaimResult | None:
    """A "misquoted" result if the stated figure differs from the cited source's own, else None."""
    stated, cited = stated_interval(figure), stated_interval(source)
    if figure.qualifier == source.qualifier == "range":  # compare bound with bound
        gaps = [stated.low / cited.low - 1, stated.high / cited.high - 1]
    else:
        gaps = [cited.relative_gap(x) for x in (stated.low, stated.high) if abs(x) != float("inf")]
    worst = max(gaps, key=abs)
    if abs(worst) <= tolerance:
        return None
    reason = (f"{source_name}, which the author cites, gives \u201c{source.as_printed}\u201d, "
              f"not \u201c{figure.as_printed}\u201d ({share(worst)} apart).")
    return ClaimResult(claim_id, figure.as_printed, source.value, figure.unit, MISQUOTED, reason, "official")


def check_within(claim_id: str, figure: Figure, low: float, high: float, tolerance: float, *,
                 basis: str, unit: str | None = None, tier: str = "official") -> ClaimResult:
    """Grade a stated figure against the range the data allow (a model's interval, or the releases
    that bracket a year-to-date count): inside is accurate; above it the claim overstates."""
    verdict, gap = grade(Interval(low, high), figure.value, tolerance)
    verdict = {OVERSTATED: UNDERSTATED, UNDERSTATED: OVERSTATED}.get(verdict, verdict)
    unit = unit or figure.unit
    where = "within it" if gap == 0 else describe_gap(gap, tolerance).replace("it,", "the range,")
    reason = (f"{basis}: {number(low, unit)} to {number(high, unit)}; the stated \u201c{figure.as_printed}\u201d "
              f"lies {where}.{secondary_note(tier)}")
    return ClaimResult(claim_id, figure.as_printed, float(low), unit, verdict, reason, tier, float(high))


def check_year(claim_id: str, figure: Figure, year: int, tolerance: float, *, basis: str) -> ClaimResult:
    """A stated year against the record: the gap is in years, not relative (1974 is not "0.5% off" 1964)."""
    gap = figure.value - year
    verdict = ACCURATE if abs(gap) <= tolerance else ROUGHLY_RIGHT if abs(gap) <= WIDE_BAND * tolerance else MISDATED
    where = "the same year" if gap == 0 else f"{abs(gap):.0f} years {'later' if gap > 0 else 'earlier'}"
    reason = (f"{basis}: {year} against the stated \u201c{figure.as_printed}\u201d ({where}, tolerance "
              f"{tolerance:g} year{'' if tolerance == 1 else 's'}).")
    return ClaimResult(claim_id, figure.as_printed, float(year), figure.unit, verdict, reason, "official")


def unverifiable(claim_id: str, figure: Figure, missing: str) -> ClaimResult:
    """No public figure to test the claim: say exactly what is missing."""
    return ClaimResult(claim_id, figure.as_printed, None, figure.unit, UNVERIFIABLE,
                       f"No public figure was found to test it: {missing}.", None)
