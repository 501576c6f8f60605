"""A Dockerfile written by a shell heredoc (`cat > Dockerfile <<EOF ... EOF`), read as a Dockerfile.

CI scripts and bootstrap scripts generate the image definition on the fly;
what they write is the Dockerfile that ships. The body is analysed by the
Dockerfile analyzer on a copy of the script where everything else is blanked
(same length, same newlines), so its findings sit on the script's own lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from flasklint.analyzers.base import AnalysisContext
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["dockerfile_bodies", "analyze_bodies", "merge"]

_OPENER = re.compile(
    r"^[^\n#]*\b(?:cat|tee)\b[^\n]*?(?:Dockerfile|Containerfile|dockerfile)[^\n]*$", re.M)
_DELIMITER = re.compile(r"<<(-?)[ \t]*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")


_FROM = re.compile(r"^[ \t]*FROM[ \t]", re.M | re.I)
_BASE = "FROM base"
"""What an appended body (`cat >>Dockerfile <<EOF` after a `FROM` written by another command) is read on: the
stage the script started earlier, whatever it is, written over the blanked opener line."""


def dockerfile_bodies(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each heredoc body a script writes to a Dockerfile/Containerfile."""
    if "<<" not in text:
        return
    for line in _OPENER.finditer(text):
        opener = _DELIMITER.search(line.group())
        if opener is None or ">" not in line.group() and "tee" not in line.group():
            continue
        strip, delimiter = opener.group(1) == "-", opener.group(3)
        body_start = line.end() + 1
        closing = re.compile(r"^" + (r"\t*" if strip else "") + re.escape(delimiter) + r"[ \t]*\r?$", re.M)
        end = closing.search(text, body_start)
        yield body_start, end.start() if end else len(text)


def _masked(text: str, start: int, end: int) -> str:
    def blank(part: str) -> str:
        return re.sub(r"[^\r\n]", " ", part)

    before = blank(text[:start])
    if _FROM.search(text, start, end) is None:
        # a body appended to a Dockerfile another command began (`sed ... >Dockerfile`, then `cat >>Dockerfile`):
        # its instructions continue a stage, so they are read on one, named on the opener line (same length)
        opener = text.rfind("\n", 0, max(start - 1, 0)) + 1
        if start - 1 - opener >= len(_BASE):
            before = before[:opener] + _BASE + before[opener + len(_BASE):]
    return before + text[start:end] + blank(text[end:])


def merge(into: FileResult, other: FileResult) -> None:
    """Add another analysis of the same file (findings, diagnostics, list facts) to a result."""
    into.findings.extend(other.findings)
    into.diagnostics.extend(other.diagnostics)
    into.suppressions.extend(other.suppressions)
    for key, value in other.facts.items():
        if isinstance(value, list) and isinstance(into.facts.get(key), list):
            into.facts[key] = into.facts[key] + value
        else:
            into.facts.setdefault(key, value)


def analyze_bodies(source: SourceText, context: AnalysisContext, result: FileResult) -> FileResult:
    """The script's result with every heredoc Dockerfile's analysis added."""
    from flasklint.analyzers import dockerfile

    for start, end in dockerfile_bodies(source.text):
        body = replace(source, text=_masked(source.text, start, end), _line_starts=None)
        merge(result, dockerfile.analyze(body, context))
    return result
