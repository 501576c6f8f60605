"""The project pass: findings that need two files, computed from facts alone (no file is re-read).

A production entrypoint that runs `python app.py` or `python -m myapp` is only
a problem when that script starts the development server when run as
`__main__`: the Python analyzer records its server starts (`facts["starts"]`)
and its Flask apps and factories (`facts["apps"]`, `facts["factories"]`); every
command family records what its commands start (`facts["command_starts"]`, see
`flasklint.commands.checks`). Linking them gives FL301 on the config line, with
the Python start as a related location.

`flask run` in a production entrypoint is already FL301 in its own file; here
the finding is refined with the app module it serves (`--app`/`FLASK_APP`, or
Flask's `wsgi.py`/`app.py` discovery) so the gunicorn fix names the right
`module:app`. A refined finding has the same rule, path and span as the
original and replaces it (`merge`).

Environment files feed `flask run` the way its runtime reads them: a compose
service's `env_file:` entries (the env file analyzer records each file's
variables in `facts["env"]`), and, for commands that run in their file's
folder (Procfile, shell script, Makefile, package.json, tox.ini), the nearest
`.flaskenv` and `.env`, which `flask run` loads when python-dotenv is
installed (a production start: unless the production requirements are known
and lack it, flasklint.deployment.requirements; `.env` wins over `.flaskenv`,
the process environment over both,
`-e FILE` over the defaults; `FLASK_SKIP_DOTENV` turns the defaults off). The
command is asked again with those variables under its own. What they change is
reported **on the command** (the variables' lines are related locations):
FL201/FL202/FL101 for a development command, an FL301 message naming them for
a production one. A cross-file FL101 replaces the per-file FL201/FL202 of the
same command that it names as related. Such findings carry no fix: the cause
is in another file (whose own FL302/FL105 has its fix).

FL301's advice names the requirements file to add gunicorn to (the nearest
`requirements.txt`, `requirements/*.txt` or `pyproject.toml` with
dependencies), or says gunicorn is already listed: flasklint.deployment.requirements
decides, for this pass and the deployment model alike.

Everything is keyed and sorted by path, so the result never depends on the
order in which files were analysed.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any, Iterable, Optional

from flasklint.knowledge import helm
from flasklint.findings.catalog import load_catalog
from flasklint.commands import flaskcli, shellcase
from flasklint.commands.checks import (
    FACTS_KEY, MAX_PASSED_VARIABLES, StartFact, development_verdict, fact_env, fact_word_spans, fact_words, gunicorn_advice,
    gunicorn_fix_description, gunicorn_requirement, gunicorn_target, production_dev_server_message,
)
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.flaskcli import CommandStart, Setting, debug_flag
from flasklint.commands.shellwords import quote
from flasklint.deployment import makeinclude
from flasklint.deployment.paths import candidates as _candidates, folders_up as _folders_up, join as _join
from flasklint.deployment.requirements import Requirements, dotenv_note
from flasklint.model import Edit, FileResult, Finding, Fix, FixSafety, Position, Related, Severity, Span
from flasklint.python import crossfile
from flasklint.python.facts import skipped_by_default

__all__ = ["link", "merge"]

COMBINED = {"FL101": ("FL201", "FL202")}
"""A cross-file finding of the key rule replaces per-file findings of these rules that it names as related."""
WITHIN = {"FL101": ("FL103",)}
"""A cross-file finding of the key rule at a server start replaces per-file findings of these rules inside the same
call (`app.run(host="0.0.0.0")`'s FL103, once the debug mode its app loads from another file makes it FL101)."""


class _Project:
    """The facts of one scan, indexed for linking."""

    def __init__(self, results: dict[str, FileResult]) -> None:
        self.results = results
        self.python = {path: r.facts for path, r in results.items() if "starts" in r.facts or "apps" in r.facts}
        self.scripts = {path: r.facts[FACTS_KEY] for path, r in results.items() if r.facts.get(FACTS_KEY)}
        self.env_files = {path: r.facts["env"] for path, r in results.items() if "env" in r.facts}
        self.requirements = Requirements(results)
        self._findings_at: dict[str, dict[tuple[str, Span], Finding]] = {}

    def finding_at(self, path: str, rule: str, span: Span) -> Optional[Finding]:
        """A file's first finding of `rule` at `span`: indexed once a file, for a file of 10,000 starts."""
        index = self._findings_at.get(path)
        if index is None:
            index = self._findings_at[path] = {}
            for finding in self.results[path].findings:
                index.setdefault((finding.rule, finding.span), finding)
        return index.get((rule, span))


def link(results: dict[str, FileResult]) -> list[Finding]:
    """Cross-file findings for one scan (new ones, and refinements of per-file ones)."""
    project = _Project(results)
    findings: list[Finding] = []
    for path in sorted(results):
        for raw in results[path].facts.get(FACTS_KEY, ()):
            kind = raw.get("kind")
            if kind != flaskcli.DEV_SERVER and (kind not in (flaskcli.SCRIPT, flaskcli.MODULE)
                                                or not raw.get("production") or raw.get("reported")):
                continue  # a production server's start (most starts of a large tree): nothing to link
            fact = StartFact.from_json(raw)
            finding: Optional[Finding] = None
            if fact.kind == flaskcli.DEV_SERVER:
                layered = _with_env_files(path, fact, project)
                if fact.production:
                    finding = _refine_dev_server(path, fact, project, layered)
                    debugger = _production_debugger_from_files(path, fact, layered)
                    if debugger is not None:
                        findings.append(debugger)
                elif layered is not None:
                    finding = _development_with_env_files(path, fact, *layered)
            elif fact.production and fact.kind in (flaskcli.SCRIPT, flaskcli.MODULE) and not fact.reported:
                finding = _script_start(path, fact, project) or _shell_script_start(path, fact, project)
            if finding is not None:
                findings.append(finding)
    findings.extend(helm.link(results))
    findings.extend(crossfile.link(results))
    findings.extend(makeinclude.link(results))
    return findings


def merge(findings: Iterable[Finding], linked: Iterable[Finding]) -> list[Finding]:
    """Per-file findings with the project pass's added.

    A linked finding replaces one with the same rule at the same place, and a
    combined one (FL101) replaces the per-file FL201/FL202 it names as related.
    """
    by_key: dict[tuple[str, str, Span], Finding] = {}
    inner: dict[tuple[str, str], list[Span]] = {}  # (rule, path) -> spans, for the rules WITHIN replaces
    replaced = {rule for rules in WITHIN.values() for rule in rules}
    for finding in findings:
        by_key.setdefault((finding.rule, finding.path, finding.span), finding)
        if finding.rule in replaced:
            inner.setdefault((finding.rule, finding.path), []).append(finding.span)
    for finding in linked:
        by_key[(finding.rule, finding.path, finding.span)] = finding
        for rule in COMBINED.get(finding.rule, ()):
            for related in finding.related:
                if related.path == finding.path:
                    by_key.pop((rule, finding.path, related.span), None)
        for rule in WITHIN.get(finding.rule, ()):
            for span in inner.get((rule, finding.path), ()):
                if finding.span.start <= span.start and span.end <= finding.span.end:
                    by_key.pop((rule, finding.path, span), None)
    return list(by_key.values())


# --------------------------------------------------------------------------- resolution


def _python_facts(candidates: list[str], python: dict[str, dict[str, Any]]) -> Optional[tuple[str, dict[str, Any]]]:
    for candidate in candidates:
        if candidate in python:
            return candidate, python[candidate]
    return None


def _main_start(facts: dict[str, Any], variables: Iterable[str] = ()) -> Optional[dict[str, Any]]:
    """The first server start that runs when the file is executed as a script (with `variables` set: a start
    behind a setting that is off by default runs only when the launch sets it)."""
    for start in facts.get("starts", ()):
        if (start.get("main_guarded") or start.get("import_time")) and not skipped_by_default(start, variables):
            return start
    return None


def _as_started(fact: StartFact) -> Optional[str]:
    """The script path relative to the directory the command runs in (what gunicorn imports from)."""
    target = fact.target or ""
    if fact.kind == flaskcli.MODULE:
        return target.replace(".", "/") + ".py"
    cwd = (fact.cwd or "").rstrip("/")
    if cwd and target.startswith(cwd + "/"):
        return target[len(cwd) + 1:]
    if target and not posixpath.isabs(target):
        return posixpath.normpath(target)
    return None


def _module_name(path: str, cwd_base: str) -> str:
    relative = path[len(cwd_base) + 1:] if cwd_base and path.startswith(cwd_base + "/") else path
    if relative.endswith("/__main__.py"):
        relative = relative[: -len("/__main__.py")]
    if relative.endswith("/__init__.py"):
        relative = relative[: -len("/__init__.py")]
    if relative.endswith(".py"):
        relative = relative[:-3]
    return relative.replace("/", ".")


# --------------------------------------------------------------------------- environment files


def _env_file_values(path: str, project: _Project) -> Optional[list[EnvValue]]:
    entries = project.env_files.get(path)
    return None if entries is None else fact_env(path, entries)


def _nearest(config_path: str, name: str, project: _Project) -> Optional[str]:
    """`dotenv.find_dotenv(name, usecwd=True)`: the first folder up from the command's that has the file."""
    for folder in _folders_up(config_path):
        candidate = _join(folder, name)
        if candidate in project.env_files:
            return candidate
    return None


def _env_file_paths(config_path: str, fact: StartFact, own: Environment, project: _Project) -> list[tuple[str, str]]:
    """(env file, how it is loaded), lowest precedence first."""
    files: list[tuple[str, str]] = []
    if fact.service:
        base = posixpath.dirname(config_path)
        for entry in project.results[config_path].facts.get("env_files", ()):
            if entry.get("service") == fact.service:
                files.append((_join(base, entry["path"]), f"the env_file of {fact.service}"))
    if fact.reads_dotenv and not debug_flag(own.value("FLASK_SKIP_DOTENV")):
        how = "which `flask run` loads when python-dotenv is installed"
        if fact.production:  # what production installs decides (flasklint.deployment.requirements)
            dotenv = project.requirements.dotenv(config_path)
            if dotenv.installed is False:
                return files
            how = dotenv_note(dotenv)
        for name in (".flaskenv", ".env"):  # flask.cli.load_dotenv: .env wins over .flaskenv
            found = _nearest(config_path, name, project)
            if found is not None:
                files.append((found, how))
    return files


Layered = tuple[CommandStart, dict[str, str]]
"""A dev-server start asked again with its env files, and how each file is loaded (for messages)."""


def _with_env_files(config_path: str, fact: StartFact, project: _Project) -> Optional[Layered]:
    """The dev-server start asked again with its env files' variables under its own, or None if none apply."""
    if fact.words is None:
        return None
    own = Environment(fact_env(config_path, fact.env or ()))
    files = _env_file_paths(config_path, fact, own, project)
    words = fact_words(fact)
    start = _reinterpret(config_path, fact, words, own, files, project)
    if start is not None and start.options:
        chosen = next((u for u in reversed(start.options) if u.spec.name == "env_file"), None)
        if chosen is not None:  # `flask -e FILE run`: that file wins over the defaults
            extra = _join(posixpath.dirname(config_path), chosen.value)
            if extra in project.env_files:
                files.append((extra, f"which `{chosen.text}` loads"))
                start = _reinterpret(config_path, fact, words, own, files, project)
    return (start, dict(files)) if files and start is not None else None


def _reinterpret(config_path: str, fact: StartFact, words: list[Any], own: Environment,
                 files: list[tuple[str, str]], project: _Project) -> Optional[CommandStart]:
    env = Environment()
    for path, _ in files:
        env = env.layered(_env_file_values(path, project) or ())
    env = env.layered(own)
    for start in flaskcli.interpret_all(words, env, path=config_path, cwd=fact.cwd):
        if start.kind == flaskcli.DEV_SERVER and start.start == fact.start:
            return start
    return None


def _from_files(config_path: str, settings: Iterable[Optional[Setting]]) -> list[EnvValue]:
    """The variables behind these settings that were set in another file."""
    return [s.env for s in settings if s is not None and s.env is not None and s.env.path != config_path]


def _env_note(values: list[EnvValue], how: dict[str, str]) -> str:
    """`FLASK_DEBUG=1` from .env line 2, the env_file of service 'web'; ..."""
    parts = []
    for value in values:
        line = f" line {value.span.start.line}" if value.span is not None else ""
        loaded = f", {how[value.path]}" if how.get(value.path) else ""
        parts.append(f"`{value.name}={value.value}` from {value.path}{line}{loaded}")
    return "; ".join(parts)


def _env_related(values: list[EnvValue]) -> tuple[Related, ...]:
    return tuple(Related(v.path, v.span, f"`{v.name}={v.value}` is set here") for v in values if v.span is not None)


# --------------------------------------------------------------------------- findings


def _span(fact: StartFact) -> Span:
    return Span(Position(fact.line, fact.column), Position(fact.end_line, fact.end_column))


def _severity(rule: str = "FL301") -> Severity:
    """The rule's severity: context is the deployment model's to judge (flasklint.deployment)."""
    return load_catalog()[rule].severity


def _gunicorn_fix(fact: StartFact, target: str, requirements: Optional[str] = None,
                  listed: bool = False) -> tuple[list[str], Fix]:
    port = fact.port or fact.port_hint or "5000"
    argv = ["gunicorn", "--bind", f"0.0.0.0:{port}", target]
    if fact.argv_style == "json":
        replacement = ", ".join(json.dumps(a) for a in argv)
    else:
        replacement = " ".join(quote(a) for a in argv)
    fix = Fix(gunicorn_fix_description(argv, requirements, listed), FixSafety.UNSAFE,
              (Edit(fact.start, fact.end, replacement),))
    return argv, fix


def _script_start(config_path: str, fact: StartFact, project: _Project) -> Optional[Finding]:
    found = _python_facts(_candidates(config_path, fact), project.python)
    if found is None:
        return None
    script_path, facts = found
    start = _main_start(facts, [entry["name"] for entry in fact.env or ()])
    if start is None:
        return None
    module = _module_name(_as_started(fact) or script_path, "" if _as_started(fact) else posixpath.dirname(config_path))
    target = gunicorn_target(module, facts.get("apps", ()), facts.get("factories", ()))
    shown, listed = project.requirements.server(config_path)
    argv, fix = _gunicorn_fix(fact, target, shown, listed)
    severity = _severity()
    call = start.get("call", "the server start")
    related = Related(
        script_path,
        Span(Position(start["line"], start["column"]), Position(start["end_line"], start["end_column"])),
        f"`{call}` starts the development server when {script_path} runs as __main__",
    )
    return Finding(
        rule="FL301", path=config_path, span=_span(fact), severity=severity, fix=fix if fact.fixable else None,
        related=(related,),
        message=(
            f"production entrypoint `{fact.program}` starts the Flask development server: {script_path} line "
            f"{start['line']} calls `{call}` when run as a script; {gunicorn_advice(argv, shown, listed)}"
        ),
    )


def _shell_script_start(config_path: str, fact: StartFact, project: _Project) -> Optional[Finding]:
    """`CMD ["./start.sh"]` where start.sh runs `flask run`."""
    if fact.kind != flaskcli.SCRIPT or not (fact.target or "").endswith((".sh", ".bash")):
        return None
    for candidate in _candidates(config_path, fact):
        if candidate == config_path:
            continue
        branches = project.results[candidate].facts.get("case_branches", ()) if candidate in project.results else ()
        for raw in project.scripts.get(candidate, ()):
            inner = StartFact.from_json(raw)
            if inner.kind != flaskcli.DEV_SERVER:
                continue
            if branches and not shellcase.runs(branches, fact.args, inner.line,
                                               shellcase.launcher_env(fact.env, MAX_PASSED_VARIABLES)):
                continue  # a `case "$1"` or `if "$VAR"` branch this entrypoint's argument or variables do not select
            severity = _severity()
            shown, listed = project.requirements.server(config_path)
            related = Related(candidate, _span(inner), f"`{inner.program}` starts the development server here")
            return Finding(
                rule="FL301", path=config_path, span=_span(fact), severity=severity, related=(related,),
                message=(
                    f"production entrypoint `{fact.program}` starts the Flask development server: {candidate} "
                    f"line {inner.line} runs `{inner.program}`; serve the app with gunicorn in that script"
                    f"{gunicorn_requirement(shown, listed)}"
                ),
            )
    return None


def _app_module(config_path: str, app: Optional[str], project: _Project) -> Optional[tuple[str, str, Related]]:
    """(module path, gunicorn target, where the app is defined) for `--app`/`FLASK_APP`, found the Flask way."""
    base = posixpath.dirname(config_path)
    if app:
        module = app.partition(":")[0]
        module_path = module if module.endswith(".py") else module.replace(".", "/") + ".py"
        paths = [module_path, module.replace(".", "/") + "/__init__.py"]
    else:
        paths = ["wsgi.py", "app.py"]  # flask.cli.ScriptInfo.load_app without --app
    for relative in paths:
        candidate = _join(base, relative)
        facts = project.python.get(candidate)
        if facts is None:
            continue
        apps, factories = facts.get("apps", ()), facts.get("factories", ())
        if not apps and not factories:
            continue
        name = app if app and ":" in app else _module_name(candidate, base)
        target = gunicorn_target(name, apps, factories)
        attribute = target.partition(":")[2].split("(")[0]
        where = facts.get("definitions", {}).get(attribute)
        span = Span.from_json(where) if where else Span(Position(1, 1), Position(1, 1))
        return candidate, target, Related(candidate, span, f"the Flask app `{target}` is defined here")
    return None


def _refine_dev_server(config_path: str, fact: StartFact, project: _Project,
                       layered: Optional[Layered]) -> Optional[Finding]:
    """The per-file FL301 for `flask run`, with the app found the Flask way, env files and requirements named."""
    span = _span(fact)
    original = project.finding_at(config_path, "FL301", span)
    if original is None:
        return None
    start, how = layered if layered is not None else (None, {})
    app = start.app.value if start is not None and start.app is not None else fact.app
    found = _app_module(config_path, app, project)
    shown, listed = project.requirements.server(config_path)
    from_files = _from_files(config_path, (start.debugger if start.debugger_on else None, start.app)) if start else []
    if found is None and shown is None and not from_files:
        return None
    target = found[1] if found else gunicorn_target(app)
    argv, fix = _gunicorn_fix(fact, target, shown, listed)
    if original.fix is None or not fact.fixable:
        fix = None
    guessed = "" if found or app else f" (`{target}` is a guess: Flask would look in wsgi.py, then app.py)"
    message = production_dev_server_message(fact.program, gunicorn_advice(argv, shown, listed, note=guessed))
    related = original.related + ((found[2],) if found else ())
    if from_files:
        debugger = [v for v in from_files if v.name != "FLASK_APP"]
        if debugger:
            message += (f"; it also runs with the Werkzeug debugger on ({_env_note(debugger, how)}), "
                        "a Python console for whoever reaches the port")
        apps = [v for v in from_files if v.name == "FLASK_APP"]
        if apps:
            message += f"; the app is named by {_env_note(apps, how)}"
        related += _env_related(from_files)
    return original.with_changes(fix=fix, related=related, message=message)


def _production_debugger_from_files(config_path: str, fact: StartFact,
                                    layered: Optional[Layered]) -> Optional[Finding]:
    """FL101/FL202 on a production `flask run` whose debugger an env file turns on (`.flaskenv` `FLASK_DEBUG=1`).

    One finding on the command that starts the server, naming the variable's line; the env file's
    own FL302 is absorbed by the deployment model (it names the same line).
    """
    if layered is None:
        return None
    start, how = layered
    if not start.debugger_on or start.debugger is None:
        return None
    values = _from_files(config_path, (start.debugger,))
    if not values:
        return None
    rule = "FL101" if start.bind_all else "FL202"
    exposure = ("and listens on all interfaces: anyone who reaches the port gets a Python console"
                if start.bind_all else "in a production entrypoint")
    return Finding(
        rule=rule, path=config_path, span=_span(fact), severity=load_catalog()[rule].severity,
        related=_env_related(values),
        message=(f"`{fact.program}` runs with the Werkzeug debugger on ({_env_note(values, how)}) {exposure}; "
                 "turn the debugger off there and serve with gunicorn"),
    )


def _development_with_env_files(config_path: str, fact: StartFact, start: CommandStart,
                                how: dict[str, str]) -> Optional[Finding]:
    """FL201/FL202/FL101 that a development `flask run` gets from the env files it loads, on the command."""
    verdict = development_verdict(start, config_path)
    if verdict is None or verdict.rule == _own_rule(fact):
        return None
    values = _from_files(config_path, verdict.settings)
    if not values:
        return None
    words = fact_word_spans(fact)
    own = {e["start"]: e for e in fact.env or ()}
    related: list[Related] = []
    for setting in verdict.settings:
        if setting.option is not None:
            first = words.get(setting.option.start)
            last = words.get((setting.option.value_word or setting.option.option).start)
            if first and last:
                related.append(Related(config_path, Span(first.start, last.end), f"`{setting.option.text}` is given here"))
        elif setting.env is not None and setting.env.path == config_path and setting.env.start in own:
            related.append(Related(config_path, Span.from_json(own[setting.env.start]["span"]),
                                   f"`{setting.env.name}` is set here"))
    related.extend(_env_related(values))
    anchor = words.get(verdict.start)
    span = _span(fact) if verdict.start == fact.start or anchor is None else anchor
    severity = _severity(verdict.rule)
    return Finding(
        rule=verdict.rule, path=config_path, span=span, severity=severity, related=tuple(related),
        message=f"{verdict.message} ({_env_note(values, how)})",
    )


def _own_rule(fact: StartFact) -> Optional[str]:
    """The development rule the command got in its own file (from the fact's flags)."""
    if fact.bind_all and fact.debugger:
        return "FL101"
    if fact.bind_all:
        return "FL201"
    if fact.debugger:
        return "FL202"
    return None
