"""Kubernetes manifests: the containers' `command`, `args` and `env` in every workload kind.

Any `*.yml`/`*.yaml` whose documents carry `apiVersion` and `kind` is a
manifest, so Helm-rendered multi-document output and `kind: List` files are
read too. `command` replaces the image's ENTRYPOINT and `args` its CMD; with
only `args` the image is unknown, so `args` is taken as what starts the
container. Values from `valueFrom` are not in the file and are not judged.
Manifests are production configuration.
"""

from __future__ import annotations

from typing import Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import CommandPart, Launch
from flasklint.analyzers.launches import may_matter as _mentions_launch
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_list
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YNode, scalar_value

__all__ = ["may_matter", "analyze", "extract", "POD_SPEC_PATHS"]

POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "PodTemplate": ("template", "spec"),
}
"""Where each workload kind keeps its pod spec."""


def may_matter(data: bytes) -> bool:
    return b"apiVersion" in data and b"kind" in data and _mentions_launch(data)


def _container_port(config: YamlConfig, ports: Optional[YNode]) -> Optional[str]:
    for port in config.items(ports):
        value = config.string(port, "containerPort")
        if value and value.isdigit():
            return value
    return None


_CONTAINER_FIELDS = ("name", "command", "args", "env", "ports")
"""The fields of a container the launch is made of, read at once (see `Walker.fields`)."""


def _container_launches(config: YamlConfig, pod: Optional[YNode], owner: str) -> list[Launch]:
    launches = []
    for field in ("initContainers", "containers"):
        for container in config.items(config.get(pod, field)):
            name_node, command, args, env, ports = config.fields(container, _CONTAINER_FIELDS)
            name = scalar_value(name_node) or "?"
            parts: list[CommandPart] = []
            for value in (command, args):
                part = command_part(config, value)
                if part is not None:
                    parts.append(part)
            launches.append(
                Launch(
                    f"container {name!r} of {owner}",
                    container.start,
                    tuple(parts),
                    tuple(env_from_list(config, env)),
                    port_hint=_container_port(config, ports),
                )
            )
    return launches


def _resources(config: YamlConfig, root: Optional[YNode]) -> list[YNode]:
    """The document's resource, or the items of a `kind: List`."""
    if config.string(root, "kind") == "List" or (config.string(root, "kind") or "").endswith("List"):
        return [item for item in config.items(config.get(root, "items"))]
    return [root] if root is not None else []


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    launches = []
    for resource in _resources(config, document.root):
        kind = config.string(resource, "kind")
        if kind not in POD_SPEC_PATHS or config.get(resource, "apiVersion") is None:
            continue
        owner = f"{kind} {config.string(resource, 'metadata', 'name') or '?'}"
        launches.extend(_container_launches(config, config.get(resource, *POD_SPEC_PATHS[kind]), owner))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    return analyze_yaml(source, context, extract)
