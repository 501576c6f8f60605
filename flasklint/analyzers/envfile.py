"""Env files (`.env`, `.flaskenv`, `*.env`): `NAME=value` lines read by python-dotenv, Docker and compose.

Each assignment keeps its exact place (name, value inside any quotes, the whole
line), so FL105 and FL302 sit on the line and their fixes delete it or set the
safe value. An env file configures whatever loads it, production included, so
it is judged as production environment configuration; `.flaskenv` is read only
by `flask run` and is development-only by name (flasklint.knowledge.context), which
lowers the severity. The parsed variables are also recorded as facts
(`facts["env"]`) so a compose `env_file:` can be linked to them.
"""

from __future__ import annotations

import posixpath
import re

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.sources.collector import collector_paused_for
from flasklint.commands.checks import check_environment, line_removal
from flasklint.commands.environment import MAX_FILE_ASSIGNMENTS, EnvValue, Environment
from flasklint.commands.prefilter import may_matter
from flasklint.commands.flaskcli import ALL_INTERFACES, debug_flag
from flasklint.model import Edit, FileResult, Fix, FixSafety
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "parse_env"]

_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")
_COMMENT = re.compile(r"[ \t]#")
_BLANK_OR_NOTHING = ("", " ", "\t")
"""What may not open the value of a line read without `_LINE` (the regex strips blanks, and `A=` is rare)."""


def parse_env(source: SourceText, path: str) -> tuple[list[EnvValue], list[str]]:
    """The assignments of an env file, and the lines that are not assignments (for diagnostics)."""
    values, problems, _ = _parse(source, path)
    return values, problems


def _parse(source: SourceText, path: str) -> tuple[list[EnvValue], list[str], list[int]]:
    """`parse_env`, plus the 1-based line of each assignment (its facts are placed without a search)."""
    values: list[EnvValue] = []
    problems: list[str] = []
    lines: list[int] = []
    text = source.text
    starts = source.line_starts
    count = len(starts)
    for number in range(1, count + 1):  # (not a zip over a copy of the starts: one int object a line)
        start, end = starts[number - 1], starts[number] if number < count else len(text)
        line = text[start:end].rstrip("\r\n")  # SourceText.line_text, without its look-up per line
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(values) >= MAX_FILE_ASSIGNMENTS:
            problems.append(f"line {number}: more than {MAX_FILE_ASSIGNMENTS:,} assignments in this file; "
                            "the rest was not analysed")
            break
        name, _, raw = line.partition("=")
        if name.isascii() and name.isidentifier() and raw[:1] not in _BLANK_OR_NOTHING and raw[-1] not in " \t":
            # `NAME=value`, nothing around it (a generated file's 100,000 lines): what _LINE finds, without
            # a match object; `export`, blanks, dotted names and empty values go through _LINE
            name_start, raw_start, raw_end = 0, len(name) + 1, len(line)
        else:
            match = _LINE.match(line)
            if match is None:
                problems.append(f"line {number}: not a NAME=value assignment; skipped")
                continue
            name, raw = match.group("name", "value")
            name_start = match.start("name")
            raw_start, raw_end = match.span("value")
        value_start, value_end = start + raw_start, start + raw_end
        value = raw
        if raw[:1] in ("'", '"'):
            close = raw.find(raw[0], 1)
            if close < 0:
                problems.append(f"line {number}: unterminated quote in the value")
                value = raw[1:]
                value_start += 1
            else:
                value = raw[1:close]
                value_start, value_end = value_start + 1, value_start + close
        elif "#" in raw:
            comment = _COMMENT.search(raw)
            if comment:
                value = raw[:comment.start()].rstrip()
                value_end = value_start + len(value)
        assignment_end = start + raw_end
        values.append(EnvValue(name, value, start + name_start, assignment_end, path,
                               value_start, value_end, *line_removal(text, start, assignment_end)))
        lines.append(number)
    return values, problems, lines


DOTENV_NAMES = (".flaskenv", ".env")
"""The files `flask run` loads itself (flask.cli.load_dotenv)."""


def _check_flask_run_exposure(reporter: Reporter, values: list[EnvValue]) -> None:
    """FL101 when the file alone makes `flask run` serve its debugger on all interfaces."""
    if posixpath.basename(reporter.context.display_path) not in DOTENV_NAMES:
        return
    env = Environment(values)
    debug, host = env.get("FLASK_DEBUG"), env.get("FLASK_RUN_HOST")
    if debug is None or host is None or not debug_flag(debug.value) or host.value not in ALL_INTERFACES:
        return
    name = posixpath.basename(reporter.context.display_path)
    edits = [Edit(host.removal_start, host.removal_end, "")] if host.removal_start >= 0 else []
    reporter.add(
        "FL101", reporter.offset_span(host.start, host.end),
        f"`flask run` loads {name}: `FLASK_DEBUG={debug.value}` turns the Werkzeug debugger on and "
        f"`FLASK_RUN_HOST={host.value}` makes it listen on all interfaces, so anyone on the network can run "
        "Python through its console; remove the host (Flask binds 127.0.0.1) or turn debug off",
        related=[(reporter.offset_span(debug.start, debug.end), f"`FLASK_DEBUG={debug.value}` is set here")],
        fix=Fix("Remove the all-interfaces FLASK_RUN_HOST", FixSafety.SAFE, tuple(edits)) if edits else None,
    )


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    with collector_paused_for(len(source.text)):
        return _analyze(source, context)


def _analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    values, problems, lines = _parse(source, context.display_path)
    for problem in problems:
        reporter.warn(problem)
    check_environment(reporter, Environment(values), production=True)
    _check_flask_run_exposure(reporter, values)
    span = source.line_span_compact  # an assignment sits on one line, known from the parse: no search per entry
    facts = {"env": [{"name": v.name, "value": v.value, "start": v.start, "end": v.end,
                      "span": span(line, v.start, v.end)} for v, line in zip(values, lines)]}
    return reporter.result(facts)
