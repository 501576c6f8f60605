"""The scan pipeline: discover -> classify -> read -> prefilter -> analyze -> project pass -> select.

`analyze_file` is a pure function of one file job, so it can run in a worker
process or be replaced by a cache hit without the rest of the pipeline knowing.
Nothing here prints: results go back to the CLI, which reports them.
"""

from __future__ import annotations

import codecs
import os
import stat
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from flasklint import analyzers, deployment, flaskversion, kinds, project, selection, shard, suppression
from flasklint import leftovers as fix_leftovers
from flasklint.analyzers.base import AnalysisContext
from flasklint.context import dev_reason
from flasklint.discovery import DiscoveredFile, discover
from flasklint.model import Diagnostic, FileResult, Finding, Severity
from flasklint.scanroot import scan_root
from flasklint.source import MAX_FILE_BYTES, DecodeError, SourceText, content_hash, decode

HEAD_BYTES = 512


@dataclass
class ScanOptions:
    select: Sequence[str] = ("ALL",)
    ignore: Sequence[str] = ()
    exclude: Sequence[str] = ()
    prefilter: bool = True
    per_file_ignores: Sequence[tuple[str, Sequence[str]]] = ()
    """(glob, rule selectors) pairs from the configuration."""
    severity: dict[str, Severity] = field(default_factory=dict)
    """Per-rule severity overrides from the configuration."""
    dev_paths: Sequence[str] = ()
    """Globs of development-only files (configuration `dev-paths`), handed to analyzers in the context."""
    project_root: Optional[str] = None
    """The folder of the configuration file; per-file-ignores are relative to it."""
    force_exclude: bool = False
    """Apply excludes to files named on the command line too (pre-commit names every file)."""
    jobs: int = 0
    """Worker processes; 0 means one per CPU. The pool starts only when the work justifies it."""
    cache: bool = False
    """Reuse per-file results from the cache (the CLI turns this on unless --no-cache)."""
    cache_dir: Optional[str] = None
    """Where the cache lives; None: $FLASKLINT_CACHE_DIR, else .flasklint_cache/ in the project root."""
    progress: Optional[Callable[[int, int], None]] = None
    """Called with (files done, files total) as the scan advances; the engine itself never prints."""
    include_dev: bool = False
    """Also report development-only and test findings (at low severity); see flasklint.deployment."""
    project_context: bool = True
    """When only files are named (pre-commit), read the rest of their project for launchers, report the files."""
    fixes: bool = True
    """Build fixes. Python fixes need LibCST, by far the dearest step of a scan; the CLI asks for
    them only when it will use them (--fix, --diff, JSON and SARIF output)."""
    shard: Optional[tuple[int, int]] = None
    """(i, n) of --shard i/n: report only this share of the files (see shard.py); None: all."""

    def analysis_settings(self) -> dict[str, Any]:
        """Every option that changes what an analyzer produces: the cache key depends on these.

        Add here anything passed into AnalysisContext. select/ignore, per-file
        ignores and severity overrides are applied after analysis, so they are not.
        """
        return {"prefilter": self.prefilter, "dev_paths": sorted(self.dev_paths), "fixes": self.fixes}


@dataclass(frozen=True)
class FileJob:
    """Everything a worker needs to analyse one file."""

    path: str
    display: str
    kind: str
    prefilter: bool = True
    dev_paths: tuple[str, ...] = ()
    root: str = ""
    """The scanned root the file was found under (a fix never writes through a symlink leaving it)."""
    dev_reason: Optional[str] = None
    fixes: bool = True
    """Whether analyzers build fixes (see ScanOptions.fixes)."""


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_scanned: int = 0
    results: dict[str, FileResult] = field(default_factory=dict)
    root: str = ""
    """The scan root report paths are relative to (see scanroot.py)."""
    jobs: list[FileJob] = field(default_factory=list)
    hidden: list[Finding] = field(default_factory=list)
    """Development-only and test findings the policy leaves out by default (counted in summaries)."""
    graph: Any = None
    """The deployment graph of this scan (flasklint.deployment.graph.Graph)."""

    def hidden_counts(self) -> dict[str, int]:
        """How many findings were left out, per context (development, test)."""
        counts: dict[str, int] = {}
        for finding in self.hidden:
            counts[finding.context] = counts.get(finding.context, 0) + 1
        return dict(sorted(counts.items()))


def _read(path: str) -> bytes:
    """Read a regular file, refusing anything that could block or is absurdly large."""
    # O_NONBLOCK: a FIFO that replaced a file since discovery must not hang the scan.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise OSError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; skipped")
        chunks = []
        remaining = MAX_FILE_BYTES + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES:
            raise OSError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; skipped")
        return data
    finally:
        os.close(fd)


def _unreadable(job: FileJob, exc: OSError) -> FileResult:
    reason = exc.strerror or str(exc)
    return FileResult(diagnostics=[Diagnostic(job.display, f"cannot read: {reason}")])


def _as_utf8(data: bytes) -> bytes:
    """The bytes the byte-level prefilter can read: UTF-16 text (with its BOM) re-encoded as UTF-8.

    The prefilter looks for ASCII words such as `app.run`; in UTF-16 every other byte is NUL, so a
    UTF-16 file with a finding was skipped unread.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace").encode("utf-8")
    return data


def analyze_file(job: FileJob) -> FileResult:
    """Analyse one file; every failure becomes a diagnostic, never an exception."""
    try:
        data = _read(job.path)
    except OSError as exc:
        return _unreadable(job, exc)
    return analyze_bytes(job, data)


def analyze_file_for_cache(item: tuple[FileJob, Optional[str]]) -> tuple[Optional[FileResult], Optional[str]]:
    """(result, content hash) of one file; result None when the content hash equals the known one.

    Runs in workers: the file is read once, hashed for the cache, and analysed
    only when its content differs from what the cache holds.
    """
    job, known = item
    try:
        data = _read(job.path)
    except OSError as exc:
        return _unreadable(job, exc), None
    digest = content_hash(data)
    if digest == known:
        return None, digest
    return analyze_bytes(job, data, digest), digest


CONTENT_HASH = "sha256"
"""The FileResult fact holding the hash of the bytes a file's fixes were computed from."""

SKIPPED_BINARY = "skipped_binary"
"""The FileResult fact saying why an extensionless binary file was skipped (shown only with --verbose)."""


def _binary_program(job: FileJob, data: bytes) -> bool:
    """An extensionless file with NUL bytes: a compiled program or archive in bin/, a zip fixture.

    Such a name is classified by its first bytes (a shebang: zipapps and self-extracting
    installers start with one) or is a bare name like `Procfile`; binary content there is
    normal, not a problem to warn about. A `.py` or `.yml` file with NUL bytes still is.
    """
    return "." not in job.display.rpartition("/")[2] and b"\x00" in data


def analyze_bytes(job: FileJob, data: bytes, digest: Optional[str] = None) -> FileResult:
    """Analyse one file's bytes (what `analyze_file` does after reading)."""
    try:
        screened = _as_utf8(data)
        if job.prefilter and not analyzers.prefilter_for(job.kind)(screened) and not suppression.has_explicit_suppression(screened):
            return analyzers.screen_facts(job.kind, screened)
        source = decode(data, python=job.kind == kinds.PYTHON)
    except DecodeError as exc:
        if _binary_program(job, data):
            return FileResult(facts={SKIPPED_BINARY: f"{exc}; skipped"})
        return FileResult(diagnostics=[Diagnostic(job.display, f"cannot decode: {exc}; not analysed")])
    except Exception as exc:  # a bug in a prefilter or the decoder must not stop the scan either
        return internal_error(job, exc)
    result = analyze_source(job, source)
    result.facts[CONTENT_HASH] = digest or content_hash(data)  # --fix writes only if the file still has these bytes
    return result


def analyze_source(job: FileJob, source: SourceText) -> FileResult:
    """Analyse decoded text (a file's, or the text `--fix` produced); never raises."""
    context = AnalysisContext(display_path=job.display, kind=job.kind, dev_reason=job.dev_reason, options={"dev_paths": job.dev_paths, "fixes": job.fixes})
    try:
        return analyzers.analyze(job.kind, source, context)
    except Exception as exc:  # an internal error in one file must not stop the scan
        return internal_error(job, exc)


def internal_error(job: FileJob, exc: Exception) -> FileResult:
    """The result of a file whose analysis raised: a diagnostic naming it, the traceback for --verbose."""
    return FileResult(
        diagnostics=[
            Diagnostic(
                job.display,
                f"internal error while analysing ({type(exc).__name__}: {exc}); "
                "rerun with --verbose for the traceback and please report it",
            )
        ],
        facts={"internal_error": traceback.format_exc()},
    )


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
    return [job for job, _ in _plan(paths, options, diagnostics)]


def _plan(
    paths: Sequence[str], options: ScanOptions, diagnostics: list[Diagnostic]
) -> list[tuple[FileJob, Optional[os.stat_result]]]:
    """The jobs, each with the file's stat from the walk (the cache's fast path)."""
    jobs = []
    leftovers = []
    for file in discover(paths, options.exclude, diagnostics, options.force_exclude):
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


def select_findings(findings: Sequence[Finding], options: ScanOptions) -> list[Finding]:
    """Selection, per-file ignores and severity overrides: applied after analysis, so caches stay valid."""
    return selection.select(
        findings, options.select, options.ignore, options.per_file_ignores, options.severity, options.project_root
    )


def _analyze_all(planned: list[tuple[FileJob, Optional[os.stat_result]]], options: ScanOptions) -> list[FileResult]:
    """Every job's result, in job order: from the cache when it is fresh, else analysed (maybe in a pool)."""
    from flasklint.workers import default_jobs, run_ordered

    total = len(planned)
    results: list[Optional[FileResult]] = [None] * total
    cache = None
    if options.cache:
        from flasklint.cache import ResultCache, default_cache_dir, fingerprint

        cache = ResultCache(default_cache_dir(options.cache_dir), options.analysis_settings())
    keys: list[str] = []
    stamps: list[Any] = []
    todo: list[int] = []
    for index, (job, st) in enumerate(planned):
        if cache is not None:
            key = cache.key(job.path, job.display, job.kind)
            stamp = fingerprint(st)
            keys.append(key)
            stamps.append(stamp)
            cached = cache.fresh(key, stamp)
            if cached is not None:
                results[index] = FileResult.from_json(cached)
                continue
        todo.append(index)
    done = total - len(todo)
    if options.progress:
        options.progress(done, total)
    size = sum(planned[i][1].st_size for i in todo if planned[i][1] is not None)
    jobs = options.jobs or default_jobs()
    if cache is None:
        outcomes: Any = ((result, None) for result in run_ordered(analyze_file, [planned[i][0] for i in todo], jobs, size))
    else:
        items = [(planned[i][0], cache.entries.get(keys[i], {}).get("hash")) for i in todo]
        outcomes = run_ordered(analyze_file_for_cache, items, jobs, size)
    for index, (result, digest) in zip(todo, outcomes):
        if cache is not None:
            if result is None:
                result = FileResult.from_json(cache.entries[keys[index]]["result"])
            if digest is not None and not result.facts.get("internal_error"):
                cache.store(keys[index], stamps[index], digest, result.to_json())
        results[index] = result
        done += 1
        if options.progress:
            options.progress(done, total)
    if cache is not None:
        cache.save()
    return [r if r is not None else FileResult() for r in results]


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


def _with_context(paths: Sequence[str], options: ScanOptions, diagnostics: list[Diagnostic]
                  ) -> tuple[list[tuple[FileJob, Optional[os.stat_result]]], set[str]]:
    """The named files' jobs, then every other file of their project (context only: never reported)."""
    planned = _plan(paths, options, diagnostics)
    root = project_root(paths) if options.project_context else None
    if root is None:
        return planned, set()
    given = {os.path.abspath(job.path) for job, _ in planned}
    everything = _plan([os.path.relpath(root)], options, [])
    # the named files take their place (and display path) in the project's walk, so edges resolve
    named = [(job, st) for job, st in everything if os.path.abspath(job.path) in given]
    context = [(job, st) for job, st in everything if os.path.abspath(job.path) not in given]
    found = {os.path.abspath(job.path) for job, _ in named}
    named += [(job, st) for job, st in planned if os.path.abspath(job.path) not in found]
    return named + context, {job.display for job, _ in context}


def scan(paths: Sequence[str], options: ScanOptions) -> ScanResult:
    result = ScanResult(root=scan_root(paths))
    planned, context_only = _with_context(paths, options, result.diagnostics)
    analysed = _analyze_all(planned, options) if options.shard is None else shard.analyze(planned, options, _analyze_all)
    for (job, _), file_result in zip(planned, analysed):
        if file_result is None:  # another shard's file that no fact names
            continue
        result.results[job.display] = file_result
        if job.display in context_only:
            continue
        result.findings.extend(file_result.findings)
        result.diagnostics.extend(file_result.diagnostics)
    jobs = [job for job, _ in planned]

    def reported(path: str) -> bool:
        """Named (not context only) and this shard's."""
        return path not in context_only and shard.owned(path, options)

    result.jobs = [job for job in jobs if reported(job.display)]
    result.files_scanned = len(result.jobs)
    result.findings = project.merge(result.findings, project.link(result.results))
    result.findings = flaskversion.adjust(result.findings, result.results)  # FLASK_ENV by the pinned Flask
    analysed_jobs = [job for job in jobs if job.display in result.results]
    judged = deployment.judge(
        result.findings, result.results, {job.display: job.kind for job in analysed_jobs},
        {job.display: job.dev_reason for job in analysed_jobs}, include_dev=options.include_dev,
    )
    result.graph = judged.graph
    result.diagnostics.extend(judged.diagnostics)
    if options.shard is not None:
        result.diagnostics = [d for d in result.diagnostics if shard.owned(d.path, options)]
    result.hidden = sorted(select_findings([f for f in judged.hidden if reported(f.path)], options),
                           key=lambda f: f.sort_key)
    result.findings = sorted(select_findings([f for f in judged.shown if reported(f.path)], options),
                             key=lambda f: f.sort_key)
    result.diagnostics.sort(key=lambda d: d.sort_key)  # by path, then line as a number
    return result
