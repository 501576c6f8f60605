"""The data every stage passes on: positions, findings, fixes and diagnostics.

Everything here is a plain frozen dataclass that converts to and from JSON, so
analyzer results can be cached, sent between processes and reported without
re-reading any file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, Optional


class Severity(enum.IntEnum):
    """Ordered so that comparisons read naturally (`sev >= Severity.HIGH`)."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected one of: critical, high, medium, low)"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()

    def lowered(self) -> "Severity":
        """One level down, never below LOW: what a development-only context does."""
        return Severity(max(self.value - 1, Severity.LOW.value))


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and 1-based column counted in characters (code points)."""

    line: int
    column: int

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}

    @classmethod
    def from_json(cls, data: dict[str, int]) -> "Position":
        return cls(int(data["line"]), int(data["column"]))


@dataclass(frozen=True)
class Span:
    """A range in one file; `end` is exclusive (the column after the last character)."""

    start: Position
    end: Position

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.to_json(), "end": self.end.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Span":
        return cls(Position.from_json(data["start"]), Position.from_json(data["end"]))


@dataclass(frozen=True)
class Edit:
    """Replace the text between two character offsets of the decoded file."""

    start: int
    end: int
    replacement: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Edit":
        return cls(int(data["start"]), int(data["end"]), str(data["replacement"]))


class FixSafety(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Fix:
    description: str
    safety: FixSafety
    edits: tuple[Edit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "safety": self.safety.value,
            "edits": [e.to_json() for e in self.edits],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Fix":
        return cls(
            str(data["description"]),
            FixSafety(data["safety"]),
            tuple(Edit.from_json(e) for e in data["edits"]),
        )


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (the script a Procfile starts, a constant)."""

    path: str
    span: Span
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, **self.span.to_json(), "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Related":
        return cls(str(data["path"]), Span.from_json(data), str(data["message"]))


@dataclass(frozen=True)
class Finding:
    rule: str
    path: str
    span: Span
    message: str
    severity: Severity
    fix: Optional[Fix] = None
    related: tuple[Related, ...] = ()
    source_lines: tuple[str, ...] = ()
    """The text of the finding's lines (from `span.start.line` on), captured when the file was
    analysed so a reporter can show a code frame without reading the file again. Empty when
    unknown; long lines are cut short (see analyzers.base)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start.line, self.span.start.column, self.rule)

    def with_changes(self, **changes: Any) -> "Finding":
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            **self.span.to_json(),
            "message": self.message,
            "severity": self.severity.label,
            "fix": self.fix.to_json() if self.fix else None,
            "related": [r.to_json() for r in self.related],
            "source": list(self.source_lines),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Finding":
        return cls(
            rule=str(data["rule"]),
            path=str(data["path"]),
            span=Span.from_json(data),
            message=str(data["message"]),
            severity=Severity.parse(data["severity"]),
            fix=Fix.from_json(data["fix"]) if data.get("fix") else None,
            related=tuple(Related.from_json(r) for r in data.get("related", ())),
            source_lines=tuple(str(line) for line in data.get("source", ())),
        )


@dataclass(frozen=True)
class Diagnostic:
    """A file flasklint could not (fully) analyse; reported, never fatal."""

    path: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> "Diagnostic":
        return cls(str(data["path"]), str(data["message"]))


@dataclass
class FileResult:
    """What analysing one file produced: findings, diagnostics, and facts for the project pass.

    `facts` is JSON-shaped data that other files' findings may depend on (for
    example "this script starts the dev server when run as __main__"), so the
    cross-file pass never needs to re-read or re-parse a file.
    """

    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [f.to_json() for f in self.findings],
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "facts": self.facts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FileResult":
        return cls(
            findings=[Finding.from_json(f) for f in data["findings"]],
            diagnostics=[Diagnostic.from_json(d) for d in data["diagnostics"]],
            facts=dict(data["facts"]),
        )
