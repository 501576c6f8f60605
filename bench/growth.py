"""How scan time grows with input size: each hostile-suite generator at n and 4n lines, a Markdown table.

    python bench/growth.py [--lines 25000] [--factor 4] [--runs 1]

Each figure is the best of `--runs` whole `flasklint check --no-cache --no-prefilter --format json`
processes on a tree holding one large file of a family (tests/hostile.py's generators) beside the
suite's two real findings; peak RSS from GNU time when installed. Nothing here is a test: the
suite asserts the ratio only (tests/test_hostile_scale.py), never a time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from hostile import BIG_FAMILIES, many_findings, many_server_starts, with_real_findings, write_tree  # noqa: E402
from run import timed  # noqa: E402

ARGS = ["check", "--isolated", "--no-cache", "--no-prefilter", "--format", "json", "."]


def best(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> tuple[float, int]:
    results = [timed(command, cwd, env) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=25_000)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "flasklint", *ARGS]
    cases = {name: build for name, build in sorted(BIG_FAMILIES.items())}
    print(f"| input | at {options.lines:,} | at {options.lines * options.factor:,} | ratio | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        for name, build in cases.items():
            times = []
            for size in (options.lines, options.lines * options.factor):
                root = write_tree(Path(work) / f"{name}-{size}", with_real_findings(build(size)))
                times.append(best(command, root, env, options.runs))
            (small, _), (large, rss) = times
            print(f"| {name} lines | {small:.2f} s | {large:.2f} s | {large / small:.1f} | {rss // 1024} MiB |", flush=True)
        for name, build, n in (("findings (shell)", many_findings, options.lines // 4),
                               ("server starts (one module)", many_server_starts, options.lines // 5)):
            times = []
            for size in (n, n * options.factor):
                root = write_tree(Path(work) / f"{name[:5]}-{size}", with_real_findings(build(size)))
                times.append(best([sys.executable, "-m", "flasklint", *ARGS[:-1], "."], root, env, options.runs))
            (small, _), (large, rss) = times
            print(f"| {name}: {n:,} / {n * options.factor:,} | {small:.2f} s | {large:.2f} s | {large / small:.1f} | "
                  f"{rss // 1024} MiB |", flush=True)


if __name__ == "__main__":
    main()
