"""Source documents: find them, read them safely, and describe them (the `sources` layer).

A document that cannot be read (empty, binary, undecodable) is reported and skipped; the build goes on.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from etl.manifest import MANIFEST, read_manifest_checked

TEXT_SUFFIXES = {".txt", ".md", ".text"}
# A case document is a few hundred kB; a file this large is a dump, not a document. It is reported and
# skipped (the limit is a build option) rather than holding the build for minutes.
DEFAULT_MAX_MB = 64


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class UnreadableDocument(Exception):
    """Raised for a file that is not a text document the ETL can read; the message says why."""


@dataclass
class RawDocument:
    """One raw file as read from disk: its text exactly as decoded, and what the manifest says of it."""

    path: Path
    text: str
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def source_id(self) -> str:
        return self.path.stem


def read_manifest(raw_dir: Path) -> dict[str, dict]:
    """Rows of data/raw/sources.csv keyed by file name (tolerant: see etl.manifest); warnings dropped."""
    return read_manifest_checked(raw_dir)[0]


def supported_suffixes() -> frozenset[str]:
    """The file name endings the ETL reads: etl.formats' list once that package exists."""
    try:
        from etl.formats import SUPPORTED_SUFFIXES
    except ImportError:
        return frozenset(TEXT_SUFFIXES)
    return frozenset(SUPPORTED_SUFFIXES)


def scan_input(raw_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The candidate documents under raw_dir in name order, and every other entry with the reason it
    is not read (hidden files and the manifest itself are not mentioned). A file without a suffix is
    tried as text."""
    suffixes = supported_suffixes()
    documents, skipped = [], []
    for p in sorted(raw_dir.iterdir()):
        if p.name == MANIFEST or p.name.startswith("."):
            continue
        if p.is_dir():
            skipped.append((p.name + "/", "a folder: documents in subfolders are not read"))
        elif not p.is_file():
            skipped.append((p.name, "not a regular file"))
        elif p.suffix.lower() in suffixes or p.suffix == "":
            documents.append(p)
        else:
            skipped.append((p.name, f"not a document format: {p.suffix.lower()} "
                                    f"(read: {' '.join(sorted(suffixes))})"))
    return documents, skipped


def list_documents(raw_dir: Path) -> list[Path]:
    """Every candidate document under raw_dir, in name order (the manifest itself excluded)."""
    return scan_input(raw_dir)[0]


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8, else GB18030 (a superset of GBK); refuse empty and binary input.

    Returns (text, encoding, warnings). A UTF-8 byte-order mark is dropped by the codec
    ("utf-8-sig"), which is what an editor would show; offsets index the decoded text.
    """
    if not data.strip():
        raise UnreadableDocument("empty file")
    sample = data[:65536]
    if b"\x00" in sample:
        raise UnreadableDocument("binary file (NUL bytes)")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * 0.01:
        raise UnreadableDocument(f"binary file ({controls} control bytes in the first {len(sample)})")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableDocument(f"neither UTF-8 nor GBK/GB18030 text ({utf8_error})") from None
    return text, "gb18030", ["decoded as GB18030/GBK, not UTF-8: raw offsets index the decoded text"]


def read_document(path: Path, manifest: dict[str, dict] | None = None,
                  max_mb: float = DEFAULT_MAX_MB) -> RawDocument:
    """Read one file; raises UnreadableDocument with a reason a person can act on."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1e6:
            raise UnreadableDocument(
                f"too large: {size / 1e6:.1f} MB > {max_mb:g} MB limit "
                f"(split it into documents, or raise the limit with --max-mb)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"cannot read: {exc.strerror or exc}") from None
    text, encoding, warnings = decode(data)
    meta = dict((manifest or {}).get(path.name, {}))
    if not meta:
        warnings.append("not in data/raw/sources.csv: title and publisher unknown")
    return RawDocument(path, text, encoding, hashlib.sha256(data).hexdigest(), meta, warnings)
