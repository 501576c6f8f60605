"""The JSON contract: `{"version", "findings", "errors", "summary"}`, stable for other tools to parse.

`summary` counts files analysed, not analysed and skipped (see summary.py) and findings per rule.
"""

from __future__ import annotations

from typing import Any

from flasklint import __version__
from flasklint.catalog import load_catalog
from flasklint.engine import ScanResult
from flasklint.filenames import json_text
from flasklint.report.summary import coverage


def document(result: ScanResult) -> dict[str, Any]:
    catalog = load_catalog()
    findings = []
    for finding in result.findings:
        entry = finding.to_json()
        findings.append({"rule": entry.pop("rule"), "name": catalog[finding.rule].name, **entry})
    return {
        "version": __version__,
        "findings": findings,
        "errors": [d.to_json() for d in result.diagnostics],
        "hidden": result.hidden_counts(),
        "summary": coverage(result).to_json(),
    }


def render(result: ScanResult) -> str:
    return json_text(document(result), indent=2) + "\n"
