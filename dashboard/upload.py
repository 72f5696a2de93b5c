"""Adding documents from the browser (page 添加文档): token gate, preview, publish, rollback.

Plain functions with no Streamlit in them, so each rule can be tested on its own; `pages/upload.py`
only draws. The rules that matter for safety:

- uploads exist only when the environment sets UPLOAD_TOKEN, compared in constant time, with a
  lockout after repeated wrong tries;
- nothing is written anywhere but the raw directory, under a sanitised, unique file name, and never
  over an existing file;
- a publish either completes (file + manifest row + a new warehouse) or leaves the raw directory
  exactly as it was: a failed build removes the file and restores the manifest byte for byte.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from etl.sources import DEFAULT_MAX_MB, MANIFEST, UnreadableDocument, read_document

ROOT = Path(__file__).resolve().parent.parent
TOKEN_ENV = "UPLOAD_TOKEN"
# The same limit the ETL applies to every document (etl.sources.DEFAULT_MAX_MB, in MB of 10^6 bytes):
# a file the build would skip is refused at the door instead.
MAX_UPLOAD_MB = DEFAULT_MAX_MB
# What staff may drop: the formats the ETL reads (h3's etl.formats.SUPPORTED_SUFFIXES once merged).
UPLOAD_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")
MAX_TRIES = 5
LOCKOUT_SECONDS = 60
ARRIVED_COLUMNS = ("arrived_via", "arrived_at")
MANIFEST_COLUMNS = ("file", "title", "publisher", "published", "published_precision", "script", "kind",
                    "description", "noise")
URL_COLUMN = "url"
_STEM_MAX = 80
_UNSAFE = re.compile(r'[\\/:*?"<>|]')
_PROGRESS = re.compile(r"^PROGRESS (\d+)/(\d+) ?(.*)$")
_DONE = re.compile(r"^DONE (\d+) (\d+) (\d+)\s*$")
_PUBLISH_LOCK = threading.Lock()   # one publish at a time in this server (the build has its own lock)


def upload_types() -> list[str]:
    """Extensions for st.file_uploader (no dots), limited to what the ETL can read."""
    try:
        from etl.formats import SUPPORTED_SUFFIXES  # h3's package; absent on older code
    except ImportError:
        SUPPORTED_SUFFIXES = frozenset(UPLOAD_SUFFIXES)
    return [s.lstrip(".") for s in UPLOAD_SUFFIXES if s in SUPPORTED_SUFFIXES]


# ---------------------------------------------------------------- token


def configured_token() -> str | None:
    """The upload token from the environment; None (or empty) means a read-only deployment."""
    return os.environ.get(TOKEN_ENV) or None


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so response time does not reveal how much of a guess was right."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class TokenGate:
    """Wrong-token counter of one browser session: after MAX_TRIES wrong tries, every further try
    waits LOCKOUT_SECONDS after the last wrong one. A right token resets the counter."""

    failures: int = 0
    locked_until: float = 0.0

    def wait_seconds(self, now: float) -> int:
        """Whole seconds left before the next try is accepted (0: a try may be made now)."""
        left = self.locked_until - now
        return int(left) + (left > int(left)) if left > 0 else 0

    def attempt(self, given: str, expected: str, now: float) -> str:
        """'ok', 'wrong' or 'locked' (the try was not even compared)."""
        if self.wait_seconds(now):
            return "locked"
        if token_matches(given, expected):
            self.failures, self.locked_until = 0, 0.0
            return "ok"
        self.failures += 1
        if self.failures >= MAX_TRIES:
            self.locked_until = now + LOCKOUT_SECONDS
        return "wrong"


# ---------------------------------------------------------------- file names and duplicates


def sanitize_filename(name: str, taken_stems: set[str] = frozenset()) -> str:
    """A safe file name for the raw directory: the last path component only, no control or format
    characters, no characters Windows forbids, no leading dots, no '..', CJK kept, stem at most
    _STEM_MAX characters, and a stem that no file in `taken_stems` (case-folded) has: the stem is the
    source_id, which must be unique whatever the suffix."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\.{2,}", ".", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = suffix.lower()
    stem = stem.strip(" .")[:_STEM_MAX].strip(" .") or "upload"
    ext = f".{suffix}" if suffix else ""
    if (stem + ext) == MANIFEST:
        stem = "upload"
    taken = {s.casefold() for s in taken_stems}
    candidate, n = stem, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}_{n}"
    return candidate + ext


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_files(raw_dir: Path) -> list[Path]:
    """Every file of the raw directory that is (or may be) a document: not the manifest, not hidden."""
    if not raw_dir.is_dir():
        return []
    return sorted(p for p in raw_dir.iterdir()
                  if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


_HASHES: dict[tuple[str, int, int], str] = {}


def _file_sha(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()
    return _HASHES[key]


def duplicate_of(raw_dir: Path, digest: str) -> str | None:
    """Name of the raw file with exactly these bytes (same sha256), if any."""
    for p in raw_files(raw_dir):
        if _file_sha(p) == digest:
            return p.name
    return None


def taken_stems(raw_dir: Path) -> set[str]:
    return {p.stem for p in raw_files(raw_dir)}


# ---------------------------------------------------------------- preview


@dataclass(frozen=True)
class Refusal:
    """A plain-words refusal: a key of dashboard.i18n and its details, so the page can say it in
    either language (`t(key, lang, **detail)`)."""

    key: str
    detail: dict = field(default_factory=dict)


def _refusal(key: str, **detail) -> Refusal:
    return Refusal(key, {k: str(v) for k, v in detail.items()})


@dataclass
class Preview:
    """What one dropped file would add: its cases and outcomes, or why it is refused."""

    original_name: str
    name: str                 # the sanitised name it would get in the raw directory
    sha256: str
    size: int
    error: Refusal | None = None
    cases: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    raw: str = ""             # the text raw_start/raw_end index
    meta: dict = field(default_factory=dict)   # prefill: title, publisher, published, url
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def preview(original_name: str, data: bytes, raw_dir: Path, max_mb: float = MAX_UPLOAD_MB) -> Preview:
    """Run the ETL's single-document path (read_document → pipeline.process) on a temporary copy;
    nothing in the raw directory is touched."""
    name = sanitize_filename(original_name, taken_stems(raw_dir))
    pv = Preview(original_name, name, sha256_of(data), len(data))
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        pv.error = _refusal("refuse_type", suffix=suffix or "—")
        return pv
    if len(data) > max_mb * 1e6:
        pv.error = _refusal("refuse_large", mb=f"{len(data) / 1e6:.1f}", limit=f"{max_mb:g}")
        return pv
    dup = duplicate_of(raw_dir, pv.sha256)
    if dup:
        pv.error = _refusal("refuse_duplicate", file=dup)
        return pv
    from etl.pipeline import process

    with tempfile.TemporaryDirectory(prefix="upload-preview-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            doc = read_document(path, {}, max_mb)
            rows = process(doc)
        except UnreadableDocument as exc:
            pv.error = _refusal("refuse_unreadable", reason=str(exc))
            return pv
        except Exception as exc:  # noqa: BLE001 — any failure of the ETL on this file is a refusal
            pv.error = _refusal("refuse_unreadable", reason=f"{type(exc).__name__}: {exc}")
            return pv
    pv.cases, pv.outcomes = rows.cases, rows.outcomes
    pv.raw = getattr(doc, "raw_text", None) or doc.text
    pv.warnings = [w for w in doc.warnings if MANIFEST not in w]
    pv.meta = prefill(doc, rows.cases)
    return pv


def prefill(doc, cases: list[dict]) -> dict:
    """Title, publisher, date and URL as the document states them (h3's Extracted.meta: title, date,
    sitename, url; manifest-style keys are read too); the title falls back to the only case's title."""
    meta: dict = {}
    for src in (getattr(getattr(doc, "extracted", None), "meta", None), getattr(doc, "format_meta", None),
                doc.meta):
        if isinstance(src, dict):
            meta.update({k: v for k, v in src.items() if v})
    title = meta.get("title") or (cases[0]["title"] if len(cases) == 1 else "")
    return {
        "title": str(title or "").strip(),
        "publisher": str(meta.get("publisher") or meta.get("sitename") or "").strip(),
        "published": str(meta.get("published") or meta.get("date") or "").strip()[:10],
        "url": str(meta.get("url") or "").strip(),
    }


# ---------------------------------------------------------------- manifest


def manifest_row(name: str, meta: dict, now: datetime | None = None) -> dict:
    """The sources.csv row of an uploaded file; the date is kept only when it is an ISO day."""
    published = (meta.get("published") or "").strip()
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = ""
    now = now or datetime.now(timezone.utc)
    return {
        "file": name,
        "title": (meta.get("title") or "").strip(),
        "publisher": (meta.get("publisher") or "").strip(),
        "published": published,
        "published_precision": "day" if published else "",
        URL_COLUMN: (meta.get("url") or "").strip(),
        "arrived_via": "upload",
        "arrived_at": now.isoformat(timespec="seconds"),
    }


def _decode_manifest(data: bytes) -> tuple[str, bool]:
    """The manifest's text (UTF-8, with or without BOM, else GBK as Excel writes it) and whether it had a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), True
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("gb18030"), False


def append_manifest(raw_dir: Path, rows: list[dict]) -> None:
    """Add rows to raw_dir/sources.csv, keeping every existing column and row.

    Columns the rows need and the header lacks (arrived_via, arrived_at, url) are added at the end,
    which means rewriting the file (in UTF-8); otherwise the rows are appended and the existing bytes
    stay as they are. The rewrite goes through a temporary file in the same directory and a rename.
    """
    path = raw_dir / MANIFEST
    old = path.read_bytes() if path.exists() else b""
    text, bom = _decode_manifest(old) if old else ("", False)
    records = list(csv.reader(io.StringIO(text)))
    header = records[0] if records else list(MANIFEST_COLUMNS)
    wanted = list(header) + [c for r in rows for c in r if c not in header]
    wanted = list(dict.fromkeys(wanted))
    utf8 = not old or old.startswith(b"\xef\xbb\xbf") or _is_utf8(old)
    if records and wanted == header and utf8:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n" if b"\r\n" in old else "\n")
        w.writerows(rows)
        sep = b"" if old.endswith((b"\n", b"\r")) else b"\n"
        with path.open("ab") as fh:
            fh.write(sep + buf.getvalue().encode("utf-8"))
        return
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(wanted)
    for rec in records[1:]:
        if any(cell.strip() for cell in rec):
            w.writerow(rec + [""] * (len(wanted) - len(rec)))
    for r in rows:
        w.writerow([r.get(c, "") for c in wanted])
    _replace_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _replace_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a hidden temporary file beside it, then a rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------- build


@dataclass
class BuildResult:
    ok: bool
    counts: dict = field(default_factory=dict)   # documents, cases, outcomes (empty: no DONE line)
    error: str = ""


def supports_progress() -> bool:
    """Whether this ETL's command line has `--progress plain` (h4); older ones get a spinner."""
    from etl.__main__ import parse_args

    devnull = io.StringIO()
    old, sys.stderr = sys.stderr, devnull
    try:
        parse_args(["build", "--progress", "plain"])
        return True
    except SystemExit:
        return False
    finally:
        sys.stderr = old


def build_command(raw_dir: Path, warehouse: Path, progress: bool) -> list[str]:
    cmd = [sys.executable, "-m", "etl", "build", "--input", str(raw_dir), "--output", str(warehouse)]
    return cmd + (["--progress", "plain"] if progress else ["--no-progress"])


def parse_line(line: str) -> tuple[str, tuple] | None:
    """('progress', (done, total, file)) or ('done', (documents, cases, outcomes)) or None."""
    line = line.rstrip("\r\n")
    m = _PROGRESS.match(line)
    if m:
        return "progress", (int(m.group(1)), int(m.group(2)), m.group(3))
    m = _DONE.match(line)
    if m:
        return "done", tuple(int(g) for g in m.groups())
    return None


def one_line_error(stderr: str, returncode: int) -> str:
    """The build's `error: …` line, else its last line, else its exit code."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.lower().startswith("error")]
    line = (errors or lines or [f"exit code {returncode}"])[-1]
    return line[:300]


def run_build(raw_dir: Path, warehouse: Path, on_progress: Callable[[int, int, str], None] | None = None,
              progress: bool | None = None) -> BuildResult:
    """Run `python -m etl build` as a child process (so a crash cannot take the server down), feeding
    its PROGRESS lines to `on_progress`. The build writes a temporary file and swaps it in, so
    readers see the old warehouse until the new one is complete."""
    progress = supports_progress() if progress is None else progress
    counts: dict = {}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        proc = subprocess.Popen(build_command(raw_dir, warehouse, progress), cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=err, text=True, encoding="utf-8", errors="replace",
                                env=dict(os.environ, PYTHONUNBUFFERED="1"))
        for line in proc.stdout:
            parsed = parse_line(line)
            if parsed and parsed[0] == "progress" and on_progress:
                on_progress(*parsed[1])
            elif parsed and parsed[0] == "done":
                counts = dict(zip(("documents", "cases", "outcomes"), parsed[1]))
        code = proc.wait()
        err.seek(0)
        stderr = err.read()
    if code != 0:
        return BuildResult(False, error=one_line_error(stderr, code))
    return BuildResult(True, counts)


def warehouse_counts(warehouse: Path) -> dict:
    """Documents, cases and outcomes in a warehouse (when the build printed no DONE line).

    Call it only after every connection to the old file is closed: DuckDB hands a new connection to
    a path the database instance already open for it, which still reads the replaced file."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {tbl}").fetchone()[0])
                for t, tbl in (("documents", "sources"), ("cases", "cases"), ("outcomes", "outcomes"))}
    finally:
        con.close()


# ---------------------------------------------------------------- publish


@dataclass
class Item:
    """One file to publish: its sanitised name, its original bytes and the metadata staff confirmed."""

    name: str
    data: bytes
    meta: dict


@dataclass
class PublishResult:
    ok: bool
    files: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    error: Refusal | None = None


def safe_target(raw_dir: Path, name: str) -> Path:
    """The path `name` gets in raw_dir; refuses anything that would land elsewhere or be hidden."""
    if name != sanitize_filename(name) or name == MANIFEST:
        raise ValueError(f"unsafe file name: {name!r}")
    root = raw_dir.resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise ValueError(f"outside the raw directory: {name!r}")
    return target


def publish(raw_dir: Path, items: list[Item], build: Callable[[], BuildResult],
            now: datetime | None = None) -> PublishResult:
    """Write the files and their manifest rows, then rebuild; on any failure undo both, so that
    nothing half-published remains. One publish at a time."""
    if not _PUBLISH_LOCK.acquire(blocking=False):
        return PublishResult(False, error=_refusal("refuse_busy"))
    try:
        return _publish(raw_dir, items, build, now)
    finally:
        _PUBLISH_LOCK.release()


def _publish(raw_dir: Path, items: list[Item], build, now) -> PublishResult:
    for it in items:
        if len(it.data) > MAX_UPLOAD_MB * 1e6:
            return PublishResult(False, error=_refusal("refuse_large", mb=f"{len(it.data) / 1e6:.1f}",
                                                       limit=f"{MAX_UPLOAD_MB:g}"))
        dup = duplicate_of(raw_dir, sha256_of(it.data))
        if dup:
            return PublishResult(False, error=_refusal("refuse_duplicate", file=dup))
    if len({sha256_of(it.data) for it in items}) < len(items):
        return PublishResult(False, error=_refusal("refuse_duplicate", file=items[-1].name))
    manifest = raw_dir / MANIFEST
    before = manifest.read_bytes() if manifest.exists() else None
    written: list[Path] = []
    try:
        taken = taken_stems(raw_dir)
        for it in items:
            name = sanitize_filename(it.name, taken)
            target = safe_target(raw_dir, name)
            with target.open("xb") as fh:      # never over an existing file
                written.append(target)
                fh.write(it.data)
            taken.add(target.stem)
        append_manifest(raw_dir, [manifest_row(p.name, it.meta, now) for p, it in zip(written, items)])
        result = build()
    except Exception as exc:  # noqa: BLE001 — undo, then report in one line
        result = BuildResult(False, error=f"{type(exc).__name__}: {exc}")
    if result.ok:
        return PublishResult(True, [p.name for p in written], result.counts)
    rollback(raw_dir, written, before)
    return PublishResult(False, error=_refusal("refuse_build", reason=result.error))


def rollback(raw_dir: Path, written: list[Path], manifest_before: bytes | None) -> None:
    """Remove the files this publish wrote and put the manifest back exactly as it was."""
    for p in written:
        p.unlink(missing_ok=True)
    manifest = raw_dir / MANIFEST
    if manifest_before is None:
        manifest.unlink(missing_ok=True)
    else:
        _replace_bytes(manifest, manifest_before)
