"""Generic adapter: any text file becomes one case."""
from __future__ import annotations

import re

from .types import CaseDraft, Document

NAME = "generic"
_TRIM = " \t\u3000\"'“”‘’「」『』《》【】#*·-—:：,，。;；!！?？、"


def matches(text: str) -> bool:
    return True


def first_title(text: str, limit: int = 60) -> str:
    for line in text.split("\n"):
        t = re.sub(r"\s+", " ", line).strip(_TRIM)
        if t:
            return t[:limit].rstrip(_TRIM)
    return ""


def parse(cleaned) -> Document:
    text = cleaned.text
    title = first_title(text)
    s = len(text) - len(text.lstrip())
    e = len(text.rstrip())
    has = e > s
    lead = text[s:s + 300]
    case = CaseDraft(case_no=1, title=title, short_name=None, category=None, award=None,
                     reporting_unit=None, page=None, has_text=has,
                     body_start=s if has else None, body_end=e if has else None,
                     place_text=(title + "\n" + lead) if has else title)
    return Document(adapter=NAME, cases=[case] if has else [], tiers=[], findings=[])
