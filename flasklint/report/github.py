"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding.

Critical and high findings are errors, medium and low are warnings; files that
could not be analysed are warnings without a line. Paths are relative to the
scan root (in CI, the checkout), which is what GitHub matches against the diff.
Escaping follows GitHub's runner (`ActionCommand` in actions/runner): in the
message `%`, CR and LF are percent-encoded; property values also encode `:` and `,`.
"""

from __future__ import annotations

from typing import Iterator

from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import printable, terminal_safe
from flasklint.model import Finding, Severity
from flasklint.sources.scanroot import relative_path

COMMAND = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "warning"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command; after the runner's escaping, other control characters (ESC, BEL) are spelled
    out as the text report spells them: they would reach the log, and a terminal, raw."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return terminal_safe(f"::{name} {props}::{escape_data(message)}")


def annotation(finding: Finding, root: str) -> str:
    properties = {
        "file": relative_path(finding.path, root),
        "line": finding.span.start.line,
        "col": finding.span.start.column,
        "endLine": finding.span.end.line,
        "endColumn": finding.span.end.column,
        "title": finding.rule,
    }
    return command(COMMAND[finding.severity], properties, f"[{finding.severity.label}] {finding.message}")


def chunks(result: ScanResult) -> Iterator[str]:
    """The annotations one at a time (bounded memory), findings first, then files not analysed."""
    root = result.root or "."
    for finding in result.findings:
        yield printable(annotation(finding, root) + "\n")
    for d in result.diagnostics:
        yield printable(command("warning", {"file": relative_path(d.path, root), "title": "flasklint"}, d.message) + "\n")


def render(result: ScanResult) -> str:
    return "".join(chunks(result))
