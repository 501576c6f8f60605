"""Python values that live in another file of the project: config modules and imported constants.

The per-file analysis records what it cannot resolve alone (`facts.py`): the
config a file loads (`config_refs`: `from_object("config")`,
`from_object(config.DevelopmentConfig)`, `from_object(settings)`,
`from_pyfile("settings.py")`, `from_object(config[os.getenv("FLASK_CONFIG",
"default")])`), and host/debug arguments that are imported names
(`starts[i].imported`: `debug=settings.ALWAYS_TRUE`). Each Python file also
offers what others may import from it: `config_classes`, `module_debug`,
`config_maps`, `constants`. `link` joins them from facts alone (no file is
re-read, nothing is imported or run).

Modules are found as Python would from the project root: the importing file's
folder and each folder above it, where `a.b` is `a/b.py` or `a/b/__init__.py`,
also under `src/` (the src layout); relative imports start from the importing
file's package. The nearest match wins.
"""

from __future__ import annotations

import posixpath
from typing import Any, Optional

from flasklint.findings.catalog import load_catalog
from flasklint.model import FileResult, Finding, Position, Related, Span
from flasklint.python.factories import config_ref, passed_argument

__all__ = ["link"]

ALL_INTERFACES = frozenset({"0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]"})


class _Modules:
    """The Python files of one scan, found by dotted module name."""

    def __init__(self, results: dict[str, FileResult]) -> None:
        self.facts = {path: r.facts for path, r in results.items() if path.endswith(".py") and r.facts}
        self.paths = set(self.facts)

    def find(self, importer: str, dotted: str) -> Optional[str]:
        """The file that `import dotted` in `importer` reads, or None."""
        level = len(dotted) - len(dotted.lstrip("."))
        parts = [p for p in dotted.lstrip(".").split(".") if p]
        folder = posixpath.dirname(importer)
        if level:
            for _ in range(level - 1):
                folder = posixpath.dirname(folder)
            return self._at(folder, parts)
        while True:
            for base in (folder, posixpath.join(folder, "src") if folder else "src"):
                found = self._at(base, parts)
                if found is not None:
                    return found
            if not folder or folder in ("/", "."):
                return None
            parent = posixpath.dirname(folder)
            if parent == folder:
                return None
            folder = parent

    def _at(self, base: str, parts: list[str]) -> Optional[str]:
        if not parts:
            candidate = posixpath.join(base, "__init__.py") if base else "__init__.py"
            return candidate if candidate in self.paths else None
        stem = posixpath.join(base, *parts) if base else posixpath.join(*parts)
        for candidate in (stem + ".py", posixpath.join(stem, "__init__.py")):
            if candidate in self.paths:
                return candidate
        return None

    def split(self, importer: str, dotted: str) -> Optional[tuple[str, list[str]]]:
        """(the module file, the attribute names after it) for the longest module prefix of `dotted`."""
        prefix = dotted[: len(dotted) - len(dotted.lstrip("."))]
        parts = dotted.lstrip(".").split(".")
        for cut in range(len(parts), 0, -1):
            path = self.find(importer, prefix + ".".join(parts[:cut]))
            if path is not None:
                return path, parts[cut:]
        if prefix:  # `from . import settings` as `.settings`: the package itself
            path = self.find(importer, prefix)
            if path is not None:
                return path, parts
        return None


def _span(fact: dict[str, Any]) -> Span:
    line = fact["line"]
    return Span(Position(line, fact.get("column", 1)), Position(fact.get("end_line", line), fact.get("end_column", 1)))


def _finding(rule: str, path: str, span: Span, message: str, related: tuple[Related, ...]) -> Finding:
    return Finding(rule=rule, path=path, span=span, message=message, severity=load_catalog()[rule].severity,
                   related=related)


def link(results: dict[str, FileResult]) -> list[Finding]:
    """Findings whose value is in another Python file of the scan (sorted by path, deterministic)."""
    modules = _Modules(results)
    findings: dict[tuple[str, str, int, int], Finding] = {}
    for path in sorted(modules.facts):
        facts = modules.facts[path]
        for ref in facts.get("config_refs", ()):
            found = _config_setting(modules, path, ref)
            finding = _config_finding(path, ref, *found) if found is not None else None
            if finding is not None:
                findings.setdefault((finding.rule, finding.path, finding.span.start.line, finding.span.start.column), finding)
        for start in facts.get("starts", ()):
            for finding in _start_findings(modules, path, start):
                findings.setdefault((finding.rule, finding.path, finding.span.start.line, finding.span.start.column), finding)
        for call in facts.get("factory_calls", ()):
            for finding in (_factory_finding(modules, path, call), _factory_config_finding(modules, path, call)):
                if finding is not None:
                    findings.setdefault((finding.rule, finding.path, finding.span.start.line,
                                         finding.span.start.column), finding)
    return [findings[key] for key in sorted(findings, key=lambda k: (k[1], k[2], k[3], k[0]))]


# --------------------------------------------------------------------------- config modules


def _config_setting(modules: _Modules, path: str, ref: dict[str, Any]) -> Optional[tuple[str, str, dict[str, Any]]]:
    """(the config file, what was loaded from it, its DEBUG setting) for one `config_refs` entry."""
    how, target = ref.get("how"), ref.get("target") or ""
    if how == "pyfile":
        if not target.endswith(".py"):
            return None
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        setting = modules.facts.get(candidate, {}).get("module_debug")
        return (candidate, f"`{target}`", setting) if setting else None
    split = modules.split(path, target)
    if split is None:
        package, _, name = target.rpartition(".")
        if how == "object" and package and "." not in package:  # an __init__.py with nothing else to say
            return _in_package(modules, posixpath.join(package, "__init__.py"), name)
        return None
    module, rest = split
    facts = modules.facts[module]
    if how == "mapping":
        if len(rest) != 1:
            return None
        class_name = facts.get("config_maps", {}).get(rest[0], {}).get(str(ref.get("key")))
        setting = facts.get("config_classes", {}).get(class_name) if class_name else None
        return (module, f"{class_name} (`{rest[0]}[{ref.get('key')!r}]`)", setting) if setting else None
    if not rest:
        setting = facts.get("module_debug")
        return (module, f"module `{target}`", setting) if setting else None
    if len(rest) == 1:
        setting = facts.get("config_classes", {}).get(rest[0])
        if setting is None and module.endswith("/__init__.py"):
            return _in_package(modules, module, rest[0])
        return (module, rest[0], setting) if setting else None
    return None


def _in_package(modules: _Modules, init: str, name: str) -> Optional[tuple[str, str, dict[str, Any]]]:
    """`config.DefaultConfig` where config/__init__.py re-exports the class from one of its modules
    (`from config.default import DefaultConfig`): the one module of the package that defines it."""
    folder = posixpath.dirname(init)

    def in_folder(path: str) -> bool:  # the package's folder, wherever the scan found it (`config/`, `src/config/`)
        here = posixpath.dirname(path)
        return here == folder or (not init.startswith("/") and here.endswith("/" + folder))

    found = [(path, facts["config_classes"][name]) for path, facts in modules.facts.items()
             if in_folder(path) and name in facts.get("config_classes", {})]
    return (found[0][0], name, found[0][1]) if len(found) == 1 else None


def _debug_on(modules: _Modules, path: str, ref: dict[str, Any]) -> Optional[tuple[str, str, dict[str, Any], str]]:
    """(the config file, what was loaded, its DEBUG setting, that setting's code) when the config `ref` loads turns
    debug mode on, else None."""
    found = _config_setting(modules, path, ref)
    if found is None or not found[2].get("debug"):
        return None
    config_path, label, setting = found
    return config_path, label, setting, setting.get("code") or f"DEBUG = {setting.get('value')!r}"


def _config_finding(path: str, ref: dict[str, Any], config_path: str, label: str, setting: dict[str, Any]) -> Optional[Finding]:
    if not setting.get("debug"):
        return None
    when = f" when {ref['env']} is unset" if ref.get("env") else ""
    code = setting.get("code") or f"DEBUG = {setting.get('value')!r}"
    message = (
        f"`{code}` in {label} turns on the Werkzeug debugger for the app that loads it: {path} line {ref['line']} "
        f"`{ref.get('call', 'from_object(...)')}` loads it{when}; its browser console runs any Python typed into "
        f"it, for whoever reaches the server; keep DEBUG off in config that can reach production, and turn it on "
        f"locally with `flask run --debug`"
    )
    related = (Related(path, _span(ref), f"loads {label}{when}"),)
    return _finding("FL102", config_path, _span(setting), message, related)


# --------------------------------------------------------------------------- imported constants


def _constant(modules: _Modules, path: str, target: str) -> Optional[tuple[str, dict[str, Any]]]:
    split = modules.split(path, target)
    if split is None or len(split[1]) != 1:
        return None
    module, (name,) = split
    constant = modules.facts[module].get("constants", {}).get(name)
    return (module, {**constant, "name": name}) if constant else None


def _start_findings(modules: _Modules, path: str, start: dict[str, Any]) -> list[Finding]:
    resolved: dict[str, tuple[dict[str, Any], str, dict[str, Any]]] = {}
    for item in start.get("imported", ()):
        found = _constant(modules, path, item["target"])
        if found is None:
            continue
        module, constant = found
        value = constant["value"]
        if item["what"] == "debug" and value:
            resolved["debug"] = (item, module, constant)
        elif item["what"] == "host" and value in ALL_INTERFACES:
            resolved["host"] = (item, module, constant)
    config = _config_debug(modules, path, start)
    if config is not None and (start.get("bind_all") or "host" in resolved):
        resolved["debug"] = config  # the app's debug mode, from the config it loads: FL101 with the bind
    if not resolved:
        return []

    def said(what: str) -> str:
        item, module, constant = resolved[what]
        if "said" in constant:
            return str(constant["said"])
        return f"`{item['code']}` resolves to {constant['value']!r} via {constant['name']} in {module} line {constant['line']}"

    def related(what: str) -> Related:
        _, module, constant = resolved[what]
        line = constant["line"]
        return Related(module, Span(Position(line, 1), Position(line, 1)), f"{constant['name']} is set here")

    call = f"`{start.get('call', 'the server start')}`"
    debugger = "debug" in resolved or start.get("debugger")
    bind_all = "host" in resolved or start.get("bind_all")
    if debugger and bind_all and not (start.get("debugger") and start.get("bind_all")):
        parts = [said(w) for w in ("debug", "host") if w in resolved]
        return [_finding(
            "FL101", path, _span(start),
            f"{call} serves the Werkzeug debugger on all interfaces: {' and '.join(parts)}; anyone who can reach the "
            f"port can run Python on this machine through the debugger console. Turn the debugger off and bind "
            f"127.0.0.1, or serve with a production WSGI server",
            tuple(related(w) for w in ("debug", "host") if w in resolved),
        )]
    findings = []
    if "debug" in resolved:
        item = resolved["debug"][0]
        findings.append(_finding(
            "FL102", path, _span(item),
            f"{said('debug')}, which turns on the Werkzeug debugger: its browser console runs any Python typed into "
            f"it, for whoever reaches the server; keep it off in code that ships, and use `flask run --debug` on your "
            f"own machine only", (related("debug"),)))
    if "host" in resolved:
        item = resolved["host"][0]
        findings.append(_finding(
            "FL103", path, _span(item),
            f"{call} binds all interfaces: {said('host')}, so the development server, which is not built to face a "
            f"network, is reachable from it; bind 127.0.0.1 for local work, or serve the app with a production WSGI "
            f"server (gunicorn, waitress)", (related("host"),)))
    return findings


def _config_debug(modules: _Modules, path: str, start: dict[str, Any]) -> Optional[tuple[dict[str, Any], str,
                                                                                          dict[str, Any]]]:
    """For `app.run(...)` without a debug argument, whose app loads a config from another file (`start["config"]`,
    a `config_refs` entry): that config's DEBUG, when on, as `_start_findings` resolves a value (Flask.run serves
    the debugger when app.debug is on, flask/app.py)."""
    ref = start.get("config")
    if not isinstance(ref, dict) or start.get("debugger"):
        return None
    found = _debug_on(modules, path, ref)
    if found is None:
        return None
    config_path, label, setting, code = found
    when = f" when {ref['env']} is unset" if ref.get("env") else ""
    return ({"code": ref.get("call", "from_object(...)")}, config_path,
            {"value": True, "name": "DEBUG", "line": setting["line"],
             "said": f"`{ref.get('call', 'from_object(...)')}` (line {ref['line']}) loads {label}{when}, whose "
                     f"`{code}` ({config_path} line {setting['line']}) turns the app's debug mode on"})


# --------------------------------------------------------------------------- factory arguments


def _factory(modules: _Modules, path: str, target: str, key: str = "factory_debug") -> Optional[
        tuple[str, str, dict[str, Any]]]:
    """(the factory's file, its name, its `key` entry: factory_debug or factory_config) for a `factory_calls`
    target, or None."""
    if target.startswith("local:"):
        name = target[len("local:"):]
        entry = modules.facts[path].get(key, {}).get(name)
        return (path, name, entry) if entry else None
    split = modules.split(path, target)
    if split is None or len(split[1]) != 1:
        return None
    module, (name,) = split
    entry = modules.facts[module].get(key, {}).get(name)
    return (module, name, entry) if entry else None


def _factory_config_finding(modules: _Modules, path: str, call: dict[str, Any]) -> Optional[Finding]:
    """`create_app("config.DevelopmentConfig")` where the factory does `app.config.from_object(config_name)`
    (or `from_object(config[config_name])`): the config the caller names is loaded, and its DEBUG judged."""
    found = _factory(modules, path, call.get("target", ""), "factory_config")
    if found is None:
        return None
    module, name, entry = found
    argument = passed_argument(call, entry)
    ref = config_ref(call, entry, f"{name}({argument['value']!r})" if argument else name)
    if ref is None:
        return None
    found = _debug_on(modules, module, ref)
    if found is None:
        return None
    config_path, label, debug, code = found
    # At the call: the caller chose this config (a WSGI module naming the development one), so its place decides
    # where it runs; the config module itself may also be loaded, with another class, by production.
    message = (
        f"`{ref['call']}` loads {label}, whose `{code}` ({config_path} line {debug['line']}) turns on the Werkzeug "
        f"debugger for the app {name} builds: its browser console runs any Python typed into it, for whoever "
        f"reaches the server; pass a config with DEBUG off here, and turn debug on locally with `flask run --debug`"
    )
    related = (Related(config_path, _span(debug), "DEBUG is set here"),
               Related(module, _span(entry), f"{name} loads the config its `{entry['param']}` parameter names here"))
    return _finding("FL102", path, _span(ref), message, related)


def _factory_finding(modules: _Modules, path: str, call: dict[str, Any]) -> Optional[Finding]:
    """`create_app(debug=True)`: FL102 at the argument when the factory hands that parameter to the app's debug."""
    found = _factory(modules, path, call.get("target", ""))
    if found is None:
        return None
    module, name, entry = found
    argument = passed_argument(call, entry)
    if argument is None or not argument.get("value"):
        return None
    value = argument["value"]
    message = (
        f"`{name}(...)` passes {value!r} as `{entry['param']}`, and {name} hands it to the app's debug switch "
        f"(`{entry['code']}`, {module} line {entry['line']}): that turns on debug mode, and with it the Werkzeug "
        f"debugger wherever the app is served by the development server; its browser console runs any Python "
        f"typed into it, for whoever reaches the server; leave debug off here and turn it on locally with "
        f"`flask run --debug`"
    )
    related = (Related(module, _span(entry), f"{name} turns debug on from its `{entry['param']}` parameter here"),)
    return _finding("FL102", path, _span(argument), message, related)
