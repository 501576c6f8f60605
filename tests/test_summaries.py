"""Summaries that do not mislead: files analysed, not analysed and skipped are counted apart.

A file that could not be analysed is never reported as clean; plurals are
right; diagnostics sort by line as a number; the text ends with a per-rule count.
"""

from __future__ import annotations

import json
import os

import pytest

from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic, FileResult
from flasklint.report import summary

BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
BROKEN = "from flask import Flask\napp.run(\n"


def _last_lines(out: str, count: int = 1) -> list[str]:
    return out.rstrip("\n").splitlines()[-count:]


def test_the_only_file_not_analysed_is_not_called_clean(run_cli, tmp_path):
    (tmp_path / "broken.py").write_text(BROKEN)
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 0
    assert _last_lines(out) == ["No findings in 0 files analysed; 1 file not analysed (it may hold findings: see the errors)."]
    # the part before the error is analysed (issue 12), but the file as a whole is not: never "clean"
    assert "files scanned" not in out and "broken.py" in err and "before the error, were analysed" in err


def test_counts_and_plurals(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(BAD)
    code, out, _ = run_cli("check", str(tmp_path))
    assert code == 1 and _last_lines(out, 2) == ["Found 1 finding in 1 file analysed.", "By rule: FL101 1"]
    (tmp_path / "other.py").write_text(BAD.replace("0.0.0.0", "::").replace(", debug=True", ""))
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "latin1.py").write_bytes(b"from flask import Flask\napp.run()\nname = '\xe9'\n")
    code, out, _ = run_cli("check", str(tmp_path))
    assert _last_lines(out, 2) == [
        "Found 2 findings in 2 files analysed; 2 files not analysed.",
        "By rule: FL101 1, FL103 1",
    ]


def test_no_findings_when_everything_was_analysed(run_cli, tmp_path):
    (tmp_path / "app.py").write_text("print('hello')\n")
    (tmp_path / "b.py").write_text("x = 1\n")
    code, out, _ = run_cli("check", str(tmp_path))
    assert code == 0 and out == "No findings in 2 files analysed.\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_skipped_paths_are_counted_apart(run_cli, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(BAD)
    (tmp_path / "outside.py").write_text(BAD)
    (project / "link.py").symlink_to(tmp_path / "outside.py")
    (project / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    code, out, err = run_cli("check", str(project))
    assert _last_lines(out, 2)[0] == "Found 1 finding in 1 file analysed; 2 files skipped."
    code, out, _ = run_cli("check", "--format", "json", str(project))
    files = json.loads(out)["summary"]["files"]
    assert files == {"analysed": 1, "not_analysed": 0, "skipped": 2}


def test_json_summary(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(BAD)
    (tmp_path / "broken.py").write_text(BROKEN)
    code, out, _ = run_cli("check", "--format", "json", str(tmp_path), str(tmp_path / "missing.py"))
    document = json.loads(out)
    assert document["summary"] == {
        "files": {"analysed": 1, "not_analysed": 2, "skipped": 0},
        "not_analysed": sorted([str(tmp_path / "broken.py"), str(tmp_path / "missing.py")]),
        "skipped": [],
        "findings": 1,
        "by_rule": {"FL101": 1},
    }


def test_a_warning_about_part_of_a_file_leaves_it_analysed():
    result = ScanResult(
        diagnostics=[Diagnostic("Procfile", "line 3: not a `type: command` entry; skipped")],
        files_scanned=1,
        results={"Procfile": FileResult()},
    )
    cov = summary.coverage(result)
    assert cov.analysed == 1 and cov.not_analysed == () and cov.skipped == ()


@pytest.mark.parametrize(
    "message",
    [
        "cannot read: Permission denied",
        "cannot decode: invalid start byte; not analysed",
        "syntax error (line 2, column 8): '(' was never closed; not analysed",
        "invalid YAML (document 1): mapping values are not allowed here; the rest of the file is not analysed",
        "internal error while analysing (KeyError: 'x'); rerun with --verbose for the traceback and please report it",
    ],
)
def test_what_counts_as_not_analysed(message):
    result = ScanResult(diagnostics=[Diagnostic("a.py", message)], files_scanned=2, results={"a.py": FileResult(), "b.py": FileResult()})
    cov = summary.coverage(result)
    assert cov.analysed == 1 and cov.not_analysed == ("a.py",)


def test_error_on_unanalysed_changes_the_exit_code(run_cli, tmp_path):
    (tmp_path / "ok.py").write_text("x = 1\n")
    (tmp_path / "broken.py").write_text(BROKEN)
    assert run_cli("check", str(tmp_path))[0] == 0
    assert run_cli("check", "--error-on-unanalysed", str(tmp_path))[0] == 1
    (tmp_path / "broken.py").unlink()
    assert run_cli("check", "--error-on-unanalysed", str(tmp_path))[0] == 0


def test_diagnostics_sort_by_line_as_a_number(run_cli, tmp_path):
    lines = ["web: flask run"] + ["# filler"] * 140
    lines[15] = "not an entry"
    lines[130] = "also not an entry"
    (tmp_path / "Procfile").write_text("\n".join(lines) + "\n")
    code, out, _ = run_cli("check", "--format", "json", str(tmp_path))
    errors = json.loads(out)["errors"]
    assert [e["line"] for e in errors] == [16, 131]
    assert [e["message"].split(":")[0] for e in errors] == ["line 16", "line 131"]


def test_a_diagnostic_takes_its_line_from_its_message():
    assert Diagnostic("a.py", "syntax error (line 3, column 9): x").line == 3
    assert Diagnostic("a.py", "cannot read: Permission denied").line is None
    assert Diagnostic("a.py", "x", line=7).to_json() == {"path": "a.py", "message": "x", "line": 7}
    assert "line" not in Diagnostic("a.py", "cannot read: x").to_json()
    assert Diagnostic.from_json({"path": "a.py", "message": "line 12: bad"}) == Diagnostic("a.py", "line 12: bad", 12)
    assert sorted([Diagnostic("a", "line 131: x"), Diagnostic("a", "line 16: y")], key=lambda d: d.sort_key)[0].line == 16


@pytest.mark.parametrize("count, text", [(0, "0 files"), (1, "1 file"), (2, "2 files")])
def test_plural(count, text):
    assert summary.plural(count, "file") == text
