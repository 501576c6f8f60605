"""The composite GitHub Action: structure, and that its scan step captures the exit code and writes SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'


def step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


def test_action_is_composite_with_the_documented_inputs():
    assert ACTION["name"] and ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif-file", "category", "upload", "job-summary"}
    for spec in ACTION["inputs"].values():
        assert spec["description"] and "default" in spec
    assert ACTION["inputs"]["upload"]["default"] == "true"
    for s in ACTION["runs"]["steps"]:
        assert "uses" in s or s["shell"] == "bash"  # composite run steps must name their shell


def test_action_installs_its_own_checkout():
    install = step("Install flasklint")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install' in install["run"] and '"$ACTION_PATH"' in install["run"]


def test_upload_happens_before_the_exit_code_fails_the_job():
    names = [s["name"] for s in ACTION["runs"]["steps"]]
    assert names.index("Run flasklint") < names.index("Upload SARIF to code scanning") < names.index("Exit with flasklint's status")
    assert names.index("Run flasklint") < names.index("Write the job summary") < names.index("Exit with flasklint's status")
    upload = step("Upload SARIF to code scanning")
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "${{ inputs.category }}"}
    assert "inputs.upload == 'true'" in upload["if"]
    assert "set +e" in step("Run flasklint")["run"]
    assert step("Exit with flasklint's status")["env"]["CODE"] == "${{ steps.scan.outputs.exit-code }}"


def test_scan_step_captures_the_exit_code_and_writes_sarif(tmp_path):
    """Run the step's own script with a `flasklint` that is this checkout, as the runner would."""
    venv_bin = tmp_path / "runner" / "flasklint-venv" / "bin"
    venv_bin.mkdir(parents=True)
    shim = venv_bin / "flasklint"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m flasklint "$@"\n')
    shim.chmod(0o755)
    workspace = tmp_path / "workspace"
    (workspace / "src").mkdir(parents=True)
    (workspace / "src" / "app.py").write_text(BAD)
    output = tmp_path / "github_output"
    output.touch()
    env = dict(
        os.environ,
        RUNNER_TEMP=str(tmp_path / "runner"),
        GITHUB_OUTPUT=str(output),
        FLASKLINT_PATHS="src",
        FLASKLINT_ARGS="--ignore FL104",
        SARIF_FILE="flasklint.sarif",
        CATEGORY="flasklint",
    )
    completed = subprocess.run(["bash", "-e", "-c", step("Run flasklint")["run"]], cwd=workspace, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr  # the step itself never fails
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs == {"exit-code": "1", "sarif-written": "true"}
    run = json.loads((workspace / "flasklint.sarif").read_text())["runs"][0]
    assert run["automationDetails"] == {"id": "flasklint"}
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == ["src/app.py"]
    exit_step = subprocess.run(["bash", "-c", step("Exit with flasklint's status")["run"]], env=dict(os.environ, CODE=outputs["exit-code"]))
    assert exit_step.returncode == 1
