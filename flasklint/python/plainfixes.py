"""The plainest Python fixes, built from the `ast` tree and the text as LibCST would print them.

Why: JSON and SARIF carry every fix, and LibCST costs a worker ~0.14 s to
import and ~0.5 ms a window to parse and print, which made a cold JSON or
SARIF run 1.3-1.4x the text run on the bench monorepo. Three changes make
nearly every fix (there: 372 string replacements, 178 removed arguments and
157 main guards of 707 changes), and in their plainest spelling the code
LibCST would print for them follows from the text alone:

- `ReplaceWithString` of a string literal that is one simple token (`'x'`,
  `"x"`, with an `r`/`u`/`b` prefix, no escapes, not inside an f-string):
  the same quote and prefix (in lower case, as LibCST gives it) around the
  new value;
- `RemoveArgument` of an argument of a call written on one ASCII line whose
  separators are plain commas (no trailing comma, no comment, no parenthesised
  argument), and which does not shift a positional argument: the argument and
  the separator after it go (the last one takes the separator before it; the
  only one leaves `()`), as `fixes._Tree._without` rebuilds the argument list;
- `WrapInMainGuard` of a one-line top-level expression statement: the guard
  line, the file's default newline and indentation, then the line unchanged.

The edit is `changes.minimal_edit` of the node's old and new text, as the
LibCST path computes it, so it is the same edit. Anything else gets None here
and goes to LibCST (`fixes.build_fixes`). One difference is deliberate: a
plain fix needs no LibCST, so it is offered even in a file LibCST cannot
parse, where the LibCST path offers no fix at all. `tests/test_plain_fixes.py`
builds every fix of the corpus and of a generated monorepo both ways.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Optional, Union

from flasklint.model import Edit, Position, Span
from flasklint.python.pyfixwindow import Blocks, default_indent, default_newline
from flasklint.python.changes import Change, RemoveArgument, ReplaceWithString, WrapInMainGuard, minimal_edit

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.sources.source import SourceText

_SIMPLE_STRING = re.compile(r"([rRuUbB]{0,2})(['\"])([^'\"\\\r\n]*)\2")
_OPENING = re.compile(r"[ \t]*\([ \t]*")
_SEPARATOR = re.compile(r"[ \t]*,[ \t]*")
_CLOSING = re.compile(r"[ \t]*\)")
_GUARD = 'if __name__ == "__main__":'

Argument = Union[ast.expr, ast.keyword]


class PlainEdits:
    """One file's plain edits: `edit(change)` is the edit, or None when LibCST must decide."""

    def __init__(self, source: "SourceText", tree: ast.Module, blocks: Optional[Blocks] = None) -> None:
        """`blocks`: the tree's statement index when the LibCST path already has one (pyfixwindow.Windows)."""
        self.source = source
        self.text = source.text
        self.tree = tree
        self.blocks = blocks if blocks is not None else Blocks(tree)
        self._indent: Optional[tuple[Optional[str]]] = None

    def edit(self, change: Change) -> Optional[Edit]:
        if not self._ascii_lines(change.span):
            return None  # `ast` columns are UTF-8 bytes, spans are characters: equal on ASCII lines only
        if isinstance(change, ReplaceWithString):
            return self._replace_with_string(change.span, change.value)
        if isinstance(change, RemoveArgument):
            return self._remove_argument(change.span)
        if isinstance(change, WrapInMainGuard):
            return self._wrap_in_main_guard(change.span)
        return None

    # ---- the three changes ---------------------------------------------------

    def _replace_with_string(self, span: Span, value: str) -> Optional[Edit]:
        start, end = self.source.offset(span.start), self.source.offset(span.end)
        old = self.text[start:end]
        match = _SIMPLE_STRING.fullmatch(old)
        if match is None or "\\" in value or match.group(2) in value or "\r" in value or "\n" in value:
            return None
        if not any(isinstance(node, ast.Constant) for node in self._nodes_at(span)):
            return None
        prefix = match.group(1).lower()  # LibCST's SimpleString.prefix is lower case, and the LibCST path writes it
        return _edit(start, old, f"{prefix}{match.group(2)}{value}{match.group(2)}")

    def _remove_argument(self, span: Span) -> Optional[Edit]:
        found = self._call_of_argument(span)
        if found is None:
            return None
        call, items, index = found
        removed = items[index]
        if isinstance(removed, ast.expr) and not isinstance(removed, ast.Starred) and any(
            isinstance(item, ast.expr) for item in items[index + 1 :]
        ):
            return None  # a positional argument that others follow is replaced by its default: LibCST's
        line = self.source.line_text(call.lineno)
        func_end = call.func.end_col_offset or 0
        gaps = [line[func_end : items[0].col_offset]]
        gaps += [line[a.end_col_offset or 0 : b.col_offset] for a, b in zip(items, items[1:])]
        if not _OPENING.fullmatch(gaps[0]) or not all(_SEPARATOR.fullmatch(gap) for gap in gaps[1:]):
            return None
        if not _CLOSING.fullmatch(line[items[-1].end_col_offset or 0 : call.end_col_offset]):
            return None
        old = line[call.col_offset : call.end_col_offset]
        if len(items) == 1:
            cut = (func_end + len(gaps[0].rstrip(" \t")), (call.end_col_offset or 0) - 1)
        elif index + 1 < len(items):
            cut = (removed.col_offset, items[index + 1].col_offset)
        else:
            cut = (items[index - 1].end_col_offset or 0, removed.end_col_offset or 0)
        new = line[call.col_offset : cut[0]] + line[cut[1] : call.end_col_offset]
        return _edit(self.source.line_starts[call.lineno - 1] + call.col_offset, old, new)

    def _wrap_in_main_guard(self, span: Span) -> Optional[Edit]:
        on_its_lines = self.blocks.holding(self.tree, span.start.line, span.start.line)
        statement = next((s for s in on_its_lines if isinstance(s, ast.Expr) and _span_of(s.value) == span), None)
        if statement is None or statement.col_offset != 0 or statement.end_lineno != statement.lineno:
            return None
        if len(on_its_lines) != 1:
            return None  # `a; app.run()`: LibCST decides
        number = statement.lineno
        starts = self.source.line_starts
        if number > 1 and self.source.line_text(number - 1).endswith("\\"):
            return None
        end = starts[number] if number < len(starts) else len(self.text)
        old = self.text[starts[number - 1] : end]
        tail = old.rstrip("\r\n")[statement.end_col_offset or 0 :].strip(" \t\f")
        indent = self._file_indent()
        if indent is None or (tail and not tail.startswith("#")):
            return None
        return _edit(starts[number - 1], old, _GUARD + default_newline(self.text) + indent + old)

    # ---- finding nodes -------------------------------------------------------

    def _ascii_lines(self, span: Span) -> bool:
        return all(self.source.line_text(n).isascii() for n in range(span.start.line, span.end.line + 1))

    def _statement(self, span: Span) -> Optional[ast.stmt]:
        """The innermost statement whose lines hold `span`."""
        chain = self.blocks.chain(span)
        return chain[-1] if chain else None

    def _nodes_at(self, span: Span) -> list[ast.AST]:
        """The nodes of the statement holding `span` that sit exactly at it, none inside an f-string."""
        statement = self._statement(span)
        if statement is None:
            return []
        inside_f_strings: set[int] = set()
        for node in ast.walk(statement):
            if isinstance(node, ast.JoinedStr):
                inside_f_strings.update(id(child) for child in ast.walk(node))
        return [node for node in ast.walk(statement) if _span_of(node) == span and id(node) not in inside_f_strings]

    def _call_of_argument(self, span: Span) -> Optional[tuple[ast.Call, list[Argument], int]]:
        """The one-line call holding the argument at `span` (a keyword, or the value of one), its arguments
        in source order, and the argument's index."""
        statement = self._statement(span)
        if statement is None:
            return None
        for call in ast.walk(statement):
            if not isinstance(call, ast.Call) or call.lineno != call.end_lineno:
                continue
            items: list[Argument] = sorted([*call.args, *call.keywords], key=lambda a: a.col_offset)
            for index, item in enumerate(items):
                if _span_of(item) == span or (isinstance(item, ast.keyword) and _span_of(item.value) == span):
                    if any(isinstance(a, ast.GeneratorExp) for a in items) or self._parenthesised(call):
                        return None
                    return call, items, index
        return None

    def _parenthesised(self, call: ast.Call) -> bool:
        """Whether a `(` stands right before the call (its own parentheses, or another call's: LibCST decides)."""
        return self.source.line_text(call.lineno)[: call.col_offset].rstrip(" \t").endswith("(")

    def _file_indent(self) -> Optional[str]:
        if self._indent is None:
            self._indent = (default_indent(self.text),)
        return self._indent[0]


def _span_of(node: ast.AST) -> Optional[Span]:
    """A node's span in the analyzer's units (1-based columns; equal to `ast`'s on ASCII lines)."""
    lineno = getattr(node, "lineno", None)
    end_lineno = getattr(node, "end_lineno", None)
    if lineno is None or end_lineno is None:
        return None
    return Span(Position(lineno, node.col_offset + 1), Position(end_lineno, node.end_col_offset + 1))  # type: ignore[attr-defined]


def _edit(start: int, old: str, new: str) -> Optional[Edit]:
    """The edit turning `old` (at file offset `start`) into `new`, trimmed as the LibCST path trims it."""
    if old == new:
        return None  # nothing changes: LibCST decides (it declines)
    edit = minimal_edit(old, new)
    return Edit(start + edit.start, start + edit.end, edit.replacement)
