"""The branches of `case "$1" in` in a script: which one runs is chosen by the script's first argument.

An entrypoint script often dispatches on the container's command:

    case "$1" in
      dev_server) exec flask run --host=0.0.0.0 --debug ;;
      prod_server) exec gunicorn -b 0.0.0.0:8000 app:app ;;
      *) exec "$@" ;;
    esac

With `ENTRYPOINT ["docker-entrypoint.sh"]` and `CMD ["prod_server"]` (or a compose `command: dev_server`),
only the branch the argument selects runs. `branches` finds, line by line and without running anything, the
branches of each top-level `case` on the first positional parameter (`$1`, `"${1}"`, `"${1:-serve}"`, whose
default is what an empty argument selects); `selects` says whether a branch's patterns match an argument the
way the shell matches them (glob patterns, `|` alternatives, quotes removed).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any, Optional, Sequence

__all__ = ["Branch", "branches", "selects", "chosen", "first_argument", "runs"]

_TOKEN = re.compile(r"(?:(?<=[;&|\s(])|^)(?:case\s+(?P<word>\S+)\s+in\b|(?P<esac>esac)\b)|(?P<end>;;&?|;&)")
_FIRST_ARGUMENT = re.compile(r"""^"?\$(?:1|\{1(?::?-(?P<default>[^}"]*))?\})"?$""")
_PATTERN = re.compile(r"^\s*\(?\s*(?P<patterns>[^()\s;][^();]*?)\s*\)")
_COMMENT = re.compile(r"(?:^|\s)#.*$")
MAX_BRANCHES = 200
"""Branches recorded per script: a generated dispatcher of thousands stays a fact of bounded size."""


@dataclass(frozen=True)
class Branch:
    """One branch: its patterns as written (quotes removed) and its first and last line (1-based)."""

    patterns: tuple[str, ...]
    line: int
    end_line: int
    case_line: int
    """The line of its `case`: branches of one statement are tried in order, the first match runs."""
    default: Optional[str] = None
    """The `${1:-default}` of its `case`, which an empty argument selects by."""

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "Branch":
        default = data.get("default")
        return cls(tuple(str(p) for p in data.get("patterns") or ()), int(data["line"]),  # type: ignore[call-overload]
                   int(data["end_line"]), int(data["case_line"]),  # type: ignore[call-overload]
                   str(default) if default is not None else None)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"patterns": list(self.patterns), "line": self.line, "end_line": self.end_line,
                                   "case_line": self.case_line}
        if self.default is not None:
            data["default"] = self.default
        return data


def _code(line: str) -> str:
    """The line without its comment (a `#` at the start of a word; quotes are not tracked)."""
    return _COMMENT.sub("", line) if "#" in line else line


def branches(text: str) -> list[Branch]:
    """The branches of every `case` on `$1` that is not inside another `case`, in order."""
    if "case" not in text or "esac" not in text:
        return []
    found: list[Branch] = []
    depth = 0  # of `case` statements open
    ours = expecting = False  # reading a top-level `case "$1"`; a pattern may come next
    default: Optional[str] = None
    case_line = 0
    pending: Optional[tuple[tuple[str, ...], int]] = None  # the open branch: patterns, first line

    def close(number: int) -> None:
        nonlocal pending
        if pending is not None and len(found) < MAX_BRANCHES:
            found.append(Branch(pending[0], pending[1], number, case_line, default))
        pending = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = _code(raw)
        pos = 0
        while pos < len(line):
            if ours and depth == 1 and expecting:
                rest = line[pos:]
                if not rest.strip():
                    break
                match = _PATTERN.match(rest)
                if match is not None and not rest.lstrip().startswith("esac"):
                    pending = (tuple(p.strip().strip("'\"") for p in match.group("patterns").split("|")), number)
                    expecting = False
                    pos += match.end()
                    continue
            token = _TOKEN.search(line, pos)
            if token is None:
                break
            pos = token.end()
            if token.group("word") is not None:
                depth += 1
                if depth == 1:
                    first = _FIRST_ARGUMENT.match(token.group("word"))
                    ours = expecting = first is not None
                    default, case_line = (first.group("default") if first else None), number
            elif token.group("esac") is not None and depth:
                if depth == 1 and ours:
                    close(number)
                    ours = expecting = False
                depth -= 1
            elif token.group("end") is not None and depth == 1 and ours:
                close(number)
                expecting = True
    # a line is one place to the deployment model: branches sharing one (`a) x ;; b) y ;;`) are left to the
    # whole script, which runs them all
    shared = {line for a, b in zip(found, found[1:]) if a.end_line >= b.line for line in (a.line, b.line)}
    return [branch for branch in found if branch.line not in shared]


def selects(branch: Branch, argument: str) -> bool:
    """Whether `case` on `argument` runs this branch (ignoring earlier branches that match first)."""
    value = argument if argument or branch.default is None else branch.default
    return any(fnmatch.fnmatchcase(value, pattern) for pattern in branch.patterns)


def chosen(found: list[Branch], argument: Optional[str]) -> list[Branch]:
    """The branches a first argument runs: the first matching branch of each `case` (all of them when the
    argument is unknown, None)."""
    if argument is None:
        return list(found)
    picked: list[Branch] = []
    done: set[int] = set()
    for branch in found:
        if branch.case_line not in done and selects(branch, argument):
            picked.append(branch)
            done.add(branch.case_line)
    return picked


def first_argument(args: Optional[Sequence[str]]) -> Optional[str]:
    """The `$1` a script gets from its recorded arguments: "" when it gets none, None when not known (not
    recorded, or a variable such as `"$@"`)."""
    if args is None:
        return None
    first = args[0] if args else ""
    return None if "$" in first else first


def runs(facts: Sequence[dict[str, Any]], args: Optional[Sequence[str]], line: int) -> bool:
    """Whether `line` of a script (its `case_branches` facts) runs when the script gets `args`: outside every
    branch it does; inside one, only when the first argument selects that branch."""
    found = [Branch.from_json(data) for data in facts]
    inside = [branch for branch in found if branch.line <= line <= branch.end_line]
    if not inside:
        return True
    picked = chosen(found, first_argument(args))
    return any(branch in picked for branch in inside)
