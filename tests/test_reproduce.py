"""`python -m analysis reproduce` and the reviewers' documentation generated from the code."""
from __future__ import annotations

import inspect

import pytest

from analysis import chapters, reproduce, reviewers
from analysis.__main__ import main
from analysis.chapters import budgets, guns_money
from analysis.data import load


@pytest.fixture
def computed_ledger(monkeypatch, tmp_path):
    """Compare with the ledger computed from the checkout, whether or not the site was built."""
    monkeypatch.setattr(reproduce, "PUBLISHED", tmp_path / "no-site" / "ledger.json")


def reproduce_cli(tmp_path, *args: str) -> int:
    return main(["reproduce", "--out", str(tmp_path / "out"), *args])


def test_a_changed_baseline_moves_the_staffing_ratio(tmp_path, capsys, computed_ledger):
    assert reproduce_cli(tmp_path, "--chapter", "budgets", "-p", "start_year=1994") == reproduce.CHANGED
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("heyman-bp-staffing-1993-2010 "))
    assert row.split() == ["heyman-bp-staffing-1993-2010", "budgets", "5.10-fold", "→", "4.80-fold",
                           "accurate", "→", "accurate"]
    assert "heyman-bp-southwest-agents" not in out  # start_year does not touch it
    assert out.splitlines()[-1].startswith("3 of 9 claims changed against the ledger computed with default "
                                           "parameters (budgets with start_year=1994)")
    assert (tmp_path / "out" / "budgets.ipynb").is_file()


def test_defaults_reproduce_the_published_ledger(tmp_path, capsys, computed_ledger):
    assert reproduce_cli(tmp_path, "--chapter", "budgets") == reproduce.UNCHANGED
    assert capsys.readouterr().out.startswith("0 of 9 claims changed")


BAD_INPUT = [
    ("unknown chapter", ["--chapter", "budget"], "unknown chapter 'budget'; chapters: budgets, guns_money"),
    ("unknown parameter", ["--chapter", "budgets", "-p", "start_yr=1994"],
     "unknown parameter 'start_yr': no selected chapter declares it; budgets: start_year, end_year"),
    ("parameter of another chapter", ["--chapter", "budgets", "-p", "year=2009"],
     "unknown parameter 'year': no selected chapter declares it; it belongs to guns_money, border_index: add --chapter guns_money or --chapter border_index"),
    ("bad value", ["--chapter", "budgets", "-p", "start_year=1800"],
     "budgets: parameter 'start_year'=1800 is outside the data; allowed: between 1992 and 2019"),
    ("no value", ["-p", "start_year"], "-p expects NAME=VALUE, got 'start_year'"),
    ("malformed YAML", ["--chapter", "guns_money", "-f", "{params}"], "is not valid YAML"),
    ("YAML not a mapping", ["--chapter", "guns_money", "-f", "{list}"], "must hold a mapping of parameter names"),
    ("bad mapping", ["--chapter", "guns_money", "-f", "{weights}"],
     "guns_money: parameter 'weights' must weigh exactly harm, probability, feasibility"),
    ("no worker", ["--chapter", "budgets", "--jobs", "0"], "--jobs must be at least 1, got 0"),
    ("missing ledger", ["--chapter", "budgets", "--against", "{missing}"], "No such file or directory"),
]


@pytest.mark.parametrize("args, message", [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_stops_before_anything_runs(tmp_path, capsys, args, message):
    files = {"params": tmp_path / "bad.yaml", "list": tmp_path / "list.yaml", "weights": tmp_path / "weights.yaml",
             "missing": tmp_path / "missing.json"}
    files["params"].write_text("weights: {harm: 1\n")
    files["list"].write_text("- start_year\n")
    files["weights"].write_text("weights: {harm: 1.0}\n")
    args = [a.format(**files) for a in args]
    assert reproduce_cli(tmp_path, *args) == reproduce.ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith("reproduce: error: ") and "\n" not in err and message in err, err
    assert not (tmp_path / "out").exists()


def test_a_failing_notebook_names_its_chapter_and_error(tmp_path):
    with pytest.raises(reproduce.ReproduceError) as error:  # a value plan() would refuse, to make the notebook fail
        reproduce.run({"budgets": {"start_year": 1800}}, tmp_path, jobs=1)
    assert str(error.value).startswith("budgets: the notebook failed: ValueError: parameter 'start_year'=1800 is "
                                       "outside the data")
    assert "\n" not in str(error.value) and (tmp_path / "budgets.ipynb").is_file()


def test_parameters_go_to_each_chapter_that_declares_them():
    values = reproduce.parse_assignments(["tolerance=0.2", "year=2009", "borderlands=border-states",
                                          "allow_secondary=False"])
    assert values == {"tolerance": 0.2, "year": 2009, "borderlands": "border-states", "allow_secondary": False}
    assert reproduce.plan(["budgets", "guns_money"], values) == {
        "budgets": {"tolerance": 0.2, "allow_secondary": False},
        "guns_money": {"tolerance": 0.2, "year": 2009, "borderlands": "border-states"}}
    assert list(reproduce.plan([], {})) == chapters.written()


def test_the_readme_shows_the_generated_parameter_tables():
    block = reviewers.readme_block(reviewers.README.read_text(encoding="utf-8"))
    assert block == reviewers.parameters_markdown(), (
        "README.md's parameter tables differ from the chapters' declarations; regenerate them with "
        "`.venv/bin/python -m analysis parameters --readme`")
    assert "| `start_year` | `1993` | between 1992 and 2019" in block


def test_each_claim_is_traced_to_the_function_that_computes_it():
    line = inspect.getsourcelines(budgets._staffing_claims)[1]
    assert reviewers.claim_function("budgets", "heyman-bp-staffing-1993-2010") == ("_staffing_claims", line)
    # an earlier helper names the claim too, but the function returning the result is the one computing it
    assert reviewers.claim_function("watchlist", "byers-tsds-encounters-between-ports")[0] == "_between_claim"
    # claims no data can test are listed in a table that check_claims reads
    assert reviewers.claim_function("guns_money", "heyman-el-paso-safest-city") == (
        "check_claims", inspect.getsourcelines(guns_money.check_claims)[1])
    # a claim computed without being named (say, from the registry) is traced to the chapter's entry point
    assert reviewers.claim_function("budgets", "a-claim-named-nowhere") == (
        "check_claims", inspect.getsourcelines(budgets.check_claims)[1])


def test_a_chapters_data_files_are_those_it_reads_even_when_already_loaded():
    load("border_patrol_agents")  # cached in this process before the chapter runs
    ids, files = reviewers.chapter_inputs.__wrapped__("budgets")  # not the cached answer
    assert ids[0] == "heyman-bp-staffing-1993-2010" and len(ids) == 9
    assert files == ["data/enforcement/border_patrol_agents.csv", "data/enforcement/border_patrol_apprehensions.csv",
                     "data/enforcement/reported_figures.csv", "data/prices/cpi_u_monthly.csv"]
