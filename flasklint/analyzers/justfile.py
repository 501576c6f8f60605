"""`justfile` recipes: each body line is a shell command, with `{{var}}` interpolation and exported variables.

- `name := "value"` defines a variable, `export NAME := "value"` an exported
  one (all of them with `set export`); `{{name}}` in a recipe line is replaced
  by its value, each replaced character placed on the `{{` so findings stay
  on the line (and no fix edits a replacement);
- a recipe header `name args: deps` starts at column 0, its body lines are
  indented; a leading `@` or `-` is just's, not the shell's;
- `set dotenv-load` makes just load `.env` (recorded as `facts["dotenv_load"]`).

Recipes are developer commands: development context, lowered further for
conventional names (`dev`, `run`, `serve`).
"""

from __future__ import annotations

import re

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.analyzers.launches import CommandPart, EnvSetting, Launch, check_launches, may_matter
from flasklint.knowledge.context import dev_target_reason
from flasklint.sources.located import LocatedText
from flasklint.model import FileResult
from flasklint.sources.source import SourceText

__all__ = ["may_matter", "analyze"]

_ASSIGN = re.compile(r"^(?P<export>export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:=[ \t]*"
                     r"(?:\"(?P<dq>[^\"\n]*)\"|'(?P<sq>[^'\n]*)'|(?P<bare>[^#\n]*?))[ \t]*(?:#.*)?$")
_RECIPE = re.compile(r"^@?(?P<name>[A-Za-z_][A-Za-z0-9_-]*)(?:[ \t]+[^:\n]*)?[ \t]*:(?!=)")
_SET = re.compile(r"^set[ \t]+(?P<name>[a-z-]+)(?:[ \t]*:=[ \t]*(?P<value>\S+))?")
_INTERPOLATION = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}")


def _line_text(text: str, start: int, end: int, variables: dict[str, str]) -> LocatedText:
    """A recipe line with `{{var}}` replaced by the variable's value (unknown ones left as written)."""
    value: list[str] = []
    offsets: list[int] = []
    last = start
    for match in _INTERPOLATION.finditer(text, start, end):
        value.extend(text[last:match.start()])
        offsets.extend(range(last, match.start()))
        replacement = variables.get(match.group(1), match.group(0))
        value.extend(replacement)
        offsets.extend([match.start()] * len(replacement))
        last = match.end()
    value.extend(text[last:end])
    offsets.extend(range(last, end))
    return LocatedText("".join(value), tuple(offsets), start, end, "just")


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    reporter = Reporter(context, source)
    text = source.text
    variables: dict[str, str] = {}
    exported: list[EnvSetting] = []
    settings: set[str] = set()
    launches: list[Launch] = []
    recipe = None
    for number, start in enumerate(source.line_starts, start=1):
        line = source.line_text(number)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t":
            if recipe is None:
                continue
            body = len(line) - len(line.lstrip())
            while body < len(line) and line[body] in "@-":
                body += 1
            located = _line_text(text, start + body, start + len(line), variables)
            launches.append(Launch(f"recipe {recipe!r}", start, (CommandPart(shell=located),),
                                   tuple(exported), production=False, dev_reason=dev_target_reason(recipe)))
            continue
        recipe = None
        setting = _SET.match(line)
        assignment = _ASSIGN.match(line)
        if setting:
            if setting.group("value") in (None, "true"):
                settings.add(setting.group("name"))
        elif assignment:
            group = next(g for g in ("dq", "sq", "bare") if assignment.group(g) is not None)
            value_start = start + assignment.start(group)
            value = assignment.group(group)
            variables[assignment.group("name")] = value
            if assignment.group("export") or "export" in settings:
                exported.append(EnvSetting(assignment.group("name"), LocatedText.verbatim(value, value_start),
                                           start, start + len(line)))
        else:
            header = _RECIPE.match(line)
            recipe = header.group("name") if header else None
    result = check_launches(reporter, text, launches)
    if "dotenv-load" in settings:
        result.facts["dotenv_load"] = True
    return result
