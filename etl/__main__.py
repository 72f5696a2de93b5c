"""`python -m etl build|eval` — the ETL's command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/warehouse.duckdb from data/raw")
    b.add_argument("--input", type=Path, default=Path("data/raw"))
    b.add_argument("--output", type=Path, default=Path("data/warehouse.duckdb"))
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("--max-mb", type=float, default=64, help="skip (and report) documents larger than this")
    e = sub.add_parser("eval", help="score the ETL against a gold directory (precision, recall, F1)")
    e.add_argument("--gold", type=Path, default=Path("../shared/gold-dev"))
    e.add_argument("--input", type=Path, default=Path("data/raw"))
    e.add_argument("--warehouse", type=Path, default=None,
                   help="score this warehouse instead of building a fresh one from --input")
    e.add_argument("--errors", action="store_true", help="list missed gold lines and false positives")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "build":
        from etl.build import main as build_main

        try:
            return build_main(args.input, args.output, progress=False if args.no_progress else None,
                              max_mb=args.max_mb)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.command == "eval":
        from etl.gold import run

        return run(args.gold, args.input, args.warehouse, args.errors)
    return 2


if __name__ == "__main__":
    sys.exit(main())
