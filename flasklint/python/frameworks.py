"""What frameworks built on Flask and Werkzeug do when their app object's `run()` is called: one data table.

Each row says, for one library, which constructor builds its app object,
which methods start a server, how those methods take a host and a debug
switch (position, keyword) and what they use when none is passed (a default,
or an environment variable first), in which versions the server is Werkzeug's
development server, and where each fact was read (the library's own code at
that version). The Python rules ask this table (`by_constructor`,
`by_kind`); they do not spell any of it themselves.

Subclasses of `flask.Flask` (APIFlask, flask-openapi3, Eve) keep `Flask.run`
unchanged: they are listed in `FLASK_SUBCLASSES` and resolve as Flask apps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

__all__ = ["Setting", "Framework", "FRAMEWORKS", "FLASK_SUBCLASSES", "by_constructor", "by_kind", "by_dispatcher", "screen_words",
           "Command", "FLASK_GROUP"]


@dataclass(frozen=True)
class Setting:
    """How a run method takes a host or a debug value, and what it uses when the caller passes none.

    `default` is the value used when the argument is absent and `env` is unset
    (None: the wrapped `Flask.run` decides, i.e. loopback or `app.debug`); `env`
    names the environment variable the method reads first when the argument is
    absent (Dash's `HOST`).
    """

    keyword: str
    position: Optional[int]
    default: Any = None
    env: Optional[str] = None


@dataclass(frozen=True)
class Command:
    """A management command that starts the server from a command line (`python manage.py runserver -h 0.0.0.0`).

    `dispatchers` build the object whose `run()` reads the command line (Flask-Script's
    `Manager`); `name` is the command the library registers by itself when the
    project registers none under that name; the flags set the host and turn the
    debugger on or off.
    """

    name: str
    dispatchers: tuple[str, ...]
    host_flags: tuple[str, ...]
    debugger_on: tuple[str, ...]
    debugger_off: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    """One library whose app object (or command) starts the Werkzeug development server."""

    kind: str
    """The name a start of this library carries in facts and messages' logic (`Start.kind`)."""
    label: str
    distribution: str
    """The PyPI name whose pinned version decides `werkzeug_below`."""
    constructors: tuple[str, ...]
    """Qualified names of the class (or function) building the app object."""
    run_methods: tuple[str, ...]
    host: Setting
    debug: Optional[Setting]
    """None when the method takes no debug switch (the app's DEBUG decides)."""
    app_position: Optional[int] = None
    """`run(app, ...)`: the position of the Flask app the method serves (Flask-SocketIO)."""
    wraps_app: Optional[int] = None
    """The position of the Flask app the constructor wraps (`SocketIO(app)`), when it takes one."""
    werkzeug_below: Optional[tuple[int, ...]] = None
    """The server is Werkzeug's only below this version (connexion 3 serves with uvicorn); None: always."""
    version_keywords: frozenset[str] = frozenset()
    """Keywords that only the Werkzeug-serving versions accept: a call passing one settles the version."""
    server_keyword: Optional[tuple[str, tuple[Any, ...]]] = None
    """(keyword, values) choosing the server: Werkzeug only when absent or one of the values."""
    receiver_names: frozenset[str] = frozenset()
    """Unresolved receivers taken for this library by name, when the call passes one of `run_keywords`."""
    run_keywords: frozenset[str] = frozenset()
    command: Optional[Command] = None
    """The management command that starts this server from a command line, when there is one."""
    sources: tuple[str, ...] = ()
    """Where each fact above was read: the library's code at a version (URL at a tag)."""


FLASK_SUBCLASSES: dict[str, str] = {
    "apiflask.APIFlask": "https://github.com/apiflask/apiflask src/apiflask/app.py: class APIFlask(APIScaffold, Flask)",
    "flask_openapi3.OpenAPI": "https://github.com/luolingchun/flask-openapi3 flask_openapi3/openapi.py: "
                              "class OpenAPI(APIScaffold, Flask)",
    "eve.Eve": "https://github.com/pyeve/eve eve/flaskapp.py: class Eve(Flask, Events)",
}
"""Classes that are `flask.Flask` with more on top: their `run` is Flask's, so they resolve as Flask apps."""


FRAMEWORKS: tuple[Framework, ...] = (
    Framework(
        kind="socketio",
        label="Flask-SocketIO",
        distribution="flask-socketio",
        constructors=("flask_socketio.SocketIO",),
        run_methods=("run",),
        host=Setting("host", 1, "127.0.0.1"),
        debug=Setting("debug", None),  # kwargs.pop('debug', app.debug)
        app_position=0,
        wraps_app=0,
        receiver_names=frozenset({"socketio"}),
        run_keywords=frozenset({"host", "port", "debug", "allow_unsafe_werkzeug", "use_reloader", "log_output"}),
        sources=(
            "https://github.com/miguelgrinberg/Flask-SocketIO/blob/v5.6.1/src/flask_socketio/__init__.py "
            "SocketIO.run(self, app, host=None, port=None, **kwargs): host None -> '127.0.0.1'; "
            "debug = kwargs.pop('debug', app.debug); Werkzeug when async_mode == 'threading', refused in "
            "production unless allow_unsafe_werkzeug",
        ),
    ),
    Framework(
        kind="dash",
        label="Dash",
        distribution="dash",
        constructors=("dash.Dash",),
        run_methods=("run", "run_server"),
        host=Setting("host", 0, "127.0.0.1", env="HOST"),
        debug=Setting("debug", 3, False, env="DASH_DEBUG"),
        sources=(
            "https://github.com/plotly/dash/blob/v2.0.0/dash/dash.py run_server(host=os.getenv('HOST', "
            "'127.0.0.1'), port, proxy, debug=False, ...) -> self.server.run(host=host, port=port, debug=debug)",
            "https://github.com/plotly/dash/blob/v2.17.0/dash/dash.py run(host, port, proxy, debug=None): "
            "debug None -> get_combined_config('debug', None, False) (env DASH_DEBUG); run_server calls run",
            "https://github.com/plotly/dash/blob/v3.0.0/dash/dash.py run_server removed; run: "
            "host = host or os.getenv('HOST', '127.0.0.1')",
        ),
    ),
    Framework(
        kind="connexion",
        label="connexion",
        distribution="connexion",
        constructors=("connexion.App", "connexion.FlaskApp"),
        run_methods=("run",),
        host=Setting("host", 3, "0.0.0.0"),
        debug=Setting("debug", 2),
        werkzeug_below=(3,),
        version_keywords=frozenset({"debug", "server"}),
        server_keyword=("server", (None, "flask")),
        sources=(
            "https://github.com/spec-first/connexion/blob/2.14.2/connexion/apps/flask_app.py "
            "FlaskApp.run(port=None, server=None, debug=None, host=None, ...): self.host = host or self.host or "
            "'0.0.0.0'; server 'flask' (the constructor's default) -> self.app.run(self.host, port, debug)",
            "https://github.com/spec-first/connexion/blob/2.0.0/connexion/apps/flask_app.py same host default",
            "https://github.com/spec-first/connexion/blob/3.0.0/connexion/apps/abstract.py "
            "run(import_string=None, **kwargs) -> uvicorn.run: not Werkzeug from 3.0",
        ),
    ),
    Framework(
        kind="maxfw",
        label="MAX-Framework MAXApp",
        distribution="maxfw",
        constructors=("maxfw.core.MAXApp", "maxfw.core.app.MAXApp"),
        run_methods=("run",),
        host=Setting("host", 0, "0.0.0.0"),
        debug=None,  # DEBUG comes from the project's config.py, loaded by from_object("config")
        sources=(
            "https://github.com/IBM/MAX-Framework/blob/v1.1.6/maxfw/core/app.py MAXApp.run(self, host='0.0.0.0', "
            "port=5000): self.app.run(host, port); __init__ builds Flask(...) and from_object('config')",
        ),
    ),
    Framework(
        kind="flask_script",
        label="Flask-Script Server",
        distribution="flask-script",
        constructors=("flask_script.Server", "flask_script.commands.Server"),
        run_methods=(),  # the server starts on `manage.py runserver`, never by a method call in the code
        host=Setting("host", 0, "127.0.0.1"),
        debug=Setting("use_debugger", 2),  # None -> app.debug (then True) at `runserver`
        command=Command("runserver", ("flask_script.Manager",), ("-h", "--host"), ("-d", "--debug"),
                        ("-D", "--no-debug")),
        sources=(
            "https://github.com/smurfix/flask-script/blob/v2.0.6/flask_script/commands.py Server(host='127.0.0.1', "
            "port=5000, use_debugger=None, ...); options -h/--host, -p/--port, -d/--debug, -D/--no-debug, "
            "-r/--reload, -R/--no-reload; use_debugger None -> app.debug; handle: app.run(host=..., "
            "use_debugger=...)",
            "https://github.com/smurfix/flask-script/blob/v2.0.6/flask_script/__init__.py Manager.run: "
            "add_default_commands() registers Server() as runserver (and Shell) unless the app named its own; "
            "dispatches sys.argv[1] to the command of that name",
        ),
    ),
)


_BY_CONSTRUCTOR = {name: framework for framework in FRAMEWORKS for name in framework.constructors}
_BY_KIND = {framework.kind: framework for framework in FRAMEWORKS}


def by_constructor(qualified_name: Optional[str]) -> Optional[Framework]:
    """The framework whose app object `qualified_name(...)` builds, or None."""
    return _BY_CONSTRUCTOR.get(qualified_name) if qualified_name else None


def by_kind(kind: str) -> Optional[Framework]:
    return _BY_KIND.get(kind)


def by_dispatcher(qualified_name: Optional[str]) -> Optional[Framework]:
    """The framework whose management command line `qualified_name(...)` (Flask-Script's `Manager`) reads."""
    if not qualified_name:
        return None
    return next((f for f in FRAMEWORKS if f.command is not None and qualified_name in f.command.dispatchers), None)


FLASK_GROUP = "flask.cli.FlaskGroup"
"""A click group of this class (or a subclass, or `click.group(cls=FlaskGroup)`) has Flask's own `run` command:
`python manage.py run -h 0.0.0.0` is `flask run -h 0.0.0.0` (https://github.com/pallets/flask/blob/3.0.3/src/flask/cli.py
FlaskGroup.__init__ adds run_command when add_default_commands)."""


def screen_words() -> tuple[bytes, ...]:
    """Lower-cased words a Python file that builds one of these apps must contain, for the cheap screen
    before parsing: the constructor's top-level module (`dash`, `maxfw`), or for a module name too short to
    screen with (`eve`, inside "event", "level") the call of its class (`eve(`)."""
    words = set()
    for name in (*_BY_CONSTRUCTOR, *FLASK_SUBCLASSES):
        root = name.split(".")[0]
        words.add(root if len(root) > 3 else name.rpartition(".")[2] + "(")
    return tuple(sorted(word.lower().encode() for word in words))
