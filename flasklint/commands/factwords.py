"""A start's command words as its fact keeps them: the texts in one string, the rest only where it is unusual.

The project pass asks a dev-server start again with the variables of the env
files it loads (`deployment/project.py`, `deployment/combine.py`), so the
start's fact keeps its words. Kept as objects, or as ten numbers a word, a word
cost 60 to 200 bytes: a 1 MiB script of `flask run a a a ...` lines (two bytes
a word) kept about 13 MB of them. Nearly every word of a command is *plain*:
unquoted, one blank after the word before it on the same line, its text the
file's characters. A plain word costs only its text and a space in one joined
string; the other words (the first of each line, quoted or escaped words, words
after more than one blank) also keep their eight fields (`WORD_FIELDS`) as
differences from the word before. Columns come back from the offsets of the
lines the words start and end on, which the fact keeps beside them.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

from flasklint.commands.shellwords import Word
from flasklint.model import Span

__all__ = ["WORD_FIELDS", "encode", "decode"]

WORD_FIELDS = 8
"""Fields an unusual word keeps, after its index: text; gap (its start minus the previous word's end, the
first word's start); length; quoted; plain_prefix; inner (inner_start minus start, -1 for none); line step
(its line minus the previous word's line, the first word's line); lines spanned (its end line minus its line).
A plain word is gap 1, length len(text), unquoted, inner 0, step 0, spanned 0."""

Encoded = tuple[str, tuple[Any, ...]]
"""The words' texts joined by single spaces (an unusual word's left empty), and the unusual words flat:
index, then its WORD_FIELDS fields."""

Fields = tuple[str, int, int, bool, int, int, int, int, int, int]
"""A decoded word: text, start, end, quoted, plain_prefix, inner_start, line, column, end_line, end_column."""


def _plain(text: str, gap: int, length: int, quoted: bool, plain_prefix: int, inner: int, step: int,
           spanned: int) -> bool:
    """Whether the word comes back from its text alone (a plain word never holds a blank: the shell split there)."""
    return (gap == 1 and not quoted and plain_prefix == -1 and inner == 0 and step == 0 and spanned == 0
            and length == len(text) and text != "" and " " not in text)


def encode(words: Sequence[Word], span_of: Callable[[int, int], Span],
           share: Callable[[str], str]) -> tuple[Encoded, tuple[int, ...]]:
    """The words as (joined texts, unusual words), and the lines they touch as flat (line, offset of its start) pairs."""
    texts: list[str] = []
    unusual: list[Any] = []
    line_starts: dict[int, int] = {}
    end = line = 0
    for index, word in enumerate(words):
        span = span_of(word.start, word.end)
        first, last = span.start.line, span.end.line
        line_starts.setdefault(first, word.start - span.start.column + 1)
        line_starts.setdefault(last, word.end - span.end.column + 1)
        inner = word.inner_start - word.start if word.inner_start >= 0 else -1
        fields = (word.text, word.start - end, word.end - word.start, word.quoted, word.plain_prefix, inner,
                  first - line, last - first)
        if _plain(*fields):
            texts.append(word.text)
        else:
            texts.append("")
            unusual += (index, share(word.text), *fields[1:])
        end, line = word.end, first
    return ((" ".join(texts), tuple(unusual)),
            tuple(value for pair in sorted(line_starts.items()) for value in pair))


def decode(words: Sequence[Any], lines: Sequence[int]) -> Iterator[Fields]:
    """Each word's absolute fields again (a line missing from `lines` gives column 1)."""
    if len(words) != 2 or not isinstance(words[0], str):
        return
    joined, unusual = words
    starts = dict(zip(lines[::2], lines[1::2]))
    step_size = WORD_FIELDS + 1
    records = {unusual[i]: unusual[i + 1:i + step_size] for i in range(0, len(unusual) - WORD_FIELDS, step_size)}
    end = line = 0
    for index, text in enumerate(joined.split(" ") if joined or records else ()):
        record = records.get(index)
        if record is None:
            gap, length, quoted, plain_prefix, inner, step, spanned = 1, len(text), False, -1, 0, 0, 0
        else:
            text, gap, length, quoted, plain_prefix, inner, step, spanned = record
        start = end + gap
        end = start + length
        line += step
        last = line + spanned
        yield (text, start, end, quoted, plain_prefix, start + inner if inner >= 0 else -1,
               line, start - starts.get(line, start) + 1, last, end - starts.get(last, end) + 1)
