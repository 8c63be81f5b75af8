"""The page "How to cite and reuse": the citation of the current edition, read from ``CITATION.cff``, and
each data source's own terms, read from the catalogue (``licenses`` of each resource)."""
from __future__ import annotations

from html import escape

import yaml

from analysis.core.data import catalogue
from analysis.site.editions import CITATION, current

TEXT_LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
TEXT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def citation() -> str:
    """The book's citation for the current edition."""
    cff = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    authors = ", ".join(a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"])
    version, date = current()
    return f"{authors} ({date[:4]}). {cff['title']}, edition {version} ({date})."


def data_terms_html() -> str:
    """One row per data file: its publisher and the terms it is published under, linked where they are online."""
    rows = []
    for entry in catalogue()["resources"]:
        terms = "; ".join(
            (f'<a href="{escape(t["path"])}">{escape(t["title"])}</a>' if t.get("path") else escape(t["title"]))
            for t in entry["licenses"])
        rows.append(f'<tr><td><code>data/{escape(entry["path"])}</code></td><td>{escape(entry["publisher"])}</td>'
                    f"<td>{terms}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("File", "Publisher", "Terms"))
    return f'<table class="data-terms table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def page_values() -> dict:
    version, date = current()
    return {"citation": citation(), "edition": version, "edition_date": date, "text_licence": TEXT_LICENCE}
