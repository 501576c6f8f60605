"""Each server start judged: FL101 debugger-exposed, FL103 bind-all-interfaces, FL104 run-at-import and
FL106 unsafe-werkzeug-allowed are reported here, with the facts the project pass reads."""

from __future__ import annotations

import ast
from typing import Any, Optional

from flasklint.analyzers.base import MAX_FILE_STARTS
from flasklint.python import changes as pyfix
from flasklint.python import frameworks
from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.walker import is_main_guard
from flasklint.python.rules.common import (
    ALL_INTERFACES,
    DEBUG_POSITION,
    HOST_POSITION,
    Start,
    _argument,
    _debug_flag,
    _described,
    _note,
    _short,
    _value_node,
)


class Starts(RulesBase):
    """The findings at each server start."""

    def _default_binds_all(self, start: Start) -> bool:
        """Whether a start that passes no host binds all interfaces by its framework's own default (MAXApp.run,
        connexion 2's run), the version that has that default being the one in use."""
        framework = frameworks.by_kind(start.kind)
        if framework is None or framework.host.env is not None or framework.host.default not in ALL_INTERFACES:
            return False
        return self._werkzeug_version(start, framework)

    def _werkzeug_version(self, start: Start, framework: frameworks.Framework) -> bool:
        """Whether the version serving this start is one that serves with Werkzeug: always for most rows; for
        connexion only when the call passes a keyword that only those versions accept (`debug=`, `server=`)."""
        if framework.werkzeug_below is None:
            return True
        call = start.site.call
        return any(kw.arg in framework.version_keywords for kw in call.keywords)

    def evaluate_starts(self) -> list[dict[str, Any]]:
        """Each start's fact, judging it; past MAX_FILE_STARTS a file, one diagnostic and nothing more."""
        if len(self.starts) > MAX_FILE_STARTS:
            line = self.starts[MAX_FILE_STARTS].site.call.lineno
            self.report.warn_once("starts", f"line {line}: more than {MAX_FILE_STARTS:,} server starts in this file; "
                                            "the later ones were not analysed")
        return [self._evaluate_start(start) for start in self.starts[:MAX_FILE_STARTS]]

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
        framework = frameworks.by_kind(start.kind)
        if framework is not None and not self._werkzeug_version(start, framework) and debugger is None:
            # without a keyword only the Werkzeug-serving versions take, the server may be connexion 3's
            # uvicorn, a production server: do not guess.
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
            **({"config": config} if debugger is None and (config := self._external_config(start, splat)) else {}),
            **({"command": self._registered_as(start)} if start.kind == "flask_script" else {}),
            **self._branch(start),
        }

    def _external_config(self, start: Start, splat: dict[str, ast.AST]) -> Optional[dict[str, Any]]:
        """The config in another file that this start's app loads (`app.config.from_object(config.Dev)` in the
        factory that built it), when `Flask.run` takes debug mode from the app: no debug argument, and nothing
        in this file sets the app's debug. The project pass reads its DEBUG (crossfile.py)."""
        if start.kind != "flask" or start.identity is None:
            return None
        if _argument(start.site.call, DEBUG_POSITION["flask"], "debug", splat) is not None:
            return None
        if self._last_event(start.identity, "debug", start.site) is not None:
            return None
        return self.external_config.get(start.identity)

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


    # ---- the branch a start is in ------------------------------------------------

    def _branch(self, start: Start) -> dict[str, Any]:
        """`{"branch": {...}}` when the start sits under `if` tests flasklint can evaluate when nothing is set
        (`if settings.USE_SOCKETIO:` with a default): `taken` says whether that default reaches the start,
        `env` names the variables that could change it. `if DEBUG: app.run() else: serve(app)` with DEBUG off
        by default starts no development server in production unless a launcher sets the variable."""
        line = start.site.call.lineno
        taken: Optional[bool] = None
        tests: list[dict[str, Any]] = []
        for site in self.walk.ifs:
            in_body = bool(site.body) and site.body[0] <= line <= site.body[1]  # type: ignore[index]
            in_else = bool(site.orelse) and site.orelse[0] <= line <= site.orelse[1]  # type: ignore[index]
            if not (in_body or in_else) or is_main_guard(site.node.test):
                continue
            value = self.resolver.evaluate(site.node.test, site.scope)
            if not value.known:
                continue
            here = bool(value.value) == in_body
            taken = here if taken is None else taken and here
            tests.append({"line": site.node.lineno, "test": self.code(site.node.test), "taken": here,
                          "env": value.env})
        return {"branch": {"taken": taken, "tests": tests}} if tests else {}

    def _registered_as(self, start: Start) -> str:
        """The name `manager.add_command("serve", Server(...))` gives a Flask-Script server: what
        `python manage.py serve` runs (Flask-Script's own default name is `runserver`)."""
        server = start.site.call
        for site in self.walk.calls:
            call = site.call
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "add_command" and len(call.args) >= 2):
                continue
            given = call.args[1]
            if given is not server and not (isinstance(given, ast.Name) and self._binds(given, server, site.scope)):
                continue
            name = self.resolver.evaluate(call.args[0], site.scope)
            if name.known and isinstance(name.value, str):
                return name.value
        return "runserver"

    @staticmethod
    def _binds(name: ast.Name, node: ast.AST, scope: pr.Scope) -> bool:
        binding, _ = scope.lookup(name.id, name.lineno)
        return binding is not None and binding.kind == "assign" and binding.expr is node
