"""One module per chapter, each computing that chapter's claims from its parameters; a chapter of many
topics is a package, its contract in its ``__init__`` and one module per topic.

Every chapter keeps one contract (tests/test_chapters.py checks it): ``PARAMETERS``, ``TIME_NEEDED``,
``PREREQUISITES``, ``check_claims(**params)`` returning its checked claims' results,
``chapter_values(**params)`` (the numbers its prose glues) and ``figures(**params)`` (its charts).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from analysis.core.book import CHAPTERS


def module(slug: str) -> ModuleType:
    """The chapter's module."""
    if slug not in CHAPTERS:
        raise ValueError(f"unknown chapter {slug!r}; chapters: {', '.join(CHAPTERS)}")
    return importlib.import_module(f"{__name__}.{slug}")


def source_files(slug: str) -> list[Path]:
    """The files of a chapter's code: its module, or its package's ``__init__.py`` and then its modules by name."""
    path = Path(module(slug).__file__)
    if path.name != "__init__.py":
        return [path]
    return [path, *sorted(p for p in path.parent.glob("*.py") if p != path)]
