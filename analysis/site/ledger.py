"""The claims ledger: every registered claim with its verdict, from the chapters' defaults, and
whether that verdict survives the chapters' other sensible choices (analysis.site.robustness)."""
from __future__ import annotations

import re
from html import escape
from types import SimpleNamespace

import pandas as pd

from analysis.site import robustness
from analysis import chapters
from analysis.core.book import LEDGER_FILES_KEY
from analysis.core.claims import Claim, essays, registry
from analysis.core.fmt import recomputed, sentence
from analysis.core.verdicts import DESCRIPTIVE, FAILING, KIND_RULES, VERDICTS, Check, ClaimResult, unverified

COLUMNS = ["id", "title", "essay", "claim", "stated", "verdict", "reason", "faithful", "holds", "robustness", "checks",
           "chapter"]
CHECK_COLUMNS = list(Check.PUBLISHED)
NOT_VARIED = "not varied: its chapter declares no alternative values"


def stated_text(claim: Claim) -> str:
    """The author's figures as printed, for tables."""
    return "; ".join(f.as_printed for f in claim.stated)


def chapter_results() -> dict[str, ClaimResult]:
    """Each chapter's checked claims with default parameters, by claim id."""
    return {r.claim_id: r for slug in list(chapters.CHAPTERS)
            for r in chapters.module(slug).check_claims(**chapters.module(slug).PARAMETERS.defaults())}


def published(value: float | None) -> float | None:
    """Ten significant digits: enough for any figure here, and free of the last-bit noise that
    parallel sums in the regression library leave between runs (two builds must match byte for byte)."""
    return None if value is None else float(f"{value:.10g}")


def _checks(result: ClaimResult) -> list[dict]:
    return [{k: published(v) if k in ("recomputed", "low", "high") else v for k, v in c.as_dict().items()}
            for c in result.checks]


def build(assess_robustness: bool = True) -> pd.DataFrame:
    """One row per registered claim, in registry order (the home page, which shows no robustness, skips
    its costly re-grading)."""
    results = chapter_results()
    unknown = set(results) - set(registry())
    if unknown:
        raise ValueError(f"chapters computed claims missing from the registry: {', '.join(sorted(unknown))}")
    assessed = robustness.assess({claim_id: result.verdict for claim_id, result in results.items()}) \
        if assess_robustness else {}
    rows, explained = [], {}
    for claim in registry().values():
        if (claim.status == "checked") != (claim.id in results):
            raise ValueError(f"claim {claim.id}: registry status {claim.status!r} does not match its chapter "
                             f"({'computes' if claim.id in results else 'does not compute'} it)")
        row = {"id": claim.id, "title": claim.title, "essay": claim.essay, "claim": claim.claim, "stated": stated_text(claim),
               "faithful": None, "holds": None, "robustness": None, "checks": [], "chapter": claim.chapter}
        if claim.status == "descriptive":
            row |= {"verdict": DESCRIPTIVE, "reason": "A descriptive number or a proposal; no data can test it."}
        else:
            result = results[claim.id] if claim.status == "checked" else unverified(claim)
            row |= {"verdict": result.verdict, "reason": result.reason, "faithful": result.faithful,
                    "holds": result.holds, "checks": _checks(result)}
            if claim.status == "checked":
                varied = claim.id in assessed if assess_robustness else None
                row["robustness"] = robustness.describe(assessed[claim.id]) if varied else NOT_VARIED
                explained[claim.id] = robustness.explain(assessed[claim.id], claim.chapter) if varied \
                    else sentence(NOT_VARIED) + "."
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs["robustness_explained"] = explained  # for readers: parameters by their meaning
    return frame


def to_json(frame: pd.DataFrame) -> str:
    return frame.to_json(orient="records", indent=2, force_ascii=False, double_precision=10) + "\n"


def to_csv(frame: pd.DataFrame) -> str:
    """One row per stated figure (a claim with no figure checked, a descriptive one, gets one row)."""
    claim_columns = [c for c in COLUMNS if c != "checks"]
    rows = []
    for record in frame.to_dict(orient="records"):
        base = {k: record[k] for k in claim_columns}
        for check in record["checks"] or [dict.fromkeys(CHECK_COLUMNS)]:
            rows.append(base | {f"check_{k}": check[k] for k in CHECK_COLUMNS})
    columns = claim_columns + [f"check_{k}" for k in CHECK_COLUMNS]
    return pd.DataFrame(rows, columns=columns).to_csv(index=False, lineterminator="\n")


FILES = {"ledger.json": to_json, "ledger.csv": to_csv}


def publish(frame: pd.DataFrame) -> None:
    """Hand the downloadable files to the build, in the metadata of an output the page hides: the
    build writes them from the executed page, so they hold exactly the ledger it shows, computed once."""
    from IPython.display import display
    display({"text/plain": f"ledger files: {', '.join(FILES)}"}, raw=True,
            metadata={LEDGER_FILES_KEY: {name: write(frame) for name, write in FILES.items()}})


def summary(frame: pd.DataFrame) -> dict:
    """Counts for the ledger page's prose (glued, never typed)."""
    status = {c.id: c.status for c in registry().values()}
    statuses = frame["id"].map(status).value_counts()
    return {
        "n_claims": len(frame),
        "n_essays": frame["essay"].nunique(),
        "n_checked": int(statuses.get("checked", 0)),
        "n_unverifiable": int(statuses.get("unverifiable", 0)),
        "n_descriptive": int(statuses.get("descriptive", 0)),
        "n_checks": int(frame["checks"].map(len).sum()),
        "n_robust": int((frame["robustness"] == robustness.ROBUST).sum()),
        "n_depends": int(frame["robustness"].fillna("").str.startswith(robustness.DEPENDS).sum()),
    }


HEADINGS = {"essay": "Essay", "claim": "Claim", "figures": "Stated \u2192 recomputed", "verdict": "Verdict",
            "reason": "Reason", "chapter": "Chapter"}
FILTERS = {"essay": "Essay", "chapter": "Chapter", "verdict": "Verdict"}
# The end of a reason's first sentence: a full stop after a lower-case letter, a digit or a bracket
# (so "U.S. Border Patrol" is not cut), then a capital.
SENTENCE_END = re.compile(r"(?<=[a-z0-9)%]\.)\s+(?=[A-Z])")


def verdict_label(verdict: str) -> str:
    """A verdict as a coloured label whose words carry it without the colour (book.css colours it)."""
    return f'<span class="verdict verdict-{verdict.replace(" ", "-")}">{escape(verdict)}</span>'


def verdict_count(verdicts: list[str]) -> str:
    """"59 claims: 12 accurate, 3 overstated, ...": the count under the filters (ledger.js writes the
    same sentence for the filtered rows)."""
    counts = pd.Series(verdicts).value_counts()
    parts = [f"{counts[v]} {v}" for v in VERDICTS if v in counts]
    return f"{len(verdicts)} claims: {', '.join(parts)}."


def _options(values: dict[str, str]) -> str:
    return "".join(f'<option value="{escape(k)}">{escape(v)}</option>' for k, v in values.items())


def _filters(frame: pd.DataFrame) -> str:
    """The filter and sort controls, hidden until ledger.js runs (without it the table is all there is)."""
    present = set(frame["verdict"])
    choices = {"essay": {k: e["short"] for k, e in essays().items()},
               "chapter": dict(chapters.CHAPTERS),
               "verdict": {v: v for v in VERDICTS if v in present}}
    selects = "".join(f'<label>{label} <select name="{name}"><option value="">all</option>'
                      f"{_options(choices[name])}</select></label>" for name, label in FILTERS.items())
    orders = {"ascending": "A\u2013Z", "descending": "Z\u2013A"}
    sort = _options({f"{key} {order}": f"{heading} ({shown})"
                     for key, heading in HEADINGS.items() for order, shown in orders.items()})
    return (f'<form class="ledger-filters" hidden>{selects}'
            f'<label>Sort by <select name="sort"><option value="">registry order</option>{sort}</select></label>'
            f"</form>")


def _reason(row, explained: dict[str, str]) -> str:
    """The reason's first sentence, with the rest, the robustness and the sources behind a disclosure."""
    first, *rest = SENTENCE_END.split(row.reason, maxsplit=1)  # first_sentence, and the rest
    more = [f"<p>{escape(rest[0])}</p>"] if rest else []
    if row.id in explained:
        more.append(f'<p class="robustness">{escape(explained[row.id])}</p>')
    more.append(f'<p class="sources">{_sources(row)}</p>')
    return f'<details><summary>{escape(first)}</summary>{"".join(more)}</details>'


def _sources(row) -> str:
    """The essay (linked to its bibliography entry) and the sources each stated figure was checked against."""
    essay = f'<a href="bibliography.html#{bib_anchor(row.essay)}">{escape(essays()[row.essay]["short"])}</a>'
    checked = list(dict.fromkeys(c["source"] for c in row.checks if c["source"]))
    return f"Essay: {essay}." + (f" Checked against: {escape('; '.join(checked))}." if checked else "")


def bib_anchor(key: str, bibliography: int = 1) -> str:
    """An entry's id in the bibliography page's ``bibliography``-th list (1: the essays, 2: the sources of
    data), as ``bibtex_cite_id`` in _config.yml makes it and docutils spells ids."""
    return re.sub(r"[^a-z0-9]+", "-", f"bib-{bibliography}-{key}".lower()).strip("-")


def to_html(frame: pd.DataFrame) -> str:
    """The ledger as an HTML table: each claim with each stated figure beside its recomputed one, linked
    to its section in its chapter. ledger.js adds filters, sorting and a count that follows them; book.css
    sets it as cards on narrow screens. Cells carry ``data-sort`` where their text would sort wrongly."""
    explained = frame.attrs.get("robustness_explained", {})
    chapter_order = {slug: i for i, slug in enumerate(chapters.CHAPTERS)}
    verdict_order = {v: i for i, v in enumerate(VERDICTS)}
    rows = []
    for row in frame.itertuples(index=False):
        anchor = f"#{row.id}" if row.verdict != DESCRIPTIVE else ""
        figures = "<br>".join(f"{escape(c['stated'])} \u2192 {escape(recomputed(SimpleNamespace(**c)))} "
                              f"<em>({escape(c['verdict'])})</em>" for c in row.checks) or escape(row.stated)
        cells = {
            "essay": ("", escape(essays()[row.essay]["short"])),
            "claim": ("", f'<strong class="claim-title">{escape(row.title)}</strong> {escape(row.claim)}'),
            "figures": ("", figures),
            "verdict": (verdict_order[row.verdict], verdict_label(row.verdict)),
            "reason": ("", _reason(row, explained)),
            "chapter": (chapter_order[row.chapter],
                        f'<a href="chapters/{row.chapter}.html{anchor}">{escape(chapters.CHAPTERS[row.chapter])}</a>'),
        }
        tds = "".join(f'<td data-label="{HEADINGS[key]}"' + (f' data-sort="{order}"' if order != "" else "")
                      + f">{html}</td>" for key, (order, html) in cells.items())
        rows.append(f'<tr id="ledger-{row.id}" data-essay="{row.essay}" data-chapter="{row.chapter}" '
                    f'data-verdict="{escape(row.verdict)}">{tds}</tr>')
    head = "".join(f'<th scope="col" data-key="{key}">{heading}</th>' for key, heading in HEADINGS.items())
    return (f'<div class="ledger-app">{_filters(frame)}'
            f'<p class="ledger-count" aria-live="polite">{verdict_count(list(frame["verdict"]))}</p>'
            f'<table class="ledger table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            '<script src="../_static/ledger.js" defer></script>')


def first_sentence(text: str) -> str:
    return SENTENCE_END.split(text, maxsplit=1)[0]


def findings_html(frame: pd.DataFrame) -> str:
    """The home page's findings, essay by essay: its verdict counts, each claim that fails (a verdict in
    ``FAILING``) linked to its section with the first sentence of its reason, and the chapters that check it."""
    parts = []
    for key, essay in essays().items():
        rows = frame[frame["essay"] == key]
        counts = rows["verdict"].value_counts()
        labels = ", ".join(f"{counts[v]} {verdict_label(v)}" for v in VERDICTS if v in counts)
        slugs = [s for s in chapters.CHAPTERS if s in set(rows["chapter"])]
        where = ", ".join(f'<a href="chapters/{s}.html">{escape(chapters.CHAPTERS[s])}</a>' for s in slugs)
        failing = rows[rows["verdict"].isin(FAILING)]
        items = "".join(f'<li data-claim="{r.id}"><a href="chapters/{r.chapter}.html#{r.id}">{escape(r.title)}</a>: '
                        f"{escape(r.claim)} {verdict_label(r.verdict)} {escape(first_sentence(r.reason))}</li>"
                        for r in failing.itertuples(index=False))
        fails = f'<ul class="findings-failing">{items}</ul>' if items else \
            '<p class="findings-failing">No claim fails.</p>'
        parts.append(f'<section class="findings-essay" data-essay="{key}"><h3>'
                     f'<a href="bibliography.html#{bib_anchor(key)}">{escape(essay["short"])}</a>: '
                     f'<cite>{escape(essay["title"])}</cite></h3>'
                     f'<p class="findings-counts">{len(rows)} claims: {labels}.</p>{fails}'
                     f'<p class="findings-chapters">Checked in: {where}.</p></section>')
    return '<div class="findings">' + "".join(parts) + "</div>"


def verdict_scale() -> pd.DataFrame:
    """The verdict scale with what each verdict means."""
    return pd.DataFrame({"verdict": list(VERDICTS), "meaning": list(VERDICTS.values())})


def kind_rules() -> pd.DataFrame:
    """How each kind of stated figure is graded (the engine's own rules, as the ledger page prints them)."""
    return pd.DataFrame({"kind of statement": list(KIND_RULES), "rule": list(KIND_RULES.values())})
