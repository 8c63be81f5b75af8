"""Re-run chapters' notebooks, with other parameters if asked, and list every claim that moved.

``python -m analysis reproduce [--chapter NAME ...] [-p NAME=VALUE ...] [-f params.yaml]`` runs the
notebooks through papermill, in parallel, into an output folder, then compares each claim's
recomputed value and verdict with the ledger of the current edition (or ``--against FILE``). Every chapter name, parameter and value is
checked (with the chapters' own declarations) before any notebook runs. Exit status: 0 nothing
changed, 1 something changed, 2 an error, whose cause is printed in one line.
"""
from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis import chapters
from analysis.tools.build import BUILD, kernels_import_this_checkout
from analysis.core.data import REPO_ROOT, DataError
from analysis.site import editions

UNCHANGED, CHANGED, ERROR = 0, 1, 2  # exit statuses
DEFAULT_OUT = BUILD / "reproduce"


class ReproduceError(Exception):
    """Bad input or a failed notebook; the message names the chapter, parameter or file."""


def parse_value(text: str):
    """A ``-p`` value read as papermill's own ``-p`` reads it: numbers, booleans, None, else a string."""
    from papermill.cli import _resolve_type
    return _resolve_type(text)


def parse_assignments(assignments: list[list[str]]) -> dict:
    """``-p`` values, each given as ``NAME=VALUE`` or as papermill's own ``NAME VALUE``."""
    values = {}
    for words in assignments:
        if len(words) == 1 and "=" in words[0] and not words[0].startswith("="):
            name, _, text = words[0].partition("=")
        elif len(words) == 2 and "=" not in words[0]:
            name, text = words
        else:
            raise ReproduceError(f"-p expects NAME=VALUE (or papermill's NAME VALUE), got {' '.join(words)!r}")
        values[name] = parse_value(text)
    return values


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML itself would keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ReproduceError(f"key {key!r} is given twice (lines {seen[key]} and "
                                     f"{key_node.start_mark.line + 1}); allowed: each parameter once")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def read_parameter_file(path: Path) -> dict:
    """A YAML mapping of parameter names to values (the way to pass mappings such as ``weights``)."""
    try:
        values = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except OSError as error:
        raise ReproduceError(f"parameter file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ReproduceError(f"parameter file {path} is not UTF-8 text") from None
    except ReproduceError as error:
        raise ReproduceError(f"parameter file {path}: {error}") from None
    except yaml.YAMLError as error:
        raise ReproduceError(f"parameter file {path} is not valid YAML: {str(error).splitlines()[0]}"
                             + (f" (line {error.problem_mark.line + 1})" if getattr(error, "problem_mark", None) else "")
                             ) from None
    if not isinstance(values, dict):
        raise ReproduceError(f"parameter file {path} must hold a mapping of parameter names to values, "
                             f"got {type(values).__name__}")
    return values


def _scoped(values: dict, slugs: list[str]) -> tuple[dict, dict[str, dict]]:
    """Split ``CHAPTER.NAME`` parameters (for that chapter alone) from those for every selected chapter."""
    shared, scoped = {}, {slug: {} for slug in slugs}
    for key, value in values.items():
        slug, dot, name = str(key).partition(".")
        if not dot:
            shared[key] = value
        elif slug not in chapters.CHAPTERS:
            raise ReproduceError(f"{key}: unknown chapter {slug!r}; allowed: CHAPTER.NAME with a chapter among "
                                 f"{', '.join(chapters.CHAPTERS)}")
        elif slug not in scoped:
            raise ReproduceError(f"{key}: chapter {slug} is not selected; add --chapter {slug}")
        elif name not in chapters.module(slug).PARAMETERS.names():
            raise ReproduceError(f"unknown parameter {key!r}: {slug} declares "
                                 f"{', '.join(chapters.module(slug).PARAMETERS.names())}")
        else:
            scoped[slug][name] = value
    return shared, scoped


def plan(selected: list[str], values: dict) -> dict[str, dict]:
    """The parameters given to each selected chapter, every one checked by its chapter's declaration:
    ``NAME`` goes to every selected chapter that declares it, ``CHAPTER.NAME`` to that chapter alone (and wins)."""
    for slug in selected:
        if slug not in chapters.CHAPTERS:
            raise ReproduceError(f"unknown chapter {slug!r}; chapters: {', '.join(chapters.CHAPTERS)}")
    slugs = list(dict.fromkeys(selected)) or list(chapters.CHAPTERS)
    values, scoped = _scoped(values, slugs)
    declared = {slug: chapters.module(slug).PARAMETERS.names() for slug in slugs}
    for name in values:
        if not any(name in names for names in declared.values()):
            elsewhere = [slug for slug in chapters.CHAPTERS if name in chapters.module(slug).PARAMETERS.names()]
            hint = (f"it belongs to {', '.join(elsewhere)}: add " + " or ".join(f"--chapter {e}" for e in elsewhere)
                    if elsewhere else
                    "; ".join(f"{slug}: {', '.join(names)}" for slug, names in declared.items()))
            raise ReproduceError(f"unknown parameter {name!r}: no selected chapter declares it; {hint}")
    given = {slug: {k: v for k, v in values.items() if k in names} | scoped[slug] for slug, names in declared.items()}
    for slug, chosen in given.items():
        try:
            chapters.module(slug).PARAMETERS.validate(chosen)
        except (ValueError, TypeError) as error:
            raise ReproduceError(f"{slug}: {error}") from None
    return given


def execute(slug: str, parameters: dict, out: Path) -> Path:
    """Run one chapter's notebook through papermill (in a worker process, whose own and whose kernel's
    messages go to ``<chapter>.log`` beside the output, not over the progress bar)."""
    import papermill as pm
    notebook = REPO_ROOT / "book" / "chapters" / f"{slug}.ipynb"
    output = out / f"{slug}.ipynb"
    with open(out / f"{slug}.log", "w") as log:
        os.dup2(log.fileno(), 2)
    pm.execute_notebook(str(notebook), str(output), parameters=parameters, cwd=str(notebook.parent),
                        kernel_name="python3", progress_bar=False)
    return output


def _failure(error: BaseException) -> str:
    """The first line of what went wrong in a notebook."""
    if getattr(error, "ename", None):
        return f"{error.ename}: {str(error.evalue).splitlines()[0] if error.evalue else ''}"
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def output_folder(out: Path) -> Path:
    """The folder for the executed notebooks, created and tried for writing before any notebook runs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise ReproduceError(f"--out {out}: not a folder that can be written ({error.strerror}); allowed: a writable "
                             "folder, or a path where one can be created") from None
    return out


def run(given: dict[str, dict], out: Path, jobs: int | None) -> dict[str, Path]:
    """Execute the notebooks in parallel, with a progress bar; the first failure stops the run."""
    from tqdm import tqdm
    out.mkdir(parents=True, exist_ok=True)
    kernels_import_this_checkout()
    executed = {}
    with ProcessPoolExecutor(max_workers=min(jobs or os.cpu_count() or 1, len(given))) as pool, \
            tqdm(total=len(given), desc="notebooks", unit="notebook") as bar:
        futures = {pool.submit(execute, slug, parameters, out): slug for slug, parameters in given.items()}
        for future in as_completed(futures):
            slug = futures[future]
            if future.exception() is not None:
                pool.shutdown(cancel_futures=True)
                raise ReproduceError(f"{slug}: the notebook failed: {_failure(future.exception())} "
                                     f"(see {shown(out / slug)}.ipynb and {slug}.log)")
            executed[slug] = future.result()
            bar.set_postfix_str(slug)
            bar.update()
    return {slug: executed[slug] for slug in given}


def published_ledger(against: Path | None) -> tuple[dict[str, dict], str]:
    """The ledger to compare with, by claim id, and which it is: ``against`` (a site's ledger.json or an
    edition file), else the current edition's committed ledger (``editions/<version>/ledger.json``)."""
    path = against or editions.path(editions.current()[0])
    expected = (f"expected a list of claim records, each with {', '.join(LEDGER_FIELDS)}, or an edition file "
                "{\"edition\", \"date\", \"claims\": [...]}")
    try:
        content = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ReproduceError(f"ledger file {path}: {error.strerror}") from None
    except ValueError as error:  # not JSON, or not UTF-8
        raise ReproduceError(f"ledger file {path} is not JSON ({error}); {expected}") from None
    try:
        edition = editions.from_json(content, str(path))
    except ValueError:
        raise ReproduceError(f"ledger file {path} is not a ledger.json: it holds neither a list nor an edition; "
                             f"{expected}") from None
    problem = _ledger_problem(edition.claims)
    if problem:
        raise ReproduceError(f"ledger file {path} is not a ledger.json: {problem}; {expected}")
    origin = f"edition {edition.version} of {edition.date} ({shown(path)})" if edition.version else shown(path)
    return {r["id"]: r for r in edition.claims}, origin


# what compare() reads of each published claim record, and the JSON it can read there
_TEXT, _NUMBER, _LIST = ((str,), "text"), ((int, float, type(None)), "a number or null"), ((list,), "a list")
LEDGER_FIELDS = {"id": _TEXT, "verdict": _TEXT, "checks": _LIST}
OLDER_FIELDS = {"id": _TEXT, "verdict": _TEXT, "stated": _TEXT, "recomputed": _NUMBER, "unit": _TEXT}  # edition 2026.1
CHECK_FIELDS = {"stated": _TEXT, "recomputed": _NUMBER, "low": _NUMBER, "high": _NUMBER, "unit": _TEXT}


def _fields_problem(record, fields: dict, where: str) -> str | None:
    if not isinstance(record, dict):
        return f"{where} is not an object"
    for name, (types, what) in fields.items():
        if name not in record:
            return f"{where} has no {name!r}"
        if not isinstance(record[name], types) or isinstance(record[name], bool):
            return f"{where}'s {name!r} is not {what}"
    return None


def _ledger_problem(records) -> str | None:
    """What makes a ledger.json's content unusable, found before any notebook runs (else after them)."""
    if not isinstance(records, list):
        return "it does not hold a list"
    if not records:
        return "it holds no record"
    for number, record in enumerate(records, 1):
        if isinstance(record, dict) and "checks" not in record and "recomputed" in record:
            problem = _fields_problem(record, OLDER_FIELDS, f"record {number}")
            if problem:
                return problem
            continue
        problem = _fields_problem(record, LEDGER_FIELDS, f"record {number}") or next(
            (p for i, check in enumerate(record["checks"], 1)
             if (p := _fields_problem(check, CHECK_FIELDS, f"record {number}'s check {i}"))), None)
        if problem:
            return problem
    return None


@dataclass(frozen=True)
class Figure:
    """One stated figure of a claim: its recomputed value and the claim's verdict, published and new."""
    id: str
    chapter: str
    stated: str
    published_recomputed: str
    recomputed: str
    published_verdict: str
    verdict: str

    @property
    def changed(self) -> bool:
        return (self.published_recomputed, self.published_verdict) != (self.recomputed, self.verdict)


def compare(outputs: dict[str, Path], published: dict[str, dict]) -> list[Figure]:
    """Each stated figure the executed notebooks glued, beside its published recomputed value, with the
    claim's verdict, published and new: figure compared with figure, never one claim's headline with another's."""
    from analysis.core.claims import registry
    from analysis.site.notebook import glued
    figures = []
    for slug, output in outputs.items():
        values = glued(output)
        for claim_id in registry():
            if f"{claim_id}.checks" not in values:
                continue
            row = published.get(claim_id)
            old_checks, old_verdict = editions.figures(row or {"checks": []}), row["verdict"] if row else "not in the ledger"
            new_checks = {}  # a figure checked twice (as reported and in the data): its first tested value, as published
            for stated, new, _ in json.loads(values[f"{claim_id}.checks"]):
                if new_checks.get(stated, editions.NOT_TESTED) == editions.NOT_TESTED:
                    new_checks[stated] = new
            for stated, new in new_checks.items():
                figures.append(Figure(claim_id, slug, stated, old_checks.get(stated, "not in the ledger"), new,
                                      old_verdict, values[f"{claim_id}.verdict"]))
    return figures


def table(figures: list[Figure]) -> str:
    """A plain text table of the stated figures whose recomputed value or claim verdict changed."""
    rows = [("claim", "chapter", "stated", "recomputed: published → new", "verdict: published → new")]
    rows += [(f.id, f.chapter, f.stated, f"{f.published_recomputed} → {f.recomputed}",
              f"{f.published_verdict} → {f.verdict}") for f in figures if f.changed]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows) + "\n"


def shown(path: Path) -> str:
    """A path as the reader would type it: relative to the current folder when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def describe(given: dict[str, dict]) -> str:
    """The chapters run and their parameters, for the summary line."""
    changed = [f"{slug} with " + ", ".join(f"{k}={v!r}" for k, v in p.items()) for slug, p in given.items() if p]
    defaults = [slug for slug, p in given.items() if not p]
    return "; ".join(changed + ([f"{', '.join(defaults)} with defaults"] if defaults else []))


def main(selected: list[str], assignments: list[str], parameter_file: Path | None, jobs: int | None,
         out: Path | None, against: Path | None) -> int:
    import sys
    try:
        values = (read_parameter_file(parameter_file) if parameter_file else {}) | parse_assignments(assignments)
        given = plan(selected, values)
        published, origin = published_ledger(against)
        outputs = run(given, output_folder(out or DEFAULT_OUT), jobs)
        claims = compare(outputs, published)
    except (ReproduceError, DataError) as error:  # a data file that does not match the catalogue, too
        print(f"reproduce: error: {error}", file=sys.stderr)
        return ERROR
    changed = {f.id for f in claims if f.changed}
    if changed:
        sys.stdout.write(table(claims))
    print(f"{len(changed)} of {len({f.id for f in claims})} claims changed against {origin} ({describe(given)}); "
          f"executed notebooks in {shown(out or DEFAULT_OUT)}")
    return CHANGED if changed else UNCHANGED
