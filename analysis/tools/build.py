"""Build the book: execute exactly the notebooks whose inputs changed, in parallel, then render.

Jupyter Book 1 keys its execution cache on code cells only, so a changed data file or helper
module would publish stale numbers. Here every execution records the files the notebook read
(data files, catalogue, registry, ``analysis`` modules); a notebook is re-executed when its own
code or any of those files changed, and its fresh outputs replace the cached ones. Notebooks run
in parallel across the cores, the slowest first; Jupyter Book then renders the site from the cache.

The terminal shows each notebook executed and one summary line; the kernels' and Sphinx's own
output goes to ``_build/build.log``. A failure's first line names its cause (a data file's row and
column, checked before any notebook runs; or the notebook and its error), before any traceback.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.core.book import BUILD, CHAPTERS, LEDGER_FILES_KEY, LEDGER_PAGE, REPO_ROOT, toc_notebooks
from analysis.tools import archive, pdf

CACHE = BUILD / ".jupyter_cache"
INPUTS = BUILD / ".notebook_inputs.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes in Sphinx's and IPython's output
BENCHMARK = REPO_ROOT / "book" / "benchmark.json"  # each notebook's time in the last benchmark's cold build
LOG = BUILD / "build.log"  # the kernels' and Sphinx's output
RENDERED = BUILD / ".rendered"  # digest of everything the render reads, after the last successful render
SUMMARY_PAGES = {LEDGER_PAGE, "book/reviewers.ipynb"}  # pages that recompute every chapter
PROBE = ("import json, sys\nfrom analysis.core.data import files_read\n"
         "modules = sorted(m.__file__ for n, m in list(sys.modules.items())\n"
         "                 if (n == 'analysis' or n.startswith('analysis.')) and getattr(m, '__file__', None))\n"
         "print(json.dumps(files_read() + modules))")


class BuildError(RuntimeError):
    """A notebook failed to execute, or the site failed to render; the message's first line is the cause."""


def shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def digest(path: Path) -> str | None:
    """sha256 of a file; of a notebook, only of what execution depends on (code cells and their tags);
    of ``catalogue#name``, only of that resource's catalogue entry."""
    if "#" in path.name:
        catalogue, name = str(path).rsplit("#", 1)
        entries = {r["name"]: r for r in _catalogue(catalogue)["resources"]} if Path(catalogue).is_file() else {}
        return hashlib.sha256(json.dumps(entries.get(name), sort_keys=True).encode()).hexdigest()
    if not path.is_file():
        return None
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [("".join(c["source"]), c["metadata"].get("tags", [])) for c in cells if c["cell_type"] == "code"]
        return hashlib.sha256(json.dumps(code).encode()).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _catalogue(path: str) -> dict:
    return _parsed(path, Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _parsed(path: str, mtime_ns: int) -> dict:
    """The catalogue, parsed once per version (a warm build checks many entries)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _key(path) -> str:
    """Paths inside the checkout are recorded relative to it, so a copied build stays valid."""
    path, _, entry = str(path).partition("#")
    path = Path(path).resolve()
    key = str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)
    return key + (f"#{entry}" if entry else "")


def is_stale(record: dict | None) -> bool:
    """Whether a notebook must run again: never run, an input changed, or its cached outputs are gone."""
    if not record or not (CACHE / "executed" / record["cache"] / "base.ipynb").is_file():
        return True
    return any(digest(REPO_ROOT / path) != value for path, value in record["inputs"].items())


def execute(notebook: Path):
    """Run one notebook; return it with outputs, the sha256 of every file it read, and the time."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    # nbclient waits only 4 s (by default) for a cell's outputs after the cell finishes, then drops the rest
    # without an error: on a busy machine a page would lose glued values. Wait longer, and fail if they never come.
    result = single_nb_execution(nb, cwd=str(notebook.parent), timeout=600, allow_errors=False,
                                 iopub_timeout=120, raise_on_iopub_timeout=True)
    if result.err is not None:
        error = result.err
        cause = f"{getattr(error, 'ename', type(error).__name__)}: {getattr(error, 'evalue', error)}"
        cause = ANSI.sub("", cause.strip().splitlines()[0])
        raise BuildError(f"{notebook.relative_to(REPO_ROOT)}: {cause}\n{result.exc_string}")
    probe = nb.cells.pop()
    read = json.loads("".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"))
    inputs = {_key(p): digest(Path(p)) for p in [str(notebook), *read]}
    return nb, inputs, result.time


def check_data() -> None:
    """Load every catalogued data file once, before any kernel starts: a bad file stops the build at
    once, naming its row and column, and the notebooks read the files already validated (each once,
    not once per kernel that needs it)."""
    from analysis.core.data import DataError, catalogue, load
    try:
        for entry in catalogue()["resources"]:
            load(entry["name"])
    except DataError as error:
        raise BuildError(f"checking the data: DataError: {error}") from None


def execute_changed(jobs: int | None = None) -> list[str]:
    """Execute the stale notebooks in parallel and store their outputs in the cache."""
    recorded = json.loads(INPUTS.read_text()) if INPUTS.is_file() else {}
    stale = [nb for nb in toc_notebooks() if is_stale(recorded.get(_key(nb)))]
    if stale:
        check_data()
        _execute_into_cache(stale, recorded, jobs)
    BUILD.mkdir(exist_ok=True)
    INPUTS.write_text(json.dumps(recorded, indent=1, sort_keys=True))
    return [str(nb.relative_to(REPO_ROOT)) for nb in stale]


def waves(stale: list[Path], recorded: dict) -> list[list[Path | str]]:
    """The chapters first, then the pages that recompute every chapter (the ledger and reviewers'
    pages). If those are stale, each chapter's part of them is computed in the first wave too, as a
    task of its own beside the chapter's notebook (``summarise``); the pages then read it back.

    The slowest notebook starts first (by its last execution here or, on a cold build, by the
    committed benchmark), so that no core is left idle at the end waiting for it.
    """
    last = [nb for nb in stale if _key(nb) in SUMMARY_PAGES]
    first = sorted((nb for nb in stale if nb not in last), key=lambda nb: -_expected_seconds(nb, recorded))
    tasks = []
    for notebook in first:
        tasks += [notebook] + ([notebook.stem] if last and notebook.stem in CHAPTERS else [])
    tasks += [slug for slug in CHAPTERS if last and slug not in tasks]
    return [wave for wave in (tasks, last) if wave]


def _expected_seconds(notebook: Path, recorded: dict) -> float:
    seconds = recorded.get(_key(notebook), {}).get("seconds")
    if seconds is None and BENCHMARK.is_file():
        seconds = json.loads(BENCHMARK.read_text()).get("notebook_seconds", {}).get(_key(notebook))
    return seconds or 0.0


def summarise(slug: str) -> str:
    """A chapter's part of the ledger and reviewers' pages, computed into the memo (analysis.core.memo)."""
    from analysis.site import reviewers, robustness
    try:
        robustness.chapter_grid(slug)
        reviewers.chapter_inputs(slug)
    except Exception as error:
        raise BuildError(f"chapter {slug!r}, re-graded for the ledger: {type(error).__name__}: {error}\n"
                         + traceback.format_exc()) from None
    return slug


def kernels_import_this_checkout() -> None:
    """Kernels started from now on import this checkout's package, whatever the virtual environment
    points at (they inherit this process's environment, and with it the package's one-thread limits)."""
    os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)


def _output_to_log() -> None:
    """In each worker: its output and its kernels' (warnings such as "Kernel is running over TCP
    without encryption") go to the build log, not to the terminal."""
    log = os.open(LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)


def _execute_into_cache(stale: list[Path], recorded: dict, jobs: int | None) -> None:
    kernels_import_this_checkout()
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1, initializer=_output_to_log) as pool:
        for wave in waves(stale, recorded):
            _execute_wave(pool, wave, recorded)


def _execute_wave(pool: ProcessPoolExecutor, tasks: list[Path | str], recorded: dict) -> None:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    cache = get_cache(str(CACHE))
    futures = {pool.submit(execute if isinstance(task, Path) else summarise, task): task for task in tasks}
    for future in as_completed(futures):
        notebook = futures[future]
        if future.exception() is not None:
            pool.shutdown(cancel_futures=True)  # a failed build stops as soon as it fails
            raise future.exception()
        if not isinstance(notebook, Path):
            continue
        nb, inputs, seconds = future.result()
        record = cache.cache_notebook_bundle(
            CacheBundleIn(nb, str(notebook), data={"execution_seconds": seconds}),
            check_validity=False, overwrite=True)
        recorded[_key(notebook)] = {"inputs": inputs, "cache": record.hashkey, "seconds": round(seconds, 1)}
        notebook.touch()  # so Sphinx re-reads the page and picks up the new outputs
        print(f"executed {notebook.relative_to(REPO_ROOT)} in {seconds:.1f} s", flush=True)


def render_inputs() -> str:
    """One digest of what the render reads besides the cache: pages, configuration, theme fixes."""
    files = sorted([*(REPO_ROOT / "book").rglob("*"), REPO_ROOT / "_config.yml", REPO_ROOT / "_toc.yml",
                    REPO_ROOT / "requirements.txt", Path(__file__).with_name("sphinx_fixes.py"),
                    REPO_ROOT / "analysis" / "site" / "bibliography.py"])  # the bibliography's style, which Sphinx loads
    listing = [(str(f.relative_to(REPO_ROOT)), hashlib.sha256(f.read_bytes()).hexdigest()) for f in files if f.is_file()]
    return hashlib.sha256(json.dumps(listing).encode()).hexdigest()


def render(executed: list[str]) -> bool:
    """Jupyter Book renders the site from the cache, its output going to the build log; any warning
    fails the build, and the first one is the failure's first line.

    Skipped (returns False) when no notebook ran and nothing the render reads changed since the last
    good render.
    """
    inputs = render_inputs()
    if not executed and (BUILD / "html" / "index.html").is_file() and RENDERED.is_file() \
            and RENDERED.read_text() == inputs:
        return False
    RENDERED.unlink(missing_ok=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n--- jupyter-book build {REPO_ROOT} --warningiserror --keep-going\n")
        log.flush()
        done = subprocess.run([str(jupyter_book), "build", str(REPO_ROOT), "--warningiserror", "--keep-going"],
                              stdout=log, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        text = LOG.read_text(encoding="utf-8", errors="replace")
        problems = [line for line in text.splitlines() if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)
                    and "Kernel is running over TCP" not in line]
        first = problems[0] if problems else f"jupyter-book build exited with status {done.returncode}"
        raise BuildError(f"rendering the site: {ANSI.sub('', first)}\n" + "\n".join(ANSI.sub('', p) for p in problems[1:]))
    write_root_page()
    RENDERED.write_text(inputs)
    return True


def write_root_page() -> None:
    """The site's root page: Jupyter Book's redirect to the first page, with a language, a title and a
    link for browsers that do not follow the redirect (its own has none of the three)."""
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    first = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"] + ".html"
    (BUILD / "html" / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{config["title"]}</title>\n'
        f'<link rel="icon" href="_static/favicon.svg">\n'  # else a browser may ask for /favicon.ico: a 404
        f'<meta http-equiv="Refresh" content="0; url={first}">\n</head>\n'
        f'<body><p><a href="{first}">{config["title"]}</a></p></body>\n</html>\n', encoding="utf-8")


def write_ledger_files() -> None:
    """The ledger as downloadable JSON and CSV at the site's root, which the ledger page links.

    Taken from the ledger page's executed output in the cache (``analysis.site.ledger.publish``): the
    files are exactly the ledger the page shows, and the ledger (with its robustness re-grading)
    is computed once. Written before the render, so the site is complete once the render ends.
    """
    record = json.loads(INPUTS.read_text())[LEDGER_PAGE]
    cells = json.loads((CACHE / "executed" / record["cache"] / "base.ipynb").read_text(encoding="utf-8"))["cells"]
    files = [output["metadata"][LEDGER_FILES_KEY] for cell in cells for output in cell.get("outputs", [])
             if LEDGER_FILES_KEY in output.get("metadata", {})]
    if len(files) != 1:
        raise BuildError(f"{LEDGER_PAGE} must publish its files once (analysis.site.ledger.publish); found {len(files)}")
    (BUILD / "html").mkdir(parents=True, exist_ok=True)
    for name, text in files[0].items():
        (BUILD / "html" / name).write_text(text, encoding="utf-8")


def build(jobs: int | None = None) -> list[str]:
    """Execute what changed, write the ledger files, render; print one line per notebook executed and
    one summary line."""
    start = time.perf_counter()
    BUILD.mkdir(exist_ok=True)
    LOG.write_text("")
    executed = execute_changed(jobs)
    write_ledger_files()
    archive.write()
    rendered = render(executed)
    try:
        printed = pdf.write()
    except pdf.PrintError as error:
        raise BuildError(str(error)) from error
    print(f"book built in {time.perf_counter() - start:.1f} s: {len(executed)} notebook(s) executed, "
          f"{len(toc_notebooks()) - len(executed)} up to date; "
          + ("site rendered" if rendered else "site up to date: nothing to render")
          + f"; {printed}; {shown(BUILD / 'html' / 'index.html')} (log: {shown(LOG)})", flush=True)
    return executed
