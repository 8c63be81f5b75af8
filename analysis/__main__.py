"""Command line: ``python -m analysis ledger --format json|csv``, ``build``, ``bench``, ``reproduce`` and
``parameters``."""
from __future__ import annotations

import argparse
import os
import sys

from pathlib import Path


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2, like every other error of the commands."""

    def error(self, message: str):
        self.exit(2, f"{self.prog.split()[-1]}: error: {message}\n")


def count(text: str) -> int:
    """A ``--jobs`` or ``--runs`` value, checked before anything runs: a whole number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("ledger", help="print every registered claim with its verdict")
    show.add_argument("--format", choices=("json", "csv"), default="json")
    make = commands.add_parser("build", help="execute the notebooks whose inputs changed, then render the site")
    make.add_argument("--jobs", type=count, default=None, help="notebooks executed at once (default: all cores)")
    bench = commands.add_parser("bench", help="measure cold, warm and changed-data builds; write book/benchmark.json")
    bench.add_argument("--runs", type=count, default=3, help="runs per scenario (the median is kept)")
    again = commands.add_parser(
        "reproduce", help="re-run chapters' notebooks (with other parameters) and list the claims that changed",
        description="Run the chapters' notebooks through papermill into an output folder, then print every claim "
                    "whose recomputed value or verdict differs from the published ledger. Exit 0: nothing changed; "
                    "1: something changed; 2: an error (its cause in one line).")
    again.add_argument("--chapter", action="extend", nargs="+", default=[], metavar="NAME",
                       help="chapters to run (default: every written chapter)")
    again.add_argument("-p", dest="assignments", action="append", nargs="+", default=[], metavar="NAME=VALUE",
                       help="a parameter, for each selected chapter that declares it (CHAPTER.NAME=VALUE: for that "
                            "chapter alone; papermill's NAME VALUE works too); values are read as papermill's -p "
                            "reads them (numbers, True/False, else text)")
    again.add_argument("-f", dest="parameter_file", type=Path, metavar="params.yaml",
                       help="a YAML mapping of parameters (the way to pass mappings such as weights)")
    again.add_argument("--jobs", type=count, default=None, help="notebooks run at once (default: all cores)")
    again.add_argument("--out", type=Path, default=None, help="folder for the executed notebooks "
                                                              "(default: _build/reproduce)")
    again.add_argument("--against", type=Path, default=None, metavar="ledger.json",
                       help="ledger to compare with: a site's ledger.json or an edition's (default: the current "
                            "edition's, editions/<version>/ledger.json)")
    commands.add_parser("edition", help="write the ledger computed from this checkout as the current edition "
                                        "(the version and date in CITATION.cff), to commit when publishing")
    declared = commands.add_parser("parameters", help="print every chapter's parameters as Markdown tables")
    declared.add_argument("--readme", action="store_true", help="write them into README.md instead")
    args = parser.parse_args(argv)
    if args.command == "reproduce":
        from analysis.tools import reproduce
        return reproduce.main(args.chapter, args.assignments, args.parameter_file, args.jobs, args.out, args.against)
    if args.command == "parameters":
        from analysis.site import reviewers
        if args.readme:
            reviewers.write_readme()
        else:
            sys.stdout.write(reviewers.parameters_markdown())
        return 0
    if args.command == "bench":
        from analysis.tools.bench import main as bench_main
        bench_main(args.runs)
        return 0
    if args.command == "build":
        from analysis.tools.build import LOG, BuildError, build, shown
        try:
            build(args.jobs)
        except BuildError as error:  # the cause first, in one line; then its traceback, if any
            print(f"build failed: {error}".rstrip(), file=sys.stderr)
            print(f"build failed; the kernels' and Sphinx's output is in {shown(LOG)}", file=sys.stderr)
            return 1
        return 0
    from analysis.site import ledger  # pandas and every chapter: not needed by the commands above (a warm build)
    frame = ledger.build()
    if args.command == "edition":
        import json

        from analysis.site import editions
        version, date = editions.current()
        print(f"wrote {editions.write(version, date, json.loads(ledger.to_json(frame)))}")
        return 0
    sys.stdout.write(ledger.to_json(frame) if args.format == "json" else ledger.to_csv(frame))
    return 0


def same_hashes_every_run() -> None:
    """Run under a fixed hash seed, passed on to every process and kernel started from here: the
    regression library's iteration order follows the seed, and with it the seventh digit of the kingpin
    intervals, which two builds must publish alike."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, "-m", "analysis", *sys.argv[1:]])


if __name__ == "__main__":
    same_hashes_every_run()
    sys.exit(main())
