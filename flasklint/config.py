"""Configuration: `[tool.flasklint]` in pyproject.toml, or the top level of flasklint.toml.

Found by walking up from the first scanned path (a file's folder, or the
folder itself) to the filesystem root; in each folder `flasklint.toml` wins over
`pyproject.toml`, and a `pyproject.toml` without a `[tool.flasklint]` table is
passed over. `--config FILE` names the file instead, `--isolated` ignores every
file. Configuration files are read as TOML data only, never executed. Unknown
keys and wrong types are errors that name the key and the file, so a typo
never silently turns a check off.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

from flasklint.sources.filenames import terminal_safe
from flasklint.sources.nesting import cut_nesting

from flasklint.model import Severity

if TYPE_CHECKING:
    from flasklint.scan.options import ScanOptions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons only
    import tomli as tomllib

CONFIG_NAMES = ("flasklint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file is unreadable or invalid; the message names the file and the key."""


@dataclass
class Config:
    path: Optional[Path] = None
    select: Optional[list[str]] = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: Optional[list[str]] = None
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    dev_paths: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Optional[Severity] = None
    include_dev: bool = False
    keys: tuple[str, ...] = ()
    """The keys the file set (for `--show-settings`: the rest are defaults)."""

    @property
    def root(self) -> Optional[str]:
        """The configuration file's folder: per-file-ignores and excludes are relative to it."""
        return str(self.path.parent) if self.path else None


def _read_toml(path: Path) -> dict[str, Any]:
    """A configuration file's tables; what nests deeper than MAX_NESTING is cut (an empty array or table,
    which no setting accepts), so a scanned repository's pyproject.toml cannot crash the run."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        return tomllib.loads(cut_nesting(text)[0])
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply to read") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib raises it, not TOMLDecodeError, for bytes that are not UTF-8
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 (byte offset {exc.start})") from None


def _section(path: Path, data: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The flasklint table of a parsed file, or None when a pyproject.toml has none."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    section = tool.get("flasklint") if isinstance(tool, dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.flasklint] must be a table")
    return section


def find(start: str) -> Optional[Path]:
    """The configuration that applies to `start`: the nearest flasklint.toml or pyproject.toml with a section."""
    here = Path(start).absolute()
    folder = here if here.is_dir() else here.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and _section(candidate, _read_toml(candidate)) is not None:
                return candidate
    return None


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of strings, got {value!r}")
    return list(value)


def _rules(path: Path, key: str, value: Any) -> list[str]:
    from flasklint.findings.catalog import validate_selectors  # the catalog is read only when a config names rules

    selectors = [v.strip().upper() for v in _strings(path, key, value)]
    unknown = validate_selectors(selectors)
    if unknown:
        raise ConfigError(f"{path}: `{key}`: unknown rule id or prefix: {', '.join(unknown)}")
    return selectors


def _severity(path: Path, key: str, value: Any) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{path}: `{key}` must be a severity string (critical, high, medium, low), got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{path}: `{key}`: {exc}") from None


def _table(path: Path, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: `{key}` must be a table, got {value!r}")
    return value


def parse(path: Path, section: dict[str, Any]) -> Config:
    config = Config(path=path, keys=tuple(section))
    for key, value in section.items():
        if key == "select":
            config.select = _rules(path, key, value)
        elif key == "extend-select":
            config.extend_select = _rules(path, key, value)
        elif key == "ignore":
            config.ignore = _rules(path, key, value)
        elif key == "exclude":
            config.exclude = _strings(path, key, value)
        elif key == "extend-exclude":
            config.extend_exclude = _strings(path, key, value)
        elif key == "dev-paths":
            config.dev_paths = _strings(path, key, value)
        elif key == "per-file-ignores":
            config.per_file_ignores = [
                (pattern, _rules(path, f"{key}.{pattern}", rules)) for pattern, rules in _table(path, key, value).items()
            ]
        elif key == "severity":
            from flasklint.findings.catalog import load_catalog

            catalog = load_catalog()
            for rule, level in _table(path, key, value).items():
                if rule.upper() not in catalog:
                    raise ConfigError(f"{path}: `severity.{rule}`: unknown rule id (expected an id such as FL103)")
                config.severity[rule.upper()] = _severity(path, f"severity.{rule}", level)
        elif key == "fail-on":
            config.fail_on = _severity(path, key, value)
        elif key == "include-dev":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: `include-dev` must be true or false")
            config.include_dev = value
        else:
            raise ConfigError(
                f"{path}: unknown key `{key}` (expected one of: select, extend-select, ignore, exclude, "
                "extend-exclude, per-file-ignores, dev-paths, severity, fail-on, include-dev)"
            )
    return config


DEEPEST_SETTING = 2
"""Levels of arrays and tables a setting holds at most (`per-file-ignores`: a table of arrays)."""


def _levels(value: Any) -> int:
    """How deep arrays and tables nest in `value` (a parsed TOML value, at most MAX_NESTING deep)."""
    if isinstance(value, dict):
        return 1 + max((_levels(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_levels(v) for v in value), default=0)
    return 0


def load(path: Path) -> Config:
    section = _section(path, _read_toml(path))
    for key, value in (section or {}).items():
        if _levels(value) > DEEPEST_SETTING:  # one short line, not the repr of 100 levels of brackets
            raise ConfigError(f"{path}: `{key}` nests arrays or tables more than {DEEPEST_SETTING} levels deep; "
                              "no setting does")
    return parse(path, section or {})


def resolve(paths: Sequence[str], explicit: Optional[str], isolated: bool) -> Config:
    """The configuration of a run: none with --isolated, the named file, or the one found from the first path."""
    if isolated:
        return Config()
    if explicit:
        return load(Path(explicit))
    found = find(paths[0] if paths else ".")
    return load(found) if found else Config()


def scan_options(
    config: Config,
    *,
    select: Sequence[str],
    ignore: Sequence[str],
    exclude: Sequence[str],
    prefilter: bool,
    force_exclude: bool = False,
) -> "ScanOptions":
    """Merge the command line over the configuration.

    `--select` replaces `select` (`extend-select` still adds); `--ignore` adds
    to `ignore`; `--exclude` replaces `exclude` (`extend-exclude` still adds).
    """
    from flasklint.scan.options import ScanOptions

    selected = list(select) or config.select or ["ALL"]
    return ScanOptions(
        select=selected + config.extend_select,
        ignore=config.ignore + list(ignore),
        exclude=(list(exclude) or config.exclude or []) + config.extend_exclude,
        prefilter=prefilter,
        per_file_ignores=config.per_file_ignores,
        severity=config.severity,
        dev_paths=config.dev_paths,
        project_root=config.root,
        force_exclude=force_exclude,
    )


# --- `check --show-settings`: the settings a run would use and where each came from (ruff's --show-settings);
# without it, "which file did it read, and is my `ignore` in force?" is answered only by experiment.

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


def show_settings(config: Config, targets: Sequence[str], *, isolated: bool, given: dict[str, Any]) -> str:
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
