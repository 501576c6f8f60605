"""`package.json` scripts: `"dev": "flask run --debug"` in a JavaScript front-end's repository.

JSON has no positions in the standard library, so the file is validated with
`json` and each script's string token is then located in the text with a small
scanner of the `scripts` object; a script whose string has no escapes maps 1:1
onto the file (findings on the exact word, fixes possible), one with escapes
gets positions on its whole string and no fix. Script names that are local
tooling (`dev`, `serve`, `start:dev`) are development commands (lower severity).
Malformed JSON is a diagnostic.
"""

from __future__ import annotations

import json
import re
from typing import Iterator, Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.commands.checks import check_command, check_pin_assignments
from flasklint.commands.prefilter import may_matter
from flasklint.commands.script import ShellState, walk
from flasklint.commands.shellwords import Word, split_commands
from flasklint.knowledge.context import dev_target_reason
from flasklint.model import FileResult
from flasklint.sources.nesting import cut_nesting, nesting_message
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "script_tokens"]

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCRIPTS_KEY = re.compile(r'"scripts"\s*:\s*\{')


def _skip_value(text: str, i: int) -> int:
    """Index after the JSON value starting at text[i] (the file is known to be valid JSON)."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c == '"':
            i = _STRING.match(text, i).end()  # type: ignore[union-attr]
            if depth == 0:
                return i
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth <= 0:
                return i + 1
        elif depth == 0 and c in ",":
            return i
        i += 1
    return i


def script_tokens(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(name, value, token start, token end) of each string in the top-level `scripts` object."""
    depth = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == '"':
            key = _STRING.match(text, i)
            assert key is not None
            if depth == 1 and _SCRIPTS_KEY.match(text, i):
                yield from _object_strings(text, _SCRIPTS_KEY.match(text, i).end())  # type: ignore[union-attr]
                return
            i = key.end()
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1


def _object_strings(text: str, i: int) -> Iterator[tuple[str, str, int, int]]:
    while i < len(text):
        c = text[i]
        if c == "}":
            return
        if c == '"':
            key = _STRING.match(text, i)
            assert key is not None
            j = key.end()
            while text[j] in " \t\r\n:":
                j += 1
            if text[j] == '"':
                value = _STRING.match(text, j)
                assert value is not None
                yield json.loads(key.group(0)), json.loads(value.group(0)), value.start(), value.end()
                i = value.end()
            else:
                i = _skip_value(text, j)
            continue
        i += 1


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text, cut = cut_nesting(source.text)
    if cut is not None:
        reporter.warn(nesting_message(source.text, cut))
    try:
        document = json.loads(text)
    except ValueError as exc:
        return reporter.fail(f"malformed JSON: {exc}; not analysed")
    if not isinstance(document, dict) or not isinstance(document.get("scripts"), dict):
        return reporter.result()
    scripts: dict[str, list[int]] = {}
    for name, value, start, end in script_tokens(source.text):
        line = source.position(start).line
        scripts.setdefault(name, [line, source.position(end).line])
        raw = source.text[start + 1:end - 1]
        verbatim = raw == value
        commands = split_commands(value, start + 1) if verbatim else [
            [Word(w.text, start, end, True, w.plain_prefix) for w in c] for c in split_commands(value)
        ]
        reason: Optional[str] = dev_target_reason(name)
        for words in commands:
            check_pin_assignments(reporter, words, production=False, dev_reason=reason)
        for step in walk(commands, ShellState(context.display_path)):
            check_command(reporter, step.words, step.env, production=False, dev_reason=reason, cwd=step.cwd,
                          fixable=verbatim)
    # each script's line, so the deployment model can follow `npm start` / `npm run NAME` to it
    return reporter.result({"npm_scripts": scripts} if scripts else None)
