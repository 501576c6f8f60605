"""POSIX shell word splitting with exact positions, for every family that holds command lines.

A snippet of shell (a script, a Makefile recipe line, a Procfile entry, a
Dockerfile shell-form CMD, a compose `command:` string) becomes a list of simple
commands, each a list of `Word`s whose offsets point into the analysed file, so a
finding can sit on `--host` and a fix can delete exactly `--host 0.0.0.0`.

What is understood: single and double quotes, `$'...'`, backslash escapes, line
continuations, comments, the operators `&&`, `||`, `;`, `;;`, `|`, `|&`, `&`,
newlines and subshell parentheses (all end a command), redirections (dropped
together with their target), here-documents (their body is data, never
commands), and `$(...)`, `${...}` and backquotes (kept inside the word, never
split). Nothing is expanded: `$PORT` stays `$PORT`.

Bad input never raises: an unbalanced quote ends at the end of the snippet, and
the result's `complete` flag is False with `error` saying why, so the caller can
report a diagnostic and still analyse what was split.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import AbstractSet, Iterator, Optional

__all__ = ["Word", "CommandList", "CommandStream", "split_commands", "stream_commands", "quote"]

_SLOTS = {"slots": True} if sys.version_info >= (3, 10) else {}
"""A word without a `__dict__` (Python 3.10+): a script keeps one object per word while it is checked."""


@dataclass(frozen=True, **_SLOTS)
class Word:
    """One shell word: its unquoted value and the raw token's character offsets in the file."""

    text: str
    start: int
    end: int
    quoted: bool = False
    """Some part of the token was quoted, escaped or substituted."""
    plain_prefix: int = -1
    """How many characters of `text` precede the first quoted part (-1: none was quoted)."""
    inner_start: int = -1
    """File offset of `text[0]` when the text maps 1:1 onto the file (`x`, `"x y"`), else -1."""

    @property
    def is_assignment(self) -> bool:
        """`NAME=value` as the shell sees it: an unquoted valid name, then `=` (`A="b c"` counts)."""
        name, eq, _ = self.text.partition("=")
        if not eq or not _is_name(name):
            return False
        return self.plain_prefix < 0 or self.plain_prefix > len(name)


class CommandList(list):  # type: ignore[type-arg]
    """The simple commands of a snippet (a `list[list[Word]]`), plus whether it parsed cleanly."""

    complete: bool = True
    error: Optional[str] = None
    cut_at: Optional[int] = None
    """File offset where words stopped being kept (MAX_COMMAND_WORDS, MAX_FILE_WORDS): `error` says which."""


class CommandStream:
    """The simple commands of a snippet one at a time, for a caller that needs no more than one at once.

    A whole script split into a list holds every word of it at the same time (a 4 MB script of
    `flask run a a a ...` lines held 40 MB of words); stepped through, it holds one command's.
    `complete`, `error` and `cut_at` mean what they mean on a `CommandList`, once the stream is read.
    """

    def __init__(self, splitter: "_Splitter") -> None:
        self._splitter = splitter
        self.kept = 0
        """Words of the commands handed out so far."""

    def __iter__(self) -> Iterator[list[Word]]:
        for command in self._splitter.stream():
            self.kept += len(command)
            yield command

    @property
    def complete(self) -> bool:
        return self._splitter.commands.complete

    @property
    def error(self) -> Optional[str]:
        return self._splitter.commands.error

    @property
    def cut_at(self) -> Optional[int]:
        return self._splitter.commands.cut_at


MAX_COMMAND_WORDS = 50_000
"""Words kept of one simple command; the rest of it is read (to find where it ends) but not kept.

Each kept word costs about 400 bytes downstream (offsets, positions, facts), so a 12 MB line
of `a a a ...` held 1.4 GiB. Linux refuses to start a command whose arguments pass ARG_MAX
(2 MiB by default), and `--debug` repeated 20,000 times still fits.
"""
MAX_FILE_WORDS = 200_000
"""Words kept of all the commands of one file (about 80 MB); the rest of the file is not split.

A 4 MB script of 2,000 `flask run a a a ...` lines held 780 MB, each command under the limit above.
"""

_OPERATOR_CHARS = ";&|()\n"
_BLANKS = " \t"
_PLAIN_RUN = re.compile(r"[^ \t\n\r'\"\\`$;&|()<>]+")
"""Characters that stand for themselves in an unquoted word: consumed as one run, not one by one."""
_QUOTED_RUN = re.compile(r'[^"\\$]+')
"""The same inside double quotes."""
_UNQUOTED = r"[^ \t\n\r'\"\\`$;&|()<>]*(?:\$(?![('{])[^ \t\n\r'\"\\`$;&|()<>]*)*"
_SIMPLE_QUOTES = r"""(?:"[^"\\$]*(?:\$(?!\()[^"\\$]*)*"|'[^']*')"""
_SIMPLE_BODY = rf"{_UNQUOTED}(?:{_SIMPLE_QUOTES}{_UNQUOTED})*"
_SIMPLE = r"[ \t]*(?=[^ \t\n\r;&|()<>#])({body})(?=[ \t\n\r;&|()]|\Z)"
_SIMPLE_WORD = re.compile(_SIMPLE.format(body=_SIMPLE_BODY))
"""Blanks, then a whole word that needs no escape handling: plain text, bare `$NAME`, and quotes without
backslashes or `$(` inside, ending at a blank, an operator or the end. Most words are such; one match reads
each (the character loop of `_word` handles the rest, with the same result). Each part of the pattern is
unambiguous, so a word that does not match costs one linear attempt."""
_SIMPLE_WORDS = re.compile("(?:" + _SIMPLE.format(body="?:" + _SIMPLE_BODY) + r"){0,1024}[ \t]*")
"""Up to 1,024 simple words that follow, with the blanks after them (each word is non-empty, so the
repetition ends). The regex engine keeps state for each repetition of a group until the match ends:
unbounded, one match over a million words took 440 MiB, so `_skip_simple_words` loops over chunks."""


def _skip_simple_words(text: str, i: int) -> int:
    """Where the simple words from `i` on end: the rest of a skipped command, in chunks of `_SIMPLE_WORDS`."""
    while True:
        end = _SIMPLE_WORDS.match(text, i).end()  # type: ignore[union-attr]
        if end == i:
            return i
        i = end
_QUOTE_PARTS = re.compile(r"""'([^']*)'|"([^"]*)"|([^'"]+)""")
"""A simple word's parts (quoted ones without their quotes), to join into its value."""


def _is_name(text: str) -> bool:
    if text.isascii():
        return text.isidentifier()  # for ASCII exactly [A-Za-z_][A-Za-z0-9_]*, in C
    return bool(text) and (text[0].isalpha() or text[0] == "_") and all(c.isalnum() or c == "_" for c in text)


def quote(word: str) -> str:
    """Shell-quote a word only when it needs it (`$PORT` stays expandable)."""
    if word and all(c.isalnum() or c in "@%+=:,./-_$" for c in word):
        return word
    if "'" not in word and "$" not in word:
        return "'" + word + "'"
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`") + '"'


class _Splitter:
    def __init__(self, text: str, offset: int, skip: AbstractSet[str] = frozenset(),
                 max_words: int = MAX_FILE_WORDS) -> None:
        self.text = text
        self.words_left = max_words
        self.skip = skip
        self.skipping = False  # the current command begins with a word of `skip`: read, not kept
        self.offset = offset
        self.i = 0
        self.n = len(text)
        self.commands = CommandList()
        self.current: list[Word] = []
        self.skip_next_word = False  # the target of a redirection
        self.heredocs: list[tuple[str, bool]] = []  # (delimiter, strip tabs)
        self.pending_heredoc = False

    # ---- results -----------------------------------------------------------

    def _fail(self, message: str) -> None:
        if self.commands.complete:
            self.commands.complete = False
            self.commands.error = message

    def _end_command(self) -> None:
        if self.current:
            self.commands.append(self.current)
        self.current = []
        self.skip_next_word = False
        self.skipping = False

    def _add_word(self, word: Word) -> None:
        if self.pending_heredoc:
            self.pending_heredoc = False
            delimiter = word.text
            self.heredocs.append((delimiter, self._heredoc_strip))
            return
        if self.skip_next_word:
            self.skip_next_word = False
            return
        if self.skipping:
            return
        if not self.current and not word.quoted and word.text in self.skip:
            self.skipping = True
            return
        if len(self.current) >= MAX_COMMAND_WORDS or self.words_left <= 0:
            self._cut()
            return
        self.words_left -= 1
        self.current.append(word)

    def _cut(self) -> None:
        """The command has MAX_COMMAND_WORDS words: read the rest of it without keeping its words.
        No words are left for the file: stop here."""
        if self.commands.complete:
            self.commands.cut_at = self.offset + self.i
        if self.words_left <= 0:
            self._fail(f"more than {MAX_FILE_WORDS:,} words of commands in this file; the rest was not analysed")
            self.i = self.n
            self.heredocs.clear()
            self.pending_heredoc = False
            return
        self._fail(f"a command of more than {MAX_COMMAND_WORDS:,} words; the words after those were not analysed")
        self.skipping = True
        self.i = _skip_simple_words(self.text, self.i)

    # ---- scanning ----------------------------------------------------------

    def run(self) -> CommandList:
        kept = CommandList(self.stream())
        kept.complete, kept.error, kept.cut_at = self.commands.complete, self.commands.error, self.commands.cut_at
        return kept

    def stream(self) -> Iterator[list[Word]]:
        """Each command once it ends. `self.commands` holds those ended but not yet handed out, and says
        whether the snippet was complete."""
        text, n = self.text, self.n
        simple = _SIMPLE_WORD.match
        commands = self.commands
        while self.i < n:
            if commands:
                yield from commands
                commands.clear()
            c = text[self.i]
            if c == "\n":  # newlines and operators first: no case of the chain below takes one before its own
                self.i += 1
                self._end_command()
                if self.heredocs:
                    self._skip_heredoc_bodies()
                continue
            if c in ";&|()":  # (and no word starts at one)
                self._operator()
                continue
            match = simple(text, self.i)
            if match is not None:
                self._simple_word(match)
                continue
            if c in _BLANKS:
                self.i += 1
            elif c == "\\" and self.i + 1 < n and text[self.i + 1] == "\n":
                self.i += 2  # line continuation between words
            elif c == "\\" and text.startswith("\r\n", self.i + 1):
                self.i += 3
            elif c == "#":
                while self.i < n and text[self.i] != "\n":
                    self.i += 1
            elif c == "\n" or c == "\r":
                self.i += 1
                self._end_command()
                if c == "\r" and self.i < n and text[self.i] == "\n":
                    self.i += 1
                if self.heredocs:
                    self._skip_heredoc_bodies()
            elif c in "<>" or (c.isdigit() and self._redirection_ahead()):
                self._redirection()
            else:
                self._word()
        if self.pending_heredoc or self.heredocs:
            self._fail("here-document without its delimiter line")
        self._end_command()
        yield from commands
        commands.clear()

    def _operator(self) -> None:
        text, i = self.text, self.i
        two = text[i:i + 2]
        if two in ("&>",):
            self._redirection()
            return
        if two in ("&&", "||", ";;", "|&"):
            self.i += 2
        else:
            self.i += 1
        self._end_command()

    def _redirection_ahead(self) -> bool:
        j = self.i
        while j < self.n and self.text[j].isdigit():
            j += 1
        return j < self.n and self.text[j] in "<>"

    def _redirection(self) -> None:
        text = self.text
        while self.i < self.n and text[self.i].isdigit():
            self.i += 1
        if text.startswith("<<<", self.i):
            self.i += 3
            self.skip_next_word = True
            return
        if text.startswith("<<", self.i):
            self.i += 2
            self._heredoc_strip = False
            if self.i < self.n and text[self.i] == "-":
                self.i += 1
                self._heredoc_strip = True
            self.pending_heredoc = True
            return
        if text.startswith("&>", self.i):
            self.i += 2
            if self.i < self.n and text[self.i] == ">":
                self.i += 1
        else:
            self.i += 1  # < or >
            if self.i < self.n and text[self.i] in ">|&":
                self.i += 1
        # `>&2`, `2>&1`: a descriptor, not a file; a file target otherwise
        j = self.i
        while j < self.n and text[j] in _BLANKS:
            j += 1
        if j < self.n and (text[j].isdigit() or text[j] == "-") and text[self.i - 1] == "&":
            while j < self.n and (text[j].isdigit() or text[j] == "-"):
                j += 1
            self.i = j
            return
        self.skip_next_word = True

    def _skip_heredoc_bodies(self) -> None:
        text, n = self.text, self.n
        while self.heredocs:
            delimiter, strip = self.heredocs.pop(0)
            while self.i < n:
                end = text.find("\n", self.i)
                line_end = n if end < 0 else end
                line = text[self.i:line_end].rstrip("\r")
                self.i = n if end < 0 else end + 1
                if (line.lstrip("\t") if strip else line) == delimiter:
                    break
            else:
                self._fail(f"here-document not terminated by {delimiter!r}")

    def _word(self) -> None:
        text, n = self.text, self.n
        start = self.i
        parts: list[str] = []
        quoted = False
        plain_prefix = -1
        while self.i < n:
            run = _PLAIN_RUN.match(text, self.i)
            if run:
                parts.append(run.group())
                self.i = run.end()
                continue
            c = text[self.i]
            if plain_prefix < 0 and (c in "'\"\\`" or (c == "$" and text[self.i + 1:self.i + 2] in ("'", "(", "{"))):
                plain_prefix = len("".join(parts))
            if c in _BLANKS or c in "\n\r" or c in ";&|()<>":
                if c in "<>" and text[self.i + 1:self.i + 2] == "(":  # process substitution <(...)
                    self._balanced(parts, "(", ")")
                    continue
                break
            if c == "'":
                quoted = True
                end = text.find("'", self.i + 1)
                if end < 0:
                    self._fail("unterminated single quote")
                    parts.append(text[self.i + 1:])
                    self.i = n
                else:
                    parts.append(text[self.i + 1:end])
                    self.i = end + 1
            elif c == '"':
                quoted = True
                self._double_quoted(parts)
            elif c == "\\":
                quoted = True
                if self.i + 1 >= n:
                    self.i += 1
                elif text[self.i + 1] == "\n":
                    self.i += 2
                elif text.startswith("\r\n", self.i + 1):
                    self.i += 3
                else:
                    parts.append(text[self.i + 1])
                    self.i += 2
            elif c == "$" and text[self.i + 1:self.i + 2] == "'":
                quoted = True
                self._ansi_c(parts)
            elif c == "$" and text[self.i + 1:self.i + 2] in ("(", "{"):
                opener = text[self.i + 1]
                parts.append("$")
                self.i += 1
                self._balanced(parts, opener, ")" if opener == "(" else "}")
            elif c == "`":
                end = text.find("`", self.i + 1)
                if end < 0:
                    self._fail("unterminated backquote")
                    end = n - 1
                parts.append(text[self.i:end + 1])
                self.i = end + 1
            else:
                parts.append(c)
                self.i += 1
        self._add_word(self._finish(start, self.i, "".join(parts), quoted, plain_prefix))

    def _simple_word(self, match: re.Match[str]) -> None:
        """A word `_SIMPLE_WORD` matched; a command that begins with a word of `skip` is read on in one match."""
        self.i = match.end()
        raw = match.group(1)
        if not (self.pending_heredoc or self.skip_next_word):  # else the word is a delimiter or a target
            if self.skipping:
                return
            if self.current:  # within a kept command: what `_add_word` would do, without its tests
                if len(self.current) >= MAX_COMMAND_WORDS or self.words_left <= 0:
                    self._cut()
                    return
                self.words_left -= 1
                self.current.append(self._simple(match.start(1), match.end(1), raw))
                return
            if raw in self.skip and "'" not in raw and '"' not in raw:
                self.skipping = True
                self.i = _skip_simple_words(self.text, self.i)
                return
        self._add_word(self._simple(match.start(1), match.end(1), raw))

    def _simple(self, start: int, end: int, raw: str) -> Word:
        """The word of a simple token: its value is its parts with their quotes taken off."""
        if "'" not in raw and '"' not in raw:
            at = self.offset + start
            return Word(raw, at, self.offset + end, False, -1, at)  # one int object for both offsets
        single, double = raw.find("'"), raw.find('"')
        first = single if double < 0 or 0 <= single < double else double
        value = "".join(["".join(part) for part in _QUOTE_PARTS.findall(raw)])
        return self._finish(start, end, value, True, first)

    def _finish(self, start: int, end: int, value: str, quoted: bool, plain_prefix: int) -> Word:
        """The word of `text[start:end]`; its text maps onto the file when nothing but outer quotes differ."""
        raw = self.text[start:end]
        at = self.offset + start
        inner = -1
        if raw == value:
            inner = at
        elif len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[1:-1] == value:
            inner = at + 1
        return Word(value, at, self.offset + end, quoted, plain_prefix, inner)

    def _double_quoted(self, parts: list[str]) -> None:
        text, n = self.text, self.n
        self.i += 1
        while self.i < n:
            run = _QUOTED_RUN.match(text, self.i)
            if run:
                parts.append(run.group())
                self.i = run.end()
                continue
            c = text[self.i]
            if c == '"':
                self.i += 1
                return
            if c == "\\" and self.i + 1 < n:
                nxt = text[self.i + 1]
                if nxt == "\n":
                    self.i += 2
                    continue
                if nxt in '$`"\\':
                    parts.append(nxt)
                    self.i += 2
                    continue
            if c == "$" and text[self.i + 1:self.i + 2] == "(":
                parts.append("$")
                self.i += 1
                self._balanced(parts, "(", ")")
                continue
            parts.append(c)
            self.i += 1
        self._fail("unterminated double quote")

    def _ansi_c(self, parts: list[str]) -> None:
        text, n = self.text, self.n
        self.i += 2
        escapes = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"', "r": "\r", "a": "\a", "e": "\x1b"}
        while self.i < n:
            c = text[self.i]
            if c == "'":
                self.i += 1
                return
            if c == "\\" and self.i + 1 < n:
                parts.append(escapes.get(text[self.i + 1], text[self.i + 1]))
                self.i += 2
                continue
            parts.append(c)
            self.i += 1
        self._fail("unterminated $'...' quote")

    def _balanced(self, parts: list[str], opener: str, closer: str) -> None:
        """Copy `(...)`/`{...}` (with nesting and quotes) into the word unsplit."""
        text, n = self.text, self.n
        depth = 0
        start = self.i
        while self.i < n:
            c = text[self.i]
            if c == "\\":
                self.i += 2
                continue
            if c == "'":
                end = text.find("'", self.i + 1)
                self.i = n if end < 0 else end + 1
                continue
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    parts.append(text[start:self.i])
                    return
            self.i += 1
        parts.append(text[start:])
        self._fail(f"unterminated {opener}...{closer}")


def split_commands(text: str, offset: int = 0, *, skip: AbstractSet[str] = frozenset(),
                   max_words: int = MAX_FILE_WORDS) -> CommandList:
    """Split one shell snippet that begins at character `offset` of the file into simple commands.

    Returns a `CommandList` (a list of word lists); check `.complete` / `.error`
    to learn whether quotes or here-documents were left open. Commands whose
    first word is one of `skip` (unquoted) are read to their end, here-documents
    included, but left out: a caller that knows it ignores them saves their words.
    """
    return _Splitter(text, offset, skip, max_words).run()


def stream_commands(text: str, offset: int = 0, *, skip: AbstractSet[str] = frozenset(),
                    max_words: int = MAX_FILE_WORDS) -> CommandStream:
    """`split_commands`, one command at a time: only the command in hand is kept."""
    return CommandStream(_Splitter(text, offset, skip, max_words))
