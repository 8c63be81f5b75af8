"""Whether each verdict survives other sensible choices of its chapter's parameters.

Each chapter declares, beside a parameter's default, a short ``grid`` of sensible alternatives
(the other deflator, a tighter or looser tolerance, the neighbouring baseline year, another
series). Every claim is re-graded with one parameter at a time moved to each alternative, the
others at their defaults: a claim is robust when its verdict never changes, and otherwise depends
on the named choices. One at a time keeps the cost linear in the grid (a kingpin regression costs
seconds). Alternatives that a chapter's cross-parameter checks refuse are skipped, and listed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import chapters
from analysis.core.memo import traced
from analysis.core.params import Parameters
from analysis.site.reviewers import no_separation_notes

ROBUST = "robust"
DEPENDS = "depends on "


@dataclass(frozen=True)
class Variant:
    """One parameter moved to one alternative; ``values`` is None when a check refused it, and ``skipped`` says why."""
    chapter: str
    parameter: str
    value: Any
    values: dict | None
    skipped: str = ""


def variants(slug: str, parameters: Parameters) -> list[Variant]:
    """The chapter's one-at-a-time alternatives, each validated like a reader's value; a grid
    value its parameter does not allow is an error naming the parameter (a mistake in the grid)."""
    defaults = parameters.validate({})
    found = []
    for param in parameters.params:
        for value in param.grid:
            try:
                value = param.validate(value)
            except ValueError as error:
                raise ValueError(f"chapter {slug!r}: the grid of parameter {param.name!r} holds a value it does "
                                 f"not allow: {error}") from None
            if value == defaults[param.name]:
                raise ValueError(f"chapter {slug!r}: the grid of parameter {param.name!r} repeats its default "
                                 f"{value!r}; list only alternatives")
            try:
                found.append(Variant(slug, param.name, value, parameters.validate(defaults | {param.name: value})))
            except ValueError as error:  # the value is allowed alone, not with the other defaults
                found.append(Variant(slug, param.name, value, None, str(error)))
    return found


def all_variants() -> list[Variant]:
    """Every written chapter's alternatives; a chapter without grids has none."""
    return [v for slug in list(chapters.CHAPTERS) for v in variants(slug, chapters.module(slug).PARAMETERS)]


def describe(changes: dict[str, list[str]]) -> str:
    """``robust``, or e.g. ``depends on deflator (gdp: overstated); tolerance (0.05: roughly right)``."""
    if not changes:
        return ROBUST
    return DEPENDS + "; ".join(f"{name} ({', '.join(found)})" for name, found in changes.items())


def explain(changes: dict[str, list[str]], slug: str) -> str:
    """The same for readers: each parameter by its meaning (its ``meaning`` in the chapter's PARAMETERS),
    each choice by its label (``readable``)."""
    if not changes:
        return "Robust: the same verdict under every alternative tried."
    params = {p.name: p for p in chapters.module(slug).PARAMETERS.params}
    shown = {name: [f"{readable(slug, params[name], value)}:{verdict}" for value, verdict in (f.split(":", 1) for f in found)]
             for name, found in changes.items()}
    return "Depends on: " + "; ".join(f"{params[name].meaning} ({', '.join(found)})" for name, found in shown.items()) + "."


def _choice_labels(slug: str, param) -> dict:
    """The labels a chapter gives its parameter's choices: a module-level mapping of the chapter (or of
    the core it draws on) whose keys cover the choices and whose values are words (``GOTAWAY_LABELS``,
    ``DEFLATORS``, ``NORMALIZATIONS``), those named ``*_LABELS`` first."""
    import importlib
    import pkgutil
    from analysis.core import inflation
    package = chapters.module(slug)
    modules = [package, inflation] + ([importlib.import_module(f"{package.__name__}.{m.name}")
                                       for m in pkgutil.iter_modules(package.__path__)] if hasattr(package, "__path__") else [])
    options = set(map(str, param.options() or ()))
    found = [(not name.endswith("LABELS"), value) for module in modules for name, value in vars(module).items()
             if name.isupper() and isinstance(value, dict) and options and options <= set(map(str, value))
             and all(isinstance(v, str) for v in value.values())]
    return min(found, key=lambda f: f[0])[1] if found else {}


def readable(slug: str, param, value: Any) -> str:
    """A choice as readers read it: its label where the chapter gives one, a switch as yes or no, a key's
    hyphens as spaces; numbers as they are."""
    text = _shown(value).strip()
    if text in ("True", "False"):
        return {"True": "yes", "False": "no"}[text]
    labels = _choice_labels(slug, param)
    if text in labels:
        return labels[text]
    return text.replace("-", " ") if re.fullmatch(r"[a-z][a-z-]*", text) else text


def chapter_grid(slug: str) -> list[tuple[Variant, list]]:
    """A chapter's claims re-graded under each alternative of its grid, kept on disk with the files
    they were computed from: the build computes them beside the chapters' notebooks, on another
    core, and the ledger page reads them back."""
    module = chapters.module(slug)
    return _regraded(slug, tuple(v for v in variants(slug, module.PARAMETERS) if v.values is not None))


@traced
def _regraded(slug: str, tried: tuple[Variant, ...]) -> list[tuple[Variant, list]]:
    """The alternatives are part of the key: a changed grid is computed afresh."""
    with no_separation_notes():
        return [(v, chapters.module(slug).check_claims(**v.values)) for v in tried]


def assess(default_verdicts: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """For each claim a chapter with grids computes: the alternatives that change its verdict from its
    verdict under the defaults (``default_verdicts``, by claim id), by parameter, as ``value: verdict``
    (none: the verdict is robust); ``describe`` and ``explain`` put them in words."""
    changes: dict[str, dict[str, list[str]]] = {}
    for variant, results in [found for slug in list(chapters.CHAPTERS) for found in chapter_grid(slug)]:
        for result in results:
            moved = changes.setdefault(result.claim_id, {})
            if result.verdict != default_verdicts[result.claim_id]:
                moved.setdefault(variant.parameter, []).append(f"{_shown(variant.value)}: {result.verdict}")
    return changes


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def grid_table() -> pd.DataFrame:
    """The alternatives tried, by chapter and parameter, and those skipped with the reason (for the ledger page)."""
    rows = {}
    for variant in all_variants():
        params = chapters.module(variant.chapter).PARAMETERS
        param = next(p for p in params.params if p.name == variant.parameter)
        row = rows.setdefault((variant.chapter, variant.parameter), {
            "chapter": chapters.CHAPTERS[variant.chapter], "choice": param.meaning,
            "default": readable(variant.chapter, param, params.defaults()[variant.parameter]),
            "alternatives tried": [], "skipped": []})
        if variant.values is None:
            row["skipped"].append(f"{readable(variant.chapter, param, variant.value)} ({variant.skipped})")
        else:
            row["alternatives tried"].append(readable(variant.chapter, param, variant.value))
    frame = pd.DataFrame(list(rows.values()), columns=["chapter", "choice", "default", "alternatives tried",
                                                       "skipped"])
    for column in ("alternatives tried", "skipped"):
        frame[column] = frame[column].map("; ".join)
    return frame
