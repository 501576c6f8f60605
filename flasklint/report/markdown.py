"""GitHub-flavoured markdown for a job summary (`$GITHUB_STEP_SUMMARY`) or a PR comment.

A findings table (most severe first), the files that could not be analysed,
the count per rule and, when the deployment model gave one, its Mermaid
picture. GitHub truncates a step summary at 1 MiB, so the output is capped
below that and says how many rows it left out; a picture too large for
GitHub's Mermaid is replaced by a note. Every cell is escaped: messages and
paths come from scanned files.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import printable, terminal_safe
from flasklint.model import Diagnostic, Finding
from flasklint.report.graph import DeploymentGraph, to_mermaid
from flasklint.report.summary import by_rule_line, coverage, headline, plural

GITHUB_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses step summaries over 1 MiB (bytes, UTF-8)."""
MAX_BYTES = GITHUB_SUMMARY_LIMIT - 16 * 1024
"""Our cap: under the limit with room for what the workflow appends to the same summary."""
MERMAID_MAX_TEXT = 50_000
"""Mermaid's default `maxTextSize`: larger diagrams render as an error box on GitHub."""
MAX_MESSAGE = 300
"""Characters of a message shown in a table cell; the full text is in the SARIF and JSON reports."""

_SPECIAL = re.compile(r"([\\`*_\[\]|~<>&])")
"""What could change a cell inline: emphasis, code, links, the cell's end, strikethrough, HTML."""


def cell(text: str, limit: Optional[int] = None) -> str:
    """Text safe in a table cell: one line, markdown and HTML characters escaped, optionally shortened."""
    text = terminal_safe(printable(" ".join(text.split())))  # split() folds CR/LF; ESC and BEL are not space
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    escaped = _SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m.group(1), "\\" + m.group(1)), text)
    return escaped


def context_of(finding: Finding) -> str:
    """The finding's deployment verdict, when the deployment model gave it one."""
    return str(getattr(finding, "context", None) or "unknown")


def _where(finding: Finding) -> str:
    return cell(f"{finding.path}:{finding.span.start.line}:{finding.span.start.column}")


def finding_row(finding: Finding, names: dict[str, str]) -> str:
    fix = finding.fix.safety.value if finding.fix is not None else "—"
    rule = f"{finding.rule} {cell(names.get(finding.rule, ''))}".strip()
    return (
        f"| {rule} | {finding.severity.label} | {_where(finding)} | {cell(context_of(finding))} | {fix} "
        f"| {cell(finding.message, MAX_MESSAGE)} |\n"
    )


def diagnostic_row(diagnostic: Diagnostic) -> str:
    where = diagnostic.path if diagnostic.line is None else f"{diagnostic.path}:{diagnostic.line}"
    return f"| {cell(where)} | {cell(diagnostic.message, MAX_MESSAGE)} |\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogateescape"))


class _Budget:
    """Appends parts while they fit under the cap, keeping room for the notes that say what was left out."""

    RESERVE = 1024

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.left = limit - self.RESERVE

    def add(self, text: str) -> bool:
        size = _size(text)
        if size > self.left:
            return False
        self.parts.append(text)
        self.left -= size
        return True

    def rows(self, header: str, rows: Iterable[str], count: int) -> int:
        """Add a table of `count` rows while it fits; the number of rows left out.

        The rows are made one at a time: of 100,000 findings only the first few thousand fit.
        """
        if not count or not self.add(header):
            return count
        for index, row in enumerate(rows):
            if not self.add(row):
                return count - index
        return 0

    def note(self, text: str) -> None:
        """A short closing note, written into the reserve if need be."""
        self.parts.append(text)
        self.left -= _size(text)


def _severity_order(finding: Finding) -> tuple[int, tuple[str, int, int, str]]:
    return (-finding.severity.value, finding.sort_key)


def graph_block(graph: DeploymentGraph) -> str:
    """The picture as a Mermaid code block, or a note when GitHub could not draw it."""
    mermaid = to_mermaid(graph)
    if len(mermaid) > MERMAID_MAX_TEXT:
        return (
            f"_The deployment picture has {len(graph.nodes)} nodes ({len(mermaid)} characters of Mermaid), more than "
            f"GitHub draws ({MERMAID_MAX_TEXT}); `flasklint graph --format dot` gives it for Graphviz._\n\n"
        )
    return f"```mermaid\n{mermaid}```\n\n"


def render(result: ScanResult, graph: Optional[DeploymentGraph] = None, limit: int = MAX_BYTES) -> str:
    cov = coverage(result)
    names = {rule_id: rule.name for rule_id, rule in load_catalog().items()}
    budget = _Budget(limit)
    budget.add(f"### flasklint\n\n**{cell(headline(cov))}**\n\n")
    findings = sorted(result.findings, key=_severity_order)
    header = "| Rule | Severity | Where | Context | Fix | Message |\n|---|---|---|---|---|---|\n"
    left_out = budget.rows(header, (finding_row(f, names) for f in findings), len(findings))
    if findings:
        budget.add("\n")
    rules = by_rule_line(cov)
    if rules:
        budget.add(f"{cell(rules)}\n\n")
    # The deployment model's line goes here: "N development-only findings not shown (--include-dev shows them)."
    diagnostics_left_out = 0
    if result.diagnostics:
        title = f"{plural(len(cov.not_analysed), 'file')} not analysed, {plural(len(result.diagnostics), 'problem')} reported"
        if budget.add(f"<details><summary>{title}</summary>\n\n"):
            diagnostics_left_out = budget.rows("| Where | Problem |\n|---|---|\n", map(diagnostic_row, result.diagnostics),
                                               len(result.diagnostics))
            budget.add("\n</details>\n\n")
        else:
            diagnostics_left_out = len(result.diagnostics)
    picture_left_out = False
    if graph is not None and graph.nodes:
        picture_left_out = not budget.add("#### Deployment\n\n" + graph_block(graph))
    notes = []
    if left_out:
        notes.append(f"{plural(left_out, 'more finding')} not shown")
    if diagnostics_left_out:
        notes.append(f"{plural(diagnostics_left_out, 'more problem')} not shown")
    if picture_left_out:
        notes.append("the deployment picture not shown")
    if notes:
        budget.note(
            f"_{'; '.join(notes)}: a job summary must stay under 1 MiB. The SARIF or JSON report "
            f"(`--format sarif`, `--format json`) has everything._\n"
        )
    return "".join(budget.parts).rstrip("\n") + "\n"
