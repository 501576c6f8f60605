"""Commands and environments out of located JSON, for the JSON families (railway.json, app.json, devcontainer.json).

The JSON counterpart of `yamlconfig`: a command is a string (shell form) or
an array of strings (exec form), an environment is an object of `NAME: value`
(or `NAME: {"value": v}` in Heroku's app.json). `analyze_json` is the shared
skeleton: load, report what does not parse, extract launches, check them.
"""

from __future__ import annotations

from typing import Callable, Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, check_launches, removal_range
from flasklint.sources.jsonsource import JArray, JNode, JObject, JsonError, JString, load_json
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["command_part", "env_settings", "analyze_json", "JsonExtractor"]


def command_part(node: Optional[JNode]) -> Optional[CommandPart]:
    if isinstance(node, JString) and node.value.strip():
        return CommandPart(shell=node.located)
    if isinstance(node, JArray):
        argv = tuple(item.located for item in node.items if isinstance(item, JString))
        return CommandPart(argv=argv) if argv else None
    return None


def env_settings(text: str, node: Optional[JNode], value_key: Optional[str] = None) -> list[EnvSetting]:
    """`{"NAME": "v"}`; with `value_key`, `{"NAME": {"value": "v"}}` too. Non-strings are skipped."""
    if not isinstance(node, JObject):
        return []
    settings = []
    for name, (key_start, value) in node.pairs.items():
        if value_key and isinstance(value, JObject):
            value = value.pairs.get(value_key, (0, None))[1]  # type: ignore[assignment]
        if not isinstance(value, JString):
            continue
        settings.append(EnvSetting(name, value.located, key_start, value.end,
                                   removal_range(text, key_start, value.end, list_item=False) if len(node.pairs) > 1
                                   and text[value.end:value.end + 1] == "," else None))
    return settings


JsonExtractor = Callable[[str, JNode], list[Launch]]


def analyze_json(source: SourceText, context: AnalysisContext, extract: JsonExtractor) -> tuple[Reporter, FileResult]:
    reporter = Reporter(context, source)
    try:
        root = load_json(source.text)
    except JsonError as exc:
        return reporter, reporter.fail(f"not valid JSON ({exc}); not analysed")
    return reporter, check_launches(reporter, source.text, extract(source.text, root))
