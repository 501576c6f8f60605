"""Deep nesting in TOML and JSON: cut at a fixed depth before a recursive parser sees it.

`tomllib` and `json` recurse once (or more) per level of `[` and `{`, so a
file that nests 3,000 levels deep raises RecursionError from inside them. A
scanned repository supplies such files at will. `cut_nesting` blanks the
contents of each bracket that lies at depth `MAX_NESTING` and holds deeper
ones (spaces for its characters, newlines kept), so the parser reads the rest
of the file with every offset and line unchanged, the cut part as an empty
array or table.

The brackets are counted outside strings and `#` comments (TOML's strings and
JSON's are both covered: `"..."` with escapes, `'...'`, and triple-quoted).
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["MAX_NESTING", "cut_nesting", "nesting_message"]

MAX_NESTING = 100
"""Levels of arrays and tables read in a TOML or JSON file; what lies deeper is cut.

Real configuration nests a handful of levels; at 100, `tomllib` stays far from
Python's recursion limit even when it is called deep inside a scan.
"""

_TOKEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\'|#[^\r\n]*|[\[\]{}]')
"""A string, a comment (both skipped whole) or one bracket."""


def cut_nesting(text: str, limit: int = MAX_NESTING) -> tuple[str, Optional[int]]:
    """`text` with what is nested deeper than `limit` blanked, and the offset of the first bracket cut (None: none).

    A bracket left open to the end of the file is blanked to the end: the parser then reports it unclosed.
    """
    if text.count("[") + text.count("{") <= limit:  # in C: most files cannot nest that deep
        return text, None
    cuts: list[tuple[int, int]] = []
    first: Optional[int] = None
    depth = 0
    opener = 0  # where the bracket at depth `limit` opened
    blank_from: Optional[int] = None
    for match in _TOKEN.finditer(text):
        c = match.group()[0]
        if c in "[{":
            depth += 1
            if depth == limit:
                opener = match.start()
            elif depth == limit + 1 and blank_from is None:
                blank_from = opener + 1
                if first is None:
                    first = match.start()
        elif c in "]}":
            if depth == limit and blank_from is not None:
                cuts.append((blank_from, match.start()))
                blank_from = None
            depth = max(depth - 1, 0)
    if blank_from is not None:
        cuts.append((blank_from, len(text)))
    if not cuts:
        return text, None
    parts = []
    position = 0
    for start, end in cuts:
        parts.append(text[position:start])
        parts.append(_blank(text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts), first


def _blank(text: str) -> str:
    """Spaces for every character but line ends, so lines and offsets stay where they were."""
    return "\n".join(" " * len(line) if not line.endswith("\r") else " " * (len(line) - 1) + "\r"
                     for line in text.split("\n"))


def nesting_message(text: str, offset: int, limit: int = MAX_NESTING) -> str:
    """The diagnostic for a cut at `offset`: which line, and that the rest was read."""
    line = text.count("\n", 0, offset) + 1
    return f"line {line}: nested deeper than {limit} levels; cut there, the rest of the file was analysed"
