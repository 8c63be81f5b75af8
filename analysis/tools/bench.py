"""Build benchmark: cold, warm and one-data-file rebuilds, and every notebook through papermill.

Each scenario runs in a scratch copy of the checkout, several times; the results file keeps the
median (with min and max), the peak resident memory of the largest process, and the floor the
cold build is judged against: each notebook's kernel start and imports, plus the site render.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from analysis.core.book import REPO_ROOT, toc_notebooks

RESULTS = REPO_ROOT / "book" / "benchmark.json"
TARGETS = {"cold_vs_floor_max": 2, "cold_s_per_page_max": 3, "warm_s_max": 3}
# a peer Jupyter Book 1 measured on this kind of machine (QuantEcon's Python programming lectures,
# 16 executed pages, offline), as recorded in the project's toolchain notes
PEER = {"cold_s_per_executed_page": 6.1, "warm_s": 2.0}
IGNORED = shutil.ignore_patterns(".venv", ".git", "_build", "__pycache__", ".pytest_cache", "test-artifacts")
# run a command and report its peak memory: the largest resident set of it and its descendants
TIMED = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one command; fails loudly if the command fails."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", TIMED, *command], cwd=cwd, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(cwd)})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def summary(samples: list[tuple[float, float]]) -> dict:
    times = [t for t, _ in samples]
    return {"median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
            "max_s": round(max(times), 2), "runs": len(times), "peak_memory_mib": round(max(m for _, m in samples))}


def scratch_copy(parent: Path, name: str) -> Path:
    root = parent / name
    shutil.copytree(REPO_ROOT, root, ignore=IGNORED)
    return root


def change_one_value(root: Path, run: int) -> None:
    """Change one agent count in one data file (and its checksum), differently each run."""
    from analysis.core.data import resource
    import hashlib
    import yaml
    path = root / "data" / resource("border_patrol_agents")["path"]
    text = path.read_text()
    path.write_text(re.sub(r"^2010,nationwide,\d+$", f"2010,nationwide,{20558 + run + 1}", text, flags=re.M))
    catalogue_path = root / "data" / "datapackage.yaml"
    catalogue = yaml.safe_load(catalogue_path.read_text())
    entry = next(r for r in catalogue["resources"] if r["name"] == "border_patrol_agents")
    entry["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    catalogue_path.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True))


def floor(root: Path) -> dict:
    """Kernel start plus imports for each notebook (its import lines alone), plus a full site render."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    kernels = {}
    for notebook in toc_notebooks():
        nb = nbformat.read(root / notebook.relative_to(REPO_ROOT), as_version=4)
        imports = [line for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()
                   if line.startswith(("import ", "from "))]
        probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("\n".join(imports))],
                                         metadata=nb.metadata)
        start = time.perf_counter()
        result = single_nb_execution(probe, cwd=str(notebook.parent), timeout=600, allow_errors=False)
        if result.err:
            raise RuntimeError(f"imports of {notebook.name} failed: {result.exc_string}")
        kernels[str(notebook.relative_to(REPO_ROOT))] = round(time.perf_counter() - start, 2)
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    timed([sys.executable, "-m", "analysis", "build"], root)  # fill the cache: the render alone is timed
    render, _ = timed([jupyter_book, "build", ".", "--all", "-W", "--keep-going"], root)
    return {"kernel_and_imports_s": kernels, "render_s": round(render, 2),
            "total_s": round(sum(kernels.values()) + render, 2)}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None) if Path("/proc/meminfo").exists() else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": memory, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def run(runs: int = 3) -> dict:
    build = [sys.executable, "-m", "analysis", "build"]
    papermill = str(Path(sys.executable).with_name("papermill"))
    notebooks = [str(n.relative_to(REPO_ROOT)) for n in toc_notebooks()]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        cold, warm, changed, rerun = [], [], [], []
        for i in range(runs):
            root = scratch_copy(scratch, f"cold{i}")
            cold.append(timed(build, root))
            warm.append(timed(build, root))
            change_one_value(root, i)
            changed.append(timed(build, root))
            out = root / "_build" / "papermill"
            out.mkdir()
            # every notebook through papermill at once, one process each: both cores busy
            script = ("import subprocess, sys; procs = [subprocess.Popen([sys.argv[1], nb, sys.argv[2] + '/' + "
                      "nb.replace('/', '_'), '--no-progress-bar', '--cwd', nb.rsplit('/', 1)[0]]) for nb in sys.argv[3:]]; "
                      "sys.exit(max(p.wait() for p in procs))")
            rerun.append(timed([sys.executable, "-c", script, papermill, str(out), *notebooks], root))
        base = floor(scratch_copy(scratch, "floor"))
    executed = len(notebooks)
    cold_summary = summary(cold)
    return {
        "date": date.today().isoformat(), "machine": machine(), "executed_pages": executed,
        "cold_build": cold_summary, "warm_build": summary(warm), "one_data_file_changed": summary(changed),
        "papermill_all_notebooks": summary(rerun), "floor": base,
        "peer": PEER,
        "targets": TARGETS | {
            "cold_vs_floor": round(cold_summary["median_s"] / base["total_s"], 2),
            "cold_s_per_executed_page": round(cold_summary["median_s"] / executed, 2),
            "cold_vs_floor_met": cold_summary["median_s"] <= TARGETS["cold_vs_floor_max"] * base["total_s"],
            "cold_s_per_page_met": cold_summary["median_s"] / executed <= TARGETS["cold_s_per_page_max"],
            "warm_met": summary(warm)["median_s"] < TARGETS["warm_s_max"],
        },
    }


def load_results() -> dict:
    """The committed benchmark results (recorded as an input of the page that shows them)."""
    from analysis.core.data import record_read
    return json.loads(record_read(RESULTS).read_text())


def main(runs: int = 3) -> None:
    results = run(runs)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


SCENARIOS = {
    "cold_build": "Cold build (no cache)",
    "warm_build": "Warm build (no change)",
    "one_data_file_changed": "Rebuild after one data file changed",
    "papermill_all_notebooks": "Every notebook through papermill, in parallel",
}


def results_table(results: dict):
    """The scenarios as a table for the appendix."""
    import pandas as pd
    return pd.DataFrame([{"scenario": label, "median (s)": results[key]["median_s"], "min (s)": results[key]["min_s"],
                          "max (s)": results[key]["max_s"], "runs": results[key]["runs"],
                          "peak memory (MiB)": results[key]["peak_memory_mib"]} for key, label in SCENARIOS.items()])


def page_values(results: dict) -> dict:
    """Numbers the appendix prose cites (glued, never typed)."""
    m, t, f = results["machine"], results["targets"], results["floor"]
    verdict = lambda ok: "met" if ok else "not met"  # noqa: E731
    return {"bench_date": results["date"], "bench_cpu": m["cpu"], "bench_cores": m["cores"],
            "bench_memory_gib": f"{m['memory_mib'] / 1024:.0f}", "bench_python": m["python"],
            "bench_pages": results["executed_pages"], "bench_runs": results["cold_build"]["runs"],
            "cold_median": f"{results['cold_build']['median_s']:.1f}", "warm_median": f"{results['warm_build']['median_s']:.1f}",
            "floor_total": f"{f['total_s']:.1f}", "floor_render": f"{f['render_s']:.1f}",
            "floor_kernels": f"{sum(f['kernel_and_imports_s'].values()):.1f}",
            "cold_vs_floor": f"{t['cold_vs_floor']:.2f}", "cold_per_page": f"{t['cold_s_per_executed_page']:.1f}",
            "target_floor_factor": t["cold_vs_floor_max"], "target_per_page_s": t["cold_s_per_page_max"],
            "target_warm_s": t["warm_s_max"], "peer_per_page": results["peer"]["cold_s_per_executed_page"],
            "peer_warm": results["peer"]["warm_s"],
            "target_twice_floor": verdict(t["cold_vs_floor_met"]),
            "target_per_page": verdict(t["cold_s_per_page_met"]), "target_warm": verdict(t["warm_met"])}
