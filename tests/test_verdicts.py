"""The verdict engine's claim rule: one check per stated figure, the claim from its checks
(the rule of each kind of figure is tested in test_claim_kinds.py)."""
from __future__ import annotations

import math

import pytest

from analysis.core import verdicts as v
from analysis.core.claims import Figure, claim


def point(value, printed="about X", qualifier="about", unit="persons"):
    return Figure("a count", "point", unit, printed, qualifier=qualifier, value=value)


def test_the_claim_takes_its_most_severe_figure_and_every_figure_is_published():
    result = v.judge("x-y", [v.measured(point(100), 101, basis="first", source="A"),
                             v.measured(point(200, "about 200"), 120, basis="second", source="B")], 0.1)
    assert result.verdict == v.OVERSTATED
    assert [(c.stated, c.recomputed, c.verdict, c.source) for c in result.checks] == [
        ("about X", 101.0, v.ACCURATE, "A"), ("about 200", 120.0, v.OVERSTATED, "B")]
    assert result.reason == ("First: 101 against the stated \u201cabout X\u201d (1.0% above it, tolerance 10.0%); "
                             "second: 120 against the stated \u201cabout 200\u201d (40.0% below it, tolerance 10.0%).")


def test_a_range_from_the_data_is_published_as_low_and_high():
    check = v.judge("x-y", [v.bracketed(point(15), 12, 20, basis="model", source="A")], 0.1).checks[0]
    assert (check.recomputed, check.low, check.high, check.verdict) == (None, 12.0, 20.0, v.ACCURATE)


def test_a_figure_that_cannot_be_tested_does_not_count_unless_none_can():
    tested = v.judge("x-y", [v.measured(point(100), 100, basis="b", source="A"),
                             v.missing(point(5, "five"), "no count for FY1993")], 0.1)
    assert tested.verdict == v.ACCURATE
    assert "\u201cfive\u201d could not be tested: no count for FY1993." in tested.reason
    assert [c.verdict for c in tested.checks] == [v.ACCURATE, v.UNVERIFIABLE]
    untested = v.judge("x-y", [v.missing(point(5, "five"), "no count")], 0.1)
    assert untested.verdict == v.UNVERIFIABLE


def test_consistency_can_only_condemn():
    real = Figure("real growth", "point", "percent", "17%", qualifier="exact", value=17)
    passes = v.judge("x-y", [v.implied(real, 17.5, basis="implied"), v.missing(point(2, "doubled"), "no budget")], 0.1)
    assert passes.verdict == v.UNVERIFIABLE  # consistency alone verifies nothing
    fails = v.judge("x-y", [v.implied(real, 32, basis="implied"), v.measured(point(2, "doubled"), 2, basis="b",
                                                                             source="A")], 0.1)
    assert fails.verdict == v.INCONSISTENT
    assert "so the claim's own figures cannot all hold" in fails.reason


def test_a_study_is_judged_on_two_questions():
    effect = Figure("effect", "point", "percent", "80%", qualifier="exact", value=80, attributed_to="a study")
    faithful_but_fails = v.judge("x-y", [v.cited(effect, source="The study, table 2", value=80),
                                         v.measured(effect, 41, basis="replication", source="INEGI")], 0.1)
    assert (faithful_but_fails.faithful, faithful_but_fails.holds) == (v.ACCURATE, v.OVERSTATED)
    assert faithful_but_fails.verdict == v.OVERSTATED
    assert faithful_but_fails.reason.startswith("As a report of its source: accurate; in the data: overstated.")
    misquoted_but_holds = v.judge("x-y", [v.cited(effect, source="The study", value=60),
                                          v.measured(effect, 80, basis="replication", source="INEGI")], 0.1)
    assert (misquoted_but_holds.faithful, misquoted_but_holds.holds, misquoted_but_holds.verdict) == (
        v.MISQUOTED, v.ACCURATE, v.MISQUOTED)


def test_a_stated_range_against_the_cited_range_compares_bound_with_bound():
    flow = Figure("flow", "range", "USD billion", "$18 to $29 billion", qualifier="range", low=18, high=29)
    result = v.judge("x-y", [v.cited(flow, source="GAO-11-73", low=18, high=39)], 0.1)
    assert result.verdict == v.MISQUOTED
    assert (result.checks[0].low, result.checks[0].high) == (18.0, 39.0)


def test_secondary_evidence_is_said_and_notes_go_through_the_engine():
    result = v.judge("x-y", [v.measured(point(100), 100, basis="b", source="a newspaper", tier="secondary")], 0.1,
                     note="The count covers ports only.")
    assert result.reason.endswith("This rests on secondary reports of official figures, not on the official "
                                  "series. The count covers ports only.")
    assert result.checks[0].tier == "secondary"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_errors_not_verdicts(bad):
    with pytest.raises(ValueError, match=r"^claim x-y: a count: recomputed value .* is not a finite number"):
        v.judge("x-y", [v.measured(point(100), bad, basis="b", source="A")], 0.1)
    with pytest.raises(ValueError, match=r"tolerance nan is not a finite number"):
        v.judge("x-y", [v.measured(point(100), 100, basis="b", source="A")], math.nan)


def test_an_unverifiable_claim_gives_the_search_that_was_made():
    result = v.unverified(claim("heyman-atf-gunrunner-officers"))
    assert result.verdict == v.UNVERIFIABLE and [c.verdict for c in result.checks] == [v.UNVERIFIABLE]
    assert result.reason.startswith("No public figure was found to test it. Searched: U.S. Department of Justice, "
                                    "Office of the Inspector General, Review of ATF's Project Gunrunner, I-2011-001")


def test_an_estimate_is_judged_by_its_interval_and_must_exclude_no_effect():
    doubling = Figure("doubling", "multiple", "ratio to prior level", "doubling", qualifier="exact", value=2)

    def verdict(estimate, low, high):
        result = v.judge("x-y", [v.estimated(doubling, estimate, low, high, no_effect=1, basis="fit", source="A")],
                         0.1)
        return result.verdict, (result.checks[0].recomputed, result.checks[0].low, result.checks[0].high)

    assert verdict(1.9, 1.5, 2.3) == (v.ACCURATE, (1.9, 1.5, 2.3))
    assert verdict(1.44, 1.0, 2.07)[0] == v.ROUGHLY_RIGHT  # doubling not ruled out, but neither is no effect
    assert verdict(1.2, 1.05, 1.35)[0] == v.OVERSTATED  # far below a doubling
    assert verdict(0.7, 0.6, 0.8)[0] == v.OVERSTATED
    with pytest.raises(ValueError, match="estimate 3 lies outside its interval 1 to 2"):
        verdict(3, 1, 2)
