"""The book's published editions: each one's ledger, kept in ``editions/<version>/ledger.json``, and what
changed between them, with the reasons recorded in ``editions/reasons.yaml``.

Editions are numbered ``YEAR.N``, the Nth edition published in that year; ``CITATION.cff`` names the current
one (``version`` and ``date-released``). An edition file is ``{"edition", "date", "claims": [...]}`` whose
claims are the site's ``ledger.json`` records as that edition published them. Older editions kept an older
record format (one ``recomputed`` figure per claim instead of a ``checks`` list); both are read here.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import SimpleNamespace

import yaml

from analysis.core.book import REPO_ROOT
from analysis.core.fmt import recomputed

EDITIONS = REPO_ROOT / "editions"
CITATION = REPO_ROOT / "CITATION.cff"
REASONS = EDITIONS / "reasons.yaml"
NOT_TESTED = recomputed(SimpleNamespace(recomputed=None, low=None, high=None, unit=""))


@dataclass(frozen=True)
class Edition:
    version: str
    date: str
    claims: list[dict]


def current() -> tuple[str, str]:
    """The current edition's version and date, from ``CITATION.cff``."""
    data = sys.modules.get("analysis.core.data")  # loaded in every notebook; the build itself does without pandas
    if data:  # a page naming the edition (a download's name, a ClaimReview) is executed again for a new one
        data.record_read(CITATION)
    cff = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    return str(cff["version"]), str(cff["date-released"])


def _order(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def versions() -> list[str]:
    """The committed editions, oldest first."""
    return sorted((p.parent.name for p in EDITIONS.glob("*/ledger.json")), key=_order)


def path(version: str) -> Path:
    return EDITIONS / version / "ledger.json"


def from_json(content, origin: str = "") -> Edition:
    """An edition file's content, or a site's ``ledger.json`` (a bare list of records: no edition named)."""
    if isinstance(content, list):
        return Edition("", "", content)
    if isinstance(content, dict) and {"edition", "date", "claims"} <= set(content):
        return Edition(str(content["edition"]), str(content["date"]), content["claims"])
    raise ValueError(f"{origin or 'ledger'}: expected a list of claim records, or an edition "
                     "{\"edition\", \"date\", \"claims\": [...]}")


def load(version: str) -> Edition:
    return from_json(json.loads(path(version).read_text(encoding="utf-8")), str(path(version)))


def previous(version: str) -> str | None:
    """The edition before ``version`` (None for the first)."""
    earlier = [v for v in versions() if _order(v) < _order(version)]
    return earlier[-1] if earlier else None


def write(version: str, date: str, records: list[dict]) -> Path:
    """Commit a ledger as an edition (run when an edition is published: ``python -m analysis edition``)."""
    target = path(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"edition": version, "date": date, "claims": records}, indent=2,
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def figures(record: dict) -> dict[str, str]:
    """A claim record's recomputed figures as the reader sees them, by stated figure: from its ``checks``,
    or, in the older format, from its one ``recomputed`` figure (and ``recomputed_high`` for a range)."""
    if "checks" in record:
        shown = {}
        for check in record["checks"] or []:  # a figure checked twice (say, as reported and in the data):
            value = recomputed(SimpleNamespace(**check))  # its first recomputed value
            if shown.get(check["stated"], NOT_TESTED) == NOT_TESTED:
                shown[check["stated"]] = value
        return shown
    if record.get("recomputed") is None and record.get("recomputed_high") is None:
        return {}
    high = record.get("recomputed_high")
    check = SimpleNamespace(recomputed=None if high is not None else record["recomputed"],
                            low=record["recomputed"] if high is not None else None, high=high, unit=record["unit"])
    return {record["stated"]: recomputed(check)}


@dataclass(frozen=True)
class Change:
    id: str
    chapter: str
    what: str  # added, removed, verdict, figures or reason (the wording of the verdict's reason)
    verdict: str  # "before → now", or the one verdict
    figures: list[str]  # "stated: before → now" for each figure that moved
    reason: str


def _moved(old: dict, new: dict) -> list[str]:
    """The figures whose recomputed value moved. An older record has a single figure for all its stated
    ones; it is matched with the first check in the same unit."""
    before, now = figures(old), figures(new)
    if "checks" not in old and before:
        same_unit = [c["stated"] for c in new.get("checks") or [] if c["unit"] == old["unit"]]
        before = {same_unit[0]: next(iter(before.values()))} if same_unit else {}
    return [f"{stated}: {before[stated]} \u2192 {value}"
            for stated, value in now.items() if stated in before and before[stated] != value]


def reasons(version: str) -> tuple[str, dict[str, str]]:
    """The default reason and the per-claim reasons recorded for an edition's changes."""
    recorded = (yaml.safe_load(REASONS.read_text(encoding="utf-8")) or {}).get(version) or {}
    return recorded.get("default", "reason not recorded"), recorded.get("claims") or {}


def changes(old: Edition, new: Edition, version: str) -> list[Change]:
    """Every claim added, removed, or whose verdict, figures or reason moved between two editions."""
    default, by_claim = reasons(version)
    before = {r["id"]: r for r in old.claims}
    now = {r["id"]: r for r in new.claims}
    found = []
    for claim_id, record in now.items():
        why = by_claim.get(claim_id, default)
        if claim_id not in before:
            found.append(Change(claim_id, record["chapter"], "added", record["verdict"], [], why))
            continue
        was = before[claim_id]
        moved = _moved(was, record)
        what = ("verdict" if was["verdict"] != record["verdict"] else "figures" if moved
                else "reason" if was["reason"] != record["reason"] else None)
        if what:
            verdict = (f"{was['verdict']} \u2192 {record['verdict']}" if what == "verdict" else record["verdict"])
            found.append(Change(claim_id, record["chapter"], what, verdict, moved, why))
    found += [Change(claim_id, r["chapter"], "removed", r["verdict"], [], by_claim.get(claim_id, default))
              for claim_id, r in before.items() if claim_id not in now]
    return found


WHAT = {"verdict": "verdict moved", "figures": "figures moved", "added": "claim added", "removed": "claim removed",
        "reason": "reason reworded"}


def changes_html(found: list[Change]) -> str:
    """The changes as a table, verdicts first, each claim linked to its section."""
    order = list(WHAT)
    rows = "".join(
        f'<tr id="change-{escape(c.id)}"><td><a href="chapters/{escape(c.chapter)}.html#{escape(c.id)}">'
        f"{escape(c.id)}</a></td><td>{WHAT[c.what]}</td><td>{escape(c.verdict)}</td>"
        f"<td>{'<br>'.join(escape(f) for f in c.figures)}</td><td>{escape(c.reason)}</td></tr>"
        for c in sorted(found, key=lambda c: order.index(c.what)))
    head = "".join(f"<th>{h}</th>" for h in ("Claim", "Change", "Verdict", "Figures that moved", "Why"))
    return f'<table class="changes table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def page_values(found: list[Change], version: str, date: str, before: str) -> dict:
    """What the page's prose cites (glued, never typed)."""
    count = {what: sum(c.what == what for c in found) for what in WHAT}
    return {"edition": version, "edition_date": date, "previous_edition": before,
            "n_verdicts_moved": count["verdict"], "n_figures_moved": count["figures"], "n_added": count["added"],
            "n_removed": count["removed"], "n_reworded": count["reason"]}
