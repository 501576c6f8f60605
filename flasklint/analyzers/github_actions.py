"""GitHub Actions workflows: each step's `run:` script with the workflow, job and step `env`.

A workflow runs in CI, never in production: a `flask run --host 0.0.0.0` there
is a development-server finding at lowered severity (FL201), not FL301.
"""

from __future__ import annotations

from dataclasses import replace

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_from_mapping
from flasklint.model import FileResult
from flasklint.source import SourceText
from flasklint.yamlsource import YamlDocument

__all__ = ["may_matter", "analyze", "extract", "CI_REASON"]

CI_REASON = "a CI workflow, not a production entrypoint"


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    root = document.root
    workflow_env = env_from_mapping(config, config.get(root, "env"))
    launches = []
    for job_id, (_, job) in config.mapping(config.get(root, "jobs")).items():
        job_env = workflow_env + env_from_mapping(config, config.get(job, "env"))
        if job_env:  # judged even when no step runs anything (WERKZEUG_DEBUG_PIN=off is FL105 anywhere)
            launches.append(Launch(f"job {job_id!r}", job.start, (), tuple(job_env), production=False))
        for number, step in enumerate(config.items(config.get(job, "steps")), start=1):
            run = command_part(config, config.get(step, "run"))
            step_env = env_from_mapping(config, config.get(step, "env"))
            if run is None and not step_env:
                continue
            label = config.string(step, "name") or config.string(step, "id") or f"step {number}"
            launches.append(
                Launch(f"job {job_id!r}, {label}", step.start, (run,) if run and run.shell else (),
                       tuple(job_env + step_env), production=False)
            )
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    if context.dev_reason is None:
        context = replace(context, dev_reason=CI_REASON)
    return analyze_yaml(source, context, extract)
