"""The count of findings left out by default says truly what they are (issue 20: a production finding was
counted as a hidden "production" one under "development-only or test findings not shown").

The policy leaves out development and test findings, and, in production too, a setting with no effect
(`FLASK_ENV=development` under Flask 2.3+): that one is counted as a dead setting.
"""

from __future__ import annotations

import json
import re
import shutil

from corpus_expectations import CORPUS
from flasklint.scan.engine import ScanOptions, scan
from projects import write

DEAD = "deploy-flask-env-dead-setting"
APP = "from flask import Flask\napp = Flask(__name__)\n"
MAIN_EXPOSED = APP + 'if __name__ == "__main__":\n    app.run(host="127.0.0.1", debug=True)\n'


def _mixed(root):
    """The corpus's dead setting (a production compose service), beside a development-only __main__ block."""
    shutil.copytree(CORPUS / DEAD, root)
    write(root, {"tools.py": MAIN_EXPOSED, "tests/test_app.py": "from shop import app\napp.run(debug=True)\n"})
    return root


def test_a_dead_setting_in_production_is_counted_as_one(tmp_path, monkeypatch, run_cli):
    shutil.copytree(CORPUS / DEAD, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    result = scan(["."], ScanOptions(jobs=1))
    assert [(f.rule, f.context) for f in result.hidden] == [("FL302", "production")]
    assert result.hidden_counts() == {"dead-setting": 1}
    code, out, _ = run_cli("check", "--no-cache", ".")
    assert code == 0
    assert "1 development-only, test or dead-setting finding not shown (1 dead setting); --include-dev shows them." in out
    assert "production" not in out.splitlines()[-1]
    code, out, _ = run_cli("check", "--no-cache", "--include-dev", "--format", "json", ".")
    shown = json.loads(out)
    assert [(f["rule"], f["context"], f["severity"]) for f in shown["findings"]] == [("FL302", "production", "low")]
    assert shown["hidden"] == {}


def test_every_format_counts_development_test_and_dead_settings_apart(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(_mixed(tmp_path / "p"))
    counts = scan(["."], ScanOptions(jobs=1)).hidden_counts()
    assert counts == {"dead-setting": 1, "development": 1, "test": 2}
    code, out, _ = run_cli("check", "--no-cache", ".")
    assert ("4 development-only, test or dead-setting findings not shown (1 development, 2 test, 1 dead setting); "
            "--include-dev shows them.") in out
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", ".")
    assert json.loads(out)["hidden"] == counts
    code, out, _ = run_cli("check", "--no-cache", "--format", "sarif", ".")
    properties = json.loads(out)["runs"][0]["properties"]
    assert properties == {"hiddenFindings": counts, "hiddenBecause": "development-only, test or dead-setting; --include-dev"}


def test_without_a_dead_setting_the_wording_is_as_before(tmp_path, monkeypatch, run_cli):
    write(tmp_path, {"app.py": MAIN_EXPOSED, "Procfile": "web: gunicorn app:app\n"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--no-cache", ".")
    assert "1 development-only or test finding not shown (1 development); --include-dev shows them." in out
    code, out, _ = run_cli("check", "--no-cache", "--format", "sarif", ".")
    assert json.loads(out)["runs"][0]["properties"]["hiddenBecause"] == "development-only or test; --include-dev"


def test_merged_shards_say_why_as_one_scan_does(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(_mixed(tmp_path / "p"))
    code, whole, _ = run_cli("check", "--no-cache", "--format", "sarif", ".")
    parts = []
    for index in (1, 2, 3):
        part = tmp_path / f"shard-{index}.sarif"
        run_cli("check", "--no-cache", "--format", "sarif", "--shard", f"{index}/3", "-o", str(part), ".")
        parts.append(str(part))
    code, merged, _ = run_cli("merge-sarif", "-", *parts)
    assert code == 0
    assert json.loads(merged)["runs"][0]["properties"] == json.loads(whole)["runs"][0]["properties"]


def test_the_corpus_summary_counts_its_dead_setting_apart(run_cli):
    code, out, _ = run_cli("check", "--isolated", "--no-cache", str(CORPUS))
    line = out.splitlines()[-1]
    # the corpus grows with every round, so the counts are read back and checked to add up, not written here
    match = re.fullmatch(r"(\d+) development-only, test or dead-setting findings not shown \((\d+) development, "
                         r"(\d+) test, 1 dead setting\); --include-dev shows them\.", line)
    assert match, line
    total, development, test = map(int, match.groups())
    assert total == development + test + 1 and development > 40 and test >= 3
