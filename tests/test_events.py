"""Claims checked against records of events and findings (data/records/events_and_findings.csv): the verdicts
they get, and verdicts that move when a record says otherwise."""
from __future__ import annotations

from unittest import mock

import pandas as pd
import pytest

from analysis.chapters import border_index, budgets, common, guns_money, watchlist
from analysis.core import verdicts as v
from analysis.core.data import DataError, load


def result(module, claim_id, **params):
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
        (budgets, "wpr-physical-barriers"): v.ACCURATE,
        (watchlist, "wpr-asylum-made-harder"): v.ACCURATE,
        (watchlist, "byers-yuma-sheriff-remark"): v.MISDATED,
    }
    for (module, claim_id), verdict in expected.items():
        assert result(module, claim_id).verdict == verdict, claim_id


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
                             (watchlist, "byers-cartels-charge-every-crosser")):
        reported = result(module, claim_id)
        assert (reported.verdict, reported.faithful, reported.holds) == (v.ACCURATE, v.ACCURATE, v.UNVERIFIABLE), claim_id
    sheriff = result(watchlist, "byers-yuma-sheriff-remark")  # quoted faithfully, but two years older than the note says
    assert (sheriff.faithful, sheriff.holds) == (v.ACCURATE, v.MISDATED)
    assert "2022 against the stated \u201cMay 24, 2024\u201d (2 years later" in sheriff.reason
    patriot = result(watchlist, "byers-patriot-act-2001")
    assert (patriot.verdict, patriot.faithful, patriot.holds) == (v.ACCURATE, v.UNVERIFIABLE, v.ACCURATE)


def test_a_record_stating_the_opposite_contradicts_or_misquotes():
    def flip(measure):
        """The records of ``measure`` set to 0: the source states the opposite."""
        return lambda f: f.__setitem__("value", f["value"].where(f["measure"] != measure, 0))
    with with_records(flip("sbinet_ended")):
        assert result(border_index, "caune-sbinet-lessons").verdict == v.CONTRADICTED
    with with_records(flip("spillover_violence_not_observed")):  # had the agencies seen it, "quite rare" would fail
        assert result(guns_money, "heyman-spillover-violence-rare").verdict == v.CONTRADICTED
    with with_records(flip("oig_gunrunner_mexico_coordination")):
        ig = result(budgets, "heyman-doj-ig-gunrunner-findings")
        assert (ig.verdict, ig.faithful) == (v.MISQUOTED, v.MISQUOTED)
    with with_records(lambda f: f.__setitem__("value", f["value"].where(f["measure"] != "wtc_bombing_1993", 2001))):
        assert result(guns_money, "heyman-wtc-bombing-1993").verdict == v.MISDATED


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
        assert result(watchlist, "sluys-synthetic-opioids-from-mexico").holds == v.CONTRADICTED


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
