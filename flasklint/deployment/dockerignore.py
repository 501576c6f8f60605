"""`.dockerignore` read the way Docker reads it: which files of the build context an image can never hold.

Docker's rules (docs.docker.com, "Build context" > ".dockerignore files"; the matcher is
moby/patternmatcher, its file reader moby/patternmatcher/ignorefile):

- one pattern a line; a line whose first character is `#` is a comment; blank lines are skipped;
- each pattern is trimmed and cleaned like Go's `filepath.Clean` (`./a`, `a/`, `a//b/..` -> `a`), and a
  leading `/` is dropped: patterns are relative to the root of the build context;
- `*` matches any run of characters except `/`, `?` one character except `/`, `[...]` a class (`[^...]` negated),
  `\\` escapes the next character; `**` matches any number of directories, zero included (`**/*.py`);
- a pattern excludes a path when it matches the path or any of its parent folders (`node_modules` excludes
  everything below it);
- `!pattern` is an exception: the last pattern that matches a path decides whether it is excluded;
- a bad pattern (an unterminated `[`, a lone `!`) makes Docker refuse the build.

A Dockerfile-specific ignore file (`<name>.Dockerfile.dockerignore`, `Dockerfile.dockerignore` beside the
Dockerfile) replaces the context's `.dockerignore` for builds of that Dockerfile (`ignore_file_for`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

__all__ = ["DockerIgnore", "Pattern", "ignore_file_for", "clean"]

_NOT_GLOB_SPECIAL = frozenset(".+()|{}$^")
"""Characters a regex gives meaning to but a Docker pattern does not: matched literally."""


def clean(path: str) -> str:
    """Go's `filepath.Clean` on a slash path: no `.`, no empty segments, `..` resolved where it can be."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append(part)
            continue
        parts.append(part)
    text = "/".join(parts)
    return ("/" + text) if rooted else (text or ".")


@dataclass(frozen=True)
class Pattern:
    """One cleaned pattern, with where it was written."""

    text: str
    exception: bool
    line: int
    regex: "re.Pattern[str]"

    def matches(self, path: str) -> bool:
        """The path itself or any folder above it matches (a pattern that names a folder excludes its files)."""
        if self._match(path):
            return True
        parts = path.split("/")
        return any(self._match("/".join(parts[:i])) for i in range(1, len(parts)))

    def _match(self, path: str) -> bool:
        suffix = _plain_suffix(self.text)
        if suffix is not None:
            # moby's "suffix match": `**` then only plain characters is a string suffix test (`**foo` matches
            # `barfoo`, which its own regex would not), and `**/foo` also matches `foo`
            return path.endswith(suffix) or (suffix.startswith("/") and path == suffix[1:])
        return self.regex.match(path) is not None


def _plain_suffix(pattern: str) -> Optional[str]:
    """What follows a leading `**` when nothing after it is a wildcard, a class or an escape; else None."""
    if not pattern.startswith("**"):
        return None
    rest = pattern[2:]
    if not rest or any(c in rest for c in "*?[]\\"):
        return None
    return rest


def _translate(pattern: str) -> str:
    """A Docker pattern as a Python regex, character for character the way moby's patternmatcher compiles it."""
    out = ["^"]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if i + 1 < n and pattern[i + 1] == "*":
                i += 2
                if i < n and pattern[i] == "/":
                    i += 1  # `**/` is `**`
                out.append(".*" if i >= n else "(?:.*/)?")
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\":
            if i + 1 < n:
                i += 1
                out.append(re.escape(pattern[i]))
            else:
                out.append(re.escape("\\"))
        elif ch == "[":
            end = _class_end(pattern, i)
            if end < 0:
                raise ValueError(f"unterminated character class in {pattern!r}")
            body = pattern[i + 1:end]
            negated = body.startswith("^")
            body = body[1:] if negated else body
            members = []
            j = 0
            while j < len(body):
                if body[j] == "\\" and j + 1 < len(body):
                    members.append(re.escape(body[j + 1]))
                    j += 2
                    continue
                members.append("-" if body[j] == "-" else re.escape(body[j]))
                j += 1
            if not members:
                raise ValueError(f"empty character class in {pattern!r}")
            out.append("[" + ("^" if negated else "") + "".join(members) + "]")
            i = end
        elif ch in _NOT_GLOB_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(re.escape(ch))
        i += 1
    out.append("$")
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    j = start + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]" and j > start + 1:
            return j
        j += 1
    return -1


@dataclass
class DockerIgnore:
    """The patterns of one ignore file, and the lines Docker would refuse."""

    patterns: list[Pattern] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def parse(cls, lines: Iterable[tuple[int, str]]) -> "DockerIgnore":
        """From (line number, text) pairs, as the file has them."""
        ignore = cls()
        for number, raw in lines:
            if raw.startswith("#"):
                continue  # a comment only in column 1 (ignorefile.ReadAll looks before trimming)
            text = raw.strip()
            if not text:
                continue
            exception = text.startswith("!")
            if exception:
                text = text[1:].strip()
                if not text:
                    ignore.errors.append((number, 'illegal exclusion pattern: "!"'))
                    continue
            text = clean(text)
            if len(text) > 1 and text.startswith("/"):
                text = text[1:]
            try:
                regex = re.compile(_translate(text), re.S)
            except (ValueError, re.error) as exc:
                ignore.errors.append((number, str(exc)))
                continue
            ignore.patterns.append(Pattern(text, exception, number, regex))
        return ignore

    @classmethod
    def from_text(cls, text: str) -> "DockerIgnore":
        return cls.parse(enumerate(text.removeprefix("\ufeff").splitlines(), start=1))

    def excludes(self, path: str) -> bool:
        """Whether `path` (relative to the build context, `/`-separated) is left out of the context."""
        deciding = self.deciding(path)
        return deciding is not None and not deciding.exception

    def deciding(self, path: str) -> Optional[Pattern]:
        """The last pattern that matches `path` (an exclusion or an exception), or None: it is sent."""
        path = clean(path)
        if path == ".":
            return None
        found: Optional[Pattern] = None
        for pattern in self.patterns:
            excluded = found is not None and not found.exception
            if pattern.exception != excluded:
                continue  # an exclusion only matters while included, an exception only while excluded
            if pattern.matches(path):
                found = pattern
        return found


def ignore_file_for(dockerfile: str, context: str, exists: "set[str] | frozenset[str]") -> Optional[str]:
    """The ignore file a build of `dockerfile` with this context reads: `<dockerfile>.dockerignore` beside the
    Dockerfile when there is one, else the context's `.dockerignore` (display paths; None when neither exists)."""
    specific = dockerfile + ".dockerignore"
    if specific in exists:
        return specific
    general = posixpath.join(context, ".dockerignore") if context not in ("", ".") else ".dockerignore"
    return general if general in exists else None
