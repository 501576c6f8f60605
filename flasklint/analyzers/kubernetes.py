"""Kubernetes manifests: the containers' `command`, `args` and `env` in every workload kind.

Any `*.yml`/`*.yaml` whose documents carry `apiVersion` and `kind` is a
manifest, so Helm-rendered multi-document output and `kind: List` files are
read too. `command` replaces the image's ENTRYPOINT and `args` its CMD; with
only `args` the image is unknown, so `args` is taken as what starts the
container. Values from `valueFrom` are not in the file and are not judged here.
Manifests are production configuration.

A container that names only its `image` runs the image's ENTRYPOINT/CMD: it is
recorded as a fact (`IMAGE_CONTAINERS`), with its `env` and the ConfigMap keys
its `valueFrom.configMapKeyRef`s name, and every ConfigMap's `data` too
(`CONFIG_MAPS`), so that the deployment model can pass that environment to an
image built from this repository.
"""

from __future__ import annotations

from typing import Any, Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import CommandPart, Launch
from flasklint.analyzers.launches import may_matter as _mentions_launch
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_list
from flasklint.analyzers.yamlconfig import _node_end as node_end
from flasklint.commands.environment import MAX_FILE_ASSIGNMENTS
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YMap, YNode, YScalar, scalar_value

__all__ = ["may_matter", "analyze", "extract", "image_facts", "POD_SPEC_PATHS", "IMAGE_CONTAINERS", "CONFIG_MAPS"]

IMAGE_CONTAINERS = "k8s_image_containers"
"""Facts key: containers with an `image` and neither `command` nor `args` (they run the image as it is)."""
CONFIG_MAPS = "k8s_config_maps"
"""Facts key: each ConfigMap's name and `data` values, for `configMapKeyRef`s in other manifests."""

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
    # a container that names only its image, or a ConfigMap, says no launch word but feeds the model
    return b"apiVersion" in data and b"kind" in data and (
        _mentions_launch(data) or b"image" in data or b"ConfigMap" in data)


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


def _env_fact(config: YamlConfig, source: SourceText, item: YNode) -> Optional[dict[str, Any]]:
    """One `env` entry: `{name, value}`, or `{name, configmap, key}` for a `configMapKeyRef`."""
    if not isinstance(item, YMap):
        return None
    name = config.string(item, "name")
    if not name:
        return None
    end = node_end(item)
    fact: dict[str, Any] = {"name": name, "start": item.start, "end": end,
                            "span": source.span(item.start, end).to_json()}
    value = config.get(item, "value")
    if isinstance(value, YScalar) and not value.is_null:
        fact["value"] = value.value
        return fact
    ref = config.get(item, "valueFrom", "configMapKeyRef")
    configmap, key = config.string(ref, "name"), config.string(ref, "key")
    if configmap and key:
        fact.update(configmap=configmap, key=key)
        return fact
    return {**fact, "unknown": True}  # a Secret, a field ref: set, to a value not in the repository


def image_facts(config: YamlConfig, document: YamlDocument, source: SourceText) -> dict[str, list[dict[str, Any]]]:
    """`IMAGE_CONTAINERS` and `CONFIG_MAPS` of one document (see the module docstring); a ConfigMap's keys past
    MAX_FILE_ASSIGNMENTS are left out, and the cut said (`YamlConfig.cut`)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for resource in _resources(config, document.root):
        kind = config.string(resource, "kind")
        if config.get(resource, "apiVersion") is None:
            continue
        name = config.string(resource, "metadata", "name") or "?"
        if kind == "ConfigMap":
            data = {}
            for key, (key_node, value) in config.mapping(config.get(resource, "data")).items():
                if len(data) >= MAX_FILE_ASSIGNMENTS:
                    config.cut(key_node.start, f"more than {MAX_FILE_ASSIGNMENTS:,} keys in ConfigMap {name}; the "
                                               "later ones were not analysed")
                    break
                if isinstance(value, YScalar) and not value.is_null:  # placed by four numbers: no dicts a key
                    data[key] = {"value": value.value, "span": source.span(key_node.start, node_end(value)).to_compact()}
            found.setdefault(CONFIG_MAPS, []).append({"name": name, "line": source.line(resource.start), "data": data})
        if kind not in POD_SPEC_PATHS:
            continue
        pod = config.get(resource, *POD_SPEC_PATHS[kind])
        for container in config.items(config.get(pod, "containers")):
            image = config.get(container, "image")
            if not isinstance(image, YScalar) or image.is_null or config.get(container, "command") is not None \
                    or config.get(container, "args") is not None:
                continue
            label = config.string(container, "name") or "?"
            env = [e for e in (_env_fact(config, source, item) for item in config.items(config.get(container, "env")))
                   if e is not None]
            found.setdefault(IMAGE_CONTAINERS, []).append({
                "name": f"container {label} of {kind} {name} line {source.line(container.start)}",
                "line": source.line(container.start), "end_line": source.line(max(container.start,
                                                                                  node_end(container) - 1)),
                "image": image.value, "image_span": source.span(image.start, node_end(image)).to_json(),
                "env": env,
            })
    return found


def add_image_facts(facts: dict[str, Any], more: dict[str, list[dict[str, Any]]]) -> None:
    for key, entries in more.items():
        facts.setdefault(key, []).extend(entries)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    found: dict[str, list[dict[str, Any]]] = {}

    def extract_all(config: YamlConfig, document: YamlDocument) -> list[Launch]:
        add_image_facts(found, image_facts(config, document, source))
        return extract(config, document)

    result = analyze_yaml(source, context, extract_all)
    add_image_facts(result.facts, found)
    return result
