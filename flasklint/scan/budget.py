"""What one scan keeps of its files' results: a budget, so that no tree can take the scan past 1 GiB.

Each file's findings and facts are bounded on their own (a file keeps 1,000
findings, 1,000 starts, 5,000 assignments: `analyzers/base.py`), but a scan
holds every file's result until the project pass and the report: 100 scripts
of 1,000 `flask run --debug` lines (3.6 MB) peaked at 295 MiB, and 400 would
have passed 1 GiB. So results are weighed as they come in, in the scan's own
order of files (the same on a cold and a warm run), and once the files so far
weigh MAX_WEIGHT the later ones are not analysed, each with a diagnostic.

The weight approximates memory: a finding (its place, message, fix, lines and
fingerprint) costs about 1.5 KB, as much as WEIGHT_OF_A_FINDING values of a
fact; a fact counts each of its values (strings, numbers) once. Measured, a
unit is about 42 bytes of peak (one such script weighs 71,002 and adds 3 MB),
so the bound is about 420 MB of results: 400 of those scripts now peak at
502 MiB with the first 140 kept. The largest real repository judged, moto
(2,621 files), weighs 7,549 (124,365 with --no-prefilter).
"""

from __future__ import annotations

from typing import Any

from flasklint.model import Diagnostic, FileResult

__all__ = ["MAX_WEIGHT", "WEIGHT_OF_A_FINDING", "weight", "left_out"]

WEIGHT_OF_A_FINDING = 40
"""A finding weighs as much as this many values of a fact (about 1.5 KB against about 35 bytes)."""
MAX_WEIGHT = 10_000_000
"""What the results of one scan may weigh before later files are left out: about 400 MB of results."""


def weight(result: FileResult) -> int:
    """How much of the scan's memory a file's result takes, in values of a fact (see the module docstring)."""
    total = WEIGHT_OF_A_FINDING * len(result.findings)
    pending: list[Any] = [result.facts]
    while pending:  # iterative: facts are data the scan built, but nested lists are no reason to recurse
        value = pending.pop()
        if isinstance(value, dict):
            total += len(value)
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            total += len(value)
            pending.extend(item for item in value if isinstance(item, (dict, list, tuple)))
    return total


def left_out(path: str) -> FileResult:
    """The result of a file past the budget: nothing, and the reason (counted as not analysed)."""
    return FileResult(diagnostics=[Diagnostic(
        path, f"not analysed: the files before it gave more findings and facts than one scan keeps "
              f"(a weight of {MAX_WEIGHT:,}, about 400 MB; scan fewer files at a time)")])
