"""GitHub Actions workflows: each step's `run:` script with the workflow, job and step `env`.

A workflow runs in CI, never in production: a `flask run --host 0.0.0.0` there
is a development-server finding at lowered severity (FL201), not FL301. The
exception is what a step deploys: the `startup-command` of an Azure App Service
deploy (`azure/webapps-deploy`) is what App Service runs in production.
"""

from __future__ import annotations

from typing import Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import CommandPart, Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_mapping
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument

__all__ = ["may_matter", "analyze", "extract", "CI_REASON"]

CI_REASON = "a CI workflow, not a production entrypoint"


AZURE_DEPLOY_ACTIONS = ("azure/webapps-deploy", "azure/functions-action")


def _azure_startup(config: YamlConfig, step: object) -> Optional[CommandPart]:
    """`with: startup-command:` of an Azure App Service deploy step (the production start), if any."""
    uses = (config.string(step, "uses") or "").lower()
    if not uses.startswith(AZURE_DEPLOY_ACTIONS):
        return None
    part = command_part(config, config.get(step, "with", "startup-command"))
    return part if part is not None and part.shell is not None else None


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    root = document.root
    workflow_env = env_from_mapping(config, config.get(root, "env"))
    launches = []
    for job_id, (_, job) in config.mapping(config.get(root, "jobs")).items():
        job_env = workflow_env + env_from_mapping(config, config.get(job, "env"))
        if job_env:  # judged even when no step runs anything (WERKZEUG_DEBUG_PIN=off is FL105 anywhere)
            launches.append(Launch(f"job {job_id!r}", job.start, (), tuple(job_env), production=False,
                                   dev_reason=CI_REASON))
        for number, step in enumerate(config.items(config.get(job, "steps")), start=1):
            run = command_part(config, config.get(step, "run"))
            step_env = env_from_mapping(config, config.get(step, "env"))
            startup = _azure_startup(config, step)
            if startup is not None:  # App Service runs this command in production
                launches.append(Launch(f"job {job_id!r}, {config.string(step, 'uses')} startup-command",
                                       step.start, (startup,), port_hint="$PORT"))
            if run is None and not step_env:
                continue
            label = config.string(step, "name") or config.string(step, "id") or f"step {number}"
            launches.append(
                Launch(f"job {job_id!r}, {label}", step.start, (run,) if run and run.shell else (),
                       tuple(job_env + step_env), production=False, dev_reason=CI_REASON)
            )
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    """CI launches carry CI_REASON themselves, so a deploy step's production start is not lowered."""
    return analyze_yaml(source, context, extract)
