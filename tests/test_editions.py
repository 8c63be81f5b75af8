"""The published editions: the current one is what the build publishes, and "What changed" lists every move
from the previous one with its reason, reading the older record format too."""
from __future__ import annotations

import json

from analysis.site import citing, editions
from analysis.site.notebook import claim_reviews

CHANGES = editions.changes(editions.load("2026.1"), editions.load("2026.2"), "2026.2")


def test_the_current_edition_is_named_once_and_committed():
    assert editions.current() == ("2026.5", "2026-12-01")
    assert editions.versions() == ["2026.1", "2026.2", "2026.3", "2026.4", "2026.5"]
    assert editions.previous("2026.5") == "2026.4"
    assert citing.citation() == ("Border Security by the Numbers project (2026). Border Security by the Numbers, "
                                 "edition 2026.5 (2026-12-01).")


def test_every_verdict_that_moved_is_listed_with_its_reason():
    moved = {c.id: (c.verdict, c.reason) for c in CHANGES if c.what == "verdict"}
    assert {k: v[0] for k, v in moved.items()} == {
        "heyman-bp-quintupled-since-1994": "accurate \u2192 roughly right",
        "heyman-port-staffing-1993-2010": "understated \u2192 unverifiable",
        "byers-kingpin-doubled-homicides": "overstated \u2192 accurate",
        "byers-kingpin-capture-homicide-effects": "overstated \u2192 roughly right",
        "byers-el-chapo-violence": "accurate \u2192 overstated",
        "byers-mexico-homicide-peak-2018": "accurate \u2192 misdated",
        "byers-tsds-encounters-rising": "accurate \u2192 roughly right",
        "heyman-el-paso-safest-city": "unverifiable \u2192 overstated",
        "sluys-swb-dominant-smuggling-route": "unverifiable \u2192 accurate"}
    assert moved["byers-mexico-homicide-peak-2018"][1] == "method: a year is graded as a year: the series peaks in 2019"


def test_the_third_edition_lists_the_claims_added_and_the_unverifiable_claims_tested():
    found = editions.changes(editions.load("2026.2"), editions.load("2026.3"), "2026.3")
    assert sum(c.what == "added" for c in found) == 24
    moved = {c.id: c.verdict for c in found if c.what == "verdict"}
    assert moved["byers-cartel-smuggling-revenue-2021"] == "accurate \u2192 misdated"
    assert moved["heyman-gao-covert-test-failure"] == "unverifiable \u2192 misquoted"
    assert sorted(v.split(" \u2192 ")[0] for v in moved.values()).count("unverifiable") == 11
    by_id = {c.id: c for c in found}
    assert by_id["sluys-overdose-deaths-over-100000"].figures == ["surpassed 100,000: 106,699 \u2192 100,950"]
    assert by_id["sluys-overdose-deaths-over-100000"].reason.startswith("method: the Commission's own basis")
    assert all(c.reason != "reason not recorded" for c in found)


def test_the_fourth_edition_adds_claims_and_moves_no_verdict():
    found = editions.changes(editions.load("2026.3"), editions.load("2026.4"), "2026.4")
    assert sum(c.what == "added" for c in found) == 13
    assert not [c for c in found if c.what == "verdict"]  # the third reading added claims and stated items only
    by_id = {c.id: c for c in found}
    assert by_id["caune-mosaic-publisher"].verdict == "roughly right"
    assert by_id["sluys-ondcp-strategy-april-2022"].what == "reason"
    assert all(c.reason != "reason not recorded" for c in found)


def test_the_fifth_edition_tests_the_traffic_claim_from_btss_earliest_counts():
    found = editions.changes(editions.load("2026.4"), editions.load("2026.5"), "2026.5")
    assert [(c.id, c.what, c.verdict) for c in found] == [
        ("heyman-nafta-traffic-growth", "verdict", "unverifiable \u2192 overstated")]
    assert found[0].figures == ["quadrupling of commercial traffic: not tested \u2192 1.32-fold",
                                "comparable growth in non-commercial: not tested \u2192 0.75-fold"]
    assert found[0].reason.startswith("new source: BTS's Transportation Statistics Annual Report 2005")


def test_figures_are_compared_across_the_older_format():
    """2026.1 kept one figure per claim; it is matched with the first stated figure in the same unit."""
    by_id = {c.id: c for c in CHANGES}
    assert by_id["byers-gotaways-since-2021"].figures == ["at least 1.7 million gotaways: 1,857,919 \u2192 1,700,000"]  # the first check: the cited release
    assert by_id["byers-kingpin-doubled-homicides"].figures == [
        "doubling the local homicide rates: 1.41-fold \u2192 1.44-fold (1.00-fold to 2.07-fold)"]
    assert "heyman-bp-staffing-1993-2010" not in {c.id for c in CHANGES if c.figures}  # 5.10-fold both times
    assert {c.id for c in CHANGES if c.what == "added"} == {
        "heyman-spillover-violence-rare", "heyman-mexico-dto-violence-rising", "wpr-hiring-more-agents",
        "sluys-ondcp-strategy-april-2022"}
    registry_moves = [c for c in CHANGES if c.reason.startswith("registry:") and c.what != "added"]
    assert len(registry_moves) == 14 and {c.verdict for c in registry_moves} == {"unverifiable"}


def test_claim_reviews_name_the_edition():
    review = claim_reviews([], {"title": "t"})
    assert review["@graph"] == []
    from analysis.core.verdicts import ClaimResult  # noqa: F401  (the records' type)
    one = claim_reviews([type("R", (), {"claim_id": "heyman-bp-staffing-1993-2010", "verdict": "accurate",
                                        "reason": "r"})()], {"title": "t"})["@graph"][0]
    assert (one["datePublished"], one["version"]) == ("2026-12-01", "2026.5")


def test_the_built_site_publishes_exactly_the_current_edition(built_book):
    site = json.loads((built_book / "_build" / "html" / "ledger.json").read_text())
    assert site == editions.load(editions.current()[0]).claims, (
        "the ledger differs from the committed edition: publish a new edition (editions/<version>/ledger.json, "
        "CITATION.cff and editions/reasons.yaml)")
