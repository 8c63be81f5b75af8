"""One module per chapter, each computing that chapter's claims from its parameters.

A chapter module exposes ``PARAMETERS`` (an :class:`analysis.params.Parameters`) and
``check_claims(**params) -> list[ClaimResult]``. Chapters whose module does not exist yet
show their claims as not yet checked.
"""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

CHAPTERS = {
    "budgets": "Border Patrol vs ports of entry: budgets and staffing",
    "guns_money": "Guns, money and the human cost",
    "kingpin": "The kingpin strategy and Mexico's homicides",
    "watchlist": "Watchlist encounters, gotaways and smuggling money",
    "border_index": "Measuring border security",
}


def written() -> list[str]:
    """The chapters whose module exists, in the order of ``CHAPTERS``."""
    return [slug for slug in CHAPTERS if module(slug) is not None]


def module(slug: str) -> ModuleType | None:
    """The chapter's module, or None if the chapter is not written yet."""
    if slug not in CHAPTERS:
        raise ValueError(f"unknown chapter {slug!r}; chapters: {', '.join(CHAPTERS)}")
    name = f"{__name__}.{slug}"
    return importlib.import_module(name) if importlib.util.find_spec(name) else None
