"""Nixpacks (`nixpacks.toml`): `[start] cmd` is what the built image runs, `[variables]` its environment.

Nixpacks builds the production image for Railway and other hosts; the
`[variables]` table becomes the image's environment (FL302/FL105), and the
start command is a production start (FL301 for the development server).
"""

from __future__ import annotations

from typing import Any

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, check_launches, may_matter, removal_range
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.tomlsource import TomlError, load_toml, locate

__all__ = ["may_matter", "analyze", "toml_env"]


def toml_env(text: str, table: tuple[str, ...], values: Any) -> tuple[EnvSetting, ...]:
    """The string/number settings of a TOML table, each placed at its value (as fly.toml's `[env]`)."""
    settings = []
    for name, value in (values.items() if isinstance(values, dict) else ()):
        if not isinstance(value, (str, int, float, bool)):
            continue
        located = locate(text, (*table, name), value)
        if not isinstance(located, LocatedText):
            continue
        line_start = text.rfind("\n", 0, located.node_start) + 1
        start = line_start + len(text[line_start:located.node_start]) - len(text[line_start:located.node_start].lstrip())
        settings.append(EnvSetting(name, located, start, located.node_end,
                                   removal_range(text, start, located.node_end, list_item=False)))
    return tuple(settings)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    try:
        data = load_toml(source.text, reporter.warn)
    except TomlError as exc:
        return reporter.fail(f"invalid TOML: {exc}; not analysed")
    env = toml_env(source.text, ("variables",), data.get("variables"))
    start = data.get("start") if isinstance(data.get("start"), dict) else {}
    launches = []
    if isinstance(start.get("cmd"), (str, list)):
        located = locate(source.text, ("start", "cmd"), start["cmd"])
        part = CommandPart(argv=tuple(located)) if isinstance(located, list) else CommandPart(shell=located)
        launches.append(Launch("[start] cmd", 0, (part,), env, port_hint="$PORT"))
    elif env:
        launches.append(Launch("[variables]", env[0].start, (), env))
    return check_launches(reporter, source.text, launches)
