"""The vertices of the deployment graph: the pieces of files that run, and where each finding sits.

A *unit* is the smallest piece of a file that something can run on its own:

- `main`: the `if __name__ == "__main__":` body of a Python file (runs only as a script), and the whole
  of a package's `__main__.py` (what `python -m pkg` runs; nothing imports it);
- `cli`: a CLI command function (`@app.cli.command`, `@click.command`): it runs when someone types
  the command, never on import;
- `function`: a module-level function another file's code calls (`main()` after `from .cli import main` in
  `__main__.py`): it runs when its caller runs (placed by `Graph.unit_at`, not by a line range);
- `module`: the rest of a Python file (runs whenever it is imported: by a WSGI server, `flask run`,
  another module, or the script itself);
- `script`: a shell script; `make`: one Makefile target; `npm`: one package.json script; `stage`: one Dockerfile stage;
  `service`: one compose service; `env`: an env file; `file`: any other launcher file as a whole
  (a Procfile, a manifest, a unit file, a workflow).

Every analyzer already records where its starts are (`facts["command_starts"]`) and the shape of its
file (`main_blocks`, `make_targets`, `docker_stages`, `compose_services`); this module only reads
those facts, never a file.
"""

from __future__ import annotations

import bisect
import functools
import posixpath
from dataclasses import dataclass
from typing import Any, Optional

from flasklint.knowledge import kinds
from flasklint.model import FileResult

__all__ = ["UnitKey", "FileUnits", "is_test_path", "MAIN", "MODULE", "SCRIPT", "MAKE", "STAGE", "SERVICE",
           "ENV", "FILE", "CLI", "NPM", "FUNC", "PYTHON_UNITS"]

MAIN, MODULE, SCRIPT, MAKE, STAGE, SERVICE, ENV, FILE, CLI, NPM, FUNC = (
    "main", "module", "script", "make", "stage", "service", "env", "file", "cli", "npm", "function")
PYTHON_UNITS = (MAIN, MODULE, CLI, FUNC)
PRODUCTION, DEVELOPMENT = "production", "development"
"""The two roles of a launcher root (see graph.py)."""

UnitKey = tuple[str, str, str]
"""(unit kind, display path, name within the file: target, stage index, service; "" for a whole file)."""

WHOLE_FILE = 1 << 30
"""The last line of a range that covers a file to its end, whatever its length."""
WHOLE_FILE_KINDS = frozenset({kinds.PYTHON, kinds.SHELL, kinds.ENVFILE})
"""Kinds whose starts run together (a script runs top to bottom), so the file is one unit."""
FACTS_KEY = "command_starts"  # flasklint.commands.checks.FACTS_KEY (not imported: units stay light)

TEST_FOLDERS = frozenset({"tests", "test", "testing", "fixtures", "__tests__"})


def is_test_path(path: str) -> bool:
    """Test files and fixtures by the conventions pytest and unittest use."""
    parts = path.split("/")
    name = parts[-1]
    if any(part in TEST_FOLDERS for part in parts[:-1]):
        return True
    return name == "conftest.py" or (name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py")))


@dataclass
class FileUnits:
    """One file's units, with line ranges to place a finding or a start in the right one."""

    path: str
    kind: str
    facts: dict[str, Any]
    _starts: list[int]
    _ends: list[int]
    _names: list[str]
    _unit_kind: str
    _kinds: Optional[list[str]] = None
    """Per range, when a file's ranges are of several kinds (Python: `__main__` code and CLI commands)."""

    @classmethod
    def of(cls, path: str, kind: str, result: FileResult) -> "FileUnits":
        facts = result.facts
        ranges: list[tuple[int, int, str]] = []
        unit_kind = FILE
        per_range: Optional[list[str]] = None
        if kind == kinds.PYTHON:
            unit_kind = MAIN
            ranges = [(int(a), int(b), "") for a, b in facts.get("main_blocks", ())]
            if posixpath.basename(path) == "__main__.py":
                ranges = [(1, WHOLE_FILE, "")]
            functions = facts.get("functions", {})
            # a function only `__main__` calls runs when the script runs, never on import
            ranges += [(int(functions[name][0]), int(functions[name][1]), "")
                       for name in facts.get("main_calls", ()) if name in functions]
            main_calls = set(facts.get("main_calls", ()))
            commands = [(int(functions[c["name"]][0]), int(functions[c["name"]][1]), c["name"])
                        for c in facts.get("cli_commands", ())
                        if c.get("name") in functions and c["name"] not in main_calls]
            ranges.sort()
            commands.sort()
            per_range = [MAIN] * len(ranges) + [CLI] * len(commands)
            ranges = ranges + commands
            order = sorted(range(len(ranges)), key=lambda i: ranges[i])
            ranges = [ranges[i] for i in order]
            per_range = [per_range[i] for i in order]
        elif kind == kinds.MAKEFILE:
            unit_kind = MAKE
            ranges = [(int(a), int(b), name) for name, (a, b) in facts.get("make_targets", {}).items()]
        elif kind == kinds.PACKAGE_JSON:
            unit_kind = NPM
            ranges = [(int(a), int(b), name) for name, (a, b) in facts.get("npm_scripts", {}).items()]
        elif kind == kinds.DOCKERFILE:
            unit_kind = STAGE
            ranges = [(int(s["line"]), int(s["end_line"]), str(s["index"])) for s in facts.get("docker_stages", ())]
        elif kind == kinds.COMPOSE:
            unit_kind = SERVICE
            ranges = [(int(s["line"]), int(s["end_line"]), str(s["name"])) for s in facts.get("compose_services", ())]
        elif kind not in WHOLE_FILE_KINDS:
            # Procfile lines, CI jobs, manifests' containers: each start is a launcher of its own (a CI file's
            # deploy job is production, its test job is not)
            ranges = [(int(s["line"]), int(s["end_line"]), f"line {s['line']}")
                      for s in facts.get(FACTS_KEY, ())]
        if per_range is None:
            ranges.sort()
        return cls(path, kind, facts, [r[0] for r in ranges], [r[1] for r in ranges], [r[2] for r in ranges],
                   unit_kind, per_range)

    @property
    def whole(self) -> UnitKey:
        """The unit a line outside every range belongs to."""
        if self.kind == kinds.PYTHON:
            return (MODULE, self.path, "")
        if self.kind == kinds.SHELL:
            return (SCRIPT, self.path, "")
        if self.kind == kinds.ENVFILE:
            return (ENV, self.path, "")
        return (FILE, self.path, "")

    def at(self, line: int) -> UnitKey:
        """The unit that holds `line` (the innermost range that starts at or before it and covers it)."""
        index = bisect.bisect_right(self._starts, line) - 1
        while index >= 0:
            if self._ends[index] >= line:
                kind = self._kinds[index] if self._kinds is not None else self._unit_kind
                return (kind, self.path, self._names[index])
            index -= 1
            if self._unit_kind != MAIN:
                break  # targets, stages and services do not nest
        return self.whole

    def function_at(self, line: int) -> Optional[str]:
        """The module-level function whose body holds `line` (Python), or None.

        Module-level functions do not overlap, so one bisect over their first lines, sorted once, finds it
        (a module of thousands of functions, each with a start, stays linear).
        """
        table = self.__dict__.get("_functions")
        if table is None:
            spans = sorted((int(a), int(b), str(name)) for name, (a, b) in (self.facts.get("functions") or {}).items())
            table = self.__dict__["_functions"] = ([s[0] for s in spans], spans)
        firsts, spans = table
        index = bisect.bisect_right(firsts, line) - 1
        if index >= 0 and spans[index][1] >= line:
            return spans[index][2]
        return None

    def _indexed(self, key: str, field: str) -> dict[str, dict[str, Any]]:
        """facts[key] by facts[key][i][field], built once (a FROM chain may have thousands of stages)."""
        cache = self.__dict__.setdefault("_index", {})
        if (key, field) not in cache:
            table: dict[str, dict[str, Any]] = {}
            for entry in self.facts.get(key, ()):
                value = entry.get(field)
                if value is not None:
                    table.setdefault(str(value), entry)
            cache[(key, field)] = table
        return cache[(key, field)]

    def stage(self, target: Optional[str]) -> Optional[UnitKey]:
        """The Dockerfile stage a build with this `target` produces (None: the final stage)."""
        stages = self.facts.get("docker_stages", ())
        if not stages:
            return None
        if target:
            stage = self._indexed("docker_stages", "name").get(target)
            return (STAGE, self.path, str(stage["index"])) if stage is not None else None
        return (STAGE, self.path, str(stages[-1]["index"]))

    def stage_parent(self, index: str) -> Optional[UnitKey]:
        stage = self.stage_info(index)
        if stage is None or not stage.get("parent"):
            return None
        return self.stage(stage["parent"])

    def stage_info(self, index: str) -> Optional[dict[str, Any]]:
        return self._indexed("docker_stages", "index").get(index)

    def service_info(self, name: str) -> Optional[dict[str, Any]]:
        return self._indexed("compose_services", "name").get(name)

    @functools.cached_property
    def folder(self) -> str:  # asked for every start the file has
        return posixpath.dirname(self.path)
