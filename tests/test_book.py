"""The whole book builds offline with warnings as errors, and shows the recomputed figures."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from analysis.claims import registry
from analysis.data import REPO_ROOT

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def test_book_builds_with_warnings_as_errors(tmp_path):
    build = subprocess.run([str(JUPYTER_BOOK), "build", str(REPO_ROOT), "--path-output", str(tmp_path),
                            "--warningiserror", "--keep-going"], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    html = tmp_path / "_build" / "html" / "book"
    chapter = (html / "chapters" / "budgets.html").read_text()
    assert "5.10-fold" in chapter and "internally inconsistent" in chapter
    assert 'id="heyman-port-budget-1993-2010"' in chapter
    assert "<img" in chapter and "U.S. Customs and Border Protection" in chapter
    ledger = (html / "ledger.html").read_text()
    assert len(re.findall(r'<tr id="ledger-', ledger)) == len(registry())
