"""One contract for every chapter, and verdicts that can fail: every checked claim, moved far in the
wrong direction, must lose its accurate verdict."""
from __future__ import annotations

import math
import re

import matplotlib.figure
import nbformat
import pytest

from analysis.core import verdicts
from analysis import chapters
from analysis.core.claims import registry
from analysis.core.data import REPO_ROOT, catalogue
from analysis.core.params import Parameters
from conftest import chapter_output, chapter_params

SLUGS = list(chapters.CHAPTERS)
COMPUTED = chapter_params(SLUGS)  # tests that compute a chapter: the slow chapters in the slow tier


def results(slug: str) -> list[verdicts.ClaimResult]:
    """The chapter's results with default parameters, computed once per session (tests only read them)."""
    return chapter_output(slug)


@pytest.mark.parametrize("slug", COMPUTED)
def test_every_chapter_keeps_the_contract(slug):
    module = chapters.module(slug)
    assert isinstance(module.PARAMETERS, Parameters)
    assert isinstance(module.TIME_NEEDED, str) and isinstance(module.PREREQUISITES, str)
    found = results(slug)
    assert all(isinstance(r, verdicts.ClaimResult) for r in found)
    expected = [c.id for c in registry().values() if c.chapter == slug and c.status == "checked"]
    assert sorted(r.claim_id for r in found) == sorted(expected)
    values = chapter_output(slug, "chapter_values")
    assert values and all(isinstance(k, str) for k in values)
    assert not [k for k, v in values.items() if isinstance(v, float) and not math.isfinite(v)]
    figures = chapter_output(slug, "figures")
    assert figures and all(isinstance(f, matplotlib.figure.Figure) for f in figures.values())
    glue_cells = [c.source for c in nbformat.read(REPO_ROOT / "book" / "chapters" / f"{slug}.ipynb", 4).cells
                  if c.cell_type == "code" and f"notebook.publish({slug}, params)" in c.source]
    assert len(glue_cells) == 1, f"{slug}: the notebook must glue through notebook.publish({slug}, params)"


@pytest.mark.parametrize("slug", COMPUTED)
def test_every_stated_figure_of_a_checked_claim_is_checked(slug):
    for result in results(slug):
        stated = [f.as_printed for f in registry()[result.claim_id].stated]
        assert list(dict.fromkeys(c.stated for c in result.checks)) == stated, result.claim_id


@pytest.mark.parametrize("slug", SLUGS)
def test_no_chapter_decides_a_verdict(slug):
    source = "".join(f.read_text(encoding="utf-8") for f in chapters.source_files(slug))  # a package's every module
    assert "def check_claims(" in source
    for forbidden in ("ClaimResult(", "dataclasses import replace", "dataclasses.replace", "SEVERITY"):
        assert forbidden not in source, f"{slug}: {forbidden!r}: verdicts are decided in analysis/core/verdicts.py"


def far_wrong(figure) -> list[float]:
    """Values far on the wrong side of a stated figure (both sides for a point)."""
    if figure.kind == "finding":
        return [0.0]  # the record states the opposite
    if figure.kind == "direction":
        return [0.5] if figure.direction == "up" else [2.0]
    if figure.kind == "year":
        return [figure.value + 50, figure.value - 50]
    if figure.kind == "rank":
        return [figure.value + 10]
    if figure.kind == "range":
        return [figure.low / 10 - 10, figure.high * 10 + 10]
    scale = [abs(figure.value) * 10 + 100]
    if figure.qualifier in ("more-than", "at-least"):
        return [figure.value - s for s in scale]
    if figure.qualifier in ("less-than", "at-most"):
        return [figure.value + s for s in scale]
    return [figure.value + s for s in scale] + [figure.value - s for s in scale]


@pytest.mark.parametrize("claim", list(registry().values()), ids=lambda c: c.id)
def test_every_registered_figure_can_fail(claim):
    for figure in claim.stated:
        for x in far_wrong(figure):
            assert verdicts.grade(figure, x, x, 0.1)[0] != verdicts.ACCURATE, (claim.id, figure.as_printed, x)


@pytest.mark.parametrize("slug", COMPUTED)
def test_no_checked_claim_stays_accurate_when_its_values_move_far_the_wrong_way(slug):
    tolerance = chapters.module(slug).PARAMETERS.defaults().get("tolerance", 0.1)
    for result in results(slug):
        for moves in zip(*[far_wrong(c.figure) if c.verdict != verdicts.UNVERIFIABLE else [None] * 2
                           for c in result.checks]):
            evidence = [verdicts.missing(c.figure, "not tested") if x is None else
                        verdicts.Evidence(c.figure, value=x, basis="moved", source=c.source, axis=c.axis)
                        for c, x in zip(result.checks, moves)]
            moved = verdicts.judge(result.claim_id, evidence, tolerance)
            assert moved.verdict not in (verdicts.ACCURATE, verdicts.ROUGHLY_RIGHT) or all(
                c.verdict == verdicts.UNVERIFIABLE for c in result.checks), (result.claim_id, moves, moved.reason)


def test_no_chapter_module_is_over_four_hundred_lines():
    """A chapter of many topics is split into a package, one module per topic (the README's layout)."""
    files = [f for slug in SLUGS for f in chapters.source_files(slug)]
    assert REPO_ROOT / "analysis" / "chapters" / "watchlist" / "encounters.py" in files
    long = {f.relative_to(REPO_ROOT).as_posix(): n for f in files
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, f"split these by topic: {long}"


def figure_texts(fig) -> list[str]:
    """Every text a reader sees in a figure: titles, axis labels, ticks, annotations, legends."""
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), *(t.get_text() for t in ax.texts),
                  *(t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels())]
        if ax.get_legend():
            texts += [ax.get_legend().get_title().get_text(), *(t.get_text() for t in ax.get_legend().get_texts())]
    return [t for t in texts if t]


def internal_names(module) -> set[str]:
    """Names only the code uses: the chapter's parameter choice keys that are not plain words (a hyphen,
    an underscore, a lower-case source key such as ``cato``), claim ids, data file names, essay numbers."""
    plain_words = {"all", "first", "latest", "final", "provisional", "preliminary", "definitive", "captures",
                   "ports", "between", "both", "southwest", "northern", "obligations", "disbursements", "rank",
                   "poisson", "arithmetic", "geometric", "current-file"}
    keys = {str(c) for p in module.PARAMETERS.params if p.choices for c in p.options()}
    keys = {k for k in keys if not k.isdigit() and not k.isupper() and k not in plain_words}
    files = {r["name"] for r in catalogue()["resources"]}
    return keys | set(registry()) | files


@pytest.mark.parametrize("slug", COMPUTED)
def test_figures_show_no_internal_names(slug):
    module = chapters.module(slug)
    figures = chapter_output(slug, "figures")
    names = internal_names(module)
    for key, fig in figures.items():
        texts = figure_texts(fig)
        assert texts, key
        for text in texts:
            shown = [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
            assert not shown, f"{key}: {text!r} shows {shown}"
            assert not re.search(r"essay 0\d\d", text), f"{key}: {text!r}"
