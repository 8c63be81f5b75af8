"""The build: executes exactly what changed, is deterministic and offline, and fails on bad data."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from analysis.__main__ import main
from analysis.core.book import toc_notebooks, toc_pages
from analysis.core.claims import registry
from analysis.core.data import DataError, load
from analysis.tools import pdf
from conftest import OFFLINE, DataCopy, build_book, copy_repo


def page(root: Path, name: str) -> str:
    return (root / "_build" / "html" / "book" / f"{name}.html").read_text()


def executed(done) -> list[str]:
    return re.findall(r"^executed (\S+)", done.stdout, flags=re.M)


def test_cold_build_executes_every_notebook_and_shows_the_figures(built_book):
    log = (built_book / "_build" / "cold-build.log").read_text()
    assert f"{len(toc_notebooks())} notebook(s) executed, 0 up to date" in log
    chapter = page(built_book, "chapters/budgets")
    assert "5.10-fold" in chapter and "internally inconsistent" in chapter
    assert 'id="heyman-port-budget-1993-2010"' in chapter
    assert len(re.findall(r'<tr id="ledger-', page(built_book, "ledger"))) == len(registry())
    records = json.loads((built_book / "_build" / "html" / "ledger.json").read_text())
    assert [r["id"] for r in records] == list(registry())


def page_texts(root: Path) -> dict:
    """Each page of the table of contents as its PDF depends on it."""
    return {name: pdf.page_content((root / "_build" / "html" / f"{name}.html").read_bytes()) for name in toc_pages()}


def test_rebuild_executes_exactly_what_changed(built_book, tmp_path):
    root = copy_repo(tmp_path / "repo", with_build_from=built_book)
    done = build_book(root)
    assert executed(done) == [] and f"{len(toc_notebooks())} up to date" in done.stdout

    # one value in one data file: every notebook that read the file re-runs, and the page changes
    before = page_texts(root)
    DataCopy(root / "data").rewrite("border_patrol_agents",
                                    lambda text: text.replace("2010,nationwide,20558", "2010,nationwide,20000"))
    done = build_book(root)
    assert done.returncode == 0, done.stderr[-3000:]
    # the terminal shows what ran and one summary line; the kernels' and Sphinx's output is in the log
    lines = done.stdout.splitlines()
    assert lines[:-1] == [line for line in lines if line.startswith("executed ")] and done.stderr == ""
    # printed again: only the PDFs of the pages whose text changed (both chapters and the ledger among them), not
    # the others, though Sphinx wrote every page again (see pdf.page_content)
    after = page_texts(root)
    changed = {name for name in before if before[name] != after[name]}
    reprinted = sum(name in changed for _, name, _ in pdf.jobs())
    assert {"book/chapters/budgets", "book/chapters/guns_money", "book/ledger"} <= changed
    assert reprinted < len(pdf.jobs())
    assert re.fullmatch(r"book built in [\d.]+ s: 5 notebook\(s\) executed, \d+ up to date; site rendered; "
                        rf"{reprinted} page\(s\) printed to PDF in [\d.]+ s; _build/html/index.html \(log: _build/build.log\)",
                        lines[-1])
    log = (root / "_build" / "build.log").read_text()
    assert "Kernel is running over TCP without encryption" in log and "Running Sphinx" in log
    # the staffing table feeds both chapters (the shift scenario reads it too), the home page's findings,
    # the ledger and the reviewers' page (which lists each chapter's data files)
    assert sorted(executed(done)) == ["book/chapters/budgets.ipynb", "book/chapters/guns_money.ipynb",
                                      "book/intro.ipynb", "book/ledger.ipynb", "book/reviewers.ipynb"]
    assert "4.97-fold" in page(root, "chapters/budgets") and "5.10-fold" not in page(root, "chapters/budgets")
    done = build_book(root)
    assert executed(done) == [] and "site up to date: nothing to render; PDFs up to date" in done.stdout

    # a code change in one notebook re-runs that notebook only; a prose change re-runs nothing but shows
    # (both in one build: the ledger's prose changed, yet only the budgets notebook runs)
    path = root / "book" / "chapters" / "budgets.ipynb"
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if "notebook.publish" in c.source).source += "\n# a comment"
    nbformat.write(nb, path)
    path = root / "book" / "ledger.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nOne more sentence."
    nbformat.write(nb, path)
    done = build_book(root)
    assert executed(done) == ["book/chapters/budgets.ipynb"] and "One more sentence." in page(root, "ledger")


def _glued(root: Path) -> dict:
    values = {}
    for path in sorted((root / "_build" / ".jupyter_cache" / "executed").rglob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            for output in cell.get("outputs", []):
                name = output.get("metadata", {}).get("scrapbook", {}).get("name")
                if name:
                    values[name] = json.dumps(output["data"], sort_keys=True)
    return values


def _images(root: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "_build" / "html" / "_images").iterdir()}


def test_two_clean_builds_are_identical_and_need_no_network(built_book, archive_build):
    """The second clean build is the one from the site's source archive (tests/test_archive.py), offline."""
    root, done = archive_build.root, archive_build.done
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert not archive_build.network_log.exists(), archive_build.network_log.read_text()
    for name in ("ledger.json", "ledger.csv"):
        assert (root / "_build/html" / name).read_bytes() == (built_book / "_build/html" / name).read_bytes()
    glued = _glued(root)
    assert glued and glued == _glued(built_book)
    assert "fig-agents" in glued and _images(root) == _images(built_book)


def test_the_offline_guard_does_refuse_the_network(tmp_path):
    import subprocess
    import sys
    log = tmp_path / "network.log"
    probe = "import urllib.request; urllib.request.urlopen('http://example.org', timeout=5)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={"PYTHONPATH": str(OFFLINE), "BSN_NETWORK_LOG": str(log)})
    assert done.returncode != 0 and "network access blocked" in done.stderr
    assert "example.org" in log.read_text()


BROKEN_DATA = {  # each corruption of one data file, and what the failed build must say
    "missing file": (None, "enforcement/border_patrol_agents.csv: file is missing"),
    "missing column": (lambda t: t.replace("fy,region,agents", "fy,region,staff"),
                       "enforcement/border_patrol_agents.csv: column 'agents' is missing"),
    "non-numeric cell": (lambda t: t.replace("1993,coastal,183", "1993,coastal,n/a"),
                         "enforcement/border_patrol_agents.csv: row 3, column 'agents': 'n/a' is not an integer"),
    "negative count": (lambda t: t.replace("1993,coastal,183", "1993,coastal,-183"),
                       "enforcement/border_patrol_agents.csv: row 3, column 'agents': -183 is below the minimum 0"),
    "duplicate year": (lambda t: t.replace("1993,coastal,183", "1992,coastal,183"),
                       "enforcement/border_patrol_agents.csv: row 3: duplicate key (fy=1992, region=coastal)"),
    "checksum mismatch": (lambda t: t.replace("2010,nationwide,20558", "2010,nationwide,20559"),
                          "enforcement/border_patrol_agents.csv: sha256 checksum mismatch"),
    # a bad row is named even when the checksum was not updated either
    "bad row, stale checksum": (lambda t: t.replace("1993,coastal,183", "1993,coastal,n/a"),
                                "enforcement/border_patrol_agents.csv: row 3, column 'agents': 'n/a' is not an "
                                "integer (allowed: digits, with an optional leading minus) (and its sha256 checksum "
                                "mismatch"),
}
STALE_CHECKSUM = {"checksum mismatch", "bad row, stale checksum"}


def corrupt(data: DataCopy, kind: str) -> str:
    """Apply one corruption from BROKEN_DATA; what the refusal must say."""
    change, message = BROKEN_DATA[kind]
    if change is None:
        data.path("border_patrol_agents").unlink()
    else:
        data.rewrite("border_patrol_agents", change, resign=kind not in STALE_CHECKSUM)
    return message


@pytest.mark.parametrize("kind", BROKEN_DATA)
def test_corrupted_data_is_refused_naming_file_column_and_row(data_copy, kind):
    """What the notebooks' loading says of each corruption (the build below shows that it reaches the terminal)."""
    message = corrupt(data_copy, kind)
    with pytest.raises(DataError) as error:
        load("border_patrol_agents")
    assert str(error.value).startswith(message)
    if kind == "checksum mismatch":  # the content is valid: the message says how to update the checksum
        digest = hashlib.sha256(data_copy.path("border_patrol_agents").read_bytes()).hexdigest()
        assert str(error.value).endswith("the file changed without its catalogue entry being updated. Its content "
                                         "passes every check: if the change is intended, set its hash in "
                                         f"datapackage.yaml to sha256:{digest}")


def test_a_corrupted_file_fails_the_build_naming_file_column_and_row(checkout_copy):
    message = corrupt(DataCopy(checkout_copy / "data"), "non-numeric cell")
    done = build_book(checkout_copy)
    assert done.returncode == 1
    # the first line names the cause (the file, the row and the column), found before any notebook runs
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"build failed: checking the data: DataError: {message}"), done.stderr[-3000:]
    assert executed(done) == []
    assert done.stderr.splitlines()[-1] == "build failed; the kernels' and Sphinx's output is in _build/build.log"
    assert not (checkout_copy / "_build" / "html").exists()


def test_a_failing_notebook_is_named_first_with_its_error(notebook_kernels, tmp_path, monkeypatch):
    from analysis.tools import build
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    broken = tmp_path / "book" / "broken.ipynb"
    broken.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('no such year: 1800')")]),
                   broken)
    with pytest.raises(build.BuildError) as error:
        build.execute(broken)
    assert str(error.value).splitlines()[0] == "book/broken.ipynb: ValueError: no such year: 1800"


def test_a_broken_reference_fails_the_render_naming_it_first(built_book, tmp_path):
    root = copy_repo(tmp_path / "repo", with_build_from=built_book)
    page_source = root / "book" / "bibliography.md"
    page_source.write_text(page_source.read_text() + "\nSee {ref}`no-such-section`.\n")
    done = build_book(root)
    assert done.returncode == 1 and executed(done) == []
    first = done.stderr.splitlines()[0]
    assert first.startswith("build failed: rendering the site: ") and "no-such-section" in first, done.stderr


@pytest.mark.parametrize("jobs", ["0", "-2", "two", "1.5"])
def test_a_bad_jobs_count_stops_the_build_in_one_line_with_exit_2(capsys, jobs):
    with pytest.raises(SystemExit) as done:
        main(["build", "--jobs", jobs])
    assert done.value.code == 2
    message = f"argument --jobs: must be a whole number of at least 1, got {jobs!r}"
    assert capsys.readouterr().err == f"build: error: {message}\n"


def test_every_process_computes_with_one_thread_unless_told_otherwise():
    """The package sets the numerical libraries' thread limits as it loads (so a test's figures match the built
    page's data to the last digit, whatever the machine's cores); a limit the environment sets is kept."""
    import subprocess
    import sys
    from analysis import THREAD_LIMITS
    show = "import analysis, os; print(' '.join(os.environ[n] for n in analysis.THREAD_LIMITS))"
    clean = {k: v for k, v in os.environ.items() if k not in THREAD_LIMITS}
    assert subprocess.run([sys.executable, "-c", show], env=clean, capture_output=True, text=True,
                          check=True).stdout.split() == ["1"] * len(THREAD_LIMITS)
    told = subprocess.run([sys.executable, "-c", show], env=clean | {"RAYON_NUM_THREADS": "4"}, capture_output=True,
                          text=True, check=True).stdout.split()
    assert told[THREAD_LIMITS.index("RAYON_NUM_THREADS")] == "4"
