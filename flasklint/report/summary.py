"""What a scan covered, counted so that no report calls a file clean that was never analysed.

Every planned file is either *analysed* or *not analysed*: a file whose
diagnostics say it could not be read, decoded or parsed (or whose analysis hit
an internal error, or whose YAML stops being analysed part-way) was not, and
it may hold findings. Paths the walk refused on purpose (symlinks out of the
root, FIFOs) are *skipped*. Counting lives here once, for the text, JSON and
markdown reports and the exit code of `--error-on-unanalysed`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic

NOT_ANALYSED = re.compile(
    r"not analysed|^cannot read: |^cannot read path|^cannot decode|^cannot parse|^cannot list directory|^cannot stat|"
    r"^internal error|before the error, were analysed|nothing before the error"
)
"""Diagnostics meaning the file (or path) was not analysed, at least not whole. Other diagnostics of
an analysed file (`line 3: not a NAME=value assignment; skipped`) are warnings about a part of it."""


def not_analysed(diagnostic: Diagnostic) -> bool:
    return bool(NOT_ANALYSED.search(diagnostic.message))


def plural(count: int, noun: str, plural_noun: str = "") -> str:
    """`1 file`, `2 files`, `0 files`."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


@dataclass(frozen=True)
class Coverage:
    analysed: int
    not_analysed: tuple[str, ...]
    """Paths (files, or named paths and folders that could not be read), sorted."""
    skipped: tuple[str, ...]
    findings: int
    by_rule: tuple[tuple[str, int], ...]
    """(rule id, count), by rule id."""

    def to_json(self) -> dict[str, Any]:
        return {
            "files": {"analysed": self.analysed, "not_analysed": len(self.not_analysed), "skipped": len(self.skipped)},
            "not_analysed": list(self.not_analysed),
            "skipped": list(self.skipped),
            "findings": self.findings,
            "by_rule": dict(self.by_rule),
        }


def coverage(result: ScanResult) -> Coverage:
    planned = set(result.results)
    failed: set[str] = set()
    skipped: set[str] = set()
    for diagnostic in result.diagnostics:
        if not_analysed(diagnostic):
            failed.add(diagnostic.path)
        elif diagnostic.path not in planned:
            skipped.add(diagnostic.path)
    analysed = max(result.files_scanned - len(failed & planned), 0)
    rules = Counter(f.rule for f in result.findings)
    return Coverage(
        analysed=analysed,
        not_analysed=tuple(sorted(failed)),
        skipped=tuple(sorted(skipped - failed)),
        findings=len(result.findings),
        by_rule=tuple(sorted(rules.items())),
    )


def headline(cov: Coverage) -> str:
    """`Found 3 findings in 12 files analysed; 1 file not analysed, 2 files skipped.`

    With no findings the line says "No findings" only about what was analysed,
    and names the files that were not as a reason for doubt, never as clean.
    """
    where = f"in {plural(cov.analysed, 'file')} analysed"
    extra = []
    if cov.not_analysed:
        extra.append(f"{plural(len(cov.not_analysed), 'file')} not analysed")
    if cov.skipped:
        extra.append(f"{plural(len(cov.skipped), 'file')} skipped")
    tail = f"; {', '.join(extra)}" if extra else ""
    if cov.findings:
        return f"Found {plural(cov.findings, 'finding')} {where}{tail}."
    if cov.not_analysed:
        them = "it" if len(cov.not_analysed) == 1 else "they"
        return f"No findings {where}{tail} ({them} may hold findings: see the errors)."
    return f"No findings {where}{tail}."


def by_rule_line(cov: Coverage) -> str:
    """`By rule: FL101 2, FL301 1` (empty when there are no findings)."""
    if not cov.by_rule:
        return ""
    return "By rule: " + ", ".join(f"{rule} {count}" for rule, count in cov.by_rule)


HIDDEN_LABELS = {"development": "development", "test": "test", "dead-setting": "dead setting"}
"""Each key of ScanResult.hidden_counts, as a count names it."""


def left_out(counts: dict[str, int]) -> str:
    """What the left-out findings are, in words true of these counts: `development-only or test`, with
    `dead-setting` when a setting without effect is among them."""
    kinds = ["development-only", "test"] + (["dead-setting"] if "dead-setting" in counts else [])
    return f"{', '.join(kinds[:-1])} or {kinds[-1]}"


def hidden_parts(counts: dict[str, int]) -> str:
    """`49 development, 3 test, 1 dead setting`: in that order, whatever the order of the counts."""
    order = list(HIDDEN_LABELS) + sorted(set(counts) - set(HIDDEN_LABELS))
    return ", ".join(f"{counts[key]} {HIDDEN_LABELS.get(key, key)}" for key in order if key in counts)


def hidden_because(counts: dict[str, int]) -> str:
    """SARIF run.properties.hiddenBecause: why the counted findings were left out (true of these counts)."""
    return f"{left_out(counts)}; --include-dev"
