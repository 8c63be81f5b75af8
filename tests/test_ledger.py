"""The ledger: one record per registered claim, on the page and from the command line."""
from __future__ import annotations

import csv
from html import escape
import io
import json
import subprocess
import sys

from unittest.mock import patch

import pytest

from analysis.__main__ import main
from analysis.site import ledger
from analysis.core import verdicts
from analysis.core.book import LEDGER_FILES_KEY
from analysis.core.claims import registry
from analysis.core.data import REPO_ROOT


@pytest.fixture
def run(ledger_frame, monkeypatch, capsys):
    """``python -m analysis ledger ...`` in this process, on the ledger computed once per session; its output."""
    monkeypatch.setattr(ledger, "build", lambda: ledger_frame)

    def command(*args) -> str:
        assert main(list(args)) == 0
        return capsys.readouterr().out
    return command


def test_the_command_prints_in_a_fresh_process_the_ledger_computed_here(ledger_frame):
    """The command as a process, computing the ledger from scratch: the same bytes as this session's."""
    done = subprocess.run([sys.executable, "-m", "analysis", "ledger", "--format", "json"], cwd=REPO_ROOT,
                          check=True, capture_output=True, text=True)
    assert done.stdout == ledger.to_json(ledger_frame)


def test_json_has_one_record_per_claim_with_every_stated_figure_checked(run):
    records = json.loads(run("ledger", "--format", "json"))
    assert [r["id"] for r in records] == list(registry())
    assert [r["title"] for r in records] == [c.title for c in registry().values()]
    for field in ("id", "title", "essay", "claim", "stated", "verdict", "reason", "faithful", "holds", "robustness", "checks",
                  "chapter"):
        assert all(field in r for r in records)
    by_id = {r["id"]: r for r in records}
    for claim in registry().values():
        checks = by_id[claim.id]["checks"]
        assert all(list(c) == ["stated", "recomputed", "low", "high", "unit", "verdict", "source", "tier"]
                   for c in checks)
        if claim.status == "descriptive":
            assert checks == [] and by_id[claim.id]["robustness"] is None
        else:  # every stated figure (a study's figure twice: as reported and in the data)
            assert {f.as_printed for f in claim.stated} <= {c["stated"] for c in checks}, claim.id
    staffing = by_id["heyman-bp-staffing-1993-2010"]
    assert staffing["verdict"] == "accurate" and round(staffing["checks"][0]["recomputed"], 4) == 5.1038
    tripled = by_id["heyman-bp-growth-1993-2001"]
    assert [c["recomputed"] for c in tripled["checks"]][:2] == [4028, 9821]
    assert by_id["heyman-cash-seized-vs-smuggled"]["verdict"] == "misquoted"
    cash_flow = [c for c in by_id["heyman-cash-seized-vs-smuggled"]["checks"] if c["stated"] == "$18 to $29 billion"]
    assert any((c["low"], c["high"]) == (18, 39) for c in cash_flow)  # GAO's own range is published
    assert by_id["caune-unficyp-established-1974"]["verdict"] == "misdated"
    assert by_id["caune-unficyp-established-1974"]["checks"][0]["recomputed"] == 1964
    atf = by_id["heyman-atf-gunrunner-officers"]
    assert atf["verdict"] == "unverifiable" and atf["robustness"] is None and "Searched:" in atf["reason"]
    assert by_id["caune-experts-interviewed"]["verdict"] == "descriptive"


def test_csv_has_one_row_per_check_and_agrees_with_json(run):
    records = json.loads(run("ledger", "--format", "json"))
    rows = list(csv.DictReader(io.StringIO(run("ledger", "--format", "csv"))))
    assert len(rows) == sum(max(1, len(r["checks"])) for r in records)
    assert rows[0]["id"] == "heyman-bp-staffing-1993-2010"
    number = lambda text: float(text) if text else None  # noqa: E731
    for record in records:
        mine = [r for r in rows if r["id"] == record["id"]]
        assert {r["verdict"] for r in mine} == {record["verdict"]}
        assert [(r["check_stated"], number(r["check_recomputed"]), number(r["check_low"]), number(r["check_high"]),
                 r["check_verdict"]) for r in mine if r["check_stated"]] == [
            (c["stated"], c["recomputed"], c["low"], c["high"], c["verdict"]) for c in record["checks"]]
    assert [r["robustness"] for r in rows if r["id"] == "caune-experts-interviewed"] == [""]


def test_the_page_hands_the_build_exactly_its_ledger_as_files(ledger_frame):
    frame = ledger_frame
    with patch("IPython.display.display") as display:
        ledger.publish(frame)
    files = display.call_args.kwargs["metadata"][LEDGER_FILES_KEY]
    assert files == {"ledger.json": ledger.to_json(frame), "ledger.csv": ledger.to_csv(frame)}
    assert [r["id"] for r in json.loads(files["ledger.json"])] == list(registry())


def test_summary_counts(ledger_frame):
    counts = ledger.summary(ledger_frame)
    assert counts["n_claims"] == len(registry())
    statuses = [c.status for c in registry().values()]
    assert (counts["n_checked"], counts["n_unverifiable"], counts["n_descriptive"]) == (
        statuses.count("checked"), statuses.count("unverifiable"), statuses.count("descriptive"))
    assert counts["n_checked"] + counts["n_unverifiable"] + counts["n_descriptive"] == counts["n_claims"]


def test_html_links_checked_claims_to_their_section_and_says_how_robust_each_verdict_is(ledger_frame):
    html = ledger.to_html(ledger_frame)
    assert html.count('<tr id="ledger-') == len(registry())
    assert 'href="chapters/budgets.html#heyman-bp-staffing-1993-2010"' in html
    assert 'href="chapters/border_index.html#caune-unficyp-established-1974"' in html
    assert 'href="chapters/border_index.html">Measuring border security</a>' in html  # descriptive: no anchor
    assert html.count('<p class="robustness">') == [c.status for c in registry().values()].count("checked")
    assert "more than quintupled \u2192 5.10-fold <em>(accurate)</em>" in html
    assert '<td data-label="Claim"><strong class="claim-title">Border Patrol staff, 1993 to 2010</strong> ' \
           'Border Patrol staffing grew more than five-fold' in html  # a title to read, not the id
    assert '<p class="robustness">Robust: the same verdict under every alternative tried.</p>' in html
    assert '<p class="robustness">Depends on: relative difference within which a figure counts as accurate ' \
           '(0.05: overstated).</p>' in html  # parameters by their meaning, not their keys
    # filters, a count that follows them, verdicts as labels, reasons behind a disclosure
    assert '<form class="ledger-filters" hidden>' in html and '<script src="../_static/ledger.js" defer>' in html
    assert f'<p class="ledger-count" aria-live="polite">{len(registry())} claims: ' in html
    assert '<span class="verdict verdict-roughly-right">roughly right</span>' in html
    assert html.count("<details><summary>") == len(registry())


def test_home_page_findings_name_each_failing_claim_by_its_title(ledger_frame):
    frame = ledger_frame
    html = ledger.findings_html(frame)
    failing = frame[frame["verdict"].isin(verdicts.FAILING)]
    assert len(failing) > 0
    for row in failing.itertuples(index=False):
        assert f'<li data-claim="{row.id}"><a href="chapters/{row.chapter}.html#{row.id}">{escape(row.title)}</a>: ' \
               in html
    assert ">heyman-" not in html and ">byers-" not in html
