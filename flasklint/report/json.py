"""The JSON contract: `{"version", "findings", "errors"}`, stable for other tools to parse."""

from __future__ import annotations

from typing import Any

from flasklint import __version__
from flasklint.catalog import load_catalog
from flasklint.engine import ScanResult
from flasklint.filenames import json_text


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
    }


def render(result: ScanResult) -> str:
    return json_text(document(result), indent=2) + "\n"
