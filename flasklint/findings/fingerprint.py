"""Fingerprints: an identity for a finding that survives edits elsewhere in the file.

A finding's line number changes whenever a line is inserted above it, so neither
GitHub code scanning (`partialFingerprints`) nor a baseline can use it. Instead a
finding is identified by its rule, the whitespace-normalised text of its start
line and of its own span, and its occurrence index among findings in the same
file with the same rule and text (so two identical `app.run(debug=True)` lines
stay distinct). The Reporter computes this at analysis time, while the text is
at hand (reporters never re-read files); `located` adds the file's path
relative to the scan root, which is only known when the scan is reported.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Callable, Iterable

from flasklint.sources.filenames import utf8_bytes
from flasklint.model import Finding

VERSION = "flasklint/v1"
"""The `partialFingerprints` key: bump the suffix if the recipe ever changes."""

_DIGITS = re.compile(r"\d+")


def _digest(*parts: str, size: int = 32) -> str:
    return hashlib.sha256(utf8_bytes("\0".join(parts))).hexdigest()[:size]


_WHITESPACE = re.compile(r"\s+")
"""What `str.split()` splits on (both test `str.isspace`)."""


_CHUNK = 1 << 16


def normalize(text: str) -> str:
    """Collapse all whitespace, so re-indenting or re-wrapping the code keeps the identity.

    A long text is split a chunk at a time, each ending at whitespace: the list of every word of a
    12 MB command took 50 MB more than its text (the words of a chunk, joined, are the same).
    """
    if len(text) <= _CHUNK:
        return " ".join(text.split())
    pieces = []
    start, length = 0, len(text)
    while start < length:
        blank = _WHITESPACE.search(text, min(start + _CHUNK, length))
        end = blank.start() if blank else length
        piece = " ".join(text[start:end].split())
        if piece:
            pieces.append(piece)
        start = end if end > start else length
    return " ".join(pieces)


def code_key(rule: str, line_text: str, span_text: str) -> str:
    """What identifies a finding's code: its rule and normalised start line and span text."""
    return _digest(rule, normalize(line_text), normalize(span_text))


class CodeKeys:
    """`code_key` for the findings of one file, hashing each (rule, start line) prefix once.

    Twenty thousand findings on one 500 kB line normalised and hashed that line
    twenty thousand times (quadratic: minutes); the digest of the prefix is kept
    and copied, so the keys are the same as `code_key`'s.
    """

    def __init__(self, line_text: Callable[[int], str]) -> None:
        self._line_text = line_text
        self._prefixes: dict[tuple[str, int], Any] = {}

    def key(self, rule: str, line: int, span_text: str) -> str:
        prefix = self._prefixes.get((rule, line))
        if prefix is None:
            prefix = hashlib.sha256(utf8_bytes(f"{rule}\0{normalize(self._line_text(line))}\0"))
            self._prefixes[(rule, line)] = prefix
        digest = prefix.copy()
        digest.update(utf8_bytes(normalize(span_text)))
        return digest.hexdigest()[:32]


def with_occurrences(findings: Iterable[Finding], keys: list[str]) -> list[Finding]:
    """Give each finding its fingerprint: its code key plus its index among equal keys, in file order."""
    ordered = sorted(zip(findings, keys), key=lambda pair: pair[0].sort_key)
    seen: dict[str, int] = {}
    result = []
    for finding, key in ordered:
        index = seen.get(key, 0)
        seen[key] = index + 1
        result.append(finding.with_changes(fingerprint=_digest(key, str(index))))
    return result


def located(finding: Finding, relative_path: str) -> str:
    """The fingerprint reports and baselines use: rule, path relative to the scan root, code identity.

    A finding that no Reporter fingerprinted (one made by a cross-file pass)
    falls back to its message with numbers blanked out, which is still
    independent of line numbers quoted in it.
    """
    identity = finding.fingerprint or _DIGITS.sub("#", finding.message)
    return _digest(finding.rule, relative_path, identity)
