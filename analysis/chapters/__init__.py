"""One module per chapter, each computing that chapter's claims from its parameters.

Every chapter keeps one contract (tests/test_chapters.py checks it): ``PARAMETERS``, ``TIME_NEEDED``,
``PREREQUISITES``, ``check_claims(**params)`` returning its checked claims' results,
``chapter_values(**params)`` (the numbers its prose glues) and ``figures(**params)`` (its charts).
"""
from __future__ import annotations

import importlib
from types import ModuleType

from analysis.core.book import CHAPTERS


def module(slug: str) -> ModuleType:
    """The chapter's module."""
    if slug not in CHAPTERS:
        raise ValueError(f"unknown chapter {slug!r}; chapters: {', '.join(CHAPTERS)}")
    return importlib.import_module(f"{__name__}.{slug}")
