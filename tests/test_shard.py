"""`--shard i/n`: the shards' findings together are exactly one scan's, each reported once.

Every shard plans every file, analyses its own, and gathers the facts of the other shards'
launchers and of the Python files those name (shard.py), so cross-file findings come out
of the launcher's shard as they do unsharded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flasklint.scan import shard
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _keys(result) -> list[str]:
    return sorted(json.dumps(f.to_json(), sort_keys=True) for f in result.findings)


@pytest.mark.parametrize("count", [2, 3, 5])
def test_the_shards_together_report_exactly_the_unsharded_findings(count):
    whole = scan([str(CORPUS)], ScanOptions())
    parts = [scan([str(CORPUS)], ScanOptions(shard=(i, count))) for i in range(1, count + 1)]
    assert sorted(key for part in parts for key in _keys(part)) == _keys(whole)
    assert sorted(str(d) for part in parts for d in part.diagnostics) == sorted(str(d) for d in whole.diagnostics)
    assert sum(part.files_scanned for part in parts) == whole.files_scanned
    assert all(part.findings for part in parts)


def _split_pair(tmp_path: Path) -> tuple[Path, str, str]:
    """A Procfile running a script, named so the two fall in different shards of 2."""
    for index in range(50):
        folder = f"svc{index}"
        if shard.owner(f"{folder}/Procfile", 2) != shard.owner(f"{folder}/server.py", 2):
            break
    root = tmp_path / "tree"
    (root / folder).mkdir(parents=True)
    (root / folder / "Procfile").write_text("web: python server.py\n")
    (root / folder / "server.py").write_text(
        'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n'
    )
    (root / folder / "unrelated.py").write_text('import os\nprint(os.getcwd())\napp.run()\n')
    return root, f"{folder}/Procfile", f"{folder}/server.py"


def test_a_launcher_is_linked_to_a_script_of_another_shard(tmp_path, monkeypatch):
    root, procfile, script = _split_pair(tmp_path)
    monkeypatch.chdir(root)
    whole = scan(["."], ScanOptions())
    linked = [f for f in whole.findings if f.path == procfile and f.rule == "FL301"]
    assert linked and any(r.path == script for r in linked[0].related)
    mine = scan(["."], ScanOptions(shard=(shard.owner(procfile, 2), 2)))
    assert [f.to_json() for f in mine.findings if f.path == procfile] == [f.to_json() for f in linked]
    assert script in mine.results and not mine.results[script].findings  # facts only: the other shard reports it


def test_python_files_no_fact_names_are_not_analysed_by_other_shards(tmp_path, monkeypatch):
    root, procfile, script = _split_pair(tmp_path)
    monkeypatch.chdir(root)
    unrelated = str(Path(procfile).parent / "unrelated.py")
    other = 3 - shard.owner(unrelated, 2)
    assert unrelated not in scan(["."], ScanOptions(shard=(other, 2))).results


def test_the_split_is_stable_and_by_path():
    assert shard.owner("services/a/app.py", 4) == shard.owner("services/a/app.py", 4)
    assert {shard.owner(f"pkg/m{i}.py", 4) for i in range(40)} == {1, 2, 3, 4}
    assert shard.module_name("pkg/__init__.py") == "pkg" and shard.module_name("pkg/__main__.py") == "pkg"
    assert shard.module_name("a/b/server.py") == "server"


@pytest.mark.parametrize("value", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_a_bad_shard_is_a_usage_error(run_cli, tmp_path, value):
    code, _, err = run_cli("check", str(tmp_path), "--shard", value)
    assert code == 2 and "--shard" in err


def test_merged_shard_sarif_is_the_unsharded_sarif(run_cli, tmp_path):
    whole = tmp_path / "whole.sarif"
    run_cli("check", str(CORPUS), "--no-cache", "--format", "sarif", "-o", str(whole), "--sarif-category", "fl")
    parts = []
    for index in (1, 2, 3):
        part = tmp_path / f"part{index}.sarif"
        run_cli("check", str(CORPUS), "--no-cache", "--format", "sarif", "-o", str(part), "--sarif-category", "fl",
                "--shard", f"{index}/3")
        parts.append(str(part))
    merged = tmp_path / "merged.sarif"
    assert run_cli("merge-sarif", str(merged), *parts)[0] == 0
    assert json.loads(merged.read_text()) == json.loads(whole.read_text())
    code, out, _ = run_cli("merge-sarif", "-", *parts)
    assert code == 0 and json.loads(out) == json.loads(whole.read_text())


def test_merge_sarif_refuses_runs_of_other_scans(run_cli, tmp_path):
    (tmp_path / "app.py").write_text('from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n')
    one, two, bad = tmp_path / "one.sarif", tmp_path / "two.sarif", tmp_path / "bad.sarif"
    run_cli("check", str(tmp_path / "app.py"), "--format", "sarif", "-o", str(one), "--sarif-category", "a")
    run_cli("check", str(tmp_path / "app.py"), "--format", "sarif", "-o", str(two), "--sarif-category", "b")
    bad.write_text("{not json")
    code, _, err = run_cli("merge-sarif", str(tmp_path / "out.sarif"), str(one), str(two))
    assert code == 2 and "cannot merge" in err and not (tmp_path / "out.sarif").exists()
    code, _, err = run_cli("merge-sarif", str(tmp_path / "out.sarif"), str(one), str(bad))
    assert code == 2 and "not a SARIF file" in err
