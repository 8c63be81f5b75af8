"""The book's source as an archive on the site: it holds what a build needs, and builds offline with no
repository around it, to the same ledger as the site's."""
from __future__ import annotations

import os

from analysis.tools import archive


def test_the_archive_builds_offline_to_the_same_ledger(built_book, archive_build):
    published = built_book / "_build" / "html" / archive.name()
    names, root, done = archive_build.names, archive_build.root, archive_build.done
    top = archive.name().removesuffix(".tar.gz")
    assert {f"{top}/{f}" for f in ("Makefile", "requirements.txt", "data/datapackage.yaml", "book/ledger.ipynb")} <= set(names)
    assert not [n for n in names if {"_build", ".venv", ".git", "__pycache__"} & set(n.split("/"))]
    assert os.listdir(root.parent) == [top]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "pip install" not in done.stdout, done.stdout[:2000]
    assert not archive_build.network_log.exists(), archive_build.network_log.read_text()
    built = root / "_build" / "html"
    assert (built / "ledger.json").read_bytes() == (built_book / "_build" / "html" / "ledger.json").read_bytes()
    # the unpacked source archive archives itself byte for byte as the original did: nothing was missing or added
    assert (built / archive.name()).read_bytes() == published.read_bytes()
