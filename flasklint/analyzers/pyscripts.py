"""Scripts declared in `pyproject.toml` and `Pipfile`: console-script entry points (facts) and task commands.

- `[project.scripts]` and `[tool.poetry.scripts]` map a command name to
  `module:function`: installing the package makes that command, and the
  deployment model follows it (`facts["console_scripts"]`, name -> target);
- `[tool.pdm.scripts]` (`name = "cmd"`, `{cmd = ...}`, `{shell = ...}`, with
  `env`), `[tool.hatch.envs.<env>.scripts]` (a string or a list of
  strings, with the env's `env-vars`) and Pipfile `[scripts]` are commands
  that developers run (`pdm run dev`): development launchers.
"""

from __future__ import annotations

from typing import Any

from flasklint.analyzers.base import Reporter
from flasklint.analyzers.launches import CommandPart, Launch, check_launches
from flasklint.analyzers.nixpacks import toml_env
from flasklint.knowledge.context import dev_target_reason
from flasklint.sources.located import LocatedText
from flasklint.sources.tomlsource import locate

__all__ = ["console_scripts", "check_scripts"]


def _table(data: Any, *path: str) -> dict[str, Any]:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def console_scripts(data: dict[str, Any]) -> dict[str, str]:
    """Entry points that become commands when the package is installed."""
    scripts = {**_table(data, "tool", "poetry", "scripts"), **_table(data, "project", "scripts")}
    found = {}
    for name, target in scripts.items():
        if isinstance(target, dict):  # poetry's `{ reference = "...", type = "console" }`
            target = target.get("reference") or target.get("callable")
        if isinstance(target, str) and ":" in target:
            found[name] = target.strip()
    return found


def _part(text: str, path: tuple[str, ...], value: Any) -> CommandPart:
    located = locate(text, path, value)
    return CommandPart(argv=tuple(located)) if isinstance(located, list) else CommandPart(shell=located)


def _anchor(part: CommandPart) -> int:
    first = part.shell if part.shell is not None else (part.argv[0] if part.argv else None)
    return first.node_start if isinstance(first, LocatedText) else 0


def _launch(text: str, path: tuple[str, ...], value: Any, env: tuple, label: str, name: str) -> list[Launch]:
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        part = _part(text, path, value)
        return [Launch(label, _anchor(part), (part,), env, production=False, dev_reason=dev_target_reason(name))]
    return []


def check_scripts(reporter: Reporter, text: str, data: dict[str, Any], pipfile: bool) -> dict[str, dict[str, int]]:
    """Judge the task-runner commands of the file (development launchers); returns, per runner (`pipenv`,
    `pdm`, `hatch`), each script's name and the line of its command, for `pipenv run NAME` in a launcher."""
    launches: list[Launch] = []
    named: dict[str, dict[str, int]] = {}

    def note(runner: str, name: str, found: list[Launch]) -> list[Launch]:
        if found:
            named.setdefault(runner, {}).setdefault(name, reporter.source.position(found[0].start).line)
        return found

    if pipfile:
        for name, value in _table(data, "scripts").items():
            launches += note("pipenv", name, _launch(text, ("scripts", name), value, (), f"script {name!r}", name))
    for name, value in _table(data, "tool", "pdm", "scripts").items():
        path = ("tool", "pdm", "scripts", name)
        if isinstance(value, dict):
            env = toml_env(text, path + ("env",), value.get("env"))
            for key in ("cmd", "shell"):
                if key in value:
                    launches += note("pdm", name, _launch(text, path + (key,), value[key], env, f"pdm script {name!r}",
                                                          name))
        else:
            launches += note("pdm", name, _launch(text, path, value, (), f"pdm script {name!r}", name))
    for env_name, environment in _table(data, "tool", "hatch", "envs").items():
        if not isinstance(environment, dict):
            continue
        env = toml_env(text, ("tool", "hatch", "envs", env_name, "env-vars"), environment.get("env-vars"))
        for name, value in _table(environment, "scripts").items():
            path = ("tool", "hatch", "envs", env_name, "scripts", name)
            commands = value if isinstance(value, list) else [value]
            if isinstance(value, list):
                for index, command in enumerate(commands):
                    if isinstance(command, str):
                        located = locate(text, path, value)
                        if isinstance(located, list) and index < len(located):
                            launches.append(Launch(f"hatch script {env_name}:{name}", located[index].node_start,
                                                   (CommandPart(shell=located[index]),), env, production=False,
                                                   dev_reason=dev_target_reason(name)))
            else:
                launches += _launch(text, path, value, env, f"hatch script {env_name}:{name}", name)
    if launches:
        check_launches(reporter, text, launches)
    return named
