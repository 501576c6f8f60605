"""Deciding what family a file belongs to, from its name and, when needed, its first bytes.

The kind picks the analyzer and the prefilter; a file with no kind is never
read past its first line.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath
from typing import Optional

PYTHON = "python"
SHELL = "shell"
MAKEFILE = "makefile"
PROCFILE = "procfile"
DOCKERFILE = "dockerfile"
COMPOSE = "compose"
KUBERNETES = "kubernetes"
APPENGINE = "appengine"
FLY = "fly"
RENDER = "render"
SUPERVISORD = "supervisord"
SYSTEMD = "systemd"
ENVFILE = "envfile"
PACKAGE_JSON = "package-json"
TOX = "tox"
GITHUB_ACTIONS = "github-actions"
YAML = "yaml"  # a YAML file whose family is decided by its content (Kubernetes manifests)
REQUIREMENTS = "requirements"  # requirements*.txt, requirements/*.txt, pyproject.toml: facts for FL301's advice

ALL_KINDS = (
    PYTHON, SHELL, MAKEFILE, PROCFILE, DOCKERFILE, COMPOSE, KUBERNETES, APPENGINE, FLY,
    RENDER, SUPERVISORD, SYSTEMD, ENVFILE, PACKAGE_JSON, TOX, GITHUB_ACTIONS, YAML, REQUIREMENTS,
)

_SHEBANG = re.compile(rb"^#![^\n]*\b(?:ba|da|z|k)?sh\b")
_PY_SHEBANG = re.compile(rb"^#![^\n]*\bpython[0-9.]*\b")

_BY_NAME: tuple[tuple[str, str], ...] = (
    # exact names and globs on the base name, first match wins
    ("*.py", PYTHON),
    ("*.pyw", PYTHON),
    ("*.sh", SHELL),
    ("*.bash", SHELL),
    ("Makefile", MAKEFILE),
    ("makefile", MAKEFILE),
    ("GNUmakefile", MAKEFILE),
    ("*.mk", MAKEFILE),
    ("Procfile", PROCFILE),
    ("Procfile.*", PROCFILE),
    ("Dockerfile", DOCKERFILE),
    ("Dockerfile.*", DOCKERFILE),
    ("*.Dockerfile", DOCKERFILE),
    ("*.dockerfile", DOCKERFILE),
    ("Containerfile", DOCKERFILE),
    ("Containerfile.*", DOCKERFILE),
    ("docker-compose*.yml", COMPOSE),
    ("docker-compose*.yaml", COMPOSE),
    ("compose*.yml", COMPOSE),
    ("compose*.yaml", COMPOSE),
    ("app.yaml", APPENGINE),
    ("app.yml", APPENGINE),
    ("fly.toml", FLY),
    ("render.yaml", RENDER),
    ("render.yml", RENDER),
    ("supervisord.conf", SUPERVISORD),
    ("*.supervisor.conf", SUPERVISORD),
    ("*.service", SYSTEMD),
    (".env", ENVFILE),
    (".flaskenv", ENVFILE),
    (".env.*", ENVFILE),
    ("*.env", ENVFILE),
    ("package.json", PACKAGE_JSON),
    ("tox.ini", TOX),
    ("requirements*.txt", REQUIREMENTS),
    ("pyproject.toml", REQUIREMENTS),
    ("*.yml", YAML),
    ("*.yaml", YAML),
)


def _first_match(patterns: tuple[tuple[str, str], ...]) -> "re.Pattern[str]":
    """One regex for the globs of `patterns`: group `k<i>` of a full match names the first glob that matches."""
    return re.compile("|".join(f"(?P<k{i}>{fnmatch.translate(glob)})" for i, (glob, _) in enumerate(patterns)))


_BY_NAME_RE = _first_match(_BY_NAME)
"""_BY_NAME compiled once: a scan classifies every file, and a name no glob matches cost ~40 fnmatch calls."""


def classify(path: str, head: Optional[bytes] = None) -> Optional[str]:
    """The kind of a file, or None when no analyzer cares about it.

    `path` is a POSIX-style display path; `head` is the file's first bytes, used
    only for files whose name says nothing (scripts with a shebang).
    """
    name = path.rpartition("/")[2]  # no PurePosixPath: this runs once per file of a scan
    parts = path.split("/")
    if ".github" in parts and "workflows" in parts and name.endswith((".yml", ".yaml")):
        return GITHUB_ACTIONS
    if "supervisor" in parts and name.endswith(".conf"):
        return SUPERVISORD
    if len(parts) > 1 and parts[-2] == "requirements" and name.endswith(".txt"):
        return REQUIREMENTS
    if "conf.d" in parts and name.endswith(".conf") and head is not None and b"[program:" in head:
        return SUPERVISORD
    match = _BY_NAME_RE.fullmatch(name)
    if match is not None:
        return _BY_NAME[int(match.lastgroup[1:])][1]  # type: ignore[index]
    if "." not in name and head is not None:
        if _SHEBANG.match(head):
            return SHELL
        if _PY_SHEBANG.match(head):
            return PYTHON
    return None


def needs_head(path: str) -> bool:
    """Whether classification needs the file's first bytes (extensionless names, conf files)."""
    name = PurePosixPath(path).name if path.endswith(("/", "/.")) or path in (".", "") else path.rpartition("/")[2]
    return "." not in name or name.endswith(".conf")
