"""Windows: the few lines of a module a Python fix needs LibCST to parse, instead of the whole file.

LibCST costs ~40 ms for a 150-line module (parse, positions, parents, printing
with placement), which made JSON and SARIF output 20x dearer than text. A fix
only edits one statement, so `python/fixes.py` parses a *window* of whole lines around
it and maps the edit back to file offsets. A window is chosen so that LibCST
sees exactly the nodes, whitespace and comments the whole-module parse would
give the edited region; when that cannot be shown from the `ast` tree, there
is no window and the whole module is parsed, as before:

- an expression change (a string, an argument, a dict element, a keyword) and
  wrapping a call in a main guard touch only their statement: the window is
  the innermost statement holding the change that has its lines to itself (no
  `;` neighbour, no `if x: stmt` header, no backslash continuation from the
  line above). An indented statement is parsed under a synthetic `if 1:` line,
  so every line keeps its exact bytes;
- removing a statement edits its block (its comments move to the next
  statement, a block left empty gets `pass`, the module footer): the window is
  a run of whole top-level statements, the one holding it plus one neighbour on
  each side (the file's start or end when there is none), parsed as a module.
  LibCST gives comments to statements and block footers by indentation, so a
  run of top-level statements parses as it does in the file.

New nodes must look as they would in the file: a new block is indented with
the file's default indentation (`block_indent`), and a window whose default
newline differs from the file's is not used.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from flasklint.model import Edit, Position, Span

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.sources.source import SourceText

_NEWLINE = re.compile(r"\r\n?|\n")  # LibCST's NEWLINE_RE: its default newline is the first match
_STATEMENT_LISTS = ("body", "orelse", "finalbody")


@dataclass(frozen=True)
class Window:
    """Lines `first`..`last` (1-based, whole lines) of a file, as LibCST will parse them."""

    first: int
    last: int
    start: int
    """File offset of line `first`."""
    text: str
    """What LibCST parses: the lines, after `prefix` (a synthetic `if 1:` line, or nothing)."""
    prefix: int
    """Length of the synthetic prefix."""
    statements: tuple[ast.stmt, ...] = ()
    """The `ast` statements in the window (their nesting decides whether LibCST may parse it)."""

    @property
    def shift(self) -> int:
        return 1 if self.prefix else 0

    def span(self, span: Span) -> Span:
        """A file span in the window's coordinates (columns do not change: the lines are copied whole)."""
        lines = self.first - 1 - self.shift
        return Span(Position(span.start.line - lines, span.start.column), Position(span.end.line - lines, span.end.column))

    def contains(self, span: Span) -> bool:
        return self.first <= span.start.line and span.end.line <= self.last

    def edit(self, edit: Edit) -> Optional[Edit]:
        """The window's edit in file offsets; None if it reaches into the synthetic prefix."""
        if edit.start < self.prefix:
            return None
        return Edit(edit.start - self.prefix + self.start, edit.end - self.prefix + self.start, edit.replacement)


def default_newline(text: str) -> str:
    """The newline LibCST takes as a module's default (the first one, else `\\n`)."""
    match = _NEWLINE.search(text)
    return match.group(0) if match else "\n"


def default_indent(text: str) -> Optional[str]:
    """The indentation LibCST takes as the module's default: the first INDENT token's (None: unknown)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.INDENT:
                return token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return "    "  # no indented block: LibCST's fallback


def first_line(node: ast.stmt) -> int:
    """A statement's first line, its decorators included."""
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(d.lineno for d in decorators)])


class Blocks:
    """A module's blocks, each as its statements in line order, and which of them hold a run of lines.

    Asked once per change: found by bisection over each block's first lines, so a module of 20,000
    starts costs a few steps a change, not a pass over the module (or one over a block per level).
    """

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self._blocks: dict[int, tuple[list[ast.stmt], list[int]]] = {}
        """Per node of the tree (by id; the tree keeps it alive): its statements and their first lines."""

    def statements(self, node: ast.AST) -> tuple[list[ast.stmt], list[int]]:
        """The statements directly inside `node` (the module, or a statement's blocks, handlers and cases)."""
        block = self._blocks.get(id(node))
        if block is None:
            children = [child for name in _STATEMENT_LISTS for child in getattr(node, name, None) or []
                        if isinstance(child, ast.stmt)]
            for handler in getattr(node, "handlers", None) or []:
                children.extend(handler.body)
            for case in getattr(node, "cases", None) or []:
                children.extend(case.body)
            children.sort(key=first_line)
            block = self._blocks[id(node)] = (children, [first_line(s) for s in children])
        return block

    def holding(self, node: ast.AST, first: int, last: int) -> list[ast.stmt]:
        """The statements directly inside `node` whose lines hold lines `first`..`last`, in line order.

        Siblings follow each other, so their last lines never decrease: walking back from the last
        one that starts by `first` stops at the first that ends before it.
        """
        children, starts = self.statements(node)
        index = bisect.bisect_right(starts, first)
        found = []
        while index > 0 and (children[index - 1].end_lineno or 0) >= first:
            index -= 1
            if last <= (children[index].end_lineno or 0):
                found.append(children[index])
        return found[::-1]

    def chain(self, span: Span) -> list[ast.stmt]:
        """The statements holding `span`, outermost first, down to the last that is alone in holding it."""
        chain: list[ast.stmt] = []
        node: ast.AST = self.tree
        while True:
            holding = self.holding(node, span.start.line, span.end.line)
            if len(holding) != 1:
                return chain
            node = holding[0]
            chain.append(node)


class Windows:
    """Window choice for one file, from its `ast` tree and text."""

    def __init__(self, source: "SourceText", tree: ast.Module) -> None:
        self.source = source
        self.text = source.text
        self.tree = tree
        self.starts = source.line_starts
        self.blocks = Blocks(tree)

    # ---- lines -------------------------------------------------------------

    def _line(self, number: int) -> str:
        """Line `number` with its newline ("" past the end)."""
        if number < 1 or number > len(self.starts):
            return ""
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[self.starts[number - 1] : end]

    def _window(self, first: int, last: int, indent: str, statements: tuple[ast.stmt, ...]) -> Window:
        start = self.starts[first - 1]
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        body = self.text[start:end]
        prefix = ""
        if indent:
            line = self._line(first)
            newline = line[len(line.rstrip("\r\n")) :] or "\n"
            prefix = "if 1:" + newline
        return Window(first, last, start, prefix + body, len(prefix), statements)

    def _continues_line_above(self, line: int) -> bool:
        above = self._line(line - 1).rstrip("\r\n")
        return above.endswith("\\")

    def _clean(self, node: ast.stmt) -> Optional[str]:
        """The statement's indentation when it has its lines to itself, else None."""
        first = first_line(node)
        line = self._line(first)
        indent = line[: len(line) - len(line.lstrip(" \t\f"))]
        if first == node.lineno and len(indent.encode("utf-8")) != node.col_offset:
            return None  # something precedes it on its first line (`if x: stmt`, `a; stmt`)
        if first != node.lineno and not line[len(indent) :].startswith("@"):
            return None
        if node.end_lineno is None or node.end_col_offset is None or self._continues_line_above(first):
            return None
        tail = self._line(node.end_lineno).rstrip("\r\n").encode("utf-8")[node.end_col_offset :].decode("utf-8", "replace")
        tail = tail.strip(" \t\f")
        if tail and not tail.startswith("#"):
            return None  # `stmt; other`, or a continuation
        return indent

    # ---- choice ------------------------------------------------------------

    def statement(self, span: Span) -> Optional[Window]:
        """The innermost statement holding `span` that has its lines to itself, as a window."""
        for node in reversed(self.blocks.chain(span)):
            indent = self._clean(node)
            if indent is not None:
                return self._window(first_line(node), node.end_lineno or node.lineno, indent, (node,))
        return None

    def top_level_run(self, span: Span) -> Optional[Window]:
        """The top-level statements holding `span` with one neighbour on each side, as a module window."""
        body = self.tree.body
        holding = [i for i, s in enumerate(body) if first_line(s) <= span.end.line and span.start.line <= (s.end_lineno or 0)]
        if not holding:
            return None
        low, high = holding[0] - 1, holding[-1] + 1
        while low > 0 and (body[low - 1].end_lineno or 0) >= first_line(body[low]):
            low -= 1  # `a; b` on one line: the window holds whole lines, so whole statements
        while high + 1 < len(body) and first_line(body[high + 1]) <= (body[high].end_lineno or 0):
            high += 1
        first = first_line(body[low]) if low >= 0 else 1
        if high < len(body):
            # Up to the statement after the neighbour: the comment lines between belong to the
            # neighbour's blocks or to that statement, as LibCST decides by their indentation.
            last = first_line(body[high + 1]) - 1 if high + 1 < len(body) else len(self.starts)
        else:
            last = len(self.starts)
        if self._continues_line_above(first) or (high + 1 < len(body) and self._continues_line_above(last + 1)):
            return None
        return self._window(first, last, "", tuple(body[max(low, 0) : high + 1]))
