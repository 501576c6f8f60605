"""The command line's contract: output forms, exit codes, selection, and the JSON document."""

from __future__ import annotations

import json
import re

from corpus_expectations import CORPUS

BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
GOOD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n'


def test_text_output_and_exit_one_on_findings(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(BAD)
    code, out, _ = run_cli("check", str(tmp_path))
    assert code == 1
    assert re.match(rf"{re.escape(str(tmp_path))}/app.py:4:5: FL101 ", out)


def test_exit_zero_when_clean(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(GOOD)
    assert run_cli("check", str(tmp_path))[0] == 0


def test_relative_paths_stay_relative(run_cli, tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "app.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", "pkg")
    assert json.loads(out)["findings"][0]["path"] == "pkg/app.py"
    code, out, _ = run_cli("check", "--format", "json")
    assert json.loads(out)["findings"][0]["path"] == "pkg/app.py"


def test_json_document_contract(scan_json):
    document = scan_json(str(CORPUS))
    assert set(document) == {"version", "findings", "errors", "hidden", "summary"}
    assert document["findings"]
    for finding in document["findings"]:
        assert {"rule", "name", "severity", "path", "start", "end", "message"} <= set(finding)
        assert finding["severity"] in ("critical", "high", "medium", "low")
        assert finding["start"]["line"] >= 1 and finding["start"]["column"] >= 1
        assert (finding["end"]["line"], finding["end"]["column"]) >= (finding["start"]["line"], finding["start"]["column"])
    keys = [(f["path"], f["start"]["line"], f["start"]["column"], f["rule"]) for f in document["findings"]]
    assert keys == sorted(keys)


def test_select_and_ignore_take_ids_and_prefixes(scan_json):
    everything = {f["rule"] for f in scan_json(str(CORPUS))["findings"]}
    assert {"FL101", "FL102"} <= everything
    only = {f["rule"] for f in scan_json(str(CORPUS), extra=("--select", "FL101"))["findings"]}
    assert only == {"FL101"}
    without = {f["rule"] for f in scan_json(str(CORPUS), extra=("--ignore", "FL10"))["findings"]}
    assert not any(r.startswith("FL10") for r in without)


def test_unknown_rule_is_a_usage_error(run_cli):
    code, _, err = run_cli("check", "--select", "FL999", str(CORPUS))
    assert code == 2 and "FL999" in err


def test_missing_path_is_an_error(run_cli, tmp_path):
    code, _, err = run_cli("check", str(tmp_path / "nope"))
    assert code == 2 and "nope" in err


def test_output_file(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(BAD)
    target = tmp_path / "report.json"
    code, out, _ = run_cli("check", "--format", "json", "--output", str(target), str(tmp_path / "app.py"))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["findings"][0]["rule"] == "FL101"


def test_unreadable_or_undecodable_files_are_reported_and_the_scan_goes_on(scan_json, run_cli, tmp_path):
    (tmp_path / "bad.py").write_bytes(b"from flask import Flask\nx = '\xff\xfe'\napp.run()\n")
    (tmp_path / "broken.py").write_text("from flask import Flask\napp.run(\n")
    (tmp_path / "app.py").write_text(BAD)
    document = scan_json(str(tmp_path))
    assert [f["rule"] for f in document["findings"]] == ["FL101"]
    errors = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in document["errors"]}
    assert "utf-8" in errors["bad.py"] and "syntax error" in errors["broken.py"]
    code, _, err = run_cli("check", str(tmp_path))
    assert code == 1 and "bad.py" in err and "broken.py" in err


def test_coding_cookie_is_honoured(scan_json, tmp_path):
    code = "# -*- coding: latin-1 -*-\n" + BAD.replace("Flask(__name__)", "Flask('caf\xe9')")
    (tmp_path / "app.py").write_bytes(code.encode("latin-1"))
    document = scan_json(str(tmp_path))
    assert [f["rule"] for f in document["findings"]] == ["FL101"] and not document["errors"]


def test_vcs_and_virtualenv_folders_are_skipped(scan_json, tmp_path):
    for folder in (".git", ".venv", "node_modules", "build", "__pycache__"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "app.py").write_text(BAD)
    assert scan_json(str(tmp_path))["findings"] == []


def test_rules_lists_the_catalog(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    for rule_id in ("FL101", "FL106", "FL301"):
        assert rule_id in out


def test_explain_prints_the_sections(run_cli):
    code, out, _ = run_cli("explain", "FL101")
    assert code == 0
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "References"):
        assert section in out
    assert run_cli("explain", "FL999")[0] == 2


def test_fixes_are_built_only_when_the_output_uses_them(run_cli, tmp_path, monkeypatch):
    """Python fixes need LibCST, the dearest step of a scan: text output must not pay for them."""
    from flasklint.python import fixes as pyfix

    (tmp_path / "app.py").write_text(BAD)
    calls = []
    real = pyfix.build_fixes
    monkeypatch.setattr(pyfix, "build_fixes", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert run_cli("check", "--no-cache", str(tmp_path))[0] == 1
    assert calls == []
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", str(tmp_path))
    assert calls and json.loads(out)["findings"][0]["fix"]["safety"] == "safe"


def test_main_help_lists_every_command_with_a_whole_sentence(run_cli):
    """`flasklint --help` once cut `explain` off at "e.g." (click ends a short help at the first full stop)."""
    from flasklint.cli import main

    code, out, _ = run_cli("--help")
    assert code == 0
    listing = out.split("Commands:\n", 1)[1]
    assert sorted(main.commands) == ["check", "explain", "graph", "merge-sarif", "rules"]
    for name, command in main.commands.items():
        short = command.get_short_help_str(limit=45)  # what click shows, even at its narrowest
        assert short == command.short_help and short.endswith(".") and "..." not in short, name
        assert len(short) <= 80 - 6 - len("merge-sarif"), name  # one line in an 80-column terminal
        assert f"  {name.ljust(11)}  {short}\n" in listing, (name, listing)
    assert "e.g.\n" not in listing and "...\n" not in listing
