"""Peak memory against the largest file: one dense file of each family, over an empty scan.

    python bench/memory.py [--mib 1 4 15] [--families shell-words procfile ...]

Each family's file is one line repeated to the size asked (the most words, starts or
nodes a byte can hold); the figure is the peak RSS of a whole
`flasklint check --isolated --no-cache --include-dev --no-prefilter --format json`
process (its report to /dev/null) minus that of the same scan of an empty tree, and
that as a multiple of the file's size; then the peak minus that of a scan of a 1 KiB
file of the same family (what the file's size adds, without the code a family
loads once: Flask's command-line declaration alone is 10 MiB), and that multiple. Nothing here is a test: tests/test_hostile_scale.py
asserts the bound on the cases named there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARGS = ["check", "--isolated", "--no-cache", "--include-dev", "--no-prefilter", "--format", "json", "."]

FAMILIES: dict[str, tuple[str, bytes, bytes]] = {
    # name: (file, head, the line repeated)
    "shell-words": ("run.sh", b"#!/bin/sh\n", b"flask run --port 1" + b" a" * 1_000 + b"\n"),
    "shell-starts": ("run.sh", b"#!/bin/sh\n", b"flask run --debug\n"),
    "shell-exports": ("run.sh", b"#!/bin/sh\n", b"export A=1\n"),
    "procfile-words": ("Procfile", b"", b"web: flask run" + b" a" * 1_000 + b"\n"),
    "makefile-recipes": ("Makefile", b"run:\n", b"\tflask run a a a a a a a a\n"),
    "dockerfile-runs": ("Dockerfile", b"FROM python\n", b"RUN flask run a a a a a a a\n"),
    "dockerfile-env": ("Dockerfile", b"FROM python\n", b"ENV A=1\n"),
    "envfile": (".env", b"", b"A=1\n"),
    "compose-services": ("docker-compose.yml", b"services:\n", b""),
    "kubernetes-keys": ("deploy/configmap.yaml", b"apiVersion: v1\nkind: ConfigMap\ndata:\n", b""),
    "python-statements": ("app.py", b"", b"x = 1\n"),
    "python-starts": ("app.py", b"from flask import Flask\napp = Flask(__name__)\n", b"app.run(debug=True)\n"),
}


def build(name: str, size: int) -> tuple[str, bytes]:
    path, head, line = FAMILIES[name]
    if name == "compose-services":
        count = size // 40
        return path, head + b"".join(b"  s%d:\n    command: flask run a\n" % i for i in range(count))
    if name == "kubernetes-keys":
        count = size // 12
        return path, head + b"".join(b"  k%d: v\n" % i for i in range(count))
    return path, head + line * max(1, (size - len(head)) // len(line))


SCRIPT_OF_STARTS = b"#!/bin/sh\n" + b"flask run --host 0.0.0.0 --debug\n" * 1_000
"""One file of the `many-scripts` tree: a finding and a start a line, up to a file's bounds (34 KB)."""


def write(root: Path, name: str, size: int) -> int:
    """Write the family's file (or, for `many-scripts`, files) under `root` and return the bytes written."""
    if name == "many-scripts":  # the tree's bound (scan/budget.py), not a file's: "x file" is over the tree
        root.mkdir(parents=True, exist_ok=True)
        count = max(1, size // len(SCRIPT_OF_STARTS))
        for index in range(count):
            (root / f"s{index:04d}.sh").write_bytes(SCRIPT_OF_STARTS)
        return count * len(SCRIPT_OF_STARTS)
    path, data = build(name, size)
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_bytes(data)
    return len(data)


LIMIT = 1 << 30
"""Address space each scan may use (the issue's bound): a scan past it fails instead of swapping the machine."""


_DRIVER = r"""
import json, os, resource, subprocess, sys, tempfile
limit, args = int(sys.argv[1]), json.loads(sys.argv[2])

def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
    child = subprocess.Popen([sys.executable, "-m", "flasklint", *args], stdout=sink, stderr=errors,
                             preexec_fn=bounded)
    _, status, usage = os.wait4(child.pid, 0)
    errors.seek(0)
    lines = errors.read().decode(errors="replace").strip().splitlines()
    print(json.dumps({"peak": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status),
                      "last": lines[-1] if lines else ""}))
"""
"""Starts the scan from a small fresh process: a child's peak RSS counts the pages it shares with the
process that forks it, and this one has held each generated file (the suite does the same,
tests/hostile.py `peak_rss`)."""


def peak_kib(root: Path) -> tuple[int, float, int, str]:
    """Peak RSS (KiB) of one scan of `root`, its wall time, exit status and last line of stderr."""
    began = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    driver = subprocess.run([sys.executable, "-c", _DRIVER, str(LIMIT), json.dumps(ARGS)], cwd=root, env=env,
                            capture_output=True, check=True)
    report = json.loads(driver.stdout)
    return report["peak"], time.perf_counter() - began, report["code"], report["last"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, nargs="+", default=[1, 4, 15])
    parser.add_argument("--families", nargs="+", default=sorted(FAMILIES), help=f"of {sorted(FAMILIES)}, and "
                        "many-scripts (a tree of 34 KB scripts: the scan's bound, not a file's)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        empty = Path(work) / "empty"
        empty.mkdir()
        base = min(peak_kib(empty)[0] for _ in range(3))
        print(f"each scan limited to {LIMIT >> 20} MiB of address space")
        print(f"empty scan: {base / 1024:.0f} MiB; Python {sys.version.split()[0]}")
        print("| family | file | peak | over empty | x file | over 1 KiB | x file | time | exit, last diagnostic |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for name in options.families:
            small_root = Path(work) / f"{name}-small"
            write(small_root, name, 1024)
            small = peak_kib(small_root)[0]
            for mib in options.mib:
                root = Path(work) / f"{name}-{mib}"
                size = write(root, name, int(mib * (1 << 20)))
                peak, seconds, code, last = peak_kib(root)
                added = max(peak - base, 0) * 1024
                grown = max(peak - small, 0) * 1024
                print(f"| {name} | {size / (1 << 20):.1f} MiB | {peak / 1024:.0f} MiB | {added / (1 << 20):.0f} MiB "
                      f"| {added / size:.1f} | {grown / (1 << 20):.0f} MiB | {grown / size:.1f} | {seconds:.1f} s "
                      f"| {code} {last[-90:]} |", flush=True)
                shutil.rmtree(root)


if __name__ == "__main__":
    main()
