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
import functools
import posixpath
import re
from pathlib import PurePosixPath
from typing import Callable, Optional, Sequence

__all__ = ["DEFAULT_DEV_PATTERNS", "DEV_NAME_WORDS", "DEV_TARGETS", "dev_name", "dev_reason", "dev_target_reason"]

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
    ("Dockerfile[-_]dev", "the file name marks it development-only"),
    ("Dockerfile[-_.]development", "the file name marks it development-only"),
    ("Containerfile[-_.]dev", "the file name marks it development-only"),
    ("Containerfile[-_.]development", "the file name marks it development-only"),
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
DEV_NAME_WORDS = frozenset({"dev", "develop", "development", "local", "debug", "test", "tests", "watch", "demo"})
"""Words of a script's file name (split at `-`, `_`, `.`) that say it is run by hand for development
(`run_local.sh`, `debug.sh`, `start-dev.sh`): such a script is never taken for the project's own launcher."""


def _alternatives(patterns: Sequence[str]) -> "re.Pattern[str]":
    """One regex for a list of globs: its match names (group `p<i>`) the first glob that matches, as a loop would."""
    # Each translation ends in its own end anchor, which holds inside the group as well.
    return re.compile("|".join(f"(?P<p{index}>{fnmatch.translate(pattern)})" for index, pattern in enumerate(patterns)))


_DEFAULT_NAMES = _alternatives([pattern for pattern, _ in DEFAULT_DEV_PATTERNS])
"""DEFAULT_DEV_PATTERNS compiled once: a warm scan asks for every file, and 15 fnmatch calls each cost more
than the rest of its planning."""


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> Callable[[str], Optional["re.Match[str]"]]:
    return re.compile(fnmatch.translate(pattern)).match


def _parts(path: str) -> tuple[str, ...]:
    """`PurePosixPath(path).parts`, without building a path object for plain relative paths."""
    if path and not path.startswith(("/", "./")) and "//" not in path and "/./" not in path and not path.endswith(("/", "/.")) and path != ".":
        return tuple(path.split("/"))
    return PurePosixPath(path).parts


def dev_reason(path: str, extra_patterns: Sequence[str] = ()) -> Optional[str]:
    """Why the file at `path` (POSIX display path) is development-only, or None.

    `extra_patterns` are the `dev-paths` setting: globs matched against the
    whole path and against the base name.
    """
    parts = _parts(path)
    name = parts[-1] if parts and parts[-1] != "/" else ""
    match = _DEFAULT_NAMES.fullmatch(name)
    if match is not None:
        return DEFAULT_DEV_PATTERNS[int(match.lastgroup[1:])][1]  # type: ignore[index]
    parents = parts[:-1]
    for part in parents:
        if part in DEV_DIRECTORIES:
            return DEV_DIRECTORIES[part]
    if "scripts" in parents and name.startswith("dev"):
        return "scripts/dev* is a development script"
    for pattern in extra_patterns:
        matches = _compiled(pattern)
        if matches(path) or matches(name) or any(matches("/".join(parts[i:])) for i in range(1, len(parts))):
            return f"it matches the dev-paths pattern {pattern!r}"
    return None


def dev_name(path: str) -> bool:
    """Whether a script's file name has one of DEV_NAME_WORDS among its words."""
    return not DEV_NAME_WORDS.isdisjoint(re.split(r"[-_.]", posixpath.basename(path).lower()))


def dev_target_reason(target: str) -> Optional[str]:
    """Why a Makefile target / npm script of this name is development-only, or None."""
    base = target.split(":")[-1].strip().lower()
    if base in DEV_TARGETS or base.startswith(("dev-", "dev_")) or base.endswith(("-dev", "_dev")):
        return f"the `{target}` target is a development command"
    return None
