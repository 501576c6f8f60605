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
from typing import Any, Optional

from flasklint.commands.checks import MAX_PASSED_VARIABLES
from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.devcontainer import in_devcontainer
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_settings
from flasklint.analyzers.yamlconfig import _node_end as node_end
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult
from flasklint.sources.source import DecodeError, SourceText, decode
from flasklint.sources.yamlsource import Walker, YamlDocument, YamlTooComplex, YNode, YScalar, load_yaml, scalar_value

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


_LAUNCH_FIELDS = ("entrypoint", "command", "environment", "env_file", "ports")
"""The fields of a service that say what it runs and with what, read at once (see `Walker.fields`)."""


MAX_SERVICES = 1_000
"""Services of one compose document analysed; past them one diagnostic says where. A service every few
lines costs about 4 KB while its file is read (its nodes, launch, start and facts): 3.5 MB of them held
381 MiB. Real compose files hold tens (a hundred at most)."""


Services = list[tuple[str, tuple[YScalar, YNode]]]
"""A document's services: name, then its key and its node."""


def _services(config: YamlConfig, document: YamlDocument) -> Services:
    """The document's first MAX_SERVICES services (the cut said where it is, when there is one)."""
    services = list(config.mapping(config.get(document.root, "services")).items())
    if len(services) > MAX_SERVICES:
        config.cut(services[MAX_SERVICES][1][0].start,
                   f"more than {MAX_SERVICES:,} services in this document; the later ones were not analysed")
    return services[:MAX_SERVICES]


def extract(config: YamlConfig, document: YamlDocument, *, production: bool = True) -> list[Launch]:
    return _launches(config, _services(config, document), production)


def _launches(config: YamlConfig, services: Services, production: bool) -> list[Launch]:
    launches = []
    for name, (key, service) in services:
        entrypoint, command, environment, env_file, ports = config.fields(service, _LAUNCH_FIELDS)
        parts: list[CommandPart] = []
        for field in (entrypoint, command):
            part = command_part(config, field)
            if part is not None:
                parts.append(part)
        env = tuple(s for s in map(_interpolated, env_settings(config, environment)) if s)
        launches.append(
            Launch(
                f"service {name!r}",
                key.start,
                tuple(parts),
                env,
                _env_files(config, env_file),
                production,
                _container_port(config, ports),
            )
        )
    return launches


MAX_COMMAND_WORDS = 4
"""Words kept of a `command:` that the image's entrypoint receives (its first selects a `case "$1"` branch)."""


def _command_words(config: YamlConfig, node: YNode) -> list[str]:
    """The first words of a `command:` (a string split at blanks, or a list's strings): what the image's
    ENTRYPOINT is given as its arguments."""
    if isinstance(node, YScalar):
        return [] if node.is_null else str(config.string(node) or "").split()[:MAX_COMMAND_WORDS]
    return [str(config.string(item)) for item in config.items(node) if isinstance(item, YScalar)][:MAX_COMMAND_WORDS]


def service_facts(config: YamlConfig, document: YamlDocument, source: SourceText) -> list[dict[str, Any]]:
    """`facts["compose_services"]`: each service's lines, what it builds and how its ports are published.

    The deployment model links a service to the Dockerfile stage it builds (`build.target`, else the
    final stage) and says when every published port is bound to loopback on the host.
    """
    return _service_facts(config, _services(config, document), source)


def _service_facts(config: YamlConfig, services: Services, source: SourceText) -> list[dict[str, Any]]:
    facts = []
    for name, (key, service) in services:
        build, ports_node, image, entrypoint, command, environment, env_file = config.fields(
            service, ("build", "ports", "image", "entrypoint", "command", "environment", "env_file"))
        built: Optional[dict[str, Any]] = None
        if isinstance(build, YScalar) and not build.is_null:
            built = {"context": build.value, "dockerfile": None, "target": None, "target_line": None}
        elif build is not None:
            target = config.get(build, "target")
            built = {
                "context": config.string(build, "context") or ".",
                "dockerfile": config.string(build, "dockerfile"),
                "target": scalar_value(target),
                "target_line": source.line(target.start) if isinstance(target, YScalar) else None,
            }
        ports = [config.string(item) if isinstance(item, YScalar) else config.string(item, "host_ip")
                 for item in config.items(ports_node)]
        build_key = config.mapping(service).get("build") if built is not None else None
        if built is not None and build_key is not None:
            # where the service names the image it runs: a finding about what that image runs with the
            # service's environment sits here
            end = node_end(build_key[1]) if isinstance(build_key[1], YScalar) else build_key[0].end
            built["span"] = source.span(build_key[0].start, max(build_key[0].end, end)).to_json()
        # every variable, not only FLASK_*: the Python the image runs may read any (`os.getenv("APP_ENV")`)
        env = [setting for setting in map(_interpolated, env_settings(config, environment)) if setting
               ][-MAX_PASSED_VARIABLES:]
        facts.append({
            "name": name, "line": source.line(key.start),
            "end_line": source.line(max(key.start, node_end(service))),
            "build": built, "image": scalar_value(image),
            # what reaches the image's ENTRYPOINT/CMD when the service runs it as it is (no command of its own)
            "runs_own": entrypoint is not None or command is not None,
            "env": [{"name": e.name, "value": e.value.value, "start": e.start, "end": e.end,
                     "span": source.span(e.start, e.end).to_json()} for e in env],
            "env_files": [f.value for f in _env_files(config, env_file)],
            "loopback_only": bool(ports) and all((p or "").startswith(("127.0.0.1:", "localhost:", "[::1]:"))
                                                 for p in ports),
            **({"command": _command_words(config, command), "command_line": source.line(command.start)}
               if entrypoint is None and command is not None else {}),
        })
    return facts


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    production = context.dev_reason is None and not in_devcontainer(context.display_path)
    services: list[dict[str, Any]] = []

    def extract_and_record(config: YamlConfig, document: YamlDocument) -> list[Launch]:
        kept = _services(config, document)  # once for both: a document may hold 10,000 services
        services.extend(_service_facts(config, kept, source))
        return _launches(config, kept, production)

    result = analyze_yaml(source, context, extract_and_record)
    if services:
        result.facts["compose_services"] = services
    return result


def screen_facts(data: bytes) -> dict[str, Any]:
    """A compose file the prefilter rejected still builds images: the model needs its services."""
    if b"build" not in data or len(data) > 1_000_000:
        return {}
    try:
        source = decode(data, python=False)
    except DecodeError:
        return {}
    stream = load_yaml(source.text)
    services: list[dict[str, Any]] = []
    env_files: list[dict[str, Any]] = []
    for document in stream.documents:
        try:
            config = YamlConfig(stream, Walker())
            services.extend(service_facts(config, document, source))
            env_files.extend(_screened_env_files(config, document))
        except YamlTooComplex:
            continue
    facts: dict[str, Any] = {"compose_services": services} if services else {}
    if env_files:  # what the images it builds run with (a dev stage's `flask run` reads FLASK_DEBUG from them)
        facts["env_files"] = env_files
    return facts


def _screened_env_files(config: YamlConfig, document: YamlDocument) -> list[dict[str, Any]]:
    """`facts["env_files"]` as the full analysis records them (launches.py), for a service that builds."""
    found = []
    for name, (_, service) in config.mapping(config.get(document.root, "services")).items():
        build, env_file = config.fields(service, ("build", "env_file"))
        if build is None:
            continue
        for file in _env_files(config, env_file):
            found.append({"service": f"service {name!r}", "path": file.value, "start": file.node_start,
                          "end": file.node_end, "production": True})
    return found
