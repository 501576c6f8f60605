"""The ecosystem's report formats, each read back by its real consumer, and ruff's option names.

- `json-lines`: every line is read by `json.loads` and equals the JSON report's finding;
- `junit`: read by junitparser, a JUnit XML library CI plug-ins are built on;
- `gitlab`: validated against a schema written from GitLab's documentation (cited in the file);
- `rdjson`: validated against reviewdog's own published JSON schema (vendored, tests/data/README.md);
- `azure`: every line parsed by `commandFromString` of Microsoft's azure-pipelines-task-lib;
- `pylint`: parsed with pylint's own parseable template (`ParseableTextReporter.line_format`).

Every format must carry the same findings (rule, path, line, severity) as the JSON report.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from consumers import AZURE_TASKCOMMAND, require
from projects import write

DATA = Path(__file__).resolve().parent / "data" / "schemas"
ENV_BOTH = "FLASK_DEBUG=1\n"
PROJECT = {
    # a fixable FL101 in Python with a non-ASCII prefix (byte columns differ from code points)
    "app.py": ('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n'
               '    é = 1; app.run(host="0.0.0.0", debug=True)\n'),
    "Procfile": "web: flask run --host=0.0.0.0\n",
    ".flaskenv": ENV_BOTH,
    # two identical starts in one file: GitLab fingerprints must still differ
    "tools/twice.py": ('from flask import Flask\napp = Flask(__name__)\n'
                       'app.run(host="0.0.0.0", debug=True)\napp.run(host="0.0.0.0", debug=True)\n'),
}
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}


@pytest.fixture
def project(tmp_path, monkeypatch):
    write(tmp_path, PROJECT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(run_cli, fmt: str, *extra: str) -> str:
    code, out, err = run_cli("check", "--format", fmt, *extra, ".")
    assert code == 1, err
    return out


def _expected(run_cli) -> list[tuple[str, str, int, str]]:
    document = json.loads(_report(run_cli, "json"))
    found = [(f["rule"], f["path"], f["start"]["line"], f["severity"]) for f in document["findings"]]
    assert len(found) >= 5
    return found


def _normal(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def test_json_lines_is_the_json_reports_findings_a_line_each(run_cli, project):
    document = json.loads(_report(run_cli, "json"))
    lines = _report(run_cli, "json-lines").splitlines()
    assert [json.loads(line) for line in lines] == document["findings"]


def test_junit_is_read_by_a_junit_library_with_one_failure_per_finding(run_cli, project, tmp_path):
    import junitparser
    report = tmp_path / "junit.xml"
    report.write_text(_report(run_cli, "junit"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    failures = []
    for suite in xml:
        for case in suite:
            for outcome in case.result:
                assert isinstance(outcome, junitparser.Failure)
                failures.append((outcome.type, _normal(case.classname), int(case._elem.get("line")),
                                 outcome.message.split("]")[0].lstrip("[")))
    expected = [(r, _normal(p), line, s) for r, p, line, s in _expected(run_cli)]
    assert sorted(failures) == sorted(expected)
    assert xml.failures == len(expected) if hasattr(xml, "failures") else True


def test_junit_of_a_clean_scan_is_one_passing_case(run_cli, tmp_path, monkeypatch):
    import junitparser

    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "junit", ".")
    assert code == 0
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    cases = [case for suite in junitparser.JUnitXml.fromfile(str(report)) for case in suite]
    assert len(cases) == 1 and cases[0].is_passed


def test_gitlab_report_matches_gitlabs_documented_format_with_unique_fingerprints(run_cli, project):
    issues = json.loads(_report(run_cli, "gitlab"))
    schema = json.loads((DATA / "gitlab-codequality.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(issues, schema)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    gitlab_level = {"critical": "critical", "high": "major", "medium": "minor", "low": "info"}
    got = sorted((i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in issues)
    assert got == sorted((r, _normal(p), line, gitlab_level[s]) for r, p, line, s in _expected(run_cli))
    # the same code, moved down a line, keeps its fingerprints (GitLab compares them across pipelines)
    (project / "tools" / "twice.py").write_text("# moved\n" + PROJECT["tools/twice.py"])
    moved = json.loads(_report(run_cli, "gitlab"))
    assert {i["fingerprint"] for i in moved if "twice" in i["location"]["path"]} == {
        i["fingerprint"] for i in issues if "twice" in i["location"]["path"]}


def test_rdjson_is_valid_for_reviewdogs_schema_and_carries_fixes_as_suggestions(run_cli, project):
    document = json.loads(_report(run_cli, "rdjson"))
    schema = json.loads((DATA / "reviewdog-DiagnosticResult.json").read_text())
    jsonschema.Draft4Validator(schema).validate(document)
    diagnostics = document["diagnostics"]
    rd_level = {"critical": "ERROR", "high": "ERROR", "medium": "WARNING", "low": "INFO"}
    got = sorted((d["code"]["value"], d["location"]["path"], d["location"]["range"]["start"]["line"], d["severity"])
                 for d in diagnostics)
    assert got == sorted((r, _normal(p), line, rd_level[s]) for r, p, line, s in _expected(run_cli))
    (app,) = [d for d in diagnostics if d["location"]["path"] == "app.py" and d["code"]["value"] == "FL101"]
    # `é` is two bytes in UTF-8: reviewdog's columns count bytes, one more than our code points
    line = PROJECT["app.py"].splitlines()[3]
    assert app["location"]["range"]["start"]["column"] == len(line[: line.index("app.run")].encode()) + 1
    assert app["suggestions"], "a fixable finding must carry its fix"
    # applying the suggestion (byte columns, exclusive end) gives what --fix writes
    text = line.encode()
    for suggestion in sorted(app["suggestions"], key=lambda s: -s["range"]["start"]["column"]):
        start, end = suggestion["range"]["start"]["column"] - 1, suggestion["range"]["end"]["column"] - 1
        text = text[:start] + suggestion["text"].encode() + text[end:]
    code, _, _ = run_cli("check", "--fix", "--select", "FL101", "app.py")
    assert (project / "app.py").read_text().splitlines()[3] == text.decode()


def _azure_parse(lines: list[str]) -> list[dict]:
    script = (
        "const {commandFromString} = require(process.argv[1]);"
        "const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);"
        "console.log(JSON.stringify(lines.map(l => { const c = commandFromString(l);"
        " return {command: c.command, properties: c.properties, message: c.message}; })));"
    )
    node = require("node")
    completed = subprocess.run([node, "-e", script, str(require(AZURE_TASKCOMMAND))], input="\n".join(lines) + "\n",
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def test_azure_lines_are_parsed_by_the_agents_own_task_library(run_cli, project):
    lines = _report(run_cli, "azure").splitlines()
    commands = _azure_parse(lines)
    assert all(c["command"] == "task.logissue" for c in commands)
    kind = {"critical": "error", "high": "error", "medium": "warning", "low": "warning"}
    got = sorted((c["properties"]["code"], c["properties"]["sourcepath"], int(c["properties"]["linenumber"]),
                  c["properties"]["type"]) for c in commands)
    assert got == sorted((r, _normal(p), line, kind[s]) for r, p, line, s in _expected(run_cli))
    assert all(c["message"].startswith(c["properties"]["code"] + " [") for c in commands)


def test_azure_escaping_keeps_a_hostile_name_in_one_command(tmp_path, monkeypatch, run_cli):
    name = "a;b]c%\n##vso[task.setvariable variable=x]1.py"
    (tmp_path / name).write_text('from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "azure", ".")
    lines = out.splitlines()
    assert lines and all(line.startswith("##vso[task.logissue ") for line in lines)
    commands = _azure_parse(lines)
    assert {c["properties"]["sourcepath"] for c in commands} == {name}


def test_pylint_lines_parse_with_pylints_own_template(run_cli, project):
    from pylint.reporters.text import ParseableTextReporter

    template = ParseableTextReporter.line_format  # "{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}"
    pattern = re.escape(template)
    for field, regex in (("path", r"(?P<path>.+?)"), ("line", r"(?P<line>\d+)"), ("msg_id", r"(?P<msg_id>[A-Z]+\d+)"),
                         ("symbol", r"(?P<symbol>[a-z-]+)"), ("obj", r"(?P<obj>[^\]]*)"), ("msg", r"(?P<msg>.*)")):
        pattern = pattern.replace(re.escape("{" + field + "}"), regex)
    got = []
    for line in _report(run_cli, "pylint").splitlines():
        match = re.fullmatch(pattern, line)
        assert match, line
        severity = match["msg"].split("]")[0].lstrip("[")
        got.append((match["msg_id"], _normal(match["path"]), int(match["line"]), severity))
    assert sorted(got) == sorted((r, _normal(p), line, s) for r, p, line, s in _expected(run_cli))


@pytest.mark.parametrize("fmt", ["json-lines", "junit", "gitlab", "rdjson", "azure", "pylint", "concise", "full"])
def test_the_warm_report_memo_writes_every_format_byte_for_byte(fmt, tmp_path, monkeypatch):
    """Two whole processes with one cache: the second replays the kept report, which must equal the first."""
    write(tmp_path, PROJECT)
    old = time.time() - 3600  # the memo trusts only files older than a racy mtime window
    for path in [*tmp_path.rglob("*"), tmp_path]:
        os.utime(path, (old, old))
    cache = tmp_path.parent / f"cache-{fmt}"
    env = {"FLASKLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-m", "flasklint", "check", "--format", fmt, "."], cwd=tmp_path, env=env,
                           capture_output=True, text=True) for _ in range(3)]
    assert runs[0].returncode == 1 and runs[0].stdout
    assert runs[1].stdout == runs[0].stdout == runs[2].stdout
    assert any(p.name.startswith("report-") for p in cache.rglob("*")), "the warm run must keep the report"


# --- ruff's option names ---------------------------------------------------------------------------


def test_output_format_is_an_alias_of_format_with_ruffs_text_names(run_cli, project):
    assert _report(run_cli, "text") == run_cli("check", "--output-format", "concise", ".")[1]
    full = run_cli("check", "--output-format", "full", ".")[1]
    assert full == run_cli("check", "--show-source", ".")[1]
    assert " | " in full and "^" in full


def test_exit_zero_reports_but_exits_0(run_cli, project):
    code, out, _ = run_cli("check", "--exit-zero", ".")
    assert code == 0 and "FL101" in out


def test_exit_zero_still_exits_2_on_errors(run_cli, project):
    code, _, _ = run_cli("check", "--exit-zero", "does-not-exist/")
    assert code == 2


def test_quiet_prints_the_findings_only(run_cli, project):
    code, out, _ = run_cli("check", "-q", ".")
    loud = run_cli("check", ".")[1]
    assert code == 1
    assert out.splitlines() == [line for line in loud.splitlines() if re.match(r"^[^ ]+:\d+:\d+: FL\d{3} ", line)]
    assert "Found" not in out and "By rule" not in out


def test_statistics_counts_per_rule_most_first(run_cli, project):
    document = json.loads(_report(run_cli, "json"))
    code, out, _ = run_cli("check", "--statistics", ".")
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    counts = [(int(count), rule) for count, rule, _ in rows]
    assert counts == sorted(counts, key=lambda c: (-c[0], c[1]))
    assert dict((rule, n) for n, rule in counts) == document["summary"]["by_rule"]
    as_json = json.loads(run_cli("check", "--statistics", "--format", "json", ".")[1])
    assert [(e["count"], e["code"]) for e in as_json] == counts


def test_show_settings_names_the_file_and_the_origin_of_each_setting(run_cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.flasklint]\nignore = ["FL104"]\nfail-on = "high"\n')
    (tmp_path / "app.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--show-settings", "--select", "FL1", ".")
    assert code == 0
    assert out.splitlines()[0] == f"Configuration file: {tmp_path / 'pyproject.toml'}"
    settings = {line.split("=")[0].strip(): line for line in out.splitlines() if " = " in line}
    assert settings["ignore"].endswith('["FL104"]  # pyproject.toml')
    assert settings["fail-on"].endswith('"high"  # pyproject.toml')
    assert settings["select"].endswith('["FL1"]  # command line')
    assert settings["include-dev"].endswith("false  # default")
    isolated = run_cli("check", "--show-settings", "--isolated", ".")[1]
    assert isolated.splitlines()[0].startswith("Configuration file: none: --isolated")


# --- colour ---------------------------------------------------------------------------------------


def _coloured(project: Path, **env: str) -> str:
    base = {"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": "/usr/bin:/bin",
            "FLASKLINT_CACHE_DIR": str(project.parent / "colour-cache")}
    return subprocess.run([sys.executable, "-m", "flasklint", "check", "."], cwd=project, env={**base, **env},
                          capture_output=True, text=True).stdout


def test_colour_on_force_color_off_in_a_pipe_and_with_no_color(project):
    forced = _coloured(project, FORCE_COLOR="1")
    assert "\x1b[1;31mFL101\x1b[0m" in forced and "\x1b[1;35m[critical]\x1b[0m" in forced
    assert "\x1b[" not in _coloured(project)  # a pipe
    assert "\x1b[" not in _coloured(project, NO_COLOR="1")
    plain = _coloured(project)
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced) == plain


def test_colour_on_a_terminal(project):
    """A real pseudo-terminal, as a user's shell gives: codes without any variable set."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(project)
        os.environ.pop("NO_COLOR", None)
        os.environ.pop("FORCE_COLOR", None)
        os.environ["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        os.environ["FLASKLINT_CACHE_DIR"] = str(project.parent / "pty-cache")
        os.execv(sys.executable, [sys.executable, "-m", "flasklint", "check", "."])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    assert b"\x1b[1;31mFL101\x1b[0m" in b"".join(chunks)
