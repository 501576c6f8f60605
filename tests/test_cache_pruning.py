"""The cache does not grow without bound, and a killed --fix leaves nothing behind for long.

Entries of deleted files go, the cache is capped (this run's entries kept first), old result
files and killed saves' temporaries are removed, and `--fix` temporaries are removed by the
next scan (only stale ones, named exactly as fixer.write_fixed names them, beside their file).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from flasklint.scan import cache

APP = 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n'


def _entries(directory: Path) -> list[str]:
    (results,) = directory.glob("results-*.json")
    return [key.split("\0")[1] for key in json.loads(results.read_text())["entries"]]


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(APP)


def test_entries_of_deleted_files_are_pruned(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, ["a.py", "b.py", "sub/c.py"])
    run_cli("check", ".", "--cache-dir", "cache")
    assert sorted(_entries(tmp_path / "cache")) == ["a.py", "b.py", "sub/c.py"]
    (tmp_path / "b.py").unlink()
    run_cli("check", ".", "--cache-dir", "cache")
    assert sorted(_entries(tmp_path / "cache")) == ["a.py", "sub/c.py"]
    run_cli("check", "sub", "--cache-dir", "cache")  # a.py was not looked up, but it exists: kept
    assert sorted(_entries(tmp_path / "cache")) == ["a.py", "sub/c.py"]


def test_a_warm_run_with_nothing_gone_writes_nothing(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, ["a.py", "b.py"])
    old = time.time() - 100
    for name in ("a.py", "b.py"):
        os.utime(tmp_path / name, (old, old))  # not racily clean: the entries are trusted
    run_cli("check", ".", "--cache-dir", "cache")
    (results,) = (tmp_path / "cache").glob("results-*.json")
    before = results.stat().st_mtime_ns
    run_cli("check", ".", "--cache-dir", "cache")
    assert results.stat().st_mtime_ns == before


def test_the_cache_is_capped_keeping_this_runs_entries(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cache, "MAX_ENTRIES", 4)
    _tree(tmp_path, [f"one/{i}.py" for i in range(3)] + [f"two/{i}.py" for i in range(3)])
    run_cli("check", "one", "--cache-dir", "cache")
    run_cli("check", "two", "--cache-dir", "cache")
    assert sorted(_entries(tmp_path / "cache")) == ["one/2.py", "two/0.py", "two/1.py", "two/2.py"]


def test_old_result_files_and_killed_saves_are_removed(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, ["a.py"])
    folder = tmp_path / "cache"
    folder.mkdir()
    old = time.time() - 3600
    for index in range(cache.MAX_RESULT_FILES + 2):
        path = folder / f"results-old{index:02d}.json"
        path.write_text("{}")
        os.utime(path, (old + index, old + index))
    stale, fresh = folder / ".results-x.json.abc.tmp", folder / ".results-y.json.abc.tmp"
    stale.write_text("{")
    os.utime(stale, (old, old))
    fresh.write_text("{")
    run_cli("check", ".", "--cache-dir", "cache")
    results = sorted(p.name for p in folder.glob("results-*.json"))
    assert len(results) == cache.MAX_RESULT_FILES
    assert "results-old00.json" not in results and f"results-old{cache.MAX_RESULT_FILES + 1:02d}.json" in results
    assert not stale.exists() and fresh.exists()


def test_fix_leftovers_are_removed_by_the_next_scan(run_cli, tmp_path):
    _tree(tmp_path, ["app.py", "pkg/views.py"])
    old = time.time() - 3600
    leftover = tmp_path / ".app.py.k3j_9x0a.flasklint"
    nested = tmp_path / "pkg" / ".views.py.abcdefgh.flasklint"
    young = tmp_path / ".app.py.young123.flasklint"
    orphan = tmp_path / ".gone.py.abcdefgh.flasklint"  # no gone.py beside it: not ours to judge
    other = tmp_path / "notes.flasklint"
    folder = tmp_path / ".app.py.folder12.flasklint"
    for path in (leftover, nested, young, orphan, other):
        path.write_text("partial")
    folder.mkdir()
    for path in (leftover, nested, orphan, other, folder):
        os.utime(path, (old, old))
    code, _, err = run_cli("check", str(tmp_path), "--no-cache")
    assert code == 1
    assert not leftover.exists() and not nested.exists()
    assert young.exists() and orphan.exists() and other.exists() and folder.is_dir()


def test_a_leftover_whose_name_looks_like_a_source_is_never_scanned(tmp_path):
    """`.Dockerfile.dev.<random>.flasklint` matches the Dockerfile family by name; it is still ours, not a source."""
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.planning import plan

    start = 'FROM python:3.12\nCMD ["flask", "run", "--host=0.0.0.0"]\n'
    (tmp_path / "Dockerfile.dev").write_text(start)
    (tmp_path / ".Dockerfile.dev.ab12cd_4.flasklint").write_text(start)
    (tmp_path / ".Procfile.zz99yy88.flasklint").write_text("web: flask run --host=0.0.0.0\n")
    planned = [Path(job.path).name for job in plan([str(tmp_path)], ScanOptions(), [])]
    assert planned == ["Dockerfile.dev"]
