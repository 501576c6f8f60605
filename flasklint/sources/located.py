"""A string value read from a config file, and where each of its characters sits in that file.

YAML and TOML hand back *values*: quotes removed, escapes decoded, folded lines
joined. Findings and fixes need *file offsets*. A `LocatedText` keeps both: the
value, and for every character of it the offset of the file character it came
from, so a word found inside the value (by the shell splitter) maps back to the
exact place in the file.

The map is built by aligning the value with the raw text of the node, in order
(`align`). For plain and quoted scalars on one line and for literal block
scalars the alignment is exact character by character. Where the format
rewrote characters (escapes such as `\\t`, folded line breaks), the affected
characters map to the nearest source character that matches, so positions stay
on the right line; `is_verbatim` tells whether a range of the value appears in
the file unchanged, which is what decides whether a fix may edit it.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class LocatedText:
    """A value and its per-character file offsets (`offsets[i]` is where `value[i]` is).

    The offsets are a `range` when the value is the file's text (the usual case) and an array of
    machine integers otherwise: a tuple held an int object a character (40 bytes), so a 1 MB
    compose file of short commands held 11 MB of offsets, and one long scalar 40 times its length.
    """

    value: str
    offsets: Sequence[int]
    node_start: int
    """Start of the whole node (quotes and block headers included), for anchoring."""
    node_end: int
    style: str = ""
    """YAML scalar style ('' plain, "'", '"', '|', '>') or 'toml' / 'toml-literal'."""

    @classmethod
    def verbatim(cls, value: str, start: int, *, node_start: Optional[int] = None,
                 node_end: Optional[int] = None, style: str = "") -> "LocatedText":
        """A value that appears in the file exactly as it is, from `start` on."""
        return cls(
            value,
            range(start, start + len(value)),
            start if node_start is None else node_start,
            start + len(value) if node_end is None else node_end,
            style,
        )

    @property
    def start(self) -> int:
        """Offset of the value's first character (the node's start for an empty value)."""
        return self.offsets[0] if self.offsets else self.node_start

    @property
    def end(self) -> int:
        """Offset just after the value's last character."""
        return self.offsets[-1] + 1 if self.offsets else self.node_start

    def map_start(self, index: int) -> int:
        """File offset of the value character at `index` (clamped to the value)."""
        if not self.offsets:
            return self.node_start
        if index >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[max(index, 0)]

    def map_end(self, index: int) -> int:
        """File offset just after the value character at `index - 1` (an exclusive end)."""
        if not self.offsets:
            return self.node_start
        if index <= 0:
            return self.offsets[0]
        return self.offsets[min(index, len(self.offsets)) - 1] + 1

    def slice(self, start: int, end: Optional[int] = None) -> "LocatedText":
        """Part of the value (`NAME=value` split at `=`), keeping each character's offset."""
        end = len(self.value) if end is None else end
        offsets = self.offsets[start:end]
        node_start = offsets[0] if offsets else self.map_start(start)
        return LocatedText(self.value[start:end], offsets, node_start,
                           offsets[-1] + 1 if offsets else node_start, self.style)

    def is_copied_from(self, first: int) -> bool:
        """Whether each character sits at the offset after the one before, the first at `first`."""
        offsets = self.offsets
        if isinstance(offsets, range):
            return offsets.step == 1 and (not offsets or offsets.start == first)
        return offsets == array("q", range(first, first + len(offsets)))

    def is_verbatim(self, text: str, start: int, end: int) -> bool:
        """Whether value[start:end] appears unchanged in `text` at its mapped place."""
        if start >= end:
            return True
        first, last = self.map_start(start), self.map_end(end)
        return last - first == end - start and text[first:last] == self.value[start:end]


    def covers_verbatim(self, text: str, start: int, end: int) -> bool:
        """Whether the file range [start, end) holds value characters copied unchanged.

        Decides whether an edit of that range (a fix) edits the value as the
        file's format would read it back.
        """
        index = bisect.bisect_left(self.offsets, start)
        if index < len(self.offsets) and self.offsets[index] == start:
            return self.is_verbatim(text, index, index + (end - start))
        return start == end == self.end


def _matches(value_char: str, source_char: str) -> bool:
    if value_char == source_char:
        return True
    # A folded or quoted line break becomes a space; CRLF/CR become "\n".
    return (value_char == " " and source_char in "\r\n") or (value_char == "\n" and source_char == "\r")


def align(value: str, text: str, start: int, end: int) -> "array[int]":
    """Offsets in text[start:end] of each character of `value`, matched in order.

    Characters the format inserted or rewrote (an escape's decoded character, a
    final newline the file does not have) take the offset just after the last
    matched one, so every offset is monotonic and inside the node.
    """
    offsets = array("q")
    j = start
    last = start
    for char in value:
        k = j
        while k < end and not _matches(char, text[k]):
            k += 1
        if k < end:
            offsets.append(k)
            last = k
            j = k + 1
        else:  # not found: keep the position, do not run past the node
            offsets.append(min(last + 1, max(end - 1, start)) if offsets else start)
    return offsets

