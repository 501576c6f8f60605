"""Scans of named files (pre-commit names the changed ones): the project stays the deployment.

A finding is reported when any of its places is a named file: where it sits, a related location, or a
hop of its launch path; it still sits where the server starts. A cold run, the per-file cache and the
whole-scan memo give the same answer (DESIGN.md, "Named files and context").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from flasklint.scan.engine import ScanOptions, scan
from projects import age, every_way

APP = "from flask import Flask\napp = Flask(__name__)\n"
GUNICORN = "#!/bin/sh\nexec gunicorn app:app\n"
FLASK_RUN = "#!/bin/sh\nexec flask run --host=0.0.0.0\n"
LAUNCHERS = {
    "Procfile": ("web: ./start.sh\n", 1),
    "Dockerfile": ('FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nENTRYPOINT ["./start.sh"]\n', 4),
}


def _project(root: Path, launcher: str, script: str = FLASK_RUN, extra: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True)
    (root / ".git").mkdir()  # what marks the project root around named files
    files = {"app.py": APP, "requirements.txt": "flask\ngunicorn\n", launcher: LAUNCHERS[launcher][0],
             "start.sh": script, "README.md": "# demo\n", **(extra or {})}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "start.sh").chmod(0o755)
    age(root)
    return root


def _keys(findings) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path, f.span.start.line) for f in findings]


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
def test_a_named_script_reports_the_unchanged_launcher_that_runs_it(launcher, tmp_path, monkeypatch, run_cli):
    root = _project(tmp_path / "proj", launcher)
    monkeypatch.chdir(root)
    whole = scan(["."], ScanOptions(jobs=1))
    line = LAUNCHERS[launcher][1]
    assert _keys(whole.findings) == [("FL301", launcher, line)]
    runs = every_way(["start.sh"], tmp_path / "cache")
    for name, (shown, hidden, files) in runs.items():
        assert [(f["rule"], f["path"], f["start"]["line"]) for f in shown] == [("FL301", launcher, line)], name
        assert shown == [f.to_json() for f in whole.findings], name  # the same finding, where the server starts
        assert files == 1, name  # one file named, one file analysed for the report
    code, out, _ = run_cli("check", "start.sh")
    assert code == 1 and f"{launcher}:{line}:" in out and "FL301" in out and "in 1 file analysed" in out


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
def test_the_launcher_named_reports_it_too_and_unrelated_files_do_not(launcher, tmp_path, monkeypatch, run_cli):
    root = _project(tmp_path / "proj", launcher)
    monkeypatch.chdir(root)
    assert _keys(scan([launcher], ScanOptions(jobs=1)).findings) == [("FL301", launcher, LAUNCHERS[launcher][1])]
    for unrelated in ("README.md", "app.py", "requirements.txt"):
        code, out, _ = run_cli("check", unrelated)
        assert code == 0 and out.startswith("No findings in "), (unrelated, out)


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
def test_a_script_production_serves_with_gunicorn_reports_nothing(launcher, tmp_path, monkeypatch, run_cli):
    _project(tmp_path / "proj", launcher, script=GUNICORN)
    monkeypatch.chdir(tmp_path / "proj")
    code, out, _ = run_cli("check", "start.sh")
    assert code == 0 and "No findings in 1 file analysed." in out


def test_a_named_script_two_hops_down_reports_the_launcher(tmp_path, monkeypatch):
    """Procfile -> start.sh -> scripts/serve.sh: naming the last hop reports the Procfile's finding."""
    root = _project(tmp_path / "proj", "Procfile", script="#!/bin/sh\nexec scripts/serve.sh\n",
                    extra={"scripts/serve.sh": FLASK_RUN})
    monkeypatch.chdir(root)
    assert _keys(scan(["."], ScanOptions(jobs=1)).findings) == [("FL301", "Procfile", 1)]
    for named in (["scripts/serve.sh"], ["README.md", "scripts/serve.sh"], ["start.sh"]):
        for name, (shown, _, _) in every_way(named, tmp_path / "cache").items():
            assert [(f["rule"], f["path"]) for f in shown] == [("FL301", "Procfile")], (named, name)
            assert [h.split(":")[0] for h in shown[0]["launch_path"]] == ["Procfile", "start.sh", "scripts/serve.sh"]


def test_hidden_development_findings_follow_the_same_rule(tmp_path, monkeypatch):
    """What the policy leaves out is counted by the same rule: Procfile.dev runs start.sh's `flask run`."""
    root = _project(tmp_path / "proj", "Procfile", extra={"Procfile.dev": "web: ./start.sh\n"})
    (root / "Procfile").write_text("web: gunicorn app:app\n")
    age(root)
    monkeypatch.chdir(root)
    whole = scan(["."], ScanOptions(jobs=1))
    assert not whole.findings
    hidden = [f.to_json() for f in whole.hidden]
    assert [(f["rule"], f["path"]) for f in hidden] == [("FL301", "Procfile.dev"), ("FL201", "start.sh")]
    for named, expected in ((["start.sh"], hidden), (["Procfile.dev"], hidden[:1]), (["Procfile"], [])):
        for name, (shown, got, _) in every_way(named, tmp_path / "cache").items():
            assert (shown, got) == ([], expected), (named, name)


def _places(finding: dict) -> set[str]:
    """The files a finding touches, read from its JSON (corpus paths hold no `:`)."""
    return {finding["path"]} | {r["path"] for r in finding["related"]} | {h.split(":")[0] for h in finding["launch_path"]}


def _cross_file_projects() -> list[str]:
    """Corpus projects with a finding that touches more than one file (the ones named files can get wrong)."""
    document = scan([str(CORPUS)], ScanOptions(include_dev=True))
    root = str(CORPUS).rstrip("/") + "/"
    found = {f.path[len(root):].split("/")[0] for f in document.findings + document.hidden
             if len(_places(f.to_json())) > 1}
    return sorted(found)


CROSS_FILE = _cross_file_projects()


def test_the_corpus_has_cross_file_projects_to_name_files_in():
    assert len(CROSS_FILE) >= 40


@pytest.mark.parametrize("case", CROSS_FILE)
def test_each_file_named_alone_reports_the_whole_scans_findings_that_touch_it(case, tmp_path, monkeypatch):
    root = tmp_path / case
    shutil.copytree(CORPUS / case, root)
    (root / ".git").mkdir()
    age(root)
    monkeypatch.chdir(root)
    whole = scan(["."], ScanOptions(jobs=1, include_dev=True))
    shown = [f.to_json() for f in whole.findings]
    hidden = [f.to_json() for f in whole.hidden]
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    reported = set()
    for name in files:
        expected = ([f for f in shown if name in _places(f)], [f for f in hidden if name in _places(f)])
        for run, (got_shown, got_hidden, _) in every_way([name], tmp_path / "cache", include_dev=True).items():
            assert (got_shown, got_hidden) == expected, (name, run)
        reported.update(json.dumps(f, sort_keys=True) for f in expected[0])
    assert reported == {json.dumps(f, sort_keys=True) for f in shown}  # each finding is some named file's
