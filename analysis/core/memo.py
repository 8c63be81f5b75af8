"""Results that take seconds to compute (regressions), kept on disk between processes.

A chapter's notebook and the ledger both need the kingpin regressions; with this memo the one
that runs second reads them back instead of fitting them again. The key covers everything a
result depends on: the function and its arguments, the bytes and catalogue entries of the data
files it reads, the source of the ``analysis`` package and the pinned requirements. Any change
gives a new key, so a stale result is never returned, and a corrupted file is still read (and
rejected) by the function itself. The files count as read either way, so the build still knows
which notebooks depend on them.

Notebooks run in parallel: a process that needs a value another is computing waits for it (a lock
per key) instead of computing it twice. ``traced`` keeps results whose data files are known only
by running the function (a whole chapter), checked against the files that run read.
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import pickle
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from analysis.core.data import CATALOGUE_NAME, REPO_ROOT, data_dir, files_read_by, read_yaml, record_read, resource

# the checkout's own, unless BSN_MEMO_DIR names another: the test suite points the builds it starts in copies of
# the checkout at its own memo, so a build and the tests compute each estimate once (keys hold code and data)
MEMO_DIR = Path(os.environ.get("BSN_MEMO_DIR") or REPO_ROOT / "_build" / ".memo")


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    files = sorted((REPO_ROOT / "analysis").rglob("*.py")) + [REPO_ROOT / "requirements.txt"]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files if f.is_file())).hexdigest()


def _key(fn: Callable, args: tuple, resources: tuple[str, ...]) -> str:
    parts = [fn.__module__, fn.__qualname__, repr(args), _code_digest()]
    folder = data_dir()
    for name in resources:
        entry = resource(name)
        path = folder / entry["path"]
        record_read(folder / CATALOGUE_NAME, entry=name)
        record_read(path)
        parts += [json.dumps(entry, sort_keys=True, default=str),
                  hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def on_disk(*resources: str) -> Callable:
    """Keep the function's results on disk, keyed as above; ``resources`` are every catalogued data
    file it reads (a test checks the list against what it actually reads)."""
    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args):
            path = MEMO_DIR / f"{_key(fn, args, resources)}.pkl"
            if path.is_file():
                return pickle.loads(path.read_bytes())
            with _locked(path):
                if path.is_file():  # computed by another process while this one waited
                    return pickle.loads(path.read_bytes())
                value = fn(*args)
                _store(path, value)
                return value
        wrapper.resources = resources
        return wrapper
    return decorate


@contextmanager
def _locked(path: Path):
    """Hold the key's lock: one process computes a value, any other that needs it waits, then reads it."""
    MEMO_DIR.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def _store(path: Path, value) -> None:
    partial = path.with_suffix(f".{os.getpid()}.part")  # write, then rename: a reader never sees half a file
    partial.write_bytes(pickle.dumps(value))
    partial.replace(path)


@functools.lru_cache(maxsize=16)
def _entries(catalogue: str, mtime_ns: int) -> dict:
    return {r["name"]: r for r in read_yaml(Path(catalogue).read_text(encoding="utf-8"))["resources"]}


def _digest(read: str) -> str | None:
    """sha256 of a file read, or of ``catalogue#name``'s entry only (None if it is gone)."""
    path, _, name = read.partition("#")
    path = Path(path)
    if not path.is_file():
        return None
    if name:
        entry = _entries(str(path), path.stat().st_mtime_ns).get(name)
        return hashlib.sha256(json.dumps(entry, sort_keys=True, default=str).encode()).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def traced(fn: Callable) -> Callable:
    """Keep the function's results on disk with the sha256 of every data file the call read; return
    them while the code and all of those files are unchanged (each recorded as read again)."""
    @functools.wraps(fn)
    def wrapper(*args):
        key = hashlib.sha256("\n".join([fn.__module__, fn.__qualname__, repr(args), _code_digest(),
                                        str(data_dir())]).encode()).hexdigest()
        path = MEMO_DIR / f"{key}.traced"
        with _locked(path):
            if path.is_file():
                value, digests = pickle.loads(path.read_bytes())
                if all(_digest(read) == digest for read, digest in digests.items()):
                    for read in digests:
                        file, _, entry = read.partition("#")
                        record_read(Path(file), entry=entry)
                    return value
            value, reads = files_read_by(fn, *args)
            _store(path, (value, {read: _digest(read) for read in reads}))
            return value
    return wrapper
