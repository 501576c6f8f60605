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


# ---- large, cyclic and deep inputs: generators ------------------------------------------------------------
#
# Each generator returns a tree as {relative path: bytes}. `with_real_findings` puts the two known
# problems beside it (an exposed debugger in app.py, `flask run --host=0.0.0.0` in a Procfile), which
# every scan of the tree must still report whatever the hostile part does.

Tree = dict[str, bytes]

REAL_APP = (
    b'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n'
    b'    app.run(host="0.0.0.0", debug=True)\n'
)
REAL_WEB = b"web: flask run --host=0.0.0.0\n"
REAL_FINDINGS = {("app.py", "FL101"), ("Procfile", "FL301")}
"""(path, rule) that every tree built by `with_real_findings` must report."""


def with_real_findings(tree: Tree) -> Tree:
    """The tree plus app.py and a Procfile holding the real findings (a Procfile of the tree keeps its lines)."""
    merged = dict(tree)
    merged["app.py"] = REAL_APP
    merged["Procfile"] = REAL_WEB + tree.get("Procfile", b"")
    return merged


def write_tree(root: Path, tree: Tree) -> Path:
    for name, data in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _lines(pattern: str, count: int) -> bytes:
    return "".join(pattern.format(i=i) for i in range(count)).encode()


def _spread(name: str, body: bytes, head: bytes, per_file: int) -> Tree:
    """`body`'s lines over files of at most `per_file` lines (`name` formatted with the file's number), each
    opening with `head`: a family whose starts would pass a file's MAX_FILE_STARTS stays under it per file."""
    lines = body.splitlines(keepends=True)
    return {name.format(k=k // per_file): head + b"".join(lines[k:k + per_file]) for k in range(0, len(lines), per_file)}


# One file of each family, `lines` lines long (roughly), ending in a finding of its own at big/<name>.
def big_dockerfile(lines: int) -> Tree:
    """An ENV, LABEL, RUN and WORKDIR line in turn (a quarter of the lines are assignments: 5,000 at 4n, the
    limit of environment.MAX_FILE_ASSIGNMENTS)."""
    step = "ENV VAR_{i}=value_{i}\nLABEL l{i}=v\nRUN echo {i} > /tmp/f\nWORKDIR /app/{i}\n"
    return {"big/Dockerfile": b"FROM python:3.12\n" + _lines(step, lines // 4) + b"CMD flask run --host 0.0.0.0\n"}


def big_makefile(lines: int) -> Tree:
    return {"big/Makefile": _lines("VAR_{i} = value_{i}\ntarget_{i}: VAR_{i}\n\techo $(VAR_{i}) $$HOME\n", lines // 3)
            + b"production:\n\tflask run --host=0.0.0.0\n"}


def big_shell(lines: int) -> Tree:
    return {"big/run.sh": b"#!/bin/sh\n" + _lines('export VAR_{i}="value {i}"\necho "$VAR_{i}" | tee -a log\n', lines // 2)
            + b"flask run --host 0.0.0.0\n"}


def big_envfile(lines: int) -> Tree:
    """Env files of 2,500 assignments each (environment.MAX_FILE_ASSIGNMENTS bounds one file's), the last
    ending in FLASK_DEBUG=1."""
    return _spread("big/e{k}/.env", _lines("VAR_{i}=value_{i}\n", lines) + b"FLASK_DEBUG=1\n", b"", 2_500)


def big_compose(lines: int) -> Tree:
    """Compose files of 500 services each (compose.MAX_SERVICES bounds one document's), the last ending in `web`."""
    service = "  svc{i}:\n    image: x\n    command: gunicorn app:app\n    environment:\n      - A{i}=b\n"
    return _spread("big/c{k}/docker-compose.yml", _lines(service, lines // 5)
                   + b"  web:\n    command: flask run --host 0.0.0.0\n", b"services:\n", 2_500)


def big_kubernetes(lines: int) -> Tree:
    """Pods that start gunicorn (800 at 4n: analyzers.base.MAX_FILE_STARTS bounds one file's starts), then one
    pod of many containers that only pass arguments."""
    document = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n  - name: c\n"
                "    image: x\n    command: [gunicorn, app:app]\n---\n")
    containers = "  - name: c{i}\n    image: x\n    args: [--workers, '{i}']\n    env:\n    - name: A\n      value: b\n"
    return {"big/k8s.yaml": _lines(document, lines // 25) + b"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
            + _lines(containers, lines // 12) + b"  - command: [flask, run, --host, 0.0.0.0]\n"}


def big_helm(lines: int) -> Tree:
    container = '      - name: "{{{{ .Values.name{i} }}}}"\n        image: "{{{{ .Values.image }}}}"\n'
    return {"big/chart/templates/deployment.yaml": b"apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n"
            b"    spec:\n      containers:\n" + _lines(container, lines // 2)
            + b"      - command: [flask, run, --host, 0.0.0.0]\n"}


def big_procfile(lines: int) -> Tree:
    return {"big/Procfile": _lines("worker{i}: celery -A app worker --concurrency {i}\n", lines)
            + b"web: flask run --host=0.0.0.0\n"}


def big_dockerfile_stages(lines: int) -> Tree:
    """A FROM chain as long as the file: each stage builds on the last, references variables nobody set."""
    stage = "FROM s{i} AS s{i}_\nWORKDIR /app{i}\nENV A{i}=$UNSET_{i}/$HOME\nCOPY . .\n"
    chain = "".join(stage.format(i=i).replace(f"AS s{i}_", f"AS s{i + 1}") for i in range(lines // 4))
    return {"big/Dockerfile": b"FROM python AS s0\n" + chain.encode() + b"CMD flask run --host 0.0.0.0\n"}


def big_shell_starts(lines: int) -> Tree:
    """Scripts that export a variable and start the server every fourth line (each start records its env), 500
    starts a script (analyzers.base.MAX_FILE_STARTS, which has a test of its own, bounds one file's)."""
    body = _lines("export FLASK_V{i}=x\ncd /srv\nexport B{i}=y\nflask run --port {i}\n", lines // 4)
    return _spread("big/run{k}.sh", body + b"flask run --host 0.0.0.0\n", b"#!/bin/sh\n", 2_000)


def big_compose_starts(lines: int) -> Tree:
    """Compose files whose every service runs `flask run`: the project pass refines each start's finding (500
    services a file: compose.MAX_SERVICES bounds one document's)."""
    body = _lines("  s{i}:\n    command: flask run --port {i}\n", lines // 2)
    return _spread("big/c{k}/docker-compose.yml", body, b"services:\n", 1_000)


BIG_FAMILIES = {
    "dockerfile-stages": big_dockerfile_stages, "shell-starts": big_shell_starts, "compose-starts": big_compose_starts,
    "dockerfile": big_dockerfile, "makefile": big_makefile, "shell": big_shell, "envfile": big_envfile,
    "compose": big_compose, "kubernetes": big_kubernetes, "helm": big_helm, "procfile": big_procfile,
}


# One line that grows (issue 22, section 4): work per repetition must not depend on the line's length.
def repeated_option(times: int) -> Tree:
    """`flask run --debug --debug ...`: one command, the option repeated (each use is dropped by the fix)."""
    return {"big/run.sh": b"#!/bin/sh\nflask run" + b" --debug" * times + b"\n"}


def starts_on_one_line(starts: int) -> Tree:
    """`flask run --host=0.0.0.0;` repeated on one shell line: a finding each, all on one long line."""
    return {"big/run.sh": b"#!/bin/sh\n" + b"flask run --host=0.0.0.0;" * starts + b"\n"}


def one_line_procfile(words: int) -> Tree:
    """`web: flask run --host=0.0.0.0 a a a ...`: one command of `words` more words."""
    return {"big/Procfile": b"web: flask run --host=0.0.0.0" + b" a" * words + b"\n"}


ONE_LINE_FAMILIES = {
    "repeated-option": (repeated_option, 5_000),
    "starts-on-one-line": (starts_on_one_line, 250),
    "one-line-procfile": (one_line_procfile, 10_000),
}
"""Each builder with its n (n and 4n stay under shellwords.MAX_COMMAND_WORDS and a file's MAX_FILE_STARTS and
MAX_FILE_FINDINGS: nothing is cut)."""


def many_server_starts(starts: int) -> Tree:
    """A module with `starts` dev-server starts (each a finding with a fix)."""
    return {"big/starts.py": b"from flask import Flask\napp = Flask(__name__)\n"
            + b'app.run(host="0.0.0.0", debug=True)\n' * starts}


def many_findings(findings: int, per_file: int = 1_000) -> Tree:
    """A tree of shell scripts with `findings` dev-server findings in all."""
    tree: Tree = {}
    for index in range(0, findings, per_file):
        count = min(per_file, findings - index)
        tree[f"big/scripts/s{index // per_file}.sh"] = b"#!/bin/sh\n" + b"flask run --host 0.0.0.0 --debug\n" * count
    return tree


def many_launched_scripts(scripts: int) -> Tree:
    """`scripts` shell scripts, each started by a Procfile entry and a Dockerfile RUN: work for the project pass."""
    tree: Tree = {f"bin/s{i}.sh": f"#!/bin/sh\nexport FLASK_APP=app{i}\nflask run --port {i}\n".encode()
                  for i in range(scripts)}
    tree["Procfile"] = "".join(f"p{i}: ./bin/s{i}.sh\n" for i in range(scripts)).encode()
    tree["Dockerfile"] = ("FROM python\nCOPY . /app\nWORKDIR /app\n" + "".join(f"RUN ./bin/s{i}.sh\n" for i in range(scripts))
                          + 'CMD ["./bin/s0.sh"]\n').encode()
    tree[".env"] = b"FLASK_DEBUG=1\n"
    return tree


# Launcher cycles: what runs what, in a loop.
def make_calls_itself() -> Tree:
    return {"Makefile": b"serve:\n\t$(MAKE) serve\n\nloop: loop\n\tmake -C . loop\n"}


def scripts_exec_ring(size: int = 3) -> Tree:
    return {f"bin/s{i}.sh": f"#!/bin/sh\nexec ./bin/s{(i + 1) % size}.sh \"$@\"\n".encode() for i in range(size)}


def compose_runs_itself() -> Tree:
    return {"docker-compose.yml": b"services:\n  web:\n    image: app\n    command: docker compose run --rm web\n"
            b"  worker:\n    image: app\n    command: [docker-compose, run, worker]\n"}


def procfile_make_procfile() -> Tree:
    return {"Procfile": b"release: make release\n", "Makefile": b"release:\n\thoncho start release\n"}


# Deep launcher chains: each link starts the next.
def deep_make_chain(depth: int = 5_000) -> Tree:
    return {"Makefile": "".join(f"t{i}:\n\t$(MAKE) t{i + 1}\n" for i in range(depth)).encode() + f"t{depth}:\n\techo done\n".encode()}


def deep_script_chain(depth: int = 5_000) -> Tree:
    tree = {f"chain/s{i}.sh": f"#!/bin/sh\nexec ./chain/s{i + 1}.sh\n".encode() for i in range(depth)}
    tree[f"chain/s{depth}.sh"] = b"#!/bin/sh\necho done\n"
    return tree


# Deep nesting in one file.
def _sh_c(script: str) -> str:
    return 'sh -c "' + script.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


def nested_sh_c(depth: int) -> bytes:
    """`sh -c "sh -c \\"... flask run --host 0.0.0.0 ...\\""` nested `depth` times (escapes double each level)."""
    command = "flask run --host 0.0.0.0"
    for _ in range(depth):
        command = _sh_c(command)
    return command.encode()


def nested_substitution(depth: int) -> bytes:
    """`sh -c "$(sh -c "$(...)")"` nested `depth` times: linear in size, every level a new quoting context."""
    return b'sh -c "$(' * depth + b"flask run --host 0.0.0.0" + b')"' * depth


def deep_nesting() -> dict[str, Tree]:
    """Named trees of deeply nested input, one hostile file each."""
    return {
        "sh-c-escaped-4": {"nested.sh": b"#!/bin/sh\n" + nested_sh_c(4) + b"\n"},
        "sh-c-escaped-16": {"nested.sh": b"#!/bin/sh\n" + nested_sh_c(16) + b"\n"},
        "sh-c-substitution-5000": {"nested.sh": b"#!/bin/sh\n" + nested_substitution(5_000) + b"\n"},
        "dockerfile-sh-c-12": {"Dockerfile": b"FROM python\nCMD " + nested_sh_c(12) + b"\n"},
        "compose-sh-c-12": {"docker-compose.yml": b"services:\n  web:\n    command: '"
                            + nested_sh_c(12).replace(b"'", b"''") + b"'\n"},
        "yaml-block-sequences-5000": {"k8s.yaml": b"apiVersion: v1\nkind: Pod\nspec:\n  x:\n  " + b"- " * 5_000 + b"a\n"},
        "yaml-flow-mappings-5000": {"docker-compose.yml": b"services:\n  web:\n    x: " + b"{a: " * 5_000
                                    + b"b" + b"}" * 5_000 + b"\n"},
        "python-blocks-1000": {"deep.py": b"".join(b" " * i + b"if True:\n" for i in range(1_000))
                               + b" " * 1_000 + b"pass\n"},
        "python-calls-5000": {"deep.py": b"x = " + b"f(" * 5_000 + b")" * 5_000 + b"\n"},
        "python-lambdas-2000": {"deep.py": b"x = " + b"lambda: " * 2_000 + b"1\n"},
        "dockerfile-cmd-brackets-100000": {"Dockerfile": b"FROM python\nCMD " + b"[" * 100_000 + b"\n"
                                           b"FROM python AS web\nCMD flask run --host 0.0.0.0\n"},
        "pyproject-dependencies-5000": {"pyproject.toml": b"[project]\nname = 'x'\ndependencies = " + b"[" * 5_000
                                        + b"]" * 5_000 + b"\n\n[tool.pdm.scripts]\ndev = 'flask run --host 0.0.0.0'\n"},
        "package-json-5000": {"package.json": b'{"scripts": {"dev": "flask run --host 0.0.0.0"}, "x": ' + b"[" * 5_000
                              + b"]" * 5_000 + b"}\n"},
    }


LAUNCHER_SHAPES = {
    "make-calls-itself": make_calls_itself,
    "scripts-exec-ring": scripts_exec_ring,
    "compose-runs-itself": compose_runs_itself,
    "procfile-make-procfile": procfile_make_procfile,
    "make-chain-5000": deep_make_chain,
    "script-chain-5000": deep_script_chain,
}
"""Cycles and deep chains of launchers (for the deployment model; today they must simply finish)."""


# ---- growth: time at n and at 4n in one bounded child ----------------------------------------------------

GROWTH_FACTOR = 4
GROWTH_BOUND = 8.0
"""Linear work grows 4x from n to 4n and quadratic 16x; 8x leaves room for a loaded 2-core machine."""

_GROWTH_DRIVER = r"""
import gc, json, os, sys, time
sys.path.insert(0, sys.argv[1])
from click.testing import CliRunner
from flasklint.cli import main

args, roots = json.loads(sys.argv[2]), json.loads(sys.argv[3])

def once(root):
    os.chdir(root)
    gc.collect()
    gc.disable()  # growth, not the collector's schedule, is what is measured
    start = time.perf_counter()
    result = CliRunner().invoke(main, args)
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed, result

once(roots[0])  # warm-up: imports, the rule catalog, Flask's CLI model
reports = []
for root in roots:
    elapsed, result = once(root)
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = repr(result.exception)
    reports.append({"seconds": elapsed, "args": args, "code": result.exit_code, "stdout": result.stdout,
                    "stderr": result.stderr, "exception": error})
sys.stdout.write(json.dumps(reports))
"""


@dataclass
class Growth:
    seconds: tuple[float, float]
    """Time at n and at GROWTH_FACTOR * n."""
    large: Run
    """The run on the larger tree (its findings are checked too)."""

    @property
    def ratio(self) -> float:
        return self.seconds[1] / max(self.seconds[0], 1e-3)


def measure_growth(build: Any, n: int, where: Path, args: Sequence[str], attempts: int = 3) -> Growth:
    """Run `flasklint ARGS` (in the tree's folder) on build(n) and build(4n) in a bounded child.

    A ratio over GROWTH_BOUND is measured again (up to `attempts` times) before it counts: a neighbour
    hogging the CPU during one run must not fail the suite, a quadratic analyzer fails every time.
    """
    roots = []
    for size in (n, GROWTH_FACTOR * n):
        root = where / f"n{size}"
        write_tree(root, build(size))
        roots.append(str(root))
    best: Optional[Growth] = None
    for _ in range(attempts):
        child = subprocess.run(
            [sys.executable, "-c", _GROWTH_DRIVER, str(ROOT), json.dumps(list(args)), json.dumps(roots)],
            capture_output=True, timeout=TIMEOUT * 3, preexec_fn=limit_resources, env=child_env(),
        )
        assert child.returncode == 0, f"the child died ({child.returncode}):\n{child.stderr.decode(errors='replace')[-3000:]}"
        small, large = json.loads(child.stdout)
        seconds = small.pop("seconds"), large.pop("seconds")
        growth = Growth(seconds, Run(**large))
        if best is None or growth.ratio < best.ratio:
            best = growth
        if best.ratio <= GROWTH_BOUND:
            break
    assert best is not None
    return best


# ---- memory growth: peak RSS at n and at 4n, each in its own bounded child --------------------------------

MEMORY_GROWTH_BOUND = 6.0
"""Memory for findings grows 4x from n to 4n when it is linear; 6x leaves room for allocator noise."""


_PEAK_DRIVER = r"""
import json, os, resource, subprocess, sys, tempfile
limit, args = int(sys.argv[1]), json.loads(sys.argv[2])

def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
    child = subprocess.Popen([sys.executable, "-m", "flasklint", *args], stdout=sink, stderr=errors, preexec_fn=bounded)
    _, status, usage = os.wait4(child.pid, 0)
    errors.seek(0)
    sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status), "peak": usage.ru_maxrss,
                                 "stderr": errors.read().decode(errors="replace")[-3000:]}))
"""


def peak_rss(args: Sequence[str], cwd: Path) -> int:
    """Peak resident set (KiB) of `python -m flasklint ARGS` in `cwd` and its workers; stdout is discarded.

    The report goes to /dev/null, as in CI, so what is measured is flasklint's own memory, not a
    captured copy of its output. A small driver process starts it and reads its peak (`os.wait4`):
    Linux counts the memory of the process that forked a child into the child's peak, and a
    pytest process late in the suite is larger than flasklint on these trees.
    """
    driver = subprocess.run([sys.executable, "-c", _PEAK_DRIVER, str(MEMORY_LIMIT), json.dumps(list(args))], cwd=cwd,
                            capture_output=True, timeout=TIMEOUT, env=child_env())
    assert driver.returncode == 0, driver.stderr.decode(errors="replace")[-3000:]
    report = json.loads(driver.stdout)
    assert report["code"] in (0, 1), f"status {report['code']}:\n{report['stderr']}"
    return int(report["peak"])


@dataclass
class MemoryGrowth:
    peaks: tuple[int, int, int]
    """Peak RSS (KiB) for the tree without the generated part, at n and at GROWTH_FACTOR * n."""

    @property
    def ratio(self) -> float:
        """How much the memory that the generated part costs grew from n to 4n (linear: 4)."""
        base, small, large = self.peaks
        return (large - base) / max(small - base, 1)

    @property
    def cost(self) -> int:
        """KiB the 4n generated part adds to the peak."""
        return self.peaks[2] - self.peaks[0]


def measure_memory_growth(build: Any, n: int, where: Path, args: Sequence[str]) -> MemoryGrowth:
    """Peak RSS of `flasklint ARGS` on build(0), build(n) and build(4n), each tree in its own child."""
    peaks = []
    for size in (0, n, GROWTH_FACTOR * n):
        root = write_tree(where / f"m{size}", build(size))
        peaks.append(peak_rss(args, root))
    return MemoryGrowth((peaks[0], peaks[1], peaks[2]))
