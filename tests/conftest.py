"""Shared fixtures: a private copy of data/ that a test may corrupt."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from analysis.core.data import REPO_ROOT


class DataCopy:
    """A copy of the data folder, with helpers to change a file and (optionally) re-sign it."""

    def __init__(self, root: Path):
        self.root = root
        self.catalogue_path = root / "datapackage.yaml"

    def path(self, name: str) -> Path:
        catalogue = yaml.safe_load(self.catalogue_path.read_text())
        entry = next(r for r in catalogue["resources"] if r["name"] == name)
        return self.root / entry["path"]

    def rewrite(self, name: str, change, resign: bool = True) -> None:
        """Apply ``change`` to the file's text; update its checksum unless ``resign`` is False."""
        path = self.path(name)
        path.write_text(change(path.read_text()))
        if resign:
            self.resign(name)

    def resign(self, name: str) -> None:
        """Update the file's checksum in the catalogue, so that loading gets past the checksum."""
        self.change_entry(name, lambda entry: entry.update(
            hash="sha256:" + hashlib.sha256(self.path(name).read_bytes()).hexdigest()))

    def change_entry(self, name: str, change) -> None:
        """Apply ``change`` to the file's catalogue entry (a dict, changed in place)."""
        catalogue = yaml.safe_load(self.catalogue_path.read_text())
        change(next(r for r in catalogue["resources"] if r["name"] == name))
        self.catalogue_path.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True))


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


def build_book(root: Path, env: dict | None = None):
    """``python -m analysis build`` in a copy of the checkout; returns the finished process."""
    import os
    import subprocess
    import sys
    environment = {k: v for k, v in os.environ.items() if k != "BSN_DATA_DIR"} | (env or {})
    return subprocess.run([sys.executable, "-m", "analysis", "build"], cwd=root, env=environment,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """One cold build of the whole book, shared by the site tests (never modified)."""
    root = copy_repo(tmp_path_factory.mktemp("book") / "repo")
    done = build_book(root)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    (root / "_build" / "cold-build.log").write_text(done.stdout)
    return root
