"""The scan's budget for results (issue 22: at most 1 GiB on any tree): files past it are left out, the same
files on a cold and a warm run, each with a diagnostic, and nothing is lost below it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flasklint.model import Diagnostic, FileResult, Finding, Position, Severity, Span
from flasklint.report.summary import not_analysed
from flasklint.scan import budget
from flasklint.scan.engine import scan
from flasklint.scan.options import ScanOptions

SCRIPT = "#!/bin/sh\n" + "flask run --host 0.0.0.0 --debug\n" * 10


def _finding() -> Finding:
    return Finding(rule="FL101", path="a.sh", span=Span(Position(1, 1), Position(1, 2)), message="m",
                   severity=Severity.HIGH)


def test_a_result_weighs_its_findings_and_every_value_of_its_facts():
    result = FileResult(findings=[_finding()] * 3,
                        facts={"command_starts": [{"line": 1, "words": [" a", (0, "b")]}], "imports": ["x", "y"]})
    # findings 3 x 40; facts: the dict (2), the list (1), the start (2), its words (2), the tuple (2), imports (2)
    assert budget.weight(result) == 3 * budget.WEIGHT_OF_A_FINDING + 2 + 1 + 2 + 2 + 2 + 2


def test_weighing_deeply_nested_facts_does_not_recurse():
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    assert budget.weight(FileResult(facts={"deep": nested})) == 1 + 100_000


def _tree(root: Path, scripts: int) -> Path:
    root.mkdir()
    for index in range(scripts):
        (root / f"run{index:02d}.sh").write_text(SCRIPT)
    return root


def _files(result) -> tuple[list[str], list[str]]:
    """(files with findings, files left out), as the report gives them."""
    left = sorted(d.path for d in result.diagnostics if not_analysed(d))
    return sorted({f.path for f in result.findings}), left


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_past_the_budget_are_left_out_alike_cold_and_warm(jobs: int, tmp_path: Path, monkeypatch) -> None:
    tree = _tree(tmp_path / "proj", 6)
    monkeypatch.chdir(tree)
    alone = scan(["run00.sh"], ScanOptions(jobs=1, include_dev=True, project_context=False))
    one = budget.weight(alone.results["run00.sh"])
    assert one > 0
    whole = scan(["."], ScanOptions(jobs=jobs, include_dev=True))
    assert _files(whole) == ([f"run{i:02d}.sh" for i in range(6)], [])  # under the real budget: everything
    monkeypatch.setattr(budget, "MAX_WEIGHT", 3 * one + one // 2)  # room for three and a half scripts
    options = ScanOptions(jobs=jobs, include_dev=True, cache=True, cache_dir=str(tmp_path / "cache"), reuse_scan=False)
    cold = scan(["."], options)
    kept, left = [f"run{i:02d}.sh" for i in range(3)], [f"run{i:02d}.sh" for i in range(3, 6)]
    assert _files(cold) == (kept, left)
    assert [d.message for d in cold.diagnostics if d.path == "run03.sh"] == [
        "not analysed: the files before it gave more findings and facts than one scan keeps (a weight of "
        f"{budget.MAX_WEIGHT:,}, about 400 MB; scan fewer files at a time)"]
    os.utime(tree / "run04.sh")  # a warm run: cached results for some files, fresh ones for others
    assert _files(scan(["."], options)) == (kept, left)


def test_left_out_is_counted_as_not_analysed():
    (diagnostic,) = budget.left_out("x.sh").diagnostics
    assert not_analysed(diagnostic) and diagnostic == Diagnostic("x.sh", diagnostic.message)
