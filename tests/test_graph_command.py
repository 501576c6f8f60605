"""`flasklint graph`: the deployment picture of real corpus projects, drawn by Graphviz and Mermaid."""

from __future__ import annotations

import html
import json
import os

from consumers import MMDC, PUPPETEER_CONFIG, require, run
from corpus_expectations import CORPUS


def _graph(run_cli, case: str, fmt: str) -> str:
    code, out, err = run_cli("graph", "--isolated", "--format", fmt, str(CORPUS / case))
    assert code == 0, err
    return out


def test_json_picture_marks_the_production_chain_offending(run_cli):
    picture = json.loads(_graph(run_cli, "deploy-compose-script-env", "json"))
    nodes = {n["label"]: n for n in picture["nodes"]}
    assert nodes["service web"]["offending"] and nodes["start.sh"]["verdict"] == "production"
    assert {n["label"] for n in picture["nodes"] if n["kind"] == "start"} == {
        "FL101 debugger-exposed", "FL301 dev-server-in-production"}
    assert all(e["offending"] for e in picture["edges"])


def test_development_only_project_has_nothing_offending(run_cli):
    picture = json.loads(_graph(run_cli, "deploy-gunicorn-main-debug", "json"))
    assert not any(n["offending"] for n in picture["nodes"])
    assert any(n["kind"] == "start" and n["verdict"] == "development" for n in picture["nodes"])


def test_graphviz_renders_the_corpus_picture(run_cli):
    dot = require("dot")
    for case in ("deploy-compose-script-env", "deploy-compose-target-dev", "deploy-procfile-make"):
        done = run([dot, "-Tsvg"], input=_graph(run_cli, case, "dot"))
        assert done.returncode == 0 and not done.stderr.strip(), (case, done.stderr)
        assert "FL301 dev-server-in-production" in html.unescape(done.stdout)  # dot writes - as &#45;


def test_mermaid_renders_the_corpus_picture(run_cli, tmp_path):
    tool = require(MMDC)
    require("chromium")
    source = tmp_path / "picture.mmd"
    source.write_text(_graph(run_cli, "deploy-compose-target-dev", "mermaid"), encoding="utf-8")
    out = tmp_path / "picture.svg"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = run([tool, "-q", "-p", str(PUPPETEER_CONFIG), "-i", str(source), "-o", str(out)], env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stage dev" in out.read_text(encoding="utf-8")


def test_markdown_summary_embeds_the_picture(run_cli):
    code, out, _ = run_cli("check", "--isolated", "--no-cache", "--format", "markdown",
                           str(CORPUS / "deploy-compose-script-env"))
    assert code == 1 and "```mermaid" in out and "FL101" in out
