"""SARIF output is what GitHub code scanning needs: schema-valid, stable fingerprints, relative URIs."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from corpus_expectations import CORPUS, cases
from flasklint.knowledge import kinds
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.findings.catalog import load_catalog
from flasklint.docs import rules_markdown
from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic, Edit, Fix, FixSafety, Position, Span
from flasklint.report import sarif
from flasklint.sources.source import decode

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)

BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'


def assert_valid(document: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def sarif_of(run_cli, *args: str) -> dict:
    code, out, _ = run_cli("check", "--format", "sarif", *args)
    assert code in (0, 1), out
    return json.loads(out)


def only_run(document: dict) -> dict:
    assert document["version"] == "2.1.0" and len(document["runs"]) == 1
    return document["runs"][0]


def test_schema_is_the_official_draft4_schema():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("case", cases())
def test_every_corpus_run_is_valid_sarif(run_cli, case):
    assert_valid(sarif_of(run_cli, str(CORPUS / case)))


def test_whole_corpus_run_is_valid_and_complete(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    document = sarif_of(run_cli, "corpus/")
    assert_valid(document)
    run = only_run(document)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(load_catalog())
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("corpus/")
        assert (ROOT / unquote(location["artifactLocation"]["uri"])).is_file()  # a URI: `{{` is percent-encoded
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert len(result["partialFingerprints"]["flasklint/v1"]) == 32
    fingerprints = [r["partialFingerprints"]["flasklint/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    assert any("relatedLocations" in r for r in run["results"])


def test_driver_and_rule_metadata(run_cli, tmp_path):
    run = only_run(sarif_of(run_cli, str(tmp_path)))
    driver = run["tool"]["driver"]
    assert {"name", "version", "semanticVersion", "informationUri", "rules"} <= set(driver)
    bands = {"critical": (9.0, 10.0), "high": (7.0, 8.9), "medium": (4.0, 6.9), "low": (0.1, 3.9)}
    for descriptor in driver["rules"]:
        rule = load_catalog()[descriptor["id"]]
        assert descriptor["name"] == sarif.pascal_name(rule.name)  # SARIF2012: a Pascal-case friendly name
        assert descriptor["help"]["markdown"] == rule.explain() and descriptor["help"]["text"]
        assert descriptor["helpUri"] == rule.help_uri
        props = descriptor["properties"]
        assert props["tags"][0] == "security"
        assert {f"external/cwe/cwe-{c}" for c in rule.cwe} <= set(props["tags"])
        low, high = bands[rule.severity.label]
        assert isinstance(props["security-severity"], str)
        assert low <= float(props["security-severity"]) <= high
        assert props["precision"] in ("very-high", "high", "medium", "low")
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["invocations"][0]["executionSuccessful"] is True


def test_help_uris_point_at_anchors_of_the_generated_docs():
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert docs == rules_markdown(), "docs/rules.md is stale: run `flasklint rules --format docs > docs/rules.md`"
    for rule in load_catalog().values():
        assert rule.help_uri.split("#")[0].endswith("/docs/rules.md")
        assert f'<a id="{rule.help_uri.split("#")[1]}"></a>' in docs


def test_uris_are_relative_to_the_scan_root(run_cli, tmp_path, monkeypatch):
    (tmp_path / "proj" / "pkg").mkdir(parents=True)
    (tmp_path / "proj" / "pkg" / "app.py").write_text(BAD)
    # a path outside the working directory: the root is the scanned folder itself
    run = only_run(sarif_of(run_cli, str(tmp_path / "proj")))
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "pkg/app.py", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "proj").as_uri() + "/"
    # inside the working directory (a CI checkout): relative to it
    monkeypatch.chdir(tmp_path)
    run = only_run(sarif_of(run_cli, "proj"))
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "proj/pkg/app.py"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def _fingerprint_and_line(run_cli, folder: Path) -> tuple[str, int]:
    run = only_run(sarif_of(run_cli, str(folder)))
    (result,) = run["results"]
    return result["partialFingerprints"]["flasklint/v1"], result["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_fingerprint_survives_lines_inserted_above(run_cli, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(BAD)
    before, line_before = _fingerprint_and_line(run_cli, tmp_path)
    app.write_text('"""A docstring."""\nimport os\n\n\ndef helper():\n    return os.getcwd()\n\n' + BAD)
    after, line_after = _fingerprint_and_line(run_cli, tmp_path)
    assert line_after == line_before + 7
    assert after == before


def test_fingerprint_changes_when_the_finding_changes(run_cli, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(BAD)
    before, _ = _fingerprint_and_line(run_cli, tmp_path)
    app.write_text(BAD.replace("app.run(", "app.run(port=8000, "))
    assert _fingerprint_and_line(run_cli, tmp_path)[0] != before


def test_identical_findings_get_distinct_fingerprints(run_cli, tmp_path):
    body = 'from flask import Flask\napp = Flask(__name__)\n\n\ndef a():\n    app.run(debug=True)\n\n\ndef b():\n    app.run(debug=True)\n'
    (tmp_path / "app.py").write_text(body)
    run = only_run(sarif_of(run_cli, str(tmp_path)))
    prints = [r["partialFingerprints"]["flasklint/v1"] for r in run["results"] if r["ruleId"] == "FL102"]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_unanalysable_files_are_tool_notifications(run_cli, tmp_path):
    (tmp_path / "broken.py").write_text("from flask import Flask\napp.run(\n")
    (tmp_path / "app.py").write_text(BAD)
    document = sarif_of(run_cli, str(tmp_path))
    assert_valid(document)
    invocation = only_run(document)["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "warning" and "syntax error" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.py"
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}


def test_internal_error_marks_the_execution_unsuccessful(tmp_path):
    result = ScanResult(diagnostics=[Diagnostic("app.py", "internal error while analysing (KeyError: 'x')")], root=str(tmp_path))
    document = sarif.document(result)
    assert_valid(document)
    invocation = only_run(document)["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"


def test_category_sets_automation_details(run_cli, tmp_path):
    document = sarif_of(run_cli, "--sarif-category", "flasklint/backend", str(tmp_path))
    assert_valid(document)
    assert only_run(document)["automationDetails"] == {"id": "flasklint/backend"}
    assert "automationDetails" not in only_run(sarif_of(run_cli, str(tmp_path)))


def test_fixes_become_artifact_changes_with_line_columns(tmp_path):
    text = "x = 1\napp.run(host='0.0.0.0')\n"
    source = decode(text.encode(), python=True)
    reporter = Reporter(AnalysisContext("app.py", kinds.PYTHON), source)
    start = text.index("'0.0.0.0'")
    fix = Fix("Bind 127.0.0.1", FixSafety.SAFE, (Edit(start, start + len("'0.0.0.0'"), "'127.0.0.1'"),))
    reporter.add("FL103", source.span(start, start + 9), "bound to all interfaces", fix=fix)
    finding = reporter.result().findings[0]
    document = sarif.document(ScanResult(findings=[finding], root=str(tmp_path)))
    assert_valid(document)
    (change,) = only_run(document)["results"][0]["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "app.py", "uriBaseId": "%SRCROOT%"}
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 23}
    assert replacement["insertedContent"] == {"text": "'127.0.0.1'"}


def test_related_locations_are_relative_too(tmp_path):
    text = "a\nb\n"
    source = decode(text.encode(), python=True)
    reporter = Reporter(AnalysisContext(str(tmp_path / "app.py"), kinds.PYTHON), source)
    span = Span(Position(2, 1), Position(2, 2))
    reporter.add("FL102", span, "debug on", related=[(Span(Position(1, 1), Position(1, 2)), "set here")])
    document = sarif.document(ScanResult(findings=reporter.result().findings, root=str(tmp_path)))
    assert_valid(document)
    (related,) = only_run(document)["results"][0]["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "app.py"
    assert related["message"]["text"] == "set here" and related["physicalLocation"]["region"]["startLine"] == 1
