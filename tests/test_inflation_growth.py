"""Price indexes, inflation adjustment and growth measures, checked against published values."""
from __future__ import annotations

import pytest

from analysis.core.data import load
from analysis.core.growth import ratio
from analysis.core.inflation import price_index, price_ratio, to_real


def test_calendar_averages_match_the_bls_published_annual_averages():
    computed = price_index("cpi-u", "calendar")
    published = load("cpi_u_annual_bls").set_index("year")["cpi_u"].astype(float)
    both = published.index.intersection(computed.index)
    assert len(both) >= 100
    gap = (computed[both] - published[both]).abs()
    # BLS publishes three decimals from 2007 on, one decimal before (and rounds the months it averages)
    assert gap[gap.index >= 2007].max() < 0.0005
    assert gap.max() < 0.1
    assert computed[2010] == pytest.approx(218.056, abs=0.0005)


def test_fiscal_year_average_runs_october_to_september():
    monthly = load("cpi_u_monthly")
    months = monthly[((monthly["year"] == 2009) & (monthly["month"] >= 10))
                     | ((monthly["year"] == 2010) & (monthly["month"] <= 9))]
    assert len(months) == 12
    assert price_index("cpi-u", "fiscal")[2010] == pytest.approx(months["cpi_u"].astype(float).mean())
    # BLS CPI-U, October 2009 to September 2010: 216.177 ... 218.439
    assert price_index("cpi-u", "fiscal")[2010] == pytest.approx(217.369, abs=0.001)


def test_partial_years_are_left_out():
    last = load("cpi_u_monthly").iloc[-1]
    assert int(last["month"]) < 12
    assert int(last["year"]) not in price_index("cpi-u", "calendar").index
    with pytest.raises(ValueError, match=r"no complete fiscal-year average of gdp for 2023; available 1948-2021"):
        price_ratio(2010, 2023, "gdp")


def test_gdp_deflator_fiscal_year_uses_the_previous_october_quarter():
    quarters = load("gdp_deflator_quarterly")
    q = quarters.set_index(["year", "quarter"])["gdp_deflator"].astype(float)
    expected = (q[(2009, 4)] + q[(2010, 1)] + q[(2010, 2)] + q[(2010, 3)]) / 4
    assert price_index("gdp", "fiscal")[2010] == pytest.approx(expected)


def test_price_ratio_and_real_dollars():
    assert price_ratio(1993, 2010, "cpi-u") == pytest.approx(1.5149, abs=0.0001)
    assert price_ratio(1993, 2010, "gdp") == pytest.approx(1.3985, abs=0.0001)
    assert to_real(100.0, 1993, 2010, "cpi-u") == pytest.approx(151.49, abs=0.01)


def test_unknown_deflator_names_the_allowed_ones():
    with pytest.raises(ValueError, match=r"unknown deflator 'ppi'; allowed: cpi-u, gdp"):
        price_index("ppi")


def test_growth_measures():
    assert ratio(4028, 20558) == pytest.approx(5.1038, abs=1e-4)


@pytest.mark.parametrize("call, message", [
    (lambda: ratio(0, 5), "a growth ratio needs a positive start value, got 0"),
    (lambda: ratio(None, 5), "both a start and an end value are needed"),
])
def test_growth_rejects_meaningless_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
