"""Write a small project into a folder and scan it the way the CLI does (deployment model included)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import ScanResult, scan

OLD = 1_600_000_000


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def scan_project(root: Path, files: dict[str, str], *, include_dev: bool = False) -> ScanResult:
    """Scan `files` written under `root`; finding paths are relative to it."""
    write(root, files)
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        return scan(["."], ScanOptions(include_dev=include_dev))
    finally:
        os.chdir(cwd)


def summary(result: ScanResult) -> list[tuple[str, str, int, str, str]]:
    """(rule, path, line, severity, context) of every shown finding, sorted."""
    return sorted((f.rule, f.path.removeprefix("./"), f.span.start.line, f.severity.label, f.context)
                  for f in result.findings)


def age(root: Path) -> None:
    """Old mtimes everywhere, as in a real checkout (a tree written a moment ago is racy: no memo)."""
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, (OLD, OLD), follow_symlinks=False)
    os.utime(root, (OLD, OLD))


def every_way(paths: list[str], cache: Path, **options: Any) -> dict[str, list[Any]]:
    """[findings, hidden findings, files scanned] as JSON, of a cold run, a first cached run, a warm run from the
    per-file cache (the memo not asked) and a warm run from the whole-scan memo: four ways to one answer.
    The tree must be aged (`age`), or the memo is never trusted."""
    runs = {
        "cold": scan(paths, ScanOptions(jobs=1, **options)),
        "first": scan(paths, ScanOptions(jobs=1, cache=True, cache_dir=str(cache), reuse_scan=True, **options)),
        "per-file cache": scan(paths, ScanOptions(jobs=1, cache=True, cache_dir=str(cache), **options)),
        "memo": scan(paths, ScanOptions(jobs=1, cache=True, cache_dir=str(cache), reuse_scan=True, **options)),
    }
    assert runs["memo"].graph is None, "the warm run should have been answered by the memo"
    return {name: [[f.to_json() for f in r.findings], [f.to_json() for f in r.hidden], r.files_scanned]
            for name, r in runs.items()}
