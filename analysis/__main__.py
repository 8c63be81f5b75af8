"""Command line: ``python -m analysis ledger --format json|csv`` and ``python -m analysis build``."""
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
    args = parser.parse_args(argv)
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
