"""Results that take seconds to compute (regressions), kept on disk between processes.

A chapter's notebook and the ledger both need the kingpin regressions; with this memo the one
that runs second reads them back instead of fitting them again. The key covers everything a
result depends on: the function and its arguments, the bytes and catalogue entries of the data
files it reads, the source of the ``analysis`` package and the pinned requirements. Any change
gives a new key, so a stale result is never returned, and a corrupted file is still read (and
rejected) by the function itself. The files count as read either way, so the build still knows
which notebooks depend on them.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from typing import Callable

from analysis.core.data import CATALOGUE_NAME, REPO_ROOT, data_dir, record_read, resource

MEMO_DIR = REPO_ROOT / "_build" / ".memo"


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
            value = fn(*args)
            MEMO_DIR.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")  # notebooks run in parallel: write, then rename
            partial.write_bytes(pickle.dumps(value))
            partial.replace(path)
            return value
        wrapper.resources = resources
        return wrapper
    return decorate
