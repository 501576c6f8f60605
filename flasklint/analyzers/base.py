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


MAX_FRAME_LINES = 5
"""A finding keeps at most this many of its lines for `--show-source` (a long call shows its head)."""
MAX_FRAME_LINE_CHARS = 240
"""Longer lines are cut here (minified or generated code), so a finding stays small in a cache."""

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

    def source_lines(self, span: Span) -> tuple[str, ...]:
        """The text of a span's lines, bounded in count and length, for a reporter's code frame."""
        last = min(span.end.line, span.start.line + MAX_FRAME_LINES - 1)
        lines = []
        for number in range(span.start.line, last + 1):
            text = self.source.line_text(number)
            lines.append(text if len(text) <= MAX_FRAME_LINE_CHARS else text[:MAX_FRAME_LINE_CHARS] + "…")
        return tuple(lines)

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
    ) -> Finding:
        severity = severity or self._catalog[rule].severity
        if self.context.dev_reason:
            severity = severity.lowered()
            message += f" [severity lowered: {self.context.dev_reason}]"
        span = self._to_span(where)
        finding = Finding(
            rule=rule,
            path=self.context.display_path,
            span=span,
            message=message,
            severity=severity,
            fix=fix,
            related=tuple(Related(self.context.display_path, self._to_span(n), m) for n, m in related)
            + tuple(related_elsewhere),
            source_lines=self.source_lines(span),
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
