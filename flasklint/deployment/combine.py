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
from typing import Any, Optional, Sequence

from flasklint.findings.catalog import load_catalog
from flasklint.commands import flaskcli
from flasklint.commands.checks import (
    FACTS_KEY, StartFact, fact_env, fact_words, gunicorn_advice, gunicorn_requirement, gunicorn_target,
    production_dev_server_message,
)
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.flaskcli import debug_flag
from flasklint.deployment.graph import DEVELOPMENT, PRODUCTION, Edge, Graph
from flasklint.deployment.management import management_starts
from flasklint.deployment.requirements import Requirements, dotenv_note
from flasklint.python.facts import skipped_by_default
from flasklint.deployment.units import CLI, FUNC, MAIN, SERVICE, STAGE, UnitKey
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
    chosen_by_deployment: set[tuple[str, int]] = field(default_factory=set)
    """(path, line) of config loads whose default every production launcher overrides with a config whose DEBUG is
    off (`config[os.getenv("FLASK_ENV", "dev")]` under `ENV FLASK_ENV=prod`): the default's FL102 is not production's."""
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
    requirements = graph.requirements
    callers = _runs_into(graph)
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
                elif (development := graph.chain(unit, DEVELOPMENT)) is not None:
                    # a production-style start in a development file (Dockerfile.dev, a dev script's heredoc image)
                    _production_env_debugger(graph, results, path, fact, unit, development, out, catalog, DEVELOPMENT)
            elif chain:
                _production_start(graph, results, path, fact, chain, out, catalog, requirements)
            else:
                for development in _development_callers(graph, callers.get(unit, ())):
                    _development_start(graph, results, path, fact, development, out, catalog)
    _services_running_images(graph, results, out, catalog)
    for path in sorted(results):
        units = graph.files.get(path)
        if units is None:
            continue
        for start in results[path].facts.get("starts", ()):
            unit = graph.unit_at(path, int(start["line"]))
            chain = graph.chain(unit, PRODUCTION) if unit is not None else None
            if start.get("command"):  # a management command's server: the launcher naming it, not any chain
                chain = _command_chain(graph, path, start["command"])
            if not chain:
                continue
            if skipped_by_default(start, (value.name for value in _chain_env(graph, results, chain, PRODUCTION))):
                continue  # behind a setting whose default leads elsewhere, and no launcher sets it
            if not _runs_as_script(start, chain) and not _runs_command(chain, start):
                continue
            launcher = next((edge for edge in chain if edge.fact is not None), None)
            if launcher is None:
                continue
            _python_script_start(path, start, chain, launcher, out, catalog,
                                 fallback=launcher.fact.production and len(chain) == 1, requirements=requirements)
    # `python manage.py run -h 0.0.0.0` on a FlaskGroup script, Flask-Script's default runserver
    found, development, absorbed = management_starts(
        graph, results, lambda chain: _chain_env(graph, results, chain, PRODUCTION))
    out.findings.extend(found)
    out.development.extend(development)
    out.absorbed |= absorbed
    for path in sorted(results):
        for ref in results[path].facts.get("config_refs") or ():
            if not ref.get("env"):
                continue
            default, choices = _deployed_choices(graph, results, path, ref)
            if _deployment_chooses_off(graph, results, path, ref, default, choices):
                out.chosen_by_deployment.add((path, int(ref["line"])))
            _deployment_chosen_debug(results, path, ref, default, choices, out, catalog)
    for path in sorted(results):
        for start in results[path].facts.get("starts", ()):
            tables = list(start.get("env") or ()) + _imported_tables(graph, results, path, start)
            if tables or start.get("reads_debug_env"):
                _deployed_values(graph, results, path, start, tables, out, catalog)
    return out


def _command_chain(graph: Graph, path: str, command: str) -> Optional[list[Edge]]:
    """The production chain of a launcher that runs the script `path` with the subcommand `command`
    (`python manage.py runserver`), ending at that script's `__main__`; None when no such launcher runs."""
    main = (MAIN, path, "")
    for source in sorted(graph.reached.get(PRODUCTION, {})):
        for edge in graph.edges.get(source, ()):
            if edge.target == main and edge.fact is not None and (edge.fact.args or [""])[0] == command:
                before = graph.chain(source, PRODUCTION)
                if before is not None:
                    return before + [edge]
    return None


def _runs_command(chain: list[Edge], start: dict[str, Any]) -> bool:
    """Whether a launcher in the chain runs the script with the subcommand a start is registered under
    (`python manage.py runserver` for Flask-Script's `add_command("runserver", Server(...))`)."""
    command = start.get("command")
    return bool(command) and any(edge.fact is not None and edge.fact.args and edge.fact.args[0] == command
                                 for edge in chain)


Choice = tuple[list[Edge], Optional[EnvValue], Optional[tuple[str, str]]]
"""A production chain that reaches a config load, the variable's value it sets (None: unset) and the config
(module, class) that value picks (None: unset or not known)."""


def _deployed_choices(graph: Graph, results: dict[str, FileResult], path: str,
                      ref: dict) -> tuple[Optional[tuple[str, str]], list[Choice]]:
    """(the config the variable's default picks, what each production chain reaching the load picks): computed
    once for both questions asked of a config chosen by a variable."""
    unit = graph.unit_at(path, int(ref["line"]))
    default = _chosen_class(graph, results, path, ref, str(ref.get("key", ref.get("target") or "")))
    choices: list[Choice] = []
    for chain in (graph.chains(unit, PRODUCTION) if unit is not None else []):
        value = Environment(_chain_env(graph, results, chain, PRODUCTION)).get(str(ref["env"]))
        choices.append((chain, value, _chosen_class(graph, results, path, ref, value.value) if value is not None else None))
    return default, choices


def _deployment_chooses_off(graph: Graph, results: dict[str, FileResult], path: str, ref: dict,
                            default: Optional[tuple[str, str]], choices: list[Choice]) -> bool:
    """Whether no production chain that reaches a config load takes its default: each sets the variable that
    picks the config (`config[os.getenv("FLASK_ENV", "dev")]`, `from_object(os.getenv(...))`) to another
    config, or to the default's own config when its DEBUG is off. A chain that sets it to some other debug
    config does not make the default's finding true (tko22: compose picks DockerDevConfig, Heroku and the
    Dockerfile pick ProductionConfig, and DevelopmentConfig, the default, is loaded by none)."""
    if not choices:
        return False
    for _, value, chosen in choices:
        if value is None:
            return False  # this launcher takes the default
        if chosen is None or (chosen == default and _config_debug(graph, results, path, ref, value.value) is not False):
            return False  # a config not known, or the default's own with DEBUG (maybe) on
    return True


def _deployment_chosen_debug(results: dict[str, FileResult], path: str, ref: dict,
                             default: Optional[tuple[str, str]], choices: list[Choice], out: Combined,
                             catalog: Any) -> None:
    """FL102 at a debug config that a production launcher picks by setting the variable (`APP_ENV: container`
    in compose choosing `ContainerDevConfig`, whose `DEBUG = True`), once per config: production loads it,
    although the variable's default picks another one. Only where a production WSGI server serves the app: a
    chain that runs the dev server has that start's own finding (one finding per start)."""
    reported: set[tuple[str, str]] = set()
    for chain, value, chosen in choices:
        if not any(edge.fact is not None and edge.fact.kind == flaskcli.PRODUCTION_SERVER for edge in chain):
            continue
        if value is None or chosen is None or chosen == default or chosen in reported:
            continue
        setting = (results[chosen[0]].facts.get("config_classes") or {}).get(chosen[1])
        if not setting or not setting.get("debug") or "line" not in setting:
            continue
        reported.add(chosen)
        span = Span(Position(int(setting["line"]), int(setting["column"])),
                    Position(int(setting["end_line"]), int(setting["end_column"])))
        load = Span(Position(int(ref["line"]), int(ref["column"])), Position(int(ref["end_line"]), int(ref["end_column"])))
        origin = f" from {value.path}" if value.path else ""
        related = [Related(path, load, f"loads {chosen[1]} when {value.name}={value.value}")]
        if value.span is not None:
            related.append(Related(value.path, value.span, f"`{value.name}={value.value}` picks {chosen[1]} here"))
        out.findings.append(Finding(
            "FL102", chosen[0], span,
            f"`{setting.get('code', 'DEBUG = True')}` in {chosen[1]} turns on the Werkzeug debugger in production: "
            f"`{value.name}={value.value}`{origin} picks this config for the app {path} loads (line {ref['line']}); "
            f"its browser console runs any Python typed into it, for whoever reaches the server; pick a config with "
            f"DEBUG off there, and turn debug on locally with `flask run --debug` (production: reached through "
            f"{' -> '.join(edge.label for edge in chain)})",
            catalog["FL102"].severity, related=tuple(related) + _hops(chain)))


def _chosen_class(graph: Graph, results: dict[str, FileResult], path: str, ref: dict,
                  chosen: str) -> Optional[tuple[str, str]]:
    """(module, class) of the config a value of the variable selects; None when not known."""
    target = str(ref.get("target") or "")
    if ref.get("how") == "mapping":
        module = graph.imported_file(path, target)
        maps = (results[module].facts.get("config_maps") or {}) if module else {}
        class_name = (maps.get(target.rpartition(".")[2]) or {}).get(chosen)
    elif ref.get("how") == "object" and "." in chosen:
        module, class_name = graph.imported_file(path, chosen), chosen.rpartition(".")[2]
    else:
        return None
    return (module, class_name) if module and class_name else None


def _config_debug(graph: Graph, results: dict[str, FileResult], path: str, ref: dict, chosen: str) -> Optional[bool]:
    """The DEBUG of the config a deployed value selects (None: not known)."""
    found = _chosen_class(graph, results, path, ref, chosen)
    setting = (results[found[0]].facts.get("config_classes") or {}).get(found[1]) if found else None
    return bool(setting.get("debug")) if setting else None


def _imported_tables(graph: Graph, results: dict[str, FileResult], path: str, start: dict) -> list[dict]:
    """The environment tables of the settings a start imports (`host=config.HOST` with
    `HOST = os.getenv("APP_HOST")` in config.py), as the start's own."""
    tables = []
    for item in start.get("imported") or ():
        target = str(item.get("target") or "")
        module = graph.imported_file(path, target)
        constant = (results[module].facts.get("constants") or {}).get(target.rpartition(".")[2]) if module else None
        if constant and constant.get("env"):
            tables.append({"what": item.get("what"), "line": constant.get("line"), "module": module, **constant["env"]})
    return tables


def _runs_as_script(start: dict, chain: list[Edge]) -> bool:
    """Whether a Python start runs at the end of `chain`: a `__main__` block the chain runs (with the functions
    only it calls), or a console script's function (`web: pantry-serve`), or a function a script calls
    (`main()` of `.cli`)."""
    console = chain[-1].fact is not None and chain[-1].fact.kind == flaskcli.PROGRAM
    # a function a production script calls (`main()` of `.cli`), or the management command it names
    called = chain[-1].target[0] in (FUNC, CLI)
    # in a `__main__` unit: the guarded block, or a function only it calls (`run_wiki()` under the guard)
    main = chain[-1].target[0] == MAIN and bool(
        start.get("main_guarded") or (start.get("function") and not start.get("import_time")))
    return main or bool((console or called) and start.get("function") and not start.get("import_time"))


def _deployed_values(graph: Graph, results: dict[str, FileResult], path: str, start: dict, tables: list[dict],
                     out: Combined, catalog) -> None:
    """A host or debug argument read from an environment variable, resolved with the environment the launcher
    gives the process (`environment: {APP_HOST: 0.0.0.0, DEBUG: "1"}` for `python app.py`): an FL101 at the
    call when the deployment exposes the debugger that the variables' defaults did not."""
    unit = graph.unit_at(path, int(start["line"]))
    if unit is None:
        return
    for role in (PRODUCTION, DEVELOPMENT):
        for chain in graph.chains(unit, role):
            if chain and _runs_as_script(start, chain) and _deployed_start(graph, results, path, start, tables, chain,
                                                                             role, out, catalog):
                return


def _deployed_start(graph: Graph, results: dict[str, FileResult], path: str, start: dict, tables: list[dict],
                    chain: list[Edge], role: str, out: Combined, catalog) -> bool:
    """`_deployed_values` for one chain; True when it found the debugger exposed."""
    env = Environment(_chain_env(graph, results, chain, role))
    bind_all, debugger = bool(start.get("bind_all")), bool(start.get("debugger"))
    set_here: list[EnvValue] = []
    shown: dict[int, str] = {}
    version_note = ""
    for table in tables:
        value = env.get(str(table.get("env")))
        values = [value] if value is not None else _alternatives(graph, chain, str(table.get("env")))
        if not values:
            continue  # unset: the file's own analysis took the default
        results = [v.value if table.get("passes") else (table.get("values") or {}).get(v.value, "?") for v in values]
        if table.get("what") == "host":
            outcomes = {isinstance(r, str) and r in flaskcli.ALL_INTERFACES for r in results}
        else:
            outcomes = {bool(r) for r in results}
        if "?" in results or len(outcomes) != 1:
            continue  # a value the table does not know, or environments that differ in effect: unknown
        if table.get("what") == "host":
            bind_all = outcomes.pop()
        elif table.get("what") == "debug":
            debugger = outcomes.pop()
            if table.get("passes"):
                for v in values:  # `debug=os.environ["DEBUG"]` gets the string: "False" is true
                    off = v.value.strip().lower() in _READS_AS_OFF
                    shown[id(v)] = f'`{v.name}="{v.value}"`' + (" (a non-empty string: true)" if off else "")
        set_here.extend(values)
    if start.get("reads_debug_env") and not debugger:
        # Flask.run reads FLASK_DEBUG, and before 2.3 FLASK_ENV=development when FLASK_DEBUG is unset
        flask_debug, flask_env = env.get("FLASK_DEBUG"), env.get("FLASK_ENV")
        note = debug_mode_note(path, results) if flask_debug is None and flask_env is not None else None
        switch = flask_debug if flask_debug is not None and debug_flag(flask_debug.value) else (
            flask_env if note is not None and flask_env is not None and flask_env.value == "development" else None)
        if switch is not None:
            debugger = True
            set_here.append(switch)
            version_note = f" [{note}]" if switch is flask_env and note else ""
    if not (bind_all and debugger) or (start.get("bind_all") and start.get("debugger")) or not set_here:
        return False
    span = Span(Position(start["line"], start["column"]), Position(start["end_line"], start["end_column"]))
    how = " -> ".join(edge.label for edge in chain)
    settings = ", ".join(shown.get(id(v), f"`{v.name}={v.value}`") + (f" from {v.path}" if v.path else "")
                         for v in set_here)
    finding = Finding(
        "FL101", path, span,
        f"`{start.get('call', 'the server start')}` serves the Werkzeug debugger on all interfaces with the "
        f"environment {role} gives it ({settings}); anyone who can reach the port can run Python on this machine "
        f"through the debugger console; started through {how}. Turn the debugger off and bind 127.0.0.1, or serve "
        f"with a production WSGI server{version_note}",
        catalog["FL101"].severity,
        related=_hops(chain) + tuple(Related(v.path, v.span, f"`{v.name}={v.value}` is set here")
                                     for v in set_here if v.span is not None))
    for line in range(int(start["line"]), int(start["end_line"]) + 1):
        for rule in ("FL101", "FL102", "FL103"):
            out.absorbed.add((rule, path, line))
    for value in set_here:  # a FLASK_DEBUG/FLASK_ENV line this finding names is part of it (one finding a start)
        if value.span is not None:
            out.absorbed.add(("FL302", value.path, value.span.start.line))
    if role == PRODUCTION:
        out.findings.append(finding)
    else:
        out.development.append((finding, chain))
    return True


_READS_AS_OFF = frozenset({"", "0", "false", "no", "off", "none"})
"""Strings that read as off, but are true as Python values (`app.run(debug="False")` turns the debugger on)."""


def _alternatives(graph: Graph, chain: list[Edge], name: str) -> list[EnvValue]:
    """The values a manifest container's per-environment ConfigMaps give `name` when they disagree (one a
    ConfigMap), if nothing later in the chain sets it: judged together, by what the start makes of each."""
    container = graph.containers.get(chain[0].source) if chain else None
    entries = container.alternatives.get(name, []) if container is not None else []
    return [value for entry in entries for value in fact_env(entry["path"], [entry])]


def _chain_env(graph: Graph, results: dict[str, FileResult], chain: list[Edge], role: str) -> list[EnvValue]:
    """The environment each hop passes on, outermost first (later wins): a hop's env files (a compose
    `env_file:`), then its own variables (`environment:`, `VAR=x cmd`, `make run VAR=x`).

    A compose service that runs its image as it is sets the container's environment, which overrides the
    image's own `ENV` (the next hop's, its `CMD`/`ENTRYPOINT`) but not what a script inside exports: so its
    variables come right after that next hop's."""
    values: list[EnvValue] = []
    container: list[EnvValue] = []
    for edge in chain:
        loaded = _loaded_env(graph, results, edge.source, role)
        if edge.fact is None and edge.source[0] == SERVICE:
            container = loaded + _service_env(graph, edge.source)
            continue
        values.extend(loaded)
        if edge.fact is not None and edge.fact.env:
            values.extend(fact_env(edge.path, edge.fact.env))
        values.extend(container)
        container = []
    return values + container


def _service_env(graph: Graph, service: UnitKey) -> list[EnvValue]:
    """The `environment:` of a compose service (its last MAX_PASSED_VARIABLES variables), from the file's facts;
    a manifest container's resolved `env` (literal values and agreeing ConfigMap keys, each from its file)."""
    container = graph.containers.get(service)
    if container is not None:
        return [value for entry in container.env for value in fact_env(entry["path"], [entry])]
    units = graph.files.get(service[1])
    info = units.service_info(service[2]) if units is not None else None
    return fact_env(service[1], info.get("env", ())) if info else []


def _loaded_env(graph: Graph, results: dict[str, FileResult], unit: UnitKey, role: str) -> list[EnvValue]:
    """Variables of the env files `unit` loads when `role` runs it, in the order it names them."""
    values: list[EnvValue] = []
    for edge in graph.loads(unit, role):
        if edge.target[1] in results:
            values.extend(fact_env(edge.target[1], results[edge.target[1]].facts.get("env", ())))
    return values


def _interpret(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact, unit: UnitKey,
               chain: list[Edge], role: str = PRODUCTION) -> Optional[flaskcli.CommandStart]:
    """The start asked again with everything the chain passes on, and the dotenv files it loads."""
    env = Environment(_chain_env(graph, results, chain, role)).layered(fact_env(path, fact.env or ()))
    if not debug_flag(env.value("FLASK_SKIP_DOTENV")):
        # the .flaskenv/.env this `flask run` loads: lowest precedence (python-dotenv does not override)
        env = Environment(_loaded_env(graph, results, unit, role)).layered(env)
    return next((s for s in flaskcli.interpret_all(fact_words(fact), env, path=path, cwd=fact.cwd)
                 if s.kind == flaskcli.DEV_SERVER and s.start == fact.start), None)


def _debugger_source(debugger: flaskcli.Setting, out: Combined) -> tuple[Related, ...]:
    """The variable that turned the debugger on, as a related location; its FL302 is part of the finding."""
    if debugger.env is None or debugger.env.span is None:
        return ()
    out.absorbed.add(("FL302", debugger.env.path, debugger.env.span.start.line))
    return (Related(debugger.env.path, debugger.env.span,
                    f"`{debugger.env.name}={debugger.env.value}` turns the debugger on here"),)


def debug_mode_note(path: str, results: dict[str, FileResult]) -> Optional[str]:
    """flaskversion.debug_mode_note (imported here: flaskversion reads deployment.paths, so a top-level import
    would be a cycle for whoever imports flaskversion first)."""
    from flasklint.deployment.flaskversion import debug_mode_note as note

    return note(path, results)


def _production_env_debugger(graph: Graph, results: dict[str, FileResult], path: str, fact: StartFact, unit: UnitKey,
                             chain: list[Edge], out: Combined, catalog, role: str = PRODUCTION) -> None:
    """A production `flask run` whose debugger a variable turns on (its own `env:`, `Environment=`, the
    `environment:` of the service that builds its stage): one FL101/FL202 at the start, not an FL302.

    In a file that only development runs (`role`), the FL101 when it also listens on all interfaces (a debugger
    others can reach), judged as development; nothing else (the file's production-style findings stay hidden)."""
    start = _interpret(graph, results, path, fact, unit, chain)
    if start is None or not start.debugger_on or start.debugger is None or start.debugger.option is not None:
        return  # off, or turned on by the command's own option: its file already reported it
    if role == DEVELOPMENT and not start.bind_all:
        return
    debugger = start.debugger
    if debugger.env is None:
        return
    version_note = ""
    if debugger.env.name == "FLASK_ENV":
        # debug mode under a Flask pinned below 2.3, as FLASK_DEBUG=1 is; else FL302 says "may", or "dead setting"
        note = debug_mode_note(path, results)
        if note is None:
            return
        version_note = f" [{note}]"
    elif debugger.env.name != "FLASK_DEBUG":
        return
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone who reaches the port gets a Python console"
                if start.bind_all else "in production")
    how = f"; {role} reaches it through {' -> '.join(edge.label for edge in chain)}" if chain else ""
    finding = Finding(
        rule, path, _span(fact),
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(debugger, graph, unit)}) {exposure}{how}; "
        f"turn the debugger off and serve with gunicorn{version_note}",
        catalog[rule].severity, related=_hops(chain) + _debugger_source(debugger, out))
    if role == DEVELOPMENT:
        out.development.append((finding, chain))
        return
    out.findings.append(finding)
    out.replaced.add((rule, path, _span(fact)))
    if debugger.env.span is not None and debugger.env.path == path:
        out.borrowed_fixes[(rule, path, _span(fact))] = (path, debugger.env.span.start.line)


def _services_running_images(graph: Graph, results: dict[str, FileResult], out: Combined, catalog) -> None:
    """A production compose service with no command of its own runs its image's ENTRYPOINT/CMD, and the scripts
    those run, with its `environment:` and `env_file:`. When that environment turns the debugger of a
    `flask run` on, that is one FL101/FL202 at the service's `build:` (what ties the service to the image;
    another service, or a plain `docker run` of the same image, has it off), with the variable, the image's
    command and the start as related locations. The image's own FL301 stays at its command, where the fix is.

    A start whose shortest production chain already passes through the service was judged with it
    (`_production_start`)."""
    services = [((SERVICE, path, str(info["name"])), info) for path in sorted(graph.files)
                for info in graph.files[path].facts.get("compose_services", ())]
    # a manifest container that runs an image built here as it is (deployment/containers.py)
    services += [(unit, container.info) for unit, container in graph.containers.items()]
    for service, info in services:
        if info.get("runs_own") or graph.roles.get(service) != PRODUCTION:
            continue
        if not _service_env(graph, service) and not graph.loads(service, PRODUCTION):
            continue
        build = next((e for e in graph.edges.get(service, ()) if e.how == "builds"), None)
        if build is None:
            continue
        for chain, unit in _image_runs(graph, build):
            for raw in graph.files[unit[1]].facts.get(FACTS_KEY, ()):
                if raw.get("kind") != flaskcli.DEV_SERVER or graph.files[unit[1]].at(int(raw["line"])) != unit:
                    continue
                fact = StartFact.from_json(raw)
                shortest = graph.chain(unit, PRODUCTION) or []
                if any(edge.source == service for edge in shortest):
                    continue
                _service_debugger(graph, results, unit, fact, chain, info, out, catalog)


def _image_runs(graph: Graph, build: Edge) -> list[tuple[list[Edge], UnitKey]]:
    """(chain from the service, unit) for what the built image runs: the stage whose CMD/ENTRYPOINT it has
    (itself, else the base stage it inherits one from), then what that command runs, breadth first."""
    chain = [build]
    stage = build.target
    seen = {stage}
    while not _has_start(graph, stage):
        parent = next((e for e in graph.edges.get(stage, ()) if e.how == "inherits"), None)
        if parent is None or parent.target in seen:
            return []
        chain.append(parent)
        stage = parent.target
        seen.add(stage)
    found = [(chain, stage)]
    index = 0
    while index < len(found):
        hops, unit = found[index]
        index += 1
        for edge in graph.edges.get(unit, ()):
            if edge.how == "runs" and edge.target not in seen:
                seen.add(edge.target)
                found.append((hops + [edge], edge.target))
    return found


def _has_start(graph: Graph, stage: UnitKey) -> bool:
    units = graph.files.get(stage[1])
    return units is not None and any(units.at(int(raw["line"])) == stage for raw in units.facts.get(FACTS_KEY, ()))


def _service_debugger(graph: Graph, results: dict[str, FileResult], unit: UnitKey, fact: StartFact, chain: list[Edge],
                      info: dict, out: Combined, catalog) -> None:
    start = _interpret(graph, results, unit[1], fact, unit, chain)
    if start is None or not start.debugger_on or start.debugger is None or start.debugger.env is None:
        return
    service = chain[0].source
    sources = {service[1]} | {edge.target[1] for edge in graph.loads(service, PRODUCTION)} | {
        value.path for value in _service_env(graph, service)}
    if start.debugger.env.path not in sources:
        return  # on without the service (the image's own ENV, the start's options): judged where it is
    where_path = service[1]
    span_json = (info.get("build") or {}).get("span") or info.get("image_span")
    where = Span.from_json(span_json) if span_json else _line_span(int(info["line"]))
    here = Related(unit[1], _span(fact), f"`{start.program}` starts the development server here")
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone who reaches the port gets a Python console"
                if start.bind_all else "in production")
    how = " -> ".join(edge.label for edge in chain)
    out.findings.append(Finding(
        rule, where_path, where,
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(start.debugger, graph, unit)}) {exposure}; "
        f"{_service_text(graph, service)} runs it through {how}; turn the debugger off and serve with gunicorn",
        catalog[rule].severity, related=_hops(chain) + (here,) + _debugger_source(start.debugger, out)))
    out.replaced.add((rule, where_path, where))
    if start.debugger.env.path == where_path and start.debugger.env.span is not None:
        # the service's own `FLASK_DEBUG: "1"`: setting it to 0 (its FL302's safe fix) fixes this finding
        out.borrowed_fixes[(rule, where_path, where)] = (where_path, start.debugger.env.span.start.line)
    for line in range(fact.line, fact.end_line + 1):
        out.absorbed.add(("FL201", unit[1], line))  # the start's own bind is part of this finding


def _service_text(graph: Graph, service: UnitKey) -> str:
    """"service `web`" for compose; a manifest container by its label."""
    return graph.labels.get(service, "") if service in graph.containers else f"service `{service[2]}`"


def _runs_into(graph: Graph) -> dict[UnitKey, list[Edge]]:
    """The `runs` edges into each unit, in the graph's order: built once, not searched per start
    (20,000 starts on one shell line searched every edge each: quadratic)."""
    into: dict[UnitKey, list[Edge]] = {}
    for edges in graph.edges.values():
        for edge in edges:
            if edge.how == "runs":
                into.setdefault(edge.target, []).append(edge)
    return into


def _development_callers(graph: Graph, runs_into: Sequence[Edge]) -> list[list[Edge]]:
    """Each development launcher that runs the unit `runs_into` leads to (a make target is a root of
    its own, so its shortest chain is empty): that caller's chain, then the edge into the unit."""
    chains = []
    for edge in runs_into:
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
    start = _interpret(graph, results, path, fact, chain[-1].target, chain, DEVELOPMENT)
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
                      out: Combined, catalog, requirements: Requirements) -> None:
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
    message = production_dev_server_message(start.program, gunicorn_advice(argv, *requirements.server(where_path))) + (
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
        f"`{start.program}` runs with the Werkzeug debugger on ({_describe(debugger, graph, chain[-1].target)}) "
        f"{exposure}; "
        f"production reaches it through {how}; turn the debugger off and serve with gunicorn",
        catalog[rule].severity, related=related + sources))
    out.replaced.add((rule, where_path, where))


def _describe(setting: flaskcli.Setting, graph: Optional[Graph] = None, unit: Optional[UnitKey] = None) -> str:
    """How a setting reads in a message; a dotenv file's variable says whether python-dotenv is known to be
    installed in production (flasklint.deployment.requirements) when the graph and the loading start are given."""
    if setting.option is not None:
        return f"`{setting.option.text}`"
    if setting.env is not None:
        text = f"`{setting.env.name}={setting.env.value}` from {setting.env.path}"
        if graph is not None and unit is not None and graph.loads_dotenv(unit, setting.env.path):
            text += f", {dotenv_note(graph.requirements.dotenv(unit[1]))}"
        return text
    return "the default"


def _python_script_start(path: str, start: dict, chain: list[Edge], root: Edge, out: Combined, catalog,
                         fallback: bool, requirements: Requirements) -> None:
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
        f"{path} line {start['line']} calls `{call}` when run as a script; serve the app with gunicorn instead"
        f"{gunicorn_requirement(*requirements.server(root.path))}",
        catalog["FL301"].severity, related=_hops(chain) + (here,))
    out.script_starts[(fallback, root.path, where)] = len(into)
    into.append(finding)
    if not fallback:
        out.replaced.add(("FL301", root.path, where))

