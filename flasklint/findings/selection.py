"""Which findings a scan keeps, and at what severity: select/ignore, per-file ignores, severity overrides.

Applied after analysis, so a cached file result stays valid whatever the
configuration says. Paths in `per-file-ignores` are globs matched against the
path relative to the configuration file's folder, against the path as shown,
and (for a pattern without `/`) against the file name.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath
from typing import Iterable, Mapping, Optional, Sequence

from flasklint.model import Finding, Severity
from flasklint.sources.scanroot import relative_to


def matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """Whether a rule id is named by any selector: an id, a prefix (`FL1`), or `ALL`."""
    return any(s == "ALL" or rule_id.startswith(s) for s in selectors)


def path_matches(pattern: str, path: str, root: Optional[str]) -> bool:
    candidates = [path]
    relative = relative_to(path, root)
    if relative is not None:
        candidates.append(relative)
    if "/" not in pattern.rstrip("/"):
        candidates.append(PurePosixPath(path).name)
    pattern = pattern.rstrip("/")
    return any(fnmatch.fnmatch(c, pattern) or fnmatch.fnmatch(c, pattern + "/*") for c in candidates)


def overridden(finding: Finding, overrides: Mapping[str, Severity]) -> Finding:
    """Apply a configured severity; a finding the analyzer lowered (dev-only context) stays as many levels lower."""
    wanted = overrides.get(finding.rule)
    if wanted is None:
        return finding
    from flasklint.findings.catalog import load_catalog  # only with overrides: a warm run never reads the catalog

    default = load_catalog()[finding.rule].severity
    steps = max(default - finding.severity, 0)
    severity = wanted
    for _ in range(steps):
        severity = severity.lowered()
    return finding.with_changes(severity=severity)


def select(
    findings: Sequence[Finding],
    selected: Sequence[str],
    ignored: Sequence[str],
    per_file_ignores: Sequence[tuple[str, Sequence[str]]] = (),
    overrides: Mapping[str, Severity] = {},
    project_root: Optional[str] = None,
) -> list[Finding]:
    kept = []
    for finding in findings:
        if not matches(finding.rule, selected) or matches(finding.rule, ignored):
            continue
        if any(
            matches(finding.rule, rules) and path_matches(pattern, finding.path, project_root)
            for pattern, rules in per_file_ignores
        ):
            continue
        kept.append(overridden(finding, overrides))
    return kept
