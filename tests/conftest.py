"""Shared fixtures (a private copy of data/ that a test may corrupt, the built book, the ledger computed
once) and the test tiers, decided here from what each test uses."""
from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from analysis import chapters
from analysis.core.data import REPO_ROOT, read_yaml


# The builds the tests start in copies of the checkout keep their estimates in the checkout's memo, as the tests
# do, so each estimate is computed once in the run (its key holds the code and the data, so a copy's build reads
# only what it would have computed itself); the archive build leaves it out: it is the clean one.
os.environ["BSN_MEMO_DIR"] = str(REPO_ROOT / "_build" / ".memo")

# libyaml's safe dumper when present (the catalogue is large, and many tests change it); it is read with
# analysis.core.data.read_yaml, which parses a text it has seen before only once
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class DataCopy:
    """A copy of the data folder, with helpers to change a file and (optionally) re-sign it.

    The catalogue is large: it is parsed once, kept while the file on disk is the one this copy last
    read or wrote, and a re-signed hash is replaced in its text rather than dumping the whole catalogue."""

    def __init__(self, root: Path):
        self.root = root
        self.catalogue_path = root / "datapackage.yaml"
        self._parsed: tuple[tuple[int, int], dict] | None = None

    def _stamp(self) -> tuple[int, int]:
        stat = self.catalogue_path.stat()
        return stat.st_mtime_ns, stat.st_size

    def _catalogue(self) -> dict:
        if self._parsed is None or self._parsed[0] != self._stamp():
            self._parsed = self._stamp(), read_yaml(self.catalogue_path.read_text())
        return self._parsed[1]

    def _entry(self, name: str) -> dict:
        return next(r for r in self._catalogue()["resources"] if r["name"] == name)

    def path(self, name: str) -> Path:
        return self.root / self._entry(name)["path"]

    def rewrite(self, name: str, change, resign: bool = True) -> None:
        """Apply ``change`` to the file's text; update its checksum unless ``resign`` is False."""
        path = self.path(name)
        path.write_text(change(path.read_text()))
        if resign:
            self.resign(name)

    def resign(self, name: str) -> None:
        """Update the file's checksum in the catalogue, so that loading gets past the checksum."""
        entry = self._entry(name)
        old, new = entry["hash"], "sha256:" + hashlib.sha256(self.path(name).read_bytes()).hexdigest()
        text = self.catalogue_path.read_text()
        assert text.count(f"hash: {old}\n") == 1, f"{name}: its hash is not on one line of its own in the catalogue"
        self.catalogue_path.write_text(text.replace(f"hash: {old}\n", f"hash: {new}\n"))
        entry["hash"] = new
        self._parsed = self._stamp(), self._parsed[1]

    def change_entry(self, name: str, change) -> None:
        """Apply ``change`` to the file's catalogue entry (a dict, changed in place)."""
        catalogue = self._catalogue()
        change(self._entry(name))
        self.catalogue_path.write_text(yaml.dump(catalogue, Dumper=DUMPER, sort_keys=False, allow_unicode=True))
        self._parsed = self._stamp(), catalogue


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> DataCopy:
    root = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", root)
    monkeypatch.setenv("BSN_DATA_DIR", str(root))
    return DataCopy(root)


IGNORED = shutil.ignore_patterns(".venv", ".git", "_build", "__pycache__", ".pytest_cache", "test-artifacts")


def copy_repo(dest: Path, with_build_from: Path | None = None) -> Path:
    """A copy of the checkout (optionally with an earlier copy's _build, cache included)."""
    shutil.copytree(REPO_ROOT, dest, ignore=IGNORED)
    if with_build_from is not None:
        shutil.copytree(with_build_from / "_build", dest / "_build")
    return dest


def build_book(root: Path, env: dict | None = None, environ: dict | None = None):
    """``python -m analysis build`` in a copy of the checkout; returns the finished process. ``environ``: the
    environment to start from (a build in the background takes the run's, not a test's changes to it)."""
    import subprocess
    import sys
    environment = {k: v for k, v in (environ or os.environ).items() if k != "BSN_DATA_DIR"} | (env or {})
    return subprocess.run([sys.executable, "-m", "analysis", "build"], cwd=root, env=environment,
                          capture_output=True, text=True, timeout=900)


def once_per_run(tmp_path_factory, name: str, make):
    """``make(folder)`` once in the whole test run, whichever process asks first: under pytest-xdist the
    other workers wait for it (a lock) and read its result, so the book is built once, not once per worker."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, seen by every worker
    result = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes (another thread of this process waits too)
        if not result.exists():
            result.write_bytes(pickle.dumps(make(shared / name)))
    return pickle.loads(result.read_bytes())


# The builds start in the background as soon as the tests are collected, when any selected test needs them:
# the tests that need no build run meanwhile, on every core the builds leave, instead of the builds waiting
# for the first test that needs them (the archive build used to start after half the run).
_BACKGROUND: list = []


def pytest_collection_finish(session):
    needed = {name for item in session.items for name in item.fixturenames} & {"built_book", "archive_build"}
    if not needed or session.config.option.collectonly:
        return
    import threading
    factory, environ = session.config._tmp_path_factory, dict(os.environ)

    def build_in_background():
        book = once_per_run(factory, "book", lambda folder: _cold_build(folder, environ))
        if "archive_build" in needed and book[1].returncode == 0:
            once_per_run(factory, "archive", lambda folder: _archive_build(book[0], folder, environ))

    _BACKGROUND.append(threading.Thread(target=build_in_background, name="builds", daemon=True))
    _BACKGROUND[-1].start()


def pytest_sessionfinish(session):
    for thread in _BACKGROUND:  # a worker with nothing left to test still finishes the build it started
        thread.join()


def _cold_build(folder: Path, environ: dict | None = None):
    root = copy_repo(folder / "repo")
    done = build_book(root, environ=environ)
    (root / "_build" / "cold-build.log").parent.mkdir(parents=True, exist_ok=True)
    (root / "_build" / "cold-build.log").write_text(done.stdout)
    return root, done


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """One cold build of the whole book, shared by the site tests (never modified)."""
    root, done = once_per_run(tmp_path_factory, "book", _cold_build)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return root


OFFLINE = Path(__file__).parent / "offline"  # a sitecustomize that refuses (and logs) any network access


class ArchiveBuild:
    """The site's source archive unpacked, and its ``make book`` run offline (see ``archive_build``)."""

    def __init__(self, root: Path, names: list[str], done, network_log: Path):
        self.root, self.names, self.done, self.network_log = root, names, done, network_log


@pytest.fixture(scope="session")
def archive_build(built_book, tmp_path_factory) -> ArchiveBuild:
    """A second clean build of the book, from the site's source archive, offline: shared by the test of
    the archive and the test that two clean builds are identical (each would otherwise build the book)."""
    return once_per_run(tmp_path_factory, "archive", lambda folder: _archive_build(built_book, folder))


def _archive_build(built_book: Path, folder: Path, environ: dict | None = None) -> ArchiveBuild:
    import subprocess
    import sys
    import tarfile
    from analysis.tools import archive
    with tarfile.open(built_book / "_build" / "html" / archive.name()) as tar:
        names = tar.getnames()
        tar.extractall(folder / "unpacked", filter="data")
    root = folder / "unpacked" / archive.name().removesuffix(".tar.gz")
    # the environment the tests run in (in CI the checkout's own .venv), made by `make`: nothing to install
    venv = Path(sys.prefix)
    assert (venv / ".ready").is_file(), f"{venv} was not made by `make` (no .ready stamp)"
    (root / ".venv").symlink_to(venv, target_is_directory=True)
    log = folder / "network.log"
    environment = {k: v for k, v in (environ or os.environ).items() if k not in ("BSN_DATA_DIR", "PYTHONPATH", "BSN_MEMO_DIR")}
    done = subprocess.run(["make", "book"], cwd=root, capture_output=True, text=True, timeout=1200,
                          env=environment | {"PYTHONPATH": str(OFFLINE), "BSN_NETWORK_LOG": str(log)})
    return ArchiveBuild(root, names, done, log)


@pytest.fixture
def checkout_copy(tmp_path) -> Path:
    """A private copy of the checkout, without _build, for a build a test may break."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture
def notebook_kernels(monkeypatch) -> None:
    """Kernels (papermill's, reproduce's) import this checkout's package, whatever the virtual environment's
    .pth points at (a worktree, a clone sharing another checkout's .venv)."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))


@pytest.fixture(scope="session")
def _ledger_once() -> bytes:
    from analysis.site import ledger
    return pickle.dumps(ledger.build())


@pytest.fixture
def ledger_frame(_ledger_once):
    """``ledger.build()``: the ledger with default parameters (every chapter, then the robustness grid),
    computed once per session; each test gets its own copy, which it may change."""
    return pickle.loads(_ledger_once)


# --- tiers -------------------------------------------------------------------------------------------
#
# Every test is in exactly one tier, decided here from the fixtures it uses, so that a new test lands in
# the right tier without a decorator. A cost no fixture shows (a regression fitted, a whole-data
# validation) is declared with the tier's marker, ``@pytest.mark.slow``. `make test` runs every tier;
# `make test-fast` runs the fast one.
TIERS = {  # tier: the fixtures that put a test in it, costliest tier first (the first that matches wins)
    "browser": {"browser"},  # drives Chromium over the built site
    "build": {"built_book", "archive_build", "checkout_copy"},  # a full build of the book, or a build in a copy of the checkout
    "papermill": {"notebook_kernels"},  # runs notebooks in Jupyter kernels
    "slow": {"ledger_frame"},  # seconds of computation in this process
}


ORDER = [*TIERS, "fast"]
# chapters whose default computation takes seconds: tests that compute them are slow (``chapter_params``)
SLOW_CHAPTERS = {"kingpin": "fits the event-study regressions"}


@functools.cache
def chapter_output(slug: str, part: str = "check_claims"):
    """A chapter's ``check_claims``, ``chapter_values`` or ``figures`` with its default parameters, computed
    once per session: the tests that share it only read it."""
    module = chapters.module(slug)
    return getattr(module, part)(**module.PARAMETERS.defaults())


def chapter_results(slug: str) -> dict:
    """A chapter's default ``check_claims`` by claim id, shared by the session (``chapter_output``): for tests
    that only read it; a test that patches the chapter's code or data computes its own."""
    return {r.claim_id: r for r in chapter_output(slug)}


def chapter_params(slugs) -> list:
    """Chapter slugs for ``pytest.mark.parametrize``, the slow chapters marked slow."""
    return [pytest.param(slug, marks=pytest.mark.slow) if slug in SLOW_CHAPTERS else slug for slug in slugs]


def tier(item) -> str:
    """The test's tier: the one its marker declares, else the one its fixtures imply."""
    used = set(item.fixturenames)
    implied = next((name for name, fixtures in TIERS.items() if used & fixtures), "fast")
    declared = list(dict.fromkeys(mark.name for mark in item.iter_markers() if mark.name in ORDER))
    if len(declared) > 1 or (declared and ORDER.index(declared[0]) > ORDER.index(implied)):
        raise pytest.UsageError(f"{item.nodeid}: marked {', '.join(declared)}, but a test has one tier, and no "
                                f"cheaper one than its fixtures imply ({implied}; see TIERS in tests/conftest.py)")
    return declared[0] if declared else implied


def pytest_collection_modifyitems(items):
    for item in items:
        found = tier(item)
        if found not in {mark.name for mark in item.iter_markers()}:  # a declared tier is not added twice
            item.add_marker(getattr(pytest.mark, found))
