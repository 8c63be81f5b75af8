"""The claims ledger: every registered claim with its verdict, from the chapters' defaults, and
whether that verdict survives the chapters' other sensible choices (analysis.robustness)."""
from __future__ import annotations

from html import escape

import pandas as pd

from analysis import chapters, robustness
from analysis.build import LEDGER_FILES_KEY
from analysis.claims import Claim, essays, registry
from analysis.fmt import recomputed, sentence
from analysis.verdicts import DESCRIPTIVE, NOT_YET_CHECKED, VERDICTS

COLUMNS = ["id", "essay", "claim", "stated", "recomputed", "recomputed_high", "unit", "verdict", "reason",
           "robustness", "tier", "chapter"]
NOT_VARIED = "not varied: its chapter declares no alternative values"


def stated_text(claim: Claim) -> str:
    """The author's figures as printed, for tables."""
    return "; ".join(f.as_printed for f in claim.stated)


def chapter_results() -> dict[str, dict]:
    """Each written chapter's results with default parameters, by claim id."""
    results = {}
    for slug in chapters.written():
        module = chapters.module(slug)
        for result in module.check_claims(**module.PARAMETERS.defaults()):
            results[result.claim_id] = result.as_dict()
    return results


def published(value: float | None) -> float | None:
    """Ten significant digits: enough for any figure here, and free of the last-bit noise that
    parallel sums in the regression library leave between runs (two builds must match byte for byte)."""
    return None if value is None else float(f"{value:.10g}")


def build() -> pd.DataFrame:
    """One row per registered claim, in registry order."""
    results = chapter_results()
    unknown = set(results) - set(registry())
    if unknown:
        raise ValueError(f"chapters computed claims missing from the registry: {', '.join(sorted(unknown))}")
    assessed = robustness.assess({claim_id: result["verdict"] for claim_id, result in results.items()})
    rows = []
    for claim in registry().values():
        row = {"id": claim.id, "essay": claim.essay, "claim": claim.claim, "stated": stated_text(claim),
               "recomputed": None, "recomputed_high": None, "unit": claim.stated[0].unit,
               "verdict": NOT_YET_CHECKED,
               "reason": "Its chapter is not written yet.", "robustness": None, "tier": None,
               "chapter": claim.chapter}
        if claim.status == "descriptive":
            row |= {"verdict": DESCRIPTIVE, "reason": "A descriptive number or a proposal; no data can test it."}
        elif claim.id in results:
            result = results[claim.id]
            row |= {k: result[k] for k in ("recomputed", "recomputed_high", "unit", "verdict", "reason", "tier")}
            row["recomputed"], row["recomputed_high"] = published(row["recomputed"]), published(row["recomputed_high"])
            row["robustness"] = assessed.get(claim.id, NOT_VARIED)
        if (claim.status == "checked") != (claim.id in results):
            raise ValueError(f"claim {claim.id}: registry status {claim.status!r} does not match its chapter "
                             f"({'computes' if claim.id in results else 'does not compute'} it)")
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def to_json(frame: pd.DataFrame) -> str:
    return frame.to_json(orient="records", indent=2, force_ascii=False, double_precision=6) + "\n"


def to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


FILES = {"ledger.json": to_json, "ledger.csv": to_csv}


def publish(frame: pd.DataFrame) -> None:
    """Hand the downloadable files to the build, in the metadata of an output the page hides: the
    build writes them from the executed page, so they hold exactly the ledger it shows, computed once."""
    from IPython.display import display
    display({"text/plain": f"ledger files: {', '.join(FILES)}"}, raw=True,
            metadata={LEDGER_FILES_KEY: {name: write(frame) for name, write in FILES.items()}})


def summary(frame: pd.DataFrame) -> dict:
    """Counts for the ledger page's prose (glued, never typed)."""
    counts = frame["verdict"].value_counts()
    return {
        "n_claims": len(frame),
        "n_essays": frame["essay"].nunique(),
        "n_checked": int((~frame["verdict"].isin([NOT_YET_CHECKED, DESCRIPTIVE])).sum()),
        "n_not_yet_checked": int(counts.get(NOT_YET_CHECKED, 0)),
        "n_descriptive": int(counts.get(DESCRIPTIVE, 0)),
        "n_robust": int((frame["robustness"] == robustness.ROBUST).sum()),
        "n_depends": int(frame["robustness"].fillna("").str.startswith(robustness.DEPENDS).sum()),
    }


def to_html(frame: pd.DataFrame) -> str:
    """The ledger as an HTML table; each checked claim links to its section in its chapter."""
    rows = []
    for row in frame.itertuples(index=False):
        title = escape(chapters.CHAPTERS[row.chapter])
        if chapters.module(row.chapter) is None:
            where = f"{title} (to come)"
        else:
            anchor = f"#{row.id}" if row.verdict not in (NOT_YET_CHECKED, DESCRIPTIVE) else ""
            where = f'<a href="chapters/{row.chapter}.html{anchor}">{title}</a>'
        cells = [escape(essays()[row.essay]['short']), escape(row.claim), escape(row.stated),
                 escape(recomputed(row.recomputed, row.recomputed_high, row.unit)) if row.recomputed is not None else "",
                 f'<span class="verdict">{escape(row.verdict)}</span>',
                 escape(row.reason) + _robustness_line(row.robustness), where]
        rows.append(f'<tr id="ledger-{row.id}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in
                   ("Essay", "Claim", "Stated", "Recomputed", "Verdict", "Reason", "Chapter"))
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
