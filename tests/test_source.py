"""SourceText: where lines start (what every analyzer's positions are built on)."""

from __future__ import annotations

import re

import pytest

from flasklint.sources.source import SourceText


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb\rc\n", "x\ny\n\n", "é\nü\n",
                                  "a\u2028b\x0bc\x0cd\x1ce\x85f\ng"])
def test_line_starts_are_where_newlines_end_lines(text: str) -> None:
    """An array built a line at a time: `\\r\\n`, `\\r` and `\\n` end a line, Unicode's other line
    separators do not (as the analyzers read them), and a final newline starts an empty last line."""
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert list(SourceText(text).line_starts) == expected
