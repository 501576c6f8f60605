"""The facts a Python file offers the project pass and the deployment model.

Built once per analysed file from the walk and the rules (`build_facts`); the
project pass and the deployment model read only these, never the tree. Lines
are 1-based. Each key:

- `apps`, `factories`: module-level names bound to a `Flask(...)` app, and
  module-level functions that return one (WSGI targets: `app`, `create_app()`).
- `definitions`: name -> span of the app's assignment or the factory's `def` line.
- `starts`: each dev-server start (`app.run`, `socketio.run`, `run_simple`, Dash,
  connexion): its span (`line`, `column`, `end_line`, `end_column`), `kind`,
  `main_guarded` (inside `if __name__ == "__main__":`), `import_time` (runs on
  import), `debugger`/`bind_all` (what the rules decided), `call` (short code)
  and `function`: the qualified name of the innermost enclosing function
  (`main`, `Server.run`, `outer.inner`), or null at module level.
- `config_refs`, `config_classes`, `module_debug`: config this file loads from
  another file, and the DEBUG of its own classes and module (rules.Rules.config_facts).
- `main_blocks`: [first, last] line of each module-level `if __name__ == "__main__":` body.
- `main_calls`: sorted names of module-level functions of this file that the
  `__main__` blocks call, directly or through other functions of this file
  (`main()` calling `serve()` gives both). Calls through names only; a function
  passed as a value is not followed.
- `cli_commands`: [{"name", "line"}] for each function decorated as a CLI command
  (`@app.cli.command`, `@click.command`, `@cli.command()`, Flask-Script
  `@manager.command`/`@manager.option`); `name` is qualified, `line` its `def` line.
- `functions`: {name: [first, last]} lines of each module-level function (`def`
  line to its last line), so a finding's line can be placed in a function.
- `imports`: sorted "level:dotted.name" of every import (level = leading dots).
- `constants`: {NAME: {"line", "value"}} of module-level names bound to a value
  flasklint can evaluate (str, bool, int, None): what `settings.DEBUG` is elsewhere.
- `config_maps`: {NAME: {key: ClassName}} of module-level dicts from string keys to
  names (`config = {"development": DevelopmentConfig, "default": ...}`).
- each start's `imported`: [{"what": "host"|"debug", "target": "settings.DEBUG",
  "code", span}] for arguments that are names imported from another module,
  resolved by `flasklint.python.crossfile` against that module's `constants`.
- `factory_debug`, `factory_calls`: factories whose parameter turns the app's debug on, and calls passing
  values to a factory (flasklint.python.factories), joined by crossfile.
- `management`: a FlaskGroup or Flask-Script Manager this file builds (flasklint.python.management).
- each start's `branch`: {"taken", "tests"} when it sits under `if` tests that evaluate when nothing is
  set (`if settings.USE_SOCKETIO:`); `taken` False means the defaults lead elsewhere (`skipped_by_default`).
- `config_refs` entries have `how` "object" (`from_object("config.Dev")`, an
  imported class or module), "pyfile" (`from_pyfile("settings.py")`) or
  "mapping" (`from_object(config[key])` on an imported dict, with `key`).
"""

from __future__ import annotations

import ast
import sys
from typing import TYPE_CHECKING, Any, Iterable, Optional

from flasklint.analyzers.base import Reporter
from flasklint.model import Position, Span
from flasklint.python import values as pr
from flasklint.python.factories import factory_facts
from flasklint.python.management import management_facts
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
    calls, imported = _call_graph(walk)
    facts["main_calls"] = _main_calls(walk, calls)
    methods = _main_methods(walk)
    if methods:  # `Manager(app).run()` under __main__: the method runs with the script, like a function it calls
        facts["main_calls"] = sorted(set(facts["main_calls"]) | set(methods))
    if calls:
        facts["function_calls"] = calls
    if imported:
        facts["imported_calls"] = imported
    facts["cli_commands"] = [{"name": name, "line": line} for name, line in walk.cli_commands]
    facts["functions"] = {name: list(lines) for name, lines in walk.function_lines.items()}
    facts["functions"].update({name: list(lines) for name, lines in methods.items()})
    facts.update(_module_values(walk, rules.resolver))
    facts.update(factory_facts(walk, rules.resolver, report, facts["factories"], EXTERNAL_MODULES))
    facts.update(management_facts(walk, rules.resolver))
    return facts


def _main_methods(walk: Walk) -> dict[str, tuple[int, int]]:
    """`Class.method` -> lines of each method of a module-level class that the `__main__` block calls on an
    instance it builds (`fam = FlaskAppManager(app=app)` then `fam.run()`, or `FlaskAppManager().run()`)."""
    found: dict[str, tuple[int, int]] = {}
    for site in walk.calls:
        func = site.call.func
        if not site.main_guarded or not isinstance(func, ast.Attribute):
            continue
        built = func.value
        if isinstance(built, ast.Name):
            binding, _ = site.scope.lookup(built.id, site.call.lineno)
            built = binding.expr if binding is not None and binding.kind == "assign" else None
        if not (isinstance(built, ast.Call) and isinstance(built.func, ast.Name) and built.func.id in walk.classes):
            continue
        _, node = walk.classes[built.func.id]
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == func.attr:
                found[f"{node.name}.{statement.name}"] = (statement.lineno, statement.end_lineno or statement.lineno)
    return found


def skipped_by_default(start: dict[str, Any], variables: Iterable[str] = ()) -> bool:
    """Whether a start's `if` tests lead elsewhere when nothing is set (`if DEBUG: app.run() else: serve(app)`
    with DEBUG off by default), and no variable in `variables` (what the launch sets) can change a test."""
    branch = start.get("branch")
    if not branch or branch.get("taken") is not False:
        return False
    given = set(variables)
    return not any(test.get("env") in given for test in branch.get("tests", ()) if not test.get("taken"))


def _main_calls(walk: Walk, callees: dict[str, list[str]]) -> list[str]:
    """Module-level functions reached from the `__main__` blocks through calls by name (see `main_calls`),
    following `callees` (the file's `function_calls`)."""
    roots = {site.call.func.id for site in walk.calls
             if site.main_guarded and isinstance(site.call.func, ast.Name) and site.call.func.id in walk.functions}
    reached: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        pending.extend(callees.get(name, ()))
    return sorted(reached)


EXTERNAL_MODULES = frozenset(getattr(sys, "stdlib_module_names", ())) | {
    "flask", "werkzeug", "click", "jinja2", "itsdangerous", "markupsafe", "sqlalchemy", "flask_sqlalchemy",
    "flask_login", "flask_wtf", "flask_migrate", "flask_socketio", "requests", "redis", "celery", "pytest"}
"""Top-level modules that are never the project's: calls into them are not recorded."""
MAX_IMPORTED_CALLS = 2000
"""Imported calls recorded per file (distinct origin and target): a bound on the facts of a huge module."""


def _call_graph(walk: Walk) -> tuple[dict[str, list[str]], list[list[str]]]:
    """Who calls whom, for the deployment model to follow a script into the functions it runs.

    `function_calls`: module-level function -> the module-level functions of this file it calls by name.
    `imported_calls`: [origin, "level:dotted"] for each call of an imported function (`main()` after
    `from .cli import main`, `changedetectionio.main()` after `import changedetectionio`), where origin
    is the calling module-level function, `__main__` for the `if __name__ == "__main__":` code, or
    `<module>` for code that runs on import.
    """
    callees: dict[str, set[str]] = {}
    imported: set[tuple[str, str]] = set()
    # names an import binds in the module: the only ones a call can reach another file by (checked first,
    # as most calls are of methods and locals)
    imports = {name for name, bindings in walk.module.bindings.items() if any(b.kind == "import" for b in bindings)}
    for site in walk.calls:
        func = site.call.func
        head = func.id if isinstance(func, ast.Name) else (
            func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None)
        if head is None or (head not in imports and head not in walk.functions):
            continue
        origin = "__main__" if site.main_guarded else site.top_function or ("<module>" if site.import_time else None)
        if origin is None:
            continue  # inside a class body or a nested scope the model does not follow
        if isinstance(func, ast.Name) and func.id in walk.functions and site.top_function is not None \
                and not site.main_guarded:
            callees.setdefault(site.top_function, set()).add(func.id)
            continue
        target = _imported_target(func, site) if head in imports else None
        if target is not None and target.startswith("0:") and target[2:].split(".", 1)[0] in EXTERNAL_MODULES:
            continue  # `jsonify()`, `os.getenv()`: never a project function; most imported calls are these
        if target is not None and len(imported) < MAX_IMPORTED_CALLS:
            imported.add((origin, target))
    return ({name: sorted(names) for name, names in sorted(callees.items())},
            [list(entry) for entry in sorted(imported)])


def _imported_target(func: ast.AST, site: Any) -> Optional[str]:
    """`level:dotted.function` of a call to an imported function, or None."""
    if isinstance(func, ast.Name):
        binding, _ = site.scope.lookup(func.id, func.lineno)
        dotted = binding.target if binding is not None and binding.kind == "import" else None
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding, _ = site.scope.lookup(func.value.id, func.lineno)
        module = binding.target if binding is not None and binding.kind == "import" else None
        dotted = f"{module}.{func.attr}" if module else None
    else:
        return None
    if not dotted:
        return None
    level = len(dotted) - len(dotted.lstrip("."))
    if not level and "." not in dotted:
        return None  # `import tool; tool()`: a module is not a function
    return f"{level}:{dotted[level:]}"


def _module_values(walk: Walk, resolver: pr.Resolver) -> dict[str, Any]:
    """`constants` and `config_maps` of this module, for other files that import them (see the docstring)."""
    constants: dict[str, Any] = {}
    maps: dict[str, dict[str, str]] = {}
    for name, bindings in walk.module.bindings.items():
        binding = bindings[-1]
        if binding.kind != "assign" or binding.expr is None:
            continue
        if isinstance(binding.expr, ast.Dict):
            entries = {}
            for key, value in zip(binding.expr.keys, binding.expr.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Name):
                    entries[key.value] = value.id
            if entries:
                maps[name] = entries
            continue
        value = resolver.evaluate(binding.expr, walk.module)
        if value.known and isinstance(value.value, (bool, int, str, type(None))) and not isinstance(value.value, float):
            constants[name] = {"line": binding.line, "value": value.value}
    facts: dict[str, Any] = {}
    if constants:
        facts["constants"] = constants
    if maps:
        facts["config_maps"] = maps
    return facts
