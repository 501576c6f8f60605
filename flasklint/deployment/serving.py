"""Where production serves an app, not only imports it: what decides whether debug mode set in code matters.

`app.debug = True` (or `DEBUG = True` in config) turns nothing on by itself:
a server that honours it does (a WSGI server importing the module, where
debug mode changes error handling; `app.run`, `socketio.run`, which serve the
debugger). `flask run` does not: once it has loaded the app it sets
`app.debug` from FLASK_DEBUG (flask/cli.py `ScriptInfo.load_app`, with the
`flask` command's `set_debug_flag=True`, Flask 1.0 to 3.1), so the app's own
statement is overwritten; FLASK_DEBUG and `--debug` are judged where they are
set. A module a production console script merely
imports (a data-sync CLI importing the package), or that a script serving
with `run_simple` and no `use_debugger` loads (run_simple ignores
`app.debug`), serves no debug mode. `served_units` is what production
reaches through launchers that serve: every edge is followed except a
Python script's or console script's (`python x.py`, `python -m x`, a
console script) into code with no start that honours debug mode.
"""

from __future__ import annotations

from collections import deque

from flasklint.knowledge import kinds
from flasklint.commands import flaskcli
from flasklint.deployment.graph import PRODUCTION, Edge, Graph
from flasklint.deployment.units import FUNC, MAIN, MODULE, UnitKey

__all__ = ["served_units", "overridden_by_flask_run", "is_debug_mode_statement"]

SCRIPT_KINDS = frozenset({flaskcli.SCRIPT, flaskcli.MODULE, flaskcli.PROGRAM})
NO_DEBUG_MODE = frozenset({"run_simple"})
"""Starts that ignore `app.debug` (run_simple serves the debugger only with use_debugger, reported apart)."""


def served_units(graph: Graph) -> set[UnitKey]:
    """Units production reaches through launchers that serve an app honouring its debug mode (once per graph)."""
    return _reached(graph, through_flask_run=False)


def overridden_by_flask_run(graph: Graph, unit: UnitKey) -> bool:
    """Whether production serves `unit`'s app only through `flask run`, which sets debug mode itself."""
    return unit not in served_units(graph) and unit in _reached(graph, through_flask_run=True)


def _reached(graph: Graph, through_flask_run: bool) -> set[UnitKey]:
    key = f"_served_units_{through_flask_run}"
    cached = graph.__dict__.get(key)
    if cached is not None:
        return cached
    roots = sorted(unit for unit, role in graph.roles.items() if role == PRODUCTION)
    seen = set(roots)
    queue = deque(roots)
    while queue:
        for edge in graph.edges.get(queue.popleft(), ()):
            if edge.target in seen:
                continue
            if _serving(graph, edge) or (through_flask_run and _flask_run(edge)):
                seen.add(edge.target)
                queue.append(edge.target)
    graph.__dict__[key] = seen
    return seen


def _flask_run(edge: Edge) -> bool:
    return edge.fact is not None and edge.fact.kind == flaskcli.DEV_SERVER


def _serving(graph: Graph, edge: Edge) -> bool:
    """Whether following `edge` keeps to a launch that serves: anything but a script launch into Python code
    whose own starts (in the unit it runs, or on import) all ignore debug mode, or that has none, and anything
    but `flask run` into the app it loads."""
    if _flask_run(edge):
        return False
    if edge.fact is None or edge.fact.kind not in SCRIPT_KINDS or edge.target[0] not in (MAIN, FUNC, MODULE):
        return True
    units = graph.files.get(edge.target[1])
    if units is None or units.kind != kinds.PYTHON:
        return True
    if units.facts.get("management"):
        return True  # `python manage.py run`: the management module reads it (deployment/management.py)
    kind, path, name = edge.target
    for start in units.facts.get("starts", ()):
        if start.get("kind") in NO_DEBUG_MODE:
            continue
        function = start.get("function") or ""
        if start.get("import_time") or (kind == MAIN and units.at(int(start["line"]))[0] == MAIN) or (
                kind == FUNC and (function == name or function.startswith(name + "."))):
            return True
    return False


def is_debug_mode_statement(graph: Graph, path: str, line: int) -> bool:
    """Whether an FL102 at `path:line` is debug mode set by a statement (`app.debug = True`, a config's
    `DEBUG = True`, a factory's argument) rather than a server start's own switch (`app.run(debug=True)`)."""
    units = graph.files.get(path)
    if units is None or units.kind != kinds.PYTHON:
        return False
    return not any(int(s["line"]) <= line <= int(s.get("end_line", s["line"])) for s in units.facts.get("starts", ()))
