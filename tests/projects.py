"""Write a small project into a folder and scan it the way the CLI does (deployment model included)."""

from __future__ import annotations

from pathlib import Path

from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import ScanResult, scan


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
