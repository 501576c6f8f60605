"""Parse a Python file of any version (3.0-3.14 syntax) into an `ast` tree, whatever Python runs flasklint.

The rules read CPython `ast` shapes, and `ast.parse` accepts only the grammar of
the running interpreter: on 3.11 a 3.12 f-string (`f"{", ".join(names)}"`) or a
`def f[T]()` is a syntax error, on 3.9 so is a `match` statement. A verdict
must not depend on the interpreter, so when `ast.parse` fails:

1. LibCST's native parser (a grammar for Python 3.0-3.14, whatever the host)
   parses the file, and the constructs the running `ast` lacks are *re-rendered*
   into ones it accepts, in place and byte for byte the same length on every
   line, so every `ast` position (UTF-8 columns) is the position in the real
   file and findings, spans and fixes need no mapping:
   f-strings (and t-strings) become an unknown name `_f` (their value was never
   a literal the rules could use), type parameters `[T]` become blanks,
   `type X = ...` becomes `_ =  X = ...`, `match`/`case` headers become
   `if (1 ...)`, `except*` becomes `except`, and `except A, B:` becomes a
   parenthesised unknown. The result is parsed by `ast` and analysed with the
   same rules as any file.
   When nothing but strings can be new (no type parameters, no `except A, B`,
   ...), the strings are found by a scan of the characters (literals.py) and
   rewritten the same way without LibCST: its import, parse and positions
   cost about 2 s for a 1,100-line module, the scan a few milliseconds.
2. If nothing parses the whole file, the code before the first error is
   analysed (a pasted fragment after valid code must not hide a debugger above
   it) and the file gets a diagnostic saying which lines were analysed.

Chosen over converting LibCST trees to `ast` shapes (a second copy of every rule
input) and over LibCST for every file: measured on the CPython 3.11 stdlib,
`ast.parse` of every file takes 4.1 s and `libcst.parse_module` 44 s (README,
"Architecture"), so LibCST runs only for the rare file `ast` rejects.
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Optional

from flasklint.python.fixes import MAX_FIX_SOURCE_CHARS, MAX_LIBCST_DEPTH
from flasklint.python.literals import Unlexable, string_groups

MAX_PREFIX_ATTEMPTS = 12
"""How many shorter prefixes are tried before giving up (each error may be in a statement opened earlier)."""

MAX_BRACKETS = 200
"""CPython's tokenizer limit on nested brackets (real code stays far below it)."""
_NESTING_TOKENS = re.compile(r"[()\[\]{}\n]|\b(?:and|or)\b")

MAX_PARSE_TOKENS = 600_000
"""Tokens of a file `ast.parse` is given. CPython's parser and the tree it builds need about 800 bytes a token,
whatever we do with the tree after (measured on 3.11: 1 MiB of `x = 1` lines, 525,000 tokens, 413 MiB; of
`app.run(debug=True)` lines, 420,000 tokens, 286 MiB): 600,000 tokens is about 480 MiB, which keeps a scan
under 1 GiB. Real modules hold a token every 4-8 bytes, so a 2.5 MB module is still parsed."""
_TOKEN = re.compile(r"""\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\w+|[^\w\s]""")
"""About one match a token (a string or comment is one); a token needs a character, so only a file of more
than MAX_PARSE_TOKENS characters is counted, and the count stops past the limit."""


def too_many_tokens(text: str) -> bool:
    """More tokens than `ast.parse` may be given (MAX_PARSE_TOKENS)."""
    if len(text) <= MAX_PARSE_TOKENS:
        return False
    count = 0
    for count, _ in enumerate(_TOKEN.finditer(text), 1):
        if count > MAX_PARSE_TOKENS:
            return True
    return False


@dataclass
class Parsed:
    """An `ast` module, how it was obtained, and what to tell the user about it."""

    tree: Optional[ast.Module]
    complete: bool = True
    """False when only a prefix of the file was analysed (or nothing)."""
    problem: Optional[str] = None
    """A diagnostic (a syntax error, what was analysed), or None."""
    via_libcst: bool = False


def parse(text: str, filename: str = "<unknown>") -> Parsed:
    """Parse `text`; raise RecursionError/MemoryError/ValueError as `ast.parse` does for hostile input."""
    try:
        return Parsed(_ast_parse(text, filename))
    except SyntaxError as exc:
        error = exc
    if _safe_for_libcst(text):  # (a file LibCST could not take keeps the treatment it had: the prefix)
        rendered = _rerendered(text, error, filename)
        if rendered is not None:
            return Parsed(rendered, via_libcst=True)
    location = f"line {error.lineno}" + (f", column {error.offset}" if error.offset else "")
    head = f"syntax error ({location}): {error.msg}"
    prefix, last_line = _prefix_tree(text, error.lineno or 1, filename)
    if prefix is None:
        return Parsed(None, complete=False, problem=f"{head}; not analysed")
    return Parsed(prefix, complete=False, problem=f"{head}; only lines 1-{last_line}, before the error, were analysed")


def _new_prefixes() -> frozenset[str]:
    """The string prefix letters whose literals the running `ast` may reject (as `_Collector` rewrites them)."""
    version = sys.version_info[:2]
    return frozenset(("f",) if version < (3, 12) else ()) | frozenset(("t",) if version < (3, 14) else ())


def _rerendered(text: str, error: SyntaxError, filename: str) -> Optional[ast.Module]:
    """The `ast` of `text` with what the running `ast` cannot parse rewritten (see the module docstring), or None.

    LibCST (an import, a parse and positions: ~2 s for 1,100 lines) runs only
    when the characters cannot settle it. Strings are found by `literals`, and
    every group holding an f-string (t-string) becomes `_f` as LibCST's
    rewriting has it, so a verdict does not depend on the path taken. A file
    with nothing else `_Collector` rewrites gets from LibCST exactly that text,
    so LibCST is needed only to tell whether the file is valid when `ast`'s
    first error lay outside the strings and the blanked text parses anyway
    (blanking must not hide a real error inside an f-string).
    """
    others = _OTHER_NEW_SYNTAX.search(text) is not None
    try:
        groups = string_groups(text, _new_prefixes()) if _new_prefixes() else []
    except (Unlexable, RecursionError):
        groups = None
    blanked = _blank(text, groups) if groups else None
    if blanked is not None:
        text_with_edits, in_group = blanked
        tree: Optional[ast.Module] = None
        try:
            tree = _ast_parse(text_with_edits, filename)
        except SyntaxError:
            pass
        if tree is not None and in_group(error):
            return tree
        if not others and tree is None:
            return None  # LibCST's text would be this one: it fails the same way
    elif groups is not None and not others:
        return None  # no f-string and nothing else to rewrite: LibCST would change nothing
    rendered = _rerender(text)
    if rendered is None:
        return None
    try:
        return _ast_parse(rendered, filename)
    except SyntaxError:
        return None


def _blank(text: str, groups: list[tuple[int, int]]) -> Optional[tuple[str, Callable[[SyntaxError], bool]]]:
    """`text` with each string group (character offsets) rewritten as `_f`, as `_Collector` rewrites it, and a test
    of whether an error lies on the lines of one of them; None when a group has no room for `_f`."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line]

    edits = [_Edit(position(start), position(end), "_f", bracket=True) for start, end in groups]
    rendered = _apply(text, edits)
    if rendered is None:
        return None

    def in_group(error: SyntaxError) -> bool:
        return error.lineno is not None and any(edit.start[0] <= error.lineno <= edit.end[0] for edit in edits)

    return rendered, in_group


def _other_new_syntax() -> "re.Pattern[str]":
    """A superset of what else than strings `_Collector` rewrites on the running interpreter (its version switches)."""
    version = sys.version_info[:2]
    shapes = [r"\b(?:def|class)\s+\w+\s*\[", r"^[ \t]*type\s+\w+\s*[\[=]"] if version < (3, 13) else []
    if version < (3, 14):
        shapes.append(r"\bexcept\b[^:]*,")
    if version < (3, 11):
        shapes.append(r"\bexcept\s*\*")
    if version < (3, 10):
        shapes.append(r"\b(?:match|case)\b")
    return re.compile("|".join(shapes) or r"(?!)", re.M)


_OTHER_NEW_SYNTAX = _other_new_syntax()


def _ast_parse(text: str, filename: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings of the scanned code are not ours to show
        return ast.parse(text, filename=filename)


def _prefix_tree(text: str, error_line: int, filename: str) -> tuple[Optional[ast.Module], int]:
    """The `ast` of the longest prefix of whole lines before the error that parses, and its last line."""
    lines = text.splitlines(keepends=True)
    cut = min(error_line - 1, len(lines))
    for _ in range(MAX_PREFIX_ATTEMPTS):
        if cut <= 0:
            break
        try:
            tree = _ast_parse("".join(lines[:cut]), filename)
        except SyntaxError as exc:
            line = exc.lineno or cut
            cut = min(cut - 1, line - 1)  # the statement that fails there may have opened earlier
            continue
        return (tree, cut) if tree.body else (None, 0)
    return None, 0


def _safe_for_libcst(text: str) -> bool:
    """LibCST's native parser crashes the process (it does not raise) on very deep nesting: estimate it first.

    Without an `ast` tree to measure (`fixes.libcst_depth`), one pass over the
    brackets and `and`/`or` words (strings and comments included, so it errs on
    the safe side) gives the deepest bracket nesting and the longest boolean
    chain of a line; CPython itself refuses more than 200 nested brackets.
    """
    if len(text) > MAX_FIX_SOURCE_CHARS:
        return False
    depth = chain = 0
    for match in _NESTING_TOKENS.finditer(text):
        token = match.group()
        if token in "([{":
            depth += 1
            if depth > MAX_BRACKETS:
                return False
        elif token in ")]}":
            depth = max(depth - 1, 0)
        elif token == "\n":
            if depth == 0:
                chain = 0
        else:
            chain += 1
            if chain > MAX_LIBCST_DEPTH:
                return False
    return True


# --------------------------------------------------------------------------- re-rendering


def _rerender(text: str) -> Optional[str]:
    """`text` with the constructs the running `ast` cannot parse rewritten (see the module docstring), or None
    when LibCST cannot parse it either or there is nothing to rewrite."""
    if not _safe_for_libcst(text):
        return None
    try:
        import libcst as cst
        from libcst.metadata import MetadataWrapper, PositionProvider

        module = cst.parse_module(text)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
    except Exception:  # ParserSyntaxError, or an old LibCST without a grammar for this code
        return None
    collector = _Collector(positions)
    try:
        collector.walk(module)
    except RecursionError:
        return None
    if not collector.edits:
        return None
    return _apply(text, collector.edits)


class _Edit:
    """Overwrite [start, end) (line, 0-based char column pairs) with `head` + blanks + `tail`.

    `bracket`: put the replacement in parentheses when the region spans lines (a
    newline outside brackets would end the statement).
    """

    __slots__ = ("start", "end", "head", "tail", "bracket")

    def __init__(self, start: tuple[int, int], end: tuple[int, int], head: str, tail: str = "", bracket: bool = False) -> None:
        self.start, self.end, self.head, self.tail, self.bracket = start, end, head, tail, bracket


def _apply(text: str, edits: list[_Edit]) -> Optional[str]:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    chars = list(text)

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        begin, end = offset(edit.start), offset(edit.end)
        region = chars[begin:end]
        # Each character becomes as many spaces as its UTF-8 bytes: ast columns are UTF-8 offsets.
        blank = [c if c in "\r\n" else " " * len(c.encode("utf-8", "surrogatepass")) for c in region]
        flat = "".join(blank)
        multiline = "\n" in flat or "\r" in flat
        head, tail = ("(" + edit.head, ")" + edit.tail) if multiline and edit.bracket else (edit.head, edit.tail)
        first_break = min((i for i in (flat.find("\n"), flat.find("\r")) if i >= 0), default=len(flat))
        last_line_start = max(flat.rfind("\n"), flat.rfind("\r")) + 1
        if first_break < len(head) or len(flat) - last_line_start < len(tail) or len(flat) < len(head) + len(tail):
            return None  # no room to write the replacement without moving a position
        rendered = head + flat[len(head):]
        if tail:
            rendered = rendered[: len(rendered) - len(tail)] + tail
        chars[begin:end] = [rendered]
    return "".join(chars)


class _Collector:
    """Finds the constructs to re-render for the running interpreter, by LibCST node type."""

    def __init__(self, positions: Any) -> None:
        import libcst as cst

        self.cst = cst
        self.positions = positions
        self.edits: list[_Edit] = []
        version = sys.version_info[:2]
        self.strings = version < (3, 12)  # PEP 701 f-strings
        self.templates = version < (3, 14)
        self.type_params = version < (3, 12)  # PEP 695; defaults (PEP 696) are 3.13
        if version == (3, 12):
            self.type_params = True  # a 3.13 default `[T = int]` fails on 3.12; blanking is harmless
        self.match = version < (3, 10)
        self.except_star = version < (3, 11)
        self.except_tuple = version < (3, 14)  # PEP 758 `except A, B:`

    def _span(self, node: Any) -> tuple[tuple[int, int], tuple[int, int]]:
        code_range = self.positions[node]
        return (code_range.start.line, code_range.start.column), (code_range.end.line, code_range.end.column)

    def _replace(self, node: Any, head: str, tail: str = "", bracket: bool = False) -> None:
        start, end = self._span(node)
        self.edits.append(_Edit(start, end, head, tail, bracket))

    def walk(self, node: Any) -> None:
        """Visit `node` and, unless it was replaced whole, its children (edits never overlap)."""
        if self.visit(node):
            for child in node.children:
                self.walk(child)

    def visit(self, node: Any) -> bool:
        cst = self.cst
        kind = type(node).__name__
        if kind in ("FormattedString", "ConcatenatedString", "TemplatedString"):
            if self._has_new_string(node):
                self._replace(node, "_f", bracket=True)
                return False
            return True
        if kind in ("FunctionDef", "ClassDef") and self.type_params and getattr(node, "type_parameters", None) is not None:
            self._replace(node.type_parameters, "")
        elif kind == "TypeAlias" and self.type_params:
            start, _ = self._span(node)
            name_start, _ = self._span(node.name)
            if name_start[0] == start[0] and name_start[1] - start[1] >= 4:
                self.edits.append(_Edit(start, name_start, "_ ="))
            if node.type_parameters is not None:
                self._replace(node.type_parameters, "")
        elif kind == "Match" and self.match:
            start, _ = self._span(node)
            _, subject_end = self._span(node.subject)
            self.edits.append(_Edit(start, subject_end, "if (1", ")"))
            for case in node.cases:
                self.walk(case)
            return False
        elif kind == "MatchCase" and self.match:
            start, _ = self._span(node)
            _, end = self._span(node.guard if node.guard is not None else node.pattern)
            self.edits.append(_Edit(start, end, "if (1", ")"))
            self.walk(node.body)
            return False
        elif kind == "ExceptStarHandler" and self.except_star:
            start, _ = self._span(node)
            column = start[1] + len("except") + len(node.whitespace_after_except.value)
            self.edits.append(_Edit((start[0], column), (start[0], column + 1), " "))
        elif kind in ("ExceptHandler", "ExceptStarHandler") and self.except_tuple:
            handler_type = node.type
            if isinstance(handler_type, cst.Tuple) and not handler_type.lpar:
                self._replace(handler_type, "(_e", ")")
        return True

    def _has_new_string(self, node: Any) -> bool:
        """Whether a string expression holds an f-string (t-string) the running `ast` may reject."""
        kind = type(node).__name__
        if kind == "TemplatedString":
            return self.templates
        if kind == "FormattedString":
            return self.strings
        if kind == "ConcatenatedString":
            return self._has_new_string(node.left) or self._has_new_string(node.right)
        return False


def parses(text: str) -> bool:
    """Whether the whole text parses as Python of some version (the fixer's check that a fix kept it valid)."""
    try:
        return parse(text).complete
    except (ValueError, RecursionError, MemoryError):
        return False
