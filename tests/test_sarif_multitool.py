"""Microsoft's SARIF Multitool accepts our SARIF: GitHub's ingestion rules (GH10xx) and SARIF's guidance.

Every corpus project, the whole corpus, files that cannot be analysed, a
baseline run and hand-built edge cases (fixes by character offset, cut-short
lines, internal errors) are validated in one Multitool call. No error and no
warning may remain; a note is allowed only if NOT_APPLICABLE names it with the
reason, or, for the snippet rules, only on results whose lines the finding did
not capture.
"""

from __future__ import annotations

import json
from urllib.parse import unquote
import re
from pathlib import Path
from typing import Any

import pytest

from consumers import SARIF_MULTITOOL, require, run
from corpus_expectations import CORPUS, cases
from flasklint.knowledge import kinds
from flasklint.analyzers.base import MAX_FRAME_LINE_CHARS, AnalysisContext, Reporter
from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic, Edit, Fix, FixSafety
from flasklint.report import sarif
from flasklint.sources.source import decode

ROOT = Path(__file__).resolve().parent.parent
BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'

NOT_APPLICABLE = {
    "SARIF2002": "messages say what this finding found (the host, the env file and line, the gunicorn command to "
    "use): they are composed per finding, not filled into a rule template; and GitHub rejects results "
    "whose message is only `id` + `arguments` (GH rule 'message must be flattened', sarif-sdk#2580)",
    "SARIF2003": "versionControlProvenance needs the commit, which only git knows: a reporter never reads files, "
    "and GitHub's upload-sarif action records the commit and ref itself",
    "SARIF2006": "'URIs should be reachable' makes HTTP GETs; the test machines cannot reach the web (it fails for "
    "json.schemastore.org too). The helpUri anchors are checked offline against docs/rules.md by "
    "test_sarif.py::test_help_uris_point_at_anchors_of_the_generated_docs",
}
SNIPPET_RULES = {"SARIF2010", "SARIF2011"}
"""Allowed only where the finding holds no complete copy of its lines: the cross-file findings of the
project pass (built from facts, which carry no line text), spans longer than the lines a finding keeps,
and lines cut short; a snippet there would not be the file's text."""
ARGUMENT = re.compile(r"runs\[(\d+)\]\.results\[(\d+)\]")


def _write(folder: Path, name: str, document: dict[str, Any]) -> None:
    (folder / f"{name}.sarif").write_text(json.dumps(document), encoding="utf-8")


def _cli_sarif(run_cli, folder: Path, name: str, *args: str, codes: tuple[int, ...] = (0, 1)) -> None:
    target = folder / f"{name}.sarif"
    code, out, err = run_cli("check", "--format", "sarif", "--output", str(target), *args)
    assert code in codes and target.stat().st_size, (code, out, err)


def _hand_built(folder: Path) -> None:
    """Edge cases a corpus run may not produce: an offset-only fix, a cut-short line, an internal error."""
    text = "x = 1\napp.run(host='0.0.0.0')  # " + "y" * (MAX_FRAME_LINE_CHARS + 10) + "\n"
    source = decode(text.encode(), python=True)
    reporter = Reporter(AnalysisContext("app.py", kinds.PYTHON), source)
    start = text.index("'0.0.0.0'")
    fix = Fix("Bind 127.0.0.1", FixSafety.SAFE, (Edit(start, start + 9, "'127.0.0.1'"),))
    reporter.add("FL103", source.span(start, start + 9), "bound to all interfaces", fix=fix)
    finding = reporter.result().findings[0]
    unpositioned = finding.with_changes(fix=Fix("Bind 127.0.0.1", FixSafety.UNSAFE, (Edit(start, start + 9, "'::1'"),)))
    result = ScanResult(
        findings=[finding, unpositioned],
        diagnostics=[Diagnostic("app.py", "internal error while analysing (KeyError: 'x')")],
        root=str(folder),
    )
    _write(folder, "hand-built", sarif.document(result, category="flasklint/edge"))


@pytest.fixture(scope="module")
def validated(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    """(folder of our SARIF files, the Multitool's report on all of them)."""
    from click.testing import CliRunner

    from flasklint.cli import main

    def run_cli(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    tool = require(SARIF_MULTITOOL)
    folder = tmp_path_factory.mktemp("sarif")
    for case in cases():
        _cli_sarif(run_cli, folder, f"case-{case}", str(CORPUS / case))
    _cli_sarif(run_cli, folder, "whole-corpus", "--sarif-category", "flasklint/corpus", str(CORPUS))
    broken = tmp_path_factory.mktemp("diagnostics")
    (broken / "broken.py").write_text("from flask import Flask\napp.run(\n")
    (broken / "latin1.py").write_bytes(b"# -*- coding: utf-8 -*-\nname = '\xe9'\n")
    (broken / "app.py").write_text(BAD)
    # a missing path named beside a real one: the report is written, and the run exits 2 (issue 20)
    _cli_sarif(run_cli, folder, "diagnostics", str(broken), str(broken / "missing.py"), codes=(2,))
    project = tmp_path_factory.mktemp("baseline")
    (project / "app.py").write_text(BAD)
    baseline = project / "baseline.json"
    run_cli("check", "--write-baseline", str(baseline), str(project))
    (project / "second.py").write_text(BAD.replace("0.0.0.0", "::"))
    _cli_sarif(run_cli, folder, "baseline", "--baseline", str(baseline), str(project))
    _hand_built(folder)
    out = folder / "multitool-report.json"
    done = run([tool, "validate", str(folder / "*.sarif"), "-o", str(out), "--rule-kind", "Gh;Sarif",
                "--level", "Error;Warning;Note"])
    assert out.is_file(), done.stdout + done.stderr
    return folder, json.loads(out.read_text(encoding="utf-8"))


def _findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [result for run in report["runs"] for result in run.get("results", [])]


def _where(result: dict[str, Any]) -> tuple[str, str]:
    """(the validated file's name, the JSON path the Multitool complains about)."""
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    arguments = result["message"].get("arguments") or [""]
    return uri.rsplit("/", 1)[-1], arguments[0]


def test_every_sarif_file_was_validated(validated):
    folder, report = validated
    names = {p.name for p in folder.glob("*.sarif")}
    assert len(names) == len(cases()) + 4
    # every run lacks versionControlProvenance (SARIF2003, see NOT_APPLICABLE): one note per file proves it was read
    provenance = [_where(r)[0] for r in _findings(report) if r["ruleId"] == "SARIF2003"]
    assert sorted(provenance) == sorted(names)
    assert report["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_no_errors_and_no_warnings(validated):
    _, report = validated
    serious = [(r["ruleId"], _where(r)) for r in _findings(report) if r.get("level", "warning") != "note"]
    assert not serious, serious[:10]


def test_every_remaining_note_is_named_with_its_reason(validated):
    folder, report = validated
    unexplained = []
    for result in _findings(report):
        rule = result["ruleId"]
        if rule in NOT_APPLICABLE:
            continue
        name, path = _where(result)
        if rule in SNIPPET_RULES:
            run_index, result_index = map(int, ARGUMENT.match(path).groups())
            ours = json.loads((folder / name).read_text(encoding="utf-8"))["runs"][run_index]["results"][result_index]
            if "contextRegion" not in ours["locations"][0]["physicalLocation"]:
                continue  # the finding had no complete copy of its lines (see SNIPPET_RULES)
        unexplained.append((rule, name, path))
    assert not unexplained, unexplained[:10]


def test_results_with_captured_lines_carry_snippets_and_context(validated):
    folder, _ = validated
    run_ = json.loads((folder / "whole-corpus.sarif").read_text(encoding="utf-8"))["runs"][0]
    with_context = [r for r in run_["results"] if "contextRegion" in r["locations"][0]["physicalLocation"]]
    assert len(with_context) >= 0.9 * len(run_["results"])
    for result in with_context:
        physical = result["locations"][0]["physicalLocation"]
        region, context = physical["region"], physical["contextRegion"]
        assert context["startLine"] <= region["startLine"] and context["endLine"] >= region["endLine"]
        assert region["snippet"]["text"] in context["snippet"]["text"]
        file_lines = (ROOT / unquote(physical["artifactLocation"]["uri"])).read_text(encoding="utf-8").splitlines()
        assert context["snippet"]["text"] == "\n".join(file_lines[context["startLine"] - 1 : context["endLine"]])


def test_a_cut_short_line_gets_no_snippet(validated):
    folder, _ = validated
    (first, _second) = json.loads((folder / "hand-built.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    physical = first["locations"][0]["physicalLocation"]
    assert "snippet" not in physical["region"] and "contextRegion" not in physical


def test_rule_names_are_pascal_case(validated):
    folder, _ = validated
    rules = json.loads((folder / "whole-corpus.sarif").read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["name"] == "DebuggerExposed"
    assert all(re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", r["name"]) for r in rules)
