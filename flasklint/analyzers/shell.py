"""Shell scripts (`*.sh`, `*.bash`, extensionless files with a sh/bash shebang).

The script is split once with positions, then stepped through like the shell
runs it (`export`, `unset`, `set -a`, `cd`), so each `flask run` is judged with
the environment in force on its line. Scripts are development tooling by
default (FL201/FL202/FL101); a production config that runs the script (a
Dockerfile `CMD ["./start.sh"]`) makes it FL301 in the project pass.
"""

from __future__ import annotations

from typing import Optional

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.commands.checks import PIN_VARIABLE, check_command, check_environment
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.prefilter import may_matter
from flasklint.commands.script import ShellState, walk
from flasklint.commands.shellwords import Word, split_commands
from flasklint.model import FileResult
from flasklint.source import SourceText

__all__ = ["may_matter", "analyze", "check_script", "line_removal"]


def line_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The range that deletes the whole line(s) holding text[start:end], newline included."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end + 1


def _alone_on_lines(text: str, words: list[Word]) -> bool:
    line_start, line_end = line_removal(text, words[0].start, words[-1].end)
    return text[line_start:words[0].start].strip() == "" and text[words[-1].end:line_end].strip() == ""


def check_script(reporter: Reporter, text: str, offset: int, state: ShellState, *, production: bool = False,
                 dev_reason: Optional[str] = None, port_hint: Optional[str] = None) -> None:
    """Judge one snippet of shell (a whole script, or one Makefile recipe line) starting at `offset`."""
    commands = split_commands(text[offset:], offset)
    if not commands.complete:
        where = reporter.source.position(offset)
        reporter.warn(f"line {where.line}: {commands.error}; the rest was analysed as far as it could be split")
    for words in commands:
        _check_pin_assignments(reporter, words, production=production, dev_reason=dev_reason)
    for step in walk(commands, state):
        check_command(reporter, step.words, step.env, production=production, dev_reason=dev_reason, cwd=step.cwd,
                      port_hint=port_hint)


def _check_pin_assignments(reporter: Reporter, words: list[Word], *, production: bool, dev_reason: Optional[str]) -> None:
    """`export WERKZEUG_DEBUG_PIN=off` / `WERKZEUG_DEBUG_PIN=off` on their own line: FL105 with a line removal."""
    body = words[1:] if words and words[0].text in ("export", "declare", "typeset", "readonly") else words
    if not body or not all(w.is_assignment for w in body):
        return
    text = reporter.source.text
    path = reporter.context.display_path
    values = []
    for word in body:
        value = EnvValue.from_word(word, path)
        if value.name != PIN_VARIABLE:
            continue
        if len(body) == 1 and _alone_on_lines(text, words):
            start, end = line_removal(text, words[0].start, words[-1].end)
            value = EnvValue(value.name, value.value, value.start, value.end, path, value.value_start,
                             value.value_end, start, end)
        values.append(value)
    if values:
        check_environment(reporter, Environment(values), production=production, dev_reason=dev_reason)


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    check_script(reporter, source.text, 0, ShellState(context.display_path))
    return reporter.result()
