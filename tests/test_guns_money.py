"""Chapter 2 (guns, money and the human cost): recomputed values, verdicts, scenario and rubric."""
from __future__ import annotations

import pytest

from analysis.chapters import guns_money as g
from analysis import verdicts as v

DEFAULTS = g.PARAMETERS.defaults()


def results(**params):
    return {r.claim_id: r for r in g.check_claims(**(DEFAULTS | params))}


def test_cash_is_misquoted_against_gao_and_the_rate_is_an_interval():
    cash = results()["heyman-cash-seized-vs-smuggled"]
    assert cash.verdict == v.MISQUOTED
    assert "$18 billion to $39 billion a year" in cash.reason and "0.08% to 0.17%" in cash.reason
    assert g.interdiction_rate(41e6, 16, 39e9) == pytest.approx(41e6 * 12 / 16 / 39e9 * 100)
    assert g.interdiction_rate(41e6, 16, 18e9) == pytest.approx(0.1708, abs=1e-4)
    # the parameter defaults are GAO-11-73's own figures
    assert (DEFAULTS["seized_usd"], DEFAULTS["flow_low_usd"], DEFAULTS["flow_high_usd"]) == (41e6, 18e9, 39e9)


def test_the_cash_defaults_are_read_from_the_gao_rows_not_typed():
    """A corrected data row moves the default (and test_notebooks then asks for the parameter cell's copy)."""
    params = {p.name: p for p in g.PARAMETERS.params}
    for name in ("seized_usd", "months_covered", "flow_low_usd", "flow_high_usd"):
        assert callable(params[name].default), f"{name}'s default is typed, not read from the data"
    seizure = g.gao_seizure()
    assert (seizure["period_start"], seizure["period_end"], seizure["value"]) == ("2009-03", "2010-06", 41e6)
    assert DEFAULTS["seized_usd"] == seizure["value"] and DEFAULTS["months_covered"] == g.months_spanned(seizure) == 16
    assert g.months_spanned({"period_start": "2009-10", "period_end": "2010-09"}) == 12


def test_deaths_median_and_the_years_the_range_holds():
    deaths = results()["heyman-migrant-deaths-per-year"]
    assert deaths.recomputed == 365 and deaths.verdict == v.ACCURATE
    assert "8 of 13 years" in deaths.reason
    later = results(deaths_first_fy=2005, deaths_last_fy=2009)["heyman-migrant-deaths-per-year"]
    assert later.recomputed == 420 and later.verdict == v.ACCURATE  # FY2005-FY2009: 492, 454, 398, 385, 420


def test_fence_costs_per_mile_and_per_year():
    fence = results()["heyman-fence-cost"]
    assert (fence.verdict, fence.tier) == (v.ACCURATE, "secondary")
    costs = g.fence_costs()
    assert costs["build_per_mile"] == pytest.approx(4e6)
    assert costs["upkeep_per_year"] == pytest.approx(325e6)
    assert costs["upkeep_per_mile_year"] == pytest.approx(325e6 / 600)


def test_traffic_baseline_before_the_series_is_unverifiable_and_nearest_version_is_graded():
    traffic = results()["heyman-nafta-traffic-growth"]
    assert traffic.verdict == v.UNVERIFIABLE and "starts in 1996" in traffic.reason
    assert "trucks up 1.46-fold" in traffic.reason
    nearest = results(traffic_baseline_year=1996)["heyman-nafta-traffic-growth"]
    assert nearest.verdict == v.OVERSTATED
    trucks = g.crossings("Trucks")
    assert trucks[1998] == 3946543  # GAO: "nearly 4 million" in FY1998


def test_borderlands_population_depends_on_the_definition():
    on_line = results()["heyman-borderlands-population"]
    assert on_line.recomputed == 7299014 and on_line.verdict == v.ACCURATE
    assert g.borderland_population("on-the-line", 2010) == (7299014, 22)
    assert results(borderlands="border-states")["heyman-borderlands-population"].verdict == v.UNDERSTATED
    assert results(population_year=2019)["heyman-borderlands-population"].recomputed == 7818688


def test_port_inspectors_grew_in_the_nineties():
    ports = results()["heyman-port-staffing-1993-2010"]
    assert ports.recomputed == pytest.approx(1413 / 523) and ports.verdict == v.UNDERSTATED
    assert list(g.inspectors().index) == [1990, 1997]  # the FY1998 figure was a plan


def test_the_other_figures():
    r = results()
    assert r["heyman-unauthorized-crossings-per-year"].recomputed == 447731
    assert r["heyman-billions-on-migration-enforcement"].recomputed == pytest.approx(2.96)
    assert r["heyman-smuggler-use-and-price"].recomputed == pytest.approx(2560 / 1000)
    for claim_id in g.UNTESTABLE:
        assert r[claim_id].verdict == v.UNVERIFIABLE and r[claim_id].recomputed is None


def test_shift_scenario():
    scenario = g.shift_scenario(10000, 2010)
    assert scenario["share_of_patrol"] == pytest.approx(10000 / 20558 * 100)
    assert scenario["added_to_ports"] == pytest.approx(10000 / 20600 * 100)
    assert g.shift_scenario(5000, 2010)["share_of_patrol"] == pytest.approx(5000 / 20558 * 100)


def test_rubric_orderings_follow_the_weights():
    ratings = g.ESSAY_RATINGS
    assert g.ordering(ratings, g.EQUAL_WEIGHTS) == "guns-drugs-money > terrorism = unauthorized migration"
    assert g.ordering(ratings, {"harm": 1, "probability": 0, "feasibility": 0}) == \
        "terrorism = guns-drugs-money > unauthorized migration"
    assert g.ordering(ratings, {"harm": 0, "probability": 1, "feasibility": 0}) == \
        "guns-drugs-money = unauthorized migration > terrorism"
    shares = g.orderings_share(ratings)
    assert shares["share of weightings (%)"].sum() == pytest.approx(100, abs=0.5)
    assert g.first_share(ratings, "guns-drugs-money") == 100
    low_guns = {**ratings, "guns-drugs-money": {"harm": 1, "probability": 1, "feasibility": 1}}
    assert g.first_share(low_guns, "guns-drugs-money") == 0


@pytest.mark.parametrize("values, message", [
    ({"ratings": {"terrorism": {"harm": 3, "probability": 1, "feasibility": 2}}},
     "parameter 'ratings' must rate exactly terrorism, guns-drugs-money, unauthorized migration"),
    ({"ratings": g.ESSAY_RATINGS | {"terrorism": {"harm": 4, "probability": 1, "feasibility": 2}}},
     "parameter 'ratings' 'terrorism' 'harm'=4; allowed: 1, 2 or 3"),
    ({"weights": {"harm": -1, "probability": 1, "feasibility": 1}}, "parameter 'weights' must be numbers of zero"),
    ({"flow_low_usd": 40e9}, "parameter 'flow_low_usd'=40000000000.0 must not exceed 'flow_high_usd'"),
    ({"deaths_first_fy": 1990}, "parameter 'deaths_first_fy'=1990 is outside the data; allowed: between 1998 and 2019"),
])
def test_bad_parameters(values, message):
    with pytest.raises(ValueError) as error:
        g.PARAMETERS.validate(values)
    assert str(error.value).startswith(message)
