"""Shared fixtures: a private copy of data/ that a test may corrupt."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from analysis.data import REPO_ROOT


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
            catalogue = yaml.safe_load(self.catalogue_path.read_text())
            entry = next(r for r in catalogue["resources"] if r["name"] == name)
            entry["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            self.catalogue_path.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> DataCopy:
    root = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", root)
    monkeypatch.setenv("BSN_DATA_DIR", str(root))
    return DataCopy(root)
