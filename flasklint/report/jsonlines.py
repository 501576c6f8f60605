"""`json-lines`: one finding a line, each the same object as in the JSON report's `findings` list.

As ruff's `json-lines`: a stream that `jq -c`, log shippers and line-oriented tools read
without holding a document; JSON escapes every control character, so no line breaks early.
"""

from __future__ import annotations

from typing import Iterator

from flasklint.scan.engine import ScanResult
from flasklint.sources.filenames import json_text
from flasklint.report.json import finding_entries


def chunks(result: ScanResult) -> Iterator[str]:
    for entry in finding_entries(result):
        yield json_text(entry) + "\n"
