"""JSON (and JSONC: comments, trailing commas) with the place of every value, for the JSON families.

`railway.json`, Heroku's `app.json` and `devcontainer.json` hold commands and
environments; findings need the file offsets of their strings, which the
standard `json` module does not give. This small recursive-descent reader
returns nodes with offsets and each string as a `LocatedText`, exact when
the string has no escapes (so fixes may edit it) and anchored to its token
otherwise. devcontainer.json is JSONC, so `//` and `/* */` comments and
trailing commas are accepted. Depth and size are bounded; bad input raises
`JsonError` with the line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Optional, Union

from flasklint.sources.located import LocatedText, align

__all__ = ["JsonError", "JObject", "JArray", "JString", "JScalar", "JNode", "load_json", "get", "string"]

MAX_DEPTH = 64


class JsonError(ValueError):
    """The text is not JSON; the message names the line."""


@dataclass
class JString:
    located: LocatedText
    start: int
    end: int

    @property
    def value(self) -> str:
        return self.located.value


@dataclass
class JScalar:
    value: object
    start: int
    end: int


@dataclass
class JArray:
    items: list["JNode"]
    start: int
    end: int


@dataclass
class JObject:
    pairs: dict[str, tuple[int, "JNode"]] = field(default_factory=dict)
    start: int = 0
    end: int = 0


JNode = Union[JObject, JArray, JString, JScalar]

_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_WORDS = {"true": True, "false": False, "null": None}


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def fail(self, message: str) -> JsonError:
        line = self.text.count("\n", 0, self.i) + 1
        return JsonError(f"line {line}: {message}")

    def skip(self) -> None:
        self.i = _SPACE.match(self.text, self.i).end()  # type: ignore[union-attr]

    def value(self, depth: int) -> JNode:
        if depth > MAX_DEPTH:
            raise self.fail("nested too deeply")
        self.skip()
        if self.i >= len(self.text):
            raise self.fail("unexpected end of file")
        c = self.text[self.i]
        if c == "{":
            return self.container(depth, "}")
        if c == "[":
            return self.container(depth, "]")
        if c == '"':
            return self.string()
        start = self.i
        number = _NUMBER.match(self.text, self.i)
        if number:
            self.i = number.end()
            return JScalar(json.loads(number.group()), start, self.i)
        for word, value in _WORDS.items():
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return JScalar(value, start, self.i)
        raise self.fail(f"unexpected {c!r}")

    def string(self) -> JString:
        match = _STRING.match(self.text, self.i)
        if match is None:
            raise self.fail("unterminated string")
        raw = match.group()
        try:
            value = json.loads(raw)
        except ValueError:
            raise self.fail("invalid string escape") from None
        start, end = match.span()
        self.i = end
        if raw[1:-1] == value:
            located = LocatedText.verbatim(value, start + 1, node_start=start, node_end=end, style='"')
        else:
            located = LocatedText(value, align(value, self.text, start + 1, end - 1), start, end, '"')
        return JString(located, start, end)

    def container(self, depth: int, close: str) -> JNode:
        start = self.i
        self.i += 1
        pairs: dict[str, tuple[int, JNode]] = {}
        items: list[JNode] = []
        while True:
            self.skip()
            if self.text.startswith(close, self.i):
                self.i += 1
                break
            if close == "}":
                if not self.text.startswith('"', self.i):
                    raise self.fail("expected a string key")
                key = self.string()
                self.skip()
                if not self.text.startswith(":", self.i):
                    raise self.fail("expected ':'")
                self.i += 1
                pairs[key.value] = (key.start, self.value(depth + 1))
            else:
                items.append(self.value(depth + 1))
            self.skip()
            if self.text.startswith(",", self.i):
                self.i += 1
            elif not self.text.startswith(close, self.i):
                raise self.fail(f"expected ',' or {close!r}")
        if close == "}":
            return JObject(pairs, start, self.i)
        return JArray(items, start, self.i)


def load_json(text: str) -> JNode:
    """The document's root node; raises JsonError."""
    reader = _Reader(text)
    root = reader.value(0)
    reader.skip()
    if reader.i < len(text):
        raise reader.fail("extra data after the document")
    return root


def get(node: Optional[JNode], *path: str) -> Optional[JNode]:
    for key in path:
        if not isinstance(node, JObject) or key not in node.pairs:
            return None
        node = node.pairs[key][1]
    return node


def string(node: Optional[JNode], *path: str) -> Optional[str]:
    found = get(node, *path)
    return found.value if isinstance(found, JString) else None
