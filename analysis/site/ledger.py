"""The claims ledger: every registered claim with its verdict, from the chapters' defaults, and
whether that verdict survives the chapters' other sensible choices (analysis.site.robustness)."""
from __future__ import annotations

from html import escape
from types import SimpleNamespace

import pandas as pd

from analysis.site import robustness
from analysis import chapters
from analysis.core.book import LEDGER_FILES_KEY
from analysis.core.claims import Claim, essays, registry
from analysis.core.fmt import recomputed, sentence
from analysis.core.verdicts import DESCRIPTIVE, KIND_RULES, VERDICTS, Check, ClaimResult, unverified

COLUMNS = ["id", "essay", "claim", "stated", "verdict", "reason", "faithful", "holds", "robustness", "checks",
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


def build() -> pd.DataFrame:
    """One row per registered claim, in registry order."""
    results = chapter_results()
    unknown = set(results) - set(registry())
    if unknown:
        raise ValueError(f"chapters computed claims missing from the registry: {', '.join(sorted(unknown))}")
    assessed = robustness.assess({claim_id: result.verdict for claim_id, result in results.items()})
    rows = []
    for claim in registry().values():
        if (claim.status == "checked") != (claim.id in results):
            raise ValueError(f"claim {claim.id}: registry status {claim.status!r} does not match its chapter "
                             f"({'computes' if claim.id in results else 'does not compute'} it)")
        row = {"id": claim.id, "essay": claim.essay, "claim": claim.claim, "stated": stated_text(claim),
               "faithful": None, "holds": None, "robustness": None, "checks": [], "chapter": claim.chapter}
        if claim.status == "descriptive":
            row |= {"verdict": DESCRIPTIVE, "reason": "A descriptive number or a proposal; no data can test it."}
        else:
            result = results[claim.id] if claim.status == "checked" else unverified(claim)
            row |= {"verdict": result.verdict, "reason": result.reason, "faithful": result.faithful,
                    "holds": result.holds, "checks": _checks(result)}
            if claim.status == "checked":
                row["robustness"] = assessed.get(claim.id, NOT_VARIED)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


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


def to_html(frame: pd.DataFrame) -> str:
    """The ledger as an HTML table: each claim with each stated figure beside its recomputed one, linked
    to its section in its chapter."""
    rows = []
    for row in frame.itertuples(index=False):
        title = escape(chapters.CHAPTERS[row.chapter])
        anchor = f"#{row.id}" if row.verdict != DESCRIPTIVE else ""
        where = f'<a href="chapters/{row.chapter}.html{anchor}">{title}</a>'
        figures = "<br>".join(f"{escape(c['stated'])} \u2192 {escape(recomputed(SimpleNamespace(**c)))} "
                              f"<em>({escape(c['verdict'])})</em>" for c in row.checks) or escape(row.stated)
        cells = [escape(essays()[row.essay]['short']), escape(row.claim), figures,
                 f'<span class="verdict">{escape(row.verdict)}</span>',
                 escape(row.reason) + _robustness_line(row.robustness), where]
        rows.append(f'<tr id="ledger-{row.id}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in
                   ("Essay", "Claim", "Stated \u2192 recomputed", "Verdict", "Reason", "Chapter"))
    return (f'<table class="ledger table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _robustness_line(text: str | None) -> str:
    """The robustness under the reason, as a sentence."""
    if not isinstance(text, str):
        return ""
    shown = "Robust: the same verdict under every alternative tried." if text == robustness.ROBUST \
        else f"{sentence(text)}."
    return f'<br><small class="robustness">{escape(shown)}</small>'


def verdict_scale() -> pd.DataFrame:
    """The verdict scale with what each verdict means."""
    return pd.DataFrame({"verdict": list(VERDICTS), "meaning": list(VERDICTS.values())})


def kind_rules() -> pd.DataFrame:
    """How each kind of stated figure is graded (the engine's own rules, as the ledger page prints them)."""
    return pd.DataFrame({"kind of statement": list(KIND_RULES), "rule": list(KIND_RULES.values())})
