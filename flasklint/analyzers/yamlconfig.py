"""Reading commands and environments out of composed YAML, for every YAML family analyzer.

Compose files, Kubernetes manifests, app.yaml, render.yaml and workflows spell
the same things in a few shapes: a command as a string or a list, an
environment as a map (`NAME: value`), a list of assignments (`- NAME=value`)
or a list of `{name, value}` records. The readers here turn each shape into
`launches.CommandPart`/`EnvSetting` with exact offsets, and `analyze_yaml` is
the skeleton every YAML analyzer shares: load, report problems, extract per
document, check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, check_launches, removal_range
from flasklint.sources.collector import collector_paused
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import (
    Walker,
    YamlDocument,
    YamlStream,
    YamlTooComplex,
    YMap,
    YNode,
    YScalar,
    YSeq,
    load_yaml,
    scalar_value,
)


@dataclass
class YamlConfig:
    """One composed stream and a budgeted walker over it: what an extractor reads."""

    stream: YamlStream
    walk: Walker
    reporter: Optional[Reporter] = None
    """The file's reporter, when the stream is being analysed (not for a screen's facts alone)."""

    @property
    def text(self) -> str:
        return self.stream.text

    def cut(self, offset: int, message: str) -> None:
        """Say where a bound cut what is read (`line N: message`), once for that place however often it is
        read (a compose document's services are listed for its launches and for its facts)."""
        if self.reporter is not None:
            self.reporter.warn_once(f"cut@{offset}", f"line {self.reporter.source.line(offset)}: {message}")

    def located(self, node: YScalar) -> LocatedText:
        return self.stream.located(node)

    def get(self, node: Optional[YNode], *path: str) -> Optional[YNode]:
        return self.walk.get(node, *path)

    def mapping(self, node: Optional[YNode]) -> dict[str, tuple[YScalar, YNode]]:
        return self.walk.mapping(node)

    def fields(self, node: Optional[YNode], keys: Sequence[str]) -> list[Optional[YNode]]:
        return self.walk.fields(node, keys)

    def items(self, node: Optional[YNode]) -> list[YNode]:
        return self.walk.items(node)

    def string(self, node: Optional[YNode], *path: str) -> Optional[str]:
        return scalar_value(self.get(node, *path))


def _node_end(node: YNode) -> int:
    """Where a node's own text ends (a block mapping's end mark is the next token's start)."""
    while isinstance(node, YMap) and node.pairs:
        node = node.pairs[-1][1]
    while isinstance(node, YSeq) and node.items:
        node = node.items[-1]
    return node.end


def command_part(config: YamlConfig, node: Optional[YNode]) -> Optional[CommandPart]:
    """A command given as a string (shell form) or a list of strings (exec form)."""
    if isinstance(node, YScalar) and not node.is_null:
        return CommandPart(shell=config.located(node))
    if isinstance(node, YSeq):
        argv = tuple(config.located(item) for item in config.items(node) if isinstance(item, YScalar))
        if not argv:
            return None
        if config.text.startswith("[", node.start):
            return CommandPart(argv=argv)
        indent = config.text[config.text.rfind("\n", 0, node.start) + 1:node.start]
        return CommandPart(argv=argv, block_indent=indent, renderable=indent.strip(" ") == "")
    return None


def env_from_mapping(config: YamlConfig, node: Optional[YNode]) -> list[EnvSetting]:
    """`NAME: value` pairs; a null value (`NAME:`) is inherited from elsewhere, so not a setting."""
    pairs = config.mapping(node)
    settings = []
    for name, (key, value) in pairs.items():
        if not isinstance(value, YScalar) or value.is_null:
            continue
        removal = removal_range(config.text, key.start, value.end, list_item=False) if len(pairs) > 1 else None
        settings.append(EnvSetting(name, config.located(value), key.start, value.end, removal))
    return settings


def env_from_list(config: YamlConfig, node: Optional[YNode], name_key: str = "name",
                  value_key: str = "value") -> list[EnvSetting]:
    """`- NAME=value` strings, or `- {name: NAME, value: v}` records (`valueFrom` and the like skipped)."""
    items = config.items(node)
    settings = []
    for item in items:
        removal = None
        if len(items) > 1:
            removal = removal_range(config.text, item.start, _node_end(item), list_item=True)
        if isinstance(item, YScalar) and not item.is_null:
            name, eq, _ = item.value.partition("=")
            if not eq or not name:
                continue
            located = config.located(item)
            settings.append(EnvSetting(name, located.slice(len(name) + 1), item.start, item.end, removal))
        elif isinstance(item, YMap):
            name = config.string(item, name_key)
            value = config.get(item, value_key)
            if name is None or not isinstance(value, YScalar) or value.is_null:
                continue
            settings.append(EnvSetting(name, config.located(value), item.start, _node_end(item), removal))
    return settings


def env_settings(config: YamlConfig, node: Optional[YNode]) -> list[EnvSetting]:
    """An environment in any of the shapes: a map, or a list of assignments or records."""
    if isinstance(node, YMap):
        return env_from_mapping(config, node)
    return env_from_list(config, node)


Extractor = Callable[[YamlConfig, YamlDocument], list[Launch]]


def analyze_yaml(source: SourceText, context: AnalysisContext, extract: Extractor) -> FileResult:
    """Load the stream, report what does not parse, extract launches per document, check them."""
    with collector_paused():
        return _analyze_yaml(source, context, extract)


def _analyze_yaml(source: SourceText, context: AnalysisContext, extract: Extractor) -> FileResult:
    reporter = Reporter(context, source)
    stream = load_yaml(source.text)
    for problem in stream.problems:
        where = source.position(problem.offset)
        hint = ""
        if "{{" in source.text:
            hint = " (template syntax such as {{ }} is not YAML: scan the rendered output instead)"
        reporter.warn(f"line {where.line}, column {where.column}: {problem.message}{hint}")
    launches: list[Launch] = []
    for document in stream.documents:
        config = YamlConfig(stream, document.walker(), reporter)
        try:
            launches.extend(extract(config, document))
        except YamlTooComplex as exc:
            where = source.position(document.start)
            reporter.warn(f"line {where.line}: {exc}")
    return check_launches(reporter, source.text, launches)
