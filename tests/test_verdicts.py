"""The verdict engine on hand-made figures: every verdict on the scale, with its reason."""
from __future__ import annotations

import math

import pytest

from analysis.claims import Figure
from analysis.intervals import Interval, stated_interval
from analysis import verdicts as v


def fig(qualifier="about", value=None, low=None, high=None, unit="persons", as_printed="x"):
    return Figure(label="test", qualifier=qualifier, unit=unit, as_printed=as_printed,
                  value=value, low=low, high=high)


def test_stated_intervals():
    assert stated_interval(fig("more-than", 5)) == Interval(5, math.inf)
    assert stated_interval(fig("at-most", 5)) == Interval(-math.inf, 5)
    assert stated_interval(fig("range", low=300, high=400)) == Interval(300, 400)
    assert stated_interval(fig("about", 20000)) == Interval(20000, 20000)


def test_relative_gap_is_measured_from_the_nearest_bound():
    band = Interval(300, 400)
    assert band.relative_gap(350) == 0
    assert band.relative_gap(240) == pytest.approx(-0.2)
    assert band.relative_gap(500) == pytest.approx(0.25)


@pytest.mark.parametrize("figure, recomputed, expected", [
    (fig("about", 20000), 18506, v.ACCURATE),          # 7.5% below
    (fig("about", 20000), 17535, v.ROUGHLY_RIGHT),     # 12.3% below
    (fig("about", 12000), 9821, v.ROUGHLY_RIGHT),      # 18.2% below
    (fig("exact", 9), 6.0, v.OVERSTATED),              # 33% below
    (fig("about", 100), 140, v.UNDERSTATED),           # 40% above
    (fig("more-than", 5), 4.967, v.ACCURATE),          # 0.7% short of "more than"
    (fig("more-than", 5), 12.0, v.ACCURATE),
    (fig("range", low=300, high=400), 471, v.ROUGHLY_RIGHT),  # 17.75% above the range
])
def test_grades(figure, recomputed, expected):
    assert v.check("c", figure, recomputed, 0.10, basis="B").verdict == expected


def test_tolerance_moves_the_verdict():
    assert v.check("c", fig("about", 500000), 447731, 0.10, basis="B").verdict == v.ROUGHLY_RIGHT
    assert v.check("c", fig("about", 500000), 447731, 0.15, basis="B").verdict == v.ACCURATE
    with pytest.raises(ValueError, match="tolerance must be zero or positive, got -0.1"):
        v.check("c", fig("about", 1), 1, -0.1, basis="B")


def test_reason_names_figures_gap_and_tier():
    result = v.check("c", fig("about", 20000, as_printed="about 20,000"), 17535, 0.10,
                     basis="Southwest agents in FY2010", tier="secondary")
    assert result.reason.startswith("Southwest agents in FY2010: 17,535 against the stated "
                                    "\u201cabout 20,000\u201d (12.3% below it, tolerance 10.0%).")
    assert "secondary" in result.reason
    assert result.recomputed == 17535 and result.tier == "secondary"


def test_a_claim_with_several_figures_takes_its_worst():
    result = v.check_all("c", [(fig("about", 4000), 4139, "start"), (fig("about", 12000), 9821, "end"),
                               (fig("exact", 3, unit="ratio"), 2.373, "ratio")], 0.10)
    assert result.verdict == v.ROUGHLY_RIGHT
    assert result.recomputed == pytest.approx(2.373)  # the ratio is 20.9% off, the end level 18.2%
    assert result.reason.count(";") == 2


def test_internal_inconsistency():
    real_growth = fig("exact", 17, unit="percent")
    # doubling while prices rose 1.51-fold is 32% real growth, not 17%
    result = v.check_consistency("c", real_growth, (2 / 1.5113 - 1) * 100, 0.10, basis="Doubling")
    assert result.verdict == v.INCONSISTENT
    assert "cannot all hold" in result.reason
    assert v.check_consistency("c", real_growth, 17.9, 0.10, basis="Doubling") is None


def test_misquoted_against_the_cited_source():
    stated = fig("range", low=18, high=29, unit="USD billion", as_printed="$18 to $29 billion")
    source = fig("range", low=18, high=39, unit="USD billion", as_printed="$18 billion to $39 billion")
    result = v.check_against_source("c", stated, source, 0.10, source_name="GAO-11-73")
    assert result.verdict == v.MISQUOTED
    assert "GAO-11-73" in result.reason and "$18 billion to $39 billion" in result.reason
    assert v.check_against_source("c", source, source, 0.10, source_name="GAO") is None


def test_unverifiable_says_what_is_missing():
    result = v.unverifiable("c", fig("exact", 162), "no public count of Gunrunner officers")
    assert result.verdict == v.UNVERIFIABLE and result.recomputed is None
    assert result.reason == "No public figure was found to test it: no public count of Gunrunner officers."
