"""go-task `Taskfile.yml`: each task's `cmds` (and `cmd`) with the file's and the task's `env`.

Tasks are developer commands, like Makefile targets: development context,
lowered further for conventional names (`dev`, `run`, `serve`, see
flasklint.knowledge.context). `{{.VAR}}` are Go template actions, read as unknown values
(flasklint.sources.templating). A `cmds` item may be a string, `{cmd: ...}`, or a
call of another task (`{task: ...}`, not a command).
"""

from __future__ import annotations

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_settings
from flasklint.knowledge.context import dev_target_reason
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YMap, YScalar

__all__ = ["may_matter", "analyze", "extract"]


def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
    root_env = env_settings(config, config.get(document.root, "env"))
    launches = []
    if root_env:
        launches.append(Launch("env", document.root.start if document.root else 0, (), tuple(root_env),
                               production=False))
    for name, (key, task) in config.mapping(config.get(document.root, "tasks")).items():
        env = tuple(root_env + env_settings(config, config.get(task, "env")))
        commands = [config.get(task, "cmd")] + config.items(config.get(task, "cmds"))
        if isinstance(task, YScalar) or (task is not None and not isinstance(task, YMap)):
            commands = [task]  # `tasks: {run: flask run}` shorthand
        for item in commands:
            if isinstance(item, YMap):
                item = config.get(item, "cmd")
            part = command_part(config, item)
            if part is not None and part.shell is not None:
                launches.append(Launch(f"task {name!r}", key.start, (part,), env, production=False,
                                       dev_reason=dev_target_reason(name)))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    return analyze_yaml(source, context, extract)
