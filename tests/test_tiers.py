"""The test tiers (tests/conftest.py): each test in exactly one, the costly ones out of the fast tier."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import ORDER, tier

EXPECTED = {  # tests whose tier follows from what they use
    "test_site.py::test_site_search_finds_border_patrol": "browser",
    "test_build.py::test_rebuild_executes_exactly_what_changed": "build",
    "test_build.py::test_a_corrupted_file_fails_the_build_naming_file_column_and_row": "build",
    "test_teachers.py::test_each_chapter_page_reviews_every_claim_it_checks[budgets]": "build",
    "test_notebooks.py::test_budgets_reruns_with_other_parameters": "papermill",
    "test_reproduce.py::test_defaults_reproduce_the_published_ledger": "papermill",
    "test_ledger.py::test_summary_counts": "slow",
    "test_chapters.py::test_every_chapter_keeps_the_contract[kingpin]": "slow",
    "test_data.py::test_frictionless_finds_the_catalogue_and_every_file_valid": "slow",
    "test_chapters.py::test_every_chapter_keeps_the_contract[budgets]": "fast",
    "test_build.py::test_corrupted_data_is_refused_naming_file_column_and_row[missing file]": "fast",
}


def test_every_collected_test_is_in_exactly_one_tier(request):
    tiers = {}
    for item in request.session.items:
        found = [mark.name for mark in item.iter_markers() if mark.name in ORDER]
        assert len(found) == 1, f"{item.nodeid}: tiers {found}"
        tiers[item.nodeid.removeprefix("tests/")] = found[0]
    assert tiers[request.node.nodeid.removeprefix("tests/")] == "fast"
    # `-m TIER` leaves the others out of the session; those collected are where they belong
    assert {name: tiers[name] for name in EXPECTED if name in tiers} == \
        {name: expected for name, expected in EXPECTED.items() if name in tiers}


def fake(fixtures: list[str], *marks: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid="tests/test_x.py::test_x", fixturenames=fixtures,
                           iter_markers=lambda: [getattr(pytest.mark, m).mark for m in marks])


def test_fixtures_decide_the_tier_and_a_marker_cannot_make_a_test_cheaper():
    assert tier(fake(["tmp_path"])) == "fast"
    assert tier(fake(["tmp_path"], "slow")) == "slow"
    assert tier(fake(["ledger_frame", "notebook_kernels"])) == "papermill"  # the costliest fixture wins
    assert tier(fake(["browser", "built_book"])) == "browser"
    with pytest.raises(pytest.UsageError, match="marked fast, but a test has one tier, and no cheaper one than its "
                                                "fixtures imply \\(build"):
        tier(fake(["built_book"], "fast"))
    with pytest.raises(pytest.UsageError, match="marked slow, papermill"):
        tier(fake([], "slow", "papermill"))
