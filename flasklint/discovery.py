"""Walking the paths a user named into the files worth classifying.

Rules: skip VCS, virtualenv, cache and build folders; never follow a symlink
whose target leaves the scanned root; never loop on a symlink cycle; report
what cannot be walked instead of failing.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from flasklint import kinds
from flasklint.model import Diagnostic

SKIPPED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", "_darcs", ".jj",
        ".venv", "venv", ".env.d", "virtualenv", ".virtualenv", "__pypackages__",
        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".flasklint_cache",
        "__pycache__", ".hypothesis", ".eggs", "node_modules",
        "build", "dist", "site-packages", ".cache", ".idea", ".vscode",
    }
)
"""Folder names never descended into (the same spirit as ruff's default excludes)."""


@dataclass(frozen=True)
class DiscoveredFile:
    """A regular file to analyse: `path` opens it, `display` is what the user sees."""

    path: Path
    display: str
    root: Path


def _display(path: Path, named: str, named_path: Path) -> str:
    """Show paths the way the user named them: relative when they gave a relative path."""
    if path == named_path:
        return named
    relative = path.relative_to(named_path).as_posix()
    if named in (".", "./"):
        return relative
    return f"{named.rstrip('/')}/{relative}"


def _is_excluded(display: str, name: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(display, pattern):
            return True
        if fnmatch.fnmatch(display, pattern + "/*") or fnmatch.fnmatch(display, "*/" + pattern):
            return True
    return False


def _named_file_excluded(named_path: Path, exclude: Sequence[str]) -> bool:
    """Whether a file named on the command line, or a folder on its way, matches an exclude.

    Folders are judged by the path as named (relative to the working directory,
    as pre-commit names files), never by folders above the working directory.
    """
    path = named_path
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return _is_excluded(named_path.as_posix(), named_path.name, exclude)
    return any(_is_excluded(p.as_posix(), p.name, exclude) for p in (path, *path.parents) if p.name)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def discover(
    paths: Iterable[str],
    exclude: Sequence[str] = (),
    diagnostics: list[Diagnostic] | None = None,
    force_exclude: bool = False,
) -> Iterator[DiscoveredFile]:
    """Yield regular files under `paths` in a stable (sorted) order.

    A file named directly is analysed even when it matches an exclude pattern,
    unless `force_exclude` (what pre-commit hooks need: they name every file).
    """
    sink = diagnostics if diagnostics is not None else []
    seen: set[Path] = set()
    for named in paths:
        named_path = Path(named)
        try:
            real_root = named_path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            sink.append(Diagnostic(named, f"cannot read path: {getattr(exc, 'strerror', None) or exc}"))
            continue
        if real_root.is_file() or not real_root.is_dir():
            if force_exclude and _named_file_excluded(named_path, exclude):
                continue
            if real_root.is_file() and real_root not in seen:
                seen.add(real_root)
                yield DiscoveredFile(named_path, named, real_root.parent)
            elif not real_root.is_file():
                sink.append(Diagnostic(named, "not a regular file or directory; skipped"))
            continue
        yield from _walk(named_path, named, real_root, exclude, sink, seen)


def _walk(
    named_path: Path,
    named: str,
    real_root: Path,
    exclude: Sequence[str],
    sink: list[Diagnostic],
    seen: set[Path],
) -> Iterator[DiscoveredFile]:
    visited_dirs: set[tuple[int, int]] = set()
    stack = [named_path]
    while stack:
        directory = stack.pop()
        try:
            st = directory.stat()
            key = (st.st_dev, st.st_ino)
            if key in visited_dirs:
                continue  # a symlink loop, or the same folder reached twice
            visited_dirs.add(key)
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            display = _display(directory, named, named_path)
            sink.append(Diagnostic(display, f"cannot list directory: {exc.strerror or exc}"))
            continue
        subdirs: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            display = _display(path, named, named_path)
            if _is_excluded(display, entry.name, exclude):
                continue
            try:
                is_link = entry.is_symlink()
                if is_link:
                    try:
                        target = path.resolve(strict=True)
                    except (OSError, RuntimeError):
                        sink.append(Diagnostic(display, "dangling or looping symlink; skipped"))
                        continue
                    if not _inside(target, real_root):
                        sink.append(Diagnostic(display, "symlink points outside the scanned root; skipped"))
                        continue
                mode = path.stat().st_mode
            except OSError as exc:
                sink.append(Diagnostic(display, f"cannot stat: {exc.strerror or exc}"))
                continue
            if stat.S_ISDIR(mode):
                if entry.name in SKIPPED_DIRS or entry.name.endswith(".egg-info"):
                    continue
                subdirs.append(path)
            elif stat.S_ISREG(mode):
                real = path.resolve() if is_link else path.absolute()
                if real in seen:
                    continue
                seen.add(real)
                yield DiscoveredFile(path, display, real_root)
            elif kinds.classify(display) is not None:
                # FIFOs, sockets and devices are never opened (reading could block), but one named
                # like a file flasklint reads (a FIFO called `Procfile`) is said to be skipped.
                sink.append(Diagnostic(display, "not a regular file (FIFO, socket or device); skipped"))
        stack.extend(reversed(subdirs))
