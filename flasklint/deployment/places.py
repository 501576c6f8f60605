"""Every place a judged finding touches: where it sits, its related locations, each hop of its launch path.

One answer serves two questions about a finding that spans files (a Procfile's FL301 through the
`flask run` of start.sh): whether a scan of named files reports it (any place in a named file: the
pre-commit hook that was given only start.sh), and which inline suppressions cover it
(flasklint.findings.suppression.apply_across). The launch path is kept on the finding as text
(`path:line label`, for --show-context, JSON and SARIF); `hop` writes it and `places` reads it back.
"""

from __future__ import annotations

from typing import Callable, Collection, Iterator, Optional

from flasklint.model import Finding

__all__ = ["hop", "places", "placer"]

Place = tuple[str, int]
"""(display path, line)."""


def hop(path: str, line: int, label: str = "") -> str:
    """One hop of a launch path as findings carry it: `Procfile:1 web`, or `start.sh:2` without a label."""
    return f"{path}:{line} {label}" if label else f"{path}:{line}"


def _read_hop(text: str, known: Collection[str]) -> Optional[Place]:
    """(path, line) of a hop written by `hop`. A path may hold `:` and spaces, so the split is the one whose
    path is a file of the scan; None when no split is (a hop never names a file outside the scan)."""
    end = len(text)
    while True:
        colon = text.rfind(":", 0, end)
        if colon <= 0:
            return None
        digits = colon + 1
        while digits < len(text) and text[digits].isdigit():
            digits += 1
        if digits > colon + 1 and (digits == len(text) or text[digits] == " ") and text[:colon] in known:
            return text[:colon], int(text[colon + 1:digits])
        end = colon


def places(finding: Finding, known: Collection[str]) -> Iterator[Place]:
    """The finding's own place first, then its related locations, then its launch path's hops."""
    yield finding.path, finding.span.start.line
    for related in finding.related:
        yield related.path, related.span.start.line
    for text in finding.launch_path:
        place = _read_hop(text, known)
        if place is not None:
            yield place


def placer(known: Collection[str]) -> Callable[[Finding], Iterator[Place]]:
    """`places` for the findings of one scan, whose files are `known` (display paths)."""
    return lambda finding: places(finding, known)
