"""Which Python files are worth parsing, and the facts of those that are not.

`may_matter` is the cheap per-file check the engine runs on raw bytes before
parsing; `screen_facts` reads a rejected file's app facts with two regexes so
the project pass still knows its apps and factories.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from flasklint.analyzers import pylaunchers
from flasklint.python import frameworks
from flasklint.model import Position, Span

_RELEVANT_WORDS = (b"flask", b"werkzeug", b"socketio", b"run_simple", b"debuggedapplication", *frameworks.screen_words())
"""Lower-cased words naming what a rule looks for (WERKZEUG_DEBUG_PIN contains "werkzeug")."""
_APP_ATTRIBUTES = (
    re.compile(rb"app(?:lication)?\s*\.\s*(?:run|debug|config|wsgi_app)\b"),
    re.compile(rb"server\s*\.\s*(?:run|debug|config|wsgi_app)\b"),
    re.compile(rb"(?:create|make)_app\s*\([^()\n]*\)\s*\.\s*run\b"),
)
"""A conventional app name used like a Flask app (for an app imported from elsewhere).

Literal-led patterns, so the regex engine can skip ahead; the word boundary
before the name is checked by hand (a leading `\\b` makes them 10x slower).
"""
_RUN_WORD = re.compile(rb"run\b")
_RUN_ATTRIBUTE = re.compile(rb"\.[ \t\f]*(?:(?:#[^\r\n]*)?\\?(?:\r\n|\r|\n)[ \t\f]*)*run\b")
"""`.run` as an attribute, also across line continuations and comments inside brackets."""
_DEBUG_NOT_CALLED = re.compile(rb"debug(?!\s*\()")
"""Lower-cased `debug` that is not the name of a call (`logger.debug(...)` turns nothing on)."""


def _has_run_attribute(data: bytes) -> bool:
    """`_RUN_ATTRIBUTE.search(data)`, faster: find each `run` and look back for the dot.

    Only a `run` at the start of a line (after a continuation or inside
    brackets) needs the full pattern; that is rare, so it is run only then.
    """
    for match in _RUN_WORD.finditer(data):
        index = match.start() - 1
        while index >= 0 and data[index] in b" \t\f":
            index -= 1
        if index < 0:
            continue
        if data[index] == 0x2E:  # "."
            return True
        if data[index] in b"\r\n":
            return _RUN_ATTRIBUTE.search(data) is not None
    return False


def _uses_app_name(data: bytes) -> bool:
    for pattern in _APP_ATTRIBUTES:
        for match in pattern.finditer(data):
            before = data[match.start() - 1 : match.start()]
            if not before or not (before.isalnum() or before == b"_"):
                return True
    return False


def _has_trigger(data: bytes, lowered: bytes) -> bool:
    """Every Python finding starts at a server start (`.run`, `run_simple`, Dash's `run_server`) or at
    something that says "debug"."""
    if b"debug" in lowered and _DEBUG_NOT_CALLED.search(lowered) is not None:
        return True
    return b"run" in data and (b"run_simple" in lowered or b"run_server" in data or _has_run_attribute(data))


_DEBUG_KEYWORD_ON = re.compile(rb"app\w*[ \t]*\((?:[^)]*?[,\s])?debug[ \t]*=[ \t]*(?:True\b|1\b)")
"""An app factory's call passing `debug=True` (or 1) by keyword, `create_app("dev", debug=True)`: the factory may
hand it to its app (python/factories.py). The callee's name holds "app", as factories' names do; other calls with
`debug=True` (`asyncio.run(main(), debug=True)`) are left out."""
_FACTORY_CONFIG_CALL = re.compile(
    rb"app\w*[ \t]*\([^)\n]*?(?:[Cc]onfig|CONFIG|[Ss]ettings|[\"'][\w.]*(?:[Dd]ev|default|[Dd]ebug|local))")
"""An app factory's call naming a config (`create_app("config.Dev")`, `create_app("development")`,
`create_app(os.getenv("FLASK_CONFIG") or "default")`): the factory may load what it names (python/factories.py)."""
_DEBUG_SETTING = re.compile(
    rb"^[ \t]*DEBUG[ \t]*(?::[^=\r\n]*)?=[ \t]*(?:True\b|1\b|[\"'](?:1|true|yes|on)[\"']|os\.|env|bool\(|int\(|get)", re.M)
"""A `DEBUG = ...` setting that can be on (module or class level): the config `from_object`/`from_pyfile` load.
Not `DEBUG = False` or a logging level (`DEBUG = 10`): parsing those (a 200 kB test module) cost more than the rest."""
_CONSTANT = re.compile(
    rb"([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(True|\"(?:0\.0\.0\.0|::|\[::\])\"|'(?:0\.0\.0\.0|::|\[::\])')"
    rb"[ \t]*(?:#[^\r\n]*)?\r?$", re.M)  # matched at a line start found by `_screen_constants`
"""A module-level constant that would turn debug on or bind all interfaces where another file uses it."""


def may_matter(data: bytes) -> bool:
    """The cheap per-file check: can this Python file hold anything a rule looks for?

    Two conditions, both needed. A trigger, because every finding starts at
    one: a `.run` or `run_simple` (a server start), or the word "debug" anywhere
    but as a called name (`debug=`, `.debug =`, `DEBUG` keys and class
    attributes, `FLASK_DEBUG`, `use_debugger`, `DebuggedApplication`,
    `WERKZEUG_DEBUG_PIN`). And the file must be about Flask: it names Flask,
    Werkzeug, Flask-SocketIO or the debugger, or uses a conventional app name
    like an app (`app.run`, for an app imported from elsewhere). Plain `in` on
    bytes and literal-led regexes keep this cheap (README, "Performance").

    Config travels too: a file that loads config from another
    (`.from_object(`/`.from_pyfile(`) and a config module with a `DEBUG` that can
    be on are analysed, for the project pass (crossfile.py). A file this rejects
    can still offer facts to the project pass: see `screen_facts`.
    """
    lowered = data.lower()
    if b"FlaskGroup" in data or (b"flask_script" in data and b"Manager" in data):
        return True  # a management script: its command line may start the server (python/management.py)
    if b"debug" in data and _DEBUG_KEYWORD_ON.search(data) is not None:
        return True  # `create_app(debug=True)`: the project pass checks whether the factory hands it to the app
    if b"app" in data and _FACTORY_CONFIG_CALL.search(data) is not None:
        return True  # `create_app("config.DevelopmentConfig")`: the factory may load the config it names
    if not _has_trigger(data, lowered):
        # Loads config from another file: the project pass reads that file's DEBUG (crossfile.py).
        return b".from_" in data and (b".from_object(" in data or b".from_pyfile(" in data or b".from_envvar(" in data)
    if any(word in lowered for word in _RELEVANT_WORDS) or _uses_app_name(data):
        return True
    # A config module (`DEBUG = True`, a config class; its "debug" is the trigger): another file may load it.
    return b"DEBUG" in data and _DEBUG_SETTING.search(data) is not None  # the literal first: the regex is line-led


_APP_ASSIGNMENT = re.compile(rb"^([A-Za-z_]\w*)[ \t]*(?::[^=\r\n]*)?=[ \t]*(?:[A-Za-z_][\w.]*\.)?Flask\(", re.M)
_TOP_LEVEL_DEF = re.compile(rb"^def[ \t]+([A-Za-z_]\w*)[ \t]*\(", re.M)
_NEXT_TOP_LEVEL = re.compile(rb"^[^\s#]", re.M)


def screen_facts(data: bytes) -> dict[str, Any]:
    """The app facts of a file the prefilter rejected, read without parsing.

    A module that creates an app but never runs it or turns debug on has no
    finding, yet the project pass needs to know its apps and factories to name
    the WSGI target of another file's FL301 fix (`gunicorn blog:create_app()`).
    Parsing every such module would cost as much as the rest of a scan, so the
    module-level shapes are read with two regular expressions: `name = Flask(`,
    and a top-level `def` whose body creates and returns an app. (A Dash app is
    not a WSGI target itself, and the full analysis does not list it either.)
    A file that passes the prefilter gets the same facts from the full analysis.
    """
    constants = _screen_constants(data)
    extra: dict[str, Any] = {**({"constants": constants} if constants else {}), **pylaunchers.screen_facts(data)}
    statements = _import_statements(data)
    imports = _screen_imports(statements)
    if imports:
        extra["imports"] = imports
        called = _screen_main_calls(data, statements)
        if called:
            extra["imported_calls"] = called
    if b"Flask(" not in data:
        return extra
    definitions: dict[str, dict[str, Any]] = {}

    def place(offset: int) -> dict[str, Any]:
        line = data.count(b"\n", 0, offset) + 1
        end = data.find(b"\n", offset)
        text = data[offset : end if end >= 0 else len(data)].rstrip(b"\r").decode("utf-8", "replace")
        return Span(Position(line, 1), Position(line, len(text) + 1)).to_json()

    apps = []
    for match in _APP_ASSIGNMENT.finditer(data):
        name = match.group(1).decode("ascii")
        apps.append(name)
        definitions[name] = place(match.start())
    factories = []
    for match in _TOP_LEVEL_DEF.finditer(data):
        following = _NEXT_TOP_LEVEL.search(data, match.end())
        body = data[match.end() : following.start() if following else len(data)]
        if b"Flask(" in body and b"return" in body:
            name = match.group(1).decode("ascii")
            factories.append(name)
            definitions[name] = place(match.start())
    facts: dict[str, Any] = dict(extra)
    if apps or factories:
        facts.update(apps=sorted(set(apps)), factories=sorted(set(factories)), definitions=definitions)
    return facts


_IMPORT_LINE = re.compile(rb"\n[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?[ \t]*([\w, \t]+)|import[ \t]+([\w.]+))")
SCREENED_IMPORTS_MAX = 20_000
"""Only small modules that name an app or run as scripts get their imports screened: entry modules such as `wsgi.py`
(`from shop import create_app`), which the deployment model follows from a WSGI server's target."""


ImportStatement = tuple[int, str, Optional[list[tuple[str, str]]]]
"""(relative level, dotted module, names): names None for `import x.y`, else (name, the name it binds)."""


def _import_statements(data: bytes) -> list[ImportStatement]:
    """The import lines of a small module the prefilter rejected, read with one regular expression.

    Only modules that name an app or run as scripts (see SCREENED_IMPORTS_MAX); [] for the others.
    """
    if len(data) > SCREENED_IMPORTS_MAX or b"import" not in data or (b"app" not in data and b"__main__" not in data):
        return []
    statements: list[ImportStatement] = []
    for match in _IMPORT_LINE.finditer(b"\n" + data):
        module, names, plain = match.group(1), match.group(2), match.group(3)
        if plain is not None:
            statements.append((0, plain.decode("ascii", "replace"), None))
            continue
        text = module.decode("ascii", "replace")
        level = len(text) - len(text.lstrip("."))
        bound = []
        for name in names.decode("ascii", "replace").replace("\t", " ").split(","):
            parts = name.split()
            if parts:
                bound.append((parts[0], parts[2] if len(parts) == 3 and parts[1] == "as" else parts[0]))
        statements.append((level, text[level:], bound))
    return statements


def _screen_imports(statements: list[ImportStatement]) -> list[str]:
    """`facts["imports"]` of a module the prefilter rejected."""
    found = set()
    for level, dotted, names in statements:
        if names is None:
            found.add(f"0:{dotted}")
            continue
        found.add(f"{level}:{dotted}")
        if level or not dotted:
            found.update(f"{level}:{'.'.join(p for p in (dotted, name) if p)}" for name, _ in names)
    return sorted(found)


_MAIN_GUARD = re.compile(rb"""^if[ \t]+__name__[ \t]*==[ \t]*(['"])__main__\1[ \t]*:""", re.M)
_CALL_LINE = re.compile(rb"^[ \t]+(?:[\w.]+[ \t]*=[ \t]*)?(?:sys\.exit\()?([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\(", re.M)


def _screen_main_calls(data: bytes, statements: list[ImportStatement]) -> list[list[str]]:
    """`facts["imported_calls"]` (see facts.py) of the `__main__` block of a rejected script, read as text:
    `main()` after `from .cli import main`, `pkg.main()` after `import pkg` (what `python -m pkg` and a
    two-line entry script run)."""
    guard = _MAIN_GUARD.search(data) if b"__main__" in data else None
    if guard is None:
        return []
    following = _NEXT_TOP_LEVEL.search(data, guard.end())
    block = data[guard.end() : following.start() if following else len(data)]
    by_name: dict[str, str] = {}  # the name an import binds -> "level:dotted" of what it names
    for level, dotted, names in statements:
        if names is None:
            top = dotted.split(".")[0]
            by_name.setdefault(top, f"0:{top}")
            continue
        for name, bound in names:
            by_name.setdefault(bound, f"{level}:{'.'.join(p for p in (dotted, name) if p)}")
    found = set()
    for match in _CALL_LINE.finditer(block):
        first, second = match.group(1).decode("ascii"), match.group(2)
        entry = by_name.get(first)
        if entry is None:
            continue
        level, _, dotted = entry.partition(":")
        if second is not None:
            found.add(("__main__", f"{level}:{dotted}.{second.decode('ascii')}"))  # `pkg.main()`
        elif "." in dotted or level != "0":
            found.add(("__main__", entry))  # `main()` bound by `from pkg.cli import main`
    return [list(item) for item in sorted(found)]


def _screen_constants(data: bytes) -> dict[str, Any]:
    """`constants` (see facts.py) of a rejected file, limited to the values that matter where imported:
    `NAME = True` (spaced as formatters write it) or `NAME = "0.0.0.0"`
    (`settings.BIND_ADDRESS`), at module level. A parsed file gives every constant.

    Literal-led: each occurrence of a value is found with `bytes.find` and only
    its line is matched (a regex anchored at every line start cost 15 % of a
    stdlib scan, and each extra needle is another pass over the bytes)."""
    constants: dict[str, Any] = {}
    for needle in (b"= True", b"0.0.0.0"):
        index = data.find(needle)
        while index >= 0:
            line_start = data.rfind(b"\n", 0, index) + 1
            if data[line_start:line_start + 1] not in (b" ", b"\t", b"#", b""):
                match = _CONSTANT.match(data, line_start)
                if match is not None:
                    raw = match.group(2)
                    value: Any = True if raw == b"True" else int(raw) if raw[:1].isdigit() else raw[1:-1].decode("ascii")
                    constants[match.group(1).decode("ascii")] = {"line": data.count(b"\n", 0, line_start) + 1, "value": value}
            index = data.find(needle, index + 1)
    return constants
