"""Each server start judged: FL101 debugger-exposed, FL103 bind-all-interfaces, FL104 run-at-import and
FL106 unsafe-werkzeug-allowed are reported here, with the facts the project pass reads."""

from __future__ import annotations

import ast
from typing import Any

from flasklint.python import changes as pyfix
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
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
        }
