"""uWSGI configs (`uwsgi.ini`, any `.ini` with a `[uwsgi]` section, `uwsgi.yaml`): the app it imports and its env.

uWSGI is a production server: `http = 0.0.0.0:8000` or `socket = :3031` is
how it is meant to listen, so nothing here is a bind finding. What matters:

- `module = app:app` (also `wsgi-file = app.py` with `callable = app`,
  `mount = /=app:app`) is an import of the app, recorded as
  `facts["wsgi_imports"]` (`"module:callable"`) for the deployment model: it
  runs the module's import-time code, never its `__main__` block;
- `env = FLASK_DEBUG=1` is the production environment of the app (FL302,
  FL105 for `WERKZEUG_DEBUG_PIN=off`).
"""

from __future__ import annotations

import re
from typing import Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.inilines import ini_entries
from flasklint.commands.checks import check_environment
from flasklint.commands.environment import EnvValue, Environment
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import Walker, YScalar, YSeq, load_yaml

__all__ = ["may_matter", "analyze", "wsgi_import"]

_ENV = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)")


def may_matter(data: bytes) -> bool:
    return True  # its app import is a fact even when nothing is wrong


def wsgi_import(module: Optional[str], wsgi_file: Optional[str], callable_: Optional[str]) -> Optional[str]:
    """`module:callable` from uWSGI's `module`, or `wsgi-file` + `callable` (default `application`)."""
    target = callable_ or "application"
    if module:
        module = module.strip()
        return module if ":" in module else f"{module}:{target}"
    if wsgi_file:
        name = re.sub(r"\.py$", "", wsgi_file.strip().lstrip("./")).replace("/", ".")
        return f"{name}:{target}"
    return None


def _env_value(text: str, start: int, end: int, path: str) -> Optional[EnvValue]:
    match = _ENV.fullmatch(text[start:end].strip().strip("\"'"))
    if match is None:
        return None
    offset = text.find(match.group(0), start, end)
    value_start = offset + match.start("value")
    return EnvValue(match.group("name"), match.group("value"), offset, offset + len(match.group(0)), path,
                    value_start, value_start + len(match.group("value")))


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text = source.text
    settings: dict[str, list[tuple[int, int]]] = {}
    if context.display_path.endswith((".yaml", ".yml")):
        stream = load_yaml(text)
        walk = Walker()
        for document in stream.documents:
            for key, (_, node) in walk.mapping(walk.get(document.root, "uwsgi")).items():
                items = walk.items(node) if isinstance(node, YSeq) else [node]
                for item in items:
                    if isinstance(item, YScalar) and not item.is_null:
                        located = stream.located(item)
                        settings.setdefault(key.lower(), []).append((located.start, located.end))
    else:
        for section, key, lines in ini_entries(source):
            if section.lower() == "uwsgi":
                settings.setdefault(key.replace("_", "-"), []).extend(lines)

    def first(key: str) -> Optional[str]:
        found = settings.get(key)
        return text[found[0][0]:found[0][1]].strip() if found else None

    imports = []
    target = wsgi_import(first("module") or first("wsgi"), first("wsgi-file") or first("file"), first("callable"))
    if target:
        imports.append(target)
    for start, end in settings.get("mount", ()):
        mounted = text[start:end].partition("=")[2].strip()
        if mounted:
            imports.append(mounted if ":" in mounted else wsgi_import(None, mounted, first("callable")))
    values = [v for start, end in settings.get("env", ()) if (v := _env_value(text, start, end, context.display_path))]
    check_environment(reporter, Environment(values), production=context.dev_reason is None)
    return reporter.result({"wsgi_imports": [i for i in imports if i]} if imports else None)
