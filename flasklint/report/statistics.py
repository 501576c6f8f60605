"""`--statistics`: how many findings each rule has, most first (ruff's `--statistics`), instead of the findings."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import json_text


def counts(result: ScanResult) -> list[dict[str, Any]]:
    """One entry per rule with findings: most findings first, then by rule id."""
    catalog = load_catalog()
    tally = Counter(f.rule for f in result.findings)
    return [
        {"code": rule, "name": catalog[rule].name, "severity": catalog[rule].severity.label, "count": count}
        for rule, count in sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    ]


def chunks(result: ScanResult, *, as_json: bool = False) -> Iterator[str]:
    rows = counts(result)
    if as_json:
        yield json_text(rows, indent=2) + "\n"
        return
    width = max((len(str(row["count"])) for row in rows), default=1)
    for row in rows:
        yield f"{row['count']:>{width}}\t{row['code']}\t{row['name']} [{row['severity']}]\n"
