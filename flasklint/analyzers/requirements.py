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

import bisect
import json
import re
from pathlib import PurePosixPath
from typing import Any, Iterable, Optional

from flasklint.knowledge import flaskpin
from flasklint.analyzers import pyscripts

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import FileResult
from flasklint.sources.nesting import cut_nesting
from flasklint.sources.source import SourceText
from flasklint.sources.tomlsource import TomlError, load_toml

__all__ = ["may_matter", "analyze", "FACTS_KEY", "SERVER", "DOTENV"]

FACTS_KEY = "requirements"
SERVER = "gunicorn"
DOTENV = "python-dotenv"
"""What `flask run` needs to load `.env`/`.flaskenv` (flask.cli.load_dotenv does nothing without it); Flask's own
`dotenv` extra (`flask[dotenv]`, declared in Flask's pyproject.toml) installs it."""
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRAS = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*\[([^\]]*)\]")
_INCLUDE = re.compile(r"^\s*(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)")


def may_matter(data: bytes) -> bool:
    """Every requirements file matters: "gunicorn is not listed here" is a fact too."""
    return True


def normalized(name: str) -> str:
    """PEP 503 normalisation of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(distribution names, included files) of pip requirements lines; `flask[dotenv]` also names python-dotenv."""
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
            extras = _EXTRAS.match(line)
            wanted = {normalized(e.strip()) for e in extras.group(1).split(",")} if extras else set()
            if names[-1] == "flask" and "dotenv" in wanted:
                names.append(DOTENV)
    return names, includes


def _table_names(table: Any) -> list[str]:
    """Names of a Pipfile/Poetry dependency table (`flask = {extras = ["dotenv"]}` names python-dotenv too)."""
    names: list[str] = []
    for key, spec in (table or {}).items() if isinstance(table, dict) else ():
        names.append(normalized(str(key)))
        extras = spec.get("extras") if isinstance(spec, dict) else None
        if names[-1] == "flask" and isinstance(extras, list) and "dotenv" in (normalized(str(e)) for e in extras):
            names.append(DOTENV)
    return names


_LOCK_PACKAGE = re.compile(r"""^\[\[package\]\][ \t]*\r?\n[ \t]*name[ \t]*=[ \t]*(["'])([^"'\r\n]+)\1""", re.M)
_DEV_CATEGORY = re.compile(r"""^[ \t]*category[ \t]*=[ \t]*["']dev["']""", re.M)


def _locked_names(text: str) -> list[str]:
    """Packages a poetry.lock/uv.lock installs (a Poetry 1.x `category = "dev"` package is development only).

    Read from the `[[package]]` headers and the `name` line the locking tools write right under each, not by
    parsing the whole file as TOML (the cost `_flask_from_lock` avoids): a package's table runs to the next
    header, where its category is looked for."""
    found = list(_LOCK_PACKAGE.finditer(text))
    names = []
    for match, following in zip(found, found[1:] + [None]):
        end = following.start() if following is not None else len(text)
        table_end = text.find("\n[", match.end(), end)
        if _DEV_CATEGORY.search(text, match.end(), table_end if table_end >= 0 else end) is None:
            names.append(normalized(match.group(2)))
    return names


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
        names += [name for name in _table_names(poetry["dependencies"]) if name != "python"]
    return names, declared


_FLASK_SPEC = re.compile(r"^\s*[Ff][Ll][Aa][Ss][Kk](?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~^]=?=?\s*[\w.*+-]+\s*,?\s*)*)"
                         r"\s*(?:;.*)?$")


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.M | re.I)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _flask_from_lines(lines: list[str], source: str) -> Optional[dict[str, Any]]:
    """`flask==2.2.5` in pip requirements lines (or `install_requires`/PEP 621 strings)."""
    for number, raw in enumerate(lines, start=1):
        line = raw.split(" #", 1)[0].strip().strip("'\",")
        match = _FLASK_SPEC.match(line)
        if match:
            return flaskpin.fact(match.group("spec").replace(" ", ""), number, source)
    return None


_LOCK_FLASK_NAME = re.compile(r"""^[ \t]*name[ \t]*=[ \t]*(["'])flask\1[ \t]*(?:#.*)?$""", re.M | re.I)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def _flask_from_lock(text: str) -> Optional[dict[str, Any]]:
    """The Flask version of a poetry.lock or uv.lock, from the one `[[package]]` table that names Flask.

    Why not the whole file: a lock file is read only for this pin, and the
    pure-Python TOML parser costs ~0.1 s for a 360 KB poetry.lock, the largest
    cost of a cold scan of a project that has one. Only a table that declares
    `name = "flask"` (the only spelling PEP 503 normalises to `flask`) is
    parsed, from its header to the next; a lock file is machine-written, and
    its other tables are not checked.
    """
    headers: Optional[list[int]] = None
    for match in _LOCK_FLASK_NAME.finditer(text):
        if headers is None:
            headers = [header.end() - 1 for header in _TABLE_HEADER.finditer(text)] + [len(text)]  # each `[`
        index = bisect.bisect_right(headers, match.start()) - 1
        if index < 0 or not text.startswith("[[package]]", headers[index]):
            continue
        following = next((h for h in headers[index + 1:] if not text.startswith("[package.", h)), len(text))
        try:
            packages = load_toml(text[headers[index]:following]).get("package")
        except TomlError:
            continue
        package = packages[0] if isinstance(packages, list) and packages else None
        if isinstance(package, dict) and normalized(str(package.get("name", ""))) == "flask":
            return _flask_from_toml(text, {"package": [package]}, "poetry.lock")
    return None


def _flask_from_toml(text: str, data: dict[str, Any], name: str) -> Optional[dict[str, Any]]:
    """The Flask version of a pyproject.toml, Pipfile, poetry.lock or uv.lock."""
    if name in ("poetry.lock", "uv.lock"):
        for package in data.get("package", ()) or ():
            if isinstance(package, dict) and normalized(str(package.get("name", ""))) == "flask":
                version = str(package.get("version", ""))
                return flaskpin.fact(version, _line_of(text, r'^name\s*=\s*"flask"'), "lock", bare_is_exact=True)
        return None
    if name == "Pipfile":
        for table in ("packages", "dev-packages"):
            for key, spec in (data.get(table) or {}).items():
                if normalized(key) == "flask":
                    spec = spec.get("version", "*") if isinstance(spec, dict) else spec
                    return flaskpin.fact("" if spec == "*" else str(spec), _line_of(text, r"^flask\s*="), "Pipfile")
        return None
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    specs = [s for s in project.get("dependencies", []) if isinstance(s, str)]
    found = _flask_from_lines(specs, "pyproject.toml")
    if found:
        found["line"] = _line_of(text, r"[\"']flask\b")
        return found
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    for key, spec in (poetry.get("dependencies") or {}).items() if isinstance(poetry, dict) else ():
        if normalized(key) == "flask":
            spec = spec.get("version", "*") if isinstance(spec, dict) else spec
            return flaskpin.fact("" if spec == "*" else str(spec), _line_of(text, r"^flask\s*="), "pyproject.toml",
                                 bare_is_exact=True)
    return None


def _flask_from_pipfile_lock(text: str) -> Optional[dict[str, Any]]:
    try:
        data = json.loads(cut_nesting(text)[0])
    except ValueError:
        return None
    for section in ("default", "develop"):
        entry = (data.get(section) or {}).get("flask") if isinstance(data, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("version"), str):
            return flaskpin.fact(entry["version"], _line_of(text, r'"flask"\s*:'), "Pipfile.lock")
    return None


def _pipfile_lock_names(text: str) -> Optional[list[str]]:
    """Packages of a Pipfile.lock's `default` section (what `pipenv install --deploy` installs)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    default = data.get("default") if isinstance(data, dict) else None
    return [normalized(str(k)) for k in default] if isinstance(default, dict) else None


def _setup_cfg(text: str) -> tuple[list[str], list[str]]:
    """The `install_requires` lines of setup.cfg's `[options]`, and the console_scripts entries."""
    requires: list[str] = []
    scripts: list[str] = []
    section = key = ""
    for line in text.splitlines():
        if line.startswith("["):
            section, key = line.strip("[] \t").lower(), ""
            continue
        if line[:1] not in (" ", "\t") and "=" in line:
            key, _, rest = line.partition("=")
            key = key.strip().lower()
            line = rest
        target = requires if (section, key) == ("options", "install_requires") else (
            scripts if (section, key) == ("options.entry_points", "console_scripts") else None)
        if target is not None and line.strip():
            target.append(line.strip())
    return requires, scripts


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    name = PurePosixPath(context.display_path).name
    facts: dict[str, Any] = {}
    includes: list[str] = []
    installed: Optional[list[str]] = None
    """Distributions production installs from this file, when it says (None: it does not)."""
    if name in ("poetry.lock", "uv.lock"):
        names, declared = [], False  # a lock file declares nothing: its packages are what something else asked for
        installed = _locked_names(source.text)
        facts[flaskpin.FACTS_KEY] = _flask_from_lock(source.text)
    elif name in ("pyproject.toml", "Pipfile"):
        try:
            data = load_toml(source.text, reporter.warn)
        except TomlError as exc:
            reporter.warn(f"not valid TOML ({exc}); its dependencies were not read")
            return reporter.result()
        if name == "pyproject.toml":
            names, declared = _pyproject_names(data)
            installed = names if declared else None
            facts["console_scripts"] = pyscripts.console_scripts(data)
        else:
            names, declared = [normalized(str(k)) for t in ("packages", "dev-packages")
                               for k in (data.get(t) or {})], name == "Pipfile"
            # what production installs: a Pipfile's [packages]; a lock file's packages
            installed = _table_names(data.get("packages"))
        if name in ("pyproject.toml", "Pipfile"):
            facts["task_scripts"] = pyscripts.check_scripts(reporter, source.text, data, pipfile=name == "Pipfile")
        facts[flaskpin.FACTS_KEY] = _flask_from_toml(source.text, data, name)
    elif name == "Pipfile.lock":
        names, declared = [], False
        installed = _pipfile_lock_names(source.text)
        facts[flaskpin.FACTS_KEY] = _flask_from_pipfile_lock(source.text)
    elif name == "setup.cfg":
        requires, scripts = _setup_cfg(source.text)
        names, _ = _requirement_names(requires)
        declared = bool(requires)
        installed = names if declared else None
        facts[flaskpin.FACTS_KEY] = _flask_from_lines(requires, "setup.cfg")
        if facts[flaskpin.FACTS_KEY]:
            facts[flaskpin.FACTS_KEY]["line"] = _line_of(source.text, r"^\s+flask\b")
        entries = dict(e.replace(" ", "").split("=", 1) for e in scripts if "=" in e)
        facts["console_scripts"] = entries
    else:
        names, includes = _requirement_names(source.text.splitlines())
        declared = True
        installed = names
        facts[flaskpin.FACTS_KEY] = _flask_from_lines(source.text.splitlines(), "requirements")
    facts = {k: v for k, v in facts.items() if v}
    facts[FACTS_KEY] = {"declares": declared, "lists_server": SERVER in names, "includes": includes}
    if installed is not None:
        # whether this file says python-dotenv is installed (the deployment model reads it: deployment/requirements.py)
        facts[FACTS_KEY]["lists_dotenv"] = DOTENV in installed
    return reporter.result(facts)
