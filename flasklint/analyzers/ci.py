"""CI configs other than GitHub Actions: GitLab CI, CircleCI, Bitbucket Pipelines, Travis, Azure Pipelines, Drone.

They all come down to jobs with shell lines (`script:`, `before_script:`,
`run:`, `commands:`, ...) and variables (`variables:`, `environment:`,
`env:`) layered from the file down to the job. A CI run is a development
context (a test server on the runner), so starts are FL201/FL202/FL101 at
lowered severity, unless the job deploys: a GitLab job with an
`environment:`, a job or stage named like `deploy`/`release`/`production`,
or an Azure App Service task's startup command (`AzureWebApp@1`
`startUpCommand`, `AzureRmWebAppDeployment@4` `StartupCommand`), which is
what App Service runs in production.
"""

from __future__ import annotations

import re
from typing import Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_settings
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YMap, YNode, YScalar, YSeq

__all__ = ["may_matter", "analyze", "extract", "CI_REASON", "STARTUP_KEYS"]

CI_REASON = "a CI job, not a production entrypoint"
SCRIPT_KEYS = frozenset({"script", "before_script", "after_script", "run", "command", "commands", "install",
                         "before_install", "before_script", "bash", "pwsh", "powershell", "inlinescript"})
ENV_KEYS = frozenset({"variables", "environment", "env"})
STARTUP_KEYS = frozenset({"startupcommand", "startup-command", "startupfile"})
_DEPLOYS = re.compile(r"(?i)deploy|release|production|prod\b|publish|staging")
_MAX_DEPTH = 12


def _scripts(config: YamlConfig, node: Optional[YNode]) -> list[CommandPart]:
    """A script given as one string, a list of strings (one command each), or `{command: ...}`."""
    if isinstance(node, YMap):
        node = config.get(node, "command") or config.get(node, "script")
    if isinstance(node, YSeq):
        parts = []
        for item in config.items(node):
            parts.extend(_scripts(config, item) if isinstance(item, YMap) else
                         ([CommandPart(shell=config.located(item))] if isinstance(item, YScalar) and not item.is_null
                          else []))
        return parts
    part = command_part(config, node)
    return [part] if part is not None and part.shell is not None else []


def _deploys(config: YamlConfig, label: str, node: YMap) -> bool:
    environment = config.get(node, "environment")
    if isinstance(environment, YScalar) or config.get(environment, "name") is not None:
        if config.get(node, "script") is not None:  # GitLab: a job that declares its environment deploys to it
            return True
    stage = config.string(node, "stage") or ""
    return bool(_DEPLOYS.search(label) or _DEPLOYS.search(stage))


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    launches: list[Launch] = []

    def visit(node: Optional[YNode], label: str, env: tuple[EnvSetting, ...], deploy: bool, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(node, YSeq):
            for index, item in enumerate(config.items(node), start=1):
                visit(item, f"{label}[{index}]" if label else f"item {index}", env, deploy, depth + 1)
            return
        if not isinstance(node, YMap):
            return
        pairs = config.mapping(node)
        deploy = deploy or (bool(label) and _deploys(config, label.rsplit(" ", 1)[-1], node))
        own = list(env)
        for key in ENV_KEYS:
            if key in pairs and isinstance(pairs[key][1], (YMap, YSeq)):
                own += env_settings(config, pairs[key][1])
        own_env = tuple(own)
        if len(own_env) > len(env):
            launches.append(Launch(f"{label or 'top level'} variables", node.start, (), own_env, production=False,
                                   dev_reason=CI_REASON))
        for name, (key, value) in pairs.items():
            lowered = name.lower()
            if lowered in STARTUP_KEYS:
                part = command_part(config, value)
                if part is not None:
                    launches.append(Launch(f"{label} {name}", key.start, (part,), own_env, port_hint="$PORT"))
            elif lowered in SCRIPT_KEYS:
                for part in _scripts(config, value):
                    launches.append(Launch(f"{label} {name}".strip(), key.start, (part,), own_env,
                                           production=deploy, dev_reason=None if deploy else CI_REASON))
            elif lowered not in ENV_KEYS:
                visit(value, f"{label} {name}".strip() if depth else name, own_env, deploy, depth + 1)

    visit(document.root, "", (), False, 0)
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    return analyze_yaml(source, context, extract)
