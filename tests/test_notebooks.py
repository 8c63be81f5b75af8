"""The notebooks: thin, committed without outputs, re-runnable with papermill, numbers glued not typed."""
from __future__ import annotations

import re

import nbformat
import papermill as pm
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
import pytest

from analysis import chapters
from analysis.chapters import budgets
from analysis.core.data import REPO_ROOT
from analysis.site.notebook import glued

BOOK = REPO_ROOT / "book"
NOTEBOOKS = sorted(BOOK.rglob("*.ipynb"))
CHAPTER_NOTEBOOKS = {slug: BOOK / "chapters" / f"{slug}.ipynb" for slug in list(chapters.CHAPTERS)}


def test_every_written_chapter_has_a_notebook():
    assert set(CHAPTER_NOTEBOOKS) == {"budgets", "guns_money", "kingpin", "watchlist", "border_index"}
    assert all(path.is_file() for path in CHAPTER_NOTEBOOKS.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"


# --- no number typed into the prose, in digits or in words ------------------------------------------
#
# Every number the reader sees comes in through glue ({glue:text}`key`). The check reads each
# notebook's markdown cells and each .md page as a reader would: inline code, code blocks, role
# targets (glue keys, citation keys), link addresses, HTML tags, anchors and the options that hold
# identifiers (:name:, :label:, :class:) are set aside; everything else is prose and is checked,
# including figure alt text (:alt:), captions, admonition titles, exercises and solutions.
#
# A number is any digit, or any English number name, alone or inside a hyphenated compound
# ("one-hundred-thousand", "nineteen-nineties", "twenty-first"):
_CARDINALS = ("zero nought one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
              "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
              "thousand million billion trillion dozen").split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth "
             "sixtieth seventieth eightieth ninetieth hundredth thousandth millionth billionth trillionth").split()
# fractions and multiples state a figure too ("up by a sixth", "doubled", "half of", "twice as high")
_FRACTIONS_AND_MULTIPLES = ("half halves halve halved halving quarter quarters twice thrice double doubled doubles "
                            "doubling triple tripled triples tripling quadruple quadrupled quadrupling quintuple "
                            "quintupled quintupling").split()
NUMBER_WORDS = frozenset(
    _CARDINALS + [w + "s" for w in _CARDINALS] + ["teens"]  # "ones", "tens", "thousands", "nineties", "the teens"
    + _ORDINALS + [w + "s" for w in _ORDINALS if w != "second"]  # "thirds", "fifths"; "seconds" is a unit of time
    + [w + "fold" for w in _CARDINALS]  # "fivefold", "tenfold"
    + _FRACTIONS_AND_MULTIPLES
)
# Deliberately not numbers: words with a numeric root whose sense in the book is not a figure, such as
# "single", "once" ("once the repository is published", "more than once"), "both", "several", units of
# time ("decade", "annual", "biennial", "quarterly") and statistical terms ("median", "percentile").
#
# The allow-list: phrases where a number word names something rather than stating a figure. Each entry
# says why; prefer rewording the prose to adding one.
ALLOWED_PHRASES = (
    # the rank bands of the border index, as its tables and glued conclusions name them ("P(top third)",
    # "robustly in the top third"); the size of a band is glued (`third`)
    (r"\b(?:top|middle|bottom) third\b", "a rank band's name"),
    # the calendar quarter as a unit of time, like "month": the event study counts time in quarters
    (r"\b(?:by|last) quarter\b|\bquarters beyond\b", "the quarter as a unit of time"),
    # a unit of scale, like "persons": a chart's values "in billions of US dollars"
    (r"\bin\s+(?:thousands|millions|billions)\s+of\b", "a unit of scale"),
)
# directive options that hold identifiers or layout, not prose; every other option (:alt: above all) is prose
_IDENTIFIER_OPTIONS = {"name", "label", "class", "all", "width", "height", "figwidth", "align", "scale"}
# directives whose argument is a key, a label or a path, not a title
_KEYED_DIRECTIVES = {"glue:figure", "glue", "glue:any", "glue:math", "glue:text", "solution", "bibliography", "figure",
                     "image", "include", "literalinclude"}
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<directive>[\w:-]+)\}\s*(?P<argument>.*))?.*$")


def _prose(markdown: str) -> str:
    """The text a reader reads, from MyST markdown (see the comment above for what is set aside)."""
    lines, directives, code_fence, in_options = [], [], None, False
    for line in markdown.splitlines():
        stripped = line.strip()
        if code_fence:  # inside a code block: code, like inline code, is not prose
            if stripped.startswith(code_fence) and not stripped.strip(code_fence[0]):
                code_fence = None
            continue
        fence = _FENCE.match(stripped)
        if fence and fence["directive"]:  # a directive opens; its options come next
            directives.append(fence["fence"])
            in_options = True
            if fence["directive"] not in _KEYED_DIRECTIVES:
                lines.append(fence["argument"])  # an admonition's or an exercise's title
            continue
        if fence and stripped == fence["fence"] and directives and stripped.startswith(directives[-1]):
            directives.pop()  # the innermost directive closes
            continue
        if fence and fence["fence"][0] != ":":  # a code block opens
            code_fence = fence["fence"]
            continue
        option = re.match(r"^:([\w-]+):\s*(.*)$", stripped)
        if in_options and option:
            if option[1] not in _IDENTIFIER_OPTIONS:
                lines.append(option[2])
            continue
        in_options = False
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\{(?:glue|cite|numref|eq)[\w:-]*\}`[^`]*`", " ", text)  # glue and citation keys
    text = re.sub(r"\{[\w:-]+\}`([^`<]*)(?:<[^>]*>)?`", r" \1 ", text)  # other roles: their text, not their target
    text = re.sub(r"`[^`\n]*`", " ", text)  # inline code
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # link addresses
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"(?m)^\([\w-]+\)=\s*$", " ", text)  # anchors
    return text


def typed_numbers(markdown: str) -> list[str]:
    """The numbers typed into a page's prose, in digits or in words (empty when there are none)."""
    text = _prose(markdown)
    for pattern, _why in ALLOWED_PHRASES:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    found = re.findall(r"\S*\d\S*", text)
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        if any(part.lower() in NUMBER_WORDS for part in word.split("-")):
            found.append(word)
    return found


BOOK_PAGES = NOTEBOOKS + sorted(BOOK.rglob("*.md"))


@pytest.mark.parametrize("path", BOOK_PAGES, ids=lambda p: p.name)
def test_no_number_is_typed_into_the_prose(path):
    if path.suffix == ".md":
        sources = [path.read_text()]
    else:
        sources = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    found = [number for source in sources for number in typed_numbers(source)]
    assert not found, f"{path.name}: typed numbers {found}; glue them, or reword so that no figure is stated"


@pytest.mark.parametrize("slug", CHAPTER_NOTEBOOKS)
def test_no_number_is_typed_into_the_prose_a_chapter_module_writes(slug):
    """The teachers page and the learning goals glue prose written in each chapter's module: its summary (the
    docstring's second paragraph) and its prerequisites. (TIME_NEEDED, the authors' estimate of a class's time,
    is declared there in words on purpose.)"""
    from analysis.site.teaching import summary
    module = chapters.module(slug)
    found = typed_numbers(summary(module)) + typed_numbers(module.PREREQUISITES)
    assert not found, f"{module.__file__}: typed numbers {found} in its summary or prerequisites"


TYPED = {  # what the check must catch, each with the number it must report
    "a year in words": ("CBP's budget request for fiscal year two thousand nine.", "two"),
    "a year in alt text": ("```{glue:figure} fig-x\n:name: fig-x\n:alt: Bars rising after nineteen ninety-eight.\n\n"
                           "A caption.\n```", "nineteen"),
    "a digit in a caption": ("```{glue:figure} fig-x\n:name: fig-x\n:alt: Bars.\n\nWith 95% intervals.\n```", "95%"),
    "a hyphenated compound": ("Rising past the dashed one-hundred-thousand line.", "one-hundred-thousand"),
    "a decade": ("Rising steeply from the early nineteen-nineties.", "nineteen-nineties"),
    "an ordinal": ("The whiskers reach the ninety-fifth percentile.", "ninety-fifth"),
    "a fraction": ("Port budgets: doubled, or up by a sixth?", "sixth"),
    "a multiple": ("The strategy doubled local homicide rates.", "doubled"),
    "a magnitude": ("Far more than tens of thousands a day.", "tens"),
    "a digit": ("Set the tolerance to 0.05 and re-run.", "0.05"),
    "a pronoun one": ("Compare the recomputed figure with the stated one.", "one"),
    "an exercise": (":::{exercise}\n:label: ex-a\nMove the baseline by one year.\n:::", "one"),
    "a solution": (":::{solution} ex-a\n:class: dropdown\nIt becomes twice as large.\n:::", "twice"),
    "an admonition title": (":::{admonition} Three goals\n:class: tip\nGoals.\n:::", "Three"),
    "a link's text": ("See [the first chapter](budgets.ipynb).", "first"),
    "a third that is no rank band": ("The budget rose by a third.", "third"),
    "a quarter that is no unit of time": ("A quarter of the budget.", "quarter"),
    "a multiple in one word": ("A fivefold rise.", "fivefold"),
}


@pytest.mark.parametrize("text, number", TYPED.values(), ids=TYPED.keys())
def test_the_check_finds_typed_numbers(text, number):
    assert number in typed_numbers(text)


def test_the_check_passes_glued_numbers_code_and_identifiers():
    page = ("(heyman-bp-staffing-1993-2010)=\n### Staffing\n\n"
            "In FY{glue:text}`start_year` there were {glue:text}`agents_1993` agents {cite:p}`cbp_2019`; try\n"
            "`start_year = 1994`, see [the ledger](../ledger2.ipynb) or <a href=\"x1.json\">JSON</a>.\n\n"
            "```{glue:figure} fig-agents\n:name: fig-agents-2010\n:alt: Line chart rising steeply from the early "
            "part of the series.\n\nAgents on board (persons). Source: CBP.\n```\n\n"
            "```sh\nmake book   # builds 1 site, twice\n```\n\n"
            ":::{solution} budgets-ex-2\n:class: dropdown\nThe top third of the ranks, by quarter, in billions of\n"
            "US dollars.\n:::\n")
    assert typed_numbers(page) == []


@pytest.mark.parametrize("slug", CHAPTER_NOTEBOOKS)
def test_parameter_cell_matches_the_declaration(slug):
    """The parameter cell holds literals (papermill needs them); where a default is read from the data, the
    cell's literal is a copy, and a corrected data row makes this test name the stale copy."""
    declared = pm.inspect_notebook(str(CHAPTER_NOTEBOOKS[slug]))
    module = chapters.module(slug)
    cell = {name: eval(p["default"]) for name, p in declared.items()}
    assert set(cell) == set(module.PARAMETERS.names())
    stale = {name: (cell[name], default) for name, default in module.PARAMETERS.defaults().items()
             if cell[name] != default}
    assert not stale, f"{slug}.ipynb's parameter cell differs from the declaration (cell, declared): {stale}"


@pytest.fixture
def run(tmp_path, notebook_kernels):
    """Run a chapter's notebook through papermill with parameters; its glued values."""
    def execute(slug: str, **parameters) -> dict:
        out = tmp_path / f"{slug}-out.ipynb"
        pm.execute_notebook(str(CHAPTER_NOTEBOOKS[slug]), str(out), parameters=parameters,
                            cwd=str(CHAPTER_NOTEBOOKS[slug].parent), progress_bar=False, kernel_name="python3")
        return glued(out)
    return execute


def checked_parameters(slug: str, **parameters) -> dict:
    """The notebook's own code, run in this process as a kernel would run it first: its parameter cell,
    papermill's injected cell (papermill writes it, from ``parameters``), then the code up to the line
    that validates them (``PARAMETERS.from_namespace(globals())``). Milliseconds instead of a kernel."""
    nb = parameterize_notebook(load_notebook_node(str(CHAPTER_NOTEBOOKS[slug])), parameters,
                               kernel_name="python3", language="python")
    namespace: dict = {}
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        lines = cell.source.splitlines()
        check = [i for i, line in enumerate(lines) if f"{slug}.PARAMETERS.from_namespace(globals())" in line]
        exec("\n".join(lines[:check[0] + 1] if check else lines), namespace)
        if check:
            return namespace["params"]
    raise AssertionError(f"{slug}.ipynb never validates its parameters with {slug}.PARAMETERS.from_namespace")


def test_budgets_reruns_with_other_parameters(run):
    # with its defaults, papermill's run of the notebook gives the published edition's values and verdicts
    # (tests/test_reproduce.py), and the built page shows them (tests/test_build.py): one kernel here suffices
    later = run("budgets", start_year=1994, deflator="gdp")
    assert later["heyman-bp-staffing-1993-2010.recomputed"] == "4.80-fold"
    assert later["heyman-port-budget-1993-2010.recomputed"] == "not tested; 46%"  # no port budget; real growth
    assert later["heyman-bp-staffing-1993-2010.verdict"] == "roughly right"  # 4.80-fold is short of five
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


def test_guns_money_reruns_with_other_parameters(run):
    wider = run("guns_money", borderlands="border-states", officers_shifted=5000,
                weights={"harm": 1.0, "probability": 0.0, "feasibility": 0.0})
    assert wider["heyman-borderlands-population.verdict"] == "understated"
    assert wider["borderlands_people"] == "70,850,713"
    assert wider["share_of_patrol"] == "24%"
    assert wider["rubric_ordering"] == "terrorism = guns-drugs-money > unauthorized migration"


def test_kingpin_reruns_with_another_window_and_estimator(run):
    other = run("kingpin", estimator="log-rate", capture_months=6, window_after=12)
    assert other["capture_months"] == "6" and other["estimator_name"].startswith("least squares")
    # defaults (Poisson, 12 months) give +41% and "overstated"; see test_kingpin.py
    assert not other["capture_effect"].startswith("+41%")
    assert other["byers-kingpin-capture-homicide-effects.verdict"] in ("accurate", "roughly right", "overstated")


def test_watchlist_reruns_with_other_sources_and_assumptions(run):
    other = run("watchlist", gotaway_source="house-hsc", comparison_border="southwest",
                fee_low_usd=2000.0, fee_high_usd=4000.0, overdose_count="final", overdose_year=2015)
    assert other["byers-tsds-encounters-between-ports.verdict"] == "accurate"
    assert other["gotaway_known"] == "1,821,084"
    assert other["byers-cartel-smuggling-revenue-2021.verdict"] == "overstated"
    assert other["revenue_high"] == "$8.19 billion"
    assert other["sluys-overdose-deaths-over-100000.verdict"] == "overstated"


def test_border_index_reruns_with_other_parameters(run):
    other = run("border_index", normalization="rank", aggregation="geometric", year=2021,
                countries=["USA", "CAN", "MEX", "GTM", "HND", "SLV"], draws=500, seed=7)
    assert other["year"] == "2021" and other["n_countries"] == "6" and other["draws"] == "500"
    assert other["usa_rank"] == "2 of 6" and other["mex_rank"] == "4 of 6"  # Canada ranks first
    assert other["caune-unficyp-established-1974.verdict"] == "misdated"


@pytest.mark.parametrize("slug, kind, parameters, message", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_bad_parameters_stop_the_notebook_with_a_named_cause(slug, kind, parameters, message):
    with pytest.raises(ValueError) as error:
        checked_parameters(slug, **parameters)
    assert message in str(error.value)


def test_good_parameters_pass_the_notebooks_check():
    """The in-process check above refuses only what is wrong: papermill's values, as the notebook reads them."""
    assert checked_parameters("budgets", start_year=1994, deflator="gdp") == \
        budgets.PARAMETERS.defaults() | {"start_year": 1994, "deflator": "gdp"}
    weights = {"harm": 1.0, "probability": 0.0, "feasibility": 0.0}
    assert checked_parameters("guns_money", weights=weights)["weights"] == weights


@pytest.mark.parametrize("slug", BAD_PARAMETERS)
def test_a_bad_parameter_stops_the_notebook_in_its_kernel(run, slug):
    """One case per chapter through papermill and a real kernel (whose namespace holds IPython's names too):
    the notebook itself refuses, with the same message as the check in this process."""
    kind, parameters, message = BAD_PARAMETERS[slug][0]
    assert kind == "unknown name"
    with pytest.raises(pm.PapermillExecutionError) as error:
        run(slug, **parameters)
    assert error.value.ename == "ValueError"
    assert message in error.value.evalue


def test_glued_figures_are_drawn_at_twice_the_size_they_are_shown():
    from binascii import a2b_base64
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import _pngxy
    from analysis.site.notebook import sharp_figures
    shell = InteractiveShell.instance()
    sharp_figures()
    module = chapters.module("budgets")
    fig = module.figures(**module.PARAMETERS.defaults())["fig-agents"]
    bundle, metadata = shell.display_formatter.format(fig)
    width, height = _pngxy(a2b_base64(bundle["image/png"]))
    shown = metadata["image/png"]
    assert (shown["width"], shown["height"]) == (width // 2, height // 2)
    # shown at about the figure's own size (tight bounding box), drawn at twice its pixels
    assert 0.8 * fig.get_figwidth() * fig.dpi <= shown["width"] <= 1.05 * fig.get_figwidth() * fig.dpi
