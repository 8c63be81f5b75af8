"""`python -m analysis reproduce` and the reviewers' documentation generated from the code."""
from __future__ import annotations

import inspect
import json
import os
from pathlib import Path

import pytest

from analysis.site import reviewers
from analysis.tools import reproduce
from analysis import chapters
from analysis.__main__ import main
from analysis.chapters import budgets, watchlist
from analysis.chapters.watchlist import encounters, gotaways
from analysis.chapters.guns_money import crime
from analysis.core.data import load


EDITION = "edition 2026.5 of 2026-12-01 (editions/2026.5/ledger.json)"  # the current edition, by default


def reproduce_cli(tmp_path, *args: str) -> int:
    """The command's exit status, whether main returns it or argparse exits with it."""
    try:
        return main(["reproduce", "--out", str(tmp_path / "out"), *args])
    except SystemExit as done:
        return done.code


def test_a_changed_baseline_moves_the_staffing_ratio(tmp_path, capsys, monkeypatch, notebook_kernels):
    monkeypatch.chdir(reproduce.REPO_ROOT)
    assert reproduce_cli(tmp_path, "--chapter", "budgets", "-p", "start_year=1994") == reproduce.CHANGED
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("heyman-bp-staffing-1993-2010 "))
    assert row.split() == ["heyman-bp-staffing-1993-2010", "budgets", "more", "than", "quintupled", "5.10-fold", "→",
                           "4.80-fold", "accurate", "→", "roughly", "right"]
    # figure compared with figure: each stated figure of the first build-up on its own row
    assert [line.split("  ")[0] for line in out.splitlines() if line.startswith("heyman-bp-growth-1993-2001 ")] == [
        "heyman-bp-growth-1993-2001"] * 2
    assert "approximately 4,000" in out and "4,028 → 4,287" in out
    # a figure checked twice (as the report gives it, and untested in the data) is compared by its tested value
    assert "heyman-doj-ig-gunrunner-findings" not in out
    assert "heyman-bp-southwest-agents" not in out  # start_year does not touch it
    assert out.splitlines()[-1].startswith(f"3 of 15 claims changed against {EDITION} (budgets with start_year=1994)")
    assert (tmp_path / "out" / "budgets.ipynb").is_file()


def test_defaults_reproduce_the_published_edition(tmp_path, capsys, monkeypatch, notebook_kernels):
    monkeypatch.chdir(reproduce.REPO_ROOT)
    assert reproduce_cli(tmp_path, "--chapter", "budgets") == reproduce.UNCHANGED
    assert capsys.readouterr().out.startswith(f"0 of 15 claims changed against {EDITION} (budgets with defaults)")


def test_papermills_own_form_and_a_parameter_for_one_chapter():
    assert reproduce.parse_assignments([["start_year", "1994"], ["budgets.tolerance=0.05"]]) == {
        "start_year": 1994, "budgets.tolerance": 0.05}
    given = reproduce.plan(["budgets", "guns_money"], {"tolerance": 0.2, "budgets.tolerance": 0.05,
                                                       "budgets.start_year": 1994})
    assert given == {"budgets": {"tolerance": 0.05, "start_year": 1994}, "guns_money": {"tolerance": 0.2}}


def test_an_older_edition_is_read_too():
    """Edition 2026.1 kept one recomputed figure per claim, before the checks list."""
    published, origin = reproduce.published_ledger(reproduce.REPO_ROOT / "editions" / "2026.1" / "ledger.json")
    assert origin.startswith("edition 2026.1 of 2026-12-01")
    assert published["heyman-bp-quintupled-since-1994"]["verdict"] == "accurate"


BAD_INPUT = [
    ("unknown chapter", ["--chapter", "budget"], "unknown chapter 'budget'; chapters: budgets, guns_money"),
    ("unknown parameter", ["--chapter", "budgets", "-p", "start_yr=1994"],
     "unknown parameter 'start_yr': no selected chapter declares it; budgets: start_year, end_year"),
    ("parameter of another chapter", ["--chapter", "budgets", "-p", "year=2009"],
     "unknown parameter 'year': no selected chapter declares it; it belongs to guns_money, border_index: add --chapter guns_money or --chapter border_index"),
    ("bad value", ["--chapter", "budgets", "-p", "start_year=1800"],
     "budgets: parameter 'start_year'=1800 is outside the data; allowed: between 1992 and 2019"),
    ("no value", ["-p", "start_year"], "-p expects NAME=VALUE (or papermill's NAME VALUE), got 'start_year'"),
    ("three words", ["-p", "start_year", "1994", "1995"],
     "-p expects NAME=VALUE (or papermill's NAME VALUE), got 'start_year 1994 1995'"),
    ("chapter not selected", ["--chapter", "budgets", "-p", "guns_money.year=2009"],
     "guns_money.year: chapter guns_money is not selected; add --chapter guns_money"),
    ("parameter not the chapter's", ["--chapter", "budgets", "-p", "budgets.year=2009"],
     "unknown parameter 'budgets.year': budgets declares start_year, end_year"),
    ("duplicated YAML key", ["--chapter", "budgets", "-f", "{twice}"],
     "key 'start_year' is given twice (lines 1 and 3); allowed: each parameter once"),
    ("malformed YAML", ["--chapter", "guns_money", "-f", "{params}"], "is not valid YAML"),
    ("YAML not a mapping", ["--chapter", "guns_money", "-f", "{list}"], "must hold a mapping of parameter names"),
    ("bad mapping", ["--chapter", "guns_money", "-f", "{weights}"],
     "guns_money: parameter 'weights' must weigh exactly harm, probability, feasibility"),
    ("missing ledger", ["--chapter", "budgets", "--against", "{missing}"], "No such file or directory"),
]


@pytest.mark.parametrize("args, message", [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_stops_before_anything_runs(tmp_path, capsys, args, message):
    files = {"params": tmp_path / "bad.yaml", "list": tmp_path / "list.yaml", "weights": tmp_path / "weights.yaml",
             "missing": tmp_path / "missing.json", "twice": tmp_path / "twice.yaml"}
    files["twice"].write_text("start_year: 1994\nend_year: 2010\nstart_year: 1995\n")
    files["params"].write_text("weights: {harm: 1\n")
    files["list"].write_text("- start_year\n")
    files["weights"].write_text("weights: {harm: 1.0}\n")
    args = [a.format(**files) for a in args]
    assert reproduce_cli(tmp_path, *args) == reproduce.ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith("reproduce: error: ") and "\n" not in err and message in err, err
    assert not (tmp_path / "out").exists()


LEDGER = [{"id": "heyman-bp-staffing-1993-2010", "verdict": "accurate", "checks": [
    {"stated": "more than quintupled", "recomputed": 5.1, "low": None, "high": None, "unit": "fold"}]}]
EXPECTED = ('expected a list of claim records, each with id, verdict, checks, or an edition file '
            '{{"edition", "date", "claims": [...]}}')  # braces doubled: the messages are format()ted
OUT = "not a folder that can be written ({}); allowed: a writable folder, or a path where one can be created"
ERRORS = [  # (what, the arguments, what {file} holds, the one line on stderr after "reproduce: error: ")
    ("no worker", ["--jobs", "0"], None, "argument --jobs: must be a whole number of at least 1, got '0'"),
    ("jobs not a number", ["--jobs", "two"], None, "argument --jobs: must be a whole number of at least 1, got 'two'"),
    ("fractional jobs", ["--jobs", "1.5"], None, "argument --jobs: must be a whole number of at least 1, got '1.5'"),
    ("NaN parameter", ["-p", "tolerance=nan"], None,
     "budgets: parameter 'tolerance'=nan is not a finite number; allowed: between 0.0 and 1.0"),
    ("infinite mapping value", ["--chapter", "guns_money", "-f", "{file}"],
     "weights: {harm: .inf, probability: 1.0, feasibility: 1.0}\n",
     "guns_money: parameter 'weights'['harm']=inf is not a finite number; allowed: finite numbers in a mapping like "
     "{{'harm': 1.0, 'probability': 1.0, 'feasibility': 1.0}}"),
    ("parameter file not UTF-8", ["-f", "{file}"], b"tolerance: 0.2 \xe9\n",
     "parameter file {file} is not UTF-8 text"),
    ("missing ledger", ["--against", "{missing}"], None, "ledger file {missing}: No such file or directory"),
    ("ledger a folder", ["--against", "{tmp}"], None, "ledger file {tmp}: Is a directory"),
    ("ledger not JSON", ["--against", "{file}"], "id,verdict\n",
     f"ledger file {{file}} is not JSON (Expecting value: line 1 column 1 (char 0)); {EXPECTED}"),
    ("ledger an object", ["--against", "{file}"], json.dumps({"claims": LEDGER}),
     f"ledger file {{file}} is not a ledger.json: it holds neither a list nor an edition; {EXPECTED}"),
    ("ledger empty", ["--against", "{file}"], "[]",
     f"ledger file {{file}} is not a ledger.json: it holds no record; {EXPECTED}"),
    ("ledger of ids", ["--against", "{file}"], json.dumps(["heyman-bp-staffing-1993-2010"]),
     f"ledger file {{file}} is not a ledger.json: record 1 is not an object; {EXPECTED}"),
    ("record without verdict", ["--against", "{file}"],
     json.dumps(LEDGER + [{k: v for k, v in LEDGER[0].items() if k != "verdict"}]),
     f"ledger file {{file}} is not a ledger.json: record 2 has no 'verdict'; {EXPECTED}"),
    ("checks not a list", ["--against", "{file}"], json.dumps([{**LEDGER[0], "checks": "5.10-fold"}]),
     f"ledger file {{file}} is not a ledger.json: record 1's 'checks' is not a list; {EXPECTED}"),
    ("recomputed as text", ["--against", "{file}"],
     json.dumps([{**LEDGER[0], "checks": [{**LEDGER[0]["checks"][0], "recomputed": "5.10-fold"}]}]),
     f"ledger file {{file}} is not a ledger.json: record 1's check 1's 'recomputed' is not a number or null; "
     f"{EXPECTED}"),
    ("file in the way of --out", ["--against", "{ledger}", "--out", "{file}"], "a file",
     "--out {file}: " + OUT.format("File exists")),
    ("file in the way of --out's parent", ["--against", "{ledger}", "--out", "{file}/executed"], "a file",
     "--out {file}/executed: " + OUT.format("Not a directory")),
    ("--out not writable", ["--against", "{ledger}", "--out", "{read_only}"], None,
     "--out {read_only}: " + OUT.format("Permission denied")),
]


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write in: by its mode, or for root (who writes anywhere) sysfs's top."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    return folder


@pytest.mark.parametrize("args, content, message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_every_error_is_one_line_and_exit_2_before_any_notebook_runs(tmp_path, capsys, args, content, message):
    names = {"tmp": tmp_path, "missing": tmp_path / "missing.json", "ledger": tmp_path / "ledger.json",
             "file": tmp_path / "given", "read_only": read_only_folder(tmp_path)}
    names["ledger"].write_text(json.dumps(LEDGER))
    if content is not None:
        names["file"].write_bytes(content if isinstance(content, bytes) else content.encode())
    args = [a.format(**names) for a in args]
    assert reproduce_cli(tmp_path, "--chapter", "budgets", *args) == reproduce.ERROR
    assert capsys.readouterr().err == f"reproduce: error: {message.format(**names)}\n"
    assert not (tmp_path / "out").exists()


def test_a_data_file_that_does_not_match_the_catalogue_is_one_line_and_exit_2(tmp_path, capsys, data_copy):
    data_copy.rewrite("border_patrol_agents", lambda text: text.replace("1993,coastal,183", "1993,coastal,inf"))
    # budgets' parameters are checked against the years of the staffing data, before any notebook runs
    assert reproduce_cli(tmp_path, "--chapter", "budgets") == reproduce.ERROR
    assert capsys.readouterr().err == ("reproduce: error: budgets: enforcement/border_patrol_agents.csv: row 3, column 'agents': "
                                       "'inf' is not an integer (allowed: digits, with an optional leading minus)\n")
    assert not (tmp_path / "out").exists()


def test_a_failing_notebook_names_its_chapter_and_error(tmp_path, notebook_kernels):
    with pytest.raises(reproduce.ReproduceError) as error:  # a value plan() would refuse, to make the notebook fail
        reproduce.run({"budgets": {"start_year": 1800}}, tmp_path, jobs=1)
    assert str(error.value).startswith("budgets: the notebook failed: ValueError: parameter 'start_year'=1800 is "
                                       "outside the data")
    assert "\n" not in str(error.value) and (tmp_path / "budgets.ipynb").is_file()


def test_parameters_go_to_each_chapter_that_declares_them():
    values = reproduce.parse_assignments([["tolerance=0.2"], ["year=2009"], ["borderlands=border-states"],
                                          ["allow_secondary=False"]])
    assert values == {"tolerance": 0.2, "year": 2009, "borderlands": "border-states", "allow_secondary": False}
    assert reproduce.plan(["budgets", "guns_money"], values) == {
        "budgets": {"tolerance": 0.2, "allow_secondary": False},
        "guns_money": {"tolerance": 0.2, "year": 2009, "borderlands": "border-states"}}
    assert list(reproduce.plan([], {})) == list(chapters.CHAPTERS)


def test_the_readme_shows_the_generated_parameter_tables():
    block = reviewers.readme_block(reviewers.README.read_text(encoding="utf-8"))
    assert block == reviewers.parameters_markdown(), (
        "README.md's parameter tables differ from the chapters' declarations; regenerate them with "
        "`.venv/bin/python -m analysis parameters --readme`")
    assert "| `start_year` | `1993` | between 1992 and 2019" in block


def test_each_claim_is_traced_to_the_function_that_computes_it():
    line = inspect.getsourcelines(budgets._staffing_claims)[1]
    assert reviewers.claim_function("budgets", "heyman-bp-staffing-1993-2010") == (
        "analysis/chapters/budgets.py", "_staffing_claims", line)
    # an earlier helper names the claim too, but the function returning the result is the one computing it
    assert reviewers.claim_function("watchlist", "byers-tsds-encounters-between-ports") == (
        "analysis/chapters/watchlist/encounters.py", "_between_claim",
        inspect.getsourcelines(encounters._between_claim)[1])
    # in a package, the topic module computing the claim, not the __init__ whose chapter_values names it first
    assert "byers-gotaways-since-2021" in inspect.getsource(watchlist.chapter_values)
    assert reviewers.claim_function("watchlist", "byers-gotaways-since-2021") == (
        "analysis/chapters/watchlist/gotaways.py", "_gotaways_claim",
        inspect.getsourcelines(gotaways._gotaways_claim)[1])
    assert reviewers.claim_function("guns_money", "heyman-el-paso-safest-city") == (
        "analysis/chapters/guns_money/crime.py", "_el_paso_claim", inspect.getsourcelines(crime._el_paso_claim)[1])
    # a claim computed without being named (say, from the registry) is traced to the chapter's entry point
    assert reviewers.claim_function("budgets", "a-claim-named-nowhere") == (
        "analysis/chapters/budgets.py", "check_claims", inspect.getsourcelines(budgets.check_claims)[1])
    assert [reviewers.code_path(slug) for slug in ("budgets", "watchlist")] == [
        "analysis/chapters/budgets.py", "analysis/chapters/watchlist/"]


def test_a_chapters_data_files_are_those_it_reads_even_when_already_loaded():
    load("border_patrol_agents")  # cached in this process before the chapter runs
    ids, files = reviewers.chapter_inputs.__wrapped__("budgets")  # not the cached answer
    assert ids[0] == "heyman-bp-staffing-1993-2010" and len(ids) == 14  # the ATF claim is unverifiable
    assert files == ["data/enforcement/barrier_mileage.csv", "data/enforcement/border_patrol_agents.csv",
                     "data/enforcement/border_patrol_apprehensions.csv", "data/enforcement/reported_figures.csv",
                     "data/prices/cpi_u_monthly.csv", "data/records/events_and_findings.csv"]
