"""The analyzer registry: which module analyses which file kind, and which rules it implements.

Modules are imported only when a file of their kind needs them, so a scan of a
tree with no YAML never imports a YAML parser, and `flasklint --version`
imports no analyzer at all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING, Callable, Optional

from flasklint.knowledge import kinds
from flasklint.model import Diagnostic, FileResult

if TYPE_CHECKING:  # pragma: no cover - imported where used: planning (spec_for) must stay cheap
    from flasklint.analyzers.base import AnalysisContext
    from flasklint.sources.source import SourceText


@dataclass(frozen=True)
class AnalyzerSpec:
    module: str
    kinds: tuple[str, ...]
    rules: tuple[str, ...]
    entry: str = "analyze"
    """The module's function that analyses a file: one module may serve several kinds (units.py)."""

    def analyzer(self) -> Callable[..., FileResult]:
        return getattr(self.load(), self.entry)  # type: ignore[no-any-return]

    def load(self) -> ModuleType:
        module = _LOADED.get(self.module)
        if module is None:
            module = _LOADED[self.module] = importlib.import_module(self.module)
        return module


_LOADED: dict[str, ModuleType] = {}
"""Analyzer modules by name, once imported (import_module costs microseconds per file otherwise)."""


ANALYZERS: tuple[AnalyzerSpec, ...] = (
    AnalyzerSpec("flasklint.analyzers.python", (kinds.PYTHON,), ("FL101", "FL102", "FL103", "FL104", "FL105", "FL106")),
    AnalyzerSpec("flasklint.analyzers.compose", (kinds.COMPOSE,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.kubernetes", (kinds.KUBERNETES,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.yamlfamilies", (kinds.YAML,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.helm_values", (kinds.HELM_VALUES,), ("FL105", "FL302")),
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
    AnalyzerSpec("flasklint.analyzers.units", (kinds.SUPERVISORD,), ("FL101", "FL105", "FL202", "FL301", "FL302"),
                 "analyze_supervisord"),
    AnalyzerSpec("flasklint.analyzers.units", (kinds.SYSTEMD,), ("FL101", "FL105", "FL202", "FL301", "FL302"),
                 "analyze_systemd"),
    AnalyzerSpec("flasklint.analyzers.requirements", (kinds.REQUIREMENTS,), ("FL101", "FL201", "FL202")),
    # dependency facts; pdm/hatch/Pipfile scripts are development commands
    AnalyzerSpec("flasklint.analyzers.justfile", (kinds.JUSTFILE,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.taskfile", (kinds.TASKFILE,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.ci", (kinds.CI,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.railway", (kinds.RAILWAY,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.nixpacks", (kinds.NIXPACKS,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.heroku_app", (kinds.HEROKU_APP,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.ebextensions", (kinds.EBEXTENSIONS,), ("FL101", "FL105", "FL201", "FL202", "FL301", "FL302")),
    AnalyzerSpec("flasklint.analyzers.devcontainer", (kinds.DEVCONTAINER,), ("FL101", "FL105", "FL201", "FL202")),
    AnalyzerSpec("flasklint.analyzers.uwsgi", (kinds.UWSGI,), ("FL105", "FL302")),
    AnalyzerSpec("flasklint.analyzers.dockerignore", (kinds.DOCKERIGNORE,), ()),  # what an image can hold: facts
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


OWN_TEMPLATES = frozenset({kinds.JUSTFILE})
"""Families whose `{{ }}` is their own interpolation, read by their analyzer (not template actions)."""


def analyze(kind: str, source: "SourceText", context: "AnalysisContext") -> FileResult:
    from flasklint.sources import templating

    spec = spec_for(kind)
    if spec is None:
        return FileResult()
    python = kind == kinds.PYTHON
    if kind in OWN_TEMPLATES or not templating.is_templated(source.text, python=python):
        return spec.analyzer()(source, context)
    return _analyze_template(spec, source, context, python)


def _analyze_template(spec: AnalyzerSpec, source: "SourceText", context: "AnalysisContext", python: bool) -> FileResult:
    """A templated file, read with its actions as unknown values (flasklint.sources.templating).

    Findings keep their places (the text keeps its length) but lose fixes that
    would edit or copy a template action, show the file's own lines, and the
    file gets at most one diagnostic: a template that does not parse once its
    actions are blanked is one problem, not a stream of them.
    """
    from flasklint.sources import templating
    from flasklint.sources.source import SourceText

    blanked = templating.blank(source.text, python=python)
    context = replace(context, options={**context.options, "template_source": source.text})
    result: FileResult = spec.analyzer()(replace(source, text=blanked.text, _line_starts=None), context)
    original = SourceText(source.text)
    findings = []
    for finding in result.findings:
        fix = None if python else finding.fix  # a Python template does not parse, so no fix could be verified
        if fix is not None and any(templating.overlaps(blanked.spans, e.start, e.end)
                                   or templating.is_unknown(e.replacement) for e in fix.edits):
            fix = None
        last = min(finding.span.end.line, finding.span.start.line + len(finding.source_lines) - 1)
        lines = tuple(original.line_text(n) for n in range(finding.span.start.line, last + 1))
        findings.append(finding.with_changes(fix=fix, source_lines=lines or finding.source_lines,
                                             message=finding.message.replace(templating.PLACEHOLDER, "")))
    result.findings = findings
    for fact in result.facts.get("command_starts", ()):
        if templating.overlaps(blanked.spans, fact.get("start", 0), fact.get("end", 0)) or any(
                isinstance(v, str) and templating.is_unknown(v) for v in fact.values()):
            fact["fixable"] = False
    if result.diagnostics:
        first = result.diagnostics[0]
        more = f" (and {len(result.diagnostics) - 1} more)" if len(result.diagnostics) > 1 else ""
        result.diagnostics = [Diagnostic(first.path, f"template read with its {{{{ }}}}/{{% %}} actions as unknown "
                                                     f"values; part of it could not be read: {first.message}{more}")]
    result.facts["templated"] = True
    return result


def screen_facts(kind: str, data: bytes) -> FileResult:
    """Facts a file offers the project pass although its prefilter rejected it (no finding can be there).

    An analyzer module may define `screen_facts(data) -> dict`; most have nothing to offer.
    """
    spec = spec_for(kind)
    screen = getattr(spec.load(), "screen_facts", None) if spec is not None else None
    return FileResult(facts=screen(data) if screen is not None else {})
