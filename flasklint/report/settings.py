"""`check --show-settings`: the settings a run would use and where each came from (ruff's `--show-settings`).

Why: with a configuration found by walking up from the first path, "which file did it read,
and is my `ignore` in force?" is otherwise answered only by experiment.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from flasklint.config import Config
from flasklint.filenames import terminal_safe

DEFAULTS: dict[str, Any] = {
    "select": ["ALL"], "extend-select": [], "ignore": [], "exclude": [], "extend-exclude": [],
    "per-file-ignores": {}, "dev-paths": [], "severity": {}, "fail-on": "low", "include-dev": False,
}


def _value(config: Config, key: str) -> Any:
    value = {
        "select": config.select, "extend-select": config.extend_select, "ignore": config.ignore,
        "exclude": config.exclude, "extend-exclude": config.extend_exclude,
        "per-file-ignores": dict(config.per_file_ignores), "dev-paths": config.dev_paths,
        "severity": {rule: level.label for rule, level in config.severity.items()},
        "fail-on": config.fail_on.label if config.fail_on else None, "include-dev": config.include_dev,
    }[key]
    return DEFAULTS[key] if value is None else value


def render(config: Config, targets: Sequence[str], *, isolated: bool, given: dict[str, Any]) -> str:
    """One line per setting: `key = value  # origin`, the origin a file, the command line or the default.

    `given` holds what the command line set (empty or None where it set nothing); `--select`
    and `--exclude` replace the file's value, `--ignore` adds to it, as `config.scan_options` merges.
    """
    if isolated:
        source = "none: --isolated ignores every configuration file"
    elif config.path is not None:
        source = str(config.path)
    else:
        source = f"none found from {targets[0] if targets else '.'} up (flasklint.toml, or pyproject.toml with [tool.flasklint])"
    lines = [f"Configuration file: {terminal_safe(source)}", f"Paths: {terminal_safe(' '.join(targets))}", ""]
    origin_file = terminal_safe(config.path.name if config.path else "")
    for key in DEFAULTS:
        value = _value(config, key)
        origin = origin_file if key in config.keys else "default"
        cli: Optional[Any] = given.get(key)
        if cli not in (None, [], False):
            if key == "ignore":
                value, origin = list(value) + list(cli), ("command line" if origin == "default" else f"{origin} + command line")
            else:
                value, origin = cli, "command line"
        lines.append(f"{key:<16} = {terminal_safe(json.dumps(value))}  # {origin}")
    lines.append(f"{'format':<16} = {json.dumps(given.get('format') or 'text')}  # "
                 f"{'command line' if given.get('format') not in (None, 'text') else 'default'}")
    return "".join(line + "\n" for line in lines)
