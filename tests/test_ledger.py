"""The ledger: one record per registered claim, on the page and from the command line."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from unittest.mock import patch

import pytest

from analysis import ledger
from analysis.build import LEDGER_FILES_KEY
from analysis.claims import registry
from analysis.data import REPO_ROOT


def run(*args) -> str:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=REPO_ROOT, check=True,
                          capture_output=True, text=True).stdout


def test_json_has_one_record_per_claim_with_the_required_fields():
    records = json.loads(run("ledger", "--format", "json"))
    assert [r["id"] for r in records] == list(registry())
    for field in ("id", "essay", "claim", "stated", "recomputed", "unit", "verdict", "reason", "robustness", "chapter"):
        assert all(field in r for r in records)
    by_id = {r["id"]: r for r in records}
    assert by_id["heyman-bp-staffing-1993-2010"]["verdict"] == "accurate"
    assert round(by_id["heyman-bp-staffing-1993-2010"]["recomputed"], 4) == 5.1038
    assert by_id["heyman-cash-seized-vs-smuggled"]["verdict"] == "misquoted"
    assert by_id["byers-mexico-homicide-peak-2018"]["verdict"] == "accurate"
    revenue = by_id["byers-cartel-smuggling-revenue-2021"]
    assert revenue["verdict"] == "accurate" and revenue["recomputed_high"] == pytest.approx(20.48365)
    assert by_id["caune-unficyp-established-1974"]["verdict"] == "misdated"
    assert by_id["caune-unficyp-established-1974"]["recomputed"] == 1964
    assert not [r["id"] for r in records if r["verdict"] == "not yet checked"]
    assert by_id["caune-experts-interviewed"]["verdict"] == "descriptive"
    assert by_id["caune-experts-interviewed"]["robustness"] is None
    assert by_id["heyman-bp-staffing-1993-2010"]["robustness"] == "robust"
    assert by_id["heyman-bp-growth-1993-2001"]["robustness"] == "depends on tolerance (0.05: overstated)"


def test_csv_matches_json():
    rows = list(csv.DictReader(io.StringIO(run("ledger", "--format", "csv"))))
    assert len(rows) == len(registry())
    assert rows[0]["id"] == "heyman-bp-staffing-1993-2010"
    by_id = {r["id"]: r for r in rows}
    assert by_id["heyman-bp-growth-1993-2001"]["robustness"] == "depends on tolerance (0.05: overstated)"
    assert by_id["caune-experts-interviewed"]["robustness"] == ""


def test_the_page_hands_the_build_exactly_its_ledger_as_files():
    frame = ledger.build()
    with patch("IPython.display.display") as display:
        ledger.publish(frame)
    files = display.call_args.kwargs["metadata"][LEDGER_FILES_KEY]
    assert files == {"ledger.json": ledger.to_json(frame), "ledger.csv": ledger.to_csv(frame)}
    assert [r["id"] for r in json.loads(files["ledger.json"])] == list(registry())


def test_summary_counts():
    counts = ledger.summary(ledger.build())
    assert counts["n_claims"] == len(registry())
    assert counts["n_checked"] == 52
    assert counts["n_checked"] + counts["n_not_yet_checked"] + counts["n_descriptive"] == counts["n_claims"]


def test_html_links_checked_claims_to_their_section_and_says_how_robust_each_verdict_is():
    html = ledger.to_html(ledger.build())
    assert html.count('<tr id="ledger-') == len(registry())
    assert 'href="chapters/budgets.html#heyman-bp-staffing-1993-2010"' in html
    assert 'href="chapters/border_index.html#caune-unficyp-established-1974"' in html
    assert 'href="chapters/border_index.html">Measuring border security</a>' in html  # descriptive: no anchor
    assert "(to come)" not in html
    assert html.count('<small class="robustness">') == 52  # the checked claims
    assert '<small class="robustness">Depends on tolerance (0.05: overstated).</small>' in html
    assert '<small class="robustness">Robust: the same verdict under every alternative tried.</small>' in html
