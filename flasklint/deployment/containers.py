"""Kubernetes containers that run an image as it is, tied to the Dockerfile this repository builds it from.

A container with only `image:` (no `command`/`args`) runs that image's ENTRYPOINT/CMD with its `env`, as a
compose service without a command does. Which Dockerfile built the image is decided by evidence, most
specific first:

1. a compose service that names the same image and `build:`s it (the stage that service builds);
2. a `docker build -t NAME` in a script, Makefile or CI workflow (the Dockerfile it builds);
3. else, when nothing near names an image it builds, and the nearest folder above the manifest that holds
   Dockerfiles holds exactly one, whose final stage is shipped: that one.

Evidence is taken from the manifest's own project: the deepest folder it shares with the manifest.

`configMapKeyRef`s are resolved from the ConfigMaps of the manifest's project with that name: several (one per
environment) give each value they agree on; a key they disagree on keeps its alternatives, which a start
judges together (`combine._alternatives`: "True" and "False" are both true as `debug=`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any, Optional

from flasklint.knowledge import kinds
from flasklint.deployment.paths import folders_up, join
from flasklint.deployment.units import PRODUCTION, SERVICE, UnitKey

Graph = Any
"""A `flasklint.deployment.graph.Graph` (which builds on this module: not imported here)."""

__all__ = ["ImageContainer", "IMAGE_CONTAINERS", "CONFIG_MAPS", "image_name", "link_containers"]

IMAGE_CONTAINERS = "k8s_image_containers"  # flasklint.analyzers.kubernetes.IMAGE_CONTAINERS
CONFIG_MAPS = "k8s_config_maps"  # flasklint.analyzers.kubernetes.CONFIG_MAPS


@dataclass
class ImageContainer:
    """One container linked to a stage: its resolved `env` (fact entries with their own `path`) and the rule."""

    info: dict[str, Any]
    env: list[dict[str, Any]]
    rule: str
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Variables whose ConfigMaps disagree: every value, each with its place."""


def image_name(image: str) -> str:
    """`registry/team/app:1.2@sha256:..` -> `registry/team/app`: an image is named without tag or digest."""
    name = image.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    return (head + "/" if head else "") + last.split(":", 1)[0]


def link_containers(graph: Graph) -> list[tuple[UnitKey, UnitKey, str, int, str]]:
    """(container, stage, path, line, label) for each production container that runs its image as it is and
    the stage built from this repository; its resolved environment is kept in `graph.containers`."""
    links: list[tuple[UnitKey, UnitKey, str, int, str]] = []
    tagged = _built_images(graph)
    dockerfiles = sorted(path for path, units in graph.files.items() if units.kind == kinds.DOCKERFILE)
    sources = sorted({e[2] for named in tagged.values() for e in named})
    configmaps = _configmaps(graph)
    for path in sorted(graph.files):
        units = graph.files[path]
        for info in units.facts.get(IMAGE_CONTAINERS, ()):
            unit: UnitKey = (SERVICE, path, str(info["name"]))
            if graph.roles.get(unit) != PRODUCTION:
                continue
            found = _nearest(path, tagged.get(image_name(str(info["image"])), []))
            only = _only_dockerfile(graph, path, dockerfiles, sources)
            if only is not None and (found is None or _folder_depth(path, only[2]) > _folder_depth(path, found[2])):
                found = only  # a name built in another project of a larger tree is not this project's image
            if found is None:
                continue
            stage, rule = found[0], found[1]
            env, alternatives = _resolved_env(path, info, configmaps)
            graph.containers[unit] = ImageContainer(info, env, rule, alternatives)
            links.append((unit, stage, path, int(info["line"]), f"runs image `{info['image']}` ({rule})"))
    return links


Evidence = tuple[UnitKey, str, str]
"""(stage, what ties the image to it, the file that says so)."""


def _folder_depth(path: str, other: str) -> int:
    """How many folders `path` and `other` share: evidence nearer the manifest is of its project."""
    common = posixpath.commonpath([posixpath.dirname(path) or ".", posixpath.dirname(other) or "."]) \
        if path.startswith("/") == other.startswith("/") else ""
    return len([part for part in common.split("/") if part and part != "."])


def _nearest(path: str, evidence: list[Evidence]) -> Optional[Evidence]:
    """The evidence of the manifest's own project (the deepest folder it shares), in compose-first order;
    evidence that shares no folder with it when the manifest sits in a subfolder of a larger tree counts too."""
    if not evidence:
        return None
    best = max(_folder_depth(path, e[2]) for e in evidence)
    return next(e for e in evidence if _folder_depth(path, e[2]) == best)


def _only_dockerfile(graph: Graph, path: str, dockerfiles: list[str], sources: list[str]) -> Optional[Evidence]:
    """The one Dockerfile of the nearest folder above the manifest that holds any, when its final stage is
    shipped and nothing in that folder builds an image under a name (`sources`: then that name is the image)."""
    for folder in folders_up(path):
        under = [d for d in dockerfiles if not folder or d.startswith(folder + "/")]
        if not under:
            continue
        if len(under) != 1 or any(not folder or source.startswith(folder + "/") for source in sources):
            return None
        stage = graph.files[under[0]].stage(None)
        info = graph.files[under[0]].stage_info(stage[2]) if stage is not None else None
        if stage is None or info is None or not info.get("shipped") or graph.roles.get(stage) != PRODUCTION:
            return None
        return stage, f"the only Dockerfile of its project, {under[0]}, whose final stage is shipped", under[0]
    return None


def _built_images(graph: Graph) -> dict[str, list[Evidence]]:
    """Image name -> evidence, from compose services that build and name an image, then `docker build -t`
    commands."""
    found: dict[str, list[Evidence]] = {}
    for path in sorted(graph.files):
        for info in graph.files[path].facts.get("compose_services", ()):
            if not info.get("image") or not info.get("build"):
                continue
            service: UnitKey = (SERVICE, path, str(info["name"]))
            build = next((e for e in graph.edges.get(service, ()) if e.how == "builds"), None)
            if build is not None:
                found.setdefault(image_name(str(info["image"])), []).append((
                    build.target, f"compose service `{info['name']}` ({path} line {info['line']}) builds it", path))
    for path in sorted(graph.files):
        units = graph.files[path]
        for built in units.facts.get("docker_invocations", ()):
            if built.get("kind") != "build" or not built.get("tags"):
                continue
            context = join(units.folder, str(built.get("context") or "."))
            dockerfile = join(units.folder, str(built["files"][-1])) if built.get("files") else join(
                context, "Dockerfile")
            other = graph.files.get(dockerfile)
            stage = other.stage(built.get("target")) if other is not None and other.kind == kinds.DOCKERFILE else None
            if stage is None:
                continue
            for tag in built["tags"]:
                found.setdefault(image_name(str(tag)), []).append((
                    stage, f"`docker build -t {tag}` ({path} line {built['line']}) builds it from {dockerfile}", path))
    return found


def _configmaps(graph: Graph) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """ConfigMap name -> (path, data) of every ConfigMap of that name in the repository."""
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path in sorted(graph.files):
        for entry in graph.files[path].facts.get(CONFIG_MAPS, ()):
            found.setdefault(str(entry["name"]), []).append((path, entry.get("data") or {}))
    return found


def _resolved_env(path: str, info: dict[str, Any], configmaps: dict[str, list[tuple[str, dict[str, Any]]]]
                  ) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The container's `env` as fact entries with a `path`: literal values in the manifest, ConfigMap keys
    where every ConfigMap of that name agrees; the rest (Secrets, disagreeing or missing keys) left out,
    with the disagreeing values as alternatives."""
    env: list[dict[str, Any]] = []
    alternatives: dict[str, list[dict[str, Any]]] = {}
    for entry in info.get("env", ()):
        if "value" in entry:
            env.append({**entry, "path": path})
            continue
        if "configmap" not in entry:
            continue
        named = configmaps.get(str(entry["configmap"]), [])
        nearest = max((_folder_depth(path, where) for where, _ in named), default=0)
        values = [{"name": entry["name"], "value": str(data[entry["key"]]["value"]), "start": entry["start"],
                   "end": entry["end"], "span": data[entry["key"]]["span"], "path": where}
                  for where, data in named  # the ConfigMaps of the manifest's own project
                  if _folder_depth(path, where) == nearest and isinstance(data.get(entry["key"]), dict)]
        if values and len({v["value"] for v in values}) == 1:
            env.append(values[0])
        elif values:
            alternatives[str(entry["name"])] = values
    return env, alternatives
