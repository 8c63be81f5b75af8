"""The notebooks: thin, committed without outputs, re-runnable with papermill, numbers glued not typed."""
from __future__ import annotations

import re

import nbformat
import papermill as pm
import pytest

from analysis import chapters
from analysis.data import REPO_ROOT
from analysis.notebook import glued

BOOK = REPO_ROOT / "book"
NOTEBOOKS = sorted(BOOK.rglob("*.ipynb"))
CHAPTER_NOTEBOOKS = {slug: BOOK / "chapters" / f"{slug}.ipynb" for slug in chapters.written()}


def test_every_written_chapter_has_a_notebook():
    assert set(CHAPTER_NOTEBOOKS) == {"budgets", "guns_money", "kingpin", "watchlist", "border_index"}
    assert all(path.is_file() for path in CHAPTER_NOTEBOOKS.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"


def _prose_without_markup(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", "", text)  # roles: {glue:text}`key`, {cite:p}`key`
    text = re.sub(r"`[^`]*`", "", text)  # inline code
    text = re.sub(r"(?m)^\([\w-]+\)=$", "", text)  # targets
    text = re.sub(r"(?m)^(```|:::).*$", "", text)  # directive fences
    return re.sub(r"(?m)^:\w+:.*$", "", text)  # directive options


@pytest.mark.parametrize("path", NOTEBOOKS + [BOOK / "intro.md"], ids=lambda p: p.name)
def test_no_number_is_typed_into_the_prose(path):
    if path.suffix == ".md":
        sources = [path.read_text()]
    else:
        sources = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    for source in sources:
        digits = re.findall(r"\S*\d\S*", _prose_without_markup(source))
        assert not digits, f"{path.name}: typed numbers {digits}; glue them"


@pytest.mark.parametrize("slug", CHAPTER_NOTEBOOKS)
def test_parameter_cell_matches_the_declaration(slug):
    declared = pm.inspect_notebook(str(CHAPTER_NOTEBOOKS[slug]))
    module = chapters.module(slug)
    assert {name: eval(p["default"]) for name, p in declared.items()} == module.PARAMETERS.defaults()


def run(tmp_path, slug: str, **parameters) -> dict:
    out = tmp_path / f"{slug}-out.ipynb"
    pm.execute_notebook(str(CHAPTER_NOTEBOOKS[slug]), str(out), parameters=parameters,
                        cwd=str(CHAPTER_NOTEBOOKS[slug].parent), progress_bar=False, kernel_name="python3")
    return glued(out)


def test_budgets_reruns_with_other_parameters(tmp_path):
    default = run(tmp_path, "budgets")
    assert default["heyman-bp-staffing-1993-2010.recomputed"] == "5.10-fold"
    assert default["heyman-bp-staffing-1993-2010.verdict"] == "accurate"
    assert default["start_year"] == "1993"
    later = run(tmp_path, "budgets", start_year=1994, deflator="gdp")
    assert later["heyman-bp-staffing-1993-2010.recomputed"] == "4.80-fold"
    assert later["heyman-port-budget-1993-2010.recomputed"] == "46%"
    assert later["start_year"] == "1994"


BAD_PARAMETERS = {  # per chapter: each kind of bad input, and what the error must say
    "budgets": [
        ("unknown name", {"start_yr": 1994}, "unknown parameter 'start_yr'; allowed parameters: start_year, end_year"),
        ("wrong type", {"tolerance": "ten"}, "parameter 'tolerance' must be a number, got str 'ten'"),
        ("year outside the data", {"end_year": 2031},
         "parameter 'end_year'=2031 is outside the data; allowed: between 1992 and 2019"),
        ("start after end", {"start_year": 2000, "end_year": 1999},
         "parameter 'start_year'=2000 must be before 'end_year'=1999"),
        ("negative tolerance", {"tolerance": -0.1}, "parameter 'tolerance'=-0.1 is out of range; allowed: between 0.0"),
        ("unknown deflator", {"deflator": "ppi"}, "parameter 'deflator'='ppi' is not allowed; allowed: one of cpi-u, gdp"),
    ],
    "guns_money": [
        ("unknown name", {"officers": 5000}, "unknown parameter 'officers'; allowed parameters: tolerance, year"),
        ("wrong type", {"officers_shifted": "many"}, "parameter 'officers_shifted' must be an integer, got str 'many'"),
        ("year outside the data", {"deaths_last_fy": 2030},
         "parameter 'deaths_last_fy'=2030 is outside the data; allowed: between 1998 and 2019"),
        ("start after end", {"deaths_first_fy": 2009, "deaths_last_fy": 2001},
         "parameter 'deaths_first_fy'=2009 must be before 'deaths_last_fy'=2001"),
        ("negative tolerance", {"tolerance": -1.0}, "parameter 'tolerance'=-1.0 is out of range; allowed: between 0.0"),
        ("unknown choice", {"borderlands": "texas"},
         "parameter 'borderlands'='texas' is not allowed; allowed: one of on-the-line, border-states"),
        ("bad mapping", {"weights": {"harm": 1}}, "parameter 'weights' must weigh exactly harm, probability, feasibility"),
    ],
    "kingpin": [
        ("unknown name", {"window": 6}, "unknown parameter 'window'; allowed parameters: tolerance, series"),
        ("wrong type", {"capture_months": "a year"}, "parameter 'capture_months' must be an integer, got str 'a year'"),
        ("year outside the data", {"chapo_after_year": 2030},
         "parameter 'chapo_after_year'=2030 is outside the data; allowed: between 2000 and 2021"),
        ("start after end", {"first_year": 2020, "last_year": 2010},
         "parameter 'first_year'=2020 must be before 'last_year'=2010"),
        ("negative tolerance", {"tolerance": -0.5}, "parameter 'tolerance'=-0.5 is out of range; allowed: between 0.0"),
        ("unknown estimator", {"estimator": "ols"}, "parameter 'estimator'='ols' is not allowed; allowed: one of poisson"),
    ],
    "watchlist": [
        ("unknown name", {"source": "cato"}, "unknown parameter 'source'; allowed parameters: tolerance, tsds_baseline_fy"),
        ("wrong type", {"smuggling_year": "2021"}, "parameter 'smuggling_year' must be an integer, got str '2021'"),
        ("year outside the data", {"aid_last_fy": 2030},
         "parameter 'aid_last_fy'=2030 is outside the data; allowed: between 2000 and 2022"),
        ("start after end", {"tsds_baseline_fy": 2023, "tsds_end_fy": 2020},
         "parameter 'tsds_baseline_fy'=2023 must be before 'tsds_end_fy'=2020"),
        ("share above one", {"paid_share_high": 1.5},
         "parameter 'paid_share_high'=1.5 is out of range; allowed: between 0.0 and 1.0"),
        ("source without the years", {"gotaway_source": "mayorkas"},
         "parameter 'gotaway_source'='mayorkas' has no figure for FY2022, FY2023"),
    ],
    "border_index": [
        ("unknown name", {"normalisation": "rank"}, "unknown parameter 'normalisation'; allowed parameters: countries"),
        ("wrong type", {"countries": "USA"}, "parameter 'countries' must be a list, got str 'USA'"),
        ("unknown country", {"countries": ["USA", "MEX", "XXX", "ATL"]},
         "parameter 'countries' has unknown value(s) 'XXX', 'ATL'; allowed: a list of distinct values from: AFG, AGO"),
        ("year without an edition", {"year": 2022}, "parameter 'year'=2022 is not allowed; allowed: one of 2021, 2023"),
        ("unknown normalization", {"normalization": "log"},
         "parameter 'normalization'='log' is not allowed; allowed: one of minmax, zscore, rank"),
        ("weights not summing to one", {"weights": {"crime_governance": 0.7, "international_agreements": 0.7}},
         "parameter 'weights' must sum to 1"),
        ("negative weight", {"weights": {"crime_governance": 1.5, "international_agreements": -0.5}},
         "parameter 'weights' must be numbers of zero or more"),
        ("geometric without positive values", {"aggregation": "geometric"},
         "parameter 'aggregation'='geometric' needs positive normalized values"),
    ],
}
CASES = [(slug, *case) for slug, cases in BAD_PARAMETERS.items() for case in cases]


def test_every_chapter_has_its_bad_parameter_table():
    assert set(BAD_PARAMETERS) == set(CHAPTER_NOTEBOOKS)


def test_guns_money_reruns_with_other_parameters(tmp_path):
    wider = run(tmp_path, "guns_money", borderlands="border-states", officers_shifted=5000,
                weights={"harm": 1.0, "probability": 0.0, "feasibility": 0.0})
    assert wider["heyman-borderlands-population.verdict"] == "understated"
    assert wider["borderlands_people"] == "70,850,713"
    assert wider["share_of_patrol"] == "24%"
    assert wider["rubric_ordering"] == "terrorism = guns-drugs-money > unauthorized migration"


def test_kingpin_reruns_with_another_window_and_estimator(tmp_path):
    other = run(tmp_path, "kingpin", estimator="log-rate", capture_months=6, window_after=12)
    assert other["capture_months"] == "6" and other["estimator_name"].startswith("least squares")
    # defaults (Poisson, 12 months) give +41% and "overstated"; see test_kingpin.py
    assert not other["capture_effect"].startswith("+41%")
    assert other["byers-kingpin-capture-homicide-effects.verdict"] in ("accurate", "roughly right", "overstated")


def test_watchlist_reruns_with_other_sources_and_assumptions(tmp_path):
    other = run(tmp_path, "watchlist", gotaway_source="house-hsc", comparison_border="southwest",
                fee_low_usd=2000.0, fee_high_usd=4000.0, overdose_year=2015)
    assert other["byers-tsds-encounters-between-ports.verdict"] == "accurate"
    assert other["gotaway_known"] == "1,821,084"
    assert other["byers-cartel-smuggling-revenue-2021.verdict"] == "overstated"
    assert other["revenue_high"] == "$8.19 billion"
    assert other["sluys-overdose-deaths-over-100000.verdict"] == "overstated"


def test_border_index_reruns_with_other_parameters(tmp_path):
    other = run(tmp_path, "border_index", normalization="rank", aggregation="geometric", year=2021,
                countries=["USA", "CAN", "MEX", "GTM", "HND", "SLV"], draws=500, seed=7)
    assert other["year"] == "2021" and other["n_countries"] == "6" and other["draws"] == "500"
    assert other["usa_rank"] == "2 of 6" and other["mex_rank"] == "3 of 6"  # Canada ranks first
    assert other["caune-unficyp-established-1974.verdict"] == "misdated"


@pytest.mark.parametrize("slug, kind, parameters, message", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_bad_parameters_stop_the_notebook_with_a_named_cause(tmp_path, slug, kind, parameters, message):
    with pytest.raises(pm.PapermillExecutionError) as error:
        run(tmp_path, slug, **parameters)
    assert error.value.ename == "ValueError"
    assert message in error.value.evalue
