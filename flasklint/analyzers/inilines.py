"""INI-style files read line by line, keeping positions (configparser loses them).

Shared by tox.ini, supervisord and systemd units: `[section]` headers, `key = value`
or `key=value` entries starting at column 0, indented continuation lines, and
`#`/`;` comment lines. systemd's trailing-backslash continuation is handled by
the caller.
"""

from __future__ import annotations

import re
from typing import Optional

from flasklint.sources.source import SourceText

__all__ = ["ini_entries"]

_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]")
_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_.-]+)[ \t]*[=:][ \t]*")


def ini_entries(source: SourceText) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(section, key, [(start, end) of each value line]) for every key, continuation lines included."""
    entries: list[tuple[str, str, list[tuple[int, int]]]] = []
    section = ""
    current: Optional[tuple[str, str, list[tuple[int, int]]]] = None
    for number, start in enumerate(source.line_starts, start=1):
        line = source.line_text(number)
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if line[0] in " \t":
            if current is not None:
                indent = len(line) - len(line.lstrip())
                current[2].append((start + indent, start + len(line.rstrip())))
            continue
        match = _SECTION.match(line)
        if match:
            section, current = match.group("name").strip(), None
            continue
        key = _KEY.match(line)
        if key:
            current = (section, key.group("key").lower(), [])
            entries.append(current)
            if line[key.end():].strip():
                current[2].append((start + key.end(), start + len(line.rstrip())))
        else:
            current = None
    return entries
