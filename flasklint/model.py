"""The data every stage passes on: positions, findings, fixes and diagnostics.

Everything here is a plain frozen dataclass that converts to and from JSON, so
analyzer results can be cached, sent between processes and reported without
re-reading any file.
"""

from __future__ import annotations

import enum
import re
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

    __slots__ = ("line", "column")
    """Slots: a scan of many findings keeps several positions each (finding, edits, related places)."""
    line: int
    column: int

    def __reduce__(self) -> tuple[Any, ...]:  # frozen with slots: pickle's default would setattr
        return (Position, (self.line, self.column))

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}

    @classmethod
    def from_json(cls, data: dict[str, int]) -> "Position":
        return cls(int(data["line"]), int(data["column"]))


@dataclass(frozen=True)
class Span:
    """A range in one file; `end` is exclusive (the column after the last character)."""

    __slots__ = ("start", "end")
    start: Position
    end: Position

    def __reduce__(self) -> tuple[Any, ...]:
        return (Span, (self.start, self.end))

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.to_json(), "end": self.end.to_json()}

    def to_compact(self) -> list[int]:
        """`[line, column, end_line, end_column]`: for facts that place many entries (an env file's
        assignments), a list of four instead of three dicts (about 600 bytes less each)."""
        return [self.start.line, self.start.column, self.end.line, self.end.column]

    @classmethod
    def from_json(cls, data: Any) -> "Span":
        """From `to_json`'s dict or `to_compact`'s list."""
        if isinstance(data, (list, tuple)):
            return cls(Position(int(data[0]), int(data[1])), Position(int(data[2]), int(data[3])))
        return cls(Position.from_json(data["start"]), Position.from_json(data["end"]))


@dataclass(frozen=True)
class Edit:
    """Replace the text between two character offsets of the decoded file.

    Offsets count characters (code points) of the decoded text, `end` is
    exclusive; an insertion has `start == end`. `span` repeats the range as
    lines and columns for readers (SARIF, editors); the offsets are what
    `--fix` applies. `SourceText.locate` fills it in.
    """

    start: int
    end: int
    replacement: str
    span: Optional[Span] = None

    def overlaps(self, other: "Edit") -> bool:
        """Whether applying both could interfere (two insertions at one point count too)."""
        return (self.start < other.end and other.start < self.end) or self.start == other.start

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "replacement": self.replacement}
        if self.span is not None:
            data["range"] = self.span.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Edit":
        span = Span.from_json(data["range"]) if data.get("range") else None
        return cls(int(data["start"]), int(data["end"]), str(data["replacement"]), span)


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
    fingerprint: str = ""
    """A hash of the finding's rule and code, independent of its line number (see fingerprint.py);
    empty for findings not made by a Reporter."""
    source_lines: tuple[str, ...] = ()
    """The text of the finding's lines (from `span.start.line` on), captured when the file was
    analysed so a reporter can show a code frame without reading the file again. Empty when
    unknown; long lines are cut short (see analyzers.base)."""
    context: str = ""
    """The deployment model's verdict: production, development, test or unknown ("" before judging)."""
    launch_path: tuple[str, ...] = ()
    """The launchers that reach it, root first (`path:line label`), for --show-context."""

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
            "fingerprint": self.fingerprint,
            "source": list(self.source_lines),
            "context": self.context,
            "launch_path": list(self.launch_path),
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
            fingerprint=str(data.get("fingerprint", "")),
            source_lines=tuple(str(line) for line in data.get("source", ())),
            context=str(data.get("context", "")),
            launch_path=tuple(str(hop) for hop in data.get("launch_path", ())),
        )


_LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")


def line_in_message(message: str) -> Optional[int]:
    """The first `line N` a diagnostic's message names (`syntax error (line 3, column 9): ...`), if any."""
    found = _LINE_IN_MESSAGE.search(message)
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class Diagnostic:
    """A file flasklint could not (fully) analyse; reported, never fatal.

    `line` is where in the file the problem is, when it is in one place. When
    not given it is the first `line N` the message names (every analyzer
    writes `line N: ...`), also for diagnostics read back from an older cache,
    so diagnostics sort by line as numbers (16 before 131), not as text.
    """

    path: str
    message: str
    line: Optional[int] = None

    def __post_init__(self) -> None:
        if self.line is None:
            object.__setattr__(self, "line", line_in_message(self.message))

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Diagnostic":
        line = data.get("line")
        return cls(str(data["path"]), str(data["message"]), int(line) if line is not None else None)


@dataclass(frozen=True)
class Suppression:
    """An inline suppression comment (`# flasklint: ignore[...]`, `# noqa: ...`) and what it did.

    `rules` is empty for a bare suppression (every rule). `used` lists the rules
    whose findings it suppressed; `unknown` the named ids that are no rule.
    Recorded with the file's result so `--strict-noqa` works on cached results too.
    """

    path: str
    line: int
    column: int
    text: str
    rules: tuple[str, ...] = ()
    used: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    explicit: bool = True
    """False for a bare `# noqa`, which may be meant for another linter and is never reported unused."""
    covers_next: bool = False
    """Alone on its line in a format other than Python: it also covers the line below (see suppression.py)."""

    def lines(self) -> tuple[int, ...]:
        """The lines it covers: its own, and the next when it stands alone above it."""
        return (self.line, self.line + 1) if self.covers_next else (self.line,)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "rules": list(self.rules),
            "used": list(self.used),
            "unknown": list(self.unknown),
            "explicit": self.explicit,
            "covers_next": self.covers_next,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Suppression":
        return cls(
            str(data["path"]),
            int(data["line"]),
            int(data["column"]),
            str(data["text"]),
            tuple(data.get("rules", ())),
            tuple(data.get("used", ())),
            tuple(data.get("unknown", ())),
            bool(data.get("explicit", True)),
            bool(data.get("covers_next", False)),
        )


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
    suppressions: list[Suppression] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [f.to_json() for f in self.findings],
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "facts": self.facts,
            "suppressions": [s.to_json() for s in self.suppressions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FileResult":
        return cls(
            findings=[Finding.from_json(f) for f in data["findings"]],
            diagnostics=[Diagnostic.from_json(d) for d in data["diagnostics"]],
            facts=dict(data["facts"]),
            suppressions=[Suppression.from_json(s) for s in data.get("suppressions", ())],
        )
