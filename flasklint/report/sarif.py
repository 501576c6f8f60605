"""SARIF 2.1.0 for GitHub code scanning: one run, rules from the catalog, results with fingerprints.

What GitHub reads is all here: rule metadata with `security-severity` and CWE
tags, result locations relative to `%SRCROOT%` (the scan root, see
scanroot.py), `partialFingerprints` that do not move when lines are inserted
above a finding, and files that could not be analysed as tool execution
notifications. Columns count code points (`columnKind`), like our findings.

Each result's region carries its code as a `snippet`, and a `contextRegion`
holds the finding's whole lines, both from the lines the analyzer captured
(`Finding.source_lines`): a reporter never reads files. Checked by Microsoft's
SARIF Multitool with GitHub's ingestion rules in tests/test_sarif_multitool.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

from flasklint import __version__
from flasklint.findings import fingerprint
from flasklint.analyzers.base import MAX_FRAME_LINE_CHARS
from flasklint.findings.catalog import Rule, load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import Streamed, json_chunks, uri_path
from flasklint.model import Diagnostic, Edit, Finding, Fix, Related, Severity, Span
from flasklint.report.summary import hidden_because
from flasklint.sources.scanroot import relative_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/flasklint/flasklint"
SRCROOT = "%SRCROOT%"

LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
PROBLEM_SEVERITY = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "recommendation",
}
SECURITY_SEVERITY = {Severity.CRITICAL: "9.3", Severity.HIGH: "7.5", Severity.MEDIUM: "5.0", Severity.LOW: "2.0"}
"""GitHub's bands: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9."""


def pascal_name(name: str) -> str:
    """`debugger-exposed` -> `DebuggerExposed`: the friendly-name form SARIF asks for (SARIF2012)."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-") if part)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = rule.explain()
    return {
        "id": rule.id,
        "name": pascal_name(rule.name),
        "shortDescription": {"text": f"{rule.summary}."},
        "fullDescription": {"text": " ".join(rule.what_it_does.split())},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": ["security", *(f"external/cwe/cwe-{c}" for c in rule.cwe)],
            "precision": rule.precision,
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
            "security-severity": SECURITY_SEVERITY[rule.severity],
        },
    }


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line,
        "endColumn": span.end.column,
    }


def _artifact(path: str, root: str) -> dict[str, str]:
    return {"uri": uri_path(relative_path(path, root)), "uriBaseId": SRCROOT}


def _location(path: str, span: Optional[Span], root: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(path, root)}
    if span is not None:
        physical["region"] = _region(span)
    return {"physicalLocation": physical}


def _complete(line: str) -> bool:
    """Whether a captured line is the whole line (analyzers cut long ones, see analyzers.base)."""
    return not (len(line) > MAX_FRAME_LINE_CHARS and line.endswith("…"))


def _with_snippets(location: dict[str, Any], finding: Finding) -> dict[str, Any]:
    """Add the region's `snippet` and a `contextRegion` of its whole lines, when the captured lines hold them.

    A span longer than the captured lines, or on a line that was cut short, gets
    neither: a snippet that is not exactly the file's text would mislead.
    """
    lines = finding.source_lines
    span = finding.span
    count = span.end.line - span.start.line + 1
    if not lines or count > len(lines) or not all(_complete(line) for line in lines[:count]):
        return location
    covered = lines[:count]
    if count == 1:
        text = covered[0][span.start.column - 1 : span.end.column - 1]
    else:
        text = "\n".join([covered[0][span.start.column - 1 :], *covered[1:-1], covered[-1][: span.end.column - 1]])
    physical = location["physicalLocation"]
    if text:
        physical["region"]["snippet"] = {"text": text}
    physical["contextRegion"] = {
        "startLine": span.start.line,
        "endLine": span.end.line,
        "snippet": {"text": "\n".join(covered)},
    }
    return location


def _replacement(edit: Edit) -> dict[str, Any]:
    if edit.span is not None:
        region: dict[str, int] = _region(edit.span)
    else:  # an edit no Reporter positioned: character offsets are still exact
        region = {"charOffset": edit.start, "charLength": edit.end - edit.start}
    return {"deletedRegion": region, "insertedContent": {"text": edit.replacement}}


def _fix(fix: Fix, path: str, root: str) -> dict[str, Any]:
    return {
        "description": {"text": f"{fix.description} ({fix.safety.value} fix)"},
        "artifactChanges": [
            {"artifactLocation": _artifact(path, root), "replacements": [_replacement(e) for e in fix.edits]}
        ],
    }


def _related(index: int, related: Related, root: str) -> dict[str, Any]:
    return {"id": index, **_location(related.path, related.span, root), "message": {"text": related.message}}


def result_object(finding: Finding, rule_index: int, root: str) -> dict[str, Any]:
    relative = relative_path(finding.path, root)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_with_snippets(_location(finding.path, finding.span, root), finding)],
        "partialFingerprints": {fingerprint.VERSION: fingerprint.located(finding, relative)},
        "properties": {"severity": finding.severity.label, "context": finding.context or "unknown",
                       **({"launchPath": list(finding.launch_path)} if finding.launch_path else {})},
    }
    if finding.related:
        result["relatedLocations"] = [_related(i, r, root) for i, r in enumerate(finding.related, start=1)]
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix, finding.path, root)]
    return result


def _notification(diagnostic: Diagnostic, root: str) -> dict[str, Any]:
    internal = diagnostic.message.startswith("internal error")
    location = _location(diagnostic.path, None, root)
    if diagnostic.line is not None:
        location["physicalLocation"]["region"] = {"startLine": diagnostic.line}
    return {
        "level": "error" if internal else "warning",
        "message": {"text": diagnostic.message},
        "locations": [location],
    }


def document(result: ScanResult, category: Optional[str] = None) -> dict[str, Any]:
    return _document(result, category, streamed=False)


def _document(result: ScanResult, category: Optional[str], *, streamed: bool) -> dict[str, Any]:
    catalog = load_catalog()
    index = {rule_id: i for i, rule_id in enumerate(catalog)}
    root = result.root or "."
    root_uri = Path(root).absolute().as_uri().rstrip("/") + "/"
    internal = any(d.message.startswith("internal error") for d in result.diagnostics)
    results = (result_object(f, index[f.rule], root) for f in result.findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "flasklint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(rule) for rule in catalog.values()],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not internal,
                "toolExecutionNotifications": [_notification(d, root) for d in result.diagnostics],
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
        "columnKind": "unicodeCodePoints",
        "results": Streamed(results) if streamed else list(results),
    }
    if category:
        run["automationDetails"] = {"id": category}
    hidden = result.hidden_counts()
    if hidden:
        run["properties"] = {"hiddenFindings": hidden, "hiddenBecause": hidden_because(hidden)}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def chunks(result: ScanResult, category: Optional[str] = None) -> Iterator[str]:
    """The log in pieces, each result object made as it is written (bounded memory)."""
    yield from json_chunks(_document(result, category, streamed=True))
    yield "\n"


def render(result: ScanResult, category: Optional[str] = None) -> str:
    return "".join(chunks(result, category))
