"""The JSON contract: `{"version", "findings", "errors", "summary"}`, stable for other tools to parse.

`summary` counts files analysed, not analysed and skipped (see summary.py) and findings per rule.
"""

from __future__ import annotations

from typing import Any, Iterator

from flasklint import __version__
from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import Streamed, json_chunks
from flasklint.report.summary import coverage


def finding_entries(result: ScanResult) -> Iterator[dict[str, Any]]:
    """Each finding as the JSON contract writes it (also one line each of `json-lines`)."""
    catalog = load_catalog()
    for finding in result.findings:
        entry = finding.to_json()
        yield {"rule": entry.pop("rule"), "name": catalog[finding.rule].name, **entry}


def _document(result: ScanResult, findings: Any) -> dict[str, Any]:
    return {
        "version": __version__,
        "findings": findings,
        "errors": [d.to_json() for d in result.diagnostics],
        "hidden": result.hidden_counts(),
        "summary": coverage(result).to_json(),
    }


def document(result: ScanResult) -> dict[str, Any]:
    return _document(result, list(finding_entries(result)))


def chunks(result: ScanResult) -> Iterator[str]:
    """The report in pieces, each finding's entry made as it is written (bounded memory)."""
    yield from json_chunks(_document(result, Streamed(finding_entries(result))))
    yield "\n"


def render(result: ScanResult) -> str:
    return "".join(chunks(result))
