"""Which project files a name loads: Python's import rules, read from facts, as a mixin of the deployment graph.

`python -m pkg.mod`, `gunicorn pkg.app:app`, `from .config import X` and a deployed `/srv/app/app.py` all
name a module or a path; this answers which project file(s) that is, as Python would find them from the
project root (each folder up with its `src/`, packages' `__init__`, relative imports), never by importing
anything. Kept apart from graph.py, which builds the edges these answers feed.
"""

from __future__ import annotations

import posixpath
from typing import Optional, Sequence

from flasklint.commands import flaskcli
from flasklint.commands.checks import StartFact
from flasklint.deployment.paths import folders_up, join
from flasklint.deployment.units import FileUnits

__all__ = ["ModuleResolution"]


class ModuleResolution:
    """The graph's answers about modules and imports (see the module docstring)."""

    def _by_suffix(self, target: Optional[str], unknown_folder: bool = False) -> list[str]:
        """`/srv/app/app.py` in a unit file or an image: the project file whose path ends like it.

        Only absolute paths, or paths under a folder only a variable names (`$flask_dir/Flask_server.py`
        after `cd $flask_dir`), and only an unambiguous longest match, so a deployed path maps to the
        checkout it was copied from.
        """
        if not target or not target.endswith((".py", ".sh")):
            return []
        parts = target.strip("/").split("/")
        unknown = [index for index, part in enumerate(parts) if "$" in part]
        if (unknown or unknown_folder) and not target.endswith(".py"):
            return []  # a shell script run with arguments (`./wgd.sh install`) often dispatches on them: not guessed
        if unknown:  # `cd $dir; ./server.py`: the folder is not known, what follows it is
            parts = parts[unknown[-1] + 1:]
        elif not posixpath.isabs(target) and not unknown_folder:
            return []
        if not parts:
            return []
        for size in range(len(parts), 0, -1):
            tail = "/".join(parts[-size:])
            found = [p for p in self.files if p == tail or p.endswith("/" + tail)]
            if len(found) == 1:
                return found
            if len(found) > 1:
                return []
        return []

    @staticmethod
    def _from_above(path: str, fact: StartFact) -> list[str]:
        """`bin/dev.sh` running `bin/serve.sh`: scripts in sub-folders are run from the project root, so a
        relative script path that is not beside the caller may be relative to a folder above it."""
        target = fact.target or ""
        if fact.kind != flaskcli.SCRIPT or fact.resolved or fact.cwd or not target or posixpath.isabs(target):
            return []
        return [join(up, target) for up in folders_up(path)[1:]]

    def _bases_of(self, units: FileUnits, fact: Optional[StartFact]) -> tuple[str, ...]:
        """Where Python would look for a module the command names: its folder, then up, with `src/`."""
        cwd = fact.cwd if fact is not None else None
        key = (units.folder, cwd)
        bases = self._bases.get(key)
        if bases is None:  # once per folder and cwd, not once per start (a compose file's 20,000 services)
            start = command_folder(units.folder, cwd if cwd and not posixpath.isabs(cwd) else None)
            bases = self._bases[key] = self._import_roots(start)
        return bases

    def _modules(self, dotted: str, bases: Sequence[str]) -> list[str]:
        """The project file(s) `import dotted` loads: the module and the `__init__` of its packages."""
        if dotted.endswith(".py"):
            dotted = dotted[:-3].replace("/", ".")
        if dotted.split(".", 1)[0] not in self._module_names():
            return []  # `import os`, `from flask import Flask`: nothing in the project is named like it
        key = (dotted, tuple(bases))
        if key not in self._found_modules:
            self._found_modules[key] = self._find_modules(dotted, bases)
        return self._found_modules[key]

    def _module_names(self) -> set[str]:
        """Every name a project module or package could be imported by (file stems and folder names)."""
        names = self.__dict__.get("_names")
        if names is None:
            names = set()
            for path in self._python:
                parts = path.split("/")
                names.update(parts[:-1])
                names.add(parts[-1][:-3] if parts[-1].endswith(".py") else parts[-1])
            self.__dict__["_names"] = names
        return names

    def _find_modules(self, dotted: str, bases: Sequence[str]) -> list[str]:
        relative = dotted.replace(".", "/")
        for base in bases:
            for candidate in (join(base, relative + ".py"), join(base, relative + "/__init__.py")):
                if candidate in self._python:
                    found = [candidate]
                    parts = relative.split("/")
                    for depth in range(1, len(parts)):
                        package = join(base, "/".join(parts[:depth]) + "/__init__.py")
                        if package in self._python:
                            found.append(package)
                    return found
        return []

    def _imports(self, units: FileUnits) -> list[str]:
        """Project modules this Python file imports (facts["imports"]: "level:dotted")."""
        entries = units.facts.get("imports")
        folder = units.folder
        if entries is None:
            # no facts (the prefilter screened the file out): assume it imports its own package
            init = join(folder, "__init__.py")
            return [init] if init in self._python and init != units.path else []
        targets: list[str] = []
        for entry in entries:
            level_text, _, dotted = str(entry).partition(":")
            targets.extend(t for t in self._resolve_import(folder, int(level_text or 0), dotted) if t != units.path)
        return sorted(set(targets))

    def _resolve_import(self, folder: str, level: int, dotted: str) -> list[str]:
        """The project files `import` of `dotted` at relative `level` loads from a file in `folder` (module first)."""
        if not level:
            if dotted.split(".", 1)[0] not in self._module_names():
                return []  # stdlib or a dependency: nothing to resolve
            return self._modules(dotted, self._import_roots(folder))
        base = folder
        for _ in range(level - 1):
            base = posixpath.dirname(base)
        if dotted:
            return self._modules(dotted, [base])
        init = join(base, "__init__.py")
        return [init] if init in self._python else []

    def imported_file(self, path: str, dotted: str) -> Optional[str]:
        """The project file holding `dotted` (`config.HOST` -> config.py) as `import` from `path` finds it."""
        units = self.files.get(path)
        level = len(dotted) - len(dotted.lstrip("."))
        module = dotted.lstrip(".").rpartition(".")[0]
        if units is None or not (module or level):
            return None
        found = self._resolve_import(units.folder, level, module)
        return found[0] if found else None

    def _import_roots(self, folder: str) -> tuple[str, ...]:
        """Where an absolute import from a file in `folder` may be found: each folder up, with its `src/`."""
        roots = self._roots.get(folder)
        if roots is None:
            roots = self._roots[folder] = tuple(f for up in folders_up(join(folder, "x")) for f in (up, join(up, "src")))
        return roots


def command_folder(folder: str, cwd: Optional[str]) -> str:
    """The folder a command runs in, as a display path (an absolute container path is not one)."""
    if cwd and not posixpath.isabs(cwd):
        return join(folder, cwd)
    return folder
