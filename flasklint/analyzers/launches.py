"""What a deployment config starts, and with which environment: one shape for every YAML/TOML family.

A compose service, a Kubernetes container, a CI step, a fly.toml process and a
render.yaml service all come down to the same thing: a command (exec form, a
list of arguments, or shell form, one string) and the environment variables it
runs with, declared at exact places in the file. Each family analyzer only
extracts `Launch`es; turning them into shell words with file offsets and asking
the Flask-CLI model about them happens here, once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from flasklint.analyzers.base import Reporter
from flasklint.commands import prefilter as command_prefilter
from flasklint.commands.checks import FACTS_KEY, check_command, check_environment
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import Word, split_commands
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult


@dataclass(frozen=True)
class EnvSetting:
    """`NAME: value` (or `- NAME=value`, `{name, value}`) with the place it occupies."""

    name: str
    value: LocatedText
    start: int
    end: int
    removal: Optional[tuple[int, int]] = None
    """The text to delete to remove the setting (whole lines), when it is that simple."""


@dataclass(frozen=True)
class CommandPart:
    """One command declaration: exec form (`argv`) or shell form (`shell`)."""

    argv: tuple[LocatedText, ...] = ()
    shell: Optional[LocatedText] = None
    block_indent: Optional[str] = None
    """For an argv written as a YAML block sequence: the text before each `- ` (None: flow/inline)."""
    renderable: bool = True
    """False when a replacement list cannot be written in place (a nested sequence)."""


@dataclass(frozen=True)
class Launch:
    """One thing a config starts (service, container, step, process) and its environment."""

    label: str
    start: int
    parts: tuple[CommandPart, ...] = ()
    """Run one after the other as one argument list: an entrypoint, then its command."""
    env: tuple[EnvSetting, ...] = ()
    """In order of precedence: later settings win."""
    env_files: tuple[LocatedText, ...] = ()
    production: bool = True
    port_hint: Optional[str] = None
    """The port a replacement server should bind (`$PORT`, a containerPort), for the FL301 fix."""
    dev_reason: Optional[str] = None
    """Why this one launch is development-only (a CI job in a file that also deploys), lowering its findings."""


def removal_range(text: str, start: int, end: int, *, list_item: bool) -> Optional[tuple[int, int]]:
    """Whole lines [start, end) occupies, if nothing else shares them (for a fix that deletes it)."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start].strip(" \t")
    if prefix not in (("", "-") if list_item else ("",)):
        return None
    if end > 0 and text[end - 1] == "\n":
        return line_start, end
    newline = text.find("\n", end)
    line_end = len(text) if newline < 0 else newline + 1
    rest = text[end:line_end].strip()
    if rest and not rest.startswith("#"):
        return None
    return line_start, line_end


def located_word(text: str, item: LocatedText) -> Word:
    """An exec-form argument as a shell word: its value is taken literally, never split."""
    quoted = item.style in ("'", '"')
    verbatim = item.is_verbatim(text, 0, len(item.value))
    return Word(
        item.value,
        item.node_start,
        item.node_end,
        quoted=quoted,
        plain_prefix=0 if quoted else -1,
        inner_start=item.start if verbatim and item.value else -1,
    )


def shell_commands(text: str, script: LocatedText) -> tuple[list[list[Word]], Optional[str]]:
    """Split a shell-form value into simple commands whose words point into the file.

    The value is split as it is (quotes removed, folded lines joined, escapes
    decoded by YAML/TOML); each word's offsets are then mapped back through the
    value's character map. `inner_start` survives only where the word's text
    appears unchanged in the file, so fixes never edit a rewritten range.
    """
    first = script.offsets[0] if script.offsets else -1
    if first >= 0 and _copied_whole(text, script, first):
        # the value is the file's text from `first` on (a plain or quoted one-line string, the usual case):
        # the splitter's own offsets from there are what the character map gives, word for word
        copied = split_commands(script.value, first)
        return list(copied), None if copied.complete else copied.error
    commands = split_commands(script.value, 0)
    mapped: list[list[Word]] = []
    for command in commands:
        words = []
        for word in command:
            inner = -1
            if word.inner_start >= 0 and script.is_verbatim(text, word.inner_start, word.inner_start + len(word.text)):
                inner = script.map_start(word.inner_start)
            words.append(
                Word(word.text, script.map_start(word.start), script.map_end(word.end),
                     word.quoted, word.plain_prefix, inner)
            )
        mapped.append(words)
    return mapped, None if commands.complete else commands.error


def _copied_whole(text: str, script: LocatedText, first: int) -> bool:
    """Whether the value appears unchanged at `first`, each character at the next offset."""
    end = first + len(script.value)
    return text[first:end] == script.value and script.offsets[-1] == end - 1 and script.is_copied_from(first)


def launch_commands(text: str, launch: Launch) -> tuple[list[list[Word]], list[str]]:
    """The simple commands a launch runs: its parts joined into one argument list.

    An entrypoint and a command (compose `entrypoint` + `command`, Kubernetes
    `command` + `args`) form one argument vector: the last simple command of
    the first part continues with the first of the next.
    """
    result: list[list[Word]] = []
    problems: list[str] = []
    for part in launch.parts:
        if part.shell is not None:
            commands, error = shell_commands(text, part.shell)
            if error:
                problems.append(error)
        else:
            commands = [[located_word(text, item) for item in part.argv]]
        commands = [c for c in commands if c]
        if not commands:
            continue
        if result:
            result[-1] = result[-1] + commands[0]
            result.extend(commands[1:])
        else:
            result.extend(commands)
    return result, problems


def launch_environment(text: str, launch: Launch, path: str, base: Optional[Environment] = None) -> Environment:
    """The launch's settings as an Environment (later settings win), on top of `base`."""
    if not launch.env and base is None:
        return Environment()  # what layering nothing on an empty one makes (most containers set no env)
    values = []
    for setting in launch.env:
        verbatim = bool(setting.value.value) and setting.value.is_verbatim(text, 0, len(setting.value.value))
        start, end = (setting.value.start, setting.value.end) if verbatim else (-1, -1)
        removal = setting.removal or (-1, -1)
        values.append(EnvValue(setting.name, setting.value.value, setting.start, setting.end, path,
                               start, end, removal[0], removal[1]))
    if base is None:
        return Environment(values)  # the same map as layering them on an empty one, one copy fewer
    return base.layered(values)


def may_matter(data: bytes) -> bool:
    """The command families' byte screen, plus YAML's `\\x66` escapes (TOML and JSON have only `\\u`)."""
    return command_prefilter.may_matter(data) or b"\\x" in data


def check_launches(reporter: Reporter, text: str, launches: Sequence[Launch]) -> FileResult:
    """Ask the Flask-CLI model about every launch: its environment, then each command it runs."""
    path = reporter.context.display_path
    for launch in launches:
        if not launch.parts and not launch.env:
            continue  # nothing to judge: a container that only names its image (its env_files are below)
        env = launch_environment(text, launch, path)
        check_environment(reporter, env, production=launch.production, dev_reason=launch.dev_reason)
        commands, problems = launch_commands(text, launch)
        for problem in problems:
            where = reporter.source.position(launch.start)
            reporter.warn(f"line {where.line}: {launch.label}: {problem}")
        style, render = _argv_rendering(launch)
        for words in commands:
            before = len(reporter.result_.findings)
            facts_before = len(reporter.result_.facts.get(FACTS_KEY, ()))
            check_command(reporter, words, env, production=launch.production, port_hint=launch.port_hint,
                          argv_style=style, render=render, dev_reason=launch.dev_reason)
            _keep_only_format_safe_fixes(reporter, text, launch, before)
            _mark_unfixable_starts(reporter, text, launch, style, render, facts_before)
            for fact in reporter.result_.facts.get(FACTS_KEY, [])[facts_before:]:
                fact["service"] = launch.label  # its env_files (below) apply to it
    if any(launch.env_files for launch in launches):
        reporter.result_.facts["env_files"] = [
            {"service": launch.label, "path": file.value, "start": file.node_start, "end": file.node_end,
             "production": launch.production}
            for launch in launches
            for file in launch.env_files
        ]
    return reporter.result()


def _argv_rendering(launch: Launch) -> tuple[str, Optional[Callable[[list[str]], str]]]:
    """How a replacement argument list is written over a launch's exec-form command."""
    if len(launch.parts) != 1 or launch.parts[0].shell is not None:
        return "shell", None
    indent = launch.parts[0].block_indent
    if not launch.parts[0].renderable:
        return "shell", None  # _edit_fits rejects the replacement: no fix rather than a broken file
    if indent is None:
        return "json", None  # a flow sequence: JSON strings are YAML/TOML strings
    return "yaml-block", lambda argv: f"\n{indent}- ".join(json.dumps(a) for a in argv)


_UNSAFE_IN = {
    "": (": ", " #", "\n", "\r"),
    "'": ("'", "\n", "\r"),
    '"': ('"', "\\", "\n", "\r"),
    "|": ("\n", "\r"),
    ">": ("\n", "\r"),
    "toml": ('"', "\\", "\n", "\r"),
    "toml-literal": ("'", "\n", "\r"),
}


def _edit_fits(text: str, launch: Launch, start: int, end: int, replacement: str) -> bool:
    """Whether replacing [start, end) changes a command the way the file's format reads it back.

    Inside one string (a shell-form command, one exec-form argument) the range
    must hold characters copied verbatim from the value and the replacement
    must need no escaping in that string's style; across exec-form arguments
    the edit must start and end on argument boundaries of one list, and only
    delete them or replace them all (the FL301 fix renders the whole list).
    """
    for setting in launch.env:
        if (start, end) in (setting.removal, (setting.value.start, setting.value.end)):
            return True
    for part in launch.parts:
        strings = (part.shell,) if part.shell is not None else part.argv
        for string in strings:
            if string.node_start <= start and end <= string.node_end:
                if not string.covers_verbatim(text, start, end):
                    return False
                return not any(bad in replacement for bad in _UNSAFE_IN.get(string.style, ("\n",)))
        if part.argv:
            starts = {a.node_start for a in part.argv}
            ends = {a.node_end for a in part.argv}
            whole = start == part.argv[0].node_start and end == part.argv[-1].node_end
            if (start in starts | ends) and end in ends and ((whole and part.renderable) or not replacement):
                return True
    return False


def _keep_only_format_safe_fixes(reporter: Reporter, text: str, launch: Launch, first: int) -> None:
    """Drop the fix of a command finding that would edit the YAML/TOML text in a way it cannot read back.

    Environment fixes are built from ranges this module computed (verbatim
    values, whole lines), so only command fixes need the check.
    """
    findings = reporter.result_.findings
    for index in range(first, len(findings)):
        fix = findings[index].fix
        if fix is not None and not all(_edit_fits(text, launch, e.start, e.end, e.replacement) for e in fix.edits):
            findings[index] = findings[index].with_changes(fix=None)


_PROBE = ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
_PROBES = {"json": ", ".join(json.dumps(a) for a in _PROBE), "shell": " ".join(_PROBE)}
"""The probe replacement in each style, made once rather than for every start of a large file."""


def _mark_unfixable_starts(reporter: Reporter, text: str, launch: Launch, style: str,
                           render: Optional[Callable[[list[str]], str]], first: int) -> None:
    """Tell the project pass not to rewrite a start this file's format cannot take its replacement for.

    The project pass writes its gunicorn replacement over a start's range as
    shell words or a JSON list (`argv_style`). Where that would break the file
    (a command spread over `entrypoint` and `command`, a YAML block sequence,
    an escaped string) the fact is marked not fixable.
    """
    facts = reporter.result_.facts.get(FACTS_KEY, [])
    for fact in facts[first:]:
        probe = _PROBES.get(style)
        if probe is None:
            fact["fixable"] = False
            continue
        if not _edit_fits(text, launch, fact["start"], fact["end"], probe):
            fact["fixable"] = False
