"""The whole-scan memo (flasklint/scan/scanmemo.py): a warm run on an unchanged tree reports from one file.

Each test first makes the tree "old" (mtimes well before the scan), as a real
checkout is; a tree written a moment ago is racy, and its memo is never used.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from flasklint.scan import planning, scanmemo
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan

APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
OLD = 1_600_000_000


def _age(root: Path) -> None:
    """Every file and folder under root gets an old mtime (folders last: touching a file's mtime leaves them)."""
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, (OLD, OLD), follow_symlinks=False)
    os.utime(root, (OLD, OLD))


def _no_planning(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the memo should have answered without planning")

    monkeypatch.setattr(planning, "with_context", refuse)


def _options(cache: Path, **changes) -> ScanOptions:
    return ScanOptions(**{"cache": True, "cache_dir": str(cache), "reuse_scan": True, "jobs": 1, **changes})


def _report(result) -> list:
    return ([f.to_json() for f in result.findings], [f.to_json() for f in result.hidden],
            [d.to_json() for d in result.diagnostics], result.files_scanned, sorted(result.results))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / "app.py").write_text(APP)
    (root / "pkg" / "views.py").write_text("def index():\n    return 'hi'\n")
    (root / "Procfile").write_text("web: flask run --host=0.0.0.0\n")
    (root / "broken.py").write_text("def (:\n")
    _age(root)
    return root


def test_an_unchanged_tree_is_reported_from_the_memo_exactly_as_computed(tree, tmp_path, monkeypatch):
    cold = scan([str(tree)], ScanOptions(jobs=1))
    first = scan([str(tree)], _options(tmp_path / "cache"))
    assert _report(first) == _report(cold)
    assert list((tmp_path / "cache").glob("scan-*.json"))
    _no_planning(monkeypatch)
    second = scan([str(tree)], _options(tmp_path / "cache"))
    assert [f.to_json() for f in second.findings] == [f.to_json() for f in cold.findings]
    assert [d.to_json() for d in second.diagnostics] == [d.to_json() for d in cold.diagnostics]
    assert second.files_scanned == cold.files_scanned and set(second.results) == set(cold.results)
    assert second.graph is None and second.jobs == []  # what --fix and the picture need is not in a memo


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "add-folder"])
def test_any_change_in_the_tree_is_seen(change, tree, tmp_path):
    scan([str(tree)], _options(tmp_path / "cache"))
    if change == "edit":
        (tree / "app.py").write_text(APP.replace("debug=True", "debug=False"))
        os.utime(tree / "app.py", (OLD, OLD))  # same mtime as before: the size still differs
    elif change == "add":
        (tree / "pkg" / "run.py").write_text(APP)
    elif change == "remove":
        (tree / "app.py").unlink()
    elif change == "rename":
        (tree / "Procfile").rename(tree / "Procfile.dev")
    else:
        (tree / "deploy").mkdir()
        (tree / "deploy" / "Procfile").write_text("web: flask run --host=0.0.0.0\n")
    warm = scan([str(tree)], _options(tmp_path / "cache"))
    assert _report(warm) == _report(scan([str(tree)], ScanOptions(jobs=1)))


def test_a_racy_tree_never_uses_its_memo(tree, tmp_path, monkeypatch):
    (tree / "app.py").write_text(APP)  # mtime: now, within the timestamp granularity of the scan
    scan([str(tree)], _options(tmp_path / "cache"))
    document = json.loads(next((tmp_path / "cache").glob("scan-*.json")).read_text())
    assert document["trusted"] is False
    _no_planning(monkeypatch)
    with pytest.raises(AssertionError, match="without planning"):
        scan([str(tree)], _options(tmp_path / "cache"))


def test_a_tree_with_a_symlink_leading_outside_never_uses_its_memo(tree, tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere.py"
    outside.write_text(APP)
    (tree / "linked.py").symlink_to(outside)
    _age(tree)
    scan([str(tree)], _options(tmp_path / "cache"))
    _no_planning(monkeypatch)
    with pytest.raises(AssertionError, match="without planning"):
        scan([str(tree)], _options(tmp_path / "cache"))


def _relink(link: Path, target: Path) -> None:
    """Point `link` at `target` as `ln -sfn` does, then give the link and its folder their old mtimes back."""
    temporary = link.with_name(link.name + ".new")
    temporary.symlink_to(target)
    os.replace(temporary, link)
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    os.utime(link.parent, (OLD, OLD))  # only the link's own stamp can tell now


def test_a_tree_with_an_internal_symlink_gets_a_trusted_memo(tree, tmp_path, monkeypatch):
    (tree / "linked.py").symlink_to(tree / "pkg" / "views.py")
    (tree / "served").symlink_to(tree / "pkg", target_is_directory=True)
    _age(tree)
    cold = scan([str(tree)], ScanOptions(jobs=1))
    first = scan([str(tree)], _options(tmp_path / "cache"))
    assert json.loads(next((tmp_path / "cache").glob("scan-*.json")).read_text())["trusted"] is True
    _no_planning(monkeypatch)
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == _report(first) == _report(cold)


@pytest.mark.parametrize("hop", ["direct", "through a skipped folder", "walked after its target"])
def test_changing_an_internal_symlink_s_target_invalidates_the_memo(hop, tree, tmp_path):
    (tree / "build").mkdir()  # never walked: only a link can lead into it
    (tree / "build" / "server.py").write_text(APP)
    link = tree / "linked.py"
    if hop == "direct":
        link.symlink_to(tree / "pkg" / "views.py")
        changed = link
    elif hop == "through a skipped folder":  # linked.py -> build/current.py -> pkg/views.py
        changed = tree / "build" / "current.py"
        changed.symlink_to(tree / "pkg" / "views.py")
        link.symlink_to(changed)
    else:  # the walk meets pkg/views.py first, so the link is no file of the scan: only its own stamp tells
        (tree / "sub").mkdir()
        link = changed = tree / "sub" / "linked.py"
        link.symlink_to(tree / "pkg" / "views.py")
    _age(tree)
    before = scan([str(tree)], _options(tmp_path / "cache"))
    assert all(Path(f.path).name != "linked.py" for f in before.findings)
    _relink(changed, tree / "build" / "server.py")
    warm = scan([str(tree)], _options(tmp_path / "cache"))
    assert _report(warm) == _report(scan([str(tree)], ScanOptions(jobs=1)))
    assert any(Path(f.path).name == "linked.py" for f in warm.findings)


def test_selection_is_applied_after_the_memo(tree, tmp_path, monkeypatch):
    everything = scan([str(tree)], _options(tmp_path / "cache"))
    assert {f.rule for f in everything.findings} >= {"FL101", "FL301"}
    _no_planning(monkeypatch)
    only = scan([str(tree)], _options(tmp_path / "cache", select=("FL301",)))
    assert [f.to_json() for f in only.findings] == [f.to_json() for f in everything.findings if f.rule == "FL301"]


@pytest.mark.parametrize("changes", [{"include_dev": True}, {"fixes": False}, {"exclude": ("Procfile",)},
                                     {"dev_paths": ("app.py",)}, {"shard": (1, 2)}])
def test_options_that_change_findings_have_their_own_memo(changes, tree, tmp_path):
    scan([str(tree)], _options(tmp_path / "cache"))
    other = scan([str(tree)], _options(tmp_path / "cache", **changes))
    assert _report(other) == _report(scan([str(tree)], ScanOptions(jobs=1, **changes)))


def test_callers_that_need_per_file_results_compute_them(tree, tmp_path):
    scan([str(tree)], _options(tmp_path / "cache"))
    full = scan([str(tree)], _options(tmp_path / "cache", reuse_scan=False))
    assert full.graph is not None and full.jobs and full.results[str(tree / "app.py")].facts


def test_a_corrupted_memo_is_ignored(tree, tmp_path):
    expected = _report(scan([str(tree)], _options(tmp_path / "cache")))
    for memo in (tmp_path / "cache").glob("scan-*.json"):
        memo.write_text(json.dumps({"format": scanmemo.FORMAT, "trusted": True, "stamps": "x\u0000y", "memo": []}))
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == expected
    for memo in (tmp_path / "cache").glob("scan-*.json"):
        document = json.loads(memo.read_text())
        memo.write_text(json.dumps({**document, "memo": {"shown": "not a list"}}))
    assert _report(scan([str(tree)], _options(tmp_path / "cache"))) == expected


def test_the_corpus_reports_the_same_from_the_memo_in_every_format(tmp_path, run_cli, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus", symlinks=True)
    _age(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    outputs = {}
    for output_format in ("text", "json", "sarif", "github"):
        cold = run_cli("check", "--isolated", "--no-cache", "--format", output_format, "corpus")
        computed = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", output_format, "corpus")
        outputs[output_format] = (cold, computed)
    symlinks = any(p.is_symlink() for p in (tmp_path / "corpus").rglob("*"))
    if not symlinks:
        _no_planning(monkeypatch)
    for output_format, (cold, computed) in outputs.items():
        warm = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", output_format, "corpus")
        assert cold == computed == warm, output_format


def test_a_scan_with_an_internal_error_is_never_memoised(tree, tmp_path, monkeypatch):
    from flasklint import analyzers

    def broken(kind, source, context):
        raise RuntimeError("a bug")

    monkeypatch.setattr(analyzers, "analyze", broken)
    first = scan([str(tree)], _options(tmp_path / "cache"))
    assert any(d.message.startswith("internal error") for d in first.diagnostics)
    document = json.loads(next((tmp_path / "cache").glob("scan-*.json")).read_text())
    assert document["trusted"] is False


# A scan of named files (pre-commit's): only the named files changed, and their results did not.

@pytest.fixture
def project(tree: Path, monkeypatch) -> Path:
    (tree / "pyproject.toml").write_text("[project]\nname = 'proj'\n")
    (tree / "pkg" / "server.py").write_text(APP)
    _age(tree)
    monkeypatch.chdir(tree)
    return tree


def _named_scan(cache: Path, *paths: str):
    return scan(list(paths), _options(cache, fixes=False))  # as text output runs: no fix, no hash of the bytes


def _rewrite(path: Path, text: str, now: bool = True) -> None:
    path.write_text(text)  # mtime now: racy, as a file pre-commit names just after an edit
    if not now:
        os.utime(path, (OLD + 7, OLD + 7))


@pytest.mark.parametrize("named, edit", [
    ("pkg/views.py", "def index():\n    return 'hi'\n"),  # touched: the same bytes
    ("pkg/views.py", "def index():\n    return 'hello'  # reworded\n"),  # an edit that no rule reads
    ("pkg/server.py", APP + "\n# a comment after the start\n"),  # a file with findings, none of them moved
])
def test_a_named_file_whose_result_did_not_change_is_reported_from_the_memo(named, edit, project, tmp_path,
                                                                             monkeypatch):
    first = _named_scan(tmp_path / "cache", named)
    _rewrite(project / named, edit)
    cold = scan([named], ScanOptions(jobs=1, fixes=False))
    _no_planning(monkeypatch)
    again = _named_scan(tmp_path / "cache", named)
    assert _report(again) == _report(cold) == _report(first)


@pytest.mark.parametrize("change", ["the named file's finding", "a launcher beside it", "its kind"])
def test_a_named_file_scan_is_computed_when_a_result_may_differ(change, project, tmp_path, monkeypatch):
    named = "pkg/server.py"
    (project / "pkg" / "serve").write_text("#!/bin/sh\necho hi\n")
    _age(project)
    if change == "its kind":
        named = "pkg/serve"
    _named_scan(tmp_path / "cache", named)
    if change == "the named file's finding":
        _rewrite(project / named, APP.replace('host="0.0.0.0", ', ""))
    elif change == "a launcher beside it":
        _rewrite(project / "Procfile", "web: gunicorn pkg.server:app\n", now=False)
    else:  # the same name now holds a Python script: planned as another kind
        _rewrite(project / named, "#!/usr/bin/env python\n" + APP)
    cold = scan([named], ScanOptions(jobs=1, fixes=False))
    recorded = []
    original = planning.with_context
    monkeypatch.setattr(planning, "with_context", lambda *a, **k: recorded.append(1) or original(*a, **k))
    again = _named_scan(tmp_path / "cache", named)
    assert recorded, "the scan should have been computed"
    assert _report(again) == _report(cold)


def test_a_named_file_just_edited_still_leaves_the_rest_of_the_memo_usable(project, tmp_path, monkeypatch):
    # pre-commit runs right after an edit: the named file is racy, so the memo is not trusted whole,
    # but its context is, and the next run re-reads only the named file.
    _rewrite(project / "pkg" / "views.py", "def index():\n    return 'hey'\n")
    first = _named_scan(tmp_path / "cache", "pkg/views.py")
    document = json.loads(next((tmp_path / "cache").glob("scan-*.json")).read_text())
    assert (document["trusted"], document["context_trusted"]) == (False, True)
    _rewrite(project / "pkg" / "views.py", "def index():\n    return 'hey!'\n")
    _no_planning(monkeypatch)
    assert _report(_named_scan(tmp_path / "cache", "pkg/views.py")) == _report(first)
