"""Azure Pipelines logging commands: one `##vso[task.logissue ...]` line per finding.

Escaping follows the agent's own (`TaskCommand` in microsoft/azure-pipelines-task-lib,
`taskcommand.js`): in property values `%` becomes `%AZP25`, CR `%0D`, LF `%0A`, `]` `%5D`
and `;` `%3B`; in the message the first three; so a path or message from the scanned repository
can neither end the command early nor start a second one on a new line. Other control
characters (ESC, BEL) are spelled out as in the text report: they would reach the log raw. Critical and high findings are errors,
medium and low warnings, as in the GitHub annotations; files not analysed are warnings.
Paths are relative to the scan root (the checkout, `$(Build.SourcesDirectory)`).
"""

from __future__ import annotations

from typing import Iterator

from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import printable, terminal_safe
from flasklint.model import Finding, Severity
from flasklint.sources.scanroot import relative_path

TYPE = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "warning"}


def escape_data(text: str) -> str:
    return terminal_safe(printable(text).replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace("]", "%5D").replace(";", "%3B")


def command(properties: dict[str, object], message: str) -> str:
    props = "".join(f"{key}={escape_property(str(value))};" for key, value in properties.items())
    return f"##vso[task.logissue {props}]{escape_data(message)}\n"


def issue(finding: Finding, root: str) -> str:
    return command(
        {"type": TYPE[finding.severity], "sourcepath": relative_path(finding.path, root),
         "linenumber": finding.span.start.line, "columnnumber": finding.span.start.column, "code": finding.rule},
        f"{finding.rule} [{finding.severity.label}] {finding.message}",
    )


def chunks(result: ScanResult) -> Iterator[str]:
    root = result.root or "."
    for finding in result.findings:
        yield issue(finding, root)
    for d in result.diagnostics:
        yield command({"type": "warning", "sourcepath": relative_path(d.path, root)}, f"flasklint: {d.message}")
