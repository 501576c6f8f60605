"""Process-manager configs: supervisord programs and systemd service units.

Both keep a production server running, so their commands are production
entrypoints (FL301) and their environments production configuration (FL302,
FL105).

- supervisord: `[program:x]` sections with `command=` (split like a shell
  command line, which is what supervisord's shlex does), `environment=`
  (`KEY="value",KEY2=value`) and `directory=`.
- systemd: `[Service]` with `ExecStart=` (prefixes `-@:+!` stripped, a trailing
  backslash continues the line), `Environment=` (space-separated, optionally
  quoted `NAME=value` items) and `WorkingDirectory=`. `EnvironmentFile=` cannot
  be followed without reading another file, so it is not.
"""

from __future__ import annotations

import re

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.inilines import ini_entries
from flasklint.commands.checks import check_command, check_environment, split_snippet
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.prefilter import may_matter
from flasklint.commands.shellwords import split_commands
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze_supervisord", "analyze_systemd"]

_SUPERVISOR_ENV = re.compile(r"""(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^,]*)""")


def _value_env(path: str, name: str, value: str, start: int, end: int, value_start: int) -> EnvValue:
    inner_start, inner = value_start, value
    if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
        inner_start, inner = value_start + 1, value[1:-1]
    return EnvValue(name, inner, start, end, path, inner_start, inner_start + len(inner))


def analyze_supervisord(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text = source.text
    path = context.display_path
    programs: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for section, key, lines in ini_entries(source):
        if section.startswith("program:") or section == "supervisord":
            programs.setdefault(section, {})[key] = lines
    global_env = _supervisor_env(text, path, programs.get("supervisord", {}).get("environment", []))
    check_environment(reporter, global_env, production=True)
    for section, keys in programs.items():
        if section == "supervisord":
            continue
        env = global_env.layered(_supervisor_env(text, path, keys.get("environment", [])))
        check_environment(reporter, env, production=True)
        directory = " ".join(text[s:e] for s, e in keys.get("directory", [])).strip() or None
        for start, end in keys.get("command", [])[:1]:
            commands = split_snippet(reporter, start, end)
            for words in commands:
                check_command(reporter, words, env, production=True, cwd=directory)
    return reporter.result()


def _supervisor_env(text: str, path: str, lines: list[tuple[int, int]]) -> Environment:
    values = []
    for start, end in lines:
        for match in _SUPERVISOR_ENV.finditer(text[start:end]):
            values.append(_value_env(path, match.group("name"), match.group("value").strip(), start + match.start(),
                                     start + match.end(), start + match.start("value")))
    return Environment(values)


def _systemd_lines(source: SourceText) -> list[tuple[str, str, int, int]]:
    """(section, key, value start, value end) with backslash continuations joined."""
    text = source.text
    result = []
    section = ""
    number = 1
    total = len(source.line_starts)
    while number <= total:
        start = source.line_starts[number - 1]
        line = source.line_text(number)
        number += 1
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if stripped.startswith("["):
            section = stripped.strip("[]")
            continue
        key, eq, _ = line.partition("=")
        if not eq:
            continue
        value_start = start + len(key) + 1
        end = start + len(line)
        while text[value_start:end].rstrip().endswith("\\") and number <= total:
            end = source.line_starts[number - 1] + len(source.line_text(number))
            number += 1
        result.append((section, key.strip(), value_start, end))
    return result


def analyze_systemd(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text = source.text
    path = context.display_path
    entries = [e for e in _systemd_lines(source) if e[0] == "Service"]
    values = []
    for _, key, start, end in entries:
        if key != "Environment":
            continue
        for words in split_commands(text[start:end], start):
            for word in words:
                if word.is_assignment or "=" in word.text:
                    name, _, value = word.text.partition("=")
                    inner = word.inner_start + len(name) + 1 if word.inner_start >= 0 else -1
                    values.append(EnvValue(name, value, word.start, word.end, path, inner,
                                           inner + len(value) if inner >= 0 else -1))
    env = Environment(values)
    check_environment(reporter, env, production=True)
    workdir = next((text[s:e].strip() for _, k, s, e in entries if k == "WorkingDirectory"), None)
    for _, key, start, end in entries:
        if key != "ExecStart":
            continue
        while start < end and text[start] in "-@:+! \t":
            start += 1
        commands = split_snippet(reporter, start, end)
        for words in commands:
            check_command(reporter, words, env, production=True, cwd=workdir)
    return reporter.result()
