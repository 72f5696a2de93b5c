"""`python -m etl build|eval` — the ETL's command line.

Errors are one line (`error: …` on stderr, non-zero exit), not tracebacks; `--debug` or ETL_DEBUG=1
shows the traceback of an unexpected one.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def available_cores() -> int:
    """Cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/warehouse.duckdb from data/raw")
    b.add_argument("--input", type=Path, default=Path("data/raw"))
    b.add_argument("--output", type=Path, default=Path("data/warehouse.duckdb"))
    b.add_argument("--jobs", type=int, default=None,
                   help=f"documents processed in parallel (default: the number of cores, {available_cores()})")
    b.add_argument("--no-cache", action="store_true",
                   help="process every document again, ignoring the per-document cache")
    b.add_argument("--cache-dir", type=Path, default=None, help="per-document cache (default: data/cache)")
    b.add_argument("--progress", choices=("bar", "plain", "none"), default=None,
                   help="bar (default on a terminal), plain: PROGRESS done/total file lines and a DONE line, none")
    b.add_argument("--no-progress", action="store_true", help="same as --progress none")
    b.add_argument("--wait", type=float, default=None, metavar="SECONDS",
                   help="how long to wait for another build of the same output before refusing (default 600)")
    b.add_argument("--max-mb", type=float, default=64, help="skip (and report) documents larger than this")
    b.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    e = sub.add_parser("eval", help="score the ETL against a gold directory (precision, recall, F1)")
    e.add_argument("--gold", type=Path, default=Path("../shared/gold-dev"))
    e.add_argument("--input", type=Path, default=Path("data/raw"))
    e.add_argument("--warehouse", type=Path, default=None,
                   help="score this warehouse instead of building a fresh one from --input")
    e.add_argument("--errors", action="store_true", help="list missed gold lines and false positives")
    e.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    return parser.parse_args(argv)


def one_line(exc: BaseException) -> str:
    """An exception as one line: its message's lines joined."""
    return " ".join(str(exc).split()) or type(exc).__name__


def run_build(args: argparse.Namespace) -> int:
    from etl.build import LOCK_TIMEOUT, main as build_main
    from etl.cache import DEFAULT_CACHE_DIR

    progress = "none" if args.no_progress else args.progress or ("bar" if sys.stderr.isatty() else "none")
    if args.jobs is not None and args.jobs < 1:
        raise SystemExit("error: --jobs must be at least 1")
    return build_main(args.input, args.output, progress, args.max_mb, jobs=args.jobs or available_cores(),
                      cache=not args.no_cache, cache_dir=args.cache_dir or DEFAULT_CACHE_DIR,
                      lock_timeout=LOCK_TIMEOUT if args.wait is None else args.wait)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    debug = args.debug or os.environ.get("ETL_DEBUG", "") not in ("", "0")
    from etl.errors import BuildError

    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "eval":
            from etl.gold import run

            return run(args.gold, args.input, args.warehouse, args.errors)
    except BuildError as exc:
        print(f"error: {one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; the previous warehouse is kept", file=sys.stderr)
        return 130
    except OSError as exc:
        if debug:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or one_line(exc)}{where}", file=sys.stderr)
        return 1
    except Exception as exc:
        if debug:
            raise
        print(f"error: unexpected {type(exc).__name__}: {one_line(exc)} (the previous warehouse is kept; "
              f"run with --debug for the traceback)", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
