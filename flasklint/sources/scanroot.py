"""The scan root: the folder report paths are relative to (SARIF `%SRCROOT%`, GitHub annotations, baselines).

It is the current working directory when every scanned path lies inside it
(in CI that is the repository checkout, which is what GitHub expects), and
otherwise the deepest folder that contains every scanned path. Pure path
arithmetic: nothing here touches a file.
"""

from __future__ import annotations

import functools
import os
from pathlib import PurePosixPath
from typing import Optional, Sequence


def relative_to(path: str, root: Optional[str]) -> Optional[str]:
    """`path` relative to `root` as POSIX, or None when it lies outside."""
    if root is None:
        return None
    return _relative_to(path, root, os.getcwd())


@functools.lru_cache(maxsize=1 << 16)
def _relative_to(path: str, root: str, cwd: str) -> Optional[str]:
    """Memoised by the working directory too: a report asks for each finding's path two or three times."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return PurePosixPath(*relative.split(os.sep)).as_posix()


def scan_root(paths: Sequence[str]) -> str:
    cwd = os.getcwd()
    absolute = [os.path.abspath(p) for p in paths] or [cwd]
    if all(relative_to(p, cwd) is not None for p in absolute):
        return cwd
    folders = [p if os.path.isdir(p) else os.path.dirname(p) for p in absolute]
    return os.path.commonpath(folders)


def relative_path(display: str, root: str) -> str:
    """A finding's path relative to the scan root (its display path if it lies outside)."""
    relative = relative_to(display, root)
    return relative if relative is not None else PurePosixPath(display).as_posix()


PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "flasklint.toml")
"""What marks the root of a project whose launchers give context to files named one by one."""


def project_root(paths: Sequence[str]) -> Optional[str]:
    """The project folder around files named on the command line (pre-commit names them one by one).

    None when a folder was named (its own launchers are in the scan) or no marker is found.
    """
    files = [p for p in paths if os.path.isfile(p)]
    if not files or len(files) != len(paths):
        return None
    folder = os.path.dirname(os.path.abspath(files[0]))
    cwd = os.getcwd()
    inside = folder == cwd or folder.startswith(cwd.rstrip(os.sep) + os.sep)
    while True:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in PROJECT_MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder or (inside and folder == cwd):
            return None  # never above the folder flasklint runs in (pre-commit runs at the root)
        folder = parent
