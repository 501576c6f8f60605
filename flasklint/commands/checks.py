"""The command and environment rules, shared by every family: FL101, FL105, FL201, FL202, FL301, FL302.

A family analyzer turns its format into command words and environments with
positions, then calls `check_command` once per command and `check_environment`
once per environment it defines. The rules live here once, so a Procfile, a
Dockerfile and a compose file judge `flask run --host 0.0.0.0` identically.

Context decides the rule, not the spelling:

- development files (scripts, Makefiles, `package.json`, `tox.ini`): `flask run`
  bound to all interfaces is FL201, with the debugger FL202, both FL101;
- production entrypoints (`production=True`: Procfile `web`, the shipped
  Dockerfile stage, compose, manifests, PaaS configs, units): running `flask run`
  at all is FL301, and its `0.0.0.0` bind is expected there (a container must
  bind it), so it is not reported on its own; a debugger turned on by the command
  itself is FL101 (bound to all interfaces) or FL202;
- environments: `WERKZEUG_DEBUG_PIN=off` is FL105 everywhere; debug variables
  are FL302 in production configuration.

Every start found is also recorded as a fact (`facts["command_starts"]`) on the
reporter, which is what the project pass links across files.
"""

from __future__ import annotations

import json
import posixpath
import weakref
from dataclasses import dataclass, fields
from typing import AbstractSet, Any, Callable, Iterator, Optional, Sequence

from flasklint.knowledge import kinds
from flasklint.sources import templating
from flasklint.analyzers.base import MAX_FILE_STARTS, Reporter
from flasklint.commands import dockercli, factwords, flaskcli
from flasklint.knowledge.flaskapp import APP_NAMES, FACTORY_NAMES
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.flaskcli import CommandStart, OptionUse, Setting, debug_flag
from flasklint.commands.script import STATE_BUILTINS
from flasklint.commands.shellwords import MAX_FILE_WORDS, Word, quote, stream_commands
from flasklint.model import Edit, Fix, FixSafety, Position, Related, Span

__all__ = [
    "StartFact", "check_command", "check_environment", "check_pin_assignments", "gunicorn_target", "line_removal",
    "development_verdict", "Verdict", "gunicorn_advice", "gunicorn_fix_description", "gunicorn_requirement",
    "production_dev_server_message",
    "related_elsewhere", "fact_words", "fact_env", "DOTENV_KINDS",
    "FACTS_KEY", "PIN_VARIABLE", "CONTAINER_KINDS",
]

FACTS_KEY = "command_starts"
PIN_VARIABLE = "WERKZEUG_DEBUG_PIN"
_PIN_ASSIGNMENT = PIN_VARIABLE + "="
SAFE_VALUES = {"FLASK_DEBUG": "0", "FLASK_ENV": "production"}

Renderer = Callable[[list[str]], str]

ASSIGNING_BUILTINS = frozenset({"export", "declare", "typeset", "readonly"})
"""Builtins whose arguments are assignments (`export WERKZEUG_DEBUG_PIN=off`)."""
INLINE_PREFIXES = frozenset({"env", "exec", "nohup"})
"""Words before the program that inline `NAME=value` assignments may follow (`env FLASK_DEBUG=1 flask run`)."""
INERT_HEADS = (flaskcli.INERT_PROGRAMS - dockercli.PROGRAMS - dockercli.WRAPPERS - INLINE_PREFIXES - ASSIGNING_BUILTINS
               - STATE_BUILTINS)
"""First words of commands no rule here reads (`echo`, `grep`, `celery`): they start nothing for the model,
invoke no docker, carry no inline or builtin assignment and change no shell state. `check_command` returns
at once for them, and scripts leave them out when split (`split_snippet(skip=...)`): a generated script of
100,000 such lines costs their lexing only."""

_REPORTED: "weakref.WeakKeyDictionary[Reporter, set[tuple[Any, ...]]]" = weakref.WeakKeyDictionary()
"""(rule, start, end) already reported per file, so one assignment feeding many commands is one finding
(offsets, not spans: three values a finding; and nothing once the file is full, `Reporter.full`)."""


@dataclass(frozen=True)
class StartFact:
    """A start found in a file, in JSON-able form, for the project pass."""

    kind: str  # flaskcli.DEV_SERVER / PRODUCTION_SERVER / SCRIPT / MODULE
    program: str
    production: bool
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    target: Optional[str] = None  # script path, module, or WSGI target
    app: Optional[str] = None  # --app / FLASK_APP of a dev-server start
    port: Optional[str] = None
    bind_all: bool = False
    debugger: bool = False
    cwd: Optional[str] = None
    argv_style: str = "shell"
    port_hint: Optional[str] = None
    dev_reason: Optional[str] = None
    reported: bool = False  # a finding was already emitted for this start in its own file
    resolved: Optional[str] = None  # the started script as a path relative to the config file's folder
    fixable: bool = True
    words: Optional[Sequence[Any]] = None
    """A dev-server start's command words (`factwords.encode`: joined texts, unusual words), so the project pass can ask the model again
    with variables from env files (`reinterpret`)."""
    word_lines: Optional[Sequence[int]] = None
    """Where the lines of `words` start (`factwords.encode`): their columns."""
    env: Optional[list[dict[str, Any]]] = None
    """The `FLASK_*`/`WERKZEUG_*` variables in force for a dev-server start, with their places."""
    source: Optional[list[str]] = None
    """The start's lines as the file has them (bounded like a finding's), for findings placed here from facts."""
    service: Optional[str] = None  # the compose service (its `env_file`s apply)
    reads_dotenv: bool = False  # `flask run` here runs in the file's folder and loads .flaskenv/.env from it
    args: Optional[list[str]] = None
    """The arguments a started script or console script gets: `$1` selects a shell script's `case "$1"` branch,
    and a management script's subcommand (`python manage.py runserver -h 0.0.0.0`: runserver, -h, 0.0.0.0) the
    command it runs; None when not known."""
    runner: Optional[str] = None
    """The task runner a program is run through (`pipenv run start`: "pipenv"), whose own scripts it may name."""

    def to_json(self) -> dict[str, Any]:
        """The fields that differ from their defaults (`from_json` restores the rest; readers use `.get`).

        Shallow: `words`/`env` are lists built for this fact alone; asdict's deep copy cost more than the
        analysis. Leaving the defaults out halves the dict (27 keys -> about 15): a tree of 100,000
        starts keeps 100,000 of them.
        """
        data = {}
        for name, default in _FACT_DEFAULTS:
            value = getattr(self, name)
            if value is not default:
                data[name] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StartFact":
        try:
            return cls(**data)
        except TypeError:  # a key of another version's facts: keep the fields this one knows
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


_FACT_DEFAULTS = tuple((f.name, f.default) for f in fields(StartFact))
"""(name, default) of every field; a required field's default is MISSING, which no value is."""


# --------------------------------------------------------------------------- public entry points


def split_snippet(reporter: Reporter, start: int, end: int, *, where: str = "",
                  skip: AbstractSet[str] = frozenset()) -> list[list[Word]]:
    """Split `text[start:end]` of the reporter's file into commands with file offsets.

    An unbalanced quote is a diagnostic naming the line, not a stop: what could
    be split is still judged. Every family splits its command snippets here (or
    in `stream_snippet`). `skip=INERT_HEADS` leaves out commands that only
    `check_command` would see (and ignore): for callers that do nothing else with them.
    """
    return list(stream_snippet(reporter, start, end, where=where, skip=skip))


def stream_snippet(reporter: Reporter, start: int, end: int, *, where: str = "",
                   skip: AbstractSet[str] = frozenset()) -> Iterator[list[Word]]:
    """`split_snippet` one command at a time, for a caller that judges each before the next: a script
    keeps one command's words, not the whole file's. Its diagnostic comes once the snippet is read."""
    left = MAX_FILE_WORDS - reporter.words_kept
    if left <= 0:
        return  # the file's words ran out in an earlier snippet, which said so
    commands = stream_commands(reporter.source.text[start:end], start, skip=skip, max_words=left)
    try:
        yield from commands
    finally:
        reporter.words_kept += commands.kept
    if commands.cut_at is not None:
        line = reporter.source.position(commands.cut_at).line
        reporter.warn(f"line {line}: {commands.error}{where}")
    elif not commands.complete:
        line = reporter.source.position(start).line
        reporter.warn(f"line {line}: {commands.error}{where}; the rest was analysed as far as it could be split")


def check_command(
    reporter: Reporter,
    words: Sequence[Word],
    env: Optional[Environment] = None,
    *,
    production: bool,
    dev_reason: Optional[str] = None,
    port_hint: Optional[str] = None,
    argv_style: str = "shell",
    render: Optional[Renderer] = None,
    cwd: Optional[str] = None,
    fixable: bool = True,
    resolve: Optional[Callable[[str], Optional[str]]] = None,
    args: Sequence[str] = (),
) -> Optional[StartFact]:
    """Judge one command and record what it starts; returns the main start's fact (None: starts nothing).

    - `env`: the environment in force (file-level, service, env files); inline
      `VAR=x cmd` assignments are read from the words themselves.
    - `production`: the command is a production entrypoint (see module docs).
    - `dev_reason`: marks this command development-only (a Makefile `dev`
      target); the file-wide reason comes from the reporter's context.
    - `port_hint`: the port the platform gives a replacement server (`$PORT` in
      a Procfile, the `EXPOSE`d port of a Dockerfile), used by the FL301 fix.
    - `argv_style`: how the FL301 fix writes the replacement command over the
      words: "shell" (`gunicorn --bind ...`) or "json" (`"gunicorn", "--bind", ...`,
      for exec-form arrays whose words are the JSON strings); `render` overrides it.
    - `cwd`: the directory the command runs in, when known (`WORKDIR`, `cd`).
    - `fixable`: False when the words' offsets cannot take edits (positions
      collapsed onto an escaped string, or words spread over two instructions).
    - `resolve`: maps a started script's path (as the command names it) to a
      project path relative to this file's folder (a Dockerfile resolves its
      `WORKDIR`/`COPY`); the project pass uses the result.
    - `args`: arguments passed after the command's own words (a Dockerfile CMD handed to an exec-form
      ENTRYPOINT script), recorded with a started script's own.

    A `sh -c "a && b"` command may hold several starts; all are checked and
    recorded, and the dev-server one (else the last) is returned.
    """
    if words and words[0].text in INERT_HEADS and not words[0].quoted:
        return None
    env = env if env is not None else Environment()
    words = list(words)
    path = reporter.context.display_path
    cut: list[Word] = []
    starts = flaskcli.interpret_all(words, env, path=path, cwd=cwd, cut=cut)
    said = _REPORTED.setdefault(reporter, set())
    for script in cut:
        if ("cut", script.start) in said:  # the same command judged twice (ENTRYPOINT with CMD)
            continue
        said.add(("cut", script.start))  # type: ignore[arg-type]
        line = reporter.source.position(script.start).line
        reporter.warn(f"line {line}: `sh -c` nested more than {flaskcli.MAX_SHELL_DEPTH} levels deep; "
                      "the commands inside were not analysed")
    if words:
        dockercli.record(reporter.result_.facts, words, reporter.source.position(words[0].start).line)
    _check_inline_assignments(reporter, words, env, production=production, dev_reason=dev_reason)
    facts = []
    before = len(reporter.result_.findings)
    for start in starts:
        reported = False
        if start.kind == flaskcli.DEV_SERVER:
            if production:
                reported = _production_dev_server(reporter, start, dev_reason, port_hint, argv_style, render)
            else:
                reported = _development_dev_server(reporter, start, dev_reason)
        fact = _fact(reporter, start, production, argv_style, port_hint, dev_reason, reported, resolve, fixable, args)
        _record(reporter, fact)
        facts.append(fact)
    if not fixable:
        findings = reporter.result_.findings
        findings[before:] = [f.with_changes(fix=None) for f in findings[before:]]
    if not facts:
        return None
    return next((f for f in facts if f.kind == flaskcli.DEV_SERVER), facts[-1])


def check_environment(
    reporter: Reporter,
    env: Environment,
    *,
    production: bool,
    dev_reason: Optional[str] = None,
) -> None:
    """FL105 for `WERKZEUG_DEBUG_PIN=off`; FL302 for debug variables when `production`.

    Only assignments made in the reporter's own file are judged: values loaded
    from another file (an `env_file`) are that file's findings.
    """
    path = reporter.context.display_path
    for value in env.values():
        if value.path != path:
            continue
        _check_assignment(reporter, value, production=production, dev_reason=dev_reason, words=None)


def check_pin_assignments(reporter: Reporter, words: Sequence[Word], *, production: bool,
                          dev_reason: Optional[str]) -> None:
    """`export WERKZEUG_DEBUG_PIN=off` / `WERKZEUG_DEBUG_PIN=off` as a command of its own: FL105.

    Shell scripts, Makefile recipes, `package.json` scripts and `tox.ini`
    commands all hold such lines. When the assignment is alone on its line(s)
    the fix deletes the line(s); otherwise it deletes the word.
    """
    body = words[1:] if words and words[0].text in ASSIGNING_BUILTINS else words
    if not any(w.text.startswith(_PIN_ASSIGNMENT) for w in body) or not all(w.is_assignment for w in body):
        return  # the first test is the cheap one: most commands assign no PIN at all
    text = reporter.source.text
    path = reporter.context.display_path
    values = []
    for word in body:
        if not word.text.startswith(_PIN_ASSIGNMENT):
            continue
        value = EnvValue.from_word(word, path)
        if len(body) == 1 and _alone_on_lines(text, words):
            start, end = line_removal(text, words[0].start, words[-1].end)
            value = EnvValue(value.name, value.value, value.start, value.end, path, value.value_start,
                             value.value_end, start, end)
        values.append(value)
    if values:
        check_environment(reporter, Environment(values), production=production, dev_reason=dev_reason)


def line_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The range that deletes the whole line(s) holding text[start:end], newline included."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end + 1


def _alone_on_lines(text: str, words: Sequence[Word]) -> bool:
    line_start, line_end = line_removal(text, words[0].start, words[-1].end)
    return text[line_start:words[0].start].strip() == "" and text[words[-1].end:line_end].strip() == ""


def gunicorn_target(app: Optional[str], apps: Sequence[str] = (), factories: Sequence[str] = ()) -> str:
    """The gunicorn `module:name` for a Flask `--app`/`FLASK_APP` value, the way Flask finds the app.

    Flask accepts `module:name`, `module:factory(args)`, a dotted module, or a
    file path; with no name it looks for `app`/`application`, then the
    factories `create_app`/`make_app`. `apps`/`factories` are the Python
    analyzer's facts for the module, when known. With no value at all Flask
    tries `wsgi.py`, then `app.py`.
    """
    module, _, name = (app or "").partition(":")
    module = module.strip()
    if module.endswith(".py"):
        module = module[:-3]
    module = module.replace("/", ".").strip(".") or "app"
    name = name.strip()
    if name:
        if name.isidentifier() and name not in apps and (name in factories or name in FACTORY_NAMES):
            # Flask calls a function it is named (`--app notes:create_app`, flask.cli.find_app_by_string);
            # gunicorn serves the object it is named, so the factory itself would be the WSGI app
            return f"{module}:{name}()"
        return f"{module}:{name}"
    for candidate in APP_NAMES:
        if candidate in apps:
            return f"{module}:{candidate}"
    for candidate in FACTORY_NAMES:
        if candidate in factories:
            return f"{module}:{candidate}()"
    if apps:
        return f"{module}:{apps[0]}"
    return f"{module}:app"


# --------------------------------------------------------------------------- dev server


@dataclass(frozen=True)
class Verdict:
    """What the development rules say about one `flask run` start, before it is placed in a file."""

    rule: str
    start: int
    end: int
    message: str
    description: str
    edits: tuple[Edit, ...]
    settings: tuple[Setting, ...]
    """The settings that caused it (shown as related locations)."""


def development_verdict(start: CommandStart, path: str, *, container: bool = False) -> Optional[Verdict]:
    """FL101/FL201/FL202 for a `flask run` in a development file (`path` is that file), or None.

    `container`: the file launches a container (CONTAINER_KINDS), whose server must listen on all
    interfaces for a published port to reach it, so FL101's fix drops the debugger and keeps the bind.
    """
    debugger = start.debugger if start.debugger_on else None
    host = start.host if start.bind_all else None
    if host is not None and debugger is not None and container:
        return Verdict(
            "FL101", start.start, start.end,
            f"`{start.program}` turns the Werkzeug debugger on ({_describe(debugger)}) and listens on all "
            f"interfaces ({_describe(host)}): anyone who reaches the port can run Python in the server; {KEEP_BIND}",
            f"Remove the debug switch and keep {_describe(host)} (a container's published port needs it)",
            tuple(_drop_debug_edits(start, debugger) + _debug_variable_edits(start, debugger, path)), (host, debugger))
    if host is not None and debugger is not None:
        edits = _drop_setting_edits(start, host, "127.0.0.1") + _drop_debug_edits(start, debugger)
        return Verdict(
            "FL101", start.start, start.end,
            f"`{start.program}` turns the Werkzeug debugger on ({_describe(debugger)}) and listens on all "
            f"interfaces ({_describe(host)}): anyone on the network can run Python in the server; drop both",
            "Remove the all-interfaces host and the debug switch", tuple(edits), (host, debugger))
    if host is not None and container:
        where = _anchor(path, start, host)
        return Verdict(
            "FL201", where[0], where[1],
            f"`{start.program}` listens on all network interfaces ({_describe(host)}), as a container must for its "
            "published port to reach it; publish the port on 127.0.0.1 to keep a development container private, "
            "or serve with a production WSGI server", "", (), (host,))
    if host is not None:
        where = _anchor(path, start, host)
        return Verdict(
            "FL201", where[0], where[1],
            f"`{start.program}` listens on all network interfaces ({_describe(host)}); Flask's default is "
            "127.0.0.1, so drop it, or serve with a production WSGI server",
            "Remove the all-interfaces host so flask run binds 127.0.0.1",
            tuple(_drop_setting_edits(start, host, "127.0.0.1")), (host,))
    if debugger is not None:
        where = _anchor(path, start, debugger)
        return Verdict(
            "FL202", where[0], where[1],
            f"`{start.program}` starts with the interactive Werkzeug debugger on ({_describe(debugger)}); "
            "its console runs Python for whoever reaches it: enable debugging per session, not in a script",
            "Remove the debug switch", tuple(_drop_debug_edits(start, debugger)), (debugger,))
    return None


def _development_dev_server(reporter: Reporter, start: CommandStart, dev_reason: Optional[str]) -> bool:
    verdict = development_verdict(start, reporter.context.display_path,
                                  container=reporter.context.kind in CONTAINER_KINDS)
    if verdict is None:
        return False
    _add(reporter, verdict.rule, verdict.start, verdict.end, verdict.message, dev_reason=dev_reason,
         related=_related(reporter, *verdict.settings), related_elsewhere=related_elsewhere(
             reporter.context.display_path, verdict.settings),
         fix=_fix(verdict.description, list(verdict.edits), FixSafety.SAFE))
    return True


def gunicorn_advice(argv: Sequence[str], requirements: Optional[str] = None, listed: bool = False,
                    note: str = "") -> str:
    """The FL301 advice: serve with this gunicorn command, and where gunicorn has to be added.

    `requirements` names the project's requirements file when the project pass
    found one; `listed` says gunicorn is already in it (then nothing to add).
    `note` follows the command (e.g. that its target is a guess).
    """
    return f"serve the app with gunicorn (`{' '.join(argv)}`){note}{gunicorn_requirement(requirements, listed)}"


def gunicorn_requirement(requirements: Optional[str], listed: bool) -> str:
    """The one sentence every FL301 ends with about installing gunicorn (flasklint.deployment.requirements
    decides `requirements` and `listed`): where to add it, or that it is already listed."""
    if listed:
        return f"; gunicorn is already listed in {requirements}" if requirements else ""
    return f" and add gunicorn to {requirements or 'your requirements'}"


def gunicorn_fix_description(argv: Sequence[str], requirements: Optional[str] = None, listed: bool = False) -> str:
    """The FL301 fix's one-line description (the dependency it needs is part of what it does)."""
    description = f"Replace the development server with `{' '.join(argv)}`"
    if listed:
        return description
    return description + f" (add gunicorn to {requirements or 'the requirements'})"


def production_dev_server_message(program: str, advice: str) -> str:
    """FL301 for `flask run` in a production entrypoint (`advice` from `gunicorn_advice`)."""
    return (f"production entrypoint runs the Flask development server (`{program}`): it is single-process, "
            f"unhardened and not meant for production; {advice}")


def _production_dev_server(reporter: Reporter, start: CommandStart, dev_reason: Optional[str],
                           port_hint: Optional[str], argv_style: str, render: Optional[Renderer]) -> bool:
    port = start.port.value if start.port is not None and not start.port.is_default else (port_hint or (
        start.port.value if start.port is not None else "5000"))
    target = gunicorn_target(start.app.value if start.app else None)
    argv = ["gunicorn", "--bind", f"0.0.0.0:{port}", target]
    replacement = render(argv) if render else _render(argv, argv_style)
    guessed = "" if start.app else f" (`{target}` is a guess: Flask would look in wsgi.py, then app.py)"
    _add(reporter, "FL301", start.start, start.end,
         production_dev_server_message(start.program, gunicorn_advice(argv, note=guessed)),
         dev_reason=dev_reason,
         fix=_fix(gunicorn_fix_description(argv), [Edit(start.start, start.end, replacement)], FixSafety.UNSAFE))
    debugger = start.debugger if start.debugger_on else None
    if debugger is not None and debugger.option is not None:  # env-var debug is FL302, on the assignment
        rule = "FL101" if start.bind_all else "FL202"
        where = _anchor(reporter.context.display_path, start, debugger)
        exposure = " on all interfaces: a Python console for whoever reaches the port" if start.bind_all else ""
        _add(reporter, rule, where[0], where[1],
             f"the production command turns the Werkzeug debugger on ({_describe(debugger)}){exposure}; remove it",
             dev_reason=dev_reason,
             fix=_fix("Remove the debug switch", _drop_debug_edits(start, debugger), FixSafety.SAFE))
    return True


# --------------------------------------------------------------------------- environment


def _check_inline_assignments(reporter: Reporter, words: list[Word], env: Environment, *, production: bool,
                              dev_reason: Optional[str]) -> None:
    """`WERKZEUG_DEBUG_PIN=off cmd` (FL105) and, in production, `FLASK_DEBUG=1 cmd` (FL302)."""
    path = reporter.context.display_path
    for word in words:
        if not word.is_assignment:
            if word.text not in INLINE_PREFIXES and not word.text.startswith("-"):
                break
            continue
        value = EnvValue.from_word(word, path)
        if value.name == PIN_VARIABLE or (production and value.name in SAFE_VALUES):
            _check_assignment(reporter, value, production=production, dev_reason=dev_reason, words=words)


def _check_assignment(reporter: Reporter, value: EnvValue, *, production: bool, dev_reason: Optional[str],
                      words: Optional[list[Word]]) -> None:
    if templating.is_unknown(value.value):
        return  # a template action: known only once rendered
    if value.name == PIN_VARIABLE and value.value.strip().lower() == "off":
        edits = _remove_assignment_edits(value, words)
        _add(reporter, "FL105", value.start, value.end,
             "`WERKZEUG_DEBUG_PIN=off` disables the Werkzeug debugger PIN: whenever debug mode is on, its console "
             "runs Python for anyone who reaches the server, with no prompt at all; remove it",
             dev_reason=dev_reason, fix=_fix("Remove the WERKZEUG_DEBUG_PIN=off setting", edits, FixSafety.SAFE))
        return
    if not production:
        return
    if value.name == "FLASK_DEBUG" and debug_flag(value.value):
        note = ""
        if value.value.strip().lower() in ("off", "n", "f"):
            note = f" (Flask reads any value but empty, 0, false and no as on, so {value.value!r} means on)"
        _add(reporter, "FL302", value.start, value.end,
             f"`FLASK_DEBUG={value.value}` turns Flask debug mode on in a production environment{note}: error pages "
             "and the 500 handler change, and any dev-server start gets the debugger; set it to 0 or remove it",
             dev_reason=dev_reason,
             fix=_fix("Set FLASK_DEBUG to 0", _set_value_edits(value, "0", words), FixSafety.SAFE))
    elif value.name == "FLASK_ENV" and value.value.strip() == "development":
        _add(reporter, "FL302", value.start, value.end,
             "`FLASK_ENV=development` in a production environment: Flask before 2.3 turns debug mode on from it "
             "(2.3 removed it, so it marks a development configuration shipped to production); remove it",
             dev_reason=dev_reason,
             fix=_fix("Remove the FLASK_ENV=development setting",
                      _remove_assignment_edits(value, words) or _set_value_edits(value, "production", words),
                      FixSafety.SAFE))


# --------------------------------------------------------------------------- fixes


def _fix(description: str, edits: list[Edit], safety: FixSafety) -> Optional[Fix]:
    if not edits:
        return None
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end))
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            return None  # overlapping edits: no fix rather than a wrong one
    return Fix(description, safety, tuple(ordered))


def _render(argv: list[str], style: str) -> str:
    if style == "json":
        return ", ".join(json.dumps(a) for a in argv)
    return " ".join(quote(a) for a in argv)


def _drop_option_edits(start: CommandStart, uses: Sequence[OptionUse]) -> list[Edit]:
    """Delete each option and its value together with the separator before it.

    The words are indexed by offset once for all the uses: a search per use made
    `--debug` repeated 20,000 times in one command take seconds (quadratic).
    """
    if not uses:
        return []
    words = start.all_words
    where: dict[int, int] = {}
    for index, word in enumerate(words):
        where.setdefault(word.start, index)
    edits = []
    for use in uses:
        index = where.get(use.option.start, 0)
        if index > 0:
            edits.append(Edit(words[index - 1].end, use.end, ""))
    return edits


def _inline(start: CommandStart, value: Optional[EnvValue]) -> bool:
    return value is not None and any(w.start == value.start and w.end == value.end for w in start.all_words)


def _remove_assignment_edits(value: EnvValue, words: Optional[Sequence[Word]]) -> list[Edit]:
    if value.has_removal:
        return [Edit(value.removal_start, value.removal_end, "")]
    if words:
        for index, word in enumerate(words):
            if word.start == value.start and word.end == value.end and index + 1 < len(words):
                return [Edit(word.start, words[index + 1].start, "")]
    return []


def _set_value_edits(value: EnvValue, safe: str, words: Optional[Sequence[Word]]) -> list[Edit]:
    if value.has_value_range:
        return [Edit(value.value_start, value.value_end, safe)]
    return _remove_assignment_edits(value, words)


def _drop_setting_edits(start: CommandStart, setting: Setting, safe: str) -> list[Edit]:
    edits: list[Edit] = []
    host_uses = [u for u in start.options if setting.option is not None and u.spec is setting.option.spec]
    edits += _drop_option_edits(start, host_uses)  # every --host, or the last one would still win
    if setting.env is not None:
        words = start.all_words if _inline(start, setting.env) else None
        edits += _remove_assignment_edits(setting.env, words) or _set_value_edits(setting.env, safe, words)
    return edits


def _drop_debug_edits(start: CommandStart, setting: Setting) -> list[Edit]:
    edits: list[Edit] = []
    names = {"debug", "debugger"}
    edits += _drop_option_edits(start, [u for u in start.options if u.spec.name in names and u.value == "true"])
    if setting.env is not None:
        words = start.all_words if _inline(start, setting.env) else None
        safe = "0" if setting.env.name != "FLASK_ENV" else "production"
        edits += _set_value_edits(setting.env, safe, words)
    return edits


def _debug_variable_edits(start: CommandStart, debugger: Setting, path: str) -> list[Edit]:
    """`FLASK_DEBUG=1` set in this file under a `--debug` that wins over it: once the option is gone the
    variable would turn the debugger on again, so a fix that keeps the bind turns it off as well."""
    value = start.env.get("FLASK_DEBUG")
    if debugger.env is not None or value is None or value.path != path or not debug_flag(value.value):
        return []
    return _set_value_edits(value, "0", start.all_words if _inline(start, value) else None)


# --------------------------------------------------------------------------- helpers


def _describe(setting: Setting) -> str:
    text = setting.describe()
    return f"{text}; {setting.note}" if setting.note else text


def _anchor(path: str, start: CommandStart, setting: Setting) -> tuple[int, int]:
    """Where a finding about a setting sits: the option, the assignment in this file (`path`), else the command."""
    if setting.option is not None:
        return setting.option.start, setting.option.end
    if setting.env is not None and setting.env.path == path:
        return setting.env.start, setting.env.end
    return start.start, start.end


def _related(reporter: Reporter, *settings: Setting) -> list[tuple[Span, str]]:
    """Same-file assignments that feed a finding, shown with it."""
    related = []
    for setting in settings:
        env = setting.env
        if env is not None and env.path == reporter.context.display_path:
            related.append((reporter.offset_span(env.start, env.end), f"`{env.name}` is set here"))
    return related


def related_elsewhere(path: str, settings: Sequence[Setting]) -> list[Related]:
    """Variables set in another file (an env file) that feed a finding in `path`, at their line there."""
    related = []
    for setting in settings:
        env = setting.env
        if env is not None and env.path != path and env.span is not None:
            related.append(Related(env.path, env.span, f"`{env.name}={env.value}` is set here"))
    return related


def _add(reporter: Reporter, rule: str, start: int, end: int, message: str, *, dev_reason: Optional[str],
         fix: Optional[Fix] = None, related: Sequence[Any] = (), related_elsewhere: Sequence[Related] = ()) -> None:
    """Report once per rule and place: a file-level `export FLASK_RUN_HOST=0.0.0.0` feeds many commands."""
    seen = _REPORTED.setdefault(reporter, set())
    if (rule, start, end) in seen:
        return
    if not reporter.full:
        seen.add((rule, start, end))
    reporter.add(rule, reporter.offset_span(start, end), message, fix=fix, dev_reason=dev_reason, related=related,
                 related_elsewhere=related_elsewhere)


def _record(reporter: Reporter, fact: StartFact) -> None:
    """Keep a start's fact for the project pass, up to MAX_FILE_STARTS a file."""
    kept = reporter.result_.facts.setdefault(FACTS_KEY, [])
    if len(kept) < MAX_FILE_STARTS:
        kept.append(fact.to_json())
    else:
        reporter.warn_once("starts", f"line {fact.line}: more than {MAX_FILE_STARTS:,} server starts in this file; "
                                     "the later ones were judged here but not given to the deployment model")


def _fact(reporter: Reporter, start: CommandStart, production: bool, argv_style: str, port_hint: Optional[str],
          dev_reason: Optional[str], reported: bool,
          resolve: Optional[Callable[[str], Optional[str]]], fixable: bool, extra_args: Sequence[str] = ()) -> StartFact:
    span = reporter.offset_span(start.start, start.end)
    target = start.target
    if start.kind == flaskcli.SCRIPT and target and start.cwd and not posixpath.isabs(target):
        target = posixpath.normpath(posixpath.join(start.cwd, target))
    words = word_lines = env = args = runner = None
    if start.kind == flaskcli.PROGRAM:  # `pipenv run start`: a Pipfile script, or an installed command
        head = start.words[0].start if start.words else -1
        runner = next((posixpath.basename(w.text) for w, after in zip(start.all_words, start.all_words[1:])
                       if w.start < head and posixpath.basename(w.text) in flaskcli.RUNNERS
                       and after.text == flaskcli.RUNNERS[posixpath.basename(w.text)]), None)
    args = _script_args(reporter, start, extra_args)
    if start.kind == flaskcli.DEV_SERVER:
        words, word_lines = factwords.encode(start.all_words, reporter.offset_span, reporter.share)
    if start.kind in (flaskcli.DEV_SERVER, flaskcli.MAKE, flaskcli.SCRIPT, flaskcli.MODULE, flaskcli.PRODUCTION_SERVER):
        # what the start passes on: the deployment model hands it to the script or target it runs
        path = reporter.context.display_path
        if start.kind in (flaskcli.SCRIPT, flaskcli.MODULE, flaskcli.PRODUCTION_SERVER):
            # Python the script, module or served app runs may read any variable (`os.getenv("APP_HOST")`, the
            # `FLASK_ENV` that picks a config class): all of them
            names = tuple(start.env)[-MAX_PASSED_VARIABLES:] if start.env else ()
        else:
            names = flaskcli.model_variables() if flaskcli.passes_model_variables(start.env) else ()
        values = (start.env.get(name) for name in names)
        env = [_env_json(reporter, value) for value in sorted((v for v in values if v is not None and v.path in (path, "")),
                                                              key=lambda v: (v.start, v.name))] or None
    return StartFact(
        kind=start.kind, program=start.program, production=production, start=start.start, end=start.end,
        line=span.start.line, column=span.start.column, end_line=span.end.line, end_column=span.end.column,
        target=target, app=start.app.value if start.app else None,
        port=start.port.value if start.port is not None and not start.port.is_default else None,
        bind_all=start.bind_all, debugger=start.debugger_on, cwd=start.cwd, argv_style=argv_style,
        port_hint=port_hint, dev_reason=dev_reason or reporter.context.dev_reason, reported=reported,
        resolved=resolve(target) if resolve is not None and target else None, fixable=fixable,
        words=words, word_lines=word_lines, env=env, reads_dotenv=reporter.context.kind in DOTENV_KINDS, args=args, runner=runner,
        source=list(reporter.source_lines(span)),
    )


CONTAINER_KINDS = frozenset({kinds.DOCKERFILE, kinds.COMPOSE, kinds.KUBERNETES, kinds.YAML, kinds.HELM_VALUES,
                             kinds.APPENGINE, kinds.FLY, kinds.RENDER, kinds.RAILWAY, kinds.NIXPACKS, kinds.HEROKU_APP,
                             kinds.EBEXTENSIONS})
"""Launchers whose server runs in a container or a platform's instance: it must listen on all interfaces for
the published port (or the platform's router) to reach it, so a fix never takes that bind away."""
KEEP_BIND = ("turn the debugger off and keep the bind: a container must listen on all interfaces for its published "
             "port to reach it (publish the port on 127.0.0.1, e.g. `127.0.0.1:5000:5000`, to keep a development "
             "container private)")

def _script_args(reporter: Reporter, start: CommandStart, extra_args: Sequence[str]) -> Optional[list[str]]:
    """The words after the script a SCRIPT start runs (with a Dockerfile CMD handed to an exec-form ENTRYPOINT
    script), or after the program a PROGRAM start (a console script) runs; None for other starts."""
    if start.kind == flaskcli.PROGRAM and start.words:
        return [reporter.share(w.text) for w in start.words[1:MAX_SCRIPT_ARGS + 1]] or None
    if start.kind == flaskcli.SCRIPT:
        after = next((k + 1 for k, w in enumerate(start.words) if w is start.target_word), 1)
        return [reporter.share(text) for text in ([w.text for w in start.words[after:]] + list(extra_args))[:MAX_SCRIPT_ARGS]]
    return None


MAX_PASSED_VARIABLES = 64
"""Variables a script or module start records (the last set win a large file's `ENV` list)."""
MAX_SCRIPT_ARGS = 8
"""Arguments kept of a started script: the first selects a branch or a management command, a few more are its
options (`runserver -h 0.0.0.0 -d`)."""
DOTENV_KINDS = frozenset({kinds.PROCFILE, kinds.SHELL, kinds.MAKEFILE, kinds.PACKAGE_JSON, kinds.TOX})
"""Families whose `flask run` runs in (or below) the file's own folder, where Flask's dotenv search starts.

Containers (Dockerfile, compose, manifests) run in an image whose files are
not known here, and units name their own WorkingDirectory.
"""


def _env_json(reporter: Reporter, value: EnvValue) -> dict[str, Any]:
    return {"name": value.name, "value": value.value, "start": value.start, "end": value.end,
            "span": reporter.offset_span(value.start, value.end).to_json()}


def fact_words(fact: StartFact) -> list[Word]:
    """A start fact's command words, as the model reads them."""
    return [Word(*fields[:6]) for fields in factwords.decode(fact.words or (), fact.word_lines or ())]


def fact_word_spans(fact: StartFact) -> dict[int, Span]:
    """Where each of a start fact's words is, by its start offset (for related locations)."""
    return {fields[1]: Span(Position(fields[6], fields[7]), Position(fields[8], fields[9]))
            for fields in factwords.decode(fact.words or (), fact.word_lines or ())}


def fact_env(path: str, entries: Sequence[dict[str, Any]]) -> list[EnvValue]:
    """Variables recorded in facts (a start's own, or an env file's `facts["env"]`) as EnvValues of `path`."""
    return [EnvValue(e["name"], e["value"], e["start"], e["end"], path, span=Span.from_json(e["span"]) if "span" in e else None)
            for e in entries]
