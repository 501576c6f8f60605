"""Writing file names that are not valid UTF-8, without crashing and without losing them.

On POSIX a file name is bytes; Python hands names that are not valid UTF-8 over
as strings with lone surrogates (PEP 383, `surrogateescape`), and any strict
UTF-8 encoder (a JSON file, `hashlib`, a strict stdout) raises on them. Inside
flasklint such a name stays as Python gave it (it opens the file and keeps two
names apart); only where text leaves the program is it spelled out, each
format its own way: JSON escapes the surrogate (`"\\udcff"`, valid JSON that
Python reads back to the same name), SARIF percent-encodes the file's bytes as
URIs require, and a terminal receives the original bytes.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Iterable, Iterator
from urllib.parse import quote

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: Any, **options: Any) -> str:
    """`json.dumps(data, ensure_ascii=False)`, except that lone surrogates are written as escapes."""
    text = None
    if options == {"indent": 2}:
        try:
            parts: list[str] = []
            _indented(data, "\n", parts)
            text = "".join(parts)
        except (TypeError, ValueError):  # anything the writer below does not spell as json does
            text = None
    if text is None:
        text = json.dumps(data, ensure_ascii=False, **options)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Streamed:
    """A list that `json_chunks` writes one element at a time, each made as it is written.

    A report of 100,000 findings held as one document and then as one string took several
    times the memory of the findings themselves; streamed, only one element is built at a time.
    """

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def json_chunks(value: Any, newline: str = "\n") -> Iterator[str]:
    """The pieces of `json_text(value, indent=2)`, where `value` may hold `Streamed` lists (at any depth)."""
    if isinstance(value, Streamed):
        inner = newline + "  "
        separator = "[" + inner
        for item in value.items:  # elements hold no Streamed: each is written whole
            yield separator + json_text(item, indent=2).replace("\n", inner)
            separator = "," + inner
        yield "[]" if separator.startswith("[") else newline + "]"
    elif isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            yield separator + json_text(key) + ": "
            yield from json_chunks(item, inner)
            separator = "," + inner
        yield newline + "}"
    elif isinstance(value, (list, tuple)) and value:
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            yield separator
            yield from json_chunks(item, inner)
            separator = "," + inner
        yield newline + "]"
    else:
        yield json_text(value, indent=2).replace("\n", newline)


_STRING = json.encoder.encode_basestring  # type: ignore[attr-defined]  # the C escaper json.dumps uses


def _indented(value: Any, newline: str, out: list[str]) -> None:
    """What `json.dumps(value, ensure_ascii=False, indent=2)` writes, several times faster.

    With `indent`, json.dumps leaves its C encoder for a pure-Python generator chain, which was
    half the time of a warm SARIF run. Only str keys and str/int/bool/None/list/tuple/dict values
    are written here; anything else raises TypeError and json.dumps writes the document.
    """
    if isinstance(value, str):
        out.append(_STRING(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("a key json.dumps would convert")
            out.append(separator + _STRING(key) + ": ")
            _indented(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _indented(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise TypeError(f"{type(value).__name__} is left to json.dumps")


def uri_path(path: str) -> str:
    """A relative path as a URI reference: the file name's own bytes, percent-encoded where RFC 3986 requires."""
    return quote(os.fsencode(path), safe="/!$&'()*+,;=@")


def utf8_bytes(text: str) -> bytes:
    """UTF-8 for hashing: a name that was not valid UTF-8 gets its original bytes back."""
    return text.encode("utf-8", "surrogateescape")


def printable(text: str) -> str:
    """For readers that need valid text (annotations shown in a web page): U+FFFD for each undecodable byte."""
    return _LONE_SURROGATE.sub("\ufffd", text)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _spelled(match: "re.Match[str]") -> str:
    char = match.group()
    named = _NAMED_CONTROL.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, tabs: bool = False) -> str:
    """Text from a scanned repository as a terminal or a CI log may show it: control characters spelled out.

    A file named `a\\n::add-mask::x.py` printed raw starts a line that the GitHub Actions runner
    executes as a workflow command, and `\\x1b]0;...\\x07` in a name sets the terminal's title. So
    every C0 and C1 control (ESC, BEL, CR, LF, ...), the line and paragraph separators and the
    bidirectional overrides are written as `\\n`, `\\r`, `\\t`, `\\xNN` or `\\uNNNN`. Lone surrogates
    (names that are not UTF-8) are left for the stream's own handling (see this module's docstring).
    `tabs` keeps tabs as they are, for source lines whose carets line up under them.
    """
    pattern = _CONTROL_BUT_TAB if tabs else _CONTROL
    return pattern.sub(_spelled, text) if pattern.search(text) else text
