"""Baselines: record today's findings by fingerprint, then report only new ones.

A team adopting flasklint on a large codebase writes a baseline once
(`--write-baseline`) and gates CI on `--baseline`, which blocks regressions
only. Entries are matched by fingerprint (rule, path relative to the scan
root, and the finding's code, see fingerprint.py), never by line number, so
inserting lines above a finding or moving its function within the file does
not bring it back. The file is JSON, meant to be committed and reviewed.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Sequence

from flasklint import __version__
from flasklint.findings import fingerprint
from flasklint.sources.filenames import json_text
from flasklint.model import Finding
from flasklint.sources.scanroot import relative_path

FORMAT_VERSION = 1


class BaselineError(Exception):
    """The baseline file is unreadable or not a flasklint baseline."""


def document(findings: Sequence[Finding], root: str) -> dict[str, Any]:
    entries = []
    for finding in findings:
        path = relative_path(finding.path, root)
        entries.append(
            {
                "rule": finding.rule,
                "path": path,
                "fingerprint": fingerprint.located(finding, path),
                "message": finding.message,
            }
        )
    return {"version": FORMAT_VERSION, "tool": f"flasklint {__version__}", "findings": entries}


def write(filename: str, findings: Sequence[Finding], root: str) -> None:
    try:
        with open(filename, "w", encoding="utf-8") as handle:
            handle.write(json_text(document(findings, root), indent=2))
            handle.write("\n")
    except OSError as exc:
        raise BaselineError(f"{filename}: cannot write: {exc.strerror or exc}") from None


def load(filename: str) -> Counter[str]:
    """The fingerprints of a baseline, with multiplicity."""
    try:
        with open(filename, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{filename}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{filename}: not JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{filename}: not UTF-8 (byte offset {exc.start})") from None
    except RecursionError:  # a baseline nests three levels; 100,000 brackets are not one
        raise BaselineError(f"{filename}: nested too deeply to be a flasklint baseline") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{filename}: not a flasklint baseline (version {FORMAT_VERSION})")
    try:
        return Counter(str(entry["fingerprint"]) for entry in data["findings"])
    except (KeyError, TypeError):
        raise BaselineError(f"{filename}: an entry lacks its fingerprint") from None


def new_findings(findings: Sequence[Finding], known: Counter[str], root: str) -> list[Finding]:
    """The findings the baseline does not account for; each entry absorbs one finding."""
    remaining = Counter(known)
    fresh = []
    for finding in findings:
        key = fingerprint.located(finding, relative_path(finding.path, root))
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(finding)
    return fresh
