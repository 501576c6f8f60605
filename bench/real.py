"""Time flasklint against ruff on real trees the user points at: cold, warm and one named file.

    python bench/real.py [--runs 5] [--file RELATIVE] TREE [TREE ...]

Nothing is fetched: every TREE is a checkout already on disk. Each figure is
the median wall time of a whole process, as a user runs it, with the tools
interleaved (flasklint, ruff, flasklint, ruff, ...) so that drifting machine
load hits both alike:

- cold: `--no-cache` for both;
- warm: a second run on an unchanged tree with each tool's cache;
- one named file: a warm run naming a single file, run from the tree's top,
  as pre-commit does (default: the tree's shallowest Python file, sorted);
- one touched file: the same run after the named file's mtime changed (its
  content does not), as when pre-commit names a file just edited: no memo
  can answer, every cache re-reads that file. The file's times are restored
  at the end; nothing else in the tree is written.

Wall time is what the targets are about; CPU time (user + system of the
process and its workers) is printed beside it, because on a shared machine
wall time also counts the waits for a core.

ruff runs `check --select S104,S201` (its rules closest to flasklint's), from
PATH; flasklint runs from this checkout (PYTHONPATH) in text format. Peak RSS
is flasklint's, from `os.wait4` (the process and the workers it waited for).
Ratios are flasklint / ruff. The markdown table goes to stdout, so a run can
be pasted into docs/performance.md. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
SKIPPED = {".git", "node_modules", "__pycache__", ".venv", "venv", "build", "dist", "site-packages"}


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in KiB) of one whole process; output discarded.

    CPU is user + system time of the process and the workers it waited for: on a machine shared with other
    work, wall time also counts the waits for a core, and CPU time does not.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def file_count(tree: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(tree))


def named_file(tree: Path, given: Optional[str]) -> str:
    """The file named in the one-file run: `given`, else the shallowest Python file (sorted)."""
    if given:
        return given
    candidates = []
    for folder, dirs, names in os.walk(tree):
        dirs[:] = [d for d in dirs if d not in SKIPPED and not d.startswith(".")]
        relative = os.path.relpath(folder, tree)
        for name in names:
            if name.endswith(".py"):
                path = name if relative == "." else os.path.join(relative, name)
                candidates.append((path.count(os.sep), path))
    if not candidates:
        raise SystemExit(f"{tree}: no Python file to name")
    return min(candidates)[1]


def measure(tree: Path, runs: int, given: Optional[str], scratch: Path, env: dict[str, str]) -> dict[str, float]:
    tag = str(abs(hash(str(tree))))
    fl_cache, ruff_cache = scratch / f"fl-{tag}", scratch / f"ruff-{tag}"
    fl_cache_one, ruff_cache_one = scratch / f"fl1-{tag}", scratch / f"ruff1-{tag}"
    one = named_file(tree, given)
    flasklint = [sys.executable, "-m", "flasklint", "check", "--exit-zero"]
    ruff = ["ruff", "check", "--select", "S104,S201", "--exit-zero", "--quiet"]
    commands = {
        "flasklint cold": flasklint + ["--no-cache", "."],
        "ruff cold": ruff + ["--no-cache", "."],
        "flasklint warm": flasklint + ["--cache-dir", str(fl_cache), "."],
        "ruff warm": ruff + ["--cache-dir", str(ruff_cache), "."],
        "flasklint one": flasklint + ["--cache-dir", str(fl_cache_one), one],
        "ruff one": ruff + ["--cache-dir", str(ruff_cache_one), one],
    }
    # Warm caches the way a user's earlier runs do: the whole tree, and for the one-file run, the tree then the file.
    for command in (commands["flasklint warm"], commands["ruff warm"],
                    flasklint + ["--cache-dir", str(fl_cache_one), "."],
                    ruff + ["--cache-dir", str(ruff_cache_one), "."],
                    commands["flasklint one"], commands["ruff one"]):
        subprocess.run(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fl_cache_touched, ruff_cache_touched = scratch / f"flt-{tag}", scratch / f"rufft-{tag}"
    commands["flasklint touched"] = flasklint + ["--cache-dir", str(fl_cache_touched), one]
    commands["ruff touched"] = ruff + ["--cache-dir", str(ruff_cache_touched), one]
    for command in (flasklint + ["--cache-dir", str(fl_cache_touched), "."],
                    ruff + ["--cache-dir", str(ruff_cache_touched), "."],
                    commands["flasklint touched"], commands["ruff touched"]):
        subprocess.run(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    named = tree / one
    original = os.stat(named)
    try:
        for run in range(runs):
            for name, command in commands.items():  # interleaved
                touched = name.endswith("touched")
                if touched:  # as if pre-commit named a file just edited: its stat changed (its own caches only)
                    moment = original.st_mtime_ns - (run * len(commands) + len(name)) * 1_000_000_000
                    os.utime(named, ns=(original.st_atime_ns, moment))
                samples[name].append(timed(command, tree, env))
                if touched:  # back as it was, so the other runs' caches still hold
                    os.utime(named, ns=(original.st_atime_ns, original.st_mtime_ns))
    finally:
        os.utime(named, ns=(original.st_atime_ns, original.st_mtime_ns))
    row: dict[str, float] = {name: statistics.median(s[0] for s in values) for name, values in samples.items()}
    row.update({f"{name} cpu": statistics.median(s[1] for s in values) for name, values in samples.items()})
    row["rss"] = max(s[2] for name, values in samples.items() if name.startswith("flasklint") for s in values) / 1024
    row["files"] = file_count(tree)
    row["one"] = one  # type: ignore[assignment]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", help="the file named in the one-file run, relative to each tree")
    parser.add_argument("--label", action="append", default=[], help="a name for each tree (default: its folder name)")
    args = parser.parse_args()
    if shutil.which("ruff") is None:
        raise SystemExit("ruff is not on PATH (pip install -e '.[compare]')")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("FLASKLINT_CACHE_DIR", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "flasklint")], env=env, check=False)
    ruff_version = subprocess.run(["ruff", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{time.strftime('%Y-%m-%d')}; {os.cpu_count()} CPUs; Python {platform.python_version()}; {ruff_version}; "
          f"medians of {args.runs}, interleaved")
    print()
    print("| repository | files | cold: flasklint / ruff | warm | one named file | one touched file | peak RSS | "
          "CPU: cold | warm | one | touched |")
    print("|---|---:|---|---|---|---|---:|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="flasklint-real-") as tmp:
        for index, tree in enumerate(args.trees):
            tree = tree.resolve()
            row = measure(tree, args.runs, args.file, Path(tmp), env)
            label = args.label[index] if index < len(args.label) else tree.name

            def cell(kind: str, suffix: str = "") -> str:
                ours, theirs = row[f"flasklint {kind}{suffix}"], row[f"ruff {kind}{suffix}"]
                return f"{ours:.3f} / {theirs:.3f} = {ours / theirs:.1f}×"

            print(f"| {label} | {int(row['files']):,} | {cell('cold')} | {cell('warm')} | {cell('one')} | "
                  f"{cell('touched')} | {row['rss']:.0f} MiB | {cell('cold', ' cpu')} | {cell('warm', ' cpu')} | "
                  f"{cell('one', ' cpu')} | {cell('touched', ' cpu')} |", flush=True)
            print(f"  named file: {row['one']}", file=sys.stderr)


if __name__ == "__main__":
    main()
