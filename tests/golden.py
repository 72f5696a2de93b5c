"""Golden snapshot of the seed warehouse: a sorted, human-diffable text dump of its key rows.

Why: every change to the ETL should change the seed warehouse only where it is meant to. The test
`tests/test_golden.py` rebuilds the warehouse from data/raw and compares it with the committed dump in
tests/data/golden/; a failure prints the differing lines.

Regenerate after an intended change (then read `git diff tests/data/golden/` before committing):

    .venv/bin/python -m tests.golden --update

Each table dumps a FIXED list of columns, so adding a column to the warehouse does not break the
snapshot; only changed rows do. Floats are written with 10 significant digits; NULL is written `\\N`;
long text (case bodies) is summarised by its length and a short hash.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLDEN_DIR = ROOT / "tests" / "data" / "golden"
UPDATE_COMMAND = ".venv/bin/python -m tests.golden --update"

# table -> (columns dumped, ORDER BY). `body` is replaced by its length and hash (see _cell).
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "sources": (("source_id", "file", "title", "title_derived", "publisher", "published", "script", "kind", "sha256",
                 "n_chars"), "source_id"),
    "cases": (("case_id", "source_id", "case_no", "title", "short_name", "category", "award", "year", "year_basis",
               "domain", "domain_inferred", "province",
               "province_code", "city", "city_code", "reporting_unit", "has_text", "canonical_id",
               "raw_start", "raw_end", "body"), "source_id, case_no, case_id"),
    "outcomes": (("outcome_id", "case_id", "metric", "value", "unit", "comparable_unit", "qualifier", "period",
                  "part_of_total", "before_value", "after_value", "raw_start", "raw_end", "confidence",
                  "quote"), "case_id, raw_start, raw_end, outcome_id"),
    "tiers": (("evaluation", "evaluator", "year", "level", "tier", "member", "member_code", "source_id",
               "claimed_count", "quote"), "evaluation, year, level, tier, member, source_id"),
}


def _cell(column: str, value) -> str:
    """One value as reproducible text: floats to 10 significant digits, escapes for tab/newline."""
    if value is None:
        return "\\N"
    if column == "body":
        return f"len={len(value)} sha1={hashlib.sha1(value.encode('utf-8')).hexdigest()[:10]}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def dump(warehouse: Path) -> dict[str, str]:
    """The snapshot text of each table of `warehouse` (file name -> content)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table, (columns, order) in TABLES.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}').fetchall()
            lines = ["\t".join(columns)]
            lines += ["\t".join(_cell(c, v) for c, v in zip(columns, row)) for row in rows]
            out[f"{table}.tsv"] = "\n".join(lines) + "\n"
        return out
    finally:
        con.close()


def build_seed(target: Path) -> Path:
    """Build the seed warehouse from data/raw into `target` (a directory) and return its path."""
    from etl.build import build

    out = target / "warehouse.duckdb"
    build(RAW, out, progress=False)
    return out


def differences(current: dict[str, str], golden_dir: Path = GOLDEN_DIR, max_lines: int = 200) -> str:
    """A unified diff of the committed snapshot against `current`; empty when they agree."""
    chunks = []
    for name, text in sorted(current.items()):
        path = golden_dir / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            chunks.extend(difflib.unified_diff(old.splitlines(), text.splitlines(), f"golden/{name}",
                                               f"rebuilt/{name}", n=0, lineterm=""))
    if len(chunks) > max_lines:
        chunks = chunks[:max_lines] + [f"... {len(chunks) - max_lines} more diff lines"]
    return "\n".join(chunks)


def write(current: dict[str, str], golden_dir: Path = GOLDEN_DIR) -> None:
    golden_dir.mkdir(parents=True, exist_ok=True)
    for name, text in current.items():
        (golden_dir / name).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/data/golden/ from a fresh build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        current = dump(build_seed(Path(tmp)))
    diff = differences(current)
    if args.update:
        write(current)
        print(diff or "snapshot unchanged")
        print(f"wrote {GOLDEN_DIR.relative_to(ROOT)}/")
        return 0
    print(diff or "snapshot matches")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
