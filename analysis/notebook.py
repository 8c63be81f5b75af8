"""What the notebooks call to publish results: glue every number, so no number is typed in prose."""
from __future__ import annotations

import ast
import json
import numbers
from pathlib import Path

import pandas as pd

from analysis.fmt import recomputed
from analysis.verdicts import ClaimResult


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
    """Glue keys for each claim: ``<id>.verdict``, ``.reason``, ``.stated``, ``.recomputed``."""
    values = {}
    for r in results:
        values[f"{r.claim_id}.verdict"] = r.verdict
        values[f"{r.claim_id}.reason"] = r.reason
        values[f"{r.claim_id}.stated"] = r.stated
        values[f"{r.claim_id}.recomputed"] = recomputed(r.recomputed, r.recomputed_high, r.unit)
    return values


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
    from analysis.claims import claim
    return {f"{r.claim_id}.claim": claim(r.claim_id).claim for r in results}


def table(frame: pd.DataFrame):
    """A table for readers: full cell text (pandas would cut it), no row numbers, no random ids."""
    from IPython.display import HTML
    return HTML(frame.to_html(index=False, escape=True, border=0, classes="table", justify="left"))


def results_table(results: list[ClaimResult]) -> pd.DataFrame:
    """Stated vs recomputed and the verdict, one row per claim (each section gives the reason)."""
    return pd.DataFrame({
        "claim": [r.claim_id for r in results],
        "stated": [r.stated for r in results],
        "recomputed": [recomputed(r.recomputed, r.recomputed_high, r.unit) for r in results],
        "verdict": [r.verdict for r in results],
    })
