"""Makefile recipes whose variables come from an included file: `include Makefile.config`.

GNU make reads `include FILE` (`-include`, `sinclude`: the same, silent when FILE is missing) at that
line, as if FILE's text stood there: its assignments and `export`s then hold for every recipe. The
Makefile analyzer reads one file, so it records each makefile's assignments and includes, and the
recipes that still name a variable it does not define (`$(FLASK) run -h $(HOST)`). Here those
recipes are expanded with the variables make would have, in make's order (the includer's lines
before the include, the included file's, then the includer's after), and `flask run` in them is
judged as in a recipe (FL101/FL201/FL202 on the recipe line, the included lines related).

An included env file (`-include .env`) gives make variables too (`NAME=value` is a make
assignment); nested includes are followed to `MAX_DEPTH`. Paths are relative to the makefile's
folder, as make resolves them from the directory it runs in.
"""

from __future__ import annotations

import posixpath
from typing import Any

from flasklint.analyzers.makefile import MakeVariables
from flasklint.commands import flaskcli
from flasklint.commands.checks import development_verdict, related_elsewhere
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.script import ShellState, walk
from flasklint.commands.shellwords import split_commands
from flasklint.deployment.paths import join
from flasklint.findings.catalog import load_catalog
from flasklint.model import FileResult, Finding, Position, Related, Span

__all__ = ["link", "MAX_DEPTH"]

MAX_DEPTH = 8
"""Nested includes followed (make itself stops only at a cycle; a cycle stops here too)."""


class _Included(MakeVariables):
    """The variables and exports in force once a makefile and everything it includes has been read."""

    def __init__(self, results: dict[str, FileResult]) -> None:
        super().__init__()
        self.results = results
        self.exported: dict[str, EnvValue] = {}
        self.export_all = False
        self.read: list[str] = []

    def load(self, path: str, depth: int = 0) -> None:
        facts = self.results[path].facts
        self.read.append(path)
        if facts.get("make_export_all"):
            self.export_all = True
        events: list[tuple[int, int, Any]] = [(int(v[4]), 0, v) for v in facts.get("make_variables") or ()]
        events += [(int(i["line"]), 1, i) for i in facts.get("make_includes") or ()]
        for line, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 0:
                self._assignment(path, line, *item[:4])
                continue
            for raw in item["paths"]:
                included = join(posixpath.dirname(path), self.expand(str(raw)))
                if included in self.read or included not in self.results or depth >= MAX_DEPTH:
                    continue
                if self.results[included].facts.get("env") is not None:
                    self._env_file(included)
                else:
                    self.load(included, depth + 1)

    def _assignment(self, path: str, line: int, name: str, op: str, value: str, exported: bool) -> None:
        if op == "export":
            if name in self.variables:
                self.exported[name] = _value(name, self.expand(self.variables[name]), path, line)
            return
        assigned = self.assign(name, op, value)
        if assigned is not None and (exported or name in self.exported):
            self.exported[name] = _value(name, self.expand(assigned), path, line)

    def _env_file(self, path: str) -> None:
        """`-include .env`: each `NAME=value` line is a make assignment (exported when the file says `export`)."""
        self.read.append(path)
        for entry in self.results[path].facts.get("env") or ():
            name, value = str(entry["name"]), str(entry["value"])
            self.variables[name] = value
            if name in self.exported:
                line = Span.from_json(entry["span"]).start.line if "span" in entry else 1
                self.exported[name] = _value(name, value, path, line)

    def environment(self) -> Environment:
        env = Environment(self.exported.values())
        if self.export_all:
            env = env.layered(_value(name, self.expand(value), "", 1) for name, value in self.variables.items()
                              if name not in env)
        return env


def _value(name: str, value: str, path: str, line: int) -> EnvValue:
    return EnvValue(name, value, 0, 0, path, span=Span(Position(line, 1), Position(line, 1)))


def link(results: dict[str, FileResult]) -> list[Finding]:
    """Findings of recipes that only the variables of included files make a `flask run`."""
    findings: list[Finding] = []
    for path in sorted(results):
        pending = results[path].facts.get("make_pending")
        if not pending:
            continue
        included = _Included(results)
        included.load(path)
        if len(included.read) < 2:
            continue  # nothing it includes is in the scan: the recipes stay as the analyzer left them
        env = included.environment()
        for recipe in pending:
            findings.extend(_recipe_findings(path, recipe, included, env))
    return findings


def _recipe_findings(path: str, recipe: dict[str, Any], included: _Included, env: Environment) -> list[Finding]:
    text, base = str(recipe["text"]), int(recipe["start"])

    def position(offset: int) -> Position:
        relative = max(0, min(len(text), offset - base))
        newline = text.rfind("\n", 0, relative)
        if newline < 0:
            return Position(int(recipe["line"]), int(recipe["column"]) + relative)
        return Position(int(recipe["line"]) + text.count("\n", 0, relative), relative - newline)

    findings = []
    commands = [included.expand_words(list(words))[0] for words in split_commands(text, base)]
    for step in walk(commands, ShellState(path, env=env)):
        for start in flaskcli.interpret_all(step.words, step.env, path=path, cwd=step.cwd):
            if start.kind != flaskcli.DEV_SERVER:
                continue
            verdict = development_verdict(start, path)
            if verdict is None:
                continue
            related: tuple[Related, ...] = tuple(related_elsewhere(path, verdict.settings))
            findings.append(Finding(
                rule=verdict.rule, path=path, span=Span(position(verdict.start), position(verdict.end)),
                severity=load_catalog()[verdict.rule].severity, related=related,
                message=f"{verdict.message} (variables from {', '.join(included.read[1:])}, which the makefile "
                        "includes)",
            ))
    return findings

