"""Path arithmetic on display paths (POSIX, relative to where the scan started): no file is touched.

Shared by the project pass and the deployment model, which both follow a command to the file it runs.
"""

from __future__ import annotations

import posixpath

from flasklint.commands import flaskcli
from flasklint.commands.checks import StartFact

__all__ = ["join", "candidates", "folders_up"]


def join(base: str, relative: str) -> str:
    return posixpath.normpath(posixpath.join(base, relative)) if base else posixpath.normpath(relative)


def candidates(config_path: str, fact: StartFact) -> list[str]:
    """Project paths the started script or module may be, nearest first."""
    base = posixpath.dirname(config_path)
    if fact.resolved:
        return [join(base, fact.resolved)]
    target = fact.target or ""
    if fact.kind == flaskcli.MODULE:
        module = target.replace(".", "/")
        relatives = [f"{module}/__main__.py", f"{module}.py"]
    else:
        relatives = [target]
    found: list[str] = []
    for relative in relatives:
        options = [relative]
        if fact.cwd and posixpath.isabs(relative) and relative.startswith(fact.cwd.rstrip("/") + "/"):
            options.insert(0, relative[len(fact.cwd.rstrip("/")) + 1:])
        elif posixpath.isabs(relative):
            options.append(relative.lstrip("/"))
        for option in options:
            if posixpath.isabs(option):
                continue
            found.append(join(base, option))
    return found


def folders_up(path: str) -> list[str]:
    """The folder of `path`, then each parent, as display-path prefixes ("" for the current folder)."""
    folders = []
    folder = posixpath.dirname(path)
    while True:
        folders.append(folder)
        parent = posixpath.dirname(folder)
        if parent == folder or not folder:
            return folders
        folder = parent
