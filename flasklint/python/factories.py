"""App factories whose argument turns debug on: `create_app(debug=True)` where the factory does `app.debug = debug`.

The factory and its call are often in two files (`app/__init__.py` defines it,
the WSGI module or `chat.py` calls it at module level), so each file offers
two facts and `crossfile` joins them:

- `factory_debug`: {factory: {"param", "position", line span, "code"}} for each
  module-level function that returns a Flask app and hands one of its
  parameters to `app.debug`, `app.config["DEBUG"]` or `app.config.update(DEBUG=...)`.
- `factory_config`: {factory: {"param", "position", "how", line span, "code", and "container" for "mapping"}}
  for a factory that hands a parameter to `app.config.from_object(param)` ("object": an import string
  such as "config.DefaultConfig") or `app.config.from_object(config[param])` ("mapping": a dict
  imported from the config module), so the config a caller names is judged as if loaded there.
- `factory_calls`: calls of a function (this file's, or imported) that pass a
  value flasklint can evaluate (`create_app("prod", debug=True)`), with where
  they are, for the project pass to match against the callee's `factory_debug`.

A default (`def create_app(debug=False)`) needs no fact: a call that leaves the
parameter out gets what the factory's own analysis already judged.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from flasklint.analyzers.base import Reporter
from flasklint.python import values as pr
from flasklint.python.walker import Walk

__all__ = ["factory_facts", "passed_argument", "config_ref"]

MAX_FACTORY_CALLS = 200
"""Factory calls recorded per file: calls that pass evaluable values are few in real code."""


def factory_facts(walk: Walk, resolver: pr.Resolver, report: Reporter, factories: list[str],
                  external: frozenset[str]) -> dict[str, Any]:
    """`factory_debug` and `factory_calls` of one file (see the module docstring); empty keys are left out.
    Calls into `external` top-level modules (the standard library, Flask itself) are never a project factory."""
    facts: dict[str, Any] = {}
    debug = _debug_parameters(walk, resolver, report, set(factories))
    if debug:
        facts["factory_debug"] = debug
    config = _config_parameters(walk, resolver, report, set(factories))
    if config:
        facts["factory_config"] = config
    calls = _calls(walk, resolver, report, set(debug) | set(config), external)
    if calls:
        facts["factory_calls"] = calls
    return facts


def _span(report: Reporter, node: ast.AST) -> dict[str, Any]:
    span = report.node_span(node)
    return {"line": span.start.line, "column": span.start.column, "end_line": span.end.line,
            "end_column": span.end.column}


def _parameter(expr: ast.AST, scope: pr.Scope) -> Optional[str]:
    """The parameter of the enclosing function that `expr` names directly (`debug`, `bool(debug)`), or None."""
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "bool" and len(expr.args) == 1:
        expr = expr.args[0]
    if not isinstance(expr, ast.Name):
        return None
    binding, owner = scope.lookup(expr.id, expr.lineno)
    return expr.id if binding is not None and binding.kind == "param" and owner is scope else None


def _position(function: ast.AST, name: str) -> Optional[int]:
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    positional = [a.arg for a in function.args.posonlyargs + function.args.args]
    return positional.index(name) if name in positional else None


def _debug_parameters(walk: Walk, resolver: pr.Resolver, report: Reporter, factories: set[str]) -> dict[str, Any]:
    """For each factory: the parameter that reaches the app's debug switch, and the statement that hands it over."""
    found: dict[str, Any] = {}
    by_scope = {id(scope): name for name, scope in walk.functions.items() if name in factories}

    def record(scope: pr.Scope, expr: ast.AST, statement: ast.AST) -> None:
        factory = by_scope.get(id(scope))
        name = _parameter(expr, scope) if factory is not None else None
        if factory is None or name is None or factory in found:
            return
        found[factory] = {"param": name, "position": _position(scope.node, name), **_span(report, statement),
                          "code": " ".join(ast.unparse(statement).split())[:100]}

    for site in walk.assigns:
        target = site.target
        if isinstance(target, ast.Attribute) and target.attr == "debug":
            record(site.scope, site.value, site.statement)
        elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
              and target.value.attr == "config"):
            key = resolver.evaluate(target.slice, site.scope)
            if key.known and key.value == "DEBUG":
                record(site.scope, site.value, site.statement)
    for site in walk.calls:
        func = site.call.func
        if (isinstance(func, ast.Attribute) and func.attr in ("update", "from_mapping")
                and isinstance(func.value, ast.Attribute) and func.value.attr == "config"):
            for keyword in site.call.keywords:
                if keyword.arg == "DEBUG":
                    record(site.scope, keyword.value, site.call)
    return found


def _config_parameters(walk: Walk, resolver: pr.Resolver, report: Reporter, factories: set[str]) -> dict[str, Any]:
    """For each factory: the parameter that chooses the config `from_object` loads (by import string, or as the key
    of an imported mapping)."""
    found: dict[str, Any] = {}
    by_scope = {id(scope): name for name, scope in walk.functions.items() if name in factories}
    for site in walk.calls:
        call, scope = site.call, site.scope
        factory = by_scope.get(id(scope))
        func = call.func
        if factory is None or factory in found or not call.args or not (
                isinstance(func, ast.Attribute) and func.attr == "from_object"
                and isinstance(func.value, ast.Attribute) and func.value.attr == "config"):
            continue
        argument = call.args[0]
        entry: dict[str, Any] = {}
        name = _parameter(argument, scope)
        if name is not None:
            entry = {"param": name, "how": "object"}
        elif isinstance(argument, ast.Subscript) and resolver.is_imported(argument.value, scope):
            name = _parameter(argument.slice, scope)
            container = resolver.qualified_name(argument.value, scope)
            if name is not None and container:
                entry = {"param": name, "how": "mapping", "container": container}
        if entry:
            found[factory] = {**entry, "position": _position(scope.node, entry["param"]), **_span(report, call),
                              "code": " ".join(ast.unparse(call).split())[:100]}
    return found


def _calls(walk: Walk, resolver: pr.Resolver, report: Reporter, local: set[str],
           external: frozenset[str]) -> list[dict[str, Any]]:
    """Calls of a factory by name (this file's `create_app(...)`, an imported `create_app` or `factory.create`)
    passing evaluable truthy values."""
    calls: list[dict[str, Any]] = []
    for site in walk.calls:
        call = site.call
        target = _callee(call.func, site.scope)
        if target is None or (target.startswith("local:") and target[6:] not in local):
            continue
        if not target.startswith((".", "local:")) and target.split(".", 1)[0] in external:
            continue
        if not target.startswith("local:") and "app" not in target.rpartition(".")[2].lower():
            continue  # an imported factory is named for the app it makes (`create_app`, `make_app`, `App`)
        passed: dict[str, Any] = {}
        for index, argument in enumerate(call.args):
            if isinstance(argument, ast.Starred):
                break
            value = resolver.evaluate(argument, site.scope)
            if value.known and isinstance(value.value, (bool, int, str)) and value.value:
                passed[str(index)] = {"value": value.value, **_span(report, argument)}
        for keyword in call.keywords:
            if keyword.arg is None:
                continue
            value = resolver.evaluate(keyword.value, site.scope)
            if value.known and isinstance(value.value, (bool, int, str)) and value.value:
                passed[keyword.arg] = {"value": value.value, **_span(report, keyword)}
        if passed:
            calls.append({"target": target, "passed": passed, **_span(report, call)})
            if len(calls) >= MAX_FACTORY_CALLS:
                break
    return calls


def _callee(func: ast.AST, scope: pr.Scope) -> Optional[str]:
    """`local:name` for this file's module-level function, the dotted name (`app.create_app`, `.create_app`) for
    an imported one, else None."""
    if isinstance(func, ast.Name):
        binding, _ = scope.lookup(func.id, func.lineno)
        if binding is None:
            return None
        if binding.kind == "def":
            return f"local:{func.id}"
        if binding.kind == "import" and binding.target and "." in binding.target:
            return binding.target
        return None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding, _ = scope.lookup(func.value.id, func.lineno)
        if binding is not None and binding.kind == "import" and binding.target:
            return f"{binding.target}.{func.attr}"
    return None


def passed_argument(call: dict[str, Any], entry: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The argument a `factory_calls` entry gives a factory entry's parameter (keyword, else position), or None."""
    passed = call.get("passed", {})
    argument = passed.get(entry["param"])
    if argument is None and entry.get("position") is not None:
        argument = passed.get(str(entry["position"]))
    return argument


def config_ref(call: dict[str, Any], entry: dict[str, Any], code: str) -> Optional[dict[str, Any]]:
    """The load a factory call makes through a `factory_config` entry, as a `config_refs` entry of the calling file
    (`create_app("config.Dev")` loads the object "config.Dev"; `create_app("dev")` the key "dev" of the mapping),
    placed at the argument; None when the call passes no string there."""
    argument = passed_argument(call, entry)
    if argument is None or not isinstance(argument.get("value"), str):
        return None
    if entry["how"] == "mapping":
        ref: dict[str, Any] = {"how": "mapping", "target": entry["container"], "key": argument["value"]}
    else:
        ref = {"how": "object", "target": argument["value"]}
    ref.update(env=None, call=code, **{k: argument[k] for k in ("line", "column", "end_line", "end_column")})
    return ref
