"""Heroku `app.json`: `env`, `scripts`, `formation` and the `environments` overrides.

`env` (`"NAME": "v"` or `"NAME": {"value": "v"}`) is the production
environment of apps created from the file (review apps, Heroku Button). The
`scripts` (`postdeploy`, `pr-predestroy`, ...) run in one-off dynos of that
app; `environments.test` (Heroku CI) is a test context, not production.
`formation` names the process types that run (`web`, `worker`), recorded as
`facts["formation"]`: the commands themselves are in the Procfile, whose processes get
the `env` (recorded as `facts["env"]`, like an env file's).
"""

from __future__ import annotations

from typing import Any, Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.jsonconfig import analyze_json, command_part, env_settings
from flasklint.analyzers.launches import Launch, may_matter
from flasklint.sources.jsonsource import JNode, JObject, JsonError, get, load_json
from flasklint.model import FileResult
from flasklint.sources.source import DecodeError, SourceText, decode

__all__ = ["may_matter", "analyze", "extract"]


def _scripts(text: str, node: Optional[JNode], env: tuple, production: bool, prefix: str) -> list[Launch]:
    launches = []
    for name, (_, value) in (node.pairs.items() if isinstance(node, JObject) else ()):
        part = command_part(get(value, "command") if isinstance(value, JObject) else value)
        if part is not None:
            launches.append(Launch(f"{prefix}script {name!r}", value.start, (part,), env, production=production))
    return launches


def extract(text: str, root: JNode) -> list[Launch]:
    env = tuple(env_settings(text, get(root, "env"), value_key="value"))
    launches = _scripts(text, get(root, "scripts"), env, True, "")
    environments = get(root, "environments")
    for name, (_, environment) in (environments.pairs.items() if isinstance(environments, JObject) else ()):
        overlay = env + tuple(env_settings(text, get(environment, "env"), value_key="value"))
        launches += _scripts(text, get(environment, "scripts"), overlay, name != "test",
                             f"environments.{name} ")
    if env and not launches:
        launches.append(Launch("env", 0, (), env))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    _, result = analyze_json(source, context, extract)
    try:
        root: Optional[JNode] = load_json(source.text)
    except JsonError:
        root = None
    formation = get(root, "formation") if root is not None else None
    if isinstance(formation, JObject):
        result.facts["formation"] = sorted(formation.pairs)
    result.facts.update(_env_facts(source, root))
    return result


def _env_facts(source: SourceText, root: Optional[JNode]) -> dict[str, Any]:
    """`facts["env"]`: the app's config vars, which the deployment model gives to the Procfile's processes."""
    settings = env_settings(source.text, get(root, "env"), value_key="value") if root is not None else []
    if not settings:
        return {}
    return {"env": [{"name": s.name, "value": s.value.value, "start": s.start, "end": s.end,
                     "span": source.span(s.start, s.end).to_json()} for s in settings]}


def screen_facts(data: bytes) -> dict[str, Any]:
    """An app.json the prefilter rejected (no server named in it) still sets the processes' config vars."""
    if b'"env"' not in data or len(data) > 1_000_000:
        return {}
    try:
        source = decode(data, python=False)
        return _env_facts(source, load_json(source.text))
    except (DecodeError, JsonError):
        return {}
