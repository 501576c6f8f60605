"""Where the string literals of Python source are, f-strings of any version (PEP 701) included.

Why: on an interpreter older than 3.12, `ast.parse` rejects an f-string that
reuses its quotes, holds a backslash or a comment, or spans lines in a
replacement field; parsing.py then needs the spans of those literals to blank
them. LibCST knows them too, but importing it and resolving positions costs
about 2 s for a 1,100-line module; this scanner reads the characters once.

It knows only what delimits a literal: prefixes, quotes, escapes, `{{`/`}}`,
replacement fields with their brackets, nested literals, comments and format
specs. It checks nothing else: a span it gives is only trusted once `ast`
parses the blanked text.
"""

from __future__ import annotations

import re
from typing import Optional

_PREFIXES = frozenset({"r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"})
_QUOTE = r"(?<!\w)([rRbBuUfFtT]{1,2})(['\"])|(['\"])"
"""A literal's start: a prefix that starts a word, then a quote; or a quote alone (after `if`, say)."""
_CODE = re.compile(r"#|[()\[\]{}]|" + _QUOTE)
_FIELD = re.compile(r"#|[()\[\]{}]|![^=]|:|" + _QUOTE)
_PLAIN_BODY = re.compile(r"[\\'\"\r\n]")
_FORMATTED_BODY = re.compile(r"[\\'\"\r\n{}]")
_SPEC_BODY = re.compile(r"[\\{}]")
_GAP = re.compile(r"(?:[ \t\f]|\\\r?\n|\\\r)*")
_GAP_IN_BRACKETS = re.compile(r"(?:[ \t\f\r\n]|\\\r?\n|\\\r|#[^\r\n]*)*")
_LITERAL_START = re.compile(r"([rRbBuUfFtT]{1,2})?(['\"])")


class Unlexable(ValueError):
    """The text ends inside a literal or a replacement field (a real syntax error: nothing to blank)."""


def string_groups(text: str, new_prefixes: frozenset[str]) -> list[tuple[int, int]]:
    """[start, end) character offsets of every implicitly concatenated string group holding a literal whose
    prefix contains a letter of `new_prefixes` (lower case: "f", "t"), outermost only, in source order.

    A group is what LibCST calls a ConcatenatedString (or a lone string): literals separated only by
    blanks, and comments and line breaks inside brackets or after a backslash.
    """
    groups: list[tuple[int, int]] = []
    depth = 0
    index = 0
    while True:
        match = _CODE.search(text, index)
        if match is None:
            return groups
        token = match.group()
        if token == "#":
            index = _line_end(text, match.end())
        elif token in "([{":
            depth += 1
            index = match.end()
        elif token in ")]}":
            depth = max(depth - 1, 0)
            index = match.end()
        else:
            start = match.start()
            last, new = _literal_at(text, match, new_prefixes)
            while True:  # the rest of an implicitly concatenated group
                gap = (_GAP_IN_BRACKETS if depth else _GAP).match(text, last)
                following = _LITERAL_START.match(text, gap.end())
                if following is None or (following.group(1) or "").lower() not in _PREFIXES | {""}:
                    break
                last, more = _literal_at(text, following, new_prefixes)
                new = new or more
            if new:
                groups.append((start, last))
            index = last


def _line_end(text: str, index: int) -> int:
    ends = [i for i in (text.find("\n", index), text.find("\r", index)) if i >= 0]
    return min(ends) if ends else len(text)


def _literal_at(text: str, match: "re.Match[str]", new_prefixes: frozenset[str]) -> tuple[int, bool]:
    """(end, whether new-style) of the literal `match` (of `_QUOTE` or `_LITERAL_START`) starts."""
    prefix = (match.group(1) or "").lower()
    quote_at = match.end() - 1
    if prefix not in _PREFIXES:  # `bu"..."`: not a literal Python has; read it as a plain one
        prefix = ""
    return _literal(text, quote_at, prefix), any(letter in prefix for letter in new_prefixes)


def _literal(text: str, index: int, prefix: str) -> int:
    """The end of the literal whose opening quote is at `index`."""
    quote = text[index] * 3 if text.startswith(text[index] * 3, index) else text[index]
    formatted = "f" in prefix or "t" in prefix
    raw = "r" in prefix
    body = _FORMATTED_BODY if formatted else _PLAIN_BODY
    position = index + len(quote)
    while True:
        match = body.search(text, position)
        if match is None:
            raise Unlexable("the text ends inside a literal")
        char = match.group()
        position = match.start()
        if char == "\\":
            following = text[position + 1: position + 2]
            if formatted and following in ("{", "}"):
                position += 1  # `\{` still opens a replacement field
            elif formatted and not raw and following == "N" and text.startswith("{", position + 2):
                close = text.find("}", position + 3)
                position = close + 1 if close >= 0 else len(text)
            else:
                position += 2
        elif char in "'\"":
            if text.startswith(quote, position):
                return position + len(quote)
            position += 1
        elif char in "\r\n":
            if len(quote) == 1:
                raise Unlexable("a line break ends a single-quoted literal")
            position += 1
        elif char == "{":
            position = position + 2 if text.startswith("{{", position) else _field(text, position + 1)
        else:  # `}` (`}}`, or a stray one the parser will judge)
            position += 2 if text.startswith("}}", position) else 1


def _field(text: str, index: int) -> int:
    """The end (after `}`) of the replacement field whose expression starts at `index`."""
    depth = 0
    position = index
    while True:
        match = _FIELD.search(text, position)
        if match is None:
            raise Unlexable("the text ends inside a replacement field")
        token = match.group()
        position = match.end()
        if token == "#":
            position = _line_end(text, position)
        elif token in "([{":
            depth += 1
        elif token in ")]":
            depth = max(depth - 1, 0)
        elif token == "}":
            if not depth:
                return position
            depth -= 1
        elif token[0] == "!":
            position = match.start() + 1  # a conversion (`!r`), or `!` inside brackets
        elif token == ":":
            if not depth:
                return _format_spec(text, position)
        else:
            position, _ = _literal_at(text, match, frozenset())


def _format_spec(text: str, index: int) -> int:
    """The end (after `}`) of a replacement field's format spec: literal text with nested fields."""
    position = index
    while True:
        match = _SPEC_BODY.search(text, position)
        if match is None:
            raise Unlexable("the text ends inside a format spec")
        char = match.group()
        if char == "}":
            return match.end()
        position = _field(text, match.end()) if char == "{" else match.end() + 1
