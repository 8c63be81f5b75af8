"""The bibliography's entries as readers read them: no research notes, secondary sources marked from the
data catalogue's tier, in the order the text cites them (author, year)."""
from __future__ import annotations

import functools
import re

import pybtex.database
from pybtex.backends.plaintext import Backend

from analysis.core.data import REPO_ROOT
from analysis.site import bibliography

NOTES = re.compile(r"title from the page address|copy used|not recorded|essay 0\d\d|read from|github\.com/[^ ]*commit",
                   re.IGNORECASE)


@functools.cache
def formatted() -> dict[str, str]:
    """Every entry as the book prints it, formatted once (tests only read it)."""
    data = pybtex.database.parse_file(REPO_ROOT / "book" / "references.bib")
    style = bibliography.Style()
    return {e.key: e.text.render(Backend()) for e in style.format_entries(style.sort(data.entries.values()))}


def test_entries_carry_no_research_notes_and_keep_their_source():
    entries = formatted()
    bib = (REPO_ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    assert NOTES.search(bib)  # the notes are there, for the catalogue's readers
    assert [key for key, text in entries.items() if NOTES.search(text)] == []
    assert entries["cbp_bp_staffing"].startswith("U.S. Customs and Border Protection.")
    assert "https://www.cbp.gov/" in entries["cbp_bp_staffing"]


def test_secondary_sources_are_marked_as_the_catalogue_rates_them():
    tiers = bibliography.source_tiers()
    assert tiers["cbp_bp_staffing"] == "official"  # read itself for the staffing table, though quoted elsewhere too
    assert tiers["americasvoice_spending"] == "secondary"
    entries = formatted()
    marked = {key for key, text in entries.items() if text.endswith(f"{bibliography.SECONDARY}.")}
    assert marked == {key for key, tier in tiers.items() if tier == "secondary" and key in entries}
    assert "heyman2011" not in marked


def test_entries_follow_the_citations_author_then_year():
    data = pybtex.database.parse_file(REPO_ROOT / "book" / "references.bib")
    order = [e.key for e in bibliography.Style().sort(data.entries.values())]
    names = [bibliography.CitedOrder().sorting_key(data.entries[k]) for k in order]
    assert names == sorted(names)
    assert order.index("lindo_padilla_romo_2015_cato") < order.index("lindo_padilla_romo_2018")  # same authors, by year
    assert order.index("byers2024") < order.index("caune2024") < order.index("heyman2011")
