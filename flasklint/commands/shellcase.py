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

The same branches serve `if`/`elif`/`else` chains that test one variable against a literal:

    MODE="${MODE:-production}"
    if [ "$MODE" = development ]; then exec flask run --host=0.0.0.0 --debug
    else exec gunicorn -b 0.0.0.0:8000 app:app; fi

Each test is a branch whose pattern is the literal (`!=` and `-n` negate it, `-z` is the empty string, `else`
is `*`), tried in order like a `case`; what selects it is the variable's value in the environment the launcher
gives, or the script's own default (`${MODE:-production}`, `: "${MODE:=production}"`), or a plain assignment
before the test, which the environment cannot change. A test of any other form leaves its chain unrecorded:
every line of it may run.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

__all__ = ["Branch", "branches", "selects", "chosen", "first_argument", "runs", "launcher_env"]

_TOKEN = re.compile(r"(?:(?<=[;&|\s(])|^)(?:case\s+(?P<word>\S+)\s+in\b|(?P<esac>esac)\b)|(?P<end>;;&?|;&)")
_FIRST_ARGUMENT = re.compile(r"""^"?\$(?:1|\{1(?::?-(?P<default>[^}"]*))?\})"?$""")
_PATTERN = re.compile(r"^\s*\(?\s*(?P<patterns>[^()\s;][^();]*?)\s*\)")
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_IF = re.compile(r"(?:(?<=[;&|\s(])|^)(?P<word>if|elif|else|fi|case|esac)(?=$|[\s;])")
_VAR = r"""(?P<q>"?)\$(?:(?P<a>[A-Za-z_]\w*)|\{(?P<b>[A-Za-z_]\w*)(?::?-)?\})(?P=q)"""
_LITERAL = r"""(?P<lit>"[^"$`]*"|'[^']*'|[^\s"'$`\]]+)"""
_COMPARE = re.compile(r"^(?:\[\[?|test)\s+" + _VAR + r"\s+(?P<op>==?|!=)\s+" + _LITERAL + r"\s*(?:\]\]?)?$")
_EMPTY = re.compile(r"^(?:\[\[?|test)\s+(?P<op>-[zn])\s+" + _VAR + r"\s*(?:\]\]?)?$")
_CONDITION = re.compile(r"^\s*(?P<test>.*?)\s*(?:;\s*then\b.*|\bthen\b.*)?$")
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
    """The `${1:-default}` of its `case`, which an empty argument selects by; for a branch of an `if` chain, the
    value its variable has when the environment does not set it (None: unset, the empty string)."""
    variable: Optional[str] = None
    """The variable an `if` chain tests (its `case_line` is the `if` line); None for a `case "$1"` branch."""
    negate: bool = False
    """The test holds when the value does not match (`!=`, `-n`)."""
    fixed: bool = False
    """The script assigns the variable outright before the test: the environment's value does not count."""

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "Branch":
        default, variable = data.get("default"), data.get("variable")
        return cls(tuple(str(p) for p in data.get("patterns") or ()), int(data["line"]),  # type: ignore[call-overload]
                   int(data["end_line"]), int(data["case_line"]),  # type: ignore[call-overload]
                   str(default) if default is not None else None, str(variable) if variable is not None else None,
                   bool(data.get("negate")), bool(data.get("fixed")))

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"patterns": list(self.patterns), "line": self.line, "end_line": self.end_line,
                                   "case_line": self.case_line}
        if self.default is not None:
            data["default"] = self.default
        if self.variable is not None:
            data["variable"] = self.variable
        if self.negate:
            data["negate"] = True
        if self.fixed:
            data["fixed"] = True
        return data


def _code(line: str) -> str:
    """The line without its comment (a `#` at the start of a word; quotes are not tracked)."""
    return _COMMENT.sub("", line) if "#" in line else line


def branches(text: str) -> list[Branch]:
    """The branches of every `case` on `$1` that is not inside another `case`, and of every `if` chain on one
    variable that is not inside another `if` or `case`, in order of their lines."""
    found = _case_branches(text) + _if_branches(text)
    return sorted(found, key=lambda branch: branch.line)[:MAX_BRANCHES]


def _case_branches(text: str) -> list[Branch]:
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


def _test(line: str) -> Optional[tuple[str, tuple[str, ...], bool]]:
    """The variable, pattern and negation of `if`/`elif`'s test on this line (the text after the keyword), or
    None when it is not one variable against a literal."""
    condition = _CONDITION.match(line)
    test = condition.group("test") if condition else ""
    compare = _COMPARE.match(test)
    if compare is not None:
        literal = compare.group("lit").strip("'\"")
        return compare.group("a") or compare.group("b"), (literal,), compare.group("op") == "!="
    empty = _EMPTY.match(test)
    if empty is not None:
        return empty.group("a") or empty.group("b"), ("",), empty.group("op") == "-n"
    return None


def _assignment(lines: list[str], variable: str) -> Optional[tuple[Optional[str], bool]]:
    """What the script sets `variable` to before its test (the last assignment in `lines`): (its default, False)
    for `V=${V:-x}` or `: "${V:=x}"`, (the value, True) for a plain `V=x`, (None, False) for none; None when
    the value is not known (another variable, a command's output)."""
    name = re.escape(variable)
    assign = re.compile(r"^\s*(?:export\s+|readonly\s+|local\s+|declare\s+(?:-\w+\s+)?)?" + name + r"=(?P<value>.*?)\s*$")
    defaulted = re.compile(r"""^"?\$\{""" + name + r""":?[-=](?P<default>[^}"'$`]*)\}"?$""")
    colon = re.compile(r"""^\s*:\s+"?\$\{""" + name + r""":?=(?P<default>[^}"'$`]*)\}"?\s*$""")
    for raw in reversed(lines):
        line = _code(raw)
        if variable not in line:
            continue
        match = colon.match(line)
        if match is not None:
            return match.group("default"), False
        match = assign.match(line)
        if match is None:
            continue
        value = match.group("value")
        default = defaulted.match(value)
        if default is not None:
            return default.group("default"), False
        if "$" in value or "`" in value:
            return None
        quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
        plain = value[1:-1] if quoted else value
        if not quoted and any(c.isspace() or c in "'\";&|" for c in plain):
            continue  # `MODE=x cmd`: a variable of that command alone
        return plain, True
    return None, False


def _if_branches(text: str) -> list[Branch]:
    """The branches of each top-level `if`/`elif`/`else` chain whose every test is on one variable."""
    if "if" not in text or "fi" not in text:
        return []
    lines = text.splitlines()
    found: list[Branch] = []
    stack: list[str] = []  # the `if`s and `case`s open
    chain: Optional[list[Branch]] = None  # the branches of the open top-level chain (None: not one of ours)
    pending: Optional[tuple[tuple[str, ...], bool, int]] = None  # patterns, negation, first line
    variable = ""
    value: Optional[tuple[Optional[str], bool]] = None

    def close(end: int) -> None:
        nonlocal pending
        if chain is not None and pending is not None and value is not None:
            chain.append(Branch(pending[0], pending[2], max(end, pending[2]), chain_line, value[0], variable,
                                pending[1], value[1]))
        pending = None

    chain_line = 0
    for number, raw in enumerate(lines, start=1):
        line = _code(raw)
        for token in _IF.finditer(line):
            word = token.group("word")
            top = len(stack) == 1 and stack[0] == "if"
            if word == "case":
                stack.append("case")
            elif word == "esac":
                if not stack or stack.pop() != "case":
                    return []  # not balanced as read: every line may run
            elif word == "if":
                if not stack:
                    test = _test(line[token.end():])
                    chain, chain_line, pending, variable = [], number, None, test[0] if test else ""
                    value = _assignment(lines[:number - 1], variable) if test else None
                    if test is None or value is None:
                        chain = None
                    else:
                        pending = (test[1], test[2], number)
                stack.append("if")
            elif word == "elif" and top and chain is not None:
                close(number - 1)
                test = _test(line[token.end():])
                if test is None or test[0] != variable:
                    chain = None
                else:
                    pending = (test[1], test[2], number)
            elif word == "else" and top and chain is not None:
                close(number - 1)
                pending = (("*",), False, number)
            elif word == "fi":
                if not stack or stack.pop() != "if":
                    return []
                if not stack:
                    close(number)
                    if chain:
                        found.extend(chain)
                    chain = None
    if stack:
        return []
    # a line is one place to the deployment model: branches sharing one are left to the whole script
    shared = {line for a, b in zip(found, found[1:]) if a.end_line >= b.line for line in (a.line, b.line)}
    return [branch for branch in found if branch.line not in shared]


def _value(branch: Branch, env: Optional[Mapping[str, Optional[str]]]) -> Optional[str]:
    """The value an `if` branch's variable has: the script's own when it assigns one outright, else the
    environment's, else the script's default (unset: empty); None when not known."""
    if branch.fixed:
        return branch.default or ""
    if env is None:
        return None
    if branch.variable in env:
        given = env[branch.variable]
        return None if given is None or "$" in given else given
    return branch.default or ""


def selects(branch: Branch, argument: str) -> bool:
    """Whether `case` on `argument` runs this branch (ignoring earlier branches that match first); for an `if`
    branch, whether its test holds for the variable's value `argument`."""
    if branch.variable is not None:
        return any(fnmatch.fnmatchcase(argument, p) for p in branch.patterns) != branch.negate
    value = argument if argument or branch.default is None else branch.default
    return any(fnmatch.fnmatchcase(value, pattern) for pattern in branch.patterns)


def chosen(found: list[Branch], argument: Optional[str],
           env: Optional[Mapping[str, Optional[str]]] = None) -> list[Branch]:
    """The branches a script runs given its first argument and the environment its launcher gives: the first
    matching branch of each `case` and `if` chain (all of a statement's when what it tests is unknown, None)."""
    picked: list[Branch] = []
    done: set[int] = set()
    for branch in found:
        value = _value(branch, env) if branch.variable is not None else argument
        if value is None:
            picked.append(branch)
        elif branch.case_line not in done and selects(branch, value):
            picked.append(branch)
            done.add(branch.case_line)
    return picked


def launcher_env(entries: Optional[Sequence[Mapping[str, Any]]], limit: int) -> Optional[dict[str, Optional[str]]]:
    """The variables a start passes to the script it runs (its fact's `env`, name and value), or None when
    the record may have left some out (it holds `limit`, the most recorded)."""
    if entries and len(entries) >= limit:
        return None
    return {str(e["name"]): (str(e["value"]) if e.get("value") is not None else None) for e in entries or ()}


def first_argument(args: Optional[Sequence[str]]) -> Optional[str]:
    """The `$1` a script gets from its recorded arguments: "" when it gets none, None when not known (not
    recorded, or a variable such as `"$@"`)."""
    if args is None:
        return None
    first = args[0] if args else ""
    return None if "$" in first else first


def runs(facts: Sequence[dict[str, Any]], args: Optional[Sequence[str]], line: int,
         env: Optional[Mapping[str, Optional[str]]] = None) -> bool:
    """Whether `line` of a script (its `case_branches` facts) runs when the script gets `args` and `env` (None:
    not known): outside every branch it does; inside one, only when the argument or variable selects it."""
    found = [Branch.from_json(data) for data in facts]
    inside = [branch for branch in found if branch.line <= line <= branch.end_line]
    if not inside:
        return True
    picked = chosen(found, first_argument(args), env)
    return any(branch in picked for branch in inside)
