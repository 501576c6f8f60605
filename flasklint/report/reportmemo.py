"""Reports kept beside the whole-scan memo: a warm run on an unchanged tree writes the last run's bytes.

Why: with the whole-scan memo (scanmemo.py) a warm run's scan is one file
read, and turning its findings into a report then costs more than everything
else: SARIF for 650 findings (rules, fingerprints, fix regions, the JSON
encoder) took ~60 ms, so the format GitHub code scanning asks for ran 1.3-1.75x
as long as the text run on the same tree. A report is a pure function of the
scan's result and of the options applied after the scan, so it is kept under
a name made of both and written again as it was.

The key is the memo's token (a hash of the trusted memo file's bytes: a memo
computed again never meets an old report), every option applied after the
memo (selection, per-file ignores, severity overrides, their project root, the
shard) and every rendering option (format, SARIF category, source and context
frames). Runs that change the findings after the scan (`--baseline`, `--fix`)
or scan without a trusted memo neither read nor write a report. Markdown's
picture needs the deployment graph, which a memo does not hold: a markdown run
whose report is not kept computes the scan and keeps it, so the next one only
writes it. A report larger than MAX_CHARS is not kept; at most MAX_REPORTS are.

Writing happens while the report streams out (`recording`): the pieces go to
a temporary file renamed into place only when the report is complete, so a
run killed or cut off midway (a closed pipe) never leaves half a report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from flasklint.scan.cache import prepare_directory, prune, short_digest

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import ScanResult

MAX_REPORTS = 16
MAX_CHARS = 32 << 20
"""Reports beyond this many characters are rendered every time rather than kept (a cache folder stays small)."""
_ENCODING = {"encoding": "utf-8", "errors": "surrogateescape"}  # how reports are written to stdout or --output


class ReportMemo:
    """The kept report of one memoised scan rendered one way."""

    def __init__(self, directory: Path, token: str, options: "ScanOptions", rendering: dict[str, Any]) -> None:
        material = json.dumps(
            {
                "memo": token, "select": list(options.select), "ignore": list(options.ignore),
                "per_file_ignores": [[glob, list(rules)] for glob, rules in options.per_file_ignores],
                "severity": {rule: level.label for rule, level in options.severity.items()},
                "project_root": options.project_root, "shard": options.shard, "rendering": rendering,
            },
            sort_keys=True,
        )
        self.directory = directory
        self.path = directory / f"report-{short_digest(material.encode('utf-8', 'surrogateescape'))}.txt"

    @classmethod
    def for_result(cls, result: "ScanResult", options: "ScanOptions", **rendering: Any) -> Optional["ReportMemo"]:
        """The report memo of this scan and rendering, or None when the scan has no trusted memo."""
        memo = result.scan_memo
        if memo is None or memo.token is None:
            return None
        return cls(memo.directory, memo.token, options, rendering)

    def replay(self) -> Optional[str]:
        """The kept report, or None (none kept, or unreadable: the report is rendered)."""
        try:
            with open(self.path, "r", newline="", **_ENCODING) as handle:
                return handle.read()
        except (OSError, ValueError):
            return None

    def recording(self, pieces: Iterable[str]) -> Iterator[str]:
        """The pieces, unchanged; once the last has been taken, the whole report is kept."""
        import tempfile

        try:
            prepare_directory(self.directory)
            fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{self.path.name}.", suffix=".tmp")
        except OSError:
            yield from pieces  # a report that cannot be kept is not an error
            return
        handle = os.fdopen(fd, "w", newline="", **_ENCODING)
        size, complete = 0, False
        try:
            for piece in pieces:
                if handle is not None:
                    size += len(piece)
                    if size > MAX_CHARS:
                        handle.close()
                        handle = None
                    else:
                        handle.write(piece)
                yield piece
            complete = True
        finally:
            _finish(handle, temporary, self.path if complete else None)
        if complete:
            prune(self.directory, "report-", ".txt", MAX_REPORTS, current=self.path)


def _finish(handle: Any, temporary: str, destination: Optional[Path]) -> None:
    """Close the temporary; rename it to `destination` (a complete report kept), else remove it."""
    try:
        if handle is not None:
            handle.close()
            if destination is not None:
                os.replace(temporary, destination)
                return
        os.unlink(temporary)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
