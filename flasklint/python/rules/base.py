"""The state one file's rules build up, and the helpers every rule family uses (spans, source text,
fix offers, app receivers)."""

from __future__ import annotations

import ast
from typing import Any, Optional

from flasklint.analyzers.base import Reporter
from flasklint.findings.catalog import load_catalog
from flasklint.model import Finding, FixSafety, Span
from flasklint.python import changes as pyfix
from flasklint.python import values as pr
from flasklint.python.rules.common import (
    AppEvent,
    CONVENTIONAL_APP_NAMES,
    FACTORY_NAMES,
    DebugSource,
    SELF_APP_NAMES,
    Start,
    _short,
)
from flasklint.python.walker import Walk
from flasklint.sources.source import SourceText


class RulesBase:
    """The state of one file's rules and the helpers every family uses."""

    def __init__(self, walk: Walk, source: SourceText, report: Reporter, tree: Optional[ast.AST] = None) -> None:
        self.walk = walk
        self.tree = tree
        self._load_counts: Optional[dict[str, int]] = None
        self.plans: list[tuple[Finding, pyfix.FixPlan]] = []
        self.source = source
        self.report = report
        self.resolver = pr.Resolver(walk.module, walk.functions, walk.calls, walk.assigns)
        self.events: list[AppEvent] = []
        self.debug_sources: list[DebugSource] = []
        self.env_debug: list[AppEvent] = []
        self.starts: list[Start] = []
        self.config_refs: list[dict[str, Any]] = []
        self.external_config: dict[Any, dict[str, Any]] = {}
        """App identity -> the last config in another file its `from_object` loads (a `config_refs` entry)."""
        self._splat_values: set[int] = set()  # ids of the values the current start gets through `**`
        self.served_by_run_simple: set[Any] = set()  # apps this file serves with run_simple(...)
        self.served_by_run: set[Any] = set()  # apps this file serves with app.run(...)
        self._built: Optional[set[str]] = None  # module-level classes this file builds (see in_library)

    def span(self, node: ast.AST) -> Span:
        return self.report.node_span(node)

    def _offer(self, finding: Finding, description: str, changes: list[Optional[pyfix.Change]]) -> None:
        """Plan a fix for a finding; its safety is the catalog's `fix_safety_level` for the rule."""
        if not self.report.kept(finding):
            return  # past the file's MAX_FILE_FINDINGS: not reported, so nothing to fix
        wanted = tuple(c for c in changes if c is not None)
        level = load_catalog()[finding.rule].fix_safety_level
        if wanted and level != "none":
            self.plans.append((finding, pyfix.FixPlan(description, FixSafety(level), wanted)))

    def _removal(self, node: ast.AST, call: Optional[ast.Call] = None, default: str = "None") -> Optional[pyfix.Change]:
        """How to take away what `node` turns on: the statement it is, or the argument of `call` it is."""
        if isinstance(node, ast.stmt) or (call is None and isinstance(node, ast.Call)):
            return pyfix.RemoveStatement(self.span(node))
        if call is not None and (any(node is k for k in call.keywords) or any(node is a for a in call.args)):
            return pyfix.RemoveArgument(self.span(node), default)
        return None  # a value inside a `**{...}` splat: not ours to rewrite

    def _loads(self, name: str) -> int:
        """How often a name is read anywhere in the module (a constant read once is used only here)."""
        if self._load_counts is None:
            counts: dict[str, int] = {}
            for node in ast.walk(self.tree) if self.tree is not None else ():
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    counts[node.id] = counts.get(node.id, 0) + 1
            self._load_counts = counts
        return self._load_counts.get(name, 0)

    def _read_once(self, name: str) -> bool:
        """Whether the module reads `name` exactly once (it is read here, and assigned in this file).

        The text settles most cases without a walk over the tree: the name's assignment and this read are two
        occurrences, so two in all means no other read; more (another read, or a longer name containing
        it) is counted exactly.
        """
        if self.source.text.count(name) <= 2:
            return True
        return self._loads(name) == 1

    def code(self, node: ast.AST, limit: int = 60) -> str:
        """The node's source text as the user wrote it (quotes and all), on one line and cut to `limit`."""
        span = self.span(node)
        text = self.source.text[self.source.offset(span.start):self.source.offset(span.end)]
        text = " ".join(text.split()) or _short(node, limit)
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def argument_text(self, arg: ast.AST, name: str) -> str:
        """`debug=True`, or `True` (passed by position as debug)."""
        if isinstance(arg, ast.keyword):
            return f"`{self.code(arg)}`"
        if id(arg) in self._splat_values:
            return f"`{name}={self.code(arg)}` (from a ** mapping)"
        return f"`{self.code(arg)}` (passed by position as {name})"

    def _app_identity(self, receiver: ast.AST, scope: pr.Scope) -> tuple[Any, bool]:
        """(identity, fallback) of a Flask app receiver, or (None, False) when it is not one."""
        obj = self.resolver.resolve_object(receiver, scope)
        if obj.kind == pr.FLASK:
            return obj.identity, False
        if obj.kind == pr.MAYBE and self._conventional(receiver, scope):
            return ("name", _short(receiver)), True
        return None, False

    def _conventional(self, receiver: ast.AST, scope: pr.Scope) -> bool:
        if isinstance(receiver, ast.Name):
            return receiver.id in CONVENTIONAL_APP_NAMES
        if (isinstance(receiver, ast.Attribute) and receiver.attr in SELF_APP_NAMES
                and isinstance(receiver.value, ast.Name) and receiver.value.id == "self"):
            return True  # a wrapper class's own app: `self.app.run(host=..., port=...)` (pyrecall)
        if isinstance(receiver, ast.Call):  # `create_app().run(...)` on a factory imported from elsewhere
            func = receiver.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            return name in FACTORY_NAMES
        return (
            isinstance(receiver, ast.Attribute)
            and receiver.attr in CONVENTIONAL_APP_NAMES
            and self.resolver.is_imported(receiver, scope)
        )

    def _config_receiver(self, expr: ast.AST) -> Optional[ast.AST]:
        """`app` of `app.config`, else None."""
        if isinstance(expr, ast.Attribute) and expr.attr == "config":
            return expr.value
        return None

    def in_library(self, line: int) -> bool:
        """Whether a line is inside a `run` method of a class this file defines: a package implementing a
        server start (Flask-SocketIO wrapping DebuggedApplication in `SocketIO.run`) is not the user's server.
        A class the file itself builds (`FlaskAppManager(app=app).run()` under `__main__`) is the user's own
        wrapper: a library defines its server class and leaves building it to its users."""
        return any(first <= line <= last for name, first, last in self.walk.server_methods
                   if name not in self._built_classes())

    def _built_classes(self) -> set[str]:
        if self._built is None:
            self._built = {site.call.func.id for site in self.walk.calls
                           if isinstance(site.call.func, ast.Name) and site.call.func.id in self.walk.classes}
        return self._built
