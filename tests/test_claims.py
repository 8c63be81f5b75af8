"""The claims registry: complete, well-formed, in our own words, and in step with the chapters."""
from __future__ import annotations

import copy
import re

import pytest

from analysis import chapters
from analysis.core.claims import ClaimsError, parse_registry, registry, essays
from analysis.core.data import REPO_ROOT, read_yaml

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
DOCUMENT = read_yaml((REPO_ROOT / "data" / "claims.yaml").read_text())  # libyaml, parsed once with the registry
BIB = (REPO_ROOT / "book" / "references.bib").read_text()


def test_registry_covers_all_five_essays():
    claims = registry()
    assert 50 <= len(claims) <= 120
    assert set(essays()) == {"heyman2011", "sluys2023", "wpr2019", "caune2024", "byers2024"}
    assert {c.essay for c in claims.values()} == set(essays())
    assert {c.chapter for c in claims.values()} == set(chapters.CHAPTERS)


def test_every_essay_is_in_the_bibliography():
    for key in essays():
        assert re.search(rf"@\w+\{{{key},", BIB), key


@pytest.mark.slow  # every chapter, kingpin's regressions included
def test_status_matches_what_the_chapters_compute():
    computed = set()
    for slug in chapters.CHAPTERS:
        module = chapters.module(slug)
        if module:
            computed |= {r.claim_id for r in module.check_claims(**module.PARAMETERS.defaults())}
    checked = {c.id for c in registry().values() if c.status == "checked"}
    assert computed == checked


def test_every_unverifiable_claim_names_the_search_that_was_made():
    unverifiable = [c for c in registry().values() if c.status == "unverifiable"]
    assert unverifiable, "the registry has no unverifiable claim to check"
    for c in unverifiable:
        assert c.search and all(s["publisher"] and s["publication"] and s["result"] for s in c.search), c.id


def test_each_essay_has_one_present_that_the_chapters_use():
    assert {k: e["present"] for k, e in essays().items()} == {
        "heyman2011": 2010, "sluys2023": 2022, "wpr2019": 2018, "caune2024": 2023, "byers2024": 2023}
    assert chapters.module("budgets").PARAMETERS.defaults()["end_year"] == essays()["heyman2011"]["present"]


def test_budget_claims_keep_the_authors_figures():
    claims = registry()
    staffing = claims["heyman-bp-staffing-1993-2010"].stated[0]
    assert (staffing.kind, staffing.value, staffing.qualifier) == ("multiple", 5, "more-than")
    port = claims["heyman-port-budget-1993-2010"].stated
    assert [f.value for f in port] == [2, 17]
    cash = claims["heyman-cash-seized-vs-smuggled"].stated
    assert any(f.low == 18 and f.high == 29 for f in cash)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the essays (../shared/seeds) are not beside this checkout")
def test_claims_are_in_our_own_words():
    words = lambda text: re.findall(r"[a-z0-9]+", text.lower())  # noqa: E731
    runs = set()
    for path in SEEDS.glob("0*.txt"):
        tokens = words(path.read_text(encoding="utf-8"))
        runs |= {" ".join(tokens[i:i + 8]) for i in range(len(tokens) - 7)}
    for claim in registry().values():
        tokens = words(claim.claim)
        copied = [" ".join(tokens[i:i + 8]) for i in range(len(tokens) - 7) if " ".join(tokens[i:i + 8]) in runs]
        assert not copied, f"{claim.id} repeats the essay: {copied[0]!r}"
        for figure in claim.stated:
            assert len(figure.as_printed.split()) <= 5, f"{claim.id}: quote longer than five words"
    sixes = {" ".join(run.split()[:6]) for run in runs} | {" ".join(run.split()[-6:]) for run in runs}
    for claim in registry().values():
        tokens = words(claim.title)
        assert len(tokens) <= 8, f"{claim.id}: title {claim.title!r} is longer than a few words"
        copied = [" ".join(tokens[i:i + 6]) for i in range(len(tokens) - 5) if " ".join(tokens[i:i + 6]) in sixes]
        assert not copied, f"{claim.id}: title repeats the essay: {copied[0]!r}"


def _broken(change):
    document = copy.deepcopy(DOCUMENT)
    change(document)
    return document


@pytest.mark.parametrize("change, message", [
    (lambda d: d["essays"]["heyman2011"].pop("short"), "essay heyman2011: field 'short' is missing"),
    (lambda d: d["claims"][0].pop("essay"), "claim heyman-bp-staffing-1993-2010: field 'essay' is missing"),
    (lambda d: d["claims"][1].update(id=d["claims"][0]["id"]), "claim heyman-bp-staffing-1993-2010: id is used twice"),
    (lambda d: d["claims"][0].pop("title"), "claim heyman-bp-staffing-1993-2010: field 'title' is missing"),
    (lambda d: d["claims"][1].update(title=d["claims"][0]["title"]),
     "claim heyman-bp-budget-1993-2010: title 'Border Patrol staff, 1993 to 2010' is used by claim "
     "heyman-bp-staffing-1993-2010 too"),
    (lambda d: d["claims"][0].update(chapter="nowhere"), "chapter 'nowhere' is not one of budgets"),
    (lambda d: d["claims"][0].update(status="done"), "status 'done' is not one of checked"),
    (lambda d: d["claims"][0]["stated"][0].update(qualifier="roughly"), "a multiple takes the qualifier exact or"),
    (lambda d: d["claims"][0]["stated"][0].update(kind="guess"), "kind 'guess' is not one of point, threshold"),
    (lambda d: d["claims"][0]["stated"][0].update(low=1), "needs a 'value' and no 'low'/'high'"),
    (lambda d: d["claims"][0]["stated"][0].update(value="five"), "figures must be finite numbers"),
    (lambda d: d["claims"][0]["stated"][0].update(value=float("nan")), "figures must be finite numbers"),
    (lambda d: d["claims"][0]["stated"][0].update(unit="persons"), "a multiple is a ratio"),
    (lambda d: d["claims"][0]["stated"][0].update(kind="direction"), "a direction needs 'direction'"),
    (lambda d: d["claims"][0]["stated"][0].update(kind="point", qualifier="more-than"),
     "a point takes the qualifier exact or about, got 'more-than'"),
    (lambda d: d["claims"][0]["stated"][0].update(kind="year", value=1993.5, qualifier="exact", unit="year"),
     "a year must be a whole number"),
    (lambda d: d["claims"][0]["stated"].__setitem__(0, {
        "label": "growth", "kind": "direction", "direction": "up", "unit": "ratio to 1993 level",
        "as_printed": "grew sharply", "magnitude": {"word": "sharply", "minimum": 0.5, "reasoning": "r"}}),
     "the ratios of a magnitude must be above 1 for a change up"),
    (lambda d: d["claims"][0].update(status="unverifiable"), "an unverifiable claim needs 'search'"),
    (lambda d: d["claims"][0].update(search=[{"publisher": "x"}]), "'search' goes with status unverifiable"),
    (lambda d: d["claims"][0].update(status="unverifiable", search=[{"publisher": "x"}]),
     "each search entry needs exactly publisher, publication, result"),
    (lambda d: d["essays"]["heyman2011"].update(present="2011"), "essay heyman2011: 'present' must be a year"),
])
def test_malformed_registry_is_refused(change, message):
    with pytest.raises(ClaimsError, match=re.escape(message)):
        parse_registry(_broken(change))
