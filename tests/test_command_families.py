"""Each command family: positives, negatives, and bad input that becomes a diagnostic."""

from __future__ import annotations

import pytest

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.analyzers.base import AnalysisContext
from flasklint.knowledge.context import dev_reason
from flasklint.model import Severity
from flasklint.sources.source import decode
from projects import scan_project, summary


def analyse(filename: str, text: str):
    kind = kinds.classify(filename, text.encode()[:512])
    assert kind is not None, filename
    context = AnalysisContext(filename, kind, dev_reason=dev_reason(filename))
    return analyzers.analyze(kind, decode(text.encode(), python=False), context)


def rules(filename: str, text: str) -> list[tuple[str, int]]:
    return sorted((f.rule, f.span.start.line) for f in analyse(filename, text).findings)


def fixed(filename: str, text: str, rule: str) -> str:
    finding = next(f for f in analyse(filename, text).findings if f.rule == rule)
    for edit in sorted(finding.fix.edits, key=lambda e: -e.start):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


# ---- shell ---------------------------------------------------------------------------


def test_shell_bind_all():
    assert rules("run.sh", "#!/bin/sh\nflask run --host=0.0.0.0\n") == [("FL201", 2)]


def test_shell_extensionless_with_shebang():
    assert rules("bin/serve", "#!/usr/bin/env bash\nflask --debug run\n") == [("FL202", 2)]


def test_shell_export_is_in_force_only_after_it():
    text = "#!/bin/sh\nflask run\nexport FLASK_DEBUG=1\nflask run\n"
    assert rules("run.sh", text) == [("FL202", 3)]


def test_shell_unexported_variable_does_not_reach_flask():
    assert rules("run.sh", "#!/bin/sh\nFLASK_RUN_HOST=0.0.0.0\nflask run\n") == []


def test_shell_unset_removes_debug():
    assert rules("run.sh", "export FLASK_DEBUG=1\nunset FLASK_DEBUG\nflask run\n") == []


def test_shell_mentions_are_not_commands():
    text = '#!/bin/sh\n# flask run --host=0.0.0.0\necho "flask run --host=0.0.0.0"\n'
    assert rules("run.sh", text) == []


def test_shell_pin_off_line_is_removed_by_the_fix():
    text = "export WERKZEUG_DEBUG_PIN=off\nflask run\n"
    assert rules("run.sh", text) == [("FL105", 1)]
    assert fixed("run.sh", text, "FL105") == "flask run\n"


def test_shell_unbalanced_quote_is_a_diagnostic():
    result = analyse("run.sh", "flask run --host '0.0.0.0\n")
    assert result.diagnostics and "quote" in result.diagnostics[0].message


def test_shell_dev_script_is_development(tmp_path):
    result = scan_project(tmp_path, {"scripts/dev.sh": "flask run -h 0.0.0.0\n"})
    assert result.findings == [] and [f.context for f in result.hidden] == ["development"]
    shown = scan_project(tmp_path, {}, include_dev=True).findings
    assert [(f.rule, f.severity) for f in shown] == [("FL201", Severity.LOW)]


# ---- Makefile ----------------------------------------------------------------------


MAKEFILE = "APP := shop\nHOST = 0.0.0.0\n\ndev:\n\t@flask --app $(APP) run --host $(HOST) --debug\n\nrelease:\n\tflask run --host=0.0.0.0\n"


def test_makefile_targets_are_development_and_only_the_exposed_debugger_shows(tmp_path):
    result = scan_project(tmp_path, {"Makefile": MAKEFILE})
    assert summary(result) == [("FL101", "Makefile", 5, "high", "development")]
    assert [(f.rule, f.span.start.line) for f in result.hidden] == [("FL201", 8)]


def test_makefile_variables_expand():
    text = "FLASK = poetry run flask\nstart:\n\t$(FLASK) run -h 0.0.0.0\n"
    assert rules("Makefile", text) == [("FL201", 3)]


def test_makefile_exported_variable_reaches_recipes():
    text = "export FLASK_DEBUG = 1\nstart:\n\tflask run\n"
    assert rules("Makefile", text) == [("FL202", 1)]


def test_makefile_negative():
    text = "test:\n\tpytest\nmigrate:\n\tflask db upgrade\nprod:\n\tgunicorn -b 0.0.0.0:80 app:app\n"
    assert rules("Makefile", text) == []


# ---- Procfile ----------------------------------------------------------------------


def test_procfile_web_is_production():
    text = "web: flask run --host=0.0.0.0 --port=$PORT\n"
    assert rules("Procfile", text) == [("FL301", 1)]
    assert fixed("Procfile", text, "FL301") == "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"


def test_procfile_other_types_are_not_production():
    assert rules("Procfile", "clock: flask run\nrelease: flask db upgrade\n") == []


def test_procfile_worker_is_production_like_web():
    assert rules("Procfile", "worker: flask run\n") == [("FL301", 1)]


def test_procfile_gunicorn_is_fine():
    assert rules("Procfile", "web: gunicorn --bind 0.0.0.0:$PORT app:app\n") == []


def test_procfile_line_without_colon_is_a_diagnostic():
    result = analyse("Procfile", "web gunicorn app:app\n")
    assert result.diagnostics and not result.findings


# ---- Dockerfile --------------------------------------------------------------------


def test_dockerfile_exec_form_fix_stays_exec_form():
    text = 'FROM python:3.12\nEXPOSE 8000\nCMD ["flask", "run", "--host=0.0.0.0", "--port=8000"]\n'
    assert rules("Dockerfile", text) == [("FL301", 3)]
    assert fixed("Dockerfile", text, "FL301").endswith('CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n')


def test_dockerfile_shell_form_uses_exposed_port():
    text = "FROM python:3.12\nEXPOSE 8080\nCMD flask --app web run --host=0.0.0.0\n"
    assert fixed("Dockerfile", text, "FL301").endswith("CMD gunicorn --bind 0.0.0.0:8080 web:app\n")


def test_dockerfile_only_the_final_stage_ships(tmp_path):
    text = ('FROM python:3.12 AS dev\nCMD ["flask", "run", "--debug"]\n'
            'FROM python:3.12 AS prod\nCMD ["gunicorn", "app:app"]\n')
    result = scan_project(tmp_path, {"Dockerfile": text})
    assert result.findings == []
    assert [(f.rule, f.span.start.line, f.context) for f in result.hidden] == [("FL202", 2, "development")]


def test_dockerfile_inherits_cmd_and_env_from_its_base_stage():
    text = "FROM python:3.12 AS base\nENV FLASK_DEBUG=true\nCMD flask run\nFROM base\nRUN true\n"
    assert rules("Dockerfile", text) == [("FL301", 3), ("FL302", 2)]


def test_dockerfile_env_legacy_form_and_pin():
    text = "FROM python:3.12\nENV WERKZEUG_DEBUG_PIN off\nENV A=1 FLASK_ENV=development\n"
    assert rules("Dockerfile", text) == [("FL105", 2), ("FL302", 3)]
    assert fixed("Dockerfile", text, "FL105") == "FROM python:3.12\nENV A=1 FLASK_ENV=development\n"


def test_dockerfile_entrypoint_plus_cmd():
    text = 'FROM python:3.12\nENTRYPOINT ["python", "-m", "flask"]\nCMD ["run", "--host=0.0.0.0"]\n'
    assert rules("Dockerfile", text) == [("FL301", 2)]


def test_dockerfile_init_entrypoint_checks_cmd():
    text = 'FROM python:3.12\nENTRYPOINT ["tini", "--"]\nCMD ["flask", "run"]\n'
    assert rules("Dockerfile", text) == [("FL301", 3)]


def test_dockerfile_sh_c_exec_form():
    text = 'FROM python:3.12\nCMD ["sh", "-c", "flask db upgrade && flask run -h 0.0.0.0"]\n'
    assert rules("Dockerfile", text) == [("FL301", 2)]


def test_dockerfile_unterminated_exec_form_is_a_diagnostic():
    result = analyse("Dockerfile", 'FROM python:3.12\nCMD ["flask", "run"\n')
    assert result.diagnostics and "JSON" in result.diagnostics[0].message


def test_dockerfile_dev_named_file_is_development(tmp_path):
    result = scan_project(tmp_path, {"Dockerfile.dev": "FROM python:3.12\nCMD flask run\n"}, include_dev=True)
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.context) == ("FL301", Severity.LOW, "development")


# ---- env files ---------------------------------------------------------------------


def test_env_file_findings_and_fixes():
    text = "FLASK_APP=app\nFLASK_DEBUG='yes'\nWERKZEUG_DEBUG_PIN=off\n"
    assert rules(".env", text) == [("FL105", 3), ("FL302", 2)]
    assert fixed(".env", text, "FL302") == "FLASK_APP=app\nFLASK_DEBUG='0'\nWERKZEUG_DEBUG_PIN=off\n"


def test_flaskenv_is_development(tmp_path):
    result = scan_project(tmp_path, {".flaskenv": "FLASK_DEBUG=1\n"})
    (finding,) = result.hidden
    assert finding.rule == "FL302" and finding.context == "development" and ".flaskenv" in finding.message


@pytest.mark.parametrize("value", ["0", "false", "no", "False", ""])
def test_env_debug_off_values(value):
    assert rules(".env", f"FLASK_DEBUG={value}\n") == []


def test_env_file_garbage_line_is_a_diagnostic():
    assert analyse("prod.env", "this is not an assignment\n").diagnostics


# ---- package.json ------------------------------------------------------------------


def test_package_json_scripts():
    text = '{\n  "scripts": {\n    "api": "flask run --debug",\n    "build": "vite build"\n  }\n}\n'
    assert rules("package.json", text) == [("FL202", 3)]
    assert fixed("package.json", text, "FL202").splitlines()[2] == '    "api": "flask run",'


def test_package_json_escaped_script_has_position_but_no_fix():
    text = '{"scripts": {"dev": "sh -c \\"flask run -h 0.0.0.0\\""}}'
    (finding,) = analyse("package.json", text).findings
    assert finding.rule == "FL201" and finding.fix is None


def test_package_json_malformed_is_a_diagnostic():
    result = analyse("package.json", '{"scripts": {"dev": "flask run"')
    assert result.diagnostics and "malformed JSON" in result.diagnostics[0].message


def test_package_json_other_keys_are_ignored():
    assert rules("package.json", '{"description": "flask run --host=0.0.0.0", "scripts": {}}') == []


# ---- tox.ini -----------------------------------------------------------------------


def test_tox_commands_and_setenv():
    text = "[testenv]\nsetenv =\n    FLASK_RUN_HOST = 0.0.0.0\ncommands =\n    pytest\n    flask run\n"
    assert rules("tox.ini", text) == [("FL201", 3)]


def test_tox_negative():
    assert rules("tox.ini", "[testenv]\nsetenv =\n    FLASK_DEBUG = 1\ncommands = pytest\n") == []


# ---- supervisord / systemd -----------------------------------------------------------


def test_supervisord_program():
    text = '[program:web]\ncommand=flask run --host=0.0.0.0\nenvironment=FLASK_DEBUG="1",A="b"\n'
    assert rules("supervisord.conf", text) == [("FL301", 2), ("FL302", 3)]


def test_supervisord_gunicorn_negative():
    assert rules("supervisord.conf", "[program:web]\ncommand=gunicorn -b 0.0.0.0:80 app:app\n") == []


def test_systemd_unit():
    text = ('[Service]\nEnvironment="WERKZEUG_DEBUG_PIN=off"\n'
            'ExecStart=-/srv/venv/bin/python -m flask \\\n  run --host 0.0.0.0\n')
    assert rules("web.service", text) == [("FL105", 2), ("FL301", 3)]


def test_systemd_negative():
    assert rules("web.service", "[Service]\nExecStart=/srv/venv/bin/gunicorn app:app\n") == []


@pytest.mark.parametrize(
    "path, head, kind",
    [
        ("gce/procfile", b"web: gunicorn main:app\n", kinds.PROCFILE),  # honcho -f ./procfile
        ("deploy/app.conf", b"; installed by the startup script\n[program:app]\ncommand=honcho start\n", kinds.SUPERVISORD),
        ("etc/supervisor/conf.d/web.conf", b"[program:web]\n", kinds.SUPERVISORD),
        ("nginx/site.conf", b"server {\n  listen 80;\n}\n", None),
        ("deploy/app.conf", b"# [program:x] mentioned in a comment\n", None),
    ],
)
def test_procfiles_and_supervisord_programs_by_any_name(path: str, head: bytes, kind) -> None:
    assert kinds.classify(path, head if kinds.needs_head(path) else None) == kind


def test_a_supervisord_program_running_honcho_reaches_the_procfile_above_it(tmp_path) -> None:
    """supervisor -> honcho -> a lowercase procfile in the checkout's root: the production chain is followed."""
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import scan

    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "shop.conf").write_text("[program:shop]\ndirectory=/srv/shop\ncommand=honcho start -f ./procfile\n")
    (tmp_path / "procfile").write_text("shop: flask --app shop run --host 0.0.0.0\n")
    (tmp_path / "shop.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    found = scan([str(tmp_path)], ScanOptions())
    assert [(f.rule, f.path.rpartition("/")[2], f.context) for f in found.findings] == [("FL301", "shop.conf", "production")]


def test_the_collector_is_paused_only_while_a_big_file_is_read():
    import gc

    from flasklint.sources.collector import BIG_INPUT, collector_paused_for

    assert gc.isenabled()
    with collector_paused_for(BIG_INPUT - 1):
        assert gc.isenabled()
    with collector_paused_for(BIG_INPUT):
        assert not gc.isenabled()
    assert gc.isenabled()
