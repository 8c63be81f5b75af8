"""Names every layer needs: the repository's paths, the chapters in reading order, the table of contents.

Only the standard library and PyYAML: a warm build imports this without pandas.
"""
from __future__ import annotations

from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD = REPO_ROOT / "_build"
CHAPTERS = {
    "budgets": "Border Patrol vs ports of entry: budgets and staffing",
    "guns_money": "Guns, money and the human cost",
    "kingpin": "The kingpin strategy and Mexico's homicides",
    "watchlist": "Watchlist encounters, gotaways and smuggling money",
    "border_index": "Measuring border security",
}
LEDGER_PAGE = "book/ledger.ipynb"
LEDGER_FILES_KEY = "ledger_files"  # output metadata in which the ledger page hands its files to the build


def toc_pages() -> list[str]:
    """Every page listed in ``_toc.yml``, in reading order, as its path without suffix
    (``book/chapters/budgets``): notebooks and markdown pages alike."""
    def files(node):
        if isinstance(node, dict):
            if "file" in node or "root" in node:
                yield node.get("file", node.get("root"))
            for value in node.values():
                yield from files(value)
        elif isinstance(node, list):
            for item in node:
                yield from files(item)
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text())
    return list(dict.fromkeys(files(toc)))


def toc_notebooks() -> list[Path]:
    """The notebooks listed in ``_toc.yml``, in reading order."""
    paths = [REPO_ROOT / f"{name}.ipynb" for name in toc_pages()]
    return [p for p in paths if p.is_file()]
