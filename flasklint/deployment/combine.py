"""One finding per server start, placed where production starts it.

When a production launcher reaches a `flask run` that its own file judged as development (a script,
a make target, a Dockerfile stage nothing ships), the start is asked again with everything the chain
passes on (the compose service's environment, `make run VAR=x`, exported variables), and judged as a
production start:

- FL301 at the root launcher's command (the Procfile line, the compose `command`), or at the start
  itself when the chain only *builds* it (a compose `target:` that builds a dev stage: the stage's
  CMD is what runs);
- FL101 (bound to all interfaces) or FL202 beside it when the debugger ends up on;
- the hops, the start and the settings that turned the debugger on as related locations.

The file's own development findings for that start, and an FL302 whose variable the combined finding
names, are absorbed: one start, one finding per rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from flasklint.findings.catalog import load_catalog
from flasklint.commands import flaskcli
from flasklint.commands.checks import (
    FACTS_KEY, StartFact, fact_env, fact_words, gunicorn_advice, gunicorn_target, production_dev_server_message,
)
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.flaskcli import debug_flag
from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Edge, Graph
from flasklint.deployment.units import FUNC, MAIN, STAGE, UnitKey
from flasklint.model import FileResult, Finding, Position, Related, Span

__all__ = ["Combined", "combine"]

ABSORBED_RULES = frozenset({"FL101", "FL201", "FL202", "FL301"})


@dataclass
class Combined:
    findings: list[Finding] = field(default_factory=list)
    absorbed: set[tuple[str, str, int]] = field(default_factory=set)
    """(rule, path, line) of per-file findings a combined one stands for."""
    replaced: set[tuple[str, str, Span]] = field(default_factory=set)
    """(rule, path, span) where a combined finding takes the place of an earlier one."""
    fallbacks: list[Finding] = field(default_factory=list)
    """Findings added only where no other finding of the rule stands (the project pass's FL301 for
    `web: python app.py` carries a fix; this one covers launchers it could not resolve)."""
    borrowed_fixes: dict[tuple[str, str, Span], tuple[str, int]] = field(default_factory=dict)
    """(rule, path, span) of a combined finding -> (path, line) of the FL302 whose fix (debug off) is its fix."""
    development: list[tuple[Finding, list[Edge]]] = field(default_factory=list)
    """Debuggers a development chain turns on (`make dev` passing FLASK_DEBUG=1 on), with that chain."""
    script_starts: dict[tuple[bool, str, Span], int] = field(default_factory=dict)
    """(fallback, launcher path, span) -> index in `fallbacks`/`findings` of its script-start FL301: one per
    launcher, the script's other starts (`socketio.run` or `app.run`, by branch) joining it as related."""


def _span(fact: StartFact) -> Span:
    return Span(Position(fact.line, fact.column), Position(fact.end_line, fact.end_column))


def _line_span(line: int) -> Span:
    return Span(Position(line, 1), Position(line, 1))


def _hops(chain: list[Edge]) -> tuple[Related, ...]:
    related = []
    for edge in chain:
        span = _span(edge.fact) if edge.fact is not None else _line_span(edge.line)
        related.append(Related(edge.path, span, f"{edge.label} runs the next step here"
                               if edge.how == "runs" else f"{edge.label}"))
    return tuple(related)


def combine(graph: Graph, results: dict[str, FileResult]) -> Combined:
    out = Combined()
    catalog = load_catalog()
    for path in sorted(results):
        units = graph.files.get(path)
        if units is None:
            continue
        for raw in results[path].facts.get(FACTS_KEY, ()):
            if raw.get("kind") != flaskcli.DEV_SERVER:
                continue  # read before building the fact: most starts in a large file are other servers
            fact = StartFact.from_json(raw)
            unit = units.at(fact.line)
            chain = graph.chain(unit, PRODUCTION)
            if fact.production:
                if chain is not None:
                    _production_env_debugger(graph, results, path, fact, unit, chain, out, catalog)
            elif chain:
                _production_start(graph, results, path, fact, chain, out, catalog)
            else:
                for development in _development_callers(graph, unit):
                    _development_start(graph, results, path, fact, development, out, catalog)
    for path in sorted(results):
        units = graph.files.get(path)
        if units is None:
            continue
        for start in results[path].facts.get("starts", ()):
            unit = graph.unit_at(path, int(start["line"]))
            chain = graph.chain(unit, PRODUCTION) if unit is not None else None
            if not chain:
                continue
            # a `__main__` block production runs, or a console script's function (`web: pantry-serve`)
            console = chain[-1].fact is not None and chain[-1].fact.kind == flaskcli.PROGRAM
            called = chain[-1].target[0] == FUNC  # a function a production script calls (`main()` of `.cli`)
            if not (start.get("main_guarded") and chain[-1].target[0] == MAIN) and not (
                    (console or called) and start.get("function") and not start.get("import_time")):
                continue
            launcher = next((edge for edge in chain if edge.fact is not None), None)
            if launcher is None:
                continue
            _python_script_start(path, start, chain, launcher, out, catalog,
                                 fallback=launcher.fact.production and len(chain) == 1)
    return out


def _chain_env(graph: Graph, results: dict[str, FileResult], chain: list[Edge]) -> list[EnvValue]:
    """The environment each hop passes on, outermost first (later wins): a hop's env files (a compose
    `env_file:`), then its own variables (`environment:`, `VAR=x cmd`, `make run VAR=x`)."""
    values: list[EnvValue] = []
    for edge in chain:
        values.extend(_loaded_env(graph, results, edge.source))
        if edge.fact is not None and edge.fact.env:
            values.extend(fact_env(edge.path, edge.fact.env))
    return values


def _loaded_env(graph: Graph, results: dict[str, FileResult], unit: UnitKey) -> list[EnvValue]:
    """Variables of the env files `unit` loads, in the order it names them."""
    values: list[EnvValue] = []
    for edge in graph.edges.get(unit, ()):
        if edge.how == "loads" and edge.target[1] in results:
            values.extend(fact_env(edge.target[1], results[edge.target[1]].facts.get("env", ())))
    return values


def _interpret(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact, unit: UnitKey,
               chain: list[Edge]) -> Optional[flaskcli.CommandStart]:
    """The start asked again with everything the chain passes on, and the dotenv files it loads."""
    env = Environment(_chain_env(graph, results, chain)).layered(fact_env(path, fact.env or ()))
    if not debug_flag(env.value("FLASK_SKIP_DOTENV")):
        # the .flaskenv/.env this `flask run` loads: lowest precedence (python-dotenv does not override)
        env = Environment(_loaded_env(graph, results, unit)).layered(env)
    return next((s for s in flaskcli.interpret_all(fact_words(fact), env, path=path, cwd=fact.cwd)
                 if s.kind == flaskcli.DEV_SERVER and s.start == fact.start), None)


def _debugger_source(debugger: flaskcli.Setting, out: Combined) -> tuple[Related, ...]:
    """The variable that turned the debugger on, as a related location; its FL302 is part of the finding."""
    if debugger.env is None or debugger.env.span is None:
        return ()
    out.absorbed.add(("FL302", debugger.env.path, debugger.env.span.start.line))
    return (Related(debugger.env.path, debugger.env.span,
                    f"`{debugger.env.name}={debugger.env.value}` turns the debugger on here"),)


def _production_env_debugger(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact, unit: UnitKey,
                             chain: list[Edge], out: Combined, catalog) -> None:
    """A production `flask run` whose debugger a variable turns on (its own `env:`, `Environment=`, the
    `environment:` of the service that builds its stage): one FL101/FL202 at the start, not an FL302."""
    start = _interpret(graph, results, path, fact, unit, chain)
    if start is None or not start.debugger_on or start.debugger is None or start.debugger.option is not None:
        return  # off, or turned on by the command's own option: its file already reported it
    debugger = start.debugger
    if debugger.env is None or debugger.env.name != "FLASK_DEBUG":
        return  # FLASK_ENV=development acts only before Flask 2.3: FL302 says so, with that note
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone who reaches the port gets a Python console"
                if start.bind_all else "in production")
    how = f"; production reaches it through {' -> '.join(edge.label for edge in chain)}" if chain else ""
    out.findings.append(Finding(
        rule, path, _span(fact),
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(debugger)}) {exposure}{how}; "
        "turn the debugger off and serve with gunicorn",
        catalog[rule].severity, related=_hops(chain) + _debugger_source(debugger, out)))
    out.replaced.add((rule, path, _span(fact)))
    if debugger.env.span is not None and debugger.env.path == path:
        out.borrowed_fixes[(rule, path, _span(fact))] = (path, debugger.env.span.start.line)


def _development_callers(graph: Graph, unit: UnitKey) -> list[list[Edge]]:
    """Each development launcher that runs `unit` (a make target is a root of its own, so its shortest
    chain is empty): that caller's chain, then the edge into `unit`."""
    chains = []
    for edges in graph.edges.values():
        for edge in edges:
            if edge.target == unit and edge.how == "runs":
                before = graph.chain(edge.source, DEVELOPMENT)
                if before is not None:
                    chains.append(before + [edge])
                # a development stage (Dockerfile-dev) runs with what the compose service building it passes on
                # (its env_file), although the stage is a development launcher of its own
                chains.extend(built + [edge] for built in _builders(graph, edge.source))
    return chains


def _builders(graph: Graph, stage: UnitKey) -> list[list[Edge]]:
    """The development chains through each compose service that builds `stage`, that edge last."""
    if stage[0] != STAGE:
        return []
    chains = []
    for edges in graph.edges.values():
        for edge in edges:
            if edge.target == stage and edge.how == "builds":
                before = graph.chain(edge.source, DEVELOPMENT)
                if before is not None:
                    chains.append(before + [edge])
    return chains


def _development_start(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact,
                       chain: list[Edge], out: Combined, catalog) -> None:
    """`make dev` -> `$(MAKE) serve FLASK_DEBUG=1` -> `flask run --host 0.0.0.0`: the launcher that passes
    the debugger on starts an exposed debugger, although neither file does on its own."""
    start = _interpret(graph, results, path, fact, chain[-1].target, chain)
    if start is None or not start.debugger_on or start.debugger is None or fact.debugger:
        return  # off, or already on in the start's own file (which reports it there)
    root = chain[0]
    where_path, where = (root.path, _span(root.fact)) if root.fact is not None else (path, _span(fact))
    here = Related(path, _span(fact), f"`{start.program}` starts the development server here")
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone on the network can run Python in the server"
                if start.bind_all else "on loopback")
    how = " -> ".join(edge.label for edge in chain)
    finding = Finding(
        rule, where_path, where,
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(start.debugger)}) {exposure}; "
        f"started through {how}",
        catalog[rule].severity, related=_hops(chain) + (here,) + _debugger_source(start.debugger, out))
    out.development.append((finding, chain))
    if (where_path, where) == (path, _span(fact)):
        # placed on the start itself (a compose service building a dev stage): its own FL201/FL202 are part of it
        for line in range(fact.line, fact.end_line + 1):
            for own in ("FL201", "FL202"):
                out.absorbed.add((own, path, line))


def _production_start(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact, chain: list[Edge],
                      out: Combined, catalog) -> None:
    start = _interpret(graph, results, path, fact, chain[-1].target, chain)
    if start is None:
        return
    built = any(edge.how == "builds" for edge in chain)
    root = chain[0]
    if built or root.fact is None:
        where_path, where = path, _span(fact)
    else:
        where_path, where = root.path, _span(root.fact)
    here = Related(path, _span(fact), f"`{start.program}` starts the development server here")
    related = _hops(chain) + ((here,) if where_path != path or where != _span(fact) else ())
    how = " -> ".join(edge.label for edge in chain)
    app = start.app.value if start.app is not None else fact.app
    port = start.port.value if start.port is not None and not start.port.is_default else (fact.port_hint or "5000")
    argv = ["gunicorn", "--bind", f"0.0.0.0:{port}", gunicorn_target(app)]
    message = production_dev_server_message(start.program, gunicorn_advice(argv)) + (
        f"; production reaches it through {how}")
    out.findings.append(Finding("FL301", where_path, where, message, catalog["FL301"].severity,
                                related=related))
    out.replaced.add(("FL301", where_path, where))
    for line in range(fact.line, fact.end_line + 1):
        for rule in ABSORBED_RULES:
            out.absorbed.add((rule, path, line))
    if not start.debugger_on or start.debugger is None:
        return
    debugger = start.debugger
    sources = _debugger_source(debugger, out)
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone who reaches the port gets a Python console"
                if start.bind_all else "in production")
    out.findings.append(Finding(
        rule, where_path, where,
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(debugger)}) {exposure}; "
        f"production reaches it through {how}; turn the debugger off and serve with gunicorn",
        catalog[rule].severity, related=related + sources))
    out.replaced.add((rule, where_path, where))


def _describe(setting: flaskcli.Setting) -> str:
    if setting.option is not None:
        return f"`{setting.option.text}`"
    if setting.env is not None:
        return f"`{setting.env.name}={setting.env.value}` from {setting.env.path}"
    return "the default"


def _python_script_start(path: str, start: dict, chain: list[Edge], root: Edge, out: Combined, catalog,
                         fallback: bool) -> None:
    """`compose -> start.sh -> python app.py`: FL301 on the first command of the chain (the compose
    command; the CMD of a stage that compose builds) for the script's dev server."""
    assert root.fact is not None
    where = _span(root.fact)
    how = " -> ".join(edge.label for edge in chain)
    call = start.get("call", "the server start")
    here = Related(path, Span(Position(start["line"], start["column"]), Position(start["end_line"], start["end_column"])),
                   f"`{call}` starts the development server when {path} runs as __main__")
    into = out.fallbacks if fallback else out.findings
    index = out.script_starts.get((fallback, root.path, where))
    if index is not None:  # another start of the same script: one finding per launcher
        into[index] = into[index].with_changes(related=into[index].related + (here,))
        return
    finding = Finding(
        "FL301", root.path, where,
        f"production entrypoint {root.label} starts the Flask development server: through {how}, "
        f"{path} line {start['line']} calls `{call}` when run as a script; serve the app with gunicorn instead",
        catalog["FL301"].severity, related=_hops(chain) + (here,))
    out.script_starts[(fallback, root.path, where)] = len(into)
    into.append(finding)
    if not fallback:
        out.replaced.add(("FL301", root.path, where))

