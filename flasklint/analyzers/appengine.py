"""App Engine `app.yaml`: the `entrypoint` (run by a shell) and `env_variables`.

`app.yaml` deploys to production; App Engine runs `entrypoint` through a shell
so `$PORT` expands, which is why it is read as shell form.
"""

from __future__ import annotations

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_mapping
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument

__all__ = ["may_matter", "analyze", "extract"]


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    root = document.root
    if root is None:
        return []
    part = command_part(config, config.get(root, "entrypoint"))
    env = env_from_mapping(config, config.get(root, "env_variables"))
    service = config.string(root, "service") or "default"
    return [Launch(f"App Engine service {service!r}", root.start, (part,) if part else (), tuple(env), port_hint="$PORT")]


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    return analyze_yaml(source, context, extract)
