"""Time flasklint against ruff, Bandit and (optionally) Semgrep; print Markdown tables.

    python bench/run.py [--runs 3] [--slow-runs 1] [--sizes 5000,20000] [--formats text,json,sarif,github,markdown,...]
                        [--project-files 500] [--semgrep-config rules.yml]

Corpora: the standard library of the running interpreter, generated Flask
monorepos (bench/generate_monorepo.py, seed 1) and a generated real-shaped
project with Dockerfiles, compose files, scripts and Procfiles
(bench/generate_project.py). flasklint is timed in every output format, cold
(`--no-cache`) and warm (a second run on its cache); the second table gives
each format's ratios to ruff, to the `flasklint --version` floor and to the
text run of the same tree. Every command is a whole
process, as a user runs it. Tools are interleaved (A/B/A/B...) so drifting
machine load hits all of them alike; each figure is the median of the runs.
Peak RSS comes from `os.wait4` (the process and the workers it waited for).
flasklint runs from this checkout (PYTHONPATH), ruff/bandit/semgrep from PATH
(`pip install -e '.[compare]'`). Nothing here is a test: timings never fail CI.
Generated trees get the mtimes of an hour-old checkout (see `age`) and
flasklint is byte-compiled first, as an installed package is, so that neither
a fresh tree nor PYTHONDONTWRITEBYTECODE makes every run pay for what a user's
second run does not.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate_monorepo import generate  # noqa: E402
from generate_project import generate as generate_project  # noqa: E402


GNU_TIME = shutil.which("time") if Path("/usr/bin/time").exists() else None


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run; output discarded.

    Peak RSS comes from GNU time when installed: `os.wait4` of a child forked
    from this (large) bench process inherits the parent's high-water mark.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        prefix = ["/usr/bin/time", "-f", "%M", "-o", rss.name] if GNU_TIME else []
        start = time.perf_counter()
        process = subprocess.Popen(prefix + command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        text = rss.read().strip()
    return elapsed, int(text.splitlines()[-1]) if GNU_TIME and text else usage.ru_maxrss


def age(tree: Path) -> None:
    """Give a generated tree the mtimes of a checkout made an hour ago.

    Caches trust a file's stat only when its mtime is older than the run (a file changed within the
    timestamp granularity keeps its stat): a tree written a moment ago would be re-read by every warm run.
    """
    moment = time.time() - 3600
    for folder, _, names in os.walk(tree):
        for name in names:
            os.utime(os.path.join(folder, name), (moment, moment), follow_symlinks=False)
    for folder, _, _ in sorted(os.walk(tree), key=lambda entry: -entry[0].count(os.sep)):
        os.utime(folder, (moment, moment))


def version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


class Bench:
    def __init__(self, args: argparse.Namespace, scratch: Path) -> None:
        self.args = args
        self.scratch = scratch
        self.env = dict(os.environ, PYTHONPATH=str(REPO))
        self.env.pop("FLASKLINT_CACHE_DIR", None)
        self.rows: list[dict] = []
        self.formats = [f for f in args.formats.split(",") if f]

    def tools(self, corpus: Path, name: str) -> dict[str, tuple[list[str], Optional[list[str]], bool]]:
        """name -> (command, warm-up command or None, slow)."""
        ruff_cache = self.scratch / f"ruff-cache-{name}"
        ruff = ["ruff", "check", "--select", "S104,S201", "--exit-zero", "--quiet", str(corpus)]
        tools: dict[str, tuple[list[str], Optional[list[str]], bool]] = {}
        for output in self.formats:  # JSON and SARIF also build the Python fixes (LibCST, on windows)
            fl_cache = self.scratch / f"fl-cache-{name}-{output}"
            flasklint = [sys.executable, "-m", "flasklint", "check", str(corpus), "--format", output]
            tools[f"flasklint {output} cold"] = (flasklint + ["--no-cache"], None, False)
            warm = flasklint + ["--cache-dir", str(fl_cache)]
            tools[f"flasklint {output} warm"] = (warm, warm, False)
        tools.update({
            "ruff cold": (ruff + ["--no-cache"], None, False),
            "ruff warm": (ruff + ["--cache-dir", str(ruff_cache)], ruff + ["--cache-dir", str(ruff_cache)], False),
        })
        if shutil.which("bandit") and not self.args.no_bandit:
            # The same files as the others: ruff and flasklint skip site-packages by default.
            skip = ["-x", str(corpus / "site-packages")] if (corpus / "site-packages").is_dir() else []
            tools["bandit"] = (["bandit", "-q", "-t", "B104,B201", "-r", *skip, str(corpus), "-f", "json"], None, True)
        if self.args.semgrep_config and shutil.which("semgrep"):
            command = ["semgrep", "--config", str(Path(self.args.semgrep_config).resolve()), "-j", "2", "--metrics", "off", "--quiet", str(corpus)]
            tools["semgrep"] = (command, None, True)
        return tools

    def measure(self, corpus: Path, name: str, files: int) -> dict:
        tools = self.tools(corpus, name)
        for command, warmup, _ in tools.values():
            if warmup:
                subprocess.run(warmup, cwd=self.scratch, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples: dict[str, list[tuple[float, int]]] = {tool: [] for tool in tools}
        for run in range(self.args.runs):
            for tool, (command, _, slow) in tools.items():  # interleaved: A B C ... A B C ...
                if slow and run >= self.args.slow_runs:
                    continue
                samples[tool].append(timed(command, self.scratch, self.env))
        row = {"corpus": name, "files": files}
        for tool, values in samples.items():
            row[tool] = statistics.median(v[0] for v in values)
            row[tool + " rss"] = max(v[1] for v in values) / 1024
            row[tool + " n"] = len(values)
        self.rows.append(row)
        return row

    def accuracy(self, corpus: Path) -> str:
        """Recall and precision of flasklint against the generator's ground truth."""
        out = subprocess.run(
            [sys.executable, "-m", "flasklint", "check", ".", "--format", "json", "--no-cache"],
            cwd=corpus, env=self.env, capture_output=True, text=True,
        ).stdout
        found = {(f["path"], f["start"]["line"], f["rule"]) for f in json.loads(out)["findings"]}
        truth = json.loads((corpus / "ground_truth.json").read_text())
        expected = {(p, line, rule) for p, v in truth["servers"].items() for line, rule in v["findings"]}
        hits = len(found & expected)
        recall = hits / len(expected) if expected else 1.0
        precision = hits / len(found) if found else 1.0
        return f"{corpus.name}: {len(expected)} expected, {len(found)} found, recall {recall:.3f}, precision {precision:.3f}"


def version_time(env: dict[str, str], runs: int) -> tuple[float, str]:
    times = [timed([sys.executable, "-m", "flasklint", "--version"], REPO, env)[0] for _ in range(max(runs, 5))]
    trace = subprocess.run([sys.executable, "-X", "importtime", "-m", "flasklint", "--version"],
                           cwd=REPO, env=env, capture_output=True, text=True).stderr
    top = []
    for line in trace.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("   "):
            top.append((int(parts[1]), parts[2].strip()))
    top.sort(reverse=True)
    summary = ", ".join(f"{name} {micros / 1000:.0f} ms" for micros, name in top[:5])
    return statistics.median(times), summary


def table(rows: list[dict], tools: list[str]) -> str:
    head = "| corpus | files | " + " | ".join(tools) + " |"
    lines = [head, "|" + "---|" * (len(tools) + 2)]
    for row in rows:
        cells = [f"{row[t]:.3f} s" if t in row else "—" for t in tools]
        lines.append(f"| {row['corpus']} | {row['files']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratios(rows: list[dict], formats: list[str], floor: float) -> str:
    """Per corpus and format: the targets' ratios (issue 14) and peak memory."""
    lines = ["| corpus | format | cold / ruff cold | warm / ruff warm | warm / `--version` | cold / text cold | "
             "warm / text warm | cold / bandit | peak RSS cold / warm | s per 1,000 files (cold) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        def r(a: str, b: str) -> str:
            return f"{row[a] / row[b]:.2f}" if a in row and b in row and row[b] else "—"
        for output in formats:
            cold, warm = f"flasklint {output} cold", f"flasklint {output} warm"
            per = row[cold] / row["files"] * 1000
            rss = f"{row[cold + ' rss']:.0f} / {row[warm + ' rss']:.0f} MiB"
            lines.append(f"| {row['corpus']} | {output} | {r(cold, 'ruff cold')} | {r(warm, 'ruff warm')} | "
                         f"{row[warm] / floor:.2f} | {r(cold, 'flasklint text cold')} | {r(warm, 'flasklint text warm')} | "
                         f"{r(cold, 'bandit')} | {rss} | {per:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per fast tool (flasklint, ruff)")
    parser.add_argument("--slow-runs", type=int, default=1, help="runs for bandit and semgrep (they take minutes)")
    parser.add_argument("--sizes", default="5000,20000", help="monorepo sizes to generate")
    parser.add_argument("--no-stdlib", action="store_true")
    parser.add_argument("--no-bandit", action="store_true")
    parser.add_argument("--formats", default="text,json,json-lines,sarif,github,gitlab,junit,rdjson,azure,pylint,markdown",
                        help="output formats flasklint is timed with (json/sarif/markdown also build the Python fixes)")
    parser.add_argument("--project-files", type=int, default=500,
                        help="size of the generated real-shaped project (0: none)")
    parser.add_argument("--semgrep-config", help="a Semgrep rules file; Semgrep is timed only when given")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="flasklint-bench-") as tmp:
        scratch = Path(tmp)
        bench = Bench(args, scratch)
        corpora: list[tuple[Path, str, int]] = []
        if not args.no_stdlib:
            stdlib = Path(sysconfig.get_paths()["stdlib"])
            count = sum(1 for _ in stdlib.rglob("*.py") if "site-packages" not in _.parts)
            corpora.append((stdlib, f"CPython {platform.python_version()} stdlib", count))
        accuracy = []
        for size in [int(s) for s in args.sizes.split(",") if s]:
            target = scratch / f"monorepo-{size}"
            generate(target, size, seed=1)
            corpora.append((target, f"Flask monorepo {size:,}", size))
            accuracy.append(bench.accuracy(target))
        if args.project_files:
            target = scratch / "project"
            written = generate_project(target, args.project_files, seed=1)
            corpora.append((target, f"Real-shaped project {written:,}", written))
        for corpus, _, _ in corpora:
            if corpus.is_relative_to(scratch):
                age(corpus)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "flasklint")], env=bench.env, check=False)
        for corpus, name, files in corpora:
            bench.measure(corpus, name, files)
            print(f"measured {name}", file=sys.stderr)
        version_seconds, imports = version_time(bench.env, args.runs)
        tools = [f"flasklint {f} {state}" for state in ("cold", "warm") for f in bench.formats] + ["ruff cold", "ruff warm"]
        tools += [t for t in ("bandit", "semgrep") if any(t in row for row in bench.rows)]

        print(f"date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} CPUs, {cpu_model()}, "
              f"{platform.system()} {platform.release()}; Python {platform.python_version()}")
        from flasklint import __version__

        print(f"versions: flasklint {__version__}; {version(['ruff', '--version'])}; "
              f"{version(['bandit', '--version'])}; {version(['semgrep', '--version']) if args.semgrep_config else 'semgrep not run'}")
        print(f"runs: {args.runs} (bandit/semgrep: {args.slow_runs}), medians of whole-process wall time, interleaved")
        print()
        print(table(bench.rows, tools))
        print()
        print(ratios(bench.rows, bench.formats, version_seconds))
        print()
        print(f"`flasklint --version`: {version_seconds:.3f} s (median); largest imports: {imports}")
        for line in accuracy:
            print(f"ground truth, {line}")


if __name__ == "__main__":
    main()
