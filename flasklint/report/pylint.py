"""`pylint`: pylint's parseable template, `{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}`.

What ruff writes for `--output-format pylint`, and what editors' and CI plug-ins built for
pylint (Jenkins warnings-ng, reviewdog's `-efm`, problem matchers) already read. The object
slot is empty: a finding belongs to a line, not to a function. Text from the scanned
repository is spelled out like the text report's (`terminal_safe`).
"""

from __future__ import annotations

from typing import Iterator

from flasklint.findings.catalog import load_catalog
from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import terminal_safe


def chunks(result: ScanResult) -> Iterator[str]:
    catalog = load_catalog()
    for f in result.findings:
        yield (f"{terminal_safe(f.path)}:{f.span.start.line}: [{f.rule}({catalog[f.rule].name}), ] "
               f"[{f.severity.label}] {terminal_safe(f.message)}\n")
