"""The book's source as an archive on the site: it holds what a build needs, and builds offline with no
repository around it, to the same ledger as the site's."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

from analysis.tools import archive

OFFLINE = Path(__file__).parent / "offline"


def test_the_archive_builds_offline_to_the_same_ledger(built_book, tmp_path):
    published = built_book / "_build" / "html" / archive.name()
    with tarfile.open(published) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "unpacked", filter="data")
    top = archive.name().removesuffix(".tar.gz")
    assert {f"{top}/{f}" for f in ("Makefile", "requirements.txt", "data/datapackage.yaml", "book/ledger.ipynb")} <= set(names)
    assert not [n for n in names if {"_build", ".venv", ".git", "__pycache__"} & set(n.split("/"))]
    assert os.listdir(tmp_path / "unpacked") == [top]
    root = tmp_path / "unpacked" / top

    # the environment the tests run in (in CI the checkout's own .venv), made by `make`: nothing to install
    venv = Path(sys.prefix)
    assert (venv / ".ready").is_file(), f"{venv} was not made by `make` (no .ready stamp)"
    (root / ".venv").symlink_to(venv, target_is_directory=True)
    log = tmp_path / "network.log"
    environment = {k: v for k, v in os.environ.items() if k not in ("BSN_DATA_DIR", "PYTHONPATH")}
    done = subprocess.run(["make", "book"], cwd=root, capture_output=True, text=True, timeout=1200,
                          env=environment | {"PYTHONPATH": str(OFFLINE), "BSN_NETWORK_LOG": str(log)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "pip install" not in done.stdout, done.stdout[:2000]
    assert not log.exists(), log.read_text()
    built = root / "_build" / "html"
    assert (built / "ledger.json").read_bytes() == (built_book / "_build" / "html" / "ledger.json").read_bytes()
    # the unpacked source archives itself byte for byte as the original did: nothing was missing or added
    assert (built / archive.name()).read_bytes() == published.read_bytes()
