"""Hostile file systems: names that are not UTF-8, files that cannot be read or vanish, many files.

Tests run as root in CI, where `chmod 000` does not stop a read, so an
unreadable file is simulated in-process: `os.open` raises EACCES for that one
path (what the kernel does for a non-root user). A file deleted between
discovery and reading is simulated the same way: it is removed right after
the scan planned it. Both say so in their names.
"""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from hostile import run_flasklint

BAD_APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
UNDECODABLE = b"bad\xff\xfename.py"


@pytest.fixture
def undecodable_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    (root / os.fsdecode(UNDECODABLE)).write_text(BAD_APP)
    (root / "with space.py").write_text(BAD_APP)
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown"])
def test_names_that_are_not_utf8_print_through_a_strict_stdout(undecodable_tree: Path, fmt: str) -> None:
    # PYTHONIOENCODING=utf-8 makes stdout strict: a lone surrogate used to raise UnicodeEncodeError.
    done = run_flasklint(["check", "--isolated", "--format", fmt, "."], undecodable_tree, PYTHONIOENCODING="utf-8")
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    if fmt == "text":
        assert UNDECODABLE in done.stdout  # a terminal gets the name's own bytes
        assert b"with space.py:4:5: FL101" in done.stdout
    elif fmt == "json":
        paths = {f["path"] for f in json.loads(done.stdout)["findings"]}  # valid UTF-8 JSON
        assert os.fsdecode(UNDECODABLE) in paths and "with space.py" in paths  # lossless for Python readers
    elif fmt == "sarif":
        run = json.loads(done.stdout)["runs"][0]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
        assert uris == {"bad%FF%FEname.py", "with%20space.py"}  # URIs percent-encode the name's bytes
    elif fmt == "markdown":
        text = done.stdout.decode("utf-8")  # valid UTF-8 for GitHub: U+FFFD for each undecodable byte
        assert "| bad\ufffd\ufffdname.py:4:5 |" in text and "| with space.py:4:5 |" in text
    else:
        text = done.stdout.decode("utf-8")  # valid UTF-8: U+FFFD stands for each undecodable byte
        assert "file=bad\ufffd\ufffdname.py" in text and "file=with space.py" in text


def test_names_that_are_not_utf8_survive_fix_baseline_and_output_file(undecodable_tree: Path) -> None:
    report = undecodable_tree.parent / "report.txt"
    baseline = undecodable_tree.parent / "baseline.json"
    for args in (["--output", str(report)], ["--write-baseline", str(baseline)], ["--fix"]):
        done = run_flasklint(["check", "--isolated", *args, "."], undecodable_tree, PYTHONIOENCODING="utf-8")
        assert done.returncode in (0, 1) and b"Traceback" not in done.stderr, done.stderr
    assert UNDECODABLE in report.read_bytes()
    assert os.fsdecode(UNDECODABLE) in {f["path"] for f in json.loads(baseline.read_text())["findings"]}
    assert 'host="127.0.0.1"' in (undecodable_tree / os.fsdecode(UNDECODABLE)).read_text()


def test_unreadable_file_is_reported_and_the_rest_analysed(tmp_path: Path, monkeypatch, run_cli) -> None:
    """Simulated: os.open raises EACCES for this path (chmod 000 does not stop root)."""
    (tmp_path / "locked.py").write_text(BAD_APP)
    (tmp_path / "app.py").write_text(BAD_APP)
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("locked.py"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    for extra in ((), ("--fix",)):
        code, out, err = run_cli("check", "--isolated", *extra, str(tmp_path))
        assert code in (0, 1) and f"{tmp_path / 'locked.py'}: cannot read: Permission denied" in err
    assert (tmp_path / "locked.py").read_text() == BAD_APP
    assert 'host="127.0.0.1"' in (tmp_path / "app.py").read_text()


def test_file_deleted_between_discovery_and_reading_is_reported(tmp_path: Path, monkeypatch, run_cli) -> None:
    """Simulated: the file is removed right after the scan planned it."""
    from flasklint.scan import planning

    (tmp_path / "vanishing.py").write_text(BAD_APP)
    (tmp_path / "app.py").write_text(BAD_APP)
    real_plan = planning.plan_with_stats

    def plan_then_delete(*args, **kwargs):
        jobs = real_plan(*args, **kwargs)
        (tmp_path / "vanishing.py").unlink()
        return jobs

    monkeypatch.setattr(planning, "plan_with_stats", plan_then_delete)
    code, out, err = run_cli("check", "--isolated", "--format", "json", str(tmp_path))
    document = json.loads(out)
    assert code == 1
    assert {"path": str(tmp_path / "vanishing.py"), "message": "cannot read: No such file or directory"} in document["errors"]
    assert [f["rule"] for f in document["findings"]] == ["FL101"]


def test_file_deleted_between_scan_and_fix_is_reported(tmp_path: Path, monkeypatch, run_cli) -> None:
    from flasklint.fix import fixer

    (tmp_path / "app.py").write_text(BAD_APP)
    real_fix_scan = fixer.fix_scan

    def delete_then_fix(*args, **kwargs):
        (tmp_path / "app.py").unlink()
        return real_fix_scan(*args, **kwargs)

    monkeypatch.setattr(fixer, "fix_scan", delete_then_fix)
    code, _, err = run_cli("check", "--isolated", "--fix", str(tmp_path))
    assert code == 1 and "cannot read for fixing: No such file or directory; not fixed" in err
    assert not (tmp_path / "app.py").exists()


def test_fifty_thousand_small_files_in_bounded_time(tmp_path: Path) -> None:
    root = tmp_path / "many"
    for folder in range(50):
        directory = root / f"pkg{folder}"
        directory.mkdir(parents=True)
        for index in range(1000):
            (directory / f"m{index}.py").write_bytes(b"x = 1\n")
    (root / "pkg0" / "app.py").write_text(BAD_APP)
    started = time.monotonic()
    done = run_flasklint(["check", "--isolated", "."], root, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    assert b"Found 1 finding in 50001 files analysed." in done.stdout
    print(f"50,001 files scanned in {elapsed:.1f} s")
    assert elapsed < 60, f"50,001 files took {elapsed:.1f} s"
