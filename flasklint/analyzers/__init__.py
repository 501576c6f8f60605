"""The analyzer registry: which module analyses which file kind, and which rules it implements.

Modules are imported only when a file of their kind needs them, so a scan of a
tree with no YAML never imports a YAML parser, and `flasklint --version`
imports no analyzer at all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, Optional

from flasklint import kinds
from flasklint.analyzers.base import AnalysisContext
from flasklint.model import FileResult
from flasklint.source import SourceText


@dataclass(frozen=True)
class AnalyzerSpec:
    module: str
    kinds: tuple[str, ...]
    rules: tuple[str, ...]

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


ANALYZERS: tuple[AnalyzerSpec, ...] = (
    AnalyzerSpec("flasklint.analyzers.python", (kinds.PYTHON,), ("FL101", "FL102", "FL103", "FL104", "FL105", "FL106")),
    AnalyzerSpec("flasklint.analyzers.compose", (kinds.COMPOSE,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.kubernetes", (kinds.KUBERNETES, kinds.YAML), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.appengine", (kinds.APPENGINE,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.render", (kinds.RENDER,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.fly", (kinds.FLY,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.github_actions", (kinds.GITHUB_ACTIONS,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.shell", (kinds.SHELL,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.makefile", (kinds.MAKEFILE,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.procfile", (kinds.PROCFILE,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.dockerfile", (kinds.DOCKERFILE,), ("FL101", "FL105", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.envfile", (kinds.ENVFILE,), ("FL105", "FL302")),
    AnalyzerSpec("flasklint.analyzers.package_json", (kinds.PACKAGE_JSON,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.tox", (kinds.TOX,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.supervisord", (kinds.SUPERVISORD,), ("FL101", "FL105", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.systemd", (kinds.SYSTEMD,), ("FL101", "FL105", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.requirements", (kinds.REQUIREMENTS,), ()),  # facts for the project pass only
)


def spec_for(kind: str) -> Optional[AnalyzerSpec]:
    for spec in ANALYZERS:
        if kind in spec.kinds:
            return spec
    return None


def implemented_rules() -> set[str]:
    return {rule for spec in ANALYZERS for rule in spec.rules}


def prefilter_for(kind: str) -> Callable[[bytes], bool]:
    spec = spec_for(kind)
    if spec is None:
        return lambda data: False
    return spec.load().may_matter  # type: ignore[no-any-return]


def analyze(kind: str, source: SourceText, context: AnalysisContext) -> FileResult:
    spec = spec_for(kind)
    if spec is None:
        return FileResult()
    return spec.load().analyze(source, context)  # type: ignore[no-any-return]


def screen_facts(kind: str, data: bytes) -> FileResult:
    """Facts a file offers the project pass although its prefilter rejected it (no finding can be there).

    An analyzer module may define `screen_facts(data) -> dict`; most have nothing to offer.
    """
    spec = spec_for(kind)
    screen = getattr(spec.load(), "screen_facts", None) if spec is not None else None
    return FileResult(facts=screen(data) if screen is not None else {})
