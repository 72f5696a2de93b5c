"""Plain text (.txt, .md): UTF-8, GB18030/GBK, UTF-16 with a byte-order mark, with faults kept local.

A stray undecodable byte or a NUL costs its line, not the document: ``raw_text`` keeps the line (the
bad byte shown as U+FFFD, the NUL as is) so offsets still lead to the file, while ``text`` leaves the
whole line out, so that a number with a damaged digit never becomes an outcome. Each lost line is
reported in a warning. A file that is mostly faults is binary and refused.
"""
from __future__ import annotations

import codecs
import re

from etl.formats import Extracted

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# More than this share of NUL/control bytes (or of undecodable bytes among non-ASCII ones) is not a
# text file with a stray fault but a binary or a file in another encoding.
BINARY_SHARE = 0.01
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_ASCII = bytes(range(128))
_FAULT = re.compile("[\ufffd\x00]")


def _unreadable(reason: str):
    from etl.sources import UnreadableDocument
    return UnreadableDocument(reason)


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text file: BOM first (UTF-8, UTF-16), then UTF-8, then GB18030 (a superset of GBK).

    Returns (raw_text, encoding, warnings); raw_text may hold U+FFFD for a stray undecodable byte and
    NUL for a stray NUL (``read_text`` leaves their lines out of the text). Refuses empty and binary
    input with a reason.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            text = body.decode(codec, errors="replace")
            if not text.strip("\x00 \t\r\n\f"):
                raise _unreadable("empty file")
            return text, codec.replace("-sig", ""), []
    if not data.strip():
        raise _unreadable("empty file")
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, [f"no byte-order mark: read as {utf16.upper()}"]
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    as_utf8 = data.decode("utf-8", errors="replace")
    head = data[:1 << 20]
    non_ascii = len(head.translate(None, _ASCII)) or 1
    bad_utf8 = as_utf8.count("\ufffd") - _count_replacement_chars(data)
    if bad_utf8 <= max(4.0, non_ascii / 300) and bad_utf8 * 10 < non_ascii:   # UTF-8, a stray fault
        return as_utf8, "utf-8", []
    gb_warning = ["decoded as GB18030/GBK, not UTF-8: raw offsets index the decoded text"]
    try:
        return data.decode("gb18030"), "gb18030", gb_warning
    except UnicodeDecodeError:
        pass
    as_gb = data.decode("gb18030", errors="replace")
    bad_gb = as_gb.count("\ufffd") - _count_replacement_chars(data)
    if min(bad_utf8, bad_gb) > max(2, non_ascii * BINARY_SHARE):
        raise _unreadable(f"neither UTF-8 nor GBK/GB18030 text ({utf8_error})")
    if bad_utf8 <= bad_gb:
        return as_utf8, "utf-8", []
    return as_gb, "gb18030", gb_warning


def _count_replacement_chars(data: bytes) -> int:
    """U+FFFD written in the file itself (not a decoding fault)."""
    return data.count("\ufffd".encode("utf-8"))


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for UTF-16 text without a byte-order mark, else None.

    Only tried when NULs are frequent (ASCII in UTF-16 is half NULs; a UTF-8 file has none), and kept
    when nearly every decoded character is text (CJK, Latin, punctuation, whitespace).
    """
    sample = data[:8192]
    if len(sample) < 8 or sample.count(0) < len(sample) * 0.05:
        return None
    sample = sample[:len(sample) // 2 * 2]
    best, score = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, errors="replace")
        ok = sum(1 for c in text if c.isprintable() or c in "\r\n\t\f") - text.count("\ufffd")
        if ok / len(text) > max(score, 0.95):
            best, score = codec, ok / len(text)
    return best


def _refuse_binary(data: bytes) -> None:
    sample = data[:65536]
    nul = sample.count(0)
    if nul > max(2, len(sample) * BINARY_SHARE) or (nul and len(sample) < 64):
        raise _unreadable("binary file (NUL bytes)")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * BINARY_SHARE:
        raise _unreadable(f"binary file ({controls} control bytes in the first {len(sample)})")


def drop_faulty_lines(raw: str) -> tuple[str, list[int] | None, list[str]]:
    """``raw`` without the lines that hold U+FFFD or NUL, the offset map, and one warning per line.

    Returns (text, offsets, warnings); offsets is None when no line is faulty (text is raw).
    """
    if not _FAULT.search(raw):
        return raw, None, []
    keep_text: list[str] = []
    offsets: list[int] = []
    warnings: list[str] = []
    pos = 0
    for lineno, line in enumerate(raw.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        if _FAULT.search(body):
            what = "a NUL byte" if "\x00" in body else "an undecodable byte"
            warnings.append(f"line {lineno}: {what}; the line is left out ({len(body)} characters)")
            keep = line[len(body):]          # keep the line break so paragraphs stay apart
            start = pos + len(body)
        else:
            keep, start = line, pos
        keep_text.append(keep)
        offsets.extend(range(start, start + len(keep)))
        pos += len(line)
    return "".join(keep_text), offsets, warnings


def read_text(name: str, data: bytes) -> Extracted:
    """A text file: decoded into raw_text; the lines with encoding faults left out of text."""
    raw, encoding, warnings = decode(data)
    text, offsets, lost = drop_faulty_lines(raw)
    if not text.strip():
        raise _unreadable(f"{name}: no readable line ({len(lost)} lines with encoding faults)")
    return Extracted(raw, text, offsets, None, "text", {"encoding": encoding}, warnings + lost)
