"""Chapter 1 (Border Patrol vs ports: budgets and staffing): recomputed values and verdicts."""
from __future__ import annotations

import pytest

from analysis.chapters import budgets
from analysis import verdicts as v


def results(**params):
    return {r.claim_id: r for r in budgets.check_claims(**params)}


def test_defaults():
    r = results()
    assert r["heyman-bp-staffing-1993-2010"].recomputed == pytest.approx(20558 / 4028)
    assert r["heyman-bp-staffing-1993-2010"].verdict == v.ACCURATE
    assert r["heyman-bp-budget-1993-2010"].recomputed == pytest.approx(2.96e9 / 4.0e8)
    assert (r["heyman-bp-budget-1993-2010"].verdict, r["heyman-bp-budget-1993-2010"].tier) == (v.ROUGHLY_RIGHT, "secondary")
    assert "secondary" in r["heyman-bp-budget-1993-2010"].reason
    port = r["heyman-port-budget-1993-2010"]
    assert port.verdict == v.INCONSISTENT
    assert port.recomputed == pytest.approx((2 / 1.51486 - 1) * 100, abs=0.01)  # 32% real growth, not 17%
    assert r["heyman-bp-growth-1993-2001"].recomputed == pytest.approx(9821 / 4028)
    assert r["heyman-bp-growth-1993-2001"].verdict == v.ROUGHLY_RIGHT
    assert r["heyman-bp-growth-2005-present"].recomputed == pytest.approx(20558 / 11264)
    assert r["heyman-bp-growth-2005-present"].verdict == v.ACCURATE
    assert r["heyman-bp-quintupled-since-1994"].recomputed == pytest.approx(20558 / 4287)
    assert r["heyman-bp-southwest-agents"].recomputed == 17535
    assert r["heyman-bp-southwest-agents"].verdict == v.ROUGHLY_RIGHT
    assert r["heyman-atf-gunrunner-officers"].verdict == v.UNVERIFIABLE
    assert "I-2011-001" in r["heyman-atf-gunrunner-officers"].reason
    assert r["heyman-southwest-arrests"].recomputed == 447731


def test_other_parameters_change_the_numbers_as_they_should():
    later_baseline = results(start_year=1994)
    assert later_baseline["heyman-bp-staffing-1993-2010"].recomputed == pytest.approx(20558 / 4287)
    assert later_baseline["heyman-bp-growth-1993-2001"].recomputed == pytest.approx(9821 / 4287)
    assert later_baseline["heyman-bp-budget-1993-2010"].reason.count("SMU") == 1  # FY1994 figure from SMU
    gdp = results(deflator="gdp")["heyman-port-budget-1993-2010"]
    assert gdp.recomputed == pytest.approx((2 / 1.39847 - 1) * 100, abs=0.01)
    assert results(tolerance=0.15)["heyman-bp-southwest-agents"].verdict == v.ACCURATE
    present_2011 = results(end_year=2011)
    assert present_2011["heyman-bp-southwest-agents"].recomputed == 18506
    assert present_2011["heyman-southwest-arrests"].recomputed == 327577


def test_official_figures_alone_cannot_test_the_budget_claim():
    budget = results(allow_secondary=False)["heyman-bp-budget-1993-2010"]
    assert budget.verdict == v.UNVERIFIABLE and budget.recomputed is None
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
    assert any("FY2010 dollars (gdp)" in t.get_text() for t in budget_ax.get_legend().get_texts())
