"""Which Flask a project runs, from one requirement specifier: the fact that decides `FLASK_ENV`'s effect.

Flask 1.0 to 2.2 turned debug mode on from `FLASK_ENV=development`; 2.3
removed it. A specifier allows a range of versions; `below_2_3` is True when
every allowed version is below 2.3, False when none is, None when the range
straddles it or says nothing (`flask`, `flask>=2.0`, `^2.2`).
"""

from __future__ import annotations

import re
from typing import Any, Optional

__all__ = ["FACTS_KEY", "parse_version", "judge", "fact"]

FACTS_KEY = "flask_version"
CUTOFF = (2, 3)
_CLAUSE = re.compile(r"(===|==|~=|!=|<=|>=|<|>|\^|~)?\s*v?([0-9]+(?:\.[0-9]+|\.\*)*)")


def parse_version(text: str) -> Optional[tuple[int, ...]]:
    parts = re.findall(r"[0-9]+", text.split("+")[0])
    return tuple(int(p) for p in parts[:3]) if parts else None


def judge(spec: str, *, bare_is_exact: bool = False) -> tuple[Optional[str], Optional[bool]]:
    """(the version the spec names, whether every allowed version is below 2.3)."""
    low: Optional[tuple[int, ...]] = None
    high: Optional[tuple[int, ...]] = None
    named: Optional[str] = None
    for clause in spec.split(","):
        match = _CLAUSE.fullmatch(clause.strip())
        if match is None:
            continue
        operator, text = match.group(1) or ("==" if bare_is_exact else ""), match.group(2)
        version = parse_version(text)
        if version is None or not operator:
            continue
        named = named or text
        if operator in ("==", "===") and not text.endswith("*"):
            return text, version < CUTOFF
        if operator in ("==", "==="):  # 2.2.* : below 2.3 when the prefix is
            prefix = version
            return text, prefix < CUTOFF and prefix[:2] != CUTOFF[:len(prefix)]
        if operator in (">=", ">"):
            low = version
        elif operator in ("<", "<="):
            high = version
        elif operator in ("~=", "^", "~"):
            low = version
            if operator == "~" or (operator == "~=" and len(version) >= 3):
                high = version[:2] + (99,)
            elif operator == "~=":
                high = (version[0], 99)
            else:
                high = (version[0], 99) if version[0] > 0 else version[:2] + (99,)
    if low is not None and low >= CUTOFF:
        return named, False
    if high is not None and (high < CUTOFF or high == CUTOFF[:len(high)]) and high[:2] <= CUTOFF:
        return named, high[:2] < CUTOFF or len(high) == 2
    return named, None


def fact(spec: str, line: int, source: str, *, bare_is_exact: bool = False) -> dict[str, Any]:
    version, below = judge(spec, bare_is_exact=bare_is_exact)
    return {"spec": spec.strip() or "*", "version": version, "below_2_3": below, "line": line, "source": source}
