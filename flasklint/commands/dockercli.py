"""`docker build` and `docker compose` in any command family: which Dockerfile, stage and compose files they use.

The deployment model needs to know which Dockerfile stage a launcher builds
(`docker build --target prod -f docker/Dockerfile.web .` in a script or CI
job) and which compose files a command names (`docker compose -f
deploy/stack.yml up`, also files whose names say nothing). Every command
checked by `flasklint.commands.checks.check_command` is looked at here and
such invocations are recorded as `facts["docker_invocations"]`:
`{"kind": "build"|"compose", "files": [...], "target": str|None,
"context": str|None, "subcommand": str|None, "line": int}` (paths as written,
relative to the command's folder).
"""

from __future__ import annotations

import posixpath
from typing import Any, Optional, Sequence

from flasklint.commands.shellwords import Word

__all__ = ["FACTS_KEY", "invocation"]

FACTS_KEY = "docker_invocations"
WRAPPERS = frozenset({"sudo", "env", "exec", "command", "time", "nohup"})
"""Words before the program that `invocation` steps over (with `NAME=value` words)."""
PROGRAMS = frozenset({"docker", "docker-compose"})
"""The programs whose invocations are recorded."""
_BUILD_VALUED = frozenset({"-f", "--file", "--target", "-t", "--tag", "--build-arg", "--platform", "--secret",
                           "--ssh", "--cache-from", "--cache-to", "--label", "--network", "--progress", "-o",
                           "--output", "--build-context", "--iidfile", "--metadata-file"})
_COMPOSE_VALUED = frozenset({"-f", "--file", "-p", "--project-name", "--profile", "--env-file",
                             "--project-directory", "--ansi", "--parallel"})


def _value(texts: list[str], index: int, option: str) -> tuple[Optional[str], int]:
    """The value of `--opt value` or `--opt=value` at `index`, and how many words it took."""
    text = texts[index]
    if text.startswith(option + "="):
        return text[len(option) + 1:], 1
    if text == option and index + 1 < len(texts):
        return texts[index + 1], 2
    return None, 1


def invocation(words: Sequence[Word]) -> Optional[dict[str, Any]]:
    texts = [w.text for w in words]
    while texts and (texts[0] in WRAPPERS or "=" in texts[0] and not texts[0].startswith("-")):
        texts = texts[1:]
    if not texts:
        return None
    head = posixpath.basename(texts[0])
    if head not in PROGRAMS:
        return None
    if head == "docker-compose":
        return _compose(texts[1:])
    if len(texts) < 2:
        return None
    if texts[1] == "compose":
        return _compose(texts[2:])
    if texts[1] == "build" or texts[1:3] in (["buildx", "build"], ["image", "build"]):
        return _build(texts[2 if texts[1] == "build" else 3:])
    return None


def _build(texts: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": "build", "files": [], "target": None, "context": None, "subcommand": None,
                             "tags": []}
    i = 0
    while i < len(texts):
        text = texts[i]
        for option, key in (("-f", "files"), ("--file", "files"), ("--target", "target"), ("-t", "tags"),
                            ("--tag", "tags")):
            value, used = _value(texts, i, option)
            if value is not None:
                if key in ("files", "tags"):
                    found[key].append(value)
                else:
                    found["target"] = value
                i += used
                break
        else:
            if text.split("=", 1)[0] in _BUILD_VALUED and "=" not in text:
                i += 2
                continue
            if not text.startswith("-"):
                found["context"] = text
            i += 1
    return found


def _compose(texts: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": "compose", "files": [], "target": None, "context": None, "subcommand": None}
    i = 0
    while i < len(texts):
        text = texts[i]
        value, used = _value(texts, i, "-f")
        if value is None:
            value, used = _value(texts, i, "--file")
        if value is not None:
            found["files"].append(value)
            i += used
            continue
        if text in _COMPOSE_VALUED:
            i += 2
            continue
        if not text.startswith("-"):
            found["subcommand"] = text
            break
        i += 1
    return found


def record(facts: dict[str, Any], words: Sequence[Word], line: int) -> None:
    """Add the command's docker invocation, if it is one, to a file's facts."""
    found = invocation(words)
    if found is not None:
        found["line"] = line
        facts.setdefault(FACTS_KEY, []).append(found)
