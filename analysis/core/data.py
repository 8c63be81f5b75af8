"""Load the book's data files, validated against the catalogue ``data/datapackage.yaml``.

Every figure the book publishes passes through :func:`load`, so a missing file, a changed
checksum, a missing column, a cell that is not a plain finite number, an integer or a URI where the
catalogue says so, a value outside its constraints (required, minimum, maximum, enum, pattern) or a
duplicate key stops the build with a message naming the file, the column and the row, instead of
publishing a wrong number.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.core.book import REPO_ROOT

CATALOGUE_NAME = "datapackage.yaml"


_FILES_READ: set[str] = set()


class DataError(ValueError):
    """A data file does not match its catalogue entry."""


def record_read(path: Path, entry: str = "") -> Path:
    """Note that this process read ``path`` (or only its catalogue entry ``entry``): the build
    re-executes a notebook when such an input changes."""
    _FILES_READ.add(str(Path(path).resolve()) + (f"#{entry}" if entry else ""))
    return path


def files_read() -> list[str]:
    """Every data file (and catalogue entry, as ``path#name``) this process has read."""
    return sorted(_FILES_READ)


def files_read_by(fn, *args, **kwargs) -> tuple[object, list[str]]:
    """``fn``'s result and every file it read, counting files this process had loaded (and cached)
    before; what was recorded before stays recorded, so the build's record is not disturbed."""
    before = set(_FILES_READ)
    _FILES_READ.clear()
    for cache in (_load, *_DERIVED):
        cache.cache_clear()
    try:
        return fn(*args, **kwargs), files_read()
    finally:
        _FILES_READ.update(before)


def data_dir() -> Path:
    """The data folder; ``BSN_DATA_DIR`` points tests at a corrupted copy."""
    return Path(os.environ.get("BSN_DATA_DIR", REPO_ROOT / "data"))


def read_yaml(text: str):
    """``yaml.safe_load`` through libyaml when PyYAML has it: the catalogue takes seconds in pure Python,
    and every notebook reads it. A text parsed before is not parsed again (the catalogue is read per data
    folder, and by the memo; the tests' copies of the folder hold the same text): each call gets its own copy."""
    return pickle.loads(_parsed_yaml(text))


@lru_cache(maxsize=8)
def _parsed_yaml(text: str) -> bytes:
    return pickle.dumps(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@lru_cache(maxsize=None)
def _read_catalogue(folder: Path) -> dict:
    path = folder / CATALOGUE_NAME
    if not path.is_file():
        raise DataError(f"catalogue {path} is missing")
    return read_yaml(path.read_text(encoding="utf-8"))


def catalogue() -> dict:
    """The parsed catalogue (a Frictionless data package with this project's extra properties)."""
    return _read_catalogue(data_dir())


def resource(name: str) -> dict:
    """The catalogue entry of one data file."""
    entries = {r["name"]: r for r in catalogue()["resources"]}
    if name not in entries:
        raise DataError(f"no data file named {name!r} in the catalogue; known: {', '.join(sorted(entries))}")
    return entries[name]


_DERIVED: list = []  # caches of values computed from the data: cleared with the loads (files_read_by)


def derived(fn):
    """Cache a value computed from the data files, per data folder as the files themselves are
    (the robustness check recomputes every chapter dozens of times); frames come back as copies."""
    @lru_cache(maxsize=None)
    def cached(folder: Path, *args):
        return fn(*args)
    _DERIVED.append(cached)

    @functools.wraps(fn)
    def wrapper(*args):
        value = cached(data_dir(), *args)
        return value.copy() if isinstance(value, (pd.DataFrame, pd.Series)) else value
    return wrapper


def load(name: str) -> pd.DataFrame:
    """A validated copy of one catalogued data file (cached per data folder)."""
    return _load(data_dir(), name).copy()


@lru_cache(maxsize=None)
def _load(folder: Path, name: str) -> pd.DataFrame:
    entry = resource(name)
    record_read(folder / CATALOGUE_NAME, entry=name)  # this file's entry, not the whole catalogue
    path = record_read(folder / entry["path"])
    if not path.is_file():
        raise DataError(f"{entry['path']}: file is missing (catalogue entry {name!r})")
    algorithm, _, expected = entry["hash"].partition(":")
    actual = hashlib.new(algorithm, path.read_bytes()).hexdigest()
    validated = _VALIDATED / f"{_validated_key(entry, actual)}.pkl"
    if actual == expected and validated.is_file():
        return pd.read_pickle(validated)
    stale = f"{algorithm} checksum mismatch (catalogue {expected[:12]}..., file {actual[:12]}...)"
    try:  # validated even when the checksum is stale: a bad row is named either way
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except UnicodeDecodeError:
            raise DataError(f"{entry['path']}: is not UTF-8 text, the catalogue's encoding") from None
        frame = _validate(frame, entry)
    except DataError as error:
        raise DataError(f"{error}" + (f" (and its {stale})" if actual != expected else "")) from None
    if actual != expected:
        raise DataError(
            f"{entry['path']}: {stale}; the file changed without its catalogue entry being updated. Its content "
            f"passes every check: if the change is intended, set its hash in {CATALOGUE_NAME} to {algorithm}:{actual}")
    _VALIDATED.mkdir(parents=True, exist_ok=True)
    partial = validated.with_suffix(f".{os.getpid()}.part")  # write, then rename: no reader sees half a file
    frame.to_pickle(partial)
    partial.replace(validated)
    return frame


# Validated frames, kept for the other notebooks of a build: parsing and checking the municipal files
# takes seconds, reading them back a fraction of one. The key is the file's content, its catalogue
# entry, this module's code and the pinned requirements; only a file that passed every check is kept.
_VALIDATED = REPO_ROOT / "_build" / ".memo" / "data"


@lru_cache(maxsize=None)
def _validator_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes() + (REPO_ROOT / "requirements.txt").read_bytes()).hexdigest()


def _validated_key(entry: dict, content: str) -> str:
    return hashlib.sha256("\n".join([json.dumps(entry, sort_keys=True, default=str), content,
                                     _validator_digest()]).encode()).hexdigest()


def _validate(frame: pd.DataFrame, entry: dict) -> pd.DataFrame:
    """Check columns, types and constraints; return the frame with typed columns."""
    where = entry["path"]
    fields = entry["schema"]["fields"]
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise DataError(f"{where}: column {missing[0]!r} is missing (expected columns: {', '.join(expected)})")
    extra = [c for c in frame.columns if c not in expected]
    if extra:
        raise DataError(f"{where}: unexpected column {extra[0]!r} (expected columns: {', '.join(expected)})")
    typed = {}
    for field in fields:
        typed[field["name"]] = _typed_column(frame[field["name"]], field, where)
    out = pd.DataFrame(typed)[expected]
    key = entry["schema"].get("primaryKey", [])
    if key:
        duplicated = out.duplicated(subset=key, keep="first")
        if duplicated.any():
            row = int(duplicated.idxmax())
            values = ", ".join(f"{k}={out.at[row, k]}" for k in key)
            raise DataError(f"{where}: row {row + 2}: duplicate key ({values}) in column(s) {', '.join(key)}")
    return out


# What a numeric cell may look like: no padding, no '+', no NaN or infinity (the catalogue's types are
# Frictionless's, which would accept those; a figure the book grades must be a plain, finite number).
SYNTAX = {
    "integer": (r"-?[0-9]+", "an integer (allowed: digits, with an optional leading minus)"),
    "number": (r"-?[0-9]+(\.[0-9]+)?([eE]-?[0-9]+)?",
               "a finite number (allowed: digits, with an optional leading minus, decimal point and exponent)"),
}
# The string formats the catalogue may use, and what a cell in each looks like.
FORMATS = {"uri": (r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+", "a URI (allowed: a scheme such as https: then an address, "
                                                       "without spaces)")}
CONSTRAINTS = ("required", "minimum", "maximum", "enum", "pattern")  # the ones checked below


def _unmatched(cells: pd.Series, pattern: str) -> pd.Series:
    """Which non-empty cells do not match ``pattern`` in full (each distinct value tested once: the
    municipal files have 650,000 rows of few distinct values)."""
    distinct = pd.Series(cells.unique(), dtype=object)
    return cells.isin(distinct[distinct.ne("") & ~distinct.str.fullmatch(pattern)])


def _typed_column(cells: pd.Series, field: dict, where: str) -> pd.Series:
    name, kind, form = field["name"], field["type"], field.get("format", "default")
    rules = field.get("constraints", {})

    def refuse(bad: pd.Series, problem) -> None:
        """Fail at the first row where ``bad`` holds; ``problem`` says what is wrong with that cell."""
        if bad.any():
            row = int(bad.idxmax())  # row numbers are file line numbers: the header is line 1
            raise DataError(f"{where}: row {row + 2}, column {name!r}: {problem(cells[row])}")

    if kind not in ("string", *SYNTAX):
        raise DataError(f"{where}: column {name!r} has unsupported type {kind!r} in the catalogue")
    if form != "default" and (kind != "string" or form not in FORMATS):
        raise DataError(f"{where}: column {name!r} has unsupported format {form!r} in the catalogue; "
                        f"supported: {', '.join(FORMATS)} (strings)")
    unsupported = [rule for rule in rules if rule not in CONSTRAINTS]
    if unsupported:
        raise DataError(f"{where}: column {name!r} has unsupported constraint {unsupported[0]!r} in the catalogue; "
                        f"supported: {', '.join(CONSTRAINTS)}")
    blank = cells.eq("")  # the CSVs carry no padding; a stray space fails the type check instead
    if rules.get("required"):
        refuse(blank, lambda cell: "value is missing but the column is required")
    if "pattern" in rules:
        refuse(_unmatched(cells, rules["pattern"]),
               lambda cell: f"{cell!r} does not match the pattern {rules['pattern']}")
    if kind == "string":
        if form in FORMATS:
            pattern, allowed = FORMATS[form]
            refuse(_unmatched(cells, pattern), lambda cell: f"{cell!r} is not {allowed}")
        values = cells.where(~blank, None)
    else:
        pattern, allowed = SYNTAX[kind]
        refuse(_unmatched(cells, pattern), lambda cell: f"{cell!r} is not {allowed}")
        values = pd.to_numeric(cells.where(~blank, None))
        refuse(values.abs().eq(float("inf")), lambda cell: f"{cell!r} is not {allowed}")  # too large: 1e999
        if kind == "integer":
            values = values.astype("Int64")
    if "minimum" in rules:
        refuse(values.notna() & (values < rules["minimum"]),
               lambda cell: f"{cell} is below the minimum {rules['minimum']}")
    if "maximum" in rules:
        refuse(values.notna() & (values > rules["maximum"]),
               lambda cell: f"{cell} is above the maximum {rules['maximum']}")
    if "enum" in rules:
        refuse(values.notna() & ~values.isin(set(rules["enum"])),
               lambda cell: f"{cell!r} is not one of: {', '.join(map(str, rules['enum']))}")
    return values
