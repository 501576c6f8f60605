"""FL103 bind-all-interfaces: the host a start binds (argument, constant, SERVER_NAME), how the message
names it, and where the fix writes 127.0.0.1."""

from __future__ import annotations

import ast
from typing import Optional

from flasklint.python import changes as pyfix
from flasklint.python import frameworks
from flasklint.python import values as pr
from flasklint.python.rules.base import RulesBase
from flasklint.python.rules.common import (
    ALL_INTERFACES,
    AppEvent,
    HOST_POSITION,
    LOOPBACK,
    Start,
    _argument,
    _described,
    _short,
    _shown,
    _value_node,
)


class Binding(RulesBase):
    """The host a start binds."""

    def _bind_all(self, start: Start, splat: dict[str, ast.AST]) -> tuple[Optional[ast.AST], Optional[pr.Value], Optional[AppEvent]]:
        """(anchor node of the host, its value, the SERVER_NAME event used) when the start binds all interfaces."""
        call, scope = start.site.call, start.site.scope
        index = HOST_POSITION.get(start.kind)
        name = "hostname" if start.kind == "run_simple" else "host"
        host_arg = _argument(call, index, name, splat)
        if host_arg is None and self._default_binds_all(start):
            framework = frameworks.by_kind(start.kind)
            return None, pr.literal(framework.host.default, None), None  # type: ignore[union-attr]
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

    def _host_description(
        self, start: Start, host_node: Optional[ast.AST], host_value: pr.Value,
        server_name: Optional[AppEvent], splat: dict[str, ast.AST],
    ) -> str:
        """What binds all interfaces: `host="0.0.0.0"`, `host=HOST` resolves to "0.0.0.0" via HOST on line 4, ..."""
        framework = frameworks.by_kind(start.kind)
        if server_name is None and host_node is None and framework is not None:
            return (f"no host is given, so {framework.label}'s `{_short(start.site.call.func).rpartition('.')[2]}()` "
                    f"binds its default {_shown(host_value.value)}")
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
