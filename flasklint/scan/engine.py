"""The scan pipeline: plan -> analyse (or the cache) -> project pass -> deployment model -> select.

Planning is flasklint.scan.planning, one file's analysis flasklint.scan.analysis, the
options and jobs every stage shares flasklint.scan.options; this module holds
the result and the order of the steps. It imports neither planning nor analysis
at load time: a warm run that reports from the whole-scan memo
(flasklint.scan.scanmemo) needs neither. Nothing here prints: results go back to
the CLI, which reports them.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence

from flasklint.model import Diagnostic, FileResult, Finding
from flasklint.scan.options import FileJob, ScanOptions
from flasklint.sources.scanroot import project_root, scan_root

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.deployment import Judged
    from flasklint.scan.scanmemo import Memo, ScanMemo


LEFT_OUT_CONTEXTS = ("development", "test")
"""Contexts whose findings the policy leaves out by default (flasklint.deployment)."""
DEAD_SETTING = "dead-setting"
"""How a finding left out in any other context is counted: only settings without effect are."""


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
    scan_memo: Optional["ScanMemo"] = None
    """The whole-scan memo file this scan read or wrote (None without a cache); see reportmemo.py."""
    notes: list[str] = field(default_factory=list)
    """Why the cache was not used, when it was asked for (shown with --verbose); see trust.py."""

    def hidden_counts(self) -> dict[str, int]:
        """How many findings were left out, by why: their context (development, test), or a dead setting.

        The deployment model's policy leaves out development and test findings, and, in any context, a setting
        that has no effect (`FLASK_ENV=development` under Flask 2.3+, flasklint.deployment.flaskversion): such a finding
        in production is counted as what it is, not as a production finding left out."""
        counts: dict[str, int] = {}
        for finding in self.hidden:
            why = finding.context if finding.context in LEFT_OUT_CONTEXTS else DEAD_SETTING
            counts[why] = counts.get(why, 0) + 1
        return dict(sorted(counts.items()))


def select_findings(findings: Sequence[Finding], options: ScanOptions) -> list[Finding]:
    """Selection, per-file ignores and severity overrides: applied after analysis, so caches stay valid."""
    from flasklint.findings import selection

    return selection.select(
        findings, options.select, options.ignore, options.per_file_ignores, options.severity, options.project_root
    )


def _analyze_all(planned: list[tuple[FileJob, Optional[os.stat_result]]], options: ScanOptions) -> list[FileResult]:
    """Every job's result, in job order: from the cache when it is fresh, else analysed (maybe in a pool)."""
    from flasklint.scan import budget
    from flasklint.scan.analysis import analyze_file, analyze_file_for_cache
    from flasklint.scan.workers import default_jobs, run_ordered

    total = len(planned)
    results: list[Optional[FileResult]] = [None] * total
    cache = None
    if options.cache:
        from flasklint.scan.cache import ResultCache, default_cache_dir, fingerprint, open_folder

        folder, _ = open_folder(default_cache_dir(options.cache_dir))  # scan() said why when it is None
        cache = ResultCache(folder, options.analysis_settings()) if folder is not None else None
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
                results[index] = cached
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
        items = [(planned[i][0], cache.known_hash(keys[i])) for i in todo]
        outcomes = run_ordered(analyze_file_for_cache, items, jobs, size)
    spent, over = 0, False
    pending = iter(outcomes)
    for index in range(total):  # the scan's order of files, cached or not, so the budget cuts the same files
        job = planned[index][0]
        if over:
            results[index] = budget.left_out(job.display)
            continue
        if results[index] is None:  # the next of `todo`, which is in this order too
            result, digest = next(pending)
            if cache is not None:
                if result is None:  # same content as the cached result's: reuse it, unless it is malformed
                    result = cache.result(keys[index])
                    if result is None:
                        result, digest = analyze_file_for_cache((job, None))
                if digest is not None and not result.facts.get("internal_error"):
                    cache.store(keys[index], stamps[index], digest, result.to_json())
            results[index] = result
            done += 1
            if options.progress:
                options.progress(done, total)
        spent += budget.weight(results[index])  # type: ignore[arg-type]
        if spent > budget.MAX_WEIGHT:  # this file and every later one: their results are not kept
            over = True
            results[index] = budget.left_out(job.display)
            close = getattr(pending, "close", None)
            if close is not None:
                close()  # stops the analysis (and the pool) of files whose results would be dropped
    if over and options.progress:
        options.progress(total, total)
    if cache is not None:
        cache.save()
    return [r if r is not None else FileResult() for r in results]


def scan(paths: Sequence[str], options: ScanOptions) -> ScanResult:
    result = ScanResult(root=scan_root(paths))
    root = project_root(paths) if options.project_context else None
    memo_file = None
    if options.cache:
        from flasklint.scan.cache import default_cache_dir, open_folder
        from flasklint.scan.scanmemo import ScanMemo

        folder, problem = open_folder(default_cache_dir(options.cache_dir))
        if folder is None:  # a cache this user cannot trust: scan as with --no-cache, say why with --verbose
            result.notes.append(f"cache not used: {problem}")
            options = dataclasses.replace(options, cache=False)
        else:
            memo_file = ScanMemo(folder, paths, options, root)
            result.scan_memo = memo_file
    memo = memo_file.lookup() if memo_file is not None and options.reuse_scan else None
    if memo is None and memo_file is not None and options.reuse_scan:
        memo = memo_file.lookup_named(_reanalyse)
    if memo is not None:
        result.results = dict.fromkeys(memo.analysed, FileResult())  # names only: what coverage counts
    else:
        from flasklint.scan.discovery import WalkRecord
        from flasklint.scan.planning import with_context

        record = WalkRecord() if memo_file is not None else None
        planned, context_only = with_context(paths, options, result.diagnostics, root, record)
        memo = _project(planned, context_only, options, result)
        if memo_file is not None and record is not None:
            from flasklint.scan.scanmemo import stamps

            named = _named_results(planned, context_only, options, result)
            recorded, trusted, context_trusted = stamps(
                [(job.path, st) for job, st in planned], record.folders, record.symlinks, memo_file.started_ns,
                record.links, named or ())
            memo_file.store(recorded, trusted, memo, context_trusted, named)
    result.files_scanned = memo.files_scanned
    result.diagnostics = list(memo.diagnostics)
    if options.shard is not None:
        from flasklint.scan import shard

        result.diagnostics = [d for d in result.diagnostics if shard.owned(d.path, options)]
    result.hidden = sorted(select_findings(memo.hidden, options), key=lambda f: f.sort_key)
    result.findings = sorted(select_findings(memo.shown, options), key=lambda f: f.sort_key)
    result.diagnostics.sort(key=lambda d: d.sort_key)  # by path, then line as a number
    return result


def _named_results(planned: list[tuple[FileJob, Optional[os.stat_result]]], context_only: set[str],
                   options: ScanOptions, result: ScanResult) -> Optional[dict[str, dict[str, Any]]]:
    """For a scan of a few named files in their project's context: each one's job and result digest, by path,
    so that the next run on the same files can tell whether their edit changed anything (scanmemo)."""
    from dataclasses import asdict

    from flasklint.scan.scanmemo import MAX_NAMED

    named = [job for job, _ in planned if job.display not in context_only]
    if not context_only or len(named) > MAX_NAMED or options.shard is not None:
        return None
    if any(result.results.get(job.display) is None for job in named):
        return None
    return {job.path: {"job": asdict(job), "result": _digest(result.results[job.display])} for job in named}


def _digest(result: FileResult) -> str:
    """A named file's result as the memo compares it: the hash of its bytes only --fix reads (never memoised)."""
    from flasklint.scan.analysis import CONTENT_HASH
    from flasklint.scan.scanmemo import result_digest

    return result_digest(result, (CONTENT_HASH,))


def _reanalyse(job: FileJob) -> Optional[str]:
    """The digest of a named file's result as a scan would give it now, or None when it would not be planned
    as `job` was."""
    from pathlib import Path

    from flasklint.scan.analysis import analyze_file
    from flasklint.scan.discovery import DiscoveredFile
    from flasklint.scan.planning import classify_file

    if classify_file(DiscoveredFile(job.path, job.display, Path(job.root))) != job.kind:
        return None
    return _digest(analyze_file(job))


DEPLOYMENT_ERROR_PATH = "."
"""Where the deployment model's own internal error is reported (it concerns the scan, not one file)."""


def _unjudged(findings: list[Finding], exc: Exception) -> "Judged":
    """The scan's findings as the analyzers made them, context unknown, when the deployment model failed."""
    import traceback

    from flasklint.deployment import Judged

    return Judged(shown=list(findings), diagnostics=[Diagnostic(
        DEPLOYMENT_ERROR_PATH,
        f"internal error in the deployment model ({type(exc).__name__}: {exc}); findings are reported without "
        f"their deployment context. Please report it with this traceback:\n{traceback.format_exc()}",
    )])


def _suppressed_across(shown: list[Finding], hidden: list[Finding], results: dict[str, FileResult],
                       places: Callable[[Finding], Iterable[tuple[str, int]]]) -> tuple[list[Finding], list[Finding]]:
    """The judged findings without those an inline suppression covers at any of their places, every file's
    suppressions recording these uses too (`--strict-noqa` reads them from `results`)."""
    from flasklint.findings import suppression
    records = {path: r.suppressions for path, r in results.items() if r.suppressions}
    if not records:
        return shown, hidden
    kept, uses = suppression.apply_across(shown + hidden, records, places)
    for path, updated in uses.items():
        results[path].suppressions = updated
    standing = {id(f) for f in kept}
    return [f for f in shown if id(f) in standing], [f for f in hidden if id(f) in standing]


def _project(planned: list[tuple[FileJob, Optional[os.stat_result]]], context_only: set[str], options: ScanOptions,
             result: ScanResult) -> "Memo":
    """Analyse the planned files, then the project pass and the deployment model: the scan before selection.

    Fills `result.results`, `result.jobs` and `result.graph` (what --fix and the picture need).
    """
    from flasklint import deployment
    from flasklint.deployment import flaskversion, project
    from flasklint.deployment.places import placer
    from flasklint.scan import shard
    from flasklint.scan.scanmemo import Memo

    diagnostics: list[Diagnostic] = result.diagnostics  # the walk's, then the files', then the project pass's
    result.diagnostics = []
    analysed = _analyze_all(planned, options) if options.shard is None else shard.analyze(planned, options, _analyze_all)
    findings: list[Finding] = []
    for (job, _), file_result in zip(planned, analysed):
        if file_result is None:  # another shard's file that no fact names
            continue
        result.results[job.display] = file_result
        findings.extend(file_result.findings)  # every file's: a finding is selected by its places, after judging
        if job.display not in context_only:
            diagnostics.extend(file_result.diagnostics)
    jobs = [job for job, _ in planned]
    result.jobs = [job for job in jobs if job.display not in context_only and shard.owned(job.display, options)]
    named = {job.display for job in jobs if job.display not in context_only}
    findings = project.merge(findings, project.link(result.results))
    findings = flaskversion.adjust(findings, result.results)  # FLASK_ENV by the pinned Flask
    analysed_jobs = [job for job in jobs if job.display in result.results]
    try:
        judged = deployment.judge(
            findings, result.results, {job.display: job.kind for job in analysed_jobs},
            {job.display: job.dev_reason for job in analysed_jobs}, include_dev=options.include_dev,
        )
    except Exception as exc:  # a bug in the model must not lose the findings: report them unjudged
        judged = _unjudged(findings, exc)
    result.graph = judged.graph
    diagnostics.extend(judged.diagnostics)
    places = placer(result.results)
    shown, hidden = _suppressed_across(judged.shown, judged.hidden, result.results, places)

    def reported(finding: Finding) -> bool:
        """This shard's (by where it sits), and named: any of its places is in a named file (see DESIGN.md)."""
        return shard.owned(finding.path, options) and any(path in named for path, _ in places(finding))

    return Memo(
        shown=[f for f in shown if reported(f)],
        hidden=[f for f in hidden if reported(f)],
        diagnostics=diagnostics,
        analysed=list(result.results),
        files_scanned=len(result.jobs),
    )

