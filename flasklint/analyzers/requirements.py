"""Requirements files (`requirements*.txt`, `requirements/*.txt`, `pyproject.toml`): facts only, never findings.

The FL301 fix replaces the development server with gunicorn, which the
deployment must then install. The project pass names the file to add it to
(`add gunicorn to requirements.txt`), or says nothing when gunicorn is already
listed. This analyzer records, per file, whether it declares dependencies at
all, whether gunicorn is one of them, and which other requirements files it
includes (`-r base.txt`), under `facts["requirements"]`.

Requirement names are compared the way pip does (PEP 503: case-insensitive,
runs of `-`, `_`, `.` equal), so `Gunicorn[gevent]>=21` counts.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, Iterable

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import FileResult
from flasklint.source import SourceText
from flasklint.tomlsource import TomlError, load_toml

__all__ = ["may_matter", "analyze", "FACTS_KEY", "SERVER"]

FACTS_KEY = "requirements"
SERVER = "gunicorn"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_INCLUDE = re.compile(r"^\s*(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)")


def may_matter(data: bytes) -> bool:
    """Every requirements file matters: "gunicorn is not listed here" is a fact too."""
    return True


def normalized(name: str) -> str:
    """PEP 503 normalisation of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(distribution names, included files) of pip requirements lines."""
    names: list[str] = []
    includes: list[str] = []
    for raw in lines:
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        include = _INCLUDE.match(line)
        if include:
            includes.append(include.group(1))
            continue
        if line.startswith("-"):
            continue  # -e ./pkg, --index-url, -c constraints.txt: not a named requirement
        match = _NAME.match(line)
        if match:
            names.append(normalized(match.group(1)))
    return names, includes


def _pyproject_names(data: dict[str, Any]) -> tuple[list[str], bool]:
    """Dependency names of a pyproject.toml (PEP 621 and Poetry), and whether it declares any table of them."""
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    declared = "dependencies" in project or "optional-dependencies" in project or "dependencies" in poetry
    specs: list[str] = [s for s in project.get("dependencies", []) if isinstance(s, str)]
    for group in (project.get("optional-dependencies") or {}).values():
        specs += [s for s in group if isinstance(s, str)]
    names, _ = _requirement_names(specs)
    if isinstance(poetry, dict) and isinstance(poetry.get("dependencies"), dict):
        names += [normalized(name) for name in poetry["dependencies"] if name.lower() != "python"]
    return names, declared


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    if PurePosixPath(context.display_path).name == "pyproject.toml":
        try:
            names, declared = _pyproject_names(load_toml(source.text))
        except TomlError as exc:
            reporter.warn(f"not valid TOML ({exc}); its dependencies were not read")
            return reporter.result()
        includes: list[str] = []
    else:
        names, includes = _requirement_names(source.text.splitlines())
        declared = True
    fact = {"declares": declared, "lists_server": SERVER in names, "includes": includes}
    return reporter.result({FACTS_KEY: fact})
