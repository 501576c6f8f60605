"""Planning a scan: the files under the paths named, each with its kind, as jobs for the analysis.

Also the project context of files named one by one (pre-commit): the project
root they belong to, whose other files are planned for their launchers only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.scan import leftovers as fix_leftovers
from flasklint.knowledge.context import dev_reason
from flasklint.scan.discovery import DiscoveredFile, WalkRecord, discover
from flasklint.scan.options import FileJob
from flasklint.model import Diagnostic

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import ScanOptions

HEAD_BYTES = 512


def classify_file(file: DiscoveredFile) -> Optional[str]:
    kind = kinds.classify(file.display)
    if kind is None and kinds.needs_head(file.display):
        try:
            with open(file.path, "rb", buffering=0) as handle:
                head = handle.read(HEAD_BYTES) if Path(file.path).is_file() else b""
        except OSError:
            return None
        kind = kinds.classify(file.display, head)
    return kind


def _relative_to_root(file: DiscoveredFile) -> str:
    """The path below the scanned root, so a root that happens to sit in `tests/` marks nothing dev-only."""
    if file.relative is not None:  # computed by the walk, without a Path per file
        return file.relative or file.display
    try:
        return Path(file.path).relative_to(file.root).as_posix()
    except ValueError:
        return file.display


def plan(paths: Sequence[str], options: ScanOptions, diagnostics: list[Diagnostic]) -> list[FileJob]:
    return [job for job, _ in plan_with_stats(paths, options, diagnostics)]


def plan_with_stats(
    paths: Sequence[str], options: ScanOptions, diagnostics: list[Diagnostic], record: Optional[WalkRecord] = None,
) -> list[tuple[FileJob, Optional[os.stat_result]]]:
    """The jobs, each with the file's stat from the walk (the cache's fast path)."""
    jobs = []
    leftovers = []
    for file in discover(paths, options.exclude, diagnostics, options.force_exclude, record):
        if fix_leftovers.is_leftover_name(os.path.basename(str(file.path))):
            # Our own temporary file (a killed --fix): never a source, even
            # when its name still looks like one (`.Dockerfile.dev.x1y2z3w4.flasklint`).
            leftovers.append(str(file.path))
            continue
        kind = classify_file(file)
        if kind is None or analyzers.spec_for(kind) is None:
            continue
        reason = dev_reason(_relative_to_root(file), options.dev_paths)
        job = FileJob(
            str(file.path), file.display, kind, options.prefilter, tuple(options.dev_paths), str(file.root), reason,
            options.fixes,
        )
        jobs.append((job, file.stat))
    if leftovers:
        fix_leftovers.remove(leftovers)
    return jobs


def with_context(paths: Sequence[str], options: ScanOptions, diagnostics: list[Diagnostic], root: Optional[str],
                 record: Optional[WalkRecord] = None) -> tuple[list[tuple[FileJob, Optional[os.stat_result]]], set[str]]:
    """The named files' jobs, then every other file of their project `root` (context only: never reported)."""
    planned = plan_with_stats(paths, options, diagnostics, record)
    if root is None:
        return planned, set()
    given = {os.path.abspath(job.path) for job, _ in planned}
    everything = plan_with_stats([os.path.relpath(root)], options, [], record)
    # the named files take their place (and display path) in the project's walk, so edges resolve
    named = [(job, st) for job, st in everything if os.path.abspath(job.path) in given]
    context = [(job, st) for job, st in everything if os.path.abspath(job.path) not in given]
    found = {os.path.abspath(job.path) for job, _ in named}
    named += [(job, st) for job, st in planned if os.path.abspath(job.path) not in found]
    return named + context, {job.display for job, _ in context}
