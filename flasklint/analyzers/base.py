"""What every analyzer receives and how it reports: one context, one reporter.

An analyzer is a pure function `(SourceText, AnalysisContext) -> FileResult`.
The reporter turns positions (AST nodes with UTF-8 byte columns, or character
offsets) into findings with 1-based character columns and the catalog's
default severity, so no analyzer repeats that arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence, Union

from flasklint.findings import fingerprint, suppression
from flasklint.knowledge import kinds
from flasklint.findings.catalog import load_catalog
from flasklint.model import Diagnostic, Edit, FileResult, Finding, Fix, Position, Related, Severity, Span
from flasklint.sources.source import SourceText


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


MAX_FILE_FINDINGS = 1_000
"""Findings kept of one file; past them one diagnostic says where. Each costs about 1 KB until it is
printed (its place, message, fix, lines and fingerprint), and a script of `flask run --debug` lines
made two every 18 bytes: 4 MB held 209 MiB. Real files hold a handful; 1,000 (10,000 until the bounds
were sized to the memory target) keeps a file dense with findings near 10x its size from 1 MiB on."""
MAX_FILE_STARTS = 1_000
"""Server starts of one file the deployment model is given (a shell script's) or that are judged at all (a
Python module's); past them one diagnostic says where. Each start's fact costs about 1 KB for the whole scan,
a script may start the server every 18 bytes, and a Python start's judgement holds its findings, fixes and
facts (1 MB of `app.run(debug=True)` lines: 390 MiB and 8 s, with the parser's 130 MiB)."""


class Reporter:
    """Collects findings and diagnostics for one file."""

    def __init__(self, context: AnalysisContext, source: SourceText) -> None:
        self.context = context
        self.source = source
        self.result_ = FileResult()
        self._catalog = load_catalog()
        self._keys: dict[int, str] = {}  # id(finding) -> fingerprint.code_key
        self._code_keys = fingerprint.CodeKeys(source.line_text)
        self.words_kept = 0
        """Words of commands split in this file so far (commands.checks.split_snippet bounds them)."""
        self._where: dict[int, int] = {}  # id(finding) -> its index when added (attach_fix stays linear)
        self._said: set[str] = set()
        """Keys of the diagnostics said once for this file (`warn_once`)."""
        self._finished = False
        self._shared: dict[Any, Any] = {}
        """Messages, fix descriptions and captured lines already kept for this file (see `share`)."""

    def share(self, value: Any) -> Any:
        """`value`, or the equal one this file already keeps: a file of many alike findings keeps each text once.

        A tree of 100,000 findings kept 100,000 copies of a few messages and lines; findings,
        facts and cached results of one file now point at one string (or tuple of them).
        """
        return self._shared.setdefault(value, value)

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
            text = self.source.line_text(number, limit=MAX_FRAME_LINE_CHARS + 1)  # not a 12 MB line per finding
            lines.append(self.share(text if len(text) <= MAX_FRAME_LINE_CHARS else text[:MAX_FRAME_LINE_CHARS] + "…"))
        return self.share(tuple(lines))

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
        """Record a finding at its rule's severity.

        Context (production, development, test) is not decided here: the deployment model judges
        every finding once the whole project is known. `dev_reason` is accepted for callers that
        know a convention, and left to the model.
        """
        severity = severity or self._catalog[rule].severity
        del dev_reason
        span = self._to_span(where)
        if len(self.result_.findings) >= MAX_FILE_FINDINGS:
            return self._past_the_bound(rule, span, message, severity)
        finding = Finding(
            rule=rule,
            path=self.context.display_path,
            span=span,
            message=self.share(message),
            severity=severity,
            fix=self._positioned(fix),
            related=tuple(Related(self.context.display_path, self._to_span(n), m) for n, m in related)
            + tuple(related_elsewhere),
            source_lines=self.source_lines(span),
        )
        self._where[id(finding)] = len(self.result_.findings)
        self.result_.findings.append(finding)
        self._keys[id(finding)] = self._code_keys.key(rule, span.start.line, self._span_text(span))
        return finding

    @property
    def full(self) -> bool:
        """Whether the file holds MAX_FILE_FINDINGS findings: later ones are only counted (callers need not
        remember what they reported past it)."""
        return len(self.result_.findings) >= MAX_FILE_FINDINGS

    def kept(self, finding: Finding) -> bool:
        """Whether `finding` is one of the file's (not one past MAX_FILE_FINDINGS): only those get fixes planned."""
        return id(finding) in self._keys

    def _past_the_bound(self, rule: str, span: Span, message: str, severity: Severity) -> Finding:
        """A finding past MAX_FILE_FINDINGS: said once, not kept (callers still get a finding to hold)."""
        self.warn_once("findings", f"line {span.start.line}: more than {MAX_FILE_FINDINGS:,} findings in this file; "
                                   "the later ones were not reported")
        return Finding(rule=rule, path=self.context.display_path, span=span, message=message, severity=severity)

    def attach_fix(self, finding: Finding, fix: Fix) -> Finding:
        """Give an already reported finding its fix (built later, e.g. by LibCST), keeping its identity."""
        findings = self.result_.findings
        hint = self._where.pop(id(finding), -1)
        candidates = [hint] if 0 <= hint < len(findings) and findings[hint] is finding else range(len(findings))
        for index in candidates:
            if findings[index] is finding:
                replaced = finding.with_changes(fix=self._positioned(fix))
                findings[index] = replaced
                self._where[id(replaced)] = index
                self._keys[id(replaced)] = self._keys.pop(id(finding), "")
                return replaced
        if len(findings) >= MAX_FILE_FINDINGS:
            return finding  # one past MAX_FILE_FINDINGS, never kept
        raise ValueError("attach_fix: the finding was not reported by this reporter")

    def _span_text(self, span: Span) -> str:
        return self.source.text[self.source.offset(span.start) : self.source.offset(span.end)]

    def _positioned(self, fix: Optional[Fix]) -> Optional[Fix]:
        """Give every edit its line/column range too, for reports that cannot re-read the file."""
        if fix is None or all(edit.span is not None for edit in fix.edits):
            return fix
        edits = tuple(
            edit if edit.span is not None else Edit(edit.start, edit.end, edit.replacement, self.source.span(edit.start, edit.end))
            for edit in fix.edits
        )
        return Fix(self.share(fix.description), fix.safety, edits)

    def fail(self, message: str) -> FileResult:
        """The file could not be analysed: a diagnostic, and whatever was found before."""
        self.result_.diagnostics.append(Diagnostic(self.context.display_path, message))
        return self.result()

    def warn(self, message: str) -> None:
        self.result_.diagnostics.append(Diagnostic(self.context.display_path, message))

    def warn_once(self, key: str, message: str) -> None:
        """A diagnostic said once a file however often its cause recurs: a bound past which the rest of the
        file is cut, met again by every later line."""
        if key not in self._said:
            self._said.add(key)
            self.warn(message)

    def result(self, facts: Optional[dict[str, Any]] = None) -> FileResult:
        """The file's result: findings fingerprinted, inline suppressions applied and recorded."""
        if facts:
            self.result_.facts.update(facts)
        if self._finished:
            return self.result_
        self._finished = True
        findings = self.result_.findings
        keyed = fingerprint.with_occurrences(findings, [self._keys.get(id(f), "") for f in findings])
        kept, suppressions = suppression.apply(
            keyed, self.source, self.context.display_path, self.context.kind == kinds.PYTHON, self._catalog
        )
        self.result_.findings = kept
        self.result_.suppressions = suppressions
        return self.result_
