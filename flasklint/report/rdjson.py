"""reviewdog's Diagnostic Format (rdjson): findings, with each fix as a suggestion a review can apply.

The format is reviewdog's `DiagnosticResult` (proto/rdf/reviewdog.proto); tests validate our
output against the JSON schema reviewdog publishes beside it. Two of its conventions differ
from ours: columns count UTF-8 bytes (ours count code points), and a range's end is
exclusive, as ours is. Bytes are counted from the lines the analyzer captured with the
finding (`Finding.source_lines`); a position on a line not captured keeps its code-point
column, which is the same number wherever the line is ASCII up to it. Every fix becomes
`suggestions` (one per edit), so `reviewdog -reporter=github-pr-review` offers it as a
suggested change. Paths are relative to the scan root, the checkout reviewdog diffs against.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import Streamed, json_chunks
from flasklint.model import Finding, Position, Severity
from flasklint.sources.scanroot import relative_path

SEVERITY = {Severity.CRITICAL: "ERROR", Severity.HIGH: "ERROR", Severity.MEDIUM: "WARNING", Severity.LOW: "INFO"}
SOURCE = {"name": "flasklint", "url": "https://github.com/flasklint/flasklint"}


def _byte_column(position: Position, finding: Finding) -> int:
    index = position.line - finding.span.start.line
    lines = finding.source_lines
    if 0 <= index < len(lines) and position.column - 1 <= len(lines[index]):
        return len(lines[index][: position.column - 1].encode("utf-8", "surrogateescape")) + 1
    return position.column


def _position(position: Position, finding: Finding) -> dict[str, int]:
    return {"line": position.line, "column": _byte_column(position, finding)}


def _range(start: Position, end: Position, finding: Finding) -> dict[str, Any]:
    return {"start": _position(start, finding), "end": _position(end, finding)}


def _suggestions(finding: Finding) -> Optional[list[dict[str, Any]]]:
    if finding.fix is None:
        return None
    return [
        {"range": _range(edit.span.start, edit.span.end, finding), "text": edit.replacement}
        for edit in finding.fix.edits
        if edit.span is not None
    ] or None


def _diagnostics(result: ScanResult) -> Iterator[dict[str, Any]]:
    root = result.root or "."
    catalog = load_catalog()
    for f in result.findings:
        entry: dict[str, Any] = {
            "message": f.message,
            "location": {"path": relative_path(f.path, root), "range": _range(f.span.start, f.span.end, f)},
            "severity": SEVERITY[f.severity],
            "source": SOURCE,
            "code": {"value": f.rule, "url": catalog[f.rule].help_uri},
        }
        suggestions = _suggestions(f)
        if suggestions:
            entry["suggestions"] = suggestions
        if f.related:
            entry["related_locations"] = [
                {"message": r.message,
                 "location": {"path": relative_path(r.path, root),
                              "range": {"start": {"line": r.span.start.line, "column": r.span.start.column},
                                        "end": {"line": r.span.end.line, "column": r.span.end.column}}}}
                for r in f.related
            ]
        yield entry


def chunks(result: ScanResult) -> Iterator[str]:
    yield from json_chunks({"source": SOURCE, "diagnostics": Streamed(_diagnostics(result))})
    yield "\n"
