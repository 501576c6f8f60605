"""Helm charts: which values-file settings reach a container's environment, and the findings they make.

A chart's `values.yaml` (and `values-dev.yaml`, `values.prod.yaml`, one file
per deployed environment) holds maps such as `env`, `extraEnv` or `config`;
its templates render them into a container's `env:` (`{{- toYaml .Values.env
| nindent 12 }}`, `{{- range $k, $v := .Values.extraEnv }}`) or a ConfigMap
the pod loads. Neither file says it alone: the values file has the setting,
the template the route to the container. So:

- the template's analysis records the `.Values` paths used inside an `env:`
  block or a ConfigMap's `data:` (`template_env_refs`, `facts["helm_env_refs"]`);
- the values file's analysis judges every env-like map as production
  environment and keeps those findings aside, per path
  (`facts["helm_values"]`, see flasklint.analyzers.helm_values);
- `link` reports a values finding when a template of its chart renders that
  path, naming the environment. Every values file is a deployed environment:
  a shared dev or staging cluster is reachable by other people too.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from typing import Any

from flasklint.model import FileResult, Finding, Position, Related, Span

__all__ = ["REFS_KEY", "VALUES_KEY", "template_env_refs", "environment_name", "link"]

REFS_KEY = "helm_env_refs"
VALUES_KEY = "helm_values"

_ACTION = re.compile(r"\{\{.*?\}\}", re.S)
_VALUES_PATH = re.compile(r"\.Values((?:\.[A-Za-z_][\w-]*)+)")
_KEY = re.compile(r"^(?P<indent>[ \t]*)(?:-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
_ENV_KEYS = ("env", "envFrom")
_ENV_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:env|envFrom)[ \t]*:", re.M)
"""A line whose `_KEY` is one of `_ENV_KEYS`: without one (and outside a ConfigMap) no path is in an env block."""


def _content(line: str) -> str:
    return _ACTION.sub("", line).strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _enclosing_key(lines: list[str], index: int, column: int) -> str:
    """The YAML key whose block holds position `column` of line `index` (template-only lines skipped)."""
    own = _KEY.match(lines[index])
    if own and own.end() <= column:
        return own.group("key")
    depth = column if not _content(lines[index]) else _indent(lines[index])
    for above in range(index - 1, -1, -1):  # upwards, without copying the lines above (one copy a path was quadratic)
        line = lines[above]
        if not _content(line):
            continue
        match = _KEY.match(line)
        if _indent(line) < depth and match:
            return match.group("key")
        if _indent(line) < depth:
            depth = _indent(line)
    return ""


def _next_key(lines: list[str], index: int) -> str:
    """The key of the next content line (`{{- with .Values.env }}` followed by `env:`)."""
    for following in range(index + 1, len(lines)):
        line = lines[following]
        if _content(line):
            match = _KEY.match(line)
            return match.group("key") if match else ""
    return ""


def template_env_refs(text: str) -> list[dict[str, Any]]:
    """The `.Values` paths a chart template renders into container env (or ConfigMap data), with their lines."""
    if ".Values" not in text:
        return []
    configmap = re.search(r"^kind:[ \t]*ConfigMap\b", text, re.M) is not None
    if not configmap and _ENV_KEY_LINE.search(text) is None:
        return []  # every recorded path has an env key on its own line, above it or below a `with`
    lines = text.split("\n")
    refs: dict[str, dict[str, Any]] = {}
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for action in _ACTION.finditer(text):
        begin, end = action.span()
        if text.find(".Values", begin, end) < 0:
            continue
        opens_with = action.group().lstrip("{- ").startswith("with")
        if not opens_with and "\n" not in action.group():
            # one line: a key before the action (`name: "{{ .Values.name }}"`) is the enclosing key of every path
            # in it, and a key that is not an env one records none of them
            index = bisect.bisect_right(line_starts, begin) - 1
            own = _KEY.match(lines[index])
            if own and own.end() <= begin - line_starts[index] and own.group("key") not in _ENV_KEYS and not (
                    configmap and own.group("key") == "data"):
                continue
        for path in _VALUES_PATH.finditer(text, begin, end):  # in place: the path cannot run past the `}}`
            offset = path.start()
            index = bisect.bisect_right(line_starts, offset) - 1  # not text.count: linear in the template
            column = offset - line_starts[index]
            key = _enclosing_key(lines, index, column)
            ahead = _next_key(lines, index) if opens_with else ""
            if key in _ENV_KEYS or ahead in _ENV_KEYS or (configmap and "data" in (key, ahead)):
                name = path.group(1)[1:]
                refs.setdefault(name, {"path": name, "line": index + 1, "column": column + 1})
    return sorted(refs.values(), key=lambda r: (r["line"], r["path"]))


def environment_name(path: str) -> str:
    """`values-dev.yaml` -> "dev", `values.prod.yaml` -> "prod", `staging/values.yaml` -> "staging"."""
    name = posixpath.basename(path)
    stem = re.sub(r"\.ya?ml$", "", name)
    rest = re.sub(r"(?i)values", "", stem).strip("-._ ")
    if rest:
        return rest
    parent = posixpath.basename(posixpath.dirname(path))
    if parent and parent not in ("chart", "charts", "helm", "deploy", ".") and not parent.endswith("chart"):
        return parent
    return "default"


def _chart_root(template: str) -> str:
    """The chart folder of a template (the folder above its `templates/`)."""
    parts = template.split("/")
    if "templates" in parts[:-1]:
        index = len(parts) - 2 - parts[:-1][::-1].index("templates")
        return "/".join(parts[:index])
    return posixpath.dirname(template)


def _related(folder: str, root: str) -> bool:
    def inside(child: str, parent: str) -> bool:
        return parent == "" or child == parent or child.startswith(parent.rstrip("/") + "/")

    return inside(folder, root) or inside(root, folder)


def link(results: dict[str, FileResult]) -> list[Finding]:
    """Values-file findings whose setting a template of the same chart renders into a container's env."""
    templates = {path: r.facts[REFS_KEY] for path, r in results.items() if r.facts.get(REFS_KEY)}
    charts: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path in sorted(templates):
        for ref in templates[path]:
            charts.setdefault(_chart_root(path), []).append((path, ref))
    findings: list[Finding] = []
    for values_path in sorted(results):
        facts = results[values_path].facts.get(VALUES_KEY)
        if not facts:
            continue
        folder = posixpath.dirname(values_path)
        roots = [root for root in sorted(charts) if _related(folder, root)] or (list(charts) if len(charts) == 1 else [])
        seen: set[tuple[str, int, int]] = set()
        environment = facts.get("environment") or environment_name(values_path)
        for root in roots:
            for template, ref in charts[root]:
                for raw in facts.get("paths", {}).get(ref["path"], ()):
                    finding = Finding.from_json(raw)
                    key = (finding.rule, finding.span.start.line, finding.span.start.column)
                    if key in seen:
                        continue
                    seen.add(key)
                    where = Span(Position(ref["line"], ref["column"]), Position(ref["line"], ref["column"]))
                    note = (f" [Helm values of the {environment!r} environment, rendered into the container env by "
                            f"{template}; every values file is a deployed environment, a shared dev or staging "
                            "cluster is reachable by others too]")
                    findings.append(finding.with_changes(
                        message=finding.message + note,
                        related=finding.related + (Related(template, where, f"`.Values.{ref['path']}` reaches the "
                                                                            "container's environment here"),),
                    ))
    return findings
