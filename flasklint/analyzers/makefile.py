"""Makefile recipes: each recipe line is a shell command, judged with the target's context.

What make does that matters here: a recipe line runs in its own shell (so an
`export` in one line is gone in the next), `@`, `-` and `+` prefixes are make's,
not the shell's, `$$` is a literal `$`, and `$(VAR)`/`${VAR}` expand to simple
make variables defined in the file (expanded words keep the position of the
reference they came from). `export NAME = value` at the top level, or
`.EXPORT_ALL_VARIABLES:`, puts a variable into every recipe's environment.

Targets named like local tooling (`dev`, `run`, `serve`, `debug`, ...) are
development commands: their findings are kept at one severity lower, with the
reason in the message.

`include FILE` / `-include FILE` / `sinclude FILE` read another file's
variables first (`include Makefile.config` holding `export FLASK_DEBUG = 1` and
`FLASK = $(VENV)/bin/flask`). An analyzer reads one file, so each makefile
records its assignments (`facts["make_variables"]`) and includes
(`facts["make_includes"]`), and a recipe that still names an undefined variable
in a makefile that includes others is recorded as `facts["make_pending"]`: the
project pass (flasklint.deployment.makeinclude) expands it with the included
variables and judges it there.
"""

from __future__ import annotations

import re
from array import array
from typing import Any, Iterable, Iterator, Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.sources.collector import collector_paused_for
from flasklint.commands.checks import INERT_HEADS, check_command, check_pin_assignments, split_snippet
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.prefilter import may_matter as command_may_matter
from flasklint.commands.script import ShellState, walk
from flasklint.commands.shellwords import Word, split_commands
from flasklint.knowledge.context import dev_target_reason
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "screen_facts", "MakeVariables", "INCLUDE", "unresolved"]

_ASSIGNMENT = re.compile(r"^(?P<export>export\s+|override\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)\s*(?P<op>[:?+!]?=|::=)\s*(?P<value>.*)$")
_TARGET = re.compile(r"^(?P<targets>[^\s:=#][^:=#]*?)\s*::?(?!=)(?P<rest>.*)$")
_REFERENCE = re.compile(r"\$(?:\((?P<paren>[A-Za-z_][A-Za-z0-9_.-]*)\)|\{(?P<brace>[A-Za-z_][A-Za-z0-9_.-]*)\})")
_INCLUDE = re.compile(r"^(?P<how>-include|sinclude|include)\s+(?P<paths>[^#]+)")
INCLUDE = re.compile(rb"(?m)^[ \t]*(?:-include|sinclude|include)[ \t]+\S")
"""Bytes of a makefile that reads another: its recipes may name variables defined there."""
MAX_EXPANSION_DEPTH = 8
MAX_RECORDED_VARIABLES = 5000
"""Assignments kept in facts per file (a generated makefile of 100,000 variables keeps the first ones)."""


def _logical_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each logical line: a backslash-newline continues it (one at a time: a list of them
    held 17 MB for a 4 MB makefile)."""
    start = 0
    i = 0
    n = len(text)
    while i < n:
        end = text.find("\n", i)
        if end < 0:
            end = n
        if end > 0 and text[end - 1] == "\\" and end < n:
            i = end + 1
            continue
        yield start, end
        start = i = end + 1
    if start < n:
        yield start, n


class _Recipes:
    """Recipe lines in the order read, kept until the whole makefile is (make expands a recipe then): each
    its target's name, shared by the target's lines, and two offsets in arrays. 24 bytes a line, where a
    tuple of three held about 130 (15 MB for a 4 MB makefile of recipe lines)."""

    def __init__(self) -> None:
        self.targets: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def append(self, target: str, start: int, end: int) -> None:
        self.targets.append(target)
        self.starts.append(start)
        self.ends.append(end)

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        return zip(self.targets, self.starts, self.ends)


def may_matter(data: bytes) -> bool:
    """The command screen, or a makefile that includes another (whose variables may name `flask`)."""
    return command_may_matter(data) or INCLUDE.search(data) is not None


def unresolved(words: list[Word]) -> bool:
    """Whether a make reference is left in these (expanded) words: a variable this file does not define."""
    return any("$" in word.text and _REFERENCE.search(word.text) for word in words)


class MakeVariables:
    """Make's variables as assignments define them, and `$(VAR)` expansion (shared with the project pass)."""

    def __init__(self) -> None:
        self.variables: dict[str, str] = {}

    def assign(self, name: str, op: str, value: str) -> Optional[str]:
        """Apply `name op value`; the new value, or None when `?=` kept an earlier one."""
        if op == "?=" and name in self.variables:
            return None
        if op == "+=":
            value = (self.variables.get(name, "") + " " + value).strip()
        elif op in (":=", "::=", "!="):
            value = self.expand(value) if op != "!=" else ""
        self.variables[name] = value
        return value

    def expand(self, value: str, depth: int = 0) -> str:
        if depth > MAX_EXPANSION_DEPTH or "$" not in value:
            return value.replace("$$", "$")

        def substitute(match: re.Match[str]) -> str:
            name = match.group("paren") or match.group("brace")
            if name in self.variables:
                return self.expand(self.variables[name], depth + 1)
            return match.group(0)

        placeholder = "\x00"
        return _REFERENCE.sub(substitute, value.replace("$$", placeholder)).replace(placeholder, "$")

    def expand_words(self, words: list[Word]) -> tuple[list[Word], bool]:
        """Make-expand each word; a reference that expands to several words keeps its token's span.

        The flag says whether any reference was expanded (then offsets no longer take edits).
        """
        result: list[Word] = []
        changed = False
        for word in words:
            if "$" not in word.text:
                result.append(word)
                continue
            expanded = self.expand(word.text)
            if expanded == word.text.replace("$$", "$") and "$(" not in word.text and "${" not in word.text:
                result.append(Word(expanded, word.start, word.end, word.quoted, word.plain_prefix,
                                   word.inner_start if "$$" not in word.text else -1))
                continue
            changed = True
            for part in split_commands(expanded)[:1] or [[]]:
                for inner in part:
                    result.append(Word(inner.text, word.start, word.end, True, inner.plain_prefix))
        return result, changed



class _Make(MakeVariables):
    def __init__(self, reporter: Reporter) -> None:
        super().__init__()
        self.reporter = reporter
        self.text = reporter.source.text
        self.path = reporter.context.display_path
        self.exported: dict[str, EnvValue] = {}
        self.export_all = False
        self.recorded: list[list[Any]] = []
        """[name, op, value, exported, line] per assignment (`export NAME` alone: op "export"), for includers."""
        self.includes: list[dict[str, Any]] = []
        self.pending: list[dict[str, Any]] = []

    def environment(self) -> Environment:
        env = Environment(self.exported.values())
        if self.export_all:
            env = env.layered(
                EnvValue(name, value, 0, 0, self.path) for name, value in self.variables.items() if name not in env
            )
        return env

    def run(self) -> None:
        lines = _logical_lines(self.text)
        target: Optional[str] = None
        recipes = _Recipes()
        heads: dict[str, int] = {}
        for start, end in lines:
            raw = self.text[start:end]
            if raw.startswith("\t"):
                if target is not None:
                    recipes.append(target, start + 1, end)
                continue
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            assignment = _ASSIGNMENT.match(stripped)
            if assignment:
                self._assign(assignment, start + (len(raw) - len(raw.lstrip())), end)
                continue
            include = _INCLUDE.match(stripped)
            if include:
                self.includes.append({"paths": include.group("paths").split(), "line": self._line(start),
                                      "optional": include.group("how") != "include"})
                continue
            if stripped.startswith("export ") or stripped == "export":
                for name in stripped.split()[1:]:
                    self._record(name, "export", "", True, start)
                    if name in self.variables:
                        self.exported[name] = EnvValue(name, self.variables[name], start, end, self.path)
                if stripped == "export":
                    self.export_all = True  # `export` alone exports every variable, like .EXPORT_ALL_VARIABLES
                continue
            if stripped.startswith(".EXPORT_ALL_VARIABLES"):
                self.export_all = True
                continue
            match = _TARGET.match(stripped)
            if match:
                target = match.group("targets").split()[0]
                if not target.startswith(".") and target not in heads:
                    heads[target] = self.reporter.source.position(start).line
                rest = match.group("rest")
                if ";" in rest:  # `target: deps ; recipe`
                    offset = start + raw.index(";", raw.index(":")) + 1
                    recipes.append(target, offset, end)
            else:
                target = None
        env = self.environment()
        for target_name, start, end in recipes:
            self._recipe(target_name, start, end, env)
        self._record_targets(heads, recipes)
        self._record_variables()

    def _line(self, offset: int) -> int:
        return self.reporter.source.position(offset).line

    def _record(self, name: str, op: str, value: str, exported: bool, start: int) -> None:
        if len(self.recorded) < MAX_RECORDED_VARIABLES:
            self.recorded.append([name, op, value, exported, self._line(start)])

    def _record_variables(self) -> None:
        """What a makefile that includes this one, or a recipe left pending here, needs from it."""
        facts = self.reporter.result_.facts
        if self.recorded:
            facts["make_variables"] = self.recorded
        if self.export_all:
            facts["make_export_all"] = True
        if self.includes:
            facts["make_includes"] = self.includes
        if self.pending:
            facts["make_pending"] = self.pending

    def _record_targets(self, heads: dict[str, int], recipes: Iterable[tuple[str, int, int]]) -> None:
        """`facts["make_targets"]`: each target's first and last line, and the default goal, for `make X` edges."""
        source = self.reporter.source
        spans: dict[str, list[int]] = {name: [line, line] for name, line in heads.items()}
        for name, _, end in recipes:
            last = source.position(end).line
            span = spans.setdefault(name, [last, last])
            span[1] = max(span[1], last)
        if spans:
            self.reporter.result_.facts["make_targets"] = spans
            self.reporter.result_.facts["make_default"] = next(iter(heads), None)

    def _assign(self, match: re.Match[str], start: int, end: int) -> None:
        name, op, value = match.group("name"), match.group("op"), match.group("value").strip()
        value = value.split(" #", 1)[0].rstrip()
        exporting = bool(match.group("export") and match.group("export").startswith("export"))
        self._record(name, op, value, exporting, start)
        assigned = self.assign(name, op, value)
        if assigned is None:
            return
        value = assigned
        if match.group("export") and match.group("export").startswith("export") or name in self.exported:
            value_start = self.text.find(match.group("value").strip(), start, end) if value else -1
            self.exported[name] = EnvValue(name, self.expand(value), start, end, self.path,
                                           value_start, value_start + len(value) if value_start >= 0 else -1)

    def _recipe(self, target: str, start: int, end: int, env: Environment) -> None:
        # make's own prefixes: @ (silent), - (ignore errors), + (always run)
        while start < end and self.text[start] in "@-+ \t":
            start += 1
        reason = dev_target_reason(target)
        commands = split_snippet(self.reporter, start, end, skip=INERT_HEADS)
        expanded = [self.expand_words(words) for words in commands]
        if self.includes and any(unresolved(words) for words, _ in expanded):
            position = self.reporter.source.position(start)
            self.pending.append({"target": target, "start": start, "text": self.text[start:end],
                                 "line": position.line, "column": position.column})
        unfixable = {id(words) for words, changed in expanded if changed}
        for words, _ in expanded:
            check_pin_assignments(self.reporter, words, production=False, dev_reason=reason)
        state = ShellState(self.path, env=env)
        for step in walk((words for words, _ in expanded), state):
            check_command(self.reporter, step.words, step.env, production=False, dev_reason=reason, cwd=step.cwd,
                          fixable=id(step.words) not in unfixable)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    with collector_paused_for(len(source.text)):
        _Make(reporter).run()
    return reporter.result()


def screen_facts(data: bytes) -> dict[str, Any]:
    """A makefile the screen rejected (`Makefile.config` holding only `export HOST = 0.0.0.0`) still offers its
    variables to the makefiles that include it."""
    from flasklint.analyzers.base import AnalysisContext
    from flasklint.knowledge import kinds

    source = SourceText(data.decode("utf-8", "replace"))
    reporter = Reporter(AnalysisContext(display_path="", kind=kinds.MAKEFILE), source)
    make = _Make(reporter)
    make.run()
    return {key: value for key, value in reporter.result_.facts.items()
            if key in ("make_variables", "make_export_all", "make_includes")}
