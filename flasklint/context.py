"""Production versus development: which files are development-only by convention, and why.

A finding in a development-only file keeps its rule but drops one severity
level, and its message says why (`Reporter.add` does both from
`AnalysisContext.dev_reason`). The patterns are conventions, not guesses about
content: `docker-compose.override.yml` is what `docker compose up` layers on for
local work, `.flaskenv` is read by `flask run` only, `*.dev.*` and `scripts/dev*`
are how people name local tooling. Projects add their own with `dev-paths`.
Per-command context (a Makefile `dev` target) is decided by the family.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath
from typing import Optional, Sequence

__all__ = ["DEFAULT_DEV_PATTERNS", "DEV_TARGETS", "dev_reason", "dev_target_reason"]

DEFAULT_DEV_PATTERNS: tuple[tuple[str, str], ...] = (
    # (glob on the base name or the path, reason shown in the message)
    ("docker-compose.override.yml", "docker-compose.override.yml is a local development override"),
    ("docker-compose.override.yaml", "docker-compose.override.yaml is a local development override"),
    ("compose.override.yml", "compose.override.yml is a local development override"),
    ("compose.override.yaml", "compose.override.yaml is a local development override"),
    (".flaskenv", ".flaskenv is read by `flask run`, a development command"),
    ("*.dev.*", "the file name marks it development-only"),
    ("*-dev.*", "the file name marks it development-only"),
    ("*_dev.*", "the file name marks it development-only"),
    ("dev.*", "the file name marks it development-only"),
    ("*.dev", "the file name marks it development-only"),
    ("Dockerfile.dev", "the file name marks it development-only"),
    ("Procfile.dev", "Procfile.dev is a local development process list"),
    ("Procfile.windows", "Procfile.windows is what `heroku local` runs on Windows, a development process list"),
    ("Procfile.local", "Procfile.local is a local development process list"),
    (".env.example", "an example env file is a template for local work"),
    (".env.sample", "an example env file is a template for local work"),
    (".env.*-sample", "an example env file is a template for local work"),
    (".env.template", "an example env file is a template for local work"),
    (".env.dev", "the file name marks it development-only"),
    (".env.development", "the file name marks it development-only"),
    (".env.local", "the file name marks it development-only"),
)
DEV_DIRECTORIES = {"tests": "it is in a test folder", "test": "it is in a test folder", "testing": "it is in a test folder"}
DEV_TARGETS = frozenset({"dev", "develop", "development", "run", "serve", "server", "debug", "start-dev", "run-dev",
                         "serve-dev", "devserver", "local", "watch"})
"""Makefile / package.json script names that are local development commands by convention."""


def dev_reason(path: str, extra_patterns: Sequence[str] = ()) -> Optional[str]:
    """Why the file at `path` (POSIX display path) is development-only, or None.

    `extra_patterns` are the `dev-paths` setting: globs matched against the
    whole path and against the base name.
    """
    pure = PurePosixPath(path)
    name = pure.name
    for pattern, reason in DEFAULT_DEV_PATTERNS:
        if fnmatch.fnmatchcase(name, pattern):
            return reason
    parents = [p for p in pure.parts[:-1]]
    for part in parents:
        if part in DEV_DIRECTORIES:
            return DEV_DIRECTORIES[part]
    if "scripts" in parents and name.startswith("dev"):
        return "scripts/dev* is a development script"
    for pattern in extra_patterns:
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern) or any(
            fnmatch.fnmatchcase("/".join(pure.parts[i:]), pattern) for i in range(1, len(pure.parts))
        ):
            return f"it matches the dev-paths pattern {pattern!r}"
    return None


def dev_target_reason(target: str) -> Optional[str]:
    """Why a Makefile target / npm script of this name is development-only, or None."""
    base = target.split(":")[-1].strip().lower()
    if base in DEV_TARGETS or base.startswith(("dev-", "dev_")) or base.endswith(("-dev", "_dev")):
        return f"the `{target}` target is a development command"
    return None
