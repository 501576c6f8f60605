"""Reading a file's bytes into text the way its language would, and mapping offsets to positions.

Decoding follows what the file's own tooling does: Python honours a BOM and a
PEP 263 coding cookie; other formats are UTF-8 (with or without BOM) or UTF-16
with a BOM. The original encoding, BOM and newline style are kept so `--fix`
can write the file back byte-compatible.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
from array import array
from dataclasses import dataclass, field, replace
from typing import Optional

from flasklint.model import Fix, Position, Span

# PEP 263: the cookie must be on line 1 or 2, in a comment.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_BLANK_OR_COMMENT = re.compile(rb"^[ \t\f]*(?:[#\r\n]|$)")

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Files larger than this are reported and skipped: no deployment file is that big."""


class DecodeError(Exception):
    """The bytes cannot be turned into text; the message is user-facing."""


_NEWLINE = re.compile("\n")
_ANY_NEWLINE = re.compile(r"\r\n|\r|\n")

@dataclass
class SourceText:
    """Decoded text plus what is needed to write it back unchanged."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    _line_starts: "Optional[array[int]]" = field(default=None, repr=False)
    _line_number: int = field(default=0, repr=False, compare=False)
    """The line of the last `position`: the next on the same line reuses its int (one per finding's line)."""

    @property
    def newline(self) -> str:
        """The file's dominant newline, for edits that insert lines."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        if crlf >= lf and crlf >= cr and crlf:
            return "\r\n"
        if cr > lf:
            return "\r"
        return "\n"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    @property
    def line_starts(self) -> "array[int]":
        """Offsets where each line begins; `\\r\\n`, `\\n` and a lone `\\r` all end a line.

        An array of machine integers, 8 bytes a line, filled from a scan for newlines: a list held an
        int object a line besides (40 bytes), and splitting the text first held a string a line, so
        15 MB of `A=1` lines held 366 MB to know where they start. (`io.StringIO` lines are 20% faster
        but copy the text at 4 bytes a character.)
        """
        if self._line_starts is None:
            starts = array("q", [0])
            newline = _ANY_NEWLINE if "\r" in self.text else _NEWLINE
            starts.extend(match.end() for match in newline.finditer(self.text))
            self._line_starts = starts
        return self._line_starts

    def line_text(self, line: int, limit: Optional[int] = None) -> str:
        """The text of a 1-based line without its newline; with `limit`, at most its first `limit` characters
        (a caller that shows a line's head copies that, not a 12 MB line, per finding)."""
        starts = self.line_starts
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        if limit is not None and end - start > limit + 2:
            return self.text[start:start + limit]  # longer than `limit` after the newline is gone too
        return self.text[start:end].rstrip("\r\n")

    def line(self, offset: int) -> int:
        """The 1-based line of an offset: `position(offset).line`, without the column (a fact per service)."""
        return bisect.bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> Position:
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        line = index + 1
        if line == self._line_number:
            line = self._line_number  # the words, span and edits of one command share one int, not one each
        else:
            self._line_number = line
        return Position(line, offset - starts[index] + 1)

    def offset(self, position: Position) -> int:
        starts = self.line_starts
        line = min(max(position.line, 1), len(starts))
        return min(starts[line - 1] + position.column - 1, len(self.text))

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(end))

    def line_span_compact(self, line: int, start: int, end: int) -> list[int]:
        """`span(start, end).to_compact()` for offsets the caller knows are on 1-based `line`: no search and
        no Span between, for facts that place every entry of a file (50,000 env assignments)."""
        line_start = self.line_starts[line - 1]
        return [line, start - line_start + 1, line, end - line_start + 1]

    def locate(self, fix: Fix) -> Fix:
        """The same fix with each edit's line/column range filled in from its offsets."""
        edits = tuple(replace(e, span=self.span(e.start, e.end)) for e in fix.edits)
        return replace(fix, edits=edits)


def _python_encoding(data: bytes) -> Optional[str]:
    """The PEP 263 cookie of the first two lines, if any."""
    lines = data.split(b"\n", 2)[:2]
    for index, line in enumerate(lines):
        match = _COOKIE.match(line)
        if match:
            return match.group(1).decode("ascii", "replace")
        if index == 0 and not _BLANK_OR_COMMENT.match(line):
            break
    return None


def decode(data: bytes, *, python: bool) -> SourceText:
    """Decode bytes as the file's language does, or raise DecodeError with the reason."""
    if data.startswith(codecs.BOM_UTF8):
        body, bom, encoding = data[3:], codecs.BOM_UTF8, "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom = data[:2]
        encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
        body = data[2:]
    else:
        body, bom, encoding = data, b"", "utf-8"
        if python:
            cookie = _python_encoding(data)
            if cookie:
                try:
                    encoding = codecs.lookup(cookie).name
                except LookupError:
                    raise DecodeError(f"unknown encoding {cookie!r} in the coding cookie") from None
    if b"\x00" in body and not encoding.startswith("utf-16"):
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid {encoding} (byte offset {exc.start}); add a coding cookie or re-encode the file"
        ) from None
    return SourceText(text=text, encoding=encoding, bom=bom)


def content_hash(data: bytes) -> str:
    """The identity of a file's bytes: the cache's truth and what --fix checks before writing."""
    return hashlib.sha256(data).hexdigest()


def read_at_most(fd: int, cap: int) -> bytes:
    """At most `cap + 1` bytes of an open file, read in chunks: one more than the cap tells a file that grew
    past it since its size was checked, without reading an endless one (a FIFO, /dev/zero) to the end."""
    chunks = []
    remaining = cap + 1
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
