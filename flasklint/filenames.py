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
from typing import Any
from urllib.parse import quote

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: Any, **options: Any) -> str:
    """`json.dumps(data, ensure_ascii=False)`, except that lone surrogates are written as escapes."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def uri_path(path: str) -> str:
    """A relative path as a URI reference: the file name's own bytes, percent-encoded where RFC 3986 requires."""
    return quote(os.fsencode(path), safe="/!$&'()*+,;=@")


def utf8_bytes(text: str) -> bytes:
    """UTF-8 for hashing: a name that was not valid UTF-8 gets its original bytes back."""
    return text.encode("utf-8", "surrogateescape")


def printable(text: str) -> str:
    """For readers that need valid text (annotations shown in a web page): U+FFFD for each undecodable byte."""
    return _LONE_SURROGATE.sub("\ufffd", text)
