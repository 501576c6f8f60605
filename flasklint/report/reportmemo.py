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

Trust (see flasklint/scan/trust.py): a kept report starts with one line
holding its length in bytes and a seal over its name and bytes with the
user's key. A report is written out only when both match what was read (at
most its size cap, never through a symlink): a truncated, emptied or foreign
report is rendered again and rewritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from flasklint.scan.cache import prepare_directory, prune, short_digest
from flasklint.scan.trust import SEAL_CHARS, CacheFolder

if TYPE_CHECKING:  # pragma: no cover
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import ScanResult

MAX_REPORTS = 16
MAX_CHARS = 32 << 20
"""Reports beyond this many characters are rendered every time rather than kept (a cache folder stays small)."""
_ENCODING = ("utf-8", "surrogateescape")  # how reports are written to stdout or --output
_HEADER = b"flasklint-report "
_LENGTH_DIGITS = 20
_HEADER_BYTES = len(_HEADER) + SEAL_CHARS + 1 + _LENGTH_DIGITS + 1
"""`flasklint-report <seal> <length, 20 digits>\n`: a fixed size, written last over a placeholder."""
MAX_BYTES = 4 * MAX_CHARS + _HEADER_BYTES
"""The read cap of a kept report: its characters, 4 bytes each at most in UTF-8."""


class ReportMemo:
    """The kept report of one memoised scan rendered one way."""

    def __init__(self, folder: CacheFolder, token: str, options: "ScanOptions", rendering: dict[str, Any]) -> None:
        material = json.dumps(
            {
                "memo": token, "select": list(options.select), "ignore": list(options.ignore),
                "per_file_ignores": [[glob, list(rules)] for glob, rules in options.per_file_ignores],
                "severity": {rule: level.label for rule, level in options.severity.items()},
                "project_root": options.project_root, "shard": options.shard, "rendering": rendering,
            },
            sort_keys=True,
        )
        self.folder = folder
        self.directory: Path = folder.path
        self.path = folder.path / f"report-{short_digest(material.encode('utf-8', 'surrogateescape'))}.txt"

    @classmethod
    def for_result(cls, result: "ScanResult", options: "ScanOptions", **rendering: Any) -> Optional["ReportMemo"]:
        """The report memo of this scan and rendering, or None when the scan has no trusted memo."""
        memo = result.scan_memo
        if memo is None or memo.token is None:
            return None
        return cls(memo.folder, memo.token, options, rendering)

    def replay(self) -> Optional[str]:
        """The kept report, or None (none kept, unreadable, or not as it was written: the report is rendered)."""
        try:
            data = self.folder.read(self.path.name, MAX_BYTES)
            header, body = data[:_HEADER_BYTES], data[_HEADER_BYTES:]
            if not header.startswith(_HEADER) or not header.endswith(b"\n"):
                return None
            seal, _, length = header[len(_HEADER):-1].decode("ascii").partition(" ")
            if not length.isdigit() or int(length) != len(body):
                return None  # truncated, or grown
            if not self.folder.verifies(seal, "report", self.path.name, body):
                return None
            return body.decode(*_ENCODING)
        except (OSError, ValueError):
            return None

    def recording(self, pieces: Iterable[str]) -> Iterator[str]:
        """The pieces, unchanged; once the last has been taken, the whole report is kept."""
        import tempfile

        try:
            prepare_directory(self.folder)
            fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{self.path.name}.", suffix=".tmp")
        except OSError:
            yield from pieces  # a report that cannot be kept is not an error
            return
        handle: Any = os.fdopen(fd, "wb")
        seal = self.folder.sealer("report", self.path.name)
        size, length, complete = 0, 0, False
        try:
            handle.write(b" " * _HEADER_BYTES)
            for piece in pieces:
                if handle is not None:
                    size += len(piece)
                    if size > MAX_CHARS:
                        handle.close()
                        handle = None
                    else:
                        data = piece.encode(*_ENCODING)
                        seal.update(data)
                        length += len(data)
                        handle.write(data)
                yield piece
            complete = True
            if handle is not None:
                handle.seek(0)
                handle.write(_HEADER + f"{seal.hexdigest()} {length:0{_LENGTH_DIGITS}d}\n".encode())
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
