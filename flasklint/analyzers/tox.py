"""`tox.ini`: the `commands` of each test environment, with its `setenv`.

Read line by line rather than with configparser, which loses positions: a key
starts at column 0, continuation lines are indented, `#`/`;` start comments.
`commands` lines are shell-like commands (a leading `-` ignores the exit
status); `setenv` lines (`NAME = value` or `NAME=value`) are the environment.
tox runs test tooling, so this is development context (FL101/FL201/FL202).
"""

from __future__ import annotations

import re
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.inilines import ini_entries
from flasklint.commands.checks import check_command, check_environment, check_pin_assignments, split_snippet
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.prefilter import may_matter
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze"]

_SETENV = re.compile(r"^[ \t]*(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text = source.text
    path = context.display_path
    entries = ini_entries(source)
    envs: dict[str, Environment] = {}
    for section, key, lines in entries:
        if key != "setenv":
            continue
        values = []
        for start, end in lines:
            match = _SETENV.match(text[start:end])
            if match:
                values.append(EnvValue(match.group("name"), match.group("value"), start, end, path,
                                       start + match.start("value"), start + match.end("value")))
        envs[section] = Environment(values)
        check_environment(reporter, envs[section], production=False)
    base = envs.get("testenv", Environment())
    for section, key, lines in entries:
        if key != "commands":
            continue
        env = base.layered(envs[section]) if section in envs and section != "testenv" else base
        for start, end in lines:
            while start < end and text[start] == "-":
                start += 1
            commands = split_snippet(reporter, start, end)
            for words in commands:
                check_pin_assignments(reporter, words, production=False, dev_reason=None)
                check_command(reporter, words, env, production=False)
    return reporter.result()
