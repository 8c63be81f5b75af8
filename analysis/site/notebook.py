"""What the notebooks call to publish results: glue every number, so no number is typed in prose."""
from __future__ import annotations

import ast
import json
import numbers
import re
from pathlib import Path

import pandas as pd
import yaml

from analysis.core.claims import claim as registered
from analysis.core.fmt import recomputed
from analysis.core.plotting import FIGURE_DATA_KEY, figure_csv
from analysis.core.verdicts import ClaimResult


def plain(value):
    """numpy scalars become Python numbers (myst-nb formats numpy 2 scalars badly)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return value


def glue_values(values: dict) -> None:
    """Glue each value under its key, without displaying it."""
    from myst_nb import glue
    for key, value in values.items():
        glue(key, plain(value), display=False)


def result_values(results: list[ClaimResult]) -> dict:
    """Glue keys for each claim: ``<id>.verdict``, ``.reason``, ``.stated`` and ``.recomputed`` (each
    stated figure and its recomputed value, in the same order), and ``.checks`` (each stated figure, its
    recomputed value and verdict, as JSON, for ``reproduce`` to compare figure with figure)."""
    values = {}
    for r in results:
        values[f"{r.claim_id}.verdict"] = r.verdict
        values[f"{r.claim_id}.reason"] = r.reason
        values[f"{r.claim_id}.stated"] = r.stated
        values[f"{r.claim_id}.recomputed"] = "; ".join(recomputed(c) for c in r.checks)
        values[f"{r.claim_id}.checks"] = json.dumps([[c.stated, recomputed(c), c.verdict] for c in r.checks],
                                                    ensure_ascii=False)
    return values


def sharp_figures() -> None:
    """Figures as PNG drawn at twice their size and shown at their size (the output says so, and myst-nb
    sizes the image from it): sharp on high-resolution screens, where SVG of a dense scatter would be heavy."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats
    set_matplotlib_formats("retina")


def publish(chapter, params: dict) -> list[ClaimResult]:
    """Everything a chapter notebook glues, through the chapter contract: its claims' results, the claims
    in the book's words, the teachers' guide values, the prose values and the figures. Returns the results."""
    from analysis.core.claims import registry
    from analysis.core.verdicts import unverified
    results = chapter.check_claims(**params)
    slug = chapter.__name__.rsplit(".", 1)[-1]
    sharp_figures()
    shown = results + [unverified(c) for c in registry().values() if c.chapter == slug and c.status == "unverifiable"]
    glue_values(result_values(shown) | claim_texts(shown) | guide_values(chapter) | chapter.chapter_values(**params))
    glue_figures(chapter.figures(**params))
    return results


def glue_figures(figures: dict) -> None:
    """Glue each figure as myst-nb's ``glue`` does (hidden), with the values it draws as CSV in the output's
    metadata under ``FIGURE_DATA_KEY``: the site writes that file beside the page and links it under the
    figure (``analysis.tools.sphinx_fixes``), so every figure offers exactly the data it plots."""
    from IPython.core.formatters import format_display_data
    from IPython.display import display
    from myst_nb.ext.glue import GLUE_PREFIX
    for key, fig in figures.items():
        bundle, metadata = format_display_data(fig)
        metadata |= {"scrapbook": {"name": key, "mime_prefix": GLUE_PREFIX}, FIGURE_DATA_KEY: figure_csv(fig)}
        display({GLUE_PREFIX + mime: value for mime, value in bundle.items()}, raw=True, metadata=metadata)


def glued(path: Path) -> dict[str, str]:
    """The text of every value an executed notebook glued, by key (strings without their quotes)."""
    values = {}
    for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = [v for k, v in output.get("data", {}).items() if k.endswith("text/plain")]
            if name and text:
                values[name] = _unquoted("".join(text[0]))
    return values


def _unquoted(text: str) -> str:
    """A string's repr back to the string; any other repr (numbers, figures) as it is."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def claim_texts(results: list[ClaimResult]) -> dict:
    """Glue keys ``<id>.claim``: each claim in the book's own words, from the registry."""
    from analysis.core.claims import claim
    return {f"{r.claim_id}.claim": claim(r.claim_id).claim for r in results}


def guide_values(chapter) -> dict:
    """Glue keys ``time_needed`` and ``prerequisites``: what a chapter declares for teachers (its
    ``TIME_NEEDED`` and ``PREREQUISITES``), shown in its learning goals and on the teachers page; and
    ``downloads``: the block linking its handout and answer key and saying how to run its notebook."""
    from IPython.display import HTML
    from analysis.site.teaching import chapter_downloads_html
    return {"time_needed": chapter.TIME_NEEDED, "prerequisites": chapter.PREREQUISITES,
            "downloads": HTML(chapter_downloads_html(chapter.__name__.rsplit(".", 1)[-1]))}


def table(frame: pd.DataFrame):
    """A table for readers: full cell text (pandas would cut it), no row numbers, no random ids."""
    from IPython.display import HTML
    return HTML(frame.to_html(index=False, escape=True, border=0, classes="table", justify="left"))


def results_table(results: list[ClaimResult]) -> pd.DataFrame:
    """Each stated figure beside its recomputed one, with its own verdict and the claim's (each section
    gives the reason). Claims go by their registry title, never their id."""
    rows = [{"claim": registered(r.claim_id).title, "stated": c.stated, "recomputed": recomputed(c), "figure's verdict": c.verdict,
             "claim's verdict": r.verdict} for r in results for c in r.checks]
    return pd.DataFrame(rows, columns=["claim", "stated", "recomputed", "figure's verdict", "claim's verdict"])


# --- exercises: the chapter re-run with another parameter, for a solution to quote ---------------------

def prefixed(name: str, values: dict) -> dict:
    """Glue keys ``<name>.<key>``: the same values for another scenario, without clashing with the page's."""
    return {f"{name}.{key}": value for key, value in values.items()}


def changed_verdicts(before: list[ClaimResult], after: list[ClaimResult]) -> str:
    """The claims whose verdict differs between two runs, as "title (old → new)", or "none"."""
    old = {r.claim_id: r.verdict for r in before}
    changed = [f"{registered(r.claim_id).title} ({old[r.claim_id]} \u2192 {r.verdict})" for r in after if old.get(r.claim_id) != r.verdict]
    return "; ".join(changed) or "none"


def scenario(name: str, chapter, params: dict, results: list[ClaimResult], *, values: bool = False,
             **changes) -> dict:
    """Glue keys for an exercise's solution: the chapter re-run with ``changes`` to its parameters, as
    ``<name>.<claim id>.verdict`` (and ``.stated``, ``.recomputed``, ``.reason``), ``<name>.changed``
    (which verdicts moved from ``results``), ``<name>.<parameter>`` for each change and, with
    ``values``, the chapter's prose numbers as ``<name>.<key>``. A solution's numbers are then
    computed, never typed."""
    rerun_params = params | changes
    rerun = chapter.check_claims(**rerun_params)
    glued = prefixed(name, result_values(rerun) | changes) | {f"{name}.changed": changed_verdicts(results, rerun)}
    if values:
        glued |= prefixed(name, chapter.chapter_values(**rerun_params))
    return glued


# --- schema.org ClaimReview: the ledger in a form machines read, on each chapter page -------------------

def book_config() -> dict:
    """The book's ``_config.yml`` (its title and ``html.baseurl`` go into the ClaimReview records)."""
    from analysis.core.data import REPO_ROOT, record_read
    return yaml.safe_load(record_read(REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))


def review_url(claim_id: str, chapter: str, baseurl: str | None) -> str:
    """Where a claim's review is: its section on the chapter page (the claim id is the anchor).
    Absolute under ``html.baseurl`` when the book has one; else relative to the chapter page itself,
    which is right wherever the site is served from."""
    page = f"{chapter}.html#{claim_id}"
    return f"{baseurl.rstrip('/')}/book/chapters/{page}" if baseurl else page


def essay_authors(essay: dict) -> list[dict]:
    """The essay's authors as schema.org persons; an essay whose author is not confirmed is
    attributed to the publication that carries it."""
    if essay["author"] == "not confirmed":
        return [{"@type": "Organization", "name": essay["publisher"]}]
    return [{"@type": "Person", "name": name} for name in re.split(r",\s*|\s+and\s+", essay["author"]) if name]


def claim_reviews(results: list[ClaimResult], config: dict | None = None) -> dict:
    """One schema.org ClaimReview per result: the claim in the book's words, the essay it comes from,
    and the verdict as the rating's ``alternateName``. The verdict scale is not ordinal (a misquotation
    is not "worse" than an overstatement), so no numeric ratingValue is given; the reason goes in
    ``ratingExplanation``."""
    from analysis.core.claims import claim, essays
    from analysis.site.editions import current
    config = book_config() if config is None else config
    version, date = current()  # the edition that publishes these reviews
    book = {"@type": "Organization", "name": config["title"]}
    baseurl = (config.get("html") or {}).get("baseurl") or None
    reviews = []
    for r in results:
        c = claim(r.claim_id)
        essay = essays()[c.essay]
        reviews.append({
            "@type": "ClaimReview",
            "url": review_url(c.id, c.chapter, baseurl),
            "claimReviewed": c.claim,
            "author": book,
            "datePublished": date,
            "version": version,
            "itemReviewed": {
                "@type": "Claim",
                "author": essay_authors(essay),
                "datePublished": essay["date"],
                "appearance": {"@type": "CreativeWork", "headline": essay["title"], "datePublished": essay["date"],
                               "publisher": {"@type": "Organization", "name": essay["publisher"]}},
            },
            "reviewRating": {"@type": "Rating", "alternateName": r.verdict, "ratingExplanation": r.reason},
        })
    return {"@context": "https://schema.org", "@graph": reviews}


def claim_review(results: list[ClaimResult]):
    """The chapter's ClaimReview records as one JSON-LD script, for a ``remove-input`` cell."""
    from IPython.display import HTML
    text = json.dumps(claim_reviews(results), ensure_ascii=False).replace("</", "<\\/")
    return HTML(f'<script type="application/ld+json">\n{text}\n</script>')
