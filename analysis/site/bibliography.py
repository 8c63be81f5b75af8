"""The bibliography as readers see it: entries in the order the text cites them (author, year), without
the project's research notes, each source the data catalogue rates secondary marked so.

The notes in ``book/references.bib`` (which copy was read, where a title came from) are for the data
catalogue's readers, not the book's: the style leaves the ``note`` field out, and any "(title not
recorded)" or "read from ..." remark inside a field. ``analysis.tools.sphinx_fixes`` registers the style
under the name ``bsn``, which ``_config.yml`` sets as ``bibtex_default_style``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.sorting import BaseSortingStyle

from analysis.core.data import catalogue, load

SECONDARY = "Secondary source"  # the label a secondary entry carries (the catalogue's tier)
RESEARCH_REMARKS = re.compile(r"\s*\((?:[^()]*\bnot (?:recorded|identified|shown)\b[^()]*)\)|,?\s*read from .*$",
                              re.IGNORECASE)


@lru_cache(maxsize=1)
def source_tiers() -> dict[str, str]:
    """Each cited publication's tier as the catalogue gives it: a resource's own ``tier``, or, for a
    resource of mixed tiers, each row's. A publication the book read itself for any figure is official;
    it is secondary when every figure taken from it was read through an intermediary."""
    tiers: dict[str, set] = {}
    for entry in catalogue()["resources"]:
        keys = entry.get("citation") or []
        for key in [keys] if isinstance(keys, str) else keys:
            if entry.get("tier") in ("official", "secondary"):
                tiers.setdefault(key, set()).add(entry["tier"])
        columns = {f["name"] for f in entry.get("schema", {}).get("fields", [])}
        if {"citation", "tier"} <= columns:
            for key, tier in load(entry["name"])[["citation", "tier"]].dropna().itertuples(index=False):
                tiers.setdefault(key, set()).add(tier)
    return {key: "official" if "official" in found else "secondary" for key, found in tiers.items()}


def _first_name(entry) -> str:
    """What a citation of the entry starts with: its authors' (or editors') last names, else the body that
    published it, else its title."""
    for role in ("author", "editor"):
        if role in entry.persons:
            return " ".join(" ".join(p.last_names) or " ".join(p.first_names) for p in entry.persons[role])
    for field in ("organization", "institution", "publisher", "journal", "howpublished", "title"):
        if field in entry.fields:
            return entry.fields[field]
    return entry.key


class CitedOrder(BaseSortingStyle):
    """Author (or publishing body), then year, then title, ignoring case, braces and accents' order."""

    def sorting_key(self, entry):
        clean = lambda text: re.sub(r"[{}\\]", "", str(text)).casefold()
        return clean(_first_name(entry)), entry.fields.get("year", ""), clean(entry.fields.get("title", ""))


class Style(Plain):
    """pybtex's plain style without research notes, secondary sources labelled, sorted as cited."""
    default_sorting_style = CitedOrder

    def format_entry(self, label, entry, bib_data=None):
        fields = entry.fields
        saved = dict(fields)
        try:
            fields.pop("note", None)
            for name in ("title", "howpublished", "journal", "publisher"):
                if name in fields:
                    fields[name] = RESEARCH_REMARKS.sub("", fields[name])
            formatted = super().format_entry(label, entry, bib_data=bib_data)
        finally:
            fields.clear()
            fields.update(saved)
        if source_tiers().get(entry.key) == "secondary":
            formatted.text = Text(formatted.text, " ", Tag("strong", f"{SECONDARY}."))
        return formatted
