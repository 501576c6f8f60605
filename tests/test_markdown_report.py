"""`--format markdown`: a job summary GitHub renders as we meant it, capped below GitHub's 1 MiB.

Read back by cmark-gfm, GitHub's own markdown parser (tests/install_consumers.sh
installs it): the table has one row per finding and each cell's text is exactly
the finding's, however hostile; nothing in a message becomes markup.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from consumers import MMDC, PUPPETEER_CONFIG, require, run
from corpus_expectations import CORPUS
from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic, Edit, Finding, Fix, FixSafety, Position, Severity, Span
from flasklint.report import markdown
from flasklint.report.graph import DeploymentGraph, GraphEdge, GraphNode

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    "pipe | cell `code` *em* **strong** _u_ ~~del~~ [link](https://example.com) <script>alert(1)</script> "
    "&amp; \\ backslash <!-- comment --> <img src=x onerror=alert(1)> # not a heading\nsecond line"
)


@dataclass(frozen=True)
class WithContext(Finding):
    """A finding as it will be after the deployment model's merge: with a verdict."""

    context: str = "production"


def finding(path: str = "app.py", line: int = 4, message: str = "debugger on", rule: str = "FL101", **changes) -> Finding:
    span = Span(Position(line, 5), Position(line, 20))
    return Finding(rule, path, span, message, Severity.parse(changes.pop("severity", "critical")), **changes)


class _Cells(HTMLParser):
    """The text of every table cell, the rows, and every tag the document holds."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.cell_tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self._cell is not None:
            self.cell_tags.append(tag)
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def gfm(text: str) -> _Cells:
    """Render with cmark-gfm as GitHub does (tables, strikethrough, autolinks, tag filter) and read the cells.

    `--unsafe` lets raw HTML through, as GitHub does before its sanitizer: so our
    own escaping, not cmark's safe mode, must keep a message's HTML text.
    """
    done = run([require("cmark-gfm"), "--unsafe", "--to", "html", "-e", "table", "-e", "strikethrough",
                "-e", "autolink", "-e", "tagfilter"], input=text)
    assert done.returncode == 0, done.stderr
    cells = _Cells()
    cells.feed(done.stdout)
    return cells


def test_one_row_per_finding_with_the_five_columns():
    result = ScanResult(
        findings=[finding(), finding("Procfile", 1, "dev server", "FL301", severity="high")], files_scanned=2, root="."
    )
    cells = gfm(markdown.render(result))
    header, *rows = cells.rows
    assert header == ["Rule", "Severity", "Where", "Context", "Fix", "Message"]
    assert rows == [
        ["FL101 debugger-exposed", "critical", "app.py:4:5", "unknown", "—", "debugger on"],
        ["FL301 dev-server-in-production", "high", "Procfile:1:5", "unknown", "—", "dev server"],
    ]


def test_hostile_messages_and_paths_stay_text():
    result = ScanResult(findings=[finding('we|ird `path` <b>.py', message=HOSTILE)], files_scanned=1, root=".")
    cells = gfm(markdown.render(result))
    (_, row) = cells.rows
    assert row[2] == "we|ird `path` <b>.py:4:5"
    assert row[5] == " ".join(HOSTILE.split())
    # only GFM's autolink of the bare URL may make an element (a link, as the file's own text says)
    assert set(cells.cell_tags) <= {"a"} and "script" not in cells.tags and "img" not in cells.tags


def test_most_severe_first_and_fix_safety_shown():
    fix = Fix("bind loopback", FixSafety.SAFE, (Edit(0, 1, "x"),))
    result = ScanResult(
        findings=[finding("a.py", severity="low", rule="FL104"), finding("b.py", fix=fix)], files_scanned=2, root="."
    )
    rows = gfm(markdown.render(result)).rows[1:]
    assert [(r[0].split()[0], r[4]) for r in rows] == [("FL101", "safe"), ("FL104", "—")]


def test_context_is_read_from_the_finding_when_it_has_one():
    plain, judged = finding(), WithContext(**{**finding().__dict__, "context": "development"})
    assert markdown.context_of(plain) == "unknown" and markdown.context_of(judged) == "development"
    rows = gfm(markdown.render(ScanResult(findings=[judged], files_scanned=1, root="."))).rows
    assert rows[1][3] == "development"


def test_files_not_analysed_are_listed_and_never_called_clean():
    result = ScanResult(
        diagnostics=[Diagnostic("broken.py", "syntax error (line 2, column 8): '(' was never closed; not analysed")],
        files_scanned=1,
        results={"broken.py": __import__("flasklint.model", fromlist=["FileResult"]).FileResult()},
        root=".",
    )
    text = markdown.render(result)
    assert "No findings in 0 files analysed; 1 file not analysed" in text
    cells = gfm(text)
    assert ["broken.py:2", "syntax error (line 2, column 8): '(' was never closed; not analysed"] in cells.rows
    assert "details" in cells.tags and "summary" in cells.tags


def test_the_output_is_capped_below_githubs_limit_and_says_how_many_were_left_out():
    many = [finding(f"pkg/module_{i:05}.py", i + 1, "x" * 280) for i in range(6000)]
    text = markdown.render(ScanResult(findings=many, files_scanned=6000, root="."))
    size = len(text.encode("utf-8"))
    assert markdown.MAX_BYTES - 2048 < size <= markdown.MAX_BYTES < markdown.GITHUB_SUMMARY_LIMIT
    shown = len(gfm(text).rows) - 1
    left_out = int(text.rsplit("_", 2)[-2].split(" more findings not shown")[0].lstrip("_"))
    assert shown + left_out == 6000 and left_out > 0
    assert text.endswith("(`--format sarif`, `--format json`) has everything._\n")


def test_nothing_is_left_out_of_a_small_report():
    text = markdown.render(ScanResult(findings=[finding()], files_scanned=1, root="."))
    assert "not shown" not in text


def _graph(nodes: int = 2) -> DeploymentGraph:
    made = tuple(GraphNode(f"n{i}", f"node {i}", "script", "Procfile", i + 1, "production", i == 0) for i in range(nodes))
    return DeploymentGraph(made, tuple(GraphEdge(a.id, b.id, "runs", True) for a, b in zip(made, made[1:])))


def test_the_picture_is_a_mermaid_block_that_mermaid_renders(tmp_path):
    text = markdown.render(ScanResult(findings=[finding()], files_scanned=1, root="."), graph=_graph())
    assert "#### Deployment\n\n```mermaid\nflowchart LR\n" in text
    source, out = tmp_path / "summary.md", tmp_path / "rendered.md"
    source.write_text(text, encoding="utf-8")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    require("chromium")
    done = run([require(MMDC), "-q", "-p", str(PUPPETEER_CONFIG), "-i", str(source), "-o", str(out)], env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(tmp_path.glob("rendered-1.svg")) and "```mermaid" not in out.read_text(encoding="utf-8")


def test_a_picture_too_large_for_github_is_replaced_by_a_note():
    text = markdown.render(ScanResult(files_scanned=1, root="."), graph=_graph(1500))
    assert "```mermaid" not in text and "more than GitHub draws" in text and "--format dot" in text


def test_cli_markdown_on_the_corpus(run_cli):
    code, out, _ = run_cli("check", "--format", "markdown", str(CORPUS))
    assert code == 1
    code_json, document, _ = run_cli("check", "--format", "json", str(CORPUS))
    import json

    findings = json.loads(document)["findings"]
    rows = [r for r in gfm(out).rows if r and r[0].startswith("FL")]  # the problems table has rows too
    assert len(rows) == len(findings)
    fixable = sum(1 for f in findings if f["fix"])
    assert sum(1 for r in rows if r[4] in ("safe", "unsafe")) == fixable > 0


def test_action_writes_the_job_summary_by_default(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["job-summary"]["default"] == "true"
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Write the job summary")
    assert "inputs.job-summary == 'true'" in step["if"]
    venv_bin = tmp_path / "runner" / "flasklint-venv" / "bin"
    venv_bin.mkdir(parents=True)
    shim = venv_bin / "flasklint"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m flasklint "$@"\n')
    shim.chmod(0o755)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "app.py").write_text('from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n')
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n")
    env = dict(os.environ, RUNNER_TEMP=str(tmp_path / "runner"), GITHUB_STEP_SUMMARY=str(summary),
               FLASKLINT_PATHS=".", FLASKLINT_ARGS="--ignore FL104")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### flasklint\n") and "| FL103 bind-all-interfaces | medium | app.py:3:" in text


def _docs_section() -> str:
    """The job-summary section of the integrations page, where the README's example moved."""
    page = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    return page.split("## Job summary and the deployment picture", 1)[1].split("\n## ", 1)[0]


def test_docs_show_the_real_markdown_of_their_corpus_project(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = _docs_section().split("$ flasklint check corpus/procfile-python-app --format markdown\n", 1)[1]
    shown = shown.split("\n````\n", 1)[0] + "\n"  # four backticks: the output holds a ``` block itself
    code, out, _ = run_cli("check", "--format", "markdown", "corpus/procfile-python-app")
    assert out == shown, "docs/integrations.md's markdown example is stale: rerun the command it shows"


def test_docs_picture_renders_with_mermaid(tmp_path):
    block = _docs_section().split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.startswith("flowchart LR") and "class n0,n1,n2 offending" in block
    source, out = tmp_path / "docs.mmd", tmp_path / "docs.svg"
    source.write_text(block, encoding="utf-8")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    require("chromium")
    done = run([require(MMDC), "-q", "-p", str(PUPPETEER_CONFIG), "-i", str(source), "-o", str(out)], env=env)
    assert done.returncode == 0 and out.stat().st_size, done.stdout + done.stderr
