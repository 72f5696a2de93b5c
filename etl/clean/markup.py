"""Step: HTML markup and code that arrive inside a text file.

A page saved or pasted as text often keeps some of its HTML: tags, ``<script>``/``<style>`` blocks,
comments, character entities, and lines of JavaScript or CSS whose tags were lost. Their content is
never document text, and a figure inside it (``window.__x='访问量100万人次'``) must not become an
outcome, so every such span is deleted. Tags are recognised by their shape (``<`` + a tag name), so
"<" in prose ("增速<5%") stays.
"""
from __future__ import annotations

import re

Span = tuple[int, int]

# Elements whose whole content is code or page metadata, never document text.
_BLOCK = re.compile(r"<(script|style|noscript|template|svg|iframe)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
                    re.S | re.I)
# An unclosed <script> (a page cut off mid-block): up to the end of its line.
_OPEN_BLOCK = re.compile(r"<(?:script|style)\b[^\n]*", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]*?)?/?>|<![A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# A line of JavaScript or CSS without its tags: it starts like code (a keyword, a member access, an
# assignment or call of an ASCII identifier, a brace, a CSS rule) and carries code punctuation.
_CODE_LINE = re.compile(
    r"(?m)^[ \t]*(?:"
    r"(?:var|let|const|function|if|for|return|try|catch|document|window|jQuery|\$)\b[^\n]*[;{}()=][^\n]*"
    r"|[A-Za-z_$][\w$]*(?:\.[\w$]+|\[[^\]\n]*\])+\s*(?:=|\()[^\n]*"    # a.b = …, a.b(…)
    r"|[A-Za-z_$][\w$]*\s*=\s*[^\n]*;[ \t]*"                          # x = …;
    r"|[})\]][\s;)}\]]*(?:\([^\n]*\))?[;)\s]*"                         # closing braces
    r"|[.#]?[A-Za-z][\w\-]*(?:[\s,.#>:][\w\-.#>:\s,]*)?\{[^\n]*\}?"     # CSS rule
    r")[ \t]*$")


def markup_spans(text: str) -> list[Span]:
    """Spans of script/style blocks, HTML comments, tags, character entities and code lines."""
    out = [m.span() for m in _BLOCK.finditer(text)]
    out += [m.span() for m in _OPEN_BLOCK.finditer(text) if not _inside(m.start(), out)]
    out += [m.span() for m in _TAG.finditer(text)]
    out += [m.span() for m in _ENTITY.finditer(text)]
    out += [m.span() for m in _CODE_LINE.finditer(text) if _looks_like_code(m.group(0))]
    return out


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _looks_like_code(line: str) -> bool:
    """Most of a code line is ASCII: a Chinese sentence that merely starts with a Latin word
    ("App上线…") is not code."""
    s = line.strip()
    if not s:
        return False
    ascii_chars = sum(1 for ch in s if ch < "\x80")
    return ascii_chars >= 0.6 * len(s) or bool(re.search(r"[;{}]\s*$|=\s*['\"]", s))
