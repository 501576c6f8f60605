"""Running flasklint on hostile trees in a child process with bounded time and memory.

A regression that hangs, recurses the C stack away or eats memory must fail a
test, not take CI down with it, so every hostile scan runs in a child process
with an address-space limit (RLIMIT_AS) and a timeout. To keep the suite fast,
one child runs all the invocations a case needs (`check` in every output
format, `--diff`, `--fix`) through click's test runner, which records an
uncaught exception instead of raising it; a crash of the interpreter itself (a
segfault) shows up as the child's exit status. Tests that need the real
stdout (its encoding) run `python -m flasklint` directly with `run_flasklint`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1 << 30
"""1 GiB of address space for a child: flasklint on any one hostile tree stays far below it."""
TIMEOUT = 60.0

FORMATS = ("text", "json", "sarif", "github")

_DRIVER = r"""
import json, sys, traceback
sys.path.insert(0, sys.argv[1])
from click.testing import CliRunner
from flasklint.cli import main

reports = []
for args in json.loads(sys.argv[2]):
    result = CliRunner().invoke(main, args)  # records an uncaught exception in result.exception
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(result.exception))
    reports.append({"args": args, "code": result.exit_code, "stdout": result.stdout,
                    "stderr": result.stderr, "exception": error})
sys.stdout.write(json.dumps(reports))
"""


def limit_resources() -> None:
    """preexec_fn of every child: bounded address space, no core dumps."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COVERAGE"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def run_flasklint(args: Sequence[str], cwd: Path, timeout: float = TIMEOUT, **env: str) -> subprocess.CompletedProcess:
    """`python -m flasklint ARGS` in `cwd` with the limits; stdout/stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "flasklint", *args], cwd=cwd, capture_output=True, timeout=timeout,
        preexec_fn=limit_resources, env=child_env(**env),
    )


@dataclass
class Run:
    """One `flasklint` invocation inside the child."""

    args: list[str]
    code: int
    stdout: str
    stderr: str
    exception: Optional[str]

    @property
    def format(self) -> str:
        return self.args[self.args.index("--format") + 1] if "--format" in self.args else "text"

    def document(self) -> Any:
        return json.loads(self.stdout)


def run_all(invocations: Sequence[Sequence[str]], cwd: Path, timeout: float = TIMEOUT) -> list[Run]:
    """Run several `flasklint` command lines in one bounded child process (in order)."""
    child = subprocess.run(
        [sys.executable, "-c", _DRIVER, str(ROOT), json.dumps([list(a) for a in invocations])],
        cwd=cwd, capture_output=True, timeout=timeout, preexec_fn=limit_resources, env=child_env(),
    )
    assert child.returncode == 0, f"the child died (status {child.returncode}):\n{child.stderr.decode(errors='replace')[-3000:]}"
    return [Run(**report) for report in json.loads(child.stdout)]


def standard_invocations(paths: Sequence[str] = (".",)) -> list[list[str]]:
    """Every output format (each file parsed, no byte prefilter), then `--diff`, then `--fix` (last: it writes)."""
    checks = [["check", "--isolated", "--include-dev", "--no-prefilter", "--format", fmt, *paths] for fmt in FORMATS]
    return checks + [["check", "--isolated", "--include-dev", "--diff", *paths], ["check", "--isolated", "--include-dev", "--fix", *paths]]


def diagnostics_of(run: Run) -> list[tuple[str, str]]:
    """(path, message) of every file-level diagnostic a run reported, whatever its format."""
    if run.format == "json":
        return [(e["path"], e["message"]) for e in run.document()["errors"]]
    if run.format == "sarif":
        notes = run.document()["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        return [
            (n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["message"]["text"]) for n in notes
        ]
    if run.format == "github":
        found = []
        for line in run.stdout.splitlines():
            if line.startswith("::warning file=") and "title=flasklint::" in line:
                head, message = line.split("::", 2)[1:]
                found.append((head.split("file=", 1)[1].split(",title=")[0], message))
        return found
    found = []
    for line in run.stderr.splitlines():
        if line.startswith("flasklint: ") and ": " in line[len("flasklint: "):]:
            path, message = line[len("flasklint: "):].split(": ", 1)
            found.append((path, message))
    return found


def findings_of(run: Run) -> set[tuple[str, str]]:
    """(path, rule) of every finding a run reported, whatever its format."""
    if run.format == "json":
        return {(f["path"], f["rule"]) for f in run.document()["findings"]}
    if run.format == "sarif":
        return {
            (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"])
            for r in run.document()["runs"][0]["results"]
        }
    if run.format == "github":
        found = set()
        for line in run.stdout.splitlines():
            if line.startswith(("::error file=", "::warning file=")) and "title=FL" in line:
                head = line.split("::", 2)[1]
                found.add((head.split("file=", 1)[1].split(",line=")[0], head.split("title=")[1]))
        return found
    found = set()
    for line in run.stdout.splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4 and parts[1].isdigit() and parts[3].strip().startswith("FL"):
            found.add((parts[0], parts[3].split()[0]))
    return found
