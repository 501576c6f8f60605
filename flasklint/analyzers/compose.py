"""Compose files: each service's `entrypoint`/`command`, `environment` and `env_file`.

A service's `command` is appended to the image's entrypoint. The image is not
known here, so without an `entrypoint` the command is taken as what starts the
container. Compose interpolates `${VAR:-default}` from the host environment;
a value that is exactly such a reference counts as its default, and any other
value with `$` in it is unknown and not judged. Compose files are production
configuration unless their name says development (`docker-compose.override.yml`,
`*.dev.*`), which the engine's context decides.
"""

from __future__ import annotations

import re
from typing import Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.devcontainer import in_devcontainer
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_settings
from flasklint.located import LocatedText
from flasklint.model import FileResult
from flasklint.source import SourceText
from flasklint.yamlsource import YamlDocument, YNode, YScalar

__all__ = ["may_matter", "analyze", "extract"]

_DEFAULTED = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-(?P<default>[^}$]*)\}")


def _interpolated(setting: EnvSetting) -> Optional[EnvSetting]:
    """The setting as compose would see it when the host leaves `${VAR}` unset, if knowable."""
    value = setting.value.value
    if "$" not in value:
        return setting
    match = _DEFAULTED.fullmatch(value)
    if match is None:
        return None
    default = setting.value.slice(match.start("default"), match.end("default"))
    return EnvSetting(setting.name, default, setting.start, setting.end, None)


def _env_files(config: YamlConfig, node: Optional[YNode]) -> tuple[LocatedText, ...]:
    """`env_file: .env`, a list of paths, or a list of `{path: ..., required: ...}`."""
    if isinstance(node, YScalar) and not node.is_null:
        return (config.located(node),)
    files = []
    for item in config.items(node):
        target = config.get(item, "path") if not isinstance(item, YScalar) else item
        if isinstance(target, YScalar) and not target.is_null:
            files.append(config.located(target))
    return tuple(files)


def _container_port(config: YamlConfig, node: Optional[YNode]) -> Optional[str]:
    """The container side of the first `ports` entry (`"8000:5000"` -> 5000, `{target: 5000}`)."""
    for item in config.items(node):
        value = config.string(item, "target") if not isinstance(item, YScalar) else item.value
        if value:
            port = value.split("/")[0].rsplit(":", 1)[-1]
            if port.isdigit():
                return port
    return None


def extract(config: YamlConfig, document: YamlDocument, *, production: bool = True) -> list[Launch]:
    services = config.get(document.root, "services")
    launches = []
    for name, (key, service) in config.mapping(services).items():
        parts: list[CommandPart] = []
        for field in ("entrypoint", "command"):
            part = command_part(config, config.get(service, field))
            if part is not None:
                parts.append(part)
        env = tuple(s for s in map(_interpolated, env_settings(config, config.get(service, "environment"))) if s)
        launches.append(
            Launch(
                f"service {name!r}",
                key.start,
                tuple(parts),
                env,
                _env_files(config, config.get(service, "env_file")),
                production,
                _container_port(config, config.get(service, "ports")),
            )
        )
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    production = context.dev_reason is None and not in_devcontainer(context.display_path)
    return analyze_yaml(source, context, lambda config, doc: extract(config, doc, production=production))
