"""Command line: ``python -m analysis ledger --format json|csv``, ``build`` and ``bench``."""
from __future__ import annotations

import argparse
import sys

from analysis import ledger


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("ledger", help="print every registered claim with its verdict")
    show.add_argument("--format", choices=("json", "csv"), default="json")
    make = commands.add_parser("build", help="execute the notebooks whose inputs changed, then render the site")
    make.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: all cores)")
    bench = commands.add_parser("bench", help="measure cold, warm and changed-data builds; write book/benchmark.json")
    bench.add_argument("--runs", type=int, default=3, help="runs per scenario (the median is kept)")
    args = parser.parse_args(argv)
    if args.command == "bench":
        from analysis.bench import main as bench_main
        bench_main(args.runs)
        return 0
    if args.command == "build":
        from analysis.build import BuildError, build
        try:
            build(args.jobs)
        except BuildError as error:
            print(f"build failed: {error}", file=sys.stderr)
            return 1
        return 0
    frame = ledger.build()
    sys.stdout.write(ledger.to_json(frame) if args.format == "json" else ledger.to_csv(frame))
    return 0


if __name__ == "__main__":
    sys.exit(main())
