"""Template actions (Jinja, cookiecutter, Helm/Go templates) read as unknown values, offsets unchanged.

Deployment files in the wild are often templates: a Helm chart's
`templates/deployment.yaml` has `{{ .Values.image }}` and `{{- if ... }}`
lines, a cookiecutter project has `{{ cookiecutter.project_slug }}` in every
file, Ansible ships `Dockerfile.j2`. None of them parse as YAML, Python or
JSON as written. `blank` rewrites each action in place, keeping every other
character (and every newline) where it was, so findings and fixes still point
into the real file:

- a line that holds only actions (`{{- if .Values.debug }}`, `{% endfor %}`)
  becomes blank: it is control flow, not content;
- an action inside content (`image: {{ .Values.image }}`) becomes the same
  number of `PLACEHOLDER` characters: a value nobody knows until rendering, so
  no rule judges it (`is_unknown`). Python gets `_` instead, so
  `from {{cookiecutter.pkg}} import app` still parses.

GitHub Actions expressions (`${{ secrets.X }}`) are left alone: they are not
template syntax of the file but values of the workflow, and the workflow
analyzer already treats anything with `$` as unknown.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["PLACEHOLDER", "Blanked", "blank", "is_templated", "is_unknown", "overlaps"]

PLACEHOLDER = "\ue000"
"""A private-use character: valid in YAML/TOML/JSON strings, never in a real value."""

_ACTION = re.compile(r"(?<!\$)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_MAX_ACTION = 2000
"""An action longer than this is not one (an unclosed `{{` followed by the rest of the file)."""
_PY_CONTROL = re.compile(r"^[ \t]*\{%-?", re.M)


@dataclass(frozen=True)
class Blanked:
    """The rewritten text and the [start, end) ranges of the actions it replaced."""

    text: str
    spans: tuple[tuple[int, int], ...]


def is_templated(text: str, *, python: bool = False) -> bool:
    """Whether the text holds template actions to blank.

    Python code uses `{{` in f-strings and `.format` strings, so a Python
    file counts only when it names cookiecutter or has a `{% %}` line.
    """
    if "{{" not in text and "{%" not in text and "{#" not in text:
        return False
    if python:
        return "cookiecutter." in text or _PY_CONTROL.search(text) is not None
    return _ACTION.search(text) is not None


def blank(text: str, *, python: bool = False) -> Blanked:
    """The text with every template action rewritten in place (same length, same newlines)."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    filler = "_" if python else PLACEHOLDER
    last = 0
    for match in _ACTION.finditer(text):
        start, end = match.span()
        if end - start > _MAX_ACTION:
            continue
        spans.append((start, end))
        pieces.append(text[last:start])
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:start], text[end:line_end]
        if "{" in before or "{" in after:  # another action may share the line: the line without any of them
            around = _ACTION.sub("", text[line_start:line_end]).strip()
        else:  # the usual case, this action alone on its line: what is around it
            around = before.strip() or after.strip()
        action = match.group()
        control = not around or action.startswith(("{%", "{#"))
        fill = " " if control else filler
        if "\n" in action or "\r" in action:
            pieces.append("".join(c if c in "\r\n" else fill for c in action))
        else:  # one line, the usual case: no loop over its characters
            pieces.append(fill * len(action))
        last = end
    pieces.append(text[last:])
    return Blanked("".join(pieces), tuple(spans))


def is_unknown(value: str) -> bool:
    """A value that came from a template action (so nothing can be said about it)."""
    return PLACEHOLDER in value


def overlaps(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether [start, end) touches a template action (an edit there would rewrite the template).

    `spans` are `Blanked.spans`: in order and disjoint, so the last action that starts before the
    range's end is the one that reaches furthest; a bisect finds it (every start and fix of a large
    template is asked about, and a scan of all actions each time was quadratic).
    """
    index = bisect.bisect_left(spans, (max(end, start + 1),))
    return index > 0 and spans[index - 1][1] > start
