"""Stepping through a sequence of shell commands the way the shell would, to know each one's environment.

`export FLASK_DEBUG=1` on line 3 is in force for `flask run` on line 9; a plain
`FLASK_DEBUG=1` is not (it is a shell variable, not exported) unless it was
exported before or `set -a` is on; `unset` removes a variable; `cd` changes the
directory a later `python app.py` is resolved against. Used by the shell-script
analyzer, Makefile recipes and `sh -c "..."`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import Word

__all__ = ["Step", "ShellState", "walk"]


@dataclass(frozen=True)
class Step:
    """One simple command and what was in force when it ran."""

    words: list[Word]
    env: Environment
    cwd: Optional[str]


@dataclass
class ShellState:
    """Exported variables, shell variables, `set -a` and the directory, as a script runs."""

    path: str
    env: Environment = field(default_factory=Environment)
    variables: dict[str, EnvValue] = field(default_factory=dict)
    allexport: bool = False
    cwd: Optional[str] = None

    def apply(self, words: list[Word]) -> bool:
        """Update the state for a builtin that changes it; True when the command was only that."""
        if not words:
            return True
        if all(w.is_assignment for w in words):
            for word in words:
                value = EnvValue.from_word(word, self.path)
                self.variables[value.name] = value
                if self.allexport or value.name in self.env:
                    self.env = self.env.with_value(value)
            return True
        head = words[0].text
        args = words[1:]
        if head in ("export", "declare", "typeset") and (head == "export" or any(a.text.startswith("-") and "x" in a.text for a in args)):
            for word in args:
                if word.text.startswith("-"):
                    continue
                if word.is_assignment:
                    value = EnvValue.from_word(word, self.path)
                    self.variables[value.name] = value
                    self.env = self.env.with_value(value)
                elif word.text in self.variables:
                    self.env = self.env.with_value(self.variables[word.text])
            return True
        if head == "unset":
            names = [w.text for w in args if not w.text.startswith("-")]
            self.env = self.env.without(*names)
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
        if head == "cd" and len(args) <= 1:
            target = args[0].text if args else None
            if target is None or target.startswith("$") or target == "-":
                self.cwd = None
            elif target.startswith("/") or self.cwd is None:
                self.cwd = target if target.startswith("/") else _join(self.cwd, target)
            else:
                self.cwd = _join(self.cwd, target)
            return True
        return False


def _join(base: Optional[str], relative: str) -> str:
    if not base:
        return relative
    return base.rstrip("/") + "/" + relative


def walk(commands: Iterable[list[Word]], state: ShellState) -> Iterator[Step]:
    """Each command that is not a pure state change, with the environment in force for it."""
    for words in commands:
        if state.apply(words):
            continue
        yield Step(words, state.env, state.cwd)
