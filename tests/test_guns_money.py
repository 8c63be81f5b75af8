"""Chapter 2 (guns, money and the human cost): recomputed values, verdicts, scenario and rubric."""
from __future__ import annotations

import pytest

from analysis.chapters import guns_money as g
from analysis.chapters.guns_money import border, crime, money, ports, records, rubric
from analysis.core import verdicts as v
from analysis.core.claims import claim, present, registry
from analysis.core.series import crossings, reported
from conftest import chapter_results

DEFAULTS = g.PARAMETERS.defaults()


def results(**params):
    """The results by claim id; with no parameters, the session's shared default results (tests only read them)."""
    return {r.claim_id: r for r in g.check_claims(**(DEFAULTS | params))} if params else chapter_results("guns_money")


def values(result):
    """Each check's recomputed value (a point) or (low, high) (a range), in the order of the stated figures."""
    return [c.recomputed if c.recomputed is not None else (c.low, c.high) for c in result.checks]


def figure(claim_id, index=0):
    return claim(claim_id).stated[index]


def test_defaults_for_the_essays_present_come_from_the_registry():
    for name in ("year", "deaths_last_fy", "traffic_end_year", "population_year", "crime_year"):
        assert DEFAULTS[name] == present("heyman2011")


def test_the_chapter_computes_exactly_its_checked_claims():
    checked = {c.id for c in registry().values() if c.chapter == "guns_money" and c.status == "checked"}
    assert {r.claim_id for r in g.check_claims()} == checked
    unverifiable = {c.id for c in registry().values() if c.chapter == "guns_money" and c.status == "unverifiable"}
    assert unverifiable == {"heyman-port-staffing-1993-2010", "heyman-ports-understaffed"}
    for claim_id in unverifiable:
        result = v.unverified(claim(claim_id))
        assert result.verdict == v.UNVERIFIABLE and "Searched:" in result.reason
    assert "GAO-08-219" in v.unverified(claim("heyman-ports-understaffed")).reason


def test_cash_both_figures_against_gao_11_73():
    cash = results()["heyman-cash-seized-vs-smuggled"]
    assert (cash.verdict, cash.faithful, cash.holds) == (v.MISQUOTED, v.MISQUOTED, v.UNVERIFIABLE)
    seized, flow, untested = cash.checks
    assert (seized.stated, seized.recomputed, seized.verdict) == ("a mere $41 million", 41, v.ACCURATE)
    assert (flow.stated, flow.low, flow.high, flow.verdict) == ("$18 to $29 billion", 18, 39, v.MISQUOTED)
    assert "GAO-11-73" in seized.source and "GAO-11-73" in flow.source
    assert untested.verdict == v.UNVERIFIABLE
    assert "$18 billion to $39 billion" in cash.reason and "0.08% to 0.17%" in cash.reason
    assert "March 2009 to June 2010" in cash.reason
    # the grading of the two figures: GAO's own range would pass, a different seizure figure would not
    faithful = v.judge(cash.claim_id, [v.cited(figure(cash.claim_id, 1), source="GAO", low=18, high=29)], 0.10)
    assert faithful.verdict == v.ACCURATE
    wrong = v.judge(cash.claim_id, [v.cited(figure(cash.claim_id, 0), source="GAO", value=67)], 0.10)
    assert wrong.verdict == v.MISQUOTED
    assert money.interdiction_rate(41e6, 16, 39e9) == pytest.approx(41e6 * 12 / 16 / 39e9 * 100)
    assert money.interdiction_rate(41e6, 16, 18e9) == pytest.approx(0.1708, abs=1e-4)


def test_the_cash_defaults_are_read_from_the_gao_rows_not_typed():
    """A corrected data row moves the default (and test_notebooks then asks for the parameter cell's copy)."""
    params = {p.name: p for p in g.PARAMETERS.params}
    for name in ("seized_usd", "months_covered", "flow_low_usd", "flow_high_usd"):
        assert callable(params[name].default), f"{name}'s default is typed, not read from the data"
    seizure = money.gao_seizures()
    assert (seizure["period_start"], seizure["period_end"], seizure["value"]) == ("2009-03", "2010-06", 41e6)
    assert DEFAULTS["seized_usd"] == seizure["value"] and DEFAULTS["months_covered"] == money.months_spanned(seizure) == 16
    assert money.months_spanned({"period_start": "2009-10", "period_end": "2010-09"}) == 12


def test_deaths_typical_year_and_the_years_in_the_range():
    deaths = results()["heyman-migrant-deaths-per-year"]
    assert values(deaths) == [365] and deaths.verdict == v.ACCURATE
    assert "8 of 13 years" in deaths.reason and "492 in FY2005" in deaths.reason
    # outside the range: never accurate; a near miss at most roughly right
    near = results(deaths_first_fy=2008, deaths_last_fy=2009)["heyman-migrant-deaths-per-year"]
    assert values(near) == [402.5] and near.verdict == v.ROUGHLY_RIGHT
    high = results(deaths_first_fy=2005, deaths_last_fy=2006)["heyman-migrant-deaths-per-year"]
    assert values(high) == [473] and high.verdict == v.UNDERSTATED
    low = results(deaths_first_fy=1998, deaths_last_fy=1999)["heyman-migrant-deaths-per-year"]
    assert values(low) == [256] and low.verdict == v.OVERSTATED


def test_fence_costs_per_mile_and_per_year():
    fence = results()["heyman-fence-cost"]
    assert fence.verdict == v.ACCURATE and values(fence) == [2.4, 6.5]
    assert {c.tier for c in fence.checks} == {"secondary"} and all("GAO-09-896" in c.source for c in fence.checks)
    costs = money.fence_costs()
    assert costs["build_per_mile"] == pytest.approx(4e6)
    assert costs["upkeep_per_year"] == pytest.approx(325e6)
    assert costs["upkeep_per_mile_year"] == pytest.approx(325e6 / 600)


def _traffic_counts(border_setting):
    """The two kinds of traffic at the essay's present, summed here from BTS's series by border and measure."""
    end = DEFAULTS["traffic_end_year"]
    return {kind: sum(crossings(m, b)[end] for m in measures for b in border.TRAFFIC_BORDERS[border_setting])
            for kind, (measures, _, _) in border.TRAFFIC_KINDS.items()}, end


def test_traffic_after_nafta_is_graded_from_btss_earliest_counts_and_fails_a_quadrupling():
    traffic = results()["heyman-nafta-traffic-growth"]
    # both land borders from NAFTA's first year: the report's printed truck count for that year, and its first
    # passenger count, a year later (none is printed for NAFTA's first year)
    now, end = _traffic_counts("both")
    early = {kind: reported(row).iloc[0] for kind, (_, row, _) in border.TRAFFIC_KINDS.items()}
    assert int(early["commercial"]["fy_start"]) == border.NAFTA_START == DEFAULTS["traffic_baseline_year"]
    later = int(early["non-commercial"]["fy_start"])
    assert later == border.NAFTA_START + 1 and early["commercial"]["tier"] == early["non-commercial"]["tier"] == "official"
    assert values(traffic) == [pytest.approx(now[kind] / early[kind]["value"]) for kind in border.TRAFFIC_KINDS]
    assert traffic.verdict == v.OVERSTATED and [c.verdict for c in traffic.checks] == [v.OVERSTATED, v.OVERSTATED]
    assert f"{border.NAFTA_START} to {end}" in traffic.reason
    assert f"{later} to {end} (no count for {border.NAFTA_START}; {later} is the first after it)" in traffic.reason
    # the year before NAFTA has no count and is never moved: untested, with the search named
    before = results(traffic_baseline_year=border.NAFTA_START - 1)["heyman-nafta-traffic-growth"]
    assert before.verdict == v.UNVERIFIABLE
    assert f"No federal count for {border.NAFTA_START - 1} was found" in before.reason
    # the Mexican border alone starts with the series, and fails too
    mexico = results(traffic_border="us-mexico")["heyman-nafta-traffic-growth"]
    first = g.crossing_years()[0]
    here, _ = _traffic_counts("us-mexico")
    assert values(mexico) == [pytest.approx(here[kind] / sum(crossings(m)[first] for m in measures))
                              for kind, (measures, _, _) in border.TRAFFIC_KINDS.items()]
    assert mexico.verdict == v.OVERSTATED and f"{first} is the first after it" in mexico.reason
    assert crossings("Trucks")[1998] == 3946543  # GAO: "nearly 4 million" in FY1998
    grid = g.PARAMETERS.params[g.PARAMETERS.names().index("traffic_border")].grid
    assert grid == ("us-mexico",)


def test_traffic_verdict_can_be_met(monkeypatch):
    """The same check grades a real quadrupling accurate: counts at the baseline a quarter of the present's."""
    real = border.traffic
    stated = claim("heyman-nafta-traffic-growth").stated[0].value
    start, end = DEFAULTS["traffic_baseline_year"], DEFAULTS["traffic_end_year"]

    def quartered(kind, where):
        counts = dict(real(kind, where))
        for year in (start, start + 1):
            counts[year] = (counts[end][0] / stated, "test")
        return counts

    monkeypatch.setattr(border, "traffic", quartered)
    met = results(traffic_border="both")["heyman-nafta-traffic-growth"]
    assert values(met) == [pytest.approx(stated), pytest.approx(stated)] and met.verdict == v.ACCURATE


def test_borderlands_population_depends_on_the_definition():
    on_line = results()["heyman-borderlands-population"]
    assert values(on_line) == [7299014] and on_line.verdict == v.ACCURATE
    assert "census count" in on_line.reason
    assert border.borderland_population("on-the-line", 2010) == (7299014, 22)
    assert results(borderlands="border-states")["heyman-borderlands-population"].verdict == v.UNDERSTATED
    later = results(population_year=2019)["heyman-borderlands-population"]
    assert values(later) == [7818688] and "July 1 estimate" in later.reason


def test_crossings_spending_and_fees():
    r = results()
    crossings = r["heyman-unauthorized-crossings-per-year"]
    assert values(crossings) == [447731] and crossings.verdict == v.ACCURATE
    # "hundreds of thousands": FY2006's 1,071,972 is outside the range, so not accurate
    assert results(year=2006)["heyman-unauthorized-crossings-per-year"].verdict == v.ROUGHLY_RIGHT
    spending = r["heyman-billions-on-migration-enforcement"]
    assert values(spending) == [pytest.approx(2.96)] and spending.verdict == v.ACCURATE
    billions = figure("heyman-billions-on-migration-enforcement")
    below = [v.judge("x", [v.measured(billions, x, basis="b", source="s")], 0.10).verdict for x in (0.95, 0.5)]
    assert below == [v.ROUGHLY_RIGHT, v.OVERSTATED]  # under "billions": never accurate
    fees = r["heyman-smuggler-use-and-price"]
    use, price = fees.checks
    assert use.verdict == v.UNVERIFIABLE and price.recomputed == pytest.approx(2560 / 1000)
    assert fees.verdict == v.ACCURATE and "1.72-fold" in fees.reason
    assert values(results(fee_series="ccis")["heyman-smuggler-use-and-price"])[1] == pytest.approx(2450 / 1055)
    fell = v.judge("x", [v.measured(figure("heyman-smuggler-use-and-price", 1), 0.8, basis="b", source="s")], 0.10)
    assert fell.verdict == v.CONTRADICTED


def test_registry_kinds_of_the_unverifiable_claims_can_fail():
    crime = figure("heyman-immigrant-violent-crime-lower")
    assert (crime.kind, crime.direction, crime.magnitude.maximum) == ("direction", "down", 0.8)
    assert v.grade(crime, 0.5, 0.5, 0.10)[0] == v.ACCURATE
    assert v.grade(crime, 0.95, 0.95, 0.10)[0] == v.OVERSTATED  # lower, but not "significantly"
    assert v.grade(crime, 1.2, 1.2, 0.10)[0] == v.CONTRADICTED
    staffing = figure("heyman-port-staffing-1993-2010")
    assert v.grade(staffing, 1413 / 523, 1413 / 523, 0.10)[0] == v.UNDERSTATED
    assert v.grade(figure("heyman-ports-understaffed"), 30, 30, 0.10)[0] == v.UNDERSTATED


def test_el_paso_ranks_fourth_by_violent_crime_in_the_essays_year():
    ranking = crime.violent_crime_ranking(2010)
    assert len(ranking) == 34 and list(ranking["jurisdiction"].iloc[:4]) == [
        "Honolulu", "San Jose", "San Diego", "El Paso, Texas"]
    el_paso = ranking.set_index("jurisdiction").loc["El Paso, Texas"]
    assert el_paso["rate per 100,000"] == pytest.approx(round(2861 / 649121 * 100_000, 1))
    safest = results()["heyman-el-paso-safest-city"]
    assert (values(safest), safest.verdict) == ([4], v.OVERSTATED)
    assert "Honolulu; San Jose; San Diego" in safest.reason
    assert values(results(crime_year=2009)["heyman-el-paso-safest-city"]) == [4]
    assert crime.el_paso_rank(2011) == (5, 35)
    # the verdict can pass: rank 1 is accurate, and no year outside the data is ranked
    assert v.grade(figure("heyman-el-paso-safest-city"), 1, 1, 0.10)[0] == v.ACCURATE
    with pytest.raises(ValueError, match="parameter 'crime_year'=2012 is outside the data; allowed: between 2009 and 2011"):
        g.PARAMETERS.validate({"crime_year": 2012})


def test_mexicos_homicides_rose_from_2007_to_the_essays_year():
    rising = results()["heyman-mexico-dto-violence-rising"]
    assert (values(rising), rising.verdict) == ([pytest.approx(25757 / 8867)], v.ACCURATE)
    assert values(results(violence_baseline_year=2008)["heyman-mexico-dto-violence-rising"]) == [
        pytest.approx(25757 / 14006)]
    # a fall must not pass
    fell = v.judge("x", [v.measured(figure("heyman-mexico-dto-violence-rising"), 0.9, basis="b", source="s")], 0.10)
    assert fell.verdict == v.CONTRADICTED


def test_port_inspectors_grew_in_the_nineties():
    assert list(ports.inspectors().index) == [1990, 1997]  # the FY1998 figure was a plan
    assert g.chapter_values()["inspectors_ratio"] == "2.70-fold"


def test_shift_scenario():
    scenario = ports.shift_scenario(10000, 2010)
    assert scenario["share_of_patrol"] == pytest.approx(10000 / 20558 * 100)
    assert scenario["added_to_ports"] == pytest.approx(10000 / 20600 * 100)
    assert ports.shift_scenario(5000, 2010)["share_of_patrol"] == pytest.approx(5000 / 20558 * 100)


def test_rubric_orderings_follow_the_weights():
    ratings = rubric.ESSAY_RATINGS
    assert rubric.ordering(ratings, rubric.EQUAL_WEIGHTS) == "guns-drugs-money > terrorism = unauthorized migration"
    assert rubric.ordering(ratings, {"harm": 1, "probability": 0, "feasibility": 0}) == \
        "terrorism = guns-drugs-money > unauthorized migration"
    assert rubric.ordering(ratings, {"harm": 0, "probability": 1, "feasibility": 0}) == \
        "guns-drugs-money = unauthorized migration > terrorism"
    shares = rubric.orderings_share(ratings)
    assert shares["share of weightings (%)"].sum() == pytest.approx(100, abs=0.5)
    assert rubric.first_share(ratings, "guns-drugs-money") == 100
    low_guns = {**ratings, "guns-drugs-money": {"harm": 1, "probability": 1, "feasibility": 1}}
    assert rubric.first_share(low_guns, "guns-drugs-money") == 0


def test_one_outside_terrorism_supporter_on_record_crossed_and_no_salafi_one():
    terror = results()["heyman-no-terrorists-via-southwest"]
    salafi, outside = terror.checks
    assert (salafi.stated, salafi.recomputed, salafi.verdict, salafi.tier) == (
        "no Salafi Islamic terrorists", 0, v.ACCURATE, "official")
    assert (outside.stated, outside.recomputed, outside.verdict, outside.tier) == (
        "external terrorists have not traveled", 1, v.UNDERSTATED, "secondary")
    assert terror.verdict == v.UNDERSTATED  # the stated zero misses the one case on record
    assert "Kourani" in terror.reason and "Hizballah" in terror.reason and "a stated zero" in terror.reason
    assert "inf%" not in terror.reason
    # a Salafi case on record would fail the first figure too
    assert v.grade(figure(terror.claim_id), 1, 1, 0.10)[0] == v.UNDERSTATED


def test_immigrants_violent_arrest_rate_is_at_most_half_the_native_born_rate():
    crime_claim = results()["heyman-immigrant-violent-crime-lower"]
    assert (values(crime_claim), crime_claim.verdict) == ([0.5], v.ACCURATE)
    assert crime_claim.checks[0].tier == "secondary" and "Texas, 2012-2018" in crime_claim.reason
    assert "after the essay" in crime_claim.reason
    # "significantly": a rate nine-tenths of the native-born rate must not pass
    assert v.grade(figure(crime_claim.claim_id), 0.9, 0.9, 0.10)[0] != v.ACCURATE


def test_ports_were_not_the_main_route_by_weight_of_all_drugs_in_fy2011():
    bound = ports.ports_share_bound()
    assert (bound["between"], bound["ports_max"]) == (2_529_456, 5_000_000 - 2_529_456)
    assert bound["share_max"] == pytest.approx(0.494, abs=0.001)
    route = results()["heyman-ports-main-route"]
    drugs, outbound = route.checks
    assert (drugs.recomputed, drugs.verdict) == (2, v.OVERSTATED)
    assert outbound.verdict == v.UNVERIFIABLE and route.verdict == v.OVERSTATED
    assert "49.4%" in route.reason and "81 percent" in route.reason  # hard drugs alone rank the ports first
    assert v.grade(figure(route.claim_id), 1, 1, 0.10)[0] == v.ACCURATE


def test_millions_of_unauthorized_migrants_in_the_essays_year():
    population = results()["heyman-millions-unauthorized-migrants"]
    assert (values(population), population.verdict) == ([10_800_000], v.ACCURATE)
    assert values(results(population_year=2011)["heyman-millions-unauthorized-migrants"]) == [11_510_000]
    assert records.unauthorized_population(2008)["tier"] == "official"
    assert results(population_year=2015)["heyman-millions-unauthorized-migrants"].verdict == v.UNVERIFIABLE
    # fewer than a million would not be "millions"
    assert v.grade(figure(population.claim_id), 900_000, 900_000, 0.10)[0] != v.ACCURATE


def test_a_figure_read_only_on_an_aggregator_says_so_in_its_claims_reason():
    import pandas as pd
    from analysis.core import series
    spending = results()["heyman-billions-on-migration-enforcement"]
    assert "HowMuch.net, a chart aggregator" in spending.reason and "$2.96B" in spending.reason
    assert series.weak_relay(pd.Series({"read_from": "http://tucsonpoly.blogspot.com/2014_06_14_archive.html"})) == \
        "a personal blog"
    assert series.weak_relay(pd.Series({"read_from": "https://www.gao.gov/products/GAO-11-73"})) is None
    assert series.relay_note([None, pd.Series({"read_from": "https://www.gao.gov/x", "as_printed": "1",
                                               "publisher": "GAO"})]) == ""


@pytest.mark.parametrize("values, message", [
    ({"ratings": {"terrorism": {"harm": 3, "probability": 1, "feasibility": 2}}},
     "parameter 'ratings' must rate exactly terrorism, guns-drugs-money, unauthorized migration"),
    ({"ratings": rubric.ESSAY_RATINGS | {"terrorism": {"harm": 4, "probability": 1, "feasibility": 2}}},
     "parameter 'ratings' 'terrorism' 'harm'=4; allowed: 1, 2 or 3"),
    ({"weights": {"harm": -1, "probability": 1, "feasibility": 1}}, "parameter 'weights' must be numbers of zero"),
    ({"flow_low_usd": 40e9}, "parameter 'flow_low_usd'=40000000000.0 must not exceed 'flow_high_usd'"),
    ({"deaths_first_fy": 1990}, "parameter 'deaths_first_fy'=1990 is outside the data; allowed: between 1998 and 2019"),
])
def test_bad_parameters(values, message):
    with pytest.raises(ValueError) as error:
        g.PARAMETERS.validate(values)
    assert str(error.value).startswith(message)
