"""The GitLab CI and Azure Pipelines examples of docs/integrations.md, run as far as they can be here.

Without those services, each example is read as YAML, checked for the keys its platform needs
(GitLab's `artifacts:reports`, Azure's `PublishTestResults` inputs), and its script lines but the
install are run, as the runner would, in a small project with findings. The files the platform
would collect are then read by the same consumers as in test_report_formats.py: the GitLab
schema, junitparser, and Microsoft's task library for the `##vso` lines. The gate line must fail
the job (exit 1) while the report lines before it pass.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import junitparser
import yaml

from consumers import AZURE_TASKCOMMAND, require

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "integrations.md"
SCHEMA = ROOT / "tests" / "data" / "schemas" / "gitlab-codequality.schema.json"
BAD = {"app.py": 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n'
                 '    app.run(host="0.0.0.0", debug=True)\n',
       "Procfile": "web: flask run --host=0.0.0.0\n"}


def _example(first_line: str) -> dict:
    """The YAML block of the docs page that starts with `first_line` (a comment naming the file)."""
    for block in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        if block.startswith(first_line):
            return yaml.safe_load(block)
    raise AssertionError(f"docs/integrations.md has no example starting {first_line!r}")


def _project(tmp_path: Path) -> Path:
    for name, text in BAD.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A script line as a runner's shell runs it, `flasklint` being this checkout."""
    words = shlex.split(line)
    assert words[0] == "flasklint", line
    env = dict(os.environ, PYTHONPATH=str(ROOT), FLASKLINT_CACHE_DIR=str(cwd.parent / "ci-cache"))
    return subprocess.run([sys.executable, "-m", "flasklint", *words[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True)


def test_the_gitlab_example_produces_the_reports_it_declares(tmp_path):
    job = _example("# .gitlab-ci.yml")["flasklint"]
    reports = job["artifacts"]["reports"]
    assert set(reports) == {"codequality", "junit"} and job["artifacts"]["when"] == "always"
    project = _project(tmp_path)
    lines = [line for line in job["script"] if not line.startswith("pip install")]
    *report_lines, gate = lines
    for line in report_lines:
        assert _run(line, project).returncode == 0, line
    assert _run(gate, project).returncode == 1
    quality = json.loads((project / reports["codequality"]).read_text())
    jsonschema.validate(quality, json.loads(SCHEMA.read_text()))
    assert {issue["check_name"] for issue in quality} >= {"FL101", "FL301"}
    suites = junitparser.JUnitXml.fromfile(str(project / reports["junit"]))
    assert sum(1 for suite in suites for case in suite for r in case.result if isinstance(r, junitparser.Failure)) == len(quality)


def test_the_azure_example_prints_logging_commands_and_publishes_junit(tmp_path):
    steps = _example("# azure-pipelines.yml")["steps"]
    scripts = [s["script"] for s in steps if "script" in s and not s["script"].startswith("pip install")]
    (publish,) = [s for s in steps if s.get("task", "").startswith("PublishTestResults@")]
    assert publish["inputs"]["testResultsFormat"] == "JUnit" and publish["condition"] == "always()"
    project = _project(tmp_path)
    *report_lines, gate = scripts
    outputs = []
    for line in report_lines:
        run = _run(line, project)
        assert run.returncode == 0, line
        outputs.append(run.stdout)
    assert _run(gate, project).returncode == 1
    commands = [line for out in outputs for line in out.splitlines() if line.startswith("##vso[")]
    script = ("const {commandFromString} = require(process.argv[1]);"
              "const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);"
              "console.log(JSON.stringify(lines.map(l => commandFromString(l).properties)));")
    parsed = json.loads(subprocess.run([require("node"), "-e", script, str(require(AZURE_TASKCOMMAND))],
                                       input="\n".join(commands) + "\n", capture_output=True, text=True,
                                       check=True).stdout)
    assert {p["code"] for p in parsed} >= {"FL101", "FL301"} and all(p["type"] in ("error", "warning") for p in parsed)
    junit = project / publish["inputs"]["testResultsFiles"]
    failures = [r for suite in junitparser.JUnitXml.fromfile(str(junit)) for case in suite for r in case.result]
    assert len(failures) == len(parsed)
