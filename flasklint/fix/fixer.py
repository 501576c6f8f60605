"""Applying fixes: choose non-overlapping edits, re-analyse until stable, write files safely.

The scan keeps no file bytes, only a hash of what each file held when it was
analysed. Fixing re-reads each file that has applicable fixes once, refuses it
if it no longer matches that hash, then works on the decoded text in passes:
apply every fix whose edits overlap no edit already taken, check that the
result still parses, re-analyse the new text for the next pass (an overlapping
fix is offered again, now computed on the new text), and stop when nothing is
left to apply or after `MAX_PASSES`.

Writing is atomic (a temporary file in the same folder, fsync, `os.replace`)
and keeps the encoding, BOM, line endings (edits never change them), the file's
owner, group and mode (`os.fchown`, `os.fchmod` on the temporary file: run as
root, a rename would otherwise hand the file to root). A file is not written
when its owner cannot be kept (not permitted), when it changed on disk since
it was read (size, mtime, ctime, inode and content, checked again right before
the rename, so an editor's save in between is never overwritten), when it is
read-only, or when it is reached through a symlink whose target lies outside the
project root (`write_boundaries`); the write failing (EACCES, ENOSPC) leaves it
untouched. Each of these is a diagnostic.
"""

from __future__ import annotations

import bisect
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from flasklint.knowledge import kinds
from flasklint.findings import suppression
from flasklint.scan.analysis import CONTENT_HASH, analyze_source, read_file, read_file_stat
from flasklint.scan.options import FileJob, ScanOptions
from flasklint.scan.engine import ScanResult, select_findings
from flasklint.deployment import Graph, flaskversion, judge_findings
from flasklint.deployment.places import placer
from flasklint.scan.discovery import is_inside
from flasklint.model import Diagnostic, Edit, FileResult, Finding, Fix, FixSafety, Suppression
from flasklint.sources.source import DecodeError, SourceText, content_hash, decode

MAX_PASSES = 5
"""Passes per file: each pass applies what does not overlap, the next one sees the result."""


def _python_parses(text: str) -> bool:
    """Parses as Python of any version (flasklint.python.parsing: `ast`, then LibCST's grammar)."""
    from flasklint.python.parsing import parses

    return parses(text)


VALIDATORS: dict[str, Callable[[str], bool]] = {kinds.PYTHON: _python_parses}
"""Per file kind: does fixed text still parse? A pass whose result does not is applied fix by fix instead."""


@dataclass
class FileFix:
    """What fixing one file did."""

    job: FileJob
    original: str
    fixed: str
    applied: int
    findings: list[Finding]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: Optional[SourceText] = None
    """The file as read (its encoding and BOM are what writing uses)."""
    data: bytes = b""
    """The bytes read: the file is written only if it still holds exactly these."""
    stamp: Optional[tuple[int, ...]] = None
    """`_stamp` of the file as it was read: the file is written only if it still has this one."""

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass
class FixOutcome:
    fixed: int = 0
    files: list[FileFix] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outside_root: list[str] = field(default_factory=list)
    """Files whose fixes were not written because a symlink leads outside the project root."""

    def diff(self) -> str:
        return "".join(unified_diff(f.job.display, f.original, f.fixed) for f in self.files if f.changed)


def applicable(fix: Optional[Fix], unsafe: bool) -> bool:
    return fix is not None and (unsafe or fix.safety is FixSafety.SAFE)


# --------------------------------------------------------------------------- edits


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits given as offsets into `text`."""
    parts = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


class _TakenEdits:
    """Edits already chosen, sorted and mutually non-overlapping, so a new one is checked against
    its neighbours only (checking against all of them made 10,000 fixes in one file take minutes)."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._starts: list[int] = []

    def overlaps(self, edit: Edit) -> bool:
        index = bisect.bisect_left(self._starts, edit.start)
        if index > 0 and self.edits[index - 1].overlaps(edit):
            return True
        # Taken edits starting at or after edit.start overlap it only while they start before its end.
        while index < len(self.edits) and (self._starts[index] < edit.end or self._starts[index] == edit.start):
            if self.edits[index].overlaps(edit):
                return True
            index += 1
        return False

    def add(self, edits: Sequence[Edit]) -> None:
        for edit in edits:
            index = bisect.bisect_right(self._starts, edit.start)
            self._starts.insert(index, edit.start)
            self.edits.insert(index, edit)


def apply_fixes(text: str, fixes: Sequence[Fix], valid: Optional[Callable[[str], bool]] = None) -> tuple[str, int]:
    """Apply as many fixes as possible in one pass; returns the new text and how many were applied.

    A fix is taken only whole, and only when none of its edits overlaps an edit
    already taken (in the order of the fixes' first edits). When the combined
    result does not parse, fixes are applied one at a time and any that breaks
    the parse is left out.
    """
    ordered = sorted(fixes, key=lambda f: min((e.start, e.end) for e in f.edits) if f.edits else (0, 0))
    chosen: list[Fix] = []
    taken = _TakenEdits()
    for fix in ordered:
        if not fix.edits or any(e.start < 0 or e.end > len(text) or e.start > e.end for e in fix.edits):
            continue
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(a.overlaps(b) for a, b in zip(edits, edits[1:])) or any(taken.overlaps(e) for e in edits):
            continue
        chosen.append(fix)
        taken.add(edits)
    result = apply_edits(text, taken.edits)
    if valid is None or valid(result):
        return result, len(chosen)
    kept: list[Edit] = []
    count = 0
    for fix in chosen:
        attempt = apply_edits(text, kept + list(fix.edits))
        if valid(attempt):
            kept.extend(fix.edits)
            count += 1
    return apply_edits(text, kept), count


# --------------------------------------------------------------------------- files


def fix_file(job: FileJob, findings: list[Finding], expected_hash: Optional[str], options: ScanOptions, unsafe: bool,
             graph: Optional[Graph] = None, suppressions: Optional[Mapping[str, Sequence[Suppression]]] = None,
             results: Optional[dict[str, FileResult]] = None) -> FileFix:
    """Compute the fixed text of one file (nothing is written here).

    `suppressions`: the scan's, per file; with the graph they cover a finding of the file at any of its places
    again after each pass (a suppression on the Dockerfile CMD that runs app.py keeps app.py's finding unfixed).
    `results` (the scan's) judge a re-analysed file's FLASK_ENV findings by the project's pinned Flask, as the
    scan did: a dead setting the scan left out stays out of the next pass."""
    try:
        data, status = read_file_stat(job.path)
    except OSError as exc:
        return _refused(job, findings, f"cannot read for fixing: {exc.strerror or exc}; not fixed")
    if expected_hash is not None and content_hash(data) != expected_hash:
        return _refused(job, findings, "changed on disk since it was analysed; not fixed (run flasklint again)")
    try:
        source = decode(data, python=job.kind == kinds.PYTHON)
    except DecodeError as exc:
        return _refused(job, findings, f"cannot decode for fixing: {exc}; not fixed")
    outcome = FileFix(job, source.text, source.text, 0, findings, source=source, data=data, stamp=_stamp(status))
    valid = VALIDATORS.get(job.kind)
    text = source.text
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in outcome.findings if applicable(f.fix, unsafe)]
        if not fixes:
            break
        new_text, count = apply_fixes(text, [fix for fix in fixes if fix is not None], valid)
        if count == 0 or new_text == text:
            break
        text = new_text
        outcome.applied += count
        result = analyze_source(job, SourceText(text, source.encoding, source.bom))
        outcome.findings = select_findings(result.findings, options)
        if results is not None:
            outcome.findings = flaskversion.adjust(outcome.findings, {**results, job.display: result})
        if graph is not None:  # judged as the scan judged it: what the model leaves out stays out
            outcome.findings = judge_findings(graph, outcome.findings, {job.display: job.dev_reason},
                                              include_dev=options.include_dev).shown
            records = {**(suppressions or {}), job.display: result.suppressions}
            outcome.findings, _ = suppression.apply_across(outcome.findings, records, placer(records))
        outcome.diagnostics = list(result.diagnostics)
    outcome.fixed = text
    return outcome


def _refused(job: FileJob, findings: list[Finding], message: str) -> FileFix:
    return FileFix(job, "", "", 0, findings, [Diagnostic(job.display, message)])


CHANGED_WHILE_FIXING = "changed on disk while fixing; not written (run flasklint again)"


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    """What a save changes: size, mtime, and ctime (which `utime` cannot set back), on the same inode."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _unchanged(target: Path, fixed: FileFix) -> bool:
    """Whether `target` still is the file that was read: the same stamp and the same bytes."""
    try:
        data, status = read_file_stat(str(target))
    except OSError:
        return False
    return data == fixed.data and (fixed.stamp is None or _stamp(status) == fixed.stamp)


OUTSIDE_ROOT = "a symlink that leads outside the project root; not written"
"""Why a fix was not written through a symlink; the `--fix` summary counts these."""


def write_boundaries(result: ScanResult, options: ScanOptions) -> tuple[Path, ...]:
    """The folders a fix may write into: the scan root and the configuration's project root, resolved.

    A file named on the command line through a symlink (`link.py -> ../elsewhere/app.py`, or a
    linked folder on the way) is read, but its real location must still lie in one of these.
    """
    roots = [result.root] + ([options.project_root] if options.project_root else [])
    resolved = []
    for root in roots:
        try:
            resolved.append(Path(root).resolve(strict=True))
        except (OSError, RuntimeError):
            continue
    return tuple(resolved)


def write_fixed(fixed: FileFix, boundaries: Sequence[Path] = ()) -> Optional[str]:
    """Write a fixed file atomically; returns why it was not written, or None.

    The real target must lie under the root the file was walked from and, when
    `boundaries` are given, under one of them (see `write_boundaries`).
    """
    job, source, original = fixed.job, fixed.source, fixed.data
    if source is None:
        return "nothing was read; not written"
    path = Path(job.path)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return f"cannot resolve for writing: {getattr(exc, 'strerror', None) or exc}; not written"
    if target != path.absolute() and job.root and not is_inside(target, Path(job.root).resolve()):
        return OUTSIDE_ROOT
    if boundaries and not any(is_inside(target, root) for root in boundaries):
        return OUTSIDE_ROOT
    try:
        data = source.encode(fixed.fixed)
    except UnicodeEncodeError:
        return f"the fixed text cannot be encoded as {source.encoding}; not written"
    try:
        st = os.stat(target)
        if not os.access(target, os.W_OK) or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return "read-only; not written"  # the mode bits too: root may write anything, but was told not to
        if read_file(str(target)) != original:
            return CHANGED_WHILE_FIXING
    except OSError as exc:
        return f"cannot check before writing: {exc.strerror or exc}; not written"
    directory = target.parent
    temporary: Optional[str] = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".flasklint", dir=directory)
        try:
            view = memoryview(data)
            while view:
                written = os.write(handle, view)
                view = view[written:]
            try:  # before the mode: changing the owner clears set-id bits
                os.fchown(handle, st.st_uid, st.st_gid)
            except PermissionError as exc:
                return (f"cannot keep its owner and group ({st.st_uid}:{st.st_gid}): {exc.strerror or exc}; "
                        "not written")
            os.fchmod(handle, stat.S_IMODE(st.st_mode))
            os.fsync(handle)
        finally:
            os.close(handle)
        if not _unchanged(target, fixed):  # an editor's save since the file was read: keep it
            return CHANGED_WHILE_FIXING
        os.replace(temporary, target)
        temporary = None
        _fsync_directory(directory)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}; file left unchanged"
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return None


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not every platform lets a folder be opened, which is fine."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


# --------------------------------------------------------------------------- the whole scan


def fix_scan(result: ScanResult, options: ScanOptions, *, unsafe: bool, write: bool) -> FixOutcome:
    """Fix every file of a scan that has applicable fixes; updates `result` to what remains.

    With `write=False` nothing is written (for `--diff`), but `result` still
    shows what would remain.
    """
    outcome = FixOutcome()
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    remaining: list[Finding] = []
    handled: set[str] = set()
    boundaries = write_boundaries(result, options)
    suppressions = {path: r.suppressions for path, r in result.results.items() if r.suppressions}
    for job in result.jobs:
        findings = by_path.get(job.display, [])
        if not any(applicable(f.fix, unsafe) for f in findings):
            continue
        handled.add(job.display)
        file_result = result.results.get(job.display)
        expected = file_result.facts.get(CONTENT_HASH) if file_result is not None else None
        fixed = fix_file(job, findings, expected, options, unsafe, result.graph, suppressions, result.results)
        outcome.diagnostics.extend(fixed.diagnostics)
        if fixed.changed and write:
            problem = write_fixed(fixed, boundaries)
            if problem is not None:
                outcome.diagnostics.append(Diagnostic(job.display, problem))
                if problem == OUTSIDE_ROOT:
                    outcome.outside_root.append(job.display)
                remaining.extend(findings)
                continue
        if fixed.changed:
            outcome.files.append(fixed)
            outcome.fixed += fixed.applied
            remaining.extend(fixed.findings)
        else:
            remaining.extend(findings)
    remaining.extend(f for f in result.findings if f.path not in handled)
    result.findings = sorted(remaining, key=lambda f: f.sort_key)
    new = [d for d in outcome.diagnostics if d not in result.diagnostics]
    result.diagnostics = sorted(result.diagnostics + new, key=lambda d: (d.path, d.message))
    return outcome


def unified_diff(display: str, old: str, new: str) -> str:
    """A unified diff of one file's text (its own line endings kept)."""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=display, tofile=display
    ):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
