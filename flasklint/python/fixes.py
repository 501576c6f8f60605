"""Python fixes: LibCST replacement nodes, turned into character-offset edits.

The Python analyzer finds problems with CPython's `ast` (fast) and describes
each fix as a list of *changes*: small, declarative requests such as "remove the
argument at this span" or "replace the string literal at this span". This
module is the only place that turns them into code. It parses the file with
LibCST (only files that have something to fix, and only then is LibCST
imported), finds the node each change names by its position, builds the
replacement node, and lets LibCST print the module. The edit is the one
stretch where the printed module differs from the original text, so every
other byte of the file (formatting, comments, quotes, line endings) stays as
it was: a fix is a replacement node, never string surgery on Python source.

Positions are the analyzer's spans (1-based lines, 1-based character
columns, end exclusive), which LibCST's `PositionProvider` reports in the same
units (0-based columns), so `ast` and LibCST meet on positions alone.

Cost is bounded: printing the whole module once per fix made a file with
thousands of findings quadratic (5,000 `app.run(...)` lines never finished),
so the module is printed once, recording where each node's code lies, and a
fix prints only the node it replaces (checked against the original text).
Files LibCST cannot handle safely get no fixes, with the reason: too large
(its trees take ~700 bytes per source byte) or chained too deep (its native
parser overflows the C stack on ~6,500 `and` operands, which `ast` keeps flat).
"""

from __future__ import annotations

import ast
import bisect
import contextlib
import dataclasses
import re
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional, Sequence

from flasklint.model import Edit, Fix, Span
from flasklint.python.changes import (
    AddKeyword, Change, FixPlan, RemoveArgument, RemoveDictElement, RemoveStatement, ReplaceWithString, WrapInMainGuard,
    minimal_edit,
)
from flasklint.python.pyfixwindow import Window, Windows, default_indent, default_newline

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.sources.source import SourceText


class _Unfixable(Exception):
    """A change cannot be built on this tree (the node is not where, or what, the analyzer said)."""


class _NotLocal(Exception):
    """A window's edit could not be printed locally: the whole module decides it instead."""


class _CannotParse(Exception):
    """LibCST cannot parse (or round-trip) the whole module."""


# --------------------------------------------------------------------------- building


_LIBCST_NEWLINE = re.compile(r"\r\n?|\n")
"""How LibCST's PositionProvider splits lines."""

MAX_FIX_SOURCE_CHARS = 1 << 20
"""Larger files get no Python fixes: a 15 MB module took LibCST 390 s and 10 GB."""

MAX_FIX_NODES = 100_000
"""More `ast` nodes than this get no Python fixes: LibCST needs ~5 KB and ~150 us a node, so a module
with 20,000 `app.run(...)` lines (180,000 nodes) took 1.1 GB and a minute, under the size limit."""

MAX_NODES_PER_CHAR = 4
"""An upper bound of `ast` nodes per source character (`-~-~x` has two, with its context nodes): a file
shorter than MAX_FIX_NODES / 4 characters is under the node limit without counting (a walk over every
node was a third of the cost of building fixes)."""

MAX_LIBCST_DEPTH = 1000
"""Nesting (counting each operand of an `and`/`or` chain as a level, as LibCST nests them) above which
LibCST is not called: its native parser crashes the process, it does not raise, around 6,500 levels."""


def libcst_depth(tree: ast.AST, *more: ast.AST) -> int:
    """How deep LibCST's tree of this module (or these statements) will be, at least (iterative: it may be deep)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0), *((node, 0) for node in more)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        step = len(node.values) if isinstance(node, ast.BoolOp) else 1
        stack.extend((child, depth + step) for child in ast.iter_child_nodes(node))
    return deepest


def _unsafe_for_libcst(text: str, tree: Optional[ast.AST], depth: bool = True) -> Optional[str]:
    """Why LibCST must not be given this file (it would take too long, too much memory, or crash).

    Without `depth` the nesting is not checked: windows check their own statements, and the
    whole-module fallback checks the module (`_Trees.full`).
    """
    if len(text) > MAX_FIX_SOURCE_CHARS:
        return f"file larger than {MAX_FIX_SOURCE_CHARS // (1 << 20)} MiB"
    if tree is None:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return "the file does not parse"
    if len(text) * MAX_NODES_PER_CHAR > MAX_FIX_NODES and sum(1 for _ in ast.walk(tree)) > MAX_FIX_NODES:
        return f"more than {MAX_FIX_NODES:,} syntax nodes (LibCST would need too much memory)"
    if depth and libcst_depth(tree) > MAX_LIBCST_DEPTH:
        return "nested too deeply for LibCST"
    return None


def build_fixes(
    source: "SourceText", plans: Sequence[FixPlan], tree: Optional[ast.AST] = None, windows: bool = True,
    plain: bool = True,
) -> tuple[list[Optional[Fix]], Optional[str]]:
    """One Fix (or None when it cannot be built) per plan, and a reason when LibCST cannot parse the file.

    `tree` is the file's `ast` module when the caller has it (it saves a parse). With `windows`,
    LibCST parses only the lines each change edits (pyfixwindow.py); with `plain`, the plainest
    changes are built without LibCST (plainfixes.py). The edits are the same either way.
    """
    if not plans:
        return [], None
    module = tree if isinstance(tree, ast.Module) and windows else None
    unsafe = _unsafe_for_libcst(source.text, tree, depth=module is None)
    if unsafe:
        return [None] * len(plans), f"fixes not available: {unsafe}"
    trees = _Trees(source, module)
    if plain and module is not None:
        from flasklint.python.plainfixes import PlainEdits

        plain_edits = PlainEdits(source, module, trees.windows.blocks if trees.windows is not None else None)

        def edit(change: Change) -> Edit:
            return plain_edits.edit(change) or trees.edit(change)
    else:
        edit = trees.edit
    fixes: list[Optional[Fix]] = []
    for plan in plans:
        try:
            edits = sorted((edit(change) for change in plan.changes), key=lambda e: (e.start, e.end))
        except _CannotParse as exc:  # LibCST rejects a few files CPython accepts, or recurses too deep
            return [None] * len(plans), f"fixes not available: {exc}"
        except (_Unfixable, RecursionError):
            fixes.append(None)
            continue
        if not edits or any(a.overlaps(b) for a, b in zip(edits, edits[1:])) or any(
            e.start == e.end and not e.replacement for e in edits
        ):
            fixes.append(None)
            continue
        fixes.append(source.locate(Fix(plan.description, plan.safety, tuple(edits))))
    return fixes, None


class _Trees:
    """The LibCST trees one file's changes are built on: a small window per change, the module if need be."""

    def __init__(self, source: "SourceText", tree: Optional[ast.Module]) -> None:
        """`tree`: the module's `ast` to choose windows with (None: no windows, the depth is checked)."""
        self.source = source
        self.tree = tree
        self.windows = Windows(source, tree) if tree is not None else None
        self.parsed: dict[tuple[int, int, int], Optional[_Tree]] = {}
        self.module: Optional[_Tree] = None
        self._indent: Optional[tuple[Optional[str]]] = None

    def full(self) -> "_Tree":
        if self.module is None:
            if self.tree is not None and libcst_depth(self.tree) > MAX_LIBCST_DEPTH:
                raise _CannotParse("nested too deeply for LibCST")
            try:
                self.module = _Tree(self.source.text)
            except Exception as exc:
                raise _CannotParse(f"LibCST cannot parse this file ({type(exc).__name__})") from None
        return self.module

    def edit(self, change: Change) -> Edit:
        window = self._window(change)
        if window is not None:
            tree = self._window_tree(window)
            if tree is not None:
                if isinstance(change, WrapInMainGuard):
                    tree.block_indent = self._file_indent()
                if not isinstance(change, WrapInMainGuard) or tree.block_indent is not None:
                    try:
                        edit = window.edit(tree.edit(dataclasses.replace(change, span=window.span(change.span)), local=True))
                    except _NotLocal:
                        edit = None
                    if edit is not None:
                        return edit
        return self.full().edit(change)

    def _window(self, change: Change) -> Optional[Window]:
        if self.windows is None or self.module is not None:
            return None  # once the whole module is parsed, every change uses it
        if isinstance(change, RemoveStatement):
            window = self.windows.top_level_run(change.span)
        else:
            window = self.windows.statement(change.span)
        return window if window is not None and window.contains(change.span) else None

    def _window_tree(self, window: Window) -> Optional["_Tree"]:
        key = (window.first, window.last, window.prefix)
        if key not in self.parsed:
            tree: Optional[_Tree] = None
            if libcst_depth(*window.statements) <= MAX_LIBCST_DEPTH:
                try:
                    tree = _Tree(window.text)
                except Exception:  # the whole module decides (and reports) what LibCST cannot parse
                    tree = None
            if tree is not None and tree.module.default_newline != default_newline(self.source.text):
                tree = None  # new lines would get another newline than the file's
            self.parsed[key] = tree
        return self.parsed[key]

    def _file_indent(self) -> Optional[str]:
        """The module's default indentation, which a new block takes (None: unknown, use the module)."""
        if self._indent is None:
            self._indent = (default_indent(self.source.text),)
        return self._indent[0]


class _Tree:
    """A LibCST module with positions and parents, and the code to build each change on it."""

    block_indent: Optional[str] = None
    """Indentation of a new block when this tree is a window (the file's default); None: the module's."""

    def __init__(self, text: str, metadata_wrapper: bool = False) -> None:
        import libcst as cst

        self.cst = cst
        self.text = text
        self.module = cst.parse_module(text)
        self.placed: dict[Any, tuple[int, int, tuple[str, ...]]] = {}
        self.parents: Any = {}
        self.at: dict[tuple[int, int, int, int], list[Any]] = {}
        if self._print_placed() != text:  # LibCST must round-trip the file exactly, or no fix is safe
            raise ValueError("LibCST does not round-trip this file")
        if metadata_wrapper or not self.at:
            self._resolve_metadata()

    def _resolve_metadata(self) -> None:
        """Positions and parents from LibCST's providers: three walks of the tree where the printer made one."""
        from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

        wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
        self.parents = wrapper.resolve(ParentNodeProvider)
        self.at = {}
        for node, where in positions.items():
            key = (where.start.line, where.start.column, where.end.line, where.end.column)
            self.at.setdefault(key, []).append(node)

    def _print_placed(self) -> str:
        """The module's code, recording each node's offsets, indentation, position and parent (or only the code)."""
        try:
            state = _printer_states()[1](self.module.default_indent, self.module.default_newline)
            self.module._codegen(state)
        except Exception:  # LibCST internals changed: print the whole module per fix (slower, same edits)
            self.placed = {}
            return str(self.module.code)
        self.placed = state.placed
        self.parents = state.parents
        printed = "".join(state.tokens)
        # PositionProvider counts lines in the tokens before the module drops a missing final newline.
        lines = [0] + [m.end() for m in _LIBCST_NEWLINE.finditer(printed + state.popped)]
        for node, (start, end) in state.syntactic.items():
            first = bisect.bisect_right(lines, start) - 1
            last = bisect.bisect_right(lines, end) - 1
            key = (first + 1, start - lines[first], last + 1, end - lines[last])
            self.at.setdefault(key, []).append(node)
        return printed

    def _code(self, node: Any, indents: tuple[str, ...]) -> str:
        """The code of `node` printed where it stands (inside blocks indented by `indents`)."""
        printer = _printer_states()[0]
        state = printer(self.module.default_indent, self.module.default_newline, indent_tokens=list(indents))
        node._codegen(state)
        return "".join(state.tokens)

    # ---- lookup ----------------------------------------------------------

    def nodes(self, span: Span) -> list[Any]:
        key = (span.start.line, span.start.column - 1, span.end.line, span.end.column - 1)
        return self.at.get(key, [])

    def parent(self, node: Any) -> Any:
        try:
            return self.parents[node]
        except KeyError:
            raise _Unfixable("node has no parent") from None

    def first(self, span: Span, kinds: Any) -> Any:
        for node in self.nodes(span):
            if isinstance(node, kinds):
                return node
        raise _Unfixable(f"no {kinds} at {span}")

    # ---- edits -----------------------------------------------------------

    def edit(self, change: Change, local: bool = False) -> Edit:
        """The change's edit; `local` (a window): printed where the node stands, or _NotLocal."""
        old, new = self._replacement(change)
        if old is new:
            raise _Unfixable("nothing to change")
        edit = self._local_edit(old, new)
        if edit is None:
            if local:
                raise _NotLocal()
            edit = minimal_edit(self.text, self.module.deep_replace(old, new).code)
        if edit.start == edit.end and not edit.replacement:
            raise _Unfixable("the change does not alter the text")
        return edit

    def _local_edit(self, old: Any, new: Any) -> Optional[Edit]:
        """The edit printing only what changed where it stands; None when that is not exact."""
        cst = self.cst
        if type(old) is type(new) and isinstance(old, (cst.Module, cst.IndentedBlock)) and old.header is new.header:
            # A statement removed from a block: print only the statements that differ, not the block.
            before_items, after_items = [*old.body, *old.footer], [*new.body, *new.footer]
            same = 0
            while same < min(len(before_items), len(after_items)) and before_items[same] is after_items[same]:
                same += 1
            tail = 0
            while tail < min(len(before_items), len(after_items)) - same and before_items[-1 - tail] is after_items[-1 - tail]:
                tail += 1
            return self._replaced(before_items[same : len(before_items) - tail], after_items[same : len(after_items) - tail])
        return self._replaced([old], [new])

    def _replaced(self, olds: Sequence[Any], news: Sequence[Any]) -> Optional[Edit]:
        """The edit replacing the adjacent nodes `olds` by `news`, checked against the original text."""
        if not olds or any(node not in self.placed for node in olds):
            return None
        start, end, indents = self.placed[olds[0]][0], self.placed[olds[-1]][1], self.placed[olds[0]][2]
        before = "".join(self._code(node, indents) for node in olds)
        if before != self.text[start:end]:
            return None
        edit = minimal_edit(before, "".join(self._code(node, indents) for node in news))
        return Edit(start + edit.start, start + edit.end, edit.replacement)

    def _replacement(self, change: Change) -> tuple[Any, Any]:
        if isinstance(change, ReplaceWithString):
            return self._replace_with_string(change)
        if isinstance(change, RemoveArgument):
            return self._remove_argument(change)
        if isinstance(change, RemoveDictElement):
            return self._remove_dict_element(change)
        if isinstance(change, RemoveStatement):
            return self._remove_statement(self._small_statement(change.span))
        if isinstance(change, WrapInMainGuard):
            return self._wrap_in_main_guard(change)
        if isinstance(change, AddKeyword):
            return self._add_keyword(change)
        raise _Unfixable(f"unknown change {change!r}")  # pragma: no cover

    def _replace_with_string(self, change: ReplaceWithString) -> tuple[Any, Any]:
        cst = self.cst
        node = self.first(change.span, cst.BaseExpression)
        if isinstance(node, cst.SimpleString):
            prefix = node.prefix
            quote = node.quote
            if "\\" in change.value or quote in change.value or "r" in prefix.lower() and "\\" in change.value:
                raise _Unfixable("value cannot be spelled in this quote style")
            return node, node.with_changes(value=f"{prefix}{quote}{change.value}{quote}")
        if isinstance(node, (cst.FormattedString, cst.ConcatenatedString)):
            raise _Unfixable("not a simple string literal")
        literal = cst.SimpleString('"' + change.value + '"')
        return node, literal.with_changes(lpar=node.lpar, rpar=node.rpar)

    def _add_keyword(self, change: AddKeyword) -> tuple[Any, Any]:
        cst = self.cst
        call = self.first(change.span, cst.Call)
        new = cst.Arg(
            value=cst.SimpleString('"' + change.value + '"'),
            keyword=cst.Name(change.name),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(call.args)
        if not args:
            return call, call.with_changes(args=[new])
        last = args[-1]
        if isinstance(last.comma, cst.Comma):  # a trailing comma: the new argument takes over the line break
            separator = args[-2].comma.whitespace_after if len(args) > 1 else call.whitespace_before_args
            args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=separator))
            args.append(new.with_changes(comma=last.comma))
        else:
            args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                                         whitespace_after_arg=cst.SimpleWhitespace(""))
            args.append(new.with_changes(whitespace_after_arg=last.whitespace_after_arg))
        return call, call.with_changes(args=args)

    def _argument(self, span: Span) -> Any:
        cst = self.cst
        for node in self.nodes(span):
            if isinstance(node, cst.Arg):
                return node
            parent = self.parents.get(node)
            if isinstance(parent, cst.Arg) and parent.value is node:
                return parent
        raise _Unfixable(f"no argument at {span}")

    def _remove_argument(self, change: RemoveArgument) -> tuple[Any, Any]:
        cst = self.cst
        arg = self._argument(change.span)
        call = self.parent(arg)
        if not isinstance(call, cst.Call):
            raise _Unfixable("argument of something that is not a call")
        args = list(call.args)
        index = next(i for i, a in enumerate(args) if a is arg)
        positional = arg.keyword is None and not arg.star
        if positional and any(a.keyword is None and a.star != "**" for a in args[index + 1 :]):
            # Removing it would shift the positional arguments after it: pass the default instead.
            return arg.value, cst.parse_expression(change.default).with_changes(lpar=arg.value.lpar, rpar=arg.value.rpar)
        remaining, opening = self._without(args, index, call.whitespace_before_args, trailing_owner="arg")
        if not remaining and not _has_comment(opening):
            opening = cst.SimpleWhitespace("")
        return call, call.with_changes(args=remaining, whitespace_before_args=opening)

    def _remove_dict_element(self, change: RemoveDictElement) -> tuple[Any, Any]:
        cst = self.cst
        key = self.first(change.span, cst.BaseExpression)
        element = self.parent(key)
        if not isinstance(element, cst.DictElement) or element.key is not key:
            raise _Unfixable("not the key of a dict element")
        mapping = self.parent(element)
        if not isinstance(mapping, cst.Dict):
            raise _Unfixable("dict element outside a dict")
        elements = list(mapping.elements)
        index = next(i for i, e in enumerate(elements) if e is element)
        remaining, opening = self._without(elements, index, mapping.lbrace.whitespace_after, trailing_owner=None)
        return mapping, mapping.with_changes(elements=remaining, lbrace=mapping.lbrace.with_changes(whitespace_after=opening))

    def _without(self, items: list[Any], index: int, opening: Any, trailing_owner: Optional[str]) -> tuple[list[Any], Any]:
        """`items` without `items[index]`, commas and line breaks repaired, comments around it kept.

        Returns the new items and the new whitespace after the opening bracket.
        Comment lines that stood between the removed item and the next one move
        to the whitespace before it, so only the removed item's own line goes.
        """
        cst = self.cst
        removed = items[index]
        remaining = items[:index] + items[index + 1 :]
        removed_ws = removed.comma.whitespace_after if isinstance(removed.comma, cst.Comma) else None
        if index < len(remaining):  # a later item follows: the whitespace before the removed one now precedes it
            if index == 0:
                return remaining, self._merge(opening, removed_ws)
            previous = remaining[index - 1]
            merged = self._merge(previous.comma.whitespace_after, removed_ws)
            remaining[index - 1] = previous.with_changes(comma=previous.comma.with_changes(whitespace_after=merged))
            return remaining, opening
        if not remaining:  # the only item
            return remaining, opening
        previous = remaining[-1]
        if isinstance(removed_ws, cst.ParenthesizedWhitespace):  # one per line, trailing comma: keep one
            merged = self._merge(previous.comma.whitespace_after, removed_ws)
            remaining[-1] = previous.with_changes(comma=previous.comma.with_changes(whitespace_after=merged))
            return remaining, opening
        tail = getattr(removed, "whitespace_after_arg", None) if trailing_owner == "arg" else None
        previous_ws = previous.comma.whitespace_after
        if isinstance(previous_ws, cst.ParenthesizedWhitespace) and isinstance(tail, cst.ParenthesizedWhitespace):
            # One item per line without a trailing comma: keep the previous comma (now a trailing
            # one) so comments after it survive, and close the bracket where it was.
            merged = self._merge(previous_ws, tail)
            remaining[-1] = previous.with_changes(comma=previous.comma.with_changes(whitespace_after=merged))
            return remaining, opening
        changes: dict[str, Any] = {"comma": cst.MaybeSentinel.DEFAULT}
        if tail is not None:
            changes["whitespace_after_arg"] = tail
        remaining[-1] = previous.with_changes(**changes)
        return remaining, opening

    def _merge(self, before: Any, removed: Any) -> Any:
        """Whitespace `before` the removed item followed by what came `removed`-after it, minus its own line."""
        cst = self.cst
        if not isinstance(before, cst.ParenthesizedWhitespace) or not isinstance(removed, cst.ParenthesizedWhitespace):
            return before
        return before.with_changes(
            empty_lines=[*before.empty_lines, *removed.empty_lines],
            indent=removed.indent,
            last_line=removed.last_line,
        )

    def _small_statement(self, span: Span) -> Any:
        cst = self.cst
        for node in self.nodes(span):
            if isinstance(node, cst.BaseSmallStatement):
                return node
        for node in self.nodes(span):
            parent = self.parents.get(node)
            if isinstance(parent, cst.Expr) and parent.value is node:
                return parent
        raise _Unfixable(f"no statement at {span}")

    def _remove_statement(self, statement: Any) -> tuple[Any, Any]:
        cst = self.cst
        line = self.parent(statement)
        if not isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            raise _Unfixable("statement outside a statement line")
        others = [s for s in line.body if s is not statement]
        if others:  # `a = 1; app.debug = True`: drop just this one
            if line.body[-1] is statement:
                others[-1] = others[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            return line, line.with_changes(body=others)
        if isinstance(line, cst.SimpleStatementSuite):  # `if x: app.debug = True`
            return line, line.with_changes(body=[cst.Pass()])
        block = self.parent(line)
        if not isinstance(block, (cst.Module, cst.IndentedBlock)):
            raise _Unfixable("statement line outside a block")
        body = list(block.body)
        index = next(i for i, s in enumerate(body) if s is line)
        del body[index]
        leading = list(line.leading_lines)
        if index < len(body):  # comments above the statement stay, above the next one
            body[index] = body[index].with_changes(leading_lines=_join_lines(leading, list(body[index].leading_lines)))
            return block, block.with_changes(body=body)
        if body or isinstance(block, cst.Module):
            return block, block.with_changes(body=body, footer=_join_lines(leading, list(block.footer)))
        return block, block.with_changes(body=[cst.SimpleStatementLine([cst.Pass()], leading_lines=leading)])

    def _wrap_in_main_guard(self, change: WrapInMainGuard) -> tuple[Any, Any]:
        cst = self.cst
        statement = self._small_statement(change.span)
        if not isinstance(statement, cst.Expr):
            raise _Unfixable("not an expression statement")
        line = self.parent(statement)
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            raise _Unfixable("the call shares its line with other statements")
        if not isinstance(self.parent(line), (cst.Module, cst.IndentedBlock)):
            raise _Unfixable("statement line outside a block")
        guard = cst.If(
            test=cst.parse_expression('__name__ == "__main__"'),
            body=cst.IndentedBlock(body=[line.with_changes(leading_lines=[])], indent=self.block_indent),
            leading_lines=line.leading_lines,
        )
        return line, guard


@functools.lru_cache(maxsize=None)
def _printer_states() -> tuple[Any, Any]:
    """LibCST's printer state, and one that also records where each node's code lies.

    Built on first use: LibCST is imported only when a file has something to fix.
    """
    from libcst._nodes.internal import CodegenState  # what Module.code prints with

    @dataclass
    class PlacingState(CodegenState):  # type: ignore[misc]
        """Prints a module and records, per node, its character offsets and the indentation around it.

        It also records what LibCST's PositionProvider and ParentNodeProvider would compute (each
        a walk of its own, 80 % of the cost of a small tree): the syntactic offsets of each node,
        as `record_syntactic_position` reports them, else its whole printed range; and the node
        whose printing printed it.
        """

        length: int = 0
        placed: dict[Any, tuple[int, int, tuple[str, ...]]] = field(default_factory=dict)
        starts: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
        syntactic: dict[Any, tuple[int, int]] = field(default_factory=dict)
        parents: dict[Any, Any] = field(default_factory=dict)
        printing: list[Any] = field(default_factory=list)
        popped: str = ""

        def add_token(self, value: str) -> None:
            super().add_token(value)
            self.length += len(value)

        def add_indent_tokens(self) -> None:
            super().add_indent_tokens()
            self.length += sum(len(t) for t in self.indent_tokens)

        def pop_trailing_newline(self) -> None:
            if self.tokens:
                self.popped = self.tokens[-1]
                self.length -= len(self.tokens[-1])
            super().pop_trailing_newline()

        def before_codegen(self, node: Any) -> None:
            self.starts.append((self.length, tuple(self.indent_tokens)))
            if self.printing:
                self.parents[node] = self.printing[-1]
            self.printing.append(node)

        def after_codegen(self, node: Any) -> None:
            start, indents = self.starts.pop()
            self.placed[node] = (start, self.length, indents)
            self.printing.pop()
            if node not in self.syntactic:
                self.syntactic[node] = (start, self.length)

        @contextlib.contextmanager
        def record_syntactic_position(self, node: Any, *, start_node: Any = None, end_node: Any = None) -> Any:
            start = self.length
            try:
                yield
            finally:
                end = self.length
                if start_node is not None:
                    start = self.syntactic[start_node][0]
                if end_node is not None:
                    end = self.syntactic[end_node][1]
                self.syntactic[node] = (start, end)

    return CodegenState, PlacingState


def _join_lines(above: list[Any], below: list[Any]) -> list[Any]:
    """Two runs of LibCST empty lines joined where a statement was removed: comments all kept, and the
    blank lines where they meet not doubled (the larger of the two blank runs stays)."""

    def blank(line: Any) -> bool:
        return line.comment is None

    tail = 0
    while tail < len(above) and blank(above[len(above) - 1 - tail]):
        tail += 1
    head = 0
    while head < len(below) and blank(below[head]):
        head += 1
    middle = above[len(above) - tail :] if tail >= head else below[:head]
    return [*above[: len(above) - tail], *middle, *below[head:]]


def _has_comment(whitespace: Any) -> bool:
    """Whether a piece of LibCST whitespace holds a comment (so it must not be dropped)."""
    import libcst as cst

    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return False
    lines = [whitespace.first_line, *whitespace.empty_lines]
    return any(getattr(line, "comment", None) is not None for line in lines)
