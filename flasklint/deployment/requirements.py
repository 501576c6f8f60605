"""What the project's production requirements say: is gunicorn listed, is python-dotenv installed.

One place answers both, for every finding that words them (the project pass's FL301 advice, the deployment
model's combined FL301, and whether a `.flaskenv` reaches a production `flask run`), from the requirements
analyzer's facts (`facts["requirements"]`: `declares`, `lists_server`, `lists_dotenv`, `includes`).

The requirements that apply to a file are those of the nearest folder, from the file's own up, that has any:
`requirements*.txt`, `requirements/*.txt`, `pyproject.toml` with dependencies, `Pipfile`, `Pipfile.lock`,
`poetry.lock`, `uv.lock`, `setup.cfg`. `-r other.txt` includes are followed. Files named for development
(`requirements-dev.txt`, `requirements/test.txt`) are not what production installs.

Flask loads `.env`/`.flaskenv` only when python-dotenv is importable (flask.cli.load_dotenv). When the
production requirements are known and none installs it (directly, or through `flask[dotenv]`), dotenv files
do not reach production; when they are unknown, the model assumes they do and says so (`dotenv_note`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any, Optional

from flasklint.analyzers.requirements import FACTS_KEY
from flasklint.deployment.paths import folders_up, join
from flasklint.model import FileResult

__all__ = ["Requirements", "Dotenv", "dotenv_note"]

_DEVELOPMENT_NAME = re.compile(r"(?:^|[-_.])(?:dev|devel|develop|development|test|tests|testing|lint|docs?|ci|local)"
                               r"(?:[-_.]|$)", re.I)
"""`requirements-dev.txt`, `requirements/test.txt`, `dev-requirements.txt`: what developers install, not production."""


@dataclass(frozen=True)
class Dotenv:
    """Whether production installs python-dotenv, and the requirements file(s) that say so."""

    installed: Optional[bool]
    """True: listed; False: the production requirements are known and lack it; None: no requirements found."""
    where: str = ""


def dotenv_note(dotenv: Dotenv) -> str:
    """How a dotenv file's variables reach a production `flask run`, for its message."""
    if dotenv.installed:
        return f"which `flask run` loads (python-dotenv is in {dotenv.where})"
    return ("which `flask run` loads when python-dotenv is installed (assumed: no production requirements "
            "were found to say)")


class Requirements:
    """The scan's requirements facts, indexed by folder (built once per scan, asked per start)."""

    def __init__(self, results: dict[str, FileResult]) -> None:
        self.facts: dict[str, dict[str, Any]] = {path: r.facts[FACTS_KEY] for path, r in results.items()
                                                 if FACTS_KEY in r.facts}
        self.by_folder: dict[str, list[str]] = {}
        for path in sorted(self.facts):
            folder = posixpath.dirname(path)
            if posixpath.basename(folder) == "requirements":
                folder = posixpath.dirname(folder)  # requirements/prod.txt speaks for the folder above
            self.by_folder.setdefault(folder, []).append(path)
        self._dotenv: dict[str, Dotenv] = {}

    def server(self, path: str) -> tuple[Optional[str], bool]:
        """(the requirements file to name in the gunicorn advice, whether gunicorn is already listed) for `path`.

        Preferred in a folder: requirements.txt, a production-looking file under requirements/, any other,
        then pyproject.toml.
        """
        for folder in folders_up(path):
            here = [p for p in self.by_folder.get(folder, ()) if self.facts[p].get("declares")]
            if not here:
                continue
            chosen = _preferred(here, folder)
            base = posixpath.dirname(path)  # named as the user reads it next to `path` (relative when below it)
            shown = chosen[len(base) + 1:] if base and chosen.startswith(base + "/") else chosen
            return shown, any(self._lists(p, "lists_server", set()) for p in here)
        return None, False

    def dotenv(self, path: str) -> Dotenv:
        """Whether the production requirements nearest to `path` install python-dotenv."""
        folder = posixpath.dirname(path)
        known = self._dotenv.get(folder)
        if known is None:
            known = self._dotenv[folder] = self._find_dotenv(path)
        return known

    def _find_dotenv(self, path: str) -> Dotenv:
        for folder in folders_up(path):
            here = [p for p in self.by_folder.get(folder, ())
                    if "lists_dotenv" in self.facts[p] and not _DEVELOPMENT_NAME.search(_stem(p))]
            if not here:
                continue
            listing = [p for p in here if self._lists(p, "lists_dotenv", set())]
            if listing:
                return Dotenv(True, listing[0])
            return Dotenv(False, ", ".join(here))
        return Dotenv(None)

    def _lists(self, path: str, key: str, seen: set[str]) -> bool:
        fact = self.facts.get(path)
        if fact is None or path in seen:
            return False
        seen.add(path)
        if fact.get(key):
            return True
        base = posixpath.dirname(path)
        return any(self._lists(join(base, include), key, seen) for include in fact.get("includes", ()))


def _stem(path: str) -> str:
    name = posixpath.basename(path)
    return name[:-4] if name.endswith(".txt") else name


def _preferred(paths: list[str], folder: str) -> str:
    def rank(path: str) -> tuple[int, str]:
        name = posixpath.basename(path)
        if path == join(folder, "requirements.txt"):
            return 0, path
        if "prod" in name:
            return 1, path
        if name == "pyproject.toml":
            return 3, path
        return 2, path
    return min(paths, key=rank)
