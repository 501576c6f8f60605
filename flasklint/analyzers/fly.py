"""fly.toml: the `[processes]` commands, `[experimental] cmd`/`entrypoint`, and `[env]`.

Fly.io deploys to production. A process command is split into words (no
shell), which `split_commands` does the same way. Without `[processes]` or
`cmd` the image's own CMD runs; `[env]` is still checked on its own.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Union

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, check_launches, may_matter, removal_range
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.tomlsource import TomlError, load_toml, locate

__all__ = ["may_matter", "analyze", "extract"]


def _part(located: Union[LocatedText, list[LocatedText]]) -> CommandPart:
    if isinstance(located, list):
        return CommandPart(argv=tuple(located))
    return CommandPart(shell=located)


def _setting(text: str, name: str, value: Any) -> EnvSetting:
    located = locate(text, ("env", name), value)
    assert isinstance(located, LocatedText)
    line_start = text.rfind("\n", 0, located.node_start) + 1
    key = re.match(r"[ \t]*", text[line_start:located.node_start])
    start = line_start + (key.end() if key else 0)
    return EnvSetting(name, located, start, located.node_end,
                      removal_range(text, start, located.node_end, list_item=False))


def _internal_port(data: dict[str, Any]) -> Optional[str]:
    """The port Fly routes to (`[http_service]` or the first `[[services]]` `internal_port`)."""
    services = [data.get("http_service")] + list(data.get("services") or [])
    for service in services:
        if isinstance(service, dict) and isinstance(service.get("internal_port"), int):
            return str(service["internal_port"])
    return None


def extract(text: str, data: dict[str, Any]) -> list[Launch]:
    env_table = data.get("env")
    env = tuple(
        _setting(text, name, value)
        for name, value in (env_table.items() if isinstance(env_table, dict) else ())
        if isinstance(value, (str, int, float, bool))
    )
    port = _internal_port(data)
    launches = []
    processes = data.get("processes")
    for name, command in (processes.items() if isinstance(processes, dict) else ()):
        if isinstance(command, (str, list)):
            located = locate(text, ("processes", name), command)
            start = located.node_start if isinstance(located, LocatedText) else (located[0].node_start if located else 0)
            launches.append(Launch(f"process {name!r}", start, (_part(located),), env, port_hint=port))
    experimental = data.get("experimental")
    if isinstance(experimental, dict):
        parts = tuple(
            _part(locate(text, ("experimental", field), experimental[field]))
            for field in ("entrypoint", "cmd")
            if isinstance(experimental.get(field), (str, list))
        )
        if parts:
            launches.append(Launch("experimental cmd", 0, parts, env, port_hint=port))
    if not launches and env:
        launches.append(Launch("the app's environment", env[0].start, (), env))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    try:
        data = load_toml(source.text, reporter.warn)
    except TomlError as exc:
        return reporter.fail(f"invalid TOML: {exc}; not analysed")
    return check_launches(reporter, source.text, extract(source.text, data))
