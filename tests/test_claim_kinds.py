"""Every kind of statement the registry knows, graded through ``verdicts.judge``: for each, a value that
passes and a value that must fail (with the exact verdict), with the boundaries of each rule; then the two
other axes (faithful to the source, the claim's own arithmetic) and values that can never be graded.

The figures are built through the registry's own parser, so each is one the registry would accept.
"""
from __future__ import annotations

import math

import pytest

from analysis.core import verdicts as v
from analysis.core.claims import KINDS, ClaimsError, parse_registry

TOL = 0.10  # relative tolerance used throughout (years use their own)

ESSAY = {"file": "x.txt", "short": "X (2024)", "author": "A", "title": "T", "publisher": "P", "date": "2024",
         "present": 2023, "present_basis": "b"}


def figure(kind: str, **fields):
    """One stated figure, validated as the registry validates it."""
    unit = fields.pop("unit", "ratio to the earlier level" if kind in ("multiple", "direction") else
                      "year" if kind == "year" else "finding" if kind == "finding" else "persons")
    raw = {"label": f"a {kind}", "kind": kind, "unit": unit, "as_printed": fields.pop("as_printed", "as printed"),
           **fields}
    document = {"essays": {"e": ESSAY},
                "claims": [{"id": "test-claim", "title": "A test claim", "essay": "e", "locator": "l", "claim": "c", "stated": [raw],
                            "cites": "nothing", "chapter": "budgets", "status": "checked"}]}
    return parse_registry(document)[1]["test-claim"].stated[0]


def graded(fig, value=None, *, low=None, high=None, tolerance=TOL, year_tolerance=0.0):
    """The claim's verdict for one figure measured at ``value`` (or bracketed by ``low``/``high``)."""
    evidence = (v.measured(fig, value, basis="B", source="S") if value is not None
                else v.bracketed(fig, low, high, basis="B", source="S"))
    result = v.judge("test-claim", [evidence], tolerance, year_tolerance=year_tolerance)
    [check] = result.checks
    assert check.verdict == result.verdict  # one figure: the claim takes its figure's verdict
    return result


# (kind, qualifier or direction/magnitude tag, figure fields, value that passes, value that fails, its verdict)
UP_DRAMATIC = {"word": "dramatically", "minimum": 2.0, "reasoning": "a dramatic rise at least doubles"}
DOWN_SLIGHT = {"word": "slightly", "minimum": 0.8, "reasoning": "a slight fall loses at most a fifth"}
DOWN_SHARP = {"word": "sharply", "maximum": 0.7, "reasoning": "a sharp fall loses at least three tenths"}
CASES = [
    ("point", "exact", dict(value=100, qualifier="exact"), 105, 130, v.UNDERSTATED),
    ("point", "about", dict(value=100, qualifier="about"), 92, 70, v.OVERSTATED),
    ("threshold", "more-than", dict(value=5, qualifier="more-than"), 5.01, 4, v.OVERSTATED),
    ("threshold", "at-least", dict(value=5, qualifier="at-least"), 5, 4, v.OVERSTATED),
    ("threshold", "less-than", dict(value=5, qualifier="less-than"), 4.99, 6, v.UNDERSTATED),
    ("threshold", "at-most", dict(value=5, qualifier="at-most"), 5, 6, v.UNDERSTATED),
    ("range", "range", dict(low=18, high=29, qualifier="range"), 20, 40, v.UNDERSTATED),
    ("multiple", "exact", dict(value=9, qualifier="exact"), 9.5, 6, v.OVERSTATED),
    ("multiple", "about", dict(value=3, qualifier="about"), 2.8, 4, v.UNDERSTATED),
    ("multiple", "more-than", dict(value=5, qualifier="more-than"), 5.1, 4, v.OVERSTATED),
    ("multiple", "at-least", dict(value=2, qualifier="at-least"), 2, 1.5, v.OVERSTATED),
    ("multiple", "less-than", dict(value=2, qualifier="less-than"), 1.9, 2.5, v.UNDERSTATED),
    ("multiple", "at-most", dict(value=2, qualifier="at-most"), 2, 2.5, v.UNDERSTATED),
    ("direction", "up", dict(direction="up"), 1.2, 0.8, v.CONTRADICTED),
    ("direction", "down", dict(direction="down"), 0.8, 1.2, v.CONTRADICTED),
    ("direction", "up dramatically", dict(direction="up", magnitude=UP_DRAMATIC), 2.5, 1.5, v.OVERSTATED),
    ("direction", "down slightly", dict(direction="down", magnitude=DOWN_SLIGHT), 0.9, 0.5, v.UNDERSTATED),
    ("direction", "down sharply", dict(direction="down", magnitude=DOWN_SHARP), 0.5, 0.9, v.OVERSTATED),
    ("year", "exact", dict(value=1974, qualifier="exact"), 1974, 1964, v.MISDATED),
    ("rank", "exact", dict(value=1, qualifier="exact", unit="rank"), 1, 2, v.OVERSTATED),
    ("rank", "at-most", dict(value=3, qualifier="at-most", unit="rank"), 2, 4, v.OVERSTATED),
    ("finding", "stated", dict(), 1, 0, v.CONTRADICTED),  # the record states it / states the opposite
]


@pytest.mark.parametrize("kind, tag, fields, passes, fails, verdict", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_kind_passes_and_fails(kind, tag, fields, passes, fails, verdict):
    fig = figure(kind, **fields)
    assert graded(fig, passes).verdict == v.ACCURATE
    assert graded(fig, fails).verdict == verdict


def test_the_cases_cover_every_kind_and_qualifier():
    covered = {(kind, tag) for kind, tag, *_ in CASES}
    for kind, qualifiers in KINDS.items():
        if kind == "direction":
            for tag in ("up", "down", "up dramatically", "down slightly", "down sharply"):
                assert (kind, tag) in covered
        if kind == "finding":
            assert (kind, "stated") in covered
        for qualifier in qualifiers:
            assert (kind, qualifier) in covered, (kind, qualifier)


# --- the boundaries of each rule ------------------------------------------------------------------------

def test_point_bands():
    fig = figure("point", value=100, qualifier="about")
    assert graded(fig, 110).verdict == v.ACCURATE                  # exactly at the tolerance
    assert graded(fig, 111).verdict == v.ROUGHLY_RIGHT             # just beyond it
    assert graded(fig, 125).verdict == v.ROUGHLY_RIGHT             # at two and a half times the tolerance
    assert graded(fig, 126).verdict == v.UNDERSTATED
    assert graded(fig, 74).verdict == v.OVERSTATED
    assert graded(figure("point", value=100, qualifier="exact"), 100, tolerance=0.0).verdict == v.ACCURATE
    assert graded(figure("point", value=100, qualifier="exact"), 101, tolerance=0.0).verdict == v.UNDERSTATED


def test_more_than_is_strict_and_at_least_is_not():
    more, least = figure("threshold", value=5, qualifier="more-than"), figure("threshold", value=5, qualifier="at-least")
    at_five = graded(more, 5)
    assert at_five.verdict == v.ROUGHLY_RIGHT  # exactly 5 is not "more than 5"
    assert "exactly at the threshold 5, which it must exceed" in at_five.reason
    assert graded(least, 5).verdict == v.ACCURATE
    # a near miss below the threshold is at most roughly right, and only within the tolerance
    assert graded(more, 4.6).verdict == v.ROUGHLY_RIGHT  # 8% short
    assert graded(least, 4.5).verdict == v.ROUGHLY_RIGHT  # exactly the tolerance short
    assert graded(least, 4.49).verdict == v.OVERSTATED
    assert graded(more, 5.01, tolerance=0.5).verdict == v.ACCURATE
    assert graded(more, 4.99, tolerance=0.5).verdict == v.ROUGHLY_RIGHT  # never accurate, however wide the tolerance


def test_less_than_is_strict_and_at_most_is_not():
    less, most = figure("threshold", value=5, qualifier="less-than"), figure("threshold", value=5, qualifier="at-most")
    assert graded(less, 5).verdict == v.ROUGHLY_RIGHT
    assert graded(most, 5).verdict == v.ACCURATE
    assert graded(most, 5.5).verdict == v.ROUGHLY_RIGHT
    assert graded(most, 5.51).verdict == v.UNDERSTATED


def test_thresholds_against_a_range_of_data():
    more = figure("threshold", value=100, qualifier="more-than")
    assert graded(more, low=101, high=120).verdict == v.ACCURATE
    assert graded(more, low=90, high=120).verdict == v.ROUGHLY_RIGHT  # only part of the range is above
    assert graded(more, low=60, high=80).verdict == v.OVERSTATED


def test_range_bounds_are_inside():
    fig = figure("range", low=18, high=29, qualifier="range")
    assert graded(fig, 18).verdict == v.ACCURATE and graded(fig, 29).verdict == v.ACCURATE
    assert graded(fig, 31).verdict == v.ROUGHLY_RIGHT   # 6.9% above the top
    assert graded(fig, 16.3).verdict == v.ROUGHLY_RIGHT  # 9.4% below the bottom
    assert graded(fig, 16).verdict == v.OVERSTATED      # 11.1% below the bottom
    assert graded(fig, low=25, high=35).verdict == v.ROUGHLY_RIGHT  # the data straddle the top


def test_direction_without_magnitude():
    up, down = figure("direction", direction="up"), figure("direction", direction="down")
    assert graded(up, 1.0).verdict == v.CONTRADICTED  # no change is no rise
    assert graded(down, 1.0).verdict == v.CONTRADICTED
    assert graded(up, 1.01).verdict == v.ACCURATE
    assert graded(down, 0.99).verdict == v.ACCURATE
    assert graded(up, low=0.9, high=1.1).verdict == v.ROUGHLY_RIGHT  # the data allow either way


def test_direction_with_magnitude():
    dramatic = figure("direction", direction="up", magnitude=UP_DRAMATIC)
    assert graded(dramatic, 2.0).verdict == v.ACCURATE          # exactly the lowest ratio the word allows
    assert graded(dramatic, 1.85).verdict == v.ROUGHLY_RIGHT    # 7.5% short of it
    assert graded(dramatic, 1.1).verdict == v.OVERSTATED        # a rise, but no dramatic one
    assert graded(dramatic, 0.9).verdict == v.CONTRADICTED      # a fall is never "increased dramatically"
    slight = figure("direction", direction="down", magnitude=DOWN_SLIGHT)
    assert graded(slight, 0.8).verdict == v.ACCURATE
    assert graded(slight, 1.05).verdict == v.CONTRADICTED       # "diminished slightly" not met by a rise
    modest = figure("direction", direction="up", magnitude={"word": "modestly", "maximum": 1.5,
                                                            "reasoning": "a modest rise adds at most half"})
    assert graded(modest, 1.5).verdict == v.ACCURATE
    assert graded(modest, 3.0).verdict == v.UNDERSTATED         # tripled: far more than "modestly"
    assert graded(modest, 0.95).verdict == v.CONTRADICTED
    sharp = figure("direction", direction="down", magnitude=DOWN_SHARP)
    assert graded(sharp, 0.7).verdict == v.ACCURATE
    assert graded(sharp, 0.75).verdict == v.ROUGHLY_RIGHT       # 7.1% above the highest ratio allowed
    assert graded(sharp, 1.2).verdict == v.CONTRADICTED


def test_year_tolerance_boundary():
    fig = figure("year", value=1974, qualifier="exact")
    assert graded(fig, 1964, year_tolerance=1.0).verdict == v.MISDATED  # the UNFICYP case: 1964 on record
    assert graded(fig, 1973, year_tolerance=1.0).verdict == v.ACCURATE  # exactly one year out
    assert graded(fig, 1975, year_tolerance=1.0).verdict == v.ACCURATE
    assert graded(fig, 1972, year_tolerance=1.0).verdict == v.MISDATED
    assert graded(fig, 1973, year_tolerance=0.0).verdict == v.MISDATED
    # no "roughly right" band for years, and the relative tolerance plays no part
    assert graded(fig, 1972, tolerance=1.0, year_tolerance=1.0).verdict == v.MISDATED
    assert "2 years later, year tolerance 1" in graded(fig, 1972, year_tolerance=1.0).reason
    assert graded(fig, low=1970, high=1975).verdict == v.ACCURATE
    assert graded(fig, low=1960, high=1965).verdict == v.MISDATED


def test_a_range_of_years_takes_the_year_tolerance_from_its_nearest_year():
    fig = figure("year", value=1974, qualifier="exact")
    # the same nearest year as a point (1973) must get the same verdict
    assert graded(fig, low=1960, high=1973, year_tolerance=1.0).verdict == v.ACCURATE
    assert graded(fig, low=1960, high=1973, year_tolerance=0.0).verdict == v.MISDATED
    assert graded(fig, low=1960, high=1972, year_tolerance=1.0).verdict == v.MISDATED
    assert graded(fig, low=1975, high=1980, year_tolerance=1.0).verdict == v.ACCURATE
    assert "2 years later than the nearest year the data allow" in graded(fig, low=1960, high=1972).reason


def test_rank():
    first = figure("rank", value=1, qualifier="exact", unit="rank")
    second = figure("rank", value=2, qualifier="exact", unit="rank")
    assert graded(second, 1).verdict == v.UNDERSTATED  # better than stated
    assert graded(first, 3).verdict == v.OVERSTATED
    top3 = figure("rank", value=3, qualifier="at-most", unit="rank")
    assert graded(top3, 3).verdict == v.ACCURATE and graded(top3, 1).verdict == v.ACCURATE


def test_the_registry_refuses_figures_of_the_wrong_shape():
    with pytest.raises(ClaimsError, match="a threshold takes the qualifier"):
        figure("threshold", value=5, qualifier="exact")
    with pytest.raises(ClaimsError, match="ratios of a magnitude must be above 1"):
        figure("direction", direction="up", magnitude={**UP_DRAMATIC, "minimum": 0.5})
    with pytest.raises(ClaimsError, match="a year must be a whole number"):
        figure("year", value=1974.5, qualifier="exact")


# --- the source and consistency axes ---------------------------------------------------------------------

def test_source_axis_faithful_and_misquoted():
    fig = figure("point", value=41, qualifier="about", unit="USD million", attributed_to="GAO-11-73, p. 5")
    faithful = v.judge("test-claim", [v.cited(fig, source="GAO", value=41), v.measured(fig, 40, basis="B", source="S")],
                       TOL)
    assert (faithful.verdict, faithful.faithful, faithful.holds) == (v.ACCURATE, v.ACCURATE, v.ACCURATE)
    assert faithful.reason.startswith("As a report of its source: accurate; in the data: accurate.")
    assert v.judge("test-claim", [v.cited(fig, source="GAO", value=44)], TOL).verdict == v.ACCURATE  # within 10%
    misquoted = v.judge("test-claim", [v.cited(fig, source="GAO", value=30), v.measured(fig, 41, basis="B",
                                                                                        source="S")], TOL)
    assert (misquoted.verdict, misquoted.faithful, misquoted.holds) == (v.MISQUOTED, v.MISQUOTED, v.ACCURATE)
    # faithful to the study, but the finding does not hold in the data
    unfounded = v.judge("test-claim", [v.cited(fig, source="GAO", value=41), v.measured(fig, 20, basis="B",
                                                                                        source="S")], TOL)
    assert (unfounded.verdict, unfounded.faithful, unfounded.holds) == (v.OVERSTATED, v.ACCURATE, v.OVERSTATED)
    span = figure("range", low=18, high=39, qualifier="range", unit="USD billion", attributed_to="study")
    assert v.judge("test-claim", [v.cited(span, source="study", low=18, high=39)], TOL).verdict == v.ACCURATE
    assert v.judge("test-claim", [v.cited(span, source="study", low=18, high=29)], TOL).verdict == v.MISQUOTED


def test_source_axis_by_the_kinds_own_rule():
    """A year, a rank or a direction has no meaningful relative gap: the source's own figure is graded by the
    kind's rule, and anything but accurate is a misquotation."""
    year = figure("year", value=1974, qualifier="exact", attributed_to="report")
    assert v.judge("test-claim", [v.cited(year, source="R", value=1974)], TOL).verdict == v.ACCURATE
    assert v.judge("test-claim", [v.cited(year, source="R", value=1964)], TOL).verdict == v.MISQUOTED  # 0.5% apart
    assert v.judge("test-claim", [v.cited(year, source="R", value=1973)], TOL, year_tolerance=1.0).verdict == v.ACCURATE
    rise = figure("direction", direction="up", attributed_to="study")
    assert v.judge("test-claim", [v.cited(rise, source="S", value=1.3)], TOL).verdict == v.ACCURATE
    assert v.judge("test-claim", [v.cited(rise, source="S", value=0.8)], TOL).verdict == v.MISQUOTED
    first = figure("rank", value=1, qualifier="exact", unit="rank", attributed_to="index")
    assert v.judge("test-claim", [v.cited(first, source="I", value=1)], TOL).verdict == v.ACCURATE
    assert v.judge("test-claim", [v.cited(first, source="I", value=2)], TOL).verdict == v.MISQUOTED


def test_consistency_axis():
    fig = figure("point", value=17, qualifier="exact", unit="percent")
    other = figure("multiple", value=2, qualifier="exact")
    agrees = v.judge("test-claim", [v.implied(fig, 17.5, basis="Doubling"), v.measured(other, 2.1, basis="B",
                                                                                       source="S")], TOL)
    assert agrees.verdict == v.ACCURATE
    # the claim's own arithmetic passing verifies nothing: alone, it leaves the claim unverifiable
    assert v.judge("test-claim", [v.implied(fig, 17, basis="Doubling")], TOL).verdict == v.UNVERIFIABLE
    clash = v.judge("test-claim", [v.implied(fig, 32, basis="Doubling"), v.measured(other, 2.0, basis="B",
                                                                                    source="S")], TOL)
    assert clash.verdict == v.INCONSISTENT
    assert "cannot all hold" in clash.reason


def test_a_missing_figure_does_not_count():
    fig, other = figure("point", value=100, qualifier="about"), figure("year", value=2010, qualifier="exact")
    result = v.judge("test-claim", [v.measured(fig, 101, basis="B", source="S"), v.missing(other, "no record")], TOL)
    assert result.verdict == v.ACCURATE
    assert [c.verdict for c in result.checks] == [v.ACCURATE, v.UNVERIFIABLE]
    assert v.judge("test-claim", [v.missing(fig, "no record")], TOL).verdict == v.UNVERIFIABLE


# --- values that can never be graded ----------------------------------------------------------------------

@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("kind, fields", [
    ("point", dict(value=100, qualifier="about")), ("threshold", dict(value=5, qualifier="more-than")),
    ("range", dict(low=18, high=29, qualifier="range")), ("multiple", dict(value=9, qualifier="exact")),
    ("direction", dict(direction="up")), ("year", dict(value=1974, qualifier="exact")),
    ("rank", dict(value=1, qualifier="exact", unit="rank")),
])
def test_non_finite_recomputed_values_raise_naming_the_figure(kind, fields, bad):
    fig = figure(kind, **fields)
    for evidence in (v.measured(fig, bad, basis="B", source="S"), v.bracketed(fig, 1, bad, basis="B", source="S"),
                     v.implied(fig, bad, basis="B"), v.cited(fig, source="S", value=bad)):
        with pytest.raises(ValueError, match=rf"claim test-claim: a {kind}: .*{bad!r}.* not a finite number"):
            v.judge("test-claim", [evidence], TOL)


@pytest.mark.parametrize("tolerance, year_tolerance", [(math.nan, 0.0), (math.inf, 0.0), (0.1, math.nan)])
def test_non_finite_tolerances_raise(tolerance, year_tolerance):
    fig = figure("year", value=1974, qualifier="exact")
    with pytest.raises(ValueError, match="a year: .*tolerance .* not a finite number"):
        v.judge("test-claim", [v.measured(fig, 1964, basis="B", source="S")], tolerance, year_tolerance=year_tolerance)


# --- findings: statements with no figure ----------------------------------------------------------------

def test_a_finding_is_accurate_only_when_the_record_states_it():
    fig = figure("finding", as_printed="the Inspector General has reported")
    stated = v.judge("test-claim", [v.recorded(fig, True, basis="The OIG's report", source="DOJ OIG")], TOL)
    assert (stated.verdict, stated.checks[0].recomputed) == (v.ACCURATE, 1.0)
    assert stated.reason == ("The OIG's report, against the stated \u201cthe Inspector General has reported\u201d "
                             "(the record states it).")
    opposite = v.judge("test-claim", [v.recorded(fig, False, basis="The OIG's report", source="DOJ OIG")], TOL)
    assert opposite.verdict == v.CONTRADICTED
    assert "(the record states the opposite)" in opposite.reason
    # no tolerance, however wide, turns the opposite into agreement
    assert v.judge("test-claim", [v.recorded(fig, False, basis="B", source="S")], 1.0).verdict == v.CONTRADICTED
    disagree = v.judge("test-claim", [v.bracketed(fig, 0, 1, basis="B", source="S")], TOL)
    assert (disagree.verdict, disagree.checks[0].low, disagree.checks[0].high) == (v.ROUGHLY_RIGHT, 0.0, 1.0)
    silent = v.judge("test-claim", [v.missing(fig, "no record says either")], TOL)
    assert silent.verdict == v.UNVERIFIABLE


def test_a_finding_attributed_to_a_report_is_judged_on_both_axes():
    fig = figure("finding", attributed_to="OIG review")
    faithful = v.judge("test-claim", [v.recorded(fig, True, basis="The review", source="OIG", cited=True),
                                      v.recorded(fig, True, basis="The data", source="D")], TOL)
    assert (faithful.verdict, faithful.faithful, faithful.holds) == (v.ACCURATE, v.ACCURATE, v.ACCURATE)
    misquoted = v.judge("test-claim", [v.recorded(fig, False, basis="The review", source="OIG", cited=True),
                                       v.recorded(fig, True, basis="The data", source="D")], TOL)
    assert (misquoted.verdict, misquoted.faithful, misquoted.holds) == (v.MISQUOTED, v.MISQUOTED, v.ACCURATE)
    assert "(the source does not say it)" in misquoted.reason
    reported_only = v.judge("test-claim", [v.recorded(fig, True, basis="The review", source="OIG", cited=True),
                                           v.missing(fig, "no data beyond the review")], TOL)
    assert (reported_only.verdict, reported_only.faithful, reported_only.holds) == (v.ACCURATE, v.ACCURATE,
                                                                                    v.UNVERIFIABLE)


def test_a_finding_takes_only_a_record_of_yes_or_no():
    fig = figure("finding")
    with pytest.raises(ValueError, match=r"a finding's record is 1 \(states it\) or 0 \(states the opposite\), got 0.5"):
        v.judge("test-claim", [v.measured(fig, 0.5, basis="B", source="S")], TOL)
    with pytest.raises(ValueError, match="a record either states the finding or its opposite, got 1"):
        v.recorded(fig, 1, basis="B", source="S")
    for shape in (dict(value=1), dict(qualifier="exact"), dict(unit="persons"), dict(direction="up")):
        with pytest.raises(ClaimsError, match="finding states no figure|only a direction takes"):
            figure("finding", **shape)
