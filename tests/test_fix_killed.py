"""Nothing is lost under `--fix`, even when the process is killed (SIGKILL) at any moment.

A tree of 200 fixable files (copies of the corpus files that have safe fixes)
is fixed once to learn each file's fixed form. Then, many times, a fresh copy
is fixed by a `flasklint check --fix` that is killed after a random delay
within the measured run time: every file must be byte for byte its original or
its fixed form, never truncated or mixed.

Writing is a temporary file in the same folder, fsync, `os.replace`; a kill
between creating the temporary file and the rename leaves it behind. That is
the one leftover possible. Such files are named `.<name>.<random>.flasklint`,
which no file kind matches, so the next scan never takes them for sources (and
removes them once stale, see flasklint/scan/leftovers.py); a complete `--fix`
afterwards finishes the job.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile import child_env, limit_resources

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = 200
ITERATIONS = 20
FINISH_EVERY = 10
"""Every FINISH_EVERY-th kill is followed by a complete --fix (each costs a full run)."""


def _fixable_corpus_files() -> list[Path]:
    done = subprocess.run(
        [sys.executable, "-m", "flasklint", "check", "--isolated", "--format", "json", str(CORPUS)],
        capture_output=True, text=True, env=child_env(), timeout=120,
    )
    paths = {f["path"] for f in json.loads(done.stdout)["findings"] if f["fix"] and f["fix"]["safety"] == "safe"}
    return sorted(Path(p) for p in paths)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _fix(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flasklint", "check", "--isolated", "--no-cache", "--fix", "."], cwd=root,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(), preexec_fn=limit_resources,
    )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes], float]:
    """The original tree, its snapshot, the snapshot after a complete --fix, and how long that took."""
    sources = _fixable_corpus_files()
    assert len(sources) >= 40
    original = tmp_path_factory.mktemp("original")
    for index in range(FILES):
        source = sources[index % len(sources)]
        target = original / f"copy{index:03d}" / source.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    reference = tmp_path_factory.mktemp("reference") / "tree"
    shutil.copytree(original, reference)
    started = time.monotonic()
    assert _fix(reference).wait(timeout=120) in (0, 1)
    duration = time.monotonic() - started
    before, after = _snapshot(original), _snapshot(reference)
    assert before.keys() == after.keys()
    assert sum(before[k] != after[k] for k in before) >= FILES // 2
    return original, before, after, duration


def test_sigkill_at_random_moments_never_truncates_or_mixes_a_file(pristine, tmp_path: Path) -> None:
    original, before, after, duration = pristine
    rng = random.Random(20240607)
    partial = 0
    leftovers = 0
    for iteration in range(ITERATIONS):
        tree = tmp_path / f"run{iteration}"
        shutil.copytree(original, tree)
        process = _fix(tree)
        time.sleep(rng.uniform(0.45, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        temporaries = sorted(p for p in tree.rglob("*.flasklint"))
        leftovers += len(temporaries)
        assert all(p.name.startswith(".") for p in temporaries)
        state = {k: v for k, v in _snapshot(tree).items() if not k.endswith(".flasklint")}
        assert state.keys() == before.keys()
        fixed = 0
        for name, data in state.items():
            assert data in (before[name], after[name]), f"run {iteration}: {name} is neither original nor fixed"
            fixed += data != before[name]
        partial += 0 < fixed < sum(before[k] != after[k] for k in before)

        # The next scan never takes a leftover for a source, and a full --fix finishes the job.
        from flasklint.scan.options import ScanOptions
        from flasklint.scan.planning import plan

        assert not [job for job in plan([str(tree)], ScanOptions(), []) if job.path.endswith(".flasklint")]
        if iteration % FINISH_EVERY == 0:
            assert _fix(tree).wait(timeout=120) in (0, 1)
            assert {k: v for k, v in _snapshot(tree).items() if not k.endswith(".flasklint")} == after
        shutil.rmtree(tree)
    print(f"{ITERATIONS} kills, {partial} mid-way through the writes, {leftovers} temporary files left behind")
    assert partial >= 2, "too few kills landed while files were being written"
