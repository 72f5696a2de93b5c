"""Segmentation: cleaned document text -> Document of CaseDrafts (see docs/design.md).

An adapter is a module of this package with ``NAME``, ``matches(text) -> bool`` and
``parse(cleaned) -> Document``. ``ADAPTERS`` registers them explicitly, in the order they are
tried: the most specific shapes first, the generic adapter (the whole file is one case; it matches
every text) last. An adapter that cannot be imported fails the import of this package, and one that
lacks a part of the interface raises ``AdapterError``: a broken adapter is an error, never a silent
fall-through to the generic one.
"""
from __future__ import annotations

from types import ModuleType

from . import award_article, award_list, category_article, compendium, generic, tier_article
from .types import CaseDraft, Document, TierClaim

__all__ = ["CaseDraft", "Document", "TierClaim", "segment", "ADAPTERS", "AdapterError", "adapter",
           "check_adapters", "pick_adapter"]


class AdapterError(RuntimeError):
    """A registered segment adapter does not have the adapter interface."""


ADAPTERS: tuple[ModuleType, ...] = (compendium, award_list, award_article, category_article, tier_article,
                                    generic)


def check_adapters(adapters=None) -> None:
    """Raise ``AdapterError`` unless every adapter has ``NAME``, ``matches`` and ``parse``, the
    names are distinct, and the last one is the generic adapter (so that every text has a shape)."""
    adapters = ADAPTERS if adapters is None else adapters
    names = []
    for mod in adapters:
        if not isinstance(mod, ModuleType):
            raise AdapterError(f"segment adapter {mod!r} is not a module")
        for part in ("matches", "parse"):
            if not callable(getattr(mod, part, None)):
                raise AdapterError(f"segment adapter {mod.__name__} has no {part}()")
        if not isinstance(getattr(mod, "NAME", None), str):
            raise AdapterError(f"segment adapter {mod.__name__} has no NAME")
        names.append(mod.NAME)
    if len(set(names)) != len(names):
        raise AdapterError(f"segment adapters with the same NAME: {names}")
    if not adapters or adapters[-1] is not generic:
        raise AdapterError("the generic adapter must be registered last")


check_adapters()


def adapter(name: str) -> ModuleType:
    """The registered adapter called ``name`` (KeyError for a name that is not registered)."""
    for mod in ADAPTERS:
        if mod.NAME == name:
            return mod
    raise KeyError(f"no segment adapter named {name!r}; registered: {[m.NAME for m in ADAPTERS]}")


def pick_adapter(text: str) -> ModuleType:
    """The first registered adapter whose ``matches`` accepts ``text``."""
    check_adapters()
    for mod in ADAPTERS:
        if mod.matches(text):
            return mod
    raise AdapterError("no segment adapter matched, not even the generic one")


def segment(file_name: str, cleaned) -> Document:
    """Shape a cleaned document into cases. ``file_name`` is informational only
    (adapters decide on the text, never on the name)."""
    return pick_adapter(cleaned.text).parse(cleaned)
