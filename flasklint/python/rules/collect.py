"""Collection: the walk's assignments and calls read once, into app events, debug sources and server starts
that the rule families then judge."""

from __future__ import annotations

import ast
import dataclasses
from typing import Any, Optional

from flasklint.python import changes as pyfix
from flasklint.python import frameworks
from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
    ALL_INTERFACES,
    AppEvent,
    CALLED_ATTRIBUTES,
    DebugSource,
    FLASK_RUN_KEYWORDS,
    FLASK_SCRIPT_SERVERS,
    RUN_METHODS,
    Start,
    _IP_ADDRESS,
    _debug_flag,
    _described,
    _short,
    _truthiness_note,
)
from flasklint.python.walker import AssignSite, CallSite


class Collection(RulesBase):
    """Reads the walk into events, debug sources and starts."""

    def collect(self) -> None:
        for assign in self.walk.assigns:
            self._collect_assignment(assign)
        for site in self.walk.calls:
            self._collect_call(site)

    def _collect_assignment(self, site: AssignSite) -> None:
        if self.in_library(site.statement.lineno):
            return
        target, scope = site.target, site.scope
        value = self.resolver.evaluate(site.value, scope)
        if isinstance(target, ast.Subscript):
            key = self.resolver.evaluate(target.slice, scope)
            if not key.known:
                return
            if self.resolver.qualified_name(target.value, scope) == "os.environ":
                self._environment_assignment(str(key.value), value, site.statement, site.statement)
                return
            app = self._config_receiver(target.value)
            if app is None:
                return
            identity, _ = self._app_identity(app, scope)
            if identity is not None:
                self._config_key(identity, str(key.value), value, site.statement, site.statement)
            return
        if isinstance(target, ast.Attribute) and target.attr in ("debug", "wsgi_app"):
            identity, _ = self._app_identity(target.value, scope)
            if identity is None:
                return
            if target.attr == "debug":
                self._add_debug_event(identity, value, site.statement, site.statement, self.code(site.statement))
                return
            wrapped = self.resolver.resolve_object(site.value, scope)
            if wrapped.kind == pr.DEBUGGED and wrapped.node is not None:
                source = self._debugged_source(wrapped.node, scope)
                if source is not None:
                    self.events.append(AppEvent(identity, "debugger_wsgi", site.statement.lineno, source.value, source, site.statement))

    def _config_key(
        self, identity: Any, key: str, value: pr.Value, node: ast.AST, statement: ast.AST,
        text: Optional[str] = None, change: Optional[pyfix.Change] = None,
    ) -> None:
        if key == "DEBUG":
            self._add_debug_event(identity, value, node, statement, text or self.code(node), change)
        elif key == "SERVER_NAME":
            self.events.append(AppEvent(identity, "server_name", statement.lineno, value, None, node))

    def _add_debug_event(
        self, identity: Any, value: pr.Value, node: ast.AST, statement: ast.AST, text: str,
        change: Optional[pyfix.Change] = None,
    ) -> None:
        if change is None and isinstance(node, ast.stmt):
            change = pyfix.RemoveStatement(self.span(node))
        value = _truthiness_note(value)  # Flask uses config["DEBUG"] as a truth value
        source = DebugSource(node, value, _described(f"`{text}`", value), change=change)
        if _debug_flag(value):
            self.debug_sources.append(source)
        self.events.append(AppEvent(identity, "debug", statement.lineno, value, source, node))

    def _collect_call(self, site: CallSite) -> None:
        call, scope = site.call, site.scope
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr not in CALLED_ATTRIBUTES:
            return  # `x.y(...)` matters only for these names (an attribute is never an alias): most calls end here
        if self.in_library(call.lineno):
            return
        name = self.resolver.qualified_name(func, scope)
        if name in pr.RUN_SIMPLE:
            self.starts.append(Start(site, "run_simple", _short(func)))
            return
        if name in FLASK_SCRIPT_SERVERS:
            # Defining the command starts nothing: the server runs on `manage.py runserver`, never on import.
            self.starts.append(Start(dataclasses.replace(site, import_time=False), "flask_script", _short(func)))
            return
        if name in pr.DEBUGGED_APPLICATION:
            source = self._debugged_source(call, scope)
            if source is not None:
                self.debug_sources.append(source)
            return
        if name in ("os.environ.setdefault", "os.putenv") and len(call.args) >= 2:
            key = self.resolver.evaluate(call.args[0], scope)
            if key.known:
                self._environment_assignment(str(key.value), self.resolver.evaluate(call.args[1], scope), call, call)
            return
        if name == "os.environ.update":
            for kw in call.keywords:
                if kw.arg is not None:
                    self._environment_assignment(kw.arg, self.resolver.evaluate(kw.value, scope), kw, call)
            return
        func = self._method_alias(func, scope)
        if not isinstance(func, ast.Attribute):
            return
        if func.attr in RUN_METHODS:
            self._collect_run(site, func.value, func.attr)
            return
        app = self._config_receiver(func.value)
        if app is None or func.attr not in ("update", "from_mapping", "from_object", "from_pyfile", "from_envvar"):
            return
        identity, _ = self._app_identity(app, scope)
        if identity is None:
            return
        if func.attr == "from_object":
            self._collect_from_object(identity, call, scope)
            return
        if func.attr == "from_pyfile":
            target = self.resolver.evaluate(call.args[0], scope) if call.args else pr.UNKNOWN
            if target.known and isinstance(target.value, str):
                self.config_refs.append(self._config_ref("pyfile", target.value, call, target.env))
            return
        if func.attr == "from_envvar":
            self._collect_from_envvar(call, scope)
            return
        items: dict[str, tuple[ast.AST, ast.AST, Optional[pyfix.Change]]] = {}
        for kw in call.keywords:
            if kw.arg is not None:
                items[kw.arg] = (kw, kw.value, self._removal(kw, call))
        if call.args and isinstance(call.args[0], ast.Dict):
            for key_node, value_node in zip(call.args[0].keys, call.args[0].values):
                key = self.resolver.evaluate(key_node, scope) if key_node is not None else pr.UNKNOWN
                if key_node is not None and key.known and isinstance(key.value, str):
                    items[key.value] = (key_node, value_node, pyfix.RemoveDictElement(self.span(key_node)))
        for key, (anchor, value_node, change) in items.items():
            item = self.code(anchor) if isinstance(anchor, ast.keyword) else f"{self.code(anchor)}: {self.code(value_node)}"
            text = f"{item}` in `{self.code(call.func)}(...)"
            self._config_key(identity, key, self.resolver.evaluate(value_node, scope), anchor, call, text, change)

    def _collect_from_envvar(self, call: ast.Call, scope: pr.Scope) -> None:
        """`app.config.from_envvar("APP_SETTINGS")` loads the file the variable names; when this file gives the
        variable a default (`os.environ.setdefault("APP_SETTINGS", "dev.py")`), that file is what runs when
        nothing is set: recorded like `from_pyfile` for the project pass."""
        variable = self.resolver.evaluate(call.args[0], scope) if call.args else pr.UNKNOWN
        if not variable.known or not isinstance(variable.value, str):
            return
        for site in self.walk.calls:
            default = site.call
            if (len(default.args) == 2 and default.lineno <= call.lineno
                    and self.resolver.qualified_name(default.func, site.scope) == "os.environ.setdefault"):
                key = self.resolver.evaluate(default.args[0], site.scope)
                value = self.resolver.evaluate(default.args[1], site.scope)
                if key.known and key.value == variable.value and value.known and isinstance(value.value, str):
                    self.config_refs.append(self._config_ref("pyfile", value.value, call, variable.value))
                    return

    def _method_alias(self, func: ast.AST, scope: pr.Scope) -> ast.AST:
        """`runapp = app.run; runapp(debug=True)`: a name bound to a bound method stands for `app.run`."""
        if isinstance(func, ast.Name):
            binding, _ = scope.lookup(func.id, getattr(func, "lineno", 0))
            if (binding is not None and binding.kind == "assign" and isinstance(binding.expr, ast.Attribute)
                    and binding.expr.attr in RUN_METHODS):
                return binding.expr
        return func

    def _collect_run(self, site: CallSite, receiver: ast.AST, method: str) -> None:
        call, scope = site.call, site.scope
        obj = self.resolver.resolve_object(receiver, scope)
        keywords = {kw.arg for kw in call.keywords if kw.arg}
        if obj.kind == pr.FLASK:
            if method == "run":
                self.starts.append(Start(site, "flask", _short(receiver), obj.identity))
            return
        framework = frameworks.by_kind(obj.kind)
        if framework is not None:  # a framework's app object: its row says which methods start Werkzeug
            if method in framework.run_methods and self._werkzeug_server(framework, call, scope):
                self.starts.append(Start(site, framework.kind, _short(receiver)))
            return
        if obj.kind != pr.MAYBE or method != "run":
            return
        if self._conventional(receiver, scope) and (keywords & FLASK_RUN_KEYWORDS or self._host_first(call, scope)):
            self.starts.append(Start(site, "flask", _short(receiver), ("name", _short(receiver)), fallback=True))
            return
        for framework in frameworks.FRAMEWORKS:
            if isinstance(receiver, ast.Name) and receiver.id in framework.receiver_names and keywords & framework.run_keywords:
                self.starts.append(Start(site, framework.kind, _short(receiver), fallback=True))
                return

    def _werkzeug_server(self, framework: frameworks.Framework, call: ast.Call, scope: pr.Scope) -> bool:
        """Whether the call picks Werkzeug's server where the framework lets it choose (connexion 2's `server=`)."""
        if framework.server_keyword is None:
            return True
        name, werkzeug_values = framework.server_keyword
        if pr.keyword(call, name) is None:
            return True
        chosen = self.resolver.evaluate(pr.keyword(call, name), scope)
        return chosen.known and chosen.value in werkzeug_values

    def _host_first(self, call: ast.Call, scope: pr.Scope) -> bool:
        """`app.run("0.0.0.0")`: a first positional argument that is a host address, as Flask.run takes it."""
        if not call.args or isinstance(call.args[0], ast.Starred):
            return False
        value = self.resolver.evaluate(call.args[0], scope)
        return value.known and isinstance(value.value, str) and (
            value.value in ALL_INTERFACES or value.value == "localhost" or _IP_ADDRESS.fullmatch(value.value) is not None)
