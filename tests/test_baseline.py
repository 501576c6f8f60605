"""Baselines: record today's findings, report only new ones, and never resurrect moved code."""

from __future__ import annotations

import json

HEAD = "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
OLD = "def serve():\n    app.run(debug=True)\n\n\n"
OTHER = "def unrelated():\n    return 42\n\n\n"


def test_write_then_check_against_the_baseline(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(HEAD + OLD)
    code, out, err = run_cli("check", "--write-baseline", "baseline.json", ".")
    assert code == 0 and "wrote 1 findings to baseline.json" in err
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1
    (entry,) = data["findings"]
    assert entry["rule"] == "FL102" and entry["path"] == "app.py" and len(entry["fingerprint"]) == 32 and entry["message"]
    code, out, _ = run_cli("check", "--baseline", "baseline.json", ".")
    assert code == 0 and out.startswith("No findings")


def test_moving_code_does_not_resurrect_baselined_findings(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(HEAD + OLD + OTHER)
    run_cli("check", "--write-baseline", "baseline.json", ".")
    # lines inserted above, and the function moved below another one
    (tmp_path / "app.py").write_text("import os\nimport sys\n\n" + HEAD + OTHER + "# moved here\n" + OLD)
    code, out, _ = run_cli("check", "--format", "json", "--baseline", "baseline.json", ".")
    assert code == 0 and json.loads(out)["findings"] == []


def test_new_findings_are_reported(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(HEAD + OLD)
    run_cli("check", "--write-baseline", "baseline.json", ".")
    (tmp_path / "app.py").write_text(HEAD + OLD + "def second():\n    app.run(debug=True)\n")
    code, out, _ = run_cli("check", "--format", "json", "--baseline", "baseline.json", ".")
    findings = json.loads(out)["findings"]
    assert code == 1 and [(f["rule"], f["start"]["line"]) for f in findings] == [("FL102", 11)]
    (tmp_path / "other.py").write_text(HEAD + OLD)
    code, out, _ = run_cli("check", "--format", "json", "--baseline", "baseline.json", ".")
    assert {f["path"] for f in json.loads(out)["findings"]} == {"app.py", "other.py"}


def test_a_changed_finding_is_new(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(HEAD + OLD)
    run_cli("check", "--write-baseline", "baseline.json", ".")
    (tmp_path / "app.py").write_text(HEAD + OLD.replace("debug=True", "debug=True, port=8000"))
    assert run_cli("check", "--baseline", "baseline.json", ".")[0] == 1


def test_invalid_baseline_is_an_error(run_cli, tmp_path):
    (tmp_path / "b.json").write_text('{"findings": []}')
    code, _, err = run_cli("check", "--baseline", str(tmp_path / "b.json"), str(tmp_path))
    assert code == 2 and "not a flasklint baseline" in err
    code, _, err = run_cli("check", "--baseline", str(tmp_path / "missing.json"), str(tmp_path))
    assert code == 2 and "cannot read" in err
