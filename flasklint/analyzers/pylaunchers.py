"""Python files that launch or configure a server by convention: gunicorn configs, invoke `tasks.py`, `noxfile.py`.

- a gunicorn config (`gunicorn.conf.py`, `gunicorn_config.py`, any
  `gunicorn*.py`): `wsgi_app = "app:app"` is the app gunicorn imports
  (`facts["wsgi_imports"]`), `raw_env = ["FLASK_DEBUG=1"]` the production
  environment of its workers (FL302, FL105); gunicorn itself is a production
  server, so its `bind` is not a finding;
- invoke's `tasks.py`: `c.run("flask run --host 0.0.0.0")` runs a shell command;
- `noxfile.py`: `session.run("flask", "run", ...)` runs an argument vector.

Tasks and sessions are developer commands (development context, lowered for
`dev`/`run`/`serve`-named functions). The Python analyzer calls `check` on
every file; only these names are read.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Optional

from flasklint.knowledge import flaskpin
from flasklint.analyzers.base import Reporter
from flasklint.commands.checks import check_command, check_environment, split_snippet
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import Word
from flasklint.knowledge.context import dev_target_reason

__all__ = ["check", "is_gunicorn_config"]

_GUNICORN = re.compile(r"^gunicorn[\w.-]*\.(?:py|conf)$")
_ENV = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)", re.S)


def is_gunicorn_config(name: str) -> bool:
    return _GUNICORN.match(name) is not None


def _string_range(reporter: Reporter, node: ast.Constant) -> Optional[tuple[int, int, bool]]:
    """(start, end) of the literal's token and whether its inside equals its value (no escapes, no prefix)."""
    if not isinstance(node.value, str) or getattr(node, "end_lineno", None) is None:
        return None
    span = reporter.node_span(node)
    start, end = reporter.source.offset(span.start), reporter.source.offset(span.end)
    raw = reporter.source.text[start:end]
    quote = raw[:3] if raw[:3] in ('"""', "'''") else raw[:1]
    exact = quote in ('"', "'", '"""', "'''") and raw[len(quote):len(raw) - len(quote)] == node.value
    return start, end, exact


def _gunicorn(reporter: Reporter, tree: ast.Module) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    values: list[EnvValue] = []
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        name = target.id if isinstance(target, ast.Name) else None
        value = statement.value
        if name == "wsgi_app" and isinstance(value, ast.Constant) and isinstance(value.value, str):
            facts["wsgi_imports"] = [value.value]
        elif name == "raw_env" and isinstance(value, (ast.List, ast.Tuple)):
            for item in value.elts:
                place = _string_range(reporter, item) if isinstance(item, ast.Constant) else None
                match = _ENV.fullmatch(item.value) if place else None  # type: ignore[union-attr]
                if place and match:
                    start, end, exact = place
                    inner = start + 1 if exact else -1
                    values.append(EnvValue(match.group("name"), match.group("value"), start, end,
                                           reporter.context.display_path,
                                           inner + match.start("value") if exact else -1,
                                           inner + match.end("value") if exact else -1))
    check_environment(reporter, Environment(values), production=reporter.context.dev_reason is None)
    return facts


def _words(reporter: Reporter, args: list[ast.expr]) -> Optional[list[Word]]:
    words = []
    for arg in args:
        place = _string_range(reporter, arg) if isinstance(arg, ast.Constant) else None
        if place is None:
            return None
        start, end, exact = place
        words.append(Word(arg.value, start, end, True, 0, start + 1 if exact else -1))  # type: ignore[union-attr]
    return words


def _tasks(reporter: Reporter, tree: ast.Module, nox: bool) -> None:
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        reason = dev_target_reason(function.name)
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "run"
                    and isinstance(call.func.value, ast.Name) and call.args):
                continue
            if nox:
                words = _words(reporter, call.args)
                if words:
                    check_command(reporter, words, production=False, dev_reason=reason, argv_style="json",
                                  fixable=False)
                continue
            first = call.args[0]
            place = _string_range(reporter, first) if isinstance(first, ast.Constant) else None
            if place is None:
                continue
            start, end, exact = place
            if exact:
                commands = split_snippet(reporter, start + 1, end - 1)
            else:
                commands = [[Word(w, start, end, True) for w in str(first.value).split()]]  # type: ignore[attr-defined]
            for words in commands:
                check_command(reporter, words, production=False, dev_reason=reason)


_WSGI_APP = re.compile(rb"^wsgi_app[ \t]*=[ \t]*[\"']([\w.:()]+)[\"'][ \t]*(?:#.*)?$", re.M)


_SETUP_FLASK = re.compile(rb"""["'][Ff]lask(?:\[[^\]'"]*\])?[ \t]*((?:[<>=!~]=?[ \t]*[\w.*]+[ \t]*,?[ \t]*)*)["']""")


def setup_py_pin(data: bytes) -> dict[str, Any]:
    """The Flask requirement of a setup.py's `install_requires`, read as text (setup.py is never run)."""
    if b"install_requires" not in data:
        return {}
    match = _SETUP_FLASK.search(data, data.find(b"install_requires"))
    if match is None:
        return {}
    spec = match.group(1).decode("ascii", "replace").replace(" ", "")
    return {flaskpin.FACTS_KEY: flaskpin.fact(spec, data.count(b"\n", 0, match.start()) + 1, "setup.py")}


_CONSOLE_SCRIPTS = re.compile(rb"""["']?console_scripts["']?[ \t]*[:=][ \t]*[\[(]([^\])]*)[\])]""")
_ENTRY = re.compile(rb"""["'][ \t]*([\w.-]+)[ \t]*=[ \t]*([\w.]+:[\w.]+)[ \t]*["']""")


def setup_py_scripts(data: bytes) -> dict[str, Any]:
    """The console scripts of a setup.py's `entry_points={"console_scripts": ["alertad = alerta.commands:cli"]}`
    (or `dict(console_scripts=[...])`), read as text like its Flask pin: `facts["console_scripts"]`, as
    setup.cfg and pyproject.toml give them (flasklint.analyzers.requirements)."""
    if b"console_scripts" not in data:
        return {}
    entries = {name.decode(): target.decode()
               for block in _CONSOLE_SCRIPTS.findall(data) for name, target in _ENTRY.findall(block)}
    return {"console_scripts": entries} if entries else {}


def screen_facts(data: bytes) -> dict[str, Any]:
    """`wsgi_app = "app:app"` of a gunicorn config, a setup.py's Flask pin and console scripts: facts of a
    prefilter-rejected file."""
    match = _WSGI_APP.search(data) if b"wsgi_app" in data else None
    return {**({"wsgi_imports": [match.group(1).decode()]} if match else {}), **setup_py_pin(data),
            **setup_py_scripts(data)}


def check(reporter: Reporter, tree: ast.Module) -> dict[str, Any]:
    """Facts and findings of a conventional launcher file (nothing for other Python files)."""
    name = reporter.context.display_path.rpartition("/")[2]
    if is_gunicorn_config(name):
        return _gunicorn(reporter, tree)
    if name in ("tasks.py", "noxfile.py"):
        _tasks(reporter, tree, nox=name == "noxfile.py")
    if name == "setup.py":
        data = reporter.source.text.encode("utf-8", "surrogateescape")
        return {**setup_py_pin(data), **setup_py_scripts(data)}
    return {}
