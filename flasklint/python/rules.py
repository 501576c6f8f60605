"""The FL101-FL106 decisions: what in a walked Python file is a finding, and its message and fix plan.

`Rules` reads the `Walk` (walker.py), asks `values.Resolver` what receivers and
arguments resolve to, and reports through the analyzer's `Reporter`. How a
host or debug value is resolved lives in values.py; how a fix is written in
fixes.py.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any, Optional

from flasklint.analyzers.base import Reporter
from flasklint.catalog import load_catalog
from flasklint.model import Finding, FixSafety, Span
from flasklint.python import fixes as pyfix
from flasklint.python import values as pr
from flasklint.python.walker import AssignSite, CallSite, IfSite, Walk
from flasklint.source import SourceText

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]"})
LOOPBACK = "127.0.0.1"
CONVENTIONAL_APP_NAMES = frozenset({"app", "application", "server"})
FLASK_RUN_KEYWORDS = frozenset(
    {"host", "port", "debug", "load_dotenv", "use_reloader", "use_debugger", "use_evalex",
     "threaded", "ssl_context", "extra_files", "reloader_type", "passthrough_errors"}
)
SOCKETIO_RUN_KEYWORDS = frozenset({"host", "port", "debug", "allow_unsafe_werkzeug", "use_reloader", "log_output"})
DEBUG_OFF_STRINGS = frozenset({"0", "false", "no"})  # flask.helpers.get_debug_flag
PIN_VARIABLE = "WERKZEUG_DEBUG_PIN"
_IP_ADDRESS = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-fA-F:]*:[0-9a-fA-F:]*\]?")
HOST_POSITION = {"flask": 0, "socketio": 1, "run_simple": 0, "dash": 0, "flask_script": 0}
"""Where each server start takes its host positionally (Flask.run, SocketIO.run(app, host), run_simple, Dash.run,
Flask-Script's Server(host, port, use_debugger, ...))."""
FLASK_SCRIPT_SERVERS = ("flask_script.Server", "flask_script.commands.Server")
"""Flask-Script's `runserver` command: `Server(...)` configures the `app.run` that `manage.py runserver` makes."""
CALLED_ATTRIBUTES = frozenset(
    {name.rpartition(".")[2] for name in (*pr.RUN_SIMPLE, *FLASK_SCRIPT_SERVERS, *pr.DEBUGGED_APPLICATION)}
    | {"setdefault", "putenv", "update", "run", "run_server", "from_mapping", "from_object", "from_pyfile",
       "from_envvar"}
)
"""The last names of every attribute call `_collect_call` acts on."""
DEBUG_POSITION = {"flask": 2, "dash": 3}
"""Flask.run(host, port, debug); Dash.run(host, port, proxy, debug). Others take debug by keyword only."""



ADVICE_RUN = "remove it, and use `flask run --debug` on your own machine only"
ADVICE_CONFIG = "keep DEBUG off in code that ships, and turn it on locally with `flask run --debug`"
ADVICE_USE_DEBUGGER = "remove it (or pass use_debugger=False) in code that can reach production"
ADVICE_EVALEX = "do not wrap an app that can reach production in DebuggedApplication; remove the wrapper or pass evalex=False"
TRUTHINESS_ADVICE = '; to read a flag from the environment, compare the string (`os.environ.get("DEBUG") == "1"`)'
ADVICE_ENV = "do not set FLASK_DEBUG in code; set it only in your local shell or .flaskenv"


@dataclass
class DebugSource:
    """Something that turns the debugger on: a keyword argument or a statement.

    `description` says what was found with its resolved value (the first clause
    of a message); `advice` says what to do about this kind of switch.
    """

    node: ast.AST
    value: pr.Value
    description: str
    advice: str = ADVICE_CONFIG
    consumed: bool = False
    related_node: Optional[ast.AST] = None
    change: Optional[pyfix.Change] = None
    """How a fix takes it away (None when no fix can: a config class loaded by from_object, a splat)."""


@dataclass
class AppEvent:
    """A statement that changes an app's state (debug flag, SERVER_NAME, wsgi_app)."""

    identity: Any
    what: str  # "debug" | "server_name" | "debugger_wsgi"
    line: int
    value: pr.Value
    source: Optional[DebugSource]
    node: ast.AST


@dataclass
class Start:
    """One dev-server start: `app.run()`, `socketio.run(app)` or `run_simple()`."""

    site: CallSite
    kind: str  # "flask" | "socketio" | "run_simple" | "dash" | "connexion"
    receiver_text: str
    identity: Any = None
    fallback: bool = False


def _short(node: ast.AST, limit: int = 60) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse of a valid tree should not fail
        return "..."
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _argument(call: ast.Call, index: Optional[int], name: str, splat: dict[str, ast.AST]) -> Optional[ast.AST]:
    """An argument given by position, keyword or a `**{...}` literal (the whole keyword node when given by keyword)."""
    if index is not None and len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return splat.get(name)


def _value_node(arg: Optional[ast.AST]) -> Optional[ast.AST]:
    return arg.value if isinstance(arg, ast.keyword) else arg




def _shown(value: Any) -> str:
    """A value as a user reads it: strings in double quotes, the rest as Python writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _described(text: str, value: pr.Value) -> str:
    """`text`, plus ` resolves to VALUE via ...` when the value came from elsewhere (a constant, the environment)."""
    if not value.resolved:
        return text
    return f"{text} resolves to {_shown(value.value)}{value.explain()}"


def _note(value: pr.Value) -> str:
    return f" ({value.note})" if value.note else ""


def _truthiness_note(value: pr.Value) -> pr.Value:
    """Explain why a string such as "false" turns debug on: Flask does bool(debug)."""
    if value.known and isinstance(value.value, str) and value.value and not value.note:
        return pr.Value(True, value.value, value.via, value.env, value.origin,
                        f'bool("{value.value}") is True: any non-empty string turns debug on')
    return value


def _debug_flag(value: pr.Value) -> Optional[bool]:
    return bool(value.value) if value.known else None


def _env_debug_flag(value: pr.Value) -> Optional[bool]:
    """flask.helpers.get_debug_flag: on unless empty or one of 0/false/no."""
    if not value.known:
        return None
    text = "" if value.value is None else str(value.value)
    return bool(text) and text.lower() not in DEBUG_OFF_STRINGS


class Rules:
    """Turns the walk into findings. Methods read top to bottom with early returns."""

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
        self._splat_values: set[int] = set()  # ids of the values the current start gets through `**`
        self.served_by_run_simple: set[Any] = set()  # apps this file serves with run_simple(...)
        self.served_by_run: set[Any] = set()  # apps this file serves with app.run(...)

    # ---- helpers ---------------------------------------------------------

    def span(self, node: ast.AST) -> Span:
        return self.report.node_span(node)

    # ---- fixes -----------------------------------------------------------

    def _offer(self, finding: Finding, description: str, changes: list[Optional[pyfix.Change]]) -> None:
        """Plan a fix for a finding; its safety is the catalog's `fix_safety_level` for the rule."""
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

    def _host_change(self, host_arg: Optional[ast.AST], value: pr.Value, call: ast.Call, scope: pr.Scope) -> Optional[pyfix.Change]:
        """Where to write 127.0.0.1: the literal itself when it is in the call or in a constant read only here,
        else the host argument of the call (a constant used elsewhere too is left alone)."""
        origin, expr = value.origin, _value_node(host_arg)
        if expr is None:
            if any(kw.arg is None for kw in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
                return None  # a splat might pass a host too
            return pyfix.AddKeyword(self.span(call), "host", LOOPBACK)  # the host came from SERVER_NAME
        literal = isinstance(origin, ast.Constant) and isinstance(origin.value, str)
        if literal and value.via and value.via[0].startswith(("the default of", "the return value of")):
            return pyfix.ReplaceWithString(self.span(origin), LOOPBACK)  # the default, not the caller's choice
        if literal and any(node is origin for node in ast.walk(expr)):
            return pyfix.ReplaceWithString(self.span(origin), LOOPBACK)
        if literal and isinstance(expr, ast.Name) and self._read_once(expr.id):
            binding, _ = scope.lookup(expr.id, expr.lineno)
            if binding is not None and binding.kind == "assign" and binding.expr is not None:
                if any(node is origin for node in ast.walk(binding.expr)):
                    return pyfix.ReplaceWithString(self.span(origin), LOOPBACK)
        if any(host_arg is k for k in call.keywords) or any(host_arg is a for a in call.args):
            return pyfix.ReplaceWithString(self.span(expr), LOOPBACK)
        return None

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

    # ---- collection ------------------------------------------------------

    def collect(self) -> None:
        for assign in self.walk.assigns:
            self._collect_assignment(assign)
        for site in self.walk.calls:
            self._collect_call(site)

    def in_library(self, line: int) -> bool:
        """Whether a line is inside a `run` method of a class this file defines: a package implementing a
        server start (Flask-SocketIO wrapping DebuggedApplication in `SocketIO.run`) is not the user's server."""
        return any(first <= line <= last for _, first, last in self.walk.server_methods)

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

    def _environment_assignment(self, name: str, value: pr.Value, node: ast.AST, statement: ast.AST) -> None:
        removal = self._removal(node, statement if isinstance(statement, ast.Call) and statement is not node else None)
        if name == PIN_VARIABLE and value.known and str(value.value).lower() == "off":
            finding = self.report.add(
                "FL105", node,
                f'`{self.code(node)}` sets {PIN_VARIABLE} to "off"{value.explain()}: that removes the PIN that guards '
                "the Werkzeug debugger console, so anyone who reaches a debugger page can run Python on this "
                "machine; remove it, and keep the PIN on wherever the debugger runs",
            )
            self._offer(finding, f"Remove the {PIN_VARIABLE}=off setting", [removal])
        elif name == "FLASK_DEBUG":
            source = DebugSource(node, value, _described(f"`{self.code(node)}`", value), ADVICE_ENV, change=removal)
            if _env_debug_flag(value):
                self.debug_sources.append(source)
            self.env_debug.append(AppEvent(None, "debug", statement.lineno, value, source, node))

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
        if func.attr in ("run", "run_server"):
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
                    and binding.expr.attr in ("run", "run_server")):
                return binding.expr
        return func

    def _collect_from_object(self, identity: Any, call: ast.Call, scope: pr.Scope) -> None:
        """`app.config.from_object(X)`: read DEBUG from the class (or module) X selects.

        X may pick a class by an environment variable (`config[os.getenv("FLASK_CONFIG",
        "default")]`, `Dev if os.getenv("X") else Prod`): the branch taken when the
        variable is unset is what production gets by default, so that is the one
        judged. A class or module in another file (`"config.DevelopmentConfig"`, an
        imported class) is recorded as a fact for the project pass.
        """
        if not call.args:
            return
        chosen = self.resolver.select(call.args[0], scope)
        node = chosen.node
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            node = node.func  # an instance of the class: DevelopmentConfig()
        when = f" when {chosen.env} is unset" if chosen.env else ""
        found: Optional[tuple[str, ast.AST, pr.Value]] = None
        if isinstance(node, ast.Name) and node.id == "__name__" and self.walk.module.bindings.get("__name__") is None:
            found = self._module_setting("DEBUG")
            label = "this module's settings"
        elif isinstance(node, ast.Name) and self._is_module_class(node, chosen.scope):
            found = self._class_attribute(node.id, "DEBUG", set())
            label = node.id
        else:
            mapping = self._imported_mapping(node, chosen.scope)
            if mapping is not None:
                container, key = mapping
                ref = self._config_ref("mapping", container, call, key.env or chosen.env)
                ref["key"] = key.value
                self.config_refs.append(ref)
                return
            target = self.resolver.evaluate(node, chosen.scope)
            name = target.value if target.known and isinstance(target.value, str) else self.resolver.qualified_name(node, chosen.scope)
            if name:
                self.config_refs.append(self._config_ref("object", name, call, chosen.env))
            return
        if found is None:
            return
        where_set, assign, value = found
        value = _truthiness_note(value)  # Flask uses config["DEBUG"] as a truth value
        if chosen.env:
            advice = (f"make the fallback a production config (DEBUG off), so that an unset {chosen.env} never turns "
                      "debug on, and turn debug on locally with `flask run --debug`")
        else:
            advice = f"set DEBUG = False in {where_set} (or leave it out), and turn debug on locally with `flask run --debug`"
        source = DebugSource(
            call, value,
            f"`{self.code(call, 100)}` loads {label}{when}, whose DEBUG is {_shown(value.value)}{value.explain()} "
            f"(line {assign.lineno})",
            advice,
            related_node=assign,
        )
        if _debug_flag(value):
            self.debug_sources.append(source)
        self.events.append(AppEvent(identity, "debug", call.lineno, value, source, call))

    def _imported_mapping(self, node: ast.AST, scope: pr.Scope) -> Optional[tuple[str, pr.Value]]:
        """`config[os.getenv("FLASK_CONFIG", "default")]` (or `.get(key)`) on an imported dict: (its dotted name,
        the key when nothing is set), for the project pass to look up in the module that defines it."""
        if isinstance(node, ast.Subscript):
            container, key_node = node.value, node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
              and node.args):
            container, key_node = node.func.value, node.args[0]
        else:
            return None
        if not self.resolver.is_imported(container, scope):
            return None
        name = self.resolver.qualified_name(container, scope)
        key = self.resolver.evaluate(key_node, scope)
        if name is None or not key.known or not isinstance(key.value, str):
            return None
        return name, key

    def _is_module_class(self, name: ast.Name, scope: pr.Scope) -> bool:
        binding, _ = scope.lookup(name.id, getattr(name, "lineno", 0))
        return binding is not None and binding.kind == "class" and name.id in self.walk.classes

    def _module_setting(self, name: str) -> Optional[tuple[str, ast.AST, pr.Value]]:
        """A module-level `NAME = value` (its last binding), as `_class_attribute` returns it."""
        bindings = self.walk.module.bindings.get(name)
        if not bindings or bindings[-1].kind != "assign" or bindings[-1].node is None:
            return None
        binding = bindings[-1]
        return "this module", binding.node, self.resolver.evaluate(binding.expr, self.walk.module)

    def _config_ref(self, how: str, target: str, call: ast.Call, env: Optional[str]) -> dict[str, Any]:
        span = self.span(call)
        return {"how": how, "target": target, "env": env, "line": span.start.line, "column": span.start.column,
                "end_line": span.end.line, "end_column": span.end.column, "call": self.code(call)}

    def config_facts(self) -> dict[str, Any]:
        """What other files' `from_object`/`from_pyfile` may load from this one, and what this one loads.

        `config_refs`: this file's loads that name another file (`"config.DevelopmentConfig"`,
        an imported class, `from_pyfile("settings.py")`); `config_classes`: each
        module-level class's DEBUG (bases in this module followed); `module_debug`: a
        module-level `DEBUG = ...`. The project pass links them without re-reading files.
        """
        classes: dict[str, Any] = {}
        for class_name in self.walk.classes:
            found = self._class_attribute(class_name, "DEBUG", set())
            if found is not None:
                classes[class_name] = self._setting_fact(found)
        facts: dict[str, Any] = {}
        if self.config_refs:
            facts["config_refs"] = self.config_refs
        if classes:
            facts["config_classes"] = classes
        module = self._module_setting("DEBUG")
        if module is not None:
            facts["module_debug"] = self._setting_fact(module)
        return facts

    def _setting_fact(self, found: tuple[str, ast.AST, pr.Value]) -> dict[str, Any]:
        fact = _setting_fact(found)
        span = self.span(found[1])
        fact.update(column=span.start.column, end_line=span.end.line, end_column=span.end.column,
                    code=self.code(found[1]))
        return fact

    def imported_value(self, what: str, arg: Optional[ast.AST], scope: pr.Scope) -> Optional[dict[str, Any]]:
        """A host or debug argument whose value is a name imported from another module (`settings.DEBUG`,
        `default_config.BIND_ADDRESS`), for the project pass to read in that module's `constants`."""
        expr = _value_node(arg)
        if not isinstance(expr, (ast.Name, ast.Attribute)) or not self.resolver.is_imported(expr, scope):
            return None
        if self.resolver.evaluate(expr, scope).known:
            return None
        target = self.resolver.qualified_name(expr, scope)
        if target is None or "." not in target.strip("."):
            return None
        span = self.span(arg)  # type: ignore[arg-type]
        return {"what": what, "target": target, "code": self.code(arg), "line": span.start.line,  # type: ignore[arg-type]
                "column": span.start.column, "end_line": span.end.line, "end_column": span.end.column}

    def _class_attribute(self, class_name: str, attribute: str, seen: set[str]) -> Optional[tuple[str, ast.AST, pr.Value]]:
        """A class attribute of a module-level class, following its bases in this module."""
        entry = self.walk.classes.get(class_name)
        if entry is None or class_name in seen:
            return None
        seen.add(class_name)
        scope, node = entry
        bindings = scope.bindings.get(attribute)
        if bindings and bindings[-1].kind == "assign":
            binding = bindings[-1]
            return class_name, binding.node or node, self.resolver.evaluate(binding.expr, scope)
        for base in node.bases:
            if isinstance(base, ast.Name):
                found = self._class_attribute(base.id, attribute, seen)
                if found is not None:
                    return found
        return None

    def _debugged_source(self, call: ast.Call, scope: pr.Scope) -> Optional[DebugSource]:
        """The `evalex=True` of `DebuggedApplication(app, evalex=True)` (positional or keyword)."""
        arg = _argument(call, 1, "evalex", {})
        if arg is None:
            return None
        value = _truthiness_note(self.resolver.evaluate(_value_node(arg), scope))
        if not _debug_flag(value):
            return None
        for existing in self.debug_sources:
            if existing.node is arg:
                return existing
        return DebugSource(arg, value, _described(self.argument_text(arg, "evalex"), value), ADVICE_EVALEX,
                           change=self._removal(arg, call, "False"))

    def _collect_run(self, site: CallSite, receiver: ast.AST, method: str) -> None:
        call, scope = site.call, site.scope
        obj = self.resolver.resolve_object(receiver, scope)
        keywords = {kw.arg for kw in call.keywords if kw.arg}
        if obj.kind == pr.DASH:
            self.starts.append(Start(site, "dash", _short(receiver)))
            return
        if method != "run":
            return
        if obj.kind == pr.CONNEXION:
            server = self.resolver.evaluate(pr.keyword(call, "server"), scope)
            if "server" not in keywords or (server.known and server.value in (None, "flask")):
                self.starts.append(Start(site, "connexion", _short(receiver)))
            return
        if obj.kind == pr.FLASK:
            self.starts.append(Start(site, "flask", _short(receiver), obj.identity))
            return
        if obj.kind == pr.SOCKETIO:
            self.starts.append(Start(site, "socketio", _short(receiver)))
            return
        if obj.kind != pr.MAYBE:
            return
        if self._conventional(receiver, scope) and (keywords & FLASK_RUN_KEYWORDS or self._host_first(call, scope)):
            self.starts.append(Start(site, "flask", _short(receiver), ("name", _short(receiver)), fallback=True))
        elif isinstance(receiver, ast.Name) and receiver.id == "socketio" and keywords & SOCKETIO_RUN_KEYWORDS:
            self.starts.append(Start(site, "socketio", _short(receiver), fallback=True))

    def _host_first(self, call: ast.Call, scope: pr.Scope) -> bool:
        """`app.run("0.0.0.0")`: a first positional argument that is a host address, as Flask.run takes it."""
        if not call.args or isinstance(call.args[0], ast.Starred):
            return False
        value = self.resolver.evaluate(call.args[0], scope)
        return value.known and isinstance(value.value, str) and (
            value.value in ALL_INTERFACES or value.value == "localhost" or _IP_ADDRESS.fullmatch(value.value) is not None)

    # ---- evaluation of starts --------------------------------------------

    def _last_event(self, identity: Any, what: str, site: CallSite) -> Optional[AppEvent]:
        if identity is None:
            return None
        line = site.call.lineno
        in_function = site.scope.kind != "module"
        chosen: Optional[AppEvent] = None
        for event in self.events:
            if event.identity == identity and event.what == what and (event.line <= line or in_function):
                chosen = event
        return chosen

    def _debugger(self, start: Start, splat: dict[str, ast.AST]) -> tuple[Optional[DebugSource], Optional[DebugSource]]:
        """(the source that turns the debugger on for this start, or None; a new keyword source to report)."""
        call, scope = start.site.call, start.site.scope
        if start.kind == "run_simple":
            use_debugger = _argument(call, 4, "use_debugger", splat)
            if use_debugger is not None:
                value = _truthiness_note(self.resolver.evaluate(_value_node(use_debugger), scope))
                if _debug_flag(value):
                    source = DebugSource(use_debugger, value, _described(self.argument_text(use_debugger, "use_debugger"), value),
                                         ADVICE_USE_DEBUGGER, change=self._removal(use_debugger, call, "False"))
                    return source, source
            application = _value_node(_argument(call, 2, "application", splat))
            if application is not None:
                wrapped = self.resolver.resolve_object(application, scope)
                if wrapped.kind == pr.DEBUGGED and wrapped.node is not None:
                    return self._debugged_source(wrapped.node, scope), None
                identity, _ = self._app_identity(application, scope)
                if identity is not None:
                    self.served_by_run_simple.add(identity)
            return None, None
        if start.identity is not None:
            self.served_by_run.add(start.identity)
        explicit = _argument(call, 2 if start.kind == "flask_script" else None, "use_debugger", splat)
        if explicit is not None:
            value = _truthiness_note(self.resolver.evaluate(_value_node(explicit), scope))
            if not value.known or not value.value:
                return None, None  # debugger explicitly off (or unknowable)
            source = DebugSource(explicit, value, _described(self.argument_text(explicit, "use_debugger"), value),
                                 ADVICE_USE_DEBUGGER, change=self._removal(explicit, call, "None"))
            return source, source
        debug_arg = _argument(call, DEBUG_POSITION.get(start.kind), "debug", splat)
        if debug_arg is not None:
            value = _truthiness_note(self.resolver.evaluate(_value_node(debug_arg), scope))
            if value.known and value.value is not None:
                if not value.value:
                    return None, None
                source = DebugSource(debug_arg, value, _described(self.argument_text(debug_arg, "debug"), value),
                                     ADVICE_RUN, change=self._removal(debug_arg, call, "None"))
                return source, source
            if not value.known:
                return None, None
        identity = start.identity
        if start.kind == "socketio":
            app = _value_node(_argument(call, 0, "app", splat))
            identity = self._app_identity(app, scope)[0] if app is not None else None
        wsgi = self._last_event(identity, "debugger_wsgi", start.site)
        if wsgi is not None and wsgi.source is not None:
            return wsgi.source, None
        event = self._last_event(identity, "debug", start.site)
        env_events = [e for e in self.env_debug if e.line <= call.lineno or start.site.scope.kind != "module"]
        if env_events and start.kind == "flask":
            load_dotenv = _argument(call, 3, "load_dotenv", splat)
            load = self.resolver.evaluate(_value_node(load_dotenv), scope) if load_dotenv is not None else pr.literal(True, None)
            if load.known and load.value and _env_debug_flag(env_events[-1].value):
                return env_events[-1].source, None  # Flask.run re-reads FLASK_DEBUG over app.debug
        if event is not None and event.source is not None and _debug_flag(event.value):
            return event.source, None
        return None, None

    def _bind_all(self, start: Start, splat: dict[str, ast.AST]) -> tuple[Optional[ast.AST], Optional[pr.Value], Optional[AppEvent]]:
        """(anchor node of the host, its value, the SERVER_NAME event used) when the start binds all interfaces."""
        call, scope = start.site.call, start.site.scope
        index = HOST_POSITION.get(start.kind)
        name = "hostname" if start.kind == "run_simple" else "host"
        host_arg = _argument(call, index, name, splat)
        value = self.resolver.evaluate(_value_node(host_arg), scope) if host_arg is not None else pr.literal(None, None)
        if not value.known:
            return None, None, None
        host = value.value
        if isinstance(host, str) and host in ALL_INTERFACES:
            return host_arg, value, None
        if start.kind == "run_simple":
            return (host_arg, value, None) if host == "" else (None, None, None)
        if host or start.kind != "flask":
            return None, None, None
        server_name = self._last_event(start.identity, "server_name", start.site)
        if server_name is None or not server_name.value.known or not isinstance(server_name.value.value, str):
            return None, None, None
        sn_host = server_name.value.value.partition(":")[0]
        if sn_host in ALL_INTERFACES:
            return None, pr.Value(True, sn_host, server_name.value.via, server_name.value.env), server_name
        return None, None, None

    def evaluate_starts(self) -> list[dict[str, Any]]:
        facts = []
        for start in self.starts:
            facts.append(self._evaluate_start(start))
        return facts

    def _evaluate_start(self, start: Start) -> dict[str, Any]:
        call, scope = start.site.call, start.site.scope
        splat: dict[str, ast.AST] = {}
        for kw in call.keywords:
            if kw.arg is None:
                splat.update(self.resolver.splat_items(kw.value, scope) or {})
        self._splat_values = {id(node) for node in splat.values()}
        debugger, new_source = self._debugger(start, splat)
        if debugger is not None and debugger.node is not None and self.gate(debugger.node) is not None:
            debugger = None  # behind a setting: see report_debug_sources for what is reported instead
        host_node, host_value, server_name = self._bind_all(start, splat)
        if start.kind == "connexion" and debugger is None:
            # `debug=` only works on connexion 2, which serves with Werkzeug; without it the
            # server may be connexion 3's uvicorn, a production server: do not guess.
            host_node, host_value, server_name = None, None, None
        bind_all = host_value is not None
        if new_source is not None and _debug_flag(new_source.value):
            self.debug_sources.append(new_source)
        suffix = ""
        if start.fallback:
            suffix = (
                f" (`{start.receiver_text}` is not defined in this file; it is assumed to be a Flask app "
                "from its name and Flask keywords)"
            )
        where = f"`{_short(call.func)}(...)`"
        host_text = self._host_description(start, host_node, host_value, server_name, splat) if bind_all else ""
        host_change = None
        if host_value is not None:
            host_arg = host_node if server_name is None else _argument(call, 0, "host", splat)
            host_change = self._host_change(host_arg, host_value, call, scope)
        if debugger is not None and bind_all:
            debugger.consumed = True
            finding = self.report.add(
                "FL101", call,
                f"{where} serves the Werkzeug debugger on all interfaces: {debugger.description}{_note(debugger.value)}, "
                f"and {host_text}; anyone who can reach the port can run Python on this machine through the debugger "
                f"console. Turn the debugger off and bind 127.0.0.1, or serve with a production WSGI server{suffix}",
                related=self._related(debugger, server_name),
            )
            if host_change is not None and debugger.change is not None:
                description = f"Bind 127.0.0.1 and turn the debugger off (remove `{self.code(debugger.node)}`)"
            elif host_change is not None:
                description = "Bind 127.0.0.1 (the debugger stays on: see FL102)"
            else:
                description = f"Turn the debugger off (remove `{self.code(debugger.node)}`)"
            self._offer(finding, description, [host_change, debugger.change])
        elif bind_all:
            finding = self.report.add(
                "FL103", host_node if host_node is not None else call,
                f"{where} binds all interfaces: {host_text}, so the development server, which is not built to face "
                f"a network, is reachable from it; bind 127.0.0.1 for local work, or serve the app with a "
                f"production WSGI server (gunicorn, waitress){suffix}",
                related=self._related(None, server_name),
            )
            self._offer(finding, "Bind 127.0.0.1 instead of all interfaces", [host_change])
        if start.site.import_time:
            finding = self.report.add(
                "FL104", call,
                f"{where} runs at module level, outside `if __name__ == \"__main__\":`, so importing this module "
                f"(gunicorn, a test, `flask run`) starts a development server; move the call under that guard{suffix}",
            )
            self._offer(finding, 'Move the call under `if __name__ == "__main__":`', [pyfix.WrapInMainGuard(self.span(call))])
        if start.kind == "socketio":
            unsafe = _argument(call, None, "allow_unsafe_werkzeug", splat)
            if unsafe is not None:
                value = self.resolver.evaluate(_value_node(unsafe), scope)
                if _debug_flag(value):
                    self.report.add(
                        "FL106", unsafe,
                        f"{_described(self.argument_text(unsafe, 'allow_unsafe_werkzeug'), value)} overrides Flask-SocketIO's "
                        "refusal to serve production traffic with the Werkzeug development server, which is not built "
                        "for it; install eventlet or gevent (or run under gunicorn with one of their workers) and drop "
                        "the flag" + suffix,
                    )
        start_span = self.span(call)
        imported = []
        if debugger is None and start.kind in ("flask", "socketio", "dash"):
            found = self.imported_value("debug", _argument(call, DEBUG_POSITION.get(start.kind), "debug", splat), scope)
            if found is None and (assigned := self._assigned_debug(start, splat)) is not None:
                found = self.imported_value("debug", assigned, self.walk.module)  # `app.debug = config.DEBUG`
            imported += [found] if found else []
        if not bind_all and start.kind != "connexion":
            name = "hostname" if start.kind == "run_simple" else "host"
            found = self.imported_value("host", _argument(call, HOST_POSITION.get(start.kind), name, splat), scope)
            imported += [found] if found else []
        return {
            "line": start_span.start.line,
            "column": start_span.start.column,
            "end_line": start_span.end.line,
            "end_column": start_span.end.column,
            "kind": start.kind,
            "main_guarded": start.site.main_guarded,
            "import_time": start.site.import_time,
            "debugger": debugger is not None,
            "bind_all": bind_all,
            "call": _short(call),
            "function": start.site.function,
            "imported": imported,
            **({"env": env} if (env := self._env_tables(start, splat)) else {}),
            **({"reads_debug_env": True} if self._reads_debug_env(start, splat) else {}),
        }

    def _reads_debug_env(self, start: Start, splat: dict[str, ast.AST]) -> bool:
        """`Flask.run()` without a debug argument takes debug mode from FLASK_DEBUG (and, before Flask 2.3, from
        FLASK_ENV=development) in its environment, unless `load_dotenv=False` (flask/app.py `Flask.run`)."""
        call = start.site.call
        if start.kind != "flask" or _argument(call, DEBUG_POSITION["flask"], "debug", splat) is not None:
            return False
        load = _argument(call, 3, "load_dotenv", splat)
        value = self.resolver.evaluate(_value_node(load), start.site.scope) if load is not None else pr.literal(True, None)
        return not (value.known and not value.value)

    def _assigned_debug(self, start: Start, splat: dict[str, ast.AST]) -> Optional[ast.AST]:
        """The value assigned by the `app.debug = ...` / `app.config["DEBUG"] = ...` that a start without a debug
        argument takes its debug mode from (an imported setting, or a read of the environment)."""
        if _argument(start.site.call, DEBUG_POSITION.get(start.kind), "debug", splat) is not None:
            return None
        identity = start.identity
        if start.kind == "socketio":
            app = _value_node(_argument(start.site.call, 0, "app", splat))
            identity = self._app_identity(app, start.site.scope)[0] if app is not None else None
        event = self._last_event(identity, "debug", start.site)
        if event is None or not isinstance(event.node, ast.Assign):
            return None
        return event.node.value

    def _env_tables(self, start: Start, splat: dict[str, ast.AST]) -> list[dict[str, Any]]:
        """Host and debug arguments read from one environment variable (`host=os.getenv("APP_HOST")`,
        `debug=int(os.getenv("DEBUG", 1))`): what each value of it gives (`Resolver.env_table`), for the
        deployment model to look up in the environment the launcher gives the process."""
        if start.kind == "connexion":
            return []
        call, scope = start.site.call, start.site.scope
        host = _argument(call, HOST_POSITION.get(start.kind), "hostname" if start.kind == "run_simple" else "host", splat)
        debug = (_argument(call, 4, "use_debugger", splat) if start.kind == "run_simple"
                 else _argument(call, DEBUG_POSITION.get(start.kind), "debug", splat))
        tables = []
        if debug is None and start.kind in ("flask", "socketio", "dash"):
            debug = self._assigned_debug(start, splat)  # `app.debug = os.getenv("DEBUG") == "1"` before the start
        for what, argument in (("host", host), ("debug", debug)):
            table = self.resolver.env_table(_value_node(argument), scope) if argument is not None else None
            if table is not None:
                node = _value_node(argument)
                tables.append({"what": what, "line": getattr(node, "lineno", call.lineno), **table})
        return tables

    def _host_description(
        self, start: Start, host_node: Optional[ast.AST], host_value: pr.Value,
        server_name: Optional[AppEvent], splat: dict[str, ast.AST],
    ) -> str:
        """What binds all interfaces: `host="0.0.0.0"`, `host=HOST` resolves to "0.0.0.0" via HOST on line 4, ..."""
        if server_name is not None or host_node is None:
            line = server_name.line if server_name is not None else start.site.call.lineno
            return (f"no host is given, so Flask takes it from SERVER_NAME, whose host is "
                    f"{_shown(host_value.value)}{host_value.explain()} (set on line {line})")
        name = "hostname" if start.kind == "run_simple" else "host"
        if any(node is host_node for node in splat.values()):
            text = f"`{name}={self.code(host_node)}` (from a ** mapping)"
        else:
            text = self.argument_text(host_node, name)
        text = _described(text, host_value)
        if host_value.value == "":
            text += " (run_simple binds every interface when the hostname is empty)"
        return text

    def _related(self, debugger: Optional[DebugSource], server_name: Optional[AppEvent]) -> list[tuple[ast.AST, str]]:
        related = []
        if debugger is not None and debugger.node is not None:
            related.append((debugger.node, f"the debugger is turned on here: {debugger.description}"))
            if debugger.related_node is not None:
                related.append((debugger.related_node, "DEBUG is set here"))
        if server_name is not None:
            related.append((server_name.node, "SERVER_NAME names all interfaces here"))
        return related

    def report_debug_sources(self) -> None:
        consumed = {id(s.node) for s in self.debug_sources if s.consumed}
        # Debug mode (`app.debug = True`, DEBUG) of an app served only by run_simple() turns no debugger on:
        # run_simple serves the console only with use_debugger (or a DebuggedApplication), both reported apart.
        no_console = self.served_by_run_simple - self.served_by_run
        consumed |= {id(e.source.node) for e in self.events
                     if e.what == "debug" and e.source is not None and e.identity in no_console}
        seen: set[int] = set()
        for source in self.debug_sources:
            if id(source.node) in consumed or id(source.node) in seen or not _debug_flag(source.value):
                continue
            seen.add(id(source.node))
            gate = self.gate(source.node)
            if gate is not None:
                self._report_gate(source, gate)
                continue
            finding = self.report.add(
                "FL102", source.node,
                f"{source.description}, which turns on the Werkzeug debugger{_note(source.value)}: its browser "
                f"console runs any Python typed into it, for whoever reaches the server; {source.advice}"
                + (TRUTHINESS_ADVICE if source.value.note else ""),
                related=[(source.related_node, "DEBUG is set here")] if source.related_node is not None else [],
            )
            self._offer(finding, f"Turn the debugger off: remove `{self.code(source.node)}`", [source.change])


    # ---- setting gates ---------------------------------------------------

    def gate(self, node: ast.AST) -> Optional[tuple[IfSite, pr.Value]]:
        """The setting that a debug switch is written under, when there is one: `if settings.DEBUG:` above
        `app.run(debug=True)`, `if debug:` above `DebuggedApplication(app, evalex=True)`.

        Such a switch is the setting's consequence, not a finding of its own:
        the setting decides (VERDICTS 16). The innermost enclosing `if` whose
        test names a debug or development setting is the gate; its value is the
        test's truth on the branch the switch is in (an `else` negates it).
        """
        line = getattr(node, "lineno", None)
        if line is None:
            return None
        for site in reversed(self.walk.ifs):  # innermost last in source order among those that enclose
            branch = site.body if site.body and site.body[0] <= line <= site.body[1] else None
            negated = False
            if branch is None and site.orelse and site.orelse[0] <= line <= site.orelse[1]:
                branch, negated = site.orelse, True
            if branch is None or not _names_a_setting(site.node.test):
                continue
            value = self.resolver.evaluate(site.node.test, site.scope)
            if value.known and negated:
                value = pr.Value(True, not value.value, value.via, value.env, value.origin, value.note)
            return site, value
        return None

    def _report_gate(self, source: DebugSource, gate: tuple[IfSite, pr.Value]) -> None:
        """A switch behind a setting: a finding at the setting only when it is on when nothing is set."""
        site, value = gate
        if not value.known or not value.value:
            return  # off by default, or chosen where the code is deployed: the setting decides
        test = site.node.test
        self.report.add(
            "FL102", test,
            f"`if {self.code(test)}:` is true when nothing is set{value.explain()}, and under it "
            f"{source.description} turns on the Werkzeug debugger: its browser console runs any Python typed into "
            f"it, for whoever reaches the server; make the setting default to off",
            related=[(source.node, "the debugger is turned on here")],
        )


_SETTING_WORDS = re.compile(r"debug|(?:^|_)dev(?:elopment)?(?:$|_)", re.IGNORECASE)


def _names_a_setting(test: ast.AST) -> bool:
    """Whether an `if` test reads a debug or development setting (`settings.DEBUG`, `args.debug`, `DEV_MODE`,
    `os.environ.get("FLASK_DEBUG")`, `env == "development"`); never the `__main__` guard."""
    for node in ast.walk(test):
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None)
        if word and _SETTING_WORDS.search(word):
            return True
    return False


def _setting_fact(found: tuple[str, ast.AST, pr.Value]) -> dict[str, Any]:
    _, node, value = found
    shown = value.value if value.known and isinstance(value.value, (bool, int, str, type(None))) else None
    return {"line": node.lineno, "known": value.known, "value": shown, "debug": _debug_flag(value)}
