"""Exit codes and errors: usage errors are one line and exit 2; an internal error in one file is
reported with its name and a hint, the scan goes on, and the exit code is 2 so CI notices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BAD_APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'


def _one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    errors = [line for line in lines if line.startswith(("Error:", "flasklint:"))]
    assert len(errors) == 1, err
    return errors[0]


def _project(tmp_path: Path, config_name: str = "", config: bytes = b"") -> Path:
    (tmp_path / "app.py").write_text(BAD_APP)
    if config_name:
        (tmp_path / config_name).write_bytes(config)
    return tmp_path


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--select", "FL999"], "unknown rule id or prefix: FL999"),
        (["--ignore", "XY1"], "unknown rule id or prefix: XY1"),
        (["--fail-on", "severe"], "'severe' is not one of"),
        (["--format", "xml"], "'xml' is not one of"),
        (["--config", "/nonexistent/flasklint.toml"], "does not exist"),
        (["--baseline", "/nonexistent/baseline.json"], "cannot read"),
        (["--output", "/nonexistent/dir/report.txt"], "cannot write the report"),
    ],
)
def test_usage_errors_exit_two_with_one_line(run_cli, tmp_path, args, expected) -> None:
    code, out, err = run_cli("check", "--isolated", *args, str(_project(tmp_path)))
    assert code == 2
    assert expected in _one_line_error(err)


def test_missing_path_exits_two_with_one_line(run_cli, tmp_path) -> None:
    code, _, err = run_cli("check", str(tmp_path / "missing"))
    assert code == 2
    assert "missing: cannot read path: No such file or directory" in _one_line_error(err)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("pyproject.toml", b"[tool.flasklint\nselect = 1\n", "invalid TOML"),
        ("pyproject.toml", b"\xff\xfe[tool.flasklint]\n", "invalid TOML: not UTF-8"),
        ("pyproject.toml", b'[tool.flasklint]\nselect = ["FL999"]\n', "unknown rule id or prefix: FL999"),
        ("flasklint.toml", b"bogus = 1\n", "unknown key `bogus`"),
        ("flasklint.toml", b'severity = { FL103 = "severe" }\n', "unknown severity"),
        ("flasklint.toml", b"select = 3\n", "`select`"),
    ],
)
def test_bad_configuration_exits_two_naming_the_file(run_cli, tmp_path, name, content, expected) -> None:
    project = _project(tmp_path, name, content)
    code, _, err = run_cli("check", str(project))
    assert code == 2
    line = _one_line_error(err)
    assert str(project / name) in line and expected in line


def test_bad_baseline_exits_two(run_cli, tmp_path) -> None:
    project = _project(tmp_path)
    for content in (b"not json", b"\xff\xfe{}", b'{"version": 99}'):
        (tmp_path / "baseline.json").write_bytes(content)
        code, _, err = run_cli("check", "--isolated", "--baseline", str(tmp_path / "baseline.json"), str(project / "app.py"))
        assert code == 2 and "baseline.json" in _one_line_error(err)


@pytest.fixture
def failing_analyzer(monkeypatch):
    """The Python analyzer raises for files named boom.py (a stand-in for any bug)."""
    from flasklint.analyzers import python

    real = python.analyze

    def analyze(source, context):
        if context.display_path.endswith("boom.py"):
            raise RuntimeError("simulated analyzer bug")
        return real(source, context)

    monkeypatch.setattr(python, "analyze", analyze)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown"])
def test_internal_error_names_the_file_the_scan_goes_on_and_exit_is_two(run_cli, tmp_path, failing_analyzer, fmt) -> None:
    (tmp_path / "boom.py").write_text(BAD_APP)
    (tmp_path / "app.py").write_text(BAD_APP)
    code, out, err = run_cli("check", "--isolated", "--format", fmt, str(tmp_path))
    assert code == 2
    assert "Traceback" not in err
    expected = "internal error while analysing (RuntimeError: simulated analyzer bug); rerun with --verbose"
    if fmt == "text":
        assert f"flasklint: {tmp_path / 'boom.py'}: {expected}" in err
        assert f"{tmp_path / 'app.py'}:4:5: FL101" in out
    elif fmt == "json":
        document = json.loads(out)
        assert [e["path"] for e in document["errors"]] == [str(tmp_path / "boom.py")]
        assert expected in document["errors"][0]["message"]
        assert {f["path"] for f in document["findings"]} == {str(tmp_path / "app.py")}
    elif fmt == "sarif":
        run = json.loads(out)["runs"][0]
        assert run["invocations"][0]["executionSuccessful"] is False
        note = run["invocations"][0]["toolExecutionNotifications"][0]
        assert note["level"] == "error" and expected in note["message"]["text"]
        assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("boom.py")
        assert {r["ruleId"] for r in run["results"]} == {"FL101"}
    elif fmt == "markdown":
        assert "1 file not analysed" in out and "internal error while analysing (RuntimeError" in out
        assert "| FL101 debugger-exposed | critical |" in out
    else:
        warning = next(line for line in out.splitlines() if "title=flasklint::" in line)
        assert warning.startswith("::warning file=boom.py,") and "internal error while analysing" in warning
        assert "title=FL101" in out


def test_verbose_prints_the_traceback(run_cli, tmp_path, failing_analyzer) -> None:
    (tmp_path / "boom.py").write_text(BAD_APP)
    code, _, err = run_cli("check", "--isolated", "--verbose", str(tmp_path))
    assert code == 2
    assert f"traceback for {tmp_path / 'boom.py'}" in err
    assert "Traceback (most recent call last)" in err and "RuntimeError: simulated analyzer bug" in err


def test_internal_error_under_fix_leaves_the_file_and_fixes_the_rest(run_cli, tmp_path, failing_analyzer) -> None:
    (tmp_path / "boom.py").write_text(BAD_APP)
    (tmp_path / "app.py").write_text(BAD_APP)
    code, _, err = run_cli("check", "--isolated", "--fix", str(tmp_path))
    assert code == 2 and "boom.py: internal error" in err
    assert (tmp_path / "boom.py").read_text() == BAD_APP
    assert 'host="127.0.0.1"' in (tmp_path / "app.py").read_text()


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_a_missing_path_beside_a_real_one_reports_the_rest_and_exits_two(run_cli, tmp_path, output_format) -> None:
    """`flasklint check . typo/`: the real path is scanned and reported, the run still fails as a usage error."""
    project = _project(tmp_path)
    code, out, err = run_cli("check", "--isolated", "--format", output_format, str(project), str(tmp_path / "typo"))
    assert code == 2
    assert "FL10" in out  # app.py's findings are reported
    assert f"a path named on the command line cannot be read ({tmp_path / 'typo'})" in err
    assert "the other paths were scanned and reported; exit code 2" in err
    if output_format == "json":
        assert [e["path"] for e in json.loads(out)["errors"]] == [str(tmp_path / "typo")]


def test_real_paths_alone_exit_as_before(run_cli, tmp_path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    code, _, err = run_cli("check", "--isolated", str(clean), str(clean / "app.py"))
    assert code == 0 and err == ""
    code, _, err = run_cli("check", "--isolated", str(clean), str(tmp_path / "gone.py"), str(tmp_path / "typo"))
    assert code == 2 and "2 paths named on the command line cannot be read" in err
