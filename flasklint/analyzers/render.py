"""Render blueprints (`render.yaml`): each service's `startCommand`/`dockerCommand` and `envVars`.

`envVars` entries with a literal `value` are judged; `fromDatabase`,
`fromGroup`, `generateValue` and `sync: false` values are not in the file.
Environment groups (`envVarGroups`) are checked on their own, since any
service may link them.
"""

from __future__ import annotations

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_list
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument

__all__ = ["may_matter", "analyze", "extract"]


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    launches = []
    for service in config.items(config.get(document.root, "services")):
        name = config.string(service, "name") or "?"
        parts = []
        for field in ("startCommand", "dockerCommand"):
            part = command_part(config, config.get(service, field))
            if part is not None:
                parts.append(part)
        env = env_from_list(config, config.get(service, "envVars"), name_key="key")
        launches.append(Launch(f"service {name!r}", service.start, tuple(parts), tuple(env), port_hint="$PORT"))
    for group in config.items(config.get(document.root, "envVarGroups")):
        name = config.string(group, "name") or "?"
        env = env_from_list(config, config.get(group, "envVars"), name_key="key")
        launches.append(Launch(f"environment group {name!r}", group.start, (), tuple(env), port_hint="$PORT"))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    return analyze_yaml(source, context, extract)
