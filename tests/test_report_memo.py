"""Reports kept beside the whole-scan memo (flasklint/report/reportmemo.py): same bytes, never stale, never half."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flasklint.report import reportmemo
from flasklint.report import json as json_report

APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
OLD = 1_600_000_000
FORMATS = ("text", "json", "sarif", "github", "markdown")


def _age(root: Path) -> None:
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, (OLD, OLD), follow_symlinks=False)
    os.utime(root, (OLD, OLD))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "app.py").write_text(APP)
    (root / "Procfile").write_text("web: flask run --host=0.0.0.0\n")
    (root / "broken.py").write_text("def (:\n")
    _age(root)
    monkeypatch.chdir(tmp_path)
    return root


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("report-*.txt"))


def _refuse_rendering(monkeypatch) -> None:
    from flasklint import report

    def refuse(*args, **kwargs):
        raise AssertionError("the kept report should have been written")

    monkeypatch.setattr(report, "chunked_renderer", refuse)


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_warm_run_writes_the_kept_report_byte_for_byte(output_format, tree, run_cli, monkeypatch):
    cold = run_cli("check", "--isolated", "--no-cache", "--format", output_format, "proj")
    computed = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", output_format, "proj")
    assert len(_kept(Path("cache"))) == 1
    _refuse_rendering(monkeypatch)
    warm = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", output_format, "proj")
    assert cold == computed == warm
    assert cold[0] == 1


def test_a_memo_without_its_report_renders_and_keeps_it(tree, run_cli):
    first = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "proj")
    for path in _kept(Path("cache")):
        path.unlink()
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "proj") == first
    assert len(_kept(Path("cache"))) == 1


@pytest.mark.parametrize("options", [("--select", "FL3"), ("--ignore", "FL101"), ("--show-source",),
                                     ("--sarif-category", "web"), ("--format", "json"), ("--shard", "1/2")])
def test_every_option_applied_after_the_scan_has_its_own_report(options, tree, run_cli):
    run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "proj")
    expected = run_cli("check", "--isolated", "--no-cache", "--format", "sarif", *options, "proj")
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", *options, "proj") == expected
    assert len(_kept(Path("cache"))) == 2


def test_a_changed_tree_never_gets_the_old_report(tree, run_cli):
    before = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj")
    (tree / "app.py").write_text(APP.replace("debug=True", "debug=False"))
    _age(tree)
    after = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj")
    assert after != before
    assert after == run_cli("check", "--isolated", "--no-cache", "--format", "json", "proj")


def test_a_baseline_run_neither_reads_nor_keeps_a_report(tree, run_cli):
    run_cli("check", "--isolated", "--cache-dir", "cache", "--write-baseline", "base.json", "proj")
    code, out, _ = run_cli("check", "--isolated", "--cache-dir", "cache", "--baseline", "base.json", "--format", "json", "proj")
    assert code == 0 and '"findings": []' in out
    assert _kept(Path("cache")) == []


def test_a_report_cut_off_midway_is_not_kept(tree, run_cli, monkeypatch):
    run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj")
    for path in _kept(Path("cache")):
        path.unlink()
    original = json_report.chunks

    def failing(result):
        yield from list(original(result))[:1]
        raise BrokenPipeError("the reader went away")

    monkeypatch.setattr(json_report, "chunks", failing)
    with pytest.raises(BrokenPipeError):
        run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "json", "proj")
    assert _kept(Path("cache")) == []
    assert not [p for p in Path("cache").iterdir() if p.name.endswith(".tmp")]


def test_a_report_beyond_the_size_cap_is_rendered_every_time(tree, run_cli, monkeypatch):
    monkeypatch.setattr(reportmemo, "MAX_CHARS", 100)
    first = run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "proj")
    assert _kept(Path("cache")) == []
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "proj") == first
    assert not [p for p in Path("cache").iterdir() if p.name.endswith(".tmp")]


def test_at_most_max_reports_are_kept(tree, run_cli, monkeypatch):
    monkeypatch.setattr(reportmemo, "MAX_REPORTS", 2)
    for category in ("a", "b", "c", "d"):
        run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "sarif", "--sarif-category", category, "proj")
    assert len(_kept(Path("cache"))) == 2


def test_a_markdown_run_without_its_report_computes_the_picture(tree, run_cli):
    # the memo holds no graph: the first markdown run after a text run computes the scan, then keeps its report
    run_cli("check", "--isolated", "--cache-dir", "cache", "proj")
    cold = run_cli("check", "--isolated", "--no-cache", "--format", "markdown", "proj")
    assert "```mermaid" in cold[1]
    assert run_cli("check", "--isolated", "--cache-dir", "cache", "--format", "markdown", "proj") == cold
    assert len(_kept(Path("cache"))) == 2
