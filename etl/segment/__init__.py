"""Segmentation: cleaned document text -> Document of CaseDrafts (see docs/design.md).

Adapters are modules of this package exposing ``matches(text) -> bool`` and
``parse(cleaned) -> Document``. ``segment`` tries them in order and falls back to
the generic adapter (the whole file is one case).
"""
from __future__ import annotations

import importlib
import warnings

from .types import CaseDraft, Document, TierClaim

__all__ = ["CaseDraft", "Document", "TierClaim", "segment", "ADAPTERS", "pick_adapter"]

# Order matters: the most specific shapes first.
ADAPTERS = ["compendium", "award_list", "award_article", "category_article", "tier_article"]


def _load(name: str):
    full = f"{__name__}.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as e:
        if e.name != full:       # the adapter exists but something it imports is missing
            warnings.warn(f"segment adapter {name} skipped: {e}", RuntimeWarning, stacklevel=2)
        return None              # adapter not written (yet): skip it
    except ImportError as e:
        warnings.warn(f"segment adapter {name} skipped: {e}", RuntimeWarning, stacklevel=2)
        return None


def pick_adapter(text: str):
    """The adapter module whose ``matches`` accepts ``text`` (generic when none does)."""
    for name in ADAPTERS:
        mod = _load(name)
        if mod is None or not hasattr(mod, "matches"):
            continue
        if mod.matches(text):
            return mod
    from . import generic
    return generic


def segment(file_name: str, cleaned) -> Document:
    """Shape a cleaned document into cases. ``file_name`` is informational only
    (adapters decide on the text, never on the name)."""
    mod = pick_adapter(cleaned.text)
    return mod.parse(cleaned)
