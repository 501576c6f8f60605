"""Dev containers (`.devcontainer/devcontainer.json`): lifecycle commands and env, a development context.

`postCreateCommand`, `postStartCommand`, `postAttachCommand`,
`onCreateCommand`, `updateContentCommand` and `initializeCommand` are a
string (shell), an array (exec) or an object of named commands run in
parallel; `containerEnv` and `remoteEnv` are their environment. A dev
container runs on a developer's machine or a Codespace, so findings are those
of development tooling (FL201/FL202/FL101, lowered). The compose file and
Dockerfile a dev container builds from (`.devcontainer/`) are development
files too: `in_devcontainer`.
"""

from __future__ import annotations

from dataclasses import replace

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.jsonconfig import analyze_json, command_part, env_settings
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.sources.jsonsource import JNode, JObject, get
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "extract", "in_devcontainer", "REASON"]

REASON = "a dev container runs on a developer's machine"
LIFECYCLE = ("initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand",
             "postStartCommand", "postAttachCommand")


def in_devcontainer(path: str) -> bool:
    """Whether a file belongs to a dev container definition (`.devcontainer/Dockerfile`, its compose file)."""
    return ".devcontainer" in path.split("/")[:-1]


def extract(text: str, root: JNode) -> list[Launch]:
    env = tuple(env_settings(text, get(root, "containerEnv")) + env_settings(text, get(root, "remoteEnv")))
    launches = []
    for field in LIFECYCLE:
        node = get(root, field)
        named: list[tuple[str, JNode]] = []
        if isinstance(node, JObject):
            named = [(f"{field} {name!r}", value) for name, (_, value) in node.pairs.items()]
        elif node is not None:
            named = [(field, node)]
        for label, value in named:
            part = command_part(value)
            if part is not None:
                launches.append(Launch(label, value.start, (part,), env, production=False))
    if env and not launches:
        launches.append(Launch("containerEnv", 0, (), env, production=False))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    context = replace(context, dev_reason=context.dev_reason or REASON)
    _, result = analyze_json(source, context, extract)
    return result
