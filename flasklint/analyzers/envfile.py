"""Env files (`.env`, `.flaskenv`, `*.env`): `NAME=value` lines read by python-dotenv, Docker and compose.

Each assignment keeps its exact place (name, value inside any quotes, the whole
line), so FL105 and FL302 sit on the line and their fixes delete it or set the
safe value. An env file configures whatever loads it, production included, so
it is judged as production environment configuration; `.flaskenv` is read only
by `flask run` and is development-only by name (flasklint.context), which
lowers the severity. The parsed variables are also recorded as facts
(`facts["env"]`) so a compose `env_file:` can be linked to them.
"""

from __future__ import annotations

import re

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.commands.checks import check_environment, line_removal
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.prefilter import may_matter
from flasklint.model import FileResult
from flasklint.source import SourceText

__all__ = ["may_matter", "analyze", "parse_env"]

_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")


def parse_env(source: SourceText, path: str) -> tuple[list[EnvValue], list[str]]:
    """The assignments of an env file, and the lines that are not assignments (for diagnostics)."""
    values: list[EnvValue] = []
    problems: list[str] = []
    text = source.text
    for number, start in enumerate(source.line_starts, start=1):
        line = source.line_text(number)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(f"line {number}: not a NAME=value assignment; skipped")
            continue
        raw = match.group("value")
        value_start = start + match.start("value")
        value_end = start + match.end("value")
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
        else:
            comment = re.search(r"[ \t]#", raw)
            if comment:
                value = raw[:comment.start()].rstrip()
                value_end = value_start + len(value)
        assignment_end = start + match.end("value")
        removal = line_removal(text, start, assignment_end)
        values.append(EnvValue(match.group("name"), value, start + match.start("name"), assignment_end, path,
                               value_start, value_end, removal[0], removal[1]))
    return values, problems


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    values, problems = parse_env(source, context.display_path)
    for problem in problems:
        reporter.warn(problem)
    check_environment(reporter, Environment(values), production=True)
    facts = {"env": [{"name": v.name, "value": v.value, "start": v.start, "end": v.end,
                      "span": reporter.offset_span(v.start, v.end).to_json()} for v in values]}
    return reporter.result(facts)
