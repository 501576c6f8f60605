"""Helm `values*.yaml`: the env-like maps of one deployed environment, judged and kept for the project pass.

Whether `env.FLASK_DEBUG: "1"` in a values file reaches a container depends on
the chart's templates, which this file cannot see. So every map or list under
an env-like key (`env`, `extraEnv`, `config`, ...; at any depth, `app.env`
too) is judged as production environment (FL302, FL105), and its findings are
stored per dotted path in `facts["helm_values"]` instead of being reported;
flasklint.knowledge.helm reports those a template renders into a container's env.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from flasklint.knowledge import helm
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import Launch, launch_environment
from flasklint.analyzers.yamlconfig import YamlConfig, env_settings
from flasklint.commands.checks import check_environment
from flasklint.commands.prefilter import may_matter
from flasklint.model import FileResult, Finding
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import Walker, YamlTooComplex, YMap, YNode, load_yaml

__all__ = ["may_matter", "analyze", "ENV_KEYS"]

ENV_KEYS = frozenset({"env", "extraenv", "extraenvvars", "environment", "envvars", "config", "configmap",
                      "variables", "extraenvs", "appenv", "envs"})
"""Lower-cased keys whose map charts conventionally render into a container's environment."""
_MAX_DEPTH = 5


def _env_maps(config: YamlConfig, node: Optional[YNode], prefix: str, depth: int) -> list[tuple[str, YNode]]:
    found: list[tuple[str, YNode]] = []
    if depth > _MAX_DEPTH or not isinstance(node, YMap):
        return found
    for name, (_, value) in config.mapping(node).items():
        path = f"{prefix}.{name}" if prefix else name
        if name.lower() in ENV_KEYS:
            found.append((path, value))
        found.extend(_env_maps(config, value, path, depth + 1))
    return found


def _place(finding: Finding) -> tuple[str, int, int]:
    return finding.rule, finding.span.start.line, finding.span.start.column


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    """Judge every env-like map; `values-dev.yaml` is not lowered: a shared dev cluster is reachable too."""
    reporter = Reporter(replace(context, dev_reason=None), source)
    stream = load_yaml(source.text)
    for problem in stream.problems[:1]:
        where = source.position(problem.offset)
        reporter.warn(f"line {where.line}, column {where.column}: {problem.message}")
    owners: dict[tuple[str, int, int], str] = {}
    for document in stream.documents:
        config = YamlConfig(stream, Walker())
        try:
            maps = _env_maps(config, document.root, "", 0)
        except YamlTooComplex as exc:
            reporter.warn(str(exc))
            continue
        for path, node in maps:
            launch = Launch(path, node.start, (), tuple(env_settings(config, node)))
            env = launch_environment(source.text, launch, context.display_path)
            before = len(reporter.result_.findings)
            check_environment(reporter, env, production=True)
            for finding in reporter.result_.findings[before:]:
                owners[_place(finding)] = path
    result = reporter.result()  # fingerprints and inline suppressions, as for any finding
    paths: dict[str, list[dict[str, Any]]] = {}
    for finding in result.findings:
        path = owners.get(_place(finding))
        if path is not None:
            paths.setdefault(path, []).append(finding.to_json())
    result.findings = []
    result.facts[helm.VALUES_KEY] = {"environment": helm.environment_name(context.display_path), "paths": paths}
    return result
