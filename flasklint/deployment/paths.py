"""Path arithmetic on display paths (POSIX, relative to where the scan started): no file is touched.

Shared by the project pass and the deployment model, which both follow a command to the file it runs.
"""

from __future__ import annotations

import functools
import posixpath

from flasklint.commands import flaskcli
from flasklint.commands.checks import StartFact

__all__ = ["join", "candidates", "folders_up"]


def join(base: str, relative: str) -> str:
    """`base/relative`, normalised; display paths are already normal, so the common case skips normpath."""
    if base and relative and _plain(base.lstrip("/") if base != "/" else "x") and _plain(relative):
        return f"{base}/{relative}" if base != "/" else f"/{relative}"
    return posixpath.normpath(posixpath.join(base, relative)) if base else posixpath.normpath(relative)


@functools.lru_cache(maxsize=1 << 14)
def _plain(path: str) -> bool:
    """A relative path with no `.`/`..`/empty segments: joining it needs no normalising."""
    return not path.startswith("/") and not path.endswith("/") and "//" not in path and all(
        part not in (".", "..") for part in path.split("/"))


def candidates(config_path: str, fact: StartFact) -> list[str]:
    """Project paths the started script or module may be, nearest first."""
    base = posixpath.dirname(config_path)
    if fact.resolved and fact.kind == flaskcli.MODULE:
        # `python -m pkg` found in the image (`ADD . /`): the package's __main__.py, or the module itself
        module = join(base, fact.resolved.replace(".", "/"))
        return [f"{module}/__main__.py", f"{module}.py"]
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


@functools.lru_cache(maxsize=1 << 14)
def folders_up(path: str) -> tuple[str, ...]:
    """The folder of `path`, then each parent, as display-path prefixes ("" for the current folder).

    Memoised: the deployment model asks it for every file's folder, often the same folders.
    """
    folders = []
    folder = posixpath.dirname(path)
    while True:
        folders.append(folder)
        parent = posixpath.dirname(folder)
        if parent == folder or not folder:
            return tuple(folders)
        folder = parent
