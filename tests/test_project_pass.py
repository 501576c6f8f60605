"""The project pass links production entrypoints to the Python (or shell) file they start."""

from __future__ import annotations

import json
import random
from pathlib import Path

from flasklint.deployment import project
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan

APP_MAIN = "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n"
APP_PLAIN = "from flask import Flask\napp = Flask(__name__)\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def found(root: Path) -> set[tuple[str, int, str]]:
    """Every finding, development-only ones included (the links are what these tests are about)."""
    prefix = str(root) + "/"
    return {(f.path[len(prefix):], f.span.start.line, f.rule)
            for f in scan([str(root)], ScanOptions(include_dev=True)).findings}


def test_procfile_python_script_that_runs_the_dev_server(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_MAIN})
    result = scan([str(tmp_path)], ScanOptions())
    (finding,) = result.findings
    assert finding.rule == "FL301" and finding.path.endswith("Procfile")
    (related,) = finding.related
    assert related.path.endswith("app.py") and related.span.start.line == 4
    data = finding.to_json()["related"][0]
    assert set(data) == {"path", "start", "end", "message"} and data["start"]["line"] == 4
    assert finding.fix.edits[0].replacement == "gunicorn --bind 0.0.0.0:$PORT app:app"


def test_script_without_a_dev_server_is_not_linked(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_PLAIN})
    assert found(tmp_path) == set()


def test_python_dash_m_package_main(tmp_path):
    write(tmp_path, {"Procfile": "web: python -m api\n", "api/__init__.py": APP_PLAIN,
                     "api/__main__.py": APP_MAIN})
    assert found(tmp_path) == {("Procfile", 1, "FL301")}


def test_dockerfile_workdir_and_copy_resolve_the_script(tmp_path):
    write(tmp_path, {"Dockerfile": 'FROM python\nWORKDIR /srv\nCOPY web/ /srv/\nCMD ["python", "main.py"]\n',
                     "web/main.py": APP_MAIN, "main.py": APP_PLAIN})
    assert found(tmp_path) == {("Dockerfile", 4, "FL301")}


def test_development_configs_are_not_linked(tmp_path):
    write(tmp_path, {"run.sh": "python app.py\n", "app.py": APP_MAIN})
    assert found(tmp_path) == set()


def test_flask_run_fix_names_the_factory(tmp_path):
    write(tmp_path, {"Procfile": "web: flask --app shop run\n",
                     "shop/__init__.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n"})
    (finding,) = scan([str(tmp_path)], ScanOptions()).findings
    assert finding.fix.edits[0].replacement == "gunicorn --bind 0.0.0.0:$PORT 'shop:create_app()'"


def test_link_does_not_depend_on_file_order(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_MAIN, "start.sh": "flask run\n",
                     "Dockerfile": 'FROM python\nCMD ["./start.sh"]\n'})
    results = scan([str(tmp_path)], ScanOptions()).results
    baseline = [f.to_json() for f in project.link(results)]
    items = list(results.items())
    for seed in range(3):
        random.Random(seed).shuffle(items)
        assert [f.to_json() for f in project.link(dict(items))] == baseline
    assert len(baseline) == 2
    json.dumps(baseline)


# --------------------------------------------------------------------------- env files, requirements, definitions


def findings(root: Path) -> list:
    return sorted(scan([str(root)], ScanOptions(include_dev=True)).findings, key=lambda f: f.sort_key)


def by_rule(root: Path, rule: str):
    (finding,) = [f for f in findings(root) if f.rule == rule]
    return finding


def test_compose_env_file_turns_a_development_flask_run_into_fl101_on_the_command(tmp_path):
    write(tmp_path, {"docker-compose.override.yml": "services:\n  web:\n    command: flask run\n    env_file: .env\n",
                     ".env": "FLASK_RUN_HOST=0.0.0.0\nFLASK_DEBUG=1\n"})
    # one finding for the start: the env file's FL302 and its own "flask run here" FL101 are part of it
    assert found(tmp_path) == {("docker-compose.override.yml", 3, "FL101")}
    finding = by_rule(tmp_path, "FL101")
    assert finding.span.start.column == 14 and finding.fix is None
    assert [(Path(r.path).name, r.span.start.line, r.span.start.column) for r in finding.related] == [
        (".env", 1, 1), (".env", 2, 1)]
    assert "`FLASK_DEBUG=1` from " in finding.message and ".env line 2, the env_file of service 'web'" in finding.message


def test_compose_environment_wins_over_env_file(tmp_path):
    write(tmp_path, {"docker-compose.override.yml": "services:\n  web:\n    command: flask run\n    env_file: .env\n"
                                                     "    environment:\n      FLASK_DEBUG: '0'\n",
                     ".env": "FLASK_RUN_HOST=0.0.0.0\nFLASK_DEBUG=1\n"})
    assert ("docker-compose.override.yml", 3, "FL201") in found(tmp_path)
    assert not any(f.rule in ("FL101", "FL202") for f in findings(tmp_path))


def test_env_file_of_another_service_does_not_apply(tmp_path):
    write(tmp_path, {"docker-compose.override.yml": "services:\n  web:\n    command: flask run\n"
                                                     "  worker:\n    command: celery worker\n    env_file: .env\n",
                     ".env": "FLASK_RUN_HOST=0.0.0.0\n"})
    assert found(tmp_path) == set()


def test_production_compose_names_the_env_file_debugger_and_app_on_fl301(tmp_path):
    write(tmp_path, {"docker-compose.yml": "services:\n  web:\n    command: flask run\n    env_file: [.env]\n",
                     ".env": "FLASK_APP=notes\nFLASK_DEBUG=1\n",
                     "notes.py": "from flask import Flask\n\n\napp = Flask(__name__)\n"})
    # the debugger from the env file is one FL202 on the command (loopback in the container); its FL302
    # is part of it
    assert found(tmp_path) == {("docker-compose.yml", 3, "FL301"), ("docker-compose.yml", 3, "FL202")}
    finding = by_rule(tmp_path, "FL301")
    assert finding.fix.edits[0].replacement == "gunicorn --bind 0.0.0.0:5000 notes:app"
    assert "the Werkzeug debugger on (`FLASK_DEBUG=1` from" in finding.message
    related = {(Path(r.path).name, r.span.start.line, r.span.start.column) for r in finding.related}
    assert related == {("notes.py", 4, 1), (".env", 1, 1), (".env", 2, 1)}


def test_flaskenv_next_to_a_makefile_feeds_flask_run(tmp_path):
    write(tmp_path, {"Makefile": "serve:\n\tflask run --host 0.0.0.0\n", ".flaskenv": "FLASK_DEBUG=1\n"})
    # the per-file FL201 on `--host 0.0.0.0` is folded into the FL101 that names it
    assert found(tmp_path) == {("Makefile", 2, "FL101")}
    finding = by_rule(tmp_path, "FL101")
    assert [(Path(r.path).name, r.span.start.line, r.span.start.column, r.span.end.column)
            for r in finding.related] == [("Makefile", 2, 12, 26), (".flaskenv", 1, 1, 14)]
    assert "which `flask run` loads when python-dotenv is installed" in finding.message
    assert finding.context == "development" and finding.severity.label == "high"


def test_dotenv_is_found_in_a_parent_folder_and_env_wins_over_flaskenv(tmp_path):
    write(tmp_path, {"scripts/serve.sh": "flask run\n", ".flaskenv": "FLASK_RUN_HOST=0.0.0.0\n",
                     ".env": "FLASK_RUN_HOST=127.0.0.1\n"})
    assert found(tmp_path) == set()
    (tmp_path / ".env").write_text("SECRET_KEY=x\n")
    assert found(tmp_path) == {("scripts/serve.sh", 1, "FL201")}


def test_skip_dotenv_and_the_process_environment_win(tmp_path):
    write(tmp_path, {"run.sh": "export FLASK_SKIP_DOTENV=1\nflask run\nFLASK_SKIP_DOTENV=0 FLASK_RUN_HOST=::1 flask run\n",
                     ".flaskenv": "FLASK_RUN_HOST=0.0.0.0\n"})
    assert found(tmp_path) == set()


def test_flask_env_file_option_loads_that_file(tmp_path):
    write(tmp_path, {"run.sh": "flask -e deploy.env run\n", "deploy.env": "FLASK_DEBUG=true\n"})
    finding = by_rule(tmp_path, "FL202")
    assert "which `-e deploy.env` loads" in finding.message and finding.span.start.line == 1


def test_dotenv_is_not_applied_to_containers(tmp_path):
    write(tmp_path, {"docker-compose.override.yml": "services:\n  web:\n    command: flask run\n",
                     ".flaskenv": "FLASK_RUN_HOST=0.0.0.0\n"})
    assert found(tmp_path) == set()


def test_fl301_names_the_requirements_file(tmp_path):
    write(tmp_path, {"Procfile": "web: flask run\n", "requirements.txt": "Flask==3.0.3\n"})
    finding = by_rule(tmp_path, "FL301")
    assert finding.message.endswith("and add gunicorn to requirements.txt")
    assert finding.fix.description.endswith("(add gunicorn to requirements.txt)")


def test_fl301_says_nothing_to_add_when_gunicorn_is_listed_through_an_include(tmp_path):
    write(tmp_path, {"Procfile": "web: python app.py\n", "app.py": APP_MAIN,
                     "requirements/prod.txt": "-r base.txt\n", "requirements/base.txt": "Gunicorn[gevent]>=21  # server\n"})
    finding = by_rule(tmp_path, "FL301")
    assert "add gunicorn" not in finding.message and "already listed in requirements/prod.txt" in finding.message
    assert "add gunicorn" not in finding.fix.description


def test_fl301_names_pyproject_dependencies_and_ignores_a_tool_only_pyproject(tmp_path):
    write(tmp_path, {"Procfile": "web: flask run\n",
                     "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["flask>=3"]\n'})
    assert "add gunicorn to pyproject.toml" in by_rule(tmp_path, "FL301").message
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    assert "add gunicorn to your requirements" in by_rule(tmp_path, "FL301").message
    (tmp_path / "pyproject.toml").write_text('[tool.poetry.dependencies]\npython = "^3.11"\ngunicorn = "^22"\n')
    assert "already listed in pyproject.toml" in by_rule(tmp_path, "FL301").message


def test_broken_pyproject_is_a_diagnostic_not_a_crash(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project\n"})
    result = scan([str(tmp_path)], ScanOptions())
    assert result.findings == [] and "not valid TOML" in result.diagnostics[0].message


def test_the_app_related_location_is_its_definition(tmp_path):
    write(tmp_path, {"Procfile": "web: flask --app shop run\n",
                     "shop/__init__.py": "from flask import Flask\n\n\n@cached\ndef create_app():\n    return Flask(__name__)\n"})
    finding = by_rule(tmp_path, "FL301")
    (related,) = finding.related
    assert related.path.endswith("shop/__init__.py")
    assert (related.span.start.line, related.span.start.column, related.span.end.column) == (5, 1, 18)


def test_dev_paths_from_configuration_lower_a_finding(tmp_path, run_cli):
    write(tmp_path, {"deploy/staging/Procfile": "web: flask run\n", "deploy/prod/Procfile": "web: flask run\n",
                     "pyproject.toml": '[tool.flasklint]\ndev-paths = ["deploy/staging/*"]\n'})
    code, out, _ = run_cli("check", "--format", "json", str(tmp_path))
    document = json.loads(out)
    assert [Path(f["path"]).parent.name for f in document["findings"]] == ["prod"]
    assert document["hidden"] == {"development": 1}
    code, out, _ = run_cli("check", "--format", "json", "--include-dev", str(tmp_path))
    severities = {Path(f["path"]).parent.name: (f["severity"], f["message"]) for f in json.loads(out)["findings"]}
    assert severities["prod"][0] == "high" and severities["staging"][0] == "low"
    assert "(development: it matches the dev-paths pattern 'deploy/staging/*')" in severities["staging"][1]
