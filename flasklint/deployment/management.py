"""Launchers that run a management script's server command: `python manage.py run -h 0.0.0.0`, `alertad run`.

A script built on Flask's `FlaskGroup` has Flask's own `run` command, so its
command line is read by the same Flask-CLI model as `flask run` (flaskcli, built
from Flask's click definitions): `python manage.py run -h 0.0.0.0` is
`flask run -h 0.0.0.0`, with the environment the launch chain passes on
(`FLASK_DEBUG` from a compose `env_file:`). A Flask-Script `Manager` runs the
plain `Server()` it registers as `runserver` when the project registered none
under that name (flask_script/__init__.py), with the flags of the frameworks
table (`-h/--host`, `-d/--debug`, `-D/--no-debug`). The script's file says which
it is (`facts["management"]`, flasklint.python.management); the launcher's
`arguments` say what runs.

Findings: production runs the development server (FL301 where the chain starts,
as for `flask run`), and FL101 at the launcher's line when the command line turns
the debugger on and binds all interfaces (in development too: it is reachable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from flasklint.findings.catalog import load_catalog
from flasklint.commands import flaskcli
from flasklint.commands.checks import StartFact
from flasklint.commands.environment import Environment
from flasklint.commands.shellwords import Word
from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Edge, Graph
from flasklint.deployment.units import MAIN, MODULE
from flasklint.model import FileResult, Finding, Position, Related, Span
from flasklint.python import frameworks

__all__ = ["ManagementStart", "management_starts"]

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]"})


@dataclass(frozen=True)
class ManagementStart:
    """One launcher line running a management script's server command, as read."""

    edge: Edge
    """The launcher's edge into the script (its fact: the command line)."""
    command: str
    """How it is shown: `manage.py run -h 0.0.0.0`."""
    what: str
    """What the command is: Flask's `run` (FlaskGroup), Flask-Script's default `runserver`."""
    bind_all: bool
    debugger: bool
    debugger_setting: Optional[flaskcli.Setting] = None
    """What turned the debugger on, for `flask run` (a variable has its place: FL101 takes its FL302's)."""


def _span(fact: StartFact) -> Span:
    return Span(Position(fact.line, fact.column), Position(fact.end_line, fact.end_column))


def _words(fact: StartFact, texts: list[str]) -> list[Word]:
    """Words for the Flask-CLI model, placed at the launcher's command (offsets only tell words apart)."""
    return [Word(text, fact.start + index, fact.start + index + 1) for index, text in enumerate(texts)]


def read(edge: Edge, management: dict[str, Any], env: Environment) -> Optional[ManagementStart]:
    """The server command a launcher's arguments run on a management script, or None (another command)."""
    fact = edge.fact
    if fact is None or not fact.args:
        return None
    arguments = list(fact.args)
    program = fact.program if fact.kind == flaskcli.PROGRAM else edge.target[1].rpartition("/")[2]
    shown = f"{program} {' '.join(arguments)}"
    if management.get("kind") == "flask_group":
        if "run" not in arguments:
            return None
        starts = flaskcli.interpret_all(_words(fact, ["flask", *arguments]), env)
        start = next((s for s in starts if s.kind == flaskcli.DEV_SERVER), None)
        if start is None:
            return None
        return ManagementStart(edge, shown, "Flask's `run` command (a FlaskGroup script)", start.bind_all,
                               start.debugger_on, start.debugger)
    framework = frameworks.by_kind(str(management.get("kind")))
    command = framework.command if framework is not None else None
    if command is None or arguments[0] != command.name or command.name in management.get("own", ()):
        return None  # another command, or the project's own server command (its start says what it does)
    host = next((arguments[i + 1] for i, word in enumerate(arguments[:-1]) if word in command.host_flags), None)
    host = host or next((word.partition("=")[2] for word in arguments if word.partition("=")[0] in command.host_flags
                         and "=" in word), None)
    switches = [word for word in arguments if word in command.debugger_on + command.debugger_off]
    debugger = bool(switches) and switches[-1] in command.debugger_on
    return ManagementStart(edge, shown, f"{framework.label}'s default `{command.name}` "  # type: ignore[union-attr]
                           f"(`{command.dispatchers[0].rpartition('.')[2]}` registers a plain server under it)",
                           host in ALL_INTERFACES, debugger)


def management_starts(graph: Graph, results: dict[str, FileResult], chain_env: Any) -> tuple[
        list[Finding], list[tuple[Finding, list[Edge]]], set[tuple[str, str, int]]]:
    """(production findings, development findings with their chains, (rule, path, line) of the FL302s an FL101
    stands for) of every launcher running a management script's server command. `chain_env(chain)` gives the
    variables a chain passes on (combine's)."""
    catalog = load_catalog()
    production: list[Finding] = []
    development: list[tuple[Finding, list[Edge]]] = []
    absorbed: set[tuple[str, str, int]] = set()
    for source in sorted(graph.edges):
        for edge in graph.edges[source]:
            if edge.fact is None or not edge.fact.args or edge.target[0] not in (MAIN, MODULE) or \
                    edge.target[1] not in results:
                continue  # (a script's edge into a CLI command of its own is the same launch as into its __main__)
            management = results[edge.target[1]].facts.get("management")
            if not management:
                continue
            chain = graph.chain(source, PRODUCTION)
            role = PRODUCTION if chain is not None else DEVELOPMENT
            chain = (chain if chain is not None else graph.chain(source, DEVELOPMENT) or []) + [edge]
            found = read(edge, management, Environment(chain_env(chain)))
            if found is None:
                continue
            here = Related(edge.path, _span(edge.fact), f"`{found.command}` runs {found.what} here")
            hops = tuple(Related(e.path, _span(e.fact), f"{e.label} runs the next step here")
                         for e in chain[:-1] if e.fact is not None)
            if role == PRODUCTION:
                root = next((e for e in chain if e.fact is not None), edge)
                production.append(Finding(
                    "FL301", root.path, _span(root.fact), f"production entrypoint {root.label} starts the Flask "  # type: ignore[arg-type]
                    f"development server: `{found.command}` runs {found.what}; serve the app with gunicorn instead",
                    catalog["FL301"].severity, related=hops[1:] + (here,) if root is not edge else ()))
            if found.debugger and found.bind_all:
                variable = found.debugger_setting.env if found.debugger_setting is not None else None
                if variable is not None and variable.span is not None:
                    absorbed.add(("FL302", variable.path, variable.span.start.line))
                    hops += (Related(variable.path, variable.span, f"`{variable.name}={variable.value}` turns the "
                                                                   "debugger on here"),)
                finding = Finding(
                    "FL101", edge.path, _span(edge.fact),
                    f"`{found.command}` runs {found.what} with the Werkzeug debugger on and bound to all "
                    "interfaces: anyone who reaches the port can run Python on this machine through the debugger "
                    "console; turn the debugger off and bind 127.0.0.1, or serve with a production WSGI server",
                    catalog["FL101"].severity, related=hops)
                if role == PRODUCTION:
                    production.append(finding)
                else:
                    development.append((finding, chain))
    return production, development, absorbed
