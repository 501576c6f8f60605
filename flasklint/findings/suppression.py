"""Inline suppressions: `# flasklint: ignore[FL103]`, bare `# flasklint: ignore`, `# noqa: FL103`, `# noqa`.

One implementation for every family with `#` comments, applied by the shared
Reporter when it builds a file's result, so analyzers never deal with it and
cached results carry what was suppressed and which comments were unused.

Where a suppression applies: on the finding's start line, as a comment. In
formats other than Python a comment alone on the line directly above also
applies, because a trailing `#` is not a comment everywhere (a Dockerfile
passes it to the command; Docker and systemd env files keep it in the value).
Like ruff, a bare `# noqa` suppresses every rule; since it may be meant for
another linter it is never reported as unused. `# noqa: E501` (no FL code) is
not ours and is ignored.

A finding the project pass or the deployment model makes spans files (a
Procfile's FL301 through the `flask run` of start.sh). `apply_across` covers
it, after judging, by a suppression on any of its places: its own line, the
start, every hop of its launch path, every related location. Away from its
own line only an explicit suppression counts (`# flasklint: ignore...`,
`# noqa: FL...`): a bare `# noqa` there was meant for that line.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Optional, Sequence

from flasklint.model import Finding, Suppression
from flasklint.sources.source import SourceText

_MARKER = re.compile(
    r"#\s*(?:"
    r"(?P<flasklint>flasklint:\s*ignore)(?:\[(?P<ids>[^\]]*)\])?"
    r"|(?P<noqa>noqa)(?::[ \t]*(?P<codes>[A-Za-z]+[0-9]+(?:[ \t]*,?[ \t]*[A-Za-z]+[0-9]+)*))?"
    r")",
    re.IGNORECASE,
)
_QUICK = re.compile(r"flasklint:|noqa", re.IGNORECASE)
_EXPLICIT_BYTES = re.compile(rb"flasklint:\s*ignore|(?:noqa|NOQA):[^\n]*FL[0-9]")
_EXPLICIT_TEXT = re.compile(r"flasklint:\s*ignore|noqa:.*FL[0-9]", re.IGNORECASE)


def has_explicit_suppression(data: bytes) -> bool:
    """Whether a file names flasklint in a suppression: such a file is always analysed, so
    `--strict-noqa` can report an unused one. Two substring scans guard the regex (measured:
    about 0.3 s per 180 MB of Python, half of it the unavoidable scans)."""
    return (b"flasklint:" in data or (b"noqa:" in data and b"FL" in data)) and _EXPLICIT_BYTES.search(data) is not None


@dataclass
class _Comment:
    line: int
    column: int
    text: str
    alone: bool  # nothing but whitespace before the comment on its line


def _parse(comment: _Comment, path: str, known: Iterable[str], python: bool) -> Optional[Suppression]:
    match = _MARKER.search(comment.text)
    if match is None:
        return None
    known_ids = set(known)
    text = match.group(0).strip()
    column = comment.column + match.start()
    below = not python and comment.alone
    if match.group("flasklint"):
        ids = [i.strip().upper() for i in re.split(r"[,\s]+", match.group("ids") or "") if i.strip()]
        return Suppression(path, comment.line, column, text, tuple(ids), (), tuple(i for i in ids if i not in known_ids),
                           covers_next=below)
    codes = match.group("codes")
    if codes is None:
        return Suppression(path, comment.line, column, text, (), (), (), explicit=False, covers_next=below)
    ours = [c.upper() for c in re.split(r"[,\s]+", codes) if c.upper().startswith("FL")]
    if not ours:
        return None  # another linter's noqa
    return Suppression(path, comment.line, column, text, tuple(ours), (), tuple(c for c in ours if c not in known_ids),
                       covers_next=below)


def _python_comments(source: SourceText, lines: set[int]) -> Optional[list[_Comment]]:
    """Real comments (never `#` inside strings) on the given lines, via tokenize; None if it fails."""
    comments = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source.text).readline):
            if token.type == tokenize.COMMENT and token.start[0] in lines:
                line = token.start[0]
                prefix = source.line_text(line)[: token.start[1]]
                comments.append(_Comment(line, token.start[1] + 1, token.string, not prefix.strip()))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    return comments


def _hash_comment(line_text: str) -> Optional[int]:
    """Index of the `#` that starts a comment: at the line start or after whitespace, outside quotes."""
    quote: Optional[str] = None
    previous = " "
    for index, char in enumerate(line_text):
        if quote:
            if char == quote and previous != "\\":
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and previous in " \t":
            return index
        previous = char
    return None


def _generic_comments(source: SourceText, lines: set[int]) -> list[_Comment]:
    comments = []
    for line in sorted(lines):
        text = source.line_text(line)
        index = _hash_comment(text)
        if index is not None:
            comments.append(_Comment(line, index + 1, text[index:], not text[:index].strip()))
    return comments


def apply(
    findings: list[Finding], source: SourceText, path: str, python: bool, known: Iterable[str]
) -> tuple[list[Finding], list[Suppression]]:
    """Drop the findings a suppression covers; return the rest and every suppression with its use."""
    candidates = {source.position(m.start()).line for m in _QUICK.finditer(source.text)}
    if not candidates:
        return findings, []
    finding_lines = {f.span.start.line for f in findings}
    explicit_lines = {n for n in candidates if _EXPLICIT_TEXT.search(source.line_text(n))}
    wanted = candidates & (finding_lines | explicit_lines | {n - 1 for n in finding_lines})
    comments = (_python_comments(source, wanted) if python else None) or _generic_comments(source, wanted)
    known_ids = tuple(known)
    parsed = [s for c in comments for s in [_parse(c, path, known_ids, python)] if s is not None]
    used: dict[int, set[str]] = {}
    kept = []
    for finding in findings:
        line = finding.span.start.line
        covering = [
            index
            for index, suppression in enumerate(parsed)
            if line in suppression.lines() and (not suppression.rules or finding.rule in suppression.rules)
        ]
        if covering:
            for index in covering:
                used.setdefault(index, set()).add(finding.rule)
        else:
            kept.append(finding)
    records = [replace(s, used=tuple(sorted(used.get(i, ())))) for i, s in enumerate(parsed)]
    return kept, records


Place = tuple[str, int]
"""(display path, line)."""


def apply_across(
    findings: Sequence[Finding], records: Mapping[str, Sequence[Suppression]],
    places: Callable[[Finding], Iterable[Place]],
) -> tuple[list[Finding], dict[str, list[Suppression]]]:
    """Drop the judged findings a suppression covers at any of their places (see the module's docstring).

    `records` are the files' recorded suppressions (analysis kept every explicit one, wherever it stands);
    `places(finding)` lists the finding's own place first. Returns the findings kept and, per path, its
    records with the uses added here (only paths whose records changed).
    """
    at: dict[Place, list[tuple[str, int]]] = {}
    for path, suppressions in records.items():
        for index, suppression in enumerate(suppressions):
            for line in suppression.lines():
                at.setdefault((path, line), []).append((path, index))
    if not at:
        return list(findings), {}
    used: dict[tuple[str, int], set[str]] = {}
    kept = []
    for finding in findings:
        own = (finding.path, finding.span.start.line)
        covering = [key for place in dict.fromkeys(places(finding)) for key in at.get(place, ())
                    if _covers(records[key[0]][key[1]], finding.rule, place == own)]
        if not covering:
            kept.append(finding)
        for key in covering:
            used.setdefault(key, set()).add(finding.rule)
    changed: dict[str, list[Suppression]] = {}
    for (path, index), rules in used.items():
        suppressions = changed.setdefault(path, list(records[path]))
        suppression = suppressions[index]
        suppressions[index] = replace(suppression, used=tuple(sorted(set(suppression.used) | rules)))
    return kept, changed


def _covers(suppression: Suppression, rule: str, own_line: bool) -> bool:
    return (own_line or suppression.explicit) and (not suppression.rules or rule in suppression.rules)


def problems(suppression: Suppression) -> list[str]:
    """What `--strict-noqa` reports about one suppression (empty when it is fine)."""
    if not suppression.explicit:
        return []
    issues = []
    if suppression.unknown:
        issues.append(f"unknown rule {', '.join(suppression.unknown)}")
    unused = [r for r in suppression.rules if r not in suppression.used and r not in suppression.unknown]
    if unused:
        issues.append(f"unused suppression of {', '.join(unused)} (no such finding on this line)")
    elif not suppression.rules and not suppression.used:
        issues.append("unused suppression (no finding on this line)")
    return issues
