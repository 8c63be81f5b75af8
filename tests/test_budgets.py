"""Chapter 1 (Border Patrol vs ports: budgets and staffing): recomputed values and verdicts."""
from __future__ import annotations

from unittest import mock

import pytest

from analysis.chapters import budgets
from analysis.core import verdicts as v


def results(**params):
    return {r.claim_id: r for r in budgets.check_claims(**params)}


def values(result):
    """Each check's recomputed value (or its low and high)."""
    return [c.recomputed if c.recomputed is not None else (c.low, c.high) for c in result.checks]


def test_defaults():
    r = results()
    assert values(r["heyman-bp-staffing-1993-2010"]) == [pytest.approx(20558 / 4028)]
    assert r["heyman-bp-staffing-1993-2010"].verdict == v.ACCURATE  # 5.10-fold: more than quintupled
    budget = r["heyman-bp-budget-1993-2010"]
    assert values(budget) == [pytest.approx(2.96e9 / 4.0e8)]
    assert (budget.verdict, budget.checks[0].tier) == (v.ROUGHLY_RIGHT, "secondary")
    assert "secondary" in budget.reason
    port = r["heyman-port-budget-1993-2010"]
    assert port.verdict == v.INCONSISTENT
    assert [c.verdict for c in port.checks] == [v.UNVERIFIABLE, v.INCONSISTENT]  # no port budget for FY2010
    assert port.checks[1].recomputed == pytest.approx((2 / 1.51486 - 1) * 100, abs=0.01)  # 32% real, not 17%
    tripled = r["heyman-bp-growth-1993-2001"]
    assert values(tripled) == [4028, 9821, pytest.approx(9821 / 4028)]
    assert [c.verdict for c in tripled.checks] == [v.ACCURATE, v.ROUGHLY_RIGHT, v.ROUGHLY_RIGHT]
    doubled = r["heyman-bp-growth-2005-present"]
    assert values(doubled) == [11264, 20558, pytest.approx(20558 / 11264)]
    assert doubled.verdict == v.ACCURATE
    since_1994 = r["heyman-bp-quintupled-since-1994"]
    assert values(since_1994) == [pytest.approx(20558 / 4287)]
    assert since_1994.verdict == v.ROUGHLY_RIGHT  # 4.80-fold is not more than five-fold, only near it
    assert values(r["heyman-bp-southwest-agents"]) == [17535]
    assert r["heyman-bp-southwest-agents"].verdict == v.ROUGHLY_RIGHT
    assert values(r["heyman-southwest-arrests"]) == [447731]
    assert "heyman-atf-gunrunner-officers" not in r  # unverifiable: in the registry, with its search


def test_more_agents_depends_on_the_window_the_column_leaves_open():
    hiring = results()["wpr-hiring-more-agents"]
    assert (values(hiring), hiring.verdict) == ([pytest.approx(19555 / 9821)], v.ACCURATE)
    since_2015 = results(agents_first_fy=2015)["wpr-hiring-more-agents"]
    assert (values(since_2015), since_2015.verdict) == ([pytest.approx(19555 / 20183)], v.CONTRADICTED)
    with pytest.raises(ValueError, match="parameter 'agents_first_fy'=2018 must be before 2018, the World Politics"):
        budgets.PARAMETERS.validate({"agents_first_fy": 2018})


def test_a_ratio_below_the_threshold_is_never_accurate():
    """"More than quintupled" with a baseline that gives 4.80-fold: short of five, so at most roughly right,
    and overstated once the shortfall exceeds the tolerance."""
    assert results(start_year=1994)["heyman-bp-staffing-1993-2010"].verdict == v.ROUGHLY_RIGHT
    assert results(start_year=1994, tolerance=0.02)["heyman-bp-staffing-1993-2010"].verdict == v.OVERSTATED


def test_other_parameters_change_the_numbers_as_they_should():
    later_baseline = results(start_year=1994)
    assert values(later_baseline["heyman-bp-staffing-1993-2010"]) == [pytest.approx(20558 / 4287)]
    assert values(later_baseline["heyman-bp-growth-1993-2001"])[2] == pytest.approx(9821 / 4287)
    assert later_baseline["heyman-bp-budget-1993-2010"].reason.count("SMU") == 1  # FY1994 figure from SMU
    gdp = results(deflator="gdp")["heyman-port-budget-1993-2010"]
    assert gdp.checks[1].recomputed == pytest.approx((2 / 1.39847 - 1) * 100, abs=0.01)
    assert results(tolerance=0.15)["heyman-bp-southwest-agents"].verdict == v.ACCURATE
    present_2011 = results(end_year=2011)
    assert values(present_2011["heyman-bp-southwest-agents"]) == [18506]
    assert values(present_2011["heyman-southwest-arrests"]) == [327577]
    assert present_2011["heyman-southwest-arrests"].verdict == v.OVERSTATED


def test_official_figures_alone_cannot_test_the_budget_claim():
    budget = results(allow_secondary=False)["heyman-bp-budget-1993-2010"]
    assert budget.verdict == v.UNVERIFIABLE and values(budget) == [(None, None)]
    assert "no official Border Patrol budget figure for FY1993 or FY2010" in budget.reason


def test_no_year_is_interpolated():
    # FY1995 has no reported budget figure: the chapter says so rather than estimating one
    assert budgets.reported_in("bp_budget", 1995, allow_secondary=True) is None
    assert results(start_year=1995)["heyman-bp-budget-1993-2010"].verdict == v.UNVERIFIABLE


def test_chapter_values_for_the_prose():
    values = budgets.chapter_values(**budgets.PARAMETERS.defaults())
    assert values["prices_cpi_u"] == "1.51-fold" and values["prices_gdp"] == "1.40-fold"
    assert values["port_real_if_doubled_cpi_u"] == "32%" and values["port_real_if_doubled_gdp"] == "43%"
    assert values["port_nominal_for_stated_real_cpi_u"] == "1.77-fold"
    assert values["bp_budget_missing_official"] == "FY1993 and FY2010"
    assert values["bp_budget_official_years"] == "FY1986, FY1991"


def test_budget_points_are_single_years_in_nominal_and_real_dollars():
    points = budgets.budget_points(2010, "cpi-u")
    assert len(points) == 25  # four figures have no stated year and are left out
    fy2010 = points[points["fy"] == 2010].iloc[0]
    assert fy2010["real"] == fy2010["value"] == 2.96e9
    fy1993 = points[points["fy"] == 1993].iloc[0]
    assert fy1993["real"] == pytest.approx(4e8 * 1.51486, rel=1e-4)


def test_figures_label_their_axes():
    fig = budgets.agents_figure(1993, 2010)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Agents (persons)" and ax.get_xlabel() == "Fiscal year"
    budget_ax = budgets.budget_figure(2010, "gdp").axes[0]
    assert "billion US dollars" in budget_ax.get_ylabel()
    assert any("FY2010 dollars (GDP deflator)" in t.get_text() for t in budget_ax.get_legend().get_texts())


def test_most_of_the_new_agents_went_to_the_southwest_border():
    """"Most U.S. border security resources" after 1993, on the agents added FY1993-FY2001 (the one resource counted
    by region): nearly all of them on the southwest border. Had most gone elsewhere, the claim would not be accurate."""
    buildups = results()["heyman-southwest-buildups-sequence"]
    assert values(buildups) == [1.0, pytest.approx((9147 - 3444) / (9821 - 4028) * 100)]
    assert [c.verdict for c in buildups.checks] == [v.ACCURATE, v.ACCURATE] and buildups.verdict == v.ACCURATE
    assert "Of the 5,793 agents added nationwide from FY1993 to FY2001, 5,703 were on the southwest border" in buildups.reason
    agents_in = budgets.agents_in
    tripled = lambda fy, region="nationwide": agents_in(fy, region) * (3 if region == "nationwide" else 1)  # noqa: E731
    with mock.patch.object(budgets, "agents_in", side_effect=tripled):
        elsewhere = results()["heyman-southwest-buildups-sequence"]
    assert elsewhere.checks[1].recomputed == pytest.approx(5703 / (3 * 5793) * 100)
    assert elsewhere.checks[1].verdict == v.OVERSTATED and elsewhere.verdict == v.OVERSTATED
