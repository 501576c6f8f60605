"""Railway (`railway.json`, `railway.toml`): `deploy.startCommand` is the production start, `build.dockerfilePath` the image.

The start command replaces the image's CMD (it runs with `$PORT` set by
Railway). `build.dockerfilePath` names the Dockerfile Railway builds, recorded
as `facts["dockerfile_paths"]` (relative to the file's folder) so the
deployment model knows that Dockerfile ships. Railway keeps variables in its
dashboard, not in the file.
"""

from __future__ import annotations

from typing import Any

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.jsonconfig import analyze_json
from flasklint.analyzers.jsonconfig import command_part as json_command
from flasklint.analyzers.launches import CommandPart, Launch, check_launches, may_matter
from flasklint.sources.jsonsource import JNode, JsonError, JString, get, load_json
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.tomlsource import TomlError, load_toml, locate

__all__ = ["may_matter", "analyze"]


def _from_json(text: str, root: JNode) -> list[Launch]:
    part = json_command(get(root, "deploy", "startCommand"))
    if part is None:
        return []
    return [Launch("deploy.startCommand", part.shell.node_start if part.shell else 0, (part,), port_hint="$PORT")]


def _toml_part(text: str, value: Any, path: tuple[str, ...]) -> CommandPart:
    located = locate(text, path, value)
    return CommandPart(argv=tuple(located)) if isinstance(located, list) else CommandPart(shell=located)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    if context.display_path.endswith(".json"):
        _, result = analyze_json(source, context, _from_json)
        try:
            dockerfile = get(load_json(source.text), "build", "dockerfilePath")
        except JsonError:
            dockerfile = None
        if isinstance(dockerfile, JString):
            result.facts["dockerfile_paths"] = [dockerfile.value]
        return result
    reporter = Reporter(context, source)
    try:
        data = load_toml(source.text, reporter.warn)
    except TomlError as exc:
        return reporter.fail(f"invalid TOML: {exc}; not analysed")
    deploy = data.get("deploy") if isinstance(data.get("deploy"), dict) else {}
    launches = []
    command = deploy.get("startCommand")
    if isinstance(command, (str, list)):
        part = _toml_part(source.text, command, ("deploy", "startCommand"))
        start = part.shell.node_start if part.shell is not None else (part.argv[0].node_start if part.argv else 0)
        launches.append(Launch("deploy.startCommand", start, (part,), port_hint="$PORT"))
    result = check_launches(reporter, source.text, launches)
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    if isinstance(build.get("dockerfilePath"), str):
        result.facts["dockerfile_paths"] = [build["dockerfilePath"]]
    return result
