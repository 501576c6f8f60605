"""GitLab's code quality report: a JSON array of Code Climate issues, for `artifacts:reports:codequality`.

The fields GitLab reads (docs.gitlab.com/ci/testing/code_quality/, "Code Quality report
format"): `description`, `check_name`, `fingerprint`, `severity` (info, minor, major,
critical, blocker) and `location.path` with `location.lines.begin`. GitLab compares
fingerprints between the base and head pipelines to say which issues a merge request adds
or resolves, so each must be unique within a report and stable while the code is: it is made
of the finding's own fingerprint (its rule and code, not its line; see fingerprint.py), its
path and its rank among findings that share both. Paths are relative to the scan root, the
checkout (`$CI_PROJECT_DIR`), as GitLab matches them against the repository.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterator

from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import Streamed, json_chunks, utf8_bytes
from flasklint.model import Severity
from flasklint.sources.scanroot import relative_path

SEVERITY = {Severity.CRITICAL: "critical", Severity.HIGH: "major", Severity.MEDIUM: "minor", Severity.LOW: "info"}
"""Ours to GitLab's five levels; `blocker` is left for what stops a pipeline by itself."""


def _issues(result: ScanResult) -> Iterator[dict[str, Any]]:
    root = result.root or "."
    seen: dict[tuple[str, str], int] = {}
    for f in result.findings:
        path = relative_path(f.path, root)
        own = f.fingerprint or f"{f.rule}:{f.message}"
        rank = seen.get((own, path), 0)
        seen[(own, path)] = rank + 1
        fingerprint = hashlib.sha256(utf8_bytes(f"{own}\0{path}\0{rank}")).hexdigest()[:32]
        yield {
            "type": "issue",
            "check_name": f.rule,
            "description": f"{f.rule} [{f.severity.label}] {f.message}",
            "categories": ["Security"],
            "severity": SEVERITY[f.severity],
            "fingerprint": fingerprint,
            "location": {"path": path, "lines": {"begin": f.span.start.line, "end": f.span.end.line}},
        }


def chunks(result: ScanResult) -> Iterator[str]:
    yield from json_chunks(Streamed(_issues(result)))
    yield "\n"
