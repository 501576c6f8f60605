"""A start's command words as its fact keeps them: differences, not offsets and positions.

The project pass asks a dev-server start again with the variables of the env
files it loads (`deployment/project.py`, `deployment/combine.py`), so the
start's fact keeps its words. Kept as file offsets with line/column positions,
a word held up to five integers past 256 (CPython shares only -5..256) besides
its ten slots: about 200 bytes a word, and a 4 MB script of 2,000
`flask run a a a ...` lines kept 48 MB of them. Kept as differences from the
word before, nearly every value is a shared small integer (8 bytes a value),
and the cached JSON is shorter too. Columns come back from the offsets of the
lines the words start and end on, which the fact keeps beside them.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

from flasklint.commands.shellwords import Word
from flasklint.model import Span

__all__ = ["WORD_FIELDS", "encode", "decode"]

WORD_FIELDS = 8
"""Values a word in one flat sequence: text; gap (its start minus the previous word's end, the first word's
start); length; quoted; plain_prefix; inner (inner_start minus start, -1 for none); line step (its line minus
the previous word's line, the first word's line); lines spanned (its end line minus its line)."""

Fields = tuple[str, int, int, bool, int, int, int, int, int, int]
"""A decoded word: text, start, end, quoted, plain_prefix, inner_start, line, column, end_line, end_column."""


def encode(words: Sequence[Word], span_of: Callable[[int, int], Span],
           share: Callable[[str], str]) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """The words as one flat tuple, and the lines they touch as flat (line, offset of its start) pairs."""
    flat: list[Any] = []
    line_starts: dict[int, int] = {}
    end = line = 0
    for word in words:
        span = span_of(word.start, word.end)
        first, last = span.start.line, span.end.line
        line_starts.setdefault(first, word.start - span.start.column + 1)
        line_starts.setdefault(last, word.end - span.end.column + 1)
        inner = word.inner_start - word.start if word.inner_start >= 0 else -1
        flat += (share(word.text), word.start - end, word.end - word.start, word.quoted, word.plain_prefix, inner,
                 first - line, last - first)
        end, line = word.end, first
    return tuple(flat), tuple(value for pair in sorted(line_starts.items()) for value in pair)


def decode(words: Sequence[Any], lines: Sequence[int]) -> Iterator[Fields]:
    """Each word's absolute fields again (a line missing from `lines` gives column 1)."""
    starts = dict(zip(lines[::2], lines[1::2]))
    end = line = 0
    for index in range(0, len(words) - WORD_FIELDS + 1, WORD_FIELDS):
        text, gap, length, quoted, plain_prefix, inner, step, spanned = words[index:index + WORD_FIELDS]
        start = end + gap
        end = start + length
        line += step
        last = line + spanned
        yield (text, start, end, quoted, plain_prefix, start + inner if inner >= 0 else -1,
               line, start - starts.get(line, start) + 1, last, end - starts.get(last, end) + 1)
