"""Claims checked against records of events and findings (data/records/events_and_findings.csv): the verdicts
they get, and verdicts that move when a record says otherwise."""
from __future__ import annotations

from unittest import mock

import pandas as pd
import pytest

from analysis.chapters import border_index, budgets, common, guns_money, watchlist
from analysis.core import verdicts as v
from analysis.core.data import DataError, load
from conftest import chapter_results


def result(module, claim_id, fresh: bool = False, **params):
    """The claim's result: the session's, with default parameters and the records as they are; computed
    afresh with other parameters, inside ``with_records``, or when ``fresh`` (under another patch)."""
    if not params and not fresh and common.load is load:
        return chapter_results(module.__name__.rsplit(".", 1)[-1])[claim_id]
    [r] = [r for r in module.check_claims(**{**module.PARAMETERS.defaults(), **params}) if r.claim_id == claim_id]
    return r


def with_records(change):
    """The records file as loaded, with ``change`` applied to a copy (the chapter reads it through ``load``)."""
    frame = load("events_and_findings").copy()
    change(frame)
    return mock.patch.object(common, "load", return_value=frame)


def test_each_new_claim_gets_its_verdict():
    expected = {
        (budgets, "heyman-southwest-buildups-sequence"): v.ACCURATE,
        (budgets, "heyman-national-guard-deployments"): v.ACCURATE,
        (guns_money, "heyman-911-attackers-entered-by-air"): v.ACCURATE,
        (guns_money, "heyman-wtc-bombing-1993"): v.ACCURATE,
        (guns_money, "heyman-spillover-violence-rare"): v.ACCURATE,
        (guns_money, "heyman-gao-covert-test-failure"): v.MISQUOTED,
        (watchlist, "byers-tajiks-rearrested-three-cities"): v.ACCURATE,
        (watchlist, "byers-eagle-pass-colombian-2024"): v.ACCURATE,
        (watchlist, "byers-isis-k-attacks-abroad"): v.ACCURATE,
        (watchlist, "sluys-commission-report-february-2022"): v.ACCURATE,
        (watchlist, "wpr-emergency-declaration-2019"): v.ACCURATE,
        (watchlist, "sluys-wall-entire-border-promise"): v.OVERSTATED,
        (watchlist, "wpr-wall-full-length"): v.OVERSTATED,
        (border_index, "caune-cwmd-contract-19-9-million"): v.ACCURATE,
        (border_index, "caune-fast-us-canada"): v.ACCURATE,
        (border_index, "caune-sbinet-lessons"): v.ACCURATE,
        (border_index, "caune-recsa-small-arms-centre"): v.ACCURATE,
        (border_index, "caune-mosaic-publisher"): v.ROUGHLY_RIGHT,
        (border_index, "caune-risk-screening-tools"): v.ACCURATE,
        (border_index, "caune-coarm-itrace-assistance"): v.ACCURATE,
        (border_index, "caune-instruments-and-owners"): v.ACCURATE,
        (border_index, "caune-metering-ended-2021"): v.ACCURATE,
        (border_index, "caune-sbinet-critical-report-2010"): v.ACCURATE,
        (budgets, "wpr-physical-barriers"): v.ACCURATE,
        (watchlist, "wpr-asylum-made-harder"): v.ACCURATE,
        (watchlist, "byers-yuma-sheriff-remark"): v.MISDATED,
        (budgets, "heyman-gunrunner-more-resources"): v.ACCURATE,
        (guns_money, "heyman-port-testimony-problems"): v.ACCURATE,
        (guns_money, "heyman-border-residents-feel-safe"): v.ACCURATE,
        (guns_money, "heyman-ginsburg-terrorist-routes"): v.ACCURATE,
        (guns_money, "heyman-patrolling-pushed-routes-to-desert"): v.ACCURATE,
    }
    for (module, claim_id), verdict in expected.items():  # nothing patched: the session's shared default results
        assert chapter_results(module.__name__.rsplit(".", 1)[-1])[claim_id].verdict == verdict, claim_id


def test_the_guard_was_deployed_twice_in_the_essays_window():
    r = result(budgets, "heyman-national-guard-deployments")
    assert r.checks[0].recomputed == 2.0 and r.checks[0].tier == "official"
    assert "2006-06, up to 6,000 troops; 2010-08, up to 1,200 troops" in r.reason
    # one deployment is not "repeatedly"
    with with_records(lambda f: f.drop(f.index[(f["measure"] == "national_guard_sw_deployment")
                                               & (f["value"] == 1200)], inplace=True)):
        assert result(budgets, "heyman-national-guard-deployments").verdict == v.OVERSTATED


def test_spillover_rests_on_gaos_interviews_as_reported():
    r = result(guns_money, "heyman-spillover-violence-rare")
    assert (r.checks[0].recomputed, r.checks[0].tier) == (1.0, "secondary")
    assert "GAO-13-175" in r.checks[0].source and "31 of 37 state and local agencies" in r.reason
    assert "rests on secondary reports" in r.reason


def test_the_ports_failed_every_covert_crossing_not_nine_percent():
    r = result(guns_money, "heyman-gao-covert-test-failure")
    assert (r.verdict, r.faithful, r.holds) == (v.MISQUOTED, v.MISQUOTED, v.UNVERIFIABLE)
    cited, untested = r.checks
    assert (cited.recomputed, cited.tier, cited.verdict) == (100.0, "secondary", v.MISQUOTED)
    assert "GAO-06-976T" in cited.source and untested.verdict == v.UNVERIFIABLE
    # had GAO's crossings failed at the essay's rate, the essay would report them faithfully
    measure = "gao_covert_crossings_documents_unquestioned"
    with with_records(lambda f: f.__setitem__("value", f["value"].where(f["measure"] != measure, 9))):
        assert result(guns_money, "heyman-gao-covert-test-failure").faithful == v.ACCURATE


def test_the_wall_spans_half_the_border_by_the_candidates_words():
    r = result(watchlist, "sluys-wall-entire-border-promise")
    assert (r.checks[0].recomputed, r.checks[0].tier) == (50.0, "secondary")
    president = result(watchlist, "wpr-wall-full-length").checks[0]
    assert (president.low, president.high) == (35.0, 45.0)


def test_reports_are_judged_on_both_axes():
    ig = result(budgets, "heyman-doj-ig-gunrunner-findings")
    assert (ig.verdict, ig.faithful, ig.holds) == (v.ACCURATE, v.ACCURATE, v.UNVERIFIABLE)
    wray = result(watchlist, "byers-wray-threats-december-2023")
    assert (wray.faithful, wray.holds) == (v.ACCURATE, v.ACCURATE)  # the year holds; no count of warning signs exists
    assert "the FBI publishes no count of warning signs" in wray.reason
    for module, claim_id in ((guns_money, "heyman-payan-three-wars"), (guns_money, "heyman-police-chiefs-trust"),
                             (watchlist, "byers-cartels-charge-every-crosser"),
                             (guns_money, "heyman-port-testimony-problems"),
                             (guns_money, "heyman-border-residents-feel-safe")):
        reported = result(module, claim_id)
        assert (reported.verdict, reported.faithful, reported.holds) == (v.ACCURATE, v.ACCURATE, v.UNVERIFIABLE), claim_id
    sheriff = result(watchlist, "byers-yuma-sheriff-remark")  # quoted faithfully, but two years older than the note says
    assert (sheriff.faithful, sheriff.holds) == (v.ACCURATE, v.MISDATED)
    assert "2022 against the stated \u201cMay 24, 2024\u201d (2 years later" in sheriff.reason
    patriot = result(watchlist, "byers-patriot-act-2001")
    assert (patriot.verdict, patriot.faithful, patriot.holds) == (v.ACCURATE, v.UNVERIFIABLE, v.ACCURATE)


def test_gunrunner_money_the_ports_hearing_and_the_residents_poll_rest_on_their_records():
    money = result(budgets, "heyman-gunrunner-more-resources")
    assert (money.checks[0].recomputed, money.checks[0].tier) == (1.0, "official")
    assert "Recovery Act plan of 2009-05-15: \u201cATF will utilize the $10 million\u201d" in money.reason
    hearing = result(guns_money, "heyman-port-testimony-problems")
    assert [(c.verdict, c.tier) for c in hearing.checks] == [(v.ACCURATE, "secondary"), (v.UNVERIFIABLE, None)] * 2
    assert "field hearing of January 2008" in hearing.reason and "Serial No. 110-90" in hearing.checks[0].source
    poll = result(guns_money, "heyman-border-residents-feel-safe")
    assert "Reuel Group, July 2010" in poll.reason and "a bare majority" in poll.reason
    assert poll.checks[0].source.startswith("Border Network for Human Rights")
    # had the sources said otherwise, the essay would misreport them, or the money would not have come
    with with_records(flip("gunrunner_recovery_act_resources")):
        assert result(budgets, "heyman-gunrunner-more-resources").verdict == v.CONTRADICTED
    with with_records(flip("ports_hearing_morale_turnover")):
        hearing = result(guns_money, "heyman-port-testimony-problems")
        assert (hearing.verdict, hearing.faithful) == (v.MISQUOTED, v.MISQUOTED)
    with with_records(flip("border_residents_feel_safe_poll")):
        assert result(guns_money, "heyman-border-residents-feel-safe").faithful == v.MISQUOTED


def test_ginsburgs_routes_hold_in_the_indictees_crossings_though_her_text_was_not_read():
    routes = result(guns_money, "heyman-ginsburg-terrorist-routes")
    assert (routes.verdict, routes.faithful, routes.holds) == (v.ACCURATE, v.UNVERIFIABLE, v.ACCURATE)
    untested, crossings = routes.checks
    assert "not the passage ranking terrorists' routes" in routes.reason and untested.recomputed is None
    assert (crossings.recomputed, crossings.tier) == (1.0, "secondary") and "START" in crossings.source
    assert "published in 2012, after the essay" in routes.reason
    # had the indictees crossed mostly between the ports, the ranking would not hold
    with with_records(flip("terrorist_border_crossings_mostly_via_airports")):
        routes = result(guns_money, "heyman-ginsburg-terrorist-routes")
    assert (routes.verdict, routes.holds) == (v.CONTRADICTED, v.CONTRADICTED)


def test_crossings_moved_and_deaths_rose_in_the_desert_by_gaos_reports():
    desert = result(guns_money, "heyman-patrolling-pushed-routes-to-desert")
    shifted, deadlier = desert.checks
    assert (shifted.tier, deadlier.tier) == ("secondary", "official") and "GAO-06-770" in deadlier.source
    assert "most of the rise in the Arizona desert" in desert.reason
    assert "do not themselves name patrolling as the cause" in desert.reason
    # had GAO found the rise elsewhere, the deadlier-routes half would fail
    with with_records(flip("migrant_deaths_rise_in_arizona_desert")):
        desert = result(guns_money, "heyman-patrolling-pushed-routes-to-desert")
    assert [c.verdict for c in desert.checks] == [v.ACCURATE, v.CONTRADICTED] and desert.verdict == v.CONTRADICTED


def flip(measure):
    """The records of ``measure`` set to 0: the source states the opposite."""
    return lambda f: f.__setitem__("value", f["value"].where(f["measure"] != measure, 0))


def test_a_record_stating_the_opposite_contradicts_or_misquotes():
    with with_records(flip("sbinet_ended")):
        assert result(border_index, "caune-sbinet-lessons").verdict == v.CONTRADICTED
    with with_records(flip("spillover_violence_not_observed")):  # had the agencies seen it, "quite rare" would fail
        assert result(guns_money, "heyman-spillover-violence-rare").verdict == v.CONTRADICTED
    with with_records(flip("oig_gunrunner_mexico_coordination")):
        ig = result(budgets, "heyman-doj-ig-gunrunner-findings")
        assert (ig.verdict, ig.faithful) == (v.MISQUOTED, v.MISQUOTED)
    with with_records(lambda f: f.__setitem__("value", f["value"].where(f["measure"] != "wtc_bombing_1993", 2001))):
        assert result(guns_money, "heyman-wtc-bombing-1993").verdict == v.MISDATED


def set_value(measure, value):
    """The records of ``measure`` set to ``value`` (1: the source states it, 0: it states otherwise)."""
    return lambda f: f.__setitem__("value", f["value"].where(f["measure"] != measure, value))


def test_mosaic_is_the_un_systems_compendium_not_unodcs():
    r = result(border_index, "caune-mosaic-publisher")
    compendium, publisher = r.checks
    assert (compendium.verdict, compendium.recomputed) == (v.ACCURATE, 1.0)
    # UNODA's page: the UN system's joint work; UNODC's: one of the contributors. Never accurate as "UNODC's"
    assert (publisher.verdict, publisher.tier) == (v.ROUGHLY_RIGHT, "official")
    assert "United Nations Office for Disarmament Affairs (UNODA)" in publisher.source
    assert "United Nations Office on Drugs and Crime (UNODC)" in publisher.source
    assert "\u201cUNODC Modular Small-arms-control\u201d (the records disagree" in r.reason
    assert "name one contributor as if it were the owner" in r.reason
    # had both pages called it UNODC's, the slide would be right; had neither, it would be contradicted
    with with_records(set_value("mosaic_published_by_unodc", 1)):
        assert result(border_index, "caune-mosaic-publisher").verdict == v.ACCURATE
    with with_records(set_value("mosaic_published_by_unodc", 0)):
        assert result(border_index, "caune-mosaic-publisher").verdict == v.CONTRADICTED


def test_tools_assistance_and_instruments_fail_when_an_owner_says_otherwise():
    tools = result(border_index, "caune-risk-screening-tools")
    assert [c.source.split(",")[0] for c in tools.checks] == [
        "U.S. Customs and Border Protection (CBP)", "U.S. Department of Homeland Security (DHS)",
        "Frontex"]
    assert {c.tier for c in tools.checks} == {"official"}
    assistance = result(border_index, "caune-coarm-itrace-assistance")
    assert "Remote assistance is not named in either record" in assistance.reason
    instruments = result(border_index, "caune-instruments-and-owners")
    assert "\u201cUNODC Firearms Protocol\u201d (the record states it)" in instruments.reason
    for claim_id, measure in (("caune-risk-screening-tools", "ciram_frontex_model"),
                              ("caune-risk-screening-tools", "gtas_cbp_system"),
                              ("caune-coarm-itrace-assistance", "itrace_export_control_support"),
                              ("caune-coarm-itrace-assistance", "coarm_outreach_workshops_study_visits"),
                              ("caune-instruments-and-owners", "unodc_firearms_protocol_guardian")):
        with with_records(set_value(measure, 0)):
            assert result(border_index, claim_id).verdict == v.CONTRADICTED, measure


def test_events_from_the_source_list_are_dated_by_the_primary_record():
    metering = result(border_index, "caune-metering-ended-2021")
    assert [c.recomputed for c in metering.checks] == [1.0, 2021.0]
    assert "The memorandum is dated 2021-11-01: 2021 against the stated \u201cNovember 3, 2021\u201d" in metering.reason
    report = result(border_index, "caune-sbinet-critical-report-2010")
    assert [(c.recomputed, c.tier) for c in report.checks] == [(1.0, "official"), (2010.0, "secondary")]
    # a record a year off misdates the claim; one stating the opposite contradicts it
    day = lambda f: f.__setitem__("date", f["date"].where(f["measure"] != "metering_policy_rescinded", "2022-11-01"))  # noqa: E731
    with with_records(day):
        assert result(border_index, "caune-metering-ended-2021").verdict == v.MISDATED
    with with_records(set_value("gao_sbinet_contractor_report_year", 2011)):
        assert result(border_index, "caune-sbinet-critical-report-2010").verdict == v.MISDATED
    with with_records(set_value("metering_policy_rescinded", 0)):
        assert result(border_index, "caune-metering-ended-2021").verdict == v.CONTRADICTED


def test_records_that_disagree_or_are_missing_are_refused_or_shown():
    with pytest.raises(DataError, match="no record of 'no_such_event'"):
        common.records("no_such_event")
    extra = pd.DataFrame([{**load("events_and_findings").query("measure == 'trump_border_miles_stated'").iloc[0],
                           "value": 1954}])
    with mock.patch.object(common, "load", return_value=pd.concat([load("events_and_findings"), extra])):
        with pytest.raises(DataError, match=r"the records of 'trump_border_miles_stated' disagree \(\[1954, 2000\]\)"):
            common.record_value("trump_border_miles_stated")


def test_synthetic_opioids_from_mexico_on_the_commissions_period_and_cbps_seizures():
    r = result(watchlist, "sluys-synthetic-opioids-from-mexico")
    assert (r.verdict, r.faithful, r.holds) == (v.ACCURATE, v.ACCURATE, v.ACCURATE)
    assert "63,591 of 99,772 reported overdose deaths (63.7%)" in r.reason  # 12 months ending April 2021
    assert "14,104 of its 14,700 lb of fentanyl on the southwest border in FY2022 (95.9%)" in r.reason
    # on another of the commission's periods (the release's, ending June 2021) the share is still most of the deaths
    assert "64,378 of 100,569" in result(watchlist, "sluys-synthetic-opioids-from-mexico",
                                         overdose_period_end="2021-06").reason
    # had the co-chairs' release said otherwise, the thesis would misreport the commission
    def flip(measure):
        return lambda f: f.__setitem__("value", f["value"].where(f["measure"] != measure, 0))
    with with_records(flip("opioid_commission_synthetic_two_thirds")):
        assert result(watchlist, "sluys-synthetic-opioids-from-mexico").faithful == v.MISQUOTED
    with with_records(flip("fentanyl_dominant_source_mexico")):
        assert result(watchlist, "sluys-synthetic-opioids-from-mexico").holds != v.ACCURATE
    # a period in which synthetic opioids were in a minority of the deaths contradicts the reading
    with mock.patch.object(watchlist.overdoses, "synthetic_share", return_value=(40000, 100000)):
        assert result(watchlist, "sluys-synthetic-opioids-from-mexico", fresh=True).holds == v.CONTRADICTED


def test_eagle_pass_detention_came_eight_days_before_trumps_visit():
    r = result(watchlist, "byers-eagle-pass-colombian-2024")
    assert ("just a few days before", 8.0, v.ACCURATE) in [(c.stated, c.recomputed, c.verdict) for c in r.checks]
    assert "Days from the detention (2024-02-21) to Trump's visit to Eagle Pass (2024-02-29): 8" in r.reason
    # a visit two months later is not "a few days"
    later = lambda f: f.__setitem__("date", f["date"].where(f["measure"] != "trump_eagle_pass_visit", "2024-04-29"))
    with with_records(later):
        assert result(watchlist, "byers-eagle-pass-colombian-2024").verdict != v.ACCURATE


def test_chiefs_on_crossers_beaten_or_killed_reported_faithfully_but_not_countable():
    r = result(watchlist, "byers-cartels-charge-every-crosser")
    beaten = [c for c in r.checks if c.stated == "is beaten or killed"]
    assert [(c.axis, c.verdict, c.tier) for c in beaten] == [("source", v.ACCURATE, "secondary"),
                                                              ("data", v.UNVERIFIABLE, None)]
    assert "can be beaten or shot, not that every one is" in r.reason
    flip = lambda f: f.__setitem__("value", f["value"].where(f["measure"] != "usbp_chiefs_crossers_beaten_or_shot", 0))
    with with_records(flip):
        assert result(watchlist, "byers-cartels-charge-every-crosser").faithful == v.MISQUOTED


def test_tajiks_released_with_notices_to_appear_as_officials_told_the_press():
    r = result(watchlist, "byers-tajiks-released-notices-to-appear")
    assert r.verdict == v.ACCURATE
    assert [(c.stated, c.verdict, c.tier) for c in r.checks] == [
        ("released inside the United States", v.ACCURATE, "secondary"),
        ("notices to appear", v.ACCURATE, "secondary")]
    assert "No DHS or CBP record of the releases is public" in r.reason
    # had they been held (no notices to appear), the statement would be contradicted
    held = lambda f: f.__setitem__("value", f["value"].where(f["measure"] != "tajiks_released_notices_to_appear", 0))
    with with_records(held):
        assert result(watchlist, "byers-tajiks-released-notices-to-appear").verdict == v.CONTRADICTED
