"""The facts a Python file offers the project pass and the deployment model.

Built once per analysed file from the walk and the rules; see `build` for each
fact's meaning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flasklint.analyzers.base import Reporter
from flasklint.model import Position, Span
from flasklint.python import values as pr
from flasklint.python.walker import Walk

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.python.rules import Rules

def _app_facts(walk: Walk, resolver: pr.Resolver, report: Reporter) -> dict[str, Any]:
    """Module-level names that are Flask apps or app factories (for `FLASK_APP`/gunicorn targets).

    `definitions` gives each name's place (the assignment, or the `def` line of a
    factory), so the project pass can point at the app it names.
    """
    apps = []
    definitions: dict[str, dict[str, Any]] = {}
    for name, bindings in walk.module.bindings.items():
        binding = bindings[-1]
        if binding.kind == "assign" and binding.expr is not None:
            if resolver.resolve_object(binding.expr, walk.module).kind == pr.FLASK:
                apps.append(name)
                if binding.node is not None:
                    definitions[name] = report.node_span(binding.node).to_json()
    factories = []
    for name, scope in walk.functions.items():
        if any(resolver.resolve_object(r, scope).kind == pr.FLASK for r in scope.returns):
            factories.append(name)
            if scope.node is not None:
                head = report.node_span(scope.node).start
                definitions[name] = Span(head, Position(head.line, len(report.source.line_text(head.line)) + 1)).to_json()
    return {"apps": sorted(apps), "factories": sorted(factories), "definitions": definitions}


def build_facts(walk: Walk, rules: "Rules", report: Reporter, starts: list[dict[str, Any]]) -> dict[str, Any]:
    """Every fact of one analysed file (see the module docstring)."""
    facts = _app_facts(walk, rules.resolver, report)
    facts.update(rules.config_facts())
    facts["starts"] = starts
    facts["main_blocks"] = [list(block) for block in walk.main_blocks]
    facts["imports"] = sorted({f"{level}:{name}" for level, name in walk.imports})
    return facts
