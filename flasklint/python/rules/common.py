"""What every Python rule shares: the constants of Flask's and Werkzeug's semantics, the advice texts,
the records a scan of a file collects (`DebugSource`, `AppEvent`, `Start`) and small helpers on nodes and values."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any, Optional

from flasklint.python import changes as pyfix
from flasklint.python import frameworks
from flasklint.python import values as pr
from flasklint.knowledge import flaskapp
from flasklint.python.walker import CallSite

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]"})
LOOPBACK = "127.0.0.1"
CONVENTIONAL_APP_NAMES = frozenset({"app", "application", "server"})
FACTORY_NAMES = frozenset(flaskapp.FACTORY_NAMES)
"""The app factories Flask's own CLI finds by name (knowledge/flaskapp.py): a call of one that cannot be
resolved is taken for a Flask app when its `.run` gets Flask's keywords, as a conventional name is."""
SELF_APP_NAMES = frozenset({"app", "application"})
"""`self.app` of a wrapper class: taken for a Flask app, like a bare `app`, when its `.run` gets Flask's keywords."""
FLASK_RUN_KEYWORDS = frozenset(
    {"host", "port", "debug", "load_dotenv", "use_reloader", "use_debugger", "use_evalex",
     "threaded", "ssl_context", "extra_files", "reloader_type", "passthrough_errors"}
)
DEBUG_OFF_STRINGS = frozenset({"0", "false", "no"})  # flask.helpers.get_debug_flag
PIN_VARIABLE = "WERKZEUG_DEBUG_PIN"
_IP_ADDRESS = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-fA-F:]*:[0-9a-fA-F:]*\]?")
# ---- frameworks on Flask: read from their table (python/frameworks.py) ----
HOST_POSITION = {"flask": 0, "run_simple": 0, **{f.kind: f.host.position for f in frameworks.FRAMEWORKS}}
"""Where each server start takes its host positionally (Flask.run, run_simple, and each framework's row)."""
FLASK_SCRIPT_SERVERS = frameworks.by_kind("flask_script").constructors  # type: ignore[union-attr]
"""Flask-Script's `runserver` command: `Server(...)` configures the `app.run` that `manage.py runserver` makes."""
RUN_METHODS = frozenset({"run"} | {m for f in frameworks.FRAMEWORKS for m in f.run_methods})
CALLED_ATTRIBUTES = frozenset(
    {name.rpartition(".")[2] for name in (*pr.RUN_SIMPLE, *FLASK_SCRIPT_SERVERS, *pr.DEBUGGED_APPLICATION)}
    | RUN_METHODS | {"setdefault", "putenv", "update", "from_mapping", "from_object", "from_pyfile", "from_envvar"}
)
"""The last names of every attribute call `_collect_call` acts on."""
DEBUG_POSITION = {"flask": 2, **{f.kind: f.debug.position for f in frameworks.FRAMEWORKS
                                 if f.debug is not None and f.debug.keyword == "debug"}}
"""Flask.run(host, port, debug) and each framework's row (Dash.run(host, port, proxy, debug), ...)."""


ADVICE_RUN = "remove it, and use `flask run --debug` on your own machine only"
ADVICE_CONFIG = "keep DEBUG off in code that ships, and turn it on locally with `flask run --debug`"
ADVICE_USE_DEBUGGER = "remove it (or pass use_debugger=False) in code that can reach production"
ADVICE_EVALEX = "do not wrap an app that can reach production in DebuggedApplication; remove the wrapper or pass evalex=False"
TRUTHINESS_ADVICE = '; to read a flag from the environment, compare the string (`os.environ.get("DEBUG") == "1"`)'
ADVICE_ENV = "do not set FLASK_DEBUG in code; set it only in your local shell or .flaskenv"


@dataclass
class DebugSource:
    """Something that turns the debugger on: a keyword argument or a statement.

    `description` says what was found with its resolved value (the first clause
    of a message); `advice` says what to do about this kind of switch.
    """

    node: ast.AST
    value: pr.Value
    description: str
    advice: str = ADVICE_CONFIG
    consumed: bool = False
    related_node: Optional[ast.AST] = None
    change: Optional[pyfix.Change] = None
    """How a fix takes it away (None when no fix can: a config class loaded by from_object, a splat)."""


@dataclass
class AppEvent:
    """A statement that changes an app's state (debug flag, SERVER_NAME, wsgi_app)."""

    identity: Any
    what: str  # "debug" | "server_name" | "debugger_wsgi"
    line: int
    value: pr.Value
    source: Optional[DebugSource]
    node: ast.AST


@dataclass
class Start:
    """One dev-server start: `app.run()`, `socketio.run(app)` or `run_simple()`."""

    site: CallSite
    kind: str  # "flask" | "run_simple" | a framework's kind (frameworks.FRAMEWORKS: "socketio", "dash", ...)
    receiver_text: str
    identity: Any = None
    fallback: bool = False


def _short(node: ast.AST, limit: int = 60) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse of a valid tree should not fail
        return "..."
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _argument(call: ast.Call, index: Optional[int], name: str, splat: dict[str, ast.AST]) -> Optional[ast.AST]:
    """An argument given by position, keyword or a `**{...}` literal (the whole keyword node when given by keyword)."""
    if index is not None and len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return splat.get(name)


def _value_node(arg: Optional[ast.AST]) -> Optional[ast.AST]:
    return arg.value if isinstance(arg, ast.keyword) else arg


def _shown(value: Any) -> str:
    """A value as a user reads it: strings in double quotes, the rest as Python writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _described(text: str, value: pr.Value) -> str:
    """`text`, plus ` resolves to VALUE via ...` when the value came from elsewhere (a constant, the environment)."""
    if not value.resolved:
        return text
    return f"{text} resolves to {_shown(value.value)}{value.explain()}"


def _note(value: pr.Value) -> str:
    return f" ({value.note})" if value.note else ""


def _truthiness_note(value: pr.Value) -> pr.Value:
    """Explain why a string such as "false" turns debug on: Flask does bool(debug)."""
    if value.known and isinstance(value.value, str) and value.value and not value.note:
        return pr.Value(True, value.value, value.via, value.env, value.origin,
                        f'bool("{value.value}") is True: any non-empty string turns debug on')
    return value


def _debug_flag(value: pr.Value) -> Optional[bool]:
    return bool(value.value) if value.known else None


def _env_debug_flag(value: pr.Value) -> Optional[bool]:
    """flask.helpers.get_debug_flag: on unless empty or one of 0/false/no."""
    if not value.known:
        return None
    text = "" if value.value is None else str(value.value)
    return bool(text) and text.lower() not in DEBUG_OFF_STRINGS
