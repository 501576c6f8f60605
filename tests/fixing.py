"""Test helpers for fixes: analyse a snippet, apply its fixes, check the result still parses."""

from __future__ import annotations

from typing import Optional

import libcst

from flasklint.analyzers import python as python_analyzer
from flasklint.analyzers.base import AnalysisContext
from flasklint.fix.fixer import MAX_PASSES, VALIDATORS, applicable, apply_fixes
from flasklint.model import Finding
from flasklint.python.parsing import parses
from flasklint.sources.source import decode


def findings_of(code: str, path: str = "app.py") -> list[Finding]:
    source = decode(code.encode("utf-8"), python=True)
    return python_analyzer.analyze(source, AnalysisContext(display_path=path, kind="python")).findings


def fix_text(code: str, *, unsafe: bool = True, rules: Optional[set[str]] = None) -> str:
    """What `--fix` (with `--unsafe-fixes` by default) makes of a Python snippet, pass by pass."""
    text = code
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in findings_of(text) if applicable(f.fix, unsafe) and (rules is None or f.rule in rules)]
        if not fixes:
            break
        text, count = apply_fixes(text, [f for f in fixes if f is not None], VALIDATORS["python"])
        if not count:
            break
    return text


def assert_parses(text: str) -> None:
    assert parses(text)  # as Python of some version: the corpus has 3.10-3.13 syntax
    assert libcst.parse_module(text).code == text
