"""Stepping through a sequence of shell commands the way the shell would, to know each one's environment.

`export FLASK_DEBUG=1` on line 3 is in force for `flask run` on line 9; a plain
`FLASK_DEBUG=1` is not (it is a shell variable, not exported) unless it was
exported before or `set -a` is on; `unset` removes a variable; `cd` changes the
directory a later `python app.py` is resolved against. Used by the shell-script
analyzer, Makefile recipes and `sh -c "..."`.

Variables the script assigned are expanded in later words the way the shell
expands them: `--host $FLASK_HOST` after `FLASK_HOST=0.0.0.0`, and
`${HOST:-0.0.0.0}` (its default when the script never set HOST: the value it
runs with unless the caller's environment says otherwise). An expanded word
keeps its place but not its inner offsets, so no fix edits inside it; words in
single quotes are not expanded (when the script's text is known). `. FILE`
and `source FILE` are recorded (`ShellState.sourced`): with `set -a` their
variables are exported, which the project pass applies from the env file's
facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Optional

from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import Word

__all__ = ["Step", "ShellState", "walk", "expand", "STATE_BUILTINS"]

STATE_BUILTINS = frozenset({"export", "declare", "typeset", "unset", "set", ".", "source", "cd"})
"""The builtins `ShellState.apply` reads (with commands of assignments only)."""

_EXPANSION = re.compile(r"\$(?:\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-=])(?P<default>[^}$`]*))?\}"
                        r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")


@dataclass(frozen=True)
class Step:
    """One simple command and what was in force when it ran."""

    words: list[Word]
    env: Environment
    cwd: Optional[str]
    sourced: tuple[str, ...] = ()
    """Files sourced with `set -a` in force before this command (their variables are exported to it)."""


@dataclass
class ShellState:
    """Exported variables, shell variables, `set -a` and the directory, as a script runs."""

    path: str
    env: Environment = field(default_factory=Environment)
    variables: dict[str, EnvValue] = field(default_factory=dict)
    allexport: bool = False
    cwd: Optional[str] = None
    text: Optional[str] = None
    """The script's text, to tell single-quoted words (never expanded) from others."""
    sourced: list[tuple[str, bool, int]] = field(default_factory=list)
    """(file, exported by `set -a`, offset of the command) for each `. FILE` / `source FILE`."""
    exporting: dict[str, EnvValue] = field(default_factory=dict, init=False, repr=False)
    """Values exported since `env` was last brought up to date (`environment`): a script exports on line
    after line and reads its environment only at a command, so they are set in one update then."""

    def environment(self) -> Environment:
        """The environment in force now: `env` with the pending exports set."""
        if not self.exporting:
            return self.env
        if len(self.exporting) >= len(self.env):  # as many as it holds: one dict build, not a set each
            merged = dict(self.env.items())
            merged.update(self.exporting)
            self.env = Environment(merged)
        else:
            self.env = self.env.with_values(self.exporting.values())
        self.exporting = {}
        return self.env

    def _export(self, value: EnvValue) -> None:
        self.exporting[value.name] = value

    def apply(self, words: list[Word]) -> bool:
        """Update the state for a builtin that changes it; True when the command was only that."""
        if not words:
            return True
        head = words[0].text
        if head not in STATE_BUILTINS:  # none of these is an assignment
            if not all(w.is_assignment for w in words):
                return False
            for word in words:
                value = EnvValue.from_word(self.expand(word), self.path)
                self.variables[value.name] = value
                if self.allexport or value.name in self.exporting or value.name in self.env:
                    self._export(value)
            return True
        args = words[1:]
        if head in ("export", "declare", "typeset") and (head == "export" or any(a.text.startswith("-") and "x" in a.text for a in args)):
            for word in args:
                if word.text.startswith("-"):
                    continue
                if word.is_assignment:
                    value = EnvValue.from_word(self.expand(word), self.path)
                    self.variables[value.name] = value
                    self._export(value)
                elif word.text in self.variables:
                    self._export(self.variables[word.text])
            return True
        if head == "unset":
            names = [w.text for w in args if not w.text.startswith("-")]
            self.env = self.environment().without(*names)
            for name in names:
                self.variables.pop(name, None)
            return True
        if head == "set":
            for word in args:
                if word.text.startswith("-") and "a" in word.text[1:] and not word.text.startswith("--"):
                    self.allexport = True
                elif word.text.startswith("+") and "a" in word.text[1:]:
                    self.allexport = False
                elif word.text == "-o" or word.text == "+o":
                    continue
                elif word.text == "allexport":
                    self.allexport = True
            return True
        if head in (".", "source") and args:
            target = self.expand(args[0]).text
            if "$" not in target:
                self.sourced.append((_join(self.cwd, target) if self.cwd and not target.startswith("/") else target,
                                     self.allexport, words[0].start))
            return True
        if head == "cd" and len(args) <= 1:
            target = self.expand(args[0]).text if args else None
            if target is None or target == "-":
                self.cwd = None
            elif "$" in target:
                # `cd $flask_dir` to a folder this script cannot name: kept as written, so a relative script run
                # there is not taken for one beside the script (the deployment model matches it by its tail)
                self.cwd = target
            elif target.startswith("/") or self.cwd is None:
                self.cwd = target if target.startswith("/") else _join(self.cwd, target)
            else:
                self.cwd = _join(self.cwd, target)
            return True
        return False


    def expand(self, word: Word) -> Word:
        """The word with the script's own variables (and `${X:-default}` defaults) expanded."""
        if "$" not in word.text:
            return word
        if self.text is not None and "'" in self.text[word.start:word.end].split("$", 1)[0]:
            return word  # single-quoted: the shell leaves it alone (a heuristic on the raw token)

        def value(match: re.Match[str]) -> str:
            name = match.group("name") or match.group("plain")
            known = self.variables.get(name)
            if known is not None and (known.value or not (match.group("op") or "").startswith(":")):
                return known.value
            if match.group("op") is not None:
                return match.group("default")
            return match.group(0)

        expanded = _EXPANSION.sub(value, word.text)
        if expanded == word.text:
            return word
        name, eq, _ = word.text.partition("=")
        prefix = len(name) + 1 if eq and word.is_assignment and "$" not in name else 0
        return replace(word, text=expanded, quoted=True, plain_prefix=prefix if prefix else 0, inner_start=-1)


def expand(words: list[Word], state: ShellState) -> list[Word]:
    """A command's words with the script's variables expanded (assignments' values included)."""
    return [state.expand(word) for word in words]


def _join(base: Optional[str], relative: str) -> str:
    if not base:
        return relative
    return base.rstrip("/") + "/" + relative


def walk(commands: Iterable[list[Word]], state: ShellState) -> Iterator[Step]:
    """Each command that is not a pure state change, with the environment in force for it."""
    for words in commands:
        if state.apply(words):
            continue
        exported = tuple(path for path, allexport, _ in state.sourced if allexport)
        yield Step(expand(words, state), state.environment(), state.cwd, exported)
