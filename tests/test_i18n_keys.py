"""Every label is defined once: a second definition of a key in a dict literal silently wins."""
from __future__ import annotations

import ast

from tests.conftest import ROOT


def test_no_label_key_is_defined_twice():
    tree = ast.parse((ROOT / "dashboard" / "i18n.py").read_text(encoding="utf-8"))
    dups = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            seen = set()
            for k in node.keys:
                if isinstance(k, ast.Constant):
                    if k.value in seen:
                        dups.append((k.value, k.lineno))
                    seen.add(k.value)
    assert dups == []
