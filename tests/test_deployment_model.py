"""The deployment model: every launcher family, edge kind and verdict, each with a near-miss twin.

Each test writes a small project and scans it as the CLI does; `summary` lists the shown findings
as (rule, path, line, severity, context).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from flasklint.deployment.graph import MAX_CHAIN
from projects import scan_project, summary, write

APP = "from flask import Flask\n\napp = Flask(__name__)\n"
MAIN_DEBUG = APP + "\nif __name__ == '__main__':\n    app.run(debug=True)\n"  # the call is on line 6
MAIN_EXPOSED = APP + "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', debug=True)\n"
IMPORT_DEBUG = APP + "app.debug = True\n"  # line 4


# --------------------------------------------------------------------------- verdicts


def test_one_file_app_is_unknown_and_reported_as_before(tmp_path):
    assert summary(scan_project(tmp_path, {"app.py": MAIN_DEBUG})) == [("FL102", "app.py", 6, "high", "unknown")]


def test_main_block_of_a_gunicorn_served_app_is_development_and_hidden(tmp_path):
    result = scan_project(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: gunicorn app:app\n"})
    assert result.findings == []
    (hidden,) = result.hidden
    assert hidden.context == "development" and "this block runs only with `python app.py`" in hidden.message


def test_include_dev_shows_development_findings_at_low(tmp_path):
    result = scan_project(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: gunicorn app:app\n"}, include_dev=True)
    assert summary(result) == [("FL102", "app.py", 6, "low", "development")]


def test_production_script_runs_its_main_block(tmp_path):
    result = scan_project(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: python app.py\n"})
    assert summary(result) == [("FL102", "app.py", 6, "high", "production"),
                               ("FL301", "Procfile", 1, "high", "production")]
    fl102 = next(f for f in result.findings if f.rule == "FL102")
    assert "run in production by `python app.py` (Procfile line 1)" in fl102.message


def test_exposed_debugger_in_development_is_shown_at_high(tmp_path):
    result = scan_project(tmp_path, {"app.py": MAIN_EXPOSED, "Procfile": "web: gunicorn app:app\n"})
    assert summary(result) == [("FL101", "app.py", 6, "high", "development")]


def test_import_time_debug_in_the_served_module_is_production(tmp_path):
    result = scan_project(tmp_path, {"app.py": IMPORT_DEBUG, "Procfile": "web: gunicorn app:app\n"})
    assert summary(result) == [("FL102", "app.py", 4, "high", "production")]


def test_import_time_debug_in_a_module_nothing_imports_is_development(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "manage.py": "from app import app\n" + "app.debug = True\n",
                                     "Procfile": "web: gunicorn app:app\n"})
    assert result.findings == [] and [f.context for f in result.hidden] == ["development"]


def test_imports_are_followed_from_the_wsgi_target(tmp_path):
    files = {"wsgi.py": "from shop import create_app\n\napp = create_app()\n",
             "shop/__init__.py": "from flask import Flask\nfrom .settings import configure\n\n\ndef create_app():\n"
                                 "    app = Flask(__name__)\n    configure(app)\n    return app\n",
             "shop/settings.py": "def configure(app):\n    app.config['DEBUG'] = True\n",
             "Procfile": "web: gunicorn wsgi:app\n"}
    result = scan_project(tmp_path, files)
    assert [(f.rule, f.path, f.context) for f in result.findings] == [("FL102", "shop/settings.py", "production")]


def test_test_files_are_test_context(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "tests/conftest.py": "from app import app\napp.debug = True\n"})
    assert result.findings == [] and [f.context for f in result.hidden] == ["test"]


def test_unresolved_production_target_keeps_modules_unknown(tmp_path):
    result = scan_project(tmp_path, {"app.py": IMPORT_DEBUG, "Procfile": "web: gunicorn elsewhere:app\n"})
    assert [f.context for f in result.findings] == ["unknown"]


# --------------------------------------------------------------------------- launcher families and edges


def test_dockerfile_dev_stage_is_development_unless_compose_builds_it(tmp_path):
    dockerfile = ('FROM python:3.12 AS base\nCOPY . /app\nWORKDIR /app\n\nFROM base AS dev\n'
                  'CMD ["flask", "run", "--host=0.0.0.0", "--debug"]\n\nFROM base AS prod\n'
                  'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n')
    result = scan_project(tmp_path / "a", {"Dockerfile": dockerfile, "app.py": APP,
                                           "docker-compose.yml": "services:\n  web:\n    build: .\n"})
    assert summary(result) == [("FL101", "Dockerfile", 6, "high", "development")]
    assert "stage `dev` of Dockerfile is not built by any production launcher" in result.findings[0].message
    compose = "services:\n  web:\n    build:\n      context: .\n      target: dev\n"
    result = scan_project(tmp_path / "b", {"Dockerfile": dockerfile, "app.py": APP, "docker-compose.yml": compose})
    assert summary(result) == [("FL101", "Dockerfile", 6, "critical", "production"),
                               ("FL301", "Dockerfile", 6, "high", "production")]
    fl301 = next(f for f in result.findings if f.rule == "FL301")
    assert any(r.path == "docker-compose.yml" and r.span.start.line == 5 for r in fl301.related)


def test_compose_command_script_with_service_environment_is_one_finding_per_rule(tmp_path):
    files = {"start.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n", "app.py": APP,
             "docker-compose.yml": "services:\n  web:\n    build: .\n    command: ./start.sh\n"
                                   "    environment:\n      FLASK_DEBUG: '1'\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "docker-compose.yml", 4, "critical", "production"),
                               ("FL301", "docker-compose.yml", 4, "high", "production")]
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    related = {(r.path, r.span.start.line) for r in fl101.related}
    assert {("start.sh", 2), ("docker-compose.yml", 6)} <= related


def test_same_script_without_a_production_launcher_is_its_own_launcher(tmp_path):
    """No production launcher in view and nothing runs it: the script is how the project is run (`unknown`, like
    a one-file app), not a helper beside launchers that serve something else."""
    result = scan_project(tmp_path, {"start.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n", "app.py": APP})
    assert summary(result) == [("FL201", "start.sh", 2, "medium", "unknown")]


@pytest.mark.parametrize("files", [
    {"start_local.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n"},  # development by its name
    {"scripts/dev-serve.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n"},
    {"start.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n", "Procfile": "web: gunicorn app:app\n"},
    {"tests/serve.sh": "#!/bin/sh\nexec flask --app app run -h 0.0.0.0\n"},
])
def test_a_script_named_for_development_or_beside_a_production_launcher_stays_development(files, tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, **files})
    assert result.findings == [] and [f.rule for f in result.hidden] == ["FL201"]


def test_wrapper_script_runs_what_follows_its_double_dash(tmp_path):
    files = {"app.py": APP, "Procfile": "web: ./wait-for-it.sh db:5432 -- flask run --host 0.0.0.0\n"}
    assert [f.rule for f in scan_project(tmp_path, files).findings] == ["FL301"]


def test_procfile_make_target_is_production_and_its_bind_is_absorbed(tmp_path):
    files = {"app.py": APP, "Procfile": "web: make serve\n",
             "Makefile": "serve:\n\tflask --app app run --host 0.0.0.0\n\ntest:\n\tpytest\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL301", "Procfile", 1, "high", "production")]
    assert [(r.path, r.span.start.line) for r in result.findings[0].related][-1] == ("Makefile", 2)
    assert result.hidden == []


def test_recursive_make_passes_its_variables_to_the_recipe(tmp_path):
    files = {"app.py": APP, "Procfile": "web: make run-prod\n",
             "Makefile": "run-prod:\n\t$(MAKE) serve FLASK_DEBUG=1\n\nserve:\n\tflask --app app run --host 0.0.0.0\n"}
    result = scan_project(tmp_path, files)
    assert [(f.rule, f.path, f.severity.label) for f in result.findings] == [
        ("FL101", "Procfile", "critical"), ("FL301", "Procfile", "high")]


def test_make_target_nothing_runs_is_development(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "Makefile": "dev:\n\tflask --app app --debug run\n"})
    assert result.findings == [] and [f.rule for f in result.hidden] == ["FL202"]


def test_python_dash_m_runs_the_package_main(tmp_path):
    files = {"api/__init__.py": APP, "api/__main__.py": "from api import app\n\nif __name__ == '__main__':\n"
                                                         "    app.run(debug=True)\n",
             "Procfile": "web: python -m api\n"}
    result = scan_project(tmp_path, files)
    assert ("FL102", "api/__main__.py", 4, "high", "production") in summary(result)


def test_flask_run_app_module_is_imported_and_flaskenv_loaded(tmp_path):
    files = {"shop.py": IMPORT_DEBUG, "Procfile": "web: flask --app shop run --port $PORT\n",
             ".flaskenv": "FLASK_DEBUG=1\n"}
    result = scan_project(tmp_path, files)
    rules = {(f.rule, f.path) for f in result.findings}
    # shop.py's `app.debug = True` is overwritten: `flask run` sets debug mode from FLASK_DEBUG (.flaskenv's, at
    # the Procfile's FL202) once it has loaded the app
    assert ("FL102", "shop.py") not in rules and ("FL301", "Procfile") in rules and ("FL202", "Procfile") in rules
    assert [(f.path, f.context) for f in result.hidden if f.rule == "FL102"] == [("shop.py", "development")]
    assert not any(f.path == ".flaskenv" for f in result.findings + result.hidden)


def test_flaskenv_next_to_gunicorn_is_hidden(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, ".flaskenv": "FLASK_DEBUG=1\n", "Procfile": "web: gunicorn app:app\n"})
    assert result.findings == [] and [f.rule for f in result.hidden] == ["FL302"]


def test_compose_override_is_development_and_names_loopback_ports(tmp_path):
    files = {"app.py": APP,
             "docker-compose.yml": "services:\n  web:\n    build: .\n    command: gunicorn -b 0.0.0.0:5000 app:app\n",
             "docker-compose.override.yml": "services:\n  web:\n    command: flask --debug run --host 0.0.0.0\n"
                                            "    ports:\n      - '127.0.0.1:5000:5000'\n"}
    assert summary(scan_project(tmp_path, files)) == [
        ("FL101", "docker-compose.override.yml", 3, "high", "development")]


def test_ci_workflow_is_development(tmp_path):
    workflow = ("on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - run: flask run --host 0.0.0.0 &\n")
    result = scan_project(tmp_path, {".github/workflows/e2e.yml": workflow, "app.py": APP})
    assert result.findings == [] and [f.context for f in result.hidden] == ["development"]


def test_app_engine_default_entrypoint_serves_main(tmp_path):
    result = scan_project(tmp_path, {"app.yaml": "runtime: python312\n", "main.py": MAIN_DEBUG})
    assert result.findings == [] and [f.context for f in result.hidden] == ["development"]
    result = scan_project(tmp_path / "b", {"app.yaml": "runtime: python312\n", "main.py": IMPORT_DEBUG})
    assert [f.context for f in result.findings] == ["production"]


def test_systemd_unit_is_a_production_launcher(tmp_path):
    unit = "[Service]\nExecStart=/srv/venv/bin/python /srv/app/app.py\nWorkingDirectory=/srv/app\n"
    result = scan_project(tmp_path, {"deploy/app.service": unit, "app.py": MAIN_DEBUG})
    assert ("FL301", "deploy/app.service") in {(f.rule, f.path) for f in result.findings}


# --------------------------------------------------------------------------- cycles and depth


def test_make_target_that_calls_itself_is_one_diagnostic_and_findings_stay(tmp_path):
    files = {"app.py": MAIN_EXPOSED, "Procfile": "web: make loop\n", "Makefile": "loop:\n\t$(MAKE) loop\n"}
    result = scan_project(tmp_path, files)
    cycles = [d for d in result.diagnostics if "launch cycle" in d.message]
    assert len(cycles) == 1
    assert ("FL101", "app.py") in {(f.rule, f.path) for f in result.findings}


def test_scripts_that_exec_each_other_in_a_ring_terminate(tmp_path):
    files = {"a.sh": "#!/bin/sh\nexec ./b.sh\n", "b.sh": "#!/bin/sh\nexec ./a.sh\n", "Procfile": "web: ./a.sh\n",
             "app.py": MAIN_EXPOSED}
    result = scan_project(tmp_path, files)
    assert len([d for d in result.diagnostics if "launch cycle" in d.message]) == 1
    assert ("FL101", "app.py") in {(f.rule, f.path) for f in result.findings}


def test_a_chain_deeper_than_the_limit_is_cut_with_a_diagnostic(tmp_path):
    depth = MAX_CHAIN + 50
    makefile = "".join(f"t{i}:\n\t$(MAKE) t{i + 1}\n\n" for i in range(depth)) + f"t{depth}:\n\tflask run\n"
    result = scan_project(tmp_path, {"Procfile": "web: make t0\n", "Makefile": makefile, "app.py": APP})
    assert any("longer than" in d.message for d in result.diagnostics)


# --------------------------------------------------------------------------- what users see


def test_json_and_sarif_carry_the_context_and_the_hidden_count(tmp_path, run_cli):
    write(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: gunicorn app:app\n", "run.py": IMPORT_DEBUG})
    os.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", "--no-cache", ".")
    document = json.loads(out)
    assert document["hidden"] == {"development": 2}
    code, out, _ = run_cli("check", "--format", "json", "--include-dev", "--no-cache", ".")
    assert {f["context"] for f in json.loads(out)["findings"]} == {"development"}
    code, out, _ = run_cli("check", "--format", "sarif", "--include-dev", "--no-cache", ".")
    results = json.loads(out)["runs"][0]["results"]
    assert {r["properties"]["context"] for r in results} == {"development"}
    code, out, _ = run_cli("check", "--format", "sarif", "--no-cache", ".")
    assert json.loads(out)["runs"][0]["properties"]["hiddenFindings"] == {"development": 2}


def test_text_summary_and_show_context(tmp_path, run_cli):
    write(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: python app.py\n", "dev.py": IMPORT_DEBUG})
    os.chdir(tmp_path)
    code, out, _ = run_cli("check", "--show-context", "--no-cache", ".")
    assert "    context: production\n      └─ Procfile:1 `python app.py`" in out
    assert "1 development-only or test finding not shown (1 development); --include-dev shows them." in out


def test_include_dev_from_configuration(tmp_path, run_cli):
    write(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: gunicorn app:app\n",
                     "pyproject.toml": "[tool.flasklint]\ninclude-dev = true\n"})
    os.chdir(tmp_path)
    code, out, _ = run_cli("check", "--no-cache", ".")
    assert "FL102 [low]" in out and code == 1
    code, out, _ = run_cli("check", "--no-cache", "--config", str(tmp_path / "pyproject.toml"), ".")
    assert "FL102 [low]" in out


def test_named_files_get_their_project_launchers_for_context(tmp_path, run_cli):
    """pre-commit names files one by one: the Procfile still decides app.py's verdict."""
    write(tmp_path, {"app.py": MAIN_DEBUG, "Procfile": "web: gunicorn app:app\n", "pyproject.toml": ""})
    os.chdir(tmp_path)
    code, out, _ = run_cli("check", "--no-cache", "app.py")
    assert code == 0 and "No findings in 1 file" in out
    (tmp_path / "Procfile").write_text("web: python app.py\n")
    code, out, _ = run_cli("check", "--no-cache", "app.py")
    assert code == 1 and "app.py:6" in out
    # the Procfile's FL301 starts the server at app.py line 6: a place in the named file (issue 20)
    assert "Procfile:1:6: FL301" in out and "in 1 file analysed" in out


def test_nothing_is_executed_while_building_the_model(tmp_path):
    marker = tmp_path / "ran"
    files = {"app.py": f"open({str(marker)!r}, 'w')\n" + MAIN_DEBUG, "Procfile": "web: python app.py\n",
             "start.sh": f"#!/bin/sh\ntouch {marker}\n"}
    write(tmp_path, files)
    subprocess.run([sys.executable, "-m", "flasklint", "check", "--no-cache", str(tmp_path)], capture_output=True)
    assert not marker.exists()


@pytest.fixture(autouse=True)
def _keep_cwd():
    cwd = os.getcwd()
    yield
    os.chdir(cwd)


def test_npm_start_in_a_dockerfile_runs_the_package_json_script(tmp_path):
    files = {"Dockerfile": 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n', "app.py": APP,
             "package.json": '{"scripts": {"start": "flask run --host=0.0.0.0", "lint": "eslint ."}}\n'}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL301", "Dockerfile", 4, "high", "production")]
    twin = dict(files, Dockerfile='FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "lint"]\n')
    result = scan_project(tmp_path / "twin", twin)
    assert result.findings == [] and [f.rule for f in result.hidden] == ["FL201"]


def test_console_script_named_by_a_launcher_runs_its_function(tmp_path):
    files = {"pyproject.toml": '[project]\nname = "pantry"\nversion = "1"\n\n[project.scripts]\n'
                               'pantry-serve = "pantry.cli:main"\n',
             "pantry/__init__.py": APP, "pantry/cli.py": "from pantry import app\n\n\ndef main():\n"
                                                         "    app.run(host='0.0.0.0', debug=True)\n",
             "Procfile": "web: pantry-serve\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "pantry/cli.py", 5, "critical", "production"),
                               ("FL301", "Procfile", 1, "high", "production")]
    twin = dict(files, Procfile="web: gunicorn pantry:app\n")
    result = scan_project(tmp_path / "twin", twin)
    assert summary(result) == [("FL101", "pantry/cli.py", 5, "high", "development")]


def test_honcho_start_runs_the_procfile_it_names(tmp_path):
    files = {"app.py": APP, "Procfile": "web: honcho start -f Procfile.web\n",
             "Procfile.web": "web: python -m flask --app app run --host 0.0.0.0 --debug\n", "pyproject.toml": ""}
    result = scan_project(tmp_path, files)
    assert ("FL101", "Procfile.web", 1, "critical", "production") in summary(result)


def test_an_env_line_the_debugger_finding_names_in_its_own_file_is_part_of_it(tmp_path):
    """`ENV FLASK_ENV development` above `CMD flask run` in the stage compose builds, Flask 2.0 pinned: the
    FL101 at the CMD names the ENV line; no second finding for the same start (VERDICTS 10)."""
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import scan

    (tmp_path / "Dockerfile").write_text(
        "FROM python:3.10 AS base\nCOPY . .\nENV FLASK_ENV development\nENV FLASK_RUN_HOST 0.0.0.0\n"
        'CMD ["flask", "run"]\n\nFROM base AS tools\nRUN pip install ipython\nCMD ["flask", "run"]\n'
    )
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build:\n      context: .\n      target: base\n")
    (tmp_path / "requirements.txt").write_text("Flask==2.0.1\n")
    (tmp_path / "hello.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    found = scan([str(tmp_path)], ScanOptions())
    shown = [(f.rule, f.span.start.line) for f in found.findings]
    assert ("FL101", 5) in shown and not [f for f in found.findings if f.rule == "FL302"]
    debugger = next(f for f in found.findings if f.rule == "FL101")
    assert 3 in [r.span.start.line for r in debugger.related]


def test_a_script_runs_the_imported_function_it_calls_and_what_that_calls(tmp_path):
    """`python -m board` -> board/__main__.py `main()` of `.cli` -> the click command `run()` it calls -> app.run."""
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import scan

    (tmp_path / "board").mkdir()
    (tmp_path / "board" / "__init__.py").write_text("")
    (tmp_path / "board" / "__main__.py").write_text('from .cli import main\n\nif __name__ == "__main__":\n    main()\n')
    (tmp_path / "board" / "cli.py").write_text(
        "import click\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@click.command()\n"
        '@click.option("--bind", default="0.0.0.0")\ndef run(bind):\n    app.run(host=bind)\n\n\n'
        "def main():\n    run()\n\n\n@click.command()\ndef debug():\n    app.run(debug=True)\n")
    (tmp_path / "Procfile").write_text("web: python -m board\n")
    found = scan([str(tmp_path)], ScanOptions(include_dev=True))
    shown = sorted((f.rule, f.path.rpartition("/")[2], f.span.start.line, f.context) for f in found.findings)
    assert ("FL301", "Procfile", 1, "production") in shown
    # the other command nobody's code calls is still a command someone types
    assert [s for s in shown if s[1] == "cli.py"] == [("FL102", "cli.py", 19, "development")]


def test_an_imported_call_is_followed_only_into_a_function_the_module_defines(tmp_path):
    from flasklint.scan.options import ScanOptions
    from flasklint.scan.engine import scan

    (tmp_path / "serve.py").write_text('import shop\n\nif __name__ == "__main__":\n    shop.migrate()\n')
    (tmp_path / "shop.py").write_text(
        "from flask import Flask\napp = Flask(__name__)\n\n\ndef migrate():\n    pass\n\n\n"
        'def dev():\n    app.run(host="0.0.0.0", debug=True)\n')
    (tmp_path / "Procfile").write_text("web: python serve.py\n")
    found = scan([str(tmp_path)], ScanOptions())
    assert not [f for f in found.findings if f.rule == "FL301" and f.path.endswith("Procfile")]


def test_a_bug_in_the_deployment_model_keeps_the_findings_and_says_so(tmp_path, monkeypatch, run_cli):
    from flasklint import deployment

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(deployment, "judge", broken)
    (tmp_path / "app.py").write_text(
        'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)\n')
    code, out, err = run_cli("check", "--isolated", "--no-cache", str(tmp_path))
    assert code == 2  # an internal error, as for an analyzer's
    assert "FL101" in out
    assert "internal error in the deployment model (KeyError: 'a bug')" in err


# --------------------------------------------------------------------------- FLASK_ENV by the pinned Flask


FLASK_ENV_STAGES = ("FROM python:3.9 AS base\nENV FLASK_ENV=development\nCOPY . /app\nWORKDIR /app\n\n"
                    'FROM base\nCMD ["flask", "run", "--host=0.0.0.0"]\n')


def test_flask_env_inherited_from_a_base_stage_is_debug_mode_below_flask_2_3(tmp_path):
    """The shipped stage inherits `ENV FLASK_ENV=development`; Flask 2.0 reads it as FLASK_DEBUG=1 would be read:
    FL101 at the CMD (naming the ENV line), not a reworded FL302."""
    files = {"app.py": APP, "requirements.txt": "flask==2.0.1\n", "Dockerfile": FLASK_ENV_STAGES}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "Dockerfile", 7, "critical", "production"),
                               ("FL301", "Dockerfile", 7, "high", "production")]
    debugger = next(f for f in result.findings if f.rule == "FL101")
    assert 2 in [r.span.start.line for r in debugger.related]
    assert "below 2.3, so FLASK_ENV=development turns debug mode on" in debugger.message


def test_flask_env_inherited_from_a_base_stage_is_dead_from_flask_2_3(tmp_path):
    files = {"app.py": APP, "requirements.txt": "flask==3.0.0\n", "Dockerfile": FLASK_ENV_STAGES}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 7, "high", "production")]


def test_flask_env_with_an_unpinned_flask_stays_a_may_fl302(tmp_path):
    files = {"app.py": APP, "requirements.txt": "flask\n", "Dockerfile": FLASK_ENV_STAGES}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL301", "Dockerfile", 7, "high", "production"),
                               ("FL302", "Dockerfile", 2, "high", "production")]
    assert "may turn debug mode on" in next(f for f in result.findings if f.rule == "FL302").message


def test_flask_env_from_a_flaskenv_under_flask_3_hides_no_production_dev_server(tmp_path):
    """Under Flask 3 the dotenv's FLASK_ENV is dead: the production `flask run` keeps its FL301 (high), and no FL101
    for a debugger that is off is shown by default."""
    files = {"app.py": APP, "requirements.txt": "flask==3.0.0\npython-dotenv\n", ".flaskenv": "FLASK_ENV=development\n",
             "Procfile": "web: flask run --host=0.0.0.0\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL301", "Procfile", 1, "high", "production")]
    assert "dead setting" in result.findings[0].message


def test_flask_env_from_a_flaskenv_below_flask_2_3_is_the_production_debugger(tmp_path):
    files = {"app.py": APP, "requirements.txt": "flask==2.2.5\npython-dotenv\n", ".flaskenv": "FLASK_ENV=development\n",
             "Procfile": "web: flask run --host=0.0.0.0\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "Procfile", 1, "critical", "production"),
                                                      ("FL301", "Procfile", 1, "high", "production")]


# --------------------------------------------------------------------------- entrypoint `case "$1"` branches


ENTRYPOINT_SCRIPT = ('#!/bin/sh\ncase "$1" in\n  dev_server)\n    exec flask run --host=0.0.0.0 --debug\n    ;;\n'
                     '  prod_server)\n    exec gunicorn -b 0.0.0.0:8000 app:app\n    ;;\n  *)\n    exec "$@"\n    ;;\nesac\n')


def _entrypoint_image(cmd: str) -> str:
    return f'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["{cmd}"]\n'


def test_the_image_cmd_selects_the_entrypoint_branch_that_production_runs(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Dockerfile": _entrypoint_image("dev_server")}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "Dockerfile", 4, "critical", "production"),
                                                      ("FL301", "Dockerfile", 4, "high", "production")]


def test_a_branch_the_image_cmd_does_not_select_is_development(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Dockerfile": _entrypoint_image("prod_server")}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "entrypoint.sh", 4, "high", "development")]


def test_a_compose_command_is_the_argument_of_the_image_entrypoint(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Dockerfile": _entrypoint_image("prod_server"),
             "compose.yaml": "services:\n  web:\n    build: .\n    command: dev_server\n"}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "entrypoint.sh", 4, "critical", "production"),
                               ("FL301", "entrypoint.sh", 4, "high", "production")]
    assert ("compose.yaml", 4) in [(r.path, r.span.start.line) for r in result.findings[1].related]


def test_a_compose_command_selecting_the_production_branch_adds_nothing(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Dockerfile": _entrypoint_image("prod_server"),
             "compose.yaml": "services:\n  web:\n    build: .\n    command: [\"prod_server\"]\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "entrypoint.sh", 4, "high", "development")]


def test_a_script_run_with_an_unknown_argument_may_take_any_branch(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Procfile": 'web: ./entrypoint.sh "$@"\n'}
    assert ("FL301", "Procfile", 1, "high", "production") in summary(scan_project(tmp_path, files))


def test_a_procfile_argument_selects_the_branch(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "Procfile": "web: ./entrypoint.sh prod_server\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "entrypoint.sh", 4, "high", "development")]


# --------------------------------------------------------------------------- entrypoint `if "$VAR"` branches


IF_SCRIPT = ('#!/bin/sh\nMODE="${MODE:-production}"\nif [ "$MODE" = production ]; then\n    exec gunicorn -b 0.0.0.0:8000 app:app\n'
             'elif [ "$MODE" = local ]; then\n    exec flask run --host=0.0.0.0 --debug\nfi\n')


def _if_image(env: str = "") -> str:
    return f'FROM python:3.12\nCOPY . /app\nWORKDIR /app\n{env}ENTRYPOINT ["/app/entrypoint.sh"]\n'


def test_the_scripts_default_picks_its_production_branch_when_the_image_sets_nothing(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": IF_SCRIPT, "Dockerfile": _if_image()}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "entrypoint.sh", 6, "high", "development")]


def test_the_image_env_selects_the_if_branch_that_production_runs(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": IF_SCRIPT, "Dockerfile": _if_image("ENV MODE=local\n")}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "Dockerfile", 5, "critical", "production"),
                                                      ("FL301", "Dockerfile", 5, "high", "production")]


def test_a_compose_services_environment_selects_the_if_branch_of_its_entrypoint(tmp_path):
    compose = "services:\n  web:\n    build: .\n    command: serve\n    environment:\n      MODE: local\n"
    files = {"app.py": APP, "entrypoint.sh": IF_SCRIPT, "Dockerfile": _if_image() + 'CMD ["serve"]\n',
             "compose.yaml": compose}
    assert ("FL301", "entrypoint.sh", 6, "high", "production") in summary(scan_project(tmp_path, files))
    files["compose.yaml"] = compose.replace("local", "production")
    assert summary(scan_project(tmp_path, files)) == [("FL101", "entrypoint.sh", 6, "high", "development")]


def test_a_variable_the_model_cannot_read_keeps_every_branch(tmp_path):
    files = {"app.py": APP, "entrypoint.sh": IF_SCRIPT, "Procfile": "web: MODE=$DEPLOY_MODE ./entrypoint.sh\n"}
    assert ("FL301", "Procfile", 1, "high", "production") in summary(scan_project(tmp_path, files))


# --------------------------------------------------------------------------- host and debug from the deployment


ENV_APP = (APP + "import os\n\nif __name__ == '__main__':\n"
           "    app.run(host=os.getenv('APP_HOST', '127.0.0.1'), debug=os.getenv('APP_DEBUG', 'false') == 'true')\n")
# the call is on line 7


def _compose(env: str, name: str = "compose.yaml") -> dict[str, str]:
    return {name: f"services:\n  web:\n    image: python:3.12\n    command: python app.py\n    environment:\n{env}"}


def test_variables_the_launcher_sets_expose_the_debugger_of_a_python_start(tmp_path):
    files = {"app.py": ENV_APP, **_compose("      APP_HOST: 0.0.0.0\n      APP_DEBUG: 'true'\n")}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "app.py", 7, "critical", "production"),
                               ("FL301", "compose.yaml", 4, "high", "production")]
    fl101 = result.findings[0]
    assert "`APP_HOST=0.0.0.0`" in fl101.message and "`APP_DEBUG=true`" in fl101.message
    assert {("compose.yaml", 6), ("compose.yaml", 7)} <= {(r.path, r.span.start.line) for r in fl101.related}


def test_variables_that_keep_the_debugger_off_add_nothing(tmp_path):
    files = {"app.py": ENV_APP, **_compose("      APP_HOST: 0.0.0.0\n      APP_DEBUG: 'false'\n")}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "compose.yaml", 4, "high", "production")]


def test_a_value_the_expression_was_not_tried_with_is_not_guessed(tmp_path):
    files = {"app.py": ENV_APP, **_compose("      APP_HOST: 0.0.0.0\n      APP_DEBUG: maybe-later\n")}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "compose.yaml", 4, "high", "production")]


def test_a_development_compose_that_sets_them_is_an_exposed_development_debugger(tmp_path):
    files = {"app.py": ENV_APP, "Procfile": "web: gunicorn app:app\n",
             **_compose("      APP_HOST: 0.0.0.0\n      APP_DEBUG: 'true'\n", "docker-compose.override.yml")}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "app.py", 7, "high", "development")]


def test_a_settings_module_read_through_an_import_takes_the_image_environment(tmp_path):
    settings = "import os\nDEBUG = os.getenv('MODE', 'production') == 'dev'\nHOST = os.getenv('BIND')\n"
    app = APP + "import settings\napp.debug = settings.DEBUG\n\nif __name__ == '__main__':\n    app.run(host=settings.HOST)\n"
    image = 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENV MODE=dev BIND=0.0.0.0\nCMD ["python", "app.py"]\n'
    files = {"settings.py": settings, "app.py": app, "Dockerfile": image}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "app.py", 8, "critical", "production"),
                                                      ("FL301", "Dockerfile", 5, "high", "production")]
    files["Dockerfile"] = image.replace("MODE=dev", "MODE=production")
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 5, "high", "production")]


EXPOSED_RUN = APP + "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n"  # the call is on line 6
FLASK_ENV_IMAGE = 'FROM python:3.8\nCOPY . /app\nWORKDIR /app\nENV FLASK_ENV development\nCMD ["python", "app.py"]\n'


def test_app_run_reads_flask_env_from_the_image_below_flask_2_3(tmp_path):
    """Flask 1.x/2.0-2.2 `Flask.run` sets debug from FLASK_ENV=development when no debug argument is given."""
    files = {"app.py": EXPOSED_RUN, "requirements.txt": "flask>=1.1.1,<1.2\n", "Dockerfile": FLASK_ENV_IMAGE}
    result = scan_project(tmp_path, files)
    assert summary(result) == [("FL101", "app.py", 6, "critical", "production"),
                               ("FL301", "Dockerfile", 5, "high", "production")]
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert ("Dockerfile", 4) in [(r.path, r.span.start.line) for r in fl101.related]


def test_app_run_ignores_flask_env_from_flask_2_3(tmp_path):
    files = {"app.py": EXPOSED_RUN, "requirements.txt": "flask==3.0.0\n", "Dockerfile": FLASK_ENV_IMAGE}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 5, "high", "production")]


def test_app_run_reads_flask_debug_unless_a_debug_argument_is_given(tmp_path):
    image = FLASK_ENV_IMAGE.replace("ENV FLASK_ENV development", "ENV FLASK_DEBUG=1")
    files = {"app.py": EXPOSED_RUN, "Dockerfile": image}
    assert [s[:2] for s in summary(scan_project(tmp_path, files))] == [("FL101", "app.py"), ("FL301", "Dockerfile")]
    files["app.py"] = EXPOSED_RUN.replace("host='0.0.0.0'", "host='0.0.0.0', debug=False")
    assert [s[:2] for s in summary(scan_project(tmp_path, files))] == [("FL301", "Dockerfile"), ("FL302", "Dockerfile")]


def test_python_m_is_found_on_the_image_pythonpath_through_copy(tmp_path):
    """`COPY ./src/board /code/board`, `ENV PYTHONPATH=/code`, `WORKDIR /`, `python -m board.web`: src/board/web.py,
    whose `__main__` calls the function that starts the server."""
    web = APP + "\n\ndef serve():\n    app.run(debug=True)\n\n\nif __name__ == '__main__':\n    serve()\n"
    image = ('FROM python:3.12\nENV PYTHONPATH=/code\nCOPY ./src/board /code/board\nWORKDIR /\n'
             'CMD ["python", "-m", "board.web"]\n')
    files = {"src/board/__init__.py": "", "src/board/web.py": web, "Dockerfile": image}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 5, "high", "production"),
                                                      ("FL102", "src/board/web.py", 7, "high", "production")][::-1]
    files["Dockerfile"] = image.replace("ENV PYTHONPATH=/code\n", "ENV PYTHONPATH=/elsewhere\n")
    assert summary(scan_project(tmp_path, files)) == []  # not the module the image runs: a script run by hand


CONFIGS = ("class Config:\n    DEBUG = False\n\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n\n\n"
           "class ProductionConfig(Config):\n    DEBUG = False\n\n\n"
           "config = {'development': DevelopmentConfig, 'production': ProductionConfig}\n")  # DEBUG = True on line 6
FACTORY = ("import os\nfrom flask import Flask\nfrom settings import config\n\n\ndef create_app():\n"
           "    app = Flask(__name__)\n    app.config.from_object(config[os.getenv('APP_ENV', 'development')])\n"
           "    return app\n\n\napp = create_app()\n")


def test_a_development_default_config_is_production_s_when_a_launcher_leaves_the_variable_unset(tmp_path):
    files = {"settings.py": CONFIGS, "web.py": FACTORY, "Procfile": "web: gunicorn web:app\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL102", "settings.py", 6, "high", "production")]


def test_no_default_config_finding_when_every_production_launcher_picks_a_config_with_debug_off(tmp_path):
    image = 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENV APP_ENV=production\nCMD ["gunicorn", "web:app"]\n'
    app_json = '{"name": "web", "env": {"APP_ENV": {"value": "production"}}}\n'
    files = {"settings.py": CONFIGS, "web.py": FACTORY, "Dockerfile": image}
    assert summary(scan_project(tmp_path, files)) == []
    files.update({"Procfile": "web: gunicorn web:app\n", "app.json": app_json})  # Heroku config vars
    assert summary(scan_project(tmp_path, files)) == []
    files["app.json"] = app_json.replace('"production"', '"development"')
    assert summary(scan_project(tmp_path, files)) == [("FL102", "settings.py", 6, "high", "production")]


def test_a_production_launcher_running_a_task_runner_script_runs_that_script(tmp_path):
    """`web: pipenv run serve` runs the Pipfile's `[scripts] serve`; `pdm run serve` the pyproject's pdm script."""
    pipfile = '[scripts]\nserve = "flask run --host 0.0.0.0 --debug"\n'
    files = {"app.py": APP, "Pipfile": pipfile, "Procfile": "web: pipenv run serve\n"}
    assert summary(scan_project(tmp_path, files)) == [("FL101", "Procfile", 1, "critical", "production"),
                                                      ("FL301", "Procfile", 1, "high", "production")]
    pyproject = '[tool.pdm.scripts]\nserve = {cmd = "flask run --host 0.0.0.0 --debug"}\n'
    files = {"app.py": APP, "pyproject.toml": pyproject, "Procfile": "web: pdm run serve\n"}
    assert [s[:3] for s in summary(scan_project(tmp_path / "pdm", files))] == [("FL101", "Procfile", 1),
                                                                              ("FL301", "Procfile", 1)]


def test_a_runner_script_of_another_name_or_another_runner_is_not_followed(tmp_path):
    pipfile = '[scripts]\nserve = "flask run --host 0.0.0.0 --debug"\n'
    for index, procfile in enumerate(("web: pipenv run start\n", "web: poetry run serve\n")):
        files = {"app.py": APP, "Pipfile": pipfile, "Procfile": procfile}
        assert summary(scan_project(tmp_path / str(index), files)) == [("FL101", "Pipfile", 2, "high", "development")]


def test_kubernetes_args_select_the_entrypoint_branch(tmp_path):
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
                "      containers:\n        - name: web\n          image: example/web\n"
                '          command: ["./entrypoint.sh"]\n          args: ["{arg}"]\n')
    files = {"app.py": APP, "entrypoint.sh": ENTRYPOINT_SCRIPT, "deploy.yaml": manifest.replace("{arg}", "dev_server")}
    assert summary(scan_project(tmp_path / "dev", files)) == [("FL101", "deploy.yaml", 11, "critical", "production"),
                                                              ("FL301", "deploy.yaml", 11, "high", "production")]
    files["deploy.yaml"] = manifest.replace("{arg}", "prod_server")
    assert summary(scan_project(tmp_path / "prod", files)) == [("FL101", "entrypoint.sh", 4, "high", "development")]
