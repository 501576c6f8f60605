"""Shell scripts (`*.sh`, `*.bash`, extensionless files with a sh/bash shebang).

The script is split once with positions, then stepped through like the shell
runs it (`export`, `unset`, `set -a`, `cd`), so each `flask run` is judged with
the environment in force on its line. Scripts are development tooling by
default (FL201/FL202/FL101); a production config that runs the script (a
Dockerfile `CMD ["./start.sh"]`) makes it FL301 in the project pass.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Optional

from flasklint.analyzers import heredoc
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.sources.collector import collector_paused_for
from flasklint.commands import shellcase
from flasklint.commands.checks import FACTS_KEY, INERT_HEADS, check_command, check_pin_assignments, stream_snippet
from flasklint.commands.prefilter import may_matter
from flasklint.commands.script import ShellState, walk
from flasklint.commands.shellwords import Word
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze", "check_script"]


def check_script(reporter: Reporter, start: int, end: int, state: Optional[ShellState] = None, *,
                 production: bool = False, dev_reason: Optional[str] = None, port_hint: Optional[str] = None) -> None:
    """Judge one snippet of shell (a whole script, or one Procfile command) between two file offsets.

    `state` is what the snippet starts with; None: a fresh one, made only when a command is left to
    step through (most Procfile entries run a program no rule reads). Commands are split, judged
    and dropped one at a time: a script never holds all its words at once.
    """
    commands = stream_snippet(reporter, start, end, skip=INERT_HEADS)
    first = next(commands, None)
    if first is None:
        return
    if state is None:
        state = ShellState(reporter.context.display_path)
    for step in walk(_pins_checked(reporter, first, commands, production, dev_reason), state):
        fact = check_command(reporter, step.words, step.env, production=production, dev_reason=dev_reason,
                             cwd=step.cwd, port_hint=port_hint)
        if step.sourced and fact is not None:
            _apply_sourced(reporter, step.sourced, production)


def _pins_checked(reporter: Reporter, first: list[Word], rest: Iterator[list[Word]], production: bool,
                  dev_reason: Optional[str]) -> Iterator[list[Word]]:
    """The commands, each after its own `WERKZEUG_DEBUG_PIN=off` assignments are judged."""
    for words in itertools.chain((first,), rest):
        check_pin_assignments(reporter, words, production=production, dev_reason=dev_reason)
        yield words


def _apply_sourced(reporter: Reporter, files: tuple[str, ...], production: bool) -> None:
    """Tell the project pass that the last start runs with these sourced env files' variables exported.

    The compose `env_file` plumbing does exactly that: a start's `service`
    names the entries of `facts["env_files"]` that apply to it.
    """
    label = "sourced " + ", ".join(files)
    starts = reporter.result_.facts.get(FACTS_KEY, [])
    if starts:
        starts[-1]["service"] = label
    entries = reporter.result_.facts.setdefault("env_files", [])
    for path in files:
        if not any(e["service"] == label and e["path"] == path for e in entries):
            entries.append({"service": label, "path": path, "start": 0, "end": 0, "production": production})


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    with collector_paused_for(len(source.text)):
        check_script(reporter, 0, len(source.text), ShellState(context.display_path, text=source.text))
    found = shellcase.branches(source.text)
    if found:  # the deployment model runs only the branch a launcher's first argument selects
        reporter.result_.facts["case_branches"] = [branch.to_json() for branch in found]
    return heredoc.analyze_bodies(source, context, reporter.result())
