"""The Flask-CLI model: what one command line starts, read the way Flask itself reads it.

Option spellings, which options are flags, their defaults and the environment
variables click reads for them all come from Flask's own click declaration
(`flask.cli.FlaskGroup` and `flask.cli.run_command`), imported lazily the first
time a command is interpreted and cached: `-h` is `--host` here (not help),
`--debug/--no-debug` exists on the group and on `run`, `FLASK_RUN_HOST` is
`--host` through click's `auto_envvar_prefix`. Boolean environment values are
converted with the option's own click type, which is what `flask run` does:
under the CLI, `FLASK_DEBUG=off` is off, while `flask.helpers.get_debug_flag`
(what `Flask()` itself and gunicorn-served apps see) treats `off` as on.

Around Flask's CLI this module peels the launchers people put in front of it
(`exec`, `env A=b`, `A=b`, `nohup`, `poetry run`, `pipenv run`, `uv run`,
`python -m flask`, `sh -c "..."`) and recognises the other starts: production
WSGI/ASGI servers, `python script.py` and `python -m module`.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands import wrappers
from flasklint.commands.script import STATE_BUILTINS, ShellState, walk
from flasklint.commands.shellwords import Word, split_commands

__all__ = [
    "DEV_SERVER", "PRODUCTION_SERVER", "SCRIPT", "MODULE",
    "OptionSpec", "FlaskCli", "flask_cli", "OptionUse", "Setting", "CommandStart",
    "interpret", "interpret_all", "debug_flag", "ALL_INTERFACES",
]

from flasklint.commands.programs import (  # the tables the interpreter reads, as flaskcli names
    ALL_INTERFACES,
    COMMON_PROGRAMS,
    CONTAINER_PROGRAMS,
    DEBUG_OFF_STRINGS,
    DEV_SERVER,
    DOCKER_RUN_VALUE_OPTIONS,
    ENV_PROGRAM,
    HONCHO,
    installed_bin,
    LAUNCHERS,
    MAKE,
    MAKE_PROGRAMS,
    MAKE_VALUE_OPTIONS,
    MODULE,
    NPM,
    NPM_LIFECYCLE,
    NPM_PROGRAMS,
    NPM_RUN,
    PRIORITY_PROGRAMS,
    PROCFILE_RUNNERS,
    PRODUCTION_MODULES,
    PRODUCTION_SERVER,
    PRODUCTION_SERVERS,
    PROGRAM,
    PYTHON_VALUE_OPTIONS,
    RUNNERS,
    RUNNER_VALUE_OPTIONS,
    SCRIPT,
    SHELLS,
    SHELL_WORDS,
    SUDO_PROGRAM,
    WRAPPER_SEPARATOR,
    PROGRAM_NAME,
)


def _passes_a_command(rest: list[Word]) -> bool:
    """Whether a script's arguments are themselves a server command (`flask run ...`, `python app.py`,
    `gunicorn ...`, `sh -c "..."`), which a wrapper script runs (`exec "$@"`)."""
    base = posixpath.basename(rest[0].text)
    if rest[0].quoted or rest[0].is_assignment:
        return False
    if base in SHELLS:
        return len(rest) > 2 and rest[1].text.startswith("-") and "c" in rest[1].text[1:]
    return base == "flask" or base in PRODUCTION_SERVERS or _is_python(base)


def _inert_programs() -> frozenset[str]:
    """COMMON_PROGRAMS that `_Interpreter.command` neither peels as a prefix nor dispatches on.

    Derived from the tables the interpreter reads, so a name it learns to follow leaves this set by itself.
    """
    handled = (SHELL_WORDS | LAUNCHERS | SHELLS | wrappers.PROGRAMS | PRIORITY_PROGRAMS | CONTAINER_PROGRAMS
               | PROCFILE_RUNNERS | PRODUCTION_SERVERS | MAKE_PROGRAMS | NPM_PROGRAMS | frozenset(RUNNERS)
               | {ENV_PROGRAM, SUDO_PROGRAM, "flask", WRAPPER_SEPARATOR})
    return frozenset(name for name in COMMON_PROGRAMS
                     if name not in handled and not _is_python(name) and not name.endswith((".sh", ".bash"))
                     and "/" not in name and "=" not in name)


# --------------------------------------------------------------------------- Flask's declaration


@dataclass(frozen=True)
class OptionSpec:
    """One click option of Flask's CLI, as declared."""

    name: str  # the click parameter name: host, port, debug, debugger, app, ...
    opts: tuple[str, ...]  # e.g. ("--host", "-h")
    secondary_opts: tuple[str, ...]  # e.g. ("--no-debug",)
    is_flag: bool
    envvar: str  # FLASK_RUN_HOST, FLASK_DEBUG, ...
    default: Any
    param: Any = field(repr=False, compare=False, default=None)

    def convert_bool(self, text: str) -> Optional[bool]:
        """Convert an environment value with the option's click type; None when click would reject it."""
        import click

        try:
            return bool(self.param.type.convert(text, self.param, None))
        except (click.BadParameter, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class FlaskCli:
    """The `flask` group's options and the `run` command's options, by spelling and by name."""

    group: dict[str, OptionSpec]
    run: dict[str, OptionSpec]
    group_by_name: dict[str, OptionSpec]
    run_by_name: dict[str, OptionSpec]
    eager_exit: frozenset[str]  # --help, --version: nothing starts


def _specs(params: list[Any], prefix: str) -> tuple[dict[str, OptionSpec], dict[str, OptionSpec]]:
    by_spelling: dict[str, OptionSpec] = {}
    by_name: dict[str, OptionSpec] = {}
    for param in params:
        if getattr(param, "param_type_name", "") != "option" or param.name is None:
            continue
        envvar = param.envvar if isinstance(param.envvar, str) else f"{prefix}_{param.name.upper()}"
        default = param.default
        spec = OptionSpec(
            name=param.name,
            opts=tuple(param.opts),
            secondary_opts=tuple(param.secondary_opts),
            is_flag=bool(param.is_flag),
            envvar=envvar,
            default=default if isinstance(default, (str, int, bool)) else None,
            param=param,
        )
        by_name.setdefault(param.name, spec)
        for spelling in (*param.opts, *param.secondary_opts):
            by_spelling[spelling] = spec
    return by_spelling, by_name


MODEL_EXTRA_VARIABLES = frozenset({"FLASK_ENV", "FLASK_SKIP_DOTENV", "WERKZEUG_DEBUG_PIN", "WERKZEUG_RUN_MAIN", "WERKZEUG_SERVER_FD"})
"""Variables Flask or Werkzeug read besides the CLI options' own (FLASK_ENV before Flask 2.3, dotenv, the PIN)."""


MODEL_VARIABLE_PREFIXES = ("FLASK_", "WERKZEUG_")
"""Every variable of `model_variables` starts with one of these (Flask's `auto_envvar_prefix` and its explicit
envvars, the extras; tests/test_flaskcli.py checks it against the installed Flask), so an environment without
such a name passes nothing on, and Flask need not be imported (~0.15 s) to know it."""
SCREENED_ENVIRONMENT = 64
"""Environments up to this size are screened by name before the model is read; larger ones read it (one import
per process) rather than spend a pass over every variable per start."""


def passes_model_variables(env: Mapping[str, Any]) -> bool:
    """Whether `env` may hold a variable of the model (False: certainly none, and Flask stays unimported)."""
    return len(env) > SCREENED_ENVIRONMENT or any(name.startswith(MODEL_VARIABLE_PREFIXES) for name in env)


@functools.lru_cache(maxsize=1)
def model_variables() -> tuple[str, ...]:
    """Every environment variable the model reads: each option's envvar (from Flask's declaration), and the extras.

    A start records only these, so thousands of other `FLASK_*` exports cost nothing per start.
    """
    cli = flask_cli()
    names = {spec.envvar for spec in (*cli.group_by_name.values(), *cli.run_by_name.values())}
    return tuple(sorted(names | MODEL_EXTRA_VARIABLES))


@functools.lru_cache(maxsize=1)
def flask_cli() -> FlaskCli:
    """Read Flask's click declaration once (importing `flask.cli` costs ~0.2 s, so only when needed)."""
    from flask import cli as flask_cli_module

    group = flask_cli_module.FlaskGroup()
    prefix = group.context_settings.get("auto_envvar_prefix", "FLASK")
    run = flask_cli_module.run_command
    group_ctx_params = list(group.get_params(_dummy_context(group)))
    run_params = list(run.get_params(_dummy_context(run)))
    group_spellings, group_names = _specs(group_ctx_params, prefix)
    run_spellings, run_names = _specs(run_params, f"{prefix}_{(run.name or 'run').upper()}")
    eager = frozenset(
        s for p in group_ctx_params + run_params
        if getattr(p, "is_eager", False) and getattr(p, "is_flag", False) and not getattr(p, "expose_value", True)
        for s in p.opts
    )
    return FlaskCli(group_spellings, run_spellings, group_names, run_names, eager)


def _dummy_context(command: Any) -> Any:
    import click

    return click.Context(command, info_name=command.name or "flask")


def debug_flag(value: Optional[str]) -> bool:
    """`flask.helpers.get_debug_flag`: on unless unset, empty, or one of 0/false/no (any case)."""
    return bool(value and value.lower() not in DEBUG_OFF_STRINGS)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class OptionUse:
    """One option given on the command line: the option word and its value word, if separate."""

    spec: OptionSpec
    option: Word
    value_word: Optional[Word]
    value: str  # the option's value (`0.0.0.0`), or "true"/"false" for a flag

    @property
    def words(self) -> tuple[Word, ...]:
        return (self.option,) if self.value_word is None else (self.option, self.value_word)

    @property
    def start(self) -> int:
        return self.option.start

    @property
    def end(self) -> int:
        return (self.value_word or self.option).end

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class Setting:
    """An effective value and where it came from: an option, an environment variable, or Flask's default."""

    value: str
    option: Optional[OptionUse] = None
    env: Optional[EnvValue] = None
    note: str = ""

    @property
    def is_default(self) -> bool:
        return self.option is None and self.env is None

    def describe(self) -> str:
        if self.option is not None:
            return f"`{self.option.text}`"
        if self.env is not None:
            return f"`{self.env.name}={self.env.value}`"
        return f"the default {self.value}"


@dataclass(frozen=True)
class CommandStart:
    """What one command starts.

    `kind` is DEV_SERVER (`flask run`), PRODUCTION_SERVER (gunicorn & co.),
    SCRIPT (`python path.py`) or MODULE (`python -m pkg`). `words` runs from the
    program word to the last word (launcher prefixes such as `exec` or
    `poetry run` excluded); `all_words` is the whole command as given.
    """

    kind: str
    words: tuple[Word, ...]
    all_words: tuple[Word, ...]
    env: Environment
    program: str
    host: Optional[Setting] = None
    port: Optional[Setting] = None
    debug: Optional[Setting] = None
    debugger: Optional[Setting] = None
    app: Optional[Setting] = None
    options: tuple[OptionUse, ...] = ()
    server: str = ""
    bind: Optional[str] = None
    target: Optional[str] = None
    target_word: Optional[Word] = None
    cwd: Optional[str] = None
    notes: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def bind_all(self) -> bool:
        return self.host is not None and self.host.value in ALL_INTERFACES

    @property
    def debugger_on(self) -> bool:
        return self.debugger is not None and self.debugger.value == "true"

    @property
    def debug_on(self) -> bool:
        return self.debug is not None and self.debug.value == "true"


# --------------------------------------------------------------------------- interpretation


def interpret(words: list[Word], env: Optional[Environment] = None, *, path: str = "", cwd: Optional[str] = None) -> Optional[CommandStart]:
    """The first start in one command (a `sh -c` script may hold several), or None."""
    starts = interpret_all(words, env, path=path, cwd=cwd)
    return starts[0] if starts else None


MAX_SHELL_DEPTH = 4
"""`sh -c` scripts nested deeper than this are not re-split (each level re-reads the script below it);
the caller is told where the chain was cut, so it can say so."""


def interpret_all(words: list[Word], env: Optional[Environment] = None, *, path: str = "", cwd: Optional[str] = None,
                  cut: Optional[list[Word]] = None) -> list[CommandStart]:
    """Every start in one command: one, except for `sh -c "a && b"`, which is re-split.

    `cut` receives the script word of each `sh -c` left unread past MAX_SHELL_DEPTH.
    """
    interpreter = _Interpreter(path)
    starts = interpreter.command(list(words), env if env is not None else Environment(), cwd, depth=0)
    if cut is not None:
        cut.extend(interpreter.cut)
    return starts


class _Interpreter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.cut: list[Word] = []

    def command(self, words: list[Word], env: Environment, cwd: Optional[str], depth: int) -> list[CommandStart]:
        all_words = tuple(words)
        i = 0
        notes: list[str] = []
        while i < len(words):
            word = words[i]
            text = word.text
            base = posixpath.basename(text)
            if word.is_assignment:
                env = env.with_value(EnvValue.from_word(word, self.path))
                i += 1
            elif (not word.quoted and text in SHELL_WORDS) or base in LAUNCHERS:
                i += 1
            elif text == "--" and i > 0 and posixpath.basename(words[i - 1].text) in LAUNCHERS:
                i += 1
            elif base == ENV_PROGRAM:
                i, env = self._env_prefix(words, i + 1, env)
            elif base == SUDO_PROGRAM:
                i = self._skip_options(words, i + 1, value_options=frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-U"}))
            elif base in PRIORITY_PROGRAMS:
                i = self._skip_options(words, i + 1, value_options=frozenset({"-n", "-c", "-s", "-k"}))
                if base == "timeout" and i < len(words):
                    i += 1  # the duration
            elif base in RUNNERS and i + 1 < len(words) and words[i + 1].text == RUNNERS[base]:
                i = self._skip_options(words, i + 2, value_options=RUNNER_VALUE_OPTIONS)
            elif base in SHELLS:
                return self._shell(words, i, env, cwd, depth)
            elif base in wrappers.PROGRAMS:
                running = wrappers.command_start(words, i, base)
                if running is None:
                    return []
                i, script = running
                if script is not None:  # one string (tmux's one-word form, `su -c`): the shell runs it, as `sh -c`
                    shell = [Word("sh", script.start, script.start), Word("-c", script.start, script.start), script]
                    return self._shell(shell, 0, env, cwd, depth)
            else:
                break
        if i >= len(words):
            return []
        head = words[i]
        base = posixpath.basename(head.text)
        rest = words[i + 1:]
        if base == "flask":
            start = self._flask(words[i:], rest, all_words, env, "flask", cwd, notes)
            return [start] if start else []
        if _is_python(base):
            return self._python(words[i:], rest, all_words, env, cwd)
        if base in PRODUCTION_SERVERS:
            return [self._production(base, words[i:], rest, all_words, env, cwd)]
        if head.text in MAKE_PROGRAMS or base in MAKE_PROGRAMS:
            return self._make(words[i:], rest, all_words, env, cwd)
        if base in NPM_PROGRAMS:
            return self._npm(base, words[i:], rest, all_words, env, cwd)
        if base in CONTAINER_PROGRAMS:
            return self._container_run(words[i:], rest if base != "docker-compose" else [words[i]] + rest,
                                       env, cwd, depth)
        if base in PROCFILE_RUNNERS and rest and rest[0].text == "start":
            procfile = next((rest[k + 1].text for k, w in enumerate(rest[:-1]) if w.text in ("-f", "--procfile")),
                            "Procfile")
            return [CommandStart(HONCHO, tuple(words[i:]), all_words, env, f"{base} start", target=procfile,
                                 cwd=cwd)]
        if (head.text == base or installed_bin(posixpath.dirname(head.text))) and base not in COMMON_PROGRAMS \
                and PROGRAM_NAME.fullmatch(base) and (not head.quoted or head.plain_prefix == 0):
            return [CommandStart(PROGRAM, tuple(words[i:]), all_words, env, base, target=base, cwd=cwd)]
        if base.endswith((".sh", ".bash")) and not head.text.startswith("$"):
            separator = next((k for k, w in enumerate(rest) if w.text == WRAPPER_SEPARATOR and not w.quoted), None)
            if separator is not None and separator + 1 < len(rest):
                return self.command(rest[separator + 1:], env, cwd, depth + 1)
            script = CommandStart(SCRIPT, tuple(words[i:]), all_words, env, head.text, target=head.text,
                                  target_word=head, cwd=cwd)
            if rest and _passes_a_command(rest):
                # `wait-for-db.sh /bin/sh -c '... flask run ...'`: a wrapper that ends with `exec "$@"` runs its
                # arguments; whatever the script does first, a command given as its arguments is what it runs
                return [script] + self.command(rest, env, cwd, depth + 1)
            return [script]
        return []

    # ---- prefixes ----------------------------------------------------------

    @staticmethod
    def _skip_options(words: list[Word], i: int, value_options: frozenset[str]) -> int:
        while i < len(words) and words[i].text.startswith("-"):
            if words[i].text == "--":
                return i + 1
            if words[i].text in value_options and "=" not in words[i].text:
                i += 1
            i += 1
        return i

    def _env_prefix(self, words: list[Word], i: int, env: Environment) -> tuple[int, Environment]:
        while i < len(words):
            text = words[i].text
            if text in ("-i", "--ignore-environment", "-"):
                env = Environment()
            elif text in ("-u", "--unset") and i + 1 < len(words):
                env = env.without(words[i + 1].text)
                i += 1
            elif text.startswith("--unset="):
                env = env.without(text.partition("=")[2])
            elif text == "--":
                pass
            elif text.startswith("-"):
                pass
            elif words[i].is_assignment:
                env = env.with_value(EnvValue.from_word(words[i], self.path))
            else:
                break
            i += 1
        return i, env

    def _shell(self, words: list[Word], i: int, env: Environment, cwd: Optional[str], depth: int) -> list[CommandStart]:
        """`sh -c "script"`: re-split the script with offsets into the file, and interpret each command."""
        j = i + 1
        script: Optional[Word] = None
        while j < len(words) and words[j].text.startswith("-") and words[j].text != "--":
            flag = words[j].text
            j += 1
            if not flag.startswith("--") and "c" in flag[1:]:
                script = words[j] if j < len(words) else None
                break
        if script is None and j < len(words) and words[j].text.endswith((".sh", ".bash")):
            return [CommandStart(SCRIPT, tuple(words[i:]), tuple(words), env, f"{words[i].text} {words[j].text}",
                                 target=words[j].text, target_word=words[j], cwd=cwd)]
        if script is None:
            return []
        if depth >= MAX_SHELL_DEPTH:
            self.cut.append(script)
            return []
        if script.inner_start >= 0:
            inner = split_commands(script.text, script.inner_start, skip=_SHELL_SKIP)
        else:  # escapes inside the quotes: positions collapse onto the whole script word
            inner = [[Word(w.text, script.start, script.end, w.quoted, w.plain_prefix) for w in c]
                     for c in split_commands(script.text, skip=_SHELL_SKIP)]
        state = ShellState(self.path, env=env, cwd=cwd)
        starts: list[CommandStart] = []
        for step in walk(inner, state):
            starts.extend(self.command(step.words, step.env, step.cwd, depth + 1))
        return starts

    # ---- make and containers --------------------------------------------------

    def _make(self, program: list[Word], rest: list[Word], all_words: tuple[Word, ...], env: Environment,
              cwd: Optional[str]) -> list[CommandStart]:
        """`make [-C dir] [VAR=value] [target]`: VAR=value is exported to the recipe; no target is the default goal."""
        target: Optional[Word] = None
        directory = cwd
        i = 0
        while i < len(rest):
            word = rest[i]
            text = word.text
            if text in ("-C", "--directory") and i + 1 < len(rest):
                directory = posixpath.normpath(posixpath.join(cwd or ".", rest[i + 1].text))
                i += 2
                continue
            if text in MAKE_VALUE_OPTIONS:
                i += 2
                continue
            if text.startswith("-"):
                i += 1
                continue
            if word.is_assignment:
                env = env.with_value(EnvValue.from_word(word, self.path))
            elif target is None:
                target = word
            i += 1
        name = target.text if target is not None else ""
        shown = " ".join(w.text for w in program[:1]) + (f" {name}" if name else "")
        return [CommandStart(MAKE, tuple(program), all_words, env, shown, target=name, target_word=target,
                             cwd=directory)]

    def _npm(self, program: str, words: list[Word], rest: list[Word], all_words: tuple[Word, ...],
             env: Environment, cwd: Optional[str]) -> list[CommandStart]:
        """`npm start`, `npm run NAME`, `yarn run NAME`, `pnpm run NAME` (options such as `--prefix` skipped)."""
        names = [w for w in rest if not w.text.startswith("-")]
        if not names:
            return []
        verb = names[0].text
        if verb in NPM_LIFECYCLE:
            script = names[0]
        elif verb in NPM_RUN and len(names) > 1:
            script = names[1]
        else:
            return []
        return [CommandStart(NPM, tuple(words), all_words, env, f"{program} {verb}" + (
            f" {script.text}" if script is not names[0] else ""), target=script.text, target_word=script, cwd=cwd)]

    def _container_run(self, program: list[Word], rest: list[Word], env: Environment, cwd: Optional[str],
                       depth: int) -> list[CommandStart]:
        """`docker compose run [-e V=x] SERVICE CMD...` / `docker run [opts] IMAGE CMD...`: CMD is what runs."""
        i = 0
        if i < len(rest) and rest[i].text == "compose":
            i += 1
        elif i < len(rest) and rest[i].text == "docker-compose":
            i += 1
        while i < len(rest) and rest[i].text.startswith("-"):  # global options before the verb
            i += 2 if rest[i].text in DOCKER_RUN_VALUE_OPTIONS and "=" not in rest[i].text else 1
        if i >= len(rest) or rest[i].text not in ("run", "exec"):
            return []
        i += 1
        while i < len(rest) and rest[i].text.startswith("-"):
            text = rest[i].text
            if text in ("-e", "--env") and i + 1 < len(rest) and rest[i + 1].is_assignment:
                env = env.with_value(EnvValue.from_word(rest[i + 1], self.path))
                i += 2
                continue
            i += 2 if text in DOCKER_RUN_VALUE_OPTIONS and "=" not in text else 1
        i += 1  # the service or image
        if i >= len(rest) or depth > 3:
            return []
        return self.command(rest[i:], env, None, depth + 1)

    # ---- python ------------------------------------------------------------

    def _python(self, program: list[Word], rest: list[Word], all_words: tuple[Word, ...], env: Environment,
                cwd: Optional[str]) -> list[CommandStart]:
        i = 0
        while i < len(rest):
            text = rest[i].text
            if text == "-m" or (text.startswith("-m") and len(text) > 2 and not text.startswith("--")):
                module_word = rest[i + 1] if text == "-m" and i + 1 < len(rest) else rest[i]
                module = module_word.text if text == "-m" else text[2:]
                if text == "-m" and i + 1 >= len(rest):
                    return []
                after = rest[i + 2:] if text == "-m" else rest[i + 1:]
                launcher = f"{posixpath.basename(program[0].text)} -m {module}"
                if module == "flask":
                    start = self._flask(program, after, all_words, env, launcher, cwd, [])
                    return [start] if start else []
                if module in PRODUCTION_MODULES:
                    return [self._production(PRODUCTION_MODULES[module], program, after, all_words, env, cwd)]
                return [CommandStart(MODULE, tuple(program), all_words, env, launcher, target=module,
                                     target_word=module_word, cwd=cwd)]
            if text in ("-c", "-"):
                return []
            if text in PYTHON_VALUE_OPTIONS:
                i += 2
                continue
            if text.startswith("-"):
                i += 1
                continue
            launcher = f"{posixpath.basename(program[0].text)} {text}"
            return [CommandStart(SCRIPT, tuple(program), all_words, env, launcher, target=text,
                                 target_word=rest[i], cwd=cwd)]
        return []

    # ---- production servers --------------------------------------------------

    def _production(self, server: str, program: list[Word], rest: list[Word], all_words: tuple[Word, ...],
                    env: Environment, cwd: Optional[str]) -> CommandStart:
        bind: Optional[str] = None
        target_word: Optional[Word] = None
        positionals: list[Word] = []
        i = 0
        while i < len(rest):
            text = rest[i].text
            name, eq, value = text.partition("=")
            if name in ("-b", "--bind", "--listen", "--http", "--http-socket", "--host", "--socket"):
                if eq:
                    bind = value
                elif i + 1 < len(rest):
                    bind = rest[i + 1].text
                    i += 1
            elif text.startswith("-b") and len(text) > 2:
                bind = text[2:]
            elif name in ("--module", "-w", "--wsgi-file", "--wsgi", "--app") and server in ("uwsgi", "granian"):
                if eq:
                    target_word = rest[i]
                elif i + 1 < len(rest):
                    target_word = rest[i + 1]
                    i += 1
            elif text.startswith("-"):
                if (not eq and text not in _PRODUCTION_FLAGS and i + 1 < len(rest)
                        and not rest[i + 1].text.startswith("-") and ":" not in rest[i + 1].text):
                    i += 1  # an option with a separate value (`--workers 2`); `module:app` is never one
            elif server == "mod_wsgi-express" and text in ("start-server", "setup-server"):
                pass
            else:
                positionals.append(rest[i])
            i += 1
        if target_word is None and positionals:
            target_word = next((w for w in positionals if ":" in w.text or w.text.endswith(".py")), positionals[-1])
        return CommandStart(PRODUCTION_SERVER, tuple(program), all_words, env, server, server=server, bind=bind,
                            target=target_word.text if target_word else None, target_word=target_word, cwd=cwd)

    # ---- flask ---------------------------------------------------------------

    def _flask(self, program: list[Word], rest: list[Word], all_words: tuple[Word, ...], env: Environment,
               launcher: str, cwd: Optional[str], notes: list[str]) -> Optional[CommandStart]:
        cli = flask_cli()
        group_uses, i, stop = self._options(rest, 0, cli.group, cli.eager_exit, stop_at_positional=True)
        if stop or i >= len(rest) or rest[i].text != "run":
            return None
        run_uses, _, stop = self._options(rest, i + 1, cli.run, cli.eager_exit, stop_at_positional=False)
        if stop:
            return None
        uses = tuple(group_uses + run_uses)

        def last(spec_name: str, options: list[OptionUse]) -> Optional[OptionUse]:
            found = [u for u in options if u.spec.name == spec_name]
            return found[-1] if found else None

        def from_env(spec: Optional[OptionSpec]) -> Optional[EnvValue]:
            if spec is None:
                return None
            value = env.get(spec.envvar)
            return value if value is not None and value.value != "" else None

        def value_setting(name: str) -> Setting:
            spec = cli.run_by_name.get(name)
            use = last(name, run_uses)
            if use is not None:
                return Setting(use.value, option=use)
            env_value = from_env(spec)
            if env_value is not None:
                return Setting(env_value.value, env=env_value)
            return Setting(str(spec.default) if spec is not None and spec.default is not None else "")

        host = value_setting("host")
        port = value_setting("port")
        app_use = last("app", group_uses)
        app_env = from_env(cli.group_by_name.get("app"))
        app = Setting(app_use.value, option=app_use) if app_use else (
            Setting(app_env.value, env=app_env) if app_env else None)
        debug = self._debug(cli, group_uses, run_uses, env, from_env)
        debugger = self._debugger(cli, run_uses, debug, from_env)
        return CommandStart(DEV_SERVER, tuple(program), all_words, env, f"{launcher} run", host=host, port=port,
                            debug=debug, debugger=debugger, app=app, options=uses, cwd=cwd, notes=tuple(notes))

    @staticmethod
    def _debug(cli: FlaskCli, group_uses: list[OptionUse], run_uses: list[OptionUse], env: Environment,
               from_env: Any) -> Setting:
        """Debug mode as `flask run` ends up with it (group `--debug`, `run --debug`, FLASK_DEBUG, FLASK_ENV)."""
        setting: Optional[Setting] = None
        for uses, specs in ((group_uses, cli.group_by_name), (run_uses, cli.run_by_name)):
            spec = specs.get("debug")
            found = [u for u in uses if u.spec.name == "debug"]
            if found:
                setting = Setting(found[-1].value, option=found[-1])
                continue
            env_value = from_env(spec)
            if env_value is not None and spec is not None:
                converted = spec.convert_bool(env_value.value)
                if converted is None:
                    return Setting("false", env=env_value, note=f"click rejects {env_value.value!r}; flask exits")
                setting = Setting("true" if converted else "false", env=env_value)
        if setting is not None:
            return setting
        flask_env = env.get("FLASK_ENV")
        if flask_env is not None and flask_env.value == "development" and "FLASK_DEBUG" not in env:
            return Setting("true", env=flask_env, note="FLASK_ENV=development turns debug mode on in Flask < 2.3 only")
        return Setting("false")

    @staticmethod
    def _debugger(cli: FlaskCli, run_uses: list[OptionUse], debug: Setting, from_env: Any) -> Setting:
        """`--debugger/--no-debugger` (or FLASK_RUN_DEBUGGER); defaults to the debug flag."""
        spec = cli.run_by_name.get("debugger")
        found = [u for u in run_uses if u.spec.name == "debugger"]
        if found:
            return Setting(found[-1].value, option=found[-1])
        env_value = from_env(spec)
        if env_value is not None and spec is not None:
            converted = spec.convert_bool(env_value.value)
            if converted is not None:
                return Setting("true" if converted else "false", env=env_value)
        return debug

    @staticmethod
    def _options(words: list[Word], i: int, specs: dict[str, OptionSpec], eager: frozenset[str],
                 *, stop_at_positional: bool) -> tuple[list[OptionUse], int, bool]:
        """Parse click options from words[i:]; returns (uses, index of first positional, eager exit seen)."""
        uses: list[OptionUse] = []
        while i < len(words):
            word = words[i]
            text = word.text
            if text == "--":
                return uses, i + 1, False
            if not text.startswith("-") or text == "-":
                if stop_at_positional:
                    return uses, i, False
                i += 1
                continue
            if text in eager:
                return uses, i, True
            name, eq, attached = text.partition("=") if text.startswith("--") else (text, "", "")
            spec = specs.get(name)
            if spec is None and not text.startswith("--") and len(text) > 2:
                spec = specs.get(text[:2])  # click short option with attached value: -h0.0.0.0
                if spec is not None and not spec.is_flag:
                    name, eq, attached = text[:2], "=", text[2:]
                else:
                    spec = None
            if spec is None:
                i += 1
                continue
            if spec.is_flag:
                uses.append(OptionUse(spec, word, None, "false" if name in spec.secondary_opts else "true"))
                i += 1
            elif eq:
                uses.append(OptionUse(spec, word, None, attached))
                i += 1
            elif i + 1 < len(words):
                uses.append(OptionUse(spec, word, words[i + 1], words[i + 1].text))
                i += 2
            else:
                i += 1
        return uses, i, False


_PRODUCTION_FLAGS = frozenset({
    "--reload", "--preload", "--daemon", "-D", "--check-config", "--print-config", "--spew", "--capture-output",
    "--enable-stdio-inheritance", "--no-sendfile", "--reuse-port", "--proxy-protocol", "-R", "--access-logfile-",
    "--factory", "--call", "--master", "--lazy-apps", "--enable-threads", "--die-on-term", "--vacuum",
    "--single-interpreter", "--strict", "--no-access-log", "--proxy-headers", "--no-server-header",
    "--use-colors", "--no-use-colors", "--expose-tracebacks", "--no-expose-tracebacks",
})


def _is_python(base: str) -> bool:
    if base in ("py", "python", "pypy", "pypy3"):
        return True
    if base.startswith("python"):
        rest = base[len("python"):]
        return all(c.isdigit() or c == "." for c in rest)
    return False


INERT_PROGRAMS = _inert_programs()
"""First words after which a command starts nothing, whatever follows (`echo`, `grep`, `celery`): a command
that begins with one of them, unquoted, interprets to no start."""
_SHELL_SKIP = INERT_PROGRAMS - STATE_BUILTINS
"""Commands of a `sh -c` script that neither start anything nor change the state its later commands run in."""
