"""What every analyzer receives and how it reports: one context, one reporter.

An analyzer is a pure function `(SourceText, AnalysisContext) -> FileResult`.
The reporter turns positions (AST nodes with UTF-8 byte columns, or character
offsets) into findings with 1-based character columns and the catalog's
default severity, so no analyzer repeats that arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence, Union

from flasklint.catalog import load_catalog
from flasklint.model import Diagnostic, FileResult, Finding, Fix, Position, Related, Severity, Span
from flasklint.source import SourceText


@dataclass(frozen=True)
class AnalysisContext:
    """Per-file facts an analyzer may need besides the text."""

    display_path: str
    kind: str
    dev_reason: Optional[str] = None
    """Why this file is development-only (None for files that can reach production)."""
    options: dict[str, Any] = field(default_factory=dict)


RelatedSpec = tuple[Any, str]
"""(an AST node or a Span, message) — a related location in the same file."""


class Reporter:
    """Collects findings and diagnostics for one file."""

    def __init__(self, context: AnalysisContext, source: SourceText) -> None:
        self.context = context
        self.source = source
        self.result_ = FileResult()
        self._catalog = load_catalog()

    # ---- positions -------------------------------------------------------

    def _char_column(self, line: int, byte_column: int) -> int:
        """AST columns count UTF-8 bytes; findings count characters."""
        text = self.source.line_text(line)
        if text.isascii():
            return byte_column + 1
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", "ignore")) + 1

    def node_span(self, node: Any) -> Span:
        start_line = getattr(node, "lineno", 1)
        end_line = getattr(node, "end_lineno", None) or start_line
        start = Position(start_line, self._char_column(start_line, getattr(node, "col_offset", 0)))
        end_col = getattr(node, "end_col_offset", None)
        end = Position(end_line, self._char_column(end_line, end_col)) if end_col is not None else start
        return Span(start, end)

    def offset_span(self, start: int, end: int) -> Span:
        return self.source.span(start, end)

    def _to_span(self, where: Union[Span, Any]) -> Span:
        return where if isinstance(where, Span) else self.node_span(where)

    # ---- findings --------------------------------------------------------

    def add(
        self,
        rule: str,
        where: Union[Span, Any],
        message: str,
        *,
        severity: Optional[Severity] = None,
        fix: Optional[Fix] = None,
        related: Sequence[RelatedSpec] = (),
        related_elsewhere: Iterable[Related] = (),
        dev_reason: Optional[str] = None,
    ) -> Finding:
        """Record a finding; `dev_reason` marks this one finding development-only (a Makefile `dev` target)."""
        severity = severity or self._catalog[rule].severity
        reason = self.context.dev_reason or dev_reason
        if reason:
            severity = severity.lowered()
            message += f" [severity lowered: {reason}]"
        finding = Finding(
            rule=rule,
            path=self.context.display_path,
            span=self._to_span(where),
            message=message,
            severity=severity,
            fix=fix,
            related=tuple(Related(self.context.display_path, self._to_span(n), m) for n, m in related)
            + tuple(related_elsewhere),
        )
        self.result_.findings.append(finding)
        return finding

    def fail(self, message: str) -> FileResult:
        """The file could not be analysed: a diagnostic, and whatever was found before."""
        self.result_.diagnostics.append(Diagnostic(self.context.display_path, message))
        return self.result_

    def warn(self, message: str) -> None:
        self.result_.diagnostics.append(Diagnostic(self.context.display_path, message))

    def result(self, facts: Optional[dict[str, Any]] = None) -> FileResult:
        if facts:
            self.result_.facts.update(facts)
        return self.result_
