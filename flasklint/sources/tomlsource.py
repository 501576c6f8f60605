"""Reading TOML values together with where they are in the file.

`tomllib` gives values without positions. To report on a value and fix it, the
value's own text is found again: a small line scanner follows table headers
(`[env]`, `[[services]]`) and `key =` lines (bare, quoted or dotted keys) to the
value's first character, then reads the string token (basic, literal,
multi-line) or the strings of an array. The decoded value from `tomllib` is
aligned with that raw text (`flasklint.sources.located.align`), so escapes stay exact.
A value the scanner cannot place (an inline table, a key spelt two ways) is
anchored at its key or table, and is never offered for a fix.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable, Optional, Union

from flasklint.sources.located import LocatedText, align
from flasklint.sources.nesting import cut_nesting, nesting_message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

__all__ = ["TomlError", "load_toml", "locate"]

_HEADER = re.compile(r"[ \t]*\[(\[)?(?P<name>[^\]\r\n]*)\]\]?[ \t]*(?:#.*)?$")
_KEY_PART = re.compile(r'[ \t]*(?:"((?:[^"\\\r\n]|\\.)*)"|\'([^\'\r\n]*)\'|([A-Za-z0-9_-]+))[ \t]*')
_STRING = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\'', re.S)
_SCALAR = re.compile(r"[^\s#,\]}]+")


class TomlError(Exception):
    """The text is not valid TOML; the message says where."""


def load_toml(text: str, warn: Optional[Callable[[str], None]] = None) -> dict[str, Any]:
    """Parse TOML, nested at most `MAX_NESTING` levels deep: a deeper part is cut, and `warn` told where."""
    readable, cut = cut_nesting(text)
    if cut is not None and warn is not None:
        warn(nesting_message(text, cut))
    try:
        return tomllib.loads(readable)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(str(exc)) from None
    except RecursionError:  # the cut keeps tomllib far from the limit; this is for a caller already deep
        raise TomlError("nested too deeply to read") from None


def _dotted(text: str, pos: int, end: int) -> tuple[list[str], int]:
    """A (possibly dotted, quoted) key starting at `pos`: its parts and where it stops."""
    parts = []
    while True:
        match = _KEY_PART.match(text, pos, end)
        if not match:
            return parts, pos
        parts.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        if pos < end and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _value_start(text: str, path: tuple[str, ...]) -> tuple[Optional[int], int]:
    """Offset of the value of `path` (None if not found), and an anchor for fallbacks."""
    table: list[str] = []
    anchor = 0
    pos = 0
    length = len(text)
    while pos < length:
        newline = text.find("\n", pos)
        line_end = length if newline < 0 else newline
        header = _HEADER.match(text, pos, line_end)
        if header:
            table, _ = _dotted(header.group("name"), 0, len(header.group("name")))
            if tuple(table) == path[: len(table)] and len(table) < len(path):
                anchor = pos
        else:
            key, after = _dotted(text, pos, line_end)
            if key and after < line_end and text[after] == "=":
                if tuple(table + key) == path:
                    value = after + 1
                    while value < line_end and text[value] in " \t":
                        value += 1
                    return value, pos + (len(text[pos:line_end]) - len(text[pos:line_end].lstrip()))
        pos = line_end + 1
    return None, anchor


def _anchored(value: str, anchor: int) -> LocatedText:
    return LocatedText(value, (anchor,) * len(value), anchor, anchor, "toml")


def _string_at(text: str, start: int, value: str) -> Optional[LocatedText]:
    match = _STRING.match(text, start)
    if not match:
        return None
    raw = match.group()
    quote = 3 if raw.startswith(('"""', "'''")) else 1
    content_start, content_end = match.start() + quote, match.end() - quote
    if quote == 3 and text[content_start:content_start + 1] == "\n":  # a newline right after """ is trimmed
        content_start += 1
    style = "toml-literal" if raw.startswith("'") else "toml"
    if text[content_start:content_end] == value:
        return LocatedText.verbatim(value, content_start, node_start=match.start(), node_end=match.end(), style=style)
    return LocatedText(value, align(value, text, content_start, content_end), match.start(), match.end(), style)


def _text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def locate(text: str, path: tuple[str, ...], value: Any) -> Union[LocatedText, list[LocatedText]]:
    """Where the value of `path` is: one LocatedText, or one per string of an array."""
    start, anchor = _value_start(text, path)
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, str)]
        if start is None or text[start:start + 1] != "[":
            return [_anchored(v, anchor) for v in items]
        located = []
        pos = start + 1
        for item in items:
            while pos < len(text) and text[pos] not in "\"'":
                if text[pos] == "#":
                    newline = text.find("\n", pos)
                    pos = len(text) if newline < 0 else newline
                pos += 1
            found = _string_at(text, pos, item) if pos < len(text) else None
            if found is None:
                return [_anchored(v, anchor) for v in items]
            located.append(found)
            pos = found.node_end
        return located
    string = _text_of(value)
    if start is None:
        return _anchored(string, anchor)
    if isinstance(value, str):
        return _string_at(text, start, string) or _anchored(string, start)
    scalar = _SCALAR.match(text, start)
    if scalar and scalar.group() == string:
        return LocatedText.verbatim(string, start, style="toml")
    return _anchored(string, start)
