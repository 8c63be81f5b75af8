"""Build benchmark: this build beside a plain Jupyter Book 1 build of the same book, in the same run.

Each run copies the checkout twice (so that no cache is shared): in one copy ``python -m analysis
build`` runs cold (no ``_build`` at all, so no execution cache and no memo), again with nothing
changed (warm), and once more after one data file changed; in the other, plain ``jupyter-book build``
(``execute_notebooks: cache``, one notebook after another) runs cold and warm. Both import the
copy's own ``analysis`` package. The results keep the median of the runs, the processor time of
each command (less sensitive than wall time to other work on the machine) and the machine's load.
"""
from __future__ import annotations

import hashlib
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

from analysis.core.book import REPO_ROOT

RESULTS = REPO_ROOT / "book" / "benchmark.json"
TARGETS = {"cold_vs_plain_max": 0.5, "warm_vs_plain_max": 0.3, "changed_vs_cold_max": 0.5}
IGNORED = shutil.ignore_patterns(".venv", ".git", "_build", "__pycache__", ".pytest_cache", "test-artifacts")
# run a command; report the processor time (user + system) of it and everything it started, and its
# peak memory: the largest resident set of it and its descendants
TIMED = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print(r.ru_utime + r.ru_stime, r.ru_maxrss, file=sys.stderr); sys.exit(code)")
SCENARIOS = {  # key: (label, which build)
    "cold": ("Cold: no _build at all", "this build"),
    "plain_cold": ("Cold: no _build at all", "plain Jupyter Book"),
    "warm": ("Warm: nothing changed", "this build"),
    "plain_warm": ("Warm: nothing changed", "plain Jupyter Book"),
    "one_data_file_changed": ("One data file changed", "this build"),
}


def timed(command: list[str], cwd: Path) -> dict:
    """Wall seconds, processor seconds and peak memory (MiB) of one command; fails loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", TIMED, *command], cwd=cwd, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(cwd)})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    cpu, rss = done.stderr.strip().splitlines()[-1].split()
    return {"wall_s": seconds, "cpu_s": float(cpu), "memory_mib": int(rss) / 1024}


def summary(samples: list[dict]) -> dict:
    times = [s["wall_s"] for s in samples]
    return {"median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
            "max_s": round(max(times), 2), "cpu_median_s": round(statistics.median(s["cpu_s"] for s in samples), 2),
            "runs": len(times), "peak_memory_mib": round(max(s["memory_mib"] for s in samples))}


def scratch_copy(parent: Path, name: str) -> Path:
    root = parent / name
    shutil.copytree(REPO_ROOT, root, ignore=IGNORED)
    return root


def change_one_value(root: Path, run: int) -> None:
    """Change one agent count in one data file (and its checksum), differently each run."""
    import yaml
    catalogue_path = root / "data" / "datapackage.yaml"
    catalogue = yaml.safe_load(catalogue_path.read_text())
    entry = next(r for r in catalogue["resources"] if r["name"] == "border_patrol_agents")
    path = root / "data" / entry["path"]
    path.write_text(re.sub(r"^2010,nationwide,\d+$", f"2010,nationwide,{20558 + run + 1}", path.read_text(), flags=re.M))
    entry["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    catalogue_path.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None) if Path("/proc/meminfo").exists() else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": memory, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def run(runs: int = 3) -> dict:
    build = [sys.executable, "-m", "analysis", "build"]
    plain = [str(Path(sys.executable).with_name("jupyter-book")), "build", ".", "--warningiserror", "--keep-going"]
    samples = {key: [] for key in SCENARIOS}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for i in range(runs):
            ours, theirs = scratch_copy(scratch, f"build{i}"), scratch_copy(scratch, f"plain{i}")
            samples["cold"].append(timed(build, ours))
            cold = json.loads((ours / "_build" / ".notebook_inputs.json").read_text())
            samples["plain_cold"].append(timed(plain, theirs))
            samples["warm"].append(timed(build, ours))
            samples["plain_warm"].append(timed(plain, theirs))
            change_one_value(ours, i)
            samples["one_data_file_changed"].append(timed(build, ours))
            print(f"run {i + 1} of {runs}: " + ", ".join(f"{k} {v[-1]['wall_s']:.1f} s" for k, v in samples.items()),
                  flush=True)
    results = {key: summary(values) for key, values in samples.items()}
    ratios = {"cold_vs_plain": results["cold"]["median_s"] / results["plain_cold"]["median_s"],
              "warm_vs_plain": results["warm"]["median_s"] / results["plain_warm"]["median_s"],
              "changed_vs_cold": results["one_data_file_changed"]["median_s"] / results["cold"]["median_s"]}
    return {
        "date": date.today().isoformat(), "machine": machine(),
        "load_average": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "scenarios": results,
        "notebook_seconds": {name: record["seconds"] for name, record in cold.items()},  # last cold build's
        "ratios": {k: round(v, 2) for k, v in ratios.items()},
        "targets": TARGETS | {"cold_met": ratios["cold_vs_plain"] <= TARGETS["cold_vs_plain_max"],
                              "warm_met": ratios["warm_vs_plain"] <= TARGETS["warm_vs_plain_max"],
                              "changed_met": ratios["changed_vs_cold"] <= TARGETS["changed_vs_cold_max"]},
    }


def load_results() -> dict:
    """The committed benchmark results (recorded as an input of the page that shows them)."""
    from analysis.core.data import record_read
    return json.loads(record_read(RESULTS).read_text())


def main(runs: int = 3) -> None:
    results = run(runs)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["ratios"] | {"targets": results["targets"]}, indent=2))


def results_table(results: dict):
    """The scenarios as a table for the appendix."""
    import pandas as pd
    return pd.DataFrame([{"scenario": label, "build": which, "median (s)": results["scenarios"][key]["median_s"],
                          "min (s)": results["scenarios"][key]["min_s"], "max (s)": results["scenarios"][key]["max_s"],
                          "processor time (s)": results["scenarios"][key]["cpu_median_s"],
                          "peak memory (MiB)": results["scenarios"][key]["peak_memory_mib"]}
                         for key, (label, which) in SCENARIOS.items()])


def page_values(results: dict) -> dict:
    """Numbers the appendix prose cites (glued, never typed)."""
    m, r, t, s = results["machine"], results["ratios"], results["targets"], results["scenarios"]
    verdict = lambda ok: "met" if ok else "not met"  # noqa: E731
    slowest = max(results["notebook_seconds"], key=results["notebook_seconds"].get)
    return {"bench_date": results["date"], "bench_cpu": m["cpu"], "bench_cores": m["cores"],
            "bench_memory_gib": f"{m['memory_mib'] / 1024:.0f}", "bench_python": m["python"],
            "bench_runs": s["cold"]["runs"], "bench_load": f"{results['load_average']['before']:.1f}",
            "cold_median": f"{s['cold']['median_s']:.1f}", "plain_cold_median": f"{s['plain_cold']['median_s']:.1f}",
            "warm_median": f"{s['warm']['median_s']:.1f}", "plain_warm_median": f"{s['plain_warm']['median_s']:.1f}",
            "changed_median": f"{s['one_data_file_changed']['median_s']:.1f}",
            "cold_ratio": f"{r['cold_vs_plain']:.2f}", "warm_ratio": f"{r['warm_vs_plain']:.2f}",
            "changed_ratio": f"{r['changed_vs_cold']:.2f}",
            "target_cold": f"{t['cold_vs_plain_max']:.1f}", "target_warm": f"{t['warm_vs_plain_max']:.1f}",
            "target_changed": f"{t['changed_vs_cold_max']:.1f}",
            "cold_met": verdict(t["cold_met"]), "warm_met": verdict(t["warm_met"]), "changed_met": verdict(t["changed_met"]),
            "slowest_notebook": slowest, "slowest_seconds": f"{results['notebook_seconds'][slowest]:.1f}"}
