"""What a scan is asked to do (`ScanOptions`) and what a worker gets for one file (`FileJob`).

Every stage of a scan reads these, and the pipeline (engine.py) calls the
stages, so they sit here, below all of them: no stage imports the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from flasklint.model import Severity


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
    reuse_scan: bool = False
    """With `cache`: report from the whole-scan memo when no file changed (see scanmemo.py). Only for
    callers that need no per-file results or graph (the memo holds neither)."""

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
