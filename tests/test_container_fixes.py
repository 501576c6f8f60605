"""In a container the server must listen on all interfaces: FL101's safe fix drops the debugger, keeps the bind.

A published port reaches a container only through an interface other than its loopback, so removing
`--host=0.0.0.0` from a compose, Kubernetes, Dockerfile or platform command breaks the container; keeping a
development container private is publishing its port on 127.0.0.1. Outside containers (scripts,
Makefiles, Procfiles) the fix still drops both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.commands.checks import CONTAINER_KINDS, check_command
from flasklint.commands.shellwords import split_commands
from flasklint.sources.source import SourceText
from projects import write

APP = "from flask import Flask\napp = Flask(__name__)\n"
COMPOSE = "services:\n  web:\n    build: .\n    command: gunicorn --bind 0.0.0.0:5000 app:app\n"
OVERRIDE = 'services:\n  web:\n    entrypoint: ["flask","run","--host=0.0.0.0","--debug"]\n'
DOCKERFILE_DEV = ("FROM python:3.12-slim AS dev\nWORKDIR /app\nCOPY . .\nENV FLASK_DEBUG=1\n"
                  'CMD ["flask", "run", "--host=0.0.0.0", "--debug"]\n\n'
                  'FROM python:3.12-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n')


def _check(root: Path, run_cli, *extra: str) -> dict:
    code, out, _ = run_cli("check", "--isolated", "--no-cache", "--format", "json", *extra, str(root))
    assert code in (0, 1), out
    return json.loads(out)


def _fix(root: Path, run_cli) -> None:
    code, _, err = run_cli("check", "--isolated", "--no-cache", "--fix", str(root))
    assert code in (0, 1), err


def test_the_fix_of_an_override_entrypoint_drops_the_debugger_and_keeps_the_bind(tmp_path, run_cli):
    write(tmp_path, {"app.py": APP, "docker-compose.yml": COMPOSE, "docker-compose.override.yml": OVERRIDE,
                     "Dockerfile": "FROM python:3.12-slim\nCOPY . .\n"})
    before = _check(tmp_path, run_cli)["findings"]
    assert [(f["rule"], f["path"].rsplit("/", 1)[-1]) for f in before] == [("FL101", "docker-compose.override.yml")]
    fl101 = before[0]
    assert fl101["fix"]["safety"] == "safe"
    assert "keep `--host=0.0.0.0`" in fl101["fix"]["description"]
    assert "keep the bind" in fl101["message"] and "127.0.0.1" in fl101["message"]

    _fix(tmp_path, run_cli)
    fixed = (tmp_path / "docker-compose.override.yml").read_text()
    assert fixed == 'services:\n  web:\n    entrypoint: ["flask","run","--host=0.0.0.0"]\n'
    assert not any(f["rule"] == "FL101" for f in _check(tmp_path, run_cli, "--include-dev")["findings"])
    _fix(tmp_path, run_cli)  # idempotent
    assert (tmp_path / "docker-compose.override.yml").read_text() == fixed


def test_the_bind_left_in_a_development_container_is_not_advice_to_drop_it(tmp_path, run_cli):
    """What remains after the fix is the development model's FL201 (low, `--include-dev` only): it says
    the container needs the bind, and it has no fix that would take it away."""
    write(tmp_path, {"app.py": APP, "docker-compose.yml": COMPOSE, "docker-compose.override.yml": OVERRIDE,
                     "Dockerfile": "FROM python:3.12-slim\nCOPY . .\n"})
    _fix(tmp_path, run_cli)
    assert _check(tmp_path, run_cli)["findings"] == []
    left = _check(tmp_path, run_cli, "--include-dev")["findings"]
    assert [(f["rule"], f["severity"]) for f in left] == [("FL201", "low")]
    assert left[0]["fix"] is None
    assert "as a container must" in left[0]["message"] and "drop it" not in left[0]["message"]


def test_the_fix_of_a_dockerfile_dev_stage_also_turns_off_the_variable_the_option_hid(tmp_path, run_cli):
    """`ENV FLASK_DEBUG=1` under `--debug`: removing only the option would leave the debugger on."""
    write(tmp_path, {"app.py": APP, "Dockerfile": DOCKERFILE_DEV})
    before = _check(tmp_path, run_cli)["findings"]
    assert [f["rule"] for f in before] == ["FL101"]
    _fix(tmp_path, run_cli)
    fixed = (tmp_path / "Dockerfile").read_text()
    assert 'CMD ["flask", "run", "--host=0.0.0.0"]' in fixed and "ENV FLASK_DEBUG=0" in fixed
    assert not any(f["rule"] == "FL101" for f in _check(tmp_path, run_cli, "--include-dev")["findings"])
    _fix(tmp_path, run_cli)
    assert (tmp_path / "Dockerfile").read_text() == fixed


def test_outside_a_container_the_fix_still_drops_both():
    text = "flask run --host=0.0.0.0 --debug\n"
    reporter = Reporter(AnalysisContext("scripts/dev.sh", "shell"), SourceText(text))
    for words in split_commands(text):
        check_command(reporter, words, production=False)
    (finding,) = reporter.result_.findings
    assert finding.rule == "FL101"
    assert finding.fix is not None and len(finding.fix.edits) == 2
    assert "keep the bind" not in finding.message


@pytest.mark.parametrize("kind", sorted(CONTAINER_KINDS))
def test_every_container_kind_keeps_the_bind(kind):
    text = "flask run --host=0.0.0.0 --debug\n"
    reporter = Reporter(AnalysisContext("deploy/file", kind), SourceText(text))
    for words in split_commands(text):
        check_command(reporter, words, production=False)
    (finding,) = reporter.result_.findings
    assert finding.rule == "FL101"
    assert finding.fix is not None
    assert [e.replacement for e in finding.fix.edits] == [""]
    assert "--host" not in text[finding.fix.edits[0].start:finding.fix.edits[0].end]
