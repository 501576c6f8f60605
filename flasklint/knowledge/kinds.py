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
REQUIREMENTS = "requirements"  # requirements*.txt, requirements/*.txt, pyproject.toml, Pipfile, lock files: facts
JUSTFILE = "justfile"
TASKFILE = "taskfile"  # go-task's Taskfile.yml
CI = "ci"  # GitLab CI, CircleCI, Bitbucket Pipelines, Travis, Azure Pipelines, Drone
HELM_VALUES = "helm-values"  # a chart's values*.yaml: one deployed environment each
RAILWAY = "railway"
NIXPACKS = "nixpacks"
HEROKU_APP = "heroku-app"  # app.json
EBEXTENSIONS = "ebextensions"  # AWS Elastic Beanstalk .ebextensions/*.config
DEVCONTAINER = "devcontainer"
UWSGI = "uwsgi"
DOCKERIGNORE = "dockerignore"  # .dockerignore, <Dockerfile>.dockerignore: facts (what an image can hold)

ALL_KINDS = (
    PYTHON, SHELL, MAKEFILE, PROCFILE, DOCKERFILE, COMPOSE, KUBERNETES, APPENGINE, FLY,
    RENDER, SUPERVISORD, SYSTEMD, ENVFILE, PACKAGE_JSON, TOX, GITHUB_ACTIONS, YAML, REQUIREMENTS,
    JUSTFILE, TASKFILE, CI, HELM_VALUES, RAILWAY, NIXPACKS, HEROKU_APP, EBEXTENSIONS, DEVCONTAINER, UWSGI,
    DOCKERIGNORE,
)

_SHEBANG = re.compile(rb"^#![^\n]*\b(?:ba|da|z|k)?sh\b")
_PY_SHEBANG = re.compile(rb"^#![^\n]*\bpython[0-9.]*\b")

_NOT_DOCKERFILES = ("*.dockerignore", "*.md", "*.txt", "*.rst", "*.json", "*.lock", "*.orig", "*.rej")
_NOT_DOCKERFILE_SUFFIXES = tuple(pattern[1:] for pattern in _NOT_DOCKERFILES)
"""The same globs as suffixes (each is `*` + a suffix): one `str.endswith` per classified file."""
"""Names that start like a Dockerfile's but are its ignore file or documentation."""
_DOCKERFILE_HEAD = re.compile(rb"(?i)[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?[\w.$/{}:@%-]+(?:[ \t]+AS[ \t]+\S+)?[ \t]*\r?$")
_DOCKERFILE_PREAMBLE = re.compile(rb"(?i)[ \t]*(?:#.*|ARG[ \t].*|)\r?$")
_UWSGI_HEAD = re.compile(rb"^[ \t]*\[uwsgi\]", re.M)

_BY_NAME: tuple[tuple[str, str], ...] = (
    # exact names and globs on the base name, first match wins
    ("gunicorn*.conf", PYTHON),  # gunicorn reads its config file as Python whatever its name
    ("*.py", PYTHON),
    ("*.pyw", PYTHON),
    ("*.sh", SHELL),
    ("*.bash", SHELL),
    ("Makefile", MAKEFILE),
    ("makefile", MAKEFILE),
    ("GNUmakefile", MAKEFILE),
    ("*.mk", MAKEFILE),
    ("Makefile.*", MAKEFILE),  # `include Makefile.config`, Makefile.local: read for the variables they define
    ("makefile.*", MAKEFILE),
    ("Procfile", PROCFILE),
    ("Procfile.*", PROCFILE),
    ("procfile", PROCFILE),  # honcho/foreman `-f ./procfile`: same format, any name (Heroku wants `Procfile`)
    ("Dockerfile*", DOCKERFILE),  # Dockerfile.prod, Dockerfile_alpine, Dockerfile-web
    ("dockerfile*", DOCKERFILE),
    ("*.Dockerfile", DOCKERFILE),
    ("*.dockerfile", DOCKERFILE),
    ("Containerfile*", DOCKERFILE),
    ("containerfile*", DOCKERFILE),
    ("*.Containerfile", DOCKERFILE),
    ("*docker-compose*.yml", COMPOSE),
    ("*docker-compose*.yaml", COMPOSE),
    ("compose*.yml", COMPOSE),
    ("compose*.yaml", COMPOSE),
    ("*[-._]compose.yml", COMPOSE),
    ("*[-._]compose.yaml", COMPOSE),
    ("*[-._]compose[-._]*.yml", COMPOSE),
    ("*[-._]compose[-._]*.yaml", COMPOSE),
    (".gitlab-ci.yml", CI),
    ("*.gitlab-ci.yml", CI),
    (".gitlab-ci.yaml", CI),
    ("bitbucket-pipelines.yml", CI),
    (".travis.yml", CI),
    (".drone.yml", CI),
    ("azure-pipelines*.yml", CI),
    ("azure-pipelines*.yaml", CI),
    ("Taskfile.yml", TASKFILE),
    ("Taskfile.yaml", TASKFILE),
    ("taskfile.yml", TASKFILE),
    ("taskfile.yaml", TASKFILE),
    ("Taskfile.dist.yml", TASKFILE),
    ("Taskfile.dist.yaml", TASKFILE),
    ("values*.yaml", HELM_VALUES),
    ("values*.yml", HELM_VALUES),
    ("*.values.yaml", HELM_VALUES),
    ("*-values.yaml", HELM_VALUES),
    ("railway.json", RAILWAY),
    ("railway.toml", RAILWAY),
    ("nixpacks.toml", NIXPACKS),
    ("app.json", HEROKU_APP),
    ("devcontainer.json", DEVCONTAINER),
    (".devcontainer.json", DEVCONTAINER),
    ("uwsgi*.ini", UWSGI),
    ("*uwsgi*.ini", UWSGI),
    ("uwsgi*.yaml", UWSGI),
    ("uwsgi*.yml", UWSGI),
    ("*.uwsgi.yaml", UWSGI),
    ("justfile", JUSTFILE),
    ("Justfile", JUSTFILE),
    ("JUSTFILE", JUSTFILE),
    (".justfile", JUSTFILE),
    ("*.just", JUSTFILE),
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
    ("Pipfile", REQUIREMENTS),
    ("Pipfile.lock", REQUIREMENTS),
    ("poetry.lock", REQUIREMENTS),
    ("uv.lock", REQUIREMENTS),
    ("setup.cfg", REQUIREMENTS),
    ("*.yml", YAML),
    ("*.yaml", YAML),
)


def _first_match(patterns: tuple[tuple[str, str], ...]) -> "re.Pattern[str]":
    """One regex for the globs of `patterns`: group `k<i>` of a full match names the first glob that matches."""
    return re.compile("|".join(f"(?P<k{i}>{fnmatch.translate(glob)})" for i, (glob, _) in enumerate(patterns)))


_BY_NAME_RE = _first_match(_BY_NAME)
"""_BY_NAME compiled once: a scan classifies every file, and a name no glob matches cost ~40 fnmatch calls."""


_SUPERVISOR_PROGRAM = re.compile(rb"^[ \t]*\[program:[^\]\r\n]+\]", re.M)
"""A supervisord program section at the start of a line (any `.conf` file may be one: it is included by path)."""


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
    if name.endswith(".conf") and head is not None and _SUPERVISOR_PROGRAM.search(head):
        return SUPERVISORD  # conf.d/web.conf, deploy/python-app.conf: a `[program:x]` section says it
    if ".ebextensions" in parts and name.endswith(".config"):
        return EBEXTENSIONS
    if len(parts) > 1 and parts[-2] == ".circleci" and name in ("config.yml", "config.yaml"):
        return CI
    if ".gitlab" in parts and "ci" in parts and name.endswith((".yml", ".yaml")):
        return CI
    if name.endswith(".dockerignore"):
        return DOCKERIGNORE
    if name.endswith(_NOT_DOCKERFILE_SUFFIXES):
        return None if name.lower().startswith(("dockerfile", "containerfile")) else _by_name(name, head)
    return _by_name(name, head)


def _by_name(name: str, head: Optional[bytes]) -> Optional[str]:
    match = _BY_NAME_RE.fullmatch(name)
    if match is not None:
        return _BY_NAME[int(match.lastgroup[1:])][1]  # type: ignore[index]
    if head is None:
        return None
    if name.endswith(".ini"):
        return UWSGI if _UWSGI_HEAD.search(head) else None
    if "." not in name:
        if _SHEBANG.match(head):
            return SHELL
        if _PY_SHEBANG.match(head):
            return PYTHON
    if looks_like_dockerfile(head):
        return DOCKERFILE
    return None


def looks_like_dockerfile(head: bytes) -> bool:
    """Whether the first instruction (after comments, `# syntax=` and `ARG`s) is `FROM image`."""
    for line in head.split(b"\n")[:-1] if b"\n" in head else [head]:
        if _DOCKERFILE_PREAMBLE.fullmatch(line):
            continue
        return _DOCKERFILE_HEAD.fullmatch(line) is not None
    return False


_SNIFFED = ("docker", "container")


def needs_head(path: str) -> bool:
    """Whether classification needs the file's first bytes.

    Extensionless names (scripts by shebang, `docker/web` by its FROM), conf
    and ini files (supervisord programs, `[uwsgi]`), and names that mention
    docker or container (`web.docker`, `prod.containerfile.bak`) but match no pattern.
    """
    name = PurePosixPath(path).name if path.endswith(("/", "/.")) or path in (".", "") else path.rpartition("/")[2]
    if "." not in name or name.endswith((".conf", ".ini")):
        return True
    lowered = name.lower()
    return any(word in lowered for word in _SNIFFED)
